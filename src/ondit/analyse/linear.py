"""Softmax regression over sparse string features: the one learner ondit's models share.

Fitted by full-batch gradient descent from zero weights, so the same examples always give the same
model; stored as a small table of the weights that matter, so that a model ships as a gzipped JSON
file a reader can open and inspect.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Sequence
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import numpy as np

from ondit.errors import ResourceError


def fit_softmax(
    rows: Sequence[tuple[Sequence[str], str]],
    *,
    steps: int,
    rate: float,
    l2: float,
    keep: float,
) -> dict[str, Any]:
    """Labels, biases and the weights of at least `keep` in size, per feature and label index."""
    labels = sorted({label for _, label in rows})
    features = sorted({f for fs, _ in rows for f in fs})
    index = {f: i for i, f in enumerate(features)}
    row_ids = np.array([r for r, (fs, _) in enumerate(rows) for _ in fs], dtype=np.int64)
    col_ids = np.array([index[f] for fs, _ in rows for f in fs], dtype=np.int64)
    y = np.array([labels.index(label) for _, label in rows])
    n, k = len(rows), len(labels)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    weights = np.zeros((len(features), k))
    bias = np.zeros(k)
    for _ in range(steps):
        scores = np.zeros((n, k))
        np.add.at(scores, row_ids, weights[col_ids])
        scores += bias
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        error = (probs - onehot) / n
        gradient = np.zeros_like(weights)
        np.add.at(gradient, col_ids, error[row_ids])
        weights -= rate * (gradient + l2 * weights)
        bias -= rate * error.sum(axis=0)
    table: dict[str, dict[str, float]] = {}
    for f, i in index.items():
        row = {str(j): round(float(w), 4) for j, w in enumerate(weights[i]) if abs(w) >= keep}
        if row:
            table[f] = row
    return {"labels": labels, "bias": [round(float(b), 4) for b in bias], "weights": table}


class SparseSoftmax:
    """A fitted model: label probabilities for a bag of features."""

    def __init__(self, model: dict[str, Any]) -> None:
        self.labels: list[str] = list(model["labels"])
        self.bias: list[float] = [float(b) for b in model["bias"]]
        #: feature → {label index: weight}, only the weights that matter.
        self.weights: dict[str, dict[int, float]] = {
            feature: {int(k): float(v) for k, v in row.items()}
            for feature, row in model["weights"].items()
        }

    def probabilities(self, features: Iterable[str]) -> list[float]:
        scores = list(self.bias)
        for feature in features:
            for label, weight in self.weights.get(feature, {}).items():
                scores[label] += weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def read_model_file(name: str) -> dict[str, Any] | None:
    """A shipped model (`ondit/resources/models/<name>`), or None when there is none."""
    path = importlib_resources.files("ondit.resources").joinpath("models", name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        model: dict[str, Any] = json.loads(gzip.decompress(raw))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"[E140] models/{name}: {exc}") from exc
    return model


def write_model_file(path: Path, model: dict[str, Any]) -> None:
    """The same model always gives the same bytes: sorted keys, no timestamp."""
    data = json.dumps(model, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0))
