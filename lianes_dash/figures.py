"""Plotly figures. Each takes data already aggregated (by ``metrics``) and returns a figure.

French conventions: ``separators=", "`` gives « 3 250 » and « 12,5 »; hover texts are
French; colour scales are readable by colour-blind people (Cividis, Okabe-Ito).
Maps are plotly « geo » figures: the page must serve the topojson (see ``ui``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lianes_dash import schema as S
from lianes_dash.text import fmt_int

#: Okabe-Ito palette, safe for the common colour-vision deficiencies.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TYPE_COLOURS = dict(zip(S.FR_TYPES, OKABE_ITO, strict=False))
SEQUENTIAL = "Cividis_r"
FONT = "DejaVu Sans, Arial, sans-serif"
#: French number separators for plotly: decimal comma, space for thousands.
SEPARATORS = ", "
#: Metropolitan France, for the France map's frame (lon, lat).
METRO_LON = (-5.3, 9.7)
METRO_LAT = (41.2, 51.2)


def _base_layout(fig: go.Figure, height: int = 520) -> go.Figure:
    fig.update_layout(
        separators=SEPARATORS,
        font={"family": FONT, "size": 14},
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        height=height,
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


def world_map(counts: pd.DataFrame, arcs: pd.DataFrame | None = None, selected: tuple[str, ...] = ()) -> go.Figure:
    """Choropleth of links per partner country, with optional arcs France → partner places.

    ``counts`` is ``metrics.per_country``; ``arcs`` has the French and partner coordinates
    (already capped by the caller). Selected countries are outlined.
    """
    custom = (
        np.stack(
            [
                counts[S.PARTNER_COUNTRY_NAME].astype(str).to_numpy(),
                counts[S.N_COLLECTIVITIES].to_numpy(),
                counts[S.N_PARTNERS].to_numpy(),
            ],
            axis=-1,
        )
        if len(counts)
        else None
    )
    fig = go.Figure(
        go.Choropleth(
            locations=counts[S.PARTNER_COUNTRY].astype(str).tolist(),
            z=counts[S.COUNT].tolist(),
            customdata=custom,
            colorscale=SEQUENTIAL,
            marker={
                "line": {
                    "color": ["#d62728" if c in selected else "#ffffff" for c in counts[S.PARTNER_COUNTRY]],
                    "width": [2.5 if c in selected else 0.4 for c in counts[S.PARTNER_COUNTRY]],
                }
            },
            colorbar={"title": {"text": "Liens"}, "thickness": 14},
            hovertemplate=(
                "<b>%{customdata[0]}</b><br>%{z:,} liens<br>%{customdata[1]:,} collectivités françaises"
                "<br>%{customdata[2]:,} collectivités partenaires<extra></extra>"
            ),
            name="Liens par pays",
        )
    )
    if arcs is not None and len(arcs):
        fig.add_trace(_arc_trace(arcs))
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbbbbb",
        showcoastlines=False,
        showland=True,
        landcolor="#eeeeee",
        showframe=False,
        fitbounds=False,
        lataxis_range=[-58, 85],
    )
    fig.update_layout(showlegend=False, clickmode="event+select", dragmode=False)
    return _base_layout(fig)


def _arc_trace(arcs: pd.DataFrame, colour: str = "#D55E00") -> go.Scattergeo:
    """All arcs in one trace, separated by ``None``: one trace draws thousands quickly."""
    n = len(arcs)
    lon = np.empty(n * 3, dtype=object)
    lat = np.empty(n * 3, dtype=object)
    lon[0::3] = arcs[S.FR_LON].round(3).to_numpy()
    lon[1::3] = arcs[S.PARTNER_LON].round(3).to_numpy()
    lon[2::3] = None
    lat[0::3] = arcs[S.FR_LAT].round(3).to_numpy()
    lat[1::3] = arcs[S.PARTNER_LAT].round(3).to_numpy()
    lat[2::3] = None
    return go.Scattergeo(
        lon=lon.tolist(),
        lat=lat.tolist(),
        mode="lines",
        line={"width": 0.6, "color": colour},
        opacity=0.3,
        hoverinfo="skip",
        name="Liens",
    )


def partner_map(links: pd.DataFrame, height: int = 460) -> go.Figure:
    """Arcs from French collectivities to their partners, partners as points with names.

    For the fiches and the regional page: a few hundred links at most.
    """
    fig = go.Figure()
    if len(links):
        fig.add_trace(_arc_trace(links, colour="#0072B2"))
        approx = links[S.PARTNER_APPROX].astype(bool).to_numpy()
        fig.add_trace(
            go.Scattergeo(
                lon=links[S.PARTNER_LON].round(3).tolist(),
                lat=links[S.PARTNER_LAT].round(3).tolist(),
                mode="markers",
                marker={
                    "size": 8,
                    "color": np.where(approx, "#ffffff", "#D55E00").tolist(),
                    "line": {"color": "#D55E00", "width": 1.5},
                },
                customdata=np.stack(
                    [
                        links[S.PARTNER_NAME].astype(str).to_numpy(),
                        links[S.PARTNER_COUNTRY_NAME].astype(str).to_numpy(),
                        links[S.FR_NAME].astype(str).to_numpy(),
                        np.where(approx, " (position approchée : centre du pays)", ""),
                    ],
                    axis=-1,
                ),
                hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})%{customdata[3]}"
                "<br>partenaire de %{customdata[2]}<extra></extra>",
                name="Partenaires",
            )
        )
        fr = links.drop_duplicates([S.FR_TYPE, S.FR_CODE])
        fig.add_trace(
            go.Scattergeo(
                lon=fr[S.FR_LON].round(3).tolist(),
                lat=fr[S.FR_LAT].round(3).tolist(),
                mode="markers",
                marker={"size": 9, "color": "#0072B2", "symbol": "diamond"},
                customdata=fr[S.FR_NAME].astype(str).tolist(),
                hovertemplate="<b>%{customdata}</b><extra></extra>",
                name="Collectivités françaises",
            )
        )
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#f2f2f2",
        showframe=False,
        fitbounds="locations" if len(links) else False,
    )
    fig.update_layout(showlegend=False)
    return _base_layout(fig, height)


def france_map(
    areas: pd.DataFrame,
    geojson: dict,
    points: pd.DataFrame,
    *,
    measure_label: str,
    percent: bool,
    selected: tuple[str, ...] = (),
) -> go.Figure:
    """Choropleth of départements (or régions) under the engaged collectivities as points.

    ``areas`` is ``metrics.per_area`` (code, name, value); ``points`` is
    ``metrics.per_collectivity``; both limited to metropolitan France by the caller.
    """
    value_fmt = "%{z:.1%}" if percent else "%{z:,.1f}"
    fig = go.Figure(
        go.Choropleth(
            geojson=geojson,
            featureidkey="id",
            locations=areas[S.CODE].astype(str).tolist(),
            z=areas[S.VALUE].round(4).tolist(),
            customdata=areas[S.NAME].astype(str).tolist(),
            colorscale=SEQUENTIAL,
            marker={
                "line": {
                    "color": ["#d62728" if c in selected else "#ffffff" for c in areas[S.CODE]],
                    "width": [2.5 if c in selected else 0.5 for c in areas[S.CODE]],
                }
            },
            colorbar={"title": {"text": measure_label}, "thickness": 14, "tickformat": ".0%" if percent else ",.0f"},
            hovertemplate=f"<b>%{{customdata}}</b><br>{measure_label} : {value_fmt}<extra></extra>",
            name=measure_label,
        )
    )
    for fr_type in S.FR_TYPES:
        sub = points.loc[points[S.FR_TYPE] == fr_type]
        if sub.empty:
            continue
        fig.add_trace(
            go.Scattergeo(
                lon=sub[S.FR_LON].round(3).tolist(),
                lat=sub[S.FR_LAT].round(3).tolist(),
                mode="markers",
                marker={
                    "size": (4 + 3 * np.sqrt(sub[S.COUNT].to_numpy())).round(1).tolist(),
                    "color": TYPE_COLOURS[fr_type],
                    "opacity": 0.75,
                    "line": {"color": "#ffffff", "width": 0.5},
                },
                customdata=np.stack([sub[S.FR_NAME].astype(str).to_numpy(), sub[S.COUNT].to_numpy()], axis=-1),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]:,} liens<extra></extra>",
                name=S.TYPE_LABELS[fr_type],
            )
        )
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=list(METRO_LON),
        lataxis_range=list(METRO_LAT),
        fitbounds=False,
    )
    fig.update_layout(
        legend={"orientation": "h", "y": -0.02, "title": {"text": "Collectivités engagées : "}},
        clickmode="event+select",
        dragmode=False,
    )
    return _base_layout(fig, 620)


def bar_chart(df: pd.DataFrame, category: str, value: str = S.COUNT, *, percent_of: int | None = None) -> go.Figure:
    """Horizontal bars, largest on top, with French labels."""
    df = df.iloc[::-1]
    text = df[value].map(fmt_int).tolist()
    fig = go.Figure(
        go.Bar(
            x=df[value].tolist(),
            y=df[category].astype(str).tolist(),
            orientation="h",
            marker_color=OKABE_ITO[0],
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y} : %{x:,} liens<extra></extra>",
        )
    )
    fig.update_layout(xaxis={"visible": False}, yaxis={"automargin": True}, bargap=0.25)
    return _base_layout(fig, max(220, 28 * len(df) + 40))


def decade_chart(df: pd.DataFrame) -> go.Figure:
    """Links started per decade, as columns labelled « années 1980 »."""
    labels = [f"années {d}" for d in df[S.DECADE]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=df[S.COUNT].tolist(),
            marker_color=OKABE_ITO[2],
            hovertemplate="%{x} : %{y:,} liens<extra></extra>",
        )
    )
    fig.update_layout(yaxis={"title": {"text": "Liens commencés"}}, bargap=0.2)
    return _base_layout(fig, 320)
