"""The SQLite store: documents, incidents and the reviewers' audit log in one file.

Open it with :meth:`Store.open`, which creates the file and applies pending migrations. The
connection runs in WAL mode with foreign keys on and a busy timeout, and manages its transactions
explicitly (:meth:`Store.transaction`); documents and extractions are written in batches, so a
crash loses at most the batch being written and running the same command again resumes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from sillok.errors import NotFoundError, SillokError, StoreError, ValidationError
from sillok.models import Document, Extraction, Incident
from sillok.store.migrations import MIGRATIONS, Migration
from sillok.store.records import (
    Count,
    ExtractResult,
    IncidentFilter,
    IngestResult,
    StoredDocument,
    StoredIncident,
    Summary,
)

BUSY_TIMEOUT_MS = 10_000

#: A callback told how many more documents were handled (drives a progress bar).
Progress = Callable[[int], None]


class ExtractionPipeline(Protocol):
    """What the store needs of :class:`sillok.extract.Pipeline`."""

    def version(self, language: str) -> str: ...

    def extract(self, doc: Document) -> Extraction: ...


def utc_now() -> str:
    """The current time, UTC, ISO 8601 to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _statements(script: str) -> Iterator[str]:
    """The complete SQL statements of a script, in order (comments and quoted ';' respected)."""
    start = 0
    pos = script.find(";")
    while pos != -1:
        chunk = script[start : pos + 1]
        if sqlite3.complete_statement(chunk):
            if chunk.strip(" \t\r\n;"):
                yield chunk
            start = pos + 1
        pos = script.find(";", pos + 1)
    rest = script[start:]
    if rest.strip() and not all(line.strip().startswith("--") for line in rest.strip().splitlines()):
        yield rest


class StoreConnection(sqlite3.Connection):
    """A connection whose ``executescript`` stays inside an open transaction.

    ``sqlite3.Connection.executescript`` commits first, which would let a migration half-apply;
    inside a transaction this one runs the script statement by statement instead.
    """

    def executescript(self, sql_script: str, /) -> sqlite3.Cursor:  # type: ignore[override]
        if not self.in_transaction:
            return super().executescript(sql_script)
        cur = self.cursor()
        for statement in _statements(sql_script):
            cur.execute(statement)
        return cur


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


#: a report's current text: no later version of it is stored (the flag is set at ingest, m005)
_CURRENT = "d.superseded = 0"

_INCIDENT_SELECT = """
SELECT i.*, d.doc_id AS doc_id, d.title AS document_title
FROM incidents i JOIN documents d ON d.id = i.document_id
"""

_INCIDENT_ORDER = (
    "ORDER BY i.date_start IS NULL, i.date_start, i.date_end, d.doc_id, d.version, i.quote_start IS NULL, "
    "i.quote_start, i.id"
)


def _check_batch_size(batch_size: int) -> int:
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValidationError(f"batch size {batch_size!r} is not a positive whole number")
    return batch_size


def incident_json(incident: Incident) -> str:
    """The codebook form of an incident (with its quote span) as the store keeps it in ``machine_original``."""
    return json.dumps(incident.to_dict(offsets=True), ensure_ascii=False)


class Store:
    """One Sillok database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self.db = db

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, migrations: Sequence[Migration] = MIGRATIONS) -> Store:
        """Open (creating it if needed) the database at ``path`` and apply pending migrations."""
        p = Path(path)
        if p.is_dir():
            raise StoreError(f"{p}: is a directory, not a database file", hint="give a file name, e.g. --db sillok.db")
        if not p.parent.exists():
            raise StoreError(f"{p}: the folder {p.parent} does not exist")
        try:
            db = sqlite3.connect(p, isolation_level=None, factory=StoreConnection)
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{p}: cannot switch the database to WAL mode (it is in {mode} mode)")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as e:
            raise StoreError(
                f"{p}: cannot open the database: {e}", hint="is it a Sillok database (an SQLite file)?"
            ) from e
        store = cls(p, db)
        try:
            store.migrate(migrations)
        except BaseException:
            db.close()
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, immediate: bool = True) -> Iterator[sqlite3.Connection]:
        """A transaction on the store's connection: committed on success, rolled back on error."""
        try:
            self.db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        except sqlite3.OperationalError as e:
            raise StoreError(f"{self.path}: cannot start a transaction: {e}", hint="is another process writing?") from e
        try:
            yield self.db
        except sqlite3.DatabaseError as e:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write to the database: {e}") from e
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        else:
            try:
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as e:
                self.db.execute("ROLLBACK")
                raise StoreError(f"{self.path}: cannot commit: {e}") from e

    # -- migrations ------------------------------------------------------------------------------
    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction; their names."""
        names = [m.__name__ for m in migrations]
        if len(set(names)) != len(names):
            raise StoreError("two migrations have the same name", hint="name each migration function uniquely")
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open the database: {e}", hint="is it an SQLite file?") from e
        applied = []
        for migration in migrations:
            name = migration.__name__
            with self.transaction() as db:
                if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue
                try:
                    migration(db)
                except sqlite3.DatabaseError as e:
                    raise StoreError(f"{self.path}: migration {name} failed: {e}") from e
                db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, utc_now()))
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [r["name"] for r in self.db.execute("SELECT name FROM migrations ORDER BY rowid")]

    # -- documents -------------------------------------------------------------------------------
    def add_documents(
        self, docs: Iterable[Document], batch_size: int = 50, progress: Progress | None = None
    ) -> IngestResult:
        """Store documents, committing every ``batch_size``.

        A document is identified by the hash of its normalized text: the same text again adds
        nothing; a known ``doc_id`` with a new text is stored as its next version.
        """
        _check_batch_size(batch_size)
        added = unchanged = new_versions = 0
        for batch in _batched(docs, batch_size):
            now = utc_now()
            with self.transaction() as db:
                for doc in batch:
                    outcome = self._add_document(db, doc, now)
                    if outcome == "added":
                        added += 1
                    elif outcome == "version":
                        new_versions += 1
                    else:
                        unchanged += 1
            if progress:
                progress(len(batch))
        return IngestResult(added, unchanged, new_versions)

    @staticmethod
    def _add_document(db: sqlite3.Connection, doc: Document, now: str) -> str:
        digest = doc.hash
        if db.execute("SELECT 1 FROM documents WHERE hash = ?", (digest,)).fetchone():
            return "unchanged"
        last = db.execute("SELECT MAX(version) FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()[0]
        version = (last or 0) + 1
        db.execute(
            """INSERT INTO documents (doc_id, hash, version, text, published, language, url, outlet, title,
                                      source, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                doc.id,
                digest,
                version,
                doc.text,
                doc.published.isoformat() if doc.published else None,
                doc.language,
                doc.url,
                doc.outlet,
                doc.title,
                doc.source,
                now,
            ),
        )
        if last:
            db.execute("UPDATE documents SET superseded = 1 WHERE doc_id = ? AND version < ?", (doc.id, version))
        return "added" if version == 1 else "version"

    def documents(self, doc_id: str | None = None, superseded: bool = True) -> list[StoredDocument]:
        """Stored documents (every version unless ``superseded`` is False), by report id and version."""
        where, params = [], []
        if doc_id is not None:
            where.append("d.doc_id = ?")
            params.append(doc_id)
        if not superseded:
            where.append(_CURRENT)
        sql = "SELECT d.* FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self.db.execute(sql + " ORDER BY d.doc_id, d.version", params)
        return [StoredDocument.from_row(r) for r in rows]

    def document(self, id: int) -> StoredDocument:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {id} in {self.path}")
        return StoredDocument.from_row(row)

    def count_documents(self, superseded: bool = False) -> int:
        sql = "SELECT COUNT(*) FROM documents d" + ("" if superseded else f" WHERE {_CURRENT}")
        return self.db.execute(sql).fetchone()[0]

    # -- extraction ------------------------------------------------------------------------------
    def pending(self, pipeline: ExtractionPipeline) -> tuple[list[int], list[str]]:
        """Row ids of current documents the pipeline's version has not read yet, and the
        documents no extractor can read ("doc_id: reason")."""
        versions: dict[str, str | SillokError] = {}
        todo: list[int] = []
        skipped: list[str] = []
        sql = f"SELECT d.id, d.doc_id, d.language, d.extracted_version FROM documents d WHERE {_CURRENT} ORDER BY d.id"
        for row in self.db.execute(sql).fetchall():
            language = row["language"] or "en"
            if language not in versions:
                try:
                    versions[language] = pipeline.version(language)
                except SillokError as e:
                    versions[language] = e
            version = versions[language]
            if isinstance(version, SillokError):
                skipped.append(f"{row['doc_id']}: {version}")
            elif row["extracted_version"] != version:
                todo.append(row["id"])
        return todo, skipped

    def extract(
        self, pipeline: ExtractionPipeline, batch_size: int = 50, progress: Progress | None = None
    ) -> ExtractResult:
        """Run the pipeline on every current document it has not read in its present version and
        replace their machine incidents, committing every ``batch_size`` documents."""
        _check_batch_size(batch_size)
        todo, skipped = self.pending(pipeline)
        documents = incidents = kept = 0
        for batch in _batched(todo, batch_size):
            results = []
            for row_id in batch:
                doc = self.document(row_id)
                try:
                    found = pipeline.extract(doc.to_document()).incidents
                except SillokError as e:
                    skipped.append(f"{doc.doc_id}: {e}")
                    continue
                results.append((row_id, pipeline.version(doc.language or "en"), found))
            with self.transaction() as db:
                for row_id, version, found in results:
                    added, left = self._save_extraction(db, row_id, version, found)
                    incidents += added
                    kept += left
            documents += len(results)
            if progress:
                progress(len(batch))
        return ExtractResult(documents, incidents, kept, tuple(skipped))

    def save_extraction(self, document_id: int, version: str, incidents: Iterable[Incident]) -> int:
        """Replace the machine incidents of one stored document with ``incidents`` (found by
        extractor ``version``); the number stored. Incidents a reviewer touched or added stay."""
        with self.transaction() as db:
            if not db.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone():
                raise NotFoundError(f"no document with id {document_id} in {self.path}")
            return self._save_extraction(db, document_id, version, tuple(incidents))[0]

    def _human_touched(self) -> str:
        """SQL selecting the ids of incidents a person has acted on: audit entries, and (once the
        merge tables exist) split/join constraints and event links a reviewer made."""
        parts = ["SELECT incident_id FROM audit_log WHERE incident_id IS NOT NULL"]
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "event_constraints" in tables:
            parts += ["SELECT incident_a FROM event_constraints", "SELECT incident_b FROM event_constraints"]
        if "event_incidents" in tables:
            parts.append("SELECT incident_id FROM event_incidents WHERE added_by != 'machine'")
        return " UNION ".join(parts)

    def _save_extraction(
        self, db: sqlite3.Connection, document_id: int, version: str, incidents: Sequence[Incident]
    ) -> tuple[int, int]:
        db.execute(
            f"""DELETE FROM incidents WHERE document_id = ? AND origin = 'machine' AND status = 'machine'
                AND id NOT IN ({self._human_touched()})""",
            (document_id,),
        )
        kept_rows = db.execute(
            "SELECT machine_original FROM incidents WHERE document_id = ?", (document_id,)
        ).fetchall()
        known = {r["machine_original"] for r in kept_rows if r["machine_original"]}
        now = utc_now()
        added = 0
        for inc in incidents:
            original = incident_json(inc)
            if original in known:  # a reviewer already decided on this very record
                continue
            known.add(original)
            db.execute(
                """INSERT INTO incidents (document_id, type, date_start, date_end, country, admin1, admin2, place,
                       victims_count, victims_qualifier, perpetrator, reason, quote, quote_start, quote_end,
                       extractor_version, origin, status, machine_original, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'machine', 'machine', ?, ?, ?)""",
                (document_id, *_incident_values(inc), version, original, now, now),
            )
            added += 1
        db.execute("UPDATE documents SET extracted_version = ? WHERE id = ?", (version, document_id))
        return added, len(kept_rows)

    # -- queries ---------------------------------------------------------------------------------
    def incidents(self, filters: IncidentFilter | None = None, limit: int | None = None) -> list[StoredIncident]:
        """Incidents matching ``filters``, by date (undated last), report, and place in the text."""
        f = filters or IncidentFilter()
        where, params = _filter_sql(f)
        sql = _INCIDENT_SELECT + (" WHERE " + " AND ".join(where) if where else "") + " " + _INCIDENT_ORDER
        if limit is not None:
            if limit < 0:
                raise ValidationError(f"limit {limit} is negative")
            sql += " LIMIT ?"
            params.append(limit)
        return [StoredIncident.from_row(r) for r in self.db.execute(sql, params)]

    def incident(self, id: int) -> StoredIncident:
        row = self.db.execute(_INCIDENT_SELECT + " WHERE i.id = ?", (id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no incident with id {id} in {self.path}")
        return StoredIncident.from_row(row)

    def summary(self, recent: int = 5) -> Summary:
        """Counts by type, province, month and status, and the ``recent`` latest incidents."""
        base = f"FROM incidents i JOIN documents d ON d.id = i.document_id WHERE i.status != 'rejected' AND {_CURRENT}"

        def counts(expr: str, order: str) -> tuple[Count, ...]:
            rows = self.db.execute(f"SELECT {expr} AS k, COUNT(*) AS n {base} GROUP BY k ORDER BY {order}")
            return tuple(Count(r["k"], r["n"]) for r in rows)

        total = self.db.execute(f"SELECT COUNT(*) {base}").fetchone()[0]
        events, corroborated = self.db.execute("SELECT COUNT(*), COALESCE(SUM(sources >= 2), 0) FROM events").fetchone()
        if events:  # once merged, the counts are of events (acts), not of reports' incidents
            base = "FROM events i WHERE 1"
        latest = self.db.execute(
            f"""{_INCIDENT_SELECT} WHERE i.status != 'rejected' AND {_CURRENT} AND i.date_start IS NOT NULL
                ORDER BY COALESCE(i.date_end, i.date_start) DESC, i.date_start DESC, i.id DESC LIMIT ?""",
            (recent,),
        )
        return Summary(
            path=str(self.path.resolve()),
            documents=self.count_documents(),
            incidents=total,
            by_type=counts("i.type", "n DESC, k"),
            by_province=counts("i.admin1", "k IS NULL, n DESC, k"),
            by_month=counts("substr(i.date_start, 1, 7)", "k IS NULL, k"),
            by_status=tuple(
                Count(r["k"], r["n"])
                for r in self.db.execute(
                    "SELECT i.status AS k, COUNT(*) AS n FROM incidents i JOIN documents d ON d.id = i.document_id "
                    f"WHERE {_CURRENT} GROUP BY k ORDER BY n DESC, k"
                )
            ),
            events=events,
            corroborated_events=corroborated,
            recent=tuple(StoredIncident.from_row(r) for r in latest),
        )


def _incident_values(inc: Incident) -> tuple[Any, ...]:
    loc = inc.location
    return (
        inc.type,
        inc.date.start.isoformat() if inc.date else None,
        inc.date.end.isoformat() if inc.date else None,
        loc.country if loc else None,
        loc.admin1 if loc else None,
        loc.admin2 if loc else None,
        loc.place if loc else None,
        inc.victims.count if inc.victims else None,
        inc.victims.qualifier if inc.victims else None,
        inc.perpetrator,
        inc.reason,
        inc.quote,
        inc.quote_start,
        inc.quote_end,
    )


def _filter_sql(f: IncidentFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.type:
        where.append("i.type = ?")
        params.append(f.type)
    if f.province:
        where.append("i.admin1 = ?")
        params.append(f.province)
    if f.since:
        where.append("COALESCE(i.date_end, i.date_start) >= ?")
        params.append(f.since.isoformat())
    if f.until:
        where.append("i.date_start <= ?")
        params.append(f.until.isoformat())
    if f.perpetrator:
        where.append("i.perpetrator = ?")
        params.append(f.perpetrator)
    if f.status:
        where.append("i.status = ?")
        params.append(f.status)
    else:
        where.append("i.status != 'rejected'")
    if f.document:
        where.append("d.doc_id = ?")
        params.append(f.document)
    if not f.superseded:
        where.append(_CURRENT)
    return where, params


def resolve_province(name: str) -> str:
    """The gazetteer's admin1 name for any spelling of a province (either language)."""
    from sillok.places import load_gazetteer

    gazetteer = load_gazetteer()
    place = gazetteer.lookup(name)
    if place is None:
        provinces = sorted(p.name for p in gazetteer.places.values() if p.level == "admin1" and p.country == "KP")
        raise ValidationError(f"province {name!r} is not in the gazetteer", hint=f"provinces: {', '.join(provinces)}")
    if place.level != "admin1":
        where = f" in {place.admin1}" if place.admin1 else ""
        raise ValidationError(
            f"{name!r} is {'a county or city' if place.level == 'admin2' else 'a place'} ({place.name}{where}), "
            "not a province",
            hint=f"use --province {place.admin1!r}" if place.admin1 else None,
        )
    return place.name
