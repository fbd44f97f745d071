"""Loaders: files in ``data/`` → validated pandas frames in the canonical schema.

Pure Python (no Streamlit). Every loader raises :class:`DataFileError` naming the file
and the command that rebuilds it when a file is missing or unreadable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pandera.errors

from lianes_dash import schema as S

#: The repo's data folder; ``LIANES_DATA_DIR`` points elsewhere (tests, benchmarks).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

REFERENCE = "reference"
LINKS = "links"

# File names, relative to the data folder, and the command that rebuilds each.
COLLECTIVITIES_FILE = f"{REFERENCE}/collectivites.parquet"
COUNTRIES_FILE = f"{REFERENCE}/pays.parquet"
PLACES_FILE = f"{REFERENCE}/lieux.parquet"
DEPARTEMENTS_GEOJSON = f"{REFERENCE}/departements.geojson"
REGIONS_GEOJSON = f"{REFERENCE}/regions.geojson"
COUNTRIES_GEOJSON = f"{REFERENCE}/pays_contours.geojson"
NATIONAL_LINKS_FILE = f"{LINKS}/demo_national.parquet"
NATIONAL_LINKS_CSV = f"{LINKS}/demo_national.csv"
BROCHURE_LINKS_FILE = f"{LINKS}/brochure_npdc_liens.csv"
BROCHURE_NAMED_FILE = f"{LINKS}/brochure_npdc_collectivites.csv"
BROCHURE_TESTIMONIALS_FILE = f"{LINKS}/brochure_temoignages.csv"

BUILD_REFERENCE_CMD = "python -m lianes_dash.build_reference"
BUILD_DEMO_CMD = "python -m lianes_dash.demo"

REBUILD: dict[str, str] = {
    COLLECTIVITIES_FILE: BUILD_REFERENCE_CMD,
    COUNTRIES_FILE: BUILD_REFERENCE_CMD,
    PLACES_FILE: BUILD_REFERENCE_CMD,
    DEPARTEMENTS_GEOJSON: BUILD_REFERENCE_CMD,
    REGIONS_GEOJSON: BUILD_REFERENCE_CMD,
    COUNTRIES_GEOJSON: BUILD_REFERENCE_CMD,
    NATIONAL_LINKS_FILE: BUILD_DEMO_CMD,
    NATIONAL_LINKS_CSV: BUILD_DEMO_CMD,
    BROCHURE_LINKS_FILE: "git checkout data/links (fichier saisi depuis la brochure)",
    BROCHURE_NAMED_FILE: "git checkout data/links (fichier saisi depuis la brochure)",
    BROCHURE_TESTIMONIALS_FILE: "git checkout data/links (fichier saisi depuis la brochure)",
}


class DataFileError(RuntimeError):
    """A data file is missing, unreadable or invalid; the message says how to rebuild it."""

    def __init__(self, path: Path, reason: str, rebuild: str | None = None):
        self.path = path
        self.reason = reason
        self.rebuild = rebuild
        hint = f" Pour le reconstruire : `{rebuild}`." if rebuild else ""
        super().__init__(f"Fichier de données « {path} » : {reason}.{hint}")


def data_dir() -> Path:
    """The data folder in force (``LIANES_DATA_DIR`` or the repo's ``data/``)."""
    return Path(os.environ.get("LIANES_DATA_DIR", DEFAULT_DATA_DIR))


def _path(relative: str, base: Path | None) -> Path:
    return (base or data_dir()) / relative


def _read(relative: str, base: Path | None, validate, reader=None) -> pd.DataFrame:
    """Read one table and validate it, turning every failure into a DataFileError."""
    path = _path(relative, base)
    rebuild = REBUILD.get(relative)
    if not path.exists():
        raise DataFileError(path, "fichier absent", rebuild)
    try:
        if reader is not None:
            df = reader(path)
        elif path.suffix == ".parquet":
            df = pd.read_parquet(path)
        else:
            df = _typed_csv(pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"))
    except Exception as exc:  # NOTE: pyarrow/pandas raise many types for a corrupt file
        raise DataFileError(path, f"illisible ou corrompu ({type(exc).__name__}: {exc})", rebuild) from exc
    try:
        return validate(df)
    except (pandera.errors.SchemaError, pandera.errors.SchemaErrors) as exc:
        first = str(exc).strip().splitlines()[:12]
        raise DataFileError(path, "contenu invalide : " + " ".join(first), rebuild) from exc


_BOOLEANS = {"true": True, "false": False, "vrai": True, "faux": False, "1": True, "0": False}


def _typed_csv(df: pd.DataFrame) -> pd.DataFrame:
    """Parse the boolean columns of a CSV read as text.

    NOTE: coercing the text « False » to bool gives True; anything that is not a known
    boolean becomes NA, so that validation rejects it instead of guessing.
    """
    for col in df.columns:
        spec = S.ALL_COLUMNS.get(col)
        if spec is not None and spec.dtype == "bool":
            df[col] = df[col].str.strip().str.lower().map(_BOOLEANS).astype("boolean")
    return df


def load_collectivities(base: Path | None = None) -> pd.DataFrame:
    """Every French commune, EPCI, département and région (reference data)."""
    return _read(COLLECTIVITIES_FILE, base, S.validate_collectivities)


def load_countries(base: Path | None = None) -> pd.DataFrame:
    """Every country with ISO codes, French names, variants, continent and centroid."""
    return _read(COUNTRIES_FILE, base, S.validate_countries)


def load_places(base: Path | None = None) -> pd.DataFrame:
    """Gazetteer of places abroad (GeoNames), to place partner collectivities."""
    return _read(PLACES_FILE, base, S.validate_places)


def load_geojson(relative: str, base: Path | None = None) -> dict:
    """A GeoJSON outline file of ``data/reference`` as a dict (for plotly)."""
    path = _path(relative, base)
    rebuild = REBUILD.get(relative, BUILD_REFERENCE_CMD)
    if not path.exists():
        raise DataFileError(path, "fichier absent", rebuild)
    try:
        geo = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(path, f"GeoJSON illisible ({exc})", rebuild) from exc
    if not isinstance(geo, dict) or not geo.get("features"):
        raise DataFileError(path, "GeoJSON sans contours", rebuild)
    return geo


def load_named(base: Path | None = None) -> pd.DataFrame:
    """Engaged collectivities of Nord-Pas de Calais that the 2009 brochure names."""
    return _read(BROCHURE_NAMED_FILE, base, S.validate_named)


def load_testimonials(base: Path | None = None) -> pd.DataFrame:
    """The brochure's two testimonials (Halluin, Le Portel)."""
    return _read(BROCHURE_TESTIMONIALS_FILE, base, S.validate_testimonials)


def read_links_file(path: Path | str, base: Path | None = None) -> pd.DataFrame:
    """Read a links file (Parquet or canonical CSV) and validate it, without enrichment.

    A relative ``path`` is taken inside the data folder; an absolute one as it is.
    """
    return _read(str(path), base, S.validate_links)


def enrich_links(links: pd.DataFrame, collectivities: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Add the derived columns (coordinates, population, continent, names) used by the pages.

    NOTE: low-cardinality text columns become ``category``: filters and group-bys on
    them are several times faster, and memory at 100× stays small.
    """
    coll = collectivities.set_index([S.TYPE, S.CODE])
    key = pd.MultiIndex.from_arrays([links[S.FR_TYPE].astype(str), links[S.FR_CODE].astype(str)])
    found = coll.reindex(key)
    # NOTE: shallow: copy-on-write (pandas ≥ 3) keeps ``links`` untouched without
    # duplicating every column (100 MB more at the load peak at 100×).
    out = links.copy(deep=False)
    out[S.FR_LAT] = found[S.LAT].to_numpy()
    out[S.FR_LON] = found[S.LON].to_numpy()
    out[S.FR_POPULATION] = found[S.POPULATION].to_numpy()
    deps = collectivities.loc[collectivities[S.TYPE] == "departement"].set_index(S.CODE)[S.NAME]
    regs = collectivities.loc[collectivities[S.TYPE] == "region"].set_index(S.CODE)[S.NAME]
    out[S.FR_DEPARTEMENT_NAME] = links[S.FR_DEPARTEMENT].map(deps)
    out[S.FR_REGION_NAME] = links[S.FR_REGION].map(regs)
    by_iso = countries.set_index(S.ISO3)
    out[S.PARTNER_COUNTRY_NAME] = links[S.PARTNER_COUNTRY].map(by_iso[S.NAME_FR])
    out[S.PARTNER_CONTINENT] = links[S.PARTNER_COUNTRY].map(by_iso[S.CONTINENT])
    for col in (
        S.FR_TYPE,
        S.FR_DEPARTEMENT,
        S.FR_REGION,
        S.PARTNER_COUNTRY,
        S.KIND,
        S.SOURCE,
        S.FR_DEPARTEMENT_NAME,
        S.FR_REGION_NAME,
        S.PARTNER_COUNTRY_NAME,
        S.PARTNER_CONTINENT,
        S.THEMES_COL,
    ):
        out[col] = out[col].astype("category")
    return out


def load_links(path: Path | str | None = None, base: Path | None = None) -> pd.DataFrame:
    """The bundled national links (or the file at ``path``), validated and enriched."""
    links = read_links_file(path if path is not None else NATIONAL_LINKS_FILE, base)
    return enrich_links(links, load_collectivities(base), load_countries(base))


def load_brochure_links(base: Path | None = None) -> pd.DataFrame:
    """The real Nord-Pas de Calais links documented by the brochure (not enriched)."""
    return _read(BROCHURE_LINKS_FILE, base, S.validate_links)
