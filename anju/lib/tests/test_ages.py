from datetime import date

from anju.lib.ages import births_for_ages, born_by, elderly_births, health_service_births, working_age_births


def test_a_birthday_makes_the_age_and_29_february_turns_on_1_march_in_a_common_year():
    assert born_by(date(2026, 11, 25), 60) == date(1966, 11, 25)
    assert born_by(date(2024, 2, 29), 1) == date(2023, 2, 28)
    first, last = births_for_ages(date(2026, 2, 28), 18, 18)
    assert first <= date(2008, 2, 28) <= last and not first <= date(2008, 2, 29) <= last
    first, last = births_for_ages(date(2026, 3, 1), 18, 18)
    assert first <= date(2008, 2, 29) <= last


def test_the_health_service_reads_children_under_seven_and_people_sixty_five_and_over():
    (child_first, child_last), (old_first, old_last) = health_service_births(date(2026, 11, 25))
    assert (child_first, child_last) == (date(2019, 11, 26), date(2026, 11, 25))  # 0 to 6 full years: not yet 7
    assert old_first is None and old_last == date(1961, 11, 25)  # 65 today


def test_working_age_is_sixteen_to_fifty_nine_and_the_elderly_sixty_and_over():
    assert working_age_births(date(2026, 11, 25)) == (date(1966, 11, 26), date(2010, 11, 25))
    assert elderly_births(date(2026, 11, 25)) == (None, date(1966, 11, 25))
