"""The place gazetteer: countries, first-level divisions, towns and curated facilities, by name.

Three files under ``resources/geo/`` feed it. ``gazetteer.tsv.gz`` is imported GeoNames data,
built once by ``scripts/build_gazetteer.py`` with every name already normalised, so that loading
is a split per line and takes well under two seconds. ``facilities.tsv`` (bases, airports, oil
fields, crossings...) and ``aliases.tsv`` (French and transliterated forms GeoNames lacks) are
curated by hand and read as they are, so that editing them needs no rebuild.

Names are compared through :func:`normalise`, which folds the ways one Arabic, Kurdish or
Persian name reaches French and English newsrooms ("Aïn al-Assad", "Ain al Asad", "Ayn
al-Asad") onto one key. It is deliberately lenient: a key shared by unrelated places is cheap,
because resolution ranks candidates by context; a form that never matches is lost for good.
"""

from __future__ import annotations

import csv
import functools
import gzip
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ondit.errors import ResourceError
from ondit.model import Place

LOGGER = logging.getLogger(__name__)

#: Bumped whenever :func:`normalise` changes: the built file stores normalised keys.
NORMALISER_VERSION = 1
#: Bumped whenever the layout of the built file changes.
FORMAT_VERSION = 2

GEO_DIR = Path(__file__).with_name("geo")
GAZETTEER_FILE = GEO_DIR / "gazetteer.tsv.gz"
FACILITIES_FILE = GEO_DIR / "facilities.tsv"
ALIASES_FILE = GEO_DIR / "aliases.tsv"
DEMONYMS_FILE = GEO_DIR / "demonyms.tsv"

E_MISSING = "[E120] gazetteer file missing: {path}; build it with scripts/build_gazetteer.py"
E_FORMAT = "[E121] {path} line {line}: {reason}"
E_STALE = (
    "[E122] {path} was built for normaliser v{found} / format v{found_format}; this code expects "
    "v{expected} / v{expected_format}: rebuild it with scripts/build_gazetteer.py"
)

#: Kinds of :class:`~ondit.model.Place`, most general first.
KINDS: tuple[str, ...] = ("country", "admin1", "city", "facility")
_KIND_CODES = {"C": "country", "A": "admin1", "P": "city"}

#: Columns of the ``[places]`` section of the built file. The file has, after its ``#``
#: header lines, one section per ``[name]`` line: ``places`` (one row per place), ``ids``
#: (the id of each row, in order), ``keys`` and ``positions`` (each normalised name and the
#: comma-separated rows it names, line for line). Kept apart so that loading is a few splits
#: and a ``dict(zip(...))`` rather than a Python loop over 400,000 names.
COLUMNS: tuple[str, ...] = (
    "kind",
    "id",
    "name",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "population",
    "fcode",
    "extra",
)
SECTIONS: tuple[str, ...] = ("places", "ids", "keys", "positions")

FACILITY_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "kind",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "precision",
    "aliases",
    "source",
)
ALIAS_COLUMNS: tuple[str, ...] = ("alias", "target", "lang", "note")
DEMONYM_COLUMNS: tuple[str, ...] = ("form", "country", "lang")

# -- normalisation -------------------------------------------------------------------------

_DROPPED = "'’‘`´ʼʻʿʾ′ʹ."
_SPACED = '-‐‑‒–—―_/\\,;:()[]{}"«»“”„+*!?|'
_LETTERS = {
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ħ": "h",
    "ı": "i",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    "þ": "th",
    "ð": "d",
}
_LETTERS.update({k.upper(): v.upper() for k, v in list(_LETTERS.items()) if len(k.upper()) == 1})
_TABLE = str.maketrans({**dict.fromkeys(_DROPPED, None), **dict.fromkeys(_SPACED, " "), **_LETTERS})
_APOSTROPHE_TABLE = str.maketrans(dict.fromkeys(_DROPPED, None))
_DISPLAY_TABLE = str.maketrans({**dict.fromkeys("’‘`´ʼʻʿʾ′ʹ", None), **_LETTERS})
# "al-", "ash-", "ez-": Arabic articles written attached, in any case ("Deir ez-Zor").
_ATTACHED_ARTICLE = re.compile(
    r"(?<!\w)(?:al|el|ul|ad|adh|ar|as|ash|at|ath|az|an|ed|er|es|ez|en)[-‐‑‒–]\s*",
    re.IGNORECASE,
)
# "al Asad", "Al Anbar" in any case; the sun-letter forms capitalised ("As Samawah") or inside
# a name ("Dayr az Zawr", "Salah ad Din"), since "as", "at", "an" are English and French words.
_SEPARATE_ARTICLE = re.compile(
    r"(?<!\w)(?:[Aa][Ll]|[Ee][Ll]|A[dnrstz]|Ash|Adh|Ath|E[dnrsz])\s+(?=\w)"
    r"|(?<=\w )(?:ad|adh|ar|as|ash|at|ath|az|an|ed|er|es|ez|en)\s+(?=\w)"
)
_DOUBLED = re.compile(r"([a-z])\1+")
_FINAL_AH = re.compile(r"ah\b")
_NOT_WORD = re.compile(r"[^\w ]+")
_SPACES = re.compile(r"\s+")
_FRENCH_SPELLING = (("ou", "u"), ("dj", "j"), ("ch", "sh"))

#: Words that are Arabic articles when they start a name: a name may begin with them.
ARTICLE_WORDS: frozenset[str] = frozenset(
    {
        "al",
        "el",
        "ul",
        "ad",
        "adh",
        "ar",
        "as",
        "ash",
        "at",
        "ath",
        "az",
        "an",
        "ed",
        "er",
        "es",
        "ez",
        "en",
    }
)


# Every combining mark of the Basic Multilingual Plane, as one character class: one regex
# pass is several times faster than testing unicodedata.combining() character by character.
_MARKS = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    + "]+"
)


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    if any(ord(ch) > 0xFFFF for ch in decomposed):
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _MARKS.sub("", decomposed)


@functools.lru_cache(maxsize=262_144)
def normalise(name: str) -> str:
    """The key a place name is compared by.

    Folds case, diacritics, apostrophes and hyphens, drops Arabic articles, and merges the
    spelling habits that split one name across outlets: French "ou"/"dj"/"ch" for "u"/"j"/"sh"
    ("Mossoul", "Nadjaf", "Qamichli"), doubled letters ("Assad"/"Asad") and a final "-ah"
    ("Fallujah"/"Falluja"). A name that is only an article stays as it is.
    """
    name = name.translate(_APOSTROPHE_TABLE)
    stripped = _ATTACHED_ARTICLE.sub(" ", name)
    stripped = _SEPARATE_ARTICLE.sub(" ", stripped)
    text = stripped.translate(_TABLE)
    if not text.strip():
        text = name.translate(_TABLE)
    text = _strip_marks(text.casefold())
    text = _NOT_WORD.sub(" ", text)
    for french, english in _FRENCH_SPELLING:
        text = text.replace(french, english)
    text = _DOUBLED.sub(r"\1", text)
    text = _FINAL_AH.sub("a", text)
    return _SPACES.sub(" ", text).strip()


def display_name(name: str) -> str:
    """A GeoNames name as ondit reports it: Latin letters without diacritics or ayn marks."""
    text = _strip_marks(name.translate(_DISPLAY_TABLE))
    # A trailing straight apostrophe is a transliterated hamza ("Karbala'"), not a quote.
    return _SPACES.sub(" ", text.replace("'", "")).strip() or name


# -- data ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FacilityInfo:
    """What the gazetteer knows of a curated facility beyond its :class:`Place`.

    ``precision`` is the ACLED geo_precision its coordinates support: 1 for the place itself,
    2 where they are approximate, 3 for a sea coded at a central point.
    """

    kind: str
    precision: int
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class BBox:
    """A rough bounding box, in decimal degrees, padded around a country's known towns."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


def _float_or_none(value: str) -> float | None:
    return float(value) if value else None


def _read_tsv(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a curated TSV file with its header checked, skipping ``#`` comments."""
    if not path.exists():
        raise ResourceError(E_MISSING.format(path=path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header: list[str] | None = None
        for line, row in enumerate(reader, start=1):
            if not row or row[0].startswith("#"):
                continue
            if header is None:
                header = row
                if tuple(header) != tuple(columns):
                    reason = f"header {header} is not {list(columns)}"
                    raise ResourceError(E_FORMAT.format(path=path.name, line=line, reason=reason))
                continue
            if len(row) != len(columns):
                reason = f"{len(row)} columns, expected {len(columns)}"
                raise ResourceError(E_FORMAT.format(path=path.name, line=line, reason=reason))
            yield line, dict(zip(columns, (cell.strip() for cell in row), strict=True))


class Gazetteer:
    """Places by normalised name, with the lookups geoparsing needs.

    Built once per process (see :func:`load_gazetteer`) and read-only afterwards, so one
    instance is safely shared by every document and thread. Towns stay as their text line
    until a lookup asks for one: building 180,000 :class:`Place` objects up front would cost
    most of the load time for places no document names.
    """

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._places: list[Place | None] = []
        self._by_id: dict[str, int] = {}
        self._index: dict[str, str] = {}  # built names: rows as "3,17", parsed on lookup
        self._extra: dict[str, list[int]] = {}  # curated names
        self._first_words: set[str] = set()
        self._first_pairs: set[str] | None = None  # built on the first scan that needs it
        self._cue_only: set[tuple[str, int]] = set()
        self._context_only: set[tuple[str, int]] = set()
        self._lowercase_keys: set[str] = set()
        self._curated_keys: set[str] = set()
        self._curated_names: set[tuple[str, int]] = set()
        self._countries: dict[str, Place] = {}
        self._admin1: dict[tuple[str, str], Place] = {}
        self._admin1_names: dict[str, str] = {}
        self._admin1_capital: dict[str, str] = {}
        self._bbox: dict[str, BBox] = {}
        self._facilities: dict[str, FacilityInfo] = {}
        self._demonyms: dict[str, str] = {}
        self.header: dict[str, str] = {}
        self.max_words = 1

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def from_files(
        cls,
        gazetteer_path: Path = GAZETTEER_FILE,
        facilities_path: Path | None = FACILITIES_FILE,
        aliases_path: Path | None = ALIASES_FILE,
        demonyms_path: Path | None = DEMONYMS_FILE,
    ) -> Gazetteer:
        """Read the built file and the curated files; the curated ones are optional."""
        gazetteer = cls()
        gazetteer._read_built(gazetteer_path)
        if facilities_path is not None:
            gazetteer._read_facilities(facilities_path)
        if aliases_path is not None:
            gazetteer._read_aliases(aliases_path)
        if demonyms_path is not None:
            gazetteer._read_demonyms(demonyms_path)
        for key in gazetteer._extra:
            gazetteer._first_words.add(key.partition(" ")[0])
            gazetteer.max_words = max(gazetteer.max_words, key.count(" ") + 1)
        LOGGER.debug(
            "gazetteer: %d places, %d names, %d facilities",
            len(gazetteer._places),
            len(gazetteer._index) + len(gazetteer._extra),
            len(gazetteer._facilities),
        )
        return gazetteer

    def _add(self, place: Place) -> int:
        if place.id in self._by_id:
            raise ResourceError(f"[E123] duplicate place id {place.id!r}")
        position = len(self._places)
        self._places.append(place)
        self._lines.append("")
        self._by_id[place.id] = position
        return position

    def _add_key(
        self, key: str, position: int, *, cue_only: bool = False, context_only: bool = False
    ) -> None:
        if not key:
            return
        bucket = self._extra.setdefault(key, [])
        if position not in bucket:
            bucket.append(position)
        if cue_only:
            self._cue_only.add((key, position))
        if context_only:
            self._context_only.add((key, position))

    def _read_built(self, path: Path) -> None:
        if not path.exists():
            raise ResourceError(E_MISSING.format(path=path))
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as handle:
            text = handle.read()
        head, *parts = text.split("\n[")
        for line in head.splitlines():
            if line.startswith("#"):
                name, _, value = line[1:].strip().partition(" ")
                self.header[name] = value.strip()
        found = self.header.get("normaliser", "?")
        found_format = self.header.get("format", "?")
        if found != str(NORMALISER_VERSION) or found_format != str(FORMAT_VERSION):
            raise ResourceError(
                E_STALE.format(
                    path=path.name,
                    found=found,
                    found_format=found_format,
                    expected=NORMALISER_VERSION,
                    expected_format=FORMAT_VERSION,
                )
            )
        sections = {}
        for part in parts:
            name, _, body = part.partition("]\n")
            sections[name] = body.rstrip("\n").split("\n")
        missing = [name for name in SECTIONS if name not in sections]
        if missing:
            reason = f"missing sections {missing}"
            raise ResourceError(E_FORMAT.format(path=path.name, line=0, reason=reason))
        rows, ids = sections["places"], sections["ids"]
        keys, positions = sections["keys"], sections["positions"]
        if rows[0].split("\t") != list(COLUMNS) or len(rows) - 1 != len(ids):
            raise ResourceError(E_FORMAT.format(path=path.name, line=0, reason="bad [places]"))
        if len(keys) != len(positions):
            raise ResourceError(E_FORMAT.format(path=path.name, line=0, reason="bad [keys]"))
        # Rows stay text until a lookup asks for one; only countries and divisions are read.
        self._lines = rows[1:]
        self._places = [None] * len(self._lines)
        self._by_id = dict(zip(ids, range(len(ids)), strict=True))
        self._index = dict(zip(keys, positions, strict=True))
        self._first_words = {key.partition(" ")[0] for key in keys}
        self.max_words = int(self.header.get("max_words", "1"))
        for number, line in enumerate(self._lines):
            if line[0] == "P":
                break  # regions come first
            cells = line.split("\t")
            if len(cells) != len(COLUMNS) or cells[0] not in _KIND_CODES:
                reason = f"{len(cells)} columns, kind {cells[0]!r}"
                raise ResourceError(E_FORMAT.format(path=path.name, line=number, reason=reason))
            self._read_region(cells)

    def _read_region(self, cells: list[str]) -> None:
        """Countries and admin1 rows are few and always needed: keep them as places."""
        code, pid, name, country, _, lat, lon, pop, _, extra = cells
        place = Place(
            id=pid,
            name=name,
            country=country,
            admin1=None,
            latitude=_float_or_none(lat),
            longitude=_float_or_none(lon),
            kind=_KIND_CODES[code],
            population=int(pop or 0),
        )
        if code == "C":
            self._countries[pid] = place
            if extra:
                south, west, north, east = (float(v) for v in extra.split(","))
                self._bbox[pid] = BBox(south, west, north, east)
        else:
            self._admin1[(country, pid)] = place
            self._admin1_names[pid] = name
            if extra:
                self._admin1_capital[pid] = extra

    def _place(self, position: int) -> Place:
        place = self._places[position]
        if place is not None:
            return place
        cells = self._lines[position].split("\t")
        code, pid, name, country, admin1, lat, lon, pop = cells[:8]
        if code == "C":
            place = self._countries[pid]
        elif code == "A":
            place = self._admin1[(country, pid)]
        else:
            place = Place(
                id=pid,
                name=name,
                country=country,
                admin1=self._admin1_names.get(admin1),
                latitude=_float_or_none(lat),
                longitude=_float_or_none(lon),
                kind="city",
                population=int(pop or 0),
            )
        self._places[position] = place
        return place

    def _read_facilities(self, path: Path) -> None:
        for line, row in _read_tsv(path, FACILITY_COLUMNS):
            country = row["country"]
            if country and country not in self._countries:
                LOGGER.warning("facilities.tsv line %d: unknown country %r", line, country)
            try:
                latitude, longitude = float(row["latitude"]), float(row["longitude"])
                precision = int(row["precision"])
            except ValueError as exc:
                raise ResourceError(
                    E_FORMAT.format(path=path.name, line=line, reason=f"bad number: {exc}")
                ) from exc
            place = Place(
                id=row["id"],
                name=row["name"],
                country=country,
                admin1=row["admin1"] or None,
                latitude=latitude,
                longitude=longitude,
                kind="facility",
            )
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            position = self._add(place)
            info = FacilityInfo(row["kind"], precision, aliases, row["source"])
            self._facilities[place.id] = info
            self._add_name(row["name"], position)
            for alias in aliases:
                self._add_name(alias, position)

    def _add_name(self, written: str, position: int) -> None:
        """Index a curated name with its markers (see the header of facilities.tsv).

        ``?`` marks a name that counts only after a word like "base"; ``~`` a generic one
        that counts only in a document about the place's country.
        """
        cue_only = written.startswith("?")
        context_only = written.startswith("~")
        written = written.lstrip("?~").strip()
        key = normalise(written)
        self._add_key(key, position, cue_only=cue_only, context_only=context_only)
        self._curated_keys.add(key)
        self._curated_names.add((key, position))
        if written[:1].islower():
            self._lowercase_keys.add(key)

    def _read_aliases(self, path: Path) -> None:
        for line, row in _read_tsv(path, ALIAS_COLUMNS):
            position = self._by_id.get(row["target"])
            if position is None:
                LOGGER.warning("aliases.tsv line %d: unknown target %r", line, row["target"])
                continue
            self._add_name(row["alias"], position)

    def _read_demonyms(self, path: Path) -> None:
        for line, row in _read_tsv(path, DEMONYM_COLUMNS):
            if row["country"] not in self._countries:
                LOGGER.warning("demonyms.tsv line %d: unknown country %r", line, row["country"])
                continue
            self._demonyms[normalise(row["form"])] = row["country"]

    # -- queries -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return (self._place(position) for position in range(len(self._places)))

    def get(self, place_id: str) -> Place | None:
        position = self._by_id.get(place_id)
        return None if position is None else self._place(position)

    def lookup(self, name: str) -> list[Place]:
        """Every place a name may stand for, facilities included, most populous first."""
        return self.lookup_key(normalise(name))

    def lookup_key(self, key: str) -> list[Place]:
        """Like :meth:`lookup` for a name already passed through :func:`normalise`."""
        built = self._index.get(key)
        positions = [int(p) for p in built.split(",")] if built else []
        positions.extend(p for p in self._extra.get(key, ()) if p not in positions)
        places = [self._place(p) for p in positions]
        places.sort(key=lambda p: (-p.population, KINDS.index(p.kind), p.id))
        return places

    def has_key(self, key: str) -> bool:
        return key in self._index or key in self._extra

    def may_start(self, word: str) -> bool:
        """Whether some indexed name starts with this normalised word: prunes n-gram scans."""
        return word in self._first_words

    def may_continue(self, key: str) -> bool:
        """Whether some indexed name starts with the first two words of this one."""
        words = key.split(" ", 2)
        if len(words) == 1:
            return words[0] in self._first_words
        if self._first_pairs is None:
            self._first_pairs = {" ".join(k.split(" ", 2)[:2]) for k in self.names()}
        return f"{words[0]} {words[1]}" in self._first_pairs

    def needs_cue(self, key: str, place: Place) -> bool:
        """Whether this name stands for this place only after a facility word ("la base d'")."""
        position = self._by_id[place.id]
        return (key, position) in self._cue_only

    def needs_context(self, key: str, place: Place) -> bool:
        """Whether this generic name ("US embassy") stands for this place only in its country."""
        position = self._by_id[place.id]
        return (key, position) in self._context_only

    def is_curated(self, key: str) -> bool:
        """Whether a name comes from facilities.tsv or aliases.tsv rather than GeoNames."""
        return key in self._curated_keys

    def is_curated_for(self, key: str, place: Place) -> bool:
        """Whether a curated file maps this name to this place ("Deraa" to Daraa, Syria)."""
        position = self._by_id.get(place.id)
        return position is not None and (key, position) in self._curated_names

    def lowercase_ok(self, key: str) -> bool:
        """Whether a curated name is written in lower case ("zone verte") and may match so."""
        return key in self._lowercase_keys

    def demonym(self, word: str) -> str | None:
        """The country a nationality word points to ("syrienne", "Iraqi"), if any."""
        return self._demonyms.get(normalise(word)) if self._demonyms else None

    def country(self, iso2: str) -> Place | None:
        return self._countries.get(iso2.upper())

    def countries(self) -> list[Place]:
        return sorted(self._countries.values(), key=lambda p: p.id)

    def country_by_name(self, name: str) -> Place | None:
        """The country a name or alias stands for ("Irak", "USA"), or an ISO code."""
        if len(name) == 2 and name.isupper() and name in self._countries:
            return self._countries[name]
        for place in self.lookup(name):
            if place.kind == "country":
                return place
        return None

    def country_bbox(self, iso2: str) -> BBox | None:
        return self._bbox.get(iso2.upper())

    def admin1(self, country: str, name: str) -> Place | None:
        """A first-level division of a country by id ("IQ.01"), name or alias ("Anbar")."""
        direct = self._admin1.get((country, name))
        if direct is not None:
            return direct
        for place in self.lookup(name):
            if place.kind == "admin1" and place.country == country:
                return place
        return None

    def admin1_divisions(self, country: str) -> list[Place]:
        return sorted(
            (p for (cc, _), p in self._admin1.items() if cc == country), key=lambda p: p.id
        )

    def admin1_of(self, place: Place) -> Place | None:
        """The first-level division a place lies in, when the gazetteer knows it."""
        if place.kind == "admin1":
            return place
        if place.admin1 is None:
            return None
        return self.admin1(place.country, place.admin1)

    def capital(self, place: Place) -> Place | None:
        """The seat of a first-level division, where region-only events are coded."""
        capital_id = self._admin1_capital.get(place.id)
        return None if capital_id is None else self.get(capital_id)

    def feature_code(self, place: Place) -> str:
        """GeoNames-style feature code: PPLC, PPLA for known seats, PPL for other towns."""
        if place.kind == "city":
            return self._lines[self._by_id[place.id]].split("\t")[8] or "PPL"
        if place.kind == "facility":
            return self._facilities[place.id].kind
        return {"country": "PCLI", "admin1": "ADM1"}[place.kind]

    def facility(self, place_id: str) -> FacilityInfo | None:
        return self._facilities.get(place_id)

    def facilities(self) -> list[Place]:
        return [self._place(self._by_id[fid]) for fid in self._facilities]

    def names(self) -> Iterable[str]:
        """Every normalised key, for diagnostics and tests."""
        return self._index.keys() | self._extra.keys()


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process (and so once per worker)."""
    return Gazetteer.from_files()
