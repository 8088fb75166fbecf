"""Typed rows of the store and the results of its operations (no dicts as the data model)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from sillok.errors import ValidationError
from sillok.models import (
    PERPETRATORS,
    STATUSES,
    TYPES,
    DateRange,
    Document,
    Incident,
    Location,
    Victims,
    parse_date,
)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One row of ``documents``: one text of a report (a report whose text changed has several versions)."""

    id: int
    doc_id: str
    hash: str
    version: int
    text: str
    published: dt.date | None
    language: str | None
    url: str | None
    outlet: str | None
    title: str | None
    source: str | None
    ingested_at: str
    extracted_version: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> StoredDocument:
        return cls(
            id=row["id"],
            doc_id=row["doc_id"],
            hash=row["hash"],
            version=row["version"],
            text=row["text"],
            published=parse_date(row["published"]),
            language=row["language"],
            url=row["url"],
            outlet=row["outlet"],
            title=row["title"],
            source=row["source"],
            ingested_at=row["ingested_at"],
            extracted_version=row["extracted_version"],
        )

    def to_document(self) -> Document:
        return Document(
            id=self.doc_id,
            text=self.text,
            published=self.published,
            language=self.language,
            url=self.url,
            outlet=self.outlet,
            title=self.title,
            source=self.source,
        )


@dataclass(frozen=True, slots=True)
class StoredIncident:
    """One row of ``incidents``, with the report id and title of its document."""

    id: int
    document_id: int
    doc_id: str
    document_title: str | None
    type: str
    date_start: dt.date | None
    date_end: dt.date | None
    country: str | None
    admin1: str | None
    admin2: str | None
    place: str | None
    victims_count: int | None
    victims_qualifier: str | None
    perpetrator: str | None
    reason: str | None
    quote: str
    quote_start: int | None
    quote_end: int | None
    extractor_version: str | None
    origin: str
    status: str
    status_reason: str | None
    machine_original: str | None
    revision: int
    created_at: str
    updated_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> StoredIncident:
        return cls(
            id=row["id"],
            document_id=row["document_id"],
            doc_id=row["doc_id"],
            document_title=row["document_title"],
            type=row["type"],
            date_start=parse_date(row["date_start"]),
            date_end=parse_date(row["date_end"]),
            country=row["country"],
            admin1=row["admin1"],
            admin2=row["admin2"],
            place=row["place"],
            victims_count=row["victims_count"],
            victims_qualifier=row["victims_qualifier"],
            perpetrator=row["perpetrator"],
            reason=row["reason"],
            quote=row["quote"],
            quote_start=row["quote_start"],
            quote_end=row["quote_end"],
            extractor_version=row["extractor_version"],
            origin=row["origin"],
            status=row["status"],
            status_reason=row["status_reason"],
            machine_original=row["machine_original"],
            revision=row["revision"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )

    @property
    def date(self) -> DateRange | None:
        if self.date_start is None:
            return None
        return DateRange(self.date_start, self.date_end or self.date_start)

    def to_incident(self) -> Incident:
        """The codebook incident this row holds."""
        location = Location(self.country, self.admin1, self.admin2, self.place)
        return Incident(
            type=self.type,
            quote=self.quote,
            date=self.date,
            location=None if location.is_empty() else location,
            victims=Victims(self.victims_count, self.victims_qualifier or "exact")
            if self.victims_count is not None
            else None,
            perpetrator=self.perpetrator,
            reason=self.reason,
            quote_start=self.quote_start,
            quote_end=self.quote_end,
        )

    def to_dict(self) -> dict[str, Any]:
        """The codebook form plus the record's id, status and document (one line of JSON output)."""
        out = self.to_incident().to_dict(offsets=True)
        out["id"] = self.id
        out["status"] = self.status
        out["doc_id"] = self.doc_id
        out["document_id"] = self.document_id
        return out


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What ``Store.incidents`` selects. ``province`` is an admin1 name as the gazetteer spells it
    (use :meth:`Store.province` to resolve any spelling). Rejected incidents are left out unless
    ``status`` asks for them; incidents of superseded document versions unless ``superseded``."""

    type: str | None = None
    province: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    perpetrator: str | None = None
    status: str | None = None
    document: str | None = None
    superseded: bool = False

    def __post_init__(self) -> None:
        if self.type is not None and self.type not in TYPES:
            raise ValidationError(f"type {self.type!r} is not a codebook type", hint=f"types: {', '.join(TYPES)}")
        if self.perpetrator is not None and self.perpetrator not in PERPETRATORS:
            raise ValidationError(
                f"perpetrator {self.perpetrator!r} is not a codebook code", hint=f"codes: {', '.join(PERPETRATORS)}"
            )
        if self.status is not None and self.status not in STATUSES:
            raise ValidationError(f"status {self.status!r} is not one of {', '.join(STATUSES)}")
        if self.since and self.until and self.until < self.since:
            raise ValidationError(f"the range ends ({self.until}) before it starts ({self.since})")


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Counts of one ``add_documents`` run."""

    added: int = 0
    unchanged: int = 0
    new_versions: int = 0

    @property
    def seen(self) -> int:
        return self.added + self.unchanged + self.new_versions


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """Counts of one extraction run into the store."""

    documents: int = 0
    incidents: int = 0
    kept: int = 0  # incidents a reviewer touched or added, left as they were
    skipped: tuple[str, ...] = ()  # "doc_id: reason" of documents no extractor could read


@dataclass(frozen=True, slots=True)
class Count:
    key: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Summary:
    """What ``sillok summary`` shows. Rejected incidents and superseded document versions are not counted."""

    path: str
    documents: int
    incidents: int
    by_type: tuple[Count, ...]
    by_province: tuple[Count, ...]
    by_month: tuple[Count, ...]
    by_status: tuple[Count, ...]
    recent: tuple[StoredIncident, ...] = field(default_factory=tuple)
    #: Events (acts told by one or more reports) once merged; the counts by type, province and
    #: month are then of events.
    events: int = 0
    corroborated_events: int = 0
