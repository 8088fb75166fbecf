"""Extraction into the store: machine incidents replaced, reviewers' work kept, batches."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from store_helpers import ListPipeline, make_doc, make_incident

from sillok.errors import NotFoundError, SillokError
from sillok.models import Document, Incident
from sillok.store import Store


def two_per_doc(doc: Document) -> list[Incident]:
    n = int(doc.id.split("-")[1])
    return [
        make_incident("arrest", quote=f"arrest {n}", count=n, quote_start=0),
        make_incident("sentence", quote=f"sentence {n}", count=None, quote_start=20),
    ]


def test_extract_stores_every_field(store: Store) -> None:
    store.add_documents([make_doc(3, title="A title")])
    inc = make_incident(
        "killing",
        quote="guards shot 3",
        start="2020-01-21",
        end="2020-01-31",
        count=3,
        perpetrator="border_guard",
        reason="defection",
        quote_start=5,
    )
    result = store.extract(ListPipeline("1.0", lambda d: [inc]))
    assert (result.documents, result.incidents) == (1, 1)
    (stored,) = store.incidents()
    assert stored.to_incident() == inc
    assert (stored.quote_start, stored.quote_end) == (5, 5 + len("guards shot 3"))
    assert stored.extractor_version == "en-1.0"
    assert (stored.status, stored.origin, stored.revision) == ("machine", "machine", 1)
    assert json.loads(stored.machine_original or "") == inc.to_dict(offsets=True)
    assert stored.created_at.endswith("+00:00") and stored.updated_at == stored.created_at
    assert (stored.doc_id, stored.document_title) == ("doc-0003", "A title")
    assert store.documents()[0].extracted_version == "en-1.0"


def test_extract_skips_documents_already_read_by_this_version(store: Store) -> None:
    store.add_documents([make_doc(i) for i in range(1, 4)])
    pipeline = ListPipeline("1.0", two_per_doc)
    assert store.extract(pipeline).documents == 3
    store.add_documents([make_doc(4)])
    again = store.extract(pipeline)
    assert (again.documents, again.incidents) == (1, 2)
    assert pipeline.calls == ["doc-0001", "doc-0002", "doc-0003", "doc-0004"]
    assert len(store.incidents()) == 8


def test_a_new_version_replaces_machine_incidents_only(store: Store) -> None:
    store.add_documents([make_doc(1), make_doc(2)])
    store.extract(ListPipeline("1.0", two_per_doc))
    arrest, sentence = (i.id for i in store.incidents() if i.doc_id == "doc-0001")
    with store.transaction() as db:  # a reviewer accepts one, and adds one
        db.execute("UPDATE incidents SET status = 'accepted' WHERE id = ?", (arrest,))
        db.execute(
            """INSERT INTO incidents (document_id, type, quote, origin, status, created_at, updated_at)
               SELECT document_id, 'abuse', 'beaten', 'human', 'accepted', 'now', 'now' FROM incidents WHERE id = ?""",
            (arrest,),
        )
    result = store.extract(ListPipeline("2.0", lambda d: [make_incident("execution", quote=f"executed {d.id}")]))
    assert result.documents == 2
    assert result.kept == 2
    rows = store.incidents(None)
    doc1 = sorted((i.type, i.status, i.extractor_version) for i in rows if i.doc_id == "doc-0001")
    assert doc1 == [("abuse", "accepted", None), ("arrest", "accepted", "en-1.0"), ("execution", "machine", "en-2.0")]
    assert sentence not in {i.id for i in rows}
    doc2 = sorted(i.type for i in rows if i.doc_id == "doc-0002")
    assert doc2 == ["execution"]


def test_a_record_a_reviewer_decided_on_is_not_extracted_again(store: Store) -> None:
    store.add_documents([make_doc(1)])
    store.extract(ListPipeline("1.0", two_per_doc))
    rejected = store.incidents()[0]
    with store.transaction() as db:
        db.execute("UPDATE incidents SET status = 'rejected', status_reason = 'a rumour' WHERE id = ?", (rejected.id,))
    store.extract(ListPipeline("1.1", two_per_doc))  # the same records again
    everything = store.incidents() + store.incidents(status_filter("rejected"))
    assert sorted((i.type, i.status) for i in everything) == [("arrest", "rejected"), ("sentence", "machine")]


def status_filter(status: str):
    from sillok.store import IncidentFilter

    return IncidentFilter(status=status)


def test_machine_incidents_with_audit_history_are_kept(store: Store) -> None:
    store.add_documents([make_doc(1)])
    store.extract(ListPipeline("1.0", two_per_doc))
    first = store.incidents()[0]
    with store.transaction() as db:
        db.execute(
            "INSERT INTO audit_log (incident_id, user, at, action) VALUES (?, 'ana', 'now', 'comment')", (first.id,)
        )
    store.extract(ListPipeline("2.0", lambda d: []))
    assert [i.id for i in store.incidents()] == [first.id]


def test_only_the_current_version_of_a_report_is_extracted(store: Store) -> None:
    store.add_documents([make_doc(1, "The first text of report one, long enough.")])
    store.add_documents([make_doc(1, "The second text of report one, long enough.")])
    pipeline = ListPipeline("1.0", lambda d: [make_incident(quote=d.text[:10])])
    store.extract(pipeline)
    assert len(pipeline.calls) == 1
    (inc,) = store.incidents()
    assert inc.quote == "The second"


def test_extraction_commits_in_batches(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_documents([make_doc(i) for i in range(1, 26)], batch_size=100)
    seen: list[int] = []

    def rule(doc: Document) -> list[Incident]:
        if doc.id.endswith("1"):  # first of each batch of 10 (ids 1, 11, 21)
            with sqlite3.connect(db_path) as other:
                seen.append(
                    other.execute("SELECT COUNT(*) FROM documents WHERE extracted_version IS NOT NULL").fetchone()[0]
                )
        if doc.id == "doc-0022":
            raise RuntimeError("extractor crashed")
        return two_per_doc(doc)

    with Store.open(db_path) as store:
        told: list[int] = []
        with pytest.raises(RuntimeError):
            store.extract(ListPipeline("1.0", rule), batch_size=10, progress=told.append)
        assert seen == [0, 10, 20]
        assert told == [10, 10]
        assert len(store.incidents()) == 40
        assert store.extract(ListPipeline("1.0", two_per_doc), batch_size=10).documents == 5


def test_unreadable_languages_and_failing_documents_are_skipped(store: Store) -> None:
    class Picky(ListPipeline):
        def version(self, language: str) -> str:
            if language == "fr":
                raise SillokError(f"no extractor for language {language!r}")
            return super().version(language)

        def extract(self, doc: Document):
            if doc.id == "doc-0002":
                raise SillokError("cannot read this one")
            return super().extract(doc)

    store.add_documents([make_doc(1, language="fr"), make_doc(2), make_doc(3, language="ko")])
    result = store.extract(Picky("1.0", two_per_doc))
    assert result.documents == 1
    assert result.skipped == ("doc-0001: no extractor for language 'fr'", "doc-0002: cannot read this one")
    assert {i.extractor_version for i in store.incidents()} == {"ko-1.0"}


def test_save_extraction_needs_a_known_document(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.save_extraction(99, "en-1", [make_incident()])


def test_machine_incidents_a_reviewer_split_or_joined_are_kept(store: Store) -> None:
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "event_constraints" not in tables:
        pytest.skip("the merge tables are not in the migrations")
    store.add_documents([make_doc(1)])
    store.extract(ListPipeline("1.0", two_per_doc))
    a, b = (i.id for i in store.incidents())
    with store.transaction() as db:
        db.execute(
            "INSERT INTO event_constraints (incident_a, incident_b, kind, user, at) VALUES (?, ?, 'cannot', 'a', 'x')",
            (a, b),
        )
    store.extract(ListPipeline("2.0", lambda d: []))
    assert sorted(i.id for i in store.incidents()) == [a, b]
    assert store.db.execute("SELECT COUNT(*) FROM event_constraints").fetchone()[0] == 1
