"""Comparing two incidents of different reports: are they one act?

:func:`compare` returns ``None`` when the two cannot be one act (another type, the same report,
places or dates that contradict, counts far apart) and otherwise a score: the sum of the evidence
for (same day, same county, same count, same agency, same ages or sums or people described) and
against (a day apart, a count off by one, two different agencies, different ages).

Extraction is imperfect, so: a field one side lacks is unknown and counts neither way; intervals a
few days apart are a mistaken day, and up to ``max_misread_gap`` days a costly misreading, not a
veto; two agency codes where both quotes name the same agency are a misreading; an undated
incident's quote may still name the month or day; and the sentences around a quote describe its
people when the quote itself does not (:func:`description_score`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from sillok.merge.features import feature_score, load_lexicon
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
    agency_misread_penalty: float = 1.0  # two perpetrator codes where both quotes name one agency
    reason_differ_penalty: float = 0.5  # two reasons: reasons are often read differently
    near_weight: float = 1.0  # weight of the quotes' neighbouring sentences against the quotes alone
    undated_score: float = -0.2  # one report or both give no date
    max_misread_gap: int = 14  # days between two intervals beyond which they are never one act
    misread_penalty: float = 2.0  # against two intervals further apart than max_day_gap
    day_gap_penalty: float = 0.5  # per day between two intervals that do not overlap
    undated_window_days: int = 120  # an undated act: within this many days before publication
    max_context: float = 1.25  # most evidence the two reports' shared places, ages and sums may add
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
        return 0.0  # a place not stated (or not extracted) is unknown, not a conflict
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
    return score


def _date_score(a: MergeItem, b: MergeItem, config: MergeConfig) -> float | None:
    da, db = a.incident.date, b.incident.date
    if da is not None and db is not None:
        gap = _gap(da, db)
        narrow_a, narrow_b = _width(da) <= 2, _width(db) <= 2
        if gap > config.max_day_gap:
            # beyond a mistaken day: a date misread from the text (the day of another act, the month
            # of publication) is still possible, but only strong agreement elsewhere can outweigh it
            if gap > config.max_misread_gap:
                return None
            return -config.misread_penalty - config.day_gap_penalty * config.max_day_gap
        if gap:
            # reports of one act often differ by a day or two (the day told, the day learnt)
            return -config.day_gap_penalty * gap - (0.5 if narrow_a and narrow_b else 0.0)
        if narrow_a and narrow_b:
            return 2.0
        if narrow_a or narrow_b:
            return 1.0
        return 0.5 if max(_width(da), _width(db)) <= 31 else 0.2
    ea, eb = effective_interval(a, config), effective_interval(b, config)
    if ea is not None and eb is not None and _gap(ea, eb) > config.max_day_gap:
        return None
    if _quoted_dates_conflict(a, b, config):
        return config.undated_score - config.misread_penalty
    return config.undated_score  # an undated act is unknown, not a conflict: little evidence either way


def _interval_conflicts(d: DateRange, months: frozenset[int], days: frozenset[int], slack: int) -> bool:
    """A coded interval that none of the months (or days of the month) a quote names can fall in."""
    if _width(d) > 62:
        return False
    if months:
        inside: set[int] = set()
        day = d.start
        while day <= d.end:
            inside.add(day.month)
            day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        if not inside & months:
            return True
    if days and _width(d) <= 2:
        near = {(d.start + dt.timedelta(days=k)).day for k in range(-slack, _width(d) + slack)}
        return not near & days
    return False


def _quoted_dates_conflict(a: MergeItem, b: MergeItem, config: MergeConfig) -> bool:
    """An undated incident whose quote still names a month or day that the other's date excludes.

    The date field may be missing where the quote says "on June 12" or "지난 8일" (an extraction that
    could not resolve it): the text is unknown's best evidence, and it can speak against a link.
    """
    da, db = a.incident.date, b.incident.date
    fa, fb = a.features, b.features
    if da is None and db is None:
        if fa.months and fb.months and not fa.months & fb.months:
            return True
        return bool(fa.days and fb.days and not (fa.months and fb.months) and not _days_close(fa.days, fb.days, config))
    dated, quoted = (da, fb) if da is not None else (db, fa)
    assert dated is not None
    return _interval_conflicts(dated, quoted.months, quoted.days, config.max_day_gap)


def _days_close(x: frozenset[int], y: frozenset[int], config: MergeConfig) -> bool:
    return any(abs(p - q) <= config.max_day_gap for p in x for q in y)


def _count_score(a: MergeItem, b: MergeItem) -> float | None:
    va, vb = a.incident.victims, b.incident.victims
    if va is None and vb is None:
        return 0.0
    if va is None or vb is None:
        # acts on groups and officials are told with or without a count (an inspection of a unit, the
        # dismissal of one officer); for the others a missing count is the report's vagueness
        return -1.0 if a.type in COUNT_SPLITS_TYPES else 0.0
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


def description_score(a: MergeItem, b: MergeItem, config: MergeConfig) -> float:
    """What the quotes state of the people, sums and places (:func:`feature_score`).

    Evidence against from the quotes themselves stands. Otherwise the quotes with their neighbouring
    sentences may say more (a quote that says only "the two were caught" after a sentence naming
    them); that counts at ``near_weight`` where it says more than the quotes alone, and at half that
    where the neighbours speak against (they may describe other people).
    """
    own = feature_score(a.features, b.features)
    if (
        own < 0
        or not (a.near.concepts or a.near.ages or a.near.amounts)
        or not (b.near.concepts or b.near.ages or b.near.amounts)
    ):
        return own
    near = feature_score(a.near, b.near)
    if near < 0:
        return own + config.near_weight * near / 2  # the neighbours describe other people: weaker
    return max(own, config.near_weight * near)


def _same_agency_named(a: MergeItem, b: MergeItem) -> bool:
    """Both quotes name one and the same agency (and no other): language-neutral concept ids."""
    lexicon = load_lexicon()
    ga = {c for c in a.features.concepts if lexicon.group(c) == "agency"}
    gb = {c for c in b.features.concepts if lexicon.group(c) == "agency"}
    return len(ga) == 1 and ga == gb


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
    differ = -3.0
    if _same_agency_named(a, b):
        # both quotes name the same agency: two different codes are a misreading of who acted
        differ = -config.agency_misread_penalty
    score += _code_score(a.incident.perpetrator, b.incident.perpetrator, 1.0, differ)
    score += _code_score(a.incident.reason, b.incident.reason, 0.5, -config.reason_differ_penalty)
    score += description_score(a, b, config)
    return round(score, 4)
