"""« Partager » in the sidebar: the view's link to copy, the images' format, a chart to embed.

The link is the page's full address with its filters (the permalink was only in the address
bar); the embed snippet points at ``/integrer`` with Streamlit's ``embed=true`` (no sidebar,
no toolbar), for one chart or map of :mod:`lianes_dash.views.charts`.

A session looking at an imported file is told, at the top of the box, that the link and the
embedded chart show whoever opens them the bundled data: the file stays in this session.
"""

from __future__ import annotations

import streamlit as st

from lianes_dash.text.i18n import t
from lianes_dash.ui.common import IMAGE_FORMAT
from lianes_dash.ui.state import dataset
from lianes_dash.views import charts as C
from lianes_dash.views import sharing

#: The embed page's URL path, and the chart it shows when none is named.
EMBED_PATH = "integrer"
DEFAULT_VIEW = "monde"
#: Where each chart lives in the dashboard (« Voir dans Lianes Dash » under an embedded chart).
HOME_OF = {"monde": "monde"}


def is_embed() -> bool:
    """True on the embed view: its URL names a chart (``vue``).

    Streamlit keeps its own ``embed`` parameter out of ``st.query_params``; ours says it.
    """
    return C.VIEW_KEY in st.query_params


def _app_base(url_path: str) -> str:
    """The app's address as the browser sees it (« http://hote:8501/lianes »), "" without a browser."""
    return sharing.app_base(st.context.url or "", url_path)


def _params(**extra: str) -> dict[str, str]:
    """This view's parameters (the filters the sidebar wrote, the page's own), plus ``extra``."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k != C.VIEW_KEY}
    return {**params, **extra}


def page_url(url_path: str) -> str:
    """The full address of this page with its filters."""
    return sharing.view_address(_app_base(url_path), url_path, _params())


def view_url(key: str, *, embed: bool, url_path: str) -> str:
    """The address of one chart: alone for an iframe (``embed``), or its page in the dashboard.

    ``url_path`` is the page the visitor is on: the browser's address ends with it, and the
    app's base is what comes before (without it, the embed pointed at ``/monde/integrer``).
    """
    base = _app_base(url_path)
    if embed:
        return sharing.view_address(base, EMBED_PATH, {**_params(), C.VIEW_KEY: key, "embed": "true"})
    return sharing.view_address(base, HOME_OF.get(key, ""), _params())


#: What the box says on a session using an imported file (the link carries filters, never data).
IMPORTED_NOTE = (
    "Vous consultez un fichier importé (« {name} »), qui reste dans votre session. Les personnes qui "
    "ouvriront ce lien ou le graphique intégré verront les données fournies avec le tableau de bord, "
    "pas votre fichier."
)


#: Session key of the « Partager » box's open state (its content runs only while it is open).
PANEL_KEY = "share_panel_open"
_FORMAT_WIDGET = "share_image_format_widget"


def _keep_format() -> None:
    """Keep the chosen image format under a key of its own: it outlives the box being closed."""
    st.session_state[IMAGE_FORMAT] = st.session_state.get(_FORMAT_WIDGET) or "png"


def panel(url_path: str) -> None:
    """The « Partager » box of the sidebar.

    NOTE: lazy (``on_change="rerun"``): its content is built only while the box is open. Its
    code blocks load the browser's syntax highlighter (1.5 MB of script, ~0.3 s of the main
    thread on this machine's Chromium) on every page otherwise, closed box included.
    """
    box = st.sidebar.expander(
        t("Partager : lien, images, intégration"), icon=":material/share:", key=PANEL_KEY, on_change="rerun"
    )
    if not box.open:
        return
    with box:
        current = dataset()
        if current.imported:
            name = current.name.removeprefix("Import : ")
            st.warning(t(IMPORTED_NOTE, name=name), icon=":material/info:")
        st.markdown(t("**Copier le lien** de cette vue, filtres compris (bouton à droite du cadre) :"))
        st.code(page_url(url_path), language=None, wrap_lines=True)
        st.segmented_control(
            t("Format des images (bouton appareil photo d'un graphique)"),
            options=["png", "svg"],
            format_func=str.upper,
            key=_FORMAT_WIDGET,
            default=st.session_state.get(IMAGE_FORMAT, "png"),
            on_change=_keep_format,
            help=t(
                "L'image porte le titre, les filtres, les sources et la date, au format d'un article "
                "({width} × {height}).",
                width=sharing.ARTICLE_WIDTH,
                height=sharing.ARTICLE_HEIGHT,
            ),
        )
        key = st.selectbox(
            t("Intégrer un graphique dans une page web"),
            options=list(C.CHARTS),
            format_func=lambda k: t(C.CHARTS[k].title),
            key="share_embed_view",
        )
        st.code(
            sharing.iframe_snippet(view_url(key, embed=True, url_path=url_path), t(C.CHARTS[key].title)),
            language="html",
            wrap_lines=True,
        )
        st.caption(t("Le graphique intégré suit les filtres de cette vue et se met à jour avec les données."))
