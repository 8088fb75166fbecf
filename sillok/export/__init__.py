"""Exports: stored incidents as a table, JSON Lines or CSV, and the store's readable summary."""

from __future__ import annotations

from sillok.export.incidents import (
    CSV_COLUMNS,
    FORMATS,
    write_csv,
    write_incidents,
    write_jsonl,
    write_summary,
    write_table,
)

__all__ = ["CSV_COLUMNS", "FORMATS", "write_csv", "write_incidents", "write_jsonl", "write_summary", "write_table"]
