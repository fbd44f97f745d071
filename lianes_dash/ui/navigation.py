"""The app's pages: module, title, address, icon, heading and own URL keys, in navigation order.

Plain data (no Streamlit call at import): ``dashboard.py`` turns it into ``st.navigation``,
and tests, the benchmark and ``url_params`` import it instead of reading ``dashboard.py``.
A page is a module of ``lianes_dash/app_pages/`` whose ``render()`` draws it; the module is
imported by name when its page is built (:meth:`PageSpec.render_function`), so that this
registry imports no page and stays below them in the layers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lianes_dash.analysis import peer_form
from lianes_dash.dataset import brochure as B

#: The app's name, in French (the key of its English text in the catalogue): the browser tab's title.
APP_TITLE = "Lianes Dash · coopération décentralisée"
#: Package of the page modules, and its folder.
PAGES_PACKAGE = "lianes_dash.app_pages"
PAGES_DIR = Path(__file__).resolve().parent.parent / "app_pages"

if TYPE_CHECKING:
    import streamlit as st


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation."""

    #: Module in ``lianes_dash/app_pages/`` (« overview »); its ``render()`` draws the page.
    module: str
    #: Name in the navigation menu.
    title: str
    #: Address (``/monde``).
    url_path: str
    icon: str
    #: The page's own heading (``st.title``).
    heading: str
    #: URL keys the page reads besides the shared filters.
    url_keys: tuple[str, ...] = ()
    #: The page the app opens on.
    default: bool = False
    #: Out of the menu (reached by a link only: the embed view).
    hidden: bool = False
    #: Name in the menu and heading in English (``?lang=en``).
    title_en: str = ""
    heading_en: str = ""
    #: False for a page that works without the bundled links (importing a file, « À propos »):
    #: a broken links file is named at its top, and the page runs all the same.
    needs_links: bool = True

    def title_in(self, lang: str) -> str:
        """The menu name in ``lang`` (« fr » or « en »)."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def heading_in(self, lang: str) -> str:
        """The heading in ``lang`` (« fr » or « en »)."""
        return self.heading_en if lang == "en" and self.heading_en else self.heading

    @property
    def file(self) -> str:
        """The module's file name (« overview.py »)."""
        return f"{self.module}.py"

    @property
    def path(self) -> Path:
        """The module's source file."""
        return PAGES_DIR / self.file

    def render_function(self) -> Callable[[], None]:
        """The page's ``render`` (its module imported here, the first time)."""
        return importlib.import_module(f"{PAGES_PACKAGE}.{self.module}").render


NAVIGATION: dict[str, tuple[PageSpec, ...]] = {
    "Tableau de bord": (
        PageSpec("overview", "Vue d'ensemble", "vue-d-ensemble", ":material/dashboard:",
                 "La coopération décentralisée en chiffres", default=True,
                 title_en="Overview", heading_en="Decentralised cooperation in figures"),
        PageSpec("world", "Carte du monde", "monde", ":material/public:", "Carte du monde des partenariats",
                 title_en="World map", heading_en="World map of the partnerships"),
        PageSpec("france", "Carte de France", "france", ":material/map:",
                 "Carte de France des collectivités engagées",
                 title_en="Map of France", heading_en="Map of the French local authorities involved"),
        PageSpec("npdc", "Nord-Pas-de-Calais", "nord-pas-de-calais", ":material/location_city:",
                 f"{B.REGION_NAME} : la région de Lianes coopération",
                 title_en="Nord-Pas-de-Calais", heading_en=f"{B.REGION_NAME}: the region of Lianes coopération"),
    ),
    "Chercher": (
        PageSpec("explorer", "Explorer et télécharger", "explorer", ":material/table_view:",
                 "Explorer et télécharger", title_en="Explore and download", heading_en="Explore and download"),
        PageSpec("fiche_collectivite", "Fiche collectivité", "collectivite", ":material/account_balance:",
                 "Fiche collectivité", url_keys=("collectivite",),
                 title_en="Local authority profile", heading_en="Local authority profile"),
        PageSpec("fiche_pays", "Fiche pays", "pays", ":material/flag:", "Fiche pays", url_keys=("iso",),
                 title_en="Country profile", heading_en="Country profile"),
        PageSpec("peers", "Trouver des pairs", "pairs", ":material/handshake:", "Trouver des pairs",
                 url_keys=tuple(peer_form.URL_KEYS.values()), title_en="Find peers", heading_en="Find peers"),
    ),
    "Outils": (
        PageSpec("import_data", "Importer des données", "importer", ":material/upload_file:",
                 "Importer des données", title_en="Import data", heading_en="Import data", needs_links=False),
        PageSpec("presentation", "Mode présentation", "presentation", ":material/slideshow:", "Mode présentation",
                 url_keys=("mode", "intervalle", "diapo"), title_en="Presentation mode",
                 heading_en="Presentation mode"),
        PageSpec("about", "À propos", "a-propos", ":material/info:", "À propos",
                 title_en="About", heading_en="About", needs_links=False),
        PageSpec("moderation", "Modération", "moderation", ":material/rule:", "Modération des contributions",
                 title_en="Moderation", heading_en="Moderation of contributions"),
        # NOTE: reached by the embed snippet of « Partager » only, never listed in the menu.
        PageSpec("embed", "Graphique intégré", "integrer", ":material/code:", "Graphique intégré",
                 url_keys=("vue",), hidden=True, title_en="Embedded chart", heading_en="Embedded chart"),
    ),
}  # fmt: skip


def pages() -> list[PageSpec]:
    """Every page, in navigation order."""
    return [page for section in NAVIGATION.values() for page in section]


def page(url_path: str) -> PageSpec:
    """The page at ``url_path`` (``KeyError`` for an unknown one)."""
    return {p.url_path: p for p in pages()}[url_path]


def needs_links(url_path: str) -> bool:
    """True unless the page at ``url_path`` works without the bundled links (an unknown page needs them)."""
    found = {p.url_path: p for p in pages()}.get(url_path)
    return found is None or found.needs_links


def heading(url_path: str) -> str:
    """The heading of the page at ``url_path`` in the current language (what its ``st.title`` shows)."""
    from lianes_dash.text.i18n import language

    return page(url_path).heading_in(language())


def _st_page(spec: PageSpec, lang: str) -> st.Page:
    import streamlit as st

    return st.Page(
        spec.render_function(),
        title=spec.title_in(lang),
        url_path=spec.url_path,
        icon=spec.icon,
        default=spec.default,
        visibility="hidden" if spec.hidden else "visible",
    )


def st_page(url_path: str) -> st.Page:
    """The ``st.Page`` of the page at ``url_path``: what ``st.page_link`` and ``st.switch_page`` take
    to open a page drawn by a function (a file path names only a page drawn by a script)."""
    from lianes_dash.text.i18n import language

    return _st_page(page(url_path), language())


def st_navigation_pages() -> dict:
    """The sections for ``st.navigation``: ``st.Page`` objects (built here, when called)."""
    from lianes_dash.text.i18n import language, t

    lang = language()
    return {t(section): [_st_page(p, lang) for p in specs] for section, specs in NAVIGATION.items()}
