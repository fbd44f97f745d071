"""Issue 29, point 3: the world map's frame holds the selection (a continent, a few countries) and little else,
in the page's figure (and so its PNG), the embed view's and the slides' (one framing rule)."""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash.analysis.filters import Filters, filter_links
from lianes_dash.dataset import schema as S
from lianes_dash.dataset.data import load_countries, load_links
from lianes_dash.views import charts as C
from lianes_dash.views import figures as F
from lianes_dash.views import slides as SL


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return load_links()


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return load_countries()


def _ranges(fig) -> tuple[list[float], list[float]]:
    geo = fig.layout.geo
    return list(geo.lataxis.range), list(geo.lonaxis.range)


def test_a_continent_frames_its_partners_only(links: pd.DataFrame, countries: pd.DataFrame) -> None:
    filters = Filters(continents=("Afrique",))
    sub = filter_links(links, filters)
    fig = C.world_map(sub, type("Ref", (), {"countries": countries})(), filters)
    lat, lon = _ranges(fig)
    # Africa's mainland and islands (Cape Verde to Mauritius), not the world.
    assert -40 <= lat[0] <= -34 and 37 <= lat[1] <= 45, lat
    assert -45 <= lon[0] <= -24 and 58 <= lon[1] <= 80, lon
    assert lon[1] - lon[0] < 130
    # Every partner placed inside its own country is inside the frame.
    bounds = F.country_bounds()
    for la, lo, iso in zip(sub[S.PARTNER_LAT], sub[S.PARTNER_LON], sub[S.PARTNER_COUNTRY], strict=True):
        whole = bounds.get(iso, ((-90, 90, -180, 180),))[0]
        if whole[0] - 1 <= la <= whole[1] + 1 and whole[2] - 1 <= lo <= whole[3] + 1:
            assert lat[0] <= la <= lat[1] and lon[0] <= lo <= lon[1], (iso, la, lo)


def test_one_country_frames_that_country_not_a_misplaced_partner(links: pd.DataFrame, countries: pd.DataFrame) -> None:
    # A Malian partner geocoded in Paris (48.9° N, as Bagnolet – Massala was before the build's position
    # check): it must not pull the frame to Europe.
    filters = Filters(countries=("MLI",))
    sub = filter_links(links, filters)
    slip = sub.iloc[[0]].assign(**{S.PARTNER_LAT: 48.9, S.PARTNER_LON: 2.4})
    sub = pd.concat([sub, slip], ignore_index=True)
    fig = C.world_map(sub, type("Ref", (), {"countries": countries})(), filters)
    lat, lon = _ranges(fig)
    mali = F.country_bounds()["MLI"][1]
    assert lat[0] <= mali[0] and lat[1] >= mali[1] and lon[0] <= mali[2] and lon[1] >= mali[3]
    assert lat[1] < 35 and lat[1] - lat[0] < 30 and lon[1] - lon[0] < 45, (lat, lon)
    assert fig.layout.geo.showocean is True  # the sea around the frame is drawn as sea, not left blank


def test_no_place_abroad_chosen_shows_the_world(links: pd.DataFrame, countries: pd.DataFrame) -> None:
    fig = C.world_map(links, type("Ref", (), {"countries": countries})(), Filters())
    assert fig.layout.geo.lonaxis.range is None


def test_the_slides_frame_as_the_page(links: pd.DataFrame, countries: pd.DataFrame) -> None:
    filters = Filters(continents=("Afrique",))
    sub = filter_links(links, filters)
    page = C.world_map(sub, type("Ref", (), {"countries": countries})(), filters)
    slide = SL.world_slide(sub, countries, True, filters)
    assert slide.figure is not None
    assert _ranges(slide.figure) == _ranges(page)


def _legend_clear_of_the_map(fig) -> None:
    """The legend's box (entries × line height, from the top of the plot area) lies above the map's domain,
    where every point is drawn."""
    entries = sum(1 for trace in fig.data if trace.showlegend is not False and trace.name)
    plot_height = fig.layout.height - (fig.layout.margin.t or 0) - (fig.layout.margin.b or 0)
    legend_bottom = fig.layout.legend.y - (F.LEGEND_LINE * entries + 12) / plot_height
    assert fig.layout.legend.yanchor == "top" and fig.layout.legend.orientation == "v"
    assert fig.layout.geo.domain.y[1] <= legend_bottom + 1e-9, (fig.layout.geo.domain.y, legend_bottom)


def test_no_legend_lies_on_the_region_map_or_the_fiches(links: pd.DataFrame, countries: pd.DataFrame) -> None:
    """Issue 29, point 4: on slide 6 « Nord-Pas-de-Calais dans le monde » the legend lay on Western Europe."""
    slide = SL.region_slide(links, SL.RegionScope("Nord-Pas-de-Calais", ("59", "62"), True), countries)
    assert slide.figure is not None
    _legend_clear_of_the_map(slide.figure)
    halluin = links.loc[(links[S.FR_CODE] == "59279") & (links[S.FR_TYPE] == "commune")]
    _legend_clear_of_the_map(F.partner_map(halluin))
    origin = F.Origin("Lille (59)", 50.63, 3.06)
    _legend_clear_of_the_map(F.partner_map(links.loc[links[S.PARTNER_COUNTRY] == "SEN"], 480, origin))
    # Fitted to a phone, the same rule holds.
    _legend_clear_of_the_map(F.fit_to_width(F.partner_map(halluin)))
