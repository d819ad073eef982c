"""The curated geographic files: every row well-formed, sourced, and consistent with GeoNames."""

from __future__ import annotations

import csv
import logging
import math
from pathlib import Path

import pytest
import yaml

from ondit.analyse.places import CUE_KEYS, load_cues
from ondit.resources.gazetteer import (
    ALIAS_COLUMNS,
    ALIASES_FILE,
    DEMONYM_COLUMNS,
    DEMONYMS_FILE,
    FACILITIES_FILE,
    FACILITY_COLUMNS,
    GEO_DIR,
    Gazetteer,
)

ADMIN1_FILE = GEO_DIR / "admin1.tsv"
CUES_FILE = GEO_DIR / "place_cues.yaml"
KINDS = {
    "air_base",
    "airport",
    "airstrip",
    "border_crossing",
    "bridge",
    "camp",
    "diplomatic",
    "district",
    "embassy",
    "gas_field",
    "hospital",
    "industrial_site",
    "island",
    "military_base",
    "naval_base",
    "nuclear_site",
    "oil_field",
    "port",
    "protected_zone",
    "sea",
    "square",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


FACILITIES = _rows(FACILITIES_FILE)


def test_curated_files_have_their_columns() -> None:
    assert tuple(_rows(FACILITIES_FILE)[0]) == FACILITY_COLUMNS
    assert tuple(_rows(ALIASES_FILE)[0]) == ALIAS_COLUMNS
    assert tuple(_rows(DEMONYMS_FILE)[0]) == DEMONYM_COLUMNS
    assert tuple(_rows(ADMIN1_FILE)[0]) == ("country", "code", "name", "capital", "note")


def test_facility_ids_are_unique_and_rows_complete() -> None:
    ids = [row["id"] for row in FACILITIES]
    assert len(ids) == len(set(ids))
    for row in FACILITIES:
        assert row["kind"] in KINDS, row["id"]
        assert row["precision"] in {"1", "2", "3"}, row["id"]
        assert row["source"].strip(), f"{row['id']} has no source"
        assert row["aliases"].strip(), f"{row['id']} has no alias"


@pytest.mark.parametrize("row", FACILITIES, ids=lambda row: row["id"])
def test_facility_lies_in_its_country_and_division(
    gazetteer: Gazetteer, row: dict[str, str]
) -> None:
    latitude, longitude = float(row["latitude"]), float(row["longitude"])
    assert (latitude, longitude) != (0.0, 0.0)
    assert -90 <= latitude <= 90 and -180 <= longitude <= 180
    if not row["country"]:  # a sea
        assert row["kind"] == "sea" and not row["admin1"]
        return
    box = gazetteer.country_bbox(row["country"])
    assert box is not None, f"unknown country {row['country']}"
    assert box.contains(latitude, longitude), f"{row['id']} lies outside {row['country']}"
    division = gazetteer.admin1(row["country"], row["admin1"])
    assert division is not None and division.name == row["admin1"], (
        f"{row['id']}: {row['admin1']!r} is not a division of {row['country']}"
    )


def test_facilities_sit_near_their_division(gazetteer: Gazetteer) -> None:
    """A swapped latitude and longitude or a wrong division shows as a distant seat."""
    for row in FACILITIES:
        if not row["country"]:
            continue
        division = gazetteer.admin1(row["country"], row["admin1"])
        assert division is not None and division.latitude is not None
        assert division.longitude is not None
        far = math.dist(
            (division.latitude, division.longitude),
            (float(row["latitude"]), float(row["longitude"])),
        )
        assert far < 6.0, f"{row['id']} is {far:.1f} degrees from the seat of {row['admin1']}"


def test_every_alias_target_exists(gazetteer: Gazetteer) -> None:
    for row in _rows(ALIASES_FILE):
        assert gazetteer.get(row["target"]) is not None, row
        assert row["lang"] in {"fr", "en", "ku", "ar"}, row


def test_every_nationality_word_names_a_known_country(gazetteer: Gazetteer) -> None:
    for row in _rows(DEMONYMS_FILE):
        assert gazetteer.country(row["country"]) is not None, row
        assert row["lang"] in {"fr", "en"}, row


def test_loading_the_curated_files_warns_of_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="ondit.resources.gazetteer"):
        Gazetteer.from_files()
    assert not caplog.records, [r.getMessage() for r in caplog.records]


def test_curated_divisions_name_known_codes_and_seats(gazetteer: Gazetteer) -> None:
    for row in _rows(ADMIN1_FILE):
        division = gazetteer.admin1(row["country"], f"{row['country']}.{row['code']}")
        assert division is not None and division.name == row["name"], row
        if row["capital"]:
            seat = gazetteer.capital(division)
            assert seat is not None and seat.id == row["capital"], row
            assert seat.country == row["country"]


def test_iraqi_and_syrian_divisions_are_the_annotation_names(gazetteer: Gazetteer) -> None:
    iraq = {d.name for d in gazetteer.admin1_divisions("IQ")}
    assert {
        "Al Anbar",
        "Salah ad Din",
        "Erbil",
        "Baghdad",
        "Babil",
        "Dhi Qar",
        "Al Muthanna",
        "Ninawa",
        "Al Basrah",
    } <= iraq
    assert "Deir ez-Zor" in {d.name for d in gazetteer.admin1_divisions("SY")}


def test_place_cues_are_the_same_kinds_in_every_language() -> None:
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"version", "fr", "en"}
    for language in ("fr", "en"):
        assert set(data[language]) == set(CUE_KEYS), language
        cues = load_cues(language)
        assert cues.near_before is not None and cues.region_before is not None
