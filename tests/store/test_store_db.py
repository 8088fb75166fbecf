"""Opening, migrations, documents and batches of the SQLite store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_helpers import make_doc

from sillok.errors import StoreError, ValidationError
from sillok.models import Document
from sillok.store import Store
from sillok.store.db import _statements
from sillok.store.migrations import MIGRATIONS


def test_open_creates_the_file_and_records_every_migration(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert db_path.exists()
        assert store.applied_migrations() == [m.__name__ for m in MIGRATIONS]
        rows = store.db.execute("SELECT name, applied_at FROM migrations").fetchall()
        assert all(r["applied_at"].endswith("+00:00") for r in rows)


def test_migrations_are_idempotent(db_path: Path) -> None:
    with Store.open(db_path) as store:
        first = store.db.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
    with Store.open(db_path) as store:
        assert store.migrate() == []
        again = store.db.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
    assert [tuple(r) for r in again] == [tuple(r) for r in first]


def test_a_new_migration_is_applied_once_on_an_existing_database(db_path: Path) -> None:
    def m900_notes(db: sqlite3.Connection) -> None:
        db.executescript("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); -- a; comment\n")

    Store.open(db_path).close()
    with Store.open(db_path, [*MIGRATIONS, m900_notes]) as store:
        assert store.applied_migrations()[-1] == "m900_notes"
    with Store.open(db_path, [*MIGRATIONS, m900_notes]) as store:
        assert store.migrate([*MIGRATIONS, m900_notes]) == []
        assert store.db.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0


def test_a_failing_migration_leaves_nothing_behind(db_path: Path) -> None:
    def m901_half(db: sqlite3.Connection) -> None:
        db.executescript("CREATE TABLE half (x TEXT); CREATE TABLE documents (y TEXT);")  # second one fails

    with pytest.raises(StoreError, match="m901_half"):
        Store.open(db_path, [*MIGRATIONS, m901_half])
    with Store.open(db_path) as store:
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half" not in tables
        assert "m901_half" not in store.applied_migrations()


def test_script_splitting_respects_comments_and_strings() -> None:
    script = "CREATE TABLE a (x TEXT DEFAULT 'x;y'); -- note; more\nCREATE TABLE b (y);\n-- trailing; comment\n"
    parts = list(_statements(script))
    assert len(parts) == 2
    assert "'x;y'" in parts[0]


def test_connection_settings(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_open_rejects_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are notes, not a database " * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store.open(bad)


def test_open_rejects_a_directory_and_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "x.db")


def test_same_text_is_stored_once(store: Store) -> None:
    docs = [make_doc(i) for i in range(5)]
    first = store.add_documents(docs, batch_size=2)
    assert (first.added, first.unchanged, first.new_versions) == (5, 0, 0)
    # the same texts again, one with other white space and line ends, one under another id
    again = [*docs, Document("doc-0001", "  " + docs[1].text.replace(" ", "  ") + "\r\n"), make_doc(0, doc_id="x")]
    second = store.add_documents(again, batch_size=2)
    assert (second.added, second.unchanged, second.new_versions) == (0, 7, 0)
    assert store.count_documents() == 5


def test_duplicates_inside_one_batch_are_stored_once(store: Store) -> None:
    result = store.add_documents([make_doc(1), make_doc(1), make_doc(2)], batch_size=10)
    assert (result.added, result.unchanged) == (2, 1)


def test_changed_text_is_a_new_version(store: Store) -> None:
    store.add_documents([make_doc(1, "The first text of the report, long enough.")], batch_size=5)
    result = store.add_documents(
        [make_doc(1, "The corrected text of the report, long enough."), make_doc(1, "A third text, corrected again.")],
        batch_size=5,
    )
    assert (result.added, result.new_versions) == (0, 2)
    versions = store.documents("doc-0001")
    assert [(d.version, d.text[:5]) for d in versions] == [(1, "The f"), (2, "The c"), (3, "A thi")]
    assert [d.version for d in store.documents(superseded=False)] == [3]
    assert store.count_documents() == 1
    assert store.count_documents(superseded=True) == 3


def test_document_fields_round_trip(store: Store) -> None:
    import datetime as dt

    doc = Document(
        "k-1",
        "보위부가 혜산에서 주민 세 명을 체포했다고 소식통이 전했다.",
        published=dt.date(2021, 5, 2),
        language="ko",
        url="https://example.org/2021/05/02/a",
        outlet="Example",
        title="제목",
        source="in.jsonl:3",
    )
    store.add_documents([doc])
    (stored,) = store.documents()
    assert stored.to_document() == doc
    assert stored.hash == doc.hash
    assert stored.extracted_version is None


def test_each_batch_is_committed_before_the_next_is_read(db_path: Path) -> None:
    seen_committed: list[int] = []

    def docs():
        for i in range(35):
            if i % 10 == 0:
                with sqlite3.connect(db_path) as other:
                    seen_committed.append(other.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
            yield make_doc(i)

    with Store.open(db_path) as store:
        result = store.add_documents(docs(), batch_size=10)
    assert result.added == 35
    assert seen_committed == [0, 10, 20, 30]


def test_a_failure_mid_stream_keeps_the_committed_batches(db_path: Path) -> None:
    def docs():
        for i in range(25):
            yield make_doc(i)
        raise RuntimeError("input broke")

    with Store.open(db_path) as store, pytest.raises(RuntimeError):
        store.add_documents(docs(), batch_size=10)
    with Store.open(db_path) as store:
        assert store.count_documents() == 20
        result = store.add_documents((make_doc(i) for i in range(25)), batch_size=10)
        assert (result.added, result.unchanged) == (5, 20)


def test_progress_is_told_per_batch(store: Store) -> None:
    told: list[int] = []
    store.add_documents((make_doc(i) for i in range(23)), batch_size=10, progress=told.append)
    assert told == [10, 10, 3]


@pytest.mark.parametrize("size", [0, -3])
def test_batch_size_must_be_positive(store: Store, size: int) -> None:
    with pytest.raises(ValidationError, match="batch size"):
        store.add_documents([make_doc(1)], batch_size=size)
