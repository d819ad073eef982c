"""Storing and linking speed and database size, SQLite and PostgreSQL, on analysed documents.

Analyses the bundled samples (and the seeds when they sit beside the project), repeated to
`--documents` distinct texts, then times `Store.save` (one transaction per document, linking
included) into a fresh SQLite file and into a throw-away PostgreSQL server, and prints the
documents per second and the size each database reached.
"""

from __future__ import annotations

import argparse
import importlib.util
import tempfile
import time
from pathlib import Path
from types import ModuleType

from sqlalchemy import create_engine, text

from ondit.analyse import analyse_many
from ondit.ingest.common import content_hash
from ondit.model import Analysis
from ondit.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def analysed(n: int) -> list[Analysis]:
    corpus = _module(ROOT / "benchmarks" / "throughput.py", "throughput").corpus(n)
    for i, document in enumerate(corpus):
        document.text = f"{document.text}\n\n#{i}"  # distinct texts: repeats are stored once
        document.content_hash = content_hash(document.text)
    return list(analyse_many(corpus))


def timed_save(url: str, analyses: list[Analysis]) -> float:
    store = open_store(url)
    started = time.perf_counter()
    for analysis in analyses:
        store.save(analysis)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300)
    args = parser.parse_args()
    analyses = analysed(args.documents)
    mentions = sum(len(a.mentions) for a in analyses)
    print(f"{len(analyses)} documents, {mentions} mentions")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        seconds = timed_save(f"sqlite:///{path}", analyses)
        print(
            f"sqlite      {seconds:6.2f} s  {len(analyses) / seconds:6.0f} docs/s  {path.stat().st_size / 1e6:7.2f} MB"
        )
    postgres = _module(ROOT / "tests" / "postgres.py", "postgres")
    with postgres.postgres_server() as server:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE bench"))
            empty = connection.execute(text("SELECT pg_database_size('bench')")).scalar() or 0
        url = server.rsplit("/", 1)[0] + "/bench"
        seconds = timed_save(url, analyses)
        with admin.connect() as connection:
            size = connection.execute(text("SELECT pg_database_size('bench')")).scalar() or 0
        admin.dispose()
        print(
            f"postgresql  {seconds:6.2f} s  {len(analyses) / seconds:6.0f} docs/s  {(size - empty) / 1e6:7.2f} MB over an empty database"
        )


if __name__ == "__main__":
    main()
