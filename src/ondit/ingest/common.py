"""What every reader shares: hashing, date parsing, text checks and size limits."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from ondit.errors import E_BAD_PUBLISHED, E_BINARY, E_EMPTY, E_TOO_LONG
from ondit.model import Document, PublishedSource

#: Longest text analysed, in characters. News articles run to 20,000 at most; past this limit a
#: document is most likely a dump or a book, and parsing it would stall a batch for minutes.
MAX_CHARS = 200_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def content_hash(text: str) -> str:
    """The identity of a text for idempotent ingest: the same words store once."""
    normal = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def error_document(doc_id: str, error: str, *, origin: str, raw: str = "") -> Document:
    """A document that could not be read, kept so that the batch reports it."""
    digest = hashlib.sha256(f"error\0{origin}\0{doc_id}\0{raw}".encode()).hexdigest()
    return Document(id=doc_id, text="", error=error, content_hash=digest, origin=origin)


def parse_published(value: object) -> date | None:
    """An ISO date or datetime, or None; raises ValueError on anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or mostly control characters."""
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192].decode("utf-8", errors="replace")
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t"))
    return bad / len(sample) > 0.1


def build_document(
    doc_id: str,
    text: str,
    *,
    origin: str,
    published: object = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
) -> Document:
    """A Document with its text cleaned and checked; problems go to ``error``, not exceptions."""
    errors: list[str] = []
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text or ""))
    published_date: date | None = None
    source = PublishedSource.NONE
    try:
        published_date = parse_published(published)
        if published_date is not None:
            source = PublishedSource.METADATA
    except (ValueError, TypeError):
        errors.append(E_BAD_PUBLISHED.format(value=str(published)[:40]))
    if not text.strip():
        return error_document(doc_id, E_EMPTY, origin=origin, raw=text)
    if len(text) > MAX_CHARS:
        errors.append(E_TOO_LONG.format(size=len(text), limit=MAX_CHARS))
        text = text[:MAX_CHARS]
    return Document(
        id=doc_id,
        text=text,
        title=title or None,
        url=url or None,
        outlet=outlet or None,
        language=language or None,
        published=published_date,
        published_source=source,
        content_hash=content_hash(text),
        error="; ".join(errors) or None,
        origin=origin,
    )


def binary_document(doc_id: str, origin: str) -> Document:
    return error_document(doc_id, E_BINARY, origin=origin)
