"""Train the genre model of each language from the annotated paragraphs, and decide whether to ship.

    .venv/bin/python scripts/train_genre.py

Each paragraph of dev/rhetoric/examples.jsonl is read as the stage reads a document
(ondit.analyse.rhetoric.genre_evidence: the writer's words outside quotations and the signs the
rules count) and labelled with its annotated genre. A softmax regression (ondit.analyse.linear)
is evaluated by leaving one batch out at a time: trained on the other batches, scored on the one
left out. The rules were fitted to every batch but the last, so they are compared on that last
batch only, which neither has seen; the model is written for a language only if it is right more
often there and over all held-out batches at least as often as the rules were on their first
runs (dev/rhetoric/README.md). Otherwise any earlier model file of the language is removed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ondit.analyse.genre_model import MODEL_FILE, set_genre_model
from ondit.analyse.linear import SparseSoftmax, fit_softmax, write_model_file
from ondit.analyse.nlp import load_pipeline
from ondit.analyse.rhetoric import classify_genre, genre_evidence

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "ondit" / "resources" / "models"
STEPS = 600
RATE = 2.0
L2 = 1e-3
KEEP = 0.01
#: Genre accuracy of the rules on each batch the first time they met it (dev/rhetoric/README.md).
RULES_FIRST_RUNS = {1: 0.763, 2: 0.550, 3: 0.583, 4: 0.700, 5: 0.688}

sys.path.insert(0, str(ROOT / "scripts"))
import eval_rhetoric  # noqa: E402


def read(
    records: Sequence[dict[str, Any]], language: str
) -> list[tuple[dict[str, Any], list[str]]]:
    nlp = load_pipeline(language)
    return [
        (record, genre_evidence(doc, language=language).features())
        for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True)
    ]


def fit(rows: Sequence[tuple[dict[str, Any], list[str]]]) -> dict[str, Any]:
    return fit_softmax(
        [(features, record["genre"]) for record, features in rows],
        steps=STEPS,
        rate=RATE,
        l2=L2,
        keep=KEEP,
    )


def accuracy(model: dict[str, Any], rows: Sequence[tuple[dict[str, Any], list[str]]]) -> float:
    softmax = SparseSoftmax(model)
    right = 0
    for record, features in rows:
        probabilities = softmax.probabilities(features)
        guess = softmax.labels[max(range(len(probabilities)), key=probabilities.__getitem__)]
        right += guess == record["genre"]
    return right / len(rows) if rows else 0.0


def rules_accuracy(records: Sequence[dict[str, Any]], language: str) -> float:
    set_genre_model(language, None)
    try:
        nlp = load_pipeline(language)
        right = sum(
            classify_genre(doc, language=language) == record["genre"]
            for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True)
        )
    finally:
        set_genre_model(language, None, reset=True)
    return right / len(records) if records else 0.0


def main() -> int:
    examples = eval_rhetoric.load_examples(eval_rhetoric.EXAMPLES)
    MODELS.mkdir(parents=True, exist_ok=True)
    for language in ("fr", "en"):
        records = [r for r in examples if r["language"] == language]
        rows = read(records, language)
        batches = sorted({r["batch"] for r in records})
        last = batches[-1]
        print(f"{language}: {len(rows)} paragraphs, batches {batches}")
        held: dict[int, float] = {}
        for batch in batches:
            train = [row for row in rows if row[0]["batch"] != batch]
            test = [row for row in rows if row[0]["batch"] == batch]
            held[batch] = accuracy(fit(train), test)
            first = RULES_FIRST_RUNS.get(batch)
            rules = (
                f"rules first run {first:.3f}" if first is not None else "no first run of the rules"
            )
            print(f"  batch {batch}: model held out {held[batch]:.3f}  ({rules})")
        rules_last = rules_accuracy([r for r in records if r["batch"] == last], language)
        model_mean = sum(held[b] for b in RULES_FIRST_RUNS if b in held) / len(RULES_FIRST_RUNS)
        rules_mean = sum(RULES_FIRST_RUNS.values()) / len(RULES_FIRST_RUNS)
        print(
            f"  batch {last}, unseen by both: model {held[last]:.3f}, rules {rules_last:.3f}; "
            f"mean over batches 1-5: model {model_mean:.3f}, rules' first runs {rules_mean:.3f}"
        )
        path = MODELS / MODEL_FILE.format(language=language)
        if held[last] > rules_last and model_mean >= rules_mean:
            write_model_file(path, fit(rows))
            print(f"  wrote {path.relative_to(ROOT)}")
        else:
            path.unlink(missing_ok=True)
            print("  not shipped: the rules decide")
    return 0


if __name__ == "__main__":
    sys.exit(main())
