"""Lianes Dash served with its security headers: ``streamlit run app.py`` (production entry point).

``dashboard.py`` is the app itself (AppTest and ``streamlit run dashboard.py`` still work);
this file wraps it in Streamlit's ASGI ``App`` to add what Streamlit's settings cannot:
the framing policy and no wildcard CORS on static files (``lianes_dash/server/headers.py``),
long links read rather than refused and a file of exactly the upload limit taken
(``lianes_dash/server/http_limits.py``), the few English
sentences of Streamlit's browser code in French (``lianes_dash/server/frontend_words.py``), the
page's title on screen before Streamlit's code has started (``lianes_dash/server/shell.py``), plotly.js
as a cached file for the slides (``lianes_dash/server/assets.py``), the embedded charts and the
kiosk served as plain documents without a Streamlit session (``embed_document.py``,
``kiosk_document.py``), and memory handed back once sessions close (``lianes_dash/server/memory.py``,
started from the app's lifespan; the allocator is the service's environment: ``memory.SERVICE_ENV``,
set by ``make run``). Streamlit's private parts are touched in
``lianes_dash/server/streamlit_internals.py`` only, checked here at start-up.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware

from lianes_dash.server import http_limits, memory, memtrace, streamlit_internals
from lianes_dash.server.assets import AssetsMiddleware
from lianes_dash.server.default_page import DefaultPageMiddleware
from lianes_dash.server.embed_document import EmbedDocumentMiddleware
from lianes_dash.server.frontend_words import FrontendWordsMiddleware
from lianes_dash.server.headers import SecurityHeadersMiddleware
from lianes_dash.server.kiosk_document import KioskDocumentMiddleware
from lianes_dash.server.page_html import PageHtmlMiddleware
from lianes_dash.ui import session_files

_LOG = logging.getLogger("lianes_dash")

# What moved in an upgraded Streamlit is named in the log, and its feature switched off.
streamlit_internals.check_at_startup()
# Long links are read (up to 256 KiB) and the rest answered in French (http_limits docstring).
http_limits.apply()
memory.advise_environment()


def _drop_filter_caches() -> None:
    """No session left: drop every cache keyed by filters, keep the loaded data.

    The rule is the cache's bound: the loaders (data, reference, outlines) are unbounded
    singletons and stay; every cache with ``max_entries`` is keyed by filters or a selection,
    and is recomputed on demand. ``st.cache_data`` holds only such results.
    """
    from lianes_dash.ui.state import FrameCache

    st.cache_data.clear()
    FrameCache.clear_all()
    streamlit_internals.clear_bounded_resource_caches()


def _upload_limit_bytes() -> int:
    """``server.maxUploadSize`` in bytes: Mo of 1 048 576 bytes, the unit of Streamlit's upload route."""
    return int(st.get_option("server.maxUploadSize")) * 1024 * 1024


def _reap() -> int:
    """Closed sessions' leftovers: Streamlit's (uploads, downloads, tables), then their import folders on disk."""
    return streamlit_internals.reap_closed_sessions() + session_files.sweep()


@contextlib.asynccontextmanager
async def _housekeeping(_app: Any) -> AsyncIterator[None]:
    """Started with the server (the ASGI lifespan): memory diagnosis if asked, the import folders a stopped
    server left deleted, then the housekeeping thread."""
    memtrace.start_from_env()
    if session_files.clean_leftovers():
        _LOG.info("Imports : dossiers temporaires d'un serveur arrêté supprimés")
    memory.start(
        streamlit_internals.session_count,
        _drop_filter_caches,
        interval=float(os.environ.get("LIANES_HOUSEKEEPING_SECONDS", "20")),
        reap=_reap,
    )
    yield


app = st.App(
    Path(__file__).resolve().parent / "dashboard.py",
    lifespan=_housekeeping,
    # The headers outermost, so that the rewritten bundle files carry them too.
    middleware=[
        Middleware(SecurityHeadersMiddleware),
        # The default page's own address (« /vue-d-ensemble ») goes to the root, where Streamlit serves it.
        Middleware(DefaultPageMiddleware),
        # An embedded chart is a plain document, built once and cached, without a Streamlit session.
        Middleware(EmbedDocumentMiddleware),
        # So is the kiosk (/presentation?mode=presentation): the deck, with no Streamlit page before it.
        # LIANES_KIOSK_DOCUMENT=0 leaves it to the Streamlit page (to measure what the document gains).
        *([Middleware(KioskDocumentMiddleware)] if os.environ.get("LIANES_KIOSK_DOCUMENT", "1") != "0" else []),
        Middleware(FrontendWordsMiddleware),
        Middleware(AssetsMiddleware),
        # A file of exactly the upload limit is taken, as the page and the browser say (http_limits).
        Middleware(http_limits.UploadLengthMiddleware, limit=_upload_limit_bytes),
        # LIANES_SHELL=0 serves Streamlit's page as it is (to measure what the shell gains).
        *([Middleware(PageHtmlMiddleware)] if os.environ.get("LIANES_SHELL", "1") != "0" else []),
    ],
)
