"""Geoparsing event mentions, rule by rule, on French and English sentences.

Each case is a short text and what its last sentence (or the named evidence) must be coded
as: (country, admin1, location, geo_precision), and where coordinates are expected, the
place they must be near.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from ondit.analyse.places import find_toponyms, place_mentions
from ondit.resources.gazetteer import Gazetteer

from .conftest import Locate, Parse

BAGHDAD = (33.34, 44.40)
RAMADI = (33.42, 43.31)
TIKRIT = (34.62, 43.68)
BAQUBAH = (33.75, 44.61)
HIT = (33.64, 42.83)
MOSUL = (36.34, 43.12)
BASRA = (30.51, 47.78)
AIN_AL_ASAD = (33.79, 42.44)
GREEN_ZONE = (33.30, 44.39)


@dataclass(frozen=True)
class Case:
    text: str
    country: str | None
    admin1: str | None
    location: str | None
    precision: int | None
    near: tuple[float, float] | None = None
    evidence: str | None = None


FRENCH = {
    # the target, not the launch site
    "target-not-origin": Case(
        "Des roquettes tirées depuis l'est de Bagdad contre la base d'Ain al-Asad n'ont pas "
        "fait de victime.",
        "IQ",
        "Al Anbar",
        "Ain al-Asad Air Base",
        1,
        AIN_AL_ASAD,
    ),
    "facility-french-spelling": Case(
        "Une attaque de drones a visé la base aérienne d'Aïn al-Assad, dans la province "
        "d'Al-Anbar.",
        "IQ",
        "Al Anbar",
        "Ain al-Asad Air Base",
        1,
        AIN_AL_ASAD,
    ),
    "facility-cue-only-name": Case(
        "La base aérienne de Balad, à Salaheddine, a été visée par trois roquettes.",
        "IQ",
        "Salah ad Din",
        "Balad Air Base",
        1,
        (33.93, 44.37),
    ),
    "town-not-base-without-cue": Case(
        "Un engin explosif a tué deux policiers à Balad mardi.",
        "IQ",
        "Salah ad Din",
        "Balad",
        1,
        (34.01, 44.15),
    ),
    "green-zone": Case(
        "Plusieurs missiles ont été tirés vers la Zone verte de Bagdad dimanche soir.",
        "IQ",
        "Baghdad",
        "Green Zone",
        1,
        GREEN_ZONE,
    ),
    "embassy-generic-in-context": Case(
        "Les tirs visaient Bagdad. Trois roquettes sont tombées sur l'ambassade américaine.",
        "IQ",
        "Baghdad",
        "US Embassy Baghdad",
        1,
        (33.30, 44.40),
    ),
    "named-square": Case(
        "Un double attentat suicide a fait 32 morts place Tayaran, dans le centre de Bagdad.",
        "IQ",
        "Baghdad",
        "Tayaran Square",
        1,
        (33.33, 44.42),
    ),
    "oil-field-in-syria": Case(
        "Deux roquettes ont frappé le champ pétrolier d'al-Omar, dans la province de Deir Ezzor.",
        "SY",
        "Deir ez-Zor",
        "Al-Omar oil field",
        1,
        (35.15, 40.58),
    ),
    # provinces: coded at their seat, precision 3
    "province-of": Case(
        "Un engin explosif a frappé un convoi logistique dans la province de Diyala.",
        "IQ",
        "Diyala",
        "Baqubah",
        3,
        BAQUBAH,
    ),
    "governorate-of": Case(
        "Des affrontements ont éclaté dans le gouvernorat de Salaheddine.",
        "IQ",
        "Salah ad Din",
        "Tikrit",
        3,
        TIKRIT,
    ),
    "province-named-after-city": Case(
        "Des manifestants ont bloqué des routes dans la province de Bassora.",
        "IQ",
        "Al Basrah",
        "Basrah",
        3,
        BASRA,
    ),
    "province-with-adjective": Case(
        "Des combattants ont attaqué un poste dans la province irakienne d'Al-Anbar.",
        "IQ",
        "Al Anbar",
        "Ramadi",
        3,
        RAMADI,
    ),
    # near a place: precision 2
    "near": Case(
        "Trois roquettes sont tombées près de Hit, dans l'ouest de l'Irak.",
        "IQ",
        "Al Anbar",
        "Hit",
        2,
        HIT,
    ),
    "north-of": Case(
        "Un obus de mortier est tombé au nord de Mossoul.",
        "IQ",
        "Ninawa",
        "Mosul",
        2,
        MOSUL,
    ),
    "outskirts": Case(
        "Des tirs ont été signalés dans la périphérie de Bagdad.",
        "IQ",
        "Baghdad",
        "Baghdad",
        2,
        BAGHDAD,
    ),
    "part-of-a-city": Case(
        "Une bombe a explosé dans l'est de Bagdad.",
        "IQ",
        "Baghdad",
        "Baghdad",
        1,
        BAGHDAD,
    ),
    "district-of-a-city": Case(
        "Quatorze membres du groupe ont été arrêtés dans le quartier de Dora, au sud de Bagdad.",
        "IQ",
        "Baghdad",
        "Baghdad",
        1,
        BAGHDAD,
    ),
    # French names of towns
    "bagdad": Case(
        "Une voiture piégée a explosé à Bagdad.", "IQ", "Baghdad", "Baghdad", 1, BAGHDAD
    ),
    "bassora": Case(
        "Des manifestants ont été blessés à Bassora.", "IQ", "Al Basrah", "Basrah", 1, BASRA
    ),
    "irbil": Case(
        "Un drone a été abattu au-dessus d'Irbil.", "IQ", "Erbil", "Erbil", 1, (36.19, 44.01)
    ),
    "deir-ezzor": Case(
        "Des frappes ont visé Deir Ezzor jeudi.",
        "SY",
        "Deir ez-Zor",
        "Deir ez-Zor",
        1,
        (35.34, 40.14),
    ),
    "falloujah": Case(
        "Un attentat a visé un marché de Falloujah.",
        "IQ",
        "Al Anbar",
        "Al Fallujah",
        1,
        (33.35, 43.79),
    ),
    # context, ambiguity and what is not known
    "ambiguous-without-context": Case("Des frappes ont touché Tripoli.", None, None, "Tripoli", 1),
    "ambiguous-resolved-by-country": Case(
        "Au Liban, des heurts ont éclaté à Tripoli.",
        "LB",
        "North Lebanon",
        "Tripoli",
        1,
        (34.43, 35.84),
    ),
    "ambiguous-resolved-by-nationality": Case(
        "L'armée libyenne affirme que des obus sont tombés sur Tripoli.",
        "LY",
        "Tripoli",
        "Tripoli",
        1,
        (32.89, 13.19),
    ),
    "country-only": Case(
        "Les attaques contre les convois se multiplient en Irak.", "IQ", None, None, 3
    ),
    "unknown-village-in-a-province": Case(
        "Une attaque a visé le village de Tell Kayf Sharqi, au nord de la province de Ninive.",
        "IQ",
        "Ninawa",
        "Tell Kayf Sharqi",
        1,
    ),
    "unknown-name-after-locative": Case(
        "En Irak, des tirs ont visé les soldats. Un drone s'est écrasé à Albu Hayat.",
        "IQ",
        None,
        "Albu Hayat",
        1,
    ),
    "previous-sentence": Case(
        "Trois roquettes ont visé la base de Taji. Aucune victime n'a été signalée.",
        "IQ",
        "Baghdad",
        "Camp Taji",
        1,
        (33.53, 44.28),
    ),
    "previous-sentence-near": Case(
        "Un drone a visé Erbil samedi. Il a été intercepté près de la ville.",
        "IQ",
        "Erbil",
        "Erbil",
        2,
        (36.19, 44.01),
    ),
    "namesake-inside-its-stated-province": Case(
        "Russian jets bombed farmland on the edge of Ariha in southern Idlib yesterday.",
        "SY",
        "Idlib",
        "Ariha",
        1,
        (35.81, 36.61),
    ),
    "the-other-namesake-inside-its-container": Case(
        "Soldiers raided a refugee camp in Ariha, in the West Bank, on Monday.",
        "PS",
        "West Bank",
        "Jericho",
        1,
        (31.87, 35.44),
    ),
    "earlier-attack-in-background": Case(
        "Deux jours après les tirs qui ont visé la base aérienne de Balad, trois roquettes se "
        "sont abattues près de l'aéroport international de Bagdad.",
        "IQ",
        "Baghdad",
        "Baghdad International Airport",
        2,
        (33.26, 44.23),
    ),
    "government-is-not-a-place": Case(
        "Le gouvernement de Damas a annoncé un accord avec les Forces démocratiques syriennes.",
        "SY",
        None,
        None,
        3,
    ),
}

ENGLISH = {
    "target-not-origin": Case(
        "Rockets fired from eastern Baghdad hit Ain al-Asad Air Base in Al Anbar province on "
        "Tuesday.",
        "IQ", "Al Anbar", "Ain al-Asad Air Base", 1, AIN_AL_ASAD,
    ),
    "origin-country": Case(
        "Iran launched ballistic missiles from its territory at Erbil airport overnight.",
        "IQ", "Erbil", "Erbil International Airport", 1, (36.24, 43.96),
    ),
    "facility-in-jordan": Case(
        "A drone attack targeted Tower 22 in northeastern Jordan, killing three US soldiers.",
        "JO", "Mafraq", "Tower 22", 1, (33.32, 38.69),
    ),
    "facility-in-syria": Case(
        "Rockets struck the Conoco gas field in eastern Syria on Friday.",
        "SY", "Deir ez-Zor", "Conoco gas field", 1, (35.34, 40.31),
    ),
    "green-zone": Case(
        "BAGHDAD (Reuters) - Three rockets landed inside Baghdad's Green Zone on Sunday, "
        "security sources said.",
        "IQ", "Baghdad", "Green Zone", 1, GREEN_ZONE,
    ),
    "embassy": Case(
        "Washington condemned the attack on the US embassy in Baghdad.",
        "IQ", "Baghdad", "US Embassy Baghdad", 1, (33.30, 44.40),
    ),
    "province-after-name": Case(
        "An IED exploded in Salah ad-Din province.", "IQ", "Salah ad Din", "Tikrit", 3, TIKRIT
    ),
    "governorate-after-name": Case(
        "Clashes were reported in Diyala governorate.", "IQ", "Diyala", "Baqubah", 3, BAQUBAH
    ),
    "near-with-article": Case(
        "A drone struck near al-Qaim on Monday.", "IQ", "Al Anbar", "Al Qaim", 2,
        (34.39, 40.99),
    ),
    "north-of": Case(
        "Gunmen attacked a checkpoint north of Hit.", "IQ", "Al Anbar", "Hit", 2, HIT
    ),
    "outskirts": Case(
        "Mortar rounds struck the outskirts of Idlib city overnight.", "SY", "Idlib", "Idlib",
        2, (35.93, 36.63),
    ),
    "between-two-towns": Case(
        "Police defused a roadside bomb on the road between Ramadi and Fallujah.",
        "IQ", "Al Anbar", "Ramadi", 2, RAMADI,
    ),
    "building-in-a-city": Case(
        "Two IEDs exploded near a police station in Kirkuk yesterday evening.",
        "IQ", "Kirkuk", "Kirkuk", 1, (35.47, 44.39),
    ),
    "city-not-province": Case(
        "Police in Basra fired tear gas on protesters.", "IQ", "Al Basrah", "Basrah", 1, BASRA
    ),
    "paris-by-population": Case(
        "The strike hit a house in Paris.", "FR", "Ile-de-France", "Paris", 1, (48.85, 2.35)
    ),
    "ambiguous-by-country-name": Case(
        "Clashes erupted in Tripoli, Lebanon, overnight.", "LB", "North Lebanon", "Tripoli", 1,
        (34.43, 35.84),
    ),
    "a-verb-is-no-town": Case("Rockets hit the convoy, officials said.", None, None, None, None),
    "headline-verb": Case("Rockets Hit US Base in Iraq", "IQ", None, None, 3),
    "sea": Case(
        "Houthi forces fired a missile at a ship in the Red Sea.", None, None, "Red Sea", 3,
        (20.0, 38.5),
    ),
    "town-of": Case(
        "Government helicopters dropped barrels on the town of Kafr Zita, in Hama province.",
        "SY", "Hama", "Kafr Zayta", 1, (35.37, 36.60),
    ),
    "dateline": Case(
        "MOSUL, Iraq (AP) - Two soldiers were killed overnight, the army said.",
        "IQ", "Ninawa", "Mosul", 1, MOSUL,
    ),
    "earlier-attack-in-background": Case(
        "Two days after Saturday's drone attack on Ain al-Asad air base, a roadside bomb struck "
        "a coalition supply convoy near Hit.",
        "IQ", "Al Anbar", "Hit", 2, HIT,
    ),
}  # fmt: skip


def _check(locate: Locate, language: str, case: Case) -> None:
    placement = locate(language, case.text, case.evidence)
    if case.precision is None:
        assert placement is None
        return
    assert placement is not None
    got = (placement.country, placement.admin1, placement.location, placement.geo_precision)
    assert got == (case.country, case.admin1, case.location, case.precision)
    if case.near is None:
        assert placement.latitude is None and placement.longitude is None
    else:
        assert placement.latitude == pytest.approx(case.near[0], abs=0.05)
        assert placement.longitude == pytest.approx(case.near[1], abs=0.05)
    for span in placement.spans:
        assert case.text[span.start : span.end] == span.text


@pytest.mark.parametrize("case", FRENCH.values(), ids=FRENCH.keys())
def test_french(locate: Locate, case: Case) -> None:
    _check(locate, "fr", case)


@pytest.mark.parametrize("case", ENGLISH.values(), ids=ENGLISH.keys())
def test_english(locate: Locate, case: Case) -> None:
    _check(locate, "en", case)


# -- properties across the rules ---------------------------------------------------------------


def test_each_mention_gets_its_own_sentence_place(parse: Parse, gazetteer: Gazetteer) -> None:
    text = (
        "Samedi, trois roquettes ont visé la base de Harir, à Erbil. "
        "Dimanche, un drone a frappé le champ gazier de Conoco, en Syrie. "
        "Lundi, un engin explosif a visé un convoi dans la province de Diyala."
    )
    doc = parse("fr", text)
    evidence = [(s.start_char, s.end_char) for s in doc.sents]
    placements = place_mentions(doc, evidence, language="fr", gazetteer=gazetteer)
    locations = [p.location if p else None for p in placements]
    assert locations == ["Harir Air Base", "Conoco gas field", "Baqubah"]


def test_a_document_without_places_gives_none(parse: Parse, gazetteer: Gazetteer) -> None:
    text = "Le groupe a revendiqué l'attaque. Il promet d'autres opérations."
    doc = parse("fr", text)
    assert place_mentions(doc, [(0, 33), (34, len(text))], language="fr", gazetteer=gazetteer) == [
        None,
        None,
    ]


def test_names_in_people_and_groups_are_not_places(parse: Parse, gazetteer: Gazetteer) -> None:
    text = (
        "Moqtada al-Sadr a appelé au calme tandis que Asaïb Ahl al-Haq et le Hamas "
        "dénonçaient le ministère de la Santé en mars."
    )
    toponyms = find_toponyms(parse("fr", text), language="fr", gazetteer=gazetteer)
    assert [t.text for t in toponyms if t.resolved is not None] == []


def test_coordinates_are_never_invented(parse: Parse, gazetteer: Gazetteer) -> None:
    text = (
        "Des hommes armés ont attaqué à Qarat Abu Zahra. Les forces irakiennes ont riposté. "
        "Un drone est tombé près du village de Umm Shuwayhah."
    )
    doc = parse("fr", text)
    evidence = [(s.start_char, s.end_char) for s in doc.sents]
    for placement in place_mentions(doc, evidence, language="fr", gazetteer=gazetteer):
        assert placement is not None
        assert (placement.latitude, placement.longitude) != (0.0, 0.0)
        if placement.location not in {None, "Baghdad"}:
            assert placement.latitude is None and placement.longitude is None
        assert placement.country == "IQ"


@pytest.mark.slow
def test_a_long_article_is_placed_quickly(parse: Parse, gazetteer: Gazetteer) -> None:
    paragraph = (
        "Des roquettes tirées depuis l'est de Bagdad ont visé la base d'Ain al-Asad, dans la "
        "province d'Al-Anbar, selon une source de sécurité. Les Hachd al-Chaabi accusent "
        "Washington. À Mossoul, près de la frontière syrienne, des affrontements ont éclaté. "
    )
    warm = parse("fr", paragraph)  # the first scan builds the gazetteer's prefix table
    place_mentions(warm, [(0, len(paragraph))], language="fr", gazetteer=gazetteer)
    doc = parse("fr", paragraph * 30)  # about 1,800 tokens
    evidence = [(s.start_char, s.end_char) for s in doc.sents]
    started = time.perf_counter()
    placements = place_mentions(doc, evidence, language="fr", gazetteer=gazetteer)
    assert time.perf_counter() - started < 2.0  # about 0.1 s on an idle machine
    assert len(placements) == len(evidence)
