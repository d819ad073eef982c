"""Text that is hard to read must not crash analysis nor give absurd values."""

from __future__ import annotations

import pytest

from ondit.analyse import analyse
from ondit.ingest.common import build_document

LONG_SENTENCE = "Des roquettes ont frappé lundi la base d'Ain al-Asad " + "et encore " * 1000 + "."
NO_PUNCTUATION = " ".join(
    ["trois roquettes ont frappé lundi la base de Balad sans faire de victime"] * 40
)
MIXED = (
    "Three rockets hit the Green Zone on Monday. Trois roquettes ont frappé la zone verte lundi."
)
CAPS = "TROIS ROQUETTES FRAPPENT LA BASE D'AIN AL-ASAD\n\nTrois roquettes ont frappé lundi la base d'Ain al-Asad."


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (LONG_SENTENCE, None),
        (NO_PUNCTUATION, None),
        (MIXED, None),
        (CAPS, None),
        ("?!…«»" * 500, "[E207] language could not be identified"),
        ("1 000 " * 300, "[E207] language could not be identified"),
    ],
)
def test_hard_text_gives_traced_values_or_a_clear_error(text: str, error: str | None) -> None:
    analysis = analyse(build_document("t", text, origin="test", published="2021-03-04"))
    assert analysis.document.error == error
    for mention in analysis.mentions:
        assert mention.munitions is None or mention.munitions <= 10_000
        for spans in mention.spans.values():
            for span in spans:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "munitions", "fatalities"),
    [
        ("En 2020, des roquettes ont frappé lundi la base d'Ain al-Asad.", None, None),
        ("In 2021 rockets hit Ain al-Asad air base on Monday.", None, None),
        ("Plus de 1 000 obus se sont abattus lundi sur Avdiïvka.", 1000, None),
        ("More than 1,000 shells hit Avdiivka on Monday.", 1000, None),
        ("Plus de 1.000 obus se sont abattus lundi sur Avdiïvka.", 1000, None),
        (
            "Les 25 000 soldats de la base de Taji ont été visés lundi par des roquettes.",
            None,
            None,
        ),
        ("Monday's blast in Baghdad killed 12,500 people, the ministry said.", None, 12500),
    ],
)
def test_numbers_are_read_as_written_and_years_are_no_counts(
    text: str, munitions: int | None, fatalities: int | None
) -> None:
    (mention,) = analyse(build_document("t", text, origin="test", published="2021-03-04")).mentions
    assert (mention.munitions, mention.fatalities) == (munitions, fatalities)
