"""Publication dates: a document's own ``published`` value, or the date in its URL.

The codebook resolves a report's dates against its publication date ("yesterday", "in March" =
the latest March on or before publication). When a document has no ``published`` but its URL
carries a date, that date is the publication context:

- a full date (``/2020/04/24/``, ``2020-04-24``, ``20200424``) is the publication date itself
  (precision ``"day"``);
- a year and month only (``/2020/04/``) gives the **last day of that month** (precision
  ``"month"``), a year only (``/2020/``) the **last day of that year** (precision ``"year"``).

Why the last day: the report was published on some day of that month, and the codebook resolves
a date without a year as "the latest that puts it on or before publication". Of all the days the
report may have been published on, the last one is the only one that never pushes a date told in
that month into the year before ("on April 5" in a report from ``/2020/04/`` is 5 April 2020, not
2019); the first of the month would do so for every day after the 1st. The cost is that
expressions counted back from the day of publication ("yesterday", "last week") are not exact;
``Document.published_precision`` tells the extractor so, and it may leave those undated.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

#: Precisions of a publication date, most precise first.
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

#: Years accepted in a URL or a ``published`` value.
MIN_YEAR = 1945
MAX_YEAR = 2099


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date and how much of it is known (``day``, ``month`` or ``year``)."""

    date: dt.date
    precision: str = "day"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _make(year: int, month: int | None, day: int | None) -> Published | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return Published(dt.date(year, 12, 31), "year")
    if not 1 <= month <= 12:
        return None
    if day is None:
        return Published(dt.date(year, month, _last_day(year, month)), "month")
    try:
        return Published(dt.date(year, month, day), "day")
    except ValueError:
        return None


# A full date with separators, anywhere in the path or query: 2020/04/24, 2020-04-24, 2020_04_24, 2020.04.24.
_YMD_RE = re.compile(r"(?<!\d)(\d{4})([/\-_.])(\d{1,2})\2(\d{1,2})(?!\d)")
# Eight digits YYYYMMDD standing alone, or opening a 12/14-digit time stamp (YYYYMMDDhhmm[ss]).
_COMPACT_RE = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(\d{4}|\d{6})?(?!\d)")
# Year and month as two path segments: /2020/04/ (or /2020/04 at the end, or /2020/04-slug).
_YM_RE = re.compile(r"/(\d{4})/(\d{1,2})(?=/|$|[-_.][A-Za-z])")
# Year-month in one segment: /2020-04/.
_YM_DASH_RE = re.compile(r"/(\d{4})-(\d{1,2})(?=/|$)")
# A year as a whole path segment: /2020/.
_Y_RE = re.compile(r"/(\d{4})(?=/|$)")


def _valid_time(stamp: str | None) -> bool:
    if not stamp:
        return True
    hour, minute = int(stamp[:2]), int(stamp[2:4])
    second = int(stamp[4:6]) if len(stamp) == 6 else 0
    return hour < 24 and minute < 60 and second < 60


def date_from_url(url: str | None) -> Published | None:
    """The most precise publication date in ``url``'s path and query (the host is ignored).

    Day beats month beats year; among equals the first in the URL wins. ``None`` when the URL
    has no plausible date (years 1945-2099, a real calendar day).
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    path = unquote(parts.path or "")
    where = path + ("?" + unquote(parts.query) if parts.query else "")
    invalid: list[tuple[int, int]] = []  # spans of full dates that are not calendar days
    for m in _YMD_RE.finditer(where):
        found = _make(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if found:
            return found
        invalid.append(m.span())
    for m in _COMPACT_RE.finditer(where):
        if _valid_time(m.group(4)):
            found = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if found:
                return found
    for pattern in (_YM_RE, _YM_DASH_RE):
        for m in pattern.finditer(path):
            if any(start <= m.start() + 1 < end for start, end in invalid):
                continue  # the year and month of a malformed full date (2020/02/30) are not trusted
            found = _make(int(m.group(1)), int(m.group(2)), None)
            if found:
                return found
    for m in _Y_RE.finditer(path):
        if any(start <= m.start() + 1 < end for start, end in invalid):
            continue
        found = _make(int(m.group(1)), None, None)
        if found:
            return found
    return None


_PUBLISHED_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TIME_RE = re.compile(r"[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


def parse_published(value: object) -> Published | None:
    """A document's ``published`` value: ``YYYY-MM-DD`` (a time after it, ``T...``, is allowed and
    dropped), or ``YYYY-MM`` / ``YYYY`` (taken as the last day of that month / year, as for URLs).

    ``None`` for null or an empty string. Raises :class:`ValueError` with the reason otherwise.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Published(value, "day")
    if not isinstance(value, str):
        raise ValueError(f"published {value!r} is not a date string (YYYY-MM-DD)")
    text = value.strip()
    m = _PUBLISHED_RE.match(text)
    rest = text[m.end() :] if m else text
    if not m or (rest and not (m.group(3) and _TIME_RE.fullmatch(rest))):
        raise ValueError(f"published {value!r} is not a date (YYYY-MM-DD)")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    found = _make(year, int(month) if month else None, int(day) if day else None)
    if found is None:
        raise ValueError(f"published {value!r} is not a real date between {MIN_YEAR} and {MAX_YEAR}")
    return found
