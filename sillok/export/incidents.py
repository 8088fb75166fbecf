"""Stored incidents and the store's summary as text: a readable table, JSON Lines, CSV.

Each writer takes the incidents and a text stream; output is deterministic for the same rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.table import Table

from sillok.errors import ValidationError
from sillok.store.records import Count, StoredIncident, Summary

FORMATS: tuple[str, ...] = ("table", "json", "csv")

#: The flat columns of CSV output, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "doc_id",
    "status",
    "type",
    "date_start",
    "date_end",
    "country",
    "admin1",
    "admin2",
    "place",
    "victims_count",
    "victims_qualifier",
    "perpetrator",
    "reason",
    "quote",
    "quote_start",
    "quote_end",
    "extractor_version",
    "origin",
)

DEFAULT_WIDTH = 120


def excerpt(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def date_text(inc: StoredIncident) -> str:
    """``2020-03-01``, ``2020-03-01..03-10`` (same year), ``2019-12-28..2020-01-03``, or a dash."""
    if inc.date_start is None:
        return "—"
    start = inc.date_start.isoformat()
    if inc.date_end is None or inc.date_end == inc.date_start:
        return start
    end = inc.date_end.isoformat()
    return f"{start}..{end[5:] if end[:4] == start[:4] else end}"


def place_text(inc: StoredIncident) -> str:
    parts = [p for p in (inc.admin1, inc.admin2, inc.place) if p]
    if not parts and inc.country:
        parts = [inc.country]
    return " / ".join(parts) or "—"


def victims_text(inc: StoredIncident) -> str:
    if inc.victims_count is None:
        return "—"
    prefix = {"at_least": "≥", "about": "~"}.get(inc.victims_qualifier or "exact", "")
    return f"{prefix}{inc.victims_count}"


def write_jsonl(incidents: Iterable[StoredIncident], out: TextIO) -> int:
    """One JSON object a line: the codebook form plus id, status and document. The number written."""
    n = 0
    for inc in incidents:
        out.write(json.dumps(inc.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(incidents: Iterable[StoredIncident], out: TextIO) -> int:
    """Flat columns (:data:`CSV_COLUMNS`) with a header row. The number of rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for inc in incidents:
        values = [getattr(inc, c) for c in CSV_COLUMNS]
        writer.writerow(["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else v) for v in values])
        n += 1
    return n


def _console(out: TextIO, width: int | None) -> Console:
    return Console(
        file=out,
        width=width or DEFAULT_WIDTH,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def _fit(text: str, cells: int) -> str:
    """``text`` cut (with an ellipsis) to at most ``cells`` terminal cells (Hangul takes two)."""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, max(cells - 1, 0)).rstrip() + "…"


def write_table(incidents: Sequence[StoredIncident], out: TextIO, width: int | None = None) -> int:
    """A readable table: one line of fields per incident and, under it, an excerpt of its quote.
    The number of incidents written."""
    width = width or DEFAULT_WIDTH
    if not incidents:
        out.write("No incidents match.\n")
        return 0
    show_status = any(inc.status != "machine" for inc in incidents)
    header = ["id", "date", "type", "where", "victims", "by", "why", *(["status"] if show_status else []), "report"]
    rows = [
        [
            str(inc.id),
            date_text(inc),
            inc.type,
            _fit(place_text(inc), 32),
            victims_text(inc),
            inc.perpetrator or "—",
            inc.reason or "—",
            *([inc.status] if show_status else []),
            _fit(inc.doc_id, 24),
        ]
        for inc in incidents
    ]
    widths = [max(cell_len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {0, 4}

    def line(cells: list[str]) -> str:
        parts = [
            (" " * (w - cell_len(c)) + c) if i in right else (c + " " * (w - cell_len(c)))
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out.write(line(header) + "\n")
    out.write("  ".join("─" * w for w in widths) + "\n")
    indent = " " * (widths[0] + 2)
    for inc, row in zip(incidents, rows, strict=True):
        out.write(line(row) + "\n")
        out.write(indent + "“" + _fit(" ".join(inc.quote.split()), max(width - len(indent) - 2, 20)) + "”\n")
    return len(incidents)


def write_incidents(incidents: Sequence[StoredIncident], out: TextIO, fmt: str, width: int | None = None) -> int:
    """Write ``incidents`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return write_jsonl(incidents, out)
    if fmt == "csv":
        return write_csv(incidents, out)
    if fmt == "table":
        return write_table(incidents, out, width)
    raise ValidationError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")


def _counts_table(title: str, counts: Sequence[Count], empty: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(title.split(" ")[-1].rstrip(":"))
    table.add_column(title.split(" ")[0].lower(), justify="right")
    for c in counts:
        table.add_row(c.key if c.key is not None else empty, str(c.count))
    return table


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _months_table(counts: Sequence[Count], what: str = "Incidents") -> Table:
    """Counts by month (of the start date), one row per year."""
    table = Table(title=f"{what} by month", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("year")
    table.add_column(what.lower(), justify="right")
    table.add_column("by month")
    years: dict[str, list[Count]] = {}
    undated = 0
    for c in counts:
        if c.key is None:
            undated += c.count
        else:
            years.setdefault(c.key[:4], []).append(c)
    for year, months in years.items():
        detail = " · ".join(f"{_MONTHS[int(c.key[5:7]) - 1]} {c.count}" for c in months if c.key)
        table.add_row(year, str(sum(c.count for c in months)), detail)
    if undated:
        table.add_row("(no date)", str(undated), "")
    return table


def write_summary(summary: Summary, out: TextIO, width: int | None = None) -> None:
    """The readable summary: totals, counts by type, province and month, the latest incidents."""
    console = _console(out, width)
    console.print(f"Sillok database: {summary.path}")
    console.print(
        f"{summary.documents} document(s), {summary.incidents} incident(s)"
        + (" (" + ", ".join(f"{c.count} {c.key}" for c in summary.by_status) + ")" if summary.by_status else "")
    )
    if not summary.incidents:
        console.print("No incidents yet: run `sillok run PATH --db " + summary.path + "` to read reports.")
        return
    what = "Incidents"
    if summary.events:
        what = "Events"
        console.print(
            f"{summary.events} event(s): the acts the incidents tell, reports of one act merged; "
            f"{summary.corroborated_events} told by two or more independent sources"
        )
    console.print()
    console.print(_counts_table(f"{what} by type", summary.by_type, "?"))
    console.print(_counts_table(f"{what} by province", summary.by_province, "(no province)"))
    console.print(_months_table(summary.by_month, what))
    if summary.recent:
        console.print(f"The {len(summary.recent)} most recent incidents:")
        for inc in summary.recent:
            head = f"  {date_text(inc)}  {inc.type}  {place_text(inc)}"
            if inc.victims_count is not None:
                head += f"  victims {victims_text(inc)}"
            console.print(head)
            console.print(f"    “{excerpt(inc.quote, 300)}”")
            console.print(f"    — {inc.document_title or inc.doc_id} [{inc.doc_id}] (incident {inc.id})")
