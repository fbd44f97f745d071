"""Lianes Dash served with its security headers: ``streamlit run app.py`` (production entry point).

``dashboard.py`` is the app itself (AppTest and ``streamlit run dashboard.py`` still work);
this file wraps it in Streamlit's ASGI ``App`` to add what Streamlit's settings cannot:
the framing policy and no wildcard CORS on static files (``lianes_dash/server/headers.py``),
long links read rather than refused (``lianes_dash/server/http_limits.py``), the few English
sentences of Streamlit's browser code in French (``lianes_dash/server/frontend_words.py``), and memory
handed back once sessions close (``lianes_dash/server/memory.py``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from lianes_dash.server import http_limits, memory
from lianes_dash.server.frontend_words import FrontendWordsMiddleware
from lianes_dash.server.headers import SecurityHeadersMiddleware

# NOTE: long links are read (up to 256 KiB) and the rest answered in French (http_limits docstring).
http_limits.apply()


def _session_count() -> int | None:
    """Sessions the Streamlit runtime holds (connected, or closed and waiting to expire)."""
    from streamlit import runtime

    if not runtime.exists():
        return None
    try:
        return len(runtime.get_instance()._session_mgr.list_sessions())  # NOTE: no public accessor
    except AttributeError:
        return None


def _drop_filter_caches() -> None:
    """No session left: drop every cache keyed by filters, keep the loaded data.

    NOTE: the rule is the cache's bound: the loaders (data, reference, outlines) are
    unbounded singletons and stay; every cache with ``max_entries`` is keyed by filters or a
    selection, and is recomputed on demand. ``st.cache_data`` holds only such results.
    """
    import math

    from streamlit.runtime.caching import cache_resource_api

    from lianes_dash.ui.state import FrameCache

    st.cache_data.clear()
    FrameCache.clear_all()
    caches = cache_resource_api._resource_caches  # NOTE: no public API to clear some caches only
    with caches._caches_lock:
        bounded = [c for per in caches._function_caches.values() for c in per.values() if c.max_entries != math.inf]
    for cache in bounded:
        cache.clear()


# NOTE: freed memory handed back to the system once sessions close (memory docstring).
memory.start(_session_count, _drop_filter_caches)

app = st.App(
    Path(__file__).resolve().parent / "dashboard.py",
    # NOTE: the headers outermost, so that the rewritten bundle files carry them too.
    middleware=[Middleware(SecurityHeadersMiddleware), Middleware(FrontendWordsMiddleware)],
)
