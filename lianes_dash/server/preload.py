"""Start loading the charting code with the page, not after the first chart arrives.

Streamlit loads plotly.js (its ``PlotlyChart`` chunk, 4.7 MB) only when the first chart's
message reaches the browser, about a second and a half after the page was asked for; the
browser then fetches, parses and compiles it while the visitor waits for the map. Nearly every
page of the dashboard draws a chart or a map, so :class:`PreloadMiddleware` (mounted by
``app.py``) adds ``<link rel="modulepreload">`` for that chunk to the page's HTML: the browser
fetches and compiles it while Streamlit's own code starts and the script runs.

NOTE: the chunk's name carries a hash that changes with each Streamlit version: it is looked
up once in the installed package; if none is found the HTML is served as it is.
"""

from __future__ import annotations

from pathlib import Path

from lianes_dash.server.asgi import ASGIApp, Message, Receive, Scope, Send

#: Chunks preloaded with every page (file name prefixes in Streamlit's ``static/js``).
PRELOADED = ("PlotlyChart.",)


def preload_tags(js_dir: Path, prefixes: tuple[str, ...] = PRELOADED) -> bytes:
    """The ``<link rel="modulepreload">`` tags of the chunks named by ``prefixes`` (relative URLs)."""
    names = sorted(p.name for p in js_dir.glob("*.js") if p.name.startswith(prefixes)) if js_dir.is_dir() else []
    return b"".join(f'<link rel="modulepreload" href="./static/js/{name}">'.encode() for name in names)


def with_preload(html: bytes, tags: bytes) -> bytes:
    """``html`` with ``tags`` at the end of its head (unchanged when it has none)."""
    if not tags or b"</head>" not in html:
        return html
    return html.replace(b"</head>", tags + b"</head>", 1)


class PreloadMiddleware:
    """Add the preload tags to every HTML page the app serves."""

    def __init__(self, app: ASGIApp, js_dir: Path | None = None) -> None:
        from lianes_dash.server.frontend_words import streamlit_js_dir

        self.app = app
        self.tags = preload_tags(js_dir or streamlit_js_dir())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or not self.tags or scope.get("method") != "GET":
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
            body = with_preload(b"".join(chunks), self.tags)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"etag")]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)
