"""Check a gold set of event mentions against the record contract of ANNOTATION.md.

Why this exists: the bundled gold (``samples/gold.jsonl``) is coded by hand,
and ``ondit eval`` scores the extractor against it. A field out of order, a
misspelt sub-event type, a weapon outside the closed list or an ``evidence``
string that no longer occurs in its article would not crash anything; it would
quietly make every score wrong. This script catches those mistakes before they
reach an evaluation run.

It reads the sample corpus the way ondit's readers see it:

* ``articles.jsonl``: one article per line (``id``, ``language``, ``outlet``,
  ``published``, ``title``, ``url``, ``text``);
* ``html/*.html``: one article per page, id = file stem, text = the ``<p>``
  paragraphs inside ``<article>``;
* ``text/*.txt``: one article per file, id = file stem, text = the whole file.

It takes the record's fields, the taxonomy, the weapons and the claim statuses from the
package, so the gold and the extractor are checked against one contract::

    .venv/bin/python scripts/check_gold.py              # checks samples/
    .venv/bin/python scripts/check_gold.py SAMPLES_DIR  # or another corpus laid out alike

Exit status 0 when every check passes, 1 otherwise (each problem is printed).
The constants below mirror ANNOTATION.md; change both together.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ondit.model import CLAIM_PRECEDENCE, RECORD_FIELDS
from ondit.model import WEAPONS as MODEL_WEAPONS
from ondit.resources import world_resource

#: ANNOTATION.md's contract, taken from the package so the checker and the extractor agree.
SUB_EVENT_TYPES: dict[str, frozenset[str]] = {
    kind: frozenset(subs) for kind, subs in world_resource("taxonomy")["event_types"].items()
}
WEAPONS: frozenset[str] = frozenset(MODEL_WEAPONS)
CLAIM_STATUSES: frozenset[str] = frozenset(CLAIM_PRECEDENCE)
ARTICLE_KEYS: tuple[str, ...] = ("id", "language", "outlet", "published", "title", "url", "text")
LANGUAGES: frozenset[str] = frozenset({"fr", "en"})
PRECISIONS: frozenset[int] = frozenset({1, 2, 3})
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


class _ArticleParagraphs(HTMLParser):
    """Collects the text of ``<p>`` elements inside ``<article>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._article_depth = 0
        self._in_p = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article_depth += 1
        elif tag == "p" and self._article_depth:
            self._in_p = True
            self._buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._in_p:
            text = " ".join("".join(self._buffer).split())
            if text:
                self.paragraphs.append(text)
            self._in_p = False
        elif tag == "article" and self._article_depth:
            self._article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self._buffer.append(data)


def html_article_text(markup: str) -> str:
    """The article body of an HTML page: its ``<article>`` paragraphs, blank-line separated."""
    parser = _ArticleParagraphs()
    parser.feed(markup)
    parser.close()
    return "\n\n".join(parser.paragraphs)


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _is_count(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _is_coordinate(value: Any, limit: float) -> bool:
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return -limit <= value <= limit


def _is_name(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == value and value != "")


def load_documents(samples: Path, errors: list[str]) -> dict[str, str]:
    """Every sample document's text by id; shape problems are appended to ``errors``."""
    documents: dict[str, str] = {}

    def add(doc_id: str, text: str, where: str) -> None:
        if doc_id in documents:
            errors.append(f"{where}: duplicate document id {doc_id!r}")
        documents[doc_id] = text

    articles = samples / "articles" / "articles.jsonl"
    if articles.exists():
        for number, line in enumerate(articles.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{articles.name}:{number}"
            if not line.strip():
                continue
            try:
                article = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc})")
                continue
            if not isinstance(article, dict):
                errors.append(f"{where}: not a JSON object")
                continue
            missing = [key for key in ARTICLE_KEYS if key not in article]
            if missing:
                errors.append(f"{where}: missing keys {missing}")
            if article.get("language") not in LANGUAGES:
                errors.append(
                    f"{where}: language {article.get('language')!r} not in {sorted(LANGUAGES)}"
                )
            if not _is_iso_date(article.get("published")):
                errors.append(f"{where}: published {article.get('published')!r} is not an ISO date")
            text = article.get("text")
            doc_id = article.get("id")
            if not isinstance(doc_id, str) or not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: needs a string id and a non-empty text")
                continue
            add(doc_id, text, where)

    for page in sorted((samples / "articles" / "html").glob("*.html")):
        text = html_article_text(page.read_text(encoding="utf-8"))
        if not text:
            errors.append(f"html/{page.name}: no <p> paragraphs inside <article>")
        add(page.stem, text, f"html/{page.name}")

    for plain in sorted((samples / "articles" / "text").glob("*.txt")):
        add(plain.stem, plain.read_text(encoding="utf-8"), f"text/{plain.name}")

    if not documents:
        errors.append(f"{samples}: no documents found")
    return documents


def check_record(record: dict[str, Any], documents: dict[str, str]) -> list[str]:
    """The problems of one gold record (an empty list when it is valid)."""
    problems: list[str] = []
    keys = list(record)
    if keys != list(RECORD_FIELDS):
        extra = [key for key in keys if key not in RECORD_FIELDS]
        missing = [key for key in RECORD_FIELDS if key not in record]
        detail = (
            f"missing {missing}, unexpected {extra}" if extra or missing else "fields out of order"
        )
        problems.append(f"fields differ from ANNOTATION.md ({detail})")

    doc_id = record.get("doc_id")
    if doc_id not in documents:
        problems.append(f"doc_id {doc_id!r} is not a sample document")

    event_type = record.get("event_type")
    sub_event_type = record.get("sub_event_type")
    if event_type not in SUB_EVENT_TYPES:
        problems.append(f"event_type {event_type!r} is not in ANNOTATION.md's table")
    elif sub_event_type not in SUB_EVENT_TYPES[event_type]:
        problems.append(f"sub_event_type {sub_event_type!r} does not belong to {event_type!r}")

    event_date = record.get("date")
    if event_date is not None and not _is_iso_date(event_date):
        problems.append(f"date {event_date!r} is not an ISO date")
    precision = record.get("time_precision")
    if precision is not None and precision not in PRECISIONS:
        problems.append(f"time_precision {precision!r} not in 1, 2, 3")
    if event_date is not None and precision is None:
        problems.append("a dated record needs a time_precision")

    country = record.get("country")
    if country is not None and not (isinstance(country, str) and COUNTRY_RE.match(country)):
        problems.append(f"country {country!r} is not an ISO 3166-1 alpha-2 code")
    for name in ("admin1", "location", "actor1", "actor2"):
        if not _is_name(record.get(name)):
            problems.append(f"{name} must be null or a trimmed non-empty string")
    if not _is_coordinate(record.get("latitude"), 90):
        problems.append(f"latitude {record.get('latitude')!r} is not a latitude")
    if not _is_coordinate(record.get("longitude"), 180):
        problems.append(f"longitude {record.get('longitude')!r} is not a longitude")
    if (record.get("latitude") is None) != (record.get("longitude") is None):
        problems.append("latitude and longitude must be both set or both null")
    geo = record.get("geo_precision")
    if geo is not None and geo not in PRECISIONS:
        problems.append(f"geo_precision {geo!r} not in 1, 2, 3")
    if record.get("latitude") is not None and geo is None:
        problems.append("a located record needs a geo_precision")

    weapon = record.get("weapon")
    if weapon is not None and weapon not in WEAPONS:
        problems.append(f"weapon {weapon!r} is not in the closed list")
    for name in ("munitions", "fatalities", "injured"):
        if not _is_count(record.get(name)):
            problems.append(f"{name} must be null or a non-negative integer")

    status = record.get("claim_status")
    if status not in CLAIM_STATUSES:
        problems.append(f"claim_status {status!r} is not one of {sorted(CLAIM_STATUSES)}")

    sources = record.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        problems.append("sources must be a list of non-empty strings")
    elif status == "asserted" and sources:
        problems.append("an asserted record has no sources")

    evidence = record.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        problems.append("evidence must be a non-empty string")
    elif doc_id in documents and evidence not in documents[doc_id]:
        problems.append(f"evidence is not a substring of {doc_id}'s text: {evidence[:60]!r}...")
    return problems


def check(samples: Path) -> tuple[list[str], Counter[str], int]:
    """The problems found in ``samples``, gold records per document, and the document count."""
    errors: list[str] = []
    documents = load_documents(samples, errors)
    per_document: Counter[str] = Counter()
    gold = samples / "gold.jsonl"
    if not gold.exists():
        return [*errors, f"{gold}: missing"], per_document, len(documents)
    for number, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{gold.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: not JSON ({exc})")
            continue
        if not isinstance(record, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        errors.extend(f"{where}: {problem}" for problem in check_record(record, documents))
        per_document[str(record.get("doc_id"))] += 1
    return errors, per_document, len(documents)


def main(argv: list[str] | None = None) -> int:
    """Check the corpus named on the command line (default: the repository's samples/)."""
    default = Path(__file__).resolve().parent.parent / "samples"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("samples", nargs="?", type=Path, default=default, help="corpus directory")
    args = parser.parse_args(argv)
    errors, per_document, documents = check(args.samples)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"FAILED: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    records = sum(per_document.values())
    print(
        f"OK: {records} gold records on {len(per_document)} of {documents} documents"
        f" ({args.samples})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
