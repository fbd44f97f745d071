"""``figprops`` sets what plotly's own ``update_layout``/``update_geos`` would, only cheaper."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from lianes_dash.views import figprops


def _bars() -> go.Figure:
    return go.Figure(
        go.Bar(x=[3, 1], y=["Villeneuve-sur-Fiction", "Fictiveville"], orientation="h"),
        layout={"height": 300, "margin": {"l": 10, "r": 10, "t": 10}, "legend": {"x": 0.5, "font": {"size": 9}}},
    )


def _map() -> go.Figure:
    return go.Figure(go.Scattergeo(lat=[50.7], lon=[3.2]), layout={"geo": {"showland": True, "lataxis_range": [0, 1]}})


LAYOUTS = [
    {"height": 480},
    {"margin": {"t": 80, "b": 12}},  # merged: l and r kept
    {"legend": {"x": 0, "xanchor": "left"}},  # merged: the font kept
    {"title": {"text": "<b>Titre</b>", "subtitle": {"text": "France entière", "font": {"size": 12}}}},
    {"xaxis": {"visible": False}, "yaxis": {"automargin": True, "title": {"text": "Liens"}}, "bargap": 0.25},
    {"legend_title_text": "Collectivités", "margin_r": 48},  # magic underscores
    {"annotations": [{"text": "Source", "x": 0, "y": 0, "showarrow": False}]},  # a list replaces
    {"separators": ", ", "font": {"family": "sans-serif", "size": 14}, "hoverlabel": {"font": {"family": "serif"}}},
]


@pytest.mark.parametrize("props", LAYOUTS)
def test_update_layout_sets_what_plotly_sets(props: dict) -> None:
    ours, theirs = _bars(), _bars()
    assert figprops.update_layout(ours, **props) is ours
    theirs.update_layout(**props)
    assert ours.to_plotly_json() == theirs.to_plotly_json()


GEOS = [
    {"projection_type": "mercator", "visible": False, "fitbounds": False},
    {"lataxis_range": [42, 51], "lonaxis_range": [-5, 9]},
    {"domain_y": [0, 0.8]},
    {"projection": {"type": "natural earth"}, "showland": False, "landcolor": "#eeeeee"},
]


@pytest.mark.parametrize("props", GEOS)
def test_update_geos_sets_what_plotly_sets(props: dict) -> None:
    ours, theirs = _map(), _map()
    figprops.update_geos(ours, **props)
    theirs.update_geos(**props)
    assert ours.to_plotly_json() == theirs.to_plotly_json()


def test_a_misspelt_property_is_refused_as_plotly_refuses_it() -> None:
    with pytest.raises(ValueError):
        figprops.update_layout(_bars(), heigth=480)
    with pytest.raises(ValueError):
        figprops.update_layout(_bars(), margin={"top": 4})
