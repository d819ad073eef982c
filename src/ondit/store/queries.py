"""Reads for the analyst's desk: filtered, paged events and documents, and a document's highlights.

Filters run in the database, as EXISTS over indexed mention columns, so that one page of 50
events out of 10,000 costs a count and a bounded select whatever the filters. The REST API and
the web page call the same functions, so both always agree on what a filter means.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ondit.errors import NotFoundError
from ondit.model import CLAIM_PRECEDENCE
from ondit.resources import sub_event_types
from ondit.store.models import REJECTED, DocumentRow, EventRow, MentionRow, QuoteRow, RhetoricRow

LOGGER = logging.getLogger(__name__)

T = TypeVar("T")
HighlightKind = Literal["evidence", "field", "source", "quote", "rhetoric"]

#: Most rows one request may ask for: enough for a spreadsheet-sized page, small enough to
#: answer in well under a second on a laptop.
MAX_PAGE = 500
#: Most points one map request returns; past this the map would be unreadable anyway.
MAX_POINTS = 20_000
#: The review status that takes a mention out of every count, list and export.


class EventOrder(StrEnum):
    """How a page of events is sorted."""

    NEWEST = "-date"
    OLDEST = "date"
    MOST_OUTLETS = "-outlets"


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What an analyst narrows events by; None means "any"."""

    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    claim_status: str | None = None
    outlet: str | None = None
    contested: bool | None = None
    q: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    outlet: str | None = None
    language: str | None = None
    q: str | None = None


@dataclass(slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class Highlight:
    """One stretch of a document to mark, with what it is evidence of."""

    kind: HighlightKind
    start: int
    end: int
    text: str
    field: str | None = None
    mention_id: int | None = None
    technique: str | None = None
    speaker: str | None = None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _live_mention(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """An event has a mention, not rejected by a reviewer, that meets every condition."""
    return (
        select(MentionRow.id)
        .where(
            MentionRow.event_pk == EventRow.id, MentionRow.review_status != REJECTED, *conditions
        )
        .exists()
    )


def event_conditions(wanted: EventFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_live_mention()]
    if wanted.date_from is not None:
        conditions.append(EventRow.date >= wanted.date_from)
    if wanted.date_to is not None:
        conditions.append(EventRow.date <= wanted.date_to)
    if wanted.country:
        conditions.append(EventRow.country == wanted.country.upper())
    if wanted.admin1:
        conditions.append(EventRow.admin1 == wanted.admin1)
    if wanted.event_type:
        conditions.append(EventRow.event_type == wanted.event_type)
    if wanted.sub_event_type:
        conditions.append(EventRow.sub_event_type == wanted.sub_event_type)
    if wanted.contested is not None:
        conditions.append(EventRow.contested.is_(wanted.contested))
    if wanted.actor:
        conditions.append(
            _live_mention(or_(MentionRow.actor1 == wanted.actor, MentionRow.actor2 == wanted.actor))
        )
    if wanted.claim_status:
        conditions.append(_live_mention(MentionRow.claim_status == wanted.claim_status))
    if wanted.outlet:
        outlet_docs = select(DocumentRow.id).where(DocumentRow.outlet == wanted.outlet)
        conditions.append(_live_mention(MentionRow.document_id.in_(outlet_docs)))
    if wanted.q and wanted.q.strip():
        pattern = _like(wanted.q.strip())
        conditions.append(
            or_(
                EventRow.location.ilike(pattern, escape="\\"),
                EventRow.admin1.ilike(pattern, escape="\\"),
                _live_mention(
                    or_(
                        MentionRow.evidence.ilike(pattern, escape="\\"),
                        MentionRow.actor1.ilike(pattern, escape="\\"),
                        MentionRow.actor2.ilike(pattern, escape="\\"),
                        MentionRow.doc_id.ilike(pattern, escape="\\"),
                    )
                ),
            )
        )
    return conditions


def _bounded(offset: int, limit: int) -> tuple[int, int]:
    return max(0, offset), max(1, min(limit, MAX_PAGE))


def _ordered(query: Select[EventRow], order: EventOrder) -> Select[EventRow]:
    if order is EventOrder.OLDEST:
        return query.order_by(EventRow.date.is_(None), EventRow.date, EventRow.id)
    if order is EventOrder.MOST_OUTLETS:
        return query.order_by(EventRow.n_outlets.desc(), EventRow.date.desc(), EventRow.id.desc())
    return query.order_by(EventRow.date.is_(None), EventRow.date.desc(), EventRow.id.desc())


def search_events(
    session: Session,
    wanted: EventFilter,
    *,
    offset: int = 0,
    limit: int = 50,
    order: EventOrder = EventOrder.NEWEST,
) -> Page[EventRow]:
    """One page of the events that pass the filter, with their mentions and documents loaded."""
    offset, limit = _bounded(offset, limit)
    conditions = event_conditions(wanted)
    total = session.scalar(select(func.count(EventRow.id)).where(*conditions)) or 0
    query = (
        _ordered(select(EventRow).where(*conditions), order)
        .offset(offset)
        .limit(limit)
        .options(selectinload(EventRow.mentions).selectinload(MentionRow.document))
    )
    return Page(list(session.scalars(query)), total, offset, limit)


def event_by_id(session: Session, event_id: str) -> EventRow:
    query = (
        select(EventRow)
        .where(EventRow.event_id == event_id)
        .options(
            selectinload(EventRow.mentions).selectinload(MentionRow.document),
            selectinload(EventRow.mentions).selectinload(MentionRow.reviews),
        )
    )
    event = session.scalar(query)
    if event is None:
        raise NotFoundError(f"no event {event_id!r}")
    return event


def timeline(session: Session, wanted: EventFilter) -> list[tuple[date, int]]:
    """Events per day under the filter, for the timeline; dateless events have no day."""
    query = (
        select(EventRow.date, func.count(EventRow.id))
        .where(EventRow.date.is_not(None), *event_conditions(wanted))
        .group_by(EventRow.date)
        .order_by(EventRow.date)
    )
    return [(day, count) for day, count in session.execute(query) if day is not None]


def map_points(session: Session, wanted: EventFilter, *, limit: int = MAX_POINTS) -> list[Any]:
    """The located events under the filter, as light rows: no mentions, no JSON columns."""
    query = (
        select(
            EventRow.event_id,
            EventRow.date,
            EventRow.event_type,
            EventRow.sub_event_type,
            EventRow.location,
            EventRow.latitude,
            EventRow.longitude,
            EventRow.n_documents,
            EventRow.n_outlets,
            EventRow.contested,
        )
        .where(
            EventRow.latitude.is_not(None),
            EventRow.longitude.is_not(None),
            *event_conditions(wanted),
        )
        .order_by(EventRow.date.desc(), EventRow.id.desc())
        .limit(max(1, min(limit, MAX_POINTS)))
    )
    return list(session.execute(query))


def _distinct(session: Session, column: Any) -> list[str]:
    rows = session.scalars(select(column).distinct().where(column.is_not(None)).order_by(column))
    return [str(value) for value in rows if value != ""]


def facets(session: Session) -> dict[str, list[str]]:
    """The values each filter can take in this database, for the filter form's choices."""
    stored_subs = set(_distinct(session, EventRow.sub_event_type))
    taxonomy = sub_event_types()
    actors = sorted(
        set(_distinct(session, MentionRow.actor1)) | set(_distinct(session, MentionRow.actor2))
    )
    return {
        "countries": _distinct(session, EventRow.country),
        "admin1": _distinct(session, EventRow.admin1),
        "event_types": list(dict.fromkeys(taxonomy.values())),
        "sub_event_types": list(taxonomy) + sorted(stored_subs - set(taxonomy)),
        "outlets": _distinct(session, DocumentRow.outlet),
        "actors": actors,
        "claim_statuses": list(CLAIM_PRECEDENCE),
        "languages": _distinct(session, DocumentRow.language),
    }


def search_documents(
    session: Session, wanted: DocumentFilter, *, offset: int = 0, limit: int = 50
) -> Page[DocumentRow]:
    offset, limit = _bounded(offset, limit)
    conditions: list[ColumnElement[bool]] = []
    if wanted.outlet:
        conditions.append(DocumentRow.outlet == wanted.outlet)
    if wanted.language:
        conditions.append(DocumentRow.language == wanted.language)
    if wanted.q and wanted.q.strip():
        pattern = _like(wanted.q.strip())
        conditions.append(
            or_(
                DocumentRow.doc_id.ilike(pattern, escape="\\"),
                DocumentRow.title.ilike(pattern, escape="\\"),
            )
        )
    total = session.scalar(select(func.count(DocumentRow.id)).where(*conditions)) or 0
    query = (
        select(DocumentRow)
        .where(*conditions)
        .order_by(DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.id)
        .offset(offset)
        .limit(limit)
    )
    return Page(list(session.scalars(query)), total, offset, limit)


def document_by_id(session: Session, doc_id: str) -> DocumentRow:
    query = (
        select(DocumentRow)
        .where(DocumentRow.doc_id == doc_id)
        .options(
            selectinload(DocumentRow.mentions).selectinload(MentionRow.reviews),
            selectinload(DocumentRow.mentions).selectinload(MentionRow.event),
            selectinload(DocumentRow.rhetoric),
            selectinload(DocumentRow.quotes),
        )
    )
    document = session.scalar(query)
    if document is None:
        raise NotFoundError(f"no document {doc_id!r}")
    return document


def document_by_hash(session: Session, content_hash: str) -> DocumentRow:
    """The stored document with this text, whatever id it was stored under."""
    doc_id = session.scalar(
        select(DocumentRow.doc_id).where(DocumentRow.content_hash == content_hash)
    )
    if doc_id is None:
        raise NotFoundError(f"no document with content hash {content_hash[:12]}…")
    return document_by_id(session, doc_id)


def mention_by_id(session: Session, mention_id: int) -> MentionRow:
    query = (
        select(MentionRow)
        .where(MentionRow.id == mention_id)
        .options(
            selectinload(MentionRow.document),
            selectinload(MentionRow.event),
            selectinload(MentionRow.reviews),
        )
    )
    mention = session.scalar(query)
    if mention is None:
        raise NotFoundError(f"no mention {mention_id}")
    return mention


def _kind(field: str) -> tuple[HighlightKind, str | None]:
    if field == "evidence":
        return "evidence", None
    if field == "sources":
        return "source", "sources"
    return "field", field


def _fits(text: str, start: int, end: int, expected: str) -> bool:
    """A span is shown only where it still marks the words it was taken from."""
    if not 0 <= start < end <= len(text):
        return False
    return not expected or text[start:end] == expected


def document_highlights(
    document: DocumentRow,
    mentions: Sequence[MentionRow] | None = None,
    rhetoric: Sequence[RhetoricRow] | None = None,
    quotes: Sequence[QuoteRow] | None = None,
) -> list[Highlight]:
    """Every highlight of a document, in reading order: mention spans, quotes and rhetoric."""
    text = document.text
    found: list[Highlight] = []
    skipped = 0
    for mention in document.mentions if mentions is None else mentions:
        for field, spans in sorted((mention.spans or {}).items()):
            kind, name = _kind(field)
            for span in spans:
                start, end, words = int(span["start"]), int(span["end"]), str(span.get("text", ""))
                if not _fits(text, start, end, words):
                    skipped += 1
                    continue
                found.append(
                    Highlight(kind, start, end, text[start:end], field=name, mention_id=mention.id)
                )
    for quote in document.quotes if quotes is None else quotes:
        if _fits(text, quote.start, quote.end, ""):
            found.append(
                Highlight(
                    "quote",
                    quote.start,
                    quote.end,
                    text[quote.start : quote.end],
                    speaker=quote.speaker,
                )
            )
        else:
            skipped += 1
    for span in document.rhetoric if rhetoric is None else rhetoric:
        if _fits(text, span.start, span.end, ""):
            found.append(
                Highlight(
                    "rhetoric",
                    span.start,
                    span.end,
                    text[span.start : span.end],
                    technique=span.technique,
                )
            )
        else:
            skipped += 1
    if skipped:
        LOGGER.warning("document %s: %d spans do not fit its text", document.doc_id, skipped)
    found.sort(key=lambda h: (h.start, -h.end, h.kind, h.field or "", h.mention_id or 0))
    return found
