"""Which language a text is in, offline, with lingua restricted to a few languages.

The detector knows the languages ondit analyses plus the ones most often met in the same feeds,
so that an Arabic or German article is reported as unsupported rather than forced into French.
"""

from __future__ import annotations

import functools

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from ondit.resources import SUPPORTED_LANGUAGES

_KNOWN = (
    Language.FRENCH,
    Language.ENGLISH,
    Language.GERMAN,
    Language.SPANISH,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.ARABIC,
    Language.PERSIAN,
    Language.RUSSIAN,
    Language.TURKISH,
)

#: Share of the text's confidence the best language must hold to be trusted. Chosen so that one
#: sentence of plain French or English passes and a jumble of scripts does not.
MIN_CONFIDENCE = 0.5


@functools.cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_KNOWN).with_preloaded_language_models().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when no language stands out."""
    sample = text[:3000]
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())


def is_supported(language: str | None) -> bool:
    return language in SUPPORTED_LANGUAGES
