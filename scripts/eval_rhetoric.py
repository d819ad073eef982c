"""Score the rhetoric stage on the project's own annotated paragraphs (dev/rhetoric/examples.jsonl).

Prints, per language and split and overall:

- paragraph-level micro-F1 of technique detection: each paragraph's predicted set of techniques
  against its gold set, the measure issue 6 sets its targets in;
- the baseline of labelling every paragraph with the two techniques most frequent in the gold;
- span precision: the share of predicted spans that overlap a gold span of the same technique
  (precision first: every highlight must be defensible);
- genre accuracy.

Each paragraph carries the ``batch`` it was written in. Batch 0 was written with the first
lexicons; each later batch was written before the stage was run on it, scored once (those first
figures are in dev/rhetoric/README.md, the honest estimate of how the stage does on unseen
text), then used for tuning like the rest. The figures printed here are all in-sample.

The examples are checked before scoring (known technique and genre names, offsets inside the
text, the quoted span text equal to the text at its offsets, unique ids), so that a slip in the
annotation fails loudly instead of skewing a figure.

With ``--seeds``, the five seed articles (third-party French commentary kept beside the project,
``../shared/seeds`` or ``$ONDIT_SEEDS_DIR``) are scored instead, against the annotation of
``dev/rhetoric/seeds_gold.jsonl``, which holds character offsets into the articles and no text.
Each article is read whole, as ``ondit run`` reads it (one genre per document), and its spans
are scored per paragraph (a non-empty line).

Usage::

    .venv/bin/python scripts/eval_rhetoric.py            # figures
    .venv/bin/python scripts/eval_rhetoric.py --errors   # and every paragraph it gets wrong
    .venv/bin/python scripts/eval_rhetoric.py --seeds    # the seed articles
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ondit.analyse.nlp import load_pipeline
from ondit.analyse.rhetoric import GENRES, TECHNIQUES, classify_genre, find_rhetoric
from ondit.model import RhetoricSpan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "dev" / "rhetoric" / "examples.jsonl"
SEEDS_GOLD = ROOT / "dev" / "rhetoric" / "seeds_gold.jsonl"
SEEDS_DIR = Path(os.environ.get("ONDIT_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
RECORD_KEYS = frozenset({"id", "language", "batch", "genre", "text", "techniques"})
REQUIRED_KEYS = RECORD_KEYS


class ExampleError(ValueError):
    """An example record breaks the format: fix the annotation before trusting any figure."""


def load_examples(path: Path = EXAMPLES) -> list[dict[str, Any]]:
    """The example records, checked."""
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        where = f"{path.name}:{number}"
        keys = set(record)
        if not REQUIRED_KEYS <= keys <= RECORD_KEYS:
            raise ExampleError(f"{where}: keys {sorted(keys)}")
        if record["id"] in seen:
            raise ExampleError(f"{where}: duplicate id {record['id']}")
        seen.add(record["id"])
        if record["language"] not in ("fr", "en") or not isinstance(record["batch"], int):
            raise ExampleError(
                f"{where}: language {record['language']!r}, batch {record['batch']!r}"
            )
        if record["genre"] not in GENRES:
            raise ExampleError(f"{where}: unknown genre {record['genre']!r}")
        text = record["text"]
        for item in record["techniques"]:
            if item["technique"] not in TECHNIQUES:
                raise ExampleError(f"{where}: unknown technique {item['technique']!r}")
            start, end = item["start"], item["end"]
            if not 0 <= start < end <= len(text):
                raise ExampleError(f"{where}: span {start}-{end} outside the text")
            if "text" in item and text[start:end] != item["text"]:
                raise ExampleError(f"{where}: span {start}-{end} is not {item['text']!r}")
        records.append(record)
    return records


@dataclass(slots=True)
class Tally:
    """Counts behind the figures of one group of paragraphs."""

    paragraphs: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    baseline_tp: int = 0
    baseline_fp: int = 0
    baseline_fn: int = 0
    spans: int = 0
    spans_right: int = 0
    genre_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> float:
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return self._f1(self.tp, self.fp, self.fn)

    @property
    def baseline_f1(self) -> float:
        return self._f1(self.baseline_tp, self.baseline_fp, self.baseline_fn)

    @property
    def span_precision(self) -> float:
        return self.spans_right / self.spans if self.spans else 0.0

    @property
    def genre_accuracy(self) -> float:
        return self.genre_right / self.paragraphs if self.paragraphs else 0.0


@dataclass(frozen=True, slots=True)
class Prediction:
    record: dict[str, Any]
    spans: list[RhetoricSpan]
    genre: str


def predict(records: Iterable[dict[str, Any]]) -> list[Prediction]:
    """Run the stage on every example."""
    predictions: list[Prediction] = []
    for record in records:
        language = record["language"]
        doc = load_pipeline(language)(record["text"])
        spans = find_rhetoric(doc, language=language, doc_id=record["id"])
        genre = classify_genre(doc, language=language, spans=spans)
        predictions.append(Prediction(record, spans, genre))
    return predictions


def seed_predictions(seeds_dir: Path = SEEDS_DIR, gold_path: Path = SEEDS_GOLD) -> list[Prediction]:
    """The seed articles read whole, their spans and genre scored per annotated paragraph."""
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line]
    by_file: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_file.setdefault(row["file"], []).append(row)
    nlp = load_pipeline("fr")
    predictions: list[Prediction] = []
    for name, paragraphs in by_file.items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        doc = nlp(text)
        spans = find_rhetoric(doc, language="fr", doc_id=name)
        genre = classify_genre(doc, language="fr", spans=spans)
        for row in paragraphs:
            start, end = row["start"], row["end"]
            if not 0 <= start < end <= len(text) or "\n" in text[start:end]:
                raise ExampleError(f"{name}: paragraph {start}-{end} is not one line")
            techniques = []
            for item in row["techniques"]:
                if (
                    item["technique"] not in TECHNIQUES
                    or not start <= item["start"] < item["end"] <= end
                ):
                    raise ExampleError(f"{name}: span {item} outside paragraph {start}-{end}")
                techniques.append(
                    {
                        "technique": item["technique"],
                        "start": item["start"] - start,
                        "end": item["end"] - start,
                        "text": text[item["start"] : item["end"]],
                    }
                )
            record = {
                "id": f"{name}:{start}",
                "language": "fr",
                "batch": "seeds",
                "genre": row["genre"],
                "text": text[start:end],
                "techniques": techniques,
            }
            inside = [
                RhetoricSpan(
                    doc_id=record["id"],
                    technique=span.technique,
                    start=span.start - start,
                    end=min(span.end, end) - start,
                    text=text[span.start : min(span.end, end)],
                    cue=span.cue,
                )
                for span in spans
                if start <= span.start < end
            ]
            predictions.append(Prediction(record, inside, genre))
    return predictions


def most_frequent(records: Sequence[dict[str, Any]], count: int = 2) -> list[str]:
    """The techniques found in the most paragraphs of the gold, most frequent first."""
    counts: Counter[str] = Counter()
    for record in records:
        counts.update({item["technique"] for item in record["techniques"]})
    return [name for name, _ in counts.most_common(count)]


def tally(predictions: Sequence[Prediction], baseline: Sequence[str]) -> Tally:
    """Add up paragraph sets, spans and genres of a group of predictions."""
    result = Tally()
    for prediction in predictions:
        record = prediction.record
        gold = {item["technique"] for item in record["techniques"]}
        found = {span.technique for span in prediction.spans}
        result.paragraphs += 1
        result.tp += len(gold & found)
        result.fp += len(found - gold)
        result.fn += len(gold - found)
        guess = set(baseline)
        result.baseline_tp += len(gold & guess)
        result.baseline_fp += len(guess - gold)
        result.baseline_fn += len(gold - guess)
        for span in prediction.spans:
            result.spans += 1
            if any(
                item["technique"] == span.technique
                and item["start"] < span.end
                and span.start < item["end"]
                for item in record["techniques"]
            ):
                result.spans_right += 1
        result.genre_right += prediction.genre == record["genre"]
        result.confusion[(record["genre"], prediction.genre)] += 1
    return result


def groups(predictions: Sequence[Prediction]) -> dict[str, list[Prediction]]:
    """The whole set, each language, each batch, and each language within each batch."""
    grouped: dict[str, list[Prediction]] = {"all": list(predictions)}
    for prediction in predictions:
        record = prediction.record
        batch = f"batch{record['batch']}"
        for name in (record["language"], batch, f"{record['language']}/{batch}"):
            grouped.setdefault(name, []).append(prediction)
    return grouped


def score(path: Path = EXAMPLES) -> dict[str, Tally]:
    """Tallies for the whole set and for each language and batch."""
    records = load_examples(path)
    baseline = most_frequent(records)
    return {name: tally(group, baseline) for name, group in groups(predict(records)).items()}


def _report_errors(predictions: Sequence[Prediction]) -> None:
    for prediction in predictions:
        record = prediction.record
        gold = {item["technique"] for item in record["techniques"]}
        found = {span.technique for span in prediction.spans}
        if gold == found and prediction.genre == record["genre"]:
            continue
        print(f"\n{record['id']} [{record['genre']} → {prediction.genre}] {record['text']}")
        for name in sorted(gold - found):
            texts = [i["text"] for i in record["techniques"] if i["technique"] == name]
            print(f"  missed  {name}: {texts}")
        for span in prediction.spans:
            if span.technique not in gold:
                print(f"  wrong   {span.technique}: {span.text!r} ({span.cue})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--errors", action="store_true", help="list paragraphs it gets wrong")
    parser.add_argument("--seeds", action="store_true", help="score the seed articles instead")
    args = parser.parse_args(argv)
    if args.seeds:
        predictions = seed_predictions()
        records = [p.record for p in predictions]
        grouped = {"seeds": predictions}
    else:
        records = load_examples(args.examples)
        predictions = predict(records)
        grouped = groups(predictions)
    baseline = most_frequent(records)
    print(f"examples: {len(records)}; baseline labels: {', '.join(baseline)}")
    header = f"{'group':<12} {'n':>4} {'P':>6} {'R':>6} {'micro-F1':>9} {'baseline':>9} "
    header += f"{'spans':>6} {'span-P':>7} {'genre':>7}"
    print(header)
    for name in sorted(grouped, key=lambda g: (g != "all", "/" in g, g)):
        t = tally(grouped[name], baseline)
        print(
            f"{name:<12} {t.paragraphs:>4} {t.precision:>6.3f} {t.recall:>6.3f} {t.f1:>9.3f} "
            f"{t.baseline_f1:>9.3f} {t.spans:>6} {t.span_precision:>7.3f} {t.genre_accuracy:>7.3f}"
        )
    confusion = tally(predictions, baseline).confusion
    pairs = ", ".join(f"{g}→{p}: {n}" for (g, p), n in sorted(confusion.items()))
    print(f"genre (gold → predicted): {pairs}")
    if args.errors:
        _report_errors(predictions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
