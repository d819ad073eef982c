"""The REST API: thin routes over the store's queries and review, and over the library's analysis.

Routes are plain functions, which FastAPI runs in its thread pool, so the synchronous database
and spaCy calls never block the server's event loop.
"""

from __future__ import annotations

import io
import logging
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from ondit.export import ExportFormat, write_export
from ondit.ingest.common import build_document
from ondit.store import Store
from ondit.store.queries import (
    DocumentFilter,
    EventFilter,
    EventOrder,
    document_by_hash,
    document_by_id,
    event_by_id,
    facets,
    map_points,
    mention_by_id,
    search_documents,
    search_events,
    timeline,
)
from ondit.store.review import review_mention
from ondit.web.convert import (
    document_detail,
    document_summary,
    event_detail,
    event_summary,
    mention_out,
)
from ondit.web.params import Limit, Offset, document_filter, event_filter, get_store
from ondit.web.schemas import (
    DayCount,
    DocumentDetailOut,
    DocumentIn,
    DocumentStoredOut,
    DocumentSummaryOut,
    ErrorOut,
    EventDetailOut,
    EventSummaryOut,
    MentionOut,
    Paged,
    ReviewIn,
)

LOGGER = logging.getLogger(__name__)

router = APIRouter(prefix="/api")

#: One article analysed and stored at a time: the spaCy pipelines are shared by every request
#: thread and are not documented as safe to call concurrently, and SQLite takes one writer anyway.
_ANALYSIS = threading.Lock()

StoreDep = Annotated[Store, Depends(get_store)]
Events = Annotated[EventFilter, Depends(event_filter)]
Documents = Annotated[DocumentFilter, Depends(document_filter)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Unknown id"}}
INVALID: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Malformed JSON"},
    401: {"model": ErrorOut, "description": "The server's token is missing or wrong"},
    413: {"model": ErrorOut, "description": "Body too large"},
    415: {"model": ErrorOut, "description": "Body is not application/json"},
    422: {"model": ErrorOut, "description": "Missing or invalid fields"},
}

MEDIA_TYPES = {
    ExportFormat.JSONL: ("application/x-ndjson", "mentions.jsonl"),
    ExportFormat.EVENTS: ("application/x-ndjson", "events.jsonl"),
    ExportFormat.CSV: ("text/csv; charset=utf-8", "events_acled.csv"),
    ExportFormat.GEOJSON: ("application/geo+json", "events.geojson"),
}


@router.get("/events", tags=["events"])
def list_events(
    store: StoreDep,
    wanted: Events,
    offset: Offset = 0,
    limit: Limit = 50,
    sort: EventOrder = EventOrder.NEWEST,
) -> Paged[EventSummaryOut]:
    """Events that pass every filter given, one page at a time, newest first by default."""
    with store.sessions() as session:
        page = search_events(session, wanted, offset=offset, limit=limit, order=sort)
        return Paged[EventSummaryOut](
            items=[event_summary(e) for e in page.items],
            total=page.total,
            offset=page.offset,
            limit=page.limit,
        )


@router.get("/events/{event_id}", tags=["events"], responses=NOT_FOUND)
def get_event(store: StoreDep, event_id: str) -> EventDetailOut:
    """One event with every report of it, each source's figures and the consensus."""
    with store.sessions() as session:
        return event_detail(event_by_id(session, event_id))


@router.get("/timeline", tags=["events"])
def get_timeline(store: StoreDep, wanted: Events) -> list[DayCount]:
    """How many events per day pass the filters (dateless events are left out)."""
    with store.sessions() as session:
        return [DayCount(date=day, count=n) for day, n in timeline(session, wanted)]


@router.get("/map", tags=["events"])
def get_map(store: StoreDep, wanted: Events) -> dict[str, Any]:
    """The located events that pass the filters as GeoJSON points, light enough for 10,000."""
    with store.sessions() as session:
        rows = map_points(session, wanted)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [r.longitude, r.latitude]},
                "properties": {
                    "id": r.event_id,
                    "date": r.date.isoformat() if r.date else None,
                    "event_type": r.event_type,
                    "sub_event_type": r.sub_event_type,
                    "location": r.location,
                    "n_documents": r.n_documents,
                    "n_outlets": r.n_outlets,
                    "contested": r.contested,
                },
            }
            for r in rows
        ],
    }


@router.get("/facets", tags=["events"])
def get_facets(store: StoreDep) -> dict[str, list[str]]:
    """The values each filter can take in this database."""
    with store.sessions() as session:
        return facets(session)


@router.get("/documents", tags=["documents"])
def list_documents(
    store: StoreDep, wanted: Documents, offset: Offset = 0, limit: Limit = 50
) -> Paged[DocumentSummaryOut]:
    """Stored documents, newest first, with their errors when they could not be analysed."""
    with store.sessions() as session:
        page = search_documents(session, wanted, offset=offset, limit=limit)
        return Paged[DocumentSummaryOut](
            items=[document_summary(d) for d in page.items],
            total=page.total,
            offset=page.offset,
            limit=page.limit,
        )


@router.get("/documents/{doc_id:path}", tags=["documents"], responses=NOT_FOUND)
def get_document(store: StoreDep, doc_id: str) -> DocumentDetailOut:
    """A document's text and metadata, its mentions, and every highlight with its offsets."""
    with store.sessions() as session:
        return document_detail(document_by_id(session, doc_id))


@router.post(
    "/documents",
    tags=["documents"],
    status_code=status.HTTP_201_CREATED,
    responses={200: {"model": DocumentStoredOut, "description": "Already stored"}, **INVALID},
)
def post_document(store: StoreDep, article: DocumentIn, response: Response) -> DocumentStoredOut:
    """Analyse one article, link its mentions to known events and store it.

    The same text sent again is not stored twice: the answer is then 200 with the stored copy.
    """
    from ondit.analyse import analyse

    document = build_document(
        article.id,
        article.text,
        origin="api",
        published=article.published,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        language=article.language,
    )
    if not document.text:
        raise HTTPException(422, f"text: {document.error}")
    with _ANALYSIS:
        created = store.save(analyse(document))
    if not created:
        response.status_code = status.HTTP_200_OK
    with store.sessions() as session:
        stored = document_by_hash(session, document.content_hash)
        LOGGER.info("document %s %s via the API", stored.doc_id, "stored" if created else "known")
        return DocumentStoredOut(
            created=created,
            document=document_summary(stored),
            mentions=[mention_out(m) for m in stored.mentions],
        )


@router.get("/mentions/{mention_id}", tags=["review"], responses=NOT_FOUND)
def get_mention(store: StoreDep, mention_id: int) -> MentionOut:
    """One mention as reviewed, with its review history."""
    with store.sessions() as session:
        return mention_out(mention_by_id(session, mention_id))


@router.patch("/mentions/{mention_id}", tags=["review"], responses={**NOT_FOUND, **INVALID})
def patch_mention(store: StoreDep, mention_id: int, review: ReviewIn) -> MentionOut:
    """Confirm, correct or reject a mention; every change is kept with its old value.

    Exports read the reviewed values: a correction replaces the value, a rejected mention is
    left out, and the mention's event is summarised again over the reports still standing.
    """
    review_mention(
        store,
        mention_id,
        reviewer=review.reviewer,
        action=review.action,
        changes=review.changes,
    )
    return get_mention(store, mention_id)


@router.get("/export", tags=["export"])
def export(
    store: StoreDep,
    fmt: Annotated[
        ExportFormat,
        Query(alias="format", description="jsonl: mentions; events, csv, geojson: events."),
    ],
) -> Response:
    """The same files as `ondit export`, reviewed values included."""
    media_type, filename = MEDIA_TYPES[fmt]
    out = io.StringIO()
    write_export(store, fmt, out)
    return Response(
        out.getvalue(),
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )
