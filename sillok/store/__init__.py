"""The SQLite store (WAL, named migrations, batched writes): :class:`Store` and its typed rows."""

from __future__ import annotations

from sillok.store.db import ExtractionPipeline, Progress, Store, StoreConnection, resolve_province, utc_now
from sillok.store.records import (
    Count,
    ExtractResult,
    IncidentFilter,
    IngestResult,
    StoredDocument,
    StoredIncident,
    Summary,
)

__all__ = [
    "Count",
    "ExtractResult",
    "ExtractionPipeline",
    "IncidentFilter",
    "IngestResult",
    "Progress",
    "Store",
    "StoreConnection",
    "StoredDocument",
    "StoredIncident",
    "Summary",
    "resolve_province",
    "utc_now",
]
