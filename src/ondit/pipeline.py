"""ingest → analyse → link → store, resumable: the jobs the CLI and the web page run.

A run skips documents whose content hash is already stored, so re-running adds nothing and a run
that was interrupted resumes where it stopped.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ondit.analyse import analyse_many
from ondit.ingest import read_inputs
from ondit.model import Analysis, Document
from ondit.store import Store

LOGGER = logging.getLogger(__name__)

Progress = Callable[[Analysis], None]


@dataclass(slots=True)
class RunSummary:
    """What a batch did, for the one-screen summary at its end."""

    documents: int = 0
    skipped: int = 0
    errors: int = 0
    mentions: int = 0
    by_sub_type: Counter[str] = field(default_factory=Counter)
    error_lines: list[str] = field(default_factory=list)
    seconds: float = 0.0
    characters: int = 0

    def add(self, analysis: Analysis) -> None:
        self.documents += 1
        self.characters += len(analysis.document.text)
        if analysis.error:
            self.errors += 1
            self.error_lines.append(f"{analysis.document.id}: {analysis.error}")
        self.mentions += len(analysis.mentions)
        self.by_sub_type.update(m.sub_event_type for m in analysis.mentions)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "skipped": self.skipped,
            "errors": self.errors,
            "mentions": self.mentions,
            "by_sub_event_type": dict(self.by_sub_type.most_common()),
            "seconds": round(self.seconds, 2),
        }


def analyse_all(documents: Iterable[Document]) -> Iterator[Analysis]:
    """Analyse documents in order; errors are recorded on each, never raised."""
    return analyse_many(documents)


def extract(
    inputs: Iterable[str | Path], *, progress: Progress | None = None
) -> tuple[list[Analysis], RunSummary]:
    """Analyse inputs without a database."""
    summary = RunSummary()
    started = time.perf_counter()
    results: list[Analysis] = []
    for analysis in analyse_all(read_inputs(inputs)):
        summary.add(analysis)
        results.append(analysis)
        if progress is not None:
            progress(analysis)
    summary.seconds = time.perf_counter() - started
    return results, summary


def run(
    inputs: Iterable[str | Path],
    store: Store,
    *,
    progress: Progress | None = None,
    batch_size: int = 64,
    workers: int = 0,
    scheduler: str | None = None,
) -> RunSummary:
    """Analyse and store inputs, skipping documents already stored.

    With `workers` or `scheduler`, analysis runs on Dask and this process only reads and writes;
    every document is stored in its own transaction, so a run stopped at any point resumes.
    """
    summary = RunSummary()
    started = time.perf_counter()
    with _analyser(workers, scheduler) as analyse_batch:
        batch: list[Document] = []

        def flush() -> None:
            known = store.known_hashes(d.content_hash for d in batch)
            todo: list[Document] = []
            for document in batch:
                if document.content_hash in known:
                    summary.skipped += 1
                    continue
                known.add(document.content_hash)
                todo.append(document)
            for analysis in analyse_batch(todo):
                if store.save(analysis):
                    summary.add(analysis)
                else:
                    summary.skipped += 1
                if progress is not None:
                    progress(analysis)
            batch.clear()

        for document in read_inputs(inputs):
            batch.append(document)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    summary.seconds = time.perf_counter() - started
    return summary


@contextmanager
def _analyser(
    workers: int, scheduler: str | None
) -> Iterator[Callable[[list[Document]], list[Analysis]]]:
    if not workers and not scheduler:
        yield lambda documents: list(analyse_many(documents))
        return
    from ondit.parallel import dask_analyser

    with dask_analyser(workers, scheduler) as cluster:
        yield cluster.map
