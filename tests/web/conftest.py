"""Fixtures for the web tests: a real SQLite file filled by the pipeline from the bundled samples,
the app over a copy of it, and for browser tests a live server and Debian's chromium.

Browser tests fail, never skip, when chromium, Playwright or the vendored assets are missing:
a check that silently does not run is worse than none.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ondit.pipeline import run
from ondit.store import Store, open_store
from ondit.web import create_app
from ondit.web.app import missing_assets

from ..conftest import SAMPLES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path(os.environ.get("ONDIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample articles run through the whole pipeline into a SQLite file, once."""
    path = tmp_path_factory.mktemp("web") / "samples.db"
    store = open_store(f"sqlite:///{path}")
    summary = run([SAMPLES / "articles"], store)
    assert summary.documents == 24 and summary.mentions > 20, summary.as_dict()
    store.engine.dispose()
    return path


@pytest.fixture
def store(sample_db: Path, tmp_path: Path) -> Iterator[Store]:
    """A store over a private copy of the sample database, so each test may write to it."""
    copy = tmp_path / "ondit.db"
    shutil.copy(sample_db, copy)
    opened = open_store(f"sqlite:///{copy}")
    yield opened
    opened.engine.dispose()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """The app served by uvicorn in a thread, as `ondit serve` would serve it."""

    def __init__(self, app: FastAPI) -> None:
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                pytest.fail("the live server did not start", pytrace=False)
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live(store: Store) -> Iterator[LiveServer]:
    missing = missing_assets()
    if missing:
        pytest.fail(
            "the page's vendored assets are missing ("
            + ", ".join(missing)
            + "): run `bash scripts/vendor_assets.sh` (it needs npm once)",
            pytrace=False,
        )
    with LiveServer(create_app(store)) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"browser tests need Debian's chromium at {CHROMIUM}: "
            "`apt-get install -y chromium` (or set ONDIT_CHROMIUM to a chromium binary)",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        pytest.fail(
            "browser tests need the Python package `playwright` (its own browser download is "
            "not needed: the tests drive the system chromium)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class PageWatch:
    """A browser page that records script errors, dialogs and any request leaving the server."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.console: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        """Console errors include Content-Security-Policy violations and failed loads."""
        if message.type == "error":
            self.console.append(str(message.text))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(str(dialog.message))
        dialog.dismiss()

    def route(self, route: Any) -> None:
        """No internet: anything not addressed to the live server is recorded and refused."""
        url = str(route.request.url)
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def watched(browser: Browser, live: LiveServer) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    watch = PageWatch(page, live.url)
    context.route("**/*", watch.route)
    yield watch
    context.close()
