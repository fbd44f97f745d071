"""Shared column helpers (``lianes_dash.dataset.vectors``): same answer on plain and categorical columns, work per distinct value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lianes_dash.dataset import schema as S
from lianes_dash.dataset import vectors as V
from lianes_dash.importer.resolve import PlaceIndex
from lianes_dash.text.french import fold

VALUES = ["Zorglub-sur-Mer", None, "Àvalon", "zorglub-sur-mer", "Àvalon", "Bretzelbourg"]


@pytest.mark.parametrize("categorical", [False, True])
def test_category_mask_is_isin_on_both_kinds_of_column(categorical: bool) -> None:
    s = pd.Series(VALUES, dtype="category" if categorical else object)
    mask = V.category_mask(s, lambda v: v.isin(["Àvalon", "Bretzelbourg"]))
    assert mask.tolist() == [False, False, True, False, True, True]


def test_category_mask_of_a_column_with_no_value() -> None:
    s = pd.Series([None, None], dtype="category")
    assert V.category_mask(s, lambda v: v == "x").tolist() == [False, False]


def test_per_distinct_calls_once_per_value() -> None:
    calls: list[object] = []

    def upper(v: str) -> str:
        calls.append(v)
        return v.upper()

    out = V.per_distinct(pd.Series(VALUES), upper, na="?")
    assert out.tolist() == ["ZORGLUB-SUR-MER", "?", "ÀVALON", "ZORGLUB-SUR-MER", "ÀVALON", "BRETZELBOURG"]
    assert len(calls) == 4


def test_per_distinct_rows_and_take() -> None:
    frame = pd.DataFrame({"a": ["x", "y", "x"], "b": ["1", "2", "1"]})
    codes, results = V.per_distinct_rows(frame, lambda a, b: (a + b, len(a + b)))
    assert len(results) == 2
    assert V.take(codes, results, lambda r: r[0]).tolist() == ["x1", "y2", "x1"]
    assert V.take(np.array([-1]), results, lambda r: r[0]).tolist() == [None]


@pytest.mark.parametrize("rows", [0, 1, 7, 400])
def test_per_distinct_rows_calls_once_per_distinct_row_with_its_cells(rows: int) -> None:
    rng = np.random.default_rng(rows)
    frame = pd.DataFrame(
        {
            "name": rng.choice(["Zorglub", "Àvalon", "", "zorglub"], rows),
            "code": rng.choice(["59", "62", ""], rows),
            "same": ["x"] * rows,
        }
    )
    calls: list[tuple] = []

    def record(*cells: str) -> tuple:
        calls.append(cells)
        return cells

    codes, results = V.per_distinct_rows(frame, record)
    assert len(calls) == len(set(calls)) == len(frame.drop_duplicates())
    rebuilt = V.take(codes, results, lambda r: r)
    assert [tuple(r) for r in rebuilt] == list(frame.itertuples(index=False, name=None))


@pytest.mark.parametrize("categorical", [False, True])
def test_dense_ids_number_distinct_tuples(categorical: bool) -> None:
    a = pd.Series(["p", "q", "p", "p"], dtype="category" if categorical else object)
    b = pd.Series(["1", "1", "1", "2"])
    ids, first = V.dense_ids(a, b)
    assert ids[0] == ids[2] and len(set(ids.tolist())) == 3
    assert sorted(first.tolist()) == [0, 1, 3]


def test_dense_ids_of_many_columns_of_many_values_do_not_overflow() -> None:
    """Five columns of 2¹⁶ − 1 values: combined in int64, the first column's code would be shifted
    out (× 2⁶⁴), and a row differing from another only there would get its id."""
    values = [str(i) for i in range(2**16 - 1)]
    frame = pd.DataFrame({c: [*values, "0"] for c in "abcde"})
    frame.loc[len(values), "a"] = "1"  # the last row: row 0 but for its first cell
    ids, first = V.dense_ids(*(frame[c] for c in frame))
    assert ids[-1] != ids[0]
    assert len(set(ids.tolist())) == len(first) == len(frame)


def test_sorted_unique() -> None:
    assert V.sorted_unique(np.array([3, 1, 3, 2, 1])).tolist() == [1, 2, 3]
    assert V.sorted_unique(np.array([], dtype=np.int64)).tolist() == []


def test_french_rank_ignores_accents_and_case_then_breaks_ties() -> None:
    names = np.array(["Zorglub", "Élan", "elan", "Avalon"], dtype=object)
    rank = V.french_rank(names, np.array(["a", "b", "c", "d"], dtype=object))
    # same folded key « elan »: the raw text decides (code point order), then the tie-breaker
    assert [names[i] for i in np.argsort(rank)] == ["Avalon", "elan", "Élan", "Zorglub"]


def test_the_filters_use_the_shared_mask() -> None:
    from lianes_dash.analysis import filters, peers

    assert filters._category_mask is V.category_mask
    assert peers._mask is V.category_mask and peers.french_rank is V.french_rank


@pytest.mark.parametrize("categorical", [True, False])
def test_per_category_computes_once_per_value_and_keeps_missing(categorical: bool) -> None:
    values = pd.Series(["eau", "santé", None, "eau", "santé;eau"])
    if categorical:
        values = values.astype("category")
    seen: list[list[str]] = []

    def length(cells: pd.Series) -> pd.Series:
        seen.append(sorted(cells))
        return cells.str.len()

    out = V.per_category(values, length, -1, np.int64)
    assert out.tolist() == [3, 5, -1, 3, 9]
    assert seen == [["eau", "santé", "santé;eau"]], "once, on the distinct values"
    assert V.per_category(pd.Series([None, None], dtype="category"), length, 0, np.int64).tolist() == [0, 0]


@pytest.mark.parametrize("kind", [object, "category", "string[pyarrow]"])
def test_distinct_pairs_counts_as_drop_duplicates_does(kind: object) -> None:
    """A missing value is one value of its own, as ``drop_duplicates`` counts it."""
    first = pd.Series(["Zorglub", "Zorglub", None, None, "Àvalon", "Zorglub"], dtype=kind)  # type: ignore[call-overload]
    second = pd.Series(["ZZA", "ZZB", "ZZA", "ZZA", None, "ZZA"], dtype="category")
    expected = len(pd.DataFrame({"a": first, "b": second}).drop_duplicates())
    assert V.distinct_pairs(first, second) == expected == 4
    assert V.distinct_pairs(first.iloc[:0], second.iloc[:0]) == 0


#: Names whose key is easy to get wrong: marks, ligatures, « ß » (casefold: « ss »), other scripts,
#: punctuation and blanks, digits, ASCII only.
FOLD_CASES = [
    "Écourt", "Saint-Étienne", "L'Haÿ-les-Roses", "Œuf  Œil", "Cœur d'Ostrevent", "ÆBC", "a-b_c",
    "Großweikersdorf", "STRASSE", "Straße", "İzmir", "Ørsted", "Ĳsselstein", "東京", "Москва",
    "  Zorglub\t-sur-Mer\n", "Ville 2000 (Fictive)", "", "---", "Ａｂｃ",
]  # fmt: skip


def test_fold_fast_is_fold_on_every_kind_of_name() -> None:
    assert V.fold_fast(FOLD_CASES).tolist() == [fold(n) for n in FOLD_CASES]


def test_a_place_written_with_ss_is_found_under_its_eszett() -> None:
    """The gazetteer's key and a typed name's key come from the same fold (pyarrow's lower case kept « ß »)."""
    places = pd.DataFrame(
        {
            S.GEONAME_ID: [1],
            S.PLACE: ["Großzorglub"],
            S.COUNTRY: ["AUT"],
            S.POPULATION: [10],
            S.LAT: [47.0],
            S.LON: [15.0],
        }
    )
    assert PlaceIndex(places).locate("Grosszorglub", "AUT") == (47.0, 15.0)
