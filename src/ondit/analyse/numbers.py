"""How many projectiles, dead and wounded a sentence states, from digits and number words.

A quantity is read from digits ("1 000", "1,000"), number words ("trente-deux", "seven"),
approximate words that ACLED turns into figures ("une dizaine", "dozens") and explicit zeros
("sans faire de victime"). The noun it counts and the verb over that noun decide the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token
from text_to_num import text2num

from ondit.analyse.terms import TermIndex, fold, token_keys
from ondit.resources import language_resource

#: Above this, a figure is never a count of projectiles (a year, a price, a troop level).
MAX_MUNITIONS = 10_000
_DIGITS = re.compile(r"^\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+$|^\d+$")
_SKIP_BETWEEN = frozenset(
    {
        "de",
        "d'",
        "d",
        "of",
        "other",
        "autres",
        "autre",
        "more",
        "nouveaux",
        "nouvelles",
        "nouveau",
        "nouvelle",
        "new",
        "premiers",
        "premières",
        "first",
        "additional",
        "supplémentaires",
    }
)


#: How a noun of people hangs from the verb that kills or wounds them.
_VICTIM_DEPS = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass"})


def _victim_of(noun: Token, verb: Token) -> bool:
    """Whether the noun is what a transitive verb hits: its object or passive subject, the verb
    not reflexive ("un missile s'est abattu … blessant six personnes" kills nobody)."""
    reflexive = any(
        c.dep_.startswith("expl") or fold(c.text) in ("se", "s'") for c in verb.children
    )
    return noun.head.i == verb.i and noun.dep_ in _VICTIM_DEPS and not reflexive


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated figure over tokens [start, end) of the doc; value None means 'several'."""

    value: int | None
    start: int
    end: int


@dataclass(slots=True)
class Figures:
    """The figures a sentence states for each field, with the token ranges that say so."""

    munitions: list[tuple[int | None, int, int]] = field(default_factory=list)
    fatalities: list[tuple[int | None, int, int]] = field(default_factory=list)
    injured: list[tuple[int | None, int, int]] = field(default_factory=list)


def parse_digits(text: str) -> int | None:
    """'1 000', '1,000', '1.000' and '7' as integers; decimals and years-with-units are not."""
    cleaned = text.strip()
    if not _DIGITS.match(cleaned):
        return None
    return int(re.sub(r"[ ,.\u202f\u00a0]", "", cleaned))


class NumberReader:
    """Reads the figures of sentences in one language."""

    def __init__(self, language: str, nlp: Language) -> None:
        data = language_resource(language, "numbers")
        self.language = language
        self.words: dict[str, int] = {fold(k): int(v) for k, v in data["words"].items()}
        self.approximate = TermIndex[int | None](
            nlp, [(k, None if v is None else int(v)) for k, v in data["approximate"].items()]
        )
        self.munition_nouns = TermIndex[str](
            nlp, [(w, "munitions") for w in data["munition_nouns"]]
        )
        self.person_nouns = TermIndex[str](
            nlp, [(w, "person") for w in data.get("person_nouns", [])]
        )
        self.outcome = TermIndex[str](
            nlp,
            [(w, "fatalities") for w in data["killed"]]
            + [(w, "injured") for w in data.get("injured", [])],
        )
        self.zeros = TermIndex[str](
            nlp,
            [(w, "fatalities") for w in data.get("zero_fatalities", [])]
            + [(w, "injured") for w in data.get("zero_injured", [])],
        )
        self._outcome_keys = {
            "fatalities": {fold(w) for w in data["killed"]},
            "injured": {fold(w) for w in data.get("injured", [])},
        }
        self._munition_keys = {fold(w) for w in data["munition_nouns"]}
        self.rates = TermIndex[str](nlp, [(w, "rate") for w in data.get("rates", [])])
        self.subset_cues = TermIndex[str](nlp, [(w, "subset") for w in data.get("subset_cues", [])])
        self._person_killed = {fold(w) for w in data.get("person_killed", [])}

    # -- reading figures ---------------------------------------------------------------------

    def _word_value(self, tokens: list[Token]) -> int | None:
        text = " ".join(t.text for t in tokens)
        key = fold(text)
        if key in self.words:
            return self.words[key]
        try:
            value = text2num(key, self.language)
        except (ValueError, TypeError, KeyError, IndexError):
            return None
        return int(value) if value is not None else None

    def quantities(self, sent: SpacySpan) -> list[Quantity]:
        """Every figure in a sentence, left to right."""
        found: list[Quantity] = []
        approx = {hit.start: hit for hit in self.approximate.find(list(sent))}
        i = sent.start
        while i < sent.end:
            token = sent.doc[i]
            if i in approx:
                hit = approx[i]
                found.append(Quantity(hit.value, hit.start, hit.end))
                i = hit.end
                continue
            value = self._digit_run(sent, i)
            if value is not None:
                number, end = value
                found.append(Quantity(number, i, end))
                i = end
                continue
            if fold(token.text) in self.words or token.like_num or "-" in token.text:
                end = i + 1
                while end < sent.end and (
                    fold(sent.doc[end].text) in self.words or sent.doc[end].text == "-"
                ):
                    end += 1
                number_or_none = self._word_value(list(sent.doc[i:end]))
                if number_or_none is not None:
                    found.append(Quantity(number_or_none, i, end))
                    i = end
                    continue
            i += 1
        return found

    def _digit_run(self, sent: SpacySpan, i: int) -> tuple[int, int] | None:
        """Digits at token i, joining '1 000' split over two tokens."""
        doc = sent.doc
        if not doc[i].text[:1].isdigit():
            return None
        end = i + 1
        text = doc[i].text
        while end < sent.end and re.fullmatch(r"\d{3}", doc[end].text) and doc[end - 1].whitespace_:
            text += " " + doc[end].text
            end += 1
        value = parse_digits(text)
        if value is None:
            return None
        return value, end

    # -- assigning figures to fields ---------------------------------------------------------

    def _counted_noun(self, sent: SpacySpan, quantity: Quantity) -> Token | None:
        """The noun a figure counts: the next noun within a few words, or its syntactic head."""
        doc = sent.doc
        j = quantity.end
        steps = 0
        while j < sent.end and steps < 4:
            token = doc[j]
            if token.dep_ == "compound" and token.head.i > token.i and token.head.i < sent.end:
                # "a rocket attack" counts attacks; "a roadside bomb" counts bombs: look further.
                j += 1
                steps += 1
                continue
            if (
                token.pos_ in ("NOUN", "PROPN")
                or fold(token.text)
                in self._outcome_keys["fatalities"] | self._outcome_keys["injured"]
            ):
                return token
            if fold(token.text) in _SKIP_BETWEEN or token.pos_ in ("ADJ", "DET", "NUM"):
                j += 1
                steps += 1
                continue
            break
        head = doc[quantity.start].head
        if doc[quantity.start].dep_ == "nummod" and head.pos_ in ("NOUN", "PROPN"):
            return head
        return None

    def _field_of(self, noun: Token) -> str | None:
        keys = token_keys(noun)
        if keys & self._munition_keys:
            return "munitions"
        for name in ("fatalities", "injured"):
            if keys & self._outcome_keys[name]:
                return name
        person = bool(self.person_nouns.find([noun]))
        if not person:
            return self._victims_of(noun)
        # A person noun: what happened to them is said by the words around it.
        around: list[Token] = [*noun.children]
        node = noun
        for _ in range(3):  # climb "dizaines de manifestants", "deux soldats et trois civils"
            around += [node.head, *(c for c in node.head.children if c is not node)]
            if (
                node.dep_ not in ("nmod", "conj", "appos", "nsubj", "nsubj:pass", "nsubjpass")
                or node.head is node
            ):
                break
            node = node.head
        for token in around:
            tk = token_keys(token)
            for name in ("fatalities", "injured"):
                if tk & self._outcome_keys[name]:
                    return name
            if tk & self._person_killed and _victim_of(noun, token):
                return "fatalities"  # "dix-sept habitants ont été abattus"
        return None

    def _victims_of(self, noun: Token) -> str | None:
        """The field of a noun the lexicon does not list as people, when a verb of killing or
        wounding has it as its object or its passive subject ("killing four insurgents", "deux
        Palestiniens ont été tués"): what such verbs hit is people."""
        if noun.dep_ not in _VICTIM_DEPS or noun.head.pos_ != "VERB":
            return None
        if fold(noun.text) in self.words or self.approximate.find([noun]):
            return None  # "une dizaine … ont été tuées": the figure itself, counted on its own
        keys = token_keys(noun.head)
        for name in ("fatalities", "injured"):
            if keys & self._outcome_keys[name]:
                return name
        if keys & self._person_killed and _victim_of(noun, noun.head):
            return "fatalities"  # "les soldats ont abattu deux assaillants"
        return None

    def _bare_victims(self, sent: SpacySpan, quantity: Quantity) -> str | None:
        """A figure that is itself the object of a verb of killing or wounding ("killing two
        and wounding nine", "tuant trois")."""
        token = sent.doc[quantity.end - 1]
        if token.dep_ not in ("dobj", "obj") or token.head.pos_ != "VERB":
            return None
        keys = token_keys(token.head)
        for name in ("fatalities", "injured"):
            if keys & self._outcome_keys[name]:
                return name
        return None

    def figures(self, sent: SpacySpan) -> Figures:
        """The munitions, fatalities and injured a sentence states."""
        figures = Figures()
        subsets = {hit.end for hit in self.subset_cues.find(list(sent))}
        for quantity in self.quantities(sent):
            if quantity.start in subsets or quantity.start - 1 in subsets:
                continue  # "dont deux enfants": part of the figure before it
            noun = self._counted_noun(sent, quantity)
            name = self._field_of(noun) if noun is not None else None
            if noun is None:
                name = self._bare_victims(sent, quantity)
                if name is not None:
                    getattr(figures, name).append((quantity.value, quantity.start, quantity.end))
                continue
            if name is None:
                continue
            value = quantity.value
            if name == "munitions" and value is not None and value > MAX_MUNITIONS:
                continue
            after = list(sent.doc[noun.i + 1 : min(sent.end, noun.i + 4)])
            if name == "munitions" and any(h.start == noun.i + 1 for h in self.rates.find(after)):
                continue  # "5 000 projectiles par minute": what a gun can fire, not what it did
            if (
                value is not None
                and 1900 <= value <= 2100
                and not quantity.end - quantity.start > 1
            ):
                # A year next to a noun ("2020 attacks") is not a count.
                if (
                    sent.doc[quantity.start].text.isdigit()
                    and len(sent.doc[quantity.start].text) == 4
                ):
                    continue
            getattr(figures, name).append((value, quantity.start, noun.i + 1))
        for hit in self.zeros.find(list(sent)):
            getattr(figures, hit.value).append((0, hit.start, hit.end))
        return figures
