"""Storage and linking on a real SQLite file: atomic saves, idempotency, events across outlets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ondit.ingest.common import build_document
from ondit.model import Analysis, Mention, Span
from ondit.store import open_store


def _analysis(doc_id: str, text: str, outlet: str, **fields: object) -> Analysis:
    document = build_document(doc_id, text, origin="test", published="2021-02-16", outlet=outlet)
    values: dict[str, object] = {
        "date": date(2021, 2, 15),
        "time_precision": 1,
        "country": "IQ",
        "admin1": "Erbil",
        "location": "Erbil International Airport",
        "latitude": 36.24,
        "longitude": 43.96,
        "geo_precision": 1,
        "weapon": "rocket",
        "munitions": 3,
    }
    values.update(fields)
    mention = Mention(
        doc_id=doc_id,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        evidence=text,
        **values,  # type: ignore[arg-type]
    )
    mention.add_span("evidence", Span(0, len(text), text))
    return Analysis(document=document, mentions=[mention])


def test_documents_store_once_and_reports_link(db_url: str) -> None:
    store = open_store(db_url)
    a = _analysis("afp-1", "Trois roquettes ont frappé l'aéroport d'Erbil lundi soir.", "AFP")
    b = _analysis(
        "rudaw-1", "Fourteen rockets hit Erbil airport on Monday night.", "Rudaw", munitions=14
    )
    c = _analysis(
        "other-1",
        "Rockets hit Baghdad airport.",
        "AP",
        location="Baghdad International Airport",
        latitude=33.26,
        longitude=44.23,
        admin1="Baghdad",
    )
    assert store.save(a) and store.save(b) and store.save(c)
    again = _analysis("afp-1", "Trois roquettes ont frappé l'aéroport d'Erbil lundi soir.", "AFP")
    assert not store.save(again)
    assert store.counts() == {"documents": 3, "errors": 0, "mentions": 3, "events": 2}
    events = list(store.iter_events())
    erbil = next(e for e in events if e.location == "Erbil International Airport")
    assert erbil.n_documents == 2 and erbil.n_outlets == 2
    assert erbil.contested is True
    assert [f["value"] for f in erbil.figures["munitions"]] == [3, 14]
    assert erbil.consensus["munitions"] == 3  # a tie: the earliest report
    assert erbil.consensus["rules"]["munitions"] == "tie: earliest report"


def test_same_document_never_links_to_itself_and_dateless_mentions_stay_apart(
    db_url: str,
) -> None:
    store = open_store(db_url)
    first = _analysis("d1", "Rockets hit Erbil airport.", "AFP", date=None, time_precision=None)
    second = _analysis(
        "d2", "Rockets hit Erbil airport again.", "AP", date=None, time_precision=None
    )
    store.save(first)
    store.save(second)
    assert store.counts()["events"] == 2


def test_same_id_with_new_text_is_kept_under_a_suffixed_id(db_url: str) -> None:
    store = open_store(db_url)
    store.save(_analysis("x", "Rockets hit Erbil airport on Monday.", "AFP"))
    store.save(_analysis("x", "Rockets hit Erbil airport on Monday night, officials said.", "AFP"))
    ids = [d.doc_id for d in store.iter_documents()]
    assert ids[0] == "x" and ids[1].startswith("x~") and len(ids) == 2


def test_a_bridging_report_merges_events_and_ids_do_not_depend_on_order(
    new_db: Callable[[], str],
) -> None:
    def reports() -> list[Analysis]:
        return [
            _analysis("a", "Rockets hit Erbil airport on Sunday.", "AFP", date=date(2021, 2, 14)),
            _analysis("c", "Rockets hit Erbil airport on Tuesday.", "AP", date=date(2021, 2, 16)),
            _analysis("b", "Rockets hit Erbil airport on Monday.", "Rudaw", date=date(2021, 2, 15)),
        ]

    ids = []
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        store = open_store(new_db())
        batch = reports()
        for i in order:
            store.save(batch[i])
        events = list(store.iter_events())
        assert len(events) == 1 and events[0].n_documents == 3
        ids.append(events[0].event_id)
        assert events[0].consensus["first_report"] == "2021-02-16"
    assert len(set(ids)) == 1


def test_a_rejected_report_stays_out_of_the_event_after_new_reports_link(db_url: str) -> None:
    from ondit.store.review import ReviewAction, review_mention

    store = open_store(db_url)
    store.save(_analysis("a", "Three rockets hit Erbil airport on Monday.", "AFP", munitions=3))
    store.save(
        _analysis("b", "Fourteen rockets hit Erbil airport on Monday.", "Rudaw", munitions=14)
    )
    rejected = next(m for m in store.iter_mention_rows() if m.doc_id == "b")
    review_mention(store, rejected.id, reviewer="analyst", action=ReviewAction.REJECT)
    store.save(
        _analysis("c", "Three rockets struck Erbil airport on Monday night.", "AP", munitions=3)
    )
    (event,) = list(store.iter_events())
    assert event.n_documents == 2
    assert [f["value"] for f in event.figures["munitions"]] == [3, 3]
    assert event.consensus["munitions"] == 3 and event.contested is False
