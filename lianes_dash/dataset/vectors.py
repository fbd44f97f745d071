"""Column helpers shared by the logic layer: work done once per distinct value, masks on categories, ids.

NOTE: the bundled links are 60 000 rows, the benchmark's 600 000, and most columns hold a few
hundred distinct values (categoricals): every helper here computes on the distinct values (or
the categories) and maps the answer back with integer codes, never in a Python loop over rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def per_category(series: pd.Series, compute: Callable[[pd.Series], Any], missing: Any, dtype: Any) -> np.ndarray:
    """``compute(values as str)`` once per category (per distinct value when the column is not
    categorical), as an array of ``dtype`` aligned on ``series``; ``missing`` for a missing value."""
    cat = series if isinstance(series.dtype, pd.CategoricalDtype) else series.astype("category")
    codes = cat.cat.codes.to_numpy()
    out = np.full(len(series), missing, dtype=dtype)
    if len(cat.cat.categories):
        table = np.asarray(compute(pd.Series(cat.cat.categories.astype(str))), dtype=dtype)
        found = codes >= 0
        out[found] = table[codes[found]]
    return out


def category_mask(series: pd.Series, keep: Callable[[pd.Series], Any]) -> np.ndarray:
    """``keep(values as str)`` as a boolean array, evaluated once per category when categorical.

    A missing value (code −1) never passes; a categorical column with no category at all (every
    theme unknown) gives all ``False``. A column that is not categorical is tested whole,
    its missing values as text (« nan »), as the filters always did.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        return per_category(series, keep, False, bool)
    return np.asarray(keep(series.astype(str)), dtype=bool)


def distinct_pairs(first: pd.Series, second: pd.Series) -> int:
    """How many distinct (first, second) pairs, a missing value counting as one value of its own
    (as ``drop_duplicates`` counts it), computed on integer codes."""
    a, _ = codes_of(first)
    b, nb = codes_of(second)
    # ``pd.unique`` (hash table) on the combined codes; ``drop_duplicates`` on the two columns
    # hashed Arrow strings and cost ~200 ms for 500 000 links.
    return len(pd.unique((a + 1) * (nb + 1) + (b + 1)))


def per_distinct(values: pd.Series | np.ndarray, func: Callable[[Any], Any], na: Any = None) -> np.ndarray:
    """``func`` applied once per distinct value, as an object array aligned on ``values`` (``na`` for missing)."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    table = np.array([func(u) for u in uniques] + [na], dtype=object)
    return table[codes]


def per_distinct_rows(values: pd.Series | pd.DataFrame, func: Callable[..., Any]) -> tuple[np.ndarray, list[Any]]:
    """``func`` once per distinct value (or distinct row of a frame, as positional arguments).

    Returns (code of each row, one result per code); :func:`take` maps a part of the results back.
    """
    if isinstance(values, pd.DataFrame):
        # ``dense_ids`` on the columns, ``func`` given each distinct row's own first cells.
        # Factorising a ``pd.MultiIndex.from_frame`` cost ~5 ms even for three rows, twice per import.
        columns = [values.iloc[:, i] for i in range(values.shape[1])]
        codes, first = dense_ids(*columns)
        rows = zip(*(column.iloc[first].tolist() for column in columns), strict=True)
        return codes, [func(*row) for row in rows]
    codes, uniques = pd.factorize(values)
    return codes, [func(u) for u in uniques]


def take(codes: np.ndarray, results: list[Any], getter: Callable[[Any], Any]) -> np.ndarray:
    """``getter(result)`` of each row's result, as an object array (``None`` where the code is −1)."""
    table = np.empty(len(results) + 1, dtype=object)
    table[:-1] = [getter(r) for r in results]
    table[-1] = None
    return table[np.where(codes < 0, len(results), codes)]


def codes_of(series: pd.Series) -> tuple[np.ndarray, int]:
    """Integer code of each value (categories reused when categorical, −1 for missing) and how many codes."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().astype(np.int64), len(series.cat.categories)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes.astype(np.int64), len(uniques)


def dense_ids(*columns: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Dense id per row of the tuple of columns (ids in sorted code order), and the first row of each id."""
    combined = np.zeros(len(columns[0]), dtype=np.int64)
    bound = 1  # A Python int, the largest combined code + 1, to see an int64 overflow coming
    for col in columns:
        codes, n = codes_of(col)
        if bound * (n + 1) > np.iinfo(np.int64).max:
            # Many columns of many values: rank the codes so far (their order kept) before going on.
            seen = sorted_unique(combined)
            combined, bound = np.searchsorted(seen, combined).astype(np.int64), len(seen)
        combined = combined * (n + 1) + (codes + 1)
        bound *= n + 1
    order = np.argsort(combined, kind="stable")
    s = combined[order]
    new = np.r_[True, s[1:] != s[:-1]] if len(s) else np.zeros(0, dtype=bool)
    inverse = np.empty(len(s), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return inverse, order[new]


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values.

    By sorting: numpy 2's hash-based ``np.unique`` is ~20× slower on 600 000 int64 here.
    """
    s = np.sort(values, kind="stable")
    if not len(s):
        return s
    return s[np.r_[True, s[1:] != s[:-1]]]


def fold_fast(values: pd.Series | np.ndarray | list) -> np.ndarray:
    """:func:`lianes_dash.text.french.fold` of many strings at once, with the same result.

    ASCII text (most names: 78 % of the gazetteer's) goes through pyarrow's kernels, which do
    what ``fold`` does to ASCII (lower case, every run of anything but [0-9a-z] → one space,
    trimmed); other text goes through ``fold`` itself, once per distinct value. Normalising in
    pyarrow instead gave another key for 256 of the gazetteer's names: its lower case keeps « ß »
    where ``str.casefold`` gives « ss ». ``tests/test_vectors.py`` compares them on names of every kind.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from lianes_dash.text.french import fold

    text = np.asarray(values, dtype=object).astype(str)
    arr = pa.array(text, type=pa.string())
    fast = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.ascii_lower(arr), "[^0-9a-z]+", " "))
    out = np.asarray(fast.to_numpy(zero_copy_only=False), dtype=object)
    other = ~pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
    if other.any():
        out[other] = per_distinct(text[other], fold)
    return out


def french_rank(names: np.ndarray, tiebreak: np.ndarray) -> np.ndarray:
    """Rank of each name in French order (accents and case ignored, then raw text, then ``tiebreak``)."""
    order = pd.DataFrame({"f": fold_fast(names), "r": names, "t": tiebreak}).sort_values(["f", "r", "t"]).index
    rank = np.empty(len(names), dtype=np.int64)
    rank[order.to_numpy()] = np.arange(len(names))
    return rank
