"""Run the app with uvicorn, refusing to expose an unprotected database to the network."""

from __future__ import annotations

import logging

from ondit.store import Store
from ondit.web.app import create_app
from ondit.web.security import allowed_hosts, check_binding

LOGGER = logging.getLogger(__name__)


def serve(store: Store, *, host: str = "127.0.0.1", port: int = 8000, token: str | None) -> None:
    """Serve until interrupted."""
    import uvicorn

    check_binding(host, token)
    app = create_app(store, token=token, hosts=allowed_hosts(host))
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
