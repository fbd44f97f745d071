"""The bundled data: it validates, it resolves, and it says what the brochure says."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lianes_dash.analysis import metrics as M
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S


@pytest.fixture(scope="module")
def coll() -> pd.DataFrame:
    return D.load_collectivities()


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return D.load_countries()


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return D.load_links()


def test_reference_has_every_level_of_french_collectivity(coll: pd.DataFrame) -> None:
    counts = coll[S.TYPE].value_counts()
    assert counts["region"] == 18
    assert counts["departement"] == 101
    assert counts["epci"] > 1200
    assert counts["commune"] > 34_000


@pytest.mark.parametrize(
    ("fr_type", "name", "departement"),
    [
        ("commune", "Le Portel", "62"),
        ("commune", "Villeneuve-d'Ascq", "59"),
        ("epci", "Métropole Européenne de Lille", "59"),
        ("departement", "Pas-de-Calais", "62"),
        ("region", "Hauts-de-France", None),
    ],
)
def test_reference_names_keep_accents_and_articles(coll: pd.DataFrame, fr_type: str, name: str, departement) -> None:
    row = coll.loc[(coll[S.TYPE] == fr_type) & (coll[S.NAME] == name)]
    assert len(row) == 1
    if departement:
        assert row[S.DEPARTEMENT].iloc[0] == departement


def test_countries_have_french_names_and_variants(countries: pd.DataFrame) -> None:
    by = countries.set_index(S.ISO3)
    assert by.loc["CIV", S.NAME_FR] == "Côte d'Ivoire"
    assert by.loc["USA", S.NAME_FR] == "États-Unis"
    assert "États-Unis d'Amérique" in by.loc["USA", S.VARIANTS].split(S.THEME_SEP)
    assert by.loc["BFA", S.CONTINENT] == "Afrique"
    assert countries[S.NAME_FR].is_unique


def test_geometries_are_small_and_keyed(coll: pd.DataFrame) -> None:
    size = sum((D.data_dir() / f).stat().st_size for f in (D.DEPARTEMENTS_GEOJSON, D.REGIONS_GEOJSON))
    assert size < 1.5e6
    deps = D.load_geojson(D.DEPARTEMENTS_GEOJSON)
    assert {f["id"] for f in deps["features"]} == set(coll.loc[coll[S.TYPE] == "departement", S.CODE])


@pytest.mark.parametrize(
    "name",
    [D.NATIONAL_LINKS_FILE, D.NATIONAL_LINKS_CSV, D.BROCHURE_LINKS_FILE],
)
def test_every_bundled_links_file_validates(name: str) -> None:
    df = D.read_links_file(name)
    assert len(df) > 0


def test_every_link_resolves_in_the_reference(links: pd.DataFrame, coll: pd.DataFrame, countries) -> None:
    keys = set(zip(coll[S.TYPE], coll[S.CODE], strict=True))
    link_keys = set(zip(links[S.FR_TYPE].astype(str), links[S.FR_CODE].astype(str), strict=True))
    assert link_keys <= keys
    assert set(links[S.PARTNER_COUNTRY].astype(str)) <= set(countries[S.ISO3])
    assert links[S.FR_LAT].notna().all()
    assert links[S.PARTNER_CONTINENT].notna().all()


def test_headline_is_computed_on_real_links(links: pd.DataFrame) -> None:
    """The bundled links are real records: their counts are the build's, of the brochure's order, never typed."""
    from lianes_dash.build import links as BL

    summary = json.loads((D.data_dir() / BL.SUMMARY_JSON).read_text(encoding="utf-8"))
    h = M.headline(links)
    assert (h["links"], h["collectivities"], h["countries"]) == (
        summary["links"],
        summary["collectivities"],
        summary["countries"],
    )
    # Same order as the brochure's 2009 figures, and below them (twinnings only).
    assert 0.5 * B.PUBLISHED_LINKS < h["links"] < B.PUBLISHED_LINKS
    assert 0.5 * B.PUBLISHED_COLLECTIVITIES < h["collectivities"] < B.PUBLISHED_COLLECTIVITIES


def test_csv_copy_equals_parquet() -> None:
    parquet = D.read_links_file(D.NATIONAL_LINKS_FILE)
    csv = D.read_links_file(D.NATIONAL_LINKS_CSV)
    pd.testing.assert_frame_equal(parquet, csv)


def test_no_synthetic_row_is_bundled(links: pd.DataFrame) -> None:
    from lianes_dash.dataset import sources as SRC

    assert not links[S.SYNTHETIC].any()
    keys = {k for cell in links[S.SOURCE].astype(str).unique() for k in S.split_sources(cell)}
    assert keys == set(SRC.SOURCES)


def test_brochure_named_collectivities_are_resolved(links: pd.DataFrame) -> None:
    named = D.load_named()
    assert len(named) == len(B.NAMED) == 18
    mel = named.set_index(S.BROCHURE_NAME).loc["Communauté urbaine de Lille Métropole"]
    assert mel[S.NAME] == "Métropole Européenne de Lille"
    region = named.set_index(S.BROCHURE_NAME).loc["Région Nord - Pas de Calais"]
    assert region[S.NAME] == "Hauts-de-France"
    # The open records hold twinnings of communes: the brochure's big towns are there.
    engaged = set(zip(links[S.FR_TYPE].astype(str), links[S.FR_CODE].astype(str), strict=True))
    towns = named.loc[named[S.BROCHURE_NAME].isin(["Lille", "Calais", "Douai", "Dunkerque", "Roubaix"])]
    assert set(zip(towns[S.TYPE], towns[S.CODE], strict=True)) <= engaged


def test_halluin_and_le_portel_facts_match_the_brochure(links: pd.DataFrame) -> None:
    real = links.loc[links[S.SOURCE].astype(str).str.contains("brochure")].set_index(S.FR_NAME)
    halluin = real.loc["Halluin"]
    assert (halluin[S.PARTNER_NAME], halluin[S.PARTNER_COUNTRY], halluin[S.START_YEAR]) == ("Nkong-Zem", "CMR", 2003)
    assert set(S.split_themes(halluin[S.THEMES_COL])) == {"gestion de l'eau", "santé", "tourisme"}
    assert "lycée professionnel" in halluin[S.DESCRIPTION]
    portel = real.loc["Le Portel"]
    assert (portel[S.PARTNER_NAME], portel[S.PARTNER_COUNTRY], portel[S.KIND]) == ("Kawara", "BFA", "jumelage")
    assert pd.isna(portel[S.START_YEAR])  # the brochure does not give it
    assert set(S.split_themes(portel[S.THEMES_COL])) == {"éducation", "gestion de l'eau", "santé"}
    # neither is in the gazetteer: placed at the nearby chief town, flagged, and the description says why
    assert real[S.PARTNER_APPROX].all()
    assert real[S.DESCRIPTION].str.contains("Position approchée").all()


def test_testimonials(coll: pd.DataFrame) -> None:
    t = D.load_testimonials().set_index(S.TOWN)
    assert t.loc["Halluin", S.PERSON] == "Marc DESBUQUOIS"
    assert t.loc["Halluin", S.TOWN_POPULATION] == 20000
    assert t.loc["Le Portel", S.ROLE] == "Coordinatrice de la Politique Jeunesse et Éducation"
    assert t.loc["Le Portel", S.TOWN_POPULATION] == 11000
    assert "Kawara" in t.loc["Le Portel", S.QUOTE]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("missing", "fichier absent"),
        ("truncated", "illisible ou corrompu"),
    ],
)
def test_a_broken_data_file_names_itself_and_the_rebuild_command(tmp_path, damage: str, expected: str) -> None:
    (tmp_path / "reference").mkdir()
    target = tmp_path / D.COUNTRIES_FILE
    if damage == "truncated":
        target.write_bytes((D.data_dir() / D.COUNTRIES_FILE).read_bytes()[:200])
    with pytest.raises(D.DataFileError) as err:
        D.load_countries(tmp_path)
    message = str(err.value)
    assert expected in message and "pays.parquet" in message and D.BUILD_REFERENCE_CMD in message


def test_an_invalid_links_file_is_reported_with_the_reason(tmp_path) -> None:
    bad = D.read_links_file(D.BROCHURE_LINKS_FILE)
    bad.loc[0, S.PARTNER_COUNTRY] = "atlantide"
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(D.DataFileError, match="contenu invalide"):
        D.read_links_file(path)
