"""The page's HTML as ``app.py`` serves it: Streamlit's ``index.html`` with the page's shell.

:class:`PageHtmlMiddleware` (mounted by ``app.py``) rewrites every HTML page the app serves
with :func:`lianes_dash.server.shell.with_shell` (the page's heading on screen at once, the
language, the tab's title).

Streamlit compresses its responses (gzip) *inside* the middleware ``app.py`` adds, so a
browser, which always asks for gzip, gets the page compressed: the page is decompressed,
rewritten and compressed again. A page in another encoding is served as it is.

NOTE: asking for plotly.js's chunk with the page (``<link rel="modulepreload">``) was tried and
measured, then left out: the browser compiled the 4.7 MB chunk while Streamlit's own code
started, which delayed every page's heading by 0.75–1.2 s for at most 0.3 s gained on a map
(A/B in Chromium on a calm two-core machine, medians of 6 to 8 visits per page, 2026-12-01).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

from lianes_dash.server import shell
from lianes_dash.server.asgi import ASGIApp, Message, Receive, Scope, Send


def rewrite_encoded(body: bytes, encoding: bytes, rewrite: Callable[[bytes], bytes]) -> bytes:
    """``rewrite`` applied to ``body`` in ``encoding`` (b"" for none, or gzip); another encoding unchanged."""
    if encoding == b"":
        return rewrite(body)
    if encoding == b"gzip":
        html = gzip.decompress(body)
        changed = rewrite(html)
        # Mtime=0, so that the same page always gives the same bytes (a few KB: level 6 is instant).
        return body if changed == html else gzip.compress(changed, compresslevel=6, mtime=0)
    return body


class PageHtmlMiddleware:
    """Put the shell (``server/shell.py``) into every HTML page the app serves."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def rewrite(self, html: bytes, scope: Scope) -> bytes:
        """The page with the shell for its address and language."""
        return shell.with_shell(html, scope.get("path", ""), scope.get("query_string", b""))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                types = [v for k, v in message.get("headers", []) if k.lower() == b"content-type"]
                if types and types[0].startswith(b"text/html") and message.get("status") == 200:  # source format
                    start = message  # held until the body is whole
                    return
                await send(message)
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            encodings = [v for k, v in start.get("headers", []) if k.lower() == b"content-encoding"]
            encoding = encodings[0].strip().lower() if encodings else b""
            body = rewrite_encoded(b"".join(chunks), encoding, lambda html: self.rewrite(html, scope))
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"etag")]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)
