"""The desk's queries and reviews give the same answers on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ondit.store import open_store
from ondit.web import create_app

from .synthetic import OUTLETS, PLACES, fill

N = 400


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    store = open_store(db_url)
    fill(store, N)
    with TestClient(create_app(store)) as test_client:
        yield test_client
    store.engine.dispose()


def _total(client: TestClient, query: str) -> int:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


def test_filters_count_alike_on_every_backend(client: TestClient) -> None:
    assert _total(client, "") == N
    assert _total(client, "country=sy") == N // len(PLACES)
    assert _total(client, "contested=true") == len(range(0, N, 11))
    assert _total(client, "claim_status=claimed") == len(range(0, N, 5))
    assert _total(client, "actor=Islamic%20State") == len(range(0, N, 7))
    assert _total(client, f"outlet={OUTLETS[0]}") == len(range(0, N, len(OUTLETS)))
    assert _total(client, "q=ERBIL") == N // len(PLACES)
    assert _total(client, "q=100%25") == 0
    assert _total(client, "date_from=2019-01-01&date_to=2019-01-31") == 31
    newest = client.get("/api/events?limit=5").json()["items"]
    oldest = client.get("/api/events?limit=5&sort=date").json()["items"]
    assert newest[0]["date"] >= newest[-1]["date"] and oldest[0]["date"] == "2019-01-01"
    assert sum(d["count"] for d in client.get("/api/timeline").json()) == N
    assert len(client.get("/api/map").json()["features"]) == N
    assert client.get("/api/facets").json()["countries"] == ["IQ", "SY"]
    assert client.get("/api/documents?q=doc-39").json()["total"] == 11


def test_a_review_applies_alike_on_every_backend(client: TestClient) -> None:
    review = {"reviewer": "R", "action": "correct", "changes": {"fatalities": 2, "sources": ["X"]}}
    response = client.patch("/api/mentions/1", json=review)
    assert response.status_code == 200, response.text
    assert response.json()["fatalities"] == 2 and response.json()["sources"] == ["X"]
    event = client.get(f"/api/events/{response.json()['event_id']}").json()
    assert event["consensus"]["fatalities"] == 2
    client.patch("/api/mentions/2", json={"reviewer": "R", "action": "reject"})
    assert _total(client, "") == N - 1
