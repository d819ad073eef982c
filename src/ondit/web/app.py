"""The web application: the REST API and the page, from one process over one database."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ondit import __version__
from ondit.errors import E_NO_ASSETS
from ondit.store import Store
from ondit.web import api, handlers, pages
from ondit.web.security import SecurityMiddleware

LOGGER = logging.getLogger(__name__)

DESCRIPTION = """
Conflict events from news articles, as claims. Every event lists its reports; every report
points to the words it came from. Writes (`POST`, `PATCH`) take JSON and, when the server
has a token, an `Authorization: Bearer <token>` header.
"""

#: Files the page cannot work without; they are copied by scripts/vendor_assets.sh.
VENDORED = (
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
    "vendor/topojson-client/topojson-client.min.js",
    "vendor/world-atlas/countries-50m.json",
    "vendor/swagger-ui/swagger-ui-bundle.js",
    "vendor/swagger-ui/swagger-ui.css",
)


def static_dir() -> Path:
    return Path(str(resources.files("ondit.web") / "static"))


def missing_assets() -> list[str]:
    """The vendored files not in place; the page works without internet only when none are."""
    root = static_dir()
    return [name for name in VENDORED if not (root / name).is_file()]


def create_app(
    store: Store, *, token: str | None = None, hosts: Iterable[str] | None = None
) -> FastAPI:
    """The app over one store. With a token, every write must carry it; with hosts, only
    requests addressed to those host names are answered (a guard against DNS rebinding)."""
    app = FastAPI(
        title="ondit",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.token = token or None
    missing = missing_assets()
    app.state.assets_ok = not missing
    if missing:
        where = static_dir() / "vendor"
        LOGGER.warning("%s (%s)", E_NO_ASSETS.format(path=where), ", ".join(missing))
    handlers.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.add_middleware(SecurityMiddleware, token=token, hosts=hosts)
    return app
