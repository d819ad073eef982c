"""The learnt genre model and the softmax regression it shares with the sentence classifier."""

from __future__ import annotations

import pytest

from ondit.analyse.genre_model import genre_model, set_genre_model
from ondit.analyse.linear import SparseSoftmax, fit_softmax
from ondit.analyse.nlp import load_pipeline
from ondit.analyse.rhetoric import classify_genre, genre_evidence


def test_softmax_regression_is_deterministic_and_learns_its_examples() -> None:
    rows = [
        (["w=nous", "s=exclamations"], "opinion"),
        (["w=nous", "s=questions"], "opinion"),
        (["w=selon", "s=reporting_cues"], "reporting"),
        (["w=indiquer", "s=reporting_cues"], "reporting"),
    ]
    first = fit_softmax(rows, steps=200, rate=2.0, l2=1e-3, keep=0.01)
    assert first == fit_softmax(rows, steps=200, rate=2.0, l2=1e-3, keep=0.01)
    model = SparseSoftmax(first)
    assert model.labels == ["opinion", "reporting"]
    opinion, reporting = model.probabilities(["w=nous", "s=exclamations"])
    assert opinion > 0.5 > reporting
    assert sum(model.probabilities(["w=unknown"])) == pytest.approx(1.0)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_shipped_genre_model_reads_the_writers_voice(language: str) -> None:
    assert genre_model(language) is not None
    texts = {
        "fr": (
            "Trois roquettes ont frappé lundi la base d'Ain al-Asad, a indiqué une source de "
            "sécurité, sans faire de victime.",
            "Jusqu'à quand nos dirigeants vont-ils fermer les yeux ? Nous payons leur lâcheté, "
            "et ils osent encore nous faire la leçon !",
        ),
        "en": (
            "Three rockets struck the Ain al-Asad air base on Monday, a security source said, "
            "causing no casualties.",
            "How long will our leaders keep looking away? We pay for their cowardice, and they "
            "still dare to lecture us!",
        ),
    }[language]
    nlp = load_pipeline(language)
    report, opinion = (nlp(t) for t in texts)
    assert classify_genre(report, language=language) == "reporting"
    assert classify_genre(opinion, language=language) == "opinion"


def test_without_a_model_the_rules_decide() -> None:
    nlp = load_pipeline("en")
    doc = nlp("Three rockets struck the Ain al-Asad air base on Monday, a security source said.")
    set_genre_model("en", None)
    try:
        assert classify_genre(doc, language="en") == genre_evidence(doc, language="en").genre
    finally:
        set_genre_model("en", None, reset=True)
