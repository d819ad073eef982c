"""Quotations and their speakers, in both languages, and unbalanced marks."""

from __future__ import annotations

import pytest

from ondit.analyse.document import language_tools
from ondit.analyse.quotes import quote_ranges

CASES = [
    (
        "fr",
        "« Nous ne laisserons pas ces attaques impunies », a déclaré le porte-parole de la coalition.",
        "« Nous ne laisserons pas ces attaques impunies »",
        "the US-led coalition",
    ),
    (
        "fr",
        "Le ministre a affirmé : « La riposte sera proportionnée et rapide ».",
        "« La riposte sera proportionnée et rapide »",
        "ministre",
    ),
    (
        "fr",
        "Le Pentagone a affirmé que les dégâts étaient limités.",
        "que les dégâts étaient limités",
        "the Pentagon",
    ),
    (
        "en",
        "“We will not tolerate these attacks,” a coalition spokesman said.",
        "“We will not tolerate these attacks,”",
        "the US-led coalition",
    ),
    (
        "en",
        'The Pentagon said "the damage was limited to one hangar".',
        '"the damage was limited to one hangar"',
        "the Pentagon",
    ),
    (
        "en",
        "Officials said that three rockets had landed near the runway.",
        "that three rockets had landed near the runway",
        "officials",
    ),
]


@pytest.mark.parametrize(("language", "text", "quote", "speaker"), CASES)
def test_quotation_and_speaker(language: str, text: str, quote: str, speaker: str) -> None:
    tools = language_tools(language)
    quotes = tools.quotes.find(tools.nlp(text))
    assert [(q.text, q.speaker) for q in quotes] == [(quote, speaker)]
    assert text[quotes[0].start : quotes[0].end] == quote


def test_scare_quotes_are_not_quotations() -> None:
    tools = language_tools("fr")
    assert tools.quotes.find(tools.nlp("Les missiles devaient « protéger » les troupes.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Il a dit « que la guerre est finie et ne reviendra pas",  # never closed
        "« Il a dit « ceci » et « cela » sans rien ajouter »",  # nested
        'Un " seul guillemet droit suivi de mots sans fin',
        "« " * 50,
        "»»» fermetures sans ouverture «",
    ],
)
def test_unbalanced_or_nested_marks_stay_inside_the_text(text: str) -> None:
    for start, end, _closed in quote_ranges(text):
        assert 0 <= start < end <= len(text)
    tools = language_tools("fr")
    for quote in tools.quotes.find(tools.nlp(text)):
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker is None or len(quote.speaker.split()) <= 8


def test_an_open_quotation_runs_to_the_end_of_its_paragraph() -> None:
    text = "Il a lancé : « la résistance continuera jusqu'au bout\n\nLe lendemain, rien."
    (start, end, closed) = next(r for r in quote_ranges(text) if not r[2])
    assert (text[start], end, closed) == ("«", text.index("\n"), False)
