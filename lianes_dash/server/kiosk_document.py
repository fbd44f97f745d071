"""The kiosk as a plain HTML document: ``/presentation?mode=presentation``.

A projector or a self-service screen opened the Streamlit page, which then built the slides and sent
them through the websocket into a frame: Streamlit's own start (its code, the connection, a script
run) came before the first slide. :class:`KioskDocumentMiddleware` (mounted by ``app.py``) answers
that address itself with the deck of :mod:`lianes_dash.views.deck`, the same slides, data and figures
as the downloadable deck (``python -m lianes_dash deck``), on the published data (accepted
contributions included) under the URL's filters, in the URL's language (``lang=en``). Built once per
(published data, filters, language, interval, day), then served from memory with ``Cache-Control``
and an ``ETag`` (``server/documents.py``, shared with the embedded charts).

Small on purpose: plotly.js is the app's cached file (``server/assets.py``), loaded without
blocking the first slide; the basemaps are the app's static files and the France map's outlines the
cached JSON the France page already uses. The deck's two inline scripts are allowed by their hashes
in the Content-Security-Policy (``server/headers.py``). ``intervalle`` (seconds per slide) is read
here; ``diapo`` (the slide to open on) by the deck's script, which keeps it in the address.
Without ``mode=presentation`` the address is still the Streamlit page with its settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from lianes_dash.analysis import filters as FL
from lianes_dash.server import assets, documents
from lianes_dash.server.asgi import ASGIApp, Scope
from lianes_dash.text import i18n
from lianes_dash.text.urls import number
from lianes_dash.views import deck
from lianes_dash.views.slides import build_slides

#: The page and the value of its ``mode`` key that make it the kiosk.
PAGE = "presentation"
MODE = "presentation"
#: Seconds per slide in the address.
INTERVAL_KEY = "intervalle"
#: Documents kept in memory (a few selections × two languages: each kiosk shows one).
KEEP = 32
#: Where plotly.js fetches the basemaps, relative to the page (``static/topojson/``, as every map of the app).
TOPOJSON_URL = "app/static/topojson/"

_DOCUMENTS = documents.DocumentCache(KEEP)


def wants_document(scope: Scope) -> bool:
    """True for a GET (or HEAD) of ``/presentation`` with ``mode=presentation``."""
    return documents.wants(scope, PAGE, "mode", MODE)


def interval(raw: str | None) -> float:
    """Seconds per slide from the URL, within the deck's bounds; the default when absent or unreadable."""
    value = number(raw) if raw is not None else None
    if value is None:
        return float(deck.DEFAULT_INTERVAL)
    return min(max(value, deck.MIN_INTERVAL), deck.MAX_INTERVAL)


def storage_key(ds_key: str, filters: FL.Filters) -> str:
    """Decks of different selections remember their positions apart (the browser's local storage)."""
    return ds_key + "|" + urlencode(sorted(FL.to_query(filters).items()))


def settings_address(filters: FL.Filters, lang: str, seconds: float) -> str:
    """The settings page (« Quitter »), relative to the kiosk, with its filters, interval and language."""
    params = {**FL.to_query(filters), INTERVAL_KEY: f"{seconds:g}", **({i18n.URL_KEY: "en"} if lang == "en" else {})}
    return PAGE + "?" + urlencode(params)


def build(filters: FL.Filters, lang: str, seconds: float, ds: Any, ref: Any) -> bytes:
    """The kiosk's deck for ``filters`` on the dataset ``ds``, in ``lang``, ``seconds`` per slide."""
    outlines = None
    if assets.mounted():
        from lianes_dash.ui import state

        # NOTE: the very object the France page registers: one URL, fetched once by the browser.
        outlines = assets.json_url(state.metropolitan_outlines("departement"), "departement")
    with i18n.using(lang):
        links = FL.filter_links(ds.links, filters)
        slides = build_slides(links, ref, filters, today=dt.date.today(), outlines_url=outlines)
        page = deck.render_deck(
            slides,
            interval=seconds,
            storage_key=storage_key(ds.key, filters),
            exit_url=settings_address(filters, lang, seconds),
            plotly_src=assets.plotly_url(),
            topojson_url=TOPOJSON_URL,
        )
    return page.encode("utf-8")


def _key(params: Mapping[str, str], ds: Any) -> tuple[FL.Filters, str, float]:
    return documents.filters_of(params, ds), documents.lang_of(params), interval(params.get(INTERVAL_KEY))


def document(query_string: bytes) -> tuple[bytes, bytes]:
    """(the document, its ETag) for a query string, built once per (data, filters, language, interval, day).

    The key is what the URL means, not its text: ``diapo``, unknown keys and values the data
    do not hold share the document of the same selection.
    """
    params = documents.params_of(query_string)
    ds, ref = documents.public_data()
    filters, lang, seconds = _key(params, ds)
    return _DOCUMENTS.get((ds.key, filters, lang, seconds), lambda: build(filters, lang, seconds, ds, ref))


class KioskDocumentMiddleware(documents.DocumentMiddleware):
    """Answer ``…/presentation?mode=presentation…`` with :func:`document`; everything else goes to Streamlit."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app, wants_document, document)
