"""An import's result kept on disk: the server holds its summary, and reads its tables when a page needs them.

Three visitors importing an Atlas-sized file each kept ~90 MB of result in the server (links,
report) beside the report's CSV and the table on screen. Here the worker writes the result into
a folder (``links.parquet``, ``report.parquet`` already in reading order, ``report.csv`` in the
page's language) and hands back a :class:`StoredResult`: the counts, the notes and the tables'
empty frames (their dtypes), a few kilobytes. The page reads one page of the report, the links
when the visitor uses them, and serves the CSV from its file.

Pure Python (no Streamlit): the folder's life is the caller's (``ui.session_files``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.importer.report import ordered_report, report_csv_bytes, report_table

if TYPE_CHECKING:
    from lianes_dash.importer.core import ImportResult, ImportSummary

LINKS_FILE = "links.parquet"
REPORT_FILE = "report.parquet"
CSV_FILE = "report.csv"
#: Rows per Parquet row group of the report: a page of the table reads the groups it covers only.
ROW_GROUP = 1_000
#: Columns kept dictionary-encoded (pandas ``category``) when the links are loaded for the dashboard.
COMPACT = (S.FR_TYPE, S.FR_DEPARTEMENT, S.FR_REGION, S.PARTNER_COUNTRY, S.KIND, S.THEMES_COL, S.SOURCE)


def dataset_key(links: pd.DataFrame) -> str:
    """Key of an imported dataset: a hash of its content (same links, same key).

    NOTE: results computed on an imported dataset are kept in its session only, keyed on this
    key (``ui.cache``): a new import of other data never reads the previous one's results.
    """
    digest = hashlib.sha256(pd.util.hash_pandas_object(links, index=False).to_numpy().tobytes())
    digest.update("\x1f".join(map(str, links.columns)).encode())
    return "import-" + digest.hexdigest()[:24]


@dataclass(frozen=True)
class StoredResult:
    """An import's result whose tables are files in ``folder``; small enough to sit in a session."""

    folder: Path
    summary: ImportSummary
    filename: str
    key: str
    links_count: int
    report_count: int
    #: The tables' empty frames: the dtypes to give back to what is read from Parquet.
    links_empty: pd.DataFrame
    report_empty: pd.DataFrame
    #: Report columns holding an empty cell somewhere (written as text in the table, as in the whole report).
    report_blank_columns: tuple[str, ...] = ()
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def csv_path(self) -> Path:
        return self.folder / CSV_FILE

    def exists(self) -> bool:
        """False once the folder is gone (session ended, server restarted)."""
        return (self.folder / REPORT_FILE).exists()

    def links(self, compact: bool = False) -> pd.DataFrame:
        """The accepted links; ``compact``: repetitive text columns as ``category`` (the dashboard's)."""
        import pyarrow.parquet as pq

        path = self.folder / LINKS_FILE
        keep = [c for c in COMPACT if c in self.links_empty.columns] if compact else []
        table = pq.read_table(path, read_dictionary=keep)
        frame = table.to_pandas(self_destruct=True, split_blocks=True)
        return _with_dtypes(frame, self.links_empty, skip=set(keep))

    def links_head(self, n: int) -> pd.DataFrame:
        """The first ``n`` accepted links (the page's preview), read from the first row groups only."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(self.folder / LINKS_FILE)
        batches = []
        for batch in parquet.iter_batches(batch_size=min(n, ROW_GROUP) or 1):
            batches.append(batch)
            if sum(len(b) for b in batches) >= n:
                break
        if not batches:
            return self.links_empty.copy()
        table = pa.Table.from_batches(batches).slice(0, n)
        return _with_dtypes(table.to_pandas(), self.links_empty)

    def report_rows(self, start: int, stop: int) -> pd.DataFrame:
        """Rows ``start:stop`` of the report in reading order (problems first), read from the row groups they span."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        start, stop = max(0, start), min(stop, self.report_count)
        if stop <= start:
            return self.report_empty.copy()
        parquet = pq.ParquetFile(self.folder / REPORT_FILE)
        first, last = start // ROW_GROUP, (stop - 1) // ROW_GROUP
        table = pa.concat_tables(parquet.read_row_group(i) for i in range(first, last + 1))
        table = table.slice(start - first * ROW_GROUP, stop - start)
        frame = _with_dtypes(table.to_pandas(), self.report_empty)
        frame.index = pd.RangeIndex(start, stop)
        return frame

    def report(self) -> pd.DataFrame:
        """The whole report in reading order (for tests and tools; the page reads pages)."""
        return self.report_rows(0, self.report_count).reset_index(drop=True)

    def report_page(self, start: int, stop: int) -> pd.DataFrame:
        """Rows ``start:stop`` of the on-screen report (``report_table``): headers and statuses in the page's
        language, the same cells as the whole report's table."""
        return report_table(self.report_rows(start, stop), blank_as_text=self.report_blank_columns)

    def csv_bytes(self) -> bytes:
        """The report's file (``report_csv_bytes``, written once in the language the import ran in)."""
        return self.csv_path.read_bytes()


def _with_dtypes(frame: pd.DataFrame, empty: pd.DataFrame, skip: set[str] | None = None) -> pd.DataFrame:
    """``frame`` with the dtypes of ``empty`` (text read from Parquet comes back as pandas' own « str »)."""
    dtypes = empty.dtypes
    moved = {
        col: dtypes[col]
        for col in frame.columns
        if col in dtypes and col not in (skip or ()) and frame[col].dtype != dtypes[col]
    }
    return frame.astype(moved) if moved else frame


def write(result: ImportResult, folder: Path) -> StoredResult:
    """Write ``result``'s tables into ``folder`` (created if needed); returns what the server keeps."""
    folder.mkdir(parents=True, exist_ok=True)
    result.links.to_parquet(folder / LINKS_FILE, index=False, row_group_size=ROW_GROUP)
    ordered = ordered_report(result.report)
    ordered.to_parquet(folder / REPORT_FILE, index=False, row_group_size=ROW_GROUP)
    (folder / CSV_FILE).write_bytes(report_csv_bytes(result.report))
    blank = tuple(c for c in ordered.columns if c != S.REPORT_LINE and ordered[c].isna().any())
    return StoredResult(
        folder=folder,
        summary=result.summary,
        filename=result.filename,
        key=dataset_key(result.links),
        links_count=len(result.links),
        report_count=len(ordered),
        links_empty=result.links.iloc[0:0],
        report_empty=ordered.iloc[0:0],
        report_blank_columns=blank,
        columns=dict(result.columns),
        ignored_columns=list(result.ignored_columns),
        notes=list(result.notes),
    )
