"""Tiny reference tables for tests of the importer (and of pages that call it).

Real names where they help reading (Halluin, Le Portel, Dunkerque) but *fictitious*
homonyms (two « Saint-Martin »), so that tests never depend on ``data/reference``.
"""

from __future__ import annotations

import functools

import pandas as pd

from lianes_dash.dataset import schema as S

_COLLECTIVITIES = [
    # code, type, name, subtype, population, departement, region, epci, lat, lon
    ("59279", "commune", "Halluin", None, 21000, "59", "32", "200093201", 50.78, 3.13),
    ("62667", "commune", "Le Portel", None, 9000, "62", "32", "246200364", 50.71, 1.57),
    ("59183", "commune", "Dunkerque", None, 87000, "59", "32", "245900428", 51.03, 2.37),
    ("59350", "commune", "Lille", None, 236000, "59", "32", "200093201", 50.63, 3.06),
    ("62765", "commune", "Saint-Omer", None, 14000, "62", "32", None, 50.75, 2.25),
    ("59901", "commune", "Saint-Martin", None, 1000, "59", "32", None, 50.5, 3.0),
    ("62901", "commune", "Saint-Martin", None, 2000, "62", "32", None, 50.4, 2.0),
    ("59902", "commune", "Sainte-Marie-d'Œuvre", None, 500, "59", "32", None, 50.2, 3.2),
    ("75056", "commune", "Paris", None, 2100000, "75", "11", "200054781", 48.86, 2.35),
    ("245900428", "epci", "Communauté urbaine de Dunkerque", "CU", 190000, "59", "32", None, 51.0, 2.3),
    ("200093201", "epci", "Métropole Européenne de Lille", "MET", 1180000, "59", "32", None, 50.6, 3.0),
    ("59", "departement", "Nord", None, 2600000, None, "32", None, 50.4, 3.2),
    ("62", "departement", "Pas-de-Calais", None, 1460000, None, "32", None, 50.5, 2.3),
    ("75", "departement", "Paris", None, 2100000, None, "11", None, 48.86, 2.35),
    ("32", "region", "Hauts-de-France", None, 6000000, None, "32", None, 49.9, 2.8),
    ("11", "region", "Île-de-France", None, 12000000, None, "11", None, 48.7, 2.5),
]

_COUNTRIES = [
    # iso3, iso2, name_fr, name_en, variants, continent, lat, lon
    ("SEN", "SN", "Sénégal", "Senegal", "Republique du Senegal", "Afrique", 14.5, -14.4),
    ("MAR", "MA", "Maroc", "Morocco", "Royaume du Maroc", "Afrique", 31.8, -7.1),
    ("BFA", "BF", "Burkina Faso", "Burkina Faso", "Burkina", "Afrique", 12.2, -1.6),
    ("DEU", "DE", "Allemagne", "Germany", "", "Europe", 51.2, 10.4),
    ("GBR", "GB", "Royaume-Uni", "United Kingdom", "", "Europe", 54.0, -2.0),
    ("USA", "US", "États-Unis", "United States", "", "Amérique du Nord", 39.8, -98.6),
    ("VNM", "VN", "Viêt Nam", "Viet Nam", "Vietnam", "Asie", 16.0, 107.8),
    ("PSE", "PS", "Palestine", "Palestine, State of", "", "Asie", 31.9, 35.2),
    ("BEL", "BE", "Belgique", "Belgium", "", "Europe", 50.6, 4.7),
    ("COG", "CG", "Congo", "Congo", "", "Afrique", -0.7, 15.2),
    (
        "COD",
        "CD",
        "République démocratique du Congo",
        "Congo, The Democratic Republic of the",
        "RDC",
        "Afrique",
        -2.9,
        23.6,
    ),
    ("CIV", "CI", "Côte d'Ivoire", "Côte d'Ivoire", "", "Afrique", 7.5, -5.5),
    ("POL", "PL", "Pologne", "Poland", "", "Europe", 52.1, 19.4),
]

_PLACES = [
    # geonameid, place, country, population, lat, lon
    (2250805, "Kaolack", "SEN", 172000, 14.15, -16.07),
    (2246452, "Saint-Louis", "SEN", 176000, 16.02, -16.49),
    (4407066, "Saint Louis", "USA", 300000, 38.63, -90.20),
    (2253354, "Dakar", "SEN", 2476000, 14.69, -17.44),
    (2542997, "Marrakech", "MAR", 840000, 31.63, -8.01),
    (2357048, "Ouahigouya", "BFA", 86000, 13.58, -2.42),
    (2928810, "Essen", "DEU", 580000, 51.46, 7.01),
    (9999001, "Essen", "BEL", 19000, 51.47, 4.47),
    (9999002, "Springfield", "USA", 167000, 39.80, -89.64),
    (9999003, "Springfield", "USA", 155000, 37.21, -93.30),
]


def _frame(rows: list[tuple], columns: list[str], specs: dict[str, S.ColumnSpec]) -> pd.DataFrame:
    """Rows given for ``columns``; any other column of the schema (added later) left empty.

    NOTE: the schema grows (countries gained population, languages…); the fixtures
    must not break each time, so unknown nullable columns are filled with NA.
    """
    df = pd.DataFrame(rows, columns=columns)
    return df.reindex(columns=list(specs))


@functools.cache
def _validated(table: str) -> pd.DataFrame:
    """One table, built and validated once per process.

    NOTE: pandera takes ~20 ms per table, and the importer's tests ask for the three tables a few
    hundred times; callers get a copy, so that a test changing its tables changes only its own.
    """
    if table == "collectivities":
        cols = [S.CODE, S.TYPE, S.NAME, S.SUBTYPE, S.POPULATION, S.DEPARTEMENT, S.REGION, S.EPCI, S.LAT, S.LON]
        return S.validate_collectivities(_frame(_COLLECTIVITIES, cols, S.COLLECTIVITY_COLUMNS))
    if table == "countries":
        cols = [S.ISO3, S.ISO2, S.NAME_FR, S.NAME_EN, S.VARIANTS, S.CONTINENT, S.LAT, S.LON]
        return S.validate_countries(_frame(_COUNTRIES, cols, S.COUNTRY_COLUMNS))
    cols = [S.GEONAME_ID, S.PLACE, S.COUNTRY, S.POPULATION, S.LAT, S.LON]
    return S.validate_places(_frame(_PLACES, cols, S.PLACE_COLUMNS))


def tiny_collectivities() -> pd.DataFrame:
    """A validated collectivities table of a few real and two fictitious communes."""
    return _validated("collectivities").copy()


def tiny_countries() -> pd.DataFrame:
    """A validated countries table of a dozen countries."""
    return _validated("countries").copy()


def tiny_places() -> pd.DataFrame:
    """A validated gazetteer with homonyms (two Springfield, Essen in two countries)."""
    return _validated("places").copy()


def tiny_reference() -> dict[str, pd.DataFrame]:
    """Keyword arguments for ``import_links``: ``import_links(src, **tiny_reference())``."""
    return {"collectivities": tiny_collectivities(), "countries": tiny_countries(), "places": tiny_places()}


def write_reference(folder) -> None:
    """Write the tiny tables where ``lianes_dash.dataset.data`` looks for them (``folder/reference``).

    For CLI tests: ``LIANES_DATA_DIR=folder python -m lianes_dash import …``.
    """
    from pathlib import Path

    from lianes_dash.dataset import data

    root = Path(folder)
    (root / data.REFERENCE).mkdir(parents=True, exist_ok=True)
    tiny_collectivities().to_parquet(root / data.COLLECTIVITIES_FILE, index=False)
    tiny_countries().to_parquet(root / data.COUNTRIES_FILE, index=False)
    tiny_places().to_parquet(root / data.PLACES_FILE, index=False)
