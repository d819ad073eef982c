"""A learnt reading of genre: which words and habits of the writer's voice mark opinion.

The rules of ``ondit.analyse.rhetoric`` weigh a few signs (questions, exclamations, "nous",
listed cue words, technique spans); on paragraphs they have not seen they do little better than
calling everything opinion. This model, trained by ``scripts/train_genre.py`` on the project's
annotated paragraphs, weighs every word of the writer's voice together with those signs. It is
shipped for a language only when it beat the rules on paragraphs neither had seen.
"""

from __future__ import annotations

import functools

from ondit.analyse.linear import SparseSoftmax, read_model_file

MODEL_FILE = "genre-{language}.json.gz"

#: Models set by hand (training, tests) in place of the shipped ones, per language.
_OVERRIDES: dict[str, SparseSoftmax | None] = {}


def set_genre_model(language: str, model: SparseSoftmax | None, *, reset: bool = False) -> None:
    """Use this model (None: the rules) for a language; `reset` goes back to the shipped one."""
    if reset:
        _OVERRIDES.pop(language, None)
    else:
        _OVERRIDES[language] = model


def genre_model(language: str) -> SparseSoftmax | None:
    """The model deciding a language's genre, or None when the rules do."""
    if language in _OVERRIDES:
        return _OVERRIDES[language]
    return _shipped(language)


@functools.cache
def _shipped(language: str) -> SparseSoftmax | None:
    model = read_model_file(MODEL_FILE.format(language=language))
    return SparseSoftmax(model) if model is not None else None
