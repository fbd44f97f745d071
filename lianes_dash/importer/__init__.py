"""Import of users' links files (ministry Atlas CSV, regional networks' tables, spreadsheets).

The dashboard is only as useful as its ability to take real files in, so the importer
never loses a row and never guesses silently: every data row of the file gets one line
in the report — accepted, duplicate, rejected (with the field, a French reason naming
the value, and the closest official names) or blank — plus warnings for what was
corrected on the way. Pure Python: no Streamlit here (the import page calls this API).

Public API
----------
``read_table(source, filename=None, *, sheet=None, max_bytes=DEFAULT_MAX_BYTES) -> DataFrame``
    The file's rows as strings, indexed by line number (header = line 1). CSV with
    ``,`` ``;`` or tab, UTF-8 (± BOM), UTF-16 (BOM), Windows-1252, Latin-1; XLSX.
``import_links(source, *, filename=None, mapping=None, sheet=None, collectivities=None,
countries=None, places=None, progress=None, max_bytes=DEFAULT_MAX_BYTES) -> ImportResult``
    Read + map headers + normalise against the reference + report. ``source`` is a path,
    bytes, a binary file object (``st.file_uploader`` result) or a frame from
    ``read_table``. Reference frames default to ``data/reference`` (see
    ``load_reference``). ``progress(fraction)`` is called from 0.0 to 1.0.
``map_columns(columns, mapping=None) -> ({field: column}, ignored_columns)``
    The header mapping alone (to preview it in a page).
``ImportResult``: ``links`` (validated by ``S.validate_links``), ``report`` (columns
``S.REPORT_COLUMNS``), ``summary`` (``ImportSummary``: rows, accepted, duplicates,
rejected, blank, with_warnings, approximate; ``summary.french(name)`` is a French line),
``columns``, ``ignored_columns``, ``notes``.
Errors: every whole-file failure is an ``ImportFileError`` (``FileTooLarge``,
``EmptyFile``, ``UnreadableFile``, ``MissingColumns``, ``MappingError``) whose message
is one French sentence, safe to show as is.

Choices
-------
- Line numbers are the spreadsheet's: the header is line 1; a CSV record with multi-line
  quoted cells is numbered by the physical line where it starts.
- Blank lines between data rows are reported with status ``blank`` (« vide ») and count
  as data rows; a run of more than ``BLANK_RUN_DETAIL`` (10) of them is one report row
  naming its range (``summary.collapsed`` counts the other lines: ``len(report) +
  collapsed == rows``). Blank lines before the header or at the very end of the file are
  not data rows and are not reported.
- Resources: lines are decoded and parsed one at a time, blank lines are never
  materialised, and a file with more than ``MAX_ROWS`` data rows is refused while being
  read (``TooManyRows``). Suggestions share a time budget per import. The import page runs
  the whole import in a worker process (``importer.worker``: memory and time limits, cancel).
- A record that spans more than ``LONG_RECORD_LINES`` lines (an unclosed quote) is cut
  back to its first line, rejected with the line range, and the lines after it are read
  again; a name cell of more than ``MAX_NAME_CHARS`` characters is rejected.
- Duplicate = same collectivity (type + code), partner (folded), country, kind, themes
  (in any order) and year; the first occurrence is accepted, the others point to it.
- ``link_id`` is a hash of those same normalised values (stable when rows move).
- Without a type, a name is looked for among communes, then EPCI, then départements,
  then régions; homonyms need the département (or région) column, else they are rejected
  with the candidates listed.
"""

from typing import TYPE_CHECKING

# The names are resolved on first use (PEP 562): ``python -m lianes_dash import`` reads
# the file before pandas, pandera and the reference data are imported at all.
_WHERE = {
    "ACCEPTED": "core", "BLANK": "core", "DUPLICATE": "core", "REJECTED": "core",
    "ImportResult": "core", "ImportSummary": "core", "import_links": "core", "load_reference": "core",
    "EmptyFile": "errors", "FileTooLarge": "errors", "ImportFileError": "errors", "MappingError": "errors",
    "MissingColumns": "errors", "UnreadableFile": "errors", "TooManyRows": "errors", "ImportTooCostly": "errors",
    "IMPORT_FIELDS": "headers", "map_columns": "headers",
    "DEFAULT_MAX_BYTES": "reading", "MAX_ROWS": "reading", "read_table": "reading", "read_raw": "reading",
}  # fmt: skip


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from lianes_dash.importer.core import (
        ACCEPTED,
        BLANK,
        DUPLICATE,
        REJECTED,
        ImportResult,
        ImportSummary,
        import_links,
        load_reference,
    )
    from lianes_dash.importer.errors import (
        EmptyFile,
        FileTooLarge,
        ImportFileError,
        ImportTooCostly,
        MappingError,
        MissingColumns,
        TooManyRows,
        UnreadableFile,
    )
    from lianes_dash.importer.headers import IMPORT_FIELDS, map_columns
    from lianes_dash.importer.reading import DEFAULT_MAX_BYTES, MAX_ROWS, read_raw, read_table

__all__ = [
    "ACCEPTED",
    "BLANK",
    "DEFAULT_MAX_BYTES",
    "DUPLICATE",
    "IMPORT_FIELDS",
    "REJECTED",
    "EmptyFile",
    "FileTooLarge",
    "ImportFileError",
    "ImportResult",
    "ImportTooCostly",
    "MAX_ROWS",
    "ImportSummary",
    "MappingError",
    "MissingColumns",
    "TooManyRows",
    "UnreadableFile",
    "import_links",
    "load_reference",
    "map_columns",
    "read_raw",
    "read_table",
]
