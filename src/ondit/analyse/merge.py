"""One mention per incident per document: tellings of the same incident merged.

An article often states an attack in its lead and again further down with more detail; those are
one mention (ANNOTATION.md rule 2), keeping the most precise value of each field. Two tellings
that give different figures make the mention `disputed`, keeping the last figure (rule 5).
"""

from __future__ import annotations

from collections.abc import Collection

from ondit.geo import haversine_km
from ondit.model import CLAIM_PRECEDENCE, Mention

_FIGURES = ("munitions", "fatalities", "injured")
#: Two places this close, one telling undated, are one incident told twice.
RETELLING_KM = 30.0
#: A recalled incident may be dated a day off its first telling (an overnight attack, a slip).
RECALL_DAYS = 1


def _near(a: Mention, b: Mention) -> bool:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= RETELLING_KM


#: One demonstration told in several sentences ("hundreds marched …", "police responded with
#: tear gas") is one event, coded by the gravest thing the text says happened in it.
PROTEST_SEVERITY = (
    "Peaceful protest",
    "Protest with intervention",
    "Violent demonstration",
    "Excessive force against protesters",
)


def _same_protest(a: Mention, b: Mention) -> bool:
    if a.sub_event_type not in PROTEST_SEVERITY or b.sub_event_type not in PROTEST_SEVERITY:
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return False
    return a.location is None or b.location is None or a.location == b.location


def _compatible(a: Mention, b: Mention) -> bool:
    if _same_protest(a, b):
        return True
    if a.sub_event_type != b.sub_event_type:
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        # One document telling the same place hit a day apart tells one incident: the later
        # date is that of a statement about it ("Early on Tuesday, an official said …").
        later = a if a.date > b.date else b
        return bool(
            a.location
            and a.location == b.location
            and abs((a.date - b.date).days) <= 1
            and later.sources  # dated by whoever spoke of it, not by a new attack
        )
    if a.location is not None and b.location is not None and a.location != b.location:
        if (a.date is None) != (b.date is None) and _near(a, b):
            return True  # an undated retelling (a headline) of a dated incident nearby
        # Different named places are different incidents, unless one is the other's region.
        return (
            a.admin1 is not None
            and a.admin1 == b.admin1
            and (a.geo_precision or 1) != (b.geo_precision or 1)
        )
    return not (a.country and b.country and a.country != b.country)


def _more_precise(current: int | None, other: int | None) -> bool:
    return other is not None and (current is None or other < current)


def _absorb(into: Mention, other: Mention, *, recall: bool = False) -> None:
    """Fold a telling into the mention of its incident. A `recall` (the incident named in a
    sentence about something else) adds its figures, sources and evidence but not its place,
    actors or status: those it sits among are the other topic's ("l'un des deux kamikazes
    saoudiens aurait transité par …" says nothing of who carried out the bombing)."""
    if (
        into.sub_event_type in PROTEST_SEVERITY
        and other.sub_event_type in PROTEST_SEVERITY
        and PROTEST_SEVERITY.index(other.sub_event_type)
        > PROTEST_SEVERITY.index(into.sub_event_type)
    ):
        into.event_type, into.sub_event_type = other.event_type, other.sub_event_type
        into.spans["sub_event_type"] = list(other.spans.get("sub_event_type", []))
    if into.date is None or _more_precise(into.time_precision, other.time_precision):
        if other.date is not None:
            into.date, into.time_precision = other.date, other.time_precision
            into.spans["date"] = list(other.spans.get("date", []))
    if not recall and (
        into.location is None or _more_precise(into.geo_precision, other.geo_precision)
    ):
        if other.location is not None or into.country is None:
            for name in ("country", "admin1", "location", "latitude", "longitude", "geo_precision"):
                setattr(into, name, getattr(other, name))
            into.spans["location"] = list(other.spans.get("location", []))
    for name in () if recall else ("actor1", "actor2"):
        if getattr(into, name) is None and getattr(other, name) is not None:
            setattr(into, name, getattr(other, name))
            into.spans[name] = list(other.spans.get(name, []))
    if into.weapon in (None, "unknown") and other.weapon not in (None, "unknown"):
        into.weapon = other.weapon
        into.spans["weapon"] = list(other.spans.get("weapon", []))
    disputed = False
    for name in _FIGURES:
        mine, theirs = getattr(into, name), getattr(other, name)
        if theirs is None:
            continue
        if mine is not None and mine != theirs:
            disputed = True  # the spans of both figures say why the mention is disputed
            for span in [*into.spans.get(name, []), *other.spans.get(name, [])]:
                into.add_span("claim_status", span)
        setattr(into, name, theirs)  # the figure the document settles on last
        into.spans[name] = [*into.spans.get(name, []), *other.spans.get(name, [])]
    for source in other.sources:
        if source not in into.sources:
            into.sources.append(source)
    for span in other.spans.get("sources", []):
        into.add_span("sources", span)
    for span in other.spans.get("evidence", []):
        into.add_span("evidence", span)
    statuses = [into.claim_status, other.claim_status]
    if recall:  # its sources report the incident; its hedges and claims are the other topic's
        statuses = [into.claim_status, *(["reported"] if other.sources else [])]
    if disputed:
        statuses.append("disputed")
    into.claim_status = min(statuses, key=CLAIM_PRECEDENCE.index)
    for span in [] if recall else other.spans.get("claim_status", []):
        into.add_span("claim_status", span)
    into.confidence = max(into.confidence, other.confidence)


def _recalls(earlier: Mention, recall: Mention) -> bool:
    """A recall of an incident ("l'attaque du 22 janvier") names the one told before it."""
    if earlier.sub_event_type != recall.sub_event_type:
        return False
    if earlier.date is None or recall.date is None:
        return True
    return abs((earlier.date - recall.date).days) <= RECALL_DAYS


def merge_mentions(mentions: list[Mention], recalled: Collection[int] = ()) -> list[Mention]:
    """Mentions of one document, in text order, with repeated tellings folded into the first.

    `recalled` holds the ids of mentions that name an incident as already known; such a
    mention joins the last earlier incident of its kind, keeping that incident's place."""
    merged: list[Mention] = []
    waiting: list[Mention] = []  # recalls met before the incident they recall is told
    for mention in mentions:
        target = next((m for m in merged if _compatible(m, mention)), None)
        recalling = False
        if target is None and id(mention) in recalled:
            target = next((m for m in reversed(merged) if _recalls(m, mention)), None)
            recalling = True
            if target is None:
                waiting.append(mention)
        if target is None:
            merged.append(mention)
        else:
            _absorb(target, mention, recall=recalling)
    for allusion in waiting:
        # Commentary may allude to an incident before it tells it: the allusion joins it.
        target = next(
            (
                m
                for m in merged
                if m is not allusion and id(m) not in recalled and _recalls(m, allusion)
            ),
            None,
        )
        if target is not None:
            _absorb(target, allusion, recall=True)
            merged.remove(allusion)
    return merged
