"""Lianes Dash served with its security headers: ``streamlit run app.py`` (production entry point).

``dashboard.py`` is the app itself (AppTest and ``streamlit run dashboard.py`` still work);
this file wraps it in Streamlit's ASGI ``App`` to add what Streamlit's settings cannot:
the framing policy and no wildcard CORS on static files (``lianes_dash/server/headers.py``),
long links read rather than refused and a file of exactly the upload limit taken
(``lianes_dash/server/http_limits.py``), the few English
sentences of Streamlit's browser code in French (``lianes_dash/server/frontend_words.py``), the
page's title on screen before Streamlit's code has started (``lianes_dash/server/shell.py``), plotly.js
as a cached file for the slides (``lianes_dash/server/assets.py``), and memory
handed back once sessions close (``lianes_dash/server/memory.py``: Python's objects on the system
allocator, closed sessions' leftovers freed, free memory returned to the system).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware

from lianes_dash.server import http_limits, memory, memtrace
from lianes_dash.server.assets import AssetsMiddleware
from lianes_dash.server.frontend_words import FrontendWordsMiddleware
from lianes_dash.server.headers import SecurityHeadersMiddleware
from lianes_dash.server.page_html import PageHtmlMiddleware

# NOTE: first of all, Python's objects on the system allocator, so that freed memory can go back
# (restarts the process once; ``PYTHONMALLOC=pymalloc`` to keep Python's own: memory docstring).
memory.use_system_allocator()
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


def _reap_closed_sessions() -> int:
    """Shut down the closed sessions Streamlit forgot; returns how many sessions' leftovers were freed.

    NOTE: a closed tab's session is kept ``server.disconnectedSessionTTL`` seconds for a
    reconnection, in a TTL cache that then drops it (or, past 128 closed sessions, evicts the
    oldest) *without* ``AppSession.shutdown()``. Its uploaded file, its download buttons' files
    and its tables' data stay registered under its id in the runtime's managers for good: a
    closed import tab kept its 50 MB file, and every Explorer visit its CSV and XLSX. Here:
    expired sessions are shut down, then whatever the managers still hold for an id that is
    no longer a session is released.
    """
    from streamlit import runtime

    if not runtime.exists():
        return 0
    rt = runtime.get_instance()
    try:
        # NOTE: no public API for any of this (Streamlit is pinned in requirements.txt).
        mgr: Any = rt._session_mgr
        with mgr._storage_lock:
            expired = mgr._session_storage._cache.expire()
        for _sid, info in expired:
            info.session.shutdown()
        live = {info.session.id for info in mgr.list_sessions()}
        media, frames, uploads = rt.media_file_mgr, rt.dataframe_source_mgr, rt.uploaded_file_mgr
        with media._lock:
            stale = set(media._files_by_session_and_coord) - live
        with frames._lock:
            stale |= set(frames._sources_by_session_and_coord) - live
        stale |= set(getattr(uploads, "file_storage", {})) - live
        for sid in stale:
            media.clear_session_refs(sid)
            frames.clear_all_for_session(sid)
            uploads.remove_session_files(sid)
        # NOTE: every pass: a download's file is first marked, then deleted at the next pass
        # (Streamlit does the same after each script run, which an idle server no longer has).
        media.remove_orphaned_files()
        return len(expired) + len(stale)
    except AttributeError:  # another Streamlit: nothing reaped, nothing broken
        return 0


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


def _upload_limit_bytes() -> int:
    """``server.maxUploadSize`` in bytes: Mo of 1 048 576 bytes, the unit of Streamlit's upload route."""
    return int(st.get_option("server.maxUploadSize")) * 1024 * 1024


# NOTE: off unless LIANES_TRACEMALLOC is set (diagnosis of memory that stays: memtrace docstring).
memtrace.start_from_env()
# NOTE: freed memory handed back to the system once sessions close (memory docstring).
memory.limit_arenas()
memory.start(
    _session_count,
    _drop_filter_caches,
    interval=float(os.environ.get("LIANES_HOUSEKEEPING_SECONDS", "20")),
    reap=_reap_closed_sessions,
)

app = st.App(
    Path(__file__).resolve().parent / "dashboard.py",
    # NOTE: the headers outermost, so that the rewritten bundle files carry them too.
    middleware=[
        Middleware(SecurityHeadersMiddleware),
        Middleware(FrontendWordsMiddleware),
        Middleware(AssetsMiddleware),
        # NOTE: a file of exactly the upload limit is taken, as the page and the browser say (http_limits).
        Middleware(http_limits.UploadLengthMiddleware, limit=_upload_limit_bytes),
        # NOTE: LIANES_SHELL=0 serves Streamlit's page as it is (to measure what the shell gains).
        *([Middleware(PageHtmlMiddleware)] if os.environ.get("LIANES_SHELL", "1") != "0" else []),
    ],
)
