"""HTML pages: the article's text, title and date as trafilatura extracts them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import trafilatura

from ondit.errors import E_NO_ARTICLE, E_UNREADABLE
from ondit.ingest.common import binary_document, build_document, error_document, looks_binary
from ondit.model import Document

LOGGER = logging.getLogger(__name__)

#: Shorter extracted text is a menu or a caption, not an article (no real article is under ten words).
MIN_ARTICLE_CHARS = 40


def read_html(path: Path) -> Iterator[Document]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield error_document(path.stem, E_UNREADABLE.format(reason=exc.strerror), origin=str(path))
        return
    if looks_binary(data):
        yield binary_document(path.stem, str(path))
        return
    yield document_from_html(path.stem, data.decode("utf-8", errors="replace"), origin=str(path))


def document_from_html(doc_id: str, html: str, *, origin: str, url: str | None = None) -> Document:
    """The main text of a page; boilerplate (menus, footers) is left out by trafilatura."""
    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        LOGGER.warning("trafilatura failed on %s: %s", origin, exc)
        extracted = None
    if extracted is None:
        return error_document(doc_id, E_NO_ARTICLE, origin=origin, raw=html[:1000])
    text = getattr(extracted, "text", None) or ""
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        return error_document(doc_id, E_NO_ARTICLE, origin=origin, raw=html[:1000])
    return build_document(
        doc_id,
        text,
        origin=origin,
        published=getattr(extracted, "date", None),
        title=getattr(extracted, "title", None),
        url=getattr(extracted, "url", None) or url,
        outlet=getattr(extracted, "sitename", None),
    )
