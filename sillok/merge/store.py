"""Merging in the store: events, their links, human split/join decisions and near-duplicate reports.

:func:`merge_into_store` merges the incidents not yet in an event into the events already there,
comparing each only with its blocking candidates; existing events are loaded as they are and never
re-merged, and the reviewers' decisions (``event_constraints``, written by :func:`split_event` and
:func:`join_events`, which also log to ``audit_log`` with action ``split``/``join``) bind every later
automatic merge. Functions take a path or an open ``sqlite3.Connection`` (whose schema has the
``m003_events`` migration).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sillok.errors import NotFoundError, StoreError, ValidationError
from sillok.merge.cluster import Merger, link_cases
from sillok.merge.features import QuoteFeatures, ReportText, quote_features, read_report
from sillok.merge.model import Event, Key, MergeItem, build_event
from sillok.merge.neardup import NearDuplicateIndex, source_groups
from sillok.merge.score import MergeConfig
from sillok.models import DateRange, Incident, Location, Victims, parse_date

DbLike = str | Path | sqlite3.Connection


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@contextmanager
def _connect(db: DbLike) -> Iterator[sqlite3.Connection]:
    """The connection (opening the file through :class:`sillok.store.Store` so migrations apply)."""
    if isinstance(db, sqlite3.Connection):
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone():
            raise StoreError("the database has no events table", hint="open it with sillok.store.Store (migrations)")
        factory = db.row_factory
        db.row_factory = sqlite3.Row
        try:
            yield db
        finally:
            db.row_factory = factory
        return
    from sillok.store import Store  # the store engineer's module; imported only when a path is given

    store = Store.open(db)
    try:
        yield store.db
    finally:
        store.close()


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    if conn.in_transaction:  # the caller manages the transaction
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@dataclass(frozen=True, slots=True)
class StoreMergeResult:
    new_incidents: int
    events_created: int
    events_total: int
    comparisons: int
    near_duplicates: int


_ITEM_SQL = """
SELECT i.id, i.type, i.date_start, i.date_end, i.country, i.admin1, i.admin2, i.place, i.victims_count,
       i.victims_qualifier, i.perpetrator, i.reason, i.quote, d.id AS document_id, d.doc_id, d.published,
       d.outlet, d.language, d.text AS doc_text, ei.event_id
FROM incidents i
JOIN documents d ON d.id = i.document_id
LEFT JOIN event_incidents ei ON ei.incident_id = i.id
WHERE i.status != 'rejected'
  AND d.superseded = 0
ORDER BY d.published IS NULL, d.published, d.id, i.id
"""


def _item(row: sqlite3.Row, contexts: dict[str, tuple[ReportText, QuoteFeatures]] | None = None) -> MergeItem:
    """A merge item of an incident row; with ``contexts`` (a cache by report), its text's features too."""
    start = parse_date(row["date_start"])
    loc = Location(row["country"], row["admin1"], row["admin2"], row["place"])
    inc = Incident(
        type=row["type"],
        quote=row["quote"] or "",
        date=DateRange(start, parse_date(row["date_end"]) or start) if start else None,
        location=None if loc.is_empty() else loc,
        victims=Victims(row["victims_count"], row["victims_qualifier"] or "exact")
        if row["victims_count"] is not None
        else None,
        perpetrator=row["perpetrator"],
        reason=row["reason"],
    )
    return MergeItem(
        key=row["id"],
        # the report's identity is its row's doc_id (one report, one text version)
        doc_id=row["doc_id"],
        incident=inc,
        published=parse_date(row["published"]),
        outlet=row["outlet"],
        language=row["language"],
        features=quote_features(inc.quote, row["language"]),
        **_text_features(row, inc.quote, contexts),
    )


def _text_features(
    row: sqlite3.Row, quote: str, contexts: dict[str, tuple[ReportText, QuoteFeatures]] | None
) -> dict[str, QuoteFeatures]:
    """The features of the quote's neighbourhood and of the whole report, when asked for."""
    text = row["doc_text"]
    if contexts is None or not text:
        return {}
    if row["doc_id"] not in contexts:
        report = read_report(text, row["language"])
        contexts[row["doc_id"]] = (report, report.features())
    report, context = contexts[row["doc_id"]]
    return {"near": report.near(quote), "context": context}


def update_near_duplicates(conn: sqlite3.Connection, threshold: float | None = None) -> int:
    """Sign the reports not yet signed and link them to their near-duplicates; the number of new links."""
    index = NearDuplicateIndex() if threshold is None else NearDuplicateIndex(threshold)
    for row in conn.execute("SELECT document_id, minhash FROM document_signatures ORDER BY document_id"):
        index.add_signature(str(row["document_id"]), row["minhash"])
    added = 0
    rows = conn.execute(
        "SELECT id, text FROM documents WHERE id NOT IN (SELECT document_id FROM document_signatures) ORDER BY id"
    ).fetchall()
    for row in rows:
        found = index.add(str(row["id"]), row["text"])
        conn.execute(
            "INSERT INTO document_signatures (document_id, minhash) VALUES (?, ?)",
            (row["id"], index.signature(str(row["id"]))),
        )
        for d in found:
            cur = conn.execute(
                "INSERT OR IGNORE INTO document_links (document_a, document_b, kind, similarity)"
                " VALUES (?, ?, 'near_duplicate', ?)",
                (min(int(d.doc_a), int(d.doc_b)), max(int(d.doc_a), int(d.doc_b)), d.similarity),
            )
            added += cur.rowcount
    return added


def _source_of(conn: sqlite3.Connection) -> dict[str, str]:
    """Report id -> its near-duplicate group (by report ids)."""
    rows = conn.execute(
        """SELECT a.doc_id AS a, b.doc_id AS b, l.similarity FROM document_links l
           JOIN documents a ON a.id = l.document_a JOIN documents b ON b.id = l.document_b
           WHERE l.kind = 'near_duplicate'"""
    ).fetchall()
    return source_groups((r["a"], r["b"], r["similarity"]) for r in rows)


def _constraints(conn: sqlite3.Connection) -> tuple[list[tuple[Key, Key]], list[tuple[Key, Key]]]:
    must, cannot = [], []
    for r in conn.execute("SELECT incident_a, incident_b, kind FROM event_constraints ORDER BY id"):
        (must if r["kind"] == "must" else cannot).append((r["incident_a"], r["incident_b"]))
    return must, cannot


def _event_row(ev: Event) -> tuple[Any, ...]:
    date, loc, vic = ev.date.value, ev.location.value, ev.victims.value
    cites = {
        "date": list(ev.date.sources),
        "location": list(ev.location.sources),
        "victims": list(ev.victims.sources),
        "perpetrator": list(ev.perpetrator.sources),
        "reason": list(ev.reason.sources),
    }
    return (
        ev.type,
        date.start.isoformat() if date else None,
        date.end.isoformat() if date else None,
        loc.country if loc else None,
        loc.admin1 if loc else None,
        loc.admin2 if loc else None,
        loc.place if loc else None,
        vic.count if vic else None,
        vic.qualifier if vic else None,
        ev.perpetrator.value,
        ev.reason.value,
        ev.reports,
        ev.sources,
        json.dumps(cites, sort_keys=True),
        json.dumps([d.to_dict() for d in ev.disagreements], ensure_ascii=False, sort_keys=True),
    )


def _load(conn: sqlite3.Connection) -> tuple[dict[int, list[MergeItem]], list[MergeItem]]:
    existing: dict[int, list[MergeItem]] = {}
    new: list[MergeItem] = []
    contexts: dict[str, tuple[ReportText, QuoteFeatures]] = {}
    for row in conn.execute(_ITEM_SQL):
        item = _item(row, contexts)
        if row["event_id"] is None:
            new.append(item)
        else:
            existing.setdefault(row["event_id"], []).append(item)
    return existing, new


def _write_events(conn: sqlite3.Connection, merger: Merger, event_of: dict[Key, int], user: str) -> int:
    """Write the merger's clusters back: existing events keep their id, new clusters get new events."""
    now = _now()
    created = 0
    events: list[Event] = []
    row_of: list[int] = []
    for members in merger.clusters():
        old = sorted({event_of[k] for k in members if k in event_of})
        if old:
            event_id = old[0]
            for other in old[1:]:  # two machine events joined by a new report's incident
                conn.execute("UPDATE event_incidents SET event_id = ? WHERE event_id = ?", (event_id, other))
                conn.execute("DELETE FROM events WHERE id = ?", (other,))
        else:
            cur = conn.execute(
                "INSERT INTO events (type, created_at, updated_at) VALUES (?, ?, ?)",
                (merger.items[members[0]].type, now, now),
            )
            event_id = int(cur.lastrowid or 0)
            conn.execute("UPDATE events SET event_key = ? WHERE id = ?", (f"E{event_id:04d}", event_id))
            created += 1
        for k in members:
            if event_of.get(k) != event_id:
                conn.execute(
                    "INSERT OR REPLACE INTO event_incidents (incident_id, event_id, added_by, added_at)"
                    " VALUES (?, ?, ?, ?)",
                    (k, event_id, user, now),
                )
        items = [merger.items[k] for k in members]
        sources = len({merger.source_of.get(i.doc_id, i.doc_id) for i in items})
        key = conn.execute("SELECT event_key FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        events.append(build_event(key, items, sources))
        row_of.append(event_id)
    for event_id, ev in zip(row_of, link_cases(events), strict=True):
        conn.execute(
            """UPDATE events SET type = ?, date_start = ?, date_end = ?, country = ?, admin1 = ?, admin2 = ?,
                   place = ?, victims_count = ?, victims_qualifier = ?, perpetrator = ?, reason = ?, reports = ?,
                   sources = ?, cites = ?, disagreements = ?, case_key = ?, updated_at = ? WHERE id = ?""",
            (*_event_row(ev), ev.case_id, now, event_id),
        )
    conn.execute("DELETE FROM events WHERE id NOT IN (SELECT event_id FROM event_incidents)")
    return created


def merge_into_store(db: DbLike, config: MergeConfig | None = None) -> StoreMergeResult:
    """Merge the store's incidents not yet in an event (``sillok run`` calls this after extraction)."""
    with _connect(db) as conn, _transaction(conn):
        near = update_near_duplicates(conn)
        # rejected incidents and those of superseded report texts leave their events
        conn.execute(
            """DELETE FROM event_incidents WHERE incident_id IN (
                   SELECT i.id FROM incidents i JOIN documents d ON d.id = i.document_id
                   WHERE i.status = 'rejected'
                      OR d.superseded = 1)"""
        )
        existing, new = _load(conn)
        must, cannot = _constraints(conn)
        merger = Merger(config or MergeConfig(), source_of=_source_of(conn))
        merger.add_existing(existing[e] for e in sorted(existing))
        merger.constrain(cannot=cannot)
        event_of = {item.key: e for e, items in existing.items() for item in items}
        merger.add(new, must=must)
        created = _write_events(conn, merger, event_of, "machine")
        total = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return StoreMergeResult(len(new), created, total, merger.stats.comparisons, near)


# -- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One row of ``events`` with its incidents' ids and reports."""

    id: int
    key: str
    case_key: str | None
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
    reports: int
    sources: int
    origin: str
    incident_ids: tuple[int, ...]
    doc_ids: tuple[str, ...]
    disagreements: tuple[str, ...]  # names of the fields the reports disagree on

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.key,
            "case": self.case_key,
            "type": self.type,
            "date": {"start": self.date_start, "end": self.date_end} if self.date_start else None,
            "location": {"country": self.country, "admin1": self.admin1, "admin2": self.admin2, "place": self.place},
            "victims": {"count": self.victims_count, "qualifier": self.victims_qualifier}
            if self.victims_count is not None
            else None,
            "perpetrator": self.perpetrator,
            "reason": self.reason,
            "reports": self.reports,
            "sources": self.sources,
            "origin": self.origin,
            "incidents": list(self.incident_ids),
            "doc_ids": list(self.doc_ids),
            "disagreements": list(self.disagreements),
        }


def list_events(db: DbLike, min_reports: int = 1) -> list[StoredEvent]:
    """Events told by at least ``min_reports`` reports, most corroborated first, then by date."""
    with _connect(db) as conn:
        rows = conn.execute(
            """SELECT e.*, group_concat(ei.incident_id) AS incident_ids FROM events e
               JOIN event_incidents ei ON ei.event_id = e.id
               WHERE e.reports >= ? GROUP BY e.id
               ORDER BY e.sources DESC, e.reports DESC, e.date_start IS NULL, e.date_start, e.id""",
            (min_reports,),
        ).fetchall()
        out = []
        for r in rows:
            ids = tuple(sorted(int(x) for x in r["incident_ids"].split(",")))
            docs = conn.execute(
                f"""SELECT DISTINCT d.doc_id FROM incidents i JOIN documents d ON d.id = i.document_id
                    WHERE i.id IN ({",".join("?" * len(ids))}) ORDER BY d.doc_id""",
                ids,
            ).fetchall()
            fields = tuple(d["field"] for d in json.loads(r["disagreements"] or "[]"))
            out.append(
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
                    ids,
                    tuple(d[0] for d in docs),
                    fields,
                )
            )
        return out


@dataclass(frozen=True, slots=True)
class EventCounts:
    """For the summary: events, those told by several reports, and cases."""

    events: int
    corroborated: int  # told by two or more independent sources
    multi_report: int
    cases: int


def count_events(db: DbLike) -> EventCounts:
    """Event counts for ``sillok summary`` (zeros when nothing has been merged yet)."""
    with _connect(db) as conn:
        r = conn.execute(
            """SELECT COUNT(*) AS n, COALESCE(SUM(sources >= 2), 0) AS corr, COALESCE(SUM(reports >= 2), 0) AS multi,
                      COUNT(DISTINCT case_key) AS cases FROM events"""
        ).fetchone()
        return EventCounts(r["n"], r["corr"], r["multi"], r["cases"])


# -- human decisions -------------------------------------------------------------------------------------


def _event_id(conn: sqlite3.Connection, event: str | int) -> int:
    row = conn.execute("SELECT id FROM events WHERE event_key = ? OR id = ?", (str(event), event)).fetchone()
    if row is None:
        raise NotFoundError(f"no event {event!r}")
    return int(row[0])


def _members(conn: sqlite3.Connection, event_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT incident_id FROM event_incidents WHERE event_id = ?", (event_id,))]


def _constrain(conn: sqlite3.Connection, a: int, b: int, kind: str, user: str, now: str) -> None:
    a, b = min(a, b), max(a, b)
    conn.execute(
        "INSERT OR IGNORE INTO event_constraints (incident_a, incident_b, kind, user, at) VALUES (?, ?, ?, ?, ?)",
        (a, b, kind, user, now),
    )
    other = "cannot" if kind == "must" else "must"
    conn.execute("DELETE FROM event_constraints WHERE incident_a = ? AND incident_b = ? AND kind = ?", (a, b, other))


def _audit(conn: sqlite3.Connection, action: str, event_key: str, user: str, before: Any, after: Any, now: str) -> None:
    conn.execute(
        "INSERT INTO audit_log (incident_id, event_id, user, at, action, field, before, after)"
        " VALUES (NULL, ?, ?, ?, ?, 'incidents', ?, ?)",
        (event_key, user, now, action, json.dumps(before), json.dumps(after)),
    )


def _refresh(conn: sqlite3.Connection, event_ids: Sequence[int], user: str) -> None:
    """Recompute the records of the given events from their incidents."""
    source_of = _source_of(conn)
    now = _now()
    for event_id in event_ids:
        members = set(_members(conn, event_id))
        items = [_item(r) for r in conn.execute(_ITEM_SQL) if r["id"] in members]
        if not items:
            conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
            continue
        key = conn.execute("SELECT event_key FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        ev = build_event(key, items, len({source_of.get(i.doc_id, i.doc_id) for i in items}))
        conn.execute(
            """UPDATE events SET type = ?, date_start = ?, date_end = ?, country = ?, admin1 = ?, admin2 = ?,
                   place = ?, victims_count = ?, victims_qualifier = ?, perpetrator = ?, reason = ?, reports = ?,
                   sources = ?, cites = ?, disagreements = ?, origin = 'human', updated_at = ? WHERE id = ?""",
            (*_event_row(ev), now, event_id),
        )


def split_event(db: DbLike, event: str | int, incident_ids: Sequence[int], user: str) -> str:
    """Move ``incident_ids`` out of ``event`` into a new event; they never rejoin the rest. The new key."""
    with _connect(db) as conn, _transaction(conn):
        event_id = _event_id(conn, event)
        members = _members(conn, event_id)
        moving = sorted(set(incident_ids))
        if not moving or any(i not in members for i in moving):
            raise ValidationError(f"incidents {moving} are not all in event {event}")
        if len(moving) == len(members):
            raise ValidationError(f"splitting every incident out of event {event} leaves nothing behind")
        now = _now()
        etype = conn.execute("SELECT type FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        cur = conn.execute(
            "INSERT INTO events (type, origin, created_at, updated_at) VALUES (?, 'human', ?, ?)", (etype, now, now)
        )
        new_id = int(cur.lastrowid or 0)
        new_key = f"E{new_id:04d}"
        conn.execute("UPDATE events SET event_key = ? WHERE id = ?", (new_key, new_id))
        for i in moving:
            conn.execute("UPDATE event_incidents SET event_id = ?, added_by = ?, added_at = ? WHERE incident_id = ?",
                         (new_id, user, now, i))  # fmt: skip
        staying = [i for i in members if i not in moving]
        for a in moving:
            for b in staying:
                _constrain(conn, a, b, "cannot", user, now)
        for n, a in enumerate(moving):
            for b in moving[n + 1 :]:
                _constrain(conn, a, b, "must", user, now)
        old_key = conn.execute("SELECT event_key FROM events WHERE id = ?", (event_id,)).fetchone()[0]
        _audit(conn, "split", old_key, user, {"incidents": sorted(members)},
               {"incidents": staying, "split_off": moving, "new_event": new_key}, now)  # fmt: skip
        _refresh(conn, [event_id, new_id], user)
    return new_key


def join_events(db: DbLike, events: Sequence[str | int], user: str) -> str:
    """Join events into the first one; their incidents stay one event for good. The kept key."""
    with _connect(db) as conn, _transaction(conn):
        ids = [_event_id(conn, e) for e in events]
        if len(set(ids)) < 2:
            raise ValidationError("give at least two different events to join")
        keep = ids[0]
        members = {e: _members(conn, e) for e in ids}
        everyone = [i for e in ids for i in members[e]]
        docs = conn.execute(
            f"""SELECT d.doc_id, COUNT(*) AS n FROM incidents i JOIN documents d ON d.id = i.document_id
                WHERE i.id IN ({",".join("?" * len(everyone))}) GROUP BY d.doc_id HAVING n > 1""",
            everyone,
        ).fetchall()
        if docs:
            raise ValidationError(
                f"report {docs[0][0]} tells two of these events: one report tells each act once",
                hint="split the report's incident out first, or edit it",
            )
        now = _now()
        for a, b in itertools.pairwise(everyone):
            _constrain(conn, a, b, "must", user, now)
        for e in ids[1:]:
            conn.execute("UPDATE event_incidents SET event_id = ?, added_by = ?, added_at = ? WHERE event_id = ?",
                         (keep, user, now, e))  # fmt: skip
        keys = [conn.execute("SELECT event_key FROM events WHERE id = ?", (e,)).fetchone()[0] for e in ids]
        for e in ids[1:]:
            conn.execute("DELETE FROM events WHERE id = ?", (e,))
        _audit(conn, "join", keys[0], user, {k: members[e] for k, e in zip(keys, ids, strict=True)},
               {"incidents": sorted(everyone), "joined": keys[1:]}, now)  # fmt: skip
        _refresh(conn, [keep], user)
        return keys[0]
