"""Query parameters shared by the API and the page, parsed once into the store's filters.

Parameters arrive as text so that an empty field of the page's filter form means "any" instead
of failing; a value that is present and wrong is still refused with a 422 naming the parameter.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query, Request

from ondit.store import Store
from ondit.store.queries import MAX_PAGE, DocumentFilter, EventFilter

_TRUE = ("true", "1", "yes")
_FALSE = ("false", "0", "no")

Text = Annotated[str | None, Query(max_length=200)]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(name: str, value: str | None) -> date | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise HTTPException(422, f"{name}: {text!r} is not an ISO date (YYYY-MM-DD)") from None


def _flag(name: str, value: str | None) -> bool | None:
    text = (_text(value) or "").lower()
    if text in ("", "any"):
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise HTTPException(422, f"{name}: {value!r} is not true or false")


def event_filter(
    date_from: Annotated[
        str | None, Query(max_length=10, description="Earliest event date, YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[
        str | None, Query(max_length=10, description="Latest event date, YYYY-MM-DD.")
    ] = None,
    country: Annotated[str | None, Query(max_length=2, description="ISO 3166-1 alpha-2.")] = None,
    admin1: Text = None,
    event_type: Text = None,
    sub_event_type: Text = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Either side: actor1 or actor2.")
    ] = None,
    claim_status: Annotated[
        str | None, Query(max_length=12, description="One report has this claim status.")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="One report is by it.")] = None,
    contested: Annotated[
        str | None, Query(max_length=5, description="true: only contested; false: only not.")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in a place, actor or evidence.")
    ] = None,
) -> EventFilter:
    start, end = _date("date_from", date_from), _date("date_to", date_to)
    if start and end and start > end:
        raise HTTPException(422, "date_from is after date_to")
    return EventFilter(
        date_from=start,
        date_to=end,
        country=_text(country),
        admin1=_text(admin1),
        event_type=_text(event_type),
        sub_event_type=_text(sub_event_type),
        actor=_text(actor),
        claim_status=_text(claim_status),
        outlet=_text(outlet),
        contested=_flag("contested", contested),
        q=_text(q),
    )


def document_filter(
    outlet: Text = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the id or title.")] = None,
) -> DocumentFilter:
    return DocumentFilter(outlet=_text(outlet), language=_text(language), q=_text(q))


Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
