"""Merging extraction output (JSON Lines) into events: the library side of ``sillok merge``.

Input: one ``{"doc_id", "incidents": [...]}`` a line (``sillok extract`` output, or gold files with
their ``event`` ids stripped) and the documents (``{"id", "text", "published", ...}``). Output: the
same lines with an ``"event"`` id (and a ``"case"`` id where the act is part of a case) on every
incident.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sillok.jsonl import IncidentLine, read_incident_lines
from sillok.merge.cluster import Merger
from sillok.merge.features import QuoteFeatures, ReportText, quote_features, read_report
from sillok.merge.model import Event, MergeItem
from sillok.merge.neardup import find_near_duplicates, source_groups
from sillok.merge.score import MergeConfig
from sillok.models import Document

#: One input line: a report's id, its incidents, and the object as read (written back with event ids).
ExtractionLine = IncidentLine


def read_extractions(path: str | Path) -> list[ExtractionLine]:
    """Read extract-format JSON Lines; a bad line raises :class:`InputError` naming it."""
    return read_incident_lines(path)


def items_of(lines: Iterable[ExtractionLine], docs: dict[str, Document]) -> list[MergeItem]:
    """The merge items of extraction lines: key ``doc_id#n``, with the report's date and outlet."""
    items = []
    seen: dict[str, int] = {}
    reports: dict[str, tuple[ReportText, QuoteFeatures]] = {}
    for line in lines:
        doc = docs.get(line.doc_id)
        if doc is not None and line.doc_id not in reports:
            report = read_report(doc.text, doc.language)
            reports[line.doc_id] = (report, report.features())
        report_of = reports.get(line.doc_id)
        for inc in line.incidents:
            n = seen.get(line.doc_id, 0)
            seen[line.doc_id] = n + 1
            language = doc.language if doc else None
            items.append(
                MergeItem(
                    key=f"{line.doc_id}#{n}",
                    doc_id=line.doc_id,
                    incident=inc,
                    published=doc.published if doc else None,
                    outlet=doc.outlet if doc else None,
                    language=language,
                    features=quote_features(inc.quote, language),
                    near=report_of[0].near(inc.quote) if report_of else QuoteFeatures(),
                    context=report_of[1] if report_of else QuoteFeatures(),
                )
            )
    return items


def merge_extractions(
    lines: list[ExtractionLine], docs: dict[str, Document], config: MergeConfig | None = None
) -> tuple[list[dict[str, Any]], list[Event]]:
    """Merge the incidents of all lines; returns the lines with event ids, and the events."""
    groups = source_groups(find_near_duplicates(list(docs.values())), [d.id for d in docs.values()])
    merger = Merger(config or MergeConfig(), source_of=groups)
    merger.add(items_of(lines, docs))
    events = merger.events()
    event_of = {item.key: ev for ev in events for item in ev.items}
    out = []
    seen: dict[str, int] = {}
    for line in lines:
        raw = dict(line.raw)
        incidents = []
        for inc in raw.get("incidents") or []:
            n = seen.get(line.doc_id, 0)
            seen[line.doc_id] = n + 1
            ev = event_of[f"{line.doc_id}#{n}"]
            new = dict(inc)
            new["event"] = ev.id
            if ev.case_id:
                new["case"] = ev.case_id
            incidents.append(new)
        raw["incidents"] = incidents
        out.append(raw)
    return out, events
