"""Fixtures of the geographic tests: the shipped gazetteer and a parser, each loaded once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from ondit.analyse.nlp import load_pipeline
from ondit.analyse.places import Placement, place_mentions
from ondit.resources.gazetteer import Gazetteer, load_gazetteer

Parse = Callable[[str, str], Doc]
Locate = Callable[..., Placement | None]


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def parse() -> Parse:
    """Parses a text with the pipeline of its language (pipelines are cached per process)."""

    def _parse(language: str, text: str) -> Doc:
        return load_pipeline(language)(text)

    return _parse


@pytest.fixture(scope="session")
def locate(parse: Parse, gazetteer: Gazetteer) -> Locate:
    """The placement of one mention whose evidence is `evidence` (default: the last sentence)."""

    def _locate(language: str, text: str, evidence: str | None = None) -> Placement | None:
        doc = parse(language, text)
        if evidence is None:
            sentence = list(doc.sents)[-1]
            start, end = sentence.start_char, sentence.end_char
        else:
            start = text.index(evidence)
            end = start + len(evidence)
        (placement,) = place_mentions(doc, [(start, end)], language=language, gazetteer=gazetteer)
        return placement

    return _locate
