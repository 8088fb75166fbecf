"""Building and running the browser interface: a Datasette over one Sillok database, with our plugin."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from datasette.app import Datasette

from sillok.errors import StoreError

HERE = Path(__file__).resolve().parent
FACETS = ["type", "admin1", "perpetrator", "reason", "year", "status"]
HIDDEN = [
    "users",
    "migrations",
    "incident_search_source",
    "document_signatures",
    "incidents_fts",
    *(f"incidents_fts_{s}" for s in ("data", "idx", "docsize", "config")),
]


def metadata(db_name: str, public_read: bool = False) -> dict[str, Any]:
    """Datasette metadata: facets, full-text search and sort order of the incident list; hidden tables."""
    search = {"fts_table": "incidents_fts", "fts_pk": "id"}
    tables: dict[str, Any] = {
        "incident_list": {
            "title": "Incidents",
            "description": "Every incident record with its report. Search looks in quotes, report titles and texts; "
            'each word matches the beginnings of words (체포 finds 체포했다, arrest finds arrested); "quote" a phrase.',
            "facets": FACETS,
            "sort_desc": "date_start",
            "size": 30,
            **search,
        },
        "incidents": {"facets": [f for f in FACETS if f != "year"], "sort_desc": "date_start", **search},
        "documents": {"title": "Reports", "sort_desc": "published"},
        "audit_log": {"title": "Review history", "sort_desc": "id"},
        "events": {
            "title": "Events (table)",
            "description": "The events as stored; the Events page (/-/sillok/events) lists them for reading.",
            "facets": ["type", "admin1", "reports", "sources", "origin"],
            "sort_desc": "sources",
        },
        "event_members": {"title": "Event members"},
    }
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "Sillok",
        "description": "Incident records from reports on North Korea's control of movement and dissent.",
        "databases": {db_name: {"tables": tables}},
        "plugins": {"sillok": {"database": db_name, "public_read": public_read}},
    }


def make_datasette(
    db_path: str | os.PathLike[str], *, public_read: bool = False, secret: str | None = None
) -> Datasette:
    """A Datasette serving the Sillok database at ``db_path`` (it must exist and be migrated).

    ``public_read`` lets anyone read without logging in; writing always needs a reviewer's log-in.
    ``secret`` signs the session cookies (default: ``$SILLOK_SECRET``, else a new one per start,
    which logs everyone out when the server restarts).
    """
    path = Path(db_path)
    if not path.is_file():
        raise StoreError(f"{path}: no such database", hint="create it with `sillok ingest` / `sillok run` first")
    ds = Datasette(
        files=[str(path)],
        metadata=metadata(path.stem, public_read),
        template_dir=str(HERE / "templates"),
        static_mounts=[("sillok-static", str(HERE / "static"))],
        settings={
            "suggest_facets": False,
            "allow_download": False,
            "default_page_size": 50,
            "facet_time_limit_ms": 300,
            "sql_time_limit_ms": 2000,
        },
        secret=secret or os.environ.get("SILLOK_SECRET") or None,
    )
    return ds


def prepare_database(db_path: str | os.PathLike[str]) -> Path:
    """Open the store once so that pending migrations (users, search) are applied; the path."""
    from sillok.store import Store

    path = Path(db_path)
    if not path.is_file():
        raise StoreError(f"{path}: no such database", hint="create it with `sillok ingest` / `sillok run` first")
    Store.open(path).close()
    return path


def serve(
    db_path: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8001, public_read: bool = False
) -> None:
    """Run the web interface until interrupted (uvicorn, one process)."""
    import uvicorn

    path = prepare_database(db_path)
    ds = make_datasette(path, public_read=public_read)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
