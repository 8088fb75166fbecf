"""Calendar arithmetic behind the codebook's date table (§3), shared by every language.

The language modules recognise a time expression and call these functions to turn it into an
inclusive :class:`~sillok.models.DateRange`, relative to the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

from sillok.models import DateRange

#: Parts of a month: early = 1-10, mid = 11-20, late = 21-end.
MONTH_PARTS = ("early", "mid", "late")
#: Parts of a year: early = Jan-Apr, mid = May-Aug, late = Sep-Dec; "end" = December.
YEAR_PARTS = ("early", "mid", "late", "end")
SEASONS = ("spring", "summer", "autumn", "winter")

#: Fixed-date holidays (month, day).
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "kim_il_sung_birthday": (4, 15),
    "kim_jong_il_birthday": (2, 16),
    "party_founding": (10, 10),
    "foundation_day": (9, 9),
    "victory_day": (7, 27),
}
#: Lunar holidays (lunar month, lunar day).
LUNAR_HOLIDAYS: dict[str, tuple[int, int]] = {
    "seollal": (1, 1),
    "chuseok": (8, 15),
    "dano": (5, 5),
}


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def whole_month(year: int, month: int) -> DateRange:
    return DateRange(dt.date(year, month, 1), dt.date(year, month, last_day(year, month)))


def month_part(year: int, month: int, part: str | None) -> DateRange:
    """A month, or its early (1-10), mid (11-20) or late (21-end) part."""
    if part is None:
        return whole_month(year, month)
    if part == "early":
        return DateRange(dt.date(year, month, 1), dt.date(year, month, 10))
    if part == "mid":
        return DateRange(dt.date(year, month, 11), dt.date(year, month, 20))
    if part == "late":
        return DateRange(dt.date(year, month, 21), dt.date(year, month, last_day(year, month)))
    raise ValueError(f"unknown month part {part!r}")


def year_part(year: int, part: str | None) -> DateRange:
    """A year, or its early (Jan-Apr), mid (May-Aug), late (Sep-Dec) part, or its end (December)."""
    if part is None:
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if part == "early":
        return DateRange(dt.date(year, 1, 1), dt.date(year, 4, 30))
    if part == "mid":
        return DateRange(dt.date(year, 5, 1), dt.date(year, 8, 31))
    if part == "late":
        return DateRange(dt.date(year, 9, 1), dt.date(year, 12, 31))
    if part == "end":
        return DateRange(dt.date(year, 12, 1), dt.date(year, 12, 31))
    raise ValueError(f"unknown year part {part!r}")


def season(year: int, name: str) -> DateRange:
    """A season of ``year``; winter runs from December of ``year`` to the end of February after."""
    if name == "spring":
        return DateRange(dt.date(year, 3, 1), dt.date(year, 5, 31))
    if name == "summer":
        return DateRange(dt.date(year, 6, 1), dt.date(year, 8, 31))
    if name == "autumn":
        return DateRange(dt.date(year, 9, 1), dt.date(year, 11, 30))
    if name == "winter":
        return DateRange(dt.date(year, 12, 1), dt.date(year + 1, 2, last_day(year + 1, 2)))
    raise ValueError(f"unknown season {name!r}")


def latest_season(name: str, published: dt.date) -> DateRange:
    """The latest such season that started on or before publication."""
    year = published.year
    while season(year, name).start > published:
        year -= 1
    return season(year, name)


def year_for(month: int, day: int | None, published: dt.date) -> int:
    """The latest year that puts (month, day) on or before publication."""
    year = published.year
    day = day or 1
    if (month, day) > (published.month, published.day):
        year -= 1
    return year


def safe_day(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (Feb 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_of_month(day: int, published: dt.date, months_back: int = 0) -> dt.date | None:
    """'On the 15th', '26일': that day in the publication month (or ``months_back`` before);
    the month before when the day falls after publication."""
    year, month = add_months(published.year, published.month, -months_back)
    if months_back == 0 and day > published.day:
        year, month = add_months(year, month, -1)
    return safe_day(year, month, day)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def previous_month(published: dt.date, part: str | None = None) -> DateRange:
    """'Last month' (or its early/mid/late part)."""
    year, month = add_months(published.year, published.month, -1)
    return month_part(year, month, part)


def this_month(published: dt.date, part: str | None = None) -> DateRange:
    """'Early this month' (1-10), 'mid'/'late this month'; with no part, the 1st to publication."""
    if part is None:
        return DateRange(published.replace(day=1), published)
    return month_part(published.year, published.month, part)


def latest_month(month: int, published: dt.date, strictly_before: bool = False) -> int:
    """The year of the latest such month on or before the publication month (or strictly before)."""
    if month < published.month or (month == published.month and not strictly_before):
        return published.year
    return published.year - 1


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weeks_ago(published: dt.date, n: int = 1) -> DateRange:
    """'Last week' (n=1), 'N weeks ago': Monday to Sunday of that week."""
    start = monday(published) - dt.timedelta(weeks=n)
    return DateRange(start, start + dt.timedelta(days=6))


def last_weekend(published: dt.date) -> DateRange:
    """The Saturday before publication and the Sunday after it."""
    days_back = (published.weekday() - 5) % 7 or 7
    saturday = published - dt.timedelta(days=days_back)
    return DateRange(saturday, saturday + dt.timedelta(days=1))


def weekday_on_or_before(published: dt.date, weekday: int) -> DateRange:
    """'On Sunday', 'last Monday': the latest such day (0 = Monday) on or before publication."""
    back = (published.weekday() - weekday) % 7
    return DateRange.day(published - dt.timedelta(days=back))


def this_year(published: dt.date) -> DateRange:
    return DateRange(dt.date(published.year, 1, 1), published)


def years_ago(published: dt.date, n: int) -> DateRange:
    return year_part(published.year - n, None)


def since(start: dt.date, published: dt.date) -> DateRange | None:
    return DateRange(start, published) if start <= published else None


@lru_cache(maxsize=512)
def lunar_to_solar(year: int, lunar_month: int, lunar_day: int) -> dt.date | None:
    """The Gregorian date of a Korean lunar date in ``year`` (KARI tables, korean-lunar-calendar)."""
    from korean_lunar_calendar import KoreanLunarCalendar

    cal = KoreanLunarCalendar()
    if not cal.setLunarDate(year, lunar_month, lunar_day, False):
        return None
    return dt.date.fromisoformat(cal.SolarIsoFormat())


def holiday(name: str, published: dt.date, year: int | None = None) -> DateRange | None:
    """A named holiday in ``year``, or the latest one on or before publication."""

    def on(y: int) -> dt.date | None:
        if name in FIXED_HOLIDAYS:
            return safe_day(y, *FIXED_HOLIDAYS[name])
        if name in LUNAR_HOLIDAYS:
            return lunar_to_solar(y, *LUNAR_HOLIDAYS[name])
        raise ValueError(f"unknown holiday {name!r}")

    if year is not None:
        day = on(year)
        return DateRange.day(day) if day else None
    for y in (published.year, published.year - 1):
        day = on(y)
        if day and day <= published:
            return DateRange.day(day)
    return None
