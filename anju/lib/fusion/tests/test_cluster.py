from anju.lib.fusion.cluster import Groups, resolve


def test_same_valid_number_is_one_person_from_the_start():
    groups = Groups(["A", None, "A"])
    assert groups.find(0) == groups.find(2) and groups.find(1) != groups.find(0)


def test_two_valid_numbers_never_join_even_through_a_third_record():
    # 0 (A) - 1 (no number) - 2 (B): the stronger pair wins, the weaker is refused
    groups = resolve(["A", None, "B"], [(0, 1, 0.99), (1, 2, 0.98)], threshold=0.5)
    labels = groups.labels()
    assert labels[0] == labels[1] and labels[2] != labels[1]
    assert groups.conflicts == 1


def test_pairs_below_threshold_are_not_used():
    groups = resolve([None, None, None], [(0, 1, 0.9), (1, 2, 0.4)], threshold=0.5)
    labels = groups.labels()
    assert labels[0] == labels[1] != labels[2]
