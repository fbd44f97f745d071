"""Counts on hand-built frames, and figures checked by their data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lianes_dash.analysis import metrics as M
from lianes_dash.dataset import schema as S
from lianes_dash.views import figures as F


@pytest.fixture
def links() -> pd.DataFrame:
    """Three fictitious communes and a département, five links."""
    return pd.DataFrame(
        {
            S.LINK_ID: list("abcde"),
            S.FR_TYPE: ["commune", "commune", "commune", "departement", "commune"],
            S.FR_CODE: ["99001", "99001", "99002", "99", "99003"],
            S.FR_NAME: ["Alpha", "Alpha", "Béta", "Testshire", "Gamma"],
            S.FR_DEPARTEMENT: ["99", "99", "99", "99", "98"],
            S.FR_REGION: ["R1"] * 5,
            S.FR_LAT: [45.0, 45.0, 46.0, 45.5, 47.0],
            S.FR_LON: [2.0, 2.0, 3.0, 2.5, 4.0],
            S.PARTNER_NAME: ["Kawara", "Dakar", "Kawara", "Köln", "Dakar"],
            S.PARTNER_COUNTRY: ["BFA", "SEN", "BFA", "DEU", "SEN"],
            S.PARTNER_COUNTRY_NAME: ["Burkina Faso", "Sénégal", "Burkina Faso", "Allemagne", "Sénégal"],
            S.PARTNER_LAT: [12.0, 14.7, 12.0, 50.9, 14.7],
            S.PARTNER_LON: [-1.5, -17.4, -1.5, 6.9, -17.4],
            S.THEMES_COL: ["santé|éducation", "santé", "autre : pêche", "culture", "gestion de l'eau|santé"],
            S.START_YEAR: pd.array([2004, 1995, None, 1962, 2001], dtype="Int64"),
        }
    )


def test_headline(links: pd.DataFrame) -> None:
    assert M.headline(links) == {"collectivities": 4, "links": 5, "countries": 3, "partners": 3}
    assert M.headline(links.iloc[:0]) == {"collectivities": 0, "links": 0, "countries": 0, "partners": 0}


def test_medium_towns_share(links: pd.DataFrame) -> None:
    coll = pd.DataFrame(
        {
            S.TYPE: ["commune"] * 4,
            S.CODE: ["99001", "99002", "99003", "99004"],
            S.POPULATION: pd.array([25_000, 150_000, 30_000, 40_000], dtype="Int64"),
        }
    )
    assert M.medium_towns_share(links, coll) == pytest.approx(2 / 3)


def test_themes_count_groups_unknown_themes_and_keeps_vocabulary_order(links: pd.DataFrame) -> None:
    t = M.themes_count(links)
    assert dict(zip(t[S.THEME], t[S.COUNT], strict=True)) == {
        "santé": 3,
        "culture": 1,
        "éducation": 1,
        "gestion de l'eau": 1,
        "autre": 1,
    }
    assert t[S.THEME].tolist()[1:4] == ["culture", "éducation", "gestion de l'eau"]


def test_by_decade_leaves_unknown_years_apart(links: pd.DataFrame) -> None:
    d = M.by_decade(links)
    assert d[S.DECADE].tolist() == [1960, 1990, 2000]
    assert d[S.COUNT].tolist() == [1, 1, 2]
    assert M.unknown_year_count(links) == 1


def test_count_by_sorts_ties_the_french_way(links: pd.DataFrame) -> None:
    c = M.count_by(links, S.PARTNER_COUNTRY_NAME)
    assert c[S.PARTNER_COUNTRY_NAME].tolist() == ["Burkina Faso", "Sénégal", "Allemagne"]
    assert c[S.SHARE].sum() == pytest.approx(1.0)


def test_world_map_carries_the_counts(links: pd.DataFrame) -> None:
    counts = M.per_country(links)
    fig = F.world_map(counts, M.sample_arcs(links, 2), selected=("SEN",))
    choro = fig.data[0]
    assert dict(zip(choro.locations, choro.z, strict=True)) == {"BFA": 2, "SEN": 2, "DEU": 1}
    assert [row[0] for row in choro.customdata] == counts[S.PARTNER_COUNTRY_NAME].tolist()
    widths = dict(zip(choro.locations, choro.marker.line.width, strict=True))
    assert widths["SEN"] > widths["BFA"]
    arcs = fig.data[1]
    assert len(arcs.lon) == 2 * 3 and arcs.lon[2] is None
    assert fig.layout.separators == ", "


def test_sample_arcs_is_capped_and_reproducible(links: pd.DataFrame) -> None:
    a = M.sample_arcs(links, 3)
    assert len(a) == 3
    pd.testing.assert_frame_equal(a, M.sample_arcs(links, 3))


def test_world_summary_is_french(links: pd.DataFrame) -> None:
    text = M.world_summary(M.per_country(links))
    assert text.startswith("Carte du monde : 5 liens vers 3 pays.")
    assert M.world_summary(M.per_country(links.iloc[:0])) == "Carte du monde : aucun lien dans la sélection."


def test_per_collectivity(links: pd.DataFrame) -> None:
    p = M.per_collectivity(links)
    assert p.iloc[0][S.FR_NAME] == "Alpha" and p.iloc[0][S.COUNT] == 2 and p.iloc[0][S.N_COUNTRIES] == 2
    assert len(p) == 4


def test_bar_chart_labels_numbers_the_french_way() -> None:
    df = pd.DataFrame({S.THEME: ["santé", "culture"], S.COUNT: [3250, 12]})
    fig = F.bar_chart(df, S.THEME)
    assert list(fig.data[0].y) == ["culture", "santé"]  # largest on top
    assert list(fig.data[0].text) == ["12", "3\u202f250"]


# --- links without theme or year (most real links) -----------------------------------------------
@pytest.fixture
def mostly_unknown() -> pd.DataFrame:
    """Five links of Villefictive-sur-Test: one with two themes and a year, four with neither."""
    return pd.DataFrame(
        {
            S.LINK_ID: list("vwxyz"),
            S.THEMES_COL: pd.Series(["culture|santé", None, None, None, None], dtype="category"),
            S.START_YEAR: pd.array([1987, None, None, None, None], dtype="Int64"),
        }
    )


def test_themes_count_says_how_many_links_have_no_theme(mostly_unknown: pd.DataFrame) -> None:
    assert M.known_themes_count(mostly_unknown) == 1
    plain = M.themes_count(mostly_unknown)
    assert S.UNKNOWN_LABEL not in set(plain[S.THEME])
    t = M.themes_count(mostly_unknown, unknown=True)
    assert t[S.THEME].tolist() == ["culture", "santé", S.UNKNOWN_LABEL], "« non renseigné » last"
    assert t[S.COUNT].tolist() == [1, 1, 4]
    assert t[S.SHARE].tolist() == pytest.approx([0.2, 0.2, 0.8])
    every = M.themes_count(mostly_unknown.iloc[:1], unknown=True)
    assert S.UNKNOWN_LABEL not in set(every[S.THEME]), "no empty « non renseigné » bar"


@pytest.mark.parametrize(
    ("known", "total", "expected"),
    [
        (2, 5104, "thèmes connus pour 2 liens sur 5\u202f104"),
        (1, 5104, "thèmes connus pour 1 lien sur 5\u202f104"),
        (0, 3, "thèmes connus pour 0 lien sur 3"),
        (3, 3, "thèmes connus pour les 3 liens"),
        (1, 1, "thèmes connus pour le 1 lien"),
    ],
)
def test_coverage_sentence(known: int, total: int, expected: str) -> None:
    assert M.coverage_sentence("thèmes", known, total) == expected


def test_unknown_bars_are_grey_and_last(mostly_unknown: pd.DataFrame) -> None:
    fig = F.bar_chart(M.themes_count(mostly_unknown, unknown=True), S.THEME)
    bar = fig.data[0]
    # bars are drawn bottom-up: the last row (« non renseigné ») comes first
    assert bar.y[0] == S.UNKNOWN_LABEL and bar.marker.color[0] == F.UNKNOWN_COLOUR
    assert F.UNKNOWN_COLOUR not in bar.marker.color[1:]
    dec = F.decade_chart(M.by_decade(mostly_unknown), unknown=M.unknown_year_count(mostly_unknown))
    assert list(dec.data[0].x) == ["années 1980", S.UNKNOWN_LABEL]
    assert list(dec.data[0].y) == [1, 4]
    assert list(F.decade_chart(M.by_decade(mostly_unknown)).data[0].x) == ["années 1980"]


def test_countries_without_outline_are_drawn_as_points(links: pd.DataFrame) -> None:
    """A country the basemap has no outline for (here « SEN ») would stay blank: it becomes a point."""
    counts = M.per_country(links)
    countries = pd.DataFrame(
        {
            S.ISO3: ["BFA", "SEN", "DEU"],
            S.NAME_FR: ["Burkina Faso", "Sénégal", "Allemagne"],
            S.HAS_OUTLINE: [True, False, True],
            S.LAT: [12.2, 14.5, 51.2],
            S.LON: [-1.6, -14.4, 10.4],
        }
    )
    missing = M.without_outline(counts, countries)
    assert missing[S.PARTNER_COUNTRY].tolist() == ["SEN"]
    fig = F.world_map(counts, None, unoutlined=missing)
    points = fig.data[1]
    assert (points.lat, points.lon) == ((14.5,), (-14.4,))
    assert points.marker.color == (2,)
    assert (points.marker.cmin, points.marker.cmax) == (fig.data[0].zmin, fig.data[0].zmax) == (1, 2)
    assert "Sénégal" in points.customdata[0][0]
    assert M.without_outline(counts, countries.assign(**{S.HAS_OUTLINE: True})).empty


@pytest.mark.parametrize(
    ("values", "kwargs", "ticktext"),
    [
        ([5, 6, 6, 5], {"integer": True}, ["5", "6"]),  # counts: whole numbers, never « 5,6 … 6,4 »
        ([192, 192], {"integer": True}, ["192"]),  # one value: said once
        ([0, 0, 0], {"integer": True}, ["0"]),  # nothing but zeros: one tick, not ten « 0 »
        ([0, 3], {"integer": True}, ["0", "1", "2", "3"]),  # « 0, 1, 1, 2, 2, 3 » no more
        ([1, 1500], {"integer": True}, ["1", "10", "100", "1\u202f000"]),  # log: powers of ten, room on a phone
        ([1, 52], {"integer": True}, ["1", "5", "10", "50"]),  # log over less than 3 powers of ten: 5 × 10ⁿ too
        ([2, 60], {"integer": True}, ["5", "10", "50"]),
        ([0.5, 2.6], {}, ["0,5", "1,0", "1,5", "2,0", "2,5"]),  # rates: French decimal comma, same decimals
        ([0.02, 0.31], {"percent": True}, ["10\u00a0%", "20\u00a0%", "30\u00a0%"]),
        ([0.021, 0.029], {"percent": True}, ["2,2\u00a0%", "2,4\u00a0%", "2,6\u00a0%", "2,8\u00a0%"]),
        ([4.2, 17.3], {"from_zero": True}, ["0", "5", "10", "15"]),
    ],
)
def test_colour_bar_ticks_read_right(values: list, kwargs: dict, ticktext: list[str]) -> None:
    scale = F.colour_scale(values, **kwargs)
    assert scale["ticktext"] == ticktext
    assert len(set(scale["ticktext"])) == len(scale["ticktext"])  # never two identical ticks
    assert scale["zmin"] <= min(scale["tickvals"]) and max(scale["tickvals"]) <= scale["zmax"]


def test_skewed_counts_get_a_log_scale_and_the_hover_keeps_the_count(links: pd.DataFrame) -> None:
    counts = M.per_country(links)
    counts.loc[0, S.COUNT] = 1200
    fig = F.world_map(counts)
    choro = fig.data[0]
    assert choro.z[0] == pytest.approx(np.log10(1200))
    # the hover shows the count in words (customdata[6]), not the log colour value
    assert choro.customdata[0][3] == 1200 and choro.customdata[0][6] == "1\u202f200 liens"
    assert "customdata[6]" in choro.hovertemplate
    assert choro.colorbar.ticktext[-1] == "1\u202f000"


def _square(code: str, lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]
    return {"type": "Feature", "id": code, "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _areas() -> tuple[pd.DataFrame, dict]:
    """Three fictitious départements side by side: « 97 », « 98 », « 99 »."""
    geo = {"type": "FeatureCollection", "features": [_square("97", 0, 45), _square("98", 2, 47), _square("99", 4, 49)]}
    areas = pd.DataFrame(
        {
            S.CODE: ["97", "98", "99"],
            S.NAME: ["Testrieux", "Fictionnais", "Exemplois"],
            S.COUNT: [1, 4, 20],
            S.VALUE: [1.5, 3.0, 12.0],
        }
    )
    return areas, geo


def test_france_map_whole_country_colours_every_area() -> None:
    areas, geo = _areas()
    fig = F.france_map(areas, geo, pd.DataFrame(columns=[S.FR_TYPE]), measure_label="Taux", percent=False)
    assert list(fig.data[0].locations) == ["97", "98", "99"]
    assert len(fig.data) == 1
    assert list(fig.layout.geo.lonaxis.range) == list(F.METRO_LON)


def test_france_map_focus_colours_the_selection_frames_it_and_keeps_the_rest_grey() -> None:
    areas, geo = _areas()
    fig = F.france_map(
        areas, geo, pd.DataFrame(columns=[S.FR_TYPE]), measure_label="Taux", percent=False, focus=("98",)
    )
    main, background = fig.data[0], fig.data[1]
    assert list(main.locations) == ["98"] and main.z == (3.0,)
    assert main.colorbar.ticktext == ("3",)  # the scale is the selection's own: one value, said once
    assert list(background.locations) == ["97", "99"] and background.showlegend
    assert background.name == "Hors sélection (contexte)" and background.showscale is False
    lon_lo, lon_hi = fig.layout.geo.lonaxis.range
    lat_lo, lat_hi = fig.layout.geo.lataxis.range
    assert lon_lo <= 2 and lon_hi >= 3 and lat_lo <= 47 and lat_hi >= 48  # the chosen area is in frame
    assert lon_hi - lon_lo < 8  # and the frame is zoomed on it, not all of France


def test_focus_areas_follow_the_filters() -> None:
    from lianes_dash.analysis import regional as R

    coll = pd.DataFrame(
        {
            S.TYPE: ["departement", "departement", "departement", "region", "region"],
            S.CODE: ["97", "98", "99", "R1", "R2"],
            S.REGION: ["R1", "R1", "R2", "R1", "R2"],
        }
    )
    assert R.focus_areas("departement", (), (), coll) == ()
    assert R.focus_areas("departement", ("99",), (), coll) == ("99",)
    assert R.focus_areas("departement", (), ("R1",), coll) == ("97", "98")
    assert R.focus_areas("departement", ("99",), ("R1",), coll) == ()  # AND of two filters: nothing
    assert R.focus_areas("region", ("98",), (), coll) == ("R1",)


def test_frame_on_zooms_on_points_with_a_minimum_span() -> None:
    frame = F.frame_on(pd.Series([12.0, 4.0]), pd.Series([-1.5, 10.0]), pad=4.0, min_span=14.0)
    lat_lo, lat_hi = frame["lataxis_range"]
    lon_lo, lon_hi = frame["lonaxis_range"]
    assert lat_lo <= 4 - 4 and lat_hi >= 12 + 4 and lon_lo <= -5.5 and lon_hi >= 14
    assert lon_hi - lon_lo >= 2 * (lat_hi - lat_lo) - 1e-6  # landscape
    one = F.frame_on(pd.Series([14.7]), pd.Series([-17.4]), pad=1.0, min_span=14.0)
    assert one["lataxis_range"][1] - one["lataxis_range"][0] == pytest.approx(14.0)
    assert F.frame_on(pd.Series([], dtype=float), pd.Series([], dtype=float)) == {}


@pytest.mark.parametrize(
    ("value", "percent", "text"), [(8.563, False, "8,6"), (0.4237, False, "0,42"), (0.0251, True, "2,5\u00a0%")]
)
def test_one_rate_is_said_once_with_useful_decimals(value: float, percent: bool, text: str) -> None:
    assert F.colour_scale([value, value], percent=percent)["ticktext"] == [text]


def test_decade_chart_has_every_decade_and_whole_number_ticks() -> None:
    df = pd.DataFrame({S.DECADE: [1950, 1970, 1990], S.COUNT: [2, 1, 3]})
    fig = F.decade_chart(df, unknown=4)
    bars = fig.data[0]
    assert list(bars.x) == ["années 1950", "années 1960", "années 1970", "années 1980", "années 1990", "non renseigné"]
    assert list(bars.y) == [2, 0, 1, 0, 3, 4]
    assert fig.layout.yaxis.tickformat == ",d" and fig.layout.yaxis.dtick == 1
    assert F.decade_chart(df.iloc[:0]).data[0].x == ()


def test_map_colour_bars_lie_under_the_map_with_room(links: pd.DataFrame) -> None:
    """A vertical bar took a third of a phone's width; under the map it reads at every width."""
    fig = F.world_map(M.per_country(links))
    bar = fig.data[0].colorbar
    assert (bar.orientation, bar.yanchor, bar.tickangle) == ("h", "top", 0)
    assert fig.layout.margin.b >= F.COLORBAR_ROOM


def test_one_value_has_no_gradient_bar() -> None:
    """Issue 29, point 7: a map of one place showed a full gradient with one tick."""
    counts = pd.DataFrame(
        {
            S.PARTNER_COUNTRY: ["MLI"],
            S.PARTNER_COUNTRY_NAME: ["Mali"],
            S.COUNT: [45],
            S.N_COLLECTIVITIES: [30],
            S.N_PARTNERS: [40],
        }
    )
    fig = F.world_map(counts)
    assert fig.data[0].showscale is False and fig.layout.margin.b == 0
    two = F.world_map(pd.concat([counts, counts.assign(**{S.PARTNER_COUNTRY: "SEN", S.COUNT: 3})]))
    assert two.data[0].showscale is True and two.layout.margin.b == F.COLORBAR_ROOM
