"""The data contracts every stage speaks: documents in, mentions and spans out.

Plain dataclasses, so that analysis results pickle cheaply across process and
Dask worker boundaries and carry no database or parser state with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

#: The fields of an exported mention record, in the order of ANNOTATION.md.
RECORD_FIELDS: tuple[str, ...] = (
    "doc_id",
    "event_type",
    "sub_event_type",
    "date",
    "time_precision",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "actor1",
    "actor2",
    "weapon",
    "munitions",
    "fatalities",
    "injured",
    "claim_status",
    "sources",
    "evidence",
)

WEAPONS: tuple[str, ...] = (
    "rocket",
    "missile",
    "ballistic_missile",
    "mortar",
    "artillery",
    "drone",
    "air_strike",
    "ied",
    "vbied",
    "suicide_bomb",
    "small_arms",
    "air_defense",
    "unknown",
)

#: Claim statuses, strongest first: where several apply the first one wins.
CLAIM_PRECEDENCE: tuple[str, ...] = (
    "denied",
    "disputed",
    "claimed",
    "alleged",
    "reported",
    "asserted",
)


class PublishedSource(StrEnum):
    """How a document's publication date was known."""

    METADATA = "metadata"
    TEXT = "text"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range of a document's text: ``text[start:end]``."""

    start: int
    end: int
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Document:
    """One article, as read; ``error`` is set when it could not be analysed."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    published: date | None = None
    published_source: PublishedSource = PublishedSource.NONE
    content_hash: str = ""
    error: str | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a country, a first-level division, a town or a facility."""

    id: str
    name: str
    country: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    kind: str  # "country" | "admin1" | "city" | "facility"
    population: int = 0


@dataclass(slots=True)
class Mention:
    """One event mention in one document, each value backed by its spans."""

    doc_id: str
    event_type: str
    sub_event_type: str
    evidence: str
    date: date | None = None
    time_precision: int | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    weapon: str | None = None
    munitions: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    claim_status: str = "asserted"
    sources: list[str] = field(default_factory=list)
    confidence: float = 0.5
    spans: dict[str, list[Span]] = field(default_factory=dict)

    def add_span(self, name: str, span: Span) -> None:
        bucket = self.spans.setdefault(name, [])
        if span not in bucket:
            bucket.append(span)

    def to_record(self, *, with_extras: bool = True) -> dict[str, Any]:
        """The ANNOTATION.md record, field for field, plus confidence and spans."""
        record: dict[str, Any] = {}
        for name in RECORD_FIELDS:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, list):
                value = list(value)
            record[name] = value
        if with_extras:
            record["confidence"] = round(self.confidence, 3)
            record["spans"] = {
                name: [span.as_dict() for span in spans]
                for name, spans in sorted(self.spans.items())
            }
        return record


@dataclass(frozen=True, slots=True)
class RhetoricSpan:
    """A stretch of a document labelled with a persuasion technique."""

    doc_id: str
    technique: str
    start: int
    end: int
    text: str
    cue: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "technique": self.technique,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or reported quotation with its speaker, when the text names one."""

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_span: Span | None = None


@dataclass(slots=True)
class Analysis:
    """Everything per-document analysis found in one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    rhetoric: list[RhetoricSpan] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    genre: str | None = None

    @property
    def error(self) -> str | None:
        return self.document.error
