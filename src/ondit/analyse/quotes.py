"""Quotations and who speaks them: « direct », “direct”, "direct", and reported speech.

A reader weighing a claim wants the speaker's own words beside it. Direct quotations are found
from their marks (paired within a paragraph; one left open runs to its paragraph's end, so that
unbalanced marks never leak a speaker's words into the writer's); reported speech from a verb of
saying with a "que"/"that" clause. The speaker is the subject of the verb of saying, or the name
after an inverted one (", a déclaré le porte-parole").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ondit.analyse.attribution import AttributionReader
from ondit.analyse.terms import fold
from ondit.model import Quote, Span

_OPENERS = {"«": "»", "“": "”"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
#: Fewer words than this between quotation marks is a scare quote (rhetoric), not a quotation.
MIN_QUOTE_WORDS = 3
#: How many tokens before or after a quotation its verb of saying may stand.
SPEECH_WINDOW = 8
_THAT = frozenset({"que", "qu'", "qu", "that"})


def quote_ranges(text: str) -> list[tuple[int, int, bool]]:
    """Every quotation as (start, end, closed), marks included, in text order."""
    ranges: list[tuple[int, int, bool]] = []
    stacks: dict[str, list[int]] = {opener: [] for opener in _OPENERS}
    straight: int | None = None

    def close_all(at: int) -> None:
        nonlocal straight
        for stack in stacks.values():
            while stack:
                ranges.append((stack.pop(), at, False))
        if straight is not None:
            ranges.append((straight, at, False))
            straight = None

    for index, char in enumerate(text):
        if char == "\n":
            close_all(index)
        elif char in _OPENERS:
            stacks[char].append(index)
        elif char in _CLOSERS:
            stack = stacks[_CLOSERS[char]]
            if stack:
                ranges.append((stack.pop(), index + 1, True))
        elif char == '"':
            if straight is None:
                if index and text[index - 1].isalnum():
                    continue  # a mistyped apostrophe ("qu"ils"), not an opening mark
                straight = index
            else:
                ranges.append((straight, index + 1, True))
                straight = None
    close_all(len(text))
    return sorted(ranges)


class QuoteReader:
    """Quotations of one language, with speakers found by the attribution reader's rules."""

    def __init__(self, attribution: AttributionReader) -> None:
        self.attribution = attribution

    def _speech_verb(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and fold(token.lemma_) in self.attribution.speech_verbs

    def _speaker(self, doc: Doc, start: int, end: int) -> tuple[str, Span] | None:
        """The subject of a verb of saying next to the quotation, or the name after it."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        sent = span[0].sent
        inside = range(span.start, span.end)
        window = [
            t
            for t in sent
            if t.i not in inside and (span.start - SPEECH_WINDOW <= t.i < span.end + SPEECH_WINDOW)
        ]
        for token in window:
            if not self._speech_verb(token):
                continue
            found = self.attribution.speaker_of(token, sent)
            if found is not None:
                name, first, last = found
                piece = doc[first:last]
                return name, Span(piece.start_char, piece.end_char, piece.text)
        return None

    def find(self, doc: Doc) -> list[Quote]:
        quotes: list[Quote] = []
        taken: list[tuple[int, int]] = []
        text = doc.text
        for start, end, _closed in quote_ranges(text):
            inner = text[start + 1 : end].strip(' »”"')
            if len(inner.split()) < MIN_QUOTE_WORDS:
                continue
            speaker = self._speaker(doc, start, end)
            quotes.append(
                Quote(
                    start=start,
                    end=end,
                    text=text[start:end],
                    speaker=speaker[0] if speaker else None,
                    speaker_span=speaker[1] if speaker else None,
                )
            )
            taken.append((start, end))
        for sent in doc.sents:
            quotes.extend(self._reported(sent, taken))
        return sorted(quotes, key=lambda q: q.start)

    def _reported(self, sent: SpacySpan, taken: list[tuple[int, int]]) -> list[Quote]:
        """Reported speech: "X a affirmé que …", "officials said that …"."""
        found: list[Quote] = []
        for token in sent:
            if not self._speech_verb(token):
                continue
            for clause in token.children:
                if clause.dep_ not in ("ccomp", "xcomp"):
                    continue
                words = list(clause.subtree)
                if not words or not any(fold(w.text) in _THAT for w in words[:2]):
                    continue
                first, last = words[0], words[-1]
                start, end = first.idx, last.idx + len(last.text)
                if any(s < end and start < e for s, e in taken):
                    continue
                speaker = self.attribution.speaker_of(token, sent)
                piece = sent.doc[speaker[1] : speaker[2]] if speaker else None
                found.append(
                    Quote(
                        start=start,
                        end=end,
                        text=sent.doc.text[start:end],
                        speaker=speaker[0] if speaker else None,
                        speaker_span=Span(piece.start_char, piece.end_char, piece.text)
                        if piece is not None
                        else None,
                    )
                )
                taken.append((start, end))
        return found
