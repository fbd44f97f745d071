"""Maps fitted to a phone's width (``figures.fit_to_width``, applied by ``ui.common.show_chart``)."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from lianes_dash.views import figures as F


def _map(projection: str, lat: list[float] | None, lon: list[float] | None, height: int = 520) -> go.Figure:
    fig = go.Figure(go.Choropleth(locations=["BFA"], z=[1]))
    fig.update_geos(projection_type=projection, lataxis_range=lat, lonaxis_range=lon)
    fig.update_layout(height=height, margin={"t": 50, "b": 60})
    return fig


@pytest.mark.parametrize(
    ("projection", "lat", "lon", "aspect"),
    [
        ("natural earth", None, None, 143 / 360),  # the world map's default frame
        ("equirectangular", [10.0, 20.0], [0.0, 40.0], 10 / 40),
        (
            "mercator",
            [41.2, 51.2],
            [-5.3, 9.7],
            (
                math.log(math.tan(math.pi / 4 + math.radians(51.2) / 2))
                - math.log(math.tan(math.pi / 4 + math.radians(41.2) / 2))
            )
            / math.radians(15.0),
        ),
    ],
)
def test_a_map_is_as_tall_as_its_frame_at_the_phones_width(projection, lat, lon, aspect) -> None:
    fig = F.fit_to_width(_map(projection, lat, lon))
    assert F.geo_aspect(fig) == pytest.approx(aspect)
    assert fig.layout.height == max(200, round(F.PHONE_WIDTH * aspect) + 50 + 60)


def test_fitting_never_makes_a_map_taller_and_leaves_charts_alone() -> None:
    tall = F.fit_to_width(_map("mercator", [-60.0, 80.0], [-10.0, 10.0], height=400))
    assert tall.layout.height == 400
    bars = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")).update_layout(height=300)
    assert F.geo_aspect(bars) is None and F.fit_to_width(bars).layout.height == 300


def test_a_legend_on_the_map_keeps_a_band_above_it() -> None:
    fig = _map("equirectangular", [0.0, 20.0], [0.0, 40.0], height=900)
    fig.add_trace(go.Scattergeo(lat=[1], lon=[1], name="Partenaires"))
    fig.add_trace(go.Scattergeo(lat=[2], lon=[2], name="Collectivités françaises"))
    fig.data[0].showlegend = False
    fig.update_layout(legend={"orientation": "v", "x": 0.01, "y": 0.99, "yanchor": "top"})
    F.fit_to_width(fig)
    band, map_height = F.LEGEND_LINE * 2 + 12, round(F.PHONE_WIDTH * 0.5)
    assert fig.layout.height == map_height + band + 50 + 60
    assert list(fig.layout.geo.domain.y) == pytest.approx([0, map_height / (map_height + band)])


@pytest.mark.browser
@pytest.mark.parametrize(
    ("user_agent", "phone"),
    [
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
            True,
        ),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36", False),
    ],
)
def test_the_world_map_fits_a_phone(browser_context, streamlit_server: str, user_agent: str, phone: bool) -> None:
    """NOTE: the app tells a phone by the ``User-Agent`` its requests carry (``ui.common.on_phone``), so the
    tab sends that header: the worker's shared context keeps its cache, where a context of its own started cold."""
    page = browser_context.new_page()
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        page.set_extra_http_headers({"User-Agent": user_agent})
        page.goto(f"{streamlit_server}/monde")
        page.wait_for_selector(".js-plotly-plot path.choroplethlocation", timeout=60_000)
        box = page.locator(".js-plotly-plot").first.bounding_box()
        assert box and box["width"] < 390
        # NOTE: the world is about 0.4 as tall as wide: on a phone the figure is the map plus its
        # title, colour bar and sources; a computer's fixed height leaves white above and below.
        assert (box["height"] < 420) is phone, box
        # The toolbar lay over the title on a phone: hidden there, kept on a computer.
        assert (page.locator(".js-plotly-plot .modebar").count() == 0) is phone
    finally:
        page.close()
