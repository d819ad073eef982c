"""Date expressions resolved against the publication date, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from ondit.analyse.dates import DateReader

PUBLISHED = date(2020, 11, 18)  # a Wednesday

CASES = [
    # A week of a month: its middle day, at week precision.
    ("fr", "La première semaine de novembre a été marquée par des attaques.", date(2020, 11, 4), 2),
    ("fr", "La dernière semaine d'octobre, trois convois ont été visés.", date(2020, 10, 28), 2),
    ("en", "Units fought for villages during the second week of October.", date(2020, 10, 11), 2),
    ("en", "In the last week of December 2019 the base was hit twice.", date(2019, 12, 28), 2),
    ("fr", "Le 17 novembre 2020, des roquettes sont tombées.", date(2020, 11, 17), 1),
    ("fr", "Trois drones ont visé la base samedi soir.", date(2020, 11, 14), 1),
    ("fr", "L'attaque de mardi dernier a fait deux blessés.", date(2020, 11, 17), 1),
    ("fr", "Dans la nuit de lundi à mardi, la base a été visée.", date(2020, 11, 16), 1),
    ("fr", "Hier, un convoi a été la cible d'un engin explosif.", date(2020, 11, 17), 1),
    ("fr", "Avant-hier, deux roquettes ont frappé l'aéroport.", date(2020, 11, 16), 1),
    ("fr", "La semaine dernière, une base a été attaquée.", date(2020, 11, 11), 2),
    ("fr", "En octobre, plusieurs convois ont été visés.", date(2020, 10, 15), 3),
    ("fr", "Ce mercredi, un drone a été abattu.", date(2020, 11, 18), 1),
    ("fr", "Le 2 décembre, une roquette est tombée.", date(2019, 12, 2), 1),
    ("en", "Rockets hit the base last Tuesday.", date(2020, 11, 17), 1),
    ("en", "Two drones were shot down on Monday night.", date(2020, 11, 16), 1),
    ("en", "The embassy was targeted on November 17.", date(2020, 11, 17), 1),
    ("en", "On 3 March 2021 ten rockets struck Ain al-Asad.", date(2021, 3, 3), 1),
    ("en", "A convoy was hit by a roadside bomb yesterday.", date(2020, 11, 17), 1),
    ("en", "A base came under fire last week.", date(2020, 11, 11), 2),
    ("en", "In March 2021 the base was attacked twice.", date(2021, 3, 15), 3),
    ("en", "Wednesday's strike killed two.", date(2020, 11, 18), 1),
    (
        "fr",
        "Deux jours après les tirs de lundi, trois roquettes sont tombées.",
        date(2020, 11, 18),
        1,
    ),
    (
        "en",
        "Three days after the strike on Sunday, two drones hit the base.",
        date(2020, 11, 18),
        1,
    ),
]


@pytest.mark.parametrize(("language", "text", "expected", "precision"), CASES)
def test_first_date_is_resolved(language: str, text: str, expected: date, precision: int) -> None:
    hits = DateReader(language).find(text, PUBLISHED)
    assert hits, text
    assert (hits[0].value, hits[0].precision) == (expected, precision)
    assert hits[0].start < hits[0].end <= len(text)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Les milices menacent de frapper lundi prochain."),
        ("en", "The group may strike again."),
        ("en", "The militia will attack next Monday."),
    ],
)
def test_future_and_modal_words_are_not_dates(language: str, text: str) -> None:
    assert DateReader(language).find(text, PUBLISHED) == []


def test_relative_dates_need_a_publication_date() -> None:
    assert DateReader("fr").find("Samedi, des roquettes sont tombées.", None) == []


def test_publication_date_is_inferred_from_the_latest_full_date() -> None:
    text = "Le 3 janvier 2020, un drone a frappé. Le 5 janvier 2020, le parlement a voté."
    assert DateReader("fr").infer_published(text) == date(2020, 1, 5)
