"""The shapes the REST API speaks, as pydantic models; the OpenAPI page at /docs is built from them.

The web page renders the same objects, so what an analyst sees on the page is what a script
reads from the API.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ondit.store.queries import HighlightKind
from ondit.store.review import ReviewAction

T = TypeVar("T")


class ErrorOut(BaseModel):
    error: str = Field(description="A stable code: not_found, invalid_request, malformed_json, …")
    detail: Any = Field(description="What was wrong, for a person to read.")


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class ReviewOut(BaseModel):
    id: int
    at: datetime
    reviewer: str
    action: str
    field: str | None
    old_value: Any
    new_value: Any


class MentionOut(BaseModel):
    """One report of an event in one document, as reviewed, with where it came from."""

    id: int
    doc_id: str
    event_id: str | None
    outlet: str | None
    language: str | None
    published: date | None
    title: str | None
    event_type: str
    sub_event_type: str
    date: date | None
    time_precision: int | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    weapon: str | None
    munitions: int | None
    fatalities: int | None
    injured: int | None
    claim_status: str
    sources: list[str]
    evidence: str
    confidence: float
    review_status: str
    spans: dict[str, list[SpanOut]]
    reviews: list[ReviewOut]


class FigureOut(BaseModel):
    value: Any
    sources: list[str]
    doc_id: str
    outlet: str | None


class EventSummaryOut(BaseModel):
    id: str = Field(description="The event's stable id, as in the exports (`event_id_cnty`).")
    date: date | None
    event_type: str
    sub_event_type: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    n_documents: int
    n_outlets: int
    contested: bool
    claim_statuses: list[str]
    outlets: list[str]


class EventDetailOut(EventSummaryOut):
    consensus: dict[str, Any] = Field(description="The value each field takes, and the rule.")
    figures: dict[str, list[FigureOut]] = Field(description="Every report's value per field.")
    conflicts: list[str] = Field(description="Fields on which the reports disagree.")
    mentions: list[MentionOut]


class Paged(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


class DayCount(BaseModel):
    date: date
    count: int


class DocumentSummaryOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    language: str | None
    published: date | None
    published_source: str
    genre: str | None
    n_mentions: int
    error: str | None


class HighlightOut(BaseModel):
    """A stretch of the text to mark: `text == document.text[start:end]`."""

    kind: HighlightKind
    start: int
    end: int
    text: str
    field: str | None = Field(None, description="For kind `field` and `source`: which field.")
    mention_id: int | None = Field(None, description="The mention this span supports.")
    technique: str | None = Field(None, description="For kind `rhetoric`: the technique.")
    speaker: str | None = Field(None, description="For kind `quote`: who is quoted.")


class QuoteOut(BaseModel):
    start: int
    end: int
    text: str
    speaker: str | None


class RhetoricOut(BaseModel):
    technique: str
    start: int
    end: int
    text: str


class DocumentDetailOut(DocumentSummaryOut):
    text: str
    mentions: list[MentionOut]
    quotes: list[QuoteOut]
    rhetoric: list[RhetoricOut]
    spans: list[HighlightOut]


class DocumentIn(BaseModel):
    """One article to analyse, link and store."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=300, description="The article's id in its corpus.")
    text: str = Field(min_length=1, max_length=1_000_000)
    published: str | None = Field(None, max_length=40, description="ISO date or datetime.")
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=2000)
    language: Literal["fr", "en"] | None = Field(None, description="Detected when left out.")


class DocumentStoredOut(BaseModel):
    created: bool = Field(description="False when the same text was already stored.")
    document: DocumentSummaryOut
    mentions: list[MentionOut]


class ReviewIn(BaseModel):
    """A review of one mention: confirm it, correct fields, or reject it."""

    model_config = ConfigDict(extra="forbid")

    reviewer: str = Field(min_length=1, max_length=120, description="Who reviews.")
    action: ReviewAction
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="For `correct`: field → new value (null clears a field).",
    )
