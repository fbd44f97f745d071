"""A missing, truncated or corrupt data file gives a clear French page, never a traceback.

Each case points ``LIANES_DATA_DIR`` at a copy of ``data/`` with one file broken, then
opens every page of the navigation. Files every page needs (links, collectivities,
countries) stop every page on the error page; files only some pages read (outlines,
brochure tables) stop only those: the other pages keep working.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lianes_dash import data as D
from tests.conftest import ROOT, navigation_pages, page_script

PAGES = navigation_pages()
ERROR_TITLE = "Les données ne peuvent pas être chargées"


def _missing(path: Path) -> None:
    path.unlink()


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xffceci n'est pas un fichier de donn\xe9es\n" * 50)


def _wrong_columns(path: Path) -> None:
    """A readable file of the right format whose content does not fit the schema."""
    pd.DataFrame({"colonne": ["a", "b"], "autre": [1, 2]}).to_parquet(path, index=False)


def _empty_geojson(path: Path) -> None:
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")


#: Files no page can do without: (file, damage).
FATAL = [
    (D.NATIONAL_LINKS_FILE, _missing),
    (D.NATIONAL_LINKS_FILE, _truncated),
    (D.COLLECTIVITIES_FILE, _garbage),
    (D.COLLECTIVITIES_FILE, _wrong_columns),
    (D.COUNTRIES_FILE, _missing),
    (D.COUNTRIES_FILE, _truncated),
]
#: Files only some pages read (through ``ctx.ref.<outline or brochure table>``): (file, damage).
PARTIAL = [
    (D.DEPARTEMENTS_GEOJSON, _missing),
    (D.DEPARTEMENTS_GEOJSON, _truncated),
    (D.REGIONS_GEOJSON, _empty_geojson),
    (D.BROCHURE_NAMED_FILE, _missing),
    (D.BROCHURE_TESTIMONIALS_FILE, _garbage),
]


def _ids(case: tuple) -> str:
    return f"{Path(case[0]).name}-{case[1].__name__.strip('_')}"


@pytest.fixture
def broken_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clear_caches) -> Callable[[str, Callable], Path]:
    """A copy of ``data/`` in force for this test, with one file damaged by the caller."""
    copy = tmp_path / "data"
    shutil.copytree(D.DEFAULT_DATA_DIR, copy)
    monkeypatch.setenv("LIANES_DATA_DIR", str(copy))

    def damage(relative: str, how: Callable[[Path], None]) -> Path:
        how(copy / relative)
        return copy / relative

    return damage


def _all_text(at: AppTest) -> str:
    out = []
    for kind in ("markdown", "caption", "error", "warning", "info", "title", "header", "subheader", "code", "text"):
        out += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(out)


def _shows_error_page(at: AppTest, broken: Path, rebuild: str | None) -> bool:
    errors = [e.value for e in at.error if ERROR_TITLE in e.value]
    if not errors:
        return False
    assert broken.name in errors[0], errors[0]
    if rebuild:
        assert any(rebuild in c.value for c in at.code), "the page must say how to rebuild the file"
    return True


def _no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert "Traceback" not in _all_text(at)


def test_the_damages_really_break_the_loaders(tmp_path: Path) -> None:
    """Each damaged file makes its loader raise DataFileError (the cases test something)."""
    loaders = {
        D.NATIONAL_LINKS_FILE: lambda base: D.read_links_file(D.NATIONAL_LINKS_FILE, base),
        D.COLLECTIVITIES_FILE: D.load_collectivities,
        D.COUNTRIES_FILE: D.load_countries,
        D.DEPARTEMENTS_GEOJSON: lambda base: D.load_geojson(D.DEPARTEMENTS_GEOJSON, base),
        D.REGIONS_GEOJSON: lambda base: D.load_geojson(D.REGIONS_GEOJSON, base),
        D.BROCHURE_NAMED_FILE: D.load_named,
        D.BROCHURE_TESTIMONIALS_FILE: D.load_testimonials,
    }
    for i, (relative, how) in enumerate(FATAL + PARTIAL):
        base = tmp_path / str(i)
        shutil.copytree(D.DEFAULT_DATA_DIR, base)
        how(base / relative)
        with pytest.raises(D.DataFileError):
            loaders[relative](base)


@pytest.mark.parametrize(("relative", "how"), FATAL, ids=[_ids(c) for c in FATAL])
def test_a_broken_core_file_gives_the_french_error_page_on_every_page(relative, how, broken_data) -> None:
    broken = broken_data(relative, how)
    for page_file, _url, _default in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.switch_page(page_script(page_file)).run()
        _no_traceback(at)
        assert _shows_error_page(at, broken, D.REBUILD.get(relative)), page_file
        assert not at.sidebar.multiselect, "no filter over data that could not be loaded"


@pytest.mark.parametrize(("relative", "how"), PARTIAL, ids=[_ids(c) for c in PARTIAL])
def test_a_broken_secondary_file_only_stops_the_pages_that_read_it(relative, how, broken_data) -> None:
    broken = broken_data(relative, how)
    working, stopped = [], []
    # One visitor going through every page (as a user would after the first error).
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for page_file, _url, _default in PAGES:
        at.switch_page(page_script(page_file)).run()
        assert at.sidebar.multiselect, "the filters stay available"
        _no_traceback(at)
        if _shows_error_page(at, broken, D.REBUILD.get(relative)):
            stopped.append(page_file)
        else:
            working.append(page_file)
    # NOTE: which pages stop depends on what they draw (the France map reads the régions only
    # at that level): the test below checks the France map; here, the pages that never read
    # the file keep working, and every page that stops says which file and how to rebuild it.
    assert {"overview.py", "world.py"} <= set(working), (working, stopped)
    assert len(working) > len(stopped), (working, stopped)


@pytest.mark.parametrize(
    ("relative", "level"),
    [(D.DEPARTEMENTS_GEOJSON, None), (D.REGIONS_GEOJSON, "region")],
    ids=["departements", "regions"],
)
def test_the_france_map_names_the_missing_outline_file(relative, level, broken_data) -> None:
    """The concrete case of the issue: no outlines → a French page on the map page only."""
    broken = broken_data(relative, _missing)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    if level:
        at.session_state["france_level"] = level  # the page's « Découpage » control
    at.switch_page(page_script("france.py")).run()
    _no_traceback(at)
    assert _shows_error_page(at, broken, D.BUILD_REFERENCE_CMD)
    assert "fichier absent" in at.error[0].value
    at.switch_page(page_script("world.py")).run()
    _no_traceback(at)
    assert not at.error
    assert at.get("plotly_chart"), "the world map is still drawn"


def test_the_error_page_recovers_once_the_file_is_back(broken_data) -> None:
    """A failure is not cached: put the file back and the page works without a restart."""
    broken = broken_data(D.DEPARTEMENTS_GEOJSON, _missing)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page(page_script("france.py")).run()
    assert _shows_error_page(at, broken, None)
    shutil.copy(D.DEFAULT_DATA_DIR / D.DEPARTEMENTS_GEOJSON, broken)
    at.run()
    _no_traceback(at)
    assert not [e for e in at.error if ERROR_TITLE in e.value]
