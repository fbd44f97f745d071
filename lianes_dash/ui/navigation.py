"""The app's pages: file, title, address, icon, heading and own URL keys, in navigation order.

Plain data (no Streamlit call at import): ``dashboard.py`` turns it into ``st.navigation``,
and tests, the benchmark and ``url_params`` import it instead of reading ``dashboard.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lianes_dash import brochure as B
from lianes_dash import peer_form

#: Folder of the page scripts.
PAGES_DIR = Path(__file__).resolve().parent.parent / "app_pages"


@dataclass(frozen=True)
class PageSpec:
    """One page of the navigation."""

    #: Script in ``lianes_dash/app_pages/``.
    file: str
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

    @property
    def script(self) -> Path:
        return PAGES_DIR / self.file


NAVIGATION: dict[str, tuple[PageSpec, ...]] = {
    "Tableau de bord": (
        PageSpec("overview.py", "Vue d'ensemble", "vue-d-ensemble", ":material/dashboard:",
                 "La coopération décentralisée en chiffres", default=True),
        PageSpec("world.py", "Carte du monde", "monde", ":material/public:", "Carte du monde des partenariats"),
        PageSpec("france.py", "Carte de France", "france", ":material/map:",
                 "Carte de France des collectivités engagées"),
        PageSpec("npdc.py", "Nord-Pas-de-Calais", "nord-pas-de-calais", ":material/location_city:",
                 f"{B.REGION_NAME} : la région de Lianes coopération"),
    ),
    "Chercher": (
        PageSpec("explorer.py", "Explorer et télécharger", "explorer", ":material/table_view:",
                 "Explorer et télécharger"),
        PageSpec("fiche_collectivite.py", "Fiche collectivité", "collectivite", ":material/account_balance:",
                 "Fiche collectivité", url_keys=("collectivite",)),
        PageSpec("fiche_pays.py", "Fiche pays", "pays", ":material/flag:", "Fiche pays", url_keys=("iso",)),
        PageSpec("peers.py", "Trouver des pairs", "pairs", ":material/handshake:", "Trouver des pairs",
                 url_keys=tuple(peer_form.URL_KEYS.values())),
    ),
    "Outils": (
        PageSpec("import_data.py", "Importer des données", "importer", ":material/upload_file:",
                 "Importer des données"),
        PageSpec("presentation.py", "Mode présentation", "presentation", ":material/slideshow:", "Mode présentation",
                 url_keys=("mode", "intervalle", "diapo")),
        PageSpec("about.py", "À propos", "a-propos", ":material/info:", "À propos"),
        # NOTE: reached by the embed snippet of « Partager » only, never listed in the menu.
        PageSpec("embed.py", "Graphique intégré", "integrer", ":material/code:", "Graphique intégré",
                 url_keys=("vue",), hidden=True),
    ),
}  # fmt: skip


def pages() -> list[PageSpec]:
    """Every page, in navigation order."""
    return [page for section in NAVIGATION.values() for page in section]


def page(url_path: str) -> PageSpec:
    """The page at ``url_path`` (``KeyError`` for an unknown one)."""
    return {p.url_path: p for p in pages()}[url_path]


def heading(url_path: str) -> str:
    """The heading of the page at ``url_path`` (what its ``st.title`` shows)."""
    return page(url_path).heading


def st_navigation_pages() -> dict:
    """The sections for ``st.navigation``: ``st.Page`` objects (built here, when called)."""
    import streamlit as st

    return {
        section: [
            st.Page(
                p.script,
                title=p.title,
                url_path=p.url_path,
                icon=p.icon,
                default=p.default,
                visibility="hidden" if p.hidden else "visible",
            )
            for p in specs
        ]
        for section, specs in NAVIGATION.items()
    }
