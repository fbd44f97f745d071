"""Response headers Streamlit does not set itself: who may frame the app, what its pages may run.

Streamlit answers its static files (``/app/static/…``, the maps' topojson) with
``Access-Control-Allow-Origin: *`` whatever ``server.enableCORS`` says, and sends neither
``X-Frame-Options`` nor ``Content-Security-Policy: frame-ancestors``: another site could
frame the import page. This ASGI middleware (mounted by ``app.py``) fixes both:

- every response says ``Content-Security-Policy: frame-ancestors 'self' <allowed origins>``
  (and ``X-Frame-Options: SAMEORIGIN`` when no other origin is allowed, for old browsers);
- a wildcard ``Access-Control-Allow-Origin`` is removed, or replaced by the request's
  ``Origin`` when that origin is allowed;
- that ``Content-Security-Policy`` is a whole policy (:func:`content_security_policy`): code
  from this site only, and of the inline scripts only those the app serves itself, allowed by
  their SHA-256 (Streamlit's page's, the shell of
  ``server/shell.py``, the slides' two scripts of ``deck.py``): an injected ``<script>`` or
  ``onerror=`` does not run. Styles stay ``'unsafe-inline'``: Streamlit's emotion and
  plotly.js write ``<style>`` elements and ``style=`` attributes on every page;
- Streamlit's ``/_stcore/metrics`` (its sessions, caches and memory by server path) answers
  404 unless ``LIANES_PUBLIC_METRICS=1``.

``LIANES_EMBED_ORIGINS`` (space- or comma-separated ``https://host[:port]``) lists the sites
allowed to embed the dashboard (e.g. a network's website showing a page in an iframe).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from lianes_dash.server.asgi import ASGIApp, Message, Receive, Scope, Send

#: Environment variable listing the origins allowed to frame the app (none by default).
EMBED_ORIGINS_ENV = "LIANES_EMBED_ORIGINS"

#: Environment variable that makes Streamlit's ``/_stcore/metrics`` public again (« 1 »).
PUBLIC_METRICS_ENV = "LIANES_PUBLIC_METRICS"
METRICS_PATH = "/_stcore/metrics"

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def embed_origins(raw: str | None = None) -> tuple[str, ...]:
    """The valid origins of ``LIANES_EMBED_ORIGINS`` (anything else is dropped: no ``*``, no path)."""
    raw = os.environ.get(EMBED_ORIGINS_ENV, "") if raw is None else raw
    found = (o.strip().rstrip("/") for o in re.split(r"[\s,]+", raw))
    return tuple(dict.fromkeys(o for o in found if _ORIGIN.match(o)))


def frame_ancestors(origins: Iterable[str]) -> str:
    """The CSP directive value: this site, plus the allowed origins."""
    return " ".join(["'self'", *origins])


_INLINE_SCRIPT = re.compile(r"<script>([\s\S]*?)</script>")


def _streamlit_static() -> Path:
    """Streamlit's frontend folder (``index.html``, ``static/js``), found without importing Streamlit."""
    spec = importlib.util.find_spec("streamlit")
    origin = Path(spec.origin) if spec is not None and spec.origin else Path(".")
    return origin.resolve().parent / "static"


def streamlit_inline_scripts(static: Path | None = None) -> list[str]:
    """The inline scripts of Streamlit's page (``index.html``).

    NOTE: Streamlit also appends a size-reporting script to an ``st.components.v1.html`` frame
    drawn with ``height="content"``; the app gives its one frame (the slides) a fixed height,
    so that script is never written (the browser test of the policy would report it).
    """
    index = (static or _streamlit_static()) / "index.html"
    return _INLINE_SCRIPT.findall(index.read_text(encoding="utf-8")) if index.is_file() else []


def script_hash(script: str) -> str:
    """The CSP source that allows one inline script: ``'sha256-<base64>'`` of its exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


@lru_cache(maxsize=1)
def inline_script_hashes() -> tuple[str, ...]:
    """The hashes of every inline script the app serves (Streamlit's, the shell's, the slides')."""
    from lianes_dash.server import shell
    from lianes_dash.views import deck

    scripts = [*streamlit_inline_scripts(), shell.inline_script(), *deck.inline_scripts()]
    return tuple(dict.fromkeys(script_hash(s) for s in scripts))


def content_security_policy(origins: Iterable[str], hashes: Iterable[str] | None = None) -> str:
    """The whole policy: this site's code and the listed inline scripts, framed by ``origins``.

    NOTE, each source: ``'wasm-unsafe-eval'`` lets Streamlit's protobuf code compile its
    WebAssembly helper (long.js: 64-bit arithmetic), the one thing Chromium reported on every
    page without it; it allows no JavaScript ``eval``. ``blob:`` workers are those plotly.js's map
    traces and Streamlit's file code may start; ``data:`` images and fonts are plotly's and Streamlit's
    icons; ``connect-src 'self'`` covers the websocket (CSP 3: ``'self'`` matches ``ws:``/``wss:``
    on the same host); the slides' frame is a ``srcdoc`` document, which inherits this policy.
    """
    hashes = inline_script_hashes() if hashes is None else tuple(hashes)
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", "'wasm-unsafe-eval'", *hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors(origins)}",
    ]
    return "; ".join(directives)


def secure_headers(
    headers: list[tuple[bytes, bytes]],
    request_origin: str | None,
    origins: tuple[str, ...],
    policy: str | None = None,
):
    """The response headers with the policy added and no wildcard CORS (pure, tested).

    ``policy`` defaults to :func:`content_security_policy` for ``origins``.
    """
    out: list[tuple[bytes, bytes]] = []
    for name, value in headers:
        lower = name.lower()
        if lower == b"access-control-allow-origin" and value.strip() == b"*":
            if request_origin and request_origin in origins:
                out.append((name, request_origin.encode("latin-1")))
                out.append((b"vary", b"Origin"))
            continue
        if lower in (b"x-frame-options", b"content-security-policy"):
            continue  # Ours replace them (one policy, not two that disagree)
        out.append((name, value))
    policy = content_security_policy(origins) if policy is None else policy
    out.append((b"content-security-policy", policy.encode("latin-1")))
    if not origins:
        out.append((b"x-frame-options", b"SAMEORIGIN"))
    return out


class SecurityHeadersMiddleware:
    """ASGI middleware applying :func:`secure_headers` to every HTTP response."""

    def __init__(self, app: ASGIApp, origins: Iterable[str] | None = None, public_metrics: bool | None = None) -> None:
        self.app = app
        self.origins = tuple(origins) if origins is not None else embed_origins()
        self.policy = content_security_policy(self.origins)
        if public_metrics is None:
            public_metrics = os.environ.get(PUBLIC_METRICS_ENV, "") == "1"
        self.public_metrics = public_metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        if not self.public_metrics and scope.get("path", "").rstrip("/").endswith(METRICS_PATH):
            # Under any base path; answered here, before Streamlit computes anything.
            body = b"Not Found"
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
            await send(
                {
                    "type": "http.response.start",
                    "status": 404,
                    "headers": secure_headers(headers, None, (), self.policy),
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        origin = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"origin"), None)

        async def send_secured(message: Message) -> None:
            if message.get("type") == "http.response.start":
                message["headers"] = secure_headers(list(message.get("headers", [])), origin, self.origins, self.policy)
            await send(message)

        await self.app(scope, receive, send_secured)
