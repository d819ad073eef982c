"""The composition of the analysis stages over one parsed document.

Stages each do one job (dates, numbers, places, actors, events, attribution); this module asks
them in turn about each sentence that tells an event, builds mentions with the spans behind every
value, and merges the tellings of one incident into one mention.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ondit.analyse.actors import (
    LOCAL_FORCES,
    ActorIndex,
    country_actors,
    english_demonyms,
    state_forces_name,
)
from ondit.analyse.attribution import Attribution, AttributionReader
from ondit.analyse.dates import DateHit, DateReader
from ondit.analyse.events import Candidate, EventDetector
from ondit.analyse.language import detect_language, is_supported
from ondit.analyse.merge import merge_mentions
from ondit.analyse.nlp import load_pipeline
from ondit.analyse.numbers import Figures, NumberReader
from ondit.analyse.places import Placement, Toponym, find_toponyms, place_mentions
from ondit.analyse.quotes import QuoteReader
from ondit.analyse.rhetoric import classify_genre, find_rhetoric
from ondit.analyse.source_references import resolve as resolve_reference
from ondit.analyse.terms import fold
from ondit.errors import E_ANALYSIS, E_LANGUAGE, E_LANGUAGE_UNKNOWN, ResourceError
from ondit.model import CLAIM_PRECEDENCE, Analysis, Document, Mention, PublishedSource, Span
from ondit.resources.gazetteer import load_gazetteer

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

#: Event types that are violence with some means, named or not.
_VIOLENT_TYPES = frozenset({"Explosions/Remote violence", "Battles"})
#: Event types a perpetrator may claim.
_CLAIMABLE = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})
#: How many sentences after an event a claim of responsibility or a denial may come and still
#: be about it ("La Résistance n'a pas tardé à revendiquer l'attaque" follows its attack).
CLAIM_WINDOW = 3
#: How many sentences back in its paragraph an event may take its date from.
CONTEXT_SENTENCES = 2
#: How far back a sentence that dates itself from another ("A day earlier") looks for that date.
ANCHORED_CONTEXT_SENTENCES = 6
#: How many sentences after an event may add its sources, figures and hedges.
FOLLOW_SENTENCES = 2


@dataclass(slots=True)
class LanguageTools:
    """Everything one language needs, built once."""

    nlp: Language
    dates: DateReader
    events: EventDetector
    numbers: NumberReader
    attribution: AttributionReader
    quotes: QuoteReader


@functools.cache
def language_tools(language: str) -> LanguageTools:
    nlp = load_pipeline(language)
    attribution = AttributionReader(language, nlp)
    return LanguageTools(
        nlp=nlp,
        dates=DateReader(language),
        events=EventDetector(language, nlp),
        numbers=NumberReader(language, nlp),
        attribution=attribution,
        quotes=QuoteReader(attribution),
    )


def _char_span(doc: Doc, start: int, end: int) -> Span:
    span = doc[start:end]
    return Span(span.start_char, span.end_char, span.text)


def _clause_verb(token: Token) -> Token:
    """The verb a token's clause hangs from: dates and triggers of one clause share it."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _closest_date(doc: Doc, hits: list[DateHit], trigger: Token) -> DateHit | None:
    """The date of the trigger's own clause first ("publié lundi" dates a report, not the
    strike it tells), then the nearest one."""
    if not hits:
        return None
    verb = _clause_verb(trigger)

    def rank(hit: DateHit) -> tuple[int, int, int]:
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        same = span is not None and any(_clause_verb(t) == verb for t in span)
        return (0 if same else 1, abs(hit.start - trigger.idx), hit.precision)

    return min(hits, key=rank)


class _Readings:
    """Each sentence's attribution, read on first ask: only sentences near events are asked."""

    def __init__(
        self,
        reader: AttributionReader,
        sentences: list[SpacySpan],
        candidates: list[tuple[int, Candidate]],
    ) -> None:
        self._reader = reader
        self._sentences = sentences
        self._cache: dict[int, Attribution] = {}
        #: The events each sentence tells, as (event type, first token of the trigger): a claim
        #: or denial there may be of its own event rather than of an earlier one.
        self.told: dict[int, list[tuple[str, int]]] = {}
        for index, candidate in candidates:
            self.told.setdefault(index, []).append((candidate.event_type, candidate.trigger[0]))
        self._actors: dict[int, list[tuple[str, int, int]]] = {}
        #: The words that placed the document's events: a sentence naming another event's place
        #: speaks of that event.
        self.places: set[str] = set()

    def __getitem__(self, index: int) -> Attribution:
        if index not in self._cache:
            self._cache[index] = self._reader.read(self._sentences[index])
        return self._cache[index]

    def sentence(self, index: int) -> SpacySpan:
        """Sentence `index` itself, for readers other than the attribution."""
        return self._sentences[index]

    def window(self, start: int, stop: int) -> list[Attribution]:
        return [self[i] for i in range(start, min(stop, len(self._sentences)))]

    def actors(self, index: int, finder: ActorIndex) -> list[tuple[str, int, int]]:
        """The actors sentence `index` names, found once per document."""
        if index not in self._actors:
            found = finder.find(self._sentences[index])
            self._actors[index] = [(hit.value, hit.start, hit.end) for hit in found]
        return self._actors[index]


class Analyser:
    """Callable per-document analysis; resources load on first use of each language."""

    def __call__(self, document: Document) -> Analysis:
        return next(self.analyse_many([document]))

    def analyse_many(
        self, documents: Iterable[Document], batch_size: int = 32
    ) -> Iterator[Analysis]:
        """Analyses in input order; texts of one language are parsed together with `nlp.pipe`,
        which is faster than one call per text."""
        batch: list[tuple[Analysis, LanguageTools | None]] = []
        for document in documents:
            analysis = Analysis(document=document)
            batch.append((analysis, self._guarded(analysis, self._prepare)))
            if len(batch) >= batch_size:
                yield from self._finish(batch)
                batch = []
        if batch:
            yield from self._finish(batch)

    def _finish(self, batch: list[tuple[Analysis, LanguageTools | None]]) -> Iterator[Analysis]:
        parsed: dict[int, Doc] = {}
        by_language: dict[str, list[int]] = {}
        for i, (analysis, tools) in enumerate(batch):
            if tools is not None:
                by_language.setdefault(str(analysis.document.language), []).append(i)
        for indices in by_language.values():
            tools = batch[indices[0]][1]
            assert tools is not None
            texts = [batch[i][0].document.text for i in indices]
            try:
                docs = list(tools.nlp.pipe(texts))
            except Exception:  # one text broke the batch: parse each alone, to find which
                docs = []
            for i, doc in zip(indices, docs, strict=False):
                parsed[i] = doc
        for i, (analysis, tools) in enumerate(batch):
            if tools is not None:
                self._guarded(
                    analysis,
                    functools.partial(self._analyse_parsed, tools=tools, doc=parsed.get(i)),
                )
            yield analysis

    def _guarded(self, analysis: Analysis, step: Callable[[Analysis], T]) -> T | None:
        """Run one step of a document's analysis; a failure is recorded on the document."""
        document = analysis.document
        try:
            return step(analysis)
        except ResourceError:
            raise  # a broken installation fails every document alike: stop and say so once
        except Exception as exc:  # a bug on one document must not stop a batch
            LOGGER.warning("analysis of %s failed: %s: %s", document.id, type(exc).__name__, exc)
            LOGGER.debug("analysis of %s failed", document.id, exc_info=True)
            analysis.mentions = []
            note = E_ANALYSIS.format(reason=f"{type(exc).__name__}: {exc}"[:200])
            document.error = f"{document.error}; {note}" if document.error else note
            return None

    def _prepare(self, analysis: Analysis) -> LanguageTools | None:
        """Language and publication date; None when the document cannot be analysed."""
        document = analysis.document
        if not document.text.strip():
            return None
        language = document.language or detect_language(document.text)
        if language is None:
            document.error = _join(document.error, E_LANGUAGE_UNKNOWN)
            return None
        language = language.lower()[:2]
        document.language = language
        if not is_supported(language):
            document.error = _join(document.error, E_LANGUAGE.format(language=language))
            return None
        tools = language_tools(language)
        if document.published is None:
            inferred = tools.dates.infer_published(document.text)
            if inferred is not None:
                document.published = inferred
                document.published_source = PublishedSource.TEXT
        return tools

    def _analyse_parsed(self, analysis: Analysis, tools: LanguageTools, doc: Doc | None) -> None:
        document = analysis.document
        language = str(document.language)
        if doc is None:
            doc = tools.nlp(document.text)
        analysis.rhetoric = find_rhetoric(doc, language=language, doc_id=document.id)
        analysis.genre = classify_genre(doc, language=language, spans=analysis.rhetoric)
        analysis.quotes = tools.quotes.find(doc)
        sentences = list(doc.sents)
        candidates: list[tuple[int, Candidate]] = []
        for index, sent in enumerate(sentences):
            candidates.extend((index, candidate) for candidate in tools.events.detect(sent))
        candidates = _drop_tolls(document, sentences, candidates)
        candidates = _drop_denials(candidates)
        if not candidates:
            return
        candidates = self._split_targets(doc, language, candidates, tools)
        evidence = [_scope_chars(doc, c) for _, c in candidates]
        placements = place_mentions(doc, evidence, language=language)
        readings = _Readings(tools.attribution, sentences, candidates)
        readings.places = {
            span.text
            for p in placements
            if p is not None and p.location is not None and p.geo_precision in (1, 2)
            for span in p.spans
        }
        mentions: list[Mention] = []
        recalled: set[int] = set()
        for (index, candidate), placement in zip(candidates, placements, strict=True):
            followers = _followers(document, sentences, index, set(readings.told))
            mention = self._mention(
                document, doc, tools, sentences, readings, index, candidate, placement, followers
            )
            if mention is not None:
                mentions.append(mention)
                if _recalled(doc, candidate, mention):
                    recalled.add(id(mention))
        analysis.mentions = merge_mentions(mentions, recalled)
        _same_salvo_actor(analysis.mentions, doc, tools)
        self._late_claims(analysis.mentions, doc, tools, sentences, readings)
        _attach_quotes(analysis)

    def _split_targets(
        self,
        doc: Doc,
        language: str,
        candidates: list[tuple[int, Candidate]],
        tools: LanguageTools,
    ) -> list[tuple[int, Candidate]]:
        """One salvo on several named places is one mention per place (ANNOTATION.md rule 2):
        "visant Kiryat Shmona et Metula", "five landed in Nahariya and three in Kiryat Shmona"."""
        toponyms = [t for t in find_toponyms(doc, language=language) if _settlement(t)]
        if len(toponyms) < 2:
            return candidates
        result: list[tuple[int, Candidate]] = []
        for index, cand in candidates:
            chain = (
                []
                if cand.background or cand.event_type != "Explosions/Remote violence"
                else _listed_places(doc.text, cand, toponyms)
            )
            if len(chain) < 2:
                result.append((index, cand))
                continue
            counts = [
                (value, start, end)
                for value, start, end in tools.numbers.figures(cand.sent).munitions
                if value is not None
            ]
            for n, toponym in enumerate(chain):
                part = dataclasses.replace(cand, scope=(toponym.first, toponym.last), split=True)
                part.munitions_hint = counts[n] if len(counts) == len(chain) else None
                result.append((index, part))
        return result

    def _mention(
        self,
        document: Document,
        doc: Doc,
        tools: LanguageTools,
        sentences: list[SpacySpan],
        readings: _Readings,
        index: int,
        cand: Candidate,
        placement: Placement | None,
        followers: list[int],
    ) -> Mention | None:
        sent = cand.sent
        mention = Mention(
            doc_id=document.id,
            event_type=cand.event_type,
            sub_event_type=cand.sub_event_type,
            evidence=sent.text.strip(),
        )
        lead = len(sent.text) - len(sent.text.lstrip())
        mention.add_span(
            "evidence",
            Span(
                sent.start_char + lead,
                sent.start_char + lead + len(mention.evidence),
                mention.evidence,
            ),
        )
        mention.add_span("sub_event_type", _char_span(doc, *cand.trigger))
        # Date: the closest date expression in the sentence to the trigger.
        hits = tools.dates.find(sent.text, document.published, offset=sent.start_char)
        first, last = _scope_chars(doc, cand)
        if cand.background:  # an earlier incident named in passing: only its own words
            hits = [h for h in hits if first <= h.start and h.end <= last and h.kind != "offset"]
        elif cand.excluded:  # the sentence's own event: not the dates of the incidents it names
            ranges = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in cand.excluded]
            hits = [
                h
                for h in hits
                if h.kind == "offset" or not any(s <= h.start < e for s, e in ranges)
            ]
        hit = _closest_date(doc, hits, doc[cand.trigger[0]])
        if hit is None and not cand.background:
            later = tools.dates.days_after_context(sent.text, offset=sent.start_char)
            # "A day earlier, …" points at the last date told, however far back in the paragraph.
            reach = ANCHORED_CONTEXT_SENTENCES if later is not None else CONTEXT_SENTENCES
            hit = self._context_date(document, tools, sentences, index, reach)
            if hit is not None and later is not None:  # "Le lendemain, un drone a frappé …"
                days, start, end = later
                mention.add_span(
                    "date", Span(hit.start, hit.end, document.text[hit.start : hit.end])
                )
                hit = DateHit(hit.value + timedelta(days=days), hit.precision, start, end, "offset")
        if hit is not None:
            mention.date, mention.time_precision = hit.value, hit.precision
            mention.add_span("date", Span(hit.start, hit.end, document.text[hit.start : hit.end]))
        # Place.
        in_sentence_place = False
        if placement is not None:
            mention.country, mention.admin1, mention.location = (
                placement.country,
                placement.admin1,
                placement.location,
            )
            mention.latitude, mention.longitude = placement.latitude, placement.longitude
            mention.geo_precision = placement.geo_precision
            # An earlier incident named in passing needs a place of its own, not the country
            # the rest of the article is about.
            placed = placement.location is not None or (
                placement.country is not None and not cand.background
            )
            for span in placement.spans:
                mention.add_span("location", span)
                if placed and sent.start_char <= span.start < sent.end_char:
                    in_sentence_place = True
        if hit is None and not in_sentence_place:
            return None  # ANNOTATION.md rule 1: a specific incident has a place or a date
        # Means and actors.
        if cand.weapon is not None:
            mention.weapon = cand.weapon
            if cand.weapon_span is not None:
                mention.add_span("weapon", _char_span(doc, *cand.weapon_span))
        elif cand.event_type in _VIOLENT_TYPES:
            mention.weapon = "unknown"  # violence whose means the text does not name
        if cand.actor1 is not None and cand.actor1_span is not None:
            mention.actor1 = cand.actor1
            mention.add_span("actor1", _char_span(doc, *cand.actor1_span))
        if cand.actor2 is not None and cand.actor2_span is not None:
            mention.actor2 = cand.actor2
            mention.add_span("actor2", _char_span(doc, *cand.actor2_span))
        for name in ("actor1", "actor2"):
            if getattr(mention, name) == LOCAL_FORCES:
                setattr(mention, name, state_forces_name(mention.country))
                if getattr(mention, name) is None:
                    mention.spans.pop(name, None)
        told = doc[cand.scope[0] : cand.scope[1]] if cand.background and cand.scope else sent
        self._figures(mention, doc, tools.numbers.figures(told))
        if cand.split:
            # Each place of a salvo gets the figure stated for it, or none: not the total.
            mention.munitions = cand.munitions_hint[0] if cand.munitions_hint else None
            mention.spans.pop("munitions", None)
            if cand.munitions_hint:
                mention.add_span("munitions", _char_span(doc, *cand.munitions_hint[1:]))
        self._attribution(mention, doc, tools, sentences, readings, index, cand)
        self._follow_up(mention, doc, tools, sentences, readings, index, followers)
        _short_names(mention, readings, tools, index)
        _national_sources(mention)
        _prune_sources(mention)
        _self_reported(mention)
        _territory_by_side(mention)
        mention.confidence = self._confidence(mention, cand)
        return mention

    def _context_date(
        self,
        document: Document,
        tools: LanguageTools,
        sentences: list[SpacySpan],
        index: int,
        reach: int = CONTEXT_SENTENCES,
    ) -> DateHit | None:
        """A date the paragraph gave in the `reach` sentences before: "Lundi soir, ... . Trois
        roquettes ont ..."."""
        for back in range(1, reach + 1):
            if index - back < 0:
                break
            previous, following = sentences[index - back], sentences[index - back + 1]
            if "\n\n" in document.text[previous.end_char : following.start_char + 1]:
                break  # a new paragraph starts a new context
            hits = tools.dates.find(previous.text, document.published, offset=previous.start_char)
            if hits:
                return hits[-1]
        return None

    def _figures(self, mention: Mention, doc: Doc, figures: Figures) -> None:
        for name in ("munitions", "fatalities", "injured"):
            values = getattr(figures, name)
            stated = [(v, s, e) for v, s, e in values if v is not None]
            if not stated:
                continue
            if name != "munitions" and len(stated) > 1:
                total = sum(v for v, _, _ in stated)
                setattr(mention, name, total)
            else:
                setattr(mention, name, stated[0][0])
            for _, start, end in stated:
                mention.add_span(name, _char_span(doc, start, end))

    def _attribution(
        self,
        mention: Mention,
        doc: Doc,
        tools: LanguageTools,
        sentences: list[SpacySpan],
        readings: _Readings,
        index: int,
        cand: Candidate,
    ) -> None:
        own = readings[index]
        for name, start, end in own.sources:
            if name not in mention.sources:
                mention.sources.append(name)
                mention.add_span("sources", _char_span(doc, start, end))
        _add_references(mention, doc, tools, readings, index)
        if not mention.sources and own.pronoun_speaker is not None:
            # "…, he said": the last source the text named before this sentence.
            earlier = next(
                (r.sources[-1] for r in reversed(readings.window(0, index)) if r.sources), None
            )
            if earlier is not None:
                mention.sources.append(earlier[0])
                mention.add_span("sources", _char_span(doc, earlier[1], earlier[2]))
                mention.add_span("sources", _char_span(doc, *own.pronoun_speaker))
        status = "reported" if mention.sources else "asserted"
        reason = (
            own.hedge is not None
            and mention.sub_event_type in _SUSPICION_IS_REASON
            and tools.attribution.is_suspicion(doc[own.hedge[0] : own.hedge[1]])
        )
        if (cand.hedged or own.hedge is not None) and not reason:
            status = "alleged"
            if own.hedge is not None:
                mention.add_span("claim_status", _char_span(doc, *own.hedge))
            else:
                mention.add_span("claim_status", _char_span(doc, *cand.trigger))
        window = readings.window(index, index + CLAIM_WINDOW + 1)
        attack = mention.event_type in (
            "Explosions/Remote violence",
            "Battles",
            "Violence against civilians",
        )
        for offset, reading in enumerate(window):
            if offset and not _about_this_kind(
                mention, tools, doc, reading, index + offset, readings
            ):
                continue
            if reading.claim is not None and attack:
                sides = _claimant_sides(doc, tools, reading)
                if mention.actor1 is not None and mention.actor2 in sides:
                    continue  # "Ukraine's air force said it shot down the missiles": not the attack's
                if offset and mention.actor1 is not None and sides and mention.actor1 not in sides:
                    continue  # a later sentence where another side claims its own act
            if reading.claim is not None and attack:
                status = "claimed"
                mention.add_span("claim_status", _char_span(doc, *reading.claim))
                if mention.actor1 is None:
                    _claimant_as_actor(mention, doc, tools, reading)
                for name, start, end in reading.sources if offset else []:
                    if name not in mention.sources:
                        mention.sources.append(name)
                        mention.add_span("sources", _char_span(doc, start, end))
                break
        if not attack and own.claim is not None and mention.actor1 is None:
            # "La police a annoncé avoir démantelé …": who says it did it, did it, though only
            # an attack's perpetrator makes the mention claimed.
            _claimant_as_actor(mention, doc, tools, own)
        for offset, reading in enumerate(window):
            if offset and _denies_its_own(mention, readings, index, index + offset, reading):
                continue
            if reading.deny is not None:
                status = "denied"
                mention.add_span("claim_status", _char_span(doc, *reading.deny))
                break
        mention.claim_status = status

    def _late_claims(
        self,
        mentions: list[Mention],
        doc: Doc,
        tools: LanguageTools,
        sentences: list[SpacySpan],
        readings: _Readings,
    ) -> None:
        """A claim of "l'attaque"/"the attack" further on is a claim of the attack told last
        before it ("Et la Résistance n'a pas tardé à revendiquer l'attaque")."""
        attacks = [m for m in mentions if m.event_type in _CLAIMABLE and m.spans.get("evidence")]
        if not attacks:
            return
        first = min(m.spans["evidence"][0].start for m in attacks)
        for j, sent in enumerate(sentences):
            if sent.start_char <= first or not tools.attribution.claims.find(list(sent)):
                continue
            if not tools.attribution.back_reference.find(list(sent)):
                continue
            reading = readings[j]
            if reading.claim is None:
                continue
            told = [m for m in attacks if m.spans["evidence"][0].start < sent.start_char]
            mention = max(told, key=lambda m: m.spans["evidence"][-1].start)
            if mention.claim_status in ("denied", "disputed", "claimed"):
                continue
            mention.claim_status = "claimed"
            mention.add_span("claim_status", _char_span(doc, *reading.claim))
            if reading.claimant is not None:
                actor = tools.events.actors.find(doc[reading.claimant[0] : reading.claimant[1]])
                if actor and mention.actor1 is None:
                    mention.actor1 = actor[0].value
                    mention.add_span("actor1", _char_span(doc, actor[0].start, actor[0].end))

    def _follow_up(
        self,
        mention: Mention,
        doc: Doc,
        tools: LanguageTools,
        sentences: list[SpacySpan],
        readings: _Readings,
        cand_index: int,
        followers: list[int],
    ) -> None:
        """What the next sentences add about the same incident: who says so, other figures,
        a hedge ("Une dizaine de combattants auraient été tués")."""
        disputed = _two_versions(doc, tools, readings, [cand_index, *followers])
        hedged = False
        for j in followers:
            reading = readings[j]
            for name, start, end in reading.sources:
                if name not in mention.sources:
                    mention.sources.append(name)
                    mention.add_span("sources", _char_span(doc, start, end))
            _add_references(mention, doc, tools, readings, j)
            # "The insurgency has killed more than 40,000 since 2009": no figure of this incident,
            # nor "… 80 killed at Ain al-Asad" told after the strike on Erbil.
            cumulative = tools.events.cumulative(list(sentences[j])) or _elsewhere(
                mention, readings, sentences[j].text
            )
            figures = tools.numbers.figures(sentences[j])
            for name in ("munitions", "fatalities", "injured") if not cumulative else ():
                stated = [(v, s, e) for v, s, e in getattr(figures, name) if v is not None]
                if not stated:
                    continue
                current = getattr(mention, name)
                last = stated[-1][0]
                versions = {v for v, _, _ in stated}
                if current is None and len(versions) == 1:
                    setattr(mention, name, last)
                elif reading.sources and (
                    len(versions) > 1 or (current is not None and current != last)
                ):
                    disputed = True  # another source's figure for the same incident
                    setattr(mention, name, last)
                    for _, start, end in stated:
                        mention.add_span("claim_status", _char_span(doc, start, end))
                else:
                    continue
                for _, start, end in stated:
                    mention.add_span(name, _char_span(doc, start, end))
            if reading.hedge is not None or _conditional(sentences[j]):
                hedged = True
                if reading.hedge is not None:
                    mention.add_span("claim_status", _char_span(doc, *reading.hedge))
        statuses = [mention.claim_status]
        if mention.claim_status == "asserted" and mention.sources:
            statuses.append("reported")
        if hedged:
            statuses.append("alleged")
        if disputed:
            statuses.append("disputed")
        mention.claim_status = min(statuses, key=CLAIM_PRECEDENCE.index)

    def _confidence(self, mention: Mention, cand: Candidate) -> float:
        """A rough share of the record the text backs: more fields with spans, more confidence."""
        backed = sum(
            1
            for name in ("date", "location", "weapon", "actor1", "actor2")
            if mention.spans.get(name)
        )
        score = 0.4 + 0.1 * backed
        if cand.hedged:
            score -= 0.1
        if cand.learnt:
            score -= LEARNT_PENALTY  # read by the classifier, not by a listed wording
        return max(0.05, min(0.95, score))


def _followers(
    document: Document, sentences: list[SpacySpan], index: int, events: set[int]
) -> list[int]:
    """The sentences after an event that still speak of it: same paragraph, no event of their own."""
    found: list[int] = []
    for j in range(index + 1, min(len(sentences), index + 1 + FOLLOW_SENTENCES)):
        gap = document.text[sentences[j - 1].end_char : sentences[j].start_char + 1]
        if j in events or "\n\n" in gap:
            break
        found.append(j)
    return found


def _drop_tolls(
    document: Document, sentences: list[SpacySpan], candidates: list[tuple[int, Candidate]]
) -> list[tuple[int, Candidate]]:
    """A toll told just after an event ("Trente-cinq personnes ont été tuées") is that event's,
    not an incident of its own; its figures reach the event as a follow-up sentence."""
    kept: list[tuple[int, Candidate]] = []
    last_event: int | None = None
    for index, cand in candidates:
        if cand.killing_only and last_event is not None and index - last_event <= FOLLOW_SENTENCES:
            gap = document.text[sentences[last_event].end_char : sentences[index].start_char]
            if "\n\n" not in gap:
                continue
        kept.append((index, cand))
        if not cand.killing_only:
            last_event = index
    return kept


def _drop_denials(candidates: list[tuple[int, Candidate]]) -> list[tuple[int, Candidate]]:
    """An act a party denies ("Moscow denied striking the hospital", "l'armée nie avoir tiré")
    after events were told is the denial of one of them, read by the attribution of those; told
    first, it is the only telling of its incident and stays."""
    kept: list[tuple[int, Candidate]] = []
    for index, cand in candidates:
        if cand.denied and any(not earlier.denied for _, earlier in kept):
            continue
        kept.append((index, cand))
    return kept


#: Text that may stand between two places listed as targets of one salvo.
MAX_LIST_GAP = 24
_CLAUSE_END = re.compile(r"[.!?:]")
_PLACE_WORD = re.compile(r"\b(?:in|at|on|à|sur|dans)\s+(?:the\s+|la\s+|le\s+|les\s+)?$")
_LIST_JOIN = re.compile(r"(?:,|;|\bet\b|\band\b|ainsi que|as well as)", re.I)


def _settlement(toponym: Toponym) -> bool:
    """A town or a facility, named as a place hit (not a region, a launch site or an actor)."""
    if toponym.region or toponym.origin or toponym.actor or toponym.background or toponym.near:
        return False
    return bool(toponym.candidates) and toponym.candidates[0].kind in ("city", "facility")


def _listed_places(text: str, cand: Candidate, toponyms: list[Toponym]) -> list[Toponym]:
    """The places a sentence lists one after another with "et"/"and"/commas, when two or more."""
    inside = [
        t for t in toponyms if cand.sent.start_char <= t.start and t.end <= cand.sent.end_char
    ]
    best: list[Toponym] = []
    chain: list[Toponym] = []
    for toponym in inside:
        if chain:
            gap = text[chain[-1].end : toponym.start]
            if len(gap) <= MAX_LIST_GAP and _LIST_JOIN.search(gap) and not _CLAUSE_END.search(gap):
                chain.append(toponym)
                continue
            if len(chain) > len(best):
                best = chain
        chain = [toponym]
    if len(chain) > len(best):
        best = chain
    names = {t.candidates[0].id for t in best}
    if len(names) != len(best) or len(best) < 2:
        return []
    # Places hit, not places named: a target cue ("visant") or a place word ("landed in") before
    # the list, after the words that tell the attack; "Harir, Ain al-Asad et Balad sont
    # occupés …" lists places without telling that they were hit.
    before = text[max(cand.sent.start_char, best[0].start - 12) : best[0].start].casefold()
    hit_first = cand.trigger_char is not None and cand.trigger_char < best[0].start
    return best if hit_first and (any(t.target for t in best) or _PLACE_WORD.search(before)) else []


#: Determiners that make an event noun one the reader already knows: "l'attaque", "the bombing".
_DEFINITE = frozenset(
    {"le", "la", "l'", "l’", "les", "ce", "cet", "cette", "ces", "the", "this", "these", "those"}
)


def _recalled(doc: Doc, cand: Candidate, mention: Mention) -> bool:
    """The event is named as one already told ("l'attaque du 22 janvier", "les deux attentats
    kamikazes") and its place is not the noun's own ("l'attaque contre la base de Taji" is new).

    Commentary comes back to one incident many times, each time in a sentence about something
    else; such a recall is the incident told before, not one more at whatever place the sentence
    happens to name."""
    if cand.background or cand.split:
        return False
    nouns = [doc[cand.trigger[0]]]
    if cand.weapon_span is not None:
        nouns.append(doc[cand.weapon_span[0]])
    for noun in nouns:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        words = [t for t in noun.lefts if t.dep_ in ("det", "nummod", "case")]
        definite = any(t.lower_ in _DEFINITE for t in words) or (
            any(t.lower_ == "des" for t in words) and any(t.dep_ == "nummod" for t in words)
        )
        if not definite:
            continue
        own = range(noun.left_edge.idx, noun.right_edge.idx + len(noun.right_edge))
        places = mention.spans.get("location", [])
        return not any(span.start in own for span in places)
    return False


def _scope_chars(doc: Doc, cand: Candidate) -> tuple[int, int]:
    """The characters that tell a candidate: its scope when set, else its sentence."""
    if cand.scope is None:
        return cand.sent.start_char, cand.sent.end_char
    span = doc[cand.scope[0] : cand.scope[1]]
    return span.start_char, span.end_char


def _attach_quotes(analysis: Analysis) -> None:
    """A quotation inside a mention's evidence supports it: shown with it, kept in its spans."""
    for mention in analysis.mentions:
        evidence = mention.spans.get("evidence", [])
        for quote in analysis.quotes:
            if any(quote.start < e.end and e.start < quote.end for e in evidence):
                mention.add_span("quote", Span(quote.start, quote.end, quote.text))


#: How much less a mention read by the sentence classifier is trusted than one the lexicon read.
LEARNT_PENALTY = 0.2

#: Bare armed services a source may be named by ("l'armée a indiqué", "the army said"): the
#: country the mention is placed in is whose they are, as for actors (ANNOTATION.md's forces).
_NATIONAL_BODIES = frozenset({"army", "air force", "navy", "general staff"})


#: Events whose suspects are the reason for them, not a hedge on them (dev/README.md): "arrested
#: six people suspected of plotting", "deux hommes soupçonnés d'appartenir à un gang lynchés".
_SUSPICION_IS_REASON = frozenset({"Arrests", "Mob violence"})


def _elsewhere(mention: Mention, readings: _Readings, text: str) -> bool:
    """Whether a sentence names the place of another of the document's events, not this one's."""
    own = {span.text for span in mention.spans.get("location", [])}
    if any(name in text for name in own):
        return False
    return any(name in text for name in readings.places - own)


def _two_versions(doc: Doc, tools: LanguageTools, readings: _Readings, told: list[int]) -> bool:
    """Whether the sentences that tell an incident give two versions of whom it hit: a side
    that says it struck its enemies ("L'armée a affirmé avoir tué une vingtaine de
    terroristes") and, in another sentence, civilians ("Des habitants assurent au contraire
    que les morts étaient des civils"). A claim of the act alone ("a revendiqué le tir de
    douze roquettes") or civilians spared ("aucun civil n'a été blessé") is no such pair."""
    reader = tools.attribution
    claimed = {
        k
        for k in told
        if readings[k].claim is not None and reader.enemies.find(list(readings.sentence(k)))
    }
    civilians = {k for k in told if reader.civilians_hit(readings.sentence(k))}
    return bool(claimed) and bool(civilians - claimed)


def _about_this_kind(
    mention: Mention,
    tools: LanguageTools,
    doc: Doc,
    reading: Attribution,
    index: int,
    readings: _Readings,
) -> bool:
    """Whether a later sentence's claim may be of this mention's incident.

    A side that says it did something tells that act: "the general staff said its troops had
    repelled 48 assaults" claims no drone strike told before it, nor does "the air force said it
    had intercepted 30 of the 38 missiles". It may be this incident's when the act its clause
    tells, the first event after the cue, is of the same kind (the perpetrator's own telling),
    or, in a sentence that tells no event, when that act is a blow struck ("L'armée prétend
    avoir éliminé un commandant")."""
    if reading.claim is None or not reading.self_report:
        return True
    cue = reading.claim[0]
    after = [(trigger, kind) for kind, trigger in readings.told.get(index, []) if trigger >= cue]
    if after:
        return min(after)[1] == mention.event_type
    sentence = doc[cue].sent
    if index in readings.told or tools.events.cumulative(list(sentence)):
        return False  # "said it had neutralised 13 militants over the past week": a tally
    rest = doc[reading.claim[1] - 1 : sentence.end]
    act = next((t for t in rest if t.pos_ == "VERB"), None)
    return act is not None and tools.attribution.is_blow(act)


def _denies_its_own(
    mention: Mention, readings: _Readings, first: int, index: int, reading: Attribution
) -> bool:
    """A denial that follows an event of another kind told after this mention (in sentence
    `first`) is that event's: "Bandits abducted 31 passengers. … residents said a jet had bombed
    a village; the air force denied carrying out any strike". An act told only after the denial
    ("L'armée nie avoir tiré") is what it denies, not an event before it."""
    if reading.deny is None:
        return False
    return any(
        kind != mention.event_type and (k < index or trigger < reading.deny[0])
        for k in range(first + 1, index + 1)
        for kind, trigger in readings.told.get(k, [])
    )


def _claimant_sides(doc: Doc, tools: LanguageTools, reading: Attribution) -> set[str]:
    """The actors the one who "says it did" stands for ("Ukraine's air force" → Ukraine)."""
    if reading.claimant is None:
        return set()
    span = doc[reading.claimant[0] : reading.claimant[1]]
    named = tools.events.actors.find(span)
    taken = {i for hit in named for i in range(hit.start, hit.end)}
    return {hit.value for hit in [*named, *tools.events.actors.find_forces(span, taken)]}


def _add_references(
    mention: Mention, doc: Doc, tools: LanguageTools, readings: _Readings, index: int
) -> None:
    """The sources sentence `index` names only by what they are, resolved for this mention
    against the sources and actors the text named up to them."""
    reading = readings[index]
    if not reading.references:
        return
    named = [source for r in readings.window(0, index + 1) for source in r.sources]
    named += [hit for k in range(index + 1) for hit in readings.actors(k, tools.events.actors)]
    named.sort(key=lambda source: source[1])
    for reference in reading.references:
        earlier = [source for source in named if source[2] <= reference.start]
        resolved = resolve_reference(reference, mention, earlier)
        if resolved is None and reference.fallback is not None:
            resolved = (reference.fallback, None)
        if resolved is None or resolved[0] in mention.sources:
            continue
        name, antecedent = resolved
        mention.sources.append(name)
        mention.add_span("sources", _char_span(doc, reference.start, reference.end))
        if antecedent is not None:
            mention.add_span("sources", _char_span(doc, *antecedent))


_STRIKE_TYPE = "Explosions/Remote violence"
_STRATEGIC = "Strategic developments"
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_REGAINS = "Government regains territory"
_OVERTAKES = "Non-state actor overtakes territory"


def _territory_by_side(mention: Mention) -> None:
    """A foreign army that takes a place overtakes it, whatever the verb says ("units of the Yug
    group liberated Klishchiivka": Russia in Ukraine); only a state's own forces regain."""
    if mention.sub_event_type != _REGAINS or not mention.actor1 or mention.country is None:
        return
    own = {state_forces_name(mention.country), country_actors().get(mention.country)}
    foreign_state = mention.actor1 not in own and (
        mention.actor1 in country_actors().values() or mention.actor1.endswith(" security forces")
    )
    if foreign_state:
        mention.sub_event_type = _OVERTAKES


#: Event types where a perpetrator telling its own act claims it (dev/README.md): not battles or
#: territory, where a side that reports its part only reports.
_SELF_CLAIMABLE = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def _self_reported(mention: Mention) -> None:
    """ "Hezbollah said in a statement" of Hezbollah's own salvo: a claim, not a report."""
    if (
        mention.claim_status not in ("reported", "alleged")
        or mention.event_type not in _SELF_CLAIMABLE
    ):
        return
    if mention.actor1 is None or not mention.sources:
        return
    own = _speaking_names(mention.actor1)
    if any(fold(source) in own for source in mention.sources):
        mention.claim_status = "claimed"
        # What decided it: the perpetrator's name and the name it speaks under.
        for name in ("actor1", "sources"):
            for span in mention.spans.get(name, []):
                mention.add_span("claim_status", span)


@functools.cache
def _speaking_names(actor: str) -> frozenset[str]:
    """The names an actor reports its own acts under: its own, and for a state the bodies of
    its forces ("the Israeli army")."""
    names = {fold(actor)}
    for code, name in country_actors().items():
        demonym = english_demonyms().get(code)
        if name == actor and demonym:
            names.update(fold(f"the {demonym} {body}") for body in _STATE_BODIES)
    return frozenset(names)


#: The bodies a state's forces report through ("the Israeli army said").
_STATE_BODIES = ("army", "military", "air force", "navy", "defence ministry", "defense ministry")


def _national_sources(mention: Mention) -> None:
    """ "army" in a report placed in the DR Congo is "the Congolese army"; a police force
    described only by its level or its country ("Kenyan police" in Kenya, "district police",
    "police de l'État") is "the police", as ANNOTATION.md names institutions, unless a name
    tells which of several forces it is ("Diyala police", "Kurdish police", "the Haitian
    National Police")."""
    demonym = english_demonyms().get(mention.country) if mention.country else None
    mention.sources = [_police(name, demonym, mention.country) for name in mention.sources]
    if demonym is None:
        return
    mention.sources = [
        f"the {demonym} {name}" if name.casefold() in _NATIONAL_BODIES else name
        for name in mention.sources
    ]


@functools.cache
def _country_stems() -> dict[str, frozenset[str]]:
    """The first letters of each word of every country's English name: "Kenyan" and "Central
    African" are words of their countries ("Kenya", "Central African Republic")."""
    stems: dict[str, set[str]] = {}
    for place in load_gazetteer():
        if place.kind == "country" and place.country:
            stems.setdefault(place.country, set()).update(
                w[:4].casefold() for w in place.name.split() if len(w) >= 4
            )
    return {code: frozenset(words) for code, words in stems.items()}


def _police(name: str, demonym: str | None, country: str | None) -> str:
    words = name.split()
    if "police" not in words or len(words) > 4:
        return name
    qualifiers = [w for w in words if w not in ("the", "police", "statement")]
    own = _country_stems().get(country or "", frozenset())
    if all(
        w.islower()
        or w in _POLICE_LEVELS
        or w == demonym
        or w.endswith("'s")
        or w[:4].casefold() in own
        for w in qualifiers
    ):
        return "the police"  # "Kenyan police" in Kenya, "district police", "police statement"
    return name  # "Diyala police", "Kurdish police": which force, where several serve


#: Words for the level a police force serves at, not a name of its own.
_POLICE_LEVELS = frozenset({"État", "State", "National", "Regional", "Provincial"})


#: Means of one salvo: strikes told one place after another ("Russia fired 41 missiles and 100
#: drones … In Ivano-Frankivsk, a cruise missile hit …") share the attacker named first.
_SALVO_MEANS = frozenset({"missile", "ballistic_missile", "drone", "rocket", "air_strike"})
#: How far, in characters, a later strike may be told from the one that named the attacker.
SALVO_REACH = 600


def _same_salvo_actor(mentions: list[Mention], doc: Doc, tools: LanguageTools) -> None:
    """A strike told with no attacker, right after a strike by the same means whose attacker
    the text named, is that attacker's: the next place of the same salvo. The actor's span is
    the earlier one's, so a reader sees where it was named."""
    last: Mention | None = None
    for mention in mentions:
        evidence = mention.spans.get("evidence")
        if mention.event_type != _STRIKE_TYPE or mention.weapon not in _SALVO_MEANS or not evidence:
            continue
        if mention.actor1 is None and last is not None:
            near = evidence[0].start - last.spans["evidence"][0].start <= SALVO_REACH
            if near and last.weapon == mention.weapon and last.actor1 != mention.actor2:
                mention.actor1 = last.actor1
                for span in last.spans.get("actor1", []):
                    mention.add_span("actor1", span)
                continue
        if mention.actor1 is not None:
            last = mention if _named_side(mention, doc, tools) else None


def _named_side(mention: Mention, doc: Doc, tools: LanguageTools) -> bool:
    """Whether the text names the attacker, by a name or a nationality ("Russia", "l'armée
    malienne"), rather than the attacker being the place's forces guessed from a bare "troops"
    or "militaire": only a named attacker is carried on to the next place of a salvo."""
    actors = tools.events.actors
    for span in mention.spans.get("actor1", []):
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is not None and (
            actors.find(tokens) or any(actors.nationality(t) for t in tokens)
        ):
            return True
    return False


def _claimant_as_actor(
    mention: Mention, doc: Doc, tools: LanguageTools, reading: Attribution
) -> None:
    """The side that says it did the deed is its actor: a named group, or state forces named by
    their nationality or, bare, the forces of the country the deed is placed in ("L'armée
    nigériane a annoncé avoir chassé l'Iswap de Kukawa")."""
    if reading.claimant is None:
        return
    claimant = doc[reading.claimant[0] : reading.claimant[1]]
    actors = tools.events.actors
    found = actors.find(claimant)
    if not found and (mention.event_type == _STRATEGIC or mention.sub_event_type in _TERRITORY):
        # Forces named by a bare noun speak for an arrest or a town taken back; an attack's
        # "the army said" is as often the target's side as the attacker's.
        found = actors.find_forces(claimant, set())
    hit = next(iter(found), None)
    if hit is None:
        return
    who = state_forces_name(mention.country) if hit.value == LOCAL_FORCES else hit.value
    if who is not None:
        mention.actor1 = who
        mention.add_span("actor1", _char_span(doc, hit.start, hit.end))


def _short_names(mention: Mention, readings: _Readings, tools: LanguageTools, index: int) -> None:
    """A one-word source that is a word of a group the text named up to here is that group:
    "the Resistance said" after "the Islamic Resistance in Iraq" is the Islamic Resistance."""
    named = [hit[0] for k in range(index + 1) for hit in readings.actors(k, tools.events.actors)]
    renamed = []
    for name in mention.sources:
        word = fold(name)
        if " " in name or not name[:1].isupper():
            renamed.append(name)
            continue
        whole = next(
            (n for n in named if " " in n and word in fold(n).split() and fold(n) != word), None
        )
        renamed.append(whole if whole is not None and whole not in mention.sources else name)
    mention.sources = renamed


def _prune_sources(mention: Mention) -> None:
    """Drop a source that is only a piece of another ("Cell" beside "the Security Media Cell")."""
    folded = [" ".join(name.casefold().split()) for name in mention.sources]
    keep = [
        name
        for name, key in zip(mention.sources, folded, strict=True)
        if not any(key != other and key in other for other in folded)
    ]
    if len(keep) != len(mention.sources):
        mention.sources = keep


def _conditional(sent: SpacySpan) -> bool:
    """A French conditional on the sentence's main verb group ("auraient été tués")."""
    root = sent.root
    group = [root, *(c for c in root.children if c.dep_.startswith("aux"))]
    return any("Cnd" in t.morph.get("Mood", []) for t in group)


def _join(first: str | None, second: str) -> str:
    return f"{first}; {second}" if first else second
