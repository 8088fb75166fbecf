"""Merging extraction output (JSON Lines) into events: the library side of ``sillok merge``.

Input: one ``{"doc_id", "incidents": [...]}`` a line (``sillok extract`` output, or gold files with
their ``event`` ids stripped) and the documents (``{"id", "text", "published", ...}``). Output: the
same lines with an ``"event"`` id (and a ``"case"`` id where the act is part of a case) on every
incident.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sillok.errors import InputError, SillokError
from sillok.merge.cluster import Merger
from sillok.merge.features import quote_features
from sillok.merge.model import Event, MergeItem
from sillok.merge.neardup import find_near_duplicates, source_groups
from sillok.merge.score import MergeConfig
from sillok.models import Document, Incident


@dataclass(frozen=True, slots=True)
class ExtractionLine:
    """One input line: a report's id and its incidents, as read (the dicts are written back)."""

    doc_id: str
    incidents: tuple[Incident, ...]
    raw: dict[str, Any]


def _json_lines(path: str | Path) -> Iterator[tuple[int, Any]]:
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8")
    except OSError as e:
        raise InputError(str(p), f"cannot read: {e.strerror}") from e
    with handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(str(p), f"not valid JSON ({e.msg})", line=n) from e


def read_extractions(path: str | Path) -> list[ExtractionLine]:
    """Read extract-format JSON Lines; a bad line raises :class:`InputError` naming it."""
    out = []
    for n, data in _json_lines(path):
        if not isinstance(data, dict) or "doc_id" not in data:
            raise InputError(str(path), 'expected an object with "doc_id" and "incidents"', line=n)
        raw_incidents = data.get("incidents") or []
        if not isinstance(raw_incidents, list):
            raise InputError(str(path), '"incidents" must be a list', line=n)
        try:
            incidents = tuple(Incident.from_dict(i) for i in raw_incidents)
        except SillokError as e:
            raise InputError(str(path), f"bad incident: {e}", line=n) from e
        out.append(ExtractionLine(str(data["doc_id"]), incidents, data))
    return out


def read_documents(path: str | Path) -> dict[str, Document]:
    """Read documents (JSON Lines, the codebook's document form) by id."""
    docs: dict[str, Document] = {}
    for n, data in _json_lines(path):
        try:
            doc = Document.from_dict(data, source=f"{path}:{n}")
        except SillokError as e:
            raise InputError(str(path), str(e), line=n) from e
        docs[doc.id] = doc
    return docs


def items_of(lines: Iterable[ExtractionLine], docs: dict[str, Document]) -> list[MergeItem]:
    """The merge items of extraction lines: key ``doc_id#n``, with the report's date and outlet."""
    items = []
    seen: dict[str, int] = {}
    for line in lines:
        doc = docs.get(line.doc_id)
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
