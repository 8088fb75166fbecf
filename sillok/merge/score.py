"""Comparing two incidents of different reports: are they one act?

:func:`compare` returns ``None`` when the two cannot be one act (another type, the same report,
places or dates that contradict, counts far apart) and otherwise a score: the sum of the evidence
for (same day, same county, same count, same agency, same ages or sums or people described) and
against (a day apart, a count off by one, two different agencies, different ages).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sillok.merge.features import feature_score
from sillok.merge.model import GENERIC_PERPETRATORS, MergeItem, counts_consistent
from sillok.models import DateRange, Location

#: Types whose act spans two states (a handover at a border): the reports may place it in either.
CROSS_BORDER_TYPES = frozenset({"repatriation"})
#: Types where one report with a count and one without usually tell different acts.
COUNT_SPLITS_TYPES = frozenset({"official_punishment", "surveillance", "crackdown", "bribery"})


@dataclass(frozen=True, slots=True)
class MergeConfig:
    """The merging thresholds. Precision first: a wrong merge is worse than a missed one."""

    link_threshold: float = 3.0  # a pair scoring this much is a candidate link
    average_threshold: float = 2.5  # mean score of all cross pairs to join two clusters
    min_pair: float = 0.0  # every cross pair of a join must score at least this
    story_bonus: float = 0.75  # added when the two reports already share another event
    max_day_gap: int = 3  # days between two intervals allowed as a mistaken date
    undated_window_days: int = 120  # an undated act: within this many days before publication
    max_bucket_months: int = 24  # blocking: an interval longer than this is indexed in its first months


def effective_interval(item: MergeItem, config: MergeConfig) -> DateRange | None:
    """The item's date, or for an undated one the window before its report's publication."""
    if item.incident.date is not None:
        return item.incident.date
    if item.published is not None:
        return DateRange(item.published - dt.timedelta(days=config.undated_window_days), item.published)
    return None


def _gap(a: DateRange, b: DateRange) -> int:
    if a.overlaps(b):
        return 0
    return (b.start - a.end).days if a.end < b.start else (a.start - b.end).days


def _width(d: DateRange) -> int:
    return (d.end - d.start).days + 1


_ADMIN_SUFFIX = re.compile(r"\s+(?:province|county|city|district|gun|kun|si|do|guyok|kuyok)$")


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """A place name folded for comparison: no case, diacritics, punctuation or admin suffix."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = " ".join(re.sub(r"[^\w]+", " ", s.replace("'", "").replace("\u2019", "")).split())
    return _ADMIN_SUFFIX.sub("", s)


def _differ(x: str | None, y: str | None) -> bool:
    return bool(x and y and x != y and place_key(x) != place_key(y))


def _place_score(a: Location | None, b: Location | None, etype: str) -> float | None:
    if a is None or b is None:
        return -0.5
    score = 0.0
    if a.country and b.country and a.country != b.country:
        if etype in CROSS_BORDER_TYPES:
            return -0.5
        if a.admin1 and b.admin1:
            return None
        return -1.5  # a bare country against a province elsewhere: a vague or mistaken place
    if a.admin1 and b.admin1:
        if _differ(a.admin1, b.admin1):
            return None
        score += 0.3
    if a.admin2 and b.admin2:
        if _differ(a.admin2, b.admin2):
            return None
        score += 1.2
    if a.place and b.place:
        score += -0.5 if _differ(a.place, b.place) else 0.5
    if not (a.admin1 or b.admin1):
        score -= 0.3
    return score


def _date_score(a: MergeItem, b: MergeItem, config: MergeConfig) -> float | None:
    da, db = a.incident.date, b.incident.date
    if da is not None and db is not None:
        gap = _gap(da, db)
        if gap > config.max_day_gap:
            return None
        narrow_a, narrow_b = _width(da) <= 2, _width(db) <= 2
        if gap:
            return -1.0 * gap - (0.5 if narrow_a and narrow_b else 0.0)
        if narrow_a and narrow_b:
            return 2.0
        if narrow_a or narrow_b:
            return 1.0
        return 0.5 if max(_width(da), _width(db)) <= 31 else 0.2
    ea, eb = effective_interval(a, config), effective_interval(b, config)
    if ea is not None and eb is not None and _gap(ea, eb) > config.max_day_gap:
        return None
    return -0.3 if ea is not None and eb is not None else -0.5


def _count_score(a: MergeItem, b: MergeItem) -> float | None:
    va, vb = a.incident.victims, b.incident.victims
    if va is None and vb is None:
        return 0.0
    if va is None or vb is None:
        # acts on groups and officials are told with or without a count (an inspection of a unit, the
        # dismissal of one officer); for the others a missing count is the report's vagueness
        return -1.0 if a.type in COUNT_SPLITS_TYPES else -0.5
    if counts_consistent(va, vb):
        if va.count == vb.count and va.qualifier == vb.qualifier == "exact":
            return 1.0 + (0.5 if va.count >= 3 else 0.0)
        return 0.3
    diff = abs(va.count - vb.count)
    if diff <= 1 or max(va.count, vb.count) <= 1.25 * min(va.count, vb.count):
        return -1.5
    return None


def _code_score(a: str | None, b: str | None, same: float, differ: float) -> float:
    if a is None or b is None:
        return 0.0
    if a == b:
        return same if a not in GENERIC_PERPETRATORS else 0.3
    if a in GENERIC_PERPETRATORS or b in GENERIC_PERPETRATORS:
        return 0.0
    return differ


def compare(a: MergeItem, b: MergeItem, config: MergeConfig) -> float | None:
    """The evidence that two incidents of different reports tell one act, or ``None`` if they cannot."""
    if a.doc_id == b.doc_id or a.type != b.type:
        return None
    place = _place_score(a.incident.location, b.incident.location, a.type)
    if place is None:
        return None
    date = _date_score(a, b, config)
    if date is None:
        return None
    count = _count_score(a, b)
    if count is None:
        return None
    score = place + date + count
    score += _code_score(a.incident.perpetrator, b.incident.perpetrator, 1.0, -3.0)
    score += _code_score(a.incident.reason, b.incident.reason, 0.5, -0.5)
    score += feature_score(a.features, b.features)
    return round(score, 4)
