"""A document's text cut into runs that the article view marks, one run per set of highlights.

Highlights overlap (a date inside an evidence sentence inside a quote), so the text is cut at
every highlight's edge and each run carries every highlight that covers it. The template then
escapes each run's text; nothing here produces markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ondit.web.schemas import HighlightOut

KINDS = ("evidence", "field", "source", "quote", "rhetoric")


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    kinds: tuple[str, ...] = ()
    #: Where a click on the run leads: the mention of the narrowest mention span covering it.
    mention_id: int | None = None
    evidence_of: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()
    title: str = ""

    @property
    def classes(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)


def _label(h: HighlightOut) -> str:
    if h.kind == "evidence":
        return f"evidence of mention {h.mention_id}"
    if h.kind in ("field", "source"):
        return f"{h.field} of mention {h.mention_id}"
    if h.kind == "quote":
        return f"quote ({h.speaker})" if h.speaker else "quote"
    return f"rhetoric: {h.technique}" if h.technique else "rhetoric"


def _run(text: str, covering: Sequence[HighlightOut]) -> Run:
    if not covering:
        return Run(text)
    with_mention = [h for h in covering if h.mention_id is not None]
    target = min(with_mention, key=lambda h: h.end - h.start) if with_mention else None
    return Run(
        text=text,
        kinds=tuple(k for k in KINDS if any(h.kind == k for h in covering)),
        mention_id=target.mention_id if target is not None else None,
        evidence_of=tuple(
            sorted({h.mention_id for h in covering if h.kind == "evidence" and h.mention_id})
        ),
        fields=tuple(sorted({h.field for h in covering if h.field})),
        title="; ".join(dict.fromkeys(_label(h) for h in covering)),
    )


def runs(text: str, highlights: Sequence[HighlightOut]) -> list[Run]:
    """The whole text, in order, as runs; joined back together they give the text exactly."""
    cuts = sorted({0, len(text)} | {h.start for h in highlights} | {h.end for h in highlights})
    ordered = sorted(highlights, key=lambda h: h.start)
    result: list[Run] = []
    active: list[HighlightOut] = []
    next_index = 0
    for start, end in pairwise(cuts):
        while next_index < len(ordered) and ordered[next_index].start <= start:
            active.append(ordered[next_index])
            next_index += 1
        active = [h for h in active if h.end > start]
        result.append(_run(text[start:end], active))
    return result
