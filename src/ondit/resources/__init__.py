"""Per-language and world knowledge as data, loaded once and checked against a schema.

Languages are data: adding one means adding its folder of YAML files, not code. Each file kind
declares the keys it may hold so that a typo in a resource file fails loudly at load time instead
of silently disabling a rule.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources as importlib_resources
from typing import Any

import yaml

from ondit.errors import ResourceError

LOGGER = logging.getLogger(__name__)

SUPPORTED_LANGUAGES: tuple[str, ...] = ("fr", "en")

#: The keys each kind of per-language file may hold, and those it must hold.
SCHEMAS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "rhetoric": (
        frozenset(
            {
                "version",
                "language",
                "phrases",
                "opinion_phrases",
                "exceptions",
                "patterns",
                "opinion_patterns",
                "so_called",
                "reputation_heads",
                "quote_verbs",
                "intensifiers",
                "evaluative_nouns",
                "doubt_in_question",
                "repetition_ignore",
                "exclamative_openers",
                "correlatives",
                "naming_verbs",
                "genre",
            }
        ),
        frozenset({"version", "language", "phrases", "patterns", "quote_verbs", "genre"}),
    ),
    "source_names": (
        frozenset({"version", "language", "heads", "adjectives", "complements"}),
        frozenset({"version", "language"}),
    ),
    "events": (
        frozenset(
            {
                "version",
                "language",
                "weapons",
                "attack_terms",
                "triggers",
                "not_event",
                "target_cues",
                "origin_cues",
                "civilian_victims",
                "armed_victims",
                "armed_targets",
                "protest_violence",
                "protest_intervention",
                "protest_lethal",
                "interceptable",
                "killing_terms",
                "shooting_down",
                "suffering_verbs",
                "gathering_terms",
                "protest_context",
                "strike_nouns",
                "accusation_cues",
                "riot_actors",
                "mob_actors",
            }
        ),
        frozenset({"version", "language", "weapons", "attack_terms", "triggers", "not_event"}),
    ),
    "numbers": (
        frozenset(
            {
                "version",
                "language",
                "words",
                "approximate",
                "bounds",
                "munition_nouns",
                "person_nouns",
                "killed",
                "injured",
                "zero_fatalities",
                "zero_injured",
                "rates",
                "subset_cues",
                "person_killed",
            }
        ),
        frozenset({"version", "language", "words", "approximate", "munition_nouns", "killed"}),
    ),
    "dates": (
        frozenset(
            {
                "version",
                "language",
                "months",
                "weekdays",
                "relative_days",
                "relative_weeks",
                "next_days",
                "night",
                "last",
                "after",
                "before",
                "units",
                "week_ordinals",
            }
        ),
        frozenset({"version", "language", "months", "weekdays", "relative_days"}),
    ),
    "attribution": (
        frozenset(
            {
                "version",
                "language",
                "source_before",
                "speech_verbs",
                "anonymous",
                "hedges",
                "claim",
                "self_report",
                "blows",
                "civilian_version",
                "enemy_version",
                "deny",
                "inverted",
                "wrappers",
                "back_reference",
                "actor_hedges",
                "source_references",
                "roles",
                "time_words",
                "titles",
                "suspicion",
                "armed_qualifiers",
            }
        ),
        frozenset({"version", "language", "source_before", "hedges", "claim", "deny"}),
    ),
}


def _check_terms(value: Any, where: str) -> None:
    """Every listed term must be a string: YAML reads a bare `no` or `on` as a boolean."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_terms(item, f"{where}/{key}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, bool) or item is None:
                raise ResourceError(f"[E111] {where}: term {item!r} is not a string (quote it)")
            _check_terms(item, where)


def _read_yaml(*parts: str) -> Any:
    path = importlib_resources.files("ondit.resources").joinpath(*parts)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ResourceError(f"[E101] resource file missing: {'/'.join(parts)}") from exc
    except yaml.YAMLError as exc:
        raise ResourceError(
            f"[E102] resource file {'/'.join(parts)} is not valid YAML: {exc}"
        ) from exc


@functools.cache
def language_resource(language: str, kind: str) -> dict[str, Any]:
    """One language's resource file of one kind, validated against its schema."""
    if language not in SUPPORTED_LANGUAGES:
        raise ResourceError(f"[E103] unsupported language: {language!r}")
    if kind not in SCHEMAS:
        raise ResourceError(f"[E104] unknown resource kind: {kind!r}")
    data = _read_yaml(language, f"{kind}.yaml")
    allowed, required = SCHEMAS[kind]
    if not isinstance(data, dict):
        raise ResourceError(f"[E105] {language}/{kind}.yaml must hold a mapping")
    unknown = set(data) - allowed
    missing = required - set(data)
    if unknown or missing:
        raise ResourceError(
            f"[E106] {language}/{kind}.yaml: unknown keys {sorted(unknown)}, missing {sorted(missing)}"
        )
    _check_terms(data, f"{language}/{kind}.yaml")
    if data["language"] != language:
        raise ResourceError(f"[E107] {language}/{kind}.yaml declares language {data['language']!r}")
    LOGGER.debug("loaded %s/%s.yaml version %s", language, kind, data["version"])
    return data


@functools.cache
def world_resource(name: str) -> dict[str, Any]:
    """A language-independent resource file (taxonomy, actors)."""
    data = _read_yaml(f"{name}.yaml")
    if not isinstance(data, dict) or "version" not in data:
        raise ResourceError(f"[E108] {name}.yaml must be a mapping with a version")
    _check_terms(data, f"{name}.yaml")
    return data


def resource_versions() -> dict[str, int]:
    """The version of every resource file, for `ondit info` and run provenance."""
    versions: dict[str, int] = {}
    for name in ("taxonomy", "actors", "sources"):
        versions[name] = int(world_resource(name)["version"])
    for language in SUPPORTED_LANGUAGES:
        for kind in SCHEMAS:
            versions[f"{language}/{kind}"] = int(language_resource(language, kind)["version"])
    return versions


def sub_event_types() -> dict[str, str]:
    """Every ACLED sub-event type mapped to its event type."""
    mapping: dict[str, str] = {}
    for event_type, subs in world_resource("taxonomy")["event_types"].items():
        for sub in subs:
            mapping[sub] = event_type
    return mapping
