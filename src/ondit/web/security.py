"""What keeps an ondit server safe to leave running: headers, write guard, body limit, binding.

Article text is untrusted, so every response carries a Content-Security-Policy that lets only
the server's own static scripts run. Writes (POST, PATCH, …) must be JSON, which a foreign web
page cannot send without a CORS preflight this server never grants, and carry the token when
one is set. Bodies are capped before they are read, so a huge upload is refused, not parsed.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import secrets
from collections.abc import Iterable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ondit.errors import E_UNSAFE_BIND, ServeError

LOGGER = logging.getLogger(__name__)

#: Largest request body accepted. An article is at most 200,000 characters (ingest's limit); as
#: JSON with every character escaped that is 1.2 MB, so 4 MiB leaves room and refuses dumps.
MAX_BODY_BYTES = 4 * 1024 * 1024

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token: anyone on the network could write."""
    if not is_loopback(host) and not token:
        raise ServeError(E_UNSAFE_BIND.format(host=host))


async def _send_json(send: Send, status: int, error: str, detail: str) -> None:
    body = json.dumps({"error": error, "detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    """Security headers on every response; the write guard and body cap on every request."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        hosts: Iterable[str] | None = None,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.token = token or None
        self.hosts = None if hosts is None else {h.lower() for h in hosts}
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope["method"], headers)
        if refusal is not None:
            await _send_json(send, *refusal)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        received = 0

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # FastAPI passes an HTTPException raised while reading the body on to the
                    # exception handlers, which answer 413 like the Content-Length check.
                    raise HTTPException(413, self._too_large()[2])
            return message

        await self.app(scope, capped_receive, send_with_headers)

    def _too_large(self) -> tuple[int, str, str]:
        return 413, "body_too_large", f"request body is over {self.max_body} bytes"

    def _refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str, str] | None:
        if self.hosts is not None and _host_name(headers.get("host", "")) not in self.hosts:
            return 400, "host_not_allowed", "this server answers only to its own host name"
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return self._too_large()
        if method in SAFE_METHODS:
            return None
        if self.token is not None and not _token_matches(headers, self.token):
            return 401, "token_required", "this server needs its token: 'Authorization: Bearer …'"
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            return 415, "unsupported_media_type", "send the request body as application/json"
        return None


def _host_name(header: str) -> str:
    """The host of a Host header without its port: `[::1]:8000` → `[::1]`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _token_matches(headers: dict[str, str], token: str) -> bool:
    given = headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer":
        value = headers.get("x-ondit-token", "")
    return bool(value) and secrets.compare_digest(value.strip().encode(), token.encode())


def allowed_hosts(host: str) -> list[str] | None:
    """Host names to answer when bound to loopback, against DNS-rebinding pages; None: any."""
    if not is_loopback(host):
        return None
    return [*LOOPBACK_NAMES, host.lower()]
