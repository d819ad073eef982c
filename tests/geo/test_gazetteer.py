"""The gazetteer: name normalisation, lookups, and what loading it costs."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from ondit.resources.gazetteer import Gazetteer, display_name, normalise

# -- normalisation ---------------------------------------------------------------------------

SAME_NAME = [
    ("Ain al Asad", "Aïn al-Asad", "Ain Al-Asad", "Aïn al-Assad", "AIN AL-ASAD"),
    ("Deir ez-Zor", "Deir el-Zor", "Deir Ez-Zor", "deir ez zor"),
    ("Salah ad Din", "Salah al-Din", "Salah ad-Din"),
    ("Mossoul", "Mosul"),
    ("Falloujah", "Al Fallūjah", "Fallujah", "al-Falluja"),
    ("Nadjaf", "An Najaf", "Najaf"),
    ("Qamichli", "Al Qāmishlī", "Qamishli"),
    ("Karbala'", "Karbala", "Karbalāʼ"),
    ("Ta'izz", "Taizz", "Ta‘izz"),
    ("Ra's al 'Ayn", "Ras al-Ayn", "Ras al Ayn"),
    ("États-Unis", "Etats-Unis", "Etats Unis"),
    ("Ar-Raqqah", "Raqqa", "ar-Raqqa"),
]


@pytest.mark.parametrize("forms", SAME_NAME, ids=lambda forms: forms[0])
def test_spellings_of_one_name_share_a_key(forms: tuple[str, ...]) -> None:
    keys = {normalise(form) for form in forms}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("first", "second"),
    [("Baghdad", "Basra"), ("Hit", "Hilla"), ("Tripoli", "Tripolis"), ("Sinjar", "Sinja")],
)
def test_different_names_keep_different_keys(first: str, second: str) -> None:
    assert normalise(first) != normalise(second)


def test_a_lone_article_stays_a_name() -> None:
    assert normalise("Al") == "al"
    assert normalise("  ") == ""


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("Al Fallūjah", "Al Fallujah"), ("Sāmarrā’", "Samarra"), ("Tall ‘Afar", "Tall Afar")],
)
def test_display_names_are_plain_latin(raw: str, shown: str) -> None:
    assert display_name(raw) == shown


# -- lookups --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Bagdad", "98182"),
        ("Baghdad", "98182"),
        ("Mossoul", "99072"),
        ("Bassora", "99532"),
        ("Irbil", "95446"),
        ("Erbil", "95446"),
        ("Falloujah", "99454"),
        ("Ramadi", "98717"),
        ("Kirkouk", "94787"),
        ("Nadjaf", "98860"),
        ("Kerbala", "94824"),
        ("Tikrit", "90150"),
        ("Samarra", "91597"),
        ("Nasseriyah", "98854"),
        ("Qamichli", "173377"),
        ("Hassaké", "173811"),
        ("Alep", "170063"),
        ("Damas", "170654"),
        ("Lattaquié", "173576"),
        ("Deir Ezzor", "170794"),
        ("Téhéran", "112931"),
        ("Beyrouth", "276781"),
        ("Hodeïda", "79415"),
    ],
)
def test_french_and_transliterated_forms_find_their_town(
    gazetteer: Gazetteer, name: str, place_id: str
) -> None:
    assert place_id in [p.id for p in gazetteer.lookup(name)]


@pytest.mark.parametrize(
    ("name", "facility_id"),
    [
        ("Ain al Asad", "iq-ain-al-asad"),
        ("Aïn al-Assad", "iq-ain-al-asad"),
        ("Ain Al-Asad", "iq-ain-al-asad"),
        ("base aérienne d'Al-Asad", "iq-ain-al-asad"),
        ("Harir", "iq-harir"),
        ("zone verte", "iq-green-zone"),
        ("International Zone", "iq-green-zone"),
        ("Tower 22", "jo-tower-22"),
        ("Conoco", "sy-conoco"),
        ("al-Omar", "sy-al-omar"),
        ("Q-West", "iq-qayyarah-west"),
        ("Al-Udeid", "qa-al-udeid"),
        ("mer Rouge", "xx-red-sea"),
    ],
)
def test_facilities_are_found_by_their_aliases(
    gazetteer: Gazetteer, name: str, facility_id: str
) -> None:
    assert facility_id in [p.id for p in gazetteer.lookup(name)]


def test_a_facility_is_a_place_with_its_division(gazetteer: Gazetteer) -> None:
    (base,) = [p for p in gazetteer.lookup("Ain al-Asad") if p.kind == "facility"]
    assert (base.name, base.country, base.admin1) == ("Ain al-Asad Air Base", "IQ", "Al Anbar")
    assert base.latitude == pytest.approx(33.79, abs=0.05)
    assert base.longitude == pytest.approx(42.44, abs=0.05)
    info = gazetteer.facility(base.id)
    assert info is not None and info.kind == "air_base" and info.precision == 1


def test_lookup_lists_every_namesake_most_populous_first(gazetteer: Gazetteer) -> None:
    tripolis = [p for p in gazetteer.lookup("Tripoli") if p.kind == "city"]
    countries = [p.country for p in tripolis]
    assert countries[:2] == ["LY", "LB"]
    populations = [p.population for p in tripolis]
    assert populations == sorted(populations, reverse=True)


def test_cue_only_and_context_only_names_are_marked(gazetteer: Gazetteer) -> None:
    (balad_base,) = [p for p in gazetteer.lookup("Balad") if p.kind == "facility"]
    assert gazetteer.needs_cue(normalise("Balad"), balad_base)
    (embassy,) = gazetteer.lookup("US embassy")
    assert gazetteer.needs_context(normalise("US embassy"), embassy)
    assert not gazetteer.needs_context(normalise("US Embassy in Baghdad"), embassy)


def test_countries_by_code_and_by_name(gazetteer: Gazetteer) -> None:
    iraq = gazetteer.country("IQ")
    assert iraq is not None and iraq.name == "Iraq" and iraq.kind == "country"
    for name in ("Irak", "Iraq", "IQ"):
        assert gazetteer.country_by_name(name) == iraq
    assert gazetteer.country_by_name("États-Unis") == gazetteer.country("US")
    assert gazetteer.country_by_name("Kurdistan irakien") == iraq
    assert gazetteer.country_by_name("Atlantis") is None
    assert len(gazetteer.countries()) > 240


@pytest.mark.parametrize(
    ("country", "name", "canonical", "seat"),
    [
        ("IQ", "Anbar", "Al Anbar", "Ramadi"),
        ("IQ", "Al-Anbar", "Al Anbar", "Ramadi"),
        ("IQ", "Salaheddine", "Salah ad Din", "Tikrit"),
        ("IQ", "Ninive", "Ninawa", "Mosul"),
        ("IQ", "Arbil", "Erbil", "Erbil"),
        ("IQ", "Mayorality of Baghdad", "Baghdad", "Baghdad"),
        ("IQ", "Dhi Qar", "Dhi Qar", "Nasiriyah"),
        ("IQ", "Babel", "Babil", "Al Hillah"),
        ("IQ", "IQ.03", "Al Muthanna", "As Samawah"),
        ("IQ", "Basra Governorate", "Al Basrah", "Basrah"),
        ("SY", "Deir Ezzor", "Deir ez-Zor", "Deir ez-Zor"),
        ("SY", "Hassaké", "Al-Hasakah", "Al Hasakah"),
        ("YE", "Al Hudaydah", "Al Hudaydah", "Al Hudaydah"),
        ("LB", "Sud-Liban", "South Lebanon", "Sidon"),
        ("PS", "bande de Gaza", "Gaza Strip", "Gaza"),
        ("UA", "Zakarpattia", "Transcarpathia", "Uzhhorod"),
        ("RU", "Belgorod", "Belgorod Oblast", "Belgorod"),
    ],
)
def test_divisions_have_their_canonical_name_and_seat(
    gazetteer: Gazetteer, country: str, name: str, canonical: str, seat: str
) -> None:
    division = gazetteer.admin1(country, name)
    assert division is not None and division.name == canonical
    capital = gazetteer.capital(division)
    assert capital is not None and capital.name == seat
    assert (division.latitude, division.longitude) == (capital.latitude, capital.longitude)


def test_towns_carry_the_canonical_name_of_their_division(gazetteer: Gazetteer) -> None:
    (hit,) = [p for p in gazetteer.lookup("Hit") if p.country == "IQ"]
    assert hit.admin1 == "Al Anbar"
    division = gazetteer.admin1_of(hit)
    assert division is not None and division.id == "IQ.01"


def test_feature_codes_are_derived(gazetteer: Gazetteer) -> None:
    codes = {p.id: gazetteer.feature_code(p) for p in gazetteer.lookup("Baghdad")}
    assert codes["IQ.07"] == "ADM1"
    assert codes["98182"] == "PPLC"
    assert gazetteer.feature_code(gazetteer.lookup("Ramadi")[0]) == "PPLA"
    assert gazetteer.feature_code(gazetteer.lookup("Ain al-Asad")[0]) == "air_base"
    (hit,) = [p for p in gazetteer.lookup("Hit") if p.country == "IQ"]
    assert gazetteer.feature_code(hit) == "PPL"


def test_nationality_words_point_to_countries(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym("syrienne") == "SY"
    assert gazetteer.demonym("Iraqi") == "IQ"
    assert gazetteer.demonym("forces") is None


def test_the_gazetteer_is_big_enough(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 170_000
    assert len(gazetteer.facilities()) >= 90
    assert len(gazetteer.admin1_divisions("IQ")) == 19


# -- cost -------------------------------------------------------------------------------------


def test_loading_takes_under_two_seconds() -> None:
    started = time.perf_counter()
    Gazetteer.from_files()
    assert time.perf_counter() - started < 2.0


@pytest.mark.slow
def test_the_gazetteer_takes_well_under_a_gigabyte() -> None:
    """Peak memory Python allocates to load it, in a fresh process (tracemalloc, portable)."""
    code = (
        "import tracemalloc; tracemalloc.start(); "
        "from ondit.resources.gazetteer import load_gazetteer; load_gazetteer(); "
        "print(tracemalloc.get_traced_memory()[1])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    peak = int(out.stdout.strip())
    assert peak < 512 * 1024 * 1024, f"{peak // 2**20} MB"
