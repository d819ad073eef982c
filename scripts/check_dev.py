"""Check the development gold sets against ANNOTATION.md and print their coverage.

ondit's rules, lexicons and thresholds are tuned against ``dev/``: a set of short
documents written for ondit (``documents.jsonl``) with their gold mentions
(``gold.jsonl``) and the list of documents that hold no event (``traps.jsonl``), plus
the gold for the five seed articles (``seeds_gold.jsonl``), whose text stays outside
the repository and is pointed at by character offsets. A misspelt sub-event type, a
non-ISO date or an evidence string that is not in its document would silently skew
every score computed on them, so this script rejects such records. It also prints
the coverage tables that ``dev/README.md`` reproduces.

Usage::

    .venv/bin/python scripts/check_dev.py                     # seed texts from ../shared/seeds
    .venv/bin/python scripts/check_dev.py --seeds-dir DIR     # or from $ONDIT_SEEDS_DIR
    .venv/bin/python scripts/check_dev.py --skip-seed-texts   # say so to skip the offset check

Exit status 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ondit.model import CLAIM_PRECEDENCE, RECORD_FIELDS
from ondit.model import WEAPONS as MODEL_WEAPONS
from ondit.resources import world_resource
from ondit.resources.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "dev"
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"


def _names(listing: str) -> frozenset[str]:
    """Split a ``;``-separated listing of names, ignoring line breaks."""
    return frozenset(" ".join(name.split()) for name in listing.split(";") if name.strip())


# --- The contract (ANNOTATION.md) -------------------------------------------------

SEED_FIELDS: tuple[str, ...] = (*RECORD_FIELDS, "evidence_offsets")

TAXONOMY: dict[str, tuple[str, ...]] = {
    kind: tuple(subs) for kind, subs in world_resource("taxonomy")["event_types"].items()
}
SUB_TO_TYPE = {sub: kind for kind, subs in TAXONOMY.items() for sub in subs}

WEAPONS = frozenset(MODEL_WEAPONS)
CLAIM_STATUSES = CLAIM_PRECEDENCE

# dev/README.md conventions: sub-types that always name a means ("unknown" when the
# text does not), and those that never carry one.
NEEDS_WEAPON = frozenset(
    {
        *TAXONOMY["Battles"],
        *TAXONOMY["Explosions/Remote violence"],
        "Attack",
        "Excessive force against protesters",
        "Disrupted weapons use",
    }
)
NO_WEAPON = frozenset(
    {
        "Sexual violence",
        "Peaceful protest",
        "Protest with intervention",
        *TAXONOMY["Riots"],
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    }
)

# Canonical actor names: the project's actor dictionary, and the names dev/README.md
# adds for actors it does not hold yet.
ACTORS = _names("""
    United States; Coalition forces; Iraqi security forces; Iraqi government;
    Popular Mobilization Forces; Kataib Hezbollah; Asaib Ahl al-Haq; Harakat al-Nujaba;
    Kataib Sayyid al-Shuhada; Ashab al-Kahf; Saraya Awliya al-Dam;
    Islamic Resistance in Iraq; Saraya al-Salam; Islamic State; Turkey; Iran;
    Islamic Revolutionary Guard Corps; Israel; Israeli settlers; Syrian government;
    Syrian Democratic Forces; People's Protection Units; Kurdistan Workers' Party;
    Peshmerga; Kurdistan Regional Government; Kurdistan Democratic Party;
    Kurdistan Democratic Party of Iran; Syrian National Army; Hayat Tahrir al-Sham;
    Arab tribal fighters; Houthis; Saudi-led coalition; Hezbollah; Lebanese Armed Forces;
    Hamas; Russia; Ukraine; Wagner Group; France; Al-Shabaab; Somali security forces;
    JNIM; Malian security forces; Permanent Strategic Framework; MINUSMA; Boko Haram;
    Nigerian security forces; Taliban; Afghan security forces; Sudanese Armed Forces;
    Rapid Support Forces; Sudanese security forces; M23; Allied Democratic Forces;
    Congolese security forces; Mexican security forces; Sinaloa Cartel;
    Jalisco New Generation Cartel; Protesters; Rioters; Civilians
""")


def known_admin1(country: str) -> frozenset[str]:
    """The divisions a record may name: the list below where it covers the country, else the
    English GeoNames names the gazetteer holds (Burkina Faso's "Sahel", Chad's "Lac")."""
    listed = ADMIN1.get(country)
    if listed is not None:
        return listed
    return frozenset(p.name for p in load_gazetteer().admin1_divisions(country))


# First-level divisions: the spellings of src/ondit/resources/geo/admin1.tsv where it
# covers the country, English GeoNames names (ASCII) elsewhere.
ADMIN1: dict[str, frozenset[str]] = {
    "IQ": _names("""
        Al Anbar; Al Basrah; Al Muthanna; Al Qadisiyah; As Sulaymaniyah; Babil; Baghdad;
        Duhok; Dhi Qar; Diyala; Erbil; Karbala; Kirkuk; Maysan; Ninawa; Wasit; An Najaf;
        Salah ad Din; Halabja
    """),
    "SY": _names("""
        Al-Hasakah; Latakia; Quneitra; Ar-Raqqah; As-Suwayda; Daraa; Deir ez-Zor;
        Rif Dimashq; Aleppo; Hama; Homs; Idlib; Damascus; Tartus
    """),
    "YE": _names("""
        Abyan; Aden; Al Mahrah; Hadramawt; Shabwah; Al Hudaydah; Al Mahwit; Dhamar;
        Marib; Sadah; Sanaa; Ad Dali; Amran; Al Bayda; Al Jawf; Hajjah; Ibb; Lahij;
        Taizz; Amanat al Asimah; Raymah; Socotra
    """),
    "LB": _names("""
        Beirut; Mount Lebanon; South Lebanon; Nabatieh; Bekaa; North Lebanon; Akkar;
        Baalbek-Hermel
    """),
    "IL": _names("""
        Southern District; Central District; Northern District; Haifa; Tel Aviv; Jerusalem
    """),
    "PS": _names("Gaza Strip; West Bank"),
    "UA": _names("""
        Cherkasy; Chernihiv; Chernivtsi; Crimea; Dnipropetrovsk; Donetsk; Ivano-Frankivsk;
        Kharkiv; Kherson; Khmelnytskyi; Kirovohrad; Kyiv; Kyiv City; Luhansk; Lviv;
        Mykolaiv; Odesa; Poltava; Rivne; Sevastopol; Sumy; Ternopil; Transcarpathia;
        Vinnytsia; Volyn; Zaporizhia; Zhytomyr
    """),
    "RU": _names("Belgorod Oblast; Bryansk Oblast; Kursk Oblast"),
    "AF": _names("""
        Badakhshan; Badghis; Baghlan; Balkh; Bamyan; Daykundi; Farah; Faryab; Ghazni;
        Ghowr; Helmand; Herat; Jowzjan; Kabul; Kandahar; Kapisa; Khowst; Kunar; Kunduz;
        Laghman; Logar; Nangarhar; Nimroz; Nuristan; Oruzgan; Paktia; Paktika; Panjshir;
        Parwan; Samangan; Sar-e Pol; Takhar; Vardak; Zabul
    """),
    "NG": _names("""
        Abia; Adamawa; Akwa Ibom; Anambra; Bauchi; Bayelsa; Benue; Borno; Cross River;
        Delta; Ebonyi; Edo; Ekiti; Enugu; FCT; Gombe; Imo; Jigawa; Kaduna; Kano; Katsina;
        Kebbi; Kogi; Kwara; Lagos; Nassarawa; Niger; Ogun; Ondo; Osun; Oyo; Plateau;
        Rivers; Sokoto; Taraba; Yobe; Zamfara
    """),
    "ML": _names("""
        Bamako; Gao; Kayes; Kidal; Koulikoro; Menaka; Mopti; Segou; Sikasso; Taoudenit;
        Tombouctou
    """),
    "SO": _names("""
        Awdal; Bakool; Banaadir; Bari; Bay; Galguduud; Gedo; Hiiraan; Lower Juba;
        Lower Shabeelle; Middle Juba; Middle Shabele; Mudug; Nugaal; Sanaag; Sool;
        Togdheer; Woqooyi Galbeed
    """),
    "SD": _names("""
        Al Jazirah; Al Qadarif; Blue Nile; Central Darfur; Eastern Darfur; Kassala;
        Khartoum; North Kordofan; Northern Darfur; Northern State; Red Sea; River Nile;
        Sinnar; Southern Darfur; Southern Kordofan; West Kordofan State; Western Darfur;
        White Nile
    """),
    "CD": _names("""
        Bas-Congo; Bas-Uele; Equateur; Haut-Katanga; Haut-Lomami; Haut-Uele; Ituri; Kasai;
        Kasai-Central; Kasai-Oriental; Kinshasa; Kwango; Kwilu; Lomami; Lualaba;
        Mai-Ndombe; Maniema; Mongala; Nord Kivu; Nord-Ubangi; Sankuru; South Kivu;
        Sud-Ubangi; Tanganyika; Tshopo; Tshuapa
    """),
    "MX": _names("""
        Aguascalientes; Baja California; Baja California Sur; Campeche; Chiapas;
        Chihuahua; Coahuila; Colima; Durango; Guanajuato; Guerrero; Hidalgo; Jalisco;
        Mexico; Mexico City; Michoacan; Morelos; Nayarit; Nuevo Leon; Oaxaca; Puebla;
        Queretaro; Quintana Roo; San Luis Potosi; Sinaloa; Sonora; Tabasco; Tamaulipas;
        Tlaxcala; Veracruz; Yucatan; Zacatecas
    """),
}

TRAP_CATEGORIES = (
    "total",
    "background",
    "forecast_threat",
    "opinion",
    "statement",
    "vote",
    "parade",
    "troop_announcement",
    "aid_pledge",
    "negated",
    "hypothetical",
    "exercise",
    "arms_sale",
)

# The seed articles (their text is third-party and stays outside the repository) and
# their publication dates, from the seeds' README.
SEED_PUBLISHED: dict[str, date] = {
    "000_592d23aa60ecb752": date(2021, 7, 10),
    "001_53ff7e409aff7c0f": date(2020, 1, 6),
    "002_fecb5f3c7cc9b029": date(2021, 8, 28),
    "003_ed6ee1afb0d2860c": date(2020, 11, 18),
    "004_f1e36b4eed6455ff": date(2021, 1, 23),
}

DOC_ID = re.compile(r"dev-(fr|en)-\d{3}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FIRST_PUBLISHED, LAST_PUBLISHED = date(2019, 1, 1), date(2025, 12, 31)
LANGUAGES = ("fr", "en")


class Report:
    """Collects problems as ``file:line: message``."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        """Record one problem."""
        self.errors.append(f"{where}: {message}")


def read_jsonl(path: Path, report: Report) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (``file:line``, object) for each non-blank line of a JSON Lines file."""
    if not path.is_file():
        report.error(str(path.relative_to(ROOT)), "file is missing")
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.relative_to(ROOT)}:{number}"
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            report.error(where, f"not JSON ({exc.msg})")
            continue
        if not isinstance(value, dict):
            report.error(where, "not a JSON object")
            continue
        yield where, value


def parse_date(value: object) -> date | None:
    """Return an ISO ``YYYY-MM-DD`` string as a date, else None."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def is_count(value: object) -> bool:
    """Tell whether a value is null or a non-negative integer."""
    return value is None or (type(value) is int and value >= 0)


def is_coordinate(value: object, limit: float) -> bool:
    """Tell whether a value is a degree within +-limit with at most two decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    number = float(value)
    return -limit <= number <= limit and round(number, 2) == number


def check_documents(report: Report) -> dict[str, dict[str, Any]]:
    """Check dev/documents.jsonl and return the documents by id."""
    docs: dict[str, dict[str, Any]] = {}
    for where, doc in read_jsonl(DEV / "documents.jsonl", report):
        if list(doc) != ["id", "language", "published", "text"]:
            report.error(where, "keys must be id, language, published, text")
            continue
        match = DOC_ID.fullmatch(str(doc["id"]))
        if not match or match[1] != doc["language"]:
            report.error(where, f"bad id {doc['id']!r} for language {doc['language']!r}")
        if doc["id"] in docs:
            report.error(where, f"duplicate id {doc['id']}")
        published = parse_date(doc["published"])
        if published is None or not FIRST_PUBLISHED <= published <= LAST_PUBLISHED:
            report.error(where, f"published must be an ISO date in 2019-2025: {doc['published']!r}")
        if not isinstance(doc["text"], str) or not doc["text"].strip():
            report.error(where, "empty text")
        docs[str(doc["id"])] = doc
    return docs


def check_traps(report: Report, docs: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Check dev/traps.jsonl and return each trap document's category."""
    traps: dict[str, str] = {}
    for where, row in read_jsonl(DEV / "traps.jsonl", report):
        if list(row) != ["doc_id", "category"]:
            report.error(where, "keys must be doc_id, category")
            continue
        if row["doc_id"] not in docs:
            report.error(where, f"unknown document {row['doc_id']!r}")
        if row["category"] not in TRAP_CATEGORIES:
            report.error(where, f"unknown trap category {row['category']!r}")
        if row["doc_id"] in traps:
            report.error(where, f"document {row['doc_id']} listed twice")
        traps[str(row["doc_id"])] = str(row["category"])
    return traps


def check_record(where: str, rec: dict[str, Any], published: date | None, report: Report) -> None:
    """Check the field rules shared by both gold files (all but the evidence)."""
    err = report.error
    sub = rec["sub_event_type"]
    if rec["event_type"] not in TAXONOMY:
        err(where, f"unknown event_type {rec['event_type']!r}")
    elif SUB_TO_TYPE.get(sub) != rec["event_type"]:
        err(where, f"sub_event_type {sub!r} is not a type of {rec['event_type']!r}")

    event_date = parse_date(rec["date"])
    if rec["date"] is None:
        if rec["time_precision"] is not None:
            err(where, "time_precision without a date")
    elif event_date is None:
        err(where, f"date is not ISO: {rec['date']!r}")
    else:
        if rec["time_precision"] not in (1, 2, 3):
            err(where, "time_precision must be 1, 2 or 3 when there is a date")
        if published is not None and event_date > published:
            err(where, f"event date {event_date} is after publication {published}")

    country, admin1 = rec["country"], rec["admin1"]
    if country is None:
        if rec["date"] is None:
            err(where, "an incident needs a place or a date (rule 1)")
        if any(rec[k] is not None for k in ("admin1", "location", "geo_precision")):
            err(where, "place fields without a country")
    elif not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}", country):
        err(where, f"country must be ISO 3166-1 alpha-2: {country!r}")
    elif admin1 is not None and admin1 not in known_admin1(country):
        err(where, f"admin1 {admin1!r} is not a known division of {country}")
    if country is not None and rec["geo_precision"] not in (1, 2, 3):
        err(where, "geo_precision must be 1, 2 or 3")
    if country is not None and admin1 is None and rec["geo_precision"] != 3:
        err(where, "a place known only by its country has geo_precision 3")
    located = rec["location"] is not None
    if located and (not isinstance(rec["location"], str) or admin1 is None):
        err(where, "location must be a name inside a known admin1")
    lat, lon = rec["latitude"], rec["longitude"]
    if located != (lat is not None) or (lat is None) != (lon is None):
        err(where, "latitude and longitude go with a location, both or neither")
    elif lat is not None and not (is_coordinate(lat, 90) and is_coordinate(lon, 180)):
        err(where, f"bad coordinates {lat}, {lon} (decimal degrees, two decimals)")

    for key in ("actor1", "actor2"):
        if rec[key] is not None and rec[key] not in ACTORS:
            err(where, f"{key} {rec[key]!r} is not a canonical actor name")
    weapon = rec["weapon"]
    if weapon is not None and weapon not in WEAPONS:
        err(where, f"weapon {weapon!r} is not in the closed list")
    if sub in NEEDS_WEAPON and weapon is None:
        err(where, f"{sub} names its means ('unknown' when the text does not)")
    if sub in NO_WEAPON and weapon is not None:
        err(where, f"{sub} carries no weapon")
    for key in ("munitions", "fatalities", "injured"):
        if not is_count(rec[key]):
            err(where, f"{key} must be a non-negative integer or null")

    status, sources = rec["claim_status"], rec["sources"]
    if status not in CLAIM_STATUSES:
        err(where, f"unknown claim_status {status!r}")
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        err(where, "sources must be a list of names")
    elif len(set(sources)) != len(sources):
        err(where, "a source is listed twice")
    elif status == "asserted" and sources:
        err(where, "an asserted mention has no sources")
    elif status == "reported" and not sources:
        err(where, "a reported mention names its source")


def check_gold(report: Report, docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Check dev/gold.jsonl, evidence included, and return its records."""
    gold: list[dict[str, Any]] = []
    for where, rec in read_jsonl(DEV / "gold.jsonl", report):
        if tuple(rec) != RECORD_FIELDS:
            report.error(where, "fields differ from ANNOTATION.md (names or order)")
            continue
        doc = docs.get(rec["doc_id"])
        if doc is None:
            report.error(where, f"unknown document {rec['doc_id']!r}")
            continue
        check_record(where, rec, parse_date(doc["published"]), report)
        evidence = rec["evidence"]
        if not isinstance(evidence, str) or not evidence.strip():
            report.error(where, "evidence must be a non-empty string")
        elif evidence not in doc["text"]:
            report.error(where, "evidence is not a substring of the document")
        gold.append(rec)
    return gold


def check_seeds(report: Report, seeds_dir: Path | None) -> list[dict[str, Any]]:
    """Check dev/seeds_gold.jsonl; offsets against the texts when a folder is given."""
    rows: list[dict[str, Any]] = []
    for where, rec in read_jsonl(DEV / "seeds_gold.jsonl", report):
        if tuple(rec) != SEED_FIELDS:
            report.error(where, "fields must be ANNOTATION.md's plus evidence_offsets")
            continue
        published = SEED_PUBLISHED.get(rec["doc_id"])
        if published is None:
            report.error(where, f"unknown seed article {rec['doc_id']!r}")
            continue
        check_record(where, rec, published, report)
        if rec["evidence"] is not None:
            report.error(where, "seed evidence is stored as offsets only")
        offsets = rec["evidence_offsets"]
        if not (
            isinstance(offsets, list)
            and len(offsets) == 2
            and all(type(x) is int for x in offsets)
            and 0 <= offsets[0] < offsets[1]
        ):
            report.error(where, "evidence_offsets must be [start, end], start < end")
        elif seeds_dir is not None:
            path = seeds_dir / f"{rec['doc_id']}.txt"
            if not path.is_file():
                report.error(where, f"seed text {path} not found")
            else:
                text = path.read_text(encoding="utf-8")
                span = text[offsets[0] : offsets[1]]
                if offsets[1] > len(text):
                    report.error(where, f"offsets beyond the text ({len(text)} chars)")
                elif span != span.strip() or not span:
                    report.error(where, "evidence span starts or ends on white space")
        rows.append(rec)
    return rows


def check_coverage(
    report: Report,
    docs: dict[str, dict[str, Any]],
    traps: dict[str, str],
    gold: list[dict[str, Any]],
) -> None:
    """Check that each document is a trap or holds a mention, and sub-types are covered."""
    with_gold = {rec["doc_id"] for rec in gold}
    for doc_id in sorted(docs):
        if doc_id in traps and doc_id in with_gold:
            report.error("dev/traps.jsonl", f"{doc_id} is a trap but has gold mentions")
        if doc_id not in traps and doc_id not in with_gold:
            report.error("dev/gold.jsonl", f"{doc_id} has no mention and is not a trap")
    seen = Counter((docs[r["doc_id"]]["language"], r["sub_event_type"]) for r in gold)
    for sub in SUB_TO_TYPE:
        for lang in LANGUAGES:
            if not seen[lang, sub]:
                report.error("dev/gold.jsonl", f"no {lang} mention of {sub!r}")


def table(title: str, header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """Render a titled Markdown table."""
    head = list(header)
    lines = [
        f"**{title}**",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(" --- " for _ in head) + "|",
    ]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def by_language(
    title: str, first: str, keys: Iterable[str], counts: Counter[tuple[str, str]]
) -> str:
    """Render counts keyed by (language, value) as one row per value."""
    rows = []
    for key in keys:
        fr, en = counts["fr", key], counts["en", key]
        rows.append((key, fr, en, fr + en))
    return table(title, (first, "fr", "en", "total"), rows)


def coverage(
    docs: dict[str, dict[str, Any]],
    traps: dict[str, str],
    gold: list[dict[str, Any]],
    seeds: list[dict[str, Any]],
) -> str:
    """Render the coverage tables that dev/README.md reproduces."""
    lang_of = {doc_id: doc["language"] for doc_id, doc in docs.items()}
    n_docs = Counter(lang_of.values())
    n_traps = Counter(lang_of[d] for d in traps)
    n_gold = Counter(lang_of[r["doc_id"]] for r in gold)
    size = table(
        "Size",
        ("", "fr", "en", "total"),
        [
            (label, c["fr"], c["en"], c["fr"] + c["en"])
            for label, c in (
                ("documents", n_docs),
                ("documents with events", n_docs - n_traps),
                ("trap documents (no event)", n_traps),
                ("gold mentions", n_gold),
            )
        ],
    )

    def counted(key: str) -> Counter[tuple[str, str]]:
        """Count gold mentions by (language, value of key)."""
        return Counter((lang_of[r["doc_id"]], str(r[key])) for r in gold)

    subs = counted("sub_event_type")
    sub_rows = [
        (f"{SUB_TO_TYPE[s]} / {s}", subs["fr", s], subs["en", s], subs["fr", s] + subs["en", s])
        for s in SUB_TO_TYPE
    ]
    trap_counts = Counter((lang_of[d], c) for d, c in traps.items())
    precision = Counter(
        (
            lang_of[r["doc_id"]],
            {None: "no date", 1: "1 (day)", 2: "2 (week)", 3: "3 (month)"}[r["time_precision"]],
        )
        for r in gold
    )
    weapons = counted("weapon")
    seed_rows = Counter((r["doc_id"], r["sub_event_type"]) for r in seeds)
    parts = [
        size,
        table(
            "Gold mentions by sub-event type",
            ("event type / sub-event type", "fr", "en", "total"),
            sub_rows,
        ),
        by_language("Trap documents by category", "category", TRAP_CATEGORIES, trap_counts),
        by_language(
            "Gold mentions by claim status", "claim_status", CLAIM_STATUSES, counted("claim_status")
        ),
        by_language("Gold mentions by weapon", "weapon", [*sorted(WEAPONS), "None"], weapons),
        by_language(
            "Gold mentions by time precision",
            "time_precision",
            ("1 (day)", "2 (week)", "3 (month)", "no date"),
            precision,
        ),
        table(
            "Seed gold mentions",
            ("article", "sub-event type", "mentions"),
            [(d, s, n) for (d, s), n in sorted(seed_rows.items())],
        ),
    ]
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run every check, print the coverage tables, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--seeds-dir",
        type=Path,
        help="folder holding the seed articles (default: $ONDIT_SEEDS_DIR, "
        "else ../shared/seeds next to the repository)",
    )
    group.add_argument(
        "--skip-seed-texts",
        action="store_true",
        help="do not check seed evidence offsets against the texts",
    )
    args = parser.parse_args(argv)

    seeds_dir: Path | None = None
    if not args.skip_seed_texts:
        seeds_dir = args.seeds_dir or Path(os.environ.get("ONDIT_SEEDS_DIR", DEFAULT_SEEDS))

    report = Report()
    if seeds_dir is not None and not seeds_dir.is_dir():
        report.error(
            str(seeds_dir),
            "seed folder not found (pass --seeds-dir, or "
            "--skip-seed-texts to leave offsets unchecked)",
        )
        seeds_dir = None
    docs = check_documents(report)
    traps = check_traps(report, docs)
    gold = check_gold(report, docs)
    seeds = check_seeds(report, seeds_dir)
    check_coverage(report, docs, traps, gold)

    print(coverage(docs, traps, gold, seeds))
    if report.errors:
        print(f"\n{len(report.errors)} problem(s):", file=sys.stderr)
        for line in report.errors:
            print(f"  {line}", file=sys.stderr)
        return 1
    seeds_note = "offsets checked" if seeds_dir else "offsets NOT checked against texts"
    print(
        f"\nOK: {len(docs)} documents, {len(gold)} gold mentions, {len(traps)} traps, "
        f"{len(seeds)} seed mentions ({seeds_note}).",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
