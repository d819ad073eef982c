"""Scale and faults: Dask stores what a serial run stores, a killed run resumes, concurrent runs
on PostgreSQL store each document once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ondit.cli import app

from .conftest import SAMPLES, fresh_postgres_database

pytestmark = pytest.mark.slow
runner = CliRunner()
ONDIT = [sys.executable, "-m", "ondit"]


def _export(url: str, fmt: str, out: Path) -> str:
    result = runner.invoke(app, ["export", "--db", url, "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _many_articles(path: Path, copies: int) -> int:
    """The sample articles, each repeated with its own id and a distinct text."""
    rows = [
        json.loads(line)
        for line in (SAMPLES / "articles" / "articles.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    with path.open("w", encoding="utf-8") as out:
        for n in range(copies):
            for row in rows:
                out.write(
                    json.dumps(
                        {**row, "id": f"{row['id']}-{n}", "text": f"{row['text']}\n\n(#{n})"}
                    )
                    + "\n"
                )
    return copies * len(rows)


def test_dask_run_stores_exactly_what_a_serial_run_stores(tmp_path: Path) -> None:
    serial, parallel = (
        f"sqlite:///{tmp_path / 'serial.db'}",
        f"sqlite:///{tmp_path / 'parallel.db'}",
    )
    assert (
        runner.invoke(app, ["run", str(SAMPLES / "articles"), "--db", serial, "-q"]).exit_code == 0
    )
    result = subprocess.run(
        [*ONDIT, "run", str(SAMPLES / "articles"), "--db", parallel, "--workers", "2", "-q"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for fmt in ("jsonl", "events"):
        assert _export(serial, fmt, tmp_path / f"s.{fmt}") == _export(
            parallel, fmt, tmp_path / f"p.{fmt}"
        )


def test_a_killed_run_resumes_with_every_document_stored_once(tmp_path: Path) -> None:
    articles = tmp_path / "many.jsonl"
    total = _many_articles(articles, 4)
    db = tmp_path / "killed.db"
    url = f"sqlite:///{db}"
    process = subprocess.Popen(
        [*ONDIT, "run", str(articles), "--db", url, "-q"], stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and stored < 10:
        time.sleep(0.5)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    stored = con.execute("select count(*) from documents").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
    assert 10 <= stored < total, stored
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    again = subprocess.run(
        [*ONDIT, "run", str(articles), "--db", url],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as con:
        assert con.execute(
            "select count(*), count(distinct content_hash) from documents"
        ).fetchone() == (total, total)
        partial = con.execute(
            "select count(*) from documents d where d.n_mentions != (select count(*) from mentions m where m.document_id = d.id)"
        ).fetchone()[0]
        assert partial == 0


def test_concurrent_runs_on_postgresql_store_each_document_once(
    postgres: str, tmp_path: Path
) -> None:
    url = fresh_postgres_database(postgres)
    articles = tmp_path / "many.jsonl"
    total = _many_articles(articles, 2)
    runner.invoke(
        app, ["run", str(SAMPLES / "articles" / "text"), "--db", url, "-q"]
    )  # migrate first
    processes = [
        subprocess.Popen(
            [*ONDIT, "run", str(articles), str(SAMPLES / "articles" / "text"), "--db", url, "-q"],
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as con:
        counts = con.execute(
            text("select count(*), count(distinct content_hash) from documents")
        ).one()
    engine.dispose()
    assert tuple(counts) == (total + 1, total + 1)


def test_unreachable_database_at_start_is_a_clear_error() -> None:
    result = runner.invoke(
        app,
        ["run", str(SAMPLES / "articles" / "text"), "--db", "postgresql://nobody@127.0.0.1:9/none"],
    )
    assert result.exit_code == 2
    assert "cannot open database" in result.output
