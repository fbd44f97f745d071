"""The import report as people read it: headers and statuses in the current language, problems first.

One writer for the web page's download and the command line's ``--report`` (and the
``validate`` printout), so that both say the same thing in the same language and both are
safe to open in a spreadsheet (formula cells neutralised).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.text.i18n import language, t
from lianes_dash.text.safety import neutralise_formulas

ACCEPTED, DUPLICATE, REJECTED, BLANK = S.REPORT_STATUSES
#: Report order: what the user must fix first, then what was set aside, then the rest.
_WARNED = "with_warnings"
_RANK = {REJECTED: 0, DUPLICATE: 1, _WARNED: 2, ACCEPTED: 3, BLANK: 4}


def ordered_report(report: pd.DataFrame) -> pd.DataFrame:
    """Rejected rows first, then duplicates, then accepted rows with warnings, then accepted, then blank.

    Within a group, file order (line number): the user fixes the file top to bottom.
    """
    status = report[S.REPORT_STATUS].astype(str)
    group = status.where(~((status == ACCEPTED) & report[S.REPORT_WARNINGS].notna()), _WARNED)
    rank = group.map(_RANK).fillna(len(_RANK)).astype(int)
    order = pd.DataFrame({"_rank": rank.to_numpy(), "_line": report[S.REPORT_LINE].to_numpy()})
    return report.iloc[order.sort_values(["_rank", "_line"], kind="stable").index.to_numpy()].reset_index(drop=True)


def report_table(
    report: pd.DataFrame, with_id: bool = False, blank_as_text: Iterable[str] | None = None
) -> pd.DataFrame:
    """The report in reading order with headers and statuses in the current language (screen and file).

    The reasons are in the language the import ran in (the page re-runs it when the language changes).
    ``blank_as_text``: the columns whose cells become text, empty cells « » (default: those holding an
    empty cell); a page of the report passes the whole report's, so that its cells are the whole table's.
    """
    shown = ordered_report(report)
    if not with_id:
        shown = shown.drop(columns=[S.REPORT_LINK_ID])
    labels = {code: t(label) for code, label in S.REPORT_STATUS_LABELS.items()}
    shown[S.REPORT_STATUS] = shown[S.REPORT_STATUS].map(labels).fillna(shown[S.REPORT_STATUS])
    # Empty cells read as empty, not « None » (the line numbers of duplicates become text).
    as_text = set(blank_as_text) if blank_as_text is not None else None
    for col in shown.columns:
        if col != S.REPORT_LINE and (shown[col].isna().any() if as_text is None else col in as_text):
            shown[col] = shown[col].astype("string").fillna("")
    return shown.rename(columns={c: t(label) for c, label in S.labels(shown.columns).items()})


def safe_csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as CSV for a French spreadsheet: « ; », UTF-8 with BOM, no cell can run as a formula.

    The BOM and the semicolon make Excel (French settings) open it right on a double-click;
    in English, « , » (what a spreadsheet set to English expects).
    """
    sep = "," if language() == "en" else ";"
    return neutralise_formulas(table).to_csv(sep=sep, index=False).encode("utf-8-sig")


def report_csv_bytes(report: pd.DataFrame) -> bytes:
    """The report file (web download and CLI ``--report``): in the current language (the CLI's: French),
    problems first, formula-safe."""
    return safe_csv_bytes(report_table(report, with_id=True))
