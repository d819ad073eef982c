"""The sentence classifier: its files, its training, and how the detector uses it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from ondit.analyse import analyse
from ondit.analyse.classifier import (
    NO_EVENT,
    SentenceClassifier,
    read_model,
    sentence_classifier,
    sentence_features,
)
from ondit.analyse.document import language_tools
from ondit.analyse.nlp import load_pipeline
from ondit.ingest.common import build_document
from ondit.resources import sub_event_types

from ..conftest import ROOT


def _training_script() -> ModuleType:
    path = ROOT / "scripts" / "train_classifier.py"
    spec = importlib.util.spec_from_file_location("train_classifier", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_classifier"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", ["fr", "en"])
def test_shipped_model_knows_every_sub_event_type(language: str) -> None:
    model = read_model(language)
    assert model is not None
    assert set(model["labels"]) == set(sub_event_types()) | {NO_EVENT}
    assert len(model["bias"]) == len(model["labels"])
    # Cross-validation switched it off (it added nothing over the lexicon): the detector skips it.
    assert (model["threshold"] >= 1.0) == (sentence_classifier(language) is None)


def test_training_is_deterministic() -> None:
    script = _training_script()
    rows = [
        ("d1", ["w=fire", "w=rocket", "b=fire_rocket"], "Shelling/artillery/missile attack"),
        ("d2", ["w=march", "w=protest"], "Peaceful protest"),
        ("d3", ["w=minister", "w=visit"], NO_EVENT),
    ]
    first, second = script.fit(rows), script.fit(rows)
    assert first == second
    classifier = SentenceClassifier({**first, "threshold": 0.5})
    nlp = load_pipeline("en")
    assert classifier.guess(nlp("They fire a rocket.")).label == "Shelling/artillery/missile attack"


def test_features_stand_on_tokens_of_the_sentence() -> None:
    doc = load_pipeline("fr")("Les soldats sont rentrés mardi dans Baidoa.")
    features = sentence_features(list(doc))
    assert ("w=rentrer", 3) in features
    assert ("w=<name>", 6) in features
    assert all(0 <= i < len(doc) for _, i in features)


@pytest.fixture
def taught_english() -> Iterator[None]:
    """A hand-made English model that reads "re-entered" (tokens "re", "-", "entered") as a
    government regaining ground."""
    events = language_tools("en").events
    saved = events.classifier
    regains = "Government regains territory"
    labels = [NO_EVENT, regains]
    events.classifier = SentenceClassifier(
        {
            "labels": labels,
            "bias": [0.0, 0.0],
            "weights": {"b=re_enter": {"1": 4.0}},
            "threshold": 0.9,
        }
    )
    yield
    events.classifier = saved


@pytest.mark.usefixtures("taught_english")
def test_detector_keeps_a_confident_reading_of_a_sentence_the_lexicon_missed() -> None:
    text = "Government soldiers re-entered Baidoa on Tuesday."
    document = build_document("t", text, origin="test", published="2021-03-04", language="en")
    (mention,) = analyse(document).mentions
    assert (mention.sub_event_type, mention.location, str(mention.date)) == (
        "Government regains territory",
        "Baidoa",
        "2021-03-02",
    )
    assert [s.text for s in mention.spans["sub_event_type"]] == ["re"]
    assert mention.confidence < 0.7  # read by the classifier: trusted less than the lexicon


@pytest.mark.usefixtures("taught_english")
@pytest.mark.parametrize(
    "text",
    [
        "Government soldiers have not re-entered Baidoa since Tuesday.",
        "Will government soldiers re-enter Baidoa on Tuesday?",
        "Government soldiers re-entered Baidoa",  # no date, no place cue: rule 1 drops it
    ],
)
def test_detector_applies_the_lexicons_filters_to_the_classifier(text: str) -> None:
    document = build_document("t", text, origin="test", published="2021-03-04", language="en")
    mentions = analyse(document).mentions
    assert [m.sub_event_type for m in mentions if m.location != "Baidoa"] == []
    assert not [m for m in mentions if m.date is not None]
