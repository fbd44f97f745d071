"""plotly.js as a file of its own, for the presentation's slides: sent once, then cached by the browser.

The kiosk shows the slides as one HTML document in an iframe. With plotly.js written into it,
that document weighed 5 MB and went through the websocket on every visit, to be parsed again.
:class:`AssetsMiddleware` (mounted by ``app.py``) serves the installed plotly's ``plotly.min.js``
at :data:`PLOTLY_PATH` with a long, immutable cache (the path names plotly's version), and the
presentation page then links to it instead (:func:`plotly_url`). The standalone deck
(``python -m lianes_dash deck``) keeps plotly.js inside: it must open from a USB key.

NOTE: :func:`mounted` tells the pages whether the route exists: under ``streamlit run
dashboard.py`` (no ``app.py``) the slides keep plotly.js inside, as before.
"""

from __future__ import annotations

import threading
from pathlib import Path

import plotly

from lianes_dash.server.asgi import ASGIApp, Receive, Scope, Send, etag_of, send_immutable

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
#: Where the app serves it (under the app's base path); the version in the name busts caches.
PLOTLY_PATH = f"/_lianes/plotly-{plotly.__version__}.min.js"

_MOUNTED = threading.Event()


def mounted() -> bool:
    """True once ``app.py`` serves the assets (the pages may then link to them)."""
    return _MOUNTED.is_set()


def plotly_url() -> str:
    """The URL of plotly.js relative to a page of the app (``/presentation`` → ``_lianes/…``)."""
    return PLOTLY_PATH.lstrip("/")


class AssetsMiddleware:
    """Serve :data:`PLOTLY_JS` at :data:`PLOTLY_PATH` (also under a ``--server.baseUrlPath``)."""

    def __init__(self, app: ASGIApp, plotly_js: Path = PLOTLY_JS) -> None:
        self.app = app
        self.body = plotly_js.read_bytes()
        self.etag = etag_of(self.body)
        _MOUNTED.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        if not path.endswith(PLOTLY_PATH) or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        await send_immutable(scope, send, self.body, self.etag, b"application/javascript; charset=utf-8")
