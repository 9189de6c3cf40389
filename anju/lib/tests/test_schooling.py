from datetime import date

from anju.lib.schooling import school_age_births


def test_school_age_is_grades_one_to_nine_now_and_next_autumn_s_first_grade():
    # in November 2026 grade 9 turned 14 by 31 August 2026; next autumn's first grade turns 6 by 31 August 2027
    assert school_age_births(date(2026, 11, 23)) == (date(2011, 9, 1), date(2021, 8, 31))
    assert school_age_births(date(2026, 9, 1)) == (date(2011, 9, 1), date(2021, 8, 31))


def test_before_september_the_school_year_is_the_one_that_began_last_autumn():
    assert school_age_births(date(2026, 8, 31)) == (date(2010, 9, 1), date(2020, 8, 31))
    assert school_age_births(date(2026, 3, 1)) == (date(2010, 9, 1), date(2020, 8, 31))
