"""A learnt second opinion on sentences the lexicon reads as no event.

The trigger lexicons are precise but only know the wordings they list; a sentence that tells an
incident in words they lack ("troops walked back into the town") is lost. This linear classifier,
trained by ``scripts/train_classifier.py`` on the project's own annotated dev set, reads the
sentence's words and says which sub-event type it most likely tells, or none. The extractor asks
it only about sentences the rules left empty and keeps its answer only when it is confident; the
mention then carries the words that weighed most as the span of its sub-type, and a lower
confidence.

The model is a softmax regression over lemma unigrams and bigrams, stored as sparse weights in a
small gzipped JSON file per language: inspectable, deterministic and fast.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ondit.analyse.linear import SparseSoftmax, read_model_file
from ondit.analyse.terms import fold

#: The label of a sentence that tells no event.
NO_EVENT = "none"
#: Model files, one per language, under ondit/resources/models/.
MODEL_FILE = "subtype-{language}.json.gz"
_CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM", "AUX", "ADP"})


def _word(token: Token) -> str | None:
    """The feature form of a token: its folded lemma, numbers and names reduced to their kind."""
    if token.is_punct or token.is_space or token.pos_ not in _CONTENT_POS:
        return None
    if token.like_num or token.pos_ == "NUM":
        return "<num>"
    if token.pos_ == "PROPN":
        return "<name>"
    return fold(token.lemma_ or token.text)


def sentence_features(tokens: list[Token]) -> list[tuple[str, int]]:
    """Features of a sentence, each with the token it stands on (for provenance)."""
    words = [(w, t.i) for t in tokens if (w := _word(t)) is not None]
    features = [(f"w={w}", i) for w, i in words]
    features += [(f"b={a}_{b}", i) for (a, i), (b, _) in itertools.pairwise(words)]
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is not None and (w := _word(root)) is not None:
        features.append((f"root={w}", root.i))
    return features


@dataclass(frozen=True, slots=True)
class Guess:
    """What the classifier reads in a sentence."""

    label: str
    probability: float
    #: The token whose features weighed most for the label: the span a reviewer is shown.
    evidence: int | None


class SentenceClassifier:
    """One language's model."""

    def __init__(self, model: dict[str, Any]) -> None:
        self.model = SparseSoftmax(model)
        self.labels = self.model.labels
        self.threshold = float(model["threshold"])

    def guess(self, sent: SpacySpan | list[Token]) -> Guess:
        features = sentence_features(list(sent))
        probabilities = self.model.probabilities(f for f, _ in features)
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        evidence = None
        strongest = 0.0
        for feature, token in features:
            weight = self.model.weights.get(feature, {}).get(best, 0.0)
            if weight > strongest:
                strongest, evidence = weight, token
        return Guess(self.labels[best], probabilities[best], evidence)


def read_model(language: str) -> dict[str, Any] | None:
    return read_model_file(MODEL_FILE.format(language=language))


#: A threshold no probability reaches: the model is shipped but switched off.
OFF = 1.0


@functools.cache
def sentence_classifier(language: str) -> SentenceClassifier | None:
    """The shipped model of a language, or None when it has none or training switched it off
    (cross-validation found it adds nothing over the lexicon)."""
    model = read_model(language)
    if model is None or float(model["threshold"]) >= OFF:
        return None
    return SentenceClassifier(model)
