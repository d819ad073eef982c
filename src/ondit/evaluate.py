"""Scoring predicted mentions against gold, exactly as ANNOTATION.md defines it.

A predicted mention matches a gold mention of the same document when their event types are equal,
their places are within 50 km (or share admin1 when either is coded at precision 3) and their
dates are within a day (or both unknown). Pairs are matched one to one, best first; field
accuracies are computed over matched pairs.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ondit.geo import haversine_km

MATCH_KM = 50.0
LOCATION_KM = 25.0
FIELDS: tuple[str, ...] = (
    "sub_event_type",
    "date",
    "location",
    "actor1",
    "weapon",
    "munitions",
    "fatalities",
    "claim_status",
    "sources",
)

Record = dict[str, Any]


def batch_ids(path: Path) -> dict[str, set[str]]:
    """The document ids of each batch of a dev set, from its `batches.json`: per language, the
    first and last number of the ids (`dev-fr-001` …). Each batch is scored, and gated, on its
    own, so that adding a harder batch lowers nobody's figures."""
    table = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: {
            f"dev-{language}-{n:03d}"
            for language, (first, last) in ranges.items()
            for n in range(first, last + 1)
        }
        for name, ranges in table.items()
    }


def load_records(path: Path) -> list[Record]:
    """Records of a JSONL file; blank lines skipped, a malformed line is an error with its number."""
    records: list[Record] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: malformed JSON ({exc.msg})") from exc
            if not isinstance(record, dict) or "doc_id" not in record:
                raise ValueError(f"{path}:{number}: not a mention record")
            records.append(record)
    return records


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _distance(a: Record, b: Record) -> float | None:
    coords = (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude"))
    if any(c is None for c in coords):
        return None
    lat1, lon1, lat2, lon2 = (float(c) for c in coords)  # type: ignore[arg-type]
    return haversine_km(lat1, lon1, lat2, lon2)


def places_match(gold: Record, pred: Record) -> bool:
    if 3 in (gold.get("geo_precision"), pred.get("geo_precision")):
        if gold.get("admin1") and gold.get("admin1") == pred.get("admin1"):
            return True
    distance = _distance(gold, pred)
    if distance is not None:
        return distance <= MATCH_KM
    if gold.get("location") and gold.get("location") == pred.get("location"):
        return True
    no_place = not gold.get("location") and not pred.get("location")
    return no_place and gold.get("country") == pred.get("country")


def dates_match(gold: Record, pred: Record) -> bool:
    g, p = _date(gold.get("date")), _date(pred.get("date"))
    if g is None and p is None:
        return True
    if g is None or p is None:
        return False
    return abs((g - p).days) <= 1


_ARTICLES = ("the ", "a ", "an ", "le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ")


def source_key(name: str) -> str:
    """A source name compared without case, accents or a leading article: 'le Pentagone' =
    'Pentagone', 'Medecins Sans Frontieres' = 'Médecins Sans Frontières', 'a medical source' =
    'medical sources'."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = " ".join(bare.casefold().split())
    for article in _ARTICLES:
        if key.startswith(article):
            key = key[len(article) :]
            break
    # An anonymous source in either number: "a medical source" = "medical sources".
    return key.removesuffix("sources") + "source" if key.endswith(" sources") else key


def field_right(name: str, gold: Record, pred: Record) -> bool:
    if name == "location":
        distance = _distance(gold, pred)
        if distance is not None:
            return distance <= LOCATION_KM
        return gold.get("location") == pred.get("location")
    if name == "sources":
        g = {source_key(s) for s in gold.get("sources") or []}
        p = {source_key(s) for s in pred.get("sources") or []}
        return (not g and not p) or bool(g & p)
    return bool(gold.get(name) == pred.get(name))


def _pair_score(gold: Record, pred: Record) -> tuple[int, float]:
    agree = sum(field_right(name, gold, pred) for name in FIELDS)
    distance = _distance(gold, pred)
    return agree, -(distance if distance is not None else MATCH_KM)


@dataclass(slots=True)
class Scores:
    """Event-level precision/recall/F1 and per-field accuracy over matched pairs."""

    n_gold: int = 0
    n_pred: int = 0
    n_matched: int = 0
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    pairs: list[tuple[Record, Record]] = field(default_factory=list)
    #: Documents with gold, and those whose first predicted mention has the sub-event type of
    #: their first gold mention: the "main event" figure of snippet benchmarks.
    n_documents: int = 0
    main_right: int = 0

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_right[name] / self.n_matched if self.n_matched else 0.0

    @property
    def main_sub_event_type(self) -> float:
        return self.main_right / self.n_documents if self.n_documents else 0.0

    def right_per_gold(self, name: str) -> float:
        """Share of gold mentions found *and* coded right in this field: unlike accuracy over
        matched pairs, it cannot fall when more events are found."""
        return self.field_right[name] / self.n_gold if self.n_gold else 0.0

    def gate_figures(self) -> dict[str, float]:
        """The figures the evaluation gate keeps floors for: F1 and each field's right values
        per gold mention."""
        return {
            "f1": self.f1,
            "main_sub_event_type": self.main_sub_event_type,
            **{f"{name}_per_gold": self.right_per_gold(name) for name in FIELDS},
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "matched": self.n_matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "documents": self.n_documents,
            "main_sub_event_type": round(self.main_sub_event_type, 4),
            "fields": {name: round(self.accuracy(name), 4) for name in FIELDS},
        }


def score(
    gold: Iterable[Record], predicted: Iterable[Record], *, doc_ids: set[str] | None = None
) -> Scores:
    """Score predictions; with `doc_ids`, only those documents count (others are ignored)."""
    by_doc_gold: dict[str, list[Record]] = defaultdict(list)
    by_doc_pred: dict[str, list[Record]] = defaultdict(list)
    for record in gold:
        if doc_ids is None or record["doc_id"] in doc_ids:
            by_doc_gold[record["doc_id"]].append(record)
    for record in predicted:
        if doc_ids is None or record["doc_id"] in doc_ids:
            by_doc_pred[record["doc_id"]].append(record)
    scores = Scores()
    scores.n_gold = sum(len(v) for v in by_doc_gold.values())
    scores.n_pred = sum(len(v) for v in by_doc_pred.values())
    for doc_id, golds in by_doc_gold.items():
        preds = by_doc_pred.get(doc_id, [])
        scores.n_documents += 1
        if preds and preds[0].get("sub_event_type") == golds[0].get("sub_event_type"):
            scores.main_right += 1
        candidates = []
        for gi, g in enumerate(golds):
            for pi, p in enumerate(preds):
                if (
                    g.get("event_type") == p.get("event_type")
                    and places_match(g, p)
                    and dates_match(g, p)
                ):
                    candidates.append((_pair_score(g, p), gi, pi))
        candidates.sort(key=lambda c: (c[0], -c[1], -c[2]), reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in candidates:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            scores.n_matched += 1
            scores.pairs.append((golds[gi], preds[pi]))
            for name in FIELDS:
                scores.field_right[name] += field_right(name, golds[gi], preds[pi])
    return scores


def format_table(scores: Scores) -> str:
    lines = [
        f"gold {scores.n_gold}  predicted {scores.n_pred}  matched {scores.n_matched}",
        f"{'precision':<16}{scores.precision:>8.3f}",
        f"{'recall':<16}{scores.recall:>8.3f}",
        f"{'F1':<16}{scores.f1:>8.3f}",
        f"{'main sub-type':<16}{scores.main_sub_event_type:>8.3f}"
        f"  (first mention of {scores.n_documents} documents with events)",
        "field accuracy on matched pairs:",
    ]
    lines += [f"  {name:<14}{scores.accuracy(name):>8.3f}" for name in FIELDS]
    return "\n".join(lines)
