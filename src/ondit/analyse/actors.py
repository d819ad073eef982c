"""Who is named in a sentence, mapped to the actor dictionary's canonical English names.

Three ways a text names an actor: an alias from the dictionary ("Hachd al-Chaabi"); a word for
state forces with a nationality ("l'armée malienne", "Sudanese police", or bare "la police",
whose country the document's place supplies); a nationality adjective on a noun ("frappe
aérienne israélienne", "la base américaine").
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from spacy.language import Language
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ondit.analyse.terms import Hit, TermIndex, fold, stem
from ondit.resources import world_resource
from ondit.resources.gazetteer import load_gazetteer

#: Stands for the state forces of the country where the event took place, resolved once the
#: mention is placed ("la police a arrêté trois hommes à Bassora" → Iraqi security forces).
LOCAL_FORCES = "<local state forces>"
#: How many tokens around a force noun its nationality may stand ("l'armée de l'air irakienne").
NATIONALITY_WINDOW = 3


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


@functools.cache
def english_demonyms() -> dict[str, str]:
    """Country code → English nationality adjective ("IQ" → "Iraqi"), first form listed."""
    path = resources.files("ondit.resources").joinpath("geo", "demonyms.tsv")
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    table: dict[str, str] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        if row.get("lang") == "en" and row["country"] not in table:
            table[row["country"]] = row["form"]
    return table


@functools.cache
def country_actors() -> dict[str, str]:
    """Country code → the dictionary actor that stands for its state forces."""
    return {
        str(row["country"]): row["name"]
        for row in world_resource("actors")["actors"]
        if row.get("country")
    }


def state_forces_name(country: str | None) -> str | None:
    """The actor for a country's state forces: its dictionary entry, or "<Demonym> security forces"."""
    if country is None:
        return None
    if country in country_actors():
        return country_actors()[country]
    demonym = english_demonyms().get(country)
    return f"{demonym} security forces" if demonym else None


class ActorIndex:
    """Aliases, force nouns and nationality adjectives, for one language's tokenizer."""

    def __init__(self, nlp: Language, language: str) -> None:
        data = world_resource("actors")
        rows = data["actors"]
        self.aliases = TermIndex[str](
            nlp, [(alias, row["name"]) for row in rows for alias in [row["name"], *row["aliases"]]]
        )
        self.adjectives = TermIndex[str](
            nlp, [(adj, row["name"]) for row in rows for adj in row.get("adjectives", [])]
        )
        self.force_nouns = TermIndex[str](
            nlp, [(noun, "forces") for noun in data.get("force_nouns", {}).get(language, [])]
        )
        self._adjective_keys: dict[str, str] = {
            stem(fold(adj)): str(row["name"]) for row in rows for adj in row.get("adjectives", [])
        }

    def find(self, sent: SpacySpan) -> list[Hit[str]]:
        """Actors named in a sentence, by alias.

        A one-word alias that is a common noun ("marines") belongs to the nationality said
        beside it when that names another side: "Mexican marines" are Mexico's, not the US's."""
        doc = sent.doc
        hits: list[Hit[str]] = []
        for hit in self.aliases.find(list(sent)):
            token = doc[hit.start]
            if hit.end - hit.start == 1 and token.pos_ == "NOUN":
                beside = [c for c in token.children if c.dep_ == "amod"]
                owner = next((o for c in beside if (o := self.nationality(c)) is not None), None)
                if owner is not None and owner != hit.value:
                    hit = Hit(hit.start, hit.end, owner, hit.phrase)
            hits.append(hit)
        return hits

    def find_adjectives(self, sent: SpacySpan) -> list[Hit[str]]:
        """Nationality adjectives ("américaine", "US") that make a noun an actor's."""
        return self.adjectives.find(list(sent))

    def nationality(self, token: Token) -> str | None:
        """The actor a nationality word names: a dictionary actor, else the country's forces."""
        named = self._adjective_keys.get(stem(fold(token.text)))
        if named is not None:
            return named
        return state_forces_name(load_gazetteer().demonym(token.text))

    def find_forces(self, sent: SpacySpan, taken: set[int]) -> list[Hit[str]]:
        """State forces: a force noun with its nationality, or bare (the local state's forces)."""
        doc = sent.doc
        hits: list[Hit[str]] = []
        for hit in self.force_nouns.find(list(sent)):
            if any(i in taken for i in range(hit.start, hit.end)):
                continue
            name: str | None = None
            lo = max(sent.start, hit.start - 1)
            hi = min(sent.end, hit.end + NATIONALITY_WINDOW)
            for i in range(lo, hi):
                if i in taken or hit.start <= i < hit.end:
                    continue
                candidate = self._forces_of(doc[i])
                if candidate is not None:
                    name = candidate
                    break
            hits.append(Hit(hit.start, hit.end, name or LOCAL_FORCES, hit.phrase))
        return hits

    def _forces_of(self, token: Token) -> str | None:
        if token.pos_ not in ("ADJ", "PROPN", "NOUN"):
            return None
        named = self._adjective_keys.get(stem(fold(token.text)))
        if named is not None:
            return named  # a foreign power's nationality names that power ("soldats américains")
        return state_forces_name(load_gazetteer().demonym(token.text))
