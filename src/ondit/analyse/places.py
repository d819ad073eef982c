"""Where each event mention happened: country, admin1, location, coordinates, geo_precision.

Three steps over one parsed document, following ANNOTATION.md and ACLED's geo-precision:

1. *Find* toponyms: gazetteer names scanned as token n-grams (this is what catches "Mossoul",
   "Aïn al-Assad" or "la zone verte", which spaCy's models do not tag reliably), plus place
   entities spaCy tags that the gazetteer lacks (kept as written, without coordinates).
2. *Resolve* each name to one place: population and kind priors, then the document's own
   context (the country most of it is about, its divisions, places nearby). A name whose
   namesakes stay too close to call is left unresolved rather than given a random namesake.
3. *Assign* a place to each mention: the target named in its evidence sentence ("contre la
   base d'Ain al-Asad"), never the launch site ("tirées depuis l'est de Bagdad"); failing
   that, the previous sentences, the title or dateline, and last the document's country at
   precision 3 without coordinates.

The words that signal each use of a name (province, near, target, origin...) are data, in
``resources/geo/place_cues.yaml``; this module holds no language's vocabulary.
"""

from __future__ import annotations

import bisect
import functools
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
#: Labels of names that may contain a place name without being one ("Hachd al-Chaabi").
OTHER_NAME_LABELS = frozenset({"PER", "PERSON", "ORG", "NORP", "MISC", "WORK_OF_ART"})

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
#: Prior of a facility over a namesake town, on the log10 population scale (see _prior).
FACILITY_BONUS = 5.5
#: A lone candidate town this small, in a country the document is not about, is more likely a
#: local name missing from the gazetteer than the namesake ("Al-Kindi" in Mosul is not Kindi,
#: Burkina Faso): it is kept as written, without coordinates.
FOREIGN_TOWN = 100_000
#: Share of a document's place names below which a country is only mentioned in passing.
MINOR_SHARE = 0.2
#: A namesake this close to a place the document names is plausible (a border town).
REGION_KM = 500.0
#: Sentences looked back for a place when a mention's own evidence names none.
LOOKBACK_SENTENCES = 3
#: Tokens looked back from a name for a target or origin word ("contre la base aérienne
#: américaine d'Ain al-Asad" puts six words between them).
CUE_WINDOW = 8
#: Weight of a name used as a grammatical subject or a modifier ("Washington a accusé",
#: "Iraq's army"): such names speak of actors more than of places.
ACTOR_WEIGHT = 0.3

#: The more precise the kind, the better it locates an event.
SPECIFICITY = {"facility": 5, "city": 4, "unknown": 3, "admin1": 2, "country": 1}


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
    origin_before: re.Pattern[str] | None
    target_words: frozenset[str]
    origin_words: frozenset[str]
    facility_words: frozenset[str]
    locative_words: frozenset[str]
    genitive_words: frozenset[str]
    settlement_words: frozenset[str]
    clause_breaks: frozenset[str]
    not_places: frozenset[str]


def _phrase_pattern(phrases: Iterable[str], *, at_end: bool) -> re.Pattern[str] | None:
    """One regex for a list of phrases, at the end (or start) of a lowercased text.

    A phrase of several words also matches with one extra word after its first one, so that
    "province de" finds "province irakienne de".
    """
    alternatives = []
    for phrase in sorted({p.casefold().replace("’", "'") for p in phrases}, key=len, reverse=True):
        words = [re.escape(w) for w in phrase.split()]
        if not words:
            continue
        body = words[0]
        if len(words) > 1:
            body += r"(?:\s+[\w'-]+)?\s+" + r"\s+".join(words[1:])
        alternatives.append(body)
    if not alternatives:
        return None
    joined = "|".join(alternatives)
    if at_end:
        return re.compile(rf"(?:^|(?<=[\s(\"«]))(?:{joined})\s*$")
    return re.compile(rf"^\s*(?:{joined})\b")


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).casefold().replace("’", "'") for v in values or ())


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
    return Cues(
        region_before=_phrase_pattern(section.get("region_before") or (), at_end=True),
        region_after=_phrase_pattern(section.get("region_after") or (), at_end=False),
        near_before=_phrase_pattern(section.get("near_before") or (), at_end=True),
        origin_before=_phrase_pattern(section.get("origin_before") or (), at_end=True),
        target_words=_words(section.get("target_words")),
        origin_words=_words(section.get("origin_words")),
        facility_words=_words(section.get("facility_words")),
        locative_words=_words(section.get("locative_words")),
        genitive_words=_words(section.get("genitive_words")),
        settlement_words=_words(section.get("settlement_words")),
        clause_breaks=_words(section.get("clause_breaks")),
        not_places=frozenset(normalise(v) for v in section.get("not_places") or ()),
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
    actor: bool = False  # subject or modifier: "Washington a accusé", "Iraq's army"
    resolved: Place | None = None
    ambiguous: bool = False

    @property
    def known(self) -> bool:
        return bool(self.candidates)

    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def specificity(self) -> int:
        if self.resolved is None:
            return SPECIFICITY["unknown"] if not self.ambiguous else SPECIFICITY["admin1"]
        return SPECIFICITY[self.resolved.kind]


_DATELINE = re.compile(r"\A\s*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’. -]{1,40}?)\s*(?:,|\(|—|–|-|:)")


def _is_capitalised(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.isupper()
    return False


class _Finder:
    """Finds the toponyms of one document; one instance per call, nothing kept."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, cues: Cues) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.cues = cues
        self.sent_starts = [sent.start for sent in doc.sents]
        self.sent_start_set = set(self.sent_starts)  # Token.is_sent_start rescans the doc
        self.entity_of: dict[int, tuple[int, int, str]] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.entity_of[i] = (ent.start, ent.end, ent.label_)
        self.text = doc.text  # Doc.text joins every token again on each access
        match = _DATELINE.match(self.text)
        self.dateline_end = match.end(1) if match else -1

    def sentence_of(self, token_index: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, token_index) - 1)

    def find(self) -> list[Toponym]:
        toponyms = self._scan()
        taken = {i for t in toponyms for i in range(t.first, t.last)}
        toponyms.extend(self._unknown_entities(taken))
        taken = {i for t in toponyms for i in range(t.first, t.last)}
        toponyms.extend(self._named_settlements(taken))
        toponyms.sort(key=lambda t: t.start)
        for toponym in toponyms:
            self._classify(toponym)
        return toponyms

    # gazetteer names, longest first, left to right
    def _scan(self) -> list[Toponym]:
        doc, gazetteer = self.doc, self.gazetteer
        found: list[Toponym] = []
        n = len(doc)
        i = 0
        while i < n:
            token = doc[i]
            first = normalise(token.text)
            if token.is_punct or token.is_space or not (
                gazetteer.may_start(first) or first in ARTICLE_WORDS
            ):
                i += 1
                continue
            best: Toponym | None = None
            limit = min(n, i + gazetteer.max_words + 4)  # hyphens and articles are tokens too
            for j in range(i + 1, limit + 1):
                last = doc[j - 1]
                if j - 1 > i and self._boundary_before(j - 1):
                    break
                if last.is_punct and last.text not in "-‐‑":
                    if j - 1 > i:
                        break
                    continue
                start, end = token.idx, last.idx + len(last.text)
                key = normalise(self.text[start:end])
                if not gazetteer.has_key(key):
                    if not gazetteer.may_continue(key):
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

    def _boundary_before(self, k: int) -> bool:
        """A real sentence or line break before token k; spaCy also splits at "al-Asad"."""
        token, previous = self.doc[k], self.doc[k - 1]
        if "\n" in token.text or token.is_space or "\n" in previous.text_with_ws:
            return True
        return k in self.sent_start_set and previous.text in {".", "!", "?", "…", ":", ";"}

    def _accept(self, i: int, j: int, key: str) -> Toponym | None:
        """The toponym for tokens i..j if the evidence says it is one, else None."""
        doc, gazetteer = self.doc, self.gazetteer
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        text = self.text[start:end]
        if key in self.cues.not_places:
            return None
        in_dateline = end <= self.dateline_end
        candidates = gazetteer.lookup_key(key)
        cue = self._facility_word_before(i) or self._facility_word_after(j)
        candidates = [p for p in candidates if cue or not gazetteer.needs_cue(key, p)]
        if not candidates:
            return None
        if not (self._name_capitalised(i, j) or gazetteer.lowercase_ok(key)):
            return None
        if not in_dateline and self._inside_other_name(i, j):
            return None
        if not self._last_word_capitalised(i, j, key):
            return None
        if self._is_acronym(i, j) and not in_dateline:
            candidates = [p for p in candidates if p.kind in {"country", "facility"}]
            if not candidates:
                return None
        if key.count(" ") == 0 and not in_dateline and not self._single_word_ok(i, j, candidates):
            return None
        return Toponym(
            start=start,
            end=end,
            first=i,
            last=j,
            text=text,
            key=key,
            sentence=self.sentence_of(i),
            candidates=candidates,
        )

    def _name_capitalised(self, i: int, j: int) -> bool:
        """Capitalised, or an Arabic article before a capitalised word ("al-Qaim")."""
        k = i
        while k < j - 1 and (
            self.doc[k].text.casefold() in ARTICLE_WORDS or self.doc[k].text in "-‐‑"
        ):
            k += 1
        return _is_capitalised(self.doc[k].text)

    def _inside_other_name(self, i: int, j: int) -> bool:
        """Whether tokens i..j are part of a longer person's or group's name ("Hachd al-Chaabi")."""
        entity = self.entity_of.get(i)
        if entity is None or entity[2] not in OTHER_NAME_LABELS:
            return False
        start, end, _ = entity
        while start < end and self.doc[start].pos_ == "DET":
            start += 1  # French models put the article in: "la Zone verte"
        return start <= i and j <= end and (start < i or j < end)

    def _last_word_capitalised(self, i: int, j: int, key: str) -> bool:
        """Names end with a capitalised word ("Deir ez-Zor", "Tower 22"); "La base" does not."""
        if self.gazetteer.lowercase_ok(key):
            return True
        for k in range(j - 1, i - 1, -1):
            text = self.doc[k].text
            if any(ch.isalpha() for ch in text):
                return _is_capitalised(text) or k == i
        return True

    def _is_acronym(self, i: int, j: int) -> bool:
        """"US", "EI": capitals that name actors far more often than the village of Us."""
        text = self.doc[i:j].text.replace(".", "")
        return j - i == 1 and text.isupper() and len(text) <= 4

    def _single_word_ok(self, i: int, j: int, candidates: Sequence[Place]) -> bool:
        """A one-word name is a place when spaCy or the context says so, or it is a big one."""
        token = self.doc[i] if j - i == 1 else self.doc[j - 1]
        if token.is_stop and not token.text.isupper():
            return False
        entity = self.entity_of.get(token.i)
        tagged_place = entity is not None and entity[2] in PLACE_LABELS
        tagged_other = entity is not None and entity[2] in OTHER_NAME_LABELS
        if tagged_place:
            return True
        if self._in_longer_name(i, j):
            return False
        if self._locative_before(i):
            return True
        if tagged_other or token.pos_ not in {"PROPN", "NOUN", "X"}:
            return False
        big = any(
            p.kind in {"country", "admin1", "facility"} or p.population >= SMALL_TOWN
            for p in candidates
        )
        return big and token.pos_ == "PROPN"

    def _previous_words(self, i: int, count: int) -> list[Token]:
        sentence_start = self.sent_starts[self.sentence_of(i)]
        return [self.doc[k] for k in range(i - 1, max(sentence_start, i - count) - 1, -1)]

    def _locative_before(self, i: int) -> bool:
        """Whether a locative word ("à", "near", "la ville de") comes just before token i."""
        previous = self._previous_words(i, 4)
        for n, token in enumerate(previous):
            word = token.text.casefold().replace("’", "'")
            if word in self.cues.locative_words:
                return True
            if word in self.cues.genitive_words:
                after = previous[n + 1 : n + 3]
                return any(
                    t.text.casefold() in self.cues.settlement_words
                    or t.text.casefold() in self.cues.facility_words
                    for t in after
                )
            if n >= 1 or not (token.is_punct or word in ARTICLE_WORDS or token.pos_ == "DET"):
                return False
        return False

    def _in_longer_name(self, i: int, j: int) -> bool:
        """A capitalised word right before or after: "Moqtada al-Sadr", "Ben Gourion"."""
        k = i - 1
        while k >= 0 and (self.doc[k].text.casefold() in ARTICLE_WORDS or self.doc[k].text == "-"):
            k -= 1
        sentence_first = self.sent_starts[self.sentence_of(i)]
        if k >= sentence_first and self.doc[k].is_alpha and _is_capitalised(self.doc[k].text):
            if k > sentence_first and not self.doc[k].text.isupper():
                return True
        if j < len(self.doc) and self.doc[j].is_alpha and _is_capitalised(self.doc[j].text):
            return not self.doc[j].text.isupper()
        return False

    def _facility_word_before(self, i: int) -> bool:
        words = self._previous_words(i, 4)
        return any(t.text.casefold() in self.cues.facility_words for t in words)

    def _facility_word_after(self, j: int) -> bool:
        return j < len(self.doc) and self.doc[j].text.casefold() in self.cues.facility_words

    def _unknown_entities(self, taken: set[int]) -> list[Toponym]:
        """Places spaCy tags that the gazetteer lacks, after a locative word: kept as written."""
        found = []
        for ent in self.doc.ents:
            if ent.label_ not in PLACE_LABELS or any(i in taken for i in range(ent.start, ent.end)):
                continue
            first = ent.start
            while first < ent.end and not _is_capitalised(self.doc[first].text):
                first += 1  # French models include the noun: "base de K-12"
            if first >= ent.end or not self._locative_before(first):
                continue
            tokens = self.doc[first : ent.end]
            if tokens[0].pos_ != "PROPN" or any("Plur" in t.morph.get("Number") for t in tokens):
                continue  # "les Américains": a people, not a place
            span = self.doc[first : ent.end]
            key = normalise(span.text)
            if not key or key in self.cues.not_places:
                continue
            found.append(
                Toponym(
                    start=span.start_char,
                    end=span.end_char,
                    first=first,
                    last=ent.end,
                    text=span.text,
                    key=key,
                    sentence=self.sentence_of(first),
                    candidates=[],
                )
            )
        return found

    def _named_settlements(self, taken: set[int]) -> list[Toponym]:
        """Names after "village de", "town of": places even when nothing else knows them."""
        doc = self.doc
        found = []
        for token in doc:
            if token.text.casefold() not in self.cues.settlement_words:
                continue
            k = token.i + 1
            if k < len(doc) and doc[k].text.casefold().replace("’", "'") in {"de", "d'", "of"}:
                k += 1
            first = k
            while k < len(doc) and k not in taken:
                word = doc[k]
                inner = word.text.casefold() in ARTICLE_WORDS or word.text in "-‐‑"
                if not (_is_capitalised(word.text) or (inner and k > first)):
                    break
                k += 1
            while k > first and not _is_capitalised(doc[k - 1].text):
                k -= 1  # no trailing article or hyphen
            if k == first or first in taken:
                continue
            span = doc[first:k]
            key = normalise(span.text)
            if not key or key in self.cues.not_places:
                continue
            found.append(
                Toponym(
                    start=span.start_char,
                    end=span.end_char,
                    first=first,
                    last=k,
                    text=span.text,
                    key=key,
                    sentence=self.sentence_of(first),
                    candidates=[],
                )
            )
            taken.update(range(first, k))
        return found

    # how the sentence uses the name
    def _classify(self, toponym: Toponym) -> None:
        doc, cues = self.doc, self.cues
        sentence_start = doc[self.sent_starts[toponym.sentence]].idx
        before_start = max(sentence_start, toponym.start - 80)
        before = self.text[before_start : toponym.start].casefold().replace("’", "'")
        after = self.text[toponym.end : toponym.end + 30].casefold()
        if cues.region_before and cues.region_before.search(before):
            toponym.region = True
        elif cues.region_after and cues.region_after.match(after):
            toponym.region = True
        near = cues.near_before.search(before) if cues.near_before else None
        if near:
            toponym.near = True
            before = before[: near.start()]
        if cues.origin_before and cues.origin_before.search(before):
            toponym.origin = True
        else:
            self._target_or_origin(toponym, len(before) + before_start)
        toponym.actor = not toponym.target and self._used_as_actor(toponym)

    def _used_as_actor(self, toponym: Toponym) -> bool:
        """A subject after no preposition ("Washington a accusé") or a country as modifier."""
        if self._locative_before(toponym.first):
            return False
        dep = self.doc[toponym.first : toponym.last].root.dep_.casefold()
        if dep in {"nsubj", "csubj"}:
            return True
        return dep in {"compound", "poss", "amod", "nmod:poss"} and self._is_country(toponym)

    def _target_or_origin(self, toponym: Toponym, limit: int) -> None:
        """Looks back a few words, within the clause, for a target or origin word."""
        for token in self._previous_words(toponym.first, CUE_WINDOW):
            if token.idx >= limit:
                continue
            word = token.text.casefold().replace("’", "'")
            if token.is_punct and token.text in ",;:()":
                return
            if word in self.cues.clause_breaks:
                return
            if word in self.cues.origin_words:
                toponym.origin = True
                return
            if word in self.cues.target_words:
                toponym.target = True
                return

    @staticmethod
    def _is_country(toponym: Toponym) -> bool:
        return bool(toponym.candidates) and all(p.kind == "country" for p in toponym.candidates)


# -- resolution ------------------------------------------------------------------------------


def _distance_km(a: Place, b: Place) -> float:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Context:
    """What the document is about: countries by weight, divisions and places it names."""

    share: dict[str, float] = field(default_factory=dict)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[Place] = field(default_factory=list)

    def main_country(self) -> str | None:
        if not self.share:
            return None
        return max(self.share.items(), key=lambda kv: kv[1])[0]


def _weight(toponym: Toponym, title_sentence: int) -> float:
    weight = ACTOR_WEIGHT if toponym.actor else 1.0
    return weight * (2.0 if toponym.sentence == title_sentence else 1.0)


class _Resolver:
    def __init__(self, toponyms: list[Toponym], gazetteer: Gazetteer) -> None:
        self.toponyms = [t for t in toponyms if t.candidates]
        self.gazetteer = gazetteer

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
            # A facility name is specific: it outranks the town it is named after (Harir,
            # 32,000 inhabitants; Balad, 42,000) up to a million inhabitants.
            score += FACILITY_BONUS
        elif place.kind == "admin1":
            score += 4.0 if toponym.region else -1.0
        elif place.kind == "country":
            score += 1.0
        elif toponym.region:
            score -= 1.0
        return score

    def _first_context(self) -> _Context:
        """Countries of the names that need no context: one country, or a clear leader."""
        weights: dict[str, float] = defaultdict(float)
        anchors: list[Place] = []
        for toponym in self.toponyms:
            usable = [p for p in toponym.candidates if not self._context_only(toponym, p)]
            countries = {p.country for p in usable if p.country}
            if len(countries) == 1:
                # A lone small town may be a namesake of a local name the gazetteer lacks.
                small = all(p.kind == "city" and p.population < FOREIGN_TOWN for p in usable)
                weights[countries.pop()] += _weight(toponym, 0) * (0.25 if small else 1.0)
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
                    weights[ranked[0].country] += _weight(toponym, 0)
        return self._context(weights, anchors)

    def _context_of_resolved(self) -> _Context:
        weights: dict[str, float] = defaultdict(float)
        anchors = []
        for toponym in self.toponyms:
            place = toponym.resolved
            if place is None or not place.country:
                continue
            weights[place.country] += _weight(toponym, 0)
            if not toponym.actor:
                anchors.append(place)
        return self._context(weights, anchors)

    def _context(self, weights: dict[str, float], anchors: list[Place]) -> _Context:
        total = sum(weights.values())
        share = {c: w / total for c, w in weights.items()} if total else {}
        admin1 = {(p.country, p.name) for p in anchors if p.kind == "admin1"}
        admin1 |= {(p.country, p.admin1) for p in anchors if p.admin1}
        return _Context(share, admin1, anchors)

    def _context_only(self, toponym: Toponym, place: Place) -> bool:
        return place.kind == "facility" and self.gazetteer.needs_context(toponym.key, place)

    def _score(self, place: Place, toponym: Toponym, context: _Context) -> float:
        score = self._prior(place, toponym)
        score += CONTEXT_BONUS * context.share.get(place.country, 0.0)
        if place.admin1 and (place.country, place.admin1) in context.admin1:
            score += 1.5
        if any(
            a is not place and _distance_km(a, place) <= NEARBY_KM for a in context.anchors
        ):
            score += NEARBY_BONUS
        return score

    @staticmethod
    def _far_namesake(place: Place, context: _Context) -> bool:
        """A small town, in a country the document hardly mentions, far from its places."""
        if place.kind != "city" or place.population >= FOREIGN_TOWN or not context.share:
            return False
        if context.share.get(place.country, 0.0) >= MINOR_SHARE:
            return False
        return not any(
            a is not place and _distance_km(a, place) <= REGION_KM for a in context.anchors
        )

    def _choose(self, toponym: Toponym, context: _Context) -> None:
        candidates = [
            p
            for p in toponym.candidates
            if not self._context_only(toponym, p) or context.share.get(p.country, 0.0) >= MINOR_SHARE
        ]
        toponym.resolved, toponym.ambiguous = None, False
        if not candidates:
            return
        scored = sorted(
            ((self._score(p, toponym, context), p) for p in candidates),
            key=lambda sp: (-sp[0], sp[1].id),
        )
        best_score, best = scored[0]
        if self._far_namesake(best, context):
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
        self, doc: Doc, toponyms: list[Toponym], context: _Context, gazetteer: Gazetteer
    ) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.context = context
        self.sent_chars = [sent.start_char for sent in doc.sents]
        self.by_sentence: dict[int, list[Toponym]] = defaultdict(list)
        for toponym in toponyms:
            self.by_sentence[toponym.sentence].append(toponym)
        self.toponyms = toponyms

    def sentence_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_chars, char) - 1)

    def place(self, start: int, end: int) -> Placement | None:
        first = self.sentence_at(start)
        last = self.sentence_at(max(start, end - 1))
        own = [t for t in self.toponyms if start <= t.start and t.end <= end]
        placement = self._from(own, same_sentence=True)
        if placement is not None:
            return placement
        for sentence in range(first - 1, max(-1, first - 1 - LOOKBACK_SENTENCES), -1):
            placement = self._from(self.by_sentence.get(sentence, []), same_sentence=False)
            if placement is not None:
                return placement
        if first > 0 or last > 0:
            placement = self._from(self.by_sentence.get(0, []), same_sentence=False)
            if placement is not None:
                return placement
        return self._country_only()

    def _from(self, toponyms: list[Toponym], *, same_sentence: bool) -> Placement | None:
        usable = [t for t in toponyms if not t.origin and not t.actor]
        if not usable:
            return None
        best = min(usable, key=lambda t: (-t.specificity(), not t.target, t.start))
        if best.resolved is not None:
            return self._resolved(best, usable)
        return self._unresolved(best, usable)

    def _resolved(self, toponym: Toponym, others: list[Toponym]) -> Placement:
        place = toponym.resolved
        assert place is not None
        spans = [toponym.span()]
        if place.kind == "city" and toponym.region:
            division = self.gazetteer.admin1_of(place)
            if division is not None:
                return self._division(division, spans)
        if place.kind == "facility":
            info = self.gazetteer.facility(place.id)
            precision = info.precision if info is not None else 1
            if toponym.near:
                precision = max(precision, 2)
            return Placement(
                country=place.country or None,
                admin1=place.admin1,
                location=place.name,
                latitude=place.latitude,
                longitude=place.longitude,
                geo_precision=precision,
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
        """A name the gazetteer lacks (or cannot decide): as written, without coordinates."""
        spans = [toponym.span()]
        country = None
        admin1 = None
        regional = [
            t for t in others if t.resolved is not None and t.resolved.kind in {"admin1", "country"}
        ]
        for other in sorted(regional, key=lambda t: -t.specificity()):
            assert other.resolved is not None
            country = other.resolved.country
            admin1 = other.resolved.name if other.resolved.kind == "admin1" else None
            spans.append(other.span())
            break
        if country is None and not toponym.ambiguous:
            country = self.context.main_country()
        return Placement(
            country=country,
            admin1=admin1,
            location=toponym.text,
            latitude=None,
            longitude=None,
            geo_precision=2 if toponym.near else 1,
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
    toponyms = _Finder(doc, gazetteer, load_cues(language)).find()
    context = _Resolver(toponyms, gazetteer).resolve()
    LOGGER.debug(
        "places: %d toponyms, main country %s", len(toponyms), context.main_country()
    )
    assigner = _Assigner(doc, toponyms, context, gazetteer)
    return [assigner.place(start, end) for start, end in evidence]


def find_toponyms(doc: Doc, *, language: str, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """Every toponym of a document, resolved: for diagnostics, review pages and tests."""
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    toponyms = _Finder(doc, gazetteer, load_cues(language)).find()
    _Resolver(toponyms, gazetteer).resolve()
    return toponyms
