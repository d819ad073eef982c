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
    """Dates within a day, or within the week or month that a coarser date stands for."""
    if a.date is None or b.date is None:
        return False
    gap = abs((a.date - b.date).days)
    return gap <= max(_allowed_gap(a.time_precision), _allowed_gap(b.time_precision))


def _allowed_gap(precision: int | None) -> int:
    return PRECISION_DAYS.get(precision or 1, MAX_DAY_GAP)


def _coarse(m: Mention) -> bool:
    """Coded at a region's or a country's level: only its admin1 or country says where."""
    return m.geo_precision == 3 or (m.location is None and m.admin1 is not None)


def has_place(m: Mention) -> bool:
    return bool(m.location or m.admin1 or m.latitude is not None)


def places_compatible(a: Mention, b: Mention) -> bool:
    """Same place, places within 50 km (a base and its town), or a town inside a province."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.location and b.location and a.location == b.location:
        return True
    if _coarse(a) or _coarse(b):
        # "la province d'Al-Anbar" and Ain al-Asad: the province holds the base.
        return bool(a.admin1 and a.admin1 == b.admin1)
    if (
        a.latitude is not None
        and a.longitude is not None
        and b.latitude is not None
        and b.longitude is not None
    ):
        return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MAX_DISTANCE_KM
    return False


def actors_compatible(a: Mention, b: Mention) -> bool:
    """The same perpetrator, or one unnamed; a disputed or denied report may name another."""
    if a.actor1 is None or b.actor1 is None or a.actor1 == b.actor1:
        return True
    return bool({a.claim_status, b.claim_status} & {"disputed", "denied", "alleged"})


def compatible(a: Mention, b: Mention) -> bool:
    """Whether two mentions from different documents can be one incident.

    A mention without a date or a place links to nothing: without them only the same facility on
    the same day could tie two reports, and that needs both.
    """
    if a.doc_id == b.doc_id or a.event_type != b.event_type:
        return False
    if a.sub_event_type != b.sub_event_type:
        return False
    if not (has_place(a) and has_place(b)):
        return False
    return dates_compatible(a, b) and places_compatible(a, b) and actors_compatible(a, b)


def closeness(a: Mention, b: Mention) -> tuple[int, float]:
    """How close two compatible mentions are (smaller is closer): day gap, then distance."""
    gap = abs((a.date - b.date).days) if a.date and b.date else 99
    if (
        a.latitude is not None
        and a.longitude is not None
        and b.latitude is not None
        and b.longitude is not None
    ):
        return gap, haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    return gap, 0.0 if a.location == b.location else MAX_DISTANCE_KM


def event_id_for(member_keys: Sequence[str]) -> str:
    """An event's id: named after its smallest member key, so the same reports give the same id
    whatever order they arrive in."""
    digest = hashlib.sha1(min(member_keys).encode()).hexdigest()
    return f"ev-{digest[:16]}"


def decide(
    mention: Mention, candidates: Sequence[tuple[int, Mention]], docs_of: dict[int, set[str]]
) -> list[int]:
    """Which existing events a new mention joins: [] for a new event, several to merge them.

    `candidates` are (event, mention) pairs from the blocking window; `docs_of` gives each
    event's documents. Events holding a mention of the same document are out (one document, one
    telling per event). Compatible events are merged (single linkage) when their documents do not
    overlap; otherwise the mention joins the closest one.
    """
    best: dict[int, tuple[int, float]] = {}
    for event, other in candidates:
        if mention.doc_id in docs_of.get(event, set()) or not compatible(mention, other):
            continue
        score = closeness(mention, other)
        if event not in best or score < best[event]:
            best[event] = score
    if not best:
        return []
    chosen = sorted(best, key=lambda e: (best[e], e))
    merged = [chosen[0]]
    seen = set(docs_of.get(chosen[0], set()))
    for event in chosen[1:]:
        docs = docs_of.get(event, set())
        if seen.isdisjoint(docs):
            merged.append(event)
            seen |= docs
    return merged


class Linker:
    """In-memory incremental linking with blocking by event type, country and day.

    The store links against the database; this class does the same over mentions held in memory,
    for batch jobs and the linking benchmark. Events are union-find roots over mention numbers.
    """

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.keys: list[str] = []
        self._parent: list[int] = []
        self._docs: dict[int, set[str]] = {}
        self._blocks: dict[tuple[str, str, int, int], list[int]] = {}

    def _root(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def _window(self, mention: Mention) -> list[int]:
        if mention.date is None:
            return []
        day = mention.date.toordinal()
        found: list[int] = []
        for precision, days in PRECISION_DAYS.items():
            span = max(days, _allowed_gap(mention.time_precision))
            for d in range(day - span, day + span + 1):
                found.extend(
                    self._blocks.get((mention.event_type, mention.country or "", precision, d), ())
                )
        return found

    def add(self, key: str, mention: Mention) -> int:
        """Link one mention; returns the number of the event (its root mention) it now belongs to."""
        number = len(self.mentions)
        candidates = [(self._root(i), self.mentions[i]) for i in self._window(mention)]
        self.mentions.append(mention)
        self.keys.append(key)
        self._parent.append(number)
        self._docs[number] = {mention.doc_id}
        current = number
        for event in decide(mention, candidates, self._docs):
            a, b = self._root(event), self._root(current)
            if a == b:
                continue
            target, other = min(a, b), max(a, b)
            self._parent[other] = target
            self._docs[target] = self._docs.pop(other, set()) | self._docs.get(target, set())
            current = target
        if mention.date is not None:
            block = (
                mention.event_type,
                mention.country or "",
                mention.time_precision or 1,
                mention.date.toordinal(),
            )
            self._blocks.setdefault(block, []).append(number)
        return self._root(number)

    def clusters(self) -> list[list[str]]:
        """Every event as the sorted keys of its mentions, events sorted by their first key."""
        groups: dict[int, list[str]] = {}
        for i, key in enumerate(self.keys):
            groups.setdefault(self._root(i), []).append(key)
        return sorted(sorted(g) for g in groups.values())


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
