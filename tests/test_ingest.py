"""Every input format, and every kind of bad input kept with a clear error."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ondit.ingest import read_inputs
from ondit.ingest.common import MAX_CHARS
from ondit.model import PublishedSource

HTML = """<html><head><title>Rockets hit Erbil airport</title>
<meta property="article:published_time" content="2021-02-16T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rockets hit Erbil airport</h1>
<p>Three rockets struck the military section of Erbil International Airport on Monday night,
officials in the Kurdistan Region said, killing one foreign contractor.</p>
<p>A little-known group calling itself Saraya Awliya al-Dam claimed responsibility for the attack
in a statement posted on Telegram channels early on Tuesday.</p></article>
<footer>Copyright 2021. All rights reserved.</footer></body></html>"""


def test_jsonl_records_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {
            "id": "a1",
            "text": "Deux roquettes sont tombées.",
            "published": "2021-02-16",
            "outlet": "AFP",
        },
        {
            "id": "a2",
            "text": "Two rockets fell.",
            "published": "2021-02-16T10:00:00+03:00",
            "language": "en",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    docs = list(read_inputs([path]))
    assert [d.id for d in docs] == ["a1", "a2"]
    assert docs[0].published == date(2021, 2, 16)
    assert docs[0].published_source is PublishedSource.METADATA
    assert docs[0].outlet == "AFP"
    assert docs[1].language == "en"
    assert all(d.error is None for d in docs)
    assert docs[0].content_hash != docs[1].content_hash


def test_txt_file_id_is_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "report-7.txt"
    path.write_text("Rockets hit the base on 3 March 2021.", encoding="utf-8")
    (doc,) = read_inputs([path])
    assert doc.id == "report-7"
    assert doc.published is None
    assert doc.error is None


def test_html_article_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "erbil.html"
    path.write_text(HTML, encoding="utf-8")
    (doc,) = read_inputs([path])
    assert doc.error is None
    assert doc.title == "Rockets hit Erbil airport"
    assert doc.published == date(2021, 2, 16)
    assert "Three rockets struck the military section" in doc.text
    assert "All rights reserved" not in doc.text
    assert "World" not in doc.text.split()


def test_directories_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("One rocket fell.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Two rockets fell.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y", encoding="utf-8")
    assert [d.id for d in read_inputs([tmp_path])] == ["a", "b"]


def test_bad_inputs_are_kept_with_errors(tmp_path: Path) -> None:
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text(
        "\n".join(
            [
                '{"id": "ok", "text": "Deux roquettes sont tombées samedi.", "published": "2021-02-16"}',
                '{"id": "broken", "text": ',
                '{"id": "empty", "text": "   "}',
                '{"id": "nodate", "text": "Une roquette est tombée.", "published": "le jour d\'avant"}',
                '{"id": "notext"}',
                "[1, 2]",
            ]
        ),
        encoding="utf-8",
    )
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    empty_html = tmp_path / "nav-only.html"
    empty_html.write_text("<html><body><nav>menu</nav></body></html>", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("Des roquettes sont tombées. " * 200_000, encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    docs = {d.id: d for d in read_inputs([jsonl, binary, empty_html, big, missing])}
    assert docs["ok"].error is None
    assert docs["bad:2"].error is not None and docs["bad:2"].error.startswith("[E203]")
    assert docs["empty"].error == "[E201] empty text"
    assert docs["nodate"].error is not None and docs["nodate"].error.startswith("[E205]")
    assert docs["nodate"].text  # still analysed
    assert docs["notext"].error == "[E204] JSON record has no 'text' field"
    assert docs["bad:6"].error is not None and docs["bad:6"].error.startswith("[E203]")
    assert docs["blob"].error is not None and docs["blob"].error.startswith("[E202]")
    assert docs["empty"].content_hash != docs["blob"].content_hash
    assert docs["nav-only"].error == "[E209] no article text found in HTML"
    assert docs["big"].error is not None and docs["big"].error.startswith("[E208]")
    assert len(docs["big"].text) == MAX_CHARS
    assert docs[str(missing)].error == f"[E210] input path does not exist: {missing}"
