"""Start loading the charting code with the page, not after the first chart arrives.

Streamlit loads plotly.js (its ``PlotlyChart`` chunk, 4.7 MB) only when the first chart's
message reaches the browser, about a second and a half after the page was asked for; the
browser then fetches, parses and compiles it while the visitor waits for the map. Nearly every
page of the dashboard draws a chart or a map, so :class:`PreloadMiddleware` (mounted by
``app.py``) adds ``<link rel="modulepreload">`` for that chunk to the page's HTML: the browser
fetches and compiles it while Streamlit's own code starts and the script runs.

NOTE: the chunk's name carries a hash that changes with each Streamlit version: it is looked
up once in the installed package; if none is found the HTML is served as it is.

NOTE: Streamlit compresses its responses (gzip) *inside* the middleware ``app.py`` adds, so a
browser, which always asks for gzip, gets the page compressed: the tags are added to the
decompressed page, which is compressed again. A page in another encoding is served as it is.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

from lianes_dash.server import shell
from lianes_dash.server.asgi import ASGIApp, Message, Receive, Scope, Send

#: Chunks preloaded with every page (file name prefixes in Streamlit's ``static/js``).
PRELOADED = ("PlotlyChart.",)


def preload_tags(js_dir: Path, prefixes: tuple[str, ...] = PRELOADED) -> bytes:
    """The ``<link rel="modulepreload">`` tags of the chunks named by ``prefixes`` (relative URLs)."""
    names = sorted(p.name for p in js_dir.glob("*.js") if p.name.startswith(prefixes)) if js_dir.is_dir() else []
    return b"".join(f'<link rel="modulepreload" crossorigin href="./static/js/{name}">'.encode() for name in names)


def rewrite_encoded(body: bytes, encoding: bytes, rewrite: Callable[[bytes], bytes]) -> bytes:
    """``rewrite`` applied to ``body`` in ``encoding`` (b"" for none, or gzip); another encoding unchanged."""
    if encoding == b"":
        return rewrite(body)
    if encoding == b"gzip":
        html = gzip.decompress(body)
        changed = rewrite(html)
        # NOTE: mtime=0, so that the same page always gives the same bytes (a few KB: level 6 is instant).
        return body if changed == html else gzip.compress(changed, compresslevel=6, mtime=0)
    return body


def with_preload(html: bytes, tags: bytes) -> bytes:
    """``html`` with ``tags`` at the end of its head (unchanged when it has none)."""
    if not tags or b"</head>" not in html:
        return html
    return html.replace(b"</head>", tags + b"</head>", 1)


class PreloadMiddleware:
    """Add the preload tags, and the shell (``server/shell.py``), to every HTML page the app serves."""

    def __init__(self, app: ASGIApp, js_dir: Path | None = None, preload: bool = True, with_shell: bool = True) -> None:
        from lianes_dash.server.frontend_words import streamlit_js_dir

        self.app = app
        self.tags = preload_tags(js_dir or streamlit_js_dir()) if preload else b""
        self.with_shell = with_shell

    def rewrite(self, html: bytes, scope: Scope) -> bytes:
        """The page with the preload tags and, when on, the shell for its address and language."""
        html = with_preload(html, self.tags)
        if self.with_shell:
            html = shell.with_shell(html, scope.get("path", ""), scope.get("query_string", b""))
        return html

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
