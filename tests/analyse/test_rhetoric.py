"""Persuasion techniques and genre, on real sentences in both languages.

The sentences are written for these tests in the manner of partisan outlets and of wire copy.
Precision comes first, so the neutral sentences (among them the traps a word list falls into:
"les occupants du véhicule", "terrorist organisation", a quoted speaker) must yield nothing.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from ondit.analyse.nlp import load_pipeline
from ondit.analyse.rhetoric import (
    MAX_SPAN_CHARS,
    SCHEMA,
    TECHNIQUES,
    classify_genre,
    find_rhetoric,
    load_rhetoric,
    rhetoric_lexicon,
)
from ondit.model import RhetoricSpan

from ..conftest import ROOT

EXAMPLES = ROOT / "dev" / "rhetoric" / "examples.jsonl"
#: The example set the floors below were measured on: change it, then review the floors.
EXAMPLES_SHA256 = "1ed1f0ab66ec8d9115c734a2be94904329cc0bd2ae7547fcb5e9b5a406db40ba"
#: Paragraph-level micro-F1 and span precision per batch of dev/rhetoric/examples.jsonl, rounded
#: down from what the stage reaches (scripts/eval_rhetoric.py). Each batch keeps its own floors so
#: that adding a batch never lowers those of the others. Raise them when the stage improves; never
#: lower them to let a change through.
FLOORS: dict[str, tuple[float, float]] = {
    "batch0": (0.99, 1.0),
    "batch1": (0.89, 1.0),
    "batch2": (0.88, 1.0),
    "batch3": (0.47, 1.0),
    "batch4": (0.81, 0.86),
    "batch5": (0.42, 0.76),
    "batch6": (0.30, 0.63),
    "batch7": (0.20, 0.73),
    "batch8": (0.27, 0.57),
    "batch9": (0.31, 0.58),
}


def _spans(language: str, text: str) -> list[RhetoricSpan]:
    doc = load_pipeline(language)(text)
    return find_rhetoric(doc, language=language, doc_id="test")


# (language, sentence, technique, text of the span that carries it)
TECHNIQUE_CASES = [
    (
        "fr",
        "Les occupants américains se terrent dans leurs bases depuis l'attaque de lundi.",
        "Name_Calling-Labeling",
        "occupants américains",
    ),
    (
        "fr",
        "Les terroristes daechistes ont encore frappé un village de Diyala.",
        "Name_Calling-Labeling",
        "terroristes daechistes",
    ),
    (
        "fr",
        "Pour les Yankees, cette nuit-là restera un méga revers.",
        "Loaded_Language",
        "méga revers",
    ),
    (
        "fr",
        "Il est évident que Washington a perdu la partie.",
        "Conversation_Killer",
        "Il est évident que",
    ),
    (
        "fr",
        "Tout le monde sait que ce retrait n'est qu'une mise en scène.",
        "Appeal_to_Popularity",
        "Tout le monde sait",
    ),
    ("fr", "Les batteries Patriot n'ont pas su « protéger » l'ambassade.", "Doubt", "« protéger »"),
    (
        "fr",
        "Comparé aux milliers de soldats restés sur place, ce chiffre frôle le ridicule.",
        "Exaggeration-Minimisation",
        "ce chiffre frôle le ridicule",
    ),
    (
        "fr",
        "Les Américains qui donnent des leçons de démocratie ont rasé Falloujah.",
        "Appeal_to_Hypocrisy",
        "Les Américains qui donnent des leçons de démocratie",
    ),
    (
        "fr",
        "Les soi-disant experts de la télévision se sont encore trompés.",
        "Questioning_the_Reputation",
        "soi-disant experts",
    ),
    (
        "fr",
        "Ce n'est pas un hasard si les convois sautent toujours la veille du vote.",
        "Doubt",
        "Ce n'est pas un hasard",
    ),
    (
        "fr",
        "Il est temps que les forces d'occupation quittent le pays.",
        "Appeal_to_Time",
        "Il est temps",
    ),
    (
        "en",
        "The so-called peace plan is a fig leaf for the occupation.",
        "Doubt",
        "so-called peace",
    ),
    (
        "en",
        "Everyone knows the embassy is a military base in disguise.",
        "Appeal_to_Popularity",
        "Everyone knows",
    ),
    (
        "en",
        "The Kiev regime shelled Donetsk again overnight.",
        "Name_Calling-Labeling",
        "Kiev regime",
    ),
    (
        "en",
        "The withdrawal turned into an utter disaster for the Pentagon.",
        "Loaded_Language",
        "utter disaster",
    ),
    (
        "en",
        "Washington, which lectures the world on human rights, bombed a wedding party.",
        "Appeal_to_Hypocrisy",
        "Washington, which lectures the world on human rights",
    ),
    (
        "en",
        "Either Baghdad expels the foreign troops or it gives up its sovereignty.",
        "False_Dilemma-No_Choice",
        "Either Baghdad expels the foreign troops or it gives up its sovereignty",
    ),
    ("en", "Glory to the resistance!", "Slogans", "Glory to the resistance!"),
    (
        "en",
        'The Patriot batteries failed to "protect" a single building.',
        "Doubt",
        '"protect"',
    ),
    (
        "en",
        "It is no coincidence that the convoys are always hit on the eve of the vote.",
        "Doubt",
        "It is no coincidence",
    ),
    (
        "en",
        "The army's 'precision' strikes flattened a market in Kharkiv.",
        "Doubt",
        "'precision'",
    ),
    (
        "fr",
        "Les mêmes qui prêchaient la rigueur hier signent aujourd'hui des chèques en blanc.",
        "Appeal_to_Hypocrisy",
        "Les mêmes qui prêchaient la rigueur",
    ),
    (
        "fr",
        "Que cela plaise ou non, le Mali a choisi ses partenaires.",
        "Conversation_Killer",
        "Que cela plaise ou non",
    ),
    (
        "en",
        "Sanctions have failed, plain and simple.",
        "Conversation_Killer",
        "plain and simple",
    ),
]


def test_a_name_quoted_after_a_verb_of_naming_is_doubt_only_in_opinion() -> None:
    opinion = (
        "Encore une fois, nos dirigeants nous mentent ! Les capitales occidentales parlent de "
        "« droit à se défendre » pendant que Gaza brûle. Jusqu'à quand ?"
    )
    report = (
        "Le ministre a présenté mardi à Paris un texte qu'il qualifie de « budget de "
        "responsabilité », selon un communiqué du ministère."
    )
    assert ("Doubt", "« droit à se défendre »") in {
        (s.technique, s.text) for s in _spans("fr", opinion)
    }
    assert not [s for s in _spans("fr", report) if s.technique == "Doubt"]


# (language, a paragraph of opinion, the same cue in wire copy, technique, span in the opinion)
OPINION_ONLY_CASES = [
    (
        "fr",
        "Encore une fois, nos dirigeants se taisent devant ce carnage ! Qui osera enfin dire la "
        "vérité aux Français ?",
        "Le carnage a fait douze morts lundi à Kidal, selon un communiqué de l'armée malienne.",
        "Loaded_Language",
        "carnage",
    ),
    (
        "en",
        "Once again our leaders look away from this carnage! When will someone finally tell "
        "Americans the truth?",
        "The carnage left twelve people dead on Monday in Kidal, the Malian army said in a "
        "statement.",
        "Loaded_Language",
        "carnage",
    ),
    (
        "fr",
        "Soyons sérieux : Bruxelles ferme nos usines les unes après les autres, et des régions "
        "entières s'enfoncent dans le déclassement. Qui paiera la facture ? Nos enfants, "
        "évidemment.",
        "Les usines du groupe ont fermé les unes après les autres depuis 2019, a indiqué mardi "
        "la direction, et des régions entières ont perdu leur principal employeur.",
        "Exaggeration-Minimisation",
        "des régions entières",
    ),
    (
        "en",
        "Let us be honest: Brussels shuts our factories one after another while entire regions "
        "sink!",
        "The group's factories have closed one after another since 2019, the company said on "
        "Tuesday, and entire regions have lost their main employer.",
        "Exaggeration-Minimisation",
        "entire regions",
    ),
    (
        "fr",
        "Les troupes de l'ONU, censées protéger les civils, ont encore regardé ailleurs. Quelle "
        "honte !",
        "Les troupes de l'ONU, censées protéger les civils, se sont retirées mardi de Bunia, a "
        "indiqué la mission.",
        "Doubt",
        "censées",
    ),
]


@pytest.mark.parametrize(
    ("language", "opinion", "report", "technique", "expected"), OPINION_ONLY_CASES
)
def test_a_cue_wire_copy_also_uses_counts_only_in_opinion(
    language: str, opinion: str, report: str, technique: str, expected: str
) -> None:
    assert (technique, expected) in {(s.technique, s.text) for s in _spans(language, opinion)}
    assert not [s for s in _spans(language, report) if s.technique == technique]


def test_a_word_the_writer_puts_in_scare_quotes_is_disputed_not_used() -> None:
    text = (
        "Encore une fois, nos dirigeants se taisent ! Ils parlent de « massacre » pour mieux "
        "vendre leurs armes."
    )
    assert [(s.technique, s.text) for s in _spans("fr", text)] == [("Doubt", "« massacre »")]


@pytest.mark.parametrize(("language", "text", "technique", "expected"), TECHNIQUE_CASES)
def test_technique_is_found_with_its_span(
    language: str, text: str, technique: str, expected: str
) -> None:
    found = {(s.technique, s.text) for s in _spans(language, text)}
    assert (technique, expected) in found, found


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "La Résistance frappe sans relâche, surveille sans relâche et attend sans relâche."),
        ("en", "They lied about the weapons. They lied about the cost. They lied about the exit."),
    ],
)
def test_repetition_marks_every_occurrence(language: str, text: str) -> None:
    repeated = [s for s in _spans(language, text) if s.technique == "Repetition"]
    assert len(repeated) == 3
    assert len({s.text.lower() for s in repeated}) == 1


NEUTRAL_CASES = [
    (
        "fr",
        "Trois roquettes se sont abattues lundi soir près de la base d'Aïn al-Asad, sans faire de "
        "victime, a indiqué une source sécuritaire irakienne.",
    ),
    (
        "fr",
        "Les deux occupants du véhicule ont été tués lorsque l'engin a explosé au bord de la route, "
        "selon la police.",
    ),
    (
        "fr",
        "Le groupe, classé organisation terroriste par Washington, a revendiqué l'attaque "
        "terroriste de mardi.",
    ),
    (
        "fr",
        "« Les occupants doivent partir ou ils le paieront cher », a déclaré mardi le porte-parole "
        "du mouvement.",
    ),
    (
        "fr",
        "L'armée malienne a affirmé avoir tué une vingtaine de terroristes lors d'une frappe de "
        "drone.",
    ),
    (
        "fr",
        "Des tirs croisés ont fait trois blessés près du poste-frontière, selon des sources locales.",
    ),
    (
        "fr",
        "Le mouvement a qualifié les soldats américains d'« occupants » et appelé à manifester "
        "vendredi.",
    ),
    (
        "en",
        "Both occupants of the car were killed when the device went off by the roadside, police "
        "said.",
    ),
    (
        "en",
        "Hayat Tahrir al-Sham fighters attacked army positions near Saraqeb on Tuesday, a monitor "
        "said.",
    ),
    (
        "en",
        "The group, designated a terrorist organisation by Washington, claimed the attack on "
        "Monday.",
    ),
    (
        "en",
        '"The occupiers must leave or pay a heavy price," a spokesman told reporters in Baghdad.',
    ),
    (
        "en",
        'The U.N. envoy condemned what she called a "cowardly attack" on an electoral office in '
        "Kirkuk.",
    ),
    (
        "en",
        "Iranian state television reported that at least 80 American terrorists had been killed.",
    ),
    (
        "en",
        "Ukraine's air force said it had shot down 31 of 35 drones launched by Russia overnight.",
    ),
    (
        "en",
        "The soldiers' families were told on Monday that the 'Alpha' unit would return in May.",
    ),
    ("fr", "Des magasins ont été pillés et la haute trahison est passible de prison."),
]


@pytest.mark.parametrize(("language", "text"), NEUTRAL_CASES)
def test_neutral_wire_copy_yields_nothing(language: str, text: str) -> None:
    assert _spans(language, text) == []


BAD_INPUT = [
    "",
    " ",
    "«",
    "« une citation jamais fermée sur les occupants américains",
    '"',
    'qu"ils "rats',
    "soi-disant",
    "!!! ???",
    "« a » « b » « c",
    "Ligne un.\n\n\n« deux »\n",
]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_gives_short_spans_inside_the_text(language: str, text: str) -> None:
    for span in _spans(language, text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.end - span.start <= MAX_SPAN_CHARS


@pytest.mark.parametrize("language", ["fr", "en"])
def test_unclosed_quotation_is_a_speakers_not_a_scare_quote(language: str) -> None:
    text = "« les occupants américains doivent partir"
    assert _spans(language, text) == []


def test_every_span_carries_the_cue_that_decided_it() -> None:
    spans = _spans("fr", "Pour les Yankees, cette nuit-là restera un méga revers.")
    assert spans and all(s.cue for s in spans)
    assert [s.to_record()["technique"] for s in spans] == [s.technique for s in spans]


OPINION_FR = (
    "Les occupants américains n'ont toujours rien compris. Depuis des mois, leurs convois "
    "sautent les uns après les autres et le Pentagone se tait : un méga revers pour une armée qui "
    "se prétend invincible.\n"
    "Tout le monde sait que ce prétendu retrait n'est qu'une mise en scène. Qui peut encore croire "
    "les promesses de Washington ? Il est temps que les forces d'occupation plient bagage."
)
REPORT_FR = (
    "Trois roquettes se sont abattues lundi soir près de la base aérienne d'Aïn al-Asad, dans la "
    "province d'Al-Anbar, sans faire de victime, a indiqué une source sécuritaire irakienne.\n"
    "L'attaque n'a pas été revendiquée. Selon un communiqué de la coalition, les roquettes ont été "
    "tirées depuis une zone désertique située à l'ouest de la base. Une enquête a été ouverte, a "
    "précisé le ministère irakien de l'Intérieur."
)
OPINION_EN = (
    "The occupiers still have not got the message. Their convoys are hit week after week, and the "
    "Pentagon says nothing: a humiliating rout for an army that calls itself invincible.\n"
    "Everyone knows the so-called withdrawal is a charade. Can anyone really believe Washington's "
    "promises? The time has come for the occupation forces to pack their bags."
)
REPORT_EN = (
    "Three rockets landed near Ain al-Asad air base in Anbar province on Monday evening without "
    "causing casualties, an Iraqi security source said.\n"
    "No group claimed responsibility. The rockets were fired from a desert area west of the base, "
    "the coalition said in a statement. The Iraqi interior ministry said it had opened an inquiry."
)


@pytest.mark.parametrize(
    ("language", "text", "genre"),
    [
        ("fr", OPINION_FR, "opinion"),
        ("fr", REPORT_FR, "reporting"),
        ("en", OPINION_EN, "opinion"),
        ("en", REPORT_EN, "reporting"),
    ],
)
def test_genre_of_a_report_and_an_opinion_piece(language: str, text: str, genre: str) -> None:
    doc = load_pipeline(language)(text)
    spans = find_rhetoric(doc, language=language, doc_id="test")
    assert classify_genre(doc, language=language, spans=spans) == genre
    assert classify_genre(doc, language=language) == genre


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice: safe_load silently keeps the last one."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(key) for key, _ in node.value]
    duplicates = sorted({str(k) for k in keys if keys.count(k) > 1})
    assert not duplicates, f"duplicate keys {duplicates} at {node.start_mark}"
    return dict(loader.construct_mapping(node))


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_resource_file_is_valid(language: str) -> None:
    path = ROOT / "src" / "ondit" / "resources" / language / "rhetoric.yaml"
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    allowed, required = SCHEMA
    assert required <= set(raw) <= allowed
    data = load_rhetoric(language)
    assert set(data["phrases"]) | set(data["patterns"]) <= set(TECHNIQUES)
    lexicon = rhetoric_lexicon(language)
    assert len(lexicon.phrases) > 100 and lexicon.patterns


def test_technique_names_are_the_tasks() -> None:
    assert len(TECHNIQUES) == len(set(TECHNIQUES)) == 23
    assert all(" " not in name for name in TECHNIQUES)


@functools.cache
def _eval_script() -> ModuleType:
    """scripts/eval_rhetoric.py, which is not a package module, loaded once."""
    path = ROOT / "scripts" / "eval_rhetoric.py"
    spec = importlib.util.spec_from_file_location("eval_rhetoric", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_example_set_stays_above_its_floors() -> None:
    digest = hashlib.sha256(EXAMPLES.read_bytes()).hexdigest()
    assert digest == EXAMPLES_SHA256, "dev/rhetoric/examples.jsonl changed: review the floors"
    tallies = _eval_script().score(EXAMPLES)
    assert sorted(FLOORS) == sorted(k for k in tallies if k.startswith("batch"))
    for batch, (f1_floor, precision_floor) in FLOORS.items():
        tally = tallies[batch]
        assert tally.f1 >= f1_floor, f"{batch} micro-F1 {tally.f1:.3f} < {f1_floor}"
        assert tally.span_precision >= precision_floor, (batch, tally.span_precision)
    # Over the whole set the stage beats labelling every paragraph with the two most frequent
    # techniques; the last batches, written after the lexicons and not fitted (6–9), do not,
    # which dev/rhetoric/README.md reports.
    assert tallies["all"].f1 > tallies["all"].baseline_f1


SEEDS = ROOT.parent / "shared" / "seeds"
SEEDS_GOLD = ROOT / "dev" / "rhetoric" / "seeds_gold.jsonl"
SEEDS_GOLD_SHA256 = "57f7565302f7717ff901ab608df43cb390f3f725cc3984f7d7ffed17ff2dd6fd"
#: Paragraph micro-F1 and span precision on the five seed articles, rounded down.
SEEDS_FLOORS = (0.59, 0.69)


@pytest.mark.slow
@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles sit beside the project only in its own workspace"
)
def test_seed_articles_stay_above_their_floors() -> None:
    digest = hashlib.sha256(SEEDS_GOLD.read_bytes()).hexdigest()
    assert digest == SEEDS_GOLD_SHA256, "dev/rhetoric/seeds_gold.jsonl changed: review the floors"
    script = _eval_script()
    predictions = script.seed_predictions(SEEDS, SEEDS_GOLD)
    tally = script.tally(predictions, script.most_frequent([p.record for p in predictions]))
    assert tally.paragraphs == 53
    assert tally.f1 >= SEEDS_FLOORS[0], tally.f1
    assert tally.span_precision >= SEEDS_FLOORS[1], tally.span_precision
    assert tally.f1 > tally.baseline_f1


@pytest.mark.slow
def test_example_spans_lie_inside_their_paragraphs() -> None:
    script = _eval_script()
    for prediction in script.predict(script.load_examples(EXAMPLES)):
        text = prediction.record["text"]
        for span in prediction.spans:
            assert text[span.start : span.end] == span.text
            assert span.end - span.start <= MAX_SPAN_CHARS


def test_example_set_is_well_formed() -> None:
    records = _eval_script().load_examples(EXAMPLES)
    assert len(records) >= 120
    neutral = [r for r in records if not r["techniques"]]
    assert 0.25 <= len(neutral) / len(records) <= 0.45
    assert {r["language"] for r in records} == {"fr", "en"}


def test_eval_refuses_a_span_off_its_offsets(tmp_path: Path) -> None:
    """The eval script refuses a span whose text is not at its offsets."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "x", "language": "fr", "batch": 0, "genre": "opinion", "text": "abc", '
        '"techniques": [{"technique": "Doubt", "start": 0, "end": 2, "text": "bc"}]}\n',
        encoding="utf-8",
    )
    script = _eval_script()
    with pytest.raises(script.ExampleError):
        script.load_examples(bad)
