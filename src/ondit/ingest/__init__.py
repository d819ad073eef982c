"""Readers that turn files and folders into Documents, never raising on bad input.

Every input unit (a file, a JSONL line) yields exactly one Document; one that cannot be read
comes out with ``error`` set, so that a batch reports it instead of losing it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from ondit.errors import E_MISSING_PATH, E_UNSUPPORTED_FORMAT
from ondit.ingest.common import error_document
from ondit.ingest.html import read_html
from ondit.ingest.jsonl import read_jsonl
from ondit.ingest.text import read_text
from ondit.model import Document

LOGGER = logging.getLogger(__name__)

READERS = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
}


def iter_files(path: Path) -> Iterator[Path]:
    """Files under a directory, recursively, in a stable order; hidden files skipped."""
    for child in sorted(path.rglob("*")):
        if child.is_file() and not any(
            part.startswith(".") for part in child.relative_to(path).parts
        ):
            yield child


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Document]:
    """Documents from files, folders (recursively) and JSONL collections, in input order."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield error_document(str(path), E_MISSING_PATH.format(path=path), origin=str(path))
            continue
        if path.is_dir():
            for file in iter_files(path):
                if file.suffix.lower() in READERS:
                    yield from READERS[file.suffix.lower()](file)
                else:
                    LOGGER.info("skipping %s: not a supported input format", file)
            continue
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            yield error_document(
                path.stem,
                E_UNSUPPORTED_FORMAT.format(suffix=path.suffix or "(none)"),
                origin=str(path),
            )
            continue
        yield from reader(path)
