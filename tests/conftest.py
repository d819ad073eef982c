"""Shared fixtures: the real spaCy pipelines, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from ondit.analyse.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    return load_pipeline("fr")


@pytest.fixture(scope="session")
def nlp_en() -> Language:
    return load_pipeline("en")


@pytest.fixture(scope="session")
def nlp(request: pytest.FixtureRequest) -> Language:
    """The pipeline for the `language` a parametrised test names."""
    return load_pipeline(request.param)
