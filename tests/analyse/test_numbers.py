"""Figures read from real sentences: digits, number words, approximations and explicit zeros."""

from __future__ import annotations

import pytest

from ondit.analyse.nlp import load_pipeline
from ondit.analyse.numbers import NumberReader, parse_digits

CASES = [
    ("fr", "Sept roquettes ont frappé la base d'Ain al-Asad.", {"munitions": 7}),
    (
        "fr",
        "L'attentat a fait trente-deux morts et cent dix blessés.",
        {"fatalities": 32, "injured": 110},
    ),
    ("fr", "Une dizaine de roquettes sont tombées sur la zone verte.", {"munitions": 10}),
    ("fr", "Des dizaines de manifestants ont été blessés.", {"injured": 12}),
    (
        "fr",
        "Plusieurs roquettes ont visé l'aéroport sans faire de victime.",
        {"munitions": None, "fatalities": 0, "injured": 0},
    ),
    ("fr", "Au moins dix soldats ont été tués.", {"fatalities": 10}),
    ("fr", "L'explosion a tué deux soldats et trois civils.", {"fatalities": 5}),
    ("en", "Fourteen rockets landed inside Ain al-Asad air base.", {"munitions": 14}),
    (
        "en",
        "The blast killed 32 people and wounded 110 others.",
        {"fatalities": 32, "injured": 110},
    ),
    ("en", "Dozens of rockets were fired at the base.", {"munitions": 12}),
    (
        "en",
        "Three drones were shot down, causing no casualties.",
        {"munitions": 3, "fatalities": 0, "injured": 0},
    ),
    ("en", "At least 10 rockets hit the airport.", {"munitions": 10}),
    ("en", "Several rockets struck the compound.", {"munitions": None}),
    ("en", "In 2020 rockets hit the base.", {"munitions": None}),
    # What a weapon can fire is no count of what it fired.
    (
        "fr",
        "Le système, capable de tirer 5 000 projectiles par minute, a abattu un drone.",
        {"munitions": 1},
    ),
    ("en", "The gun can fire 4,500 rounds per minute at incoming drones.", {"munitions": None}),
    # A part of a figure already given is not counted again.
    ("fr", "Six civils, dont deux enfants, ont péri lundi soir à Dilling.", {"fatalities": 6}),
    ("en", "Eight passengers, among them three children, died on Friday.", {"fatalities": 8}),
    # What a verb of killing or wounding has as its object is people, listed or not.
    (
        "en",
        "Soldiers raided a hideout in Mastung, killing four insurgents.",
        {"fatalities": 4},
    ),
    ("fr", "Deux Palestiniens ont été tués lundi à Tulkarem.", {"fatalities": 2}),
    (
        "en",
        "Police fired at young people in Maputo, killing two and wounding nine.",
        {"fatalities": 2, "injured": 9},
    ),
    ("fr", "Une dizaine de personnes ont été tuées par balle dans un bar.", {"fatalities": 10}),
    # "Abattre": people killed, drones brought down, nobody hit by a missile that fell.
    ("fr", "Dix-sept habitants ont été abattus par des hommes armés.", {"fatalities": 17}),
    ("fr", "Les soldats ont abattu deux assaillants.", {"fatalities": 2}),
    ("fr", "Deux drones ont été abattus par la défense aérienne.", {"fatalities": None}),
    (
        "fr",
        "Un missile s'est abattu dimanche près de l'aéroport, blessant six personnes.",
        {"fatalities": None},
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_figures(language: str, text: str, expected: dict[str, int | None]) -> None:
    nlp = load_pipeline(language)
    reader = NumberReader(language, nlp)
    sent = next(iter(nlp(text).sents))
    figures = reader.figures(sent)
    for name, value in expected.items():
        stated = [v for v, _, _ in getattr(figures, name) if v is not None]
        if value is None:
            assert stated == [], (name, text)
        elif name == "munitions":
            assert stated[0] == value, (name, text)
        else:
            assert sum(stated) == value, (name, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,000", 1000),
        ("1 000", 1000),
        ("1.000", 1000),
        ("7", 7),
        ("4,2", None),
        ("12 345 678", 12345678),
    ],
)
def test_parse_digits(text: str, value: int | None) -> None:
    assert parse_digits(text) == value
