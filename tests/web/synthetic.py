"""Synthetic events straight into the tables: thousands in a second, for scale and backend tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from ondit.store import Store
from ondit.store.models import DocumentRow, EventRow, MentionRow

SUBS = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Battles", "Armed clash"),
]
PLACES = [
    ("IQ", "Al Anbar", "Ain al-Asad Air Base", 33.80, 42.44),
    ("IQ", "Erbil", "Erbil International Airport", 36.24, 43.96),
    ("IQ", "Baghdad", "Green Zone", 33.30, 44.39),
    ("SY", "Homs", "Al-Tanf garrison", 33.50, 38.62),
]
OUTLETS = ["AFP", "Reuters", "Rudaw", "Press TV", "France 24"]


def fill(store: Store, n: int) -> None:
    """n documents, each with one mention of its own event, spread over five years."""
    start = date(2019, 1, 1)
    now = datetime(2024, 1, 1)
    documents: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for i in range(n):
        event_type, sub = SUBS[i % len(SUBS)]
        country, admin1, location, lat, lon = PLACES[i % len(PLACES)]
        day = start + timedelta(days=i % 1800)
        evidence = f"Report {i}: rockets hit {location}."
        documents.append(
            {
                "id": i + 1,
                "doc_id": f"doc-{i}",
                "content_hash": f"{i:064d}",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "language": "en",
                "published": day,
                "published_source": "metadata",
                "text": evidence,
                "origin": "scale",
                "n_mentions": 1,
                "stored_at": now,
            }
        )
        consensus = {"event_type": event_type, "actor1": "Islamic State" if i % 7 == 0 else None}
        events.append(
            {
                "id": i + 1,
                "event_id": f"ev-{i:016x}",
                "event_type": event_type,
                "sub_event_type": sub,
                "date": day,
                "country": country,
                "admin1": admin1,
                "location": location,
                "latitude": lat,
                "longitude": lon,
                "consensus": consensus,
                "figures": {},
                "n_documents": 1,
                "n_outlets": 1,
                "contested": i % 11 == 0,
            }
        )
        mentions.append(
            {
                "id": i + 1,
                "document_id": i + 1,
                "event_pk": i + 1,
                "ordinal": 0,
                "doc_id": f"doc-{i}",
                "event_type": event_type,
                "sub_event_type": sub,
                "date": day,
                "country": country,
                "admin1": admin1,
                "location": location,
                "latitude": lat,
                "longitude": lon,
                "actor1": consensus["actor1"],
                "claim_status": "claimed" if i % 5 == 0 else "reported",
                "sources": [],
                "evidence": evidence,
                "confidence": 0.5,
                "spans": {"evidence": [{"start": 0, "end": len(evidence), "text": evidence}]},
                "review_status": "pending",
            }
        )
    with store.sessions() as session:
        session.execute(insert(DocumentRow), documents)
        session.execute(insert(EventRow), events)
        session.execute(insert(MentionRow), mentions)
        session.commit()
