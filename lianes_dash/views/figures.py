"""Plotly figures. Each takes data already aggregated (by ``metrics``) and returns a figure.

French conventions: ``separators=", "`` gives « 3 250 » and « 12,5 »; hover texts are
French; colour scales are readable by colour-blind people (Cividis, Okabe-Ito).
Maps are plotly « geo » figures: the page must serve the topojson (see ``ui``).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lianes_dash.dataset import schema as S
from lianes_dash.text import i18n
from lianes_dash.text.french import escape_hover, fmt_float, fmt_int, fmt_pct, place_name, plural
from lianes_dash.views.figprops import update_geos, update_layout

#: Okabe-Ito palette, safe for the common colour-vision deficiencies.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
TYPE_COLOURS = dict(zip(S.FR_TYPES, OKABE_ITO, strict=False))
#: Light grey of the areas outside the selection, kept for context only.
CONTEXT_COLOUR = "#e4e4e4"
#: Grey of the « non renseigné » bars (unknown theme or year).
UNKNOWN_COLOUR = "#999999"
SEQUENTIAL = "Cividis_r"
FONT = "DejaVu Sans, Arial, sans-serif"
#: French number separators for plotly: decimal comma, space for thousands.
SEPARATORS = ", "
#: English number separators for plotly: decimal point, comma for thousands (« 3,250 », « 12.5 »).
SEPARATORS_EN = ".,"


def separators() -> str:
    """plotly's ``separators`` in the current language."""
    return SEPARATORS_EN if i18n.language() == "en" else SEPARATORS


#: Metropolitan France, for the France map's frame (lon, lat).
METRO_LON = (-5.3, 9.7)
METRO_LAT = (41.2, 51.2)
#: Most arcs the world map draws at once (the page): beyond this it is unreadable and heavy.
WORLD_ARC_CAP = 1500


def nice_ticks(lo: float, hi: float, max_ticks: int = 6, integer: bool = False) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 × 10ⁿ) covering [lo, hi]; whole numbers only if ``integer``."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / max(1, max_ticks - 1)
    step = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if raw <= mult * step:
            step *= mult
            break
    if integer:
        step = max(1.0, round(step))
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    value = first
    while value <= hi + 1e-9 * step:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _decimals(ticks: list[float]) -> int:
    """Fewest decimals that keep every tick distinct and exact (0 for whole numbers, at most 3)."""
    for digits in range(4):
        if all(abs(t - round(t, digits)) < 1e-9 for t in ticks):
            return digits
    return 3


#: Most ticks a logarithmic colour bar reads (it lies under the map, a phone's width).
LOG_TICKS_MAX = 5


def log_ticks(lo: float, hi: float) -> list[float]:
    """Ticks of a logarithmic count scale: powers of ten, with 2 and 5 × 10ⁿ between them while there are
    fewer than three, at most :data:`LOG_TICKS_MAX` (« 1 10 100 1 000 », « 1 5 10 50 » for 1 to 52).

    Powers of ten alone read « 1 » and « 10 » for a maximum of 52 (Africa); all of 1 2 5 10 20 …
    had no room at a phone's width and turned on their side.
    """
    decades = range(0, int(math.log10(hi)) + 2)
    for steps in ((1,), (1, 5), (1, 2, 5)):
        ticks = [float(m * 10**e) for e in decades for m in steps if lo <= m * 10**e <= hi]
        if len(ticks) >= 3 or len(ticks) > LOG_TICKS_MAX:
            break
    while len(ticks) > LOG_TICKS_MAX:
        ticks = ticks[::2]
    return ticks or [lo, hi]


def colour_scale(
    values: pd.Series | list, *, integer: bool = False, percent: bool = False, from_zero: bool = False
) -> dict:
    """Colour bar settings that read right: French ticks, whole numbers for counts, one value said once.

    Returns ``z`` (the values to colour, log10 for skewed counts), ``zmin``/``zmax`` and the
    colour bar's ``tickvals``/``ticktext``. Counts spanning more than ×20 (Germany's 1 000
    twinnings beside Malta's 7) get a logarithmic scale, or every small country looks alike.
    """
    vals = pd.to_numeric(pd.Series(values, dtype="float64"), errors="coerce")
    known = vals.dropna()
    if known.empty:
        return {"z": vals.tolist(), "zmin": 0.0, "zmax": 1.0, "tickvals": [], "ticktext": [], "showscale": False}
    lo, hi = float(known.min()), float(known.max())
    if from_zero and lo > 0 and hi > lo:
        lo = 0.0
    if integer and lo >= 1 and hi / lo >= 20:
        z = np.log10(vals.clip(lower=1))
        ticks = log_ticks(lo, hi)
        return {
            "z": [None if pd.isna(v) else float(v) for v in z],
            "zmin": math.log10(lo),
            "zmax": math.log10(hi),
            "tickvals": [math.log10(t) for t in ticks],
            "ticktext": [fmt_int(t) for t in ticks],
            "showscale": True,
        }
    ticks = nice_ticks(lo, hi, integer=integer)
    if hi == lo and not integer:
        # One value: said once, with the decimals a reader needs (« 8,6 », « 0,42 », « 2,5 % »).
        ticks = [round(lo, 3 if percent else (2 if abs(lo) < 1 else 1))]
    if percent:
        digits = _decimals([t * 100 for t in ticks])
        text = [fmt_pct(t, digits) for t in ticks]
    elif integer:
        text = [fmt_int(t) for t in ticks]
    else:
        text = [fmt_float(t, _decimals(ticks)) for t in ticks]
    zmin, zmax = (lo - 0.5, hi + 0.5) if hi == lo else (lo, hi)
    return {
        "z": [None if pd.isna(v) else float(v) for v in vals],
        "zmin": zmin,
        "zmax": zmax,
        "tickvals": ticks,
        "ticktext": text,
        # One value (one country, one département): a gradient with one tick said nothing; no bar.
        "showscale": hi != lo,
    }


#: Colour bar of a map: horizontal, under the map. A vertical bar took a third of a
#: phone's width and stood twice the map's height; under the map it reads at every width
#: (OWID's grapher does the same). The map's bottom margin holds it (``COLORBAR_ROOM``).
HORIZONTAL_BAR = {
    "orientation": "h",
    "x": 0.5,
    "xanchor": "center",
    "y": 0,
    "yanchor": "top",
    "ypad": 6,
    "len": 0.7,
    "thickness": 12,
    "tickangle": 0,
}
COLORBAR_ROOM = 64


#: Top margin of a figure (``_base_layout``), in pixels.
MAP_TOP = 10


def _base_layout(fig: go.Figure, height: int = 520, bottom: int = 0) -> go.Figure:
    update_layout(
        fig,
        separators=separators(),
        font={"family": FONT, "size": 14},
        margin={"l": 0, "r": 0, "t": MAP_TOP, "b": bottom},
        height=height,
        # Dark text on white, whatever the trace's colour (light grey on white was hard to read).
        hoverlabel={"font": {"family": FONT, "color": "#222222"}, "bgcolor": "#ffffff", "bordercolor": "#777777"},
    )
    return fig


#: Width (CSS pixels) of a chart on a phone: a 390-pixel screen less the page's margins.
PHONE_WIDTH = 358
#: Height of one legend entry at the partner maps' legend size (11 px).
LEGEND_LINE = 19


def geo_aspect(fig: go.Figure) -> float | None:
    """Height over width of a figure's map as drawn (None: no map).

    From the map's latitude and longitude ranges (the world's default when unset): plain
    degrees for the equirectangular and natural-earth projections, Mercator's stretch of the
    latitudes for Mercator.
    """
    geo = fig.layout.geo
    if not any(
        getattr(trace, "geo", None) is not None or trace.type in ("choropleth", "scattergeo") for trace in fig.data
    ):
        return None
    lat = list(geo.lataxis.range or (-58, 85))
    lon = list(geo.lonaxis.range or (-180, 180))
    lon_span = math.radians(abs(lon[1] - lon[0])) or math.radians(360)
    if geo.projection.type == "mercator":

        def y(deg: float) -> float:
            return math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, deg))) / 2))

        return abs(y(lat[1]) - y(lat[0])) / lon_span
    return math.radians(abs(lat[1] - lat[0])) / lon_span


def fit_to_width(fig: go.Figure, width: int = PHONE_WIDTH) -> go.Figure:
    """A map's height fitted to a narrow screen: the map itself, plus the figure's margins (in place).

    NOTE: a map's height is fixed for a computer (460 to 620 pixels); on a phone the map
    shrinks to the width and kept that height, white above and below. Other figures are
    left as they are (bar charts size themselves by their number of bars).
    """
    aspect = geo_aspect(fig)
    if aspect is None:
        return fig
    margin = fig.layout.margin
    map_height = round(width * aspect)
    band = legend_band(fig, map_height)
    height = map_height + band + (margin.t or 0) + (margin.b or 0)
    fig.layout.height = max(200, min(fig.layout.height or height, height))
    return fig


def legend_band(fig: go.Figure, map_height: int) -> int:
    """The legend placement rule of the maps: a vertical legend at the top gets a band of its own above the
    map (the map's domain ends under it), so no legend box ever lies on the data. Returns the band's height
    in pixels (0: no such legend); ``map_height``: the map's own height, without the band.

    The legend lay on the map's top-left corner, « most often ocean »: on the Nord-Pas-de-Calais slide
    and the fiches it lay on Western Europe, exactly where the collectivities and most partners are.
    """
    legend = fig.layout.legend
    on_top = (
        fig.layout.showlegend is not False and (legend.y is not None and legend.y <= 1) and legend.orientation == "v"
    )
    entries = sum(1 for trace in fig.data if trace.showlegend is not False and trace.name) if on_top else 0
    band = LEGEND_LINE * entries + 12 if entries else 0
    if band:
        update_geos(fig, domain_y=[0, map_height / (map_height + band)])
    return band


def world_map(
    counts: pd.DataFrame,
    arcs: pd.DataFrame | None = None,
    selected: tuple[str, ...] = (),
    unoutlined: pd.DataFrame | None = None,
    frame: dict | None = None,
) -> go.Figure:
    """Choropleth of links per partner country, with optional arcs France → partner places.

    ``counts`` is ``metrics.per_country``; ``arcs`` has the French and partner coordinates
    (already capped by the caller). Selected countries are outlined. ``unoutlined``
    (``metrics.without_outline``): countries the basemap cannot colour, drawn as points on
    the same colour scale. ``frame`` (``frame_on``): geo ranges to zoom on, e.g. the selected countries.
    """
    # The counts (1 to 3) for whoever reads the figure, and the same counts in words (4 to 6) for the
    # hover: « 1 lien », « 2 liens » (« 1 link »), never « 1 liens » from a template's fixed word.
    custom = (
        _object_columns(
            counts[S.PARTNER_COUNTRY_NAME].astype(str).tolist(),
            counts[S.N_COLLECTIVITIES].tolist(),
            counts[S.N_PARTNERS].tolist(),
            counts[S.COUNT].tolist(),
            counted(counts[S.N_COLLECTIVITIES], "collectivité française", "collectivités françaises"),
            counted(counts[S.N_PARTNERS], "collectivité partenaire", "collectivités partenaires"),
            counted(counts[S.COUNT], "lien"),
        )
        if len(counts)
        else None
    )
    scale = colour_scale(counts[S.COUNT], integer=True)
    fig = go.Figure(
        go.Choropleth(
            locations=counts[S.PARTNER_COUNTRY].astype(str).tolist(),
            z=scale["z"],
            customdata=custom,
            colorscale=SEQUENTIAL,
            zmin=scale["zmin"],
            zmax=scale["zmax"],
            marker={
                "line": {
                    "color": ["#d62728" if c in selected else "#ffffff" for c in counts[S.PARTNER_COUNTRY]],
                    "width": [2.5 if c in selected else 0.4 for c in counts[S.PARTNER_COUNTRY]],
                }
            },
            showscale=scale["showscale"],
            colorbar={
                **HORIZONTAL_BAR,
                "title": {"text": i18n.t("Liens"), "side": "top", "font": {"size": 12}},
                "tickvals": scale["tickvals"],
                "ticktext": scale["ticktext"],
            },
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[6]}<br>%{customdata[4]}<br>%{customdata[5]}<extra></extra>",
            name=i18n.t("Liens par pays"),
        )
    )
    if unoutlined is not None and len(unoutlined):
        z_of = dict(zip(counts[S.PARTNER_COUNTRY].astype(str), scale["z"], strict=True))
        fig.add_trace(
            go.Scattergeo(
                lat=unoutlined[S.LAT].round(3).tolist(),
                lon=unoutlined[S.LON].round(3).tolist(),
                customdata=_object_columns(
                    unoutlined[S.PARTNER_COUNTRY_NAME].map(escape_hover).tolist(),
                    unoutlined[S.COUNT].tolist(),
                    counted(unoutlined[S.COUNT], "lien"),
                ),
                mode="markers",
                marker={
                    "size": 9,
                    "color": [z_of.get(str(c)) for c in unoutlined[S.PARTNER_COUNTRY]],
                    # The choropleth's own scale and range, so a point reads like an area of the same count.
                    # (A shared ``coloraxis`` left every country unfilled in Streamlit's plotly.js.)
                    "colorscale": SEQUENTIAL,
                    "cmin": scale["zmin"],
                    "cmax": scale["zmax"],
                    "showscale": False,
                    "line": {"color": "#333333", "width": 1},
                },
                hovertemplate=i18n.t(
                    "<b>%{customdata[0]}</b><br>%{customdata[2]} (pays sans contour sur ce fond)<extra></extra>"
                ),
                name=i18n.t("Pays sans contour"),
            )
        )
    if arcs is not None and len(arcs):
        fig.add_trace(_arc_trace(arcs))
    update_geos(
        fig,
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbbbbb",
        showcoastlines=False,
        showland=True,
        landcolor="#eeeeee",
        showframe=False,
        fitbounds=False,
        # A framed map (a continent, a country) shows the sea: white, Mali's frame read as a blank third.
        **({"showocean": True, "oceancolor": "#eef4f8"} if frame else {}),
        **(frame or {"lataxis_range": [-58, 85]}),
    )
    update_layout(fig, showlegend=False, clickmode="event+select", dragmode=False)
    return _base_layout(fig, bottom=COLORBAR_ROOM if scale["showscale"] else 0)


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
        line={"width": 0.5, "color": colour},
        opacity=0.18,
        hoverinfo="skip",
        name=i18n.t("Liens"),
    )


@dataclass(frozen=True)
class Origin:
    """The collectivity a peer search starts from: marked « vous » on the map."""

    name: str
    lat: float
    lon: float


#: Label of the origin's marker on the peer map.
ORIGIN_LABEL = "vous"


def partner_map(links: pd.DataFrame, height: int = 460, origin: Origin | None = None) -> go.Figure:
    """Arcs from French collectivities to their partners, partners as points with names.

    For the fiches and the regional page: a few hundred links at most. Partners in approximate
    position (``partner_approx``: their country's centre, or a nearby place) are hollow circles in their own legend
    entry, and their hover says so; a row flagged ``synthetic`` (a test fixture, never
    bundled) says it is fictional. An ``origin`` (the peer search's own collectivity) is a
    star labelled « vous », and the frame holds it with the peers and their partners.
    """
    fig = go.Figure()
    if len(links):
        fig.add_trace(_arc_trace(links, colour="#0072B2"))
        approx = links[S.PARTNER_APPROX].astype(bool).to_numpy()
        fictional = links[S.SYNTHETIC].astype(bool).to_numpy() if S.SYNTHETIC in links else np.zeros(len(links), bool)
        for is_approx, label in (
            (False, i18n.t("Partenaires (position du lieu)")),
            (True, i18n.t("Partenaires en position approchée")),
        ):
            sub = links.loc[approx == is_approx]
            sub_fictional = fictional[approx == is_approx]
            if sub.empty:
                continue
            fig.add_trace(
                go.Scattergeo(
                    lon=sub[S.PARTNER_LON].round(3).tolist(),
                    lat=sub[S.PARTNER_LAT].round(3).tolist(),
                    mode="markers",
                    marker={
                        "size": 12 if is_approx else 8,
                        "color": "#D55E00",
                        "symbol": "circle-open" if is_approx else "circle",
                        "line": {"color": "#D55E00", "width": 3 if is_approx else 1},
                    },
                    customdata=[
                        [
                            escape_hover(place_name(p)),
                            escape_hover(c),
                            escape_hover(f),
                            i18n.t("<br><i>position approchée : centre du pays ou lieu voisin</i>")
                            if is_approx
                            else "",
                            i18n.t("<br>lien fictif (jeu d'essai)") if r else "",
                        ]
                        for p, c, f, r in zip(
                            sub[S.PARTNER_NAME].astype(str),
                            sub[S.PARTNER_COUNTRY_NAME].astype(str),
                            sub[S.FR_NAME].astype(str),
                            sub_fictional,
                            strict=True,
                        )
                    ],
                    hovertemplate=i18n.t(
                        "<b>%{customdata[0]}</b> (%{customdata[1]})%{customdata[3]}"
                        "<br>partenaire de %{customdata[2]}%{customdata[4]}<extra></extra>"
                    ),
                    name=label,
                )
            )
        fr = links.drop_duplicates([S.FR_TYPE, S.FR_CODE])
        fig.add_trace(
            go.Scattergeo(
                lon=fr[S.FR_LON].round(3).tolist(),
                lat=fr[S.FR_LAT].round(3).tolist(),
                mode="markers",
                marker={"size": 9, "color": "#0072B2", "symbol": "diamond"},
                customdata=[escape_hover(n) for n in fr[S.FR_NAME].astype(str)],
                hovertemplate="<b>%{customdata}</b><extra></extra>",
                name=i18n.t("Collectivités françaises"),
            )
        )
    frame = _frame(links)
    if origin is not None:
        fig.add_trace(
            go.Scattergeo(
                lon=[round(origin.lon, 3)],
                lat=[round(origin.lat, 3)],
                mode="markers+text",
                marker={"size": 18, "color": "#CC79A7", "symbol": "star", "line": {"color": "#222222", "width": 1}},
                text=[i18n.t(ORIGIN_LABEL)],
                textposition="top center",
                textfont={"size": 14, "color": "#222222"},
                customdata=[escape_hover(origin.name)],
                hovertemplate=i18n.t("<b>%{customdata}</b> : vous<extra></extra>"),
                name=i18n.t("Vous : {name}", name=escape_hover(origin.name)),
            )
        )
        lats = pd.concat([links[S.FR_LAT], links[S.PARTNER_LAT], pd.Series([origin.lat])])
        lons = pd.concat([links[S.FR_LON], links[S.PARTNER_LON], pd.Series([origin.lon])])
        frame = frame_on(lats, lons, 7.0, min_span=6.0)
    update_geos(
        fig,
        projection_type="equirectangular",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#f2f2f2",
        showocean=True,
        oceancolor="#eef4f8",
        showframe=False,
        fitbounds=False,
        **frame,
    )
    # A vertical legend in a band above the map (``legend_band``): on the map's corner it hid the data,
    # and a row of entries above or under the map wrapped into overlapping lines on a phone.
    update_layout(
        fig,
        showlegend=bool(len(links)) or origin is not None,
        legend={
            "orientation": "v",
            "x": 0.01,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.85)",
            "font": {"size": 11},
        },
    )
    # The plot area is the figure less ``_base_layout``'s top margin (MAP_TOP).
    band = legend_band(fig, height - MAP_TOP) if fig.layout.showlegend else 0
    return _base_layout(fig, height + band)


def frame_on(lats: pd.Series, lons: pd.Series, pad: float = 7.0, min_span: float = 0.0, landscape: float = 2.0) -> dict:
    """Geo axis ranges holding every point with a margin, widened to a landscape shape.

    ``min_span`` (degrees of latitude): the smallest frame, so one town does not fill the map.
    ``landscape``: the least width over height (in degrees) the frame is widened to.
    """
    lats, lons = pd.Series(lats, dtype=float).dropna(), pd.Series(lons, dtype=float).dropna()
    if lats.empty or lons.empty:
        return {}
    lat_lo, lat_hi = lats.min() - pad, lats.max() + pad
    if lat_hi - lat_lo < min_span:
        grow = (min_span - (lat_hi - lat_lo)) / 2
        lat_lo, lat_hi = lat_lo - grow, lat_hi + grow
    lat_lo, lat_hi = max(-60.0, lat_lo), min(85.0, lat_hi)
    lon_lo, lon_hi = lons.min() - pad, lons.max() + pad
    widen = max(0.0, landscape * (lat_hi - lat_lo) - (lon_hi - lon_lo)) / 2
    lon_lo, lon_hi = max(-180.0, lon_lo - widen), min(180.0, lon_hi + widen)
    return {
        "lataxis_range": [round(float(lat_lo), 2), round(float(lat_hi), 2)],
        "lonaxis_range": [round(float(lon_lo), 2), round(float(lon_hi), 2)],
    }


#: The world basemap plotly.js draws (Natural Earth 1:110m, served by the app): the countries' extents.
WORLD_TOPOJSON = Path(__file__).resolve().parents[2] / "static" / "topojson" / "world_110m.json"
#: Half-size (degrees) of the box around the centre of a country the basemap does not outline.
SMALL_COUNTRY_BOX = 2.0


@functools.lru_cache(maxsize=1)
def country_bounds() -> dict[str, tuple[tuple[float, float, float, float], tuple[float, float, float, float]]]:
    """ISO-3 → (extent of the whole country, extent of its largest part), each (lat_lo, lat_hi, lon_lo, lon_hi),
    from the basemap's outlines.

    The largest part frames a country (the contiguous United States, mainland Norway, Russia up to
    the 180th meridian); the whole extent sorts out misplaced partners (a Malian village geocoded in Paris).
    """
    topo = json.loads(WORLD_TOPOJSON.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        xy = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        arcs.append((xy[:, 1] * sy + ty, xy[:, 0] * sx + tx))

    def box(rings: list) -> tuple[float, float, float, float]:
        parts = [arcs[i if i >= 0 else ~i] for ring in rings for i in ring]
        lat = np.concatenate([p[0] for p in parts])
        lon = np.concatenate([p[1] for p in parts])
        return float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max())

    out = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        iso, kind = geometry.get("id"), geometry.get("type")
        if not iso or kind not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
        boxes = [box(rings[:1]) for rings in polygons if rings and rings[0]]
        if not boxes:
            continue
        whole = (
            min(b[0] for b in boxes),
            max(b[1] for b in boxes),
            min(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        largest = max(boxes, key=lambda b: (b[1] - b[0]) * (b[3] - b[2]))
        out[str(iso)] = (whole, largest)
    return out


def _inside(lat: np.ndarray, lon: np.ndarray, bounds: tuple, margin: float) -> np.ndarray:
    """Points within ``bounds`` (lat low, lat high, lon low, lon high: numbers, or arrays aligned on the points)."""
    return (
        (lat >= bounds[0] - margin)
        & (lat <= bounds[1] + margin)
        & (lon >= bounds[2] - margin)
        & (lon <= bounds[3] + margin)
    )


def _points_in_their_country(links: pd.DataFrame, extent: Callable) -> tuple[list[float], list[float]]:
    """The partners' points that lie in their own country's box (``extent(iso)``; unknown countries: every point)."""
    lat = pd.to_numeric(links[S.PARTNER_LAT], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(links[S.PARTNER_LON], errors="coerce").to_numpy(dtype=float)
    keep = ~(np.isnan(lat) | np.isnan(lon))
    # Each country's box looked up once and spread by integer codes: comparing an array of a Python
    # string per link with each country in turn was slow and held a large temporary at 100×.
    codes, names = _country_codes(links[S.PARTNER_COUNTRY])
    boxes = np.full((len(names) + 1, 4), np.nan)  # The last row: a missing country (code −1)
    for i, code in enumerate(names):
        known = extent(code)
        if known is not None:
            boxes[i] = known[0]
    box = boxes[codes]
    boxed = ~np.isnan(box[:, 0])
    keep &= ~boxed | _inside(lat, lon, (box[:, 0], box[:, 1], box[:, 2], box[:, 3]), 1.0)
    return lat[keep].tolist(), lon[keep].tolist()


def _country_codes(iso: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer code of each row's country (−1: missing) and the country of each code, as text."""
    cat = iso if isinstance(iso.dtype, pd.CategoricalDtype) else iso.astype("category")
    return cat.cat.codes.to_numpy(), [str(c) for c in cat.cat.categories]


def selection_frame(
    links: pd.DataFrame,
    countries: tuple[str, ...] = (),
    centres: pd.DataFrame | None = None,
    pad: float = 3.0,
    min_span: float = 12.0,
    landscape: float = 1.5,
) -> dict:
    """The world map's frame on a selection: its partners' places, and the whole of each country in ``countries``.

    The one framing rule of the world map, used by the page (and its camera button's PNG), the embed view and
    the slides. ``links`` is the selection (a continent's links, a few countries'); a partner placed outside its
    own country's outline (a geocoding slip) does not stretch the frame. ``centres``: the reference's countries
    (``iso3``, ``lat``, ``lon``), the centre of a country the basemap does not outline. Empty: no frame (the world).
    """
    bounds = country_bounds()
    centre_of: dict[str, tuple[float, float]] = {}
    if centres is not None and len(centres):
        centre_of = {
            str(i): (float(a), float(o))
            for i, a, o in zip(centres[S.ISO3], centres[S.LAT], centres[S.LON], strict=True)
            if pd.notna(a) and pd.notna(o)
        }

    def extent(iso: str) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]] | None:
        if iso in bounds:
            return bounds[iso]
        if iso in centre_of:
            lat, lon = centre_of[iso]
            b = SMALL_COUNTRY_BOX
            square = (lat - b, lat + b, lon - b, lon + b)
            return square, square
        return None

    lats, lons = _points_in_their_country(links, extent) if len(links) else ([], [])
    for code in countries:
        known = extent(str(code))
        if known is not None:
            lat_lo, lat_hi, lon_lo, lon_hi = known[1]
            lats += [lat_lo, lat_hi]
            lons += [lon_lo, lon_hi]
    if not lats:
        return {}
    return frame_on(pd.Series(lats), pd.Series(lons), pad, min_span=min_span, landscape=landscape)


def geojson_bounds(geojson: dict, codes: tuple[str, ...] | list[str]) -> tuple[list[float], list[float]]:
    """Latitudes and longitudes of the corners of the features ``codes`` (to frame a map on them)."""
    wanted = set(map(str, codes))
    lats: list[float] = []
    lons: list[float] = []

    def walk(coords) -> None:
        if coords and isinstance(coords[0], int | float):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
            return
        for part in coords:
            walk(part)

    for feature in geojson.get("features", []):
        if str(feature.get("id")) in wanted and feature.get("geometry"):
            walk(feature["geometry"].get("coordinates", []))
    if not lats:
        return [], []
    return [min(lats), max(lats)], [min(lons), max(lons)]


def _frame(links: pd.DataFrame, pad: float = 7.0) -> dict:
    """Axis ranges that show every French collectivity and partner, with a margin.

    Plotly.js 4's ``fitbounds`` on a few far-apart points draws an off-centre,
    clipped frame (seen on Halluin's fiche); explicit ranges on an equirectangular
    projection always show every point. The frame is widened to a landscape shape.
    """
    if links.empty:
        return {}
    return frame_on(
        pd.concat([links[S.FR_LAT], links[S.PARTNER_LAT]]), pd.concat([links[S.FR_LON], links[S.PARTNER_LON]]), pad
    )


def france_map(
    areas: pd.DataFrame,
    geojson: dict,
    points: pd.DataFrame,
    *,
    measure_label: str,
    percent: bool,
    selected: tuple[str, ...] = (),
    count_label: str = "liens",
    area_column: str | None = None,
    focus: tuple[str, ...] = (),
    geojson_url: str | None = None,
) -> go.Figure:
    """Choropleth of départements (or régions) under the engaged collectivities as points.

    ``geojson_url``: where the browser fetches ``geojson`` (the figure then carries the URL, not
    the ~200 KB of outlines); without it the outlines go inside the figure (a file of its own).

    ``focus``: codes of the areas the selection holds (a département chosen, the départements
    of a région chosen). Only they are coloured, on a scale of their own values, and the map is
    framed on them; the other areas stay as a light grey background, named as such in the legend.

    ``areas`` is ``metrics.per_area`` (code, name, count, value); ``points`` is
    ``metrics.per_collectivity``; both limited to metropolitan France by the caller.
    ``count_label`` says what ``count`` counts (« liens », « communes engagées »).
    An area whose value is unknown (no population) is drawn grey, not as zero.
    ``area_column`` (a column of ``points``) puts each point's area code in its customdata
    (index 2), so that a click on a point can select the area it lies in.
    """
    value_fmt = "%{z:.1%}" if percent else "%{z:,.1f}"
    focus_set = {str(c) for c in focus} & set(areas[S.CODE].astype(str))
    background = areas.loc[~areas[S.CODE].astype(str).isin(focus_set)] if focus_set else areas.iloc[:0]
    if focus_set:
        areas = areas.loc[areas[S.CODE].astype(str).isin(focus_set)]
    values = areas[S.VALUE].astype(float).replace([np.inf, -np.inf], np.nan).round(4)
    scale = colour_scale(values, percent=percent, from_zero=True)
    names = [escape_hover(n) for n in areas[S.NAME].astype(str)]
    codes = areas[S.CODE].astype(str).tolist()
    counts = areas[S.COUNT].astype(int).tolist() if S.COUNT in areas else [0] * len(areas)
    fig = go.Figure(
        go.Choropleth(
            featureidkey="id",
            locations=codes,
            z=scale["z"],
            customdata=[[n, c, k] for n, c, k in zip(names, codes, counts, strict=True)] or None,
            colorscale=SEQUENTIAL,
            zmin=scale["zmin"],
            zmax=scale["zmax"],
            marker={
                "line": {
                    "color": ["#d62728" if c in selected else "#ffffff" for c in codes],
                    "width": [2.5 if c in selected else 0.5 for c in codes],
                }
            },
            showscale=scale["showscale"],
            colorbar={
                **HORIZONTAL_BAR,
                "title": {"text": measure_label, "side": "top", "font": {"size": 12}},
                "tickvals": scale["tickvals"],
                "ticktext": scale["ticktext"],
            },
            hovertemplate=(
                f"<b>%{{customdata[0]}}</b> (%{{customdata[1]}})<br>{measure_label}{i18n.t(' : ')}{value_fmt}"
                f"<br>%{{customdata[2]:,}} {count_label}<extra></extra>"
            ),
            name=measure_label,
        )
    )
    if len(background):
        fig.add_trace(
            go.Choropleth(
                featureidkey="id",
                locations=background[S.CODE].astype(str).tolist(),
                z=[0] * len(background),
                colorscale=[[0, CONTEXT_COLOUR], [1, CONTEXT_COLOUR]],
                showscale=False,
                marker={"line": {"color": "#ffffff", "width": 0.5}},
                customdata=[[escape_hover(n)] for n in background[S.NAME].astype(str)],
                hovertemplate=i18n.t("<b>%{customdata[0]}</b><br>hors de la sélection<extra></extra>"),
                name=i18n.t("Hors sélection (contexte)"),
                showlegend=True,
            )
        )
    for fr_type in S.FR_TYPES:
        sub = points.loc[points[S.FR_TYPE].astype(str) == fr_type]
        if sub.empty:
            continue
        fig.add_trace(
            go.Scattergeo(
                # Numpy arrays, not lists: plotly checks a list element by element (seconds
                # for 30 000 points at 100×) and sends float32 arrays compactly (base64).
                lon=sub[S.FR_LON].round(3).to_numpy(dtype=np.float32),
                lat=sub[S.FR_LAT].round(3).to_numpy(dtype=np.float32),
                mode="markers",
                marker={
                    "size": (3 + 2.5 * np.sqrt(sub[S.COUNT].to_numpy(dtype=float))).round(1).astype(np.float32),
                    "color": TYPE_COLOURS[fr_type],
                    "opacity": 0.7,
                    "line": {"color": "#ffffff", "width": 0.4},
                },
                customdata=_object_columns(
                    [escape_hover(n) for n in sub[S.FR_NAME].astype(str)],
                    [int(c) for c in sub[S.COUNT]],
                    sub[area_column].astype(str).tolist() if area_column else [""] * len(sub),
                    [plural(int(c), "lien") for c in sub[S.COUNT]],
                ),
                hovertemplate=(
                    f"<b>%{{customdata[0]}}</b><br>{i18n.t(S.TYPE_LABELS[fr_type])}<br>%{{customdata[3]}}<extra></extra>"
                ),
                name=i18n.t(S.TYPE_LABELS[fr_type]),
            )
        )
    # The outlines set on the traces once they are in the figure: given to the traces' constructors,
    # plotly deep-copies the ~200 KB GeoJSON into the figure (~40 ms a trace); set afterwards, the
    # figure holds the shared object (never modified). Same figure, same JSON.
    for trace in fig.data:
        if trace.type == "choropleth":
            trace.geojson = geojson_url or geojson
    frame = {"lonaxis_range": list(METRO_LON), "lataxis_range": list(METRO_LAT)}
    if focus_set:
        lats, lons = geojson_bounds(geojson, sorted(focus_set))
        frame = frame_on(lats, lons, pad=0.3, min_span=1.5) or frame
    update_geos(fig, visible=False, projection_type="mercator", fitbounds=False, **frame)
    update_layout(
        fig,
        # Above the map: under it sits the colour bar.
        legend={
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "title": {"text": i18n.t("Collectivités engagées : ")},
        },
        clickmode="event+select",
        dragmode=False,
        # NOTE: points catch the mouse only right over them, so the areas between them can
        # be hovered and clicked (plotly's default of 20 px lets 3 000 points cover the map).
        hoverdistance=4,
    )
    return update_layout(_base_layout(fig, 620, bottom=COLORBAR_ROOM if scale["showscale"] else 0), margin={"t": 40})


def counted(values, singular: str, plural_form: str | None = None) -> list[str]:
    """Each count in words for a hover, singular or plural as the number asks (``text.plural``): « 1 lien »,
    « 2 liens », « 1 link ». A hover template's fixed word read « 1 liens », « 1 links »."""
    return [plural(int(n), singular, plural_form) for n in values]


def _object_columns(*columns: list) -> np.ndarray:
    """Rows of ``customdata`` as one object array (plotly takes it whole, not item by item)."""
    out = np.empty((len(columns[0]), len(columns)), dtype=object)
    for i, column in enumerate(columns):
        out[:, i] = column
    return out


def bar_chart(df: pd.DataFrame, category: str, value: str = S.COUNT, *, percent_of: int | None = None) -> go.Figure:
    """Horizontal bars, largest on top, with French labels."""
    df = df.iloc[::-1]
    text = df[value].map(fmt_int).tolist()
    # NOTE: the « non renseigné » bar (unknown theme, year…) is grey: a count, not a category.
    colours = [UNKNOWN_COLOUR if v == S.UNKNOWN_LABEL else OKABE_ITO[0] for v in df[category].astype(str)]
    fig = go.Figure(
        go.Bar(
            x=df[value].tolist(),
            # Category labels may be names from an imported file; plotly reads them as HTML.
            y=[escape_hover(v) for v in df[category].astype(str)],
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="outside",
            cliponaxis=False,
            customdata=counted(df[value], "lien"),
            hovertemplate=i18n.t("%{y} : %{customdata}<extra></extra>"),
        )
    )
    update_layout(fig, xaxis={"visible": False}, yaxis={"automargin": True}, bargap=0.25)
    # Room on the right for the value printed outside the longest bar (« 77 », not « 7 »).
    return update_layout(_base_layout(fig, max(220, 28 * len(df) + 40)), margin={"r": 48})


def decade_chart(df: pd.DataFrame, unknown: int = 0) -> go.Figure:
    """Links started per decade, as columns labelled « années 1980 »; ``unknown`` links without a
    known year are one more grey column, « non renseigné », last.

    NOTE: every decade between the first and the last is a column, empty ones included: a time
    axis that skips « 1960 » would read as if 1950 and 1970 were neighbours.
    """
    if len(df):
        first, last = int(df[S.DECADE].min()), int(df[S.DECADE].max())
        full = pd.Series(0, index=range(first, last + 10, 10), dtype="int64")
        full.update(df.set_index(S.DECADE)[S.COUNT].astype("int64"))
        df = pd.DataFrame({S.DECADE: full.index, S.COUNT: full.to_numpy()})
    labels = [i18n.t("années {decade}", decade=d) for d in df[S.DECADE]]
    counts = df[S.COUNT].tolist()
    colours = [OKABE_ITO[2]] * len(labels)
    if unknown:
        labels.append(i18n.t(S.UNKNOWN_LABEL))
        counts.append(int(unknown))
        colours.append(UNKNOWN_COLOUR)
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=counts,
            marker_color=colours,
            customdata=counted(counts, "lien"),
            hovertemplate=i18n.t("%{x} : %{customdata}<extra></extra>"),
        )
    )
    top = max(counts, default=0)
    # Whole numbers on the count axis (no « 0,5 lien »), at most about six ticks.
    dtick = max(1, int(nice_ticks(0, top, integer=True)[1])) if top > 1 else 1
    update_layout(
        fig,
        yaxis={"title": {"text": i18n.t("Liens commencés")}, "tickformat": ",d", "dtick": dtick, "rangemode": "tozero"},
        bargap=0.2,
    )
    return _base_layout(fig, 320)


def share_comparison_chart(
    df: pd.DataFrame, category: str, region_share: str, nation_share: str, *, region_label: str, nation_label: str
) -> go.Figure:
    """Side-by-side horizontal bars: the share of each value in the region and in the nation.

    ``df`` is ordered as it should read, top first (e.g. ``regional.compare_shares``).
    """
    df = df.iloc[::-1]
    names = [escape_hover(v) for v in df[category].astype(str)]
    fig = go.Figure()
    for column, label, colour in (
        (nation_share, nation_label, OKABE_ITO[1]),
        (region_share, region_label, OKABE_ITO[0]),
    ):
        fig.add_trace(
            go.Bar(
                x=df[column].astype(float).tolist(),
                y=names,
                orientation="h",
                name=label,
                marker_color=colour,
                # Texts made by fmt_pct: plotly's « % » format has no French space before the sign.
                text=[fmt_pct(v) for v in df[column].astype(float)],
                texttemplate="%{text}",
                textposition="outside",
                cliponaxis=False,
                hovertemplate=i18n.t(
                    "%{{y}}<br>{label} : %{{text}} des liens<extra></extra>", label=escape_hover(label)
                ),
            )
        )
    update_layout(
        fig,
        barmode="group",
        xaxis={"visible": False},
        yaxis={"automargin": True},
        bargap=0.2,
        bargroupgap=0.05,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "traceorder": "reversed"},
    )
    fig = _base_layout(fig, max(260, 44 * len(df) + 80))
    update_layout(fig, margin={"l": 0, "r": 40, "t": 30, "b": 0})
    return fig
