"""The page in Debian's chromium, against a live server over the sample database, with no internet.

Every test routes the browser's requests: anything not addressed to the live server is refused
and recorded, so a page that quietly needs a CDN fails here.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import urlencode

import pytest

from .conftest import LiveServer, PageWatch

pytestmark = pytest.mark.slow


def _fetch(live: LiveServer, path: str, body: Any = None, **params: Any) -> tuple[int, str]:
    url = live.url + path + (f"?{urlencode(params)}" if params else "")
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, response.read().decode("utf-8")


def _api(live: LiveServer, path: str, **params: Any) -> Any:
    status, text = _fetch(live, path, **params)
    assert status == 200, text
    return json.loads(text)


def _open_desk(watched: PageWatch) -> None:
    page = watched.page
    page.goto(watched.base + "/")
    page.wait_for_selector("body[data-ready='true']", timeout=20_000)
    page.wait_for_selector("#map[data-countries-loaded='true']", timeout=20_000)


def _clean(watched: PageWatch) -> None:
    assert watched.errors == [], watched.errors
    assert watched.console == [], watched.console
    assert watched.dialogs == [], watched.dialogs
    assert watched.outside == [], f"the page reached beyond the server: {watched.outside}"


def test_the_map_shows_the_sample_events(watched: PageWatch, live: LiveServer) -> None:
    _open_desk(watched)
    page = watched.page
    located = _api(live, "/api/map")["features"]
    assert len(located) > 20
    assert page.locator("path.ondit-marker").count() == len(located)
    contested = sum(1 for f in located if f["properties"]["contested"])
    assert contested and page.locator("path.ondit-contested").count() == contested
    assert page.locator("path.ondit-country").count() > 100
    assert page.locator("#map-legend").inner_text().count("\n") >= 2
    page.locator("path.ondit-marker").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for(timeout=5_000)
    assert (popup.get_attribute("href") or "").startswith("/events/ev-")
    _clean(watched)


def test_brushing_the_timeline_filters_the_map_and_the_list(
    watched: PageWatch, live: LiveServer
) -> None:
    _open_desk(watched)
    page = watched.page
    status = page.locator("#list-status")
    total = int(status.get_attribute("data-total") or 0)
    markers_before = page.locator("path.ondit-marker").count()
    box = page.locator("#timeline").bounding_box()
    assert box is not None and total > 0
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.30, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.60, y, steps=5)
    page.mouse.up()
    page.wait_for_selector("#brush-range[data-from]")
    label = page.locator("#brush-range")
    start, end = label.get_attribute("data-from") or "", label.get_attribute("data-to") or ""
    page.wait_for_function(
        "t => document.getElementById('list-status').getAttribute('data-total') !== t",
        arg=str(total),
        timeout=10_000,
    )
    selected = int(status.get_attribute("data-total") or 0)
    expected = _api(live, "/api/events", date_from=start, date_to=end, limit=1)["total"]
    assert 0 < selected == expected < total
    dates = page.locator("#events tbody tr").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-date'))"
    )
    assert dates and all(start <= d <= end for d in dates)
    in_range = [
        f
        for f in _api(live, "/api/map")["features"]
        if f["properties"]["date"] and start <= f["properties"]["date"] <= end
    ]
    assert page.locator("path.ondit-marker").count() == len(in_range) < markers_before
    page.locator("#brush-clear").click()
    page.wait_for_function(
        "t => document.getElementById('list-status').getAttribute('data-total') === t",
        arg=str(total),
        timeout=10_000,
    )
    assert page.locator("path.ondit-marker").count() == markers_before
    _clean(watched)


def test_the_article_view_highlights_the_evidence_of_a_mention(
    watched: PageWatch, live: LiveServer
) -> None:
    document = _api(live, "/api/documents/fr-03")
    mention = document["mentions"][0]
    page = watched.page
    page.goto(f"{watched.base}/documents/fr-03")
    marked = page.locator(f"#article-text a.hl-evidence[data-evidence~='{mention['id']}']")
    assert marked.count() > 0
    assert "".join(marked.all_text_contents()) == mention["evidence"]
    assert page.locator("#article-text").inner_text() == document["text"]
    fields = page.locator("#article-text .hl-field")
    assert fields.count() > 0
    legend = page.locator(".legend").inner_text()
    for kind in ("evidence", "field value", "source", "quote", "rhetoric"):
        assert kind in legend
    marked.first.click()
    page.wait_for_url(f"**#mention-{mention['id']}")
    card = page.locator(f"#mention-{mention['id']}")
    assert card.is_visible()
    assert card.evaluate("e => e.matches(':target')")
    _clean(watched)


def test_a_review_in_the_page_changes_the_exported_value(
    watched: PageWatch, live: LiveServer
) -> None:
    document = _api(live, "/api/documents/fr-03")
    mention = document["mentions"][0]
    page = watched.page
    page.goto(f"{watched.base}/documents/fr-03#mention-{mention['id']}")
    card = page.locator(f"#mention-{mention['id']}")
    card.locator("details.review-box > summary").click()
    form = card.locator("form.review")
    form.locator("input[name='reviewer']").fill("Page Reviewer")
    form.locator("input[name='fatalities']").fill("4")
    form.locator("select[name='claim_status']").select_option("reported")
    with page.expect_navigation():
        form.locator("button[value='correct']").click()
    page.wait_for_selector(f"#mention-{mention['id']}.status-corrected")
    exported = _fetch(live, "/api/export", format="jsonl")[1]
    records = [json.loads(line) for line in exported.splitlines() if line]
    mine = next(r for r in records if r["evidence"] == mention["evidence"])
    assert mine["fatalities"] == 4 and mine["claim_status"] == "reported"
    reviewed = _api(live, f"/api/mentions/{mention['id']}")
    changes = {(r["field"], r["old_value"], r["new_value"]) for r in reviewed["reviews"]}
    assert ("fatalities", mention["fatalities"], 4) in changes
    assert ("claim_status", mention["claim_status"], "reported") in changes
    assert all(r["reviewer"] == "Page Reviewer" for r in reviewed["reviews"])
    history = card.locator("details.history")
    history.locator("summary").click()
    assert "Page Reviewer" in history.inner_text()
    _clean(watched)


HOSTILE = "<script>window.__pwned = 'script'; alert('script')</script>"
HOSTILE_IMG = "<img src=x onerror=\"window.__pwned = 'img'; alert('img')\">"


def test_an_article_with_script_and_onerror_runs_no_script(
    watched: PageWatch, live: LiveServer
) -> None:
    article = {
        "id": "hostile-1",
        "text": (
            "Three rockets struck Erbil International Airport on Monday night, "
            f"a security source said. {HOSTILE} Nobody was hurt. {HOSTILE_IMG}"
        ),
        "published": "2021-02-16",
        "outlet": f"Evil Wire {HOSTILE_IMG}",
        "title": f"Rockets {HOSTILE}",
        "url": "javascript:alert('url')",
    }
    status, text = _fetch(live, "/api/documents", body=article)
    assert status == 201, text
    mentions = json.loads(text)["mentions"]
    page = watched.page
    paths = ["/", "/documents", "/documents/hostile-1"]
    paths += [f"/events/{m['event_id']}" for m in mentions if m["event_id"]]
    for path in paths:
        page.goto(watched.base + path)
        page.wait_for_load_state("load")
        if path == "/":
            page.wait_for_selector("body[data-ready='true']", timeout=20_000)
        assert page.evaluate("() => window.__pwned === undefined"), path
        assert page.locator("img[onerror], a[href^='javascript']").count() == 0, path
        assert page.evaluate(
            "() => [...document.scripts].every(s => s.src && new URL(s.src).origin === location.origin)"
        ), path
    page.goto(watched.base + "/documents/hostile-1")
    text = page.locator("#article-text").inner_text()
    assert HOSTILE in text and HOSTILE_IMG in text
    assert HOSTILE in page.locator("h1").inner_text()
    if mentions:
        _open_desk(watched)
        listed = page.locator("#events").inner_text()
        assert "Evil Wire <img" in listed
    assert page.evaluate("() => window.__pwned === undefined")
    _clean(watched)


def test_the_api_documentation_works_offline(watched: PageWatch) -> None:
    page = watched.page
    page.goto(watched.base + "/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 10
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in [p.strip() for p in paths]
    _clean(watched)
