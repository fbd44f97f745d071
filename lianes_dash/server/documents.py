"""What the app's plain HTML documents share: the embedded chart and the kiosk's slides.

Both answer one address of the app themselves, without a Streamlit session (``embed_document.py``:
``/integrer?…&embed=true``; ``kiosk_document.py``: ``/presentation?mode=presentation``). Both read
the published data (bundled links and accepted contributions) under the URL's filters, in the URL's
language, build their document once per (data, parameters, day) in a bounded cache, and send it
with ``Cache-Control`` and an ``ETag`` a front proxy or the browser can keep (``304`` when the
browser already holds it). The app's security headers wrap them (``headers.py``, outermost).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any
from urllib.parse import parse_qsl, quote

import anyio

from lianes_dash.analysis import filters as FL
from lianes_dash.server.asgi import ASGIApp, Receive, Scope, Send, etag_of
from lianes_dash.text import i18n

#: How long a proxy or a browser may keep a document (seconds): the data change at most daily.
MAX_AGE = 3600


def params_of(query_string: bytes) -> dict[str, str]:
    """The URL's parameters (the last value of a repeated key), blank values kept."""
    return dict(parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True))


def wants(scope: Scope, page: str, key: str, value: str) -> bool:
    """True for a GET (or HEAD) of the page ``page`` (under any base path) whose ``key`` is ``value``."""
    if scope.get("type") != "http" or scope.get("method") not in ("GET", "HEAD"):
        return False
    if not str(scope.get("path", "")).rstrip("/").endswith("/" + page):
        return False
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
    return query.get(key, "").lower() == value


def public_data():  # noqa: ANN201 — (the published Dataset, the reference)
    """The data every visitor sees (bundled links and accepted contributions), shared with the sessions' cache."""
    from lianes_dash.ui import state

    return state.published_dataset(), state.reference()


def lang_of(params: Mapping[str, str]) -> str:
    """« en » under ``lang=en``, else French (as the pages)."""
    return "en" if params.get(i18n.URL_KEY) == "en" else "fr"


def filters_of(params: Mapping[str, str], ds: Any) -> FL.Filters:
    """The filters the URL asks of ``ds``, only the values it holds (as the sidebar reads a link)."""
    from lianes_dash.ui.sidebar import url_choices

    allowed, bounds = url_choices(ds)
    clean, _ignored = FL.check_query(dict(params), allowed, bounds)
    return FL.from_query(clean, allowed)


class DocumentCache:
    """Documents built once per key (the key ends with the day), the last ``keep`` used kept in memory."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, tuple[bytes, bytes]] = OrderedDict()

    def get(self, key: tuple[Hashable, ...], build: Callable[[], bytes]) -> tuple[bytes, bytes]:
        """(the document, its ETag) for ``key`` and today, built by ``build()`` on a miss."""
        key = (*key, dt.date.today())
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        body = build()
        found = (body, etag_of(body))
        with self._lock:
            self._items[key] = found
            while len(self._items) > self.keep:
                self._items.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


async def send_document(scope: Scope, send: Send, body: bytes, etag: bytes) -> None:
    """Answer with the HTML ``body``, cacheable for :data:`MAX_AGE`; ``304`` if the browser holds ``etag``."""
    request = dict(scope.get("headers") or [])
    fresh = etag in [e.strip() for e in request.get(b"if-none-match", b"").split(b",")]
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"cache-control", f"public, max-age={MAX_AGE}".encode()),
        (b"etag", etag),
    ]
    if fresh:
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body})


async def send_redirect(send: Send, location: str) -> None:
    """A permanent redirect (the same method) to ``location``."""
    headers = [(b"location", location.encode("latin-1")), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 308, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


class DocumentMiddleware:
    """Answer the addresses ``wants(scope)`` accepts with ``document(query_string)``; the rest goes to Streamlit.

    The document is built in a worker thread: a miss (a few hundred milliseconds) never holds the
    server's event loop, so the other visitors' websockets keep moving.
    """

    def __init__(
        self, app: ASGIApp, wants: Callable[[Scope], bool], document: Callable[[bytes], tuple[bytes, bytes]]
    ) -> None:
        self.app = app
        self.wants = wants
        self.document = document

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.wants(scope):
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if path.endswith("/"):
            # NOTE: the document's addresses are relative to its page (they follow a base path): under
            # « /presentation/ » they missed the app's files (Streamlit answers them with its own page).
            query = scope.get("query_string", b"").decode("latin-1")
            await send_redirect(send, quote(path.rstrip("/")) + (f"?{query}" if query else ""))
            return
        body, etag = await anyio.to_thread.run_sync(self.document, scope.get("query_string", b""))
        await send_document(scope, send, body, etag)
