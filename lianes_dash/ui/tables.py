"""How the pages' tables show their columns (``st.column_config``): one rule, from the schema."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import pandas as pd
import streamlit as st

from lianes_dash.dataset import schema as S
from lianes_dash.text.french import place_name
from lianes_dash.text.i18n import language, t

#: Columns of short values (« Commune », « 2004 »): narrow, so the others fit on screen. NOTE: not the kind of
#: link: « coopération décentralisée » read « coopération d ».
SMALL_COLUMNS = frozenset({S.START_YEAR, S.FR_TYPE})


def column_config(columns: Iterable[str], *, pinned: Iterable[str] = (), as_text: Iterable[str] = ()) -> dict:
    """French label and help of each column (``schema``), and a format that suits its type.

    ``pinned`` columns stay in view when the table scrolls sideways; ``as_text`` columns were
    turned into words by the page (« Même pays partenaire, même thème » for a tier number).
    """
    pinned, as_text = set(pinned), set(as_text)
    config: dict = {}
    for col in columns:
        label = t(S.label(col))
        spec = S.ALL_COLUMNS.get(col)
        help_text = t(spec.description) if spec is not None else None
        dtype = spec.dtype if spec is not None else "str"
        if col in pinned:
            config[col] = st.column_config.TextColumn(label, help=help_text, pinned=True, width="medium")
        elif col in as_text:
            # Words made by the page (« Même pays partenaire, même thème »): wide enough to be read
            # (an automatic width cut them to « même pay »).
            config[col] = st.column_config.TextColumn(label, help=help_text, width="large")
        elif col == S.START_YEAR:
            # An empty cell is an unknown year (most links): said in the column's help.
            config[col] = st.column_config.NumberColumn(
                label,
                help=t("{help} ; vide : {unknown}e", help=help_text, unknown=t(S.UNKNOWN_LABEL)),
                format="%d",
                width="small",
            )
        elif col == S.FIRST_YEAR:
            config[col] = st.column_config.NumberColumn(label, help=help_text, format="%d")
        elif col == S.DISTANCE_KM:
            config[col] = st.column_config.NumberColumn(label, help=help_text, format="localized")
        elif dtype in ("bool", "boolean"):
            # A box is narrow, its label is not: « Déjà votre par… » cut on a computer.
            # The label sets the width: « Already your partner » was cut at medium (English page).
            box_width: Literal["medium", "large"] = "large" if len(label) > _AUTO_WIDTH_CHARS else "medium"
            config[col] = st.column_config.CheckboxColumn(label, help=help_text, width=box_width)
        elif dtype in ("Int64", "int64"):
            config[col] = st.column_config.NumberColumn(label, help=help_text, format="localized")
        elif dtype == "float64":
            config[col] = st.column_config.NumberColumn(label, help=help_text, format="%.5f")
        else:
            width: Literal["small"] | None = "small" if col in SMALL_COLUMNS else None
            config[col] = st.column_config.TextColumn(label, help=help_text, width=width)
    return config


#: What an empty cell shows in every table, in both languages (Streamlit's own is « None »).
EMPTY_CELL = "—"


def show_table(data: object, **kwargs: Any) -> Any:
    """``st.dataframe`` as every table of the app draws it: full width, no index, « — » in empty cells.

    The one call of ``st.dataframe`` (a test checks it): a partnership whose start year
    or partner region no source gives showed « None » to French readers.
    """
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    if isinstance(data, pd.DataFrame):
        frame: pd.DataFrame = data
        if language() == "fr":
            # On a French page, « Kočevje Municipality » reads « municipalité de Kočevje » (``text.place_name``),
            # in a table with the schema's column names or with their labels (the fiches').
            for col in {S.PARTNER_NAME, t(S.label(S.PARTNER_NAME))} & set(frame.columns):
                frame = frame.assign(**{col: frame[col].map(place_name, na_action="ignore")})
        if "column_config" not in kwargs:
            kwargs["column_config"] = _readable_widths(frame)
        data = frame
    return st.dataframe(data, placeholder=EMPTY_CELL, **kwargs)


#: Longest text a column shows whole at its automatic width, in characters.
_AUTO_WIDTH_CHARS = 16


def _readable_widths(data: pd.DataFrame) -> dict:
    """A medium width for the text columns whose values are longer than an automatic width shows (« coopération
    d… » for « coopération décentralisée » in a fiche's table)."""
    config: dict = {}
    for col in data.columns:
        values = data[col]
        texts = isinstance(values.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(values.dtype)
        if not texts or values.empty:
            continue
        longest = max((len(v) for v in pd.unique(values.astype(object)) if isinstance(v, str)), default=0)
        if _AUTO_WIDTH_CHARS < longest <= 40:
            config[col] = st.column_config.TextColumn(str(col), width="medium")
    return config
