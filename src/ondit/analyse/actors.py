"""Who is named in a sentence, mapped to the actor dictionary's canonical English names."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span as SpacySpan

from ondit.analyse.terms import Hit, TermIndex
from ondit.resources import world_resource


@dataclass(frozen=True, slots=True)
class ActorInfo:
    name: str
    inter: int


@functools.cache
def actor_table() -> dict[str, ActorInfo]:
    """Canonical name → actor record, from resources/actors.yaml."""
    return {
        row["name"]: ActorInfo(row["name"], int(row["inter"]))
        for row in world_resource("actors")["actors"]
    }


class ActorIndex:
    """Aliases and nationality adjectives of every actor, for one language's tokenizer."""

    def __init__(self, nlp: Language) -> None:
        rows = world_resource("actors")["actors"]
        self.aliases = TermIndex[str](
            nlp, [(alias, row["name"]) for row in rows for alias in [row["name"], *row["aliases"]]]
        )
        self.adjectives = TermIndex[str](
            nlp, [(adj, row["name"]) for row in rows for adj in row.get("adjectives", [])]
        )

    def find(self, sent: SpacySpan) -> list[Hit[str]]:
        """Actors named in a sentence, by alias."""
        return self.aliases.find(list(sent))

    def find_adjectives(self, sent: SpacySpan) -> list[Hit[str]]:
        """Nationality adjectives ("américaine", "US") that make a noun an actor's."""
        return self.adjectives.find(list(sent))
