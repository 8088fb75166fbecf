"""Helpers for the store tests: documents and incidents built here, and a pipeline double."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sillok.models import DateRange, Document, Extraction, Incident, Location, Victims


def make_doc(n: int, text: str | None = None, doc_id: str | None = None, **kw: object) -> Document:
    body = text or f"Report number {n}: residents of a border town say security agents detained {n} people."
    return Document(id=doc_id or f"doc-{n:04d}", text=body, **kw)  # type: ignore[arg-type]


def make_incident(
    type: str = "arrest",
    quote: str = "agents detained people",
    start: str | None = "2020-03-01",
    end: str | None = None,
    admin1: str | None = "Ryanggang",
    count: int | None = 2,
    perpetrator: str | None = "mss",
    reason: str | None = "defection",
    quote_start: int | None = 0,
) -> Incident:
    date = None
    if start:
        s = dt.date.fromisoformat(start)
        date = DateRange(s, dt.date.fromisoformat(end) if end else s)
    return Incident(
        type=type,
        quote=quote,
        date=date,
        location=Location("KP", admin1, None, None) if admin1 else None,
        victims=Victims(count) if count is not None else None,
        perpetrator=perpetrator,
        reason=reason,
        quote_start=quote_start,
        quote_end=None if quote_start is None else quote_start + len(quote),
    )


class ListPipeline:
    """A pipeline double: its incidents for a document come from ``rule`` (built in the test)."""

    def __init__(self, version: str, rule: Callable[[Document], list[Incident]]) -> None:
        self._version = version
        self.rule = rule
        self.calls: list[str] = []

    def version(self, language: str) -> str:
        return f"{language}-{self._version}"

    def extract(self, doc: Document) -> Extraction:
        self.calls.append(doc.id)
        return Extraction(doc.id, tuple(self.rule(doc)))
