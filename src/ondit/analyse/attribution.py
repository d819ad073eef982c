"""Who a sentence attributes its report to, and how sure, claimed or denied it sounds.

Sources come from cue words ("selon X", "according to X", "X a indiqué") read with the parse,
anonymous sources normalised to one English form. Claim status follows ANNOTATION.md's
precedence: denied, disputed, claimed, alleged, reported, asserted.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TypeAlias

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ondit.analyse.source_names import source_namer
from ondit.analyse.terms import TermIndex, fold
from ondit.resources import language_resource, world_resource
from ondit.resources.gazetteer import load_gazetteer

#: A source name longer than this many tokens is a clause, not a name.
MAX_SOURCE_TOKENS = 8
_STOP_POS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"})
_NEGATIONS = frozenset({"no", "not", "n't", "never", "aucun", "aucune", "pas", "jamais", "nobody"})
_LEADING_DROP = frozenset(
    {
        "le",
        "la",
        "les",
        "l'",
        "l",
        "du",
        "des",
        "de",
        "d'",
        "the",
        "a",
        "an",
        "son",
        "sa",
        "ses",
        "leur",
        "un",
        "une",
    }
)


@dataclass(frozen=True, slots=True)
class SourceReference:
    """A source named only by what it is ("the army said", "selon le groupe", "the cell
    said"): who it stands for is read from the mention and the rest of the document."""

    #: "national" (a country's forces), "group" (an armed group) or "body" (an institution).
    kind: str
    #: The English word the reference stands on: "army", "general staff", "group", "cell".
    word: str
    #: The word as written, folded: "cellule", "agence".
    written: str
    start: int
    end: int
    #: What to record when nothing resolves it: the words as a name when they say more than
    #: the bare word ("rebel alliance"), else nothing ("the group").
    fallback: str | None = None
    #: The country a nationality word beside it names ("l'état-major français"), if any.
    country: str | None = None
    #: The words beside it, folded ("health" in "the health ministry").
    qualifiers: frozenset[str] = frozenset()


#: A source as a sentence names it: a name with its token range, or a reference to resolve.
Named: TypeAlias = tuple[str, int, int] | SourceReference


@dataclass(slots=True)
class Attribution:
    """What decided a sentence's sources and status, with token ranges for provenance."""

    sources: list[tuple[str, int, int]] = field(default_factory=list)
    #: Sources named only by what they are, to be resolved against the mention.
    references: list[SourceReference] = field(default_factory=list)
    hedge: tuple[int, int] | None = None
    claim: tuple[int, int] | None = None
    #: The claim is a side telling its own act ("said its troops had …"), not a claim of
    #: responsibility: it is of the act its clause tells.
    self_report: bool = False
    deny: tuple[int, int] | None = None
    claimant: tuple[int, int] | None = None
    #: A verb of saying whose subject is a pronoun ("…, he said"): a source named earlier.
    pronoun_speaker: tuple[int, int] | None = None


#: Subjects of a verb of saying that stand for a source named before ("…, he said").
_SPEAKER_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "he", "she", "they"})
#: Verbs whose negation affirms what follows them ("ne pas tarder à", "not hesitate to").
_LITOTES = frozenset({"tarder", "hesiter", "hesitate", "fail", "manquer"})
#: Head nouns that refer back to a named body without naming it.
_GENERIC_HEADS = frozenset(
    {
        "groupe",
        "group",
        "mouvement",
        "movement",
        "parti",
        "party",
        "organisation",
        "organization",
        "attaque",
        "attack",
        "état",
        "mission",
        "armée",
        "army",
        "il",
        "elle",
        "service",
        "cell",
        "cellule",
        "office",
        "bureau",
        "source",
        "sources",
        "côté",  # "Le Hezbollah a de son côté revendiqué": an aside, not a source
    }
)
#: Words after a suspicion that give what it is of: a reason, not a hedge.
_REASON_WORDS = frozenset({"of", "de", "d'", "du", "des", "in"})
#: Articles that bring in a new body rather than point back at a known one.
_INDEFINITE = frozenset({"a", "an", "un", "une"})
#: ACLED inter codes of crowds (rioters, protesters, civilians): never a source's name.
_CROWDS = frozenset({5, 6, 7})


@functools.cache
def _source_rows() -> tuple[tuple[str, str], ...]:
    rows = [
        (alias, row["name"])
        for row in world_resource("sources")["sources"]
        for alias in row["aliases"]
    ]
    rows += [
        (alias, row["name"])
        for row in world_resource("actors")["actors"]
        if int(row["inter"]) not in _CROWDS  # "la défense civile" is no crowd of civilians
        for alias in [row["name"], *row["aliases"]]
    ]
    return tuple(rows)


#: Words between a speaker's title and the body it speaks for.
_OF_BODY = frozenset({"for", "of", "pour"})
_PERSON_LABELS = frozenset({"PERSON", "PER"})


def _person_named(span: SpacySpan, titles: frozenset[str]) -> SpacySpan | None:
    """The name at the end of "Deputy Defence Minister Hanna Maliar", when an office stands
    before it: a named official is recorded by name. Ranks stay ("Colonel Ahmed Hassan")."""
    end = span.end
    start = end
    while start > span.start and span.doc[start - 1].ent_type_ in _PERSON_LABELS:
        start -= 1
    if end - start < 2 or start == span.start:
        return None
    if not any(fold(t.text) in titles for t in span.doc[span.start : start]):
        return None
    return span.doc[start:end]


def _after_comma(token: Token) -> bool:
    first = min(t.i for t in token.subtree)
    return first > 0 and token.doc[first - 1].text == ","


def known_sources(nlp: Language) -> TermIndex[str]:
    """Outlets, agencies, official bodies and actors, matched to their canonical names."""
    return TermIndex[str](nlp, _source_rows())


def _main_verb(token: Token) -> Token:
    """The verb an auxiliary serves: a cue "a revendiqué" starts on "a"."""
    return token.head if token.pos_ == "AUX" and token.head.pos_ == "VERB" else token


#: Words for what a named medium is, that may follow its name: "Al-Masirah TV".
_MEDIA_WORDS = frozenset({"tv", "television", "channel", "radio", "tele", "télévision", "chaîne"})


#: Words that set a source beside a body rather than in it.
_RELATION_WORDS = frozenset({"proche", "proches", "close", "linked", "affiliated", "allied"})


def _described_known(span: SpacySpan, start: int, end: int) -> bool:
    """Whether a known name at the end of a source is what its words describe, not the last
    part of a longer proper name ("Kurdistan Democratic Party of Iran")."""
    doc = span.doc
    if not (end == span.end or (end == span.end - 1 and fold(doc[end].text) in _MEDIA_WORDS)):
        return False
    if any(fold(t.text) in _RELATION_WORDS for t in doc[span.start : start]):
        return False  # "sources proches du Hezbollah" are not Hezbollah
    return start == span.start or doc[start - 1].pos_ != "ADP" or doc[span.start].is_lower


def _described_name(span: SpacySpan, bodies: TermIndex[tuple[str, str]]) -> SpacySpan | None:
    """The proper name a lower-case description of a body stands in apposition to at the end
    of a source ("rights group Hengaw", "plateforme électorale Decide"); not the object of "of"
    ("ministère de la Santé"), nor a person after a rank ("le colonel Ahmed Hassan")."""
    doc = span.doc
    start = span.end
    while start > span.start and (
        doc[start - 1].pos_ == "PROPN" or (doc[start - 1].text == "-" and start - 1 > span.start)
    ):
        start -= 1
    if start in (span.start, span.end) or not doc[start].text[:1].isupper():
        return None
    before = doc[span.start : start]
    if doc[start - 1].pos_ in ("ADP", "DET") or not any(t.pos_ == "NOUN" for t in before):
        return None
    if any(t.text[:1].isupper() for t in before if t.is_alpha) or not bodies.find(list(before)):
        return None
    return doc[start : span.end]


def _hyphenated_start(doc: Doc, start: int) -> int:
    """The first token of a hyphenated word the parser split ("état - major" → "état"), so that
    a source is never its last half."""
    while (
        start >= 2
        and doc[start - 1].text in ("-", "‑")
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
    ):
        start -= 2
    return start


class AttributionReader:
    """Sources, hedges, claims and denials of sentences in one language."""

    def __init__(self, language: str, nlp: Language) -> None:
        data = language_resource(language, "attribution")
        self.language = language
        self.source_cues = TermIndex[str](
            nlp,
            [(c, "before") for c in data["source_before"]]
            + [(c, "inverted") for c in data.get("inverted", [])],
        )
        roles = {fold(r) for r in data.get("roles", [])}
        self.wrappers = TermIndex[str](
            nlp,
            [(w, "role" if fold(w) in roles else "wrapper") for w in data.get("wrappers", [])],
        )
        self.time_words = {fold(w) for w in data.get("time_words", [])}
        self.titles = frozenset(fold(w) for w in data.get("titles", []))
        self.suspicion = frozenset(fold(w) for w in data.get("suspicion", []))
        self.armed_qualifiers = frozenset(fold(w) for w in data.get("armed_qualifiers", []))
        self.known = known_sources(nlp)
        self.namer = source_namer(language)
        self.speech_verbs = {fold(v) for v in data.get("speech_verbs", [])}
        self.anonymous = TermIndex[str](
            nlp,
            [
                (phrase, name)
                for name, phrases in data.get("anonymous", {}).items()
                for phrase in phrases
            ],
        )
        self.hedges = TermIndex[str](nlp, [(h, "hedge") for h in data["hedges"]])
        self.actor_hedges = {fold(h) for h in data.get("actor_hedges", [])}
        self.claims = TermIndex[str](
            nlp,
            [(c, "claim") for c in data["claim"]]
            + [(c, "self") for c in data.get("self_report", [])],
        )
        self.denials = TermIndex[str](nlp, [(d, "deny") for d in data["deny"]])
        self.blows = TermIndex[str](nlp, [(b, "blow") for b in data.get("blows", [])])
        self.civilians = TermIndex[str](
            nlp, [(c, "civilians") for c in data.get("civilian_version", [])]
        )
        self.enemies = TermIndex[str](nlp, [(e, "enemies") for e in data.get("enemy_version", [])])
        self.back_reference = TermIndex[str](
            nlp, [(r, "back") for r in data.get("back_reference", [])]
        )
        self.references = TermIndex[tuple[str, str]](
            nlp,
            [
                (phrase, (kind, word))
                for kind, table in data.get("source_references", {}).items()
                for phrase, word in table.items()
            ],
        )

    def _name_after(self, sent: SpacySpan, start: int) -> Named | None:
        """The source named from token `start`: a short noun phrase, stopped at a verb or comma."""
        doc = sent.doc
        if start >= sent.end:
            return None  # a cue that ends the sentence: "…, according to"
        ahead = list(doc[start + 1 : min(start + 5, sent.end)])
        if doc[start].pos_ == "ADP" and self.wrappers.find(ahead):
            return None  # "…, said in a Telegram post that": the medium, the speaker is before
        end = start
        while end < sent.end and end - start < MAX_SOURCE_TOKENS:
            token = doc[end]
            inner_punct = (
                token.text in ("-", ".", "'") and not token.whitespace_ and end + 1 < sent.end
            )
            if token.pos_ in _STOP_POS and not (token.pos_ == "PUNCT" and inner_punct):
                break
            if token.is_space or "\n" in token.text:
                break
            if fold(token.text) in ("que", "that", "qui", "who", "which"):
                break
            if (
                token.pos_ == "ADP"
                and end > start
                and self.wrappers.find(list(doc[end + 1 : end + 4]))
            ):
                break  # "la coalition dans un communiqué": the source ends before its medium
            end += 1
        while start < end and (
            fold(doc[start].text) in _LEADING_DROP or fold(doc[start].text) in self.time_words
        ):
            start += 1  # "a affirmé jeudi le FSB": the day is no part of the name
        if start >= end:
            return None
        return self._normalise(doc[start:end])

    def _normalise(self, span: SpacySpan) -> Named | None:
        doc = span.doc
        while len(span) > 1 and doc[span.start].pos_ in ("ADP", "DET"):
            span = doc[span.start + 1 : span.end]  # "Dans un communiqué": the medium's words
        wrapper = self.wrappers.find(list(span))
        if wrapper and wrapper[0].start == span.start + 1 and doc[span.start].pos_ == "ADJ":
            span = doc[span.start + 1 : span.end]  # "un premier bilan du ministère": its report
        if wrapper and wrapper[0].start > span.start and wrapper[0].value == "role":
            # "army spokesman Mohammed Yerima", "Kabul police spokesman …": who they speak for.
            span = doc[span.start : wrapper[0].start]
        elif wrapper and wrapper[0].start == span.start:
            # "rapport d'Amnesty International": the source is what the report is of.
            start = wrapper[0].end
            while start < span.end and (
                fold(doc[start].text) in _LEADING_DROP or fold(doc[start].text) in _OF_BODY
            ):
                start += 1  # "a spokesman for the Arakan Army"
            if start >= span.end:
                return None
            span = doc[start : span.end]
        known = self.known.find(list(span))
        if known and (known[0].end - known[0].start) * 2 >= len(span):
            return known[0].value, known[0].start, known[0].end
        anon = self.anonymous.find(list(span))
        if anon and anon[0].start - span.start <= 1:
            hit = anon[0]
            name = hit.value
            plural = any("Plur" in t.morph.get("Number", []) for t in doc[hit.start : hit.end])
            if plural and name.startswith("a "):
                name = f"{name[2:]}s"  # "des sources sécuritaires" → "security sources"
            return name, span.start, span.end
        if known and _described_known(span, known[-1].start, known[-1].end):
            # "Lebanon's state-run National News Agency", "Houthi-run Al-Masirah TV": the name
            # its description leads up to.
            return known[-1].value, known[-1].start, known[-1].end
        described = _described_name(span, self.references)
        if described is not None:  # "the election-monitoring group Plataforma Decide"
            return described.text, described.start, described.end
        reference = self._reference(span)
        if reference is not None:
            return reference
        person = _person_named(span, self.titles)
        if person is not None:  # "regional governor Oleh Kiper": the person, by name
            return person.text, person.start, person.end
        if len(span) == 1 and fold(span[0].lemma_) in _GENERIC_HEADS:
            return None  # "le groupe a indiqué": a name only by reference, left to the claimant
        text = span.text.strip(" ,.;:")
        if "(" in text and ")" not in text:
            text = text[: text.index("(")].rstrip()  # "… Political Prisoners (AAPP": cut short
        if not text or not any(ch.isalpha() for ch in text):
            return None
        if not any(t.pos_ in ("PROPN", "NOUN") for t in span):
            return None
        english = self.namer.english(list(span))  # "police de Diyala" → "Diyala police"
        return english or text, span.start, span.end

    def is_suspicion(self, span: SpacySpan) -> bool:
        """Whether a hedge is a suspicion that gives a reason ("suspected of theft",
        "soupçonnés d'appartenir à un gang"), not a doubt on who they are ("suspected
        al-Shabaab members")."""
        doc = span.doc
        for t in span:
            if fold(t.lemma_) in self.suspicion or fold(t.text) in self.suspicion:
                following = fold(doc[t.i + 1].text) if t.i + 1 < len(doc) else ""
                if following in _REASON_WORDS:
                    return True
        return False

    def _reference(self, span: SpacySpan) -> SourceReference | None:
        """ "the army", "the paramilitary group", "le groupe armé": one reference word with at
        most two common words beside it; a proper name ("the Nigerian army") is a name."""
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and fold(before.text) in _INDEFINITE:
            return None  # "a rights group said": a source of its own, not one named before
        hits = self.references.find(list(span))
        if len(hits) != 1:
            return None
        hit = hits[0]
        rest = [t for t in span if not hit.start <= t.i < hit.end]
        if len(rest) > 2 or any(
            t.pos_ not in ("ADJ", "NOUN") or t.text[:1].isupper() for t in rest
        ):
            return None
        kind, word = hit.value
        qualifiers = frozenset(fold(t.text) for t in rest)
        if kind == "group" and not qualifiers <= self.armed_qualifiers:
            return None  # "the rights group said": a source of its own, not the armed group
        written = fold(span.doc[hit.start : hit.end].text)
        fallback = (self.namer.english(list(span)) or span.text.strip()) if rest else None
        country = next((c for t in rest if (c := load_gazetteer().demonym(t.text))), None)
        return SourceReference(
            kind, word, written, span.start, span.end, fallback, country, qualifiers
        )

    def _subject_of(self, verb: Token) -> Named | None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and child.pos_ in ("PROPN", "NOUN"):
                # "The Islamic Resistance in Iraq, an umbrella of factions, said": no apposition.
                first = min(t.i for t in child.subtree)
                inner = {
                    t.i
                    for c in child.children
                    if c.dep_ in ("acl", "acl:relcl", "parataxis")
                    # ", fidèle à son habitude", not "le colonel Ahmed Hassan"
                    or (
                        _after_comma(c)
                        and c.dep_ != "conj"  # "Hamas, Islamic Jihad and the PFLP said"
                        and min(t.i for t in c.subtree) > first
                    )
                    for t in c.subtree
                }
                tokens = [t for t in child.subtree if t.i not in inner and t.dep_ != "punct"]
                start = _hyphenated_start(child.doc, min(t.i for t in tokens))
                span = child.doc[start : max(t.i for t in tokens) + 1]
                if len(span) > MAX_SOURCE_TOKENS:
                    span = child.doc[child.i : child.i + 1]
                drop = 0
                while drop < len(span) - 1 and fold(span[drop].text) in _LEADING_DROP:
                    drop += 1
                return self._normalise(span[drop:])
        return None

    def civilians_hit(self, sent: SpacySpan) -> bool:
        """Whether a sentence says civilians were the victims, not that none were."""
        doc = sent.doc
        for hit in self.civilians.find(list(sent)):
            before = doc[max(sent.start, hit.start - 2) : hit.start]
            if not any(fold(t.text) in _NEGATIONS for t in before):
                return True
        return False

    def is_blow(self, verb: Token) -> bool:
        """A verb a side tells its own attack by ("avoir éliminé", "had struck")."""
        return bool(self.blows.find([verb]))

    def _negated(self, verb: Token) -> bool:
        """'No group claimed', 'aucun groupe n'a revendiqué', 'n'a pas été revendiquée'."""
        words = [verb, *verb.children]
        if fold(verb.head.lemma_) not in _LITOTES:
            # "n'a pas tardé à revendiquer", "did not hesitate to claim": a claim all the same
            words += list(verb.head.children)
        for child in verb.children:
            if child.dep_.startswith("nsubj"):
                words += list(child.subtree)
        return any(fold(t.text) in _NEGATIONS for t in words)

    def speaker_of(self, verb: Token, sent: SpacySpan) -> tuple[str, int, int] | None:
        """Who a verb of saying gives the words to: its subject, or the name after it when
        inverted (", a déclaré le porte-parole"); the name as a source would be recorded."""
        subject = self._subject_of(verb)
        if subject is not None:
            return None if isinstance(subject, SourceReference) else subject
        end = verb.i + 1
        while end < sent.end and sent.doc[end].dep_ in ("aux", "aux:tense", "advmod"):
            end += 1
        name = self._name_after(sent, end) if end < sent.end else None
        return None if isinstance(name, SourceReference) else name

    def _actor_hedge(self, tokens: list[Token]) -> Token | None:
        """ "suspected al-Shabaab members": a hedge on who they are, unless "of" gives a reason."""
        for n, token in enumerate(tokens):
            if fold(token.text) not in self.actor_hedges:
                continue
            following = fold(tokens[n + 1].text) if n + 1 < len(tokens) else ""
            if following not in ("of", "de", "du", "des", "d'", "d’", "in", "to"):
                return token
        return None

    def read(self, sent: SpacySpan) -> Attribution:
        tokens = list(sent)
        found = Attribution()
        #: Verbs whose source stands after them (", a annoncé le procureur"): their parsed
        #: subject, if any, is a misparse ("six personnes … , a annoncé").
        inverted: set[int] = set()
        for cue in self.source_cues.find(tokens):
            if cue.value == "inverted":
                before = sent.doc[cue.start - 1] if cue.start > sent.start else None
                if before is None or before.text not in (",", "»", '"', "”", ";"):
                    continue
            name = self._name_after(sent, cue.end)
            if name is not None and cue.value == "inverted":
                verb = _main_verb(sent.doc[cue.start])
                start, end = (
                    (name.start, name.end) if isinstance(name, SourceReference) else name[1:]
                )
                if any(t.head == verb for t in sent.doc[start:end]):
                    inverted.add(verb.i)  # its own name: a subject before it is a misparse
            if isinstance(name, SourceReference):
                found.references.append(name)
            elif name is not None:
                found.sources.append(name)
        for token in tokens:
            if token.pos_ == "VERB" and fold(token.lemma_) in self.speech_verbs:
                if token.i in inverted:
                    continue
                if self._negated(token):
                    continue  # "aucun groupe n'a revendiqué": nobody, not a source
                subject = self._subject_of(token)
                if isinstance(subject, SourceReference):
                    if all(subject.start != r.start for r in found.references):
                        found.references.append(subject)
                elif subject is not None and all(subject[0] not in s[0] for s in found.sources):
                    found.sources.append(subject)
                elif subject is None and found.pronoun_speaker is None:
                    pronoun = next(
                        (
                            c
                            for c in token.children
                            if c.dep_ in ("nsubj", "expl:subj")  # "a-t-il précisé"
                            and fold(c.text).lstrip("-") in _SPEAKER_PRONOUNS
                        ),
                        None,
                    )
                    if pronoun is not None:
                        found.pronoun_speaker = (pronoun.i, pronoun.i + 1)
        hedges = self.hedges.find(tokens)
        if hedges:
            found.hedge = (hedges[0].start, hedges[0].end)
        else:
            hedge = self._actor_hedge(tokens)
            if hedge is not None:
                found.hedge = (hedge.i, hedge.i + 1)
        claims = [
            c for c in self.claims.find(tokens) if not self._negated(_main_verb(sent.doc[c.start]))
        ]
        if claims:
            found.claim = (claims[0].start, claims[0].end)
            found.self_report = claims[0].value == "self"
            verb = sent.doc[claims[0].start]
            verb = verb if verb.pos_ == "VERB" else verb.head
            subject = self._subject_of(verb)
            if subject is None and verb.dep_ in ("xcomp", "ccomp"):
                subject = self._subject_of(verb.head)  # "la Résistance n'a pas tardé à revendiquer"
            if isinstance(subject, SourceReference):
                found.claimant = (subject.start, subject.end)
            elif subject is not None:
                found.claimant = (subject[1], subject[2])
        denials = self.denials.find(tokens)
        if denials:
            found.deny = (denials[0].start, denials[0].end)
        return found
