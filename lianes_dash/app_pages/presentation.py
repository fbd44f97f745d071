"""Mode présentation: the deck full window for a projector, a kiosk, a room with no Wi-Fi.

``/presentation`` shows the settings (interval, export, the list of slides) and opens the kiosk:
``?mode=presentation`` is the deck (``lianes_dash.views.deck``) served by ``app.py`` as a document
of its own (``server/kiosk_document.py``), no Streamlit page before the first slide. Here, that
address draws the same deck full window in an iframe: under ``streamlit run dashboard.py`` (no
document served), and for a session's imported file. The slides advance in the browser, with no
Streamlit rerun per slide.
URL parameters: ``mode=presentation``, ``intervalle=15`` (seconds), ``diapo=3`` (slide to
open on; the deck keeps it up to date so that a reload resumes where it was), plus the filters and
``lang=en`` (the deck, the kiosk address and the downloaded file then speak English).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from lianes_dash.analysis import provenance as PV
from lianes_dash.analysis.filters import Filters, to_query
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.server import assets, kiosk_document
from lianes_dash.text import i18n
from lianes_dash.text.french import escape_markdown, fmt_int, plural
from lianes_dash.text.i18n import language, t
from lianes_dash.ui import cache, navigation, tables, url_params
from lianes_dash.ui.common import page_context
from lianes_dash.ui.state import Reference
from lianes_dash.views import deck
from lianes_dash.views.slides import build_slides

MODE = "presentation"

#: Our own static CSS (no data in it): hide every piece of Streamlit chrome and give the
#: deck's iframe the whole window.
CHROME_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMain"] [data-testid="stAlert"], [data-testid="stMainMenu"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
[data-testid="stMain"] { overflow: hidden !important; }
iframe[title="st.iframe"], [data-testid="stIFrame"] {
  position: fixed !important; inset: 0 !important; width: 100vw !important; height: 100vh !important;
  border: 0 !important; z-index: 999990 !important; background: #fff;
}
</style>"""


# The kiosk document's readings: the page and the document open the same deck.
_interval = kiosk_document.interval
_storage_key = kiosk_document.storage_key


def _page_url(filters: Filters, **extra: str) -> str:
    """This page's URL (relative: it also works under ``--server.baseUrlPath``), in the page's language."""
    lang = {i18n.URL_KEY: "en"} if language() == "en" else {}
    params = {**to_query(filters), **{k: v for k, v in extra.items() if v}, **lang}
    return "presentation" + (f"?{urlencode(params)}" if params else "")


def _full_url(filters: Filters, **extra: str) -> str:
    """The address to type on a kiosk: this page's full URL (scheme, host, port, path) with the parameters.

    ``st.context.url`` is the address the browser shows (it follows ``baseUrlPath`` and a
    reverse proxy); without a browser (tests) the relative address is all there is.
    """
    relative = _page_url(filters, **extra)
    base = st.context.url
    if not base:
        return relative
    query = relative.partition("?")[2]
    return base.split("?")[0] + (f"?{query}" if query else "")


# ``cache.per_dataset``: shared for the bundled data, keyed on (dataset, filters, …);
# ``_links`` is the dataset under ``filters`` and ``_ref`` the shared reference (not hashed).
# No spinner of the cache's own: its text is fixed at import, in one language; the kiosk's call
# shows one in the page's language (Streamlit draws it only after half a second, so not on a cache hit).
@cache.per_dataset(max_entries=8, copies=True)
def _deck(
    filters: Filters,
    interval: float,
    exit_url: str | None,
    embedded: bool,
    day: dt.date,
    storage_key: str,
    plotly_src: str | None,
    _links: pd.DataFrame,
    _ref: Reference,
) -> str:
    slides = build_slides(_links, _ref, filters, today=day)
    return deck.render_deck(
        slides, interval=interval, storage_key=storage_key, exit_url=exit_url, embedded=embedded, plotly_src=plotly_src
    )


@cache.per_dataset(max_entries=16, copies=True)
def _titles(filters: Filters, day: dt.date, _links: pd.DataFrame, _ref: Reference) -> list[str]:
    # NOTE: the slides without their figures: the page lists them, only the kiosk's deck draws them.
    slides = build_slides(_links, _ref, filters, today=day, figures=False)
    return [f"{s.kicker} — {s.title}" for s in slides]


def deck_html(ctx, interval: float, *, exit_url: str | None, embedded: bool, lang: str | None = None) -> str:
    """The deck for this session's selection, in ``lang`` (default: the run's language).

    The download button runs this on click in another thread, whose language is the default:
    the page passes its own. Shown in the page (``embedded``), the deck links to plotly.js served
    and cached by ``app.py`` (``server/assets.py``) instead of carrying its 4.7 MB on every visit;
    the downloaded deck keeps plotly.js inside, to open offline from a USB key.
    """
    storage_key = _storage_key(ctx.ds.key, ctx.filters)
    plotly_src = assets.plotly_url() if embedded and assets.mounted() else None
    with i18n.using(lang or language()):
        return _deck(
            ctx.ds,
            ctx.filters,
            interval,
            exit_url,
            embedded,
            dt.date.today(),
            storage_key,
            plotly_src,
            ctx.links,
            ctx.ref,
        )


def _set_interval() -> None:
    st.query_params["intervalle"] = f"{st.session_state['presentation_interval']:g}"


def render() -> None:
    ctx = page_context()
    params = st.query_params
    interval = _interval(params.get("intervalle"))
    if params.get("intervalle") is not None and url_params.number(params.get("intervalle")) is None:
        url_params.ignore("intervalle")
    if params.get("mode") not in (None, MODE):
        url_params.ignore("mode")

    if params.get("mode") == MODE:
        st.markdown(CHROME_CSS, unsafe_allow_html=True)
        exit_url = _page_url(ctx.filters, intervalle=f"{interval:g}")
        with st.spinner(t("Préparation des diapositives…")):
            html = deck_html(ctx, interval, exit_url=exit_url, embedded=True)
        components.html(html, height=720)
        st.stop()

    st.title(navigation.heading("presentation"))
    st.caption(
        t(
            "Les diapositives défilent seules, en plein écran et en grands caractères, pour un vidéoprojecteur ou une "
            "borne (Semaine de la solidarité internationale, Semaine du développement durable…). Elles suivent les "
            "filtres : choisissez votre région ou vos départements dans le panneau de gauche. Rien n'est chargé depuis "
            "internet."
        )
    )

    left, right = st.columns([3, 2])
    with left:
        chosen = st.number_input(
            t("Secondes par diapositive"),
            min_value=2.0,
            max_value=600.0,
            value=float(min(max(interval, 2.0), 600.0)),
            step=1.0,
            format="%g",
            key="presentation_interval",
            on_change=_set_interval,
        )
        # The session's own file: its deck in this page (the kiosk document shows the published data).
        if ctx.ds.imported:
            if st.button(t("Lancer la présentation"), type="primary", icon=":material/slideshow:"):
                st.query_params["mode"] = MODE
                st.query_params["intervalle"] = f"{chosen:g}"
                st.rerun()
        else:  # The kiosk document (server/kiosk_document.py), in a tab of its own
            kiosk = _page_url(ctx.filters, mode=MODE, intervalle=f"{chosen:g}")
            st.link_button(t("Lancer la présentation"), kiosk, type="primary", icon=":material/slideshow:")
        page_lang = language()
        st.download_button(
            t("Télécharger la présentation (fichier HTML autonome)"),
            data=lambda: deck_html(ctx, chosen, exit_url=None, embedded=False, lang=page_lang),
            file_name=f"presentation_lianes_{dt.date.today().isoformat()}.html",
            mime="text/html",
            icon=":material/download:",
            on_click="ignore",
            help=t(
                "Un seul fichier (environ 5 Mo) qui s'ouvre dans un navigateur sans connexion, sur n'importe quel "
                "ordinateur : cartes, défilement et touches compris."
            ),
        )
        st.markdown(t("**Adresse à ouvrir sur un poste en libre-service** (démarre directement la présentation) :"))
        st.code(_full_url(ctx.filters, mode=MODE, intervalle=f"{chosen:g}"), language=None)
    with right:
        st.markdown(
            t(
                "**Pendant la présentation**\n\n"
                "- → ↓ ou Page suivante (télécommande) : diapositive suivante\n"
                "- ← ↑ ou Page précédente : diapositive précédente\n"
                "- Espace ou P : pause / reprise\n"
                "- F : plein écran · B : écran noir\n"
                "- Bougez la souris pour afficher les commandes et « Quitter »\n\n"
                "Le défilement tourne en boucle ; après un rechargement, la présentation reprend à la même diapositive."
            )
        )

    titles = _titles(ctx.ds, ctx.filters, dt.date.today(), ctx.links, ctx.ref)
    st.subheader(plural(len(titles), "diapositive"))
    tables.show_table(
        pd.DataFrame({t("N°"): range(1, len(titles) + 1), t("Diapositive"): titles}),
    )
    # The data are as old as their sources, not of today: each source says its own date.
    dated = ", ".join(PV.short_label(source.key) for source in SRC.present(ctx.links[S.SOURCE]))
    if ctx.ds.imported:
        dated = escape_markdown(ctx.ds.name) + (f", {dated}" if dated else "")
    st.caption(t("Sélection : {n} liens · données : {dated}.", n=fmt_int(len(ctx.links)), dated=dated or "–"))
