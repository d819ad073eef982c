"""Database rows → API shapes. Called inside an open session: rows are read, never written."""

from __future__ import annotations

from typing import Any

from ondit.store.models import REJECTED, DocumentRow, EventRow, MentionRow
from ondit.store.queries import document_highlights
from ondit.web.schemas import (
    DocumentDetailOut,
    DocumentSummaryOut,
    EventDetailOut,
    EventSummaryOut,
    FigureOut,
    HighlightOut,
    MentionOut,
    QuoteOut,
    ReviewOut,
    RhetoricOut,
    SpanOut,
)

#: The fields on which reports of one event can disagree, in the order the event view shows them.
COMPARED_FIELDS: tuple[str, ...] = (
    "sub_event_type",
    "date",
    "location",
    "actor1",
    "actor2",
    "weapon",
    "munitions",
    "fatalities",
    "injured",
)


def mention_out(row: MentionRow) -> MentionOut:
    document = row.document
    return MentionOut(
        id=row.id,
        doc_id=row.doc_id,
        event_id=row.event.event_id if row.event is not None else None,
        outlet=document.outlet,
        language=document.language,
        published=document.published,
        title=document.title,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        date=row.date,
        time_precision=row.time_precision,
        country=row.country,
        admin1=row.admin1,
        location=row.location,
        latitude=row.latitude,
        longitude=row.longitude,
        geo_precision=row.geo_precision,
        actor1=row.actor1,
        actor2=row.actor2,
        weapon=row.weapon,
        munitions=row.munitions,
        fatalities=row.fatalities,
        injured=row.injured,
        claim_status=row.claim_status,
        sources=list(row.sources or []),
        evidence=row.evidence,
        confidence=round(row.confidence, 3),
        review_status=row.review_status,
        spans={
            name: [SpanOut(start=s["start"], end=s["end"], text=s.get("text", "")) for s in spans]
            for name, spans in sorted((row.spans or {}).items())
        },
        reviews=[
            ReviewOut(
                id=r.id,
                at=r.at,
                reviewer=r.reviewer,
                action=r.action,
                field=r.field,
                old_value=r.old_value,
                new_value=r.new_value,
            )
            for r in row.reviews
        ],
    )


def live_mentions(event: EventRow) -> list[MentionRow]:
    return sorted((m for m in event.mentions if m.review_status != REJECTED), key=lambda m: m.id)


def event_summary(event: EventRow) -> EventSummaryOut:
    consensus = event.consensus or {}
    live = live_mentions(event)
    return EventSummaryOut(
        id=event.event_id,
        date=event.date,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        country=event.country,
        admin1=event.admin1,
        location=event.location,
        latitude=event.latitude,
        longitude=event.longitude,
        actor1=consensus.get("actor1"),
        actor2=consensus.get("actor2"),
        fatalities=consensus.get("fatalities"),
        n_documents=event.n_documents,
        n_outlets=event.n_outlets,
        contested=event.contested,
        claim_statuses=list(consensus.get("claim_statuses") or []),
        outlets=sorted({m.document.outlet for m in live if m.document.outlet}),
    )


def _key(value: Any) -> str:
    return repr(value)


def conflicts(mentions: list[MentionRow]) -> list[str]:
    """The compared fields on which the stated (non-null) values of the reports differ."""
    found = []
    for name in COMPARED_FIELDS:
        values = {_key(getattr(m, name)) for m in mentions if getattr(m, name) is not None}
        if len(values) > 1:
            found.append(name)
    return found


def event_detail(event: EventRow) -> EventDetailOut:
    summary = event_summary(event)
    figures = {
        name: [
            FigureOut(
                value=r.get("value"),
                sources=list(r.get("sources") or []),
                doc_id=str(r.get("doc_id", "")),
                outlet=r.get("outlet"),
            )
            for r in rows
        ]
        for name, rows in (event.figures or {}).items()
    }
    mentions = sorted(event.mentions, key=lambda m: m.id)
    return EventDetailOut(
        **summary.model_dump(),
        consensus=dict(event.consensus or {}),
        figures=figures,
        conflicts=conflicts(live_mentions(event)),
        mentions=[mention_out(m) for m in mentions],
    )


def document_summary(document: DocumentRow) -> DocumentSummaryOut:
    return DocumentSummaryOut(
        id=document.doc_id,
        title=document.title,
        outlet=document.outlet,
        url=document.url,
        language=document.language,
        published=document.published,
        published_source=document.published_source,
        genre=document.genre,
        n_mentions=document.n_mentions,
        error=document.error,
    )


def document_detail(document: DocumentRow) -> DocumentDetailOut:
    return DocumentDetailOut(
        **document_summary(document).model_dump(),
        text=document.text,
        mentions=[mention_out(m) for m in document.mentions],
        quotes=[
            QuoteOut(start=q.start, end=q.end, text=q.text, speaker=q.speaker)
            for q in sorted(document.quotes, key=lambda q: q.start)
        ],
        rhetoric=[
            RhetoricOut(technique=r.technique, start=r.start, end=r.end, text=r.text)
            for r in sorted(document.rhetoric, key=lambda r: r.start)
        ],
        spans=[
            HighlightOut(
                kind=h.kind,
                start=h.start,
                end=h.end,
                text=h.text,
                field=h.field,
                mention_id=h.mention_id,
                technique=h.technique,
                speaker=h.speaker,
            )
            for h in document_highlights(document)
        ],
    )
