"""Schema migrations: named functions, applied in order, each recorded in the ``migrations`` table.

Add a migration by writing a function ``mNNN_what(db)`` and appending it to :data:`MIGRATIONS`.
Never edit a migration that has shipped; write a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def m001_documents_and_incidents(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,              -- the report's own id (codebook "id")
            hash TEXT NOT NULL UNIQUE,         -- sha256 of the normalized text: identity
            version INTEGER NOT NULL DEFAULT 1,-- 1 + number of earlier texts with this doc_id
            text TEXT NOT NULL,
            published TEXT,                    -- YYYY-MM-DD or NULL
            language TEXT,
            url TEXT,
            outlet TEXT,
            title TEXT,
            source TEXT,                       -- file (and line) it was read from
            ingested_at TEXT NOT NULL,
            extracted_version TEXT             -- extractor version last run on it, NULL if never
        );
        CREATE INDEX documents_doc_id ON documents(doc_id);

        CREATE TABLE incidents (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            country TEXT,
            admin1 TEXT,
            admin2 TEXT,
            place TEXT,
            victims_count INTEGER,
            victims_qualifier TEXT,
            perpetrator TEXT,
            reason TEXT,
            quote TEXT NOT NULL,
            quote_start INTEGER,
            quote_end INTEGER,
            extractor_version TEXT,            -- NULL for incidents added by a reviewer
            origin TEXT NOT NULL DEFAULT 'machine',   -- machine | human
            status TEXT NOT NULL DEFAULT 'machine',   -- machine | accepted | edited | rejected
            status_reason TEXT,                -- why it was rejected
            machine_original TEXT,             -- JSON of the extractor's record, never changed
            revision INTEGER NOT NULL DEFAULT 1,      -- optimistic concurrency for reviewers
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX incidents_document ON incidents(document_id);
        CREATE INDEX incidents_type ON incidents(type);
        CREATE INDEX incidents_admin1 ON incidents(admin1);
        CREATE INDEX incidents_date ON incidents(date_start);
        CREATE INDEX incidents_status ON incidents(status);

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            incident_id INTEGER REFERENCES incidents(id),
            event_id TEXT,                     -- for event split/join decisions
            user TEXT NOT NULL,
            at TEXT NOT NULL,
            action TEXT NOT NULL,              -- accept | edit | reject | add | split | join ...
            field TEXT,
            before TEXT,
            after TEXT
        );
        CREATE INDEX audit_incident ON audit_log(incident_id);
        """
    )


def m002_users_and_search(db: sqlite3.Connection) -> None:
    """Reviewers' accounts, full-text search over quotes and reports, and the list view the browser uses."""
    db.executescript(
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
            password_hash TEXT NOT NULL,       -- scrypt$n$r$p$salt$hash (hex)
            created_at TEXT NOT NULL
        );

        -- full-text search: one row per incident (rowid = incidents.id) holding its quote and its report's title
        -- and text. The index keeps no copy of the texts (external content: the view below), so the triggers
        -- must remove exactly what they added. Documents are never updated or deleted by Sillok; the
        -- document triggers keep the index right if they ever are (a cascade sees its document gone).
        CREATE VIEW incident_search_source AS
            SELECT i.id, i.quote, d.title, d.text FROM incidents i JOIN documents d ON d.id = i.document_id;
        CREATE VIRTUAL TABLE incidents_fts USING fts5(
            quote, title, text, content = 'incident_search_source', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO incidents_fts (incidents_fts) VALUES ('rebuild');
        CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
            INSERT INTO incidents_fts (rowid, quote, title, text)
                SELECT new.id, new.quote, d.title, d.text FROM documents d WHERE d.id = new.document_id;
        END;
        CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
            INSERT INTO incidents_fts (incidents_fts, rowid, quote, title, text)
                SELECT 'delete', old.id, old.quote, d.title, d.text FROM documents d WHERE d.id = old.document_id;
        END;
        CREATE TRIGGER incidents_fts_update AFTER UPDATE OF quote, document_id ON incidents BEGIN
            INSERT INTO incidents_fts (incidents_fts, rowid, quote, title, text)
                SELECT 'delete', old.id, old.quote, d.title, d.text FROM documents d WHERE d.id = old.document_id;
            INSERT INTO incidents_fts (rowid, quote, title, text)
                SELECT new.id, new.quote, d.title, d.text FROM documents d WHERE d.id = new.document_id;
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO incidents_fts (incidents_fts, rowid, quote, title, text)
                SELECT 'delete', i.id, i.quote, old.title, old.text FROM incidents i WHERE i.document_id = old.id;
            INSERT INTO incidents_fts (rowid, quote, title, text)
                SELECT i.id, i.quote, new.title, new.text FROM incidents i WHERE i.document_id = new.id;
        END;
        CREATE TRIGGER documents_fts_delete BEFORE DELETE ON documents BEGIN
            INSERT INTO incidents_fts (incidents_fts, rowid, quote, title, text)
                SELECT 'delete', i.id, i.quote, old.title, old.text FROM incidents i WHERE i.document_id = old.id;
        END;

        -- the browser's facets: one covering index per column a list is first filtered on, holding every
        -- facet column, so counts and facets of a filtered list read the index only (year is an expression)
        CREATE INDEX incidents_f_type ON incidents(type, admin1, perpetrator, reason, status, date_start);
        CREATE INDEX incidents_f_admin1 ON incidents(admin1, type, perpetrator, reason, status, date_start);
        CREATE INDEX incidents_f_perpetrator ON incidents(perpetrator, type, admin1, reason, status, date_start);
        CREATE INDEX incidents_f_reason ON incidents(reason, type, admin1, perpetrator, status, date_start);
        CREATE INDEX incidents_f_status ON incidents(status, type, admin1, perpetrator, reason, date_start);
        CREATE INDEX incidents_f_year
            ON incidents(substr(date_start, 1, 4), type, admin1, perpetrator, reason, status, date_start);
        CREATE INDEX audit_at ON audit_log(at);

        -- the report's columns are subqueries, not a join, so that counts and facets never touch documents
        CREATE VIEW incident_list AS
            SELECT i.id, i.type, i.date_start, i.date_end, substr(i.date_start, 1, 4) AS year,
                   i.country, i.admin1, i.admin2, i.place, i.victims_count, i.victims_qualifier,
                   i.perpetrator, i.reason, i.status, i.origin, i.quote, i.document_id,
                   (SELECT d.doc_id FROM documents d WHERE d.id = i.document_id) AS doc_id,
                   (SELECT d.title FROM documents d WHERE d.id = i.document_id) AS report_title,
                   (SELECT d.published FROM documents d WHERE d.id = i.document_id) AS published
            FROM incidents i;
        """
    )


def m003_events(db: sqlite3.Connection) -> None:
    """Merging: events, incident -> event links, human split/join constraints, near-duplicate reports."""
    db.executescript(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            event_key TEXT UNIQUE,             -- E0001...: stable id shown to people
            case_key TEXT,                     -- events of one case (the same people) share it
            type TEXT NOT NULL,
            date_start TEXT,
            date_end TEXT,
            country TEXT,
            admin1 TEXT,
            admin2 TEXT,
            place TEXT,
            victims_count INTEGER,
            victims_qualifier TEXT,
            perpetrator TEXT,
            reason TEXT,
            reports INTEGER NOT NULL DEFAULT 1,       -- reports telling it
            sources INTEGER NOT NULL DEFAULT 1,       -- independent sources (near-duplicates count once)
            cites TEXT,                        -- JSON: field -> incident ids its value came from
            disagreements TEXT,                -- JSON: [{field, values: [{value, sources}]}]
            origin TEXT NOT NULL DEFAULT 'machine',   -- machine | human (last split/joined by a reviewer)
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_case ON events(case_key);

        CREATE TABLE event_incidents (
            incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            added_by TEXT NOT NULL DEFAULT 'machine', -- machine | user name
            added_at TEXT NOT NULL
        );
        CREATE INDEX event_incidents_event ON event_incidents(event_id);

        -- human decisions: 'must' = one event, 'cannot' = never one event (from split/join)
        CREATE TABLE event_constraints (
            id INTEGER PRIMARY KEY,
            incident_a INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            incident_b INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('must', 'cannot')),
            user TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (incident_a, incident_b, kind)
        );

        CREATE TABLE document_links (
            document_a INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            document_b INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL DEFAULT 'near_duplicate',
            similarity REAL,
            PRIMARY KEY (document_a, document_b, kind)
        );
        CREATE TABLE document_signatures (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            minhash BLOB NOT NULL              -- MinHash signature of the normalized text
        );

        -- each event's incidents with their reports, for review in the browser
        CREATE VIEW event_members AS
            SELECT e.id AS event_id, e.event_key, e.case_key, i.id AS incident_id, i.type, i.date_start, i.date_end,
                   i.country, i.admin1, i.admin2, i.place, i.victims_count, i.victims_qualifier, i.perpetrator,
                   i.reason, i.status, i.quote, d.id AS document_id, d.doc_id, d.title AS report_title, d.published,
                   d.outlet, d.language, ei.added_by
            FROM event_incidents ei
            JOIN events e ON e.id = ei.event_id
            JOIN incidents i ON i.id = ei.incident_id
            JOIN documents d ON d.id = i.document_id;
        """
    )


def m004_event_indexes(db: sqlite3.Connection) -> None:
    """Indexes for the events pages: the history of an event, the list by corroboration."""
    db.executescript(
        """
        CREATE INDEX audit_event ON audit_log(event_id);
        CREATE INDEX events_corroboration ON events(sources DESC, reports DESC, date_start);
        """
    )


def m005_current_incident_list(db: sqlite3.Connection) -> None:
    """The list view shows the incidents of each report's current text only: a report re-ingested with a
    changed text keeps its earlier version (and that version's reviewed incidents) for the record, but
    the list, facets, map and timeline count the act once, from the text that stands now. Whether a
    version is superseded is stored (set when the next version is stored), so that the filter costs a
    lookup in a small partial index, not a scan of every document on every query."""
    db.executescript(
        """
        ALTER TABLE documents ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
        UPDATE documents SET superseded = 1 WHERE EXISTS
            (SELECT 1 FROM documents d2 WHERE d2.doc_id = documents.doc_id AND d2.version > documents.version);
        CREATE INDEX documents_superseded ON documents(id) WHERE superseded = 1;
        DROP VIEW incident_list;
        CREATE VIEW incident_list AS
            SELECT i.id, i.type, i.date_start, i.date_end, substr(i.date_start, 1, 4) AS year,
                   i.country, i.admin1, i.admin2, i.place, i.victims_count, i.victims_qualifier,
                   i.perpetrator, i.reason, i.status, i.origin, i.quote, i.document_id,
                   (SELECT d.doc_id FROM documents d WHERE d.id = i.document_id) AS doc_id,
                   (SELECT d.title FROM documents d WHERE d.id = i.document_id) AS report_title,
                   (SELECT d.published FROM documents d WHERE d.id = i.document_id) AS published
            FROM incidents i
            WHERE i.document_id NOT IN (SELECT id FROM documents WHERE superseded = 1);
        """
    )


#: Every migration, in the order it is applied. Append only.
MIGRATIONS: list[Migration] = [
    m001_documents_and_incidents,
    m002_users_and_search,
    m003_events,
    m004_event_indexes,
    m005_current_incident_list,
]
