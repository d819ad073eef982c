"""Whom a source named only by what it is stands for: "the army said" in a report placed in
Colombia is the Colombian army, "the group said" of a raid by the RSF is the RSF, "the cell
said" after the Security Media Cell was named is that cell.

Gold and readers want the body, not the word: a bare "army" tells a fact-checker nothing. A
reference that nothing in the mention or the text before it resolves is left out, as before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ondit.analyse.actors import actor_table, english_demonyms
from ondit.analyse.attribution import SourceReference
from ondit.analyse.terms import fold
from ondit.model import Mention
from ondit.resources import world_resource

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
    (None when the mention's place decided it); None when nothing does.

    `earlier` holds the sources the document named before the reference, in order."""
    if reference.kind == "national":
        country = reference.country or mention.country  # "l'état-major français": France's
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
        if wanted & _source_words().get(name, frozenset()):
            return name, (start, end)
    return None
