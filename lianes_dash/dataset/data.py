"""Loaders: files in ``data/`` → validated pandas frames in the canonical schema.

Pure Python (no Streamlit). Every loader raises :class:`DataFileError` naming the file
and the command that rebuilds it when a file is missing or unreadable.

The doors: every file of ``data/`` the app reads is read here, and checked against the shape
the pages expect before anything uses it: tables (Parquet, CSV) by :func:`_read` and their
pandera schema; JSON files by :func:`read_json` and a check of their structure and types
(:func:`load_manifest`, :func:`load_build_summary`); GeoJSON outlines by :func:`load_geojson`,
each geometry non-empty and valid; text files by :func:`read_text_file` (UTF-8, not empty).
A file that fails its check is a :class:`DataFileError` like a missing one: the pages name
it, with the command that rebuilds it, instead of an unexpected error or a blank map.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.text.french import sort_key

#: The repo's data folder; ``LIANES_DATA_DIR`` points elsewhere (tests, benchmarks).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"

REFERENCE = "reference"
LINKS = "links"

# File names, relative to the data folder, and the command that rebuilds each.
# Where each file comes from is said once, in data/<folder>/PROVENANCE.json (rendered in
# data/SOURCES.md by lianes_dash.dataset.data_provenance); tests/test_data_provenance.py checks REBUILD against it.
COLLECTIVITIES_FILE = f"{REFERENCE}/collectivites.parquet"
FORMER_COMMUNES_FILE = f"{REFERENCE}/communes_anciennes.parquet"
COUNTRIES_FILE = f"{REFERENCE}/pays.parquet"
PLACES_FILE = f"{REFERENCE}/lieux.parquet"
DEPARTEMENTS_GEOJSON = f"{REFERENCE}/departements.geojson"
REGIONS_GEOJSON = f"{REFERENCE}/regions.geojson"
COUNTRIES_GEOJSON = f"{REFERENCE}/pays_contours.geojson"
NATIONAL_LINKS_FILE = f"{LINKS}/liens.parquet"
NATIONAL_LINKS_CSV = f"{LINKS}/liens.csv"
BROCHURE_LINKS_FILE = f"{LINKS}/brochure_npdc_liens.csv"
BROCHURE_NAMED_FILE = f"{LINKS}/brochure_npdc_collectivites.csv"
BROCHURE_TESTIMONIALS_FILE = f"{LINKS}/brochure_temoignages.csv"
BUILD_SUMMARY_FILE = f"{LINKS}/build_report_summary.json"
#: The reference's build manifest (a metadata file: no provenance entry, rebuilt with the reference).
MANIFEST_FILE = f"{REFERENCE}/MANIFEST.json"

BUILD_REFERENCE_CMD = "python -m lianes_dash.build.reference"
BUILD_LINKS_CMD = "python -m lianes_dash.build.links"

REBUILD: dict[str, str] = {
    COLLECTIVITIES_FILE: BUILD_REFERENCE_CMD,
    FORMER_COMMUNES_FILE: BUILD_REFERENCE_CMD,
    COUNTRIES_FILE: BUILD_REFERENCE_CMD,
    PLACES_FILE: BUILD_REFERENCE_CMD,
    DEPARTEMENTS_GEOJSON: BUILD_REFERENCE_CMD,
    REGIONS_GEOJSON: BUILD_REFERENCE_CMD,
    COUNTRIES_GEOJSON: BUILD_REFERENCE_CMD,
    NATIONAL_LINKS_FILE: BUILD_LINKS_CMD,
    NATIONAL_LINKS_CSV: BUILD_LINKS_CMD,
    BROCHURE_LINKS_FILE: BUILD_LINKS_CMD,
    BROCHURE_NAMED_FILE: BUILD_LINKS_CMD,
    BROCHURE_TESTIMONIALS_FILE: BUILD_LINKS_CMD,
    BUILD_SUMMARY_FILE: BUILD_LINKS_CMD,
}


class DataFileError(RuntimeError):
    """A data file is missing, unreadable or invalid; the message says how to rebuild it.

    ``reason`` is short French for the visitor; ``detail`` (the library's own words, often
    English: pandera's report, pyarrow's error) is for the server log only. The message
    names the file relative to the data folder, never the server's absolute path.
    """

    def __init__(self, path: Path, reason: str, rebuild: str | None = None, detail: str = ""):
        self.path = path
        self.reason = reason
        self.rebuild = rebuild
        self.detail = detail
        hint = f" Pour le reconstruire : `{rebuild}`." if rebuild else ""
        super().__init__(f"Fichier de données « {display_name(path)} » : {reason}.{hint}")


def display_name(path: Path | str) -> str:
    """A data file as a visitor may see it: relative to the data folder (POSIX), else its name only."""
    path = Path(path)
    for base in (data_dir(), DEFAULT_DATA_DIR):
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return path.name


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
    if path.is_dir():  # NOTE: pandas would read a folder as a Parquet dataset
        raise DataFileError(path, "un dossier se trouve à la place du fichier", rebuild)
    if path.suffix == ".csv" and not _ends_with_newline(path):
        # A CSV cut short usually still parses (fewer rows, a shorter last cell): every
        # CSV the project writes ends with a line break, so a missing one means a truncated file.
        raise DataFileError(path, "fichier tronqué (la dernière ligne est incomplète)", rebuild)
    try:
        if reader is not None:
            df = reader(path)
        elif path.suffix == ".parquet":
            df = pd.read_parquet(path)
        else:
            df = _typed_csv(pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"))
    except Exception as exc:  # Pyarrow/pandas raise many types for a corrupt file
        raise DataFileError(path, _unreadable(path, exc), rebuild, detail=f"{type(exc).__name__}: {exc}") from exc
    try:
        return validate(df)
    except Exception as exc:  # A frame of the wrong shape can fail inside the checks themselves
        detail = " ".join(str(exc).strip().splitlines()[:12]) if _is_schema_error(exc) else repr(exc)
        raise DataFileError(
            path, "contenu invalide (colonnes ou valeurs non conformes au schéma)", rebuild, detail=detail
        ) from exc


def _is_schema_error(exc: Exception) -> bool:
    """True for pandera's own report (imported here: only a validation that ran can raise it)."""
    import pandera.errors

    return isinstance(exc, (pandera.errors.SchemaError, pandera.errors.SchemaErrors))


def _ends_with_newline(path: Path) -> bool:
    """True for an empty file or one whose last byte is a line break."""
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        if f.tell() == 0:
            return True
        f.seek(-1, os.SEEK_END)
        return f.read(1) in (b"\n", b"\r")


def _unreadable(path: Path, exc: Exception) -> str:
    """Short French reason for a file that could not be read."""
    if path.is_dir():
        return "un dossier se trouve à la place du fichier"
    if isinstance(exc, UnicodeDecodeError):
        return "encodage illisible (le fichier doit être en UTF-8)"
    try:
        if path.stat().st_size == 0:
            return "fichier vide"
    except OSError:
        pass
    return "illisible ou corrompu"


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


def load_former_communes(base: Path | None = None) -> pd.DataFrame:
    """Communes déléguées, associées and municipal arrondissements, each with its commune (type COM).

    For resolving names that open records still use (« Annecy-le-Vieux » → Annecy, 74010).
    A commune déléguée may share its commune's code and name; some have no point (NA).
    """
    return _read(FORMER_COMMUNES_FILE, base, S.validate_former_communes)


def load_countries(base: Path | None = None) -> pd.DataFrame:
    """Every country with ISO codes, French names, variants, continent and centroid."""
    return _read(COUNTRIES_FILE, base, S.validate_countries)


def countries_without_outline(countries: pd.DataFrame, iso3: Iterable[str] | None = None) -> list[str]:
    """ISO3 codes of the countries the 1:110m world map draws no outline for (Comores, Monaco…),
    among ``iso3`` if given (the partner countries of a selection), sorted by French name.

    A choropleth leaves them silently uncoloured: a page shows them as points or lists them
    under the map. NOTE: a table without the outline column (``has_outline`` unknown, NA) lists
    none: not knowing is not the same as having no outline.
    """
    if S.HAS_OUTLINE not in countries:
        return []
    wanted = None if iso3 is None else {str(c) for c in iso3}
    no_outline = countries[S.HAS_OUTLINE].astype("boolean").eq(False).fillna(False).to_numpy(dtype=bool)
    found = [
        (str(name), str(code))
        for code, name in zip(countries.loc[no_outline, S.ISO3], countries.loc[no_outline, S.NAME_FR], strict=True)
        if wanted is None or str(code) in wanted
    ]
    return [code for _, code in sorted(found, key=lambda t: (sort_key(t[0]), t[1]))]


def load_places(base: Path | None = None) -> pd.DataFrame:
    """Gazetteer of places abroad (GeoNames), to place partner collectivities."""
    return _read(PLACES_FILE, base, S.validate_places)


class ShapeError(ValueError):
    """A JSON document of the wrong shape; ``str(exc)`` says where, in French (« champ « rows » »)."""


def _expect(ok: bool, where: str) -> None:
    if not ok:
        raise ShapeError(where)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _str_map(doc: dict, field: str, values: Callable[[object], bool], default: object) -> dict:
    """``doc[field]`` (``default`` when absent): an object of string keys whose values pass ``values``."""
    found = doc.get(field, default)
    _expect(
        isinstance(found, dict) and all(isinstance(k, str) and values(v) for k, v in found.items()),
        f"champ « {field} »",
    )
    return found


def read_text_file(relative: str, base: Path | None = None, rebuild: str | None = None) -> str:
    """A UTF-8 text file of the data folder, or ``DataFileError`` (absent, folder, bad encoding, empty)."""
    path = _path(relative, base)
    rebuild = rebuild or REBUILD.get(relative)
    if not path.exists():
        raise DataFileError(path, "fichier absent", rebuild)
    if path.is_dir():
        raise DataFileError(path, "un dossier se trouve à la place du fichier", rebuild)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, "encodage illisible (le fichier doit être en UTF-8)", rebuild, repr(exc)) from exc
    except OSError as exc:
        raise DataFileError(path, "illisible", rebuild, repr(exc)) from exc
    if not text.strip():
        raise DataFileError(path, "fichier vide", rebuild)
    return text


def read_json(
    relative: str, base: Path | None = None, *, rebuild: str | None = None, check: Callable[[Any], Any] | None = None
) -> Any:
    """A JSON file of the data folder, checked by ``check`` (which returns what the caller gets,
    and raises :class:`ShapeError` naming the field at fault); any failure is a ``DataFileError``."""
    path = _path(relative, base)
    rebuild = rebuild or REBUILD.get(relative)
    text = read_text_file(relative, base, rebuild)
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise DataFileError(path, "JSON illisible ou tronqué", rebuild, repr(exc)) from exc
    if check is None:
        return doc
    try:
        return check(doc)
    except ShapeError as exc:
        raise DataFileError(path, f"contenu invalide ({exc})", rebuild) from exc


def check_manifest(doc: Any) -> dict:
    """The fields of ``MANIFEST.json`` the « À propos » page shows, each of the type it expects."""
    _expect(isinstance(doc, dict), "un objet JSON est attendu")
    out = {
        "built": doc.get("built", "?"),
        "command": doc.get("command", "?"),
        "sources": _str_map(doc, "sources", lambda v: isinstance(v, str), {}),
        "rows": _str_map(doc, "rows", _is_int, {}),
        "countries_without_location": doc.get("countries_without_location", []),
        "communes_without_location": doc.get("communes_without_location", []),
        "files": _str_map(doc, "files", lambda v: isinstance(v, dict), {}),
    }
    for field in ("built", "command"):
        _expect(isinstance(out[field], str), f"champ « {field} »")
    for field in ("countries_without_location", "communes_without_location"):
        _expect(isinstance(out[field], list) and all(isinstance(v, str) for v in out[field]), f"champ « {field} »")
    for name, entry in out["files"].items():
        _expect(_is_int(entry.get("bytes", 0)) and entry.get("bytes", 0) >= 0, f"« files » › « {name} » › « bytes »")
        _expect(isinstance(entry.get("sha256", ""), str), f"« files » › « {name} » › « sha256 »")
    return out


def load_manifest(base: Path | None = None) -> dict:
    """``data/reference/MANIFEST.json``, checked (:func:`check_manifest`)."""
    return read_json(MANIFEST_FILE, base, rebuild=BUILD_REFERENCE_CMD, check=check_manifest)


def check_build_summary(doc: Any) -> dict:
    """The build report summary: row counts by status and by reason, each a whole number."""
    _expect(isinstance(doc, dict), "un objet JSON est attendu")
    rows = _str_map(doc, "rows", _is_int, {})
    reasons = _str_map(doc, "left_out_reasons", _is_int, {})
    for field in ("links", "collectivities", "countries"):
        _expect(_is_int(doc.get(field, 0)), f"champ « {field} »")
    return {**doc, "rows": rows, "left_out_reasons": reasons}


def load_build_summary(base: Path | None = None) -> dict:
    """``data/links/build_report_summary.json``, checked (:func:`check_build_summary`)."""
    return read_json(BUILD_SUMMARY_FILE, base, check=check_build_summary)


#: Geometries an outline may have (plotly draws nothing else as an area).
OUTLINE_TYPES = ("Polygon", "MultiPolygon")


def _only_numbers(coordinates: object) -> bool:
    """True when ``coordinates`` nests lists down to finite numbers only (no text, no true/false).

    NOTE: shapely reads « "2.35" » as a number, plotly.js does not: text is refused here.
    """
    stack = [coordinates]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item):
            return False
    return True


def check_outlines(doc: Any) -> dict:
    """A FeatureCollection of areas, each with its ``id`` (the maps' key) and a non-empty, valid geometry.

    Valid JSON of empty or broken geometries drew a blank France map and no message.
    Checking the ~300 outlines takes ~0.15 s, once per process (the loaders are cached).
    """
    from shapely.geometry import shape

    _expect(isinstance(doc, dict) and doc.get("type") == "FeatureCollection", "une FeatureCollection est attendue")
    features = doc.get("features")
    _expect(isinstance(features, list) and len(features) > 0, "GeoJSON sans contours")
    for i, feat in enumerate(features, start=1):
        _expect(isinstance(feat, dict), f"contour n° {i} : un objet est attendu")
        ident = feat.get("id")
        _expect(
            isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident) != "",
            f"contour n° {i} sans « id »",
        )
        where = f"contour « {ident} »"
        geometry = feat.get("geometry")
        _expect(
            isinstance(geometry, dict) and geometry.get("type") in OUTLINE_TYPES,
            f"{where} : géométrie absente ou d'un autre type",
        )
        _expect(_only_numbers(geometry.get("coordinates")), f"{where} : coordonnées illisibles")
        try:
            geom = shape(geometry)
        except Exception as exc:  # Shapely raises several types for malformed coordinates
            raise ShapeError(f"{where} : coordonnées illisibles") from exc
        _expect(not geom.is_empty, f"{where} : géométrie vide")
        _expect(geom.is_valid, f"{where} : géométrie invalide")
    return doc


def load_geojson(relative: str, base: Path | None = None) -> dict:
    """A GeoJSON outline file of ``data/reference`` as a dict (for plotly), checked (:func:`check_outlines`)."""
    return read_json(relative, base, rebuild=REBUILD.get(relative, BUILD_REFERENCE_CMD), check=check_outlines)


def load_named(base: Path | None = None) -> pd.DataFrame:
    """Engaged collectivities of Nord-Pas-de-Calais that the 2009 brochure names."""
    return _read(BROCHURE_NAMED_FILE, base, S.validate_named)


def load_testimonials(base: Path | None = None) -> pd.DataFrame:
    """The brochure's two testimonials (Halluin, Le Portel)."""
    return _read(BROCHURE_TESTIMONIALS_FILE, base, S.validate_testimonials)


#: Link columns with few distinct values, read from Parquet straight as ``category`` (they
#: become categorical in ``enrich_links`` anyway). Read as plain strings they made the
#: load peak at 100× (600 000 rows × 7 columns, then the validation copies, then the casts).
COMPACT_LINK_COLUMNS = (
    S.FR_TYPE,
    S.FR_DEPARTEMENT,
    S.FR_REGION,
    S.PARTNER_COUNTRY,
    S.KIND,
    S.THEMES_COL,
    S.SOURCE,
)


def _read_links_parquet(path: Path) -> pd.DataFrame:
    """A links Parquet file with its repetitive columns dictionary-encoded (pandas ``category``)."""
    import pyarrow.parquet as pq

    present = set(pq.read_schema(path).names)
    table = pq.read_table(path, read_dictionary=[c for c in COMPACT_LINK_COLUMNS if c in present])
    # NOTE: self_destruct frees each Arrow column once converted, so both copies never coexist.
    return table.to_pandas(self_destruct=True, split_blocks=True)


def _read_links_csv(path: Path) -> pd.DataFrame:
    """A links CSV, its repetitive columns as ``category`` like ``_read_links_parquet`` (same frame)."""
    df = _typed_csv(pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"))
    for col in COMPACT_LINK_COLUMNS:
        if col in df.columns:
            df[col] = df[col].astype("category")
    return df


def validate_links_compact(df: pd.DataFrame) -> pd.DataFrame:
    """``schema.validate_links``, without turning categorical columns back into 600 000 strings.

    Every check of the links schema still runs: the categorical columns are checked on their
    distinct values (the checks are per value: same verdict as on every row) and their
    missing values; the other columns, the uniqueness of the identifiers and the set of
    columns (strict) on the frame itself. When a categorical column fails, it is
    validated again row by row, so that the error names the rows, as for a CSV.
    """
    compact = [c for c in df.columns if c in S.LINK_COLUMNS and isinstance(df[c].dtype, pd.CategoricalDtype)]
    if not compact:
        return S.validate_links(df)
    for col in compact:
        one = _schema_of(col)
        values = df[col].cat.categories.astype(str).tolist()
        if df[col].isna().any():
            values.append(None)
        try:
            one.validate(pd.DataFrame({col: pd.Series(values, dtype="object")}), lazy=True)
        except Exception as exc:
            if not _is_schema_error(exc):
                raise
            one.validate(pd.DataFrame({col: df[col]}), lazy=True)  # raises, naming the rows
            raise
    rest = S.LINKS_SCHEMA.remove_columns(compact).validate(df.drop(columns=compact), lazy=True)
    for col in compact:
        # The categories as ``astype("category")`` makes them (used values, sorted), so that
        # group-bys and ties come out in the same order as from a CSV.
        cat = df[col].cat.rename_categories(df[col].cat.categories.astype(str)).cat.remove_unused_categories()
        rest[col] = cat.cat.reorder_categories(sorted(cat.cat.categories))
    return rest[list(df.columns)]


def _schema_of(column: str):
    """The links schema restricted to one column (its dtype, nullability and checks)."""
    return type(S.LINKS_SCHEMA)({column: S.LINKS_SCHEMA.columns[column]}, name=S.LINKS_SCHEMA.name)


def read_links_file(path: Path | str, base: Path | None = None) -> pd.DataFrame:
    """Read a links file (Parquet or canonical CSV) and validate it, without enrichment.

    A relative ``path`` is taken inside the data folder; an absolute one as it is.
    """
    return _read(str(path), base, S.validate_links)


def read_links_compact(path: Path | str, base: Path | None = None) -> pd.DataFrame:
    """``read_links_file`` with the columns of ``COMPACT_LINK_COLUMNS`` as ``category``, validated
    as such: about 170 MB less at the loading peak at 100×, and the same frame once enriched."""
    reader = _read_links_parquet if str(path).endswith(".parquet") else _read_links_csv
    return _read(str(path), base, validate_links_compact, reader=reader)


def enrich_links(links: pd.DataFrame, collectivities: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Add the derived columns (coordinates, population, continent, names) used by the pages.

    Low-cardinality text columns become ``category``: filters and group-bys on
    them are several times faster, and memory at 100× stays small.
    """
    # NOTE: only the three columns used are looked up: reindexing the whole table made a
    # temporary copy of its ten columns per link (about 40 MB more at the load peak at 100×).
    coll = collectivities.set_index([S.TYPE, S.CODE])[[S.LAT, S.LON, S.POPULATION]]
    key = pd.MultiIndex.from_arrays([links[S.FR_TYPE].astype(str), links[S.FR_CODE].astype(str)])
    found = coll.reindex(key)
    # Shallow: copy-on-write (pandas ≥ 3) keeps ``links`` untouched without
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
        out[col] = _as_category(out[col])
    return out


def _as_category(values: pd.Series) -> pd.Series:
    """``astype("category")``, also for a column already categorical (read compact, or mapped from
    one): its categories become the used values, sorted, exactly as from plain strings."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype("category")
    values = values.cat.remove_unused_categories()
    return values.cat.reorder_categories(sorted(values.cat.categories))


def load_reference_cached(base: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(collectivities, countries) as :func:`load_collectivities` and :func:`load_countries` give them,
    validated once per content of their files (``dataset.validated``): a restart reads the copy."""
    from lianes_dash.dataset import validated

    return (
        validated.cached("collectivites", [_path(COLLECTIVITIES_FILE, base)], lambda: load_collectivities(base)),
        validated.cached("pays", [_path(COUNTRIES_FILE, base)], lambda: load_countries(base)),
    )


def load_bundled_links_cached(
    collectivities: pd.DataFrame, countries: pd.DataFrame, base: Path | None = None
) -> pd.DataFrame:
    """The bundled links read compact, validated and enriched with ``collectivities`` and ``countries``
    (the tables of the reference files, :func:`load_reference_cached`), once per content of the three
    files: a restart on unchanged files reads the enriched copy instead of validating again."""
    from lianes_dash.dataset import validated

    files = [_path(f, base) for f in (NATIONAL_LINKS_FILE, COLLECTIVITIES_FILE, COUNTRIES_FILE)]
    return validated.cached(
        "liens",
        files,
        lambda: enrich_links(read_links_compact(NATIONAL_LINKS_FILE, base), collectivities, countries),
    )


def load_links(path: Path | str | None = None, base: Path | None = None) -> pd.DataFrame:
    """The bundled national links (or the file at ``path``), validated and enriched."""
    links = read_links_compact(path if path is not None else NATIONAL_LINKS_FILE, base)
    return enrich_links(links, load_collectivities(base), load_countries(base))


def load_brochure_links(base: Path | None = None) -> pd.DataFrame:
    """The real Nord-Pas-de-Calais links documented by the brochure (not enriched)."""
    return _read(BROCHURE_LINKS_FILE, base, S.validate_links)
