"""JSON Lines collections: one article per line, the format other tools hand us."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

from ondit.errors import E_BAD_JSON, E_BINARY, E_NO_ID, E_NO_TEXT_FIELD, E_UNREADABLE
from ondit.ingest.common import build_document, error_document, looks_binary
from ondit.model import Document

LOGGER = logging.getLogger(__name__)


def _text_field(value: object) -> str | None:
    return value if isinstance(value, str) else None


def read_jsonl(path: Path) -> Iterator[Document]:
    """One Document per non-blank line; a bad line becomes an error document named file:line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield error_document(path.stem, E_UNREADABLE.format(reason=exc.strerror), origin=str(path))
        return
    if looks_binary(data):
        yield error_document(path.stem, E_BINARY, origin=str(path))
        return
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        fallback_id = f"{path.stem}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield error_document(
                fallback_id,
                f"{E_BAD_JSON} ({exc.msg} at column {exc.colno})",
                origin=origin,
                raw=line,
            )
            continue
        if not isinstance(record, dict):
            yield error_document(
                fallback_id, f"{E_BAD_JSON} (not an object)", origin=origin, raw=line
            )
            continue
        raw_id = record.get("id", record.get("doc_id"))
        doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
        text = _text_field(record.get("text"))
        if text is None:
            yield error_document(doc_id, E_NO_TEXT_FIELD, origin=origin, raw=line)
            continue
        document = build_document(
            doc_id,
            text,
            origin=origin,
            published=record.get("published"),
            title=_text_field(record.get("title")),
            url=_text_field(record.get("url")),
            outlet=_text_field(record.get("outlet") or record.get("source")),
            language=_text_field(record.get("language")),
        )
        if raw_id in (None, "") and document.error is None:
            document.error = f"{E_NO_ID}: named {doc_id}"
        yield document
