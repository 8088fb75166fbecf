"""JSON Lines files in the codebook's forms: documents, and ``{"doc_id", "incidents"}`` lines
(``sillok extract`` output, gold files). Bad input raises :class:`~sillok.errors.InputError`
naming the file, the line and the reason."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sillok.errors import InputError, SillokError
from sillok.models import Document, Incident


@dataclass(frozen=True, slots=True)
class IncidentLine:
    """One ``{"doc_id", "incidents"}`` line: a report's id and its incidents (``raw``: the object as read)."""

    doc_id: str
    incidents: tuple[Incident, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


def read_json_lines(path: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of a UTF-8 JSON Lines file."""
    p = Path(path)
    try:
        handle = p.open(encoding="utf-8")
    except OSError as e:
        raise InputError(str(p), f"cannot read: {e.strerror}") from e
    with handle:
        try:
            for n, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(str(p), f"not valid JSON ({e.msg})", line=n, hint="one JSON object a line") from e
        except UnicodeDecodeError as e:
            raise InputError(str(p), "not UTF-8 text", hint="save the file as UTF-8") from e


def read_incident_lines(path: str | Path) -> list[IncidentLine]:
    """The ``{"doc_id", "incidents"}`` lines of a JSONL file, each incident validated."""
    out = []
    for n, data in read_json_lines(path):
        if not isinstance(data, dict) or data.get("doc_id") in (None, ""):
            raise InputError(str(path), 'not a {"doc_id": ..., "incidents": [...]} object', line=n)
        raw = data.get("incidents") or []
        if not isinstance(raw, list):
            raise InputError(str(path), '"incidents" is not a list', line=n)
        incidents = []
        for k, item in enumerate(raw, 1):
            try:
                incidents.append(Incident.from_dict(item))
            except SillokError as e:
                raise InputError(str(path), f"incident {k}: {e}", line=n) from e
        out.append(IncidentLine(str(data["doc_id"]), tuple(incidents), data))
    return out


def read_documents(path: str | Path) -> dict[str, Document]:
    """The documents of a JSONL file (the codebook's document form), by id."""
    docs: dict[str, Document] = {}
    for n, data in read_json_lines(path):
        try:
            doc = Document.from_dict(data, source=f"{path}:{n}")
        except SillokError as e:
            raise InputError(str(path), str(e), line=n) from e
        docs[doc.id] = doc
    return docs
