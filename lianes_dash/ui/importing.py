"""The import page's logic, in small functions a test can call without a browser.

The page (``app_pages/import_data.py``) only lays these out. What is kept where:
the last ``ImportResult`` of this session sits in ``st.session_state[RESULT]`` (never in a
shared cache, never on disk); switching the dashboard to it goes through
``state.use_imported``, which is also per session.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from lianes_dash import data as D
from lianes_dash import schema as S
from lianes_dash.filters import URL_KEYS
from lianes_dash.importer import (
    DEFAULT_MAX_BYTES,
    IMPORT_FIELDS,
    ImportFileError,
    ImportResult,
    MappingError,
    MissingColumns,
    import_links,
    map_columns,
    read_table,
)

# NOTE: ordered_report and report_table are re-exported: the page and its tests use them from here.
from lianes_dash.importer.report import ordered_report, report_csv_bytes, report_table  # noqa: F401
from lianes_dash.ui import sidebar
from lianes_dash.ui.state import dataset, reference, use_bundled, use_imported

log = logging.getLogger(__name__)

# Session keys (this browser session only).
RESULT = "import_result"  #: the last ``ImportResult``
ERROR = "import_error"  #: French message of the last failed import
ERROR_COLUMNS = "import_error_columns"  #: True when that failure is about columns (mapping can fix it)
COLUMNS = "import_columns"  #: the uploaded file's columns, in file order
TOKEN = "import_token"  #: (file id, sheet, mapping) the last import ran on
MAPPING = "import_mapping"  #: the mapping the user submitted: {column: field, "" = ignorer}
MAPPING_ERROR = "import_mapping_error"
UPLOAD = "import_upload"  #: key of the file uploader
SHEET = "import_sheet"  #: key of the sheet name input

#: Selectbox value meaning « ignorer cette colonne ».
IGNORE = ""
FIELD_CHOICES: list[str] = [IGNORE, *IMPORT_FIELDS]
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx"]


def field_label(fld: str) -> str:
    """French name of a field in the selectboxes; « ignorer » for none."""
    return "— ignorer cette colonne —" if fld == IGNORE else IMPORT_FIELDS.get(fld, fld)


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
def report_download(report: pd.DataFrame) -> bytes:
    """The report file: the CLI's writer (French, « ; », UTF-8 BOM, formulas neutralised)."""
    return report_csv_bytes(report)


def session_report_download(result: ImportResult) -> bytes:
    """``report_download`` computed once per result in this session (not on every rerun)."""
    cached = st.session_state.get("import_report_csv")
    if cached is None or cached[0] is not result:
        cached = (result, report_download(result.report))
        st.session_state["import_report_csv"] = cached
    return cached[1]


def download_name(filename: str, day: dt.date | None = None) -> str:
    """« rapport_import_atlas-afrique_2026-11-26.csv »: the user's file stem, made safe for a file name."""
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", Path(filename or "fichier").stem).strip("-")[:60] or "fichier"
    return f"rapport_import_{stem}_{(day or dt.date.today()).isoformat()}.csv"


def links_table(links: pd.DataFrame) -> pd.DataFrame:
    """Accepted links as the user typed them, normalised, with French headers (preview)."""
    cols = [
        S.FR_NAME, S.FR_TYPE, S.FR_CODE, S.FR_DEPARTEMENT, S.PARTNER_NAME, S.PARTNER_COUNTRY,
        S.KIND, S.THEMES_COL, S.START_YEAR, S.DESCRIPTION,
    ]  # fmt: skip
    shown = links[[c for c in cols if c in links.columns]]
    return shown.rename(columns=S.labels(shown.columns))


# ---------------------------------------------------------------------------
# Mapping
# ---------------------------------------------------------------------------
def detected_fields(columns: Sequence[str], mapping: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{file column: field}`` as the importer will read it (``IGNORE`` for a column left aside)."""
    fields, _ignored = map_columns(columns, mapping)
    by_column = {col: fld for fld, col in fields.items()}
    return {col: by_column.get(col, IGNORE) for col in columns}


def mapping_conflicts(choice: Mapping[str, str]) -> dict[str, list[str]]:
    """Fields given to more than one column: ``{field: [columns]}`` (the user must choose)."""
    seen: dict[str, list[str]] = {}
    for col, fld in choice.items():
        if fld != IGNORE:
            seen.setdefault(fld, []).append(col)
    return {fld: cols for fld, cols in seen.items() if len(cols) > 1}


def mapping_widget_key(file_id: str, sheet: str | None, index: int) -> str:
    """Session key of the selectbox of one column (new file or sheet → fresh widgets)."""
    digest = hashlib.sha1(f"{file_id}\x1f{sheet or ''}".encode()).hexdigest()[:10]
    return f"import_col_{digest}_{index}"


def submit_mapping(columns: list[str], keys: list[str]) -> None:
    """Callback of « Relancer l'import »: keep the user's mapping, or say which field is doubled."""
    choice = {col: st.session_state.get(key, IGNORE) for col, key in zip(columns, keys, strict=True)}
    conflicts = mapping_conflicts(choice)
    if conflicts:
        st.session_state[MAPPING_ERROR] = " ".join(
            f"Le champ « {IMPORT_FIELDS[fld]} » est attribué à plusieurs colonnes : "
            + ", ".join(f"« {c} »" for c in cols)
            + "."
            for fld, cols in conflicts.items()
        )
        return
    st.session_state[MAPPING_ERROR] = None
    # NOTE: every column is named, « ignorer » included: what runs is exactly what is shown.
    st.session_state[MAPPING] = {col: (fld if fld != IGNORE else "ignorer") for col, fld in choice.items()}


def forget_file() -> None:
    """Callback of the uploader and the sheet input: a new file starts from the detected mapping."""
    for key in (MAPPING, MAPPING_ERROR, ERROR, ERROR_COLUMNS, COLUMNS, TOKEN):
        st.session_state.pop(key, None)


# ---------------------------------------------------------------------------
# Running the import
# ---------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def places() -> pd.DataFrame | None:
    """The gazetteer (shared, read-only), or ``None``: partners then sit at their country's centre."""
    try:
        return D.load_places()
    except D.DataFileError:
        return None


def run_import(
    source: Any,
    filename: str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[float, str], Any] | None = None,
) -> tuple[list[str], ImportResult]:
    """Read then import ``source``; (the file's columns in order, the result).

    NOTE: the file is read with ``read_table`` first so that the columns are known in
    file order (for the mapping editor) even when the import then fails on a missing
    column; ``import_links`` takes that frame, so the file is read once.
    """
    step = progress or (lambda _f, _t: None)
    step(0.02, "Lecture du fichier…")
    if hasattr(source, "seek"):
        source.seek(0)
    frame = read_table(source, filename, sheet=sheet, max_bytes=DEFAULT_MAX_BYTES)
    columns = [str(c) for c in frame.columns]
    st.session_state[COLUMNS] = columns
    ref = reference()
    result = import_links(
        frame,
        filename=filename,
        mapping=mapping,
        collectivities=ref.collectivities,
        countries=ref.countries,
        places=places(),
        progress=lambda f: step(0.25 + 0.75 * f, "Vérification des lignes…"),
    )
    return columns, result


def import_upload(upload: Any, sheet: str | None, mapping: Mapping[str, str] | None, token: tuple) -> None:
    """Run the import of an upload once per (file, sheet, mapping), with a progress bar.

    Whole-file failures become a French message in ``st.session_state[ERROR]``; an
    unexpected exception too (logged for the maintainers), never a traceback on screen.
    """
    bar = st.progress(0.0, text="Import en cours…")
    st.session_state[ERROR_COLUMNS] = False
    try:
        _columns, result = run_import(
            upload, upload.name, sheet=sheet, mapping=mapping, progress=lambda f, t: bar.progress(min(f, 1.0), text=t)
        )
    except ImportFileError as exc:
        st.session_state[RESULT] = None
        st.session_state[ERROR] = str(exc)
        st.session_state[ERROR_COLUMNS] = isinstance(exc, MissingColumns | MappingError)
    except Exception:  # noqa: BLE001 — a user's file must never show a traceback
        log.exception("import of %r failed", upload.name)
        st.session_state[RESULT] = None
        st.session_state[ERROR] = (
            "Le fichier n'a pas pu être importé à cause d'une erreur inattendue. Vérifiez qu'il s'agit bien "
            "d'un tableau CSV ou XLSX, puis signalez le problème en joignant le fichier si possible."
        )
    else:
        st.session_state[RESULT] = result
        st.session_state[ERROR] = None
    finally:
        st.session_state[TOKEN] = token
        bar.empty()


# ---------------------------------------------------------------------------
# This session's dataset
# ---------------------------------------------------------------------------
def dataset_key(links: pd.DataFrame) -> str:
    """Key of an imported dataset: a hash of its content.

    NOTE: the sidebar caches its filter options by dataset key (``st.cache_data``, shared
    by the server): keyed on the content, another visitor can only ever hit an entry
    for identical data, never see someone else's names.
    """
    digest = hashlib.sha256(pd.util.hash_pandas_object(links, index=False).to_numpy().tobytes())
    digest.update("\x1f".join(map(str, links.columns)).encode())
    return "import-" + digest.hexdigest()[:24]


def _reset_filters() -> None:
    """Every sidebar filter back to « tous » for the dataset now in force.

    NOTE: a filter set on the other dataset (a search, a year range) could hide every
    imported row and look like a failed import; a fresh start is what the user expects.
    """
    ds = dataset()
    names = [n for n in URL_KEYS if n not in ("year_min", "year_max", "search")]
    sidebar.reset_filters(names, sidebar.year_bounds(ds.links))


def use_result(result: ImportResult) -> None:
    """Callback of « Utiliser ces données… »: this session now shows the accepted links."""
    use_imported(result.links, result.filename, dataset_key(result.links))
    _reset_filters()


def back_to_bundled() -> None:
    """Callback of « Revenir aux données livrées »."""
    use_bundled()
    _reset_filters()


def size_limits() -> tuple[int, int]:
    """(the server's upload limit, the importer's limit), in bytes; the smaller one applies."""
    server = int(st.get_option("server.maxUploadSize")) * 1024 * 1024
    return server, DEFAULT_MAX_BYTES
