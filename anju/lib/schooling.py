"""Who is of compulsory-school age (义务教育适龄), for the education department's slice of the register.

Pure Python, no Django. China's nine years of compulsory education start in the September after a child turns six
(the cut-off is 31 August); a school year runs from 1 September. The enrolment checks of the coming autumn overlap
the current school year, so the ages read are the nine grades of the current school year and the first grade of the
next: ten birth cohorts.
"""
from datetime import date

GRADES = 9
START_AGE = 6  # turned by 31 August of the year of entry


def school_age_births(today: date) -> tuple[date, date]:
    """The first and last birth dates (inclusive) of the children in grades 1–9 of the current school year and of
    those who start grade 1 next September."""
    year = today.year if (today.month, today.day) >= (9, 1) else today.year - 1  # the current school year's start
    oldest = START_AGE + GRADES - 1  # the age by 31 August of `year` of those now in the last grade (14)
    first = date(year - oldest - 1, 9, 1)  # born after 31 August: not yet 15 by then
    last = date(year + 1 - START_AGE, 8, 31)  # turns 6 by 31 August next year: grade 1 next autumn
    return first, last
