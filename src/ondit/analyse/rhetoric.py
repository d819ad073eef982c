"""Persuasion techniques in a writer's own words, and the genre of the document they write.

A reader who is shown "this phrase is Name_Calling-Labeling" must be able to agree on sight, so
the stage prefers to miss a technique rather than to highlight a neutral phrase. Detection comes
from per-language lexicons and patterns (``resources/<lang>/rhetoric.yaml``), helped by the parse
where a word list alone cannot tell: a scare quote from a speaker's quotation, a rhetorical
question, an intensifier on an evaluative noun, a clause opening repeated for effect.

Quotations of a speaker are the speaker's rhetoric, not the writer's: cues inside them are
ignored. Technique names are those of SemEval-2023 Task 3, spelt as that task spells them; the
lexicons were written for ondit and tuned on its own annotated examples (``dev/rhetoric/``),
never on the SemEval data, which the project keeps for independent measurement.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ondit import resources
from ondit.analyse.genre_model import genre_model
from ondit.analyse.nlp import load_pipeline
from ondit.analyse.quotes import quote_ranges
from ondit.analyse.terms import Hit, TermIndex, fold, token_keys
from ondit.errors import ResourceError
from ondit.model import RhetoricSpan

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

#: SemEval-2023 Task 3 persuasion techniques, spelt as the task spells them.
TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling-Labeling",
    "Doubt",
    "Exaggeration-Minimisation",
    "Appeal_to_Fear-Prejudice",
    "Flag_Waving",
    "Repetition",
    "Causal_Oversimplification",
    "Slogans",
    "Questioning_the_Reputation",
    "Appeal_to_Authority",
    "Whataboutism",
    "Guilt_by_Association",
    "Appeal_to_Hypocrisy",
    "Conversation_Killer",
    "Straw_Man",
    "Red_Herring",
    "Appeal_to_Values",
    "Appeal_to_Popularity",
    "False_Dilemma-No_Choice",
    "Consequential_Oversimplification",
    "Obfuscation-Vagueness-Confusion",
    "Appeal_to_Time",
)
#: SemEval-2023 Task 3 genres.
GENRES: tuple[str, ...] = ("reporting", "opinion", "satire")
#: Genres written in the writer's own voice, where cues that wire copy also uses count.
_OWN_VOICE = frozenset({"opinion", "satire"})

#: The keys a ``rhetoric.yaml`` may hold, and those it must hold.
SCHEMA: tuple[frozenset[str], frozenset[str]] = resources.SCHEMAS["rhetoric"]

#: A quotation of at most this many words, outside a speech context, is a scare quote
#: (« protéger », "reconstruire"); longer ones are a speaker's words.
SCARE_QUOTE_MAX_WORDS = 2
#: In a piece in the writer's own voice, a name the writer quotes after a verb of naming
#: ("parlent de « droit à se défendre »") may run to this many words.
NAMED_QUOTE_MAX_WORDS = 4
#: 'word' in single marks, as English commentary quotes a name it disputes: the opening mark
#: follows a space or a bracket, the closing one is followed by a space or punctuation.
_SINGLE_QUOTED = re.compile(r"(?<![\w'’])['‘][^\W\d_][^'‘’\n]{0,60}?[^\W_]['’](?![\w'’])")
#: A verb of saying this many tokens or fewer from a short quotation makes it a speaker's word.
QUOTE_VERB_WINDOW = 5
#: How far up the parse a label is looked at for a verb of saying that relays it.
REPORTED_SPEECH_DEPTH = 6
#: A highlighted span longer than this is a paragraph, not a phrase or clause: it is dropped.
MAX_SPAN_CHARS = 240
#: A slogan stands alone: the cue counts only in a sentence of at most this many words or one
#: that ends in "!" ("Gloire à l'Ukraine !"), not in "condamné à mort à Bagdad".
SLOGAN_MAX_WORDS = 8
#: A verbless exclamation of at most this many words stands as a slogan without any cue word.
EXCLAIMED_SLOGAN_MAX_WORDS = 6
#: Repetition by frequency: a phrase of up to this many tokens seen at least REPEAT_MIN_COUNT
#: times in one paragraph ("sans relâche" three times).
REPEAT_MAX_TOKENS = 3
REPEAT_MIN_COUNT = 3
#: Repetition by anaphora: the shared clause opening is compared over at most this many words.
ANAPHORA_MAX_WORDS = 5
#: Tokens that may sit between a word and its echo ("petit mais très petit", "never, never").
_ECHO_JOINERS = frozenset({",", "mais", "et", "tres", "but", "and", "very", "!", "...", "…", "-"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–"})
_LEADING_CONJUNCTIONS = frozenset({"et", "mais", "or", "and", "but", "so", "donc"})
_CONTENT_POS = frozenset({"VERB", "ADV"})
_NOUNS = frozenset({"NOUN", "PROPN"})
#: A one-word label read as one of these is an adjective or verb, not a name for someone (the
#: French model tags "Yankees" PRON, so nouns are not required, only these ruled out).
_NOT_LABELS = frozenset({"ADJ", "VERB", "AUX", "ADV", "ADP"})
#: Dependencies by which a verb of saying holds the clause it reports.
_REPORTED_CLAUSES = frozenset({"ccomp", "xcomp", "parataxis"})
#: Techniques that reported speech relays from its speaker ("l'armée a affirmé avoir tué une
#: vingtaine de terroristes"); the others are built on the verb of saying itself ("qui prétend
#: défendre …", "à entendre Washington, …") and stay the writer's.
_RELAYABLE = frozenset(TECHNIQUES) - {
    "Doubt",
    "Straw_Man",
    "Appeal_to_Hypocrisy",
    "Whataboutism",
    "Appeal_to_Authority",
    "Repetition",
}
#: Stands in the phrase index for "soi-disant", "so-called": Doubt or Questioning_the_Reputation
#: once the parse has found the noun they qualify.
SO_CALLED = "(so-called)"
_SENTENCE_ENDS = frozenset('.!?…:;\n»"”')
#: In a pattern, only these escapes and constructs may hold capitals: patterns are written folded.
_PATTERN_SYNTAX = re.compile(r"\\[A-Za-z]|\(\?P[<=]")
_WORD = re.compile(r"[^\W_]+")
#: Sections of ``rhetoric.yaml`` keyed by technique name.
_TECHNIQUE_SECTIONS = ("phrases", "patterns", "opinion_phrases", "opinion_patterns")


# -- resources --------------------------------------------------------------------------------


def load_rhetoric(language: str) -> dict[str, Any]:
    """The validated ``rhetoric.yaml`` of one language."""
    data = resources.language_resource(language, "rhetoric")
    _check_content(language, data)
    return data


def _check_content(language: str, data: dict[str, Any]) -> None:
    """Technique and genre names must be the task's: a misspelt one would never be reported."""
    where = f"{language}/rhetoric.yaml"
    for section in _TECHNIQUE_SECTIONS:
        for technique in data.get(section) or {}:
            if technique not in TECHNIQUES:
                raise ResourceError(f"[E130] {where}: unknown technique {technique!r} in {section}")
    for genre in data.get("genre") or {}:
        if genre not in GENRES:
            raise ResourceError(f"[E131] {where}: unknown genre {genre!r}")
    patterns = [
        (technique, named)
        for section in ("patterns", "opinion_patterns")
        for technique, named in (data.get(section) or {}).items()
    ]
    for technique, named in patterns:
        if not isinstance(named, dict):
            raise ResourceError(f"[E132] {where}: patterns of {technique} must be a mapping")
        for name, pattern in named.items():
            if not isinstance(pattern, str):
                raise ResourceError(f"[E132] {where}: pattern {technique}/{name} is not a string")
            bare = _PATTERN_SYNTAX.sub("", pattern)
            if bare != fold(bare):
                raise ResourceError(
                    f"[E133] {where}: pattern {technique}/{name} must be written folded "
                    "(lowercase, no accents, straight apostrophes)"
                )


@dataclass(frozen=True, slots=True)
class _Pattern:
    technique: str
    name: str
    regex: re.Pattern[str]
    #: Whether it counts only in a piece in the writer's own voice (``opinion_patterns``).
    opinion: bool = False


def _phrase_entries(section: dict[str, Any] | None) -> list[tuple[str, tuple[str, ...]]]:
    """Each phrase of a technique → phrases section, valued by all the techniques it cues."""
    techniques_of: dict[str, set[str]] = defaultdict(set)
    for technique, phrases in (section or {}).items():
        for phrase in phrases or ():
            techniques_of[phrase].add(technique)
    return [(phrase, tuple(sorted(names))) for phrase, names in techniques_of.items()]


class RhetoricLexicon:
    """One language's cues, tokenised and compiled once."""

    def __init__(self, language: str) -> None:
        data = load_rhetoric(language)
        nlp = load_pipeline(language)
        self.language = language
        exceptions: list[tuple[str, tuple[str, ...]]] = [
            (phrase, ()) for phrase in data.get("exceptions") or ()
        ]
        entries = _phrase_entries(data["phrases"])
        entries += [(phrase, (SO_CALLED,)) for phrase in data.get("so_called") or ()]
        #: Every cue phrase, valued by its techniques; "soi-disant" and the like by SO_CALLED,
        #: which the parse settles; exceptions by ().
        self.phrases = TermIndex[tuple[str, ...]](nlp, entries + exceptions)
        #: Cues that wire copy also uses plainly ("massacre", "trahison"): the writer's
        #: technique only in a piece in the writer's own voice.
        self.opinion_phrases = TermIndex[tuple[str, ...]](
            nlp, _phrase_entries(data.get("opinion_phrases")) + exceptions
        )
        self.patterns: list[_Pattern] = []
        for section in ("patterns", "opinion_patterns"):
            for technique, named in (data.get(section) or {}).items():
                for name, source in named.items():
                    try:
                        regex = re.compile(source, re.MULTILINE)
                    except re.error as exc:
                        raise ResourceError(
                            f"[E134] {language}/rhetoric.yaml: pattern {technique}/{name}: {exc}"
                        ) from exc
                    opinion = section == "opinion_patterns"
                    self.patterns.append(_Pattern(technique, name, regex, opinion))
        self.reputation_heads = _word_set(data.get("reputation_heads", []))
        self.quote_verbs = _word_set(data["quote_verbs"])
        self.intensifiers = _word_set(data.get("intensifiers", []))
        self.evaluative_nouns = _word_set(data.get("evaluative_nouns", []))
        self.doubt_in_question = TermIndex[str](
            nlp, [(p, "doubt") for p in data.get("doubt_in_question", [])]
        )
        self.repetition_ignore = _word_set(data.get("repetition_ignore", []))
        self.exclamative_openers = _word_set(data.get("exclamative_openers", []))
        self.correlatives = _word_set(data.get("correlatives", []))
        self.naming_verbs = _word_set(data.get("naming_verbs", []))
        #: Genre cues in one index, valued by the genre they point to: one pass per document.
        self.genre = TermIndex[str](
            nlp,
            [(p, name) for name, phrases in data["genre"].items() for p in phrases or ()],
        )
        LOGGER.debug(
            "rhetoric lexicon %s: %d phrases, %d patterns",
            language,
            len(self.phrases),
            len(self.patterns),
        )


def _word_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@functools.cache
def rhetoric_lexicon(language: str) -> RhetoricLexicon:
    """The lexicon of one language, built on first use and shared by every document."""
    return RhetoricLexicon(language)


# -- text helpers -----------------------------------------------------------------------------


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original one.

    Folding may change a character into none or several ("ﬁ" → "fi"), so pattern matches on the
    folded text are mapped back through this table to spans of the original.
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        chars.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return "".join(chars), origin


def _words(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


@dataclass(slots=True)
class _Found:
    technique: str
    start: int
    end: int
    cue: str


# -- the stage --------------------------------------------------------------------------------


def find_rhetoric(doc: Doc, *, language: str, doc_id: str) -> list[RhetoricSpan]:
    """The persuasion-technique spans of a parsed document, in text order.

    Pure: reads only the document and the language's lexicon, so it runs in any worker.
    """
    lexicon = rhetoric_lexicon(language)
    reader = _Reader(doc, lexicon)
    spans = reader.spans(doc_id)
    if (reader.named_quotes or reader.gated) and writes_in_own_voice(
        doc, language=language, spans=spans
    ):
        # Names quoted after "parler de", "call for", and the cues wire copy also uses plainly:
        # the writer's in a piece in the writer's own voice, decided on the first pass.
        spans = _Reader(doc, lexicon, opinion=True).spans(doc_id)
    return spans


class _Reader:
    """One pass over one document: its quotations first, then each kind of cue."""

    def __init__(self, doc: Doc, lexicon: RhetoricLexicon, *, opinion: bool = False) -> None:
        self.doc = doc
        self.text = doc.text
        self.lexicon = lexicon
        #: Whether the piece is known to be in the writer's own voice (a second pass).
        self.opinion = opinion
        self.found: list[_Found] = []
        self.sentences = list(doc.sents)
        #: Each token's matching keys (form, lemma, singulars), folded once per document.
        self.keys = [token_keys(t) for t in doc]
        self.speaker_quotes: list[tuple[int, int]] = []
        self.scare_quotes: list[tuple[int, int]] = []
        #: Short quotations a verb of naming governs: Doubt if the piece proves to be opinion.
        self.named_quotes: list[tuple[int, int]] = []
        #: Whether a cue that counts only in opinion was seen (read on a second pass).
        self.gated = False
        for start, end, closed in quote_ranges(self.text):
            if closed and self._is_scare_quote(start, end):
                self.scare_quotes.append((start, end))
            else:
                self.speaker_quotes.append((start, end))
        for match in _SINGLE_QUOTED.finditer(self.text):
            start, end = match.span()
            if not self.in_speaker_quote(start, end) and self._is_scare_quote(start, end):
                self.scare_quotes.append((start, end))
        #: For each token, whether it lies in a speaker's quotation: computed once, read often.
        self.quoted = [False] * len(doc)
        for start, end in self.speaker_quotes:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.quoted[span.start : span.end] = [True] * len(span)

    # quotations ------------------------------------------------------------------------------

    def _is_scare_quote(self, start: int, end: int) -> bool:
        inner = self.text[start + 1 : end - 1] if end - start >= 2 else ""
        words = len(_WORD.findall(inner))
        if not 1 <= words <= max(SCARE_QUOTE_MAX_WORDS, NAMED_QUOTE_MAX_WORDS):
            return False
        before = self.text[max(0, start - 3) : start].strip()
        if before.endswith(":"):
            return False  # an introduced quotation: « Il a dit : "non" »
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        doc = self.doc
        near = doc[max(span.start - QUOTE_VERB_WINDOW, 0) : span.end + QUOTE_VERB_WINDOW]
        sayers = {
            t.i
            for t in [*near, *(a for token in span for a in token.ancestors)]
            if (t.i < span.start or t.i >= span.end) and self._says(t)
        }
        governed = any(self._reported(token, clause_only=False) for token in span)
        if (governed or sayers) and all(self._names(doc[i]) for i in sayers):
            # "parlent de « génocide »": a name, which the writer of a piece of opinion disputes.
            if words <= NAMED_QUOTE_MAX_WORDS and not inner.strip()[:1].isupper():
                self.named_quotes.append((start, end))
                return self.opinion
            return False
        # A speaker's word when a verb of saying governs it or stands right beside it:
        # "qualifiant de « sans fondement »", "what she called a 'cowardly attack'".
        return not governed and not sayers and words <= SCARE_QUOTE_MAX_WORDS

    def _names(self, token: Token) -> bool:
        return bool(self.keys[token.i] & self.lexicon.naming_verbs)

    def _says(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX", "NOUN") and bool(
            self.keys[token.i] & self.lexicon.quote_verbs
        )

    def _reported(self, token: Token, *, clause_only: bool = True) -> bool:
        """Whether a verb of saying governs the token.

        With ``clause_only``, only the clause it reports counts: "l'armée a affirmé avoir tué …
        terroristes" relays the army's label, while the verb's subject and objects stay the
        writer's ("Les Irakiens … réclament le départ"). A quoted word is the speaker's under any
        dependency: "calling the accusations 'baseless'".
        """
        child = token
        for depth, ancestor in enumerate(token.ancestors):
            if depth >= REPORTED_SPEECH_DEPTH:
                break
            if (
                ancestor.pos_ in ("VERB", "AUX")
                and (not clause_only or child.dep_ in _REPORTED_CLAUSES)
                and self._says(ancestor)
            ):
                return True
            child = ancestor
        return False

    def _in_scare_quote(self, first: int, last: int) -> bool:
        """Whether tokens ``first`` to ``last`` (exclusive) lie in a scare quote or a named one."""
        start, end = self.doc[first].idx, self.doc[last - 1].idx + len(self.doc[last - 1])
        return any(
            q_start <= start and end <= q_end
            for q_start, q_end in [*self.scare_quotes, *self.named_quotes]
        )

    def in_speaker_quote(self, start: int, end: int) -> bool:
        return any(q_start < end and start < q_end for q_start, q_end in self.speaker_quotes)

    # collection ------------------------------------------------------------------------------

    def add(self, technique: str, start: int, end: int, cue: str) -> None:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1] in " \t\n,;:":
            end -= 1
        if start >= end or end - start > MAX_SPAN_CHARS or end > len(self.text):
            return
        if self.in_speaker_quote(start, end):
            return
        self.found.append(_Found(technique, start, end, cue))

    def spans(self, doc_id: str) -> list[RhetoricSpan]:
        self._phrases()
        self._patterns()
        self._scare_quotes()
        self._intensifiers()
        self._doubtful_questions()
        self._exclaimed_slogans()
        self._repetition()
        return [
            RhetoricSpan(
                doc_id=doc_id,
                technique=f.technique,
                start=f.start,
                end=f.end,
                text=self.text[f.start : f.end],
                cue=f.cue,
            )
            for f in _merge(self.found)
        ]

    # cue readers -----------------------------------------------------------------------------

    def _hits(self, index: TermIndex[T]) -> list[Hit[T]]:
        """Hits over the whole document, not per sentence: the French parser sometimes cuts a
        sentence inside a phrase ("Les soi | -disant conseillers"). No hit crosses a line."""
        return [
            hit
            for hit in index.find(list(self.doc))
            if "\n" not in self.doc[hit.start : hit.end].text
        ]

    def _phrases(self) -> None:
        hits = self._hits(self.lexicon.phrases)
        taken = {i for hit in hits for i in range(hit.start, hit.end)}
        gated = [
            hit
            for hit in self._hits(self.lexicon.opinion_phrases)
            if hit.value
            and taken.isdisjoint(range(hit.start, hit.end))
            and not self._in_scare_quote(hit.start, hit.end)
        ]
        self.gated = self.gated or bool(gated)
        if self.opinion:
            # A cue of the main lexicon wins ("frôle le ridicule" over "ridicule"), and a word the
            # writer puts in scare quotes (« massacre ») is disputed, not used.
            hits += gated
        for hit in hits:
            sent = self.doc[hit.start].sent
            for technique in hit.value:
                if technique == SO_CALLED:
                    self._so_called(hit.start, hit.end, hit.phrase)
                else:
                    end = min(hit.end, sent.end)
                    self._phrase_hit(sent, hit.start, end, technique, hit.phrase)

    def _phrase_hit(
        self, sent: SpacySpan, start: int, end: int, technique: str, phrase: str
    ) -> None:
        doc = self.doc
        head = doc[start]
        if technique in _RELAYABLE and self._reported(doc[start:end].root):
            return  # relayed from a speaker in reported speech, not the writer's own
        if (
            end - start == 1
            and head.text[:1].isupper()
            and not head.is_sent_start
            and technique == "Loaded_Language"
        ):
            return  # part of a name: "Hayat Tahrir al-Sham", "opération Martyr Soleimani"
        if technique == "Name_Calling-Labeling":
            if end - start == 1 and (head.pos_ in _NOT_LABELS or head.dep_ in ("amod", "compound")):
                return  # a label is a noun: "attaque terroriste" is not "les terroristes"
            start, end = _with_modifiers(doc, start, end, sent)
        if technique == "Slogans":
            bounds = self._slogan(sent, start, end)
            if bounds is None:
                return
            start, end = bounds
        span = doc[start:end]
        self.add(technique, span.start_char, span.end_char, f"phrase: {phrase}")

    def _slogan(self, sent: SpacySpan, start: int, end: int) -> tuple[int, int] | None:
        """A slogan cue counts in a short or exclaimed sentence; the span is that sentence.

        Words after a colon stand alone: "Leur message tient en deux mots : occupants, dehors".
        """
        doc = sent.doc
        first = sent.start
        for token in doc[sent.start : start]:
            if token.text == ":":
                first = token.i + 1
        segment = doc[first : sent.end]
        if len(_words(segment)) <= SLOGAN_MAX_WORDS:
            return segment.start, segment.end
        if any(t.text == "!" for t in sent):
            stop = end
            while stop < sent.end and not doc[stop].is_punct and stop - end < 4:
                stop += 1
            if stop < sent.end and doc[stop].text == "!":
                return start, stop + 1
        return None

    def _so_called(self, start: int, end: int, phrase: str) -> None:
        """ "soi-disant X": Doubt on a thing, Questioning_the_Reputation on a person or body.

        The noun is looked for past the sentence end: the parser sometimes cuts
        "Les soi-disant | conseillers"."""
        doc = self.doc
        noun: Token | None = None
        for token in doc[end : end + 4]:
            if token.pos_ in _NOUNS:
                noun = token
                break
            if token.pos_ not in ("ADJ", "PUNCT"):
                break
        if noun is None:
            return  # "supposed to leave": no noun, no technique
        reputation = bool(self.keys[noun.i] & self.lexicon.reputation_heads)
        technique = "Questioning_the_Reputation" if reputation else "Doubt"
        span = doc[start : noun.i + 1]
        self.add(technique, span.start_char, span.end_char, f"so-called: {phrase}")

    def _patterns(self) -> None:
        folded, origin = _folded_with_offsets(self.text)
        for pattern in self.lexicon.patterns:
            if pattern.opinion and not self.opinion:
                self.gated = self.gated or pattern.regex.search(folded) is not None
                continue
            for match in pattern.regex.finditer(folded):
                group = "span" if "span" in pattern.regex.groupindex else 0
                f_start, f_end = match.span(group)
                if f_start < 0 or f_end <= f_start:
                    continue
                start, end = origin[f_start], origin[f_end - 1] + 1
                if "\n" in self.text[start:end].strip():
                    continue  # patterns stay inside one paragraph
                if pattern.technique in _RELAYABLE:
                    tokens = self.doc.char_span(start, end, alignment_mode="expand")
                    if tokens is not None and len(tokens) and self._reported(tokens.root):
                        continue
                self.add(pattern.technique, start, end, f"pattern: {pattern.name}")

    def _scare_quotes(self) -> None:
        """A short quotation of a lowercase word, outside speech: the writer disputes the word."""
        for start, end in self.scare_quotes:
            inner = self.text[start + 1 : end - 1].strip()
            if not inner or not inner[0].islower() or any(ch.isdigit() for ch in inner):
                continue
            labelled = any(
                f.technique in ("Name_Calling-Labeling", "Loaded_Language")
                and start <= f.start
                and f.end <= end
                for f in self.found
            )
            if not labelled:
                self.add("Doubt", start, end, "scare quote")

    def _intensifiers(self) -> None:
        """An intensifier beside an evaluative noun: "une vraie catastrophe", "échec cuisant"."""
        lexicon = self.lexicon
        doc = self.doc
        for token in doc:
            if not self.keys[token.i] & lexicon.intensifiers:
                continue
            for other in _neighbours(doc, token):
                if other.pos_ in _NOUNS and self.keys[other.i] & lexicon.evaluative_nouns:
                    first, last = sorted((token.i, other.i))
                    span = doc[first : last + 1]
                    cue = f"intensifier: {token.text} + {other.text}"
                    self.add("Loaded_Language", span.start_char, span.end_char, cue)
                    break

    def _doubtful_questions(self) -> None:
        """A writer's question that asks whether to believe: "Peut-on vraiment croire … ?"."""
        for sent in self.sentences:
            words = list(sent)
            if not words or not any(t.text == "?" for t in words[-2:]):
                continue
            if self.in_speaker_quote(sent.start_char, sent.end_char):
                continue
            hits = self.lexicon.doubt_in_question.find(words)
            if hits:
                self.add("Doubt", sent.start_char, sent.end_char, f"question: {hits[0].phrase}")

    def _exclaimed_slogans(self) -> None:
        """A short verbless exclamation of the writer's is a slogan: "Ni oubli, ni pardon !".

        Exclamations that open on "quel" / "what a" judge rather than rally, and are left out.
        The sentence is taken from the text's own punctuation, since the parser may cut one
        short ("Ni oubli | , ni pardon !").
        """
        doc = self.doc
        for index, sent in enumerate(self.sentences):
            if not _ends_with(sent, "!"):
                continue
            first = index
            while first > 0:
                before = self.text[: self.sentences[first].start_char].rstrip(" \t")
                if not before or before[-1] in _SENTENCE_ENDS:
                    break
                first -= 1
            whole = doc[self.sentences[first].start : sent.end]
            words = _words(whole)
            if not 2 <= len(words) <= EXCLAIMED_SLOGAN_MAX_WORDS:
                continue
            if fold(words[0].text) in self.lexicon.exclamative_openers:
                continue
            if any("Fin" in t.morph.get("VerbForm", []) for t in words):
                continue
            self.add("Slogans", whole.start_char, whole.end_char, "verbless exclamation")

    # repetition ------------------------------------------------------------------------------

    def _repetition(self) -> None:
        """Repetition is looked for within each paragraph, outside quotations."""
        paragraphs: list[list[Token]] = [[]]
        for token in self.doc:
            if "\n" in token.text or "\n" in token.whitespace_:
                if not self.quoted[token.i] and not token.is_space:
                    paragraphs[-1].append(token)
                paragraphs.append([])
            elif not self.quoted[token.i]:
                paragraphs[-1].append(token)
        for tokens in paragraphs:
            if tokens:
                self._anaphora(tokens)
                self._frequent(tokens)
                self._echo(tokens)

    def _clauses(self, tokens: Sequence[Token]) -> list[list[Token]]:
        """Clauses of a paragraph: sentences cut at commas, semicolons, colons and dashes."""
        clauses: list[list[Token]] = []
        current: list[Token] = []
        for token in tokens:
            if token.is_sent_start and current:
                clauses.append(current)
                current = []
            if token.text in _CLAUSE_BREAKS or token.is_space:
                if current:
                    clauses.append(current)
                current = []
                continue
            if token.is_punct:
                continue
            current.append(token)
        if current:
            clauses.append(current)
        return [
            clause[1:] if clause and fold(clause[0].text) in _LEADING_CONJUNCTIONS else clause
            for clause in clauses
        ]

    def _anaphora(self, tokens: Sequence[Token]) -> None:
        """Clauses in a row that open alike: "Ils ont promis …, ils ont promis …"."""
        clauses = self._clauses(tokens)
        index = 0
        while index < len(clauses) - 1:
            shared = _shared_opening(clauses[index], clauses[index + 1])
            run = [index, index + 1]
            if shared >= 2:
                following = index + 2
                while following < len(clauses):
                    if _shared_opening(clauses[index], clauses[following]) < shared:
                        break
                    run.append(following)
                    following += 1
            opening = clauses[index][:shared]
            if shared >= 2 and self._meaningful_opening(opening, len(run)):
                cue = "anaphora: " + " ".join(t.text for t in opening)
                for member in run:
                    words = clauses[member][:shared]
                    self.add("Repetition", words[0].idx, _end(words[-1]), cue)
                index = run[-1] + 1
            else:
                index += 1

    def _meaningful_opening(self, opening: Sequence[Token], run: int) -> bool:
        """An opening worth calling anaphora: no names or figures, not "the ministry said", not
        the halves of a correlative ("ou bien …, ou bien …", "either … or")."""
        if any(t.pos_ in ("PROPN", "NUM") or t.like_num for t in opening):
            return False
        if opening[0].pos_ == "CCONJ" or fold(opening[0].text) in self.lexicon.correlatives:
            return False
        if any(t.pos_ == "NOUN" for t in opening) and any(
            self.keys[t.i] & self.lexicon.quote_verbs for t in opening
        ):
            return False
        content = any(t.pos_ in _CONTENT_POS or _interrogative(t) for t in opening)
        return content or run >= 3

    def _frequent(self, tokens: Sequence[Token]) -> None:
        """A short phrase said three times in one paragraph: "sans relâche … sans relâche …"."""
        words = _words(tokens)
        taken: set[int] = set()
        for size in range(REPEAT_MAX_TOKENS, 0, -1):
            positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if any(w.i != gram[0].i + k for k, w in enumerate(gram)):
                    continue  # not contiguous in the text
                if self._repeatable(gram):
                    positions[tuple(fold(w.text) for w in gram)].append(i)
            for key, starts in positions.items():
                spans = [s for s in starts if not taken & set(range(s, s + size))]
                kept: list[int] = []
                for s in spans:
                    if not kept or s >= kept[-1] + size:
                        kept.append(s)
                if len(kept) < REPEAT_MIN_COUNT:
                    continue
                cue = f"repeated: {' '.join(key)} ×{len(kept)}"
                for s in kept:
                    taken.update(range(s, s + size))
                    self.add("Repetition", words[s].idx, _end(words[s + size - 1]), cue)

    def _repeatable(self, gram: Sequence[Token]) -> bool:
        """Phrases whose repetition is a choice: not names, figures, nouns or function words."""
        first = gram[0]
        if first.pos_ not in ("ADV", "ADP", "VERB", "ADJ"):
            return False
        if any(t.pos_ in ("PROPN", "NUM", "DET", "PRON", "AUX") or t.like_num for t in gram):
            return False
        if any(self.keys[t.i] & self.lexicon.repetition_ignore for t in gram):
            return False
        content = [t for t in gram if not t.is_stop and len(t.text) >= 4 and t.is_alpha]
        if not content:
            return False
        if len(gram) == 1:
            return first.pos_ in ("ADV", "ADJ") and len(first.text) >= 6
        return gram[-1].pos_ not in ("ADP", "CCONJ", "SCONJ")

    def _echo(self, tokens: Sequence[Token]) -> None:
        """A word echoed at once for weight: "petit mais très petit", "jamais, jamais"."""
        for i, token in enumerate(tokens):
            if not token.is_alpha or len(token.text) < 3:
                continue
            if token.pos_ in ("DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PROPN", "NUM"):
                continue
            for gap in (2, 3):
                if i + gap >= len(tokens):
                    break
                echo = tokens[i + gap]
                between = tokens[i + 1 : i + gap]
                if fold(echo.text) == fold(token.text) and all(
                    fold(t.text) in _ECHO_JOINERS for t in between
                ):
                    cue = f"echo: {token.text}"
                    self.add("Repetition", token.idx, _end(echo), cue)
                    break


def _interrogative(token: Token) -> bool:
    """ "how", "why", "combien", "pourquoi": a repeated question opening is anaphora."""
    return token.tag_ in ("WRB", "WP", "WDT") or "Int" in token.morph.get("PronType", [])


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _shared_opening(first: Sequence[Token], second: Sequence[Token]) -> int:
    shared = 0
    for a, b in zip(first[:ANAPHORA_MAX_WORDS], second[:ANAPHORA_MAX_WORDS], strict=False):
        if fold(a.text) != fold(b.text):
            break
        shared += 1
    return shared


def _with_modifiers(doc: Doc, start: int, end: int, sent: SpacySpan) -> tuple[int, int]:
    """A label with the adjectives that belong to it: "occupants américains", "Russian orcs"."""
    inside = set(range(start, end))

    def modifies(token: Token) -> bool:
        return (
            token.head.i in inside
            and token.dep_ in ("amod", "compound", "flat", "flat:name")
            and token.pos_ in ("ADJ", "PROPN", "NOUN")
        )

    left = start
    while left > sent.start and start - left < 2 and modifies(doc[left - 1]):
        left -= 1
    right = end
    while right < sent.end and right - end < 2 and modifies(doc[right]):
        right += 1
    return left, right


def _neighbours(doc: Doc, token: Token) -> list[Token]:
    """The tokens an intensifier may qualify: next to it, or one adjective away."""
    found: list[Token] = []
    for step in (1, -1):
        index = token.i + step
        if 0 <= index < len(doc):
            found.append(doc[index])
            if doc[index].pos_ == "ADJ" and 0 <= index + step < len(doc):
                found.append(doc[index + step])
    return found


def _merge(found: list[_Found]) -> list[_Found]:
    """One span per stretch and technique: overlapping or touching finds of a technique merge.

    Repetition spans stay apart, since each occurrence of a repeated phrase is its own span.
    """
    by_technique: dict[str, list[_Found]] = defaultdict(list)
    for item in found:
        by_technique[item.technique].append(item)
    merged: list[_Found] = []
    for technique, items in by_technique.items():
        items.sort(key=lambda f: (f.start, -f.end))
        current: _Found | None = None
        for item in items:
            joinable = technique != "Repetition" or (
                current is not None and item.start < current.end
            )
            if (
                current is not None
                and joinable
                and item.start <= current.end + 1
                and max(current.end, item.end) - current.start <= MAX_SPAN_CHARS
            ):
                if item.end > current.end:
                    current.end = item.end
                if item.cue not in current.cue:
                    current.cue = f"{current.cue}; {item.cue}"
                continue
            if current is not None:
                merged.append(current)
            current = _Found(item.technique, item.start, item.end, item.cue)
        if current is not None:
            merged.append(current)
    merged.sort(key=lambda f: (f.start, f.end, f.technique))
    return merged


# -- genre ------------------------------------------------------------------------------------

#: A document is opinion when its opinion points, less its reporting cues, reach this many per
#: sentence and at least OPINION_MIN_POINTS. Set between the news texts of dev/documents.jsonl and
#: samples/ (at most 0.05 per sentence) and the five seed commentaries (0.26 to 1.64); on the
#: short paragraphs of dev/rhetoric the minimum decides, and there reporting paragraphs score 1
#: or less.
OPINION_POINTS_PER_SENTENCE = 0.2
OPINION_MIN_POINTS = 2
#: A technique span counts this many points: it is the strongest sign of a writer's stance.
SPAN_POINTS = 2
#: Satire needs this many cues: one word "parody" may be a report about a parody.
SATIRE_MIN_CUES = 2
#: The genre model's probability of opinion or satire above which a piece is read as written in
#: the writer's own voice. On the annotated paragraphs nearly every opinion piece scores above
#: 0.97 and every report but one below 0.6; a lone neutral sentence scores about 0.7.
OWN_VOICE_MIN_PROBABILITY = 0.9


@dataclass(frozen=True, slots=True)
class GenreEvidence:
    """What the genre was decided on, for a reviewer and for tuning."""

    sentences: int
    spans: int
    questions: int
    exclamations: int
    imperatives: int
    personal: int
    opinion_cues: int
    reporting_cues: int
    satire_cues: int
    #: Folded lemmas of the writer's own words (outside quotations): the learnt model reads them.
    words: tuple[str, ...] = ()

    def features(self) -> list[str]:
        """The evidence as the genre model reads it: words, then each sign present or strong."""
        signs = {
            "questions": self.questions,
            "exclamations": self.exclamations,
            "imperatives": self.imperatives,
            "personal": self.personal,
            "opinion_cues": self.opinion_cues,
            "reporting_cues": self.reporting_cues,
            "spans": self.spans,
        }
        found = [f"w={w}" for w in sorted(set(self.words))]
        found += [f"s={name}" for name, count in signs.items() if count > 0]
        found += [f"s={name}+" for name, count in signs.items() if count > 1]
        return found

    @property
    def opinion_points(self) -> int:
        return (
            SPAN_POINTS * self.spans
            + self.questions
            + self.exclamations
            + self.imperatives
            + self.personal
            + self.opinion_cues
        )

    @property
    def genre(self) -> str:
        if self.satire_cues >= SATIRE_MIN_CUES:
            return "satire"
        points = self.opinion_points - self.reporting_cues
        threshold = max(OPINION_MIN_POINTS, OPINION_POINTS_PER_SENTENCE * self.sentences)
        return "opinion" if points >= threshold else "reporting"


def genre_evidence(
    doc: Doc, *, language: str, spans: Sequence[RhetoricSpan] | None = None
) -> GenreEvidence:
    """The counts behind a document's genre, all taken outside quotations."""
    lexicon = rhetoric_lexicon(language)
    reader = _Reader(doc, lexicon)
    if spans is None:
        spans = reader.spans("")
    sentences = [s for s in doc.sents if _words(s)]
    writer_sentences = [
        s for s in sentences if not reader.in_speaker_quote(s.start_char, s.end_char)
    ]
    tokens = [t for t in doc if not reader.quoted[t.i] and not t.is_space]

    # Cue hits leave out those inside a technique span: "Selon les experts" is an appeal to
    # authority, not a sign of reporting.
    cues: Counter[str] = Counter()
    for hit in lexicon.genre.find(tokens):
        start, end = doc[hit.start].idx, _end(doc[hit.end - 1])
        if not any(s.start < end and start < s.end for s in spans):
            cues[hit.value] += 1

    return GenreEvidence(
        sentences=len(sentences),
        spans=len({(s.start, s.end) for s in spans}),
        questions=sum(1 for s in writer_sentences if _ends_with(s, "?")),
        exclamations=sum(1 for s in writer_sentences if _ends_with(s, "!")),
        imperatives=sum(1 for s in writer_sentences if _imperative(s)),
        personal=sum(1 for t in tokens if _addresses_reader(t)),
        opinion_cues=cues["opinion"],
        reporting_cues=cues["reporting"],
        satire_cues=cues["satire"],
        words=tuple(
            fold(t.lemma_ or t.text) for t in tokens if t.is_alpha or t.text in ("!", "?", "«", "»")
        ),
    )


def genre_probabilities(
    doc: Doc, *, language: str, spans: Sequence[RhetoricSpan] | None = None
) -> dict[str, float]:
    """Each genre's probability: the model's, or all on the rules' genre when there is no model
    or the satire cues settle it."""
    evidence = genre_evidence(doc, language=language, spans=spans)
    model = genre_model(language)
    if model is None or evidence.satire_cues >= SATIRE_MIN_CUES:
        return {genre: float(genre == evidence.genre) for genre in GENRES}
    return dict(zip(model.labels, model.probabilities(evidence.features()), strict=True))


def classify_genre(doc: Doc, *, language: str, spans: Sequence[RhetoricSpan] | None = None) -> str:
    """ "reporting", "opinion" or "satire", from the writer's voice outside quotations.

    Pass the spans ``find_rhetoric`` already found to spare a second pass.
    """
    probabilities = genre_probabilities(doc, language=language, spans=spans)
    return max(probabilities, key=probabilities.__getitem__)


def writes_in_own_voice(doc: Doc, *, language: str, spans: Sequence[RhetoricSpan]) -> bool:
    """Whether the piece is clearly opinion or satire, where words wire copy also uses count.

    The genre model must be sure (OWN_VOICE_MIN_PROBABILITY): one plain sentence with no sign of
    either genre ("Des magasins ont été pillés") leans to opinion, the commoner genre, and must
    not turn "pillés" into the writer's loaded word.
    """
    probabilities = genre_probabilities(doc, language=language, spans=spans)
    return sum(probabilities.get(g, 0.0) for g in _OWN_VOICE) >= OWN_VOICE_MIN_PROBABILITY


def _ends_with(sent: SpacySpan, mark: str) -> bool:
    tail = [t for t in sent if not t.is_space][-2:]
    return any(t.text == mark or t.text.endswith(mark) for t in tail)


def _imperative(sent: SpacySpan) -> bool:
    """A command to the reader: "Rappelons-nous …", "Imaginez …", "Ask yourself …"."""
    words = _words(sent)
    if not words:
        return False
    first = words[0]
    if "Imp" in first.morph.get("Mood", []):
        return True
    return (
        first.dep_ == "ROOT"
        and first.pos_ == "VERB"
        and first.tag_ == "VB"
        and not any(c.dep_.startswith("nsubj") for c in first.children)
    )


def _addresses_reader(token: Token) -> bool:
    """ "nous", "vous", "we", "you", "our": the writer speaks for a group or to the reader."""
    if token.pos_ not in ("PRON", "DET"):
        return False
    person = token.morph.get("Person", [])
    if "2" in person:
        return True
    return "1" in person and "Plur" in token.morph.get("Number", [])
