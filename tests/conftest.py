"""Shared fixtures: the real spaCy pipelines, loaded once per test session."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import create_engine, text

from ondit.analyse.nlp import load_pipeline

from .postgres import postgres_server

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


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """One PostgreSQL server for the whole session."""
    with postgres_server() as url:
        yield url


_databases = itertools.count()


def fresh_postgres_database(server_url: str) -> str:
    """A new empty database on the session's server."""
    name = f"ondit_test_{next(_databases)}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database of each backend: a SQLite file, or a database on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ondit.db'}"
    return fresh_postgres_database(request.getfixturevalue("postgres"))


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """A factory of fresh databases of one backend, for tests that need several."""
    counter = itertools.count()

    def make() -> str:
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / f'ondit-{next(counter)}.db'}"
        return fresh_postgres_database(request.getfixturevalue("postgres"))

    return make
