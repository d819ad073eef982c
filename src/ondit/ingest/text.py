"""Plain-text articles: the id is the file's stem, the date is found in the text later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ondit.errors import E_UNREADABLE
from ondit.ingest.common import binary_document, build_document, error_document, looks_binary
from ondit.model import Document


def read_text(path: Path) -> Iterator[Document]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield error_document(path.stem, E_UNREADABLE.format(reason=exc.strerror), origin=str(path))
        return
    if looks_binary(data):
        yield binary_document(path.stem, str(path))
        return
    yield build_document(path.stem, data.decode("utf-8", errors="replace"), origin=str(path))
