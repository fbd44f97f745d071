"""What the server's middlewares share: the ASGI types, and serving a file that never changes.

``app.py`` mounts them around Streamlit's own ASGI app (headers, the browser's words in French,
plotly.js for the slides, the page's shell).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def etag_of(body: bytes) -> bytes:
    """A strong ETag for ``body`` (its content's hash)."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'.encode()


async def send_immutable(scope: Scope, send: Send, body: bytes, etag: bytes, content_type: bytes) -> None:
    """Answer a GET or HEAD with ``body``, cached for a year (its URL or ETag changes with it).

    A request that already holds this ETag gets a 304 with no body.
    """
    asked = next((v for k, v in scope.get("headers", []) if k.lower() == b"if-none-match"), None)
    fresh = asked is not None and etag in asked
    headers = [
        (b"content-type", content_type),
        (b"cache-control", b"public, immutable, max-age=31536000"),
        (b"etag", etag),
    ]
    if not fresh:
        headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": 304 if fresh else 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if fresh or scope.get("method") == "HEAD" else body})
