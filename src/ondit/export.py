"""Exports that open in the analyst's tools: mention JSONL, ACLED-shaped CSV, GeoJSON, events.

Exports read the database as reviewed: a corrected field exports its corrected value, a rejected
mention is left out.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from ondit.analyse.actors import actor_table
from ondit.model import RECORD_FIELDS
from ondit.store import Store
from ondit.store.models import REJECTED, EventRow, MentionRow


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    GEOJSON = "geojson"
    EVENTS = "events"


#: ACLED's column names, in ACLED's order, for the fields ondit fills; `n_sources` is ondit's own.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "n_sources",
)


def mention_record(row: MentionRow, *, with_extras: bool = True) -> dict[str, Any]:
    """The ANNOTATION.md record of a stored mention, field for field."""
    record: dict[str, Any] = {}
    for name in RECORD_FIELDS:
        value = getattr(row, name)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        record[name] = list(value) if isinstance(value, list) else value
    if with_extras:
        record["confidence"] = round(row.confidence, 3)
        record["spans"] = row.spans
    return record


def _live_mentions(event: EventRow) -> list[MentionRow]:
    return sorted((m for m in event.mentions if m.review_status != REJECTED), key=lambda m: m.id)


def event_record(event: EventRow) -> dict[str, Any]:
    mentions = _live_mentions(event)
    return {
        "event_id": event.event_id,
        "mentions": [mention_record(m, with_extras=False) for m in mentions],
        "consensus": event.consensus,
        "figures": event.figures,
        "n_documents": event.n_documents,
        "n_outlets": event.n_outlets,
        "contested": event.contested,
    }


def _inter(actor: str | None) -> int | str:
    if actor is None:
        return ""
    info = actor_table().get(actor)
    return info.inter if info is not None else ""


def acled_row(event: EventRow) -> dict[str, Any]:
    consensus = event.consensus or {}
    mentions = _live_mentions(event)
    outlets = sorted({m.document.outlet or m.doc_id for m in mentions})
    inter1, inter2 = _inter(consensus.get("actor1")), _inter(consensus.get("actor2"))
    interaction = ""
    if inter1 != "":
        interaction = f"{inter1}{inter2 if inter2 != '' else 0}"
    precision = min((m.time_precision for m in mentions if m.time_precision), default="")
    geo_precision = min((m.geo_precision for m in mentions if m.geo_precision), default="")
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.date.isoformat() if event.date else "",
        "year": event.date.year if event.date else "",
        "time_precision": precision,
        "event_type": consensus.get("event_type") or event.event_type,
        "sub_event_type": consensus.get("sub_event_type") or "",
        "actor1": consensus.get("actor1") or "",
        "inter1": inter1,
        "actor2": consensus.get("actor2") or "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting"
        if consensus.get("actor2") == "Civilians"
        else "",
        "iso": event.country or "",
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "location": event.location or "",
        "latitude": event.latitude if event.latitude is not None else "",
        "longitude": event.longitude if event.longitude is not None else "",
        "geo_precision": geo_precision,
        "source": "; ".join(outlets),
        "notes": mentions[0].evidence if mentions else "",
        "fatalities": consensus.get("fatalities") if consensus.get("fatalities") is not None else 0,
        "n_sources": event.n_outlets,
    }


def geojson_feature(event: EventRow) -> dict[str, Any] | None:
    if event.latitude is None or event.longitude is None:
        return None
    consensus = event.consensus or {}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
        "properties": {
            "event_id": event.event_id,
            "date": event.date.isoformat() if event.date else None,
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "country": event.country,
            "admin1": event.admin1,
            "location": event.location,
            "actor1": consensus.get("actor1"),
            "actor2": consensus.get("actor2"),
            "fatalities": consensus.get("fatalities"),
            "n_documents": event.n_documents,
            "n_outlets": event.n_outlets,
            "contested": event.contested,
        },
    }


def write_export(store: Store, fmt: ExportFormat, out: IO[str]) -> int:
    """Write one export to an open text stream; returns the number of records written."""
    count = 0
    if fmt is ExportFormat.JSONL:
        for row in store.iter_mention_rows():
            out.write(json.dumps(mention_record(row), ensure_ascii=False) + "\n")
            count += 1
    elif fmt is ExportFormat.EVENTS:
        for event in store.iter_events():
            out.write(json.dumps(event_record(event), ensure_ascii=False) + "\n")
            count += 1
    elif fmt is ExportFormat.CSV:
        writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        for event in store.iter_events():
            writer.writerow(acled_row(event))
            count += 1
    elif fmt is ExportFormat.GEOJSON:
        features = [f for f in (geojson_feature(e) for e in store.iter_events()) if f is not None]
        json.dump(
            {"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, indent=1
        )
        count = len(features)
    return count


def export_to_path(store: Store, fmt: ExportFormat, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_export(store, fmt, out)


def iter_mention_records(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.iter_mention_rows():
        yield mention_record(row)
