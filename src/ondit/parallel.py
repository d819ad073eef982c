"""Running per-document analysis in parallel on Dask, locally or on a team's cluster.

The client reads documents and writes results; workers only analyse. Each worker process loads
the spaCy pipelines and resources once, on its first document. A document whose worker dies is
retried once on another worker, then kept with an error so that the run goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ondit.analyse import analyse_many
from ondit.errors import E_ANALYSIS
from ondit.model import Analysis, Document

LOGGER = logging.getLogger(__name__)

#: Documents per task: enough to parse them in one batch, few enough to spread over workers.
CHUNK = 8


class DaskAnalyser:
    """Analyse batches of documents on a Dask cluster, results in input order."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def map(self, documents: Sequence[Document]) -> list[Analysis]:
        chunks = [list(documents[i : i + CHUNK]) for i in range(0, len(documents), CHUNK)]
        futures = self.client.map(_analyse_chunk, chunks, retries=1, pure=False)
        results: list[Analysis] = []
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                results.extend(future.result())
            except Exception as exc:  # a worker died twice, or the task failed on the cluster
                reason = f"on the cluster: {type(exc).__name__}: {exc}"[:200]
                for document in chunk:
                    LOGGER.warning("document %s failed on the cluster: %s", document.id, exc)
                    note = E_ANALYSIS.format(reason=reason)
                    document.error = f"{document.error}; {note}" if document.error else note
                    results.append(Analysis(document=document))
        return results


def _analyse_chunk(documents: list[Document]) -> list[Analysis]:
    """One task: a few documents, parsed together as `ondit extract` parses them."""
    return list(analyse_many(documents))


@contextmanager
def dask_analyser(workers: int = 0, scheduler: str | None = None) -> Iterator[DaskAnalyser]:
    """A local cluster of `workers` processes, or a client of the cluster at `scheduler`."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield DaskAnalyser(client)
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster)
    try:
        yield DaskAnalyser(client)
    finally:
        client.close()
        cluster.close()
