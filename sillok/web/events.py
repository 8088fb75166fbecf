"""Events in the browser: the events list and its facets, one event's page, and reviewers' split/join.

Functions over an open ``sqlite3.Connection`` (the web server's read or write connection); the routes
are in :mod:`sillok.web.plugin`, the merging itself in :mod:`sillok.merge.store`. An event's page reads
through indexes only (``events.event_key``, ``event_incidents_event``, ``events_case``, and
``audit_incident`` for the decisions, whose rows have no incident): it never scans the incidents.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sillok.errors import NotFoundError, ValidationError
from sillok.merge.store import StoredEvent, join_events, split_event

PAGE_SIZE = 50
FACET_SIZE = 30
NONE = "(none)"  #: a facet value standing for "not known" (NULL)

#: facet name -> its SQL expression over ``events``
FACETS: tuple[tuple[str, str], ...] = (
    ("type", "type"),
    ("admin1", "admin1"),
    ("year", "substr(date_start, 1, 4)"),
    ("reports", "reports"),
    ("sources", "sources"),
)
_NUMERIC = frozenset({"reports", "sources"})
#: most corroborated first (independent sources, then reports), then by date: as ``list_events``
ORDER = "sources DESC, reports DESC, date_start IS NULL, date_start, id"
#: the reconciled fields that cite the incidents they came from, with their labels
CITED: tuple[tuple[str, str], ...] = (
    ("date", "Date"),
    ("location", "Location"),
    ("victims", "Victims"),
    ("perpetrator", "Perpetrator"),
    ("reason", "Reason"),
)

EVENT_SQL = "SELECT * FROM events WHERE event_key = ?"
MEMBERS_SQL = """SELECT incident_id, type, date_start, date_end, country, admin1, admin2, place, victims_count,
       victims_qualifier, perpetrator, reason, status, quote, document_id, doc_id, report_title, published,
       outlet, language, added_by
FROM event_members WHERE event_id = ? ORDER BY published IS NULL, published, doc_id, incident_id"""
SAME_CASE_SQL = f"SELECT * FROM events WHERE case_key = ? AND id != ? ORDER BY {ORDER}"
#: incident ids and report ids of a list of events (a JSON array of event ids: no limit on their number)
LINKS_SQL = """SELECT ei.event_id, ei.incident_id, d.doc_id FROM event_incidents ei
JOIN incidents i ON i.id = ei.incident_id JOIN documents d ON d.id = i.document_id
WHERE ei.event_id IN (SELECT value FROM json_each(?)) ORDER BY ei.event_id, ei.incident_id"""
#: the split/join decisions about an event or any of a set of incidents (a JSON array of ids). Decisions
#: are the audit rows without an incident, read through the audit_incident index.
DECISIONS_SQL = """SELECT a.id, a.event_id, a.user, a.at, a.action, a.before, a.after FROM audit_log a
WHERE a.incident_id IS NULL AND a.action IN ('split', 'join') AND (
    a.event_id = :key
    OR json_extract(CASE WHEN json_valid(a.after) THEN a.after ELSE '{}' END, '$.new_event') = :key
    OR EXISTS (SELECT 1 FROM json_tree(CASE WHEN json_valid(a.before) THEN a.before ELSE '[]' END) t
               WHERE t.type = 'integer' AND t.atom IN (SELECT value FROM json_each(:ids))))
ORDER BY a.id"""
JOINED_INTO_SQL = """SELECT a.event_id, a.user, a.at FROM audit_log a
WHERE a.incident_id IS NULL AND a.action = 'join' AND EXISTS (
    SELECT 1 FROM json_each(CASE WHEN json_valid(a.after) THEN a.after ELSE '{}' END, '$.joined') j
    WHERE j.value = ?)
ORDER BY a.id DESC LIMIT 1"""
EVENT_OF_INCIDENT_SQL = """SELECT e.event_key FROM event_incidents ei JOIN events e ON e.id = ei.event_id
WHERE ei.incident_id = ?"""


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[sqlite3.Row]:
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params).fetchall()


# -- showing values ------------------------------------------------------------------------------


def date_text(start: str | None, end: str | None) -> str:
    if not start:
        return NONE
    return start if not end or end == start else f"{start} to {end}"


def location_text(country: str | None, admin1: str | None, admin2: str | None, place: str | None) -> str:
    return ", ".join(p for p in (place, admin2, admin1, country) if p) or NONE


def victims_text(count: int | None, qualifier: str | None) -> str:
    if count is None:
        return NONE
    return f"{count} ({qualifier or 'exact'})"


def value_text(field: str, value: Any) -> str:
    """A reconciled or disputed value as the page shows it (``value`` as stored in the events' JSON)."""
    if value is None:
        return NONE
    if isinstance(value, dict):
        if field == "date":
            return date_text(value.get("start"), value.get("end"))
        if field == "location":
            return location_text(value.get("country"), value.get("admin1"), value.get("admin2"), value.get("place"))
        if field == "victims":
            return victims_text(value.get("count"), value.get("qualifier"))
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _json(text: str | None, default: Any) -> Any:
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


# -- reading events ------------------------------------------------------------------------------


def _stored_events(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[StoredEvent]:
    """``events`` rows as :class:`StoredEvent`\\ s, with their incidents and reports (one query)."""
    incidents: dict[int, list[int]] = {}
    reports: dict[int, set[str]] = {}
    for link in _rows(conn, LINKS_SQL, (json.dumps([r["id"] for r in rows]),)):
        incidents.setdefault(link["event_id"], []).append(link["incident_id"])
        reports.setdefault(link["event_id"], set()).add(link["doc_id"])
    return [
        StoredEvent(
            r["id"],
            r["event_key"],
            r["case_key"],
            r["type"],
            r["date_start"],
            r["date_end"],
            r["country"],
            r["admin1"],
            r["admin2"],
            r["place"],
            r["victims_count"],
            r["victims_qualifier"],
            r["perpetrator"],
            r["reason"],
            r["reports"],
            r["sources"],
            r["origin"],
            tuple(incidents.get(r["id"], ())),
            tuple(sorted(reports.get(r["id"], ()))),
            tuple(str(d.get("field")) for d in _json(r["disagreements"], []) if isinstance(d, dict)),
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class EventFilters:
    """The events list's filters (``?type=arrest&year=2021``); ``(none)`` selects the events where it is unknown."""

    type: str | None = None
    admin1: str | None = None
    year: str | None = None
    reports: int | None = None
    sources: int | None = None
    case: str | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> EventFilters:
        def text(name: str) -> str | None:
            return (args.get(name) or "").strip() or None

        def number(name: str) -> int | None:
            value = text(name)
            return int(value) if value and value.isdigit() and len(value) <= 9 else None

        page = number("page") or 1
        return cls(text("type"), text("admin1"), text("year"), number("reports"), number("sources"), text("case"), page)

    def args(self, **changes: Any) -> dict[str, str]:
        """The query arguments of these filters with ``changes`` (None removes one); page 1 is left out."""
        values = {
            "type": self.type,
            "admin1": self.admin1,
            "year": self.year,
            "reports": self.reports,
            "sources": self.sources,
            "case": self.case,
            "page": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {k: str(v) for k, v in values.items() if v is not None}

    def query(self, **changes: Any) -> str:
        """``?...`` of these filters with ``changes`` (any change of a filter goes back to page 1)."""
        if any(k != "page" for k in changes):
            changes.setdefault("page", None)
        return "?" + urlencode(self.args(**changes))

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for name, expr in (*FACETS, ("case", "case_key")):
            value = getattr(self, name)
            if value is None:
                continue
            if value == NONE:
                clauses.append(f"{expr} IS NULL")
            else:
                clauses.append(f"{expr} = ?")
                params.append(value)
        return " AND ".join(clauses) or "1", params


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str | int | None
    count: int
    selected: bool
    href: str

    @property
    def label(self) -> str:
        return NONE if self.value is None else str(self.value)


@dataclass(frozen=True, slots=True)
class Facet:
    name: str
    values: tuple[FacetValue, ...]
    truncated: bool


@dataclass(frozen=True, slots=True)
class EventList:
    """One page of the events list, with the counts of the facets under its filters."""

    events: tuple[StoredEvent, ...]
    total: int
    facets: tuple[Facet, ...]
    filters: EventFilters
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    def to_dict(self) -> dict[str, Any]:
        f = self.filters
        return {
            "total": self.total,
            "page": f.page,
            "pages": self.pages,
            "filters": {k: v for k, v in f.args().items() if k != "page"},
            "next": f.query(page=f.page + 1) if f.page < self.pages else None,
            "facets": {fc.name: [{"value": v.value, "count": v.count} for v in fc.values] for fc in self.facets},
            "events": [e.to_dict() for e in self.events],
        }


def _facet(conn: sqlite3.Connection, filters: EventFilters, name: str, expr: str) -> Facet:
    where, params = filters.where()
    order = "n DESC, v" if name in ("type", "admin1") else "v IS NULL, v DESC"
    rows = conn.execute(
        f"SELECT {expr} AS v, COUNT(*) AS n FROM events WHERE {where} GROUP BY v ORDER BY {order} LIMIT ?",
        (*params, FACET_SIZE + 1),
    ).fetchall()
    chosen = getattr(filters, name)
    values = []
    for value, count in rows[:FACET_SIZE]:
        arg = NONE if value is None else value
        selected = chosen is not None and str(chosen) == str(arg)
        href = filters.query(**{name: None if selected else arg})
        values.append(FacetValue(value, count, selected, href))
    return Facet(name, tuple(values), len(rows) > FACET_SIZE)


def event_list(conn: sqlite3.Connection, filters: EventFilters, page_size: int = PAGE_SIZE) -> EventList:
    """One page of the events matching ``filters``, most corroborated first, then by date."""
    where, params = filters.where()
    total = conn.execute(f"SELECT COUNT(*) FROM events WHERE {where}", params).fetchone()[0]
    rows = _rows(
        conn,
        f"SELECT * FROM events WHERE {where} ORDER BY {ORDER} LIMIT ? OFFSET ?",
        (*params, page_size, (filters.page - 1) * page_size),
    )
    facets = tuple(_facet(conn, filters, name, expr) for name, expr in FACETS)
    return EventList(tuple(_stored_events(conn, rows)), total, facets, filters, page_size)


def all_events(conn: sqlite3.Connection, filters: EventFilters) -> list[StoredEvent]:
    """Every event matching ``filters`` (for the CSV), in the list's order."""
    where, params = filters.where()
    return _stored_events(conn, _rows(conn, f"SELECT * FROM events WHERE {where} ORDER BY {ORDER}", params))


CSV_HEADER = (
    "event,case,type,date_start,date_end,country,admin1,admin2,place,victims_count,victims_qualifier,"
    "perpetrator,reason,reports,sources,origin,disagreements,incidents,reports_ids"
).split(",")


def csv_row(e: StoredEvent) -> list[Any]:
    return [
        e.key,
        e.case_key,
        e.type,
        e.date_start,
        e.date_end,
        e.country,
        e.admin1,
        e.admin2,
        e.place,
        e.victims_count,
        e.victims_qualifier,
        e.perpetrator,
        e.reason,
        e.reports,
        e.sources,
        e.origin,
        " ".join(e.disagreements),
        " ".join(str(i) for i in e.incident_ids),
        " ".join(e.doc_ids),
    ]


# -- one event -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Member:
    """One incident of an event, with its report."""

    incident_id: int
    type: str
    date_start: str | None
    date_end: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    place: str | None
    victims_count: int | None
    victims_qualifier: str | None
    perpetrator: str | None
    reason: str | None
    status: str
    quote: str
    document_id: int
    doc_id: str
    report_title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    added_by: str

    @property
    def date(self) -> str:
        return date_text(self.date_start, self.date_end)

    @property
    def location(self) -> str:
        return location_text(self.country, self.admin1, self.admin2, self.place)

    @property
    def victims(self) -> str:
        return victims_text(self.victims_count, self.victims_qualifier)

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident": self.incident_id,
            "type": self.type,
            "date": {"start": self.date_start, "end": self.date_end} if self.date_start else None,
            "location": {"country": self.country, "admin1": self.admin1, "admin2": self.admin2, "place": self.place},
            "victims": {"count": self.victims_count, "qualifier": self.victims_qualifier}
            if self.victims_count is not None
            else None,
            "perpetrator": self.perpetrator,
            "reason": self.reason,
            "status": self.status,
            "quote": self.quote,
            "added_by": self.added_by,
            "report": {
                "document_id": self.document_id,
                "id": self.doc_id,
                "title": self.report_title,
                "published": self.published,
                "outlet": self.outlet,
                "language": self.language,
            },
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """An incident a value came from, and its report."""

    incident_id: int
    doc_id: str | None


@dataclass(frozen=True, slots=True)
class EventField:
    """One reconciled field: its value as shown and the incidents it came from."""

    name: str
    label: str
    value: str
    cites: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class DisputedValue:
    """One of the values the reports give for a disputed field, with the incidents that give it."""

    value: object  # as stored (a date, location or victims object, or a code)
    text: str
    cites: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    field: str
    values: tuple[DisputedValue, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "values": [
                {
                    "value": v.value,
                    "incidents": [c.incident_id for c in v.cites],
                    "reports": sorted({c.doc_id for c in v.cites if c.doc_id}),
                }
                for v in self.values
            ],
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's split or join (an ``audit_log`` row): who, when, and which incidents and events."""

    id: int
    event_key: str
    user: str
    at: str
    action: str
    incidents: tuple[int, ...]  # the event's (or events') incidents before
    split_off: tuple[int, ...]  # split: the incidents moved out
    new_event: str | None  # split: the event they went to
    joined: tuple[str, ...]  # join: the events joined into event_key

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Decision:
        before = _json(row["before"], {})
        after = _json(row["after"], {})
        if not isinstance(after, dict):
            after = {}
        ids: list[int] = []
        if isinstance(before, dict):
            for value in before.values():
                ids.extend(i for i in (value if isinstance(value, list) else []) if isinstance(i, int))
        return cls(
            row["id"],
            row["event_id"],
            row["user"],
            row["at"],
            row["action"],
            tuple(sorted(set(ids))),
            tuple(i for i in after.get("split_off") or () if isinstance(i, int)),
            after.get("new_event") if isinstance(after.get("new_event"), str) else None,
            tuple(str(k) for k in after.get("joined") or ()),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "event": self.event_key,
            "user": self.user,
            "at": self.at,
            "action": self.action,
            "incidents_before": list(self.incidents),
        }
        if self.action == "split":
            out.update({"split_off": list(self.split_off), "new_event": self.new_event})
        else:
            out["joined"] = list(self.joined)
        return out


@dataclass(frozen=True, slots=True)
class EventPage:
    """Everything the event page shows."""

    event: StoredEvent
    created_at: str
    updated_at: str
    fields: tuple[EventField, ...]
    members: tuple[Member, ...]
    disagreements: tuple[Disagreement, ...]
    same_case: tuple[StoredEvent, ...]
    history: tuple[Decision, ...]

    def to_dict(self) -> dict[str, Any]:
        out = self.event.to_dict()
        out.update(
            {
                "created_at": self.created_at,
                "updated_at": self.updated_at,
                "cites": {f.name: [c.incident_id for c in f.cites] for f in self.fields},
                "disagreements": [d.to_dict() for d in self.disagreements],
                "members": [m.to_dict() for m in self.members],
                "same_case": [e.key for e in self.same_case],
                "history": [d.to_dict() for d in self.history],
            }
        )
        return out


def decisions(conn: sqlite3.Connection, incident_ids: Iterable[int], event_key: str | None = None) -> list[Decision]:
    """The splits and joins of ``event_key`` or of events holding any of ``incident_ids`` at the time, oldest first."""
    params = {"key": event_key, "ids": json.dumps(sorted(set(incident_ids)))}
    return [Decision.from_row(r) for r in _rows(conn, DECISIONS_SQL, params)]


def event_key_of(conn: sqlite3.Connection, incident_id: int) -> str | None:
    """The key of the event an incident is in (None before a merge, or for a rejected incident)."""
    row = conn.execute(EVENT_OF_INCIDENT_SQL, (incident_id,)).fetchone()
    return None if row is None else str(row[0])


class EventNotFound(NotFoundError):
    """No event has this key; ``joined_into`` names the event it was joined into, if it was."""

    def __init__(self, key: str, joined_into: str | None = None, user: str | None = None, at: str | None = None):
        self.key = key
        self.joined_into = joined_into
        if joined_into is None:
            super().__init__(f"no event {key}")
        else:
            super().__init__(f"event {key} was joined into event {joined_into} by {user} at {at}")


def _not_found(conn: sqlite3.Connection, key: str) -> EventNotFound:
    row = conn.execute(JOINED_INTO_SQL, (key,)).fetchone()
    return EventNotFound(key) if row is None else EventNotFound(key, str(row[0]), str(row[1]), str(row[2]))


def event_page(conn: sqlite3.Connection, key: str) -> EventPage:
    """The event ``key`` (``E0001``) with its members, disagreements, case and history.

    Raises :class:`EventNotFound` (naming the event it was joined into, if it was).
    """
    found = _rows(conn, EVENT_SQL, (key,))
    if not found:
        raise _not_found(conn, key)
    row = found[0]
    (event,) = _stored_events(conn, found)
    members = tuple(Member(*tuple(r)) for r in _rows(conn, MEMBERS_SQL, (row["id"],)))
    report_of = {m.incident_id: m.doc_id for m in members}

    def cite(ids: Iterable[Any]) -> tuple[Citation, ...]:
        return tuple(Citation(i, report_of.get(i)) for i in sorted({i for i in ids if isinstance(i, int)}))

    cites = _json(row["cites"], {})
    cites = cites if isinstance(cites, dict) else {}
    values = {
        "date": date_text(event.date_start, event.date_end),
        "location": location_text(event.country, event.admin1, event.admin2, event.place),
        "victims": victims_text(event.victims_count, event.victims_qualifier),
        "perpetrator": event.perpetrator or NONE,
        "reason": event.reason or NONE,
    }
    fields = [EventField("type", "Type", event.type, cite(m.incident_id for m in members if m.type == event.type))]
    fields += [EventField(name, label, values[name], cite(cites.get(name) or ())) for name, label in CITED]
    disagreements = tuple(
        Disagreement(
            str(d.get("field")),
            tuple(
                DisputedValue(
                    v.get("value"), value_text(str(d.get("field")), v.get("value")), cite(v.get("sources") or ())
                )
                for v in d.get("values") or ()
                if isinstance(v, dict)
            ),
        )
        for d in _json(row["disagreements"], [])
        if isinstance(d, dict)
    )
    same_case = (
        tuple(_stored_events(conn, _rows(conn, SAME_CASE_SQL, (event.case_key, event.id)))) if event.case_key else ()
    )
    history = tuple(decisions(conn, event.incident_ids, event.key))
    return EventPage(
        event, row["created_at"], row["updated_at"], tuple(fields), members, disagreements, same_case, history
    )


# -- reviewers' decisions --------------------------------------------------------------------------


def _own_key(conn: sqlite3.Connection, key: str) -> str:
    if conn.execute("SELECT 1 FROM events WHERE event_key = ?", (key,)).fetchone() is None:
        raise _not_found(conn, key)
    return key


def split(conn: sqlite3.Connection, key: str, incidents: Sequence[str], user: str) -> str:
    """Split the ticked ``incidents`` (form values) out of event ``key`` into a new event; its key."""
    _own_key(conn, key)
    ids: list[int] = []
    for value in incidents:
        try:
            ids.append(int(value))
        except ValueError as e:
            raise ValidationError(f"incident {value!r} is not a whole number") from e
    if not ids:
        raise ValidationError("tick the incidents to split off into a new event")
    return split_event(conn, key, ids, user)


def normalize_key(text: str) -> str:
    """An event key as typed (``e0002``, ``E0002``, ``2``) -> ``E0002``."""
    text = text.strip().upper()
    return f"E{int(text):04d}" if text.isdigit() else text


def join(conn: sqlite3.Connection, key: str, other: str, user: str) -> str:
    """Join event ``other`` (as typed) into event ``key``; the key kept (``key``)."""
    _own_key(conn, key)
    other_key = normalize_key(other)
    if not other_key:
        raise ValidationError("give the key of the event to join with this one, such as E0002")
    if other_key == key:
        raise ValidationError(f"event {key} cannot be joined with itself")
    if conn.execute("SELECT 1 FROM events WHERE event_key = ?", (other_key,)).fetchone() is None:
        err = _not_found(conn, other_key)
        if err.joined_into == key:
            raise ValidationError(f"event {other_key} is already part of this event ({err})")
        raise ValidationError(str(err), hint=f"join with event {err.joined_into}" if err.joined_into else None)
    return join_events(conn, [key, other_key], user)
