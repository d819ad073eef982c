"""Whom a source named only by what it is stands for: "the army said" in a report placed in
Nigeria is the Nigerian army, "the group said" of a raid by the RSF is the RSF, "the cell
said" after the Security Media Cell was named is that cell.

Gold and readers want the body, not the word: a bare "army" tells a fact-checker nothing. A
reference that nothing in the mention or the text before it resolves is left out, as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ondit.analyse.actors import actor_table, country_actors, english_demonyms
from ondit.analyse.attribution import SourceReference
from ondit.analyse.terms import fold
from ondit.model import Mention
from ondit.resources import world_resource

#: Events a state's forces report having carried out abroad as often as at home: strikes, and
#: the arrests, raids and defusals of forces in territory they hold ("IDF forces apprehended
#: nine suspects in Jenin, the military said").
_STRIKES = frozenset({"Explosions/Remote violence", "Strategic developments"})
#: ACLED inter codes of organised non-state groups: rebels, political and identity militias.
_GROUP_INTERS = frozenset({2, 3, 4})
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _source_words() -> dict[str, frozenset[str]]:
    """Canonical source name → every word of its name and aliases, folded."""
    table: dict[str, frozenset[str]] = {}
    for row in world_resource("sources")["sources"]:
        words = {w for text in [row["name"], *row["aliases"]] for w in _WORD.findall(fold(text))}
        table[row["name"]] = frozenset(words)
    return table


def _is_group(name: str | None) -> bool:
    info = actor_table().get(name) if name else None
    return info is not None and info.inter in _GROUP_INTERS


def resolve(
    reference: SourceReference,
    mention: Mention,
    earlier: Sequence[tuple[str, int, int]],
) -> tuple[str, tuple[int, int] | None] | None:
    """The source a reference stands for, with the token range of what it was resolved to
    (None when the mention's place or actors decided it); None when nothing does.

    `earlier` holds the sources the document named before the reference, in order."""
    if reference.kind == "national":
        # Whose forces: a nationality said beside it, else the state that struck ("Israeli
        # jets struck Rafah. The military said"), else the country the report is placed in.
        acting = _state_country(mention.actor1) if mention.event_type in _STRIKES else None
        country = reference.country or acting or mention.country
        if reference.qualifiers and reference.country is None:
            return None  # a word beside it that is no nationality this knows
        demonym = english_demonyms().get(country) if country else None
        return (f"the {demonym} {reference.word}", None) if demonym else None
    if reference.kind == "group":
        for name in (mention.actor1, mention.actor2):
            if _is_group(name):
                return str(name), None  # its own span is the actor's
        for name, start, end in reversed(earlier):
            if _is_group(name):
                return name, (start, end)
        return None
    wanted = {reference.word, reference.written}
    for name, start, end in reversed(earlier):
        words = _source_words().get(name, frozenset())
        # "the health ministry" is not the Defence Ministry named before it.
        if wanted & words and reference.qualifiers <= words:
            return name, (start, end)
    return None


def _state_country(actor: str | None) -> str | None:
    """The country a state actor stands for ("Israel" → IL), or None."""
    if actor is None:
        return None
    return next((code for code, name in country_actors().items() if name == actor), None)
