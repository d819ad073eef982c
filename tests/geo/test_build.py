"""The gazetteer build: a small extract end to end, and the shipped file against its sources."""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ondit.resources.gazetteer import (
    FORMAT_VERSION,
    GAZETTEER_FILE,
    GEO_DIR,
    NORMALISER_VERSION,
    Gazetteer,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteer"] = module
    spec.loader.exec_module(module)
    return module


def _city(gid: int, name: str, cc: str, admin1: str, pop: int, lat: float, lon: float,
          alternates: list[str]) -> dict[str, Any]:  # fmt: skip
    return {
        "geonameid": gid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": cc,
        "population": pop,
        "timezone": "Asia/Baghdad",
        "admin1code": admin1,
        "alternatenames": alternates,
    }


CITIES = [
    _city(98182, "Baghdad", "IQ", "07", 7216000, 33.34058, 44.40088,
          ["Bagdad", "BGW", "بغداد", "baghdad", "Baghdad"]),
    _city(98717, "Ramadi", "IQ", "01", 223500, 33.42056, 43.30778, ["Ar Ramadi"]),
    _city(99454, "Al Fallūjah", "IQ", "01", 190159, 33.34913, 43.78599, ["Falloujah"]),
    _city(95788, "Hīt", "IQ", "01", 31901, 33.63664, 42.82768, []),
    _city(99072, "Mosul", "IQ", "15", 1683000, 36.335, 43.11889, ["Mossoul", "almwsl"]),
    _city(1111, "Tiny", "IQ", "15", 600, 36.1, 43.2, []),
    _city(2222, "Tall ‘Afar", "IQ", "15", 0, 36.37913, 42.44806, ["Tal Afar"]),
    _city(170654, "Damascus", "SY", "13", 1569394, 33.5102, 36.29128, ["Damas"]),
    _city(170794, "Deir ez-Zor", "SY", "07", 271800, 35.33588, 40.14084, ["Deir Ezzor"]),
]  # fmt: skip
COUNTRIES = {
    "IQ": {"geonameid": 99237, "name": "Iraq", "iso": "IQ", "capital": "Baghdad",
           "population": 38433600},
    "SY": {"geonameid": 163843, "name": "Syria", "iso": "SY", "capital": "Damascus",
           "population": 22198110},
}  # fmt: skip
RG_NAMES = [
    ("33.34058", "44.40088", "Baghdad", "Mayorality of Baghdad", "IQ"),
    ("33.42056", "43.30778", "Ramadi", "Anbar", "IQ"),
    ("33.34913", "43.78599", "Al Fallujah", "Anbar", "IQ"),
    ("36.335", "43.11889", "Mosul", "Ninawa", "IQ"),
    ("33.5102", "36.29128", "Damascus", "Dimashq", "SY"),
    ("35.33588", "40.14084", "Deir ez-Zor", "Deir ez-Zor", "SY"),
]
ADMIN1 = "country\tcode\tname\tcapital\tnote\nIQ\t01\tAl Anbar\t98717\tseat Ramadi\n"


@pytest.fixture
def extract(tmp_path: Path) -> dict[str, Path]:
    """A small set of build inputs, in the formats of the real sources."""
    cities = tmp_path / "cities500.json"
    cities.write_text(json.dumps({str(c["geonameid"]): c for c in CITIES}), encoding="utf-8")
    countries = tmp_path / "countries.json"
    countries.write_text(json.dumps(COUNTRIES), encoding="utf-8")
    names = tmp_path / "rg_cities1000.csv"
    with names.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["lat", "lon", "name", "admin1", "admin2", "cc"])
        for lat, lon, town, division, cc in RG_NAMES:
            writer.writerow([lat, lon, town, division, "", cc])
    curated = tmp_path / "admin1.tsv"
    curated.write_text(ADMIN1, encoding="utf-8")
    return {"cities": cities, "countries": countries, "names": names, "admin1": curated}


def _args(extract: dict[str, Path], output: Path, *more: str) -> list[str]:
    return [
        "--cities", str(extract["cities"]),
        "--country-info", str(extract["countries"]),
        "--admin1-names", str(extract["names"]),
        "--admin1-curated", str(extract["admin1"]),
        "-o", str(output),
        *more,
    ]  # fmt: skip


def test_an_extract_builds_into_a_loadable_gazetteer(
    builder: ModuleType, extract: dict[str, Path], tmp_path: Path
) -> None:
    output = tmp_path / "gazetteer.tsv.gz"
    assert builder.main(_args(extract, output)) == 0
    gazetteer = Gazetteer.from_files(output, None, None, None)

    anbar = gazetteer.admin1("IQ", "Anbar")
    assert anbar is not None and anbar.name == "Al Anbar"  # curated over GeoNames' "Anbar"
    seat = gazetteer.capital(anbar)
    assert seat is not None and seat.name == "Ramadi"
    baghdad = gazetteer.admin1("IQ", "IQ.07")
    assert baghdad is not None and baghdad.name == "Baghdad"  # "Mayorality of" stripped
    ninawa = gazetteer.admin1("IQ", "Ninawa")
    seat = gazetteer.capital(ninawa) if ninawa else None
    assert seat is not None and seat.name == "Mosul"  # uncurated: the largest town
    assert gazetteer.admin1("SY", "SY.13") is not None

    assert [p.id for p in gazetteer.lookup("Bagdad")] == ["98182"]
    assert gazetteer.lookup("Falloujah")[0].name == "Al Fallujah"
    assert gazetteer.lookup("Falloujah")[0].admin1 == "Al Anbar"
    assert gazetteer.lookup("Tal Afar")[0].population == 0  # a seat without a census stays
    assert gazetteer.lookup("Tiny") == []  # under 1,000 inhabitants and no seat
    assert gazetteer.lookup("BGW") == [] and gazetteer.lookup("almwsl") == []
    assert gazetteer.feature_code(gazetteer.lookup("Baghdad")[-1]) in {"PPLC", "ADM1"}
    assert gazetteer.feature_code(seat) == "PPL"

    iraq = gazetteer.country_by_name("Irak")  # French name from CLDR
    assert iraq is not None and iraq.id == "IQ"
    assert (iraq.latitude, iraq.longitude) == (33.3406, 44.4009)  # its capital
    box = gazetteer.country_bbox("IQ")
    assert box is not None and box.contains(33.3, 44.4) and not box.contains(48.8, 2.3)


def test_the_build_is_deterministic_and_checkable(
    builder: ModuleType, extract: dict[str, Path], tmp_path: Path
) -> None:
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    assert builder.main(_args(extract, first)) == 0
    assert builder.main(_args(extract, second)) == 0
    assert first.read_bytes() == second.read_bytes()
    assert builder.main(_args(extract, first, "--check")) == 0
    extract["admin1"].write_text(ADMIN1.replace("Al Anbar", "Anbar Province"), encoding="utf-8")
    assert builder.main(_args(extract, first, "--check")) == 1


def test_an_extract_can_be_limited_to_some_countries(
    builder: ModuleType, extract: dict[str, Path], tmp_path: Path
) -> None:
    output = tmp_path / "sy.tsv.gz"
    assert builder.main(_args(extract, output, "--countries", "sy")) == 0
    gazetteer = Gazetteer.from_files(output, None, None, None)
    assert {p.country for p in gazetteer} == {"SY"}
    assert gazetteer.header["options"].startswith("countries=SY")


def test_alternate_names_kept_are_those_french_and_english_text_can_hold(
    builder: ModuleType,
) -> None:
    keep = builder.keep_alternate
    assert keep("Mossoul") and keep("Al Fallūjah") and keep("Tal Afar")
    assert not keep("بغداد") and not keep("Багдад")  # other scripts
    assert not keep("almwsl aljdydt") and not keep("ji er ku ke")  # machine transliterations
    assert not keep("BGW") and not keep("ORBI")  # airport codes


# -- the shipped file ------------------------------------------------------------------------


def _header() -> dict[str, str]:
    header: dict[str, str] = {}
    with gzip.open(GAZETTEER_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            name, _, value = line[1:].strip().partition(" ")
            header.setdefault(name, "")
            header[name] += value + "\n"
    return header


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_shipped_file_was_built_from_the_present_inputs(builder: ModuleType) -> None:
    """Cheap drift check: the inputs' hashes recorded in the header are today's."""
    header = _header()
    assert header["format"].strip() == str(FORMAT_VERSION)
    assert header["normaliser"].strip() == str(NORMALISER_VERSION)
    sources = builder.Sources.installed()
    recorded = header["source"]
    for path in (sources.cities, sources.countries, sources.admin1_names):
        assert f"{path.name} sha256={_sha256(path)}" in recorded, f"{path.name} changed: rebuild"
    admin1 = GEO_DIR / "admin1.tsv"
    assert f"admin1.tsv sha256={_sha256(admin1)}" in recorded, "admin1.tsv changed: rebuild"


@pytest.mark.slow
def test_rebuilding_from_the_sources_gives_the_shipped_file(builder: ModuleType) -> None:
    built = builder.build(builder.Sources.installed())
    assert built.to_bytes() == GAZETTEER_FILE.read_bytes(), (
        "gazetteer.tsv.gz is out of date: run scripts/build_gazetteer.py"
    )
