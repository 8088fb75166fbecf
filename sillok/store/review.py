"""Reviewers' operations on stored incidents: accept, edit, reject, add one the extractor missed.

Every function takes an open ``sqlite3.Connection`` (a :class:`~sillok.store.Store`'s, or the web
server's write connection) and runs in one transaction of its own unless the caller has one open.
Every change writes ``audit_log`` rows (who, when, field, before -> after); ``machine_original`` is
never touched. Changes carry the ``revision`` the reviewer saw: a stale one raises
:class:`~sillok.errors.ConflictError` and nothing is written.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

from sillok.errors import ConflictError, NotFoundError, StoreError, ValidationError
from sillok.models import (
    PERPETRATORS,
    QUALIFIERS,
    REASONS,
    TYPES,
    TYPES_WITH_REASON,
    TYPES_WITHOUT_PERPETRATOR,
    Location,
    parse_date,
)
from sillok.places import Gazetteer, load_gazetteer
from sillok.store.db import utc_now
from sillok.store.records import StoredDocument, StoredIncident

_SELECT = """
SELECT i.*, d.doc_id AS doc_id, d.title AS document_title
FROM incidents i JOIN documents d ON d.id = i.document_id
"""
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the audit log."""

    id: int
    incident_id: int | None
    event_id: str | None
    user: str
    at: str
    action: str
    field: str | None
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class ReviewResult:
    """The incident after a review action and the fields that action changed."""

    incident: StoredIncident
    changed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IncidentEdit:
    """The full state of a record's reviewable fields, as a reviewer sets them.

    Build it with :meth:`from_form` (strings from a form, validated) or directly.
    ``quote_start``/``quote_end`` are offsets into the report's text; the quote is cut from it.
    """

    type: str
    date_start: str | None = None
    date_end: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: str | None = None
    victims_count: int | None = None
    victims_qualifier: str | None = None
    perpetrator: str | None = None
    reason: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValidationError(f"type {self.type!r} is not a codebook type", hint=f"one of {', '.join(TYPES)}")
        if self.perpetrator is not None and self.perpetrator not in PERPETRATORS:
            raise ValidationError(f"perpetrator {self.perpetrator!r} is not a codebook code")
        if self.reason is not None and self.reason not in REASONS:
            raise ValidationError(f"reason {self.reason!r} is not a codebook code")
        if self.type in TYPES_WITHOUT_PERPETRATOR and self.perpetrator is not None:
            raise ValidationError(f"a {self.type} has no perpetrator in the codebook", hint="leave perpetrator empty")
        if self.type not in TYPES_WITH_REASON and self.reason is not None:
            raise ValidationError(f"a {self.type} has no reason in the codebook", hint="leave reason empty")
        start = parse_date(self.date_start, "date start")
        end = parse_date(self.date_end, "date end")
        if end is not None and start is None:
            raise ValidationError("the date has an end but no start")
        if start is not None and end is not None and end < start:
            raise ValidationError(f"the date ends ({end}) before it starts ({start})")
        if self.victims_count is not None and self.victims_count < 0:
            raise ValidationError(f"victims count {self.victims_count} is negative")
        if self.victims_qualifier is not None and self.victims_qualifier not in QUALIFIERS:
            raise ValidationError(f"victims qualifier {self.victims_qualifier!r} is not one of {', '.join(QUALIFIERS)}")
        if self.victims_qualifier is not None and self.victims_count is None:
            raise ValidationError("a victims qualifier needs a victims count")
        if self.country is not None and not _COUNTRY_RE.match(self.country):
            raise ValidationError(f"country {self.country!r} is not a two-letter ISO code such as KP or CN")
        if (self.quote_start is None) != (self.quote_end is None):
            raise ValidationError("a quote needs both a start and an end offset")
        if self.quote_start is not None and self.quote_end is not None and not 0 <= self.quote_start < self.quote_end:
            raise ValidationError(f"quote offsets {self.quote_start}-{self.quote_end} do not make a span of text")

    @classmethod
    def from_form(cls, form: Mapping[str, str], gazetteer: Gazetteer | None = None) -> IncidentEdit:
        """Read a form's strings. ``lookup`` (any spelling of a gazetteer place, either language), when
        given, sets the whole location; otherwise the location fields are canonicalized one by one."""

        def text(key: str) -> str | None:
            value = (form.get(key) or "").strip()
            return value or None

        def number(key: str) -> int | None:
            value = text(key)
            if value is None:
                return None
            try:
                return int(value)
            except ValueError as e:
                raise ValidationError(f"{key.replace('_', ' ')} {value!r} is not a whole number") from e

        gaz = gazetteer or load_gazetteer()
        lookup = text("lookup")
        if lookup:
            loc = resolve_place(lookup, gaz)
            country, admin1, admin2, place = loc.country, loc.admin1, loc.admin2, loc.place
        else:
            country = (text("country") or "").upper() or None
            admin1 = canonical_name(text("admin1"), "admin1", gaz)
            admin2 = canonical_name(text("admin2"), "admin2", gaz)
            place = canonical_name(text("place"), "place", gaz)
            if country is None and (admin1 or admin2 or place):
                found = gaz.lookup(admin1 or admin2 or place or "")
                country = found.country if found else None
        count = number("victims_count")
        date_start = text("date_start")
        return cls(
            type=text("type") or "",
            date_start=date_start,
            date_end=text("date_end") or date_start,
            country=country,
            admin1=admin1,
            admin2=admin2,
            place=place,
            victims_count=count,
            victims_qualifier=(text("victims_qualifier") or "exact") if count is not None else None,
            perpetrator=text("perpetrator"),
            reason=text("reason"),
            quote_start=number("quote_start"),
            quote_end=number("quote_end"),
        )


def resolve_place(name: str, gazetteer: Gazetteer | None = None) -> Location:
    """The codebook location of a gazetteer place named in any spelling; ValidationError if unknown or ambiguous."""
    gaz = gazetteer or load_gazetteer()
    cands = gaz.candidates(name)
    if not cands:
        raise ValidationError(
            f"place {name!r} is not in the gazetteer",
            hint="type its province, county or city in another spelling, or fill in the location fields",
        )
    if len(cands) > 1:
        options = "; ".join(f"{p.name} ({p.admin1 or p.country})" for p in cands)
        raise ValidationError(f"place {name!r} is ambiguous: {options}", hint="add its province, or type a longer name")
    return gaz.location(cands[0])


def canonical_name(name: str | None, level: str, gazetteer: Gazetteer) -> str | None:
    """The gazetteer's name for ``name`` at ``level``; a name not in the gazetteer is kept as typed
    (the codebook codes such places by their Wikipedia title), except provinces, which must be known."""
    if name is None:
        return None
    matches = [p for p in gazetteer.candidates(name) if p.level == level]
    if len({p.name for p in matches}) == 1:
        return matches[0].name
    if level == "admin1":
        known = sorted(p.name for p in gazetteer.places.values() if p.level == "admin1")
        raise ValidationError(f"province {name!r} is not in the gazetteer", hint=f"one of: {', '.join(known)}")
    return name


# -- reading -------------------------------------------------------------------------------------


def _rows(db: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    cur = db.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params).fetchall()


def get_incident(db: sqlite3.Connection, incident_id: int) -> StoredIncident:
    rows = _rows(db, _SELECT + " WHERE i.id = ?", (incident_id,))
    if not rows:
        raise NotFoundError(f"no incident with id {incident_id}")
    return StoredIncident.from_row(rows[0])


def get_document(db: sqlite3.Connection, document_id: int) -> StoredDocument:
    rows = _rows(db, "SELECT * FROM documents WHERE id = ?", (document_id,))
    if not rows:
        raise NotFoundError(f"no document with id {document_id}")
    return StoredDocument.from_row(rows[0])


def document_incidents(db: sqlite3.Connection, document_id: int) -> list[StoredIncident]:
    rows = _rows(
        db, _SELECT + " WHERE i.document_id = ? ORDER BY i.quote_start IS NULL, i.quote_start, i.id", (document_id,)
    )
    return [StoredIncident.from_row(r) for r in rows]


def history(db: sqlite3.Connection, incident_id: int) -> list[AuditEntry]:
    """The audit log of one incident, oldest first."""
    rows = _rows(
        db,
        "SELECT id, incident_id, event_id, user, at, action, field, before, after FROM audit_log "
        "WHERE incident_id = ? ORDER BY id",
        (incident_id,),
    )
    return [AuditEntry(*tuple(r)) for r in rows]


def same_event_incidents(db: sqlite3.Connection, incident_id: int) -> list[StoredIncident]:
    """Other incidents merged into the same event as this one (``event_incidents``; empty before a merge)."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'event_incidents'").fetchone():
        return []
    sql = (
        _SELECT + " WHERE i.id IN (SELECT l2.incident_id FROM event_incidents l1 JOIN event_incidents l2 "
        "ON l2.event_id = l1.event_id WHERE l1.incident_id = ? AND l2.incident_id != ?) ORDER BY i.id"
    )
    return [StoredIncident.from_row(r) for r in _rows(db, sql, (incident_id, incident_id))]


# -- writing -------------------------------------------------------------------------------------


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    if db.in_transaction:
        yield db
        return
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise StoreError(f"cannot save now: {e}", hint="another program is writing the database; try again") from e
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _current(db: sqlite3.Connection, incident_id: int, revision: int) -> StoredIncident:
    inc = get_incident(db, incident_id)
    if inc.revision != revision:
        raise ConflictError(
            f"incident {incident_id} was changed by someone else (you saw revision {revision}, it is now at "
            f"revision {inc.revision}); your change was not saved",
            hint="reload the incident, check the other change, and make yours again",
        )
    return inc


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _audit(
    db: sqlite3.Connection,
    incident_id: int,
    user: str,
    at: str,
    action: str,
    field: str | None = None,
    before: Any = None,
    after: Any = None,
) -> None:
    db.execute(
        "INSERT INTO audit_log (incident_id, user, at, action, field, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (incident_id, user, at, action, field, _text(before), _text(after)),
    )


def _update(db: sqlite3.Connection, inc: StoredIncident, values: Mapping[str, Any], now: str) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    cur = db.execute(
        f"UPDATE incidents SET {sets}, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?",
        (*values.values(), now, inc.id, inc.revision),
    )
    if cur.rowcount != 1:  # pragma: no cover - guarded by _current inside the same transaction
        raise ConflictError(f"incident {inc.id} changed while saving; nothing was saved")


def _check_user(user: str) -> str:
    if not user:
        raise ValidationError("a review needs the reviewer's name")
    return user


def accept(db: sqlite3.Connection, incident_id: int, revision: int, user: str, now: str | None = None) -> ReviewResult:
    """Mark a record as checked and right. An edited record stays ``edited`` (accepted with changes)."""
    _check_user(user)
    now = now or utc_now()
    with _transaction(db):
        inc = _current(db, incident_id, revision)
        status = "edited" if inc.status == "edited" else "accepted"
        values: dict[str, Any] = {"status": status, "status_reason": None}
        _update(db, inc, values, now)
        _audit(db, inc.id, user, now, "accept", "status", inc.status, status)
        changed = ("status",) if status != inc.status else ()
        return ReviewResult(get_incident(db, incident_id), changed)


def reject(
    db: sqlite3.Connection, incident_id: int, revision: int, user: str, reason: str, now: str | None = None
) -> ReviewResult:
    """Mark a record as wrong (not an incident, or a duplicate), with the reviewer's reason."""
    _check_user(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("a rejection needs a reason", hint="say why this is not an incident")
    now = now or utc_now()
    with _transaction(db):
        inc = _current(db, incident_id, revision)
        _update(db, inc, {"status": "rejected", "status_reason": reason}, now)
        _audit(db, inc.id, user, now, "reject", "status", inc.status, "rejected")
        _audit(db, inc.id, user, now, "reject", "status_reason", inc.status_reason, reason)
        return ReviewResult(get_incident(db, incident_id), ("status", "status_reason"))


def _quote(db: sqlite3.Connection, document_id: int, start: int, end: int) -> str:
    doc = get_document(db, document_id)
    if end > len(doc.text):
        raise ValidationError(f"quote offsets {start}-{end} run past the end of report {doc.doc_id} ({len(doc.text)})")
    quote = doc.text[start:end]
    if not quote.strip():
        raise ValidationError("the selected quote is empty")
    return quote


def _edit_values(edit: IncidentEdit) -> dict[str, Any]:
    return {f.name: getattr(edit, f.name) for f in fields(IncidentEdit)}


def edit(
    db: sqlite3.Connection, incident_id: int, revision: int, user: str, changes: IncidentEdit, now: str | None = None
) -> ReviewResult:
    """Set a record's fields to ``changes``; one audit row per field that differs. Status becomes ``edited``."""
    _check_user(user)
    now = now or utc_now()
    with _transaction(db):
        inc = _current(db, incident_id, revision)
        wanted = _edit_values(changes)
        if changes.quote_start is not None and changes.quote_end is not None:
            wanted["quote"] = _quote(db, inc.document_id, changes.quote_start, changes.quote_end)
        else:  # no offsets given: the quote stays as it is
            wanted.pop("quote_start")
            wanted.pop("quote_end")
        diff = {k: v for k, v in wanted.items() if _text(getattr(inc, k)) != _text(v)}
        if not diff:
            return ReviewResult(inc, ())
        if inc.status != "edited":
            diff["status"] = "edited"
        diff["status_reason"] = None if inc.status == "rejected" else inc.status_reason
        _update(db, inc, diff, now)
        changed = []
        for key, value in diff.items():
            before = getattr(inc, key)
            if _text(before) == _text(value):
                continue
            _audit(db, inc.id, user, now, "edit", key, before, value)
            changed.append(key)
        return ReviewResult(get_incident(db, incident_id), tuple(changed))


def add_incident(
    db: sqlite3.Connection, document_id: int, user: str, record: IncidentEdit, now: str | None = None
) -> ReviewResult:
    """Add an incident the extractor missed; its quote is the text between the offsets in ``record``."""
    _check_user(user)
    if record.quote_start is None or record.quote_end is None:
        raise ValidationError("a new incident needs a quote: select its text in the report")
    now = now or utc_now()
    with _transaction(db):
        quote = _quote(db, document_id, record.quote_start, record.quote_end)
        values = _edit_values(record)
        cur = db.execute(
            f"""INSERT INTO incidents (document_id, {", ".join(values)}, quote, origin, status, revision,
                                       created_at, updated_at)
                VALUES (?, {", ".join("?" for _ in values)}, ?, 'human', 'accepted', 1, ?, ?)""",
            (document_id, *values.values(), quote, now, now),
        )
        new_id = int(cur.lastrowid or 0)
        inc = get_incident(db, new_id)
        _audit(
            db,
            new_id,
            user,
            now,
            "add",
            None,
            None,
            json.dumps(inc.to_incident().to_dict(offsets=True), ensure_ascii=False),
        )
        return ReviewResult(inc, ("added",))
