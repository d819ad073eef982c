"""Per-document analysis: a pure function from a Document to its Analysis.

`analyse(document)` holds no state beyond read-only resources loaded once per process, so the
same call runs in a loop, a process pool or on Dask workers. It never raises on a bad document:
the failure is recorded on the document and the batch goes on. The stages load lazily, so that
importing one of them (dates, numbers) does not load the parser.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ondit.model import Analysis, Document

if TYPE_CHECKING:
    from ondit.analyse.document import Analyser

__all__ = ["analyse", "analyse_many", "default_analyser"]


@functools.cache
def default_analyser() -> Analyser:
    from ondit.analyse.document import Analyser

    return Analyser()


def analyse(document: Document) -> Analysis:
    """Every event mention, quote and rhetoric span of one document."""
    return default_analyser()(document)


def analyse_many(documents: Iterable[Document]) -> Iterator[Analysis]:
    """The same as `analyse` over many documents, in order, parsing them in batches."""
    return default_analyser().analyse_many(documents)
