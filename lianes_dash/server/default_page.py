"""The default page's own address sent to the app's root, where Streamlit serves that page.

Streamlit serves the page marked ``default`` at the app's root only: at its own address
(« /vue-d-ensemble », which a visitor may type, or find in an old link) the browser drew the page
under Streamlit's English « Page not found » dialog. :class:`DefaultPageMiddleware` (mounted by
``app.py``) answers that address with a permanent redirect to the root, its query kept (filters,
``lang=en``). The redirect is relative, so it holds under a base path too.
"""

from __future__ import annotations

from lianes_dash.server.asgi import ASGIApp, Receive, Scope, Send
from lianes_dash.server.documents import send_redirect
from lianes_dash.ui import navigation


def default_url_path() -> str:
    """The address of the page the app opens on (« vue-d-ensemble »)."""
    return next(p.url_path for p in navigation.pages() if p.default)


def redirect_target(path: str, query: str, url_path: str) -> str | None:
    """Where a request for ``path`` goes (relative), or None when it is not the default page's address."""
    if path.rstrip("/").rsplit("/", 1)[-1] != url_path:
        return None
    target = "../" if path.endswith("/") else "./"
    return target + (f"?{query}" if query else "")


class DefaultPageMiddleware:
    """Redirect the default page's own address to the root (see the module's docstring)."""

    def __init__(self, app: ASGIApp, url_path: str | None = None) -> None:
        self.app = app
        self.url_path = url_path or default_url_path()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            query = scope.get("query_string", b"").decode("latin-1")
            target = redirect_target(str(scope.get("path", "")), query, self.url_path)
            if target is not None:
                await send_redirect(send, target)
                return
        await self.app(scope, receive, send)
