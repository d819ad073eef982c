"""Linking mentions into events: each compatibility rule, one document per event, order."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from ondit.link import Linker, compatible, event_id_for
from ondit.model import Mention

AIN_AL_ASAD = {
    "location": "Ain al-Asad Air Base",
    "admin1": "Al Anbar",
    "latitude": 33.80,
    "longitude": 42.44,
}
AL_BAGHDADI = {
    "location": "Al Baghdadi",
    "admin1": "Al Anbar",
    "latitude": 33.86,
    "longitude": 42.55,
}  # ~12 km
ANBAR = {
    "location": "Al Anbar",
    "admin1": "Al Anbar",
    "latitude": 33.43,
    "longitude": 43.30,
    "geo_precision": 3,
}
ERBIL = {
    "location": "Erbil International Airport",
    "admin1": "Erbil",
    "latitude": 36.24,
    "longitude": 43.96,
}


def m(doc: str, day: date | None = date(2021, 3, 3), **fields: object) -> Mention:
    values: dict[str, object] = {
        "country": "IQ",
        "geo_precision": 1,
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        **AIN_AL_ASAD,
    }
    values.update(fields)
    return Mention(doc_id=doc, evidence="…", date=day, **values)  # type: ignore[arg-type]


def clusters(mentions: list[Mention]) -> list[list[str]]:
    linker = Linker()
    for i, mention in enumerate(mentions):
        linker.add(f"{mention.doc_id}#{i}", mention)
    return [[key.split("#")[0] for key in cluster] for cluster in linker.clusters()]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (m("a"), m("b"), True),
        (m("a"), m("b", **AL_BAGHDADI), True),  # a base and the town beside it
        (m("a"), m("b", **ERBIL), False),  # 400 km away
        (m("a"), m("b", day=date(2021, 3, 4)), True),  # a day apart
        (m("a"), m("b", day=date(2021, 3, 6)), False),  # three days apart
        (m("a", time_precision=2), m("b", day=date(2021, 3, 8)), True),  # a week-precise date
        (m("a", **ANBAR), m("b"), True),  # the province holds the base
        (m("a", **ANBAR, country="SY"), m("b"), False),  # another country
        (m("a", actor1="Kataib Hezbollah"), m("b", actor1="Islamic State"), False),
        (m("a", actor1="Kataib Hezbollah"), m("b", actor1=None), True),
        (
            m("a", actor1="Kataib Hezbollah", claim_status="disputed"),
            m("b", actor1="Islamic State"),
            True,
        ),
        (m("a", day=None), m("b", day=None), False),  # no date: never linked by default
        (
            m("a", location=None, admin1=None, latitude=None, longitude=None),
            m("b", location=None, admin1=None, latitude=None, longitude=None),
            False,
        ),
        (m("a"), m("b", sub_event_type="Air/drone strike"), False),
        (m("a"), m("a"), False),  # one document never links to itself
    ],
)
def test_compatibility_rules(a: Mention, b: Mention, same: bool) -> None:
    assert compatible(a, b) is same
    assert compatible(b, a) is same


def test_one_document_never_holds_two_mentions_of_one_event() -> None:
    # Document a tells two strikes on the base the same day (two named targets nearby);
    # document b tells one: it joins the closer, a's two stay apart.
    got = clusters([m("a"), m("a", **AL_BAGHDADI), m("b", **AL_BAGHDADI)])
    assert got == [["a"], ["a", "b"]]


def test_clusters_do_not_depend_on_insertion_order() -> None:
    # b bridges a and c: a-b are 1 day apart, b-c are 1 day apart, a-c are 2 days apart.
    reports = [
        m("a", day=date(2021, 3, 2)),
        m("b", day=date(2021, 3, 3)),
        m("c", day=date(2021, 3, 4)),
        m("d", **ERBIL),
        m("e", **ERBIL, day=date(2021, 3, 4)),
    ]
    expected = [["a", "b", "c"], ["d", "e"]]
    for order in itertools.permutations(range(len(reports))):
        linker = Linker()
        for i in order:
            linker.add(f"{reports[i].doc_id}", reports[i])
        assert linker.clusters() == expected, order


def test_event_id_is_named_after_the_smallest_member() -> None:
    assert event_id_for(["h2:0", "h1:3"]) == event_id_for(["h1:3", "h2:0"])
    assert event_id_for(["h1:3"]) != event_id_for(["h1:4"])
