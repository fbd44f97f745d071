"""The structure that keeps the dashboard fast, guarded without timing anything.

Timings live in ``python -m bench`` (``bench/RESULTS.md``); a timed test would be flaky on
a loaded two-core machine. These tests fail when a change would make every rerun reload
files, refilter cached selections, copy the whole frame, check every row one by one, or
send an uncapped world map.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.caching.cache_resource_api import CachedResourceFuncInfo
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis.filters import Filters, filter_links
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.ui import state
from lianes_dash.ui.sidebar import filter_key
from lianes_dash.views import figures as F
from tests.conftest import switch_page

ROOT = Path(__file__).resolve().parent.parent
WORLD = "world.py"
OVERVIEW = "overview.py"


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return D.load_links()


@pytest.fixture
def file_reads(monkeypatch, tmp_path) -> Counter:
    """Every data file the loaders of ``lianes_dash.dataset.data`` open, counted by file name, and every
    validated copy read back (``dataset.validated``), as « copie:<name> »; the copies start from an empty
    folder, so that the first run reads the files themselves."""
    from lianes_dash.dataset import validated as V

    monkeypatch.setenv(V.CACHE_ENV, str(tmp_path / "validated"))
    reads: Counter = Counter()
    original_read, original_geojson, original_copy = D._read, D.load_geojson, V._read

    def counted_copy(name, wanted):
        found = original_copy(name, wanted)
        if found is not None:
            reads[f"copie:{name}"] += 1
        return found

    monkeypatch.setattr(V, "_read", counted_copy)

    def counted_read(relative, base, validate, reader=None):
        reads[Path(str(relative)).name] += 1
        return original_read(relative, base, validate, reader)

    def counted_geojson(relative, base=None):
        reads[Path(str(relative)).name] += 1
        return original_geojson(relative, base)

    monkeypatch.setattr(D, "_read", counted_read)
    monkeypatch.setattr(D, "load_geojson", counted_geojson)
    return reads


@pytest.fixture
def clean_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _app() -> AppTest:
    os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)


@pytest.mark.parametrize("name", ["reference", "bundled_links"])
def test_shared_data_is_a_cache_resource(name: str) -> None:
    """Loaded once per server process and shared by every session, never copied per call."""
    # NOTE: ``_info`` is Streamlit's own marker of the cache kind; cache_data would copy
    # (pickle) the 100 MB frame on every call.
    assert isinstance(getattr(state, name)._info, CachedResourceFuncInfo)


def test_filter_change_and_page_switch_do_not_reload_files(file_reads: Counter, clean_caches) -> None:
    at = _app().run()
    assert not at.exception
    first = Counter(file_reads)
    assert first[Path(D.NATIONAL_LINKS_FILE).name] == 1, first
    assert all(n == 1 for n in first.values()), f"a file read twice in one run: {first}"

    at.session_state[filter_key("departements")] = ["59"]
    at.run()
    at.session_state[filter_key("continents")] = ["Afrique"]
    at.run()
    switch_page(at, WORLD).run()
    switch_page(at, OVERVIEW).run()
    assert not at.exception
    assert file_reads == first, f"files read again after the first run: {file_reads - first}"


def test_a_selection_seen_before_is_not_filtered_again(monkeypatch, clean_caches) -> None:
    """Going back to a selection serves it from the cache (``ui.state.filtered``)."""
    calls: list[Filters] = []
    original = state.kept_rows  # The rows a selection keeps: what the cache holds

    def counted(links, filters):
        calls.append(filters)
        return original(links, filters)

    monkeypatch.setattr(state, "kept_rows", counted)
    at = _app().run()
    at.session_state[filter_key("departements")] = ["59"]
    at.run()
    at.session_state[filter_key("departements")] = []
    at.run()
    at.session_state[filter_key("departements")] = ["59"]
    at.run()
    assert not at.exception
    assert len(calls) == len(set(calls)) == 2, calls


def test_no_filter_does_not_copy_the_links(links: pd.DataFrame) -> None:
    """The unfiltered view shares its columns with the loaded frame (no 100 MB copy)."""
    view = filter_links(links, Filters())
    assert len(view) == len(links)
    assert np.shares_memory(view[S.PARTNER_LAT].to_numpy(), links[S.PARTNER_LAT].to_numpy())
    kept = filter_links(links, Filters(departements=("59",)))
    assert 0 < len(kept) < len(links)


def test_theme_checks_run_once_per_distinct_cell(links: pd.DataFrame, monkeypatch) -> None:
    """Validation and theme counts split each distinct ``themes`` cell, not each row."""
    calls = Counter()
    original = S.split_themes

    def counted(cell):
        calls["split"] += 1
        return original(cell)

    monkeypatch.setattr(S, "split_themes", counted)
    raw = D.read_links_file(D.NATIONAL_LINKS_FILE)
    distinct = raw[S.THEMES_COL].nunique(dropna=False)
    assert distinct < len(raw) / 4, "the test needs repeated theme cells"
    S.validate_links(raw)
    # NOTE: pandera may run a check more than once (e.g. to report failure cases).
    assert calls["split"] <= 2 * distinct < len(raw)
    calls.clear()
    M.themes_count(links)
    assert calls["split"] <= distinct


def test_world_map_stays_small_on_a_large_selection(links: pd.DataFrame) -> None:
    """At 20× the national data the world map is still aggregated and its arcs capped."""
    big = pd.concat([links] * 20, ignore_index=True)
    cap = F.WORLD_ARC_CAP
    assert cap <= 2000, "more arcs than that make the map unreadable and heavy"
    arcs = M.sample_arcs(big, cap)
    fig = F.world_map(M.per_country(big), arcs)
    assert len(arcs) == cap
    assert len(fig.data[0].locations) == big[S.PARTNER_COUNTRY].nunique()
    assert len(fig.to_json()) < 1_000_000
