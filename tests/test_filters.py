"""Filters: what each field keeps, and the URL round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash import schema as S
from lianes_dash.filters import Filters, filter_links, from_query, to_query


def _links(categorical: bool) -> pd.DataFrame:
    """Four fictitious collectivities, five links; « e » has no theme and no year (like most real links)."""
    df = pd.DataFrame(
        {
            S.LINK_ID: ["a", "b", "c", "d", "e"],
            S.FR_TYPE: ["commune", "commune", "departement", "commune", "commune"],
            S.FR_CODE: ["99001", "99002", "99", "99001", "99003"],
            S.FR_NAME: ["Épinal-sur-Test", "Bourg-Fictif", "Testshire", "Épinal-sur-Test", "Villefictive-sur-Test"],
            S.FR_DEPARTEMENT: ["99", "98", "99", "99", "98"],
            S.FR_REGION: ["R1", "R2", "R1", "R1", "R2"],
            S.PARTNER_NAME: ["Kawara", "Dakar", "Köln", "Nkong-Zem", "Fictivstadt"],
            S.PARTNER_COUNTRY: ["BFA", "SEN", "DEU", "CMR", "DEU"],
            S.PARTNER_COUNTRY_NAME: ["Burkina Faso", "Sénégal", "Allemagne", "Cameroun", "Allemagne"],
            S.PARTNER_CONTINENT: ["Afrique", "Afrique", "Europe", "Afrique", "Europe"],
            S.KIND: ["jumelage", "aide au développement", "jumelage", "coopération décentralisée", "jumelage"],
            S.THEMES_COL: ["éducation|santé", "gestion de l'eau", "culture", "autre : pêche|santé", None],
            S.START_YEAR: pd.array([2004, 1995, None, 2003, None], dtype="Int64"),
        }
    )
    if categorical:
        for col in (S.FR_TYPE, S.FR_DEPARTEMENT, S.PARTNER_COUNTRY, S.PARTNER_CONTINENT, S.KIND, S.THEMES_COL):
            df[col] = df[col].astype("category")
    return df


CASES = [
    (Filters(), ["a", "b", "c", "d", "e"]),
    (Filters(regions=("R1",)), ["a", "c", "d"]),
    (Filters(departements=("98",)), ["b", "e"]),
    (Filters(types=("departement",)), ["c"]),
    (Filters(continents=("Afrique",)), ["a", "b", "d"]),
    (Filters(countries=("BFA", "CMR")), ["a", "d"]),
    (Filters(themes=("santé",)), ["a", "d"]),
    (Filters(themes=("autre",)), ["d"]),
    (Filters(themes=(S.UNKNOWN_LABEL,)), ["e"]),
    (Filters(themes=("culture", S.UNKNOWN_LABEL)), ["c", "e"]),
    (Filters(kinds=("jumelage",)), ["a", "c", "e"]),
    (Filters(collectivities=("commune:99001",)), ["a", "d"]),
    # links without a year are kept by default, whatever the range, and dropped only on request
    (Filters(year_min=2000), ["a", "c", "d", "e"]),
    (Filters(year_min=1990, year_max=2003), ["b", "c", "d", "e"]),
    (Filters(year_min=2000, year_unknown=False), ["a", "d"]),
    (Filters(year_min=1990, year_max=2003, year_unknown=False), ["b", "d"]),
    (Filters(year_unknown=False), ["a", "b", "d"]),
    (Filters(search="epinal"), ["a", "d"]),
    (Filters(search="KÖLN"), ["c"]),
    (Filters(search="senegal"), ["b"]),
    (Filters(continents=("Afrique",), kinds=("jumelage",)), ["a"]),
    (Filters(countries=("FRA",)), []),
]


@pytest.mark.parametrize("categorical", [False, True], ids=["text", "category"])
@pytest.mark.parametrize(("filters", "expected"), CASES)
def test_filter_links_keeps_what_it_should(filters: Filters, expected: list[str], categorical: bool) -> None:
    kept = filter_links(_links(categorical), filters)
    assert kept[S.LINK_ID].tolist() == expected


@pytest.mark.parametrize(("filters", "_"), CASES)
def test_url_round_trip(filters: Filters, _) -> None:
    assert from_query(to_query(filters)) == filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"pays": "BFA~XXX"}, Filters(countries=("BFA",))),
        ({"de": "19x5", "a": "2009"}, Filters(year_max=2009)),
        ({"q": "x" * 500}, Filters(search="x" * 100)),
        ({"pays": ["SEN", "BFA"]}, Filters(countries=("BFA",))),
        ({"inconnu": "1"}, Filters()),
    ],
)
def test_hand_edited_urls_are_cleaned(params: dict, expected: Filters) -> None:
    assert from_query(params, allowed={"countries": {"BFA", "SEN", "CMR"}}) == expected


def test_active_count_counts_the_year_range_once() -> None:
    assert Filters(year_min=1990, year_max=2000, countries=("BFA",)).active_count() == 2
    assert Filters(year_min=1990, year_unknown=False).active_count() == 1
    assert Filters(year_unknown=False).active_count() == 1 and not Filters(year_unknown=False).is_empty()
    assert Filters(search="x").active_count() == 1
    assert Filters().is_empty() and Filters().active_count() == 0


def test_keeping_links_without_year_is_the_default_and_absent_from_the_url() -> None:
    assert to_query(Filters()) == {}
    assert to_query(Filters(year_unknown=False)) == {"sans_annee": "0"}
    assert from_query({"sans_annee": "1"}) == Filters()


@pytest.mark.parametrize(
    ("fr_type", "name", "dep", "expected"),
    [
        ("commune", "Halluin", "59", "Halluin (59)"),
        ("epci", "Métropole Européenne de Lille", "59", "Métropole Européenne de Lille (59)"),
        ("commune", "Sans-Dép", None, "Sans-Dép"),
        ("commune", "Sans-Dép", "nan", "Sans-Dép"),
        ("departement", "Nord", "59", "Nord (département)"),
        ("region", "Hauts-de-France", None, "Hauts-de-France (région)"),
    ],
)
def test_collectivity_label(fr_type: str, name: str, dep, expected: str) -> None:
    from lianes_dash.filters import collectivity_label

    assert collectivity_label(fr_type, name, dep) == expected


def test_a_theme_column_with_no_known_theme_at_all() -> None:
    """Like most real selections: every theme unknown (a categorical column with no category)."""
    links = _links(True).iloc[[4]].copy()
    links[S.THEMES_COL] = pd.Series([None], dtype="category", index=links.index)
    assert filter_links(links, Filters(themes=("santé",))).empty
    assert filter_links(links, Filters(themes=(S.UNKNOWN_LABEL,)))[S.LINK_ID].tolist() == ["e"]
