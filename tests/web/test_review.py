"""The review operations of sillok.store.review on a real store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from web_helpers import REPORT_1

from sillok.errors import ConflictError, NotFoundError, ValidationError
from sillok.store import Store, review
from sillok.store.review import IncidentEdit


@pytest.fixture
def db(db_path: Path) -> sqlite3.Connection:
    store = Store.open(db_path)
    yield store.db
    store.close()


def _form(**over: str) -> dict[str, str]:
    base = {
        "type": "arrest",
        "date_start": "2021-03-03",
        "date_end": "2021-03-03",
        "country": "KP",
        "admin1": "Ryanggang",
        "admin2": "Hyesan",
        "place": "",
        "victims_count": "5",
        "victims_qualifier": "exact",
        "perpetrator": "mss",
        "reason": "outside_contact",
    }
    base.update(over)
    return base


def test_accept_bumps_revision_and_writes_audit(db: sqlite3.Connection) -> None:
    result = review.accept(db, 1, 1, "rita", now="2026-01-01T00:00:00+00:00")
    assert result.incident.status == "accepted"
    assert result.incident.revision == 2
    [entry] = review.history(db, 1)
    assert (entry.user, entry.action, entry.field, entry.before, entry.after) == (
        "rita",
        "accept",
        "status",
        "machine",
        "accepted",
    )
    assert entry.at == "2026-01-01T00:00:00+00:00"


def test_stale_revision_is_refused_and_nothing_changes(db: sqlite3.Connection) -> None:
    review.accept(db, 1, 1, "rita")
    with pytest.raises(ConflictError, match=r"revision 1.*revision 2"):
        review.reject(db, 1, 1, "adam", "not an incident")
    inc = review.get_incident(db, 1)
    assert inc.status == "accepted" and inc.revision == 2
    assert [e.action for e in review.history(db, 1)] == ["accept"]


def test_edit_records_each_changed_field_and_keeps_machine_original(db: sqlite3.Connection) -> None:
    original = review.get_incident(db, 1).machine_original
    changes = IncidentEdit.from_form(_form(victims_count="6", victims_qualifier="at_least", reason="defection"))
    result = review.edit(db, 1, 1, "rita", changes)
    assert set(result.changed) == {"victims_count", "victims_qualifier", "reason", "status"}
    inc = result.incident
    assert (inc.victims_count, inc.victims_qualifier, inc.reason, inc.status) == (6, "at_least", "defection", "edited")
    assert inc.machine_original == original
    rows = {(e.field, e.before, e.after) for e in review.history(db, 1)}
    assert ("victims_count", "5", "6") in rows and ("reason", "outside_contact", "defection") in rows
    # accepting an edited record keeps it "edited" (accepted with changes)
    assert review.accept(db, 1, inc.revision, "adam").incident.status == "edited"


def test_edit_with_no_change_writes_nothing(db: sqlite3.Connection) -> None:
    result = review.edit(db, 1, 1, "rita", IncidentEdit.from_form(_form()))
    assert result.changed == () and result.incident.revision == 1
    assert review.history(db, 1) == []


def test_place_lookup_resolves_to_canonical_names(db: sqlite3.Connection) -> None:
    changes = IncidentEdit.from_form(_form(lookup="회령", admin1="", admin2=""))
    inc = review.edit(db, 1, 1, "rita", changes).incident
    assert (inc.country, inc.admin1, inc.admin2) == ("KP", "North Hamgyong", "Hoeryong")
    edit2 = IncidentEdit.from_form(_form(admin1="Yanggang", admin2="hyesan"))
    assert (edit2.admin1, edit2.admin2) == ("Ryanggang", "Hyesan")


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"type": "riot"}, "not a codebook type"),
        ({"perpetrator": "aliens"}, "perpetrator"),
        ({"type": "escape", "perpetrator": "mss", "reason": ""}, "no perpetrator"),
        ({"type": "bribery", "perpetrator": "mss", "reason": "defection"}, "no reason"),
        ({"date_start": "2021-13-01"}, "not an ISO date"),
        ({"date_start": "2021-03-05", "date_end": "2021-03-01"}, "ends"),
        ({"victims_count": "many"}, "not a whole number"),
        ({"victims_count": "-2"}, "negative"),
        ({"lookup": "Atlantis"}, "not in the gazetteer"),
        ({"admin1": "Atlantis"}, "province 'Atlantis'"),
        ({"country": "KPR"}, "two-letter"),
    ],
)
def test_bad_edits_are_refused_with_a_reason(over: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        IncidentEdit.from_form(_form(**over))


def test_reject_needs_a_reason(db: sqlite3.Connection) -> None:
    with pytest.raises(ValidationError, match="needs a reason"):
        review.reject(db, 1, 1, "rita", "  ")
    result = review.reject(db, 1, 1, "rita", "a rumour, not an act")
    assert result.incident.status == "rejected" and result.incident.status_reason == "a rumour, not an act"


def test_add_incident_cuts_the_quote_from_the_report(db: sqlite3.Connection) -> None:
    start = REPORT_1.index("They were later")
    end = REPORT_1.index("camp.") + len("camp.")
    record = IncidentEdit.from_form(_form(type="sentence", quote_start=str(start), quote_end=str(end), reason=""))
    result = review.add_incident(db, 1, "rita", record)
    inc = result.incident
    assert inc.quote == "They were later sent to a labour-training camp."
    assert (inc.origin, inc.status, inc.machine_original, inc.extractor_version) == ("human", "accepted", None, None)
    [entry] = review.history(db, inc.id)
    assert entry.action == "add" and json.loads(entry.after or "")["quote"] == inc.quote
    # the new incident is searchable at once
    hits = db.execute("SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH 'labour'").fetchall()
    assert inc.id in {r[0] for r in hits}


@pytest.mark.parametrize(("start", "end"), [("5", ""), ("10", "5"), ("0", "100000")])
def test_add_incident_refuses_bad_offsets(db: sqlite3.Connection, start: str, end: str) -> None:
    with pytest.raises(ValidationError):
        record = IncidentEdit.from_form(_form(quote_start=start, quote_end=end))
        review.add_incident(db, 1, "rita", record)
    assert db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] == 2


def test_missing_records(db: sqlite3.Connection) -> None:
    with pytest.raises(NotFoundError):
        review.accept(db, 999, 1, "rita")
    with pytest.raises(NotFoundError):
        review.add_incident(db, 999, "rita", IncidentEdit(type="arrest", quote_start=0, quote_end=3))


def test_same_event_reads_the_merge_links(db: sqlite3.Connection) -> None:
    assert review.same_event_incidents(db, 1) == []
    db.execute(
        "INSERT INTO events (id, event_key, type, created_at, updated_at) VALUES (7, 'E0007', 'arrest', 'now', 'now')"
    )
    db.execute("INSERT INTO event_incidents (incident_id, event_id, added_at) VALUES (1, 7, 'now'), (2, 7, 'now')")
    assert [i.id for i in review.same_event_incidents(db, 1)] == [2]


def test_search_index_follows_quote_edits(db: sqlite3.Connection) -> None:
    start = REPORT_1.index("They were later")
    review.edit(db, 1, 1, "rita", IncidentEdit.from_form(_form(quote_start=str(start), quote_end=str(start + 15))))
    quotes = db.execute("SELECT quote FROM incidents_fts WHERE rowid = 1").fetchall()
    assert [tuple(q) for q in quotes] == [("They were later",)]


def _fts_ok(db: sqlite3.Connection) -> None:
    # with rank 1, FTS5 checks its index against the content (the incident_search_source view)
    db.execute("INSERT INTO incidents_fts (incidents_fts, rank) VALUES ('integrity-check', 1)")


def test_search_index_stays_exact_through_every_kind_of_change(db: sqlite3.Connection) -> None:
    from sillok.models import Document, Incident
    from sillok.store import Store

    _fts_ok(db)
    start = REPORT_1.index("They were later")
    review.edit(db, 1, 1, "rita", IncidentEdit.from_form(_form(quote_start=str(start), quote_end=str(start + 15))))
    review.add_incident(db, 2, "rita", IncidentEdit(type="arrest", quote_start=0, quote_end=6))
    _fts_ok(db)
    store = Store(Path("unused"), db)
    # re-extraction replaces the untouched machine incidents of report 2
    store.save_extraction(2, "test-2", [Incident(type="escape", quote="국경경비대가", quote_start=0, quote_end=6)])
    _fts_ok(db)
    db.execute("UPDATE documents SET title = 'new title' WHERE id = 2")
    _fts_ok(db)
    assert db.execute("SELECT COUNT(*) FROM incidents_fts WHERE incidents_fts MATCH 'new'").fetchone()[0] == 2
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("DELETE FROM audit_log")
    db.execute("DELETE FROM documents WHERE id = 2")  # cascades to its incidents
    _fts_ok(db)
    assert db.execute("SELECT COUNT(*) FROM incidents_fts WHERE incidents_fts MATCH 'title'").fetchone()[0] == 0
    store.add_documents([Document(id="r3", text="Police detained a trader in Sinuiju.", title="t3")])
    _fts_ok(db)
