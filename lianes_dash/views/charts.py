"""The charts and maps a page shows and a visitor may embed elsewhere: one entry each.

An entry names a chart (its URL key, its title) and builds its figure from the filtered links
and the reference. The overview and the world map draw these figures, and the embed view
(``/integrer?vue=…``) draws any one of them alone, so a chart embedded in an article is the
chart of the dashboard, under the same filters. Pure Python, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import schema as S
from lianes_dash.text import i18n
from lianes_dash.views import figures as F

#: URL parameter of the embed view that names the chart.
VIEW_KEY = "vue"


@dataclass(frozen=True)
class Chart:
    """One chart: its URL key, its title (what it counts), its file name, how it is built."""

    key: str
    title: str
    filename: str
    build: Callable[[pd.DataFrame, Any, Filters], go.Figure]
    #: False when the chart has nothing to show for these links: themes or years known for fewer than
    #: ``metrics.MIN_KNOWN`` links (issue 27: a chart of almost only « non renseigné » steps back).
    available: Callable[[pd.DataFrame], bool] = lambda links: len(links) > 0


def world_counts(links: pd.DataFrame, ref: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Links per partner country, and those too small for the basemap (drawn as points), named in
    the current language: what the world map colours and what its page lists."""
    counts = M.per_country(links)
    counts = counts.assign(
        **{S.PARTNER_COUNTRY_NAME: country_names_en(counts[S.PARTNER_COUNTRY_NAME], counts[S.PARTNER_COUNTRY], ref)}
    )
    return counts, M.without_outline(counts, ref.countries)


def world_figure(
    links: pd.DataFrame, counts: pd.DataFrame, unoutlined: pd.DataFrame, filters: Filters, arcs: bool = False
) -> go.Figure:
    """The world map of :func:`world_counts`; framed on the continents or countries chosen in the filters."""
    return F.world_map(
        counts,
        M.sample_arcs(links, F.WORLD_ARC_CAP) if arcs else None,
        selected=filters.countries,
        unoutlined=unoutlined,
        frame=world_frame(links, filters, unoutlined.rename(columns={S.PARTNER_COUNTRY: S.ISO3})),
    )


def world_frame(links: pd.DataFrame, filters: Filters, centres: pd.DataFrame | None = None) -> dict | None:
    """The world map's frame under ``filters`` (``links``: the links under them): the chosen countries, or the
    chosen continents' partners; None (the whole world) when no place abroad is chosen. The page, its PNG, the
    embed view and the slides all frame with this."""
    if not (filters.countries or filters.continents):
        return None
    return F.selection_frame(links, filters.countries, centres) or None


def world_map(links: pd.DataFrame, ref: Any, filters: Filters, arcs: bool = False) -> go.Figure:
    """Links per partner country; zoomed on the countries chosen in the filters."""
    return world_figure(links, *world_counts(links, ref), filters, arcs)


def _by_type(links: pd.DataFrame, ref: Any, filters: Filters) -> go.Figure:
    by_type = M.count_by(links, S.FR_TYPE)
    by_type[S.FR_TYPE] = by_type[S.FR_TYPE].map(S.TYPE_LABELS).map(i18n.t)
    return F.bar_chart(by_type, S.FR_TYPE)


def _themes(links: pd.DataFrame, ref: Any, filters: Filters) -> go.Figure:
    themes = M.themes_count(links, unknown=True)
    if i18n.language() == "en":
        themes[S.THEME] = themes[S.THEME].map(i18n.t)
    return F.bar_chart(themes, S.THEME)


def country_names_en(names: pd.Series, isos: pd.Series, ref: Any) -> pd.Series:
    """Country names in the current language (French names as they are; English ones by ISO3)."""
    if i18n.language() == "fr":
        return names
    countries = getattr(ref, "countries", None)
    english = {}
    if countries is not None and S.NAME_EN in countries:
        english = dict(zip(countries[S.ISO3], countries[S.NAME_EN], strict=False))
    return pd.Series(
        [i18n.country_name(iso, name, english.get(iso)) for name, iso in zip(names, isos, strict=False)],
        index=names.index,
    )


def _top_countries(links: pd.DataFrame, ref: Any, filters: Filters) -> go.Figure:
    top = M.count_by(links, S.PARTNER_COUNTRY_NAME, top=15)
    if i18n.language() == "en":
        iso_of = dict(zip(links[S.PARTNER_COUNTRY_NAME], links[S.PARTNER_COUNTRY], strict=False))
        names = top[S.PARTNER_COUNTRY_NAME]
        top[S.PARTNER_COUNTRY_NAME] = country_names_en(names, names.map(iso_of), ref)
    return F.bar_chart(top, S.PARTNER_COUNTRY_NAME)


def by_continent(links: pd.DataFrame, ref: Any = None, filters: Filters | None = None) -> go.Figure:
    """Links per continent of the partner country (known for every link): what the overview leads with."""
    counts = M.count_by(links, S.PARTNER_CONTINENT)
    if i18n.language() == "en":
        counts[S.PARTNER_CONTINENT] = counts[S.PARTNER_CONTINENT].map(i18n.t)
    return F.bar_chart(counts, S.PARTNER_CONTINENT)


def by_size_class(links: pd.DataFrame) -> go.Figure:
    """Links of communes per size class of the commune (population municipale)."""
    counts = M.by_size_class(links)
    counts[S.SIZE_CLASS] = counts[S.SIZE_CLASS].map(i18n.t)
    return F.bar_chart(counts, S.SIZE_CLASS)


def _decades(links: pd.DataFrame, ref: Any, filters: Filters) -> go.Figure:
    return F.decade_chart(M.by_decade(links), unknown=M.unknown_year_count(links))


CHARTS: dict[str, Chart] = {
    c.key: c
    for c in (
        Chart("monde", "Liens de coopération décentralisée par pays partenaire", "carte_monde", world_map),
        Chart("types", "Liens par type de collectivité française", "liens_par_type", _by_type),
        Chart(
            "themes",
            "Liens par thème",
            "liens_par_theme",
            _themes,
            available=lambda links: M.enough_known(M.known_themes_count(links)),
        ),
        Chart("pays", "Liens par pays partenaire (les 15 premiers)", "premiers_pays", _top_countries),
        Chart(
            "decennies",
            "Liens commencés par décennie",
            "liens_par_decennie",
            _decades,
            available=lambda links: M.enough_known(len(links) - M.unknown_year_count(links)),
        ),
    )
}
