from anju.lib.fusion.sources import HOME, OTHER, PROPERTY, WORKPLACE, source_defaults


def test_known_feeds_and_their_address_meaning():
    assert source_defaults("door").meaning == HOME
    assert source_defaults("lock").meaning == HOME
    assert source_defaults("employment").meaning == WORKPLACE
    assert source_defaults("utility").meaning == PROPERTY
    assert source_defaults("hotel").meaning == "stay"


def test_aliases_in_chinese_and_words_inside_names():
    assert source_defaults("门禁").kind == "door"
    assert source_defaults("社保").kind == "employment"
    assert source_defaults("西湖区水电气").kind == "utility"
    assert source_defaults("Hotel ").kind == "hotel"


def test_names_other_departments_give_the_same_feeds():
    assert source_defaults("social_security").kind == "employment"
    assert source_defaults("社会保险").kind == "employment"
    assert source_defaults("utilities").kind == "utility"
    assert [source_defaults(n).kind for n in ("building_entrance", "payroll", "民宿登记", "学生信息")] == [
        "door", "employment", "hotel", "school"]


def test_unknown_feed_says_nothing_about_homes():
    d = source_defaults("parcel lockers")
    assert d.kind == "other" and d.meaning == OTHER and d.trust == 0.5


def test_rental_filings_and_grid_workers_visits_are_homes():
    for name in ("rental", "租赁备案", "出租屋登记", "lease", "网格员走访", "入户采集", "grid_visit"):
        assert source_defaults(name).meaning == HOME, name
    assert source_defaults("出租车").meaning == OTHER  # a taxi, not a rented room
    assert source_defaults("state_grid").meaning == OTHER  # the power company (国家电网), not a grid worker
