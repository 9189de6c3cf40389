"""Ages in full years (周岁) as birth-date ranges, for the departments' slices of the register (accounts/choices.py:
DEPARTMENT_READS). Pure Python, no Django.

A person is N full years old from their Nth birthday; one born on 29 February turns a year older on 1 March in a
common year. The slices a department's duty names are age bands, and a band of ages today is a range of birth dates,
so the register is filtered on its birth-date column (indexed, no one's age computed row by row).
"""
from datetime import date, timedelta

# 国家基本公共卫生服务规范: health management and vaccination of children aged 0–6, and the yearly health check of
# people aged 65 and over.
HEALTH_CHILD_AGES = (0, 6)
HEALTH_ELDERLY_AGE = 65
# 劳动年龄人口 as the National Bureau of Statistics counts it: 16 to 59 full years.
WORKING_AGES = (16, 59)
# 老年人权益保障法 art. 2: the elderly are those aged 60 and over.
ELDERLY_AGE = 60


def born_by(today: date, age: int) -> date:
    """The last birth date of those who have turned `age` by `today`."""
    try:
        return today.replace(year=today.year - age)
    except ValueError:  # today is 29 February and that year has none: who was born on the 28th has turned
        return date(today.year - age, 2, 28)


def births_for_ages(today: date, youngest: int, oldest: int | None = None) -> tuple[date | None, date]:
    """The first and last birth dates (inclusive) of the people aged `youngest` to `oldest` full years today; the
    first is None when there is no upper age."""
    last = born_by(today, youngest)
    first = None if oldest is None else born_by(today, oldest + 1) + timedelta(days=1)
    return first, last


def health_service_births(today: date) -> list[tuple[date | None, date]]:
    """The birth-date ranges of the basic public health service's two groups: children under 7, people 65 and over."""
    return [births_for_ages(today, *HEALTH_CHILD_AGES), births_for_ages(today, HEALTH_ELDERLY_AGE)]


def working_age_births(today: date) -> tuple[date, date]:
    return births_for_ages(today, *WORKING_AGES)


def elderly_births(today: date) -> tuple[None, date]:
    return births_for_ages(today, ELDERLY_AGE)
