"""Mentions across documents → events: which reports tell the same incident.

Pure functions over Mention records: whether two mentions can be one incident, and what an event
made of several mentions says (consensus per field, every source's figure, whether it is
contested). The store applies them incrementally as documents arrive.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ondit.geo import haversine_km
from ondit.model import CLAIM_PRECEDENCE, Mention

#: Places further apart than this are different incidents (ANNOTATION.md's matching radius).
MAX_DISTANCE_KM = 50.0
#: Dates further apart than this (in days, at day precision) are different incidents.
MAX_DAY_GAP = 1
#: Day gap allowed per step of time precision: a week-precise date may be off by a week.
PRECISION_DAYS = {1: 1, 2: 7, 3: 31}
_CONSENSUS_FIELDS = (
    "event_type",
    "sub_event_type",
    "date",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "actor1",
    "actor2",
    "weapon",
    "munitions",
    "fatalities",
    "injured",
)
_FIGURE_FIELDS = ("munitions", "fatalities", "injured", "actor1", "date", "location")


def dates_compatible(a: Mention, b: Mention) -> bool:
    if a.date is None or b.date is None:
        return False
    gap = abs((a.date - b.date).days)
    allowed = max(
        PRECISION_DAYS.get(a.time_precision or 1, 1), PRECISION_DAYS.get(b.time_precision or 1, 1)
    )
    return gap <= allowed


def places_compatible(a: Mention, b: Mention) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.location and b.location and a.location == b.location:
        return True
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        assert a.latitude is not None and a.longitude is not None
        assert b.latitude is not None and b.longitude is not None
        return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MAX_DISTANCE_KM
    return bool(
        (a.geo_precision == 3 or b.geo_precision == 3) and a.admin1 and a.admin1 == b.admin1
    )


def actors_compatible(a: Mention, b: Mention) -> bool:
    return (
        a.actor1 is None
        or b.actor1 is None
        or a.actor1 == b.actor1
        or a.claim_status in ("disputed", "denied")
        or b.claim_status in ("disputed", "denied")
    )


def compatible(a: Mention, b: Mention) -> bool:
    """Whether two mentions from different documents can be one incident."""
    if a.doc_id == b.doc_id or a.event_type != b.event_type:
        return False
    if a.date is None or b.date is None:
        # Without a date only the same named facility on the same day could tie them: refuse.
        return False
    return dates_compatible(a, b) and places_compatible(a, b) and actors_compatible(a, b)


def event_id_for(first: Mention, content_hash: str, ordinal: int) -> str:
    """A stable id: the same first mention always names its event the same way."""
    digest = hashlib.sha1(f"{content_hash}:{ordinal}:{first.sub_event_type}".encode()).hexdigest()
    return f"ev-{digest[:16]}"


def _vote(values: Sequence[Any]) -> tuple[Any, str]:
    present = [v for v in values if v is not None]
    if not present:
        return None, "none stated"
    counts = Counter(present)
    best, n = counts.most_common(1)[0]
    ties = [v for v, c in counts.items() if c == n]
    if len(ties) > 1:
        best = next(v for v in present if v in ties)
        return best, "tie: earliest report"
    return best, "majority" if n > 1 else "single report"


def summarise(mentions: Sequence[Mention], outlets: Sequence[str | None]) -> dict[str, Any]:
    """Consensus, figures per source, counts and the contested flag of an event's mentions."""
    consensus: dict[str, Any] = {}
    rules: dict[str, str] = {}
    for name in _CONSENSUS_FIELDS:
        value, rule = _vote([getattr(m, name) for m in mentions])
        consensus[name] = value.isoformat() if hasattr(value, "isoformat") else value
        rules[name] = rule
    statuses = sorted({m.claim_status for m in mentions}, key=CLAIM_PRECEDENCE.index)
    consensus["claim_statuses"] = statuses
    figures: dict[str, list[dict[str, Any]]] = {}
    contested = any(s in ("denied", "disputed") for s in statuses)
    for name in _FIGURE_FIELDS:
        rows = []
        for mention, outlet in zip(mentions, outlets, strict=True):
            value = getattr(mention, name)
            if value is None:
                continue
            value = value.isoformat() if hasattr(value, "isoformat") else value
            sources = list(mention.sources) or ([outlet] if outlet else [])
            rows.append(
                {"value": value, "sources": sources, "doc_id": mention.doc_id, "outlet": outlet}
            )
        if rows:
            figures[name] = rows
            if (
                name in ("munitions", "fatalities", "injured", "actor1")
                and len({r["value"] for r in rows}) > 1
            ):
                contested = True
    return {
        "consensus": consensus,
        "rules": rules,
        "figures": figures,
        "n_documents": len({m.doc_id for m in mentions}),
        "n_outlets": len({o or f"doc:{m.doc_id}" for m, o in zip(mentions, outlets, strict=True)}),
        "contested": contested,
    }
