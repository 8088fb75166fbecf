"""The event model: incidents of several reports that tell one act, and the record reconciled from them.

An :class:`Event` groups :class:`MergeItem`\\ s (an incident plus what is known of its report). Each
of its fields is a :class:`Sourced` value that cites the incidents it came from; where the reports
disagree (two days, two counts, two places) the event keeps a :class:`Disagreement` listing every
value with its sources, rather than hiding it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sillok.merge.features import QuoteFeatures
from sillok.models import SPECIFICITY, DateRange, Incident, Location, Victims

#: An incident's key: ``"doc#index"`` for JSON Lines input, the ``incidents.id`` row id in the store.
Key = str | int
T = TypeVar("T")

#: Perpetrator codes that name no organ: a report naming an organ is more specific.
GENERIC_PERPETRATORS = frozenset({"state", "other"})


@dataclass(frozen=True, slots=True)
class MergeItem:
    """One incident to merge, with its report's id, publication date, outlet and language.

    ``features`` are those of the incident's quote; ``near`` those of the quote with the sentences
    around it (:func:`sillok.merge.features.quote_window`); ``context`` those of its whole report
    (:func:`sillok.merge.features.report_features`); the last two empty when the text is not at hand.
    """

    key: Key
    doc_id: str
    incident: Incident
    published: dt.date | None = None
    outlet: str | None = None
    language: str | None = None
    features: QuoteFeatures = field(default_factory=QuoteFeatures, compare=False)
    near: QuoteFeatures = field(default_factory=QuoteFeatures, compare=False)
    context: QuoteFeatures = field(default_factory=QuoteFeatures, compare=False)

    @property
    def type(self) -> str:
        return self.incident.type


@dataclass(frozen=True, slots=True)
class Sourced(Generic[T]):
    """A reconciled value and the keys of the incidents that state it."""

    value: T
    sources: tuple[Key, ...] = ()


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Reports of one event that give different values for one field: every value, with its sources."""

    field: str
    values: tuple[Sourced[Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "values": [{"value": _plain(v.value), "sources": list(v.sources)} for v in self.values],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, (DateRange, Location, Victims)):
        return value.to_dict()
    return value


@dataclass(frozen=True, slots=True)
class Event:
    """One act told by one or more reports."""

    id: str
    type: str
    items: tuple[MergeItem, ...]
    date: Sourced[DateRange | None]
    location: Sourced[Location | None]
    victims: Sourced[Victims | None]
    perpetrator: Sourced[str | None]
    reason: Sourced[str | None]
    disagreements: tuple[Disagreement, ...] = ()
    sources: int = 1  # independent sources: near-duplicate reports count once
    case_id: str | None = None

    @property
    def keys(self) -> tuple[Key, ...]:
        return tuple(i.key for i in self.items)

    @property
    def reports(self) -> int:
        return len({i.doc_id for i in self.items})

    @property
    def outlets(self) -> int:
        return len({i.outlet for i in self.items if i.outlet})

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.id,
            "case": self.case_id,
            "type": self.type,
            "date": self.date.value.to_dict() if self.date.value else None,
            "location": self.location.value.to_dict() if self.location.value else None,
            "victims": self.victims.value.to_dict() if self.victims.value else None,
            "perpetrator": self.perpetrator.value,
            "reason": self.reason.value,
            "reports": self.reports,
            "sources": self.sources,
            "incidents": [{"key": i.key, "doc_id": i.doc_id} for i in self.items],
            "cites": {
                "date": list(self.date.sources),
                "location": list(self.location.sources),
                "victims": list(self.victims.sources),
                "perpetrator": list(self.perpetrator.sources),
                "reason": list(self.reason.sources),
            },
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


# -- reconciliation --------------------------------------------------------------------------------


def _group(values: Sequence[tuple[Any, Key]]) -> tuple[Sourced[Any], ...]:
    """Distinct values in first-seen order, each with the keys that state it."""
    order: dict[Any, list[Key]] = {}
    for value, key in values:
        order.setdefault(value, []).append(key)
    return tuple(Sourced(v, tuple(ks)) for v, ks in order.items())


def reconcile_date(items: Sequence[MergeItem]) -> tuple[Sourced[DateRange | None], Disagreement | None]:
    """The narrowest interval consistent with every dated report (their intersection).

    When the intervals do not all overlap (a report got the day wrong), the narrowest interval shared
    by the most reports is chosen and the disagreement kept.
    """
    dated = [(i.incident.date, i.key) for i in items if i.incident.date is not None]
    if not dated:
        return Sourced(None, ()), None
    start = max(d.start for d, _ in dated)
    end = min(d.end for d, _ in dated)
    if start <= end:
        return Sourced(DateRange(start, end), tuple(k for _, k in dated)), None
    groups = _group(dated)
    # the day covered by the most reports (the largest set of intervals that share a day), then the
    # narrowest intersection, then the earliest: an interval graph's largest clique
    best: tuple[int, int, int] | None = None
    chosen = dated[0][0]
    consistent: list[Key] = []
    for point in sorted({d.start for d, _ in dated}):
        members = [(d, k) for d, k in dated if d.start <= point <= d.end]
        inter = DateRange(max(d.start for d, _ in members), min(d.end for d, _ in members))
        rank = (-len(members), (inter.end - inter.start).days, point.toordinal())
        if best is None or rank < best:
            best, chosen, consistent = rank, inter, [k for _, k in members]
    keys = tuple(consistent)
    return Sourced(chosen, keys), Disagreement("date", groups)


def _levels(loc: Location) -> int:
    return sum(1 for v in (loc.country, loc.admin1, loc.admin2, loc.place) if v)


def _consistent(a: Location, b: Location) -> bool:
    """Neither place contradicts the other (each level equal, or null on one side)."""
    for x, y in ((a.country, b.country), (a.admin1, b.admin1), (a.admin2, b.admin2), (a.place, b.place)):
        if x and y and x != y:
            return False
    return True


def reconcile_location(items: Sequence[MergeItem]) -> tuple[Sourced[Location | None], Disagreement | None]:
    """The most specific place, filled in level by level from the reports that agree with it."""
    located = [(i.incident.location, i.key) for i in items if i.incident.location is not None]
    if not located:
        return Sourced(None, ()), None
    groups = _group(located)

    def rank(s: Sourced[Any]) -> tuple[int, int]:
        agree = sum(1 for loc, _ in located if _consistent(loc, s.value))
        return (-agree, -_levels(s.value))

    best: Location = min(groups, key=rank).value
    consistent = [(loc, k) for loc, k in located if _consistent(loc, best)]
    merged = Location(
        next((x.country for x, _ in consistent if x.country), None),
        next((x.admin1 for x, _ in consistent if x.admin1), None),
        next((x.admin2 for x, _ in consistent if x.admin2), None),
        next((x.place for x, _ in consistent if x.place), None),
    )
    disagreement = Disagreement("location", groups) if len(consistent) < len(located) else None
    return Sourced(merged, tuple(k for _, k in consistent)), disagreement


def counts_consistent(a: Victims, b: Victims) -> bool:
    """Two counts that can describe one group: equal, or one a bound the other meets."""
    if a.count == b.count:
        return True
    for x, y in ((a, b), (b, a)):
        if x.qualifier == "at_least" and y.count >= x.count and y.qualifier != "at_least":
            return True
        if x.qualifier == "about" and abs(y.count - x.count) <= max(2, round(0.25 * x.count)):
            return True
    if a.qualifier == "at_least" and b.qualifier == "at_least":
        return True
    return False


def reconcile_victims(items: Sequence[MergeItem]) -> tuple[Sourced[Victims | None], Disagreement | None]:
    """The most precise count that the others allow ("at least 10" and 12 give 12 exact)."""
    counted = [(i.incident.victims, i.key) for i in items if i.incident.victims is not None]
    if not counted:
        return Sourced(None, ()), None
    groups = _group(counted)
    precision = {"exact": 0, "about": 1, "at_least": 2}

    def rank(s: Sourced[Any]) -> tuple[int, int, int]:
        v: Victims = s.value
        agree = sum(1 for o, _ in counted if counts_consistent(o, v))
        return (-agree, precision[v.qualifier], -len(s.sources))

    best: Victims = min(groups, key=rank).value
    consistent = tuple(k for v, k in counted if counts_consistent(v, best))
    disagreement = Disagreement("victims", groups) if len(consistent) < len(counted) else None
    return Sourced(best, consistent), disagreement


def reconcile_code(
    items: Sequence[MergeItem], name: str, generic: frozenset[str] = frozenset()
) -> tuple[Sourced[str | None], Disagreement | None]:
    """The code most reports give, preferring a specific one to a generic one (``state``)."""
    coded = [(getattr(i.incident, name), i.key) for i in items if getattr(i.incident, name) is not None]
    if not coded:
        return Sourced(None, ()), None
    counts = Counter(v for v, _ in coded)
    first = {v: n for n, (v, _) in reversed(list(enumerate(coded)))}
    specific = [v for v in counts if v not in generic]
    pool = specific or list(counts)
    best = min(pool, key=lambda v: (-counts[v], first[v]))
    disagreement = Disagreement(name, _group(coded)) if len(specific) > 1 else None
    return Sourced(best, tuple(k for v, k in coded if v == best)), disagreement


def build_event(event_id: str, items: Sequence[MergeItem], sources: int | None = None) -> Event:
    """Reconcile the incidents of one event into its record."""
    if not items:
        raise ValueError("an event needs at least one incident")
    date, d1 = reconcile_date(items)
    location, d2 = reconcile_location(items)
    victims, d3 = reconcile_victims(items)
    perpetrator, d4 = reconcile_code(items, "perpetrator", GENERIC_PERPETRATORS)
    reason, d5 = reconcile_code(items, "reason")
    etype = min((i.type for i in items), key=lambda t: SPECIFICITY[t])
    return Event(
        id=event_id,
        type=etype,
        items=tuple(items),
        date=date,
        location=location,
        victims=victims,
        perpetrator=perpetrator,
        reason=reason,
        disagreements=tuple(d for d in (d1, d2, d3, d4, d5) if d is not None),
        sources=sources if sources is not None else len({i.doc_id for i in items}),
    )
