"""Every failure as a clear 4xx answer: JSON for the API, a page for the browser, never a trace.

Domain errors map to statuses here, in one place: an unknown id is 404, a review that cannot
apply is 422, malformed JSON is 400. Anything unforeseen is logged and answered as a plain 500
without internals.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ondit.errors import NotFoundError, OnditError, ReviewError, StoreError

LOGGER = logging.getLogger(__name__)


#: Error codes for statuses raised as plain HTTP errors, named as the API documents them.
CODES = {
    400: "bad_request",
    401: "token_required",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def _code(status: int) -> str:
    if status in CODES:
        return CODES[status]
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def _wants_page(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/openapi.json", "/static/")):
        return False
    return "text/html" in request.headers.get("accept", "")


def _answer(
    request: Request,
    status: int,
    error: str,
    detail: Any,
    headers: Mapping[str, str] | None = None,
) -> Response:
    if _wants_page(request):
        from ondit.web.pages import render_error

        return render_error(request, status, detail)
    return JSONResponse(
        {"error": error, "detail": detail}, status_code=status, headers=dict(headers or {})
    )


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Where and what, without echoing the input back: it may be ten megabytes of article."""
    return [
        {
            "loc": [str(part) for part in e.get("loc", ())],
            "msg": e.get("msg", ""),
            "type": e["type"],
        }
        for e in exc.errors()
    ]


async def on_validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = _validation_details(exc)
    if any(d["type"] == "json_invalid" for d in details):
        return _answer(request, 400, "malformed_json", "the request body is not valid JSON")
    return _answer(request, 422, "invalid_request", details)


async def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _answer(request, exc.status_code, _code(exc.status_code), exc.detail, exc.headers)


async def on_ondit(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OnditError)
    if isinstance(exc, NotFoundError):
        return _answer(request, 404, "not_found", str(exc))
    if isinstance(exc, ReviewError):
        return _answer(request, 422, "invalid_review", str(exc))
    if isinstance(exc, StoreError):
        LOGGER.error("database: %s", exc)
        return _answer(request, 503, "database_unavailable", "the database cannot be reached")
    return _answer(request, 400, "bad_request", str(exc))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    LOGGER.exception("unexpected error on %s %s", request.method, request.url.path)
    return _answer(request, 500, "internal_error", "unexpected error; see the server's log")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(OnditError, on_ondit)
    app.add_exception_handler(Exception, on_unexpected)
