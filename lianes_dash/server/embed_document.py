"""An embedded chart as a plain HTML document: ``/integrer?vue=monde&continent=Afrique&embed=true``.

A chart embedded in a newspaper's article is opened by hundreds of readers at once; as a Streamlit
page, each of them opened a session (a websocket, a script run, the app's whole browser code).
:class:`EmbedDocumentMiddleware` (mounted by ``app.py``) answers that address itself: a small HTML
document with the dashboard's own chart (:mod:`lianes_dash.views.charts`) on the published data
(accepted contributions included) under the URL's filters,
its caption inside the figure (title, selection, sources, date), and a link to the full view. The
document is built once per (published data, filters, language, chart, day), then served from memory
with ``Cache-Control`` and an ``ETag`` a front proxy can keep (``server/documents.py``, shared with
the kiosk's document). Without ``embed=true`` the address is
still the Streamlit page (a visitor's view, with the note naming ignored parameters).

The figure travels as JSON in a ``<script type="application/json">`` block and is drawn by
``static/embed.js`` with the plotly.js the app already serves: no inline script, so the
Content-Security-Policy holds; offline like every page (local plotly.js and basemaps).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping
from typing import Any

from lianes_dash.analysis import filters as FL
from lianes_dash.server import assets, documents
from lianes_dash.server.asgi import ASGIApp, Scope
from lianes_dash.text import i18n
from lianes_dash.text.i18n import t
from lianes_dash.ui import share
from lianes_dash.views import charts as C
from lianes_dash.views import sharing
from lianes_dash.views.slides import caption_words

#: Documents kept in memory (a handful of charts × the selections articles embed).
KEEP = 256

_DOCUMENTS = documents.DocumentCache(KEEP)


def wants_document(scope: Scope) -> bool:
    """True for a GET (or HEAD) of the embed page with Streamlit's ``embed=true``."""
    return documents.wants(scope, share.EMBED_PATH, "embed", "true")


def _home_link(view: str, params: Mapping[str, str]) -> str:
    """The full view in the dashboard, relative to the embed page, with the same filters and language."""
    kept = {k: v for k, v in params.items() if k not in (C.VIEW_KEY, "embed")}
    return sharing.view_address("", share.HOME_OF.get(view, ""), kept)


def build(params: Mapping[str, str], ds: Any, ref: Any) -> bytes:
    """The document for these URL parameters (``vue``, the filters, ``lang``) on the dataset ``ds``."""
    lang = documents.lang_of(params)
    with i18n.using(lang):
        filters = documents.filters_of(params, ds)
        chosen = FL.filter_links(ds.links, filters)
        view = params.get(C.VIEW_KEY, share.DEFAULT_VIEW)
        chart = C.CHARTS.get(view) or C.CHARTS[share.DEFAULT_VIEW]
        title = t(chart.title)
        figure = None
        if chart.available(chosen):
            scope, credit = caption_words(filters, chosen, ref)
            caption = sharing.Caption(title=title, scope=scope, credit=credit, day=dt.date.today())
            figure = sharing.add_caption(chart.build(chosen, ref, filters), caption)
        return _document(lang, title, figure, chart, _home_link(chart.key, params))


def _document(lang: str, title: str, figure, chart: C.Chart, home: str) -> bytes:  # noqa: ANN001
    from lianes_dash.ui.common import chart_config

    if figure is not None:
        payload = {"figure": json.loads(figure.to_json()), "config": chart_config(chart.filename)}
        # A JSON block: « </script> » inside it must not close it.
        blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        body = (
            f'<div id="lianes-chart" role="img" aria-label="{html.escape(title)}"></div>'
            f'<script type="application/json" id="lianes-figure">{blob}</script>'
            f'<script src="{assets.plotly_url()}"></script><script src="app/static/embed.js"></script>'
        )
    else:
        body = "<p>" + html.escape(
            t("Rien à montrer pour cette sélection : aucun lien, ou aucune donnée connue pour ce graphique.")
        ) + "</p>"  # fmt: skip
    link = html.escape(t("Voir dans Lianes Dash, avec tous les chiffres et les sources"))
    page = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · Lianes Dash</title>"
        '<link rel="icon" href="app/static/favicon.png">'
        "<style>html,body{margin:0;background:#fff;color:#1f2933;font-family:system-ui,sans-serif}"
        "#lianes-chart{width:100%;min-height:320px}"
        "p{margin:.4rem .6rem;font-size:.9rem}a{color:#0b6e4f}</style></head><body>"
        f'{body}<p><a href="{html.escape(home)}" target="_blank" rel="noopener">{link}</a></p></body></html>'
    )
    return page.encode("utf-8")


def document(query_string: bytes) -> tuple[bytes, bytes]:
    """(the document, its ETag) for a query string, built once per (data, parameters, language, day)."""
    params = documents.params_of(query_string)
    ds, ref = documents.public_data()
    return _DOCUMENTS.get((ds.key, tuple(sorted(params.items()))), lambda: build(params, ds, ref))


class EmbedDocumentMiddleware(documents.DocumentMiddleware):
    """Answer ``…/integrer?…&embed=true`` with :func:`document`; everything else goes to Streamlit."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app, wants_document, document)
