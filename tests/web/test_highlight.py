"""The article view's runs: overlapping highlights cut the text without losing or adding a letter."""

from __future__ import annotations

from ondit.web.highlight import runs
from ondit.web.schemas import HighlightOut

TEXT = "Selon AFP, trois roquettes ont frappé la base samedi. <script>alert(1)</script>"


def _h(kind: str, words: str, mention_id: int | None = 1, **extra: str) -> HighlightOut:
    start = TEXT.index(words)
    return HighlightOut.model_validate(
        {
            "kind": kind,
            "start": start,
            "end": start + len(words),
            "text": words,
            "mention_id": mention_id,
            **extra,
        }
    )


def test_runs_join_back_to_the_text_and_carry_every_cover() -> None:
    evidence = _h("evidence", "Selon AFP, trois roquettes ont frappé la base samedi.")
    source = _h("source", "AFP", field="sources")
    date = _h("field", "samedi", field="date")
    other = _h("evidence", "roquettes ont frappé", mention_id=2)
    rhetoric = _h("rhetoric", "frappé la base", mention_id=None, technique="Loaded language")
    result = runs(TEXT, [evidence, source, date, other, rhetoric])
    assert "".join(r.text for r in result) == TEXT
    by_text = {r.text: r for r in result}
    assert by_text["AFP"].kinds == ("evidence", "source") and by_text["AFP"].mention_id == 1
    assert by_text["samedi"].fields == ("date",)
    assert by_text["roquettes ont "].evidence_of == (1, 2)
    assert by_text["roquettes ont "].mention_id == 2  # the narrowest mention span wins the click
    assert by_text["frappé"].kinds == ("evidence", "rhetoric")
    assert (
        by_text["frappé"].title
        == "evidence of mention 1; evidence of mention 2; rhetoric: Loaded language"
    )
    tail = result[-1]
    assert tail.kinds == () and tail.text.endswith("</script>")


def test_no_highlight_is_one_plain_run() -> None:
    assert [r.text for r in runs(TEXT, [])] == [TEXT]
    assert runs("", []) == []
