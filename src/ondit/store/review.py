"""Review of a mention: confirm it, correct a field, or reject it.

Every change is kept in the reviews table with who made it, when, and the value it replaced, so a
reviewed database can always show how it came to say what it says. Corrected values are written
to the mention row itself, so every export reads the reviewed value without knowing about reviews.
After a review the mention's event is summarised again over the mentions still standing, so that
a rejected report no longer votes in the consensus and a corrected figure counts as corrected.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from ondit.errors import ReviewError
from ondit.model import CLAIM_PRECEDENCE, WEAPONS
from ondit.resources import sub_event_types
from ondit.store.models import REJECTED, MentionRow, ReviewRow
from ondit.store.queries import mention_by_id
from ondit.store.repository import Store, refresh_event

LOGGER = logging.getLogger(__name__)

MAX_REVIEWER = 120


class ReviewAction(StrEnum):
    CONFIRM = "confirm"
    CORRECT = "correct"
    REJECT = "reject"


#: The review status a mention takes after each action.
STATUS_AFTER = {
    ReviewAction.CONFIRM: "confirmed",
    ReviewAction.CORRECT: "corrected",
    ReviewAction.REJECT: REJECTED,
}

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _text(limit: int) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ReviewError("must be text or null")
        value = " ".join(value.split())
        if len(value) > limit:
            raise ReviewError(f"must be at most {limit} characters")
        return value or None

    return check


def _count(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ReviewError("must be a whole number of at least 0, or null")
    return value


def _precision(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool) or value not in (1, 2, 3):
        raise ReviewError("must be 1, 2 or 3, or null")
    return value


def _coordinate(limit: float) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ReviewError("must be a number or null")
        number = float(value)
        if not math.isfinite(number) or abs(number) > limit:
            raise ReviewError(f"must lie between -{limit:g} and {limit:g}")
        return number

    return check


def _date(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReviewError("must be an ISO date (YYYY-MM-DD) or null")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ReviewError("must be an ISO date (YYYY-MM-DD) or null") from exc


def _country(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str) or not _COUNTRY.match(value.strip().upper()):
        raise ReviewError("must be an ISO 3166-1 alpha-2 code such as IQ, or null")
    return value.strip().upper()


def _one_of(choices: tuple[str, ...], *, nullable: bool) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if value is None and nullable:
            return None
        if value not in choices:
            raise ReviewError("must be one of " + ", ".join(choices))
        return value

    return check


def _event_type(value: Any) -> Any:
    return _one_of(tuple(dict.fromkeys(sub_event_types().values())), nullable=False)(value)


def _sub_event_type(value: Any) -> Any:
    return _one_of(tuple(sub_event_types()), nullable=False)(value)


def _sources(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ReviewError("must be a list of names")
    return [name for name in (" ".join(v.split()) for v in value) if name]


#: The fields a reviewer may correct, each with the check its new value must pass. `doc_id` and
#: `evidence` are not here: they are where the mention came from, not what it says.
REVIEWABLE: dict[str, Callable[[Any], Any]] = {
    "event_type": _event_type,
    "sub_event_type": _sub_event_type,
    "date": _date,
    "time_precision": _precision,
    "country": _country,
    "admin1": _text(120),
    "location": _text(200),
    "latitude": _coordinate(90),
    "longitude": _coordinate(180),
    "geo_precision": _precision,
    "actor1": _text(200),
    "actor2": _text(200),
    "weapon": _one_of(WEAPONS, nullable=True),
    "munitions": _count,
    "fatalities": _count,
    "injured": _count,
    "claim_status": _one_of(CLAIM_PRECEDENCE, nullable=False),
    "sources": _sources,
}


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def validate_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes with their values checked and normalised; ReviewError names the bad field."""
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        check = REVIEWABLE.get(name)
        if check is None:
            raise ReviewError(
                f"{name!r} cannot be reviewed; reviewable fields: {', '.join(REVIEWABLE)}"
            )
        try:
            clean[name] = check(value)
        except ReviewError as exc:
            raise ReviewError(f"{name}: {exc}") from None
    if "sub_event_type" in clean:
        parent = sub_event_types()[clean["sub_event_type"]]
        if clean.setdefault("event_type", parent) != parent:
            raise ReviewError(
                f"sub_event_type {clean['sub_event_type']!r} belongs to event_type {parent!r}"
            )
    return clean


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _record(
    mention: MentionRow,
    reviewer: str,
    action: ReviewAction,
    field: str,
    old: Any,
    new: Any,
    at: datetime,
) -> None:
    mention.reviews.append(
        ReviewRow(
            reviewer=reviewer,
            at=at,
            action=str(action),
            field=field,
            old_value=_json(old),
            new_value=_json(new),
        )
    )


def review_mention(
    store: Store,
    mention_id: int,
    *,
    reviewer: str,
    action: ReviewAction,
    changes: Mapping[str, Any] | None = None,
) -> MentionRow:
    """Apply one review in one transaction; returns the mention as it now stands.

    Raises NotFoundError for an unknown mention and ReviewError for a review that cannot apply.
    """
    name = " ".join(reviewer.split())
    if not name or len(name) > MAX_REVIEWER:
        raise ReviewError(f"reviewer: a name of 1 to {MAX_REVIEWER} characters is required")
    changes = dict(changes or {})
    if action is ReviewAction.CORRECT and not changes:
        raise ReviewError("a correction needs at least one field in 'changes'")
    if action is not ReviewAction.CORRECT and changes:
        raise ReviewError(f"'{action}' takes no 'changes'; use 'correct' to change fields")
    clean = validate_changes(changes)
    at = _now()
    with store.sessions() as session:
        mention = mention_by_id(session, mention_id)
        if action is ReviewAction.CORRECT:
            altered = {k: v for k, v in clean.items() if getattr(mention, k) != v}
            if not altered:
                raise ReviewError("no field in 'changes' differs from its current value")
            for field, value in altered.items():
                _record(mention, name, action, field, getattr(mention, field), value, at)
                setattr(mention, field, value)
            parent = sub_event_types().get(mention.sub_event_type)
            if parent is not None and parent != mention.event_type:
                raise ReviewError(
                    f"sub_event_type {mention.sub_event_type!r} belongs to event_type {parent!r}"
                )
        new_status = STATUS_AFTER[action]
        _record(mention, name, action, "review_status", mention.review_status, new_status, at)
        mention.review_status = new_status
        if mention.event is not None:
            refresh_event(mention.event)
        session.commit()
        LOGGER.info("mention %d: %s by %s", mention_id, action, name)
        return mention
