"""Names of sources the dictionary lacks, rendered in English from a glossary of their words.

A database of claims is read across languages: "la police de Diyala" and "Diyala police" must be
one source. Only names made entirely of known words, proper names and nationality adjectives are
rendered; anything else is kept exactly as written, since a wrong translation is worse than
none. The mention's span keeps pointing at the original words either way.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from spacy.tokens import Token

from ondit.analyse.actors import english_demonyms
from ondit.analyse.terms import fold
from ondit.resources import language_resource
from ondit.resources.gazetteer import load_gazetteer

_OF = frozenset({"de", "du", "des", "d'", "d’"})
_ARTICLES = frozenset({"la", "le", "l'", "l’", "les"})


class SourceNamer:
    """One language's glossary of source words."""

    def __init__(self, language: str) -> None:
        data = language_resource(language, "source_names")
        self.heads = _phrases(data.get("heads") or {})
        self.adjectives = {fold(k): str(v) for k, v in (data.get("adjectives") or {}).items()}
        self.complements = _phrases(data.get("complements") or {})
        self.active = bool(self.heads)

    def english(self, tokens: Sequence[Token]) -> str | None:
        """The name in English, or None when a word of it is unknown."""
        words = [t for t in tokens if not t.is_space]
        while words and fold(words[0].text) in _ARTICLES:
            words = words[1:]
        if not self.active or not words:
            return None
        folded = _joined(words)
        words = [w for n, w in enumerate(words) if not _inside_hyphenated(words, n)]
        head = _longest(self.heads, folded, 0)
        if head is None:
            return None
        head_en, i = head
        adjectives: list[str] = []
        complement: list[str] = []
        name: list[str] = []
        while i < len(words):
            adjective = self._adjective(words[i])
            if adjective is not None:
                adjectives.append(adjective)
                i += 1
                continue
            if folded[i] not in _OF or complement or name:
                return None
            i += 1
            while i < len(words) and folded[i] in _ARTICLES:
                i += 1
            known = _longest(self.complements, folded, i)
            if known is not None:
                complement.append(known[0])
                i = known[1]
                inner: list[str] = []
                while i < len(words) and (adjective := self._adjective(words[i])) is not None:
                    inner.append(adjective)
                    i += 1
                complement = [*reversed(inner), *complement]
                continue
            start = i
            while i < len(words) and (words[i].text[:1].isupper() or words[i].text in "-"):
                i += 1
            if i == start:
                return None
            name = [w.text for w in words[start:i]]
        return " ".join([*name, *reversed(adjectives), *complement, head_en])

    def _adjective(self, token: Token) -> str | None:
        known = self.adjectives.get(fold(token.text))
        if known is not None:
            return known
        if token.pos_ != "ADJ":
            return None
        country = load_gazetteer().demonym(token.text)
        return english_demonyms().get(country) if country else None


def _inside_hyphenated(words: Sequence[Token], n: int) -> bool:
    """Whether token n continues a hyphenated word the tokenizer cut ("état", "-", "major")."""
    if n == 0:
        return False
    if words[n].text == "-":
        return not words[n - 1].whitespace_
    return (
        n > 1
        and words[n - 1].text == "-"
        and not words[n - 1].whitespace_
        and (not words[n - 2].whitespace_)
    )


def _joined(words: Sequence[Token]) -> list[str]:
    """Folded words, a hyphenated word cut by the tokenizer put back together: "état-major"."""
    folded: list[str] = []
    for n, token in enumerate(words):
        if _inside_hyphenated(words, n) and folded:
            folded[-1] += fold(token.text)
        else:
            folded.append(fold(token.text))
    return folded


def _phrases(table: dict[str, object]) -> dict[tuple[str, ...], str]:
    return {tuple(fold(w) for w in _split(key)): str(value) for key, value in table.items()}


def _split(phrase: str) -> list[str]:
    """Words as spaCy's French tokenizer cuts them: "l'air" is "l'" and "air"."""
    words: list[str] = []
    for word in phrase.split():
        for mark in ("'", "’"):
            if mark in word[:-1]:
                first, rest = word.split(mark, 1)
                words += [first + mark, rest]
                break
        else:
            words.append(word)
    return words


def _longest(
    table: dict[tuple[str, ...], str], words: list[str], start: int
) -> tuple[str, int] | None:
    """The longest phrase of the table that starts at `start`, and where it ends."""
    for end in range(len(words), start, -1):
        value = table.get(tuple(words[start:end]))
        if value is not None:
            return value, end
    return None


@functools.cache
def source_namer(language: str) -> SourceNamer:
    """The glossary of one language, read once."""
    return SourceNamer(language)
