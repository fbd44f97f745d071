"""Safety of exported tables: no cell of ours may run as a formula in a spreadsheet.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
interpreted by Excel / LibreOffice as a formula (« CSV injection »). Imported files
are user data, so any text we write back (reports, exports) goes through
:func:`neutralise_formulas` first.
"""

from __future__ import annotations

import pandas as pd

#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that would start a formula with « ' »; leave anything else alone."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``df`` whose text cells (and column names) cannot start a formula.

    NOTE: only text columns are touched; a negative *number* (-3) stays a number,
    which a spreadsheet displays but never evaluates. Dtypes are preserved.
    """
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype):
            out[col] = series.map(neutralise_cell, na_action="ignore").astype(series.dtype)
        elif isinstance(series.dtype, pd.CategoricalDtype):
            try:
                out[col] = series.cat.rename_categories(neutralise_cell)
            except ValueError:  # NOTE: « =a » and « '=a » would collide; fall back to plain values
                out[col] = series.astype(object).map(neutralise_cell, na_action="ignore")
    out.columns = [neutralise_cell(c) for c in out.columns]
    return out
