"""plotly.js as a file of its own, for the presentation's slides: sent once, then cached by the browser.

The kiosk shows the slides as one HTML document in an iframe. With plotly.js written into it,
that document weighed 5 MB and went through the websocket on every visit, to be parsed again.
:class:`AssetsMiddleware` (mounted by ``app.py``) serves the installed plotly's ``plotly.min.js``
at :data:`PLOTLY_PATH` with a long, immutable cache (the path names plotly's version), and the
presentation page then links to it instead (:func:`plotly_url`). The standalone deck
(``python -m lianes_dash deck``) keeps plotly.js inside: it must open from a USB key.

The France map's outlines (the départements' or régions' GeoJSON, ~200 KB) are served the same
way (:func:`json_url`): a figure carrying them inside was copied twice by plotly on every rerun
(building the figure, then ``to_dict`` in ``st.plotly_chart``) and resent to the browser each
time; with their URL instead, the browser fetches them once and plotly.js keeps them.

:func:`mounted` tells the pages whether the route exists: under ``streamlit run
dashboard.py`` (no ``app.py``) the slides keep plotly.js inside and the maps their outlines.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from pathlib import Path

import plotly

from lianes_dash.server.asgi import ASGIApp, Receive, Scope, Send, etag_of, send_immutable
from lianes_dash.ui import plotly_frame

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
#: Where the app serves it (under the app's base path); the version in the name busts caches.
PLOTLY_PATH = f"/_lianes/plotly-{plotly.__version__}.min.js"

#: Where the app serves a registered JSON document: ``/_lianes/json/<name>-<hash>.json``.
JSON_PREFIX = "/_lianes/json/"
#: How many JSON documents are kept (a few outline files, each under a handful of variants).
JSON_KEEP = 16

_MOUNTED = threading.Event()
_LOCK = threading.Lock()
#: id of a registered object → (the object, its URL path); URL path → its bytes and ETag.
_BY_ID: OrderedDict[int, tuple[object, str]] = OrderedDict()
_BODIES: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()


def mark_mounted() -> None:
    """Say that the routes exist (done by :class:`AssetsMiddleware`, which ``app.py`` mounts)."""
    _MOUNTED.set()


def mounted() -> bool:
    """True once ``app.py`` serves the assets (the pages may then link to them)."""
    return _MOUNTED.is_set()


def plotly_url() -> str:
    """The URL of plotly.js relative to a page of the app (``/presentation`` → ``_lianes/…``)."""
    return PLOTLY_PATH.lstrip("/")


def json_url(obj: dict, name: str) -> str | None:
    """The URL (relative to a page) where the browser fetches ``obj`` as JSON; None when the
    route is not mounted (the figure then carries ``obj`` itself).

    NOTE: ``obj`` must not change once registered (the shared, cached outlines): it is found
    again by identity, so a rerun costs a dict lookup, not a serialisation. The URL names the
    content's hash: a rebuilt outline file gets a new URL and the browser's copy never goes stale.
    """
    if not mounted():
        return None
    with _LOCK:
        known = _BY_ID.get(id(obj))
        if known is not None and known[0] is obj:
            _BY_ID.move_to_end(id(obj))
            return known[1].lstrip("/")
    body = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()
    path = f"{JSON_PREFIX}{name}-{hashlib.sha256(body).hexdigest()[:16]}.json"
    with _LOCK:
        _BY_ID[id(obj)] = (obj, path)
        _BODIES[path] = (body, etag_of(body))
        for table in (_BY_ID, _BODIES):
            while len(table) > JSON_KEEP:
                table.popitem(last=False)
    return path.lstrip("/")


class AssetsMiddleware:
    """Serve :data:`PLOTLY_JS` at :data:`PLOTLY_PATH` and the pages' partial plotly.js
    (:mod:`lianes_dash.ui.plotly_frame`) at a path naming its hash (also under a ``--server.baseUrlPath``)."""

    def __init__(self, app: ASGIApp, plotly_js: Path = PLOTLY_JS, bundle: Path = plotly_frame.BUNDLE_FILE) -> None:
        self.app = app
        self.body = plotly_js.read_bytes()
        self.etag = etag_of(self.body)
        self.bundle = bundle.read_bytes()
        self.bundle_etag = etag_of(self.bundle)
        self.bundle_path = plotly_frame.bundle_path(self.bundle)
        plotly_frame.serve_bundle(self.bundle_path)
        mark_mounted()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        if scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
        elif path.endswith(PLOTLY_PATH):
            await send_immutable(scope, send, self.body, self.etag, b"application/javascript; charset=utf-8")
        elif path.endswith(self.bundle_path):
            await send_immutable(scope, send, self.bundle, self.bundle_etag, b"application/javascript; charset=utf-8")
        elif JSON_PREFIX in path and (found := _BODIES.get(path[path.index(JSON_PREFIX) :])) is not None:
            await send_immutable(scope, send, found[0], found[1], b"application/json")
        else:
            await self.app(scope, receive, send)
