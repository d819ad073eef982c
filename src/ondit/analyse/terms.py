"""Matching the phrases of a resource file against parsed text, by surface form or lemma.

Resource files list plain words and phrases; this index tokenises them once and matches them
against spaCy tokens ignoring case, accents, elision and a plural ending, longest phrase first.
It is the one matcher every lexicon stage shares, so that a resource means the same thing to all.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

T = TypeVar("T")

#: In a resource phrase, "…" lets up to MAX_GAP tokens stand between two words:
#: "reprendre … contrôle" matches "a repris mardi le contrôle".
GAP = "zzgapzz"
_KEYS = "ondit.token_keys"
MAX_GAP = 3

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "‑": "-", "–": "-"})


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase, strip accents and unify apostrophes: the key words are compared by."""
    text = text.translate(_APOSTROPHES).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A crude singular: enough for 'roquettes'/'roquette' and 'drones'/'drone'."""
    if len(word) > 3 and word[-1] in "sx" and word[-2] != "s":
        return word[:-1]
    return word


@functools.lru_cache(maxsize=200_000)
def _keys(text: str, lemma: str) -> frozenset[str]:
    form = fold(text)
    base = fold(lemma) if lemma else form
    return frozenset({form, base, stem(form), stem(base)})


def token_keys(token: Token) -> frozenset[str]:
    """Every key a token may match a phrase word by: its form, its lemma, their singulars."""
    return _keys(token.text, token.lemma_)


def doc_keys(doc: Doc) -> list[frozenset[str]]:
    """The keys of every token of a parsed text, computed once and kept with it: each lexicon
    stage scans the same sentences, so this is the hot path of analysis."""
    cached = doc.user_data.get(_KEYS)
    if cached is None or len(cached) != len(doc):
        cached = [_keys(t.text, t.lemma_) for t in doc]
        doc.user_data[_KEYS] = cached
    return cached


def _match_rest(words: tuple[str, ...], keys: list[frozenset[str]], pos: int, k: int) -> int | None:
    """End position when words[k:] match from token pos on, gaps allowed; None otherwise."""
    if k == len(words):
        return pos
    if words[k] == GAP:
        for skip in range(MAX_GAP + 1):
            end = _match_rest(words, keys, pos + skip, k + 1)
            if end is not None:
                return end
        return None
    if pos >= len(keys) or words[k] not in keys[pos]:
        return None
    return _match_rest(words, keys, pos + 1, k + 1)


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A phrase found in a parsed text: token range [start, end) and what the phrase stands for."""

    start: int
    end: int
    value: T
    phrase: str

    def span(self, doc_or_span: SpacySpan) -> SpacySpan:
        doc = doc_or_span.doc
        return doc[self.start : self.end]


class TermIndex(Generic[T]):
    """Phrases → values, matched longest first without overlaps."""

    def __init__(self, nlp: Language, entries: Iterable[tuple[str, T]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T, str, bool]]] = {}
        for phrase, value in entries:
            text = phrase.strip().replace("…", f" {GAP} ").replace("...", f" {GAP} ")
            words = tuple(fold(t.text) for t in nlp.tokenizer(text) if not t.is_space)
            if not words or words[0] == GAP or words[-1] == GAP:
                continue
            # Acronyms (all capitals, short) match only as written: "IS" is not "is".
            exact = phrase.isupper() and len(phrase.replace(".", "")) <= 4
            key_words = words if exact else tuple(w if w == GAP else stem(w) for w in words)
            bucket = self._by_first.setdefault(key_words[0], [])
            bucket.append((key_words, value, phrase, exact))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda item: -len(item[0]))

    def __len__(self) -> int:
        return sum(len(b) for b in self._by_first.values())

    def find(self, tokens: Sequence[Token]) -> list[Hit[T]]:
        """Non-overlapping hits over a run of tokens (a sentence, a doc), left to right."""
        if not tokens:
            return []
        every = doc_keys(tokens[0].doc)
        keys = [every[t.i] for t in tokens]
        hits: list[Hit[T]] = []
        i = 0
        n = len(tokens)
        while i < n:
            best: Hit[T] | None = None
            for first in keys[i]:
                for words, value, phrase, exact in self._by_first.get(first, ()):
                    if best is not None and len(words) <= best.end - best.start:
                        break
                    if i + len(words) - words.count(GAP) > n:
                        continue
                    if (
                        exact
                        and tokens[i].text.replace(".", "") != phrase.replace(".", "").split()[0]
                    ):
                        continue
                    end = _match_rest(words, keys, i + 1, 1)
                    if end is not None and (best is None or end - i > best.end - best.start):
                        best = Hit(tokens[i].i, tokens[i].i + (end - i), value, phrase)
                        break
            if best is not None:
                hits.append(best)
                i += best.end - best.start
            else:
                i += 1
        return hits
