"""Pieces every page uses: the context, the imported-data banner, charts that work offline."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.text import i18n
from lianes_dash.text.french import escape_markdown, fmt_date, fmt_int
from lianes_dash.ui import cache, plotly_frame, sidebar
from lianes_dash.ui.state import Dataset, Reference, dataset, filtered, reference
from lianes_dash.views import figures, sharing
from lianes_dash.views.charts import CHARTS
from lianes_dash.views.slides import caption_words

#: Where plotly.js finds its topojson: served by the app (``static/``), relative on purpose
#: so that it also works under ``--server.baseUrlPath``.
TOPOJSON_URL = "app/static/topojson/"

_LOG = logging.getLogger("lianes_dash")
#: plotly.js's French locale (toolbar tooltips, « Téléchargement… », month names), from the
#: plotly.js-locales package, served with the figure's configuration: nothing is fetched.
PLOTLY_LOCALE_FILE = D.DEFAULT_DATA_DIR.parent / "static" / "locales" / "plotly-fr.json"
#: Where the vendored wording reads oddly, ours (« Zoom intérieur » is a literal translation).
PLOTLY_WORDING = {
    "Zoom in": "Zoomer",
    "Zoom out": "Dézoomer",
    "Download plot as a PNG": "Télécharger l'image (PNG)",
    "Download plot": "Télécharger l'image",
    "Pan": "Déplacer",
}
#: Session key of the exported image's format, chosen in « Partager » (PNG or SVG).
IMAGE_FORMAT = "share_image_format"


@dataclass(frozen=True)
class PageContext:
    """What a page needs: the dataset, the filters, the filtered links, the reference."""

    ds: Dataset
    filters: Filters
    links: pd.DataFrame
    ref: Reference


def page_context() -> PageContext:
    """The current session's context (the sidebar has already set the filters)."""
    ds = dataset()
    filters = sidebar.current_filters(ds)
    return PageContext(ds=ds, filters=filters, links=filtered(ds, filters), ref=reference())


def dataset_banner(ds: Dataset, links: pd.DataFrame) -> None:
    """Say it on every page when the session looks at an imported file; mark fixture rows.

    The bundled links are real (open twinning records and the brochure): no banner for
    them. A row flagged ``synthetic`` only comes from a test or benchmark fixture; should one
    ever be shown, it is named for what it is rather than passed off as a fact.
    """
    if ds.imported:
        # The name holds the user's file name: escaped, it cannot render as Markdown.
        st.info(
            i18n.t(
                "**Données importées.** Vous consultez {name}, dans cette session seulement "
                "(personne d'autre ne les voit ; les données livrées ne sont pas modifiées).",
                name=escape_markdown(ds.name),
            ),
            icon=":material/upload_file:",
        )
    if ds.synthetic_rows:
        n = int(links[S.SYNTHETIC].sum()) if len(links) else 0
        st.caption(
            i18n.t(
                "Jeu d'essai : {n} lignes fictives dans la sélection (aucune ne décrit un partenariat).", n=fmt_int(n)
            )
        )


def plotly_locale() -> dict:
    """The French locale of plotly.js as its configuration expects it, read once per process."""
    if not hasattr(plotly_locale, "_cached"):
        locale = json.loads(PLOTLY_LOCALE_FILE.read_text(encoding="utf-8"))
        locale["dictionary"] = {**locale["dictionary"], **PLOTLY_WORDING}
        plotly_locale._cached = {"dictionary": locale["dictionary"], "format": locale["format"]}  # type: ignore[attr-defined]
    return plotly_locale._cached  # type: ignore[attr-defined]


def chart_config(filename: str, image_format: str = "png") -> dict:
    """plotly.js options: local topojson, French toolbar (plotly's own English in English), image at an
    article's size, no logo."""
    locale = {"locale": "fr", "locales": {"fr": plotly_locale()}} if i18n.language() == "fr" else {}
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        **locale,
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {
            "format": image_format if image_format in ("png", "svg") else "png",
            "filename": f"{filename}_{dt.date.today().isoformat()}",
            "width": sharing.ARTICLE_WIDTH,
            "height": sharing.ARTICLE_HEIGHT,
            "scale": 2,
        },
    }


@cache.per_dataset(max_entries=64, session_entries=4)
def _caption_words(filters: Filters, _links: pd.DataFrame, _ref: Reference) -> tuple[str, str]:
    """The selection in words and the sources' credit: the same for every chart of a page.

    Once per (dataset, filters, language), not once per chart: naming the filters' values
    reads the reference tables (~15 ms), and the overview alone draws four charts.
    """
    return caption_words(filters, _links, _ref)


def chart_caption(title: str, ctx: PageContext | None = None, about_place: bool = False) -> sharing.Caption:
    """Title, selection, sources and date of a chart drawn on the current page (``ctx``: its context).

    ``about_place``: the chart is about one place its title names (a fiche, the peers of a search, the
    region): with no filter it has no scope line, not « France entière »; filters are still named."""
    ctx = ctx or page_context()
    scope, credit = _caption_words(ctx.ds, ctx.filters, ctx.links, ctx.ref)
    if about_place and ctx.filters.is_empty():
        scope = ""
    if ctx.ds.imported:
        credit = i18n.t("Données importées : {name}", name=ctx.ds.name)
    return sharing.Caption(title=title, scope=scope, credit=credit, day=dt.date.today())


#: Session key of :func:`on_phone`'s answer.
_ON_PHONE = "_lianes_on_phone"


def on_phone() -> bool:
    """True when the visitor's browser says it is a phone (« Mobi » in its user agent).

    NOTE: the server does not know the screen's width; « Mobi » anywhere in the user agent is
    the usual sign of a phone (tablets and computers lack it). Used to fit maps to the width.
    """
    known = st.session_state.get(_ON_PHONE)
    if known is None:
        # The headers are those of the session's first request: read once per session, not once
        # per chart (under AppTest, whose context is a mock, each reading was slow).
        try:
            known = "Mobi" in (st.context.headers.get("User-Agent") or "")
        except Exception:  # noqa: BLE001 — no request (AppTest, bare mode): a computer
            known = False
        st.session_state[_ON_PHONE] = known
    return bool(known)


def show_chart(
    fig: go.Figure,
    filename: str,
    *,
    key: str | None = None,
    on_select: bool = False,
    on_change: Callable[..., None] | None = None,
    args: tuple = (),
    alt: str | None = None,
    title: str | None = None,
    about_place: bool = False,
):
    """Draw a plotly figure with the offline configuration; returns the selection event.

    With a ``title``, the figure carries it with the filters, the sources and the date
    (:func:`lianes_dash.views.sharing.add_caption`), so its image stands alone once shared. NOTE: the
    figure is then changed in place: pass a figure of this run, never one shared by a cache.
    ``on_change`` runs before the rerun, so it may set widget state (e.g. a filter).
    """
    if title is not None:
        sharing.add_caption(fig, chart_caption(title, about_place=about_place))
    phone = on_phone()
    if phone and figures.geo_aspect(fig) is not None:
        # Changed in place: a copy when the figure may be a cached one (no caption added).
        fig = figures.fit_to_width(fig if title is not None else go.Figure(fig))
    kwargs: dict = {"key": key, "alt": alt}
    if on_select or on_change:
        kwargs["on_select"] = partial(on_change, *args) if on_change else "rerun"
        kwargs["selection_mode"] = ("points",)
    config = chart_config(filename, st.session_state.get(IMAGE_FORMAT, "png"))
    if phone:
        # On a phone plotly's toolbar lay over the chart's title and bar labels, and a tap
        # shows it anyway; fingers zoom the page, and « Partager » gives the link.
        config["displayModeBar"] = False
    if plotly_frame.active():
        return plotly_frame.draw(
            fig,
            config,
            key=key or f"chart_{filename}",
            select="on_select" in kwargs,
            on_change=kwargs.get("on_select") if on_change else None,
            alt=alt,
        )
    return st.plotly_chart(fig, width="stretch", config=config, **kwargs)


# 64 entries: a partner map of 600 links holds ~0.6 MB, a bar chart far less.
@cache.per_dataset(max_entries=64)
def _captioned_figure(
    filters: Filters, name: tuple, day: dt.date, _build: Callable[[], go.Figure], _caption: sharing.Caption
) -> go.Figure:
    """``_build()`` with its caption (``_caption``: :func:`chart_caption` of the chart's title on ``day``).

    NOTE: ``name`` (with the dataset, the filters and the language, all in the key) must determine
    the figure and its title, as the frames passed to ``cache.per_dataset`` functions do.
    """
    return sharing.add_caption(_build(), _caption)


def show_cached_chart(
    name: tuple,
    build: Callable[[], go.Figure],
    filename: str,
    *,
    title: str,
    key: str | None = None,
    on_select: bool = False,
    on_change: Callable[..., None] | None = None,
    args: tuple = (),
    ctx: PageContext | None = None,
    about_place: bool = False,
):
    """:func:`show_chart` of ``build()`` with its ``title``, the figure built and captioned once per
    (dataset, filters, language, ``name``, day) and shared by every visitor of the same selection.

    Building a chart and its caption cost ~10–30 ms (a map more), for each chart on each rerun.
    The shared figure is read-only: :func:`show_chart` is given no title, so it does not caption it
    again (and copies a map before fitting it to a phone's width).
    """
    ctx = ctx or page_context()
    caption = chart_caption(title, ctx, about_place)
    fig = _captioned_figure(ctx.ds, ctx.filters, (*name, about_place), caption.day, build, caption)
    return show_chart(fig, filename, key=key, on_select=on_select, on_change=on_change, args=args)


def show_registered_chart(chart_key: str, *, key: str | None = None):
    """:func:`show_cached_chart` of a chart of :data:`lianes_dash.views.charts.CHARTS` on the selection.

    The same entry for the overview and the embed view: they share the figure.
    """
    ctx = page_context()
    chart = CHARTS[chart_key]
    return show_cached_chart(
        ("charts", chart_key),
        lambda: chart.build(ctx.links, ctx.ref, ctx.filters),
        chart.filename,
        title=i18n.t(chart.title),
        key=key,
        ctx=ctx,
    )


def figure_caption(text: str) -> None:
    """The short text summary under each map, for screen readers and for the record."""
    st.caption(text)


def data_error_page(error: D.DataFileError) -> None:
    """A clear French page instead of a traceback when a data file is broken.

    The visitor sees the file relative to the data folder and a French reason; the
    server's absolute path and the technical details (pandera's report…) go to the log.
    """
    _LOG.error("Fichier de données %s : %s — %s", error.path, error.reason, getattr(error, "detail", "") or "")
    st.error(
        i18n.t(
            "**Les données ne peuvent pas être chargées.**\n\n{reason}\n\n"
            "Fichier : `{file}` (dans le dossier des données)",
            reason=escape_markdown(error.reason),
            file=D.display_name(error.path),
        ),
        icon=":material/error:",
    )
    if error.rebuild:
        st.markdown(i18n.t("Pour le reconstruire, depuis le dossier du projet :"))
        st.code(error.rebuild, language="bash")
    st.caption(i18n.t("Page générée le {day}.", day=fmt_date(dt.date.today())))


def error_reference() -> str:
    """A short reference the visitor can quote, and that the server log carries (« E-3F9A2C »)."""
    return "E-" + secrets.token_hex(3).upper()


def unexpected_error_page(error: BaseException) -> str:
    """The last net: a French message with a short reference; the traceback goes to the log only.

    Returns the reference (tests read it back in the log).
    """
    ref = error_reference()
    _LOG.error("Erreur inattendue, référence %s", ref, exc_info=(type(error), error, error.__traceback__))
    st.error(
        i18n.t(
            "**Une erreur inattendue empêche d'afficher cette page.** Les autres pages restent disponibles ; "
            "réessayez, changez les filtres ou revenez à la vue d'ensemble. Si le problème persiste, "
            "signalez-le en citant la référence **{ref}** (elle permet de retrouver le détail dans le journal "
            "du serveur).",
            ref=ref,
        ),
        icon=":material/error:",
    )
    return ref
