"""Response headers Streamlit does not set itself: who may frame the app, who may read its files.

Streamlit answers its static files (``/app/static/…``, the maps' topojson) with
``Access-Control-Allow-Origin: *`` whatever ``server.enableCORS`` says, and sends neither
``X-Frame-Options`` nor ``Content-Security-Policy: frame-ancestors``: another site could
frame the import page. This ASGI middleware (mounted by ``app.py``) fixes both:

- every response says ``Content-Security-Policy: frame-ancestors 'self' <allowed origins>``
  (and ``X-Frame-Options: SAMEORIGIN`` when no other origin is allowed, for old browsers);
- a wildcard ``Access-Control-Allow-Origin`` is removed, or replaced by the request's
  ``Origin`` when that origin is allowed.

``LIANES_EMBED_ORIGINS`` (space- or comma-separated ``https://host[:port]``) lists the sites
allowed to embed the dashboard (e.g. a network's website showing a page in an iframe).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from lianes_dash.server.asgi import ASGIApp, Message, Receive, Scope, Send

#: Environment variable listing the origins allowed to frame the app (none by default).
EMBED_ORIGINS_ENV = "LIANES_EMBED_ORIGINS"

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def embed_origins(raw: str | None = None) -> tuple[str, ...]:
    """The valid origins of ``LIANES_EMBED_ORIGINS`` (anything else is dropped: no ``*``, no path)."""
    raw = os.environ.get(EMBED_ORIGINS_ENV, "") if raw is None else raw
    found = (o.strip().rstrip("/") for o in re.split(r"[\s,]+", raw))
    return tuple(dict.fromkeys(o for o in found if _ORIGIN.match(o)))


def frame_ancestors(origins: Iterable[str]) -> str:
    """The CSP directive value: this site, plus the allowed origins."""
    return " ".join(["'self'", *origins])


def secure_headers(headers: list[tuple[bytes, bytes]], request_origin: str | None, origins: tuple[str, ...]):
    """The response headers with the framing policy added and no wildcard CORS (pure, tested)."""
    out: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        lower = name.lower()
        if lower == b"access-control-allow-origin" and value.strip() == b"*":
            if request_origin and request_origin in origins:
                out.append((name, request_origin.encode("latin-1")))
                out.append((b"vary", b"Origin"))
            continue
        if lower in (b"x-frame-options",) or (
            lower == b"content-security-policy" and b"frame-ancestors" in value.lower()
        ):
            continue  # NOTE: ours replace them (one policy, not two that disagree)
        out.append((name, value))
    out.append((b"content-security-policy", f"frame-ancestors {frame_ancestors(origins)}".encode("latin-1")))
    if not origins:
        out.append((b"x-frame-options", b"SAMEORIGIN"))
    return out


class SecurityHeadersMiddleware:
    """ASGI middleware applying :func:`secure_headers` to every HTTP response."""

    def __init__(self, app: ASGIApp, origins: Iterable[str] | None = None) -> None:
        self.app = app
        self.origins = tuple(origins) if origins is not None else embed_origins()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        origin = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"origin"), None)

        async def send_secured(message: Message) -> None:
            if message.get("type") == "http.response.start":
                message["headers"] = secure_headers(list(message.get("headers", [])), origin, self.origins)
            await send(message)

        await self.app(scope, receive, send_secured)
