"""Where each event mention happened: country, admin1, location, coordinates, geo_precision.

Three steps over one parsed document, following ANNOTATION.md and ACLED's geo-precision:

1. *Find* toponyms: gazetteer names scanned as token n-grams (this is what catches "Mossoul",
   "Aïn al-Assad" or "la zone verte", which spaCy's models do not tag reliably), place
   entities spaCy tags that the gazetteer lacks, and names after "le village de"/"the town of"
   (both kept as written, without coordinates).
2. *Resolve* each name to one place: population and kind priors, then the document's own
   context (the countries its places and nationality words point to, its divisions, places
   nearby). A name whose namesakes stay too close to call is left unresolved rather than given
   a random namesake.
3. *Assign* a place to each mention: the target named in its evidence ("contre la base d'Ain
   al-Asad"), never the launch site ("tirées depuis l'est de Bagdad") nor an earlier attack
   recalled ("two days after the attack on Balad"); failing that, the previous sentences, the
   title or dateline, and last the document's country at precision 3 without coordinates.

The words that signal each use of a name (province, near, target, origin...) are data, in
``resources/geo/place_cues.yaml``: this module holds no language's vocabulary.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from ondit.errors import ResourceError
from ondit.model import Place, Span
from ondit.resources.gazetteer import ARTICLE_WORDS, GEO_DIR, Gazetteer, load_gazetteer, normalise

LOGGER = logging.getLogger(__name__)

CUES_FILE = GEO_DIR / "place_cues.yaml"

#: spaCy labels of place entities (French models use LOC, English ones GPE, LOC and FAC).
PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
#: Labels of names that may hold a place name without being one ("Asaïb Ahl al-Haq").
OTHER_NAME_LABELS = frozenset({"PER", "PERSON", "ORG", "NORP", "MISC", "WORK_OF_ART"})
_HYPHENS = frozenset("-‐‑")

#: A one-word town below this population needs spaCy's place tag or a locative word before
#: it: Hīt (Iraq, 31,901 inhabitants) against the English verb "hit". Set between the towns
#: conflict reports name bare (Mosul, Kirkuk: >500,000) and the villages that collide with
#: words and surnames.
SMALL_TOWN = 50_000
#: How far (log10 of population) the best namesake must lead one in another country when the
#: document gives no context: 1.0 means ten times larger. "Paris" (France 2.1 M, Texas 25 k)
#: resolves; "Tripoli" (Libya 1.3 M, Lebanon 229 k) does not, unless the text says which.
AMBIGUITY_MARGIN = 1.0
#: A namesake in the country the document is about gains this much: more than any
#: population gap between a capital and a village (log10 scale).
CONTEXT_BONUS = 6.0
#: A namesake within this distance of another place the document names gains NEARBY_BONUS.
NEARBY_KM = 150.0
NEARBY_BONUS = 2.0
#: Prior of a facility over a namesake town, on the log10 population scale: it outranks the
#: town it is named after (Harir, 32,000 inhabitants; Balad, 42,000) up to a million people.
FACILITY_BONUS = 5.5
#: Prior of a first-level division over the town of the same name when nothing says
#: "province": "Basra" is the city (1.3 M), not Al Basrah governorate (3 M in its towns).
DIVISION_PENALTY = 2.5
#: A name that a curated file maps to a place ("Deraa" to Daraa, Syria, not Dera, Ethiopia)
#: leads its namesakes by this much: the curator's knowledge of which place the news means.
CURATED_BONUS = 1.0
#: A lone candidate town this small, in a country the document hardly mentions and far from
#: its other places, is more likely a local name missing from the gazetteer than that
#: namesake ("Al-Kindi" in Mosul is not Kindi, Burkina Faso): it is kept as written.
FOREIGN_TOWN = 100_000
#: Share of a document's weight below which a country is only mentioned in passing.
MINOR_SHARE = 0.2
#: A namesake this close to a place the document names is plausible: a border town, a
#: neighbouring country (Koysinjaq, Iraq, in a report on Iran), not another continent.
REGION_KM = 1500.0
#: Weight of one nationality word ("syrienne") and the most all of a country's together may
#: weigh: enough to settle "Deraa" in a short dispatch, too little to outweigh place names
#: when "américain" comes twenty times in an article about Iraq.
DEMONYM_WEIGHT = 0.25
DEMONYM_CAP = 1.0
#: Weight of a name used as a grammatical subject or a modifier ("Washington a accusé",
#: "Iraq's army"): such names speak of actors more than of places.
ACTOR_WEIGHT = 0.3
#: Weight of the first sentence (title or lead) in the document's context.
TITLE_WEIGHT = 2.0
#: Sentences looked back for a place when a mention's own evidence names none.
LOOKBACK_SENTENCES = 3
#: Tokens looked back from a name for a target or origin word ("contre la base aérienne
#: américaine d'Ain al-Asad" puts six words between them).
CUE_WINDOW = 8

#: The more precise the kind, the better it locates an event.
SPECIFICITY: dict[str, float] = {
    "facility": 5,
    "city": 4,
    "unknown": 3,
    "admin1": 2,
    "country": 1,
}


@dataclass(slots=True)
class Placement:
    """Where one event mention happened, with the span(s) of text that decided it."""

    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    spans: list[Span] = field(default_factory=list)


# -- cues ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cues:
    """One language's place cues, compiled once per process."""

    region_before: re.Pattern[str] | None
    region_after: re.Pattern[str] | None
    near_before: re.Pattern[str] | None
    near_anywhere: re.Pattern[str] | None
    origin_before: re.Pattern[str] | None
    actor_before: re.Pattern[str] | None
    target_words: frozenset[str]
    origin_words: frozenset[str]
    background_words: frozenset[str]
    facility_words: frozenset[str]
    locative_words: frozenset[str]
    strict_locative_words: frozenset[str]
    genitive_words: frozenset[str]
    settlement_words: frozenset[str]
    district_words: frozenset[str]
    force_words: frozenset[str]
    clause_breaks: frozenset[str]
    not_places: frozenset[str]


def _fold(text: str) -> str:
    return text.casefold().replace("’", "'")


def _alternatives(phrases: Iterable[str]) -> str | None:
    """Phrases as one regex alternation; several words also match with one more inside."""
    alternatives = []
    for phrase in sorted({_fold(p) for p in phrases}, key=len, reverse=True):
        words = [re.escape(w) for w in phrase.split()]
        if not words:
            continue
        body = words[0]
        if len(words) > 1:
            body += r"(?:\s+[\w'-]+)?\s+" + r"\s+".join(words[1:])
        alternatives.append(body)
    return "|".join(alternatives) or None


#: An article may stand between a cue and the name: "près de l'aéroport", "near the base".
_ARTICLE = r"(?:\s*(?:l'|la|le|les|the|a|an|un|une)(?!\w))?"


def _at_end(phrases: Iterable[str]) -> re.Pattern[str] | None:
    joined = _alternatives(phrases)
    if joined is None:
        return None
    return re.compile(rf"(?:^|(?<=[\s(\"«']))(?:{joined}){_ARTICLE}\s*$")


def _at_start(phrases: Iterable[str]) -> re.Pattern[str] | None:
    joined = _alternatives(phrases)
    return None if joined is None else re.compile(rf"^\s*(?:{joined})\b")


def _anaphoric(phrases: Iterable[str], determiners: Iterable[str]) -> re.Pattern[str] | None:
    """A near phrase before "la ville", "the town": near a place named earlier."""
    joined, heads = _alternatives(phrases), _alternatives(determiners)
    if joined is None or heads is None:
        return None
    return re.compile(rf"(?:^|(?<=[\s(\"«']))(?:{joined})\s*(?:{heads})(?!\w)")


def _words(values: Any) -> frozenset[str]:
    return frozenset(_fold(str(v)) for v in values or ())


#: The keys a language section of place_cues.yaml may hold: a typo fails loudly at load time
#: instead of silently disabling a rule.
CUE_KEYS: tuple[str, ...] = (
    "region_before",
    "region_after",
    "near_before",
    "anaphor_words",
    "target_words",
    "origin_words",
    "origin_before",
    "actor_before",
    "background_words",
    "force_words",
    "district_words",
    "facility_words",
    "locative_words",
    "strict_locative_words",
    "genitive_words",
    "settlement_words",
    "clause_breaks",
    "not_places",
)


@functools.cache
def load_cues(language: str) -> Cues:
    """The place cues of a language, from ``place_cues.yaml``."""
    try:
        data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"[E124] cannot read {CUES_FILE.name}: {exc}") from exc
    section = data.get(language) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        raise ResourceError(f"[E125] {CUES_FILE.name} has no section for {language!r}")
    unknown = set(section) - set(CUE_KEYS)
    if unknown:
        raise ResourceError(f"[E126] {CUES_FILE.name} {language}: unknown keys {sorted(unknown)}")

    def get(key: str) -> list[str]:
        return list(section.get(key) or ())

    near = get("near_before")
    determiners = get("anaphor_words")
    return Cues(
        region_before=_at_end(get("region_before")),
        region_after=_at_start(get("region_after")),
        near_before=_at_end(near),
        near_anywhere=_anaphoric(near, determiners),
        origin_before=_at_end(get("origin_before")),
        actor_before=_at_end(get("actor_before")),
        target_words=_words(get("target_words")),
        origin_words=_words(get("origin_words")),
        background_words=_words(get("background_words")),
        facility_words=_words(get("facility_words")),
        locative_words=_words(get("locative_words")),
        strict_locative_words=_words(get("strict_locative_words")),
        genitive_words=_words(get("genitive_words")),
        settlement_words=_words(get("settlement_words")),
        district_words=_words(get("district_words")),
        force_words=_words(get("force_words")),
        clause_breaks=_words(get("clause_breaks")),
        not_places=frozenset(normalise(v) for v in get("not_places")),
    )


# -- toponyms -------------------------------------------------------------------------------


@dataclass(slots=True)
class Toponym:
    """One place name in the text, what it may stand for and how the sentence uses it."""

    start: int
    end: int
    first: int  # token index
    last: int  # token index, exclusive
    text: str
    key: str
    sentence: int
    candidates: list[Place]
    region: bool = False  # "province de X", "X province"
    near: bool = False  # "près de X", "north of X"
    target: bool = False  # "contre X", "targeting X"
    origin: bool = False  # "depuis X", "from X"
    actor: bool = False  # "Washington a accusé", "Iraq's army", "le gouvernement de Damas"
    background: bool = False  # "après l'attaque contre X": an earlier event
    locative: bool = False  # "à X", "dans X", "in X", "le village de X"
    district: bool = False  # "le quartier de X": a part of a town
    settlement: bool = False  # "la ville de X", "X city": a town, not its province
    resolved: Place | None = None
    ambiguous: bool = False
    #: The place the text says this one lies in: "Ariha in southern Idlib", "X, dans la province
    #: de Y". Its namesakes elsewhere lose to those inside it.
    container: Toponym | None = None

    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def specificity(self) -> float:
        if self.resolved is not None:
            return SPECIFICITY[self.resolved.kind]
        if self.ambiguous:
            return SPECIFICITY["admin1"]
        if self.settlement and not self.candidates:
            # "the town of Kafr Zita, in northern Hama": the named village is the place.
            return SPECIFICITY["city"] + 0.5
        return SPECIFICITY["unknown"]


_DATELINE = re.compile(r"\A\s*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’. -]{1,40}?)\s*(?:,|\(|—|–|-|:)")


def _is_capitalised(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.isupper()
    return False


class _Finder:
    """Finds and classifies the toponyms of one document; one instance per call."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, cues: Cues) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.cues = cues
        self.text = doc.text  # Doc.text joins every token again on each access
        self.sent_starts = [sent.start for sent in doc.sents]
        self.sent_start_set = set(self.sent_starts)  # Token.is_sent_start rescans the doc
        self.entity_of: dict[int, tuple[int, int, str]] = {}
        for ent in doc.ents:
            start = ent.start
            while start < ent.end - 1 and doc[start].pos_ == "DET":
                start += 1  # French models put the article in: "la Zone verte"
            for i in range(ent.start, ent.end):
                self.entity_of[i] = (start, ent.end, ent.label_)
        match = _DATELINE.match(self.text)
        self.dateline_end = match.end(1) if match else -1
        self.weak: list[Toponym] = []  # small towns nothing vouched for, yet

    def sentence_of(self, token_index: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, token_index) - 1)

    def find(self) -> list[Toponym]:
        toponyms = self._scan()
        toponyms.extend(self._vouched(toponyms))
        taken = {i for t in toponyms for i in range(t.first, t.last)}
        toponyms.extend(self._unknown_entities(taken))
        taken = {i for t in toponyms for i in range(t.first, t.last)}
        toponyms.extend(self._named_settlements(taken))
        toponyms.extend(self._after_locatives(taken))
        toponyms.sort(key=lambda t: t.start)
        for toponym in toponyms:
            self._classify(toponym)
        return toponyms

    def _vouched(self, toponyms: list[Toponym]) -> list[Toponym]:
        """Small towns whose division the same sentence names ("Gwoza, dans l'État de Borno")."""
        divisions: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for toponym in toponyms:
            for place in toponym.candidates:
                if place.kind == "admin1":
                    divisions[toponym.sentence].add((place.country, place.name))
        taken = {i for t in toponyms for i in range(t.first, t.last)}
        found = []
        for weak in self.weak:
            if any(i in taken for i in range(weak.first, weak.last)):
                continue
            named = divisions.get(weak.sentence, set())
            kept = [p for p in weak.candidates if (p.country, p.admin1) in named]
            if kept:
                weak.candidates = kept
                found.append(weak)
        return found

    def demonyms(self) -> list[tuple[str, int, float]]:
        """Countries named by nationality words: country, sentence, weight.

        Next to "forces", "troupes", "army" a nationality names a side more than a place
        ("les forces américaines" in Iraq): it weighs half.
        """
        found = []
        doc = self.doc
        for token in doc:
            if not token.is_alpha:
                continue
            country = self.gazetteer.demonym(token.text)
            if country is None:
                continue
            neighbours = [doc[k] for k in (token.i - 1, token.i + 1) if 0 <= k < len(doc)]
            armed = any(_fold(t.text) in self.cues.force_words for t in neighbours)
            found.append((country, self.sentence_of(token.i), 0.5 if armed else 1.0))
        return found

    # -- gazetteer names, longest first, left to right ---------------------------------------

    def _scan(self) -> list[Toponym]:
        doc, gazetteer = self.doc, self.gazetteer
        found: list[Toponym] = []
        n = len(doc)
        i = 0
        while i < n:
            token = doc[i]
            first = normalise(token.text)
            if (
                token.is_punct
                or token.is_space
                or not (gazetteer.may_start(first) or self._arabic_article(i))
            ):
                i += 1
                continue
            best: Toponym | None = None
            limit = min(n, i + gazetteer.max_words + 4)  # hyphens and articles are tokens too
            for j in range(i + 1, limit + 1):
                last = doc[j - 1]
                if j - 1 > i and self._boundary_before(j - 1):
                    break
                if last.is_punct and last.text not in _HYPHENS:
                    if j - 1 > i:
                        break
                    continue
                start, end = token.idx, last.idx + len(last.text)
                key = normalise(self.text[start:end])
                if not gazetteer.has_key(key):
                    # "Ain al" is no prefix of "ain asad" until "Asad" comes: never stop on an
                    # article, a hyphen or an apostrophe.
                    open_end = _fold(last.text) in ARTICLE_WORDS or last.text in "-‐‑'’"
                    if not open_end and not gazetteer.may_continue(key):
                        break
                    continue
                candidate = self._accept(i, j, key)
                if candidate is not None:
                    best = candidate
            if best is None:
                i += 1
            else:
                found.append(best)
                i = best.last
        return found

    def _arabic_article(self, i: int) -> bool:
        """ "al", "el" or a hyphened "ash-": a name may start with it; "En Irak" may not."""
        word = _fold(self.doc[i].text)
        if word in {"al", "el"}:
            return True
        hyphen_next = i + 1 < len(self.doc) and self.doc[i + 1].text in _HYPHENS
        return word in ARTICLE_WORDS and hyphen_next

    def _boundary_before(self, k: int) -> bool:
        """A real sentence or line break before token k; spaCy also splits at "al-Asad"."""
        token, previous = self.doc[k], self.doc[k - 1]
        if "\n" in token.text or token.is_space or "\n" in previous.text_with_ws:
            return True
        return k in self.sent_start_set and previous.text in {".", "!", "?", "…", ":", ";"}

    def _accept(self, i: int, j: int, key: str) -> Toponym | None:
        """The toponym for tokens i..j if the text supports it, else None."""
        gazetteer = self.gazetteer
        end = self.doc[j - 1].idx + len(self.doc[j - 1].text)
        if key in self.cues.not_places:
            return None
        in_dateline = end <= self.dateline_end
        cue = self._facility_word_before(i) or self._facility_word_after(j)
        candidates = [
            p for p in gazetteer.lookup_key(key) if cue or not gazetteer.needs_cue(key, p)
        ]
        if not candidates:
            return None
        if not (self._name_capitalised(i, j) or gazetteer.lowercase_ok(key)):
            return None
        if not in_dateline:
            if self._inside_other_name(i, j) or not self._last_word_capitalised(i, j, key):
                return None
            if j - i == 1 and self._is_acronym(i):
                candidates = [p for p in candidates if p.kind in {"country", "facility"}]
                if not candidates:
                    return None
            if key.count(" ") == 0 and not self._single_word_ok(i, j, key, candidates):
                self.weak.append(self._toponym(i, j, key, candidates))
                return None
        return self._toponym(i, j, key, candidates)

    def _toponym(self, i: int, j: int, key: str, candidates: list[Place]) -> Toponym:
        start, end = self.doc[i].idx, self.doc[j - 1].idx + len(self.doc[j - 1].text)
        return Toponym(
            start=start,
            end=end,
            first=i,
            last=j,
            text=self.text[start:end],
            key=key,
            sentence=self.sentence_of(i),
            candidates=candidates,
        )

    def _name_capitalised(self, i: int, j: int) -> bool:
        """Capitalised, or an Arabic article before a capitalised word ("al-Qaim")."""
        k = i
        while k < j - 1 and (
            _fold(self.doc[k].text) in ARTICLE_WORDS or self.doc[k].text in _HYPHENS
        ):
            k += 1
        return _is_capitalised(self.doc[k].text)

    def _last_word_capitalised(self, i: int, j: int, key: str) -> bool:
        """Names end with a capitalised word ("Deir ez-Zor", "Tower 22"); "La base" does not.

        Curated names may end in lower case ("Kurdistan irakien", "zone verte").
        """
        if self.gazetteer.is_curated(key):
            return True
        for k in range(j - 1, i - 1, -1):
            text = self.doc[k].text
            if any(ch.isalpha() for ch in text):
                return _is_capitalised(text) or k == i
        return True

    def _name_word(self, k: int) -> bool:
        token = self.doc[k]
        return (
            token.text in _HYPHENS
            or _fold(token.text) in ARTICLE_WORDS
            or (token.is_alpha and _is_capitalised(token.text))
        )

    def _inside_other_name(self, i: int, j: int) -> bool:
        """Part of a longer person's or group's name ("Asaïb Ahl al-Haq")."""
        entity = self.entity_of.get(i)
        if entity is None or entity[2] not in OTHER_NAME_LABELS:
            return False
        start, end, _ = entity
        if not (start <= i and j <= end and (start < i or j < end)):
            return False
        left = i > start and self._name_word(i - 1)
        right = j < end and self._name_word(j)
        return left or right

    def _is_acronym(self, i: int) -> bool:
        """Capitals ("US", "EI") that name actors far more often than the village of Us."""
        text = self.doc[i].text.replace(".", "")
        return text.isupper() and len(text) <= 4

    def _single_word_ok(self, i: int, j: int, key: str, candidates: Sequence[Place]) -> bool:
        """A one-word name is a place when spaCy or the context says so, or it is a big one."""
        token = self.doc[j - 1]
        if token.is_stop and not token.text.isupper():
            return False
        entity = self.entity_of.get(token.i)
        label = entity[2] if entity is not None else ""
        exact_place = label in PLACE_LABELS and entity is not None and entity[:2] == (i, j)
        if self._in_longer_name(i, j) and not exact_place:
            return False
        small_by_other_name = not self.gazetteer.is_curated(key) and all(
            p.kind == "city" and p.population < SMALL_TOWN and normalise(p.name) != key
            for p in candidates
        )
        if small_by_other_name:
            # "Bayraktar", an old name of Karayazı, is no place; "the outskirts of Jowhar" is.
            return self._strict_locative_before(i) or self._near_before(i)
        if label in PLACE_LABELS or self._locative_before(i) or self._near_before(i):
            return True
        big = any(
            p.kind in {"country", "admin1", "facility"} or p.population >= SMALL_TOWN
            for p in candidates
        )
        # The small English model calls Aleppo NORP and Kherson PERSON: only big places may
        # overrule its labels.
        return big and token.pos_ in {"PROPN", "NOUN", "X"}

    def _previous_words(self, i: int, count: int) -> list[Token]:
        sentence_start = self.sent_starts[self.sentence_of(i)]
        return [self.doc[k] for k in range(i - 1, max(sentence_start, i - count) - 1, -1)]

    def _locative_before(self, i: int) -> bool:
        """Whether a locative word ("à", "near", "la ville de") comes just before token i."""
        previous = self._previous_words(i, 4)
        for n, token in enumerate(previous):
            word = _fold(token.text)
            if word in self.cues.locative_words:
                return True
            if word in self.cues.genitive_words:
                return any(
                    _fold(t.text) in self.cues.settlement_words
                    or _fold(t.text) in self.cues.facility_words
                    or _fold(t.text) in self.cues.locative_words
                    for t in previous[n + 1 : n + 3]
                )
            if n >= 1 or not (token.is_punct or word in ARTICLE_WORDS or token.pos_ == "DET"):
                return False
        return False

    def _near_before(self, i: int) -> bool:
        """ "près de", "north of" just before token i."""
        if self.cues.near_before is None:
            return False
        sentence_start = self.doc[self.sent_starts[self.sentence_of(i)]].idx
        before = _fold(self.text[max(sentence_start, self.doc[i].idx - 60) : self.doc[i].idx])
        return self.cues.near_before.search(before) is not None

    def _strict_locative_before(self, i: int) -> bool:
        """What a name unknown to the gazetteer needs: "à", "dans", "in" or "la ville de"."""
        for n, token in enumerate(self._previous_words(i, 4)):
            word = _fold(token.text)
            if word in self.cues.strict_locative_words:
                return True
            if word in self.cues.genitive_words:
                return self._locative_before(i)
            if n >= 1 or not (word in ARTICLE_WORDS or token.pos_ == "DET"):
                return False
        return False

    def _in_longer_name(self, i: int, j: int) -> bool:
        """A capitalised word right before or after: "Moqtada al-Sadr", "Ben Gourion"."""
        k = i - 1
        while k >= 0 and (_fold(self.doc[k].text) in ARTICLE_WORDS or self.doc[k].text == "-"):
            k -= 1
        sentence_first = self.sent_starts[self.sentence_of(i)]
        before = self.doc[k] if k >= sentence_first else None
        if before is not None and before.is_alpha and _is_capitalised(before.text):
            # A capitalised first word of a sentence is only a name if tagged one.
            named = k > sentence_first or before.pos_ == "PROPN"
            if named and not before.text.isupper():
                return True
        if j < len(self.doc) and self.doc[j].is_alpha and _is_capitalised(self.doc[j].text):
            following = _fold(self.doc[j].text)
            return not (self.doc[j].text.isupper() or following in self.cues.facility_words)
        return False

    def _facility_word_before(self, i: int) -> bool:
        words = self._previous_words(i, 4)
        return any(_fold(t.text) in self.cues.facility_words for t in words)

    def _facility_word_after(self, j: int) -> bool:
        return j < len(self.doc) and _fold(self.doc[j].text) in self.cues.facility_words

    # -- names the gazetteer lacks ------------------------------------------------------------

    def _unknown(self, first: int, last: int, **flags: bool) -> Toponym | None:
        span = self.doc[first:last]
        key = normalise(span.text)
        if not key or key in self.cues.not_places:
            return None
        toponym = Toponym(
            start=span.start_char,
            end=span.end_char,
            first=first,
            last=last,
            text=span.text,
            key=key,
            sentence=self.sentence_of(first),
            candidates=[],
        )
        for name, value in flags.items():
            setattr(toponym, name, value)
        return toponym

    def _unknown_entities(self, taken: set[int]) -> list[Toponym]:
        """Places spaCy tags that the gazetteer lacks, after "à"/"in": kept as written."""
        found = []
        for ent in self.doc.ents:
            if ent.label_ not in PLACE_LABELS or any(i in taken for i in range(ent.start, ent.end)):
                continue
            first = ent.start
            while first < ent.end and not _is_capitalised(self.doc[first].text):
                first += 1  # French models include the noun: "base de K-12"
            if first >= ent.end or not self._strict_locative_before(first):
                continue
            tokens = self.doc[first : ent.end]
            if tokens[0].pos_ not in {"PROPN", "NOUN", "X"} or any(
                "Plur" in t.morph.get("Number", []) for t in tokens
            ):
                continue  # "les Américains": a people, not a place
            toponym = self._unknown(first, ent.end)
            if toponym is not None:
                found.append(toponym)
        return found

    def _after_locatives(self, taken: set[int]) -> list[Toponym]:
        """A proper name right after "à"/"in" that nothing else knows: "à Albu Hayat"."""
        doc = self.doc
        found = []
        for token in doc:
            if _fold(token.text) not in self.cues.strict_locative_words:
                continue
            first = k = token.i + 1
            while k < len(doc) and k not in taken:
                inner = _fold(doc[k].text) in ARTICLE_WORDS or doc[k].text in _HYPHENS
                if not (
                    (_is_capitalised(doc[k].text) and doc[k].pos_ == "PROPN")
                    or (inner and k > first)
                ):
                    break
                k += 1
            while k > first and not _is_capitalised(doc[k - 1].text):
                k -= 1
            if k == first or first in taken or self._inside_other_name(first, k):
                continue
            entity = self.entity_of.get(first)
            if entity is not None and entity[2] in OTHER_NAME_LABELS - {"MISC", "NORP"}:
                continue
            toponym = self._unknown(first, k, locative=True)
            if toponym is not None:
                found.append(toponym)
                taken.update(range(first, k))
        return found

    def _named_settlements(self, taken: set[int]) -> list[Toponym]:
        """Names after "village de", "town of": places even when nothing else knows them."""
        doc = self.doc
        found = []
        for token in doc:
            word = _fold(token.text)
            if word not in self.cues.settlement_words:
                continue
            k = token.i + 1
            if k < len(doc) and _fold(doc[k].text) in self.cues.genitive_words:
                k += 1
            first = k
            while k < len(doc) and k not in taken:
                inner = _fold(doc[k].text) in ARTICLE_WORDS or doc[k].text in _HYPHENS
                if not (_is_capitalised(doc[k].text) or (inner and k > first)):
                    break
                k += 1
            while k > first and not _is_capitalised(doc[k - 1].text):
                k -= 1  # no trailing article or hyphen
            if k == first or first in taken:
                continue
            district = word in self.cues.district_words
            toponym = self._unknown(first, k, locative=True, district=district, settlement=True)
            if toponym is not None:
                found.append(toponym)
                taken.update(range(first, k))
        return found

    # -- how the sentence uses the name ---------------------------------------------------------

    def _classify(self, toponym: Toponym) -> None:
        cues = self.cues
        sentence_start = self.doc[self.sent_starts[toponym.sentence]].idx
        before_start = max(sentence_start, toponym.start - 90)
        before = _fold(self.text[before_start : toponym.start])
        after = _fold(self.text[toponym.end : toponym.end + 30])
        region_before = cues.region_before is not None and cues.region_before.search(before)
        region_after = cues.region_after is not None and cues.region_after.match(after)
        toponym.region = bool(region_before or region_after)
        near = cues.near_before.search(before) if cues.near_before else None
        if near:
            toponym.near = True
            before = before[: near.start()]
        if cues.origin_before and cues.origin_before.search(before):
            toponym.origin = True
        else:
            self._target_or_origin(toponym, len(before) + before_start)
        preceding = [_fold(t.text) for t in self._previous_words(toponym.first, 3)]
        toponym.district = toponym.district or (
            len(preceding) >= 2
            and preceding[0] in cues.genitive_words
            and preceding[1] in cues.district_words
        )
        toponym.settlement = (
            toponym.settlement
            or any(w in cues.settlement_words for w in preceding)
            or (after.split() or [""])[0] in cues.settlement_words  # "Idlib city"
        )
        actor_phrase = cues.actor_before is not None and cues.actor_before.search(before)
        toponym.actor = bool(actor_phrase) or (not toponym.target and self._used_as_actor(toponym))
        toponym.locative = toponym.locative or self._strict_locative_before(toponym.first)
        toponym.background = self._in_background(toponym)

    def _target_or_origin(self, toponym: Toponym, limit: int) -> None:
        """Looks back a few words, within the clause, for a target or origin word.

        A name with its own "in"/"à" is where something is, whatever came before: "abducted
        from a repair shop in Reynosa" does not make Reynosa a launch site.
        """
        for n, token in enumerate(self._previous_words(toponym.first, CUE_WINDOW)):
            if token.idx >= limit:
                continue
            word = _fold(token.text)
            if (token.is_punct and token.text in ",;:()") or word in self.cues.clause_breaks:
                return
            if word in self.cues.strict_locative_words and n == 0:
                return
            if word in self.cues.origin_words:
                toponym.origin = True
                return
            if word in self.cues.target_words:
                toponym.target = True
                return

    def _used_as_actor(self, toponym: Toponym) -> bool:
        """A subject after no preposition ("Washington a accusé") or a country as modifier."""
        if self._locative_before(toponym.first):
            return False
        dep = self.doc[toponym.first : toponym.last].root.dep_.casefold()
        if dep in {"nsubj", "csubj"}:
            return True
        is_country = bool(toponym.candidates) and all(
            p.kind == "country" for p in toponym.candidates
        )
        return dep in {"compound", "poss", "amod", "nmod:poss"} and is_country

    def _in_background(self, toponym: Toponym) -> bool:
        """Whether the name hangs from "après"/"after": it recalls an earlier event.

        Climbs the parse from the name up to the main clause (through relative clauses: "les
        tirs qui ont visé la base de Balad"), looking for a background word on the way.
        """
        token = self.doc[toponym.first : toponym.last].root
        for _ in range(8):
            if _fold(token.text) in self.cues.background_words:
                return True
            if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"acl", "acl:relcl", "relcl"}:
                return False  # the clause of the event itself
            if any(_fold(child.text) in self.cues.background_words for child in token.children):
                return True
            if token.head is token or token.dep_ in {"ROOT", "root"}:
                return False
            token = token.head
        return False


# -- resolution ------------------------------------------------------------------------------


def _distance_km(a: Place, b: Place) -> float:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Context:
    """What the document is about: countries by share, divisions and places it names."""

    share: dict[str, float] = field(default_factory=dict)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[Place] = field(default_factory=list)

    def main_country(self) -> str | None:
        if not self.share:
            return None
        return max(self.share.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _weight(toponym: Toponym) -> float:
    weight = ACTOR_WEIGHT if toponym.actor else 1.0
    return weight * (TITLE_WEIGHT if toponym.sentence == 0 else 1.0)


class _Resolver:
    def __init__(
        self,
        toponyms: list[Toponym],
        demonyms: list[tuple[str, int, float]],
        gazetteer: Gazetteer,
    ) -> None:
        self.toponyms = [t for t in toponyms if t.candidates]
        self.gazetteer = gazetteer
        self.demonym_weights: dict[str, float] = defaultdict(float)
        for country, sentence, factor in demonyms:
            weight = DEMONYM_WEIGHT * factor * (TITLE_WEIGHT if sentence == 0 else 1.0)
            self.demonym_weights[country] = min(DEMONYM_CAP, self.demonym_weights[country] + weight)

    def resolve(self) -> _Context:
        context = self._first_context()
        for _ in range(2):
            for toponym in self.toponyms:
                self._choose(toponym, context)
            context = self._context_of_resolved()
        return context

    def _prior(self, place: Place, toponym: Toponym) -> float:
        score = math.log10(place.population + 10)
        if place.kind == "facility":
            score += FACILITY_BONUS
        elif place.kind == "admin1":
            score += 4.0 if toponym.region else -DIVISION_PENALTY
            if toponym.settlement:
                score -= DIVISION_PENALTY
        elif place.kind == "country":
            score += 1.0
        elif toponym.region:
            score -= 1.0
        return score

    def _first_context(self) -> _Context:
        """Countries of the names that need no context: one country, or a clear leader."""
        weights: dict[str, float] = defaultdict(float, self.demonym_weights)
        anchors: list[Place] = []
        for toponym in self.toponyms:
            usable = [p for p in toponym.candidates if not self._context_only(toponym, p)]
            countries = {p.country for p in usable if p.country}
            if len(countries) == 1:
                # A lone small town may be a namesake of a local name the gazetteer lacks.
                small = all(p.kind == "city" and p.population < FOREIGN_TOWN for p in usable)
                weights[countries.pop()] += _weight(toponym) * (0.1 if small else 1.0)
                if len(usable) == 1 and not toponym.actor and not small:
                    anchors.append(usable[0])
                continue
            ranked = sorted(usable, key=lambda p: -self._prior(p, toponym))
            if len(ranked) >= 2 and ranked[0].country:
                rival = next((p for p in ranked[1:] if p.country != ranked[0].country), None)
                lead = self._prior(ranked[0], toponym) - (
                    self._prior(rival, toponym) if rival else 0.0
                )
                if rival is None or lead >= 2 * AMBIGUITY_MARGIN:
                    weights[ranked[0].country] += _weight(toponym)
        return self._context(weights, anchors)

    def _context_of_resolved(self) -> _Context:
        weights: dict[str, float] = defaultdict(float, self.demonym_weights)
        anchors = []
        for toponym in self.toponyms:
            place = toponym.resolved
            if place is None or not place.country:
                continue
            weights[place.country] += _weight(toponym)
            if not toponym.actor:
                anchors.append(place)
        return self._context(weights, anchors)

    @staticmethod
    def _context(weights: dict[str, float], anchors: list[Place]) -> _Context:
        total = sum(weights.values())
        share = {c: w / total for c, w in weights.items() if w} if total else {}
        admin1 = {(p.country, p.name) for p in anchors if p.kind == "admin1"}
        admin1 |= {(p.country, p.admin1) for p in anchors if p.admin1}
        return _Context(share, admin1, anchors)

    def _context_only(self, toponym: Toponym, place: Place) -> bool:
        return place.kind == "facility" and self.gazetteer.needs_context(toponym.key, place)

    def _score(self, place: Place, toponym: Toponym, context: _Context) -> float:
        score = self._prior(place, toponym)
        if self.gazetteer.is_curated_for(toponym.key, place):
            score += CURATED_BONUS
        score += CONTEXT_BONUS * context.share.get(place.country, 0.0)
        if place.admin1 and (place.country, place.admin1) in context.admin1:
            score += 1.5
        if any(a is not place and _distance_km(a, place) <= NEARBY_KM for a in context.anchors):
            score += NEARBY_BONUS
        if toponym.container is not None and _inside(place, toponym.container):
            score += CONTAINER_BONUS
        return score

    @staticmethod
    def _far_namesake(place: Place, toponym: Toponym, context: _Context) -> bool:
        """A small town in a country the document hardly mentions, far from its places."""
        if place.kind != "city" or not context.anchors:
            return False
        if place.population >= FOREIGN_TOWN and not toponym.district:
            return False
        if context.share.get(place.country, 0.0) >= MINOR_SHARE and not toponym.district:
            return False
        return not any(
            a is not place and _distance_km(a, place) <= REGION_KM for a in context.anchors
        )

    def _choose(self, toponym: Toponym, context: _Context) -> None:
        candidates = [
            p
            for p in toponym.candidates
            if not self._context_only(toponym, p)
            or context.share.get(p.country, 0.0) >= MINOR_SHARE
        ]
        toponym.resolved, toponym.ambiguous = None, False
        if not candidates:
            return
        scored = sorted(
            ((self._score(p, toponym, context), p) for p in candidates),
            key=lambda sp: (-sp[0], sp[1].id),
        )
        best_score, best = scored[0]
        if self._far_namesake(best, toponym, context):
            return  # a local name the gazetteer lacks, not a far-away namesake
        rival = next((sp for sp in scored[1:] if sp[1].country != best.country), None)
        if rival is not None:
            no_context = not context.share.get(best.country) and not context.share.get(
                rival[1].country
            )
            if no_context and best_score - rival[0] < AMBIGUITY_MARGIN:
                toponym.ambiguous = True
                return
        toponym.resolved = best


# -- assignment -------------------------------------------------------------------------------


class _Assigner:
    def __init__(
        self,
        doc: Doc,
        toponyms: list[Toponym],
        context: _Context,
        gazetteer: Gazetteer,
        cues: Cues,
    ) -> None:
        self.text = doc.text
        self.gazetteer = gazetteer
        self.context = context
        self.cues = cues
        self.sent_chars = [sent.start_char for sent in doc.sents]
        self.by_sentence: dict[int, list[Toponym]] = defaultdict(list)
        for toponym in toponyms:
            self.by_sentence[toponym.sentence].append(toponym)
        self.toponyms = toponyms

    def sentence_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_chars, char) - 1)

    def place(self, start: int, end: int) -> Placement | None:
        own = [t for t in self.toponyms if start <= t.start and t.end <= end]
        placement = self._from(own)
        if placement is not None:
            return placement
        first = self.sentence_at(start)
        earlier = [*range(first - 1, max(-1, first - 1 - LOOKBACK_SENTENCES), -1)]
        if first > 0 and 0 not in earlier:
            earlier.append(0)  # the title or dateline
        for sentence in earlier:
            placement = self._from(self.by_sentence.get(sentence, []))
            if placement is not None:
                return self._inherited(placement, start, end)
        return self._country_only()

    def _inherited(self, placement: Placement, start: int, end: int) -> Placement:
        """A place from an earlier sentence, "near" if this one says "près de la ville"."""
        near = self.cues.near_anywhere
        if near is not None and near.search(_fold(self.text[start:end])):
            if placement.geo_precision is not None and placement.geo_precision < 2:
                placement.geo_precision = 2
        return placement

    def _from(self, toponyms: list[Toponym]) -> Placement | None:
        usable = [
            t
            for t in toponyms
            if not t.origin
            and not t.actor
            and (t.resolved is not None or t.ambiguous or t.locative)
        ]
        if not usable:
            return None
        towns = [t for t in usable if t.resolved is not None and t.resolved.kind == "city"]
        districts = [t for t in usable if t.district and t not in towns]
        if districts and towns:
            # "le quartier de Dora, au sud de Bagdad": in the city itself, ACLED's precision 1.
            town = min(towns, key=lambda t: (t.background, t.start))
            placement = self._resolved(town)
            placement.geo_precision = 1
            placement.spans.append(districts[0].span())
            return placement
        best = min(usable, key=lambda t: (t.background, -t.specificity(), not t.target, t.start))
        if best.resolved is not None:
            return self._resolved(best)
        return self._unresolved(best, usable)

    def _resolved(self, toponym: Toponym) -> Placement:
        place = toponym.resolved
        assert place is not None
        spans = [toponym.span()]
        if place.kind == "city" and toponym.region:
            division = self.gazetteer.admin1_of(place)
            if division is not None:  # "la province de Bassora": the governorate
                return self._division(division, spans)
        if place.kind == "facility":
            info = self.gazetteer.facility(place.id)
            precision = info.precision if info is not None else 1
            return Placement(
                country=place.country or None,
                admin1=place.admin1,
                location=place.name,
                latitude=place.latitude,
                longitude=place.longitude,
                geo_precision=max(precision, 2) if toponym.near else precision,
                spans=spans,
            )
        if place.kind == "city":
            return Placement(
                country=place.country,
                admin1=place.admin1,
                location=place.name,
                latitude=place.latitude,
                longitude=place.longitude,
                geo_precision=2 if toponym.near else 1,
                spans=spans,
            )
        if place.kind == "admin1":
            return self._division(place, spans)
        return Placement(place.country, None, None, None, None, 3, spans)

    def _division(self, division: Place, spans: list[Span]) -> Placement:
        """A region-only event, coded at the division's seat (ACLED's precision 3)."""
        seat = self.gazetteer.capital(division)
        return Placement(
            country=division.country,
            admin1=division.name,
            location=seat.name if seat is not None else None,
            latitude=division.latitude,
            longitude=division.longitude,
            geo_precision=3,
            spans=spans,
        )

    def _unresolved(self, toponym: Toponym, others: list[Toponym]) -> Placement:
        """A name the gazetteer lacks (or cannot decide): as written. A known town or site the
        sentence names beside it lends its coordinates at geo_precision 2, as ACLED codes a
        village it cannot find at the nearest place it can ("the Kafr Sousa district of
        Damascus"); without one, no coordinates."""
        spans = [toponym.span()]
        country = None
        admin1 = None
        anchor: Place | None = None
        regional = [t for t in others if t.resolved is not None and t is not toponym]
        for other in sorted(regional, key=lambda t: -t.specificity()):
            assert other.resolved is not None
            country = other.resolved.country or None
            if other.resolved.kind == "admin1":
                admin1 = other.resolved.name
            elif other.resolved.kind in {"city", "facility"}:
                admin1 = other.resolved.admin1
                if other.sentence == toponym.sentence and other.resolved.latitude is not None:
                    anchor = other.resolved
            spans.append(other.span())
            break
        if country is None and not toponym.ambiguous:
            country = self.context.main_country()
        return Placement(
            country=country,
            admin1=admin1,
            location=toponym.text,
            latitude=anchor.latitude if anchor else None,
            longitude=anchor.longitude if anchor else None,
            geo_precision=2 if toponym.near or anchor else 1,
            spans=spans,
        )

    def _country_only(self) -> Placement | None:
        country = self.context.main_country()
        if country is None:
            return None
        spans = [
            t.span()
            for t in self.toponyms
            if t.resolved is not None and t.resolved.country == country and not t.origin
        ][:5]
        return Placement(country, None, None, None, None, 3, spans)


#: The words between a place and the one containing it: "in", "in southern", ", dans la province
#: de", "in the north of" (folded, at most CONTAINER_GAP_CHARS characters, no list word).
_CONTAINER_GAP = re.compile(r"^[\s,]*(?:in|dans|en)\b[\w\s'’-]*$")
_LIST_WORDS = re.compile(r"\b(?:and|et|or|ou|then|puis)\b")
CONTAINER_GAP_CHARS = 40
#: How much a namesake inside the stated container outranks one outside it (log10 population).
CONTAINER_BONUS = 5.0


def _link_containers(text: str, toponyms: list[Toponym]) -> None:
    ordered = sorted(toponyms, key=lambda t: t.start)
    for place, outer in itertools.pairwise(ordered):
        gap = _fold(text[place.end : outer.start])
        if (
            place.sentence == outer.sentence
            and len(gap) <= CONTAINER_GAP_CHARS
            and _CONTAINER_GAP.match(gap)
            and not _LIST_WORDS.search(gap)
        ):
            place.container = outer


def _inside(place: Place, outer: Toponym) -> bool:
    """Whether a candidate lies in one of the candidates of the place said to contain it."""
    for candidate in outer.candidates:
        if candidate.country != place.country or candidate is place:
            continue
        if candidate.kind == "country":
            return True
        if candidate.kind == "admin1" and candidate.name == place.admin1:
            return True
        if candidate.admin1 and candidate.admin1 == place.admin1:
            return True
    return False


def _analyse(doc: Doc, language: str, gazetteer: Gazetteer) -> tuple[list[Toponym], _Context]:
    finder = _Finder(doc, gazetteer, load_cues(language))
    toponyms = finder.find()
    _link_containers(doc.text, toponyms)
    context = _Resolver(toponyms, finder.demonyms(), gazetteer).resolve()
    LOGGER.debug("places: %d toponyms, main country %s", len(toponyms), context.main_country())
    return toponyms, context


def place_mentions(
    doc: Doc,
    evidence: list[tuple[int, int]],
    *,
    language: str,
    gazetteer: Gazetteer | None = None,
) -> list[Placement | None]:
    """The place of each event mention, given the character range of its evidence.

    ``doc`` is the spaCy parse of the whole document. A mention gets ``None`` only when the
    document names no place at all.
    """
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    toponyms, context = _analyse(doc, language, gazetteer)
    assigner = _Assigner(doc, toponyms, context, gazetteer, load_cues(language))
    return [assigner.place(start, end) for start, end in evidence]


def find_toponyms(doc: Doc, *, language: str, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """Every toponym of a document, resolved: for diagnostics, review pages and tests."""
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    return _analyse(doc, language, gazetteer)[0]
