"""The import page's logic, in small functions a test can call without a browser.

The page (``app_pages/import_data.py``) only lays these out. What is kept where: the chosen
file and the last import's result are files in this session's folder (``ui.session_files``,
deleted with the session), never in a shared cache; the session state holds their names and
the result's counts (``importer.stored.StoredResult``). The page reads one page of the report at
a time, and the report's CSV from its file on click. Switching the dashboard to the result
(``state.use_imported``) loads its links, once, in this session.
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
from lianes_dash.importer import stored as stored_results
from lianes_dash.importer.errors import FileTooLarge
from lianes_dash.importer.report import ordered_report, report_csv_bytes, report_table  # noqa: F401
from lianes_dash.importer.stored import StoredResult, dataset_key  # noqa: F401
from lianes_dash.text.french import fmt_int
from lianes_dash.text.i18n import language, t
from lianes_dash.ui import session_files, sidebar, tables
from lianes_dash.ui.session_files import SavedUpload
from lianes_dash.ui.state import dataset, reference, use_bundled, use_imported

log = logging.getLogger(__name__)

# Session keys (this browser session only).
RESULT = "import_result"  #: the last import's ``StoredResult`` (its tables in the session's folder)
FILE = "import_saved_file"  #: the chosen file, saved once to the session's folder (``SavedUpload``)
REPORT_PAGE = "import_report_page"  #: key of the report's page selector
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
#: Rows of the report (and of the links' preview) the page shows at once.
PAGE_ROWS = 1_000


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


def report_file(result: StoredResult) -> Callable[[], bytes]:
    """The download button's data: the report's CSV read from its file when the visitor clicks, not held
    by the server meanwhile (same bytes as ``report_download`` of the whole report)."""
    path = result.csv_path
    return path.read_bytes


def report_pages(count: int) -> list[tuple[int, int]]:
    """The report cut into pages of ``PAGE_ROWS`` rows: ``[(start, stop), …]`` (one, empty, for no row)."""
    return [(a, min(a + PAGE_ROWS, count)) for a in range(0, max(count, 1), PAGE_ROWS)]


def show_report(result: StoredResult) -> None:
    """The report, a page at a time (a selector when it has more than ``PAGE_ROWS`` rows)."""
    pages = report_pages(result.report_count)
    index = 0
    if len(pages) > 1:
        if st.session_state.get(REPORT_PAGE, 0) >= len(pages):
            st.session_state[REPORT_PAGE] = 0
        index = st.selectbox(
            t("Lignes du rapport affichées"),
            options=range(len(pages)),
            format_func=lambda i: t(
                "lignes {a} à {b} sur {n}",
                a=fmt_int(pages[i][0] + 1),
                b=fmt_int(pages[i][1]),
                n=fmt_int(result.report_count),
            ),
            key=REPORT_PAGE,
        )
    start, stop = pages[index]
    tables.show_table(result.report_page(start, stop), key="import_report")


def show_links_preview(result: StoredResult) -> None:
    """The first ``PAGE_ROWS`` accepted links, as ``links_table`` shows them (read from the first row groups)."""
    if result.links_count > PAGE_ROWS:
        st.caption(t("Les {n} premiers liens, dans l'ordre du fichier.", n=fmt_int(PAGE_ROWS)))
    tables.show_table(links_table(result.links_head(PAGE_ROWS)))


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


def file_changed() -> None:
    """Callback of the uploader: ``forget_file`` unless it still shows the saved file (its bytes dropped by
    ``chosen_file`` read as a change of value to Streamlit)."""
    saved, value = st.session_state.get(FILE), st.session_state.get(UPLOAD)
    same = isinstance(saved, SavedUpload) and value is not None and getattr(value, "file_id", None) == saved.file_id
    if not same:
        forget_file()


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


def chosen_file(upload: Any, release: Callable[[str], Any] | None = None) -> SavedUpload | None:
    """The file the uploader shows, saved once to the session's folder; ``None`` when it shows none.

    Written at the first run that sees it, then ``release(file_id)`` drops Streamlit's copy of the
    bytes (``server.streamlit_internals.release_upload``): the uploader keeps showing the file, its
    value becomes a « deleted file » with the same id, and every later import (another mapping,
    sheet or language, « Relancer ») reads the saved file.
    """
    saved = st.session_state.get(FILE)
    if upload is None:
        # The uploader returns None for a file whose bytes were dropped; its state keeps the file's id.
        upload = st.session_state.get(UPLOAD)
    if upload is None:
        if isinstance(saved, SavedUpload):
            session_files.remove(saved.path.parent)
        st.session_state.pop(FILE, None)
        return None
    file_id = str(getattr(upload, "file_id", ""))
    fresh = hasattr(upload, "getvalue")
    if not (isinstance(saved, SavedUpload) and saved.file_id == file_id and saved.path.exists()):
        if not fresh:
            return None
        if isinstance(saved, SavedUpload):
            session_files.remove(saved.path.parent)
        path = session_files.session_folder().fresh("upload-") / "file"
        data = upload.getvalue()
        path.write_bytes(data)
        saved = SavedUpload(name=str(upload.name), file_id=file_id, path=path, size=len(data))
        del data
        st.session_state[FILE] = saved
    if fresh:
        # NOTE: closed, the upload lets go of its bytes: Streamlit keeps this run's widget value (this
        # object) in the session state until the next run, which may never come (a tab left open).
        upload.close()
    if fresh and release is not None:
        release(file_id)
    return saved


def run_import(
    source: SavedUpload,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Callable[[float, str], Any] | None = None,
) -> tuple[list[str], StoredResult]:
    """Import the saved file in a worker process; (the file's columns in order, the result on disk).

    The columns come back as soon as the header is read, so that the mapping editor
    can show them even when the import then fails on a missing column. The work runs in a
    child process (``importer.worker``): memory and time limits, and a Streamlit rerun
    raised by ``progress`` (a closed tab, another widget used during the import) kills it.
    The child reads the file and writes the result in a new folder of the session's; the
    server keeps its summary only.
    """
    step = progress or (lambda _f, _t: None)
    step(0.02, t("Lecture du fichier…"))
    limit = upload_limit_bytes()
    if source.size > limit:
        raise FileTooLarge(source.size, limit, source.name)
    columns: list[str] = []

    def got_columns(cols: list[str]) -> None:
        columns[:] = [str(c) for c in cols]
        st.session_state[COLUMNS] = list(columns)

    ref = reference()
    folder = session_files.session_folder().fresh("result-")
    try:
        result = worker.run_import_stored(
            source.path,
            source.name,
            folder,
            sheet=sheet,
            mapping=mapping,
            collectivities=ref.collectivities,
            countries=ref.countries,
            places=places(),
            max_bytes=limit,
            progress=step,
            on_columns=got_columns,
        )
    except BaseException:
        session_files.remove(folder)
        raise
    return columns, result


def current_result() -> StoredResult | None:
    """This session's last result, ``None`` if none (or if its files are gone).

    An ``ImportResult`` made in this process (a test, a tool) is stored like the worker's first.
    """
    result = st.session_state.get(RESULT)
    if isinstance(result, ImportResult):
        folder = session_files.session_folder().fresh("result-")
        result = stored_results.write(result, folder)
        st.session_state[RESULT] = result
    if not isinstance(result, StoredResult) or not result.exists():
        return None
    return result


def _drop_result() -> None:
    """Forget the last result and delete its files (a new import replaces it)."""
    old = st.session_state.get(RESULT)
    if isinstance(old, StoredResult):
        session_files.remove(old.folder)
    st.session_state[RESULT] = None


def cancel_import() -> None:
    """Callback of « Annuler l'import »: the rerun it triggers interrupts the import (its worker killed)."""
    st.session_state[CANCELLED] = True


def retry_import() -> None:
    """Callback of « Relancer l'import » after a cancellation."""
    for key in (TOKEN, ERROR, CANCELLED):
        st.session_state.pop(key, None)


def import_upload(upload: SavedUpload, sheet: str | None, mapping: Mapping[str, str] | None, token: tuple) -> None:
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
    _drop_result()
    st.session_state[ERROR] = None
    done = False
    try:
        _columns, result = run_import(
            upload, sheet=sheet, mapping=mapping, progress=lambda f, t: bar.progress(min(f, 1.0), text=t)
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
def _reset_filters() -> None:
    """Every sidebar filter back to « tous » for the dataset now in force.

    A filter set on the other dataset (a search, a year range) could hide every
    imported row and look like a failed import; a fresh start is what the user expects.
    """
    ds = dataset()
    names = [spec.field for spec in VALUE_FILTERS]
    sidebar.reset_filters(names, sidebar.dataset_year_bounds(ds))


def use_result(result: StoredResult) -> None:
    """Callback of « Utiliser ces données… »: this session now shows the accepted links, read from the
    result's file with their repetitive columns as categories (one copy, in this session only)."""
    use_imported(result.links(compact=True), result.filename, result.key)
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
