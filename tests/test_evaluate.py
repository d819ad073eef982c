"""ANNOTATION.md's scoring on tiny gold/prediction pairs with known answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ondit.cli import app
from ondit.evaluate import score, source_key


def record(doc_id: str, **values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc_id": doc_id,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "date": "2020-11-17",
        "time_precision": 1,
        "country": "IQ",
        "admin1": "Baghdad",
        "location": "Green Zone",
        "latitude": 33.30,
        "longitude": 44.39,
        "geo_precision": 1,
        "actor1": None,
        "actor2": "United States",
        "weapon": "rocket",
        "munitions": 7,
        "fatalities": None,
        "injured": None,
        "claim_status": "claimed",
        "sources": ["Saberin"],
        "evidence": "…",
    }
    base.update(values)
    return base


GOLD = [
    record("d1"),
    record(
        "d1",
        location="Baghdad International Airport",
        latitude=33.26,
        longitude=44.23,
        date="2020-11-18",
    ),
    record("d2", event_type="Strategic developments", sub_event_type="Arrests", weapon=None),
    record("d3", date=None),
]
PRED = [
    # Right incident, munitions wrong, source named with an article: counts as overlap.
    record("d1", munitions=5, sources=["le Saberin"]),
    # Right type but 120 km away: no match.
    record("d1", latitude=34.3, longitude=45.4, location="Elsewhere", date="2020-11-18"),
    # Arrest predicted as an attack: no match.
    record("d2"),
    # Both dates unknown: a match; date one day off would also match.
    record("d3", date=None, claim_status="asserted"),
]


def test_precision_recall_f1_and_fields() -> None:
    scores = score(GOLD, PRED)
    assert (scores.n_gold, scores.n_pred, scores.n_matched) == (4, 4, 2)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(0.5)
    assert scores.accuracy("munitions") == pytest.approx(0.5)
    assert scores.accuracy("claim_status") == pytest.approx(0.5)
    assert scores.accuracy("sources") == pytest.approx(1.0)
    assert scores.accuracy("location") == pytest.approx(1.0)


def test_pairs_are_one_to_one_best_first() -> None:
    gold = [record("d1", munitions=3), record("d1", munitions=7)]
    pred = [record("d1", munitions=7)]
    scores = score(gold, pred)
    assert scores.n_matched == 1
    assert scores.pairs[0][0]["munitions"] == 7


def test_province_level_places_match_on_admin1() -> None:
    gold = [record("d1", location="Baghdad", geo_precision=3, latitude=33.34, longitude=44.40)]
    pred = [record("d1", location="Tarmiyah", geo_precision=1, latitude=33.67, longitude=44.39)]
    assert score(gold, pred).n_matched == 1


def test_eval_command_table_and_json(tmp_path: Path) -> None:
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    pred_path.write_text("".join(json.dumps(r) + "\n" for r in PRED), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold_path), str(pred_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["f1"] == 0.5
    assert data["fields"]["munitions"] == 0.5
    table = CliRunner().invoke(app, ["eval", str(gold_path), str(pred_path)])
    assert "F1" in table.output and "0.500" in table.output
    bad = CliRunner().invoke(app, ["eval", str(gold_path), str(tmp_path / "nope.jsonl")])
    assert bad.exit_code == 2


def test_main_sub_event_type_is_the_first_mention_of_each_document() -> None:
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    gold = [record("d1"), record("d1", **clash), record("d2", **clash), record("d3")]
    pred = [
        record("d1", location="Erbil"),  # unmatched, but its sub-type is d1's first
        record("d2"),  # d2's first gold is a clash: wrong
        record("d9"),  # no gold: not counted
    ]
    scores = score(gold, pred)
    assert (scores.n_documents, scores.main_right) == (3, 1)
    assert scores.main_sub_event_type == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("the Pentagon", "Pentagon", True),
        ("Medecins Sans Frontieres", "Médecins Sans Frontières", True),
        ("le Saberin", "SABERIN", True),
        ("the Israeli army", "the Iraqi army", False),
        ("a medical source", "medical sources", True),
        ("security sources", "medical sources", False),
    ],
)
def test_a_source_is_compared_without_case_accents_or_article(
    gold: str, predicted: str, same: bool
) -> None:
    assert (source_key(gold) == source_key(predicted)) is same
