"""Blocking and clustering: incidents of many reports into events, incrementally.

:class:`BlockingIndex` files each incident under (type, place key, month) buckets, so that a new
incident is compared only with incidents of its type, in a compatible province (or of unknown
place), whose dates fall in the same months (widened by the allowed mistake): never all pairs.

:class:`Merger` keeps the index and the clusters. ``add`` compares the new incidents with their
candidates only, scores the pairs (:func:`sillok.merge.score.compare`), and joins clusters greedily
from the best pair down, with a complete-linkage check: every cross pair must be compatible, their
mean score must reach the threshold, no report may appear twice in a cluster, and no human
``cannot`` constraint may be broken. Human ``must`` constraints are applied first and never undone.
A pair's score is raised by the evidence that its two reports tell one story (:meth:`Merger.story`):
the specific places, ages and sums both name, or an event they already share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from sillok.merge.features import context_score
from sillok.merge.model import Event, Key, MergeItem, build_event
from sillok.merge.score import CROSS_BORDER_TYPES, MergeConfig, compare, effective_interval, place_key

#: Incident types whose acts a case passes through (the same people, one act after another).
CASE_TYPES = frozenset(
    {"arrest", "interrogation", "abuse", "sentence", "execution", "killing", "repatriation", "surveillance"}
)


def _months(start: dt.date, end: dt.date, cap: int) -> list[int]:
    first = start.year * 12 + start.month - 1
    last = end.year * 12 + end.month - 1
    return list(range(first, min(last, first + cap - 1) + 1))


class BlockingIndex:
    """Buckets of incident keys by (type, place key, month); see the module doc."""

    def __init__(self, config: MergeConfig | None = None) -> None:
        self.config = config or MergeConfig()
        self._buckets: dict[tuple[Hashable, ...], list[Key]] = {}

    def __len__(self) -> int:
        return len(self._buckets)

    def _place_keys(self, item: MergeItem, query: bool) -> list[tuple[Hashable, ...]]:
        if item.type in CROSS_BORDER_TYPES:
            return [("X",)]
        loc = item.incident.location
        country = (loc.country if loc else None) or ("KP" if loc and loc.admin1 else None)
        if loc is None or not (loc.country or loc.admin1):
            return [("ALL",)] if query else [("N",), ("ALL",)]
        if loc.admin1:
            own = ("A", country, place_key(loc.admin1))
            return [own, ("C-", country), ("N",)] if query else [own, ("C*", country), ("ALL",)]
        return [("C*", country), ("N",)] if query else [("C-", country), ("C*", country), ("ALL",)]

    def _month_keys(self, item: MergeItem) -> list[Hashable]:
        interval = effective_interval(item, self.config)
        if interval is None:
            return ["undated"]
        slack = dt.timedelta(days=max(self.config.max_day_gap, self.config.max_misread_gap))
        return list(_months(interval.start - slack, interval.end + slack, self.config.max_bucket_months))

    def add(self, item: MergeItem) -> None:
        months = self._month_keys(item)
        for place in self._place_keys(item, query=False):
            for month in months:
                self._buckets.setdefault((item.type, *place, month), []).append(item.key)
            self._buckets.setdefault((item.type, *place, "any"), []).append(item.key)

    def candidates(self, item: MergeItem) -> set[Key]:
        """Keys of indexed incidents that may tell the same act (the item itself excluded)."""
        months = self._month_keys(item)
        found: set[Key] = set()
        for place in self._place_keys(item, query=True):
            if months == ["undated"]:
                found.update(self._buckets.get((item.type, *place, "any"), ()))
                continue
            for month in [*months, "undated"]:
                found.update(self._buckets.get((item.type, *place, month), ()))
        found.discard(item.key)
        return found


@dataclass
class MergeStats:
    comparisons: int = 0
    links: int = 0
    joins: int = 0


@dataclass
class Merger:
    """Incidents in, events out; keeps its index so that later reports join without re-merging."""

    config: MergeConfig = field(default_factory=MergeConfig)
    #: doc id -> id of its group of near-duplicate reports (reports absent count as their own source)
    source_of: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.items: dict[Key, MergeItem] = {}
        self.order: dict[Key, int] = {}
        self.index = BlockingIndex(self.config)
        self.stats = MergeStats()
        self._parent: dict[Key, Key] = {}
        self._members: dict[Key, list[Key]] = {}
        self._cannot: set[frozenset[Key]] = set()
        self._scores: dict[frozenset[Key], float | None] = {}
        self._story: set[frozenset[str]] = set()
        self._per_report: dict[tuple[str, str], int] = {}  # (doc id, type) -> incidents of that type

    # -- clusters (union-find with member lists) ------------------------------------------------
    def _root(self, key: Key) -> Key:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _union(self, a: Key, b: Key) -> Key:
        ra, rb = self._root(a), self._root(b)
        if ra == rb:
            return ra
        if self.order[rb] < self.order[ra]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        return ra

    def _register(self, item: MergeItem) -> None:
        if item.key in self.items:
            raise ValueError(f"incident {item.key!r} was added twice")
        self.items[item.key] = item
        self.order[item.key] = len(self.order)
        self._parent[item.key] = item.key
        self._members[item.key] = [item.key]
        self._per_report[(item.doc_id, item.type)] = self._per_report.get((item.doc_id, item.type), 0) + 1
        self.index.add(item)

    # -- scoring ----------------------------------------------------------------------------------
    def score(self, a: Key, b: Key) -> float | None:
        pair = frozenset((a, b))
        if pair not in self._scores:
            self.stats.comparisons += 1
            self._scores[pair] = compare(self.items[a], self.items[b], self.config)
        return self._scores[pair]

    def story(self, a: Key, b: Key) -> float:
        """Evidence that the two incidents' reports tell one story, which says they tell one act.

        The larger of the story bonus (the reports already share an event) and the specific places,
        ages and sums both reports name (:func:`context_score`). A story tells one act of a type once;
        where either report tells several acts of this type, the story says less of which is which,
        and counts half.
        """
        x, y = self.items[a], self.items[b]
        shared = self.config.story_bonus if frozenset((x.doc_id, y.doc_id)) in self._story else 0.0
        s = max(shared, context_score(x.context, y.context, self.config.max_context))
        if self._per_report.get((x.doc_id, x.type), 1) > 1 or self._per_report.get((y.doc_id, y.type), 1) > 1:
            s = min(s, max(shared, s / 2))
        return s

    def _effective(self, a: Key, b: Key) -> float | None:
        """The pair's score plus the evidence of their reports' story (:meth:`story`)."""
        s = self.score(a, b)
        if s is None:
            return None
        return s + self.story(a, b)

    def _story_pairs(self) -> set[frozenset[str]]:
        """Pairs of reports that tell at least one act in common (share a cluster)."""
        out: set[frozenset[str]] = set()
        for members in self._members.values():
            docs = sorted({self.items[k].doc_id for k in members})
            for i, a in enumerate(docs):
                for b in docs[i + 1 :]:
                    out.add(frozenset((a, b)))
        return out

    def _can_join(self, ra: Key, rb: Key) -> bool:
        left, right = self._members[ra], self._members[rb]
        docs = {self.items[k].doc_id for k in left}
        if any(self.items[k].doc_id in docs for k in right):
            return False
        total = 0.0
        for x in left:
            for y in right:
                if frozenset((x, y)) in self._cannot:
                    return False
                s = self._effective(x, y)
                if s is None or s < self.config.min_pair:
                    return False
                total += s
        return total / (len(left) * len(right)) >= self.config.average_threshold

    # -- public -------------------------------------------------------------------------------------
    def add_existing(self, groups: Iterable[Sequence[MergeItem]]) -> None:
        """Load events merged earlier (or decided by people): each group stays one cluster."""
        for group in groups:
            for item in group:
                self._register(item)
            for item in group[1:]:
                self._union(group[0].key, item.key)

    def constrain(self, must: Iterable[tuple[Key, Key]] = (), cannot: Iterable[tuple[Key, Key]] = ()) -> None:
        """Human decisions: ``must`` pairs are one event, ``cannot`` pairs never are."""
        for a, b in cannot:
            self._cannot.add(frozenset((a, b)))
        for a, b in must:
            if a in self.items and b in self.items:
                self._union(a, b)

    def add(self, items: Iterable[MergeItem], must: Iterable[tuple[Key, Key]] = ()) -> int:
        """Merge new incidents into the events; returns the number of joins made."""
        new = list(items)
        for item in new:
            self._register(item)
        self.constrain(must=must)
        scored: list[tuple[Key, Key, float]] = []
        seen_new = {item.key for item in new}
        for item in new:
            for other in self.index.candidates(item):
                if other in seen_new and self.order[other] > self.order[item.key]:
                    continue  # each new-new pair once
                s = self.score(item.key, other)
                slack = max(self.config.story_bonus, self.config.max_context)
                if s is not None and s >= self.config.link_threshold - slack:
                    a, b = sorted((item.key, other), key=self.order.__getitem__)
                    scored.append((a, b, s))
        # round 1 on the evidence of each pair alone; round 2 adds the story bonus to pairs of
        # reports that round 1 found telling a common act (the other acts of one story)
        self._story = set()
        joins = self._join(scored)
        self._story = self._story_pairs()
        joins += self._join(scored)
        self._story = set()
        self.stats.joins += joins
        return joins

    def _join(self, scored: list[tuple[Key, Key, float]]) -> int:
        pairs = []
        for a, b, _ in scored:
            s = self._effective(a, b)
            if s is not None and s >= self.config.link_threshold:
                pairs.append((-s, self.order[a], self.order[b], a, b))
        pairs.sort()
        self.stats.links += len(pairs)
        joins = 0
        for _, _, _, a, b in pairs:
            ra, rb = self._root(a), self._root(b)
            if ra != rb and self._can_join(ra, rb):
                self._union(ra, rb)
                joins += 1
        return joins

    def clusters(self) -> list[list[Key]]:
        """Each cluster's keys in input order, clusters in order of their first incident."""
        out = [sorted(m, key=self.order.__getitem__) for m in self._members.values()]
        return sorted(out, key=lambda m: self.order[m[0]])

    def event_of(self) -> dict[Key, int]:
        """Key -> index of its cluster in :meth:`clusters`."""
        return {k: n for n, members in enumerate(self.clusters()) for k in members}

    def events(self, id_of: Callable[[int, list[Key]], str] | None = None) -> list[Event]:
        """The reconciled events; ids ``E0001``... in order of first appearance unless ``id_of`` says."""
        events = []
        name = id_of or (lambda n, _members: f"E{n + 1:04d}")
        for n, members in enumerate(self.clusters()):
            items = [self.items[k] for k in members]
            sources = len({self.source_of.get(i.doc_id, i.doc_id) for i in items})
            events.append(build_event(name(n, members), items, sources))
        return link_cases(events)


def _case_pairs(items: Sequence[MergeItem]) -> Iterator[tuple[MergeItem, MergeItem]]:
    """Pairs of incidents of one report that concern the same people in different acts."""
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.type == b.type or a.type not in CASE_TYPES or b.type not in CASE_TYPES:
                continue
            same_quote = a.incident.quote and a.incident.quote == b.incident.quote
            va, vb = a.incident.victims, b.incident.victims
            same_people = va is not None and vb is not None and va.count == vb.count
            la, lb = a.incident.location, b.incident.location
            same_area = la is None or lb is None or la.admin1 is None or lb.admin1 is None or la.admin1 == lb.admin1
            if same_area and (same_quote or same_people):
                yield a, b


def link_cases(events: list[Event]) -> list[Event]:
    """Give events that one report tells as acts of one case (the same people) a shared case id."""
    event_of = {item.key: n for n, ev in enumerate(events) for item in ev.items}
    parent = list(range(len(events)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_doc: dict[str, list[MergeItem]] = {}
    for ev in events:
        for item in ev.items:
            by_doc.setdefault(item.doc_id, []).append(item)
    for doc_items in by_doc.values():
        for a, b in _case_pairs(doc_items):
            ra, rb = root(event_of[a.key]), root(event_of[b.key])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    sizes: dict[int, int] = {}
    for n in range(len(events)):
        sizes[root(n)] = sizes.get(root(n), 0) + 1
    out = []
    for n, ev in enumerate(events):
        r = root(n)
        case = ("C" + events[r].id.lstrip("E")) if sizes[r] > 1 else None
        out.append(replace(ev, case_id=case))
    return out
