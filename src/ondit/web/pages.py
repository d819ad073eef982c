"""The web page: server-rendered views over the same queries and shapes as the API.

Templates autoescape everything; article text reaches the page only as escaped runs (see
`highlight.py`), and URLs from articles become links only when they are http(s).
"""

from __future__ import annotations

import logging
from datetime import date
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.templating import Jinja2Templates

from ondit.model import CLAIM_PRECEDENCE, WEAPONS
from ondit.resources import sub_event_types
from ondit.store import Store
from ondit.store.queries import (
    DocumentFilter,
    EventFilter,
    document_by_id,
    event_by_id,
    facets,
    search_documents,
)
from ondit.web.convert import COMPARED_FIELDS, document_detail, document_summary, event_detail
from ondit.web.highlight import runs
from ondit.web.params import Offset, document_filter, event_filter, get_store

LOGGER = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]

#: How each reviewable field is edited in the review form.
INPUT_KINDS: dict[str, str] = {
    "event_type": "choice",
    "sub_event_type": "choice",
    "date": "date",
    "time_precision": "int",
    "country": "text",
    "admin1": "text",
    "location": "text",
    "latitude": "float",
    "longitude": "float",
    "geo_precision": "int",
    "actor1": "text",
    "actor2": "text",
    "weapon": "choice",
    "munitions": "int",
    "fatalities": "int",
    "injured": "int",
    "claim_status": "choice",
    "sources": "list",
}


def _safe_url(value: str | None) -> str | None:
    """An article's URL as a link target only when it cannot run script (http, https)."""
    if not value:
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def _show(value: Any) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _form_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@cache
def templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("ondit.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.filters["safe_url"] = _safe_url
    env.filters["show"] = _show
    env.filters["form_value"] = _form_value
    return Jinja2Templates(env=env)


@cache
def review_choices() -> dict[str, list[str]]:
    subs = sub_event_types()
    return {
        "event_type": list(dict.fromkeys(subs.values())),
        "sub_event_type": list(subs),
        "weapon": list(WEAPONS),
        "claim_status": list(CLAIM_PRECEDENCE),
    }


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("token_required", request.app.state.token is not None)
    context.setdefault("assets_ok", request.app.state.assets_ok)
    return templates().TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status_code: int, detail: Any) -> Response:
    message = detail if isinstance(detail, str) else "the request is not valid"
    return _render(request, "error.html", status_code, code=status_code, message=message)


def _query(wanted: EventFilter) -> dict[str, str]:
    values = {
        "date_from": wanted.date_from.isoformat() if wanted.date_from else "",
        "date_to": wanted.date_to.isoformat() if wanted.date_to else "",
        "contested": "" if wanted.contested is None else str(wanted.contested).lower(),
    }
    for name in (
        "country",
        "admin1",
        "event_type",
        "sub_event_type",
        "actor",
        "claim_status",
        "outlet",
        "q",
    ):
        values[name] = getattr(wanted, name) or ""
    return values


@router.get("/", response_class=HTMLResponse)
def desk(
    request: Request, store: StoreDep, wanted: Annotated[EventFilter, Depends(event_filter)]
) -> HTMLResponse:
    with store.sessions() as session:
        choices = facets(session)
    return _render(request, "desk.html", filters=_query(wanted), facets=choices)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: str) -> HTMLResponse:
    with store.sessions() as session:
        event = event_detail(event_by_id(session, event_id))
    return _render(
        request,
        "event.html",
        event=event,
        compared=COMPARED_FIELDS,
        reviewable=INPUT_KINDS,
        choices=review_choices(),
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    store: StoreDep,
    wanted: Annotated[DocumentFilter, Depends(document_filter)],
    offset: Offset = 0,
) -> HTMLResponse:
    with store.sessions() as session:
        page = search_documents(session, wanted, offset=offset, limit=50)
        rows = [document_summary(d) for d in page.items]
    filters = {
        "outlet": wanted.outlet or "",
        "language": wanted.language or "",
        "q": wanted.q or "",
    }
    given = {k: v for k, v in filters.items() if v}
    before, after = max(0, page.offset - page.limit), page.offset + page.limit
    return _render(
        request,
        "documents.html",
        documents=rows,
        page=page,
        filters=filters,
        previous_query=urlencode({**given, "offset": before}) if page.offset > 0 else None,
        next_query=urlencode({**given, "offset": after}) if after < page.total else None,
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
    with store.sessions() as session:
        document = document_detail(document_by_id(session, doc_id))
    return _render(
        request,
        "document.html",
        document=document,
        runs=runs(document.text, document.spans),
        reviewable=INPUT_KINDS,
        choices=review_choices(),
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI from the vendored copy: the API's documentation works offline too."""
    return _render(request, "docs.html")
