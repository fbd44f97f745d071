"""The shared cache of filtered views is bounded in entries, bytes and age; memory is handed back."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lianes_dash.analysis.filters import Filters, filter_links, kept_rows, rows_of
from lianes_dash.dataset import schema as S
from lianes_dash.server import memory
from lianes_dash.ui.state import FrameCache


def _frame(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"x": range(rows)}, dtype="int64")  # 8 bytes a row (+ a small index)


def test_entries_are_bounded_least_recently_used_first() -> None:
    cache = FrameCache(max_entries=3, max_bytes=10**9, ttl_s=3600)
    for key in "abcd":
        cache.get(key, lambda: _frame(10))
    assert len(cache) == 3
    calls = []
    cache.get("a", lambda: calls.append("a") or _frame(10))
    assert calls == ["a"], "the oldest entry was dropped"


def test_bytes_are_bounded() -> None:
    cache = FrameCache(max_entries=100, max_bytes=100_000, ttl_s=3600)
    for key in range(20):
        cache.get(key, lambda: _frame(1_000))  # ~8 kB each
    assert cache.nbytes <= 100_000 and len(cache) < 20
    big = cache.get("big", lambda: _frame(50_000))  # 400 kB: returned, never kept
    assert len(big) == 50_000 and cache.nbytes <= 100_000


def test_entries_expire() -> None:
    cache = FrameCache(max_entries=10, max_bytes=10**9, ttl_s=0)
    cache.get("a", lambda: _frame(1))
    calls = []
    cache.get("a", lambda: calls.append(1) or _frame(1))
    assert calls == [1]


def test_a_hit_returns_the_same_frame_without_computing() -> None:
    cache = FrameCache(max_entries=10, max_bytes=10**9, ttl_s=3600)
    first = cache.get("k", lambda: _frame(5))
    assert cache.get("k", lambda: (_ for _ in ()).throw(AssertionError("recomputed"))) is first


def test_release_runs() -> None:
    memory.release()


@pytest.mark.parametrize("filters", [Filters(), Filters(departements=("59",)), Filters(departements=("00",))])
def test_the_filtered_cache_keeps_row_positions_and_serves_the_same_frame(filters: Filters) -> None:
    """A cached selection costs 4 bytes a kept link, not a copy of its frame; the frame served is unchanged."""
    links = pd.DataFrame({S.FR_DEPARTEMENT: ["59", "62", "59", "75"], "x": ["a", "b", "c", "d"]}, index=[7, 3, 5, 1])
    cache = FrameCache(max_entries=10, max_bytes=10**9, ttl_s=3600)
    rows = cache.get(filters, lambda: kept_rows(links, filters))
    assert rows is None or (rows.dtype == np.int32 and cache.nbytes == rows.nbytes)
    pd.testing.assert_frame_equal(rows_of(links, rows), filter_links(links, filters))
    expected = links if not filters.departements else links[links[S.FR_DEPARTEMENT].isin(filters.departements)]
    pd.testing.assert_frame_equal(rows_of(links, rows), expected)


def test_the_bundled_selection_is_cached_as_rows_and_its_frame_served_again_while_held() -> None:
    from lianes_dash.ui import state

    f = Filters(departements=("59",))
    first = state._filtered_bundled(f)
    assert state._filtered_bundled(f) is first, "a frame still held is served again"
    rows = state.filter_cache().get(f, lambda: pytest.fail("the rows were computed again"))
    assert rows.dtype == np.int32 and len(rows) == len(first) > 0
    pd.testing.assert_frame_equal(first, filter_links(state.bundled_links(), f))
