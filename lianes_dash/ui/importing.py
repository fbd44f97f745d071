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

from lianes_dash.analysis.filters import VALUE_FILTERS
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S

# Ordered_report and report_table are re-exported: the page and its tests use them from here.
from lianes_dash.importer import (
    IMPORT_FIELDS,
    ImportFileError,
    ImportResult,
    MappingError,
    MissingColumns,
    map_columns,
    worker,
)
from lianes_dash.importer.errors import FileTooLarge
from lianes_dash.importer.report import ordered_report, report_csv_bytes, report_table  # noqa: F401
from lianes_dash.text.i18n import language, t
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
CANCELLED = "import_cancelled"  #: True when the last import was stopped before its end

#: Selectbox value meaning « ignorer cette colonne ».
IGNORE = ""
FIELD_CHOICES: list[str] = [IGNORE, *IMPORT_FIELDS]
UPLOAD_TYPES = ["csv", "txt", "tsv", "xlsx"]


def field_label(fld: str) -> str:
    """Name of a field in the selectboxes, in the page's language; « ignorer » for none."""
    return t("— ignorer cette colonne —") if fld == IGNORE else t(IMPORT_FIELDS.get(fld, fld))


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
def report_download(report: pd.DataFrame) -> bytes:
    """The report file: the CLI's writer (« ; », UTF-8 BOM, formulas neutralised), in the page's language
    (English: headers, statuses, « , » separator)."""
    return report_csv_bytes(report)


def session_report_download(result: ImportResult) -> bytes:
    """``report_download`` computed once per (result, language) in this session (not on every rerun)."""
    cached = st.session_state.get("import_report_csv")
    lang = language()
    if cached is None or cached[0] is not result or cached[1] != lang:
        cached = (result, lang, report_download(result.report))
        st.session_state["import_report_csv"] = cached
    return cached[2]


def download_name(filename: str, day: dt.date | None = None) -> str:
    """« rapport_import_atlas-afrique_2026-11-26.csv » (« import_report_… » in English): the user's file
    stem, made safe for a file name."""
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", Path(filename or "fichier").stem).strip("-")[:60] or "fichier"
    prefix = "import_report" if language() == "en" else "rapport_import"
    return f"{prefix}_{stem}_{(day or dt.date.today()).isoformat()}.csv"


def links_table(links: pd.DataFrame) -> pd.DataFrame:
    """Accepted links as the user typed them, normalised, with headers in the page's language (preview)."""
    cols = [
        S.FR_NAME, S.FR_TYPE, S.FR_CODE, S.FR_DEPARTEMENT, S.PARTNER_NAME, S.PARTNER_COUNTRY,
        S.KIND, S.THEMES_COL, S.START_YEAR, S.DESCRIPTION,
    ]  # fmt: skip
    shown = links[[c for c in cols if c in links.columns]]
    return shown.rename(columns={c: t(label) for c, label in S.labels(shown.columns).items()})


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
            t(
                "Le champ « {field} » est attribué à plusieurs colonnes : {columns}.",
                field=t(IMPORT_FIELDS[fld]),
                columns=", ".join(t("« {text} »", text=c) for c in cols),
            )
            for fld, cols in conflicts.items()
        )
        return
    st.session_state[MAPPING_ERROR] = None
    # Every column is named, « ignorer » included: what runs is exactly what is shown.
    st.session_state[MAPPING] = {col: (fld if fld != IGNORE else "ignorer") for col, fld in choice.items()}


def forget_file() -> None:
    """Callback of the uploader and the sheet input: a new file starts from the detected mapping."""
    for key in (MAPPING, MAPPING_ERROR, ERROR, ERROR_COLUMNS, COLUMNS, TOKEN, CANCELLED):
        st.session_state.pop(key, None)


# ---------------------------------------------------------------------------
# Running the import
# ---------------------------------------------------------------------------
#: Session key of the gazetteer's error when the last import ran without it (the page names the file).
PLACES_ERROR = "import_places_error"


@st.cache_resource(show_spinner=False)
def _gazetteer() -> pd.DataFrame:
    """The gazetteer, loaded once; a failure is not cached (a repaired file is read at the next import)."""
    return D.load_places()


def places() -> pd.DataFrame | None:
    """The gazetteer (shared, read-only), or ``None``: partners then sit at their country's centre,
    and the page names the broken file (``PLACES_ERROR``) instead of saying nothing."""
    try:
        found = _gazetteer()
    except D.DataFileError as error:
        st.session_state[PLACES_ERROR] = error
        return None
    st.session_state.pop(PLACES_ERROR, None)
    return found


def upload_limit_bytes() -> int:
    """The one size limit: Streamlit's ``server.maxUploadSize`` (Mo of 1 048 576 octets), also the importer's."""
    return int(st.get_option("server.maxUploadSize")) * 1024 * 1024


def run_import(
    source: Any,
    filename: str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[float, str], Any] | None = None,
) -> tuple[list[str], ImportResult]:
    """Read then import ``source`` in a worker process; (the file's columns in order, the result).

    The columns come back as soon as the header is read, so that the mapping editor
    can show them even when the import then fails on a missing column. The work runs in a
    child process (``importer.worker``): memory and time limits, and a Streamlit rerun
    raised by ``progress`` (a closed tab, another widget used during the import) kills it.
    """
    step = progress or (lambda _f, _t: None)
    step(0.02, t("Lecture du fichier…"))
    if hasattr(source, "seek"):
        source.seek(0)
    limit = upload_limit_bytes()
    size = getattr(source, "size", None)
    if isinstance(size, int) and size > limit:
        raise FileTooLarge(size, limit, filename)
    # The upload's own buffer, not a copy: the worker reads it through ``fork`` (importer.worker).
    if isinstance(source, bytes | bytearray):
        data: bytes | bytearray | memoryview = source
    elif hasattr(source, "getbuffer"):
        data = source.getbuffer()
    else:
        data = source.read(limit + 1)
    columns: list[str] = []

    def got_columns(cols: list[str]) -> None:
        columns[:] = [str(c) for c in cols]
        st.session_state[COLUMNS] = list(columns)

    ref = reference()
    result = worker.run_import(
        data,
        filename,
        sheet=sheet,
        mapping=mapping,
        collectivities=ref.collectivities,
        countries=ref.countries,
        places=places(),
        max_bytes=limit,
        progress=step,
        on_columns=got_columns,
    )
    return columns, result


def cancel_import() -> None:
    """Callback of « Annuler l'import »: the rerun it triggers interrupts the import (its worker killed)."""
    st.session_state[CANCELLED] = True


def retry_import() -> None:
    """Callback of « Relancer l'import » after a cancellation."""
    for key in (TOKEN, ERROR, CANCELLED):
        st.session_state.pop(key, None)


def import_upload(upload: Any, sheet: str | None, mapping: Mapping[str, str] | None, token: tuple) -> None:
    """Run the import of an upload once per (file, sheet, mapping), with a progress bar and a cancel button.

    Whole-file failures become a French message in ``st.session_state[ERROR]``; an
    unexpected exception too (logged for the maintainers), never a traceback on screen.
    A rerun or a stop during the import (a widget, a closed tab) stops it and kills its worker: the page then
    says so and offers to start it again.
    """
    bar = st.progress(0.0, text=t("Import en cours…"))
    stop = st.empty()
    stop.button(t("Annuler l'import"), key="import_cancel", on_click=cancel_import, icon=":material/cancel:")
    st.session_state[ERROR_COLUMNS] = False
    # Marked done and interrupted *before* the work, undone at its end. A click during the
    # import (« Annuler l'import », any widget) starts a new run at once, in another thread,
    # while this one is still being stopped (Streamlit's ``runner.fastReruns``): that run must
    # see this file as taken care of, and as interrupted, or it starts the import over.
    st.session_state[TOKEN] = token
    st.session_state[CANCELLED] = True
    st.session_state[RESULT] = None
    st.session_state[ERROR] = None
    done = False
    try:
        _columns, result = run_import(
            upload, upload.name, sheet=sheet, mapping=mapping, progress=lambda f, t: bar.progress(min(f, 1.0), text=t)
        )
        done = True
    except ImportFileError as exc:
        done = True
        st.session_state[RESULT] = None
        st.session_state[ERROR] = str(exc)
        st.session_state[ERROR_COLUMNS] = isinstance(exc, MissingColumns | MappingError) or bool(
            getattr(exc, "columns_problem", False)
        )
    except Exception:  # noqa: BLE001 — a user's file must never show a traceback
        done = True
        log.exception("import of %r failed", upload.name)
        st.session_state[RESULT] = None
        st.session_state[ERROR] = t(
            "Le fichier n'a pas pu être importé à cause d'une erreur inattendue. Vérifiez qu'il s'agit bien "
            "d'un tableau CSV ou XLSX, puis signalez le problème en joignant le fichier si possible."
        )
    else:
        st.session_state[RESULT] = result
        st.session_state[ERROR] = None
    finally:
        st.session_state[TOKEN] = token
        st.session_state[CANCELLED] = not done
        if not done:
            # Interrupted by a rerun or a stop (BaseException from Streamlit): the worker is
            # already killed; the page says so instead of silently starting over.
            st.session_state[RESULT] = None
            st.session_state[ERROR] = None
        else:
            bar.empty()
            stop.empty()


# ---------------------------------------------------------------------------
# This session's dataset
# ---------------------------------------------------------------------------
def dataset_key(links: pd.DataFrame) -> str:
    """Key of an imported dataset: a hash of its content.

    NOTE: results computed on an imported dataset are kept in its session only, keyed on this
    key (``ui.cache``): a new import of other data never reads the previous one's results.
    """
    digest = hashlib.sha256(pd.util.hash_pandas_object(links, index=False).to_numpy().tobytes())
    digest.update("\x1f".join(map(str, links.columns)).encode())
    return "import-" + digest.hexdigest()[:24]


def _reset_filters() -> None:
    """Every sidebar filter back to « tous » for the dataset now in force.

    A filter set on the other dataset (a search, a year range) could hide every
    imported row and look like a failed import; a fresh start is what the user expects.
    """
    ds = dataset()
    names = [spec.field for spec in VALUE_FILTERS]
    sidebar.reset_filters(names, sidebar.dataset_year_bounds(ds))


def use_result(result: ImportResult) -> None:
    """Callback of « Utiliser ces données… »: this session now shows the accepted links."""
    use_imported(result.links, result.filename, dataset_key(result.links))
    _reset_filters()


def back_to_bundled() -> None:
    """Callback of « Revenir aux données livrées »."""
    use_bundled()
    _reset_filters()


def import_limits() -> dict[str, int]:
    """The importer's other limits, for the page to state (rows, columns, memory, time)."""
    from lianes_dash.importer import reading

    return {
        "rows": reading.MAX_ROWS,
        "columns": reading.MAX_COLUMNS,
        "memory_mb": worker.MEMORY_MB,
        "timeout_s": worker.TIMEOUT_S,
    }


def size_limits() -> tuple[int, int]:
    """(the server's upload limit, the importer's limit), in bytes: one setting, so always equal."""
    limit = upload_limit_bytes()
    return limit, limit
