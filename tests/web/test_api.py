"""The REST API against the real app and a real SQLite file filled from the sample articles."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from typing import Any

from fastapi.testclient import TestClient

from ondit.store import Store

from ..conftest import ROOT


def _all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    items: list[dict[str, Any]] = body["items"]
    return items


def _linked_event(client: TestClient) -> dict[str, Any]:
    """An event reported by more than one outlet: the samples tell several incidents twice."""
    events = sorted(_all_events(client), key=lambda e: -e["n_outlets"])
    assert events[0]["n_outlets"] >= 2, "the samples should link reports across outlets"
    detail: dict[str, Any] = client.get(f"/api/events/{events[0]['id']}").json()
    return detail


def test_events_list_counts_every_stored_event_and_pages(client: TestClient, store: Store) -> None:
    total = store.counts()["events"]
    first = client.get("/api/events", params={"limit": 10}).json()
    assert first["total"] == total and len(first["items"]) == min(10, total)
    second = client.get("/api/events", params={"limit": 10, "offset": 10}).json()
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    dates = [e["date"] for e in first["items"] if e["date"]]
    assert dates == sorted(dates, reverse=True)
    item = first["items"][0]
    assert {"id", "date", "sub_event_type", "n_outlets", "contested", "outlets"} <= set(item)


def test_every_filter_narrows_to_matching_events(client: TestClient) -> None:
    everything = _all_events(client)
    in_syria = _all_events(client, country="SY")
    assert in_syria and all(e["country"] == "SY" for e in in_syria)
    assert len(in_syria) < len(everything)
    contested = _all_events(client, contested="true")
    assert contested and all(e["contested"] for e in contested)
    assert len(_all_events(client, contested="false")) == len(everything) - len(contested)
    dated = _all_events(client, date_from="2021-01-01", date_to="2021-12-31")
    assert dated and all("2021-01-01" <= e["date"] <= "2021-12-31" for e in dated)
    erbil = _all_events(client, admin1="Erbil")
    assert erbil and all(e["admin1"] == "Erbil" for e in erbil)
    drones = _all_events(client, sub_event_type="Air/drone strike")
    assert drones and all(e["sub_event_type"] == "Air/drone strike" for e in drones)
    remote = _all_events(client, event_type="Explosions/Remote violence")
    assert remote and all(e["event_type"] == "Explosions/Remote violence" for e in remote)
    claimed = _all_events(client, claim_status="claimed")
    assert claimed and all("claimed" in e["claim_statuses"] for e in claimed)
    rudaw = _all_events(client, outlet="Rudaw")
    assert rudaw and all("Rudaw" in e["outlets"] for e in rudaw)
    actor = next(e["actor1"] for e in everything if e["actor1"])
    by_actor = _all_events(client, actor=actor)
    assert by_actor and len(by_actor) < len(everything)
    searched = _all_events(client, q="erbil")
    assert searched and len(searched) < len(everything)
    assert _all_events(client, q="no such words anywhere") == []
    combined = _all_events(client, country="IQ", contested="false", date_from="2021-01-01")
    assert all(e["country"] == "IQ" and not e["contested"] for e in combined)


def test_event_detail_has_mentions_figures_per_source_and_consensus(client: TestClient) -> None:
    event = _linked_event(client)
    assert len({m["outlet"] for m in event["mentions"]}) == event["n_outlets"]
    assert event["consensus"]["event_type"] == event["event_type"]
    assert "rules" in event["consensus"]
    for rows in event["figures"].values():
        for row in rows:
            assert {"value", "sources", "doc_id", "outlet"} <= set(row)
    for mention in event["mentions"]:
        assert mention["event_id"] == event["id"]
        assert {"outlet", "language", "published", "claim_status", "sources"} <= set(mention)
    assert isinstance(event["conflicts"], list)


def test_timeline_and_map_follow_the_filters(client: TestClient) -> None:
    days = client.get("/api/timeline").json()
    everything = _all_events(client)
    assert sum(d["count"] for d in days) == sum(1 for e in everything if e["date"])
    in_2021 = client.get("/api/timeline", params={"date_from": "2021-01-01"}).json()
    assert in_2021 and all(d["date"] >= "2021-01-01" for d in in_2021)
    collection = client.get("/api/map").json()
    assert collection["type"] == "FeatureCollection"
    located = [e for e in everything if e["latitude"] is not None]
    assert len(collection["features"]) == len(located)
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    facets = client.get("/api/facets").json()
    assert "IQ" in facets["countries"] and "Rudaw" in facets["outlets"]


def test_documents_list_and_detail_with_every_highlight(client: TestClient) -> None:
    listing = client.get("/api/documents", params={"limit": 100}).json()
    assert listing["total"] == 24 and len(listing["items"]) == 24
    document = client.get("/api/documents/fr-03").json()
    text = document["text"]
    assert document["outlet"] and document["language"] == "fr" and document["mentions"]
    mention_ids = {m["id"] for m in document["mentions"]}
    kinds = {s["kind"] for s in document["spans"]}
    assert {"evidence", "field"} <= kinds
    for span in document["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
        assert span["mention_id"] in mention_ids
        if span["kind"] == "field":
            assert span["field"]
    mention = document["mentions"][0]
    evidence = [
        s for s in document["spans"] if s["kind"] == "evidence" and s["mention_id"] == mention["id"]
    ]
    assert "".join(s["text"] for s in evidence) == mention["evidence"]


def test_quotes_rhetoric_and_sources_are_highlights_too(client: TestClient, store: Store) -> None:
    from ondit.ingest.common import build_document
    from ondit.model import Analysis, Mention, Quote, RhetoricSpan, Span

    text = 'Rockets hit the base, said the ministry. "A cowardly attack," said the spokesman.'
    document = build_document("hl-1", text, origin="test", published="2021-01-02", outlet="X")
    evidence = "Rockets hit the base, said the ministry."
    mention = Mention(
        doc_id="hl-1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        evidence=evidence,
        sources=["ministry"],
    )

    def span(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words), words)

    mention.add_span("evidence", span(evidence))
    mention.add_span("sources", span("ministry"))
    said = span('"A cowardly attack,"')
    quote = Quote(said.start, said.end, said.text, speaker="spokesman")
    cowardly = span("cowardly")
    loaded = RhetoricSpan("hl-1", "Loaded language", cowardly.start, cowardly.end, "cowardly")
    assert store.save(
        Analysis(document=document, mentions=[mention], rhetoric=[loaded], quotes=[quote])
    )
    spans = client.get("/api/documents/hl-1").json()["spans"]
    by_kind = {s["kind"]: s for s in spans}
    assert by_kind["source"]["text"] == "ministry" and by_kind["source"]["field"] == "sources"
    assert by_kind["quote"]["speaker"] == "spokesman" and by_kind["quote"]["mention_id"] is None
    assert by_kind["rhetoric"]["technique"] == "Loaded language"
    assert by_kind["rhetoric"]["text"] == "cowardly"


def test_post_document_analyses_links_and_stores_it(client: TestClient, store: Store) -> None:
    article = {
        "id": "api-1",
        "text": (
            "Three rockets struck Erbil International Airport on Monday night, "
            "a security source said. Nobody was hurt."
        ),
        "published": "2021-02-16",
        "url": "https://example.org/api-1",
        "outlet": "Test Wire",
        "title": "Rockets hit Erbil airport",
    }
    before = store.counts()["documents"]
    response = client.post("/api/documents", json=article)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] is True and body["document"]["id"] == "api-1"
    assert body["mentions"] and all(m["doc_id"] == "api-1" for m in body["mentions"])
    assert all(m["event_id"] for m in body["mentions"])
    assert store.counts()["documents"] == before + 1
    again = client.post("/api/documents", json=article)
    assert again.status_code == 200 and again.json()["created"] is False
    assert store.counts()["documents"] == before + 1
    stored = client.get("/api/documents/api-1").json()
    assert stored["outlet"] == "Test Wire" and stored["text"] == article["text"]


def test_export_endpoint_serves_every_format(client: TestClient) -> None:
    jsonl = client.get("/api/export", params={"format": "jsonl"})
    assert jsonl.status_code == 200 and jsonl.headers["content-type"] == "application/x-ndjson"
    assert all("doc_id" in json.loads(line) for line in jsonl.text.splitlines())
    events = client.get("/api/export", params={"format": "events"})
    assert all("event_id" in json.loads(line) for line in events.text.splitlines())
    table = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv").text)))
    assert table and "event_id_cnty" in table[0]
    geojson = client.get("/api/export", params={"format": "geojson"}).json()
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    assert "attachment" in client.get("/api/export?format=csv").headers["content-disposition"]
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_api_docs_are_served_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") or s.startswith("data:") for s in sources)
    schema = client.get("/openapi.json").json()
    assert (
        "/api/events" in schema["paths"]
        and "patch" in schema["paths"]["/api/mentions/{mention_id}"]
    )


def test_every_api_route_is_documented_in_the_readme(client: TestClient) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method in operations:
            assert f"`{method.upper()} {path}`" in readme, f"{method.upper()} {path}"


def test_pages_render(client: TestClient, store: Store) -> None:
    event = _all_events(client)[0]
    for path in ("/", "/documents", "/documents/fr-01", f"/events/{event['id']}", "/docs"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
    db_path = store.engine.url.database
    assert db_path is not None
    with sqlite3.connect(db_path) as con:
        doc_id = con.execute("select doc_id from documents order by id limit 1").fetchone()[0]
    assert client.get(f"/documents/{doc_id}").status_code == 200
