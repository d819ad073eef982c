"""Review through the API: every change kept with its old value, exports read the reviewed values."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ondit.errors import ReviewError
from ondit.store import Store
from ondit.store.models import ReviewRow
from ondit.store.review import ReviewAction, review_mention


def _mentions(client: TestClient) -> dict[int, dict[str, Any]]:
    """Exported mention records by mention id (the export has no id: match on evidence)."""
    exported = [
        json.loads(line) for line in client.get("/api/export?format=jsonl").text.split("\n") if line
    ]
    found: dict[int, dict[str, Any]] = {}
    for record in exported:
        document = client.get(f"/api/documents/{record['doc_id']}").json()
        for mention in document["mentions"]:
            if mention["evidence"] == record["evidence"]:
                found[mention["id"]] = record
    return found


def _reviews(store: Store, mention_id: int) -> list[tuple[Any, ...]]:
    with store.sessions() as session:
        rows = session.scalars(
            select(ReviewRow).where(ReviewRow.mention_id == mention_id).order_by(ReviewRow.id)
        )
        return [(r.reviewer, r.action, r.field, r.old_value, r.new_value, r.at) for r in rows]


def _single_outlet_mention(client: TestClient) -> dict[str, Any]:
    event = next(
        e for e in client.get("/api/events?limit=500").json()["items"] if e["n_documents"] == 1
    )
    mention: dict[str, Any] = client.get(f"/api/events/{event['id']}").json()["mentions"][0]
    return mention


def test_a_correction_is_kept_with_its_old_value_and_exported(
    client: TestClient, store: Store
) -> None:
    mention = _single_outlet_mention(client)
    old = mention["fatalities"]
    response = client.patch(
        f"/api/mentions/{mention['id']}",
        json={"reviewer": "Analyst A", "action": "correct", "changes": {"fatalities": 7}},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["fatalities"] == 7 and body["review_status"] == "corrected"
    assert [(r["field"], r["old_value"], r["new_value"]) for r in body["reviews"]] == [
        ("fatalities", old, 7),
        ("review_status", "pending", "corrected"),
    ]
    rows = _reviews(store, mention["id"])
    assert rows[0][:5] == ("Analyst A", "correct", "fatalities", old, 7) and rows[0][5]
    assert _mentions(client)[mention["id"]]["fatalities"] == 7
    event = client.get(f"/api/events/{mention['event_id']}").json()
    assert event["consensus"]["fatalities"] == 7
    table = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv").text)))
    row = next(r for r in table if r["event_id_cnty"] == mention["event_id"])
    assert row["fatalities"] == "7"


def test_a_rejected_mention_leaves_every_export(client: TestClient, store: Store) -> None:
    mention = _single_outlet_mention(client)
    response = client.patch(
        f"/api/mentions/{mention['id']}", json={"reviewer": "B", "action": "reject"}
    )
    assert response.status_code == 200 and response.json()["review_status"] == "rejected"
    assert mention["id"] not in _mentions(client)
    events = [
        json.loads(line)
        for line in client.get("/api/export?format=events").text.split("\n")
        if line
    ]
    assert mention["event_id"] not in {e["event_id"] for e in events}
    listed = client.get("/api/events?limit=500").json()["items"]
    assert mention["event_id"] not in {e["id"] for e in listed}
    assert _reviews(store, mention["id"])[0][1:5] == (
        "reject",
        "review_status",
        "pending",
        "rejected",
    )
    undone = client.patch(
        f"/api/mentions/{mention['id']}", json={"reviewer": "B", "action": "confirm"}
    )
    assert undone.json()["review_status"] == "confirmed"
    assert mention["id"] in _mentions(client)


def test_a_rejected_report_no_longer_votes_in_its_event(client: TestClient) -> None:
    events = client.get("/api/events?limit=500").json()["items"]
    linked = next(e for e in events if e["n_outlets"] >= 2)
    detail = client.get(f"/api/events/{linked['id']}").json()
    dropped = detail["mentions"][0]
    client.patch(f"/api/mentions/{dropped['id']}", json={"reviewer": "C", "action": "reject"})
    after = client.get(f"/api/events/{linked['id']}").json()
    assert after["n_documents"] == detail["n_documents"] - 1
    assert all(f["doc_id"] != dropped["doc_id"] for rows in after["figures"].values() for f in rows)


def test_changing_the_sub_type_brings_its_event_type(client: TestClient) -> None:
    mention = _single_outlet_mention(client)
    response = client.patch(
        f"/api/mentions/{mention['id']}",
        json={"reviewer": "D", "action": "correct", "changes": {"sub_event_type": "Armed clash"}},
    )
    assert response.status_code == 200, response.text
    assert response.json()["event_type"] == "Battles"


@pytest.mark.parametrize(
    ("review", "fragment"),
    [
        ({"reviewer": "E", "action": "correct", "changes": {"fatalities": -1}}, "fatalities"),
        ({"reviewer": "E", "action": "correct", "changes": {"fatalities": True}}, "fatalities"),
        ({"reviewer": "E", "action": "correct", "changes": {"date": "last Tuesday"}}, "date"),
        ({"reviewer": "E", "action": "correct", "changes": {"weapon": "slingshot"}}, "weapon"),
        ({"reviewer": "E", "action": "correct", "changes": {"country": "Iraq"}}, "country"),
        ({"reviewer": "E", "action": "correct", "changes": {"latitude": 123}}, "latitude"),
        ({"reviewer": "E", "action": "correct", "changes": {"evidence": "x"}}, "evidence"),
        ({"reviewer": "E", "action": "correct", "changes": {"claim_status": None}}, "claim"),
        ({"reviewer": "E", "action": "correct", "changes": {}}, "at least one field"),
        ({"reviewer": "E", "action": "reject", "changes": {"fatalities": 1}}, "no 'changes'"),
        (
            {"reviewer": "E", "action": "correct", "changes": {"event_type": "Battles"}},
            "belongs to",
        ),
    ],
)
def test_a_review_that_cannot_apply_is_a_422_and_changes_nothing(
    client: TestClient, store: Store, review: dict[str, Any], fragment: str
) -> None:
    mention = _single_outlet_mention(client)
    response = client.patch(f"/api/mentions/{mention['id']}", json=review)
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "invalid_review"
    assert fragment in response.json()["detail"]
    assert _reviews(store, mention["id"]) == []
    assert client.get(f"/api/mentions/{mention['id']}").json() == mention


@pytest.mark.parametrize(
    "body",
    [
        {"action": "confirm"},
        {"reviewer": "", "action": "confirm"},
        {"reviewer": "E", "action": "approve"},
        {"reviewer": "E", "action": "confirm", "extra": 1},
    ],
)
def test_a_malformed_review_is_a_422(client: TestClient, body: dict[str, Any]) -> None:
    mention = _single_outlet_mention(client)
    response = client.patch(f"/api/mentions/{mention['id']}", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"


def test_reviewing_an_unknown_mention_is_a_404(client: TestClient) -> None:
    response = client.patch("/api/mentions/999999", json={"reviewer": "E", "action": "confirm"})
    assert response.status_code == 404 and response.json()["error"] == "not_found"
    assert client.patch("/api/mentions/abc", json={}).status_code == 422


def test_review_from_the_library_signs_every_change(store: Store) -> None:
    with pytest.raises(ReviewError):
        review_mention(store, 1, reviewer="   ", action=ReviewAction.CONFIRM)
    row = review_mention(store, 1, reviewer="  Analyst   F ", action=ReviewAction.CONFIRM)
    assert row.review_status == "confirmed" and row.reviews[-1].reviewer == "Analyst F"
