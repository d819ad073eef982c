"""Bad input and hostile callers: clear 4xx JSON errors, tokens on writes, strict headers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ondit.cli import app as cli
from ondit.errors import ServeError
from ondit.store import Store
from ondit.web import create_app
from ondit.web.security import MAX_BODY_BYTES, allowed_hosts, check_binding, is_loopback

ARTICLE = {
    "id": "sec-1",
    "text": "Two rockets hit the Green Zone in Baghdad on 3 March 2021, police said.",
    "published": "2021-03-04",
}


def _error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] == code


def test_malformed_json_is_a_400(client: TestClient) -> None:
    response = client.post(
        "/api/documents",
        content=b'{"id": "x", "text": ',
        headers={"content-type": "application/json"},
    )
    _error(response, 400, "malformed_json")


@pytest.mark.parametrize(
    "body",
    [
        {"text": "Rockets hit the base."},
        {"id": "x"},
        {"id": "", "text": "Rockets hit the base."},
        {"id": "x", "text": 12},
        {"id": "x", "text": "Rockets.", "language": "de"},
        {"id": "x", "text": "Rockets.", "colour": "red"},
        [1, 2, 3],
    ],
)
def test_missing_or_wrong_fields_are_a_422(client: TestClient, body: Any) -> None:
    response = client.post("/api/documents", json=body)
    _error(response, 422, "invalid_request")
    assert isinstance(response.json()["detail"], list)


def test_an_empty_text_is_a_422(client: TestClient) -> None:
    _error(client.post("/api/documents", json={"id": "x", "text": "   "}), 422, "invalid_request")


def test_a_ten_megabyte_body_is_a_413_without_reading_it(client: TestClient) -> None:
    big = json.dumps({"id": "big", "text": "x" * (10 * 1024 * 1024)})
    response = client.post(
        "/api/documents", content=big, headers={"content-type": "application/json"}
    )
    _error(response, 413, "body_too_large")


def test_a_large_body_without_a_length_is_a_413_too(client: TestClient) -> None:
    def chunks() -> Any:
        yield b'{"id": "big", "text": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    response = client.post(
        "/api/documents", content=chunks(), headers={"content-type": "application/json"}
    )
    _error(response, 413, "body_too_large")


def test_a_body_that_is_not_json_is_a_415(client: TestClient) -> None:
    response = client.post(
        "/api/documents", content=b"id=x&text=y", headers={"content-type": "text/plain"}
    )
    _error(response, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    "path",
    [
        "/api/events/ev-0000000000000000",
        "/api/documents/no-such-document",
        "/api/documents/a/b/c",
        "/api/mentions/424242",
        "/api/nothing-here",
    ],
)
def test_an_unknown_id_is_a_404(client: TestClient, path: str) -> None:
    _error(client.get(path), 404, "not_found")


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2021-13-01",
        "date_from=2022-01-01&date_to=2021-01-01",
        "contested=maybe",
        "limit=0",
        "limit=100000",
        "offset=-1",
        "sort=random",
    ],
)
def test_bad_query_parameters_are_a_422(client: TestClient, query: str) -> None:
    _error(client.get(f"/api/events?{query}"), 422, "invalid_request")


def test_empty_filter_fields_mean_any(client: TestClient) -> None:
    everything = client.get("/api/events").json()["total"]
    blank = client.get("/api/events?date_from=&country=&contested=&q=").json()["total"]
    assert blank == everything


def test_pages_answer_an_unknown_id_with_a_page(client: TestClient) -> None:
    response = client.get("/documents/nope", headers={"accept": "text/html"})
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no document" in response.text


def test_every_response_carries_a_strict_policy(client: TestClient) -> None:
    for path in ("/", "/api/events", "/docs", "/static/ondit.css", "/api/events/nope"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_with_a_token_every_write_needs_it(store: Store) -> None:
    with TestClient(create_app(store, token="s3cret")) as client:
        _error(client.post("/api/documents", json=ARTICLE), 401, "token_required")
        wrong = {"authorization": "Bearer guess"}
        _error(client.post("/api/documents", json=ARTICLE, headers=wrong), 401, "token_required")
        review = {"reviewer": "Z", "action": "confirm"}
        _error(client.patch("/api/mentions/1", json=review), 401, "token_required")
        good = {"authorization": "Bearer s3cret"}
        assert client.patch("/api/mentions/1", json=review, headers=good).status_code == 200
        other = {"x-ondit-token": "s3cret"}
        assert client.patch("/api/mentions/1", json=review, headers=other).status_code == 200
        assert client.get("/api/events").status_code == 200
        assert client.get("/").status_code == 200


def test_a_loopback_server_answers_only_to_local_host_names(store: Store) -> None:
    app = create_app(store, hosts=allowed_hosts("127.0.0.1"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/events").status_code == 200
        assert client.get("/api/events", headers={"host": "localhost:8000"}).status_code == 200
        rebound = client.get("/api/events", headers={"host": "attacker.example:8000"})
        _error(rebound, 400, "host_not_allowed")


def test_serving_beyond_loopback_needs_a_token() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    check_binding("127.0.0.1", None)
    check_binding("0.0.0.0", "s3cret")
    with pytest.raises(ServeError):
        check_binding("0.0.0.0", None)
    assert allowed_hosts("0.0.0.0") is None


def test_the_serve_command_refuses_an_open_interface_without_a_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ONDIT_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", "sqlite://"])
    assert result.exit_code == 2
    assert "[E401]" in result.output and "--token" in result.output
