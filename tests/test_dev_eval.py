"""The evaluation gate: accuracy on the project's own dev data may only go up.

Floors live in `tests/eval_floors.json` next to a hash of each gold file; changing a gold file
without reviewing its floors fails here, and a floor is raised (never lowered) when the
extractor improves. Fields are gated on right values per gold mention (found and coded right),
which finding more events can only raise, rather than on accuracy over matched pairs, which a
newly found, partly coded event lowers.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import pytest

from ondit.analyse import analyse
from ondit.evaluate import batch_ids, load_records, score
from ondit.ingest import read_inputs
from ondit.model import Document

from .conftest import ROOT

pytestmark = pytest.mark.slow
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text(encoding="utf-8"))
SEEDS = ROOT.parent / "shared" / "seeds"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _predict(documents: list[Document]) -> list[dict[str, object]]:
    return [m.to_record(with_extras=False) for d in documents for m in analyse(d).mentions]


def _check(
    name: str, gold_path: Path, predicted: list[dict[str, object]], ids: set[str] | None = None
) -> None:
    floors = FLOORS[name]
    assert _sha(gold_path) == floors["gold_sha256"], f"{gold_path} changed: review {name} floors"
    scores = score(load_records(gold_path), predicted, doc_ids=ids)
    figures = scores.gate_figures()
    for key, floor in floors["floors"].items():
        assert figures[key] >= floor, f"{name} {key} {figures[key]:.3f} fell below {floor}"


@pytest.mark.parametrize("name", ["samples", "dev"])
def test_own_data_stays_above_its_floors(name: str) -> None:
    if name == "samples":
        documents = list(read_inputs([ROOT / "samples" / "articles"]))
        gold = ROOT / "samples" / "gold.jsonl"
    else:
        documents = list(read_inputs([ROOT / "dev" / "documents.jsonl"]))
        gold = ROOT / "dev" / "gold.jsonl"
        predicted = _predict(documents)
        batches = batch_ids(ROOT / "dev" / "batches.json")
        assert {d.id for d in documents} == set().union(*batches.values())
        assert sorted(k for k in FLOORS if k.startswith("dev/")) == sorted(
            f"dev/{b}" for b in batches
        )
        for batch, ids in batches.items():  # each batch keeps its own floors
            _check(f"dev/{batch}", gold, predicted, ids)
        return
    _check(name, gold, _predict(documents))


def _seed_documents() -> list[Document]:
    published = dict(
        re.findall(r"\| (\S+\.txt) \| (\d{4}-\d{2}-\d{2}) \|", (SEEDS / "README.md").read_text())
    )
    docs: list[Document] = []
    for path in sorted(SEEDS.glob("*.txt")):
        (doc,) = read_inputs([path])
        doc.published = date.fromisoformat(published[path.name])
        docs.append(doc)
    return docs


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles sit beside the project only in its own workspace"
)
def test_seeds_give_valid_traced_records_above_floors() -> None:
    documents = _seed_documents()
    by_id = {d.id: d.text for d in documents}
    records = []
    for document in documents:
        for mention in analyse(document).mentions:
            record = mention.to_record()
            assert record["evidence"] in by_id[document.id]
            for spans in record["spans"].values():
                for span in spans:
                    assert by_id[document.id][span["start"] : span["end"]] == span["text"]
            records.append(mention.to_record(with_extras=False))
    _check("seeds", ROOT / "dev" / "seeds_gold.jsonl", records)
