"""What the shared frames rely on: pandas copy-on-write (pandas ≥ 3).

The pages receive the bundled links from one ``st.cache_resource`` shared by every visitor and never
copy them (``ui/state.py``). That is safe only because, under copy-on-write, whatever a page does to a
frame it derived — a column, a filtered view, a shallow copy — never writes into the shared one.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lianes_dash.analysis.filters import Filters, filter_links
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S

ROOT = Path(__file__).resolve().parent.parent


def test_requirements_demand_pandas_3() -> None:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^pandas>=3\b", text, re.M), "requirements.txt must require pandas>=3 (copy-on-write)"
    assert int(pd.__version__.split(".")[0]) >= 3


@pytest.fixture(scope="module")
def shared() -> pd.DataFrame:
    """The bundled links as ``ui.state.bundled_links`` builds them (the frame every session shares)."""
    collectivities, countries = D.load_collectivities(), D.load_countries()
    return D.enrich_links(D.read_links_compact(D.NATIONAL_LINKS_FILE), collectivities, countries)


def _page_like_changes(links: pd.DataFrame) -> pd.DataFrame:
    """What a careless page might do to the frame it was given: every write here must stay local."""
    view = filter_links(links, Filters())
    view[S.FR_NAME] = view[S.FR_NAME].astype(str).str.upper()
    column = links[S.PARTNER_NAME]
    column.iloc[0] = "Zorglub-les-Bains"
    shallow = links.copy(deep=False)
    shallow.loc[shallow.index[0], S.START_YEAR] = 1789
    subset = links.loc[links[S.PARTNER_COUNTRY] == links[S.PARTNER_COUNTRY].iloc[0]]
    subset.iloc[0, subset.columns.get_loc(S.PARTNER_LAT)] = np.nan
    values = links[S.PARTNER_LON].to_numpy()
    assert not values.flags.writeable  # NOTE: numpy views of a CoW frame are read-only
    renamed = links.rename(columns=S.labels(links.columns))
    renamed.iloc[0, 0] = "x"
    return view


def test_a_page_changing_its_frame_leaves_the_shared_one_intact(shared: pd.DataFrame) -> None:
    before = shared.copy(deep=True)
    changed = _page_like_changes(shared)
    pd.testing.assert_frame_equal(shared, before)
    assert (changed[S.FR_NAME] != before[S.FR_NAME].astype(str)).any()  # the page's own frame did change
