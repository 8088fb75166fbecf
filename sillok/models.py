"""The data model: documents, incidents and their fields, as the codebook (docs/CODEBOOK.md) defines them.

Every value object here is a frozen dataclass. ``to_dict`` gives exactly the codebook's JSON form;
``from_dict`` reads it back and validates the closed lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from sillok.errors import ValidationError

#: Incident types, in the codebook's specificity order (most specific first).
TYPES: tuple[str, ...] = (
    "execution",
    "killing",
    "sentence",
    "abuse",
    "interrogation",
    "arrest",
    "repatriation",
    "escape",
    "disappearance",
    "official_punishment",
    "bribery",
    "surveillance",
    "crackdown",
)
SPECIFICITY: dict[str, int] = {t: i for i, t in enumerate(TYPES)}

PERPETRATORS: tuple[str, ...] = (
    "mss",
    "mps",
    "border_guard",
    "military",
    "party",
    "judiciary",
    "task_force",
    "inminban",
    "china",
    "state",
    "other",
)

REASONS: tuple[str, ...] = (
    "defection",
    "smuggling",
    "outside_contact",
    "foreign_media",
    "espionage",
    "drugs",
    "religion",
    "economic",
    "political",
    "epidemic",
    "corruption",
    "other",
)

#: Types for which the codebook codes a reason; every other type has reason null.
TYPES_WITH_REASON: frozenset[str] = frozenset(
    {
        "arrest",
        "interrogation",
        "abuse",
        "sentence",
        "execution",
        "killing",
        "repatriation",
        "surveillance",
        "crackdown",
        "official_punishment",
    }
)
#: Types whose perpetrator is always null.
TYPES_WITHOUT_PERPETRATOR: frozenset[str] = frozenset({"escape", "disappearance"})

QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "about")
LANGUAGES: tuple[str, ...] = ("en", "ko")
STATUSES: tuple[str, ...] = ("machine", "accepted", "edited", "rejected")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def parse_date(value: Any, what: str = "date") -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` string (or a date) as a date; ``None`` for null or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as e:
        raise ValidationError(f"{what} {value!r} is not an ISO date (YYYY-MM-DD)") from e


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive interval of days in which an act happened."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(f"date interval ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def day(cls, day: dt.date) -> DateRange:
        return cls(day, day)

    def shift(self, days: int) -> DateRange:
        delta = dt.timedelta(days=days)
        return DateRange(self.start + delta, self.end + delta)

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DateRange | None:
        if not data or not data.get("start"):
            return None
        start = parse_date(data["start"], "date.start")
        end = parse_date(data.get("end"), "date.end") or start
        assert start is not None
        return cls(start, end)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an act happened; names are the gazetteer's canonical names."""

    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place: str | None = None

    def is_empty(self) -> bool:
        return not (self.country or self.admin1 or self.admin2 or self.place)

    def to_dict(self) -> dict[str, str | None]:
        return {"country": self.country, "admin1": self.admin1, "admin2": self.admin2, "place": self.place}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        if not data:
            return None
        loc = cls(data.get("country"), data.get("admin1"), data.get("admin2"), data.get("place"))
        return None if loc.is_empty() else loc


@dataclass(frozen=True, slots=True)
class Victims:
    count: int
    qualifier: str = "exact"

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise ValidationError(f"victims qualifier {self.qualifier!r} is not one of {', '.join(QUALIFIERS)}")
        if self.count < 0:
            raise ValidationError(f"victims count {self.count} is negative")

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "qualifier": self.qualifier}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Victims | None:
        if not data or data.get("count") is None:
            return None
        try:
            count = int(data["count"])
        except (TypeError, ValueError) as e:
            raise ValidationError(f"victims count {data['count']!r} is not a number") from e
        return cls(count, data.get("qualifier") or "exact")


@dataclass(frozen=True, slots=True)
class Incident:
    """One act of one type, coded as the codebook says.

    ``quote_start``/``quote_end`` are character offsets of ``quote`` in the document's text.
    ``evidence`` carries optional machine notes (trigger, rule ids) that never reach the codebook form.
    """

    type: str
    quote: str
    date: DateRange | None = None
    location: Location | None = None
    victims: Victims | None = None
    perpetrator: str | None = None
    reason: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    evidence: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.type not in SPECIFICITY:
            raise ValidationError(f"incident type {self.type!r} is not a codebook type")
        if self.perpetrator is not None and self.perpetrator not in PERPETRATORS:
            raise ValidationError(f"perpetrator {self.perpetrator!r} is not a codebook code")
        if self.reason is not None and self.reason not in REASONS:
            raise ValidationError(f"reason {self.reason!r} is not a codebook code")

    def with_(self, **changes: Any) -> Incident:
        return replace(self, **changes)

    def to_dict(self, offsets: bool = False) -> dict[str, Any]:
        """The codebook's JSON object (field order as in the codebook)."""
        out: dict[str, Any] = {
            "type": self.type,
            "date": self.date.to_dict() if self.date else None,
            "location": self.location.to_dict() if self.location else None,
            "victims": self.victims.to_dict() if self.victims else None,
            "perpetrator": self.perpetrator,
            "reason": self.reason,
            "quote": self.quote,
        }
        if offsets and self.quote_start is not None:
            out["quote_span"] = [self.quote_start, self.quote_end]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Incident:
        if not isinstance(data, dict):
            raise ValidationError("an incident must be a JSON object")
        span = data.get("quote_span") or [None, None]
        return cls(
            type=str(data.get("type")),
            quote=data.get("quote") or "",
            date=DateRange.from_dict(data.get("date")),
            location=Location.from_dict(data.get("location")),
            victims=Victims.from_dict(data.get("victims")),
            perpetrator=data.get("perpetrator"),
            reason=data.get("reason"),
            quote_start=span[0],
            quote_end=span[1],
        )


_SPACE_RE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The form of a text that identifies it: NFC, unified line ends, trimmed lines, no BOM."""
    text = unicodedata.normalize("NFC", text.replace("\ufeff", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def text_hash(text: str) -> str:
    """SHA-256 (hex) of the normalized text: a document's identity."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """A report, in the codebook's document form plus where it came from."""

    id: str
    text: str
    published: dt.date | None = None
    language: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    source: str | None = None  # the file (and line) it was read from
    # How much of ``published`` is known: "day", or "month"/"year" when it came from a URL such as
    # /2020/04/ and is the last day of that month/year (see sillok.ingest.dates); None if unset.
    published_precision: str | None = None

    @property
    def hash(self) -> str:
        return text_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "published": _iso(self.published),
            "language": self.language,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str | None = None) -> Document:
        if not isinstance(data, dict):
            raise ValidationError("a document must be a JSON object")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValidationError("the document has no text")
        doc_id = data.get("id")
        return cls(
            id=str(doc_id) if doc_id not in (None, "") else text_hash(text)[:16],
            text=text,
            published=parse_date(data.get("published"), "published"),
            language=data.get("language") or None,
            url=data.get("url") or None,
            outlet=data.get("outlet") or None,
            title=data.get("title") or None,
            source=source,
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    """The incidents of one document: one line of ``sillok extract`` output."""

    doc_id: str
    incidents: tuple[Incident, ...]

    def to_dict(self, offsets: bool = True) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "incidents": [i.to_dict(offsets=offsets) for i in self.incidents]}
