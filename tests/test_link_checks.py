"""The named checks of the links build (issue 27), each on a few hand-built rows named after a real case.

Points are the ones the raw snapshots give for these rows (Wikidata's own coordinates, or the
Wikipedia geocode); the geography is the bundled reference (outlines, communes, places).
"""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash.build import checks as CK
from lianes_dash.dataset import data as D
from lianes_dash.importer.geo_resolve import PointCollectivityIndex

pytestmark = pytest.mark.xdist_group("build_links")


@pytest.fixture(scope="module")
def geo() -> CK.Geography:
    return CK.Geography(
        D.load_geojson(D.COUNTRIES_GEOJSON), D.load_countries(), D.load_geojson(D.DEPARTEMENTS_GEOJSON), D.load_places()
    )


@pytest.fixture(scope="module")
def side(geo: CK.Geography) -> CK.FrenchSide:
    coll = D.load_collectivities()
    return CK.FrenchSide(PointCollectivityIndex(coll, D.load_former_communes()), coll, geo)


def _french(side: CK.FrenchSide, rows: list[tuple[str, tuple[float, float], bool]]) -> pd.DataFrame:
    """The rows as the build gives them to the check: resolved first by the resolver, as in the build."""
    fr_rows = [side.index.resolve_point(name, point, trusted_point=trusted).row for name, point, trusted in rows]
    frame = pd.DataFrame(
        {
            "fr_name": [r[0] for r in rows],
            "fr_lat": [r[1][0] for r in rows],
            "fr_lon": [r[1][1] for r in rows],
            "trusted": [r[2] for r in rows],
            "fr_row": pd.array(fr_rows, dtype="Int64"),
        }
    )
    return CK.check_french_side(frame, side)


@pytest.mark.parametrize(
    ("name", "point", "trusted", "outcome", "code"),
    [
        # Wikidata's own point: the homonym far from it gives way to the collectivity at the point.
        ("Évry", (48.623889, 2.429444), True, CK.RERESOLVED, "91228"),  # not Évry (Yonne): Évry-Courcouronnes
        ("Vire", (48.838611, -0.889167), True, CK.RERESOLVED, "14762"),  # not Viré: Vire Normandie
        ("Domfront", (48.590278, -0.640278), True, CK.RERESOLVED, "61145"),  # Domfront (Orne), not (Oise)
        ("Thizy", (46.0333, 4.3122), True, CK.RERESOLVED, "69248"),  # Thizy-les-Bourgs, not Thizy (Yonne)
        ("Torfou", (47.0375, -1.115833), True, CK.RERESOLVED, "49301"),  # Sèvremoine
        ("Belleville", (46.108611, 4.749167), True, CK.RERESOLVED, "69019"),  # Belleville-en-Beaujolais
        ("Allier", (46.333333, 3.166667), True, CK.RERESOLVED, "03"),  # the département, not the village
        # Wikipedia's geocode of the name: only the same name is taken from it.
        ("Les Marches", (45.5, 6.0017), False, CK.RERESOLVED, "73151"),  # Porte-de-Savoie, not Marches (Drôme)
        ("Creuse", (46.1222, 1.9128), False, CK.RERESOLVED, "23"),
        ("Réunion", (-21.1144, 55.5325), False, CK.RERESOLVED, "974"),  # not La Réunion (Lot-et-Garonne)
        ("Arras (communauté)", (50.29, 2.78), False, CK.RERESOLVED, "200033579"),  # the EPCI, not the commune
        ("Lille", (50.6372, 3.0633), True, CK.KEPT, "59350"),
        ("Bruges", (51.2, 3.2), False, CK.KEPT, "33075"),  # geocoded in Belgium: says nothing of the French name
        ("Rousset", (44.4777, 6.2485), False, CK.REFUSED, None),  # Rousset (13) 121 km off, nothing of that name there
    ],
)
def test_french_side(side: CK.FrenchSide, name: str, point, trusted: bool, outcome: str, code: str | None) -> None:
    got = _french(side, [(name, point, trusted)]).iloc[0]
    assert got["outcome"] == outcome, got["note"]
    if code is None:
        assert got["value"] is None and "km du point" in got["note"]
    else:
        assert side.index.codes[int(got["value"])] == code


def test_a_geocode_far_off_is_kept_when_wikidata_puts_the_name_there(side: CK.FrenchSide) -> None:
    """Vienne – Greenwich: Wikipedia's geocode is 362 km off, Wikidata's point for « Vienne » confirms Vienne (Isère)."""
    got = _french(side, [("Vienne", (45.5256, 4.8747), True), ("Vienne", (46.58, 0.34), False)])
    assert list(got["outcome"]) == [CK.KEPT, CK.KEPT]
    assert "Wikidata" in got["note"].iloc[1]


@pytest.mark.parametrize(
    ("partner", "iso3", "trusted", "point", "expected"),
    [
        ("Gothenburg", "DNK", False, (57.706944, 11.966667), "SWE"),  # denmark.tsv's mislabelled origincountry
        ("Tyresö Municipality", "DNK", False, (59.233333, 18.216667), "SWE"),
        ("Copenhagen", "SWE", False, (55.676111, 12.568889), "DNK"),  # sweden.tsv, the other way round
        ("Aachen", "DEU", False, (50.774167, 6.0825), "DEU"),  # the world map's coarse border does not decide
        ("Dakhla", "MAR", True, (23.716667, -15.95), "ESH"),  # south of 27°40' N: Western Sahara
        ("Haouza", "MAR", True, (27.0814, -11.1433), "ESH"),
        ("Călărași", "ROU", True, (44.2, 27.333333), "ROU"),
        ("Călărași District", "MDA", True, (47.25, 28.3333), "MDA"),
    ],
)
def test_country(geo: CK.Geography, partner: str, iso3: str, trusted: bool, point, expected: str) -> None:
    frame = pd.DataFrame(
        {"iso3": [iso3], "label_trusted": [trusted], "lat": [point[0]], "lon": [point[1]], "partner_name": [partner]}
    )
    got = CK.check_country(frame, geo).iloc[0]
    assert got["value"] == expected
    assert got["outcome"] == (CK.KEPT if expected == iso3 else CK.RERESOLVED)


@pytest.mark.parametrize(
    ("case", "iso3", "point", "words"),
    [
        ("Bagnolet – Massala at Bagnolet", "MLI", (48.8692, 2.4181), "France"),
        ("Creil – Nabadji Civol at Creil", "SEN", (49.2583, 2.4833), "France"),
        ("Honfleur – Plyos at Honfleur", "RUS", (49.4194, 0.2325), "France"),
        ("Lamotte-Beuvron – Paris (USA) in Paris", "USA", (48.8567, 2.3522), "France"),
        ("Saint-Dié – Lorraine (Canada) in Lorraine", "CAN", (49.0, 6.0), "France"),
        ("Châtenay-Malabry – Wellington in New Zealand", "GBR", (-41.2889, 174.7772), "hors du pays"),
        ("Ligné – Norton in Sydney", "GBR", (-33.911, 150.959), "hors du pays"),
        ("Bruges – Polanco in Mexico City", "ESP", (19.4339, -99.1967), "hors du pays"),
        ("Brampton in Ontario", "GBR", (43.6883, -79.7608), "hors du pays"),
        ("Aida Camp in Spain", "PSE", (37.7399, -0.8519), "hors du pays"),
        ("Savigny-le-Temple – Ndjili, centre of Congo", "COD", (-3.0, 24.0), "degrés entiers"),
        ("Lille – Cologne", "DEU", (50.9364, 6.9528), ""),
        ("Rouen – Jeju, an island the world map leaves out", "KOR", (33.5, 126.5333), ""),
        ("Menton – Monaco, no outline", "MCO", (43.7333, 7.4167), ""),
    ],
)
def test_partner_point(geo: CK.Geography, case: str, iso3: str, point, words: str) -> None:
    problem = CK.point_problem(iso3, point, geo)
    assert (words in problem) if words else problem == "", (case, problem)
    frame = pd.DataFrame({"iso3": [iso3], "lat": [point[0]], "lon": [point[1]]})
    assert CK.check_partner_point(frame, geo)["outcome"].iloc[0] == (CK.REFUSED if words else CK.KEPT)


def test_place_partner_prefers_the_source_point_at_a_place_of_that_name() -> None:
    """Issy – Ichikawa: Wikidata's item is Ichikawa (Hyōgo, 134.76° E), Wikipedia's geocode Ichikawa (Chiba)."""
    hyogo, chiba = (34.9894, 134.7631), (35.7216, 139.9309)
    point, approx, outcome, note = CK.place_partner(
        [hyogo, chiba], [hyogo, chiba], lambda: None, (0.0, 0.0), lambda p: p == chiba
    )
    assert (point, approx, outcome) == (chiba, False, CK.REPLACED) and "contredisent" in note
    # Points that agree, or a first point at a place of that name: kept.
    assert CK.place_partner([chiba, hyogo], [chiba, hyogo], lambda: None, (0, 0), lambda p: True)[2] == CK.KEPT


@pytest.mark.parametrize(
    ("raw", "usable", "located", "outcome", "approx"),
    [
        ([(1.5, 2.5)], [(1.5, 2.5)], None, CK.KEPT, False),
        ([(48.87, 2.42), (13.28, -6.5)], [None, (13.28, -6.5)], None, CK.REPLACED, False),  # Massala: the other source
        ([(48.86, 2.35)], [None], (33.66, -95.56), CK.REPLACED, False),  # Paris (USA): GeoNames' Paris in the USA
        ([(49.26, 2.48)], [None], None, CK.APPROX, True),  # Nabadji Civol: the centre of Senegal, marked approximate
        ([None], [None], None, "", True),  # no source point: placed as before, not counted
    ],
)
def test_place_partner(raw, usable, located, outcome: str, approx: bool) -> None:
    point, is_approx, got, _note = CK.place_partner(raw, usable, lambda: located, (0.0, 0.0))
    assert (got, is_approx) == (outcome, approx)
    if outcome == CK.KEPT:
        assert point == raw[0]


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("County Kildare", "kildare"),
        ("Tyresö Municipality", "tyreso"),
        ("London Borough of Southwark", "southwark"),
        ("Honolulu County", "honolulu"),
        ("Prague 6 (Prague)", "prague 6"),
        ("Călărași District", "calarasi"),
        ("Massala, Mali", "massala"),
        ("Aken (Elbe)", "aken"),
        ("Melle", "melle"),
        ("City", "city"),  # never emptied
    ],
)
def test_core_name(name: str, core: str) -> None:
    assert CK.core_name(name) == core


def _links(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["fr", "partner_name", "iso3", "lat", "lon", "sources"])


@pytest.mark.parametrize(
    ("case", "rows", "merged"),
    [
        (
            "Deauville: Kildare (Wikidata) and County Kildare (Wikipedia)",
            [
                (1, "Kildare", "IRL", 53.157, -6.909, ["wikidata"]),
                (1, "County Kildare", "IRL", 53.2, -6.8, ["wikipedia"]),
            ],
            [1],
        ),
        (
            "Dijon: Prague 6 twice in Wikipedia, 9 km apart",
            [
                (1, "Prague 6 (Prague)", "CZE", 50.102, 14.2706, ["wikipedia"]),
                (1, "Prague 6", "CZE", 50.1008, 14.3947, ["wikipedia"]),
            ],
            [1],
        ),
        (
            "Savigny-le-Temple: Tyresö Municipality and Tyresö",
            [
                (1, "Tyresö Municipality", "SWE", 59.2333, 18.2167, ["wikidata"]),
                (1, "Tyresö", "SWE", 59.2167, 18.3333, ["wikipedia"]),
            ],
            [1],
        ),
        (
            "Villefranche-sur-Saône: Călărași in Romania (Wikidata), in Moldova (Wikipedia)",
            [
                (1, "Călărași", "ROU", 44.2, 27.3333, ["wikidata"]),
                (1, "Călărași District", "MDA", 47.25, 28.3333, ["wikipedia"]),
            ],
            [1],
        ),
        (
            "Melle: Melle in Belgium and Melle in Germany, both in Wikipedia",
            [
                (1, "Melle", "DEU", 52.203, 8.336, ["wikidata", "wikipedia"]),
                (1, "Melle", "BEL", 51.003, 3.799, ["wikipedia"]),
            ],
            [],
        ),
        (
            "Two French collectivities twinned with Kildare",
            [
                (1, "Kildare", "IRL", 53.157, -6.909, ["wikidata"]),
                (2, "County Kildare", "IRL", 53.2, -6.8, ["wikipedia"]),
            ],
            [],
        ),
    ],
)
def test_merge_duplicates(case: str, rows: list[tuple], merged: list[int]) -> None:
    got = CK.merge_duplicates(_links(rows))
    assert [n for n, o in enumerate(got["outcome"]) if o == CK.MERGED] == merged, case
    for n in merged:
        assert got["value"].iloc[n] == 0 and "=" in got["note"].iloc[n]
    if "Moldova" in case:
        assert "pays en conflit" in got["note"].iloc[1]
