"""The benchmark's yardstick works: every naive page runs on the bundled data.

NOTE: a naive page that fails is left out of the « ≥ 10× » comparison (``bench/__main__.py``);
on the bundled (real) data they all failed for a while (one known start year made the year
slider's bounds equal), and the comparison said nothing at ×1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import bench as B

# NOTE: slow (left to the full run): the naive pages reread every file on every run, by design.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return B.prepare_data(1, tmp_path_factory.mktemp("bench"), log=lambda _msg: None)


@pytest.mark.parametrize("page", sorted(B.naive_pages()))
def test_naive_page_runs_on_the_bundled_data(page: str, bench_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIANES_DATA_DIR", str(bench_data))
    at = AppTest.from_file(str(B.NAIVE_SCRIPT), default_timeout=120)
    at.session_state[B.NAIVE_PAGE_KEY] = page
    at.run()
    assert not at.exception, [e.value for e in at.exception]
