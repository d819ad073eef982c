"""Which sentences tell a specific incident, of which ACLED type, by whom, to whom, with what.

A sentence becomes a candidate when the lexicon finds an event trigger in it: a means of violence
together with an attack word, or a trigger that names its own type (an arrest, a clash, an
interception). The dependency parse then rules out what is not an incident — negated, future,
threatened, habitual or counted events — and finds the agent and the target around the trigger.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ondit.analyse.actors import ActorIndex
from ondit.analyse.classifier import NO_EVENT, SentenceClassifier, sentence_classifier
from ondit.analyse.terms import Hit, TermIndex, fold
from ondit.errors import ResourceError
from ondit.resources import language_resource, sub_event_types, world_resource

INTERCEPTION = "Disrupted weapons use"
LOOTING = "Looting/property destruction"
#: Sub-types whose trigger alone says an attack took place, with the means it implies.
#: Means whose interception implies an attack that was under way.
_INTERCEPTABLE = frozenset({"drone", "rocket", "missile", "ballistic_missile", "mortar"})
#: Event types whose sub-type never takes the means named in the sentence as its weapon.
_UNARMED_TYPES = frozenset({"Strategic developments", "Protests", "Riots"})
SELF_SUFFICIENT_MEANS = {"Suicide bomb": "suicide_bomb", "Grenade": None, "Chemical weapon": None}
#: Dependency labels of relative and adjectival clauses hanging from a noun.
_RELATIVE = frozenset({"acl:relcl", "relcl"})
_NONE_WORDS = frozenset({"aucun", "aucune", "none", "no"})
_REFLEXIVE = frozenset({"s'", "se", "s’"})
#: How a strike stands to the attack verb that tells it: "des frappes ont visé", "launched strikes".
_STRIKE_ROLES = frozenset({"nsubj", "nsubj:pass", "obj", "dobj"})
#: Words that open the span a cumulative toll covers, and the centuries of its years.
_SINCE = frozenset({"since", "depuis"})
_CENTURIES = frozenset({"19", "20"})
_SIDE_DEPS = frozenset({"amod", "compound", "nmod", "nmod:poss", "poss", "flat"})


def _in_subject(token: Token) -> bool:
    """Whether a word is, or belongs to, the doer of its clause: the active subject ("Residents
    of X beat …") or the passive's agent ("tué par une foule"), not a victim the passive puts
    first ("villagers suspected of … were killed")."""
    return any(t.dep_ == "nsubj" or _agent(t) for t in (token, *token.ancestors))


def _agent(token: Token) -> bool:
    """Whether a word is the agent of a passive: "par des assaillants", "by gunmen"."""
    if token.dep_ in ("obl:agent", "agent"):
        return True
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    # "… près de Mpeketoni, dans le comté de Lamu, par des assaillants": however it is attached
    return any(c.dep_ == "case" and fold(c.text) in _PASSIVE_AGENT for c in token.children)


#: "Neutralise" stops a drone, or kills people: the victims named decide.
_NEUTRALISE = frozenset({"neutraliser", "neutralize", "neutralise", "neutralised", "neutralized"})
_PASSIVE_AGENT = frozenset({"par", "by"})
#: Words of an ambush, in both languages (folded prefixes).
_AMBUSH = ("ambush", "embuscade")
#: Prepositions that keep a weapon's noun phrase going ("obus d'artillerie turcs").
_OF_WORDS = frozenset({"de", "d'", "d’", "du", "des", "of"})


@dataclass(slots=True)
class Candidate:
    """A sentence that tells an event, with what the lexicon and parse found in it."""

    sent: SpacySpan
    event_type: str
    sub_event_type: str
    trigger: tuple[int, int]
    weapon: str | None = None
    weapon_span: tuple[int, int] | None = None
    actor1: str | None = None
    actor1_span: tuple[int, int] | None = None
    actor2: str | None = None
    actor2_span: tuple[int, int] | None = None
    hedged: bool = False
    killing_only: bool = False  # told by a killing verb alone: "trois personnes ont été tuées"
    #: Told only as what a party denies ("l'armée nie avoir tiré"): the incident itself when
    #: nothing was told before, else the denial of what was.
    denied: bool = False
    #: Token range of the words that tell this event when it is not the whole sentence: an
    #: earlier incident named as a time reference ("after Saturday's drone attack on X").
    scope: tuple[int, int] | None = None
    background: bool = False  # named in passing as another event's time reference
    #: Token ranges of the earlier incidents this sentence names: their dates are not this event's.
    excluded: list[tuple[int, int]] = field(default_factory=list)
    split: bool = False  # one of several places a salvo hit, placed by its own name
    learnt: bool = False  # read by the sentence classifier, not the lexicon
    #: The figure stated for this place of a salvo, with its token range, when each place has one.
    munitions_hint: tuple[int, int, int] | None = None

    @property
    def trigger_char(self) -> int | None:
        """Where the words that tell the event start, in characters."""
        return int(self.sent.doc[self.trigger[0]].idx)

    notes: list[str] = field(default_factory=list)


#: Prepositions that make a noun an earlier or later event the sentence dates itself by.
_TIME_PREPOSITIONS = frozenset(
    {"après", "apres", "avant", "depuis", "after", "before", "since", "following"}
)


def _outside(sent: SpacySpan, background: list[Candidate]) -> tuple[int, int]:
    """The longest run of a sentence's tokens outside its background events' words."""
    hidden = {i for cand in background if cand.scope for i in range(*cand.scope)}
    best = (sent.start, sent.start)
    start = None
    for i in range(sent.start, sent.end + 1):
        inside = i < sent.end and i not in hidden
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best if best[1] > best[0] else (sent.start, sent.end)


def _background_noun(span: SpacySpan) -> Token | None:
    """The noun of an event named inside "après …"/"after …", the time reference of another."""
    for token in span:
        noun = token.head if token.dep_ in ("compound", "amod") else token
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.dep_ == "case" and fold(c.text) in _TIME_PREPOSITIONS for c in noun.children):
            return noun  # "après l'attentat": the preposition hangs from the noun
        if noun.dep_ == "pobj" and fold(noun.head.text) in _TIME_PREPOSITIONS:
            return noun  # "after the strike": the noun hangs from the preposition
    return None


#: Clauses that describe a noun rather than tell the sentence's event.
_DESCRIBING = frozenset({"acl", "acl:relcl", "relcl"})
#: How a war hangs from the toll it took: its subject, or where the dead died ("in the war").
_WAR_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "pobj", "obl", "obl:arg", "obl:mod"})
#: How a denied act hangs from the verb that denies it.
_DENIED_DEPS = frozenset({"xcomp", "ccomp", "obj", "dobj"})
#: The French "ne" that is a negation only with a second word ("pas", "jamais"): with "que" alone
#: it restricts ("n'a réussi à abattre qu'un seul des engins": one was shot down).
_NE = frozenset({"ne", "n'"})
_FULL_NEGATIONS = frozenset({"pas", "jamais", "plus", "rien", "aucun", "aucune", "point", "guere"})


def _restrictive(ne: Token, around: list[Token]) -> bool:
    if any(fold(t.text) in _FULL_NEGATIONS for t in around):
        return False
    following = ne.doc[ne.i + 1 : min(ne.i + 8, ne.sent.end)]
    return any(fold(t.text) in ("que", "qu'") for t in following)


def _describes_a_noun(token: Token) -> bool:
    """A noun that only qualifies another through "de"/"of": "sites de pillage", "sites of
    looting"."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("nmod", "pobj", "compound")
        and token.head.pos_ == "NOUN"
        and any(fold(c.text) in ("de", "des", "d'", "du") for c in token.children)
    )


def _governor(span: SpacySpan) -> tuple[Token | None, bool]:
    """The verb a name hangs from, and whether it is that verb's agent: its active subject, the
    "by" of its passive, or a word qualifying one ("Israel's Iron Dome", "la défense syrienne")."""
    node = max(span, key=lambda t: len(list(t.subtree)))
    agent = False
    for _ in range(5):
        dep = node.dep_
        head = node.head
        if dep in ("nsubj", "obl:agent", "agent") or (
            dep in ("obl", "nmod", "pobj") and fold(head.text) in _PASSIVE_AGENT
        ):
            agent = True
        if head is node:
            return None, False
        if head.pos_ in ("VERB", "AUX"):
            passive = any(c.dep_ in ("aux:pass", "auxpass") for c in head.children)
            if dep == "nsubj" and passive:
                agent = False
            if dep in ("acl", "amod") and head.pos_ == "VERB":
                return head, False
            return head, agent
        node = head
    return None, False


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun phrase hangs from, when the token is inside one: "never used [chemical]
    weapons", "planning [bomb] attacks"."""
    node = token
    for _ in range(3):
        if node.pos_ not in ("NOUN", "ADJ", "PROPN") or node.head is node:
            return None
        if node.head.pos_ == "VERB":
            return node.head if node is not token or token.head is not node.head else None
        node = node.head
    return None


def _token_range(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].i, tokens[-1].i + 1


class EventDetector:
    """Sentence-level event detection for one language."""

    def __init__(self, language: str, nlp: Language) -> None:
        data = language_resource(language, "events")
        self.language = language
        taxonomy = world_resource("taxonomy")
        self.sub_to_type = sub_event_types()
        self.weapon_sub: dict[str, str] = dict(taxonomy["weapon_sub_event"])
        self.weapon_priority: list[str] = list(taxonomy["weapon_priority"])
        self.weapons = TermIndex[str](
            nlp, [(term, code) for code, terms in data["weapons"].items() for term in terms]
        )
        self.attack = TermIndex[str](nlp, [(term, "attack") for term in data["attack_terms"]])
        self.triggers = TermIndex[str](
            nlp, [(term, sub) for sub, terms in data["triggers"].items() for term in terms]
        )
        for sub in data["triggers"]:
            if sub not in self.sub_to_type:
                raise ResourceError(
                    f"[E110] {language}/events.yaml: unknown sub-event type {sub!r}"
                )
        not_event = data["not_event"]
        self.future = TermIndex[str](nlp, [(t, "future") for t in not_event.get("future", [])])
        self.generic = TermIndex[str](nlp, [(t, "generic") for t in not_event.get("generic", [])])
        self.total = TermIndex[str](nlp, [(t, "total") for t in not_event.get("total", [])])
        self.negation = {fold(t) for t in not_event.get("negation", [])}
        self.denial = {fold(t) for t in not_event.get("denial", [])}
        self.conflicts = {fold(t) for t in not_event.get("conflicts", [])}
        self.political = TermIndex[str](
            nlp, [(t, "political") for t in not_event.get("political", [])]
        )
        self.target_cues = {fold(t) for t in data.get("target_cues", [])}
        self.origin_cues = {fold(t) for t in data.get("origin_cues", [])}
        self.suffering_verbs = {fold(t) for t in data.get("suffering_verbs", [])}
        self.actors = ActorIndex(nlp, language)
        self.speech_verbs = {
            fold(v) for v in language_resource(language, "attribution").get("speech_verbs", [])
        }

        def index(key: str, value: str) -> TermIndex[str]:
            return TermIndex[str](nlp, [(t, value) for t in data.get(key, [])])

        self.civilian_victims = index("civilian_victims", "civilian")
        self.armed_victims = index("armed_victims", "armed")
        self.armed_targets = index("armed_targets", "armed")
        self.protest_violence = index("protest_violence", "violence")
        self.protest_intervention = index("protest_intervention", "intervention")
        self.protest_lethal = index("protest_lethal", "lethal")
        self.interceptable = index("interceptable", "interceptable")
        self.killing = index("killing_terms", "killing")
        self.shooting_down = index("shooting_down", "down")
        self.gathering = index("gathering_terms", "gathering")
        self.riot_actors = index("riot_actors", "crowd")
        self.mob_actors = index("mob_actors", "mob")
        self.strike_nouns = index("strike_nouns", "strike")
        self.accusation = index("accusation_cues", "accusation")
        #: The learnt second opinion on sentences the lexicon reads as no event (or None).
        self.classifier: SentenceClassifier | None = sentence_classifier(language)
        self.protest_context = index("protest_context", "protest")

    # -- filters -------------------------------------------------------------------------------

    def _negated(self, token: Token) -> bool:
        """The trigger is denied: 'n'a pas été intercepté', 'aucun missile', 'no rockets'."""
        candidates = [token, token.head, *token.children, *token.head.children]
        governing = _governing_verb(token)
        if governing is not None:
            # "it had never used chemical weapons": the verb over the noun phrase is negated
            candidates += [governing, *governing.children]
        for t in candidates:
            if (
                t.dep_ in ("neg", "advmod")
                and fold(t.text) in self.negation
                and fold(t.text) not in ("sans", "without")
                and not (fold(t.text) in _NE and _restrictive(t, candidates))
            ):
                return True
            if t.dep_ == "det" and fold(t.text) in ("aucun", "aucune", "no"):
                return True
        # "aucun des sept missiles n'a été intercepté": the subject carries the negation.
        for child in token.children:
            if child.dep_.startswith("nsubj") and any(
                fold(g.text) in ("aucun", "aucune", "none", "no") for g in child.subtree
            ):
                return True
        # "aucun des missiles tirés": the weapon hangs from the negative quantifier.
        return fold(token.text) in _NONE_WORDS or fold(token.head.text) in _NONE_WORDS

    def denied(self, token: Token) -> bool:
        """The act is what a denial verb governs: "nie avoir tiré", "denied that its forces had
        fired", "a démenti toute frappe"."""
        node = token
        for _ in range(3):
            if node.head is node or node.dep_ not in _DENIED_DEPS:
                return False
            node = node.head
            if fold(node.lemma_) in self.denial:
                return node.i < token.i  # what is denied follows the denial
        return False

    def _unreal(self, token: Token, sent: SpacySpan) -> str | None:
        """Why the event is not a past fact (future, threat, hypothesis), or None."""
        verbs = [token] if token.pos_ in ("VERB", "AUX") else []
        if token.head.pos_ == "VERB":
            verbs.append(token.head)
        else:
            governing = _governing_verb(token)
            if governing is not None:
                verbs.append(governing)  # "planning bomb attacks": the plan governs the phrase
        for verb in verbs:
            if (
                verb is not token
                and self.future.find([verb])
                and fold(verb.lemma_) not in self.suffering_verbs  # "compter ses morts"
            ):
                return "threat"
            morph = verb.morph
            if "Fut" in morph.get("Tense", []):
                return "future"
            auxes = [
                c for c in verb.children if c.dep_ in ("aux", "aux:pass", "aux:tense", "auxpass")
            ]
            if any(
                fold(a.text) in ("will", "would", "could", "might", "may", "shall") for a in auxes
            ):
                return "future"
            if any("Fut" in a.morph.get("Tense", []) for a in auxes):
                return "future"
            if (
                verb is token
                and verb.dep_ in _RELATIVE
                and "Imp" in morph.get("Tense", [])
                and morph.get("VerbForm", []) == ["Fin"]
            ):
                return "habitual"  # "là où les missiles frappaient …": what used to happen there
            if "Cnd" in morph.get("Mood", []) and verb.morph.get("VerbForm", []) != ["Part"]:
                if not any(a.pos_ == "AUX" for a in auxes):
                    return "hypothetical"
            head = verb.head
            if (
                head is not verb
                and self.future.find([head])
                and fold(head.lemma_) not in self.suffering_verbs  # "compter ses morts"
            ):
                return "threat"
            if any(self.future.find([c]) for c in verb.children if c.dep_ in ("aux", "xcomp")):
                return "threat"
        return None

    def _hedged(self, token: Token) -> bool:
        """French conditional on the trigger's verb group: 'auraient été tirés'."""
        group = [token, token.head, *token.children, *token.head.children]
        return any("Cnd" in t.morph.get("Mood", []) for t in group if t.pos_ in ("VERB", "AUX"))

    # -- actors --------------------------------------------------------------------------------

    def _role(self, hit: Hit[str], sent: SpacySpan) -> str | None:
        """'agent' or 'target' of the clause an actor name sits in, read from the parse."""
        doc = sent.doc
        preceding = doc[hit.start - 1] if hit.start > sent.start else None
        prev_fold = fold(preceding.text) if preceding is not None else ""
        if prev_fold in _PASSIVE_AGENT:
            return "agent"
        if prev_fold in self.target_cues:
            return "target"
        tokens = list(doc[hit.start : hit.end])
        node = max(tokens, key=lambda t: len(list(t.subtree)))
        for _ in range(4):  # climb "US Army soldiers" → soldiers → its clause role
            dep = node.dep_
            if dep in ("agent", "obl:agent"):
                return "agent"
            if dep in ("nsubj:pass", "nsubjpass", "obj", "dobj", "iobj"):
                return "target"
            if dep == "nsubj":
                verb = node.head
                if fold(verb.lemma_) in self.speech_verbs:
                    return None  # "the Security Media Cell said": a source, not the attacker
                if fold(verb.lemma_) in self.suffering_verbs:
                    return "target"  # "les occupants ont compté leurs morts": they were hit
                if verb.dep_ in _RELATIVE and not self._attack_verb(verb):
                    return None  # "où sont stationnés des soldats américains": a bystander clause
                passive = any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children)
                return "target" if passive else "agent"
            if dep in ("pobj", "obl", "nmod") and fold(node.head.text) in self.target_cues:
                return "target"
            if dep in _RELATIVE or node.head is node:
                break  # a relative clause says who is where, not who attacked whom
            node = node.head
        return None

    def _attack_verb(self, verb: Token) -> bool:
        return bool(
            self.attack.find([verb]) or self.killing.find([verb]) or self.triggers.find([verb])
        )

    def _assign_actors(self, cand: Candidate, trigger: Token) -> None:
        sent = cand.sent
        agent: Hit[str] | None = None
        target: Hit[str] | None = None
        named = self.actors.find(sent)
        taken = {i for hit in named for i in range(hit.start, hit.end)}
        for hit in [*named, *self.actors.find_forces(sent, taken)]:
            role = self._role(hit, sent)
            if role == "agent" and agent is None:
                agent = hit
            elif role == "target" and target is None:
                target = hit
        if agent is None and cand.sub_event_type == "Armed clash":
            # An ambush has a side that lays it and one that falls into it: no clash of equals.
            told_as_clash = any(
                t.value == "Armed clash"
                and not any(fold(w).startswith(_AMBUSH) for w in t.phrase.split())
                for t in self.triggers.find(list(sent))
            )
            # The side named first; when no clash word tells it, not the side the parse made the
            # one hit ("jihadists attacked a post, killing three soldiers").
            parties = sorted(
                (
                    p
                    for p in [*named, *self.actors.find_forces(sent, taken)]
                    if told_as_clash or target is None or p.value != target.value
                ),
                key=lambda h: h.start,
            )
            if parties:
                agent = parties[0]
                rest = [p for p in parties[1:] if p.value != agent.value]
                if target is None and rest:
                    target = rest[0]
        if agent is None:
            agent = self._means_owner(cand, sent)
        if agent is None:
            agent = self._unknown_agent(trigger)
        if target is None:
            for adj in self.actors.find_adjectives(sent):
                if (agent is None or adj.value != agent.value) and self._role(adj, sent) != "agent":
                    if (
                        cand.weapon_span is None
                        or not cand.weapon_span[0] <= adj.start < cand.weapon_span[1] + 3
                    ):
                        target = adj
                        break
        if cand.sub_event_type == "Excessive force against protesters" and agent is not None:
            if agent.value not in ("Protesters", "Rioters"):
                # "security forces fired live rounds at protesters": the forces act.
                cand.actor1, cand.actor1_span = agent.value, (agent.start, agent.end)
                cand.actor2, cand.actor2_span = "Protesters", cand.trigger
                return
        if cand.event_type in ("Protests", "Riots"):
            # The crowd acts in a protest or riot; forces met it, so they are the other side.
            if (
                agent is not None
                and target is None
                and agent.value not in ("Protesters", "Rioters")
            ):
                target = agent
            label = "Protesters" if cand.event_type == "Protests" else "Rioters"
            agent = Hit(cand.trigger[0], cand.trigger[1], label, label)
        if agent is not None:
            cand.actor1, cand.actor1_span = agent.value, (agent.start, agent.end)
        if target is not None and (agent is None or target.value != agent.value):
            cand.actor2, cand.actor2_span = target.value, (target.start, target.end)

    def _interception_sides(
        self, sent: SpacySpan, trigger: Token
    ) -> tuple[Hit[str] | None, Hit[str] | None]:
        """Who shot down and who fired, each the agent of its own verb: "Ukraine's air force
        said it shot down the missiles Russia fired", "missiles israéliens tirés sur Damas"."""
        stop = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        speech = stop.head if stop.dep_ in ("ccomp", "xcomp") else None
        named = self.actors.find(sent)
        taken = {i for hit in named for i in range(hit.start, hit.end)}
        interceptor: Hit[str] | None = None
        firer: Hit[str] | None = None
        for hit in [*named, *self.actors.find_forces(sent, taken)]:
            verb, agent = _governor(hit.span(sent))
            if verb is None or not agent:
                continue
            if verb == stop or (
                speech is not None and verb == speech and fold(verb.lemma_) in self.speech_verbs
            ):
                interceptor = interceptor or hit
            elif self._attack_verb(verb):
                firer = firer or hit
        return interceptor, firer

    def _means_owner(self, cand: Candidate, sent: SpacySpan) -> Hit[str] | None:
        """The user a weapon's nationality names: "frappe aérienne israélienne", "Turkish drone"."""
        spans = [s for s in (cand.weapon_span, cand.trigger) if s is not None]
        # Any means the sentence names: "Israeli artillery and a drone then struck …".
        spans += [(w.start, w.end) for w in self.weapons.find(list(sent))]
        return self._nationality_of(sent, spans)

    def _nationality_of(self, sent: SpacySpan, spans: list[tuple[int, int]]) -> Hit[str] | None:
        """The actor a nationality word on one of these token ranges names."""
        doc = sent.doc
        for start, end in spans:
            words = [
                child
                for token in doc[start:end]
                for child in token.children
                if child.dep_ in ("amod", "compound", "nmod")
            ]
            for word in doc[end : min(sent.end, end + 3)]:  # "des obus d'artillerie turcs"
                if word.pos_ == "ADP" and fold(word.text) not in _OF_WORDS:
                    break  # "rockets at the Israeli cities": the target's nationality
                words.append(word)
            for word in words:
                owner = self.actors.nationality(word)
                if owner is not None:
                    return Hit(word.i, word.i + 1, owner, word.text)
        return None

    def _unknown_agent(self, trigger: Token) -> Hit[str] | None:
        """A name the dictionary lacks, as the subject of the attack verb: kept as written."""
        verb = trigger if trigger.pos_ == "VERB" else trigger.head
        passive = any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children)
        for child in verb.children:
            wanted = ("obl:agent", "agent") if passive else ("nsubj",)
            if (
                child.dep_ in wanted
                and child.pos_ == "PROPN"
                and child.ent_type_ in ("ORG", "PER", "NORP", "MISC", "GPE")
            ):
                tokens = [
                    t for t in child.subtree if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.text == "-"
                ]
                if not tokens or len(tokens) > 6:
                    continue
                start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
                known = self.actors.find(child.doc[start:end])
                if known:  # a claimant the dictionary knows, under its canonical name
                    return known[0]
                return Hit(start, end, child.doc[start:end].text, "")
        return None

    def _totals(self, tokens: list[Token]) -> list[Hit[str]]:
        """Phrases of totals that qualify what the sentence tells, not a clause describing one
        of its nouns other than the attacks ("the town held since August by the rebels" dates
        who holds it)."""
        if not tokens:
            return []
        doc = tokens[0].doc
        return [
            hit
            for hit in self.total.find(tokens)
            if not any(
                t.dep_ in _DESCRIBING
                and t.head.pos_ in ("NOUN", "PROPN")
                and not self.attack.find([t.head])  # "attaques perpétrées ces dernières semaines"
                for t in doc[hit.start].ancestors
            )
        ]

    def cumulative(self, tokens: list[Token]) -> bool:
        """Whether a sentence tells a toll over a span of time rather than one incident: a
        phrase of totals ("since the start", "au total"), or a killing with "since" / "depuis"
        closely followed by a year ("has killed … since seizing power in 2021", "le conflit, qui
        dure depuis avril 2023, a tué …")."""
        if self.total.find(tokens):
            return True
        if any(t.dep_ in _WAR_DEPS and fold(t.lemma_) in self.conflicts for t in tokens):
            # "L'insurrection, qui a éclaté en 2017, a fait plus de 4 000 morts", "more than
            # 39,000 Palestinians have been killed in the war"
            return any(t.like_num for t in tokens)
        if not self.killing.find(tokens):
            return False  # "shut since 2015", "for the first time since 2016": no toll at all
        for i, token in enumerate(tokens):
            if fold(token.text) in _SINCE:
                ahead = tokens[i + 1 : i + 6]
                if any(t.like_num and len(t.text) == 4 and t.text[:2] in _CENTURIES for t in ahead):
                    return True
        return False

    def _names_a_side(self, token: Token) -> bool:
        """Whether a word beside a strike says whose it is: "frappes américaines", "US strikes"."""
        if token.dep_ not in _SIDE_DEPS:
            return False
        return token.pos_ == "PROPN" or self.actors.nationality(token) is not None

    def _strike_told(
        self, sent: SpacySpan, tokens: list[Token], attacks: list[Hit[str]]
    ) -> Candidate | None:
        """ "Des frappes américaines ont visé des positions des Houthis", "US strikes hit …": a
        strike that an attack verb has as its subject or object, with no other means named, is
        an air or drone strike, as a bare strike that kills is."""
        doc = sent.doc
        verbs = {i for a in attacks for i in range(a.start, a.end) if doc[i].pos_ == "VERB"}
        for hit in self.strike_nouns.find(tokens):
            noun = doc[hit.start]
            if noun.pos_ != "NOUN" or noun.dep_ not in _STRIKE_ROLES or noun.head.i not in verbs:
                continue
            if not any(self._names_a_side(child) for child in noun.children):
                continue  # "the strike hit the port": a stoppage, not a strike by anyone
            if self._negated(noun.head) or self._unreal(noun.head, sent):
                continue
            chosen = Candidate(
                sent, self.sub_to_type["Air/drone strike"], "Air/drone strike", (hit.start, hit.end)
            )
            chosen.weapon, chosen.weapon_span = "air_strike", (hit.start, hit.end)
            return chosen
        return None

    def _killing(
        self, sent: SpacySpan, tokens: list[Token], weapons: list[Hit[str]]
    ) -> Candidate | None:
        """A killing with no projectile named: "des hommes armés ont tué trois bergers"."""
        doc = sent.doc
        for hit in self.killing.find(tokens):
            if self._negated(doc[hit.start]) or self._unreal(doc[hit.start], sent):
                continue
            if not (
                self._victims(self.civilian_victims, tokens)
                or self._victims(self.armed_victims, tokens)
                or self._victims(self.armed_targets, tokens)  # "attacked a gendarmerie post"
            ):
                continue
            cand = Candidate(
                sent, "Battles", "Armed clash", (hit.start, hit.end), killing_only=True
            )
            small = next((w for w in weapons if w.value == "small_arms"), None)
            if small is not None:
                cand.weapon, cand.weapon_span = "small_arms", (small.start, small.end)
            return cand
        return None

    def _accused(self, tokens: list[Token]) -> set[int]:
        """Tokens of the crime an "accused of" names: an accusation, not this sentence's event."""
        if not tokens:
            return set()
        doc = tokens[0].doc
        end = tokens[-1].i + 1
        accused: set[int] = set()
        for hit in self.accusation.find(tokens):
            for i in range(hit.end, min(hit.end + 4, end)):
                if i > hit.end and "Fin" in doc[i].morph.get("VerbForm", []):
                    break  # "accused of theft was stoned": the crime ends where the clause goes on
                accused.add(i)
        return accused

    def _passive_victims(self, word: Token, tokens: list[Token]) -> bool:
        """Whether a subject the parser gave to a verb of saying is the victims of a passive
        killing in the same sentence ("Dix-sept habitants … ont été abattus …, a déclaré la
        police"); with an active killing ("ADF rebels killed 40 people, leaders said") it is the
        doer."""
        if fold(word.head.lemma_) not in self.speech_verbs:
            return False
        return any(
            any(c.dep_ in ("aux:pass", "auxpass") for c in t.children) and self._attack_verb(t)
            for t in tokens
        )

    def _victims(self, index: TermIndex[str], tokens: list[Token]) -> list[Hit[str]]:
        """People of a kind named as hit, not as hitting: "gunmen" who shoot are no victims,
        nor gunmen "par" whom people were shot."""
        if not tokens:
            return []
        doc = tokens[0].doc
        found = []
        for hit in index.find(tokens):
            word = doc[hit.end - 1]
            if _agent(word) or (word.dep_ == "nsubj" and not self._passive_victims(word, tokens)):
                continue
            found.append(hit)
        return found

    def _refine(self, cand: Candidate, tokens: list[Token]) -> None:
        """Settle the sub-type from who was hit and how a crowd behaved or was met."""
        sub = cand.sub_event_type
        clash_words = any(t.value == "Armed clash" for t in self.triggers.find(tokens))
        if sub == "Armed clash" and not clash_words:
            civilians = self._victims(self.civilian_victims, tokens)
            armed = self._victims(self.armed_victims, tokens) or self._victims(
                self.armed_targets, tokens
            )
            if civilians and not armed:
                cand.event_type, cand.sub_event_type = "Violence against civilians", "Attack"
        protest = cand.event_type == "Protests" or any(
            t.value in ("Peaceful protest", "Violent demonstration")
            for t in self.triggers.find(tokens)
        )
        crowd_hit = cand.sub_event_type == "Attack" or (
            cand.sub_event_type in ("Violent demonstration", "Armed clash")
            and not clash_words
            and bool(self.killing.find(tokens))
        )
        if (
            crowd_hit
            and any(_in_subject(tokens[0].doc[h.start]) for h in self.mob_actors.find(tokens))
            and self.accusation.find(tokens)
        ):
            # "Residents beat two men suspected of robbing a shop": a crowd's own justice
            cand.event_type, cand.sub_event_type = "Riots", "Mob violence"
            return
        met = self.gathering.find(tokens) or self.protest_intervention.find(tokens)
        if sub == "Looting/property destruction" and (protest or self.riot_actors.find(tokens)):
            protest = True  # "supporters set fire to the gate": a violent demonstration
        elif sub == "Arrests" and protest and met:
            # "fired tear gas and detained dozens who had gathered": arrests break up a protest
            cand.event_type, cand.sub_event_type = "Protests", "Protest with intervention"
        elif cand.event_type not in ("Protests", "Riots"):
            return
        if not protest:
            return
        if self.protest_lethal.find(tokens):
            cand.event_type, cand.sub_event_type = "Protests", "Excessive force against protesters"
        elif self.protest_violence.find(tokens) or sub == "Looting/property destruction":
            cand.event_type, cand.sub_event_type = "Riots", "Violent demonstration"
        elif self.protest_intervention.find(tokens):
            cand.event_type, cand.sub_event_type = "Protests", "Protest with intervention"
        if cand.sub_event_type != "Excessive force against protesters":
            cand.weapon = None
            cand.weapon_span = None

    def _pick_weapon(self, weapons: list[Hit[str]]) -> Hit[str] | None:
        real = [w for w in weapons if w.value != "air_defense"]
        if not real:
            return None
        return min(real, key=lambda w: self.weapon_priority.index(w.value))

    def detect(self, sent: SpacySpan) -> list[Candidate]:
        """The events a sentence tells: usually none or one, an attack and its interception two."""
        found = self._detect(sent)
        if not found and self.classifier is not None:
            learnt = self._learnt(sent, self.classifier)
            found = [learnt] if learnt is not None else None
        for cand in found or []:
            cand.denied = self.denied(sent.doc[cand.trigger[0]])
        return found or []

    def _learnt(self, sent: SpacySpan, classifier: SentenceClassifier) -> Candidate | None:
        """The classifier's reading of a sentence the lexicon found empty, when confident.

        The same filters as the lexicon's apply (questions, totals, habits, negation, the
        unreal); the candidate is marked so that its mention carries a lower confidence."""
        tokens = list(sent)
        if not tokens or sent.text.strip().endswith("?"):
            return None
        if self.total.find(tokens) or self.generic.find(tokens):
            return None
        guess = classifier.guess(tokens)
        if guess.label == NO_EVENT or guess.probability < classifier.threshold:
            return None
        if guess.label not in self.sub_to_type or guess.evidence is None:
            return None
        doc = sent.doc
        anchor = doc[guess.evidence]
        verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
        if self._negated(anchor) or self._negated(verb) or self._unreal(verb, sent):
            return None
        sub = guess.label
        cand = Candidate(sent, self.sub_to_type[sub], sub, (anchor.i, anchor.i + 1), learnt=True)
        weapon = self._pick_weapon(self.weapons.find(tokens))
        if sub in SELF_SUFFICIENT_MEANS:
            means = SELF_SUFFICIENT_MEANS[sub]
            if means is not None:
                cand.weapon, cand.weapon_span = means, (anchor.i, anchor.i + 1)
        elif weapon is not None and self.sub_to_type[sub] not in _UNARMED_TYPES:
            cand.weapon, cand.weapon_span = weapon.value, (weapon.start, weapon.end)
        if self.political.find(tokens) and cand.weapon is None and cand.event_type != "Protests":
            return None
        self._refine(cand, tokens)
        self._assign_actors(cand, anchor)
        return cand

    def _detect(self, sent: SpacySpan) -> list[Candidate] | None:
        text = sent.text.strip()
        if not text or text.endswith("?"):
            return None
        tokens = list(sent)
        triggers = self.triggers.find(tokens)
        weapons = self.weapons.find(tokens)
        attacks = self.attack.find(tokens)
        if (
            not triggers
            and not (weapons and attacks)
            and not self.killing.find(tokens)
            and not (attacks and self.strike_nouns.find(tokens))
        ):
            return None
        if self._totals(tokens) or self.generic.find(tokens):
            return None
        doc = sent.doc
        crowd = self.protest_violence.find(tokens)
        if crowd:  # a Molotov thrown by a crowd is riot violence, not a bomb
            thrown = {i for h in crowd for i in range(h.start, h.end)}
            weapons = [w for w in weapons if not thrown & set(range(w.start, w.end))]
        control = {i for h in self.protest_intervention.find(tokens) for i in range(h.start, h.end)}
        if control:  # "à coups de canons à eau", "rubber bullets": crowd control, not arms
            weapons = [w for w in weapons if not control & set(range(w.start, w.end))]
        accused = self._accused(tokens)
        triggers = [t for t in triggers if t.start not in accused]
        background = self._background_events(sent, triggers, weapons, attacks)
        if background:
            hidden = {i for cand in background if cand.scope for i in range(*cand.scope)}
            triggers = [t for t in triggers if t.start not in hidden]
            weapons = [w for w in weapons if w.start not in hidden]
            attacks = [a for a in attacks if a.start not in hidden]

        chosen: Candidate | None = None
        weapon = self._pick_weapon(weapons)
        air_defense = next((w for w in weapons if w.value == "air_defense"), None)
        for trig in triggers:
            sub = trig.value
            head = doc[trig.start]
            if (
                self.sub_to_type[sub] == "Protests"
                and any(w.value not in ("small_arms",) for w in weapons)
                and not self.protest_lethal.find(tokens)
            ):
                continue  # "une manifestation de la DCA russe": an appearance, not a protest
            if (
                self.sub_to_type[sub] == "Protests"
                and self.gathering.find(tokens[trig.start - sent.start : trig.end - sent.start])
                and not self.protest_context.find(tokens)
                and not self.protest_intervention.find(tokens)  # a march dispersed is a protest
            ):
                continue  # "officials gathered in Erbil": a meeting, not a protest
            if (
                self.sub_to_type[sub] == "Protests"
                and self.gathering.find(tokens[trig.start - sent.start : trig.end - sent.start])
                and any(c.dep_ in ("obj", "dobj") for c in head.children)
            ):
                continue  # "ont rassemblé les hommes du village": gathering others, not a protest
            if sub == INTERCEPTION and fold(head.text) in (
                "abattu",
                "abattus",
                "abattue",
                "abattues",
                "abattre",
                "abat",
            ):
                previous = doc[trig.start - 1] if trig.start > sent.start else None
                if previous is not None and fold(previous.text) in _REFLEXIVE:
                    continue  # "s'abattre": projectiles falling on a target, an attack
                if head.lemma_ == "abattre" and any(
                    fold(c.text) in _REFLEXIVE for c in head.children
                ):
                    continue
            if (
                sub == INTERCEPTION
                and self.shooting_down.find(tokens[trig.start - sent.start : trig.end - sent.start])
                and not self.interceptable.find(tokens)
                and air_defense is None
            ):
                continue  # "abattu devant son domicile": a person shot, not a projectile stopped
            if (
                sub == INTERCEPTION
                and fold(head.lemma_) in _NEUTRALISE
                and (
                    self._victims(self.armed_victims, tokens)
                    or self._victims(self.civilian_victims, tokens)
                )
            ):
                continue  # "'neutralised' two PKK militants": people killed, not a drone stopped
            if sub == LOOTING and _describes_a_noun(head):
                continue  # "leurs sites de pillages": what the sites are called, not a looting
            if sub == "Grenade" and any(
                fold(t.text).startswith(("lacrymo", "tear", "stun"))
                for t in doc[trig.start : trig.end + 2]
            ):
                continue  # tear-gas grenades are crowd control, not a grenade attack
            if self._negated(head) or self._unreal(head, sent):
                continue
            chosen = Candidate(sent, self.sub_to_type[sub], sub, (trig.start, trig.end))
            if (
                sub == INTERCEPTION
                and weapon is not None
                and not self.shooting_down.find(list(doc[trig.start : trig.end]))
            ):
                # A cache seized or a device defused: the weapon is what was taken out of use.
                chosen.weapon, chosen.weapon_span = weapon.value, (weapon.start, weapon.end)
            elif sub == INTERCEPTION:
                # Shooting a projectile down is air defence, named or not (ANNOTATION.md's list).
                chosen.weapon = "air_defense"
                chosen.weapon_span = (
                    (air_defense.start, air_defense.end) if air_defense else (trig.start, trig.end)
                )
            elif SELF_SUFFICIENT_MEANS.get(sub):
                chosen.weapon, chosen.weapon_span = (
                    SELF_SUFFICIENT_MEANS[sub],
                    (trig.start, trig.end),
                )
            elif weapon is not None and self.sub_to_type[sub] != "Strategic developments":
                chosen.weapon, chosen.weapon_span = weapon.value, (weapon.start, weapon.end)
            break
        if (
            (
                chosen is None
                or chosen.sub_event_type == "Armed clash"
                # A projectile fired outweighs a looting word ("leurs sites de pillages");
                # rifles burnt at a surrender do not.
                or (
                    chosen.sub_event_type == LOOTING
                    and weapon is not None
                    and weapon.value != "small_arms"
                )
            )
            and weapon is not None
            and attacks
        ):
            attack = next(
                (
                    a
                    for a in attacks
                    if not self._negated(doc[a.start]) and not self._unreal(doc[a.start], sent)
                ),
                None,
            )
            if attack is not None and not self._negated(doc[weapon.start]):
                sub = self.weapon_sub[weapon.value]
                chosen = Candidate(sent, self.sub_to_type[sub], sub, (attack.start, attack.end))
                chosen.weapon, chosen.weapon_span = weapon.value, (weapon.start, weapon.end)
        if chosen is None or chosen.sub_event_type == LOOTING:
            # "ont tué par balle un Palestinien et incendié des voitures": the killing decides.
            killing = self._killing(sent, tokens, weapons)
            if killing is not None:
                chosen = killing
        if chosen is not None and chosen.killing_only and chosen.weapon is None and weapon is None:
            strike = next(
                (h for h in self.strike_nouns.find(tokens) if doc[h.start].pos_ == "NOUN"), None
            )
            if strike is not None:  # "A US strike near Bu'aale killed seven militants"
                chosen = Candidate(
                    sent,
                    self.sub_to_type["Air/drone strike"],
                    "Air/drone strike",
                    (strike.start, strike.end),
                )
                chosen.weapon, chosen.weapon_span = "air_strike", (strike.start, strike.end)
        if chosen is None and weapon is None:
            chosen = self._strike_told(sent, tokens, attacks)
        if chosen is None:
            return background or None
        self._refine(chosen, tokens)
        if (
            self.political.find(tokens)
            and chosen.weapon is None
            and chosen.event_type != "Protests"
            and chosen.sub_event_type != "Headquarters or base established"  # "training camp"
            and chosen.sub_event_type != "Grenade"  # "une grenade lancée contre un bureau de vote"
        ):
            return background or None
        if background and chosen.scope is None:
            chosen.scope = _outside(sent, background)
            chosen.excluded = [c.scope for c in background if c.scope is not None]
        trigger_token = doc[chosen.trigger[0]]
        chosen.hedged = self.language == "fr" and self._hedged(trigger_token)
        self._assign_actors(chosen, trigger_token)
        found = [chosen]
        if (
            chosen.sub_event_type == INTERCEPTION
            and weapon is not None
            and weapon.value in _INTERCEPTABLE
        ):
            # ANNOTATION.md rule 3: the attack that was stopped is a mention of its own.
            sub = self.weapon_sub[weapon.value]
            attack_cand = Candidate(sent, self.sub_to_type[sub], sub, (weapon.start, weapon.end))
            attack_cand.weapon, attack_cand.weapon_span = weapon.value, (weapon.start, weapon.end)
            attack_cand.hedged = chosen.hedged
            interceptor, firer = self._interception_sides(sent, trigger_token)
            # The parse named a side: the nationalities of the means fill in the other.
            if interceptor is None and firer is not None:  # "la défense antiaérienne syrienne"
                defences = [(w.start, w.end) for w in weapons if w.value == "air_defense"]
                interceptor = self._nationality_of(sent, defences)
            if firer is None and interceptor is not None:  # "missiles israéliens"
                owner = self._means_owner(attack_cand, sent)
                if owner is not None and owner.value != interceptor.value:
                    firer = owner
            if interceptor is not None or firer is not None:
                for cand, first, second in (
                    (chosen, interceptor, firer),
                    (attack_cand, firer, interceptor),
                ):
                    cand.actor1, cand.actor1_span = None, None
                    cand.actor2, cand.actor2_span = None, None
                    if first is not None:
                        cand.actor1, cand.actor1_span = first.value, (first.start, first.end)
                    if second is not None and (first is None or second.value != first.value):
                        cand.actor2, cand.actor2_span = second.value, (second.start, second.end)
            elif chosen.actor1 is not None:
                attack_cand.actor2, attack_cand.actor2_span = chosen.actor1, chosen.actor1_span
            elif chosen.actor2 is not None:
                attack_cand.actor2, attack_cand.actor2_span = chosen.actor2, chosen.actor2_span
            found.append(attack_cand)
        return found + background

    def _background_events(
        self,
        sent: SpacySpan,
        triggers: list[Hit[str]],
        weapons: list[Hit[str]],
        attacks: list[Hit[str]],
    ) -> list[Candidate]:
        """Earlier incidents a sentence names as its time reference ("deux jours après
        l'attentat suicide de la place Tayaran", "after Saturday's drone attack on Ain al-Asad"):
        mentions of their own (ANNOTATION.md: recounted incidents with a place or a date),
        placed and dated from their own words only."""
        doc = sent.doc
        found: list[Candidate] = []
        for hit in [*triggers, *attacks]:
            noun = _background_noun(doc[hit.start : hit.end])
            if noun is None or any(c.scope and c.scope[0] <= noun.i < c.scope[1] for c in found):
                continue
            words = list(noun.subtree)
            end = words[-1].i + 1
            reach = min(sent.end, end + 1)  # the comma may hang from the main verb, just after
            comma = next((t.i for t in doc[noun.i : reach] if t.text in (",", ";", ":")), None)
            if comma is None:
                continue  # "retook the town after a brief exchange of fire": one incident
            # A fronted time reference ends at its comma, whatever the parse hangs below it.
            scope = (words[0].i, comma)
            inside = [
                w for w in weapons if scope[0] <= w.start < scope[1] and w.value != "air_defense"
            ]
            own = [
                t for t in triggers if scope[0] <= t.start < scope[1] and t.value != INTERCEPTION
            ]
            if own:
                sub = own[0].value
                means = SELF_SUFFICIENT_MEANS.get(sub)
                weapon = (means, (own[0].start, own[0].end)) if means else None
            elif inside:
                pick = self._pick_weapon(inside)
                assert pick is not None
                sub, weapon = self.weapon_sub[pick.value], (pick.value, (pick.start, pick.end))
            else:
                continue
            cand = Candidate(
                sent, self.sub_to_type[sub], sub, (hit.start, hit.end), scope=scope, background=True
            )
            if weapon is not None:
                cand.weapon, cand.weapon_span = weapon
            found.append(cand)
        return found
