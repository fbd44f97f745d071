"""The validated copy of the data files (``dataset.validated``): same frames, kept per content and schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import validated as V

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(V.CACHE_ENV, str(folder))
    return folder


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal values, dtypes, index, and categories in the same order and of the same dtype."""
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert list(a.dtypes) == list(b.dtypes)
    assert type(a.index) is type(b.index)
    for col in a.columns:
        if isinstance(a[col].dtype, pd.CategoricalDtype):
            assert list(a[col].cat.categories) == list(b[col].cat.categories), col
            assert a[col].cat.categories.dtype == b[col].cat.categories.dtype, col


def _load_cached() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    coll, countries = D.load_reference_cached()
    return coll, countries, D.load_bundled_links_cached(coll, countries)


def test_the_copy_gives_the_frames_validation_gives(cache_dir: Path) -> None:
    coll, countries = D.load_collectivities(), D.load_countries()
    links = D.enrich_links(D.read_links_compact(D.NATIONAL_LINKS_FILE), coll, countries)
    first = _load_cached()  # validated, then written
    assert sorted(p.name.split("-")[0] for p in cache_dir.iterdir()) == ["collectivites", "liens", "pays"]
    second = _load_cached()  # read back from the copies
    for expected, got_first, got_second in zip((coll, countries, links), first, second, strict=True):
        _same(expected, got_first)
        _same(expected, got_second)


def test_a_restart_on_unchanged_files_does_not_validate(cache_dir: Path, monkeypatch) -> None:
    expected = _load_cached()

    def refuse(*args, **kwargs):
        raise AssertionError("validated again")

    for name in ("load_collectivities", "load_countries", "read_links_compact", "enrich_links"):
        monkeypatch.setattr(D, name, refuse)
    for before, after in zip(expected, _load_cached(), strict=True):
        _same(before, after)


def test_a_restart_does_not_import_pandera(cache_dir: Path) -> None:
    _load_cached()
    code = (
        "import sys\n"
        "from lianes_dash.dataset import data as D\n"
        "coll, countries = D.load_reference_cached()\n"
        "links = D.load_bundled_links_cached(coll, countries)\n"
        "assert len(links) > 0\n"
        "print('pandera' in sys.modules)\n"
    )
    env = {"PATH": "/usr/bin:/bin", V.CACHE_ENV: str(cache_dir), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": pd.Series(["Halluin", "Lille", None], dtype="str"),
            "kind": pd.Series(["b", "a", "b"], dtype="category"),
            "year": pd.Series([1990, None, 2004], dtype="Int64"),
        }
    )


@pytest.mark.parametrize(
    "damage",
    [b"", b"PAR1 not a parquet file", None],
    ids=["empty", "garbage", "cut short"],
)
def test_a_corrupt_copy_is_ignored_and_rebuilt(cache_dir: Path, tmp_path: Path, damage: bytes | None) -> None:
    source = tmp_path / "source.csv"
    source.write_text("x\n", encoding="utf-8")
    builds: list[int] = []

    def build() -> pd.DataFrame:
        builds.append(1)
        return _frame()

    V.cached("t", [source], build)
    (copy,) = cache_dir.glob("t-*.parquet")
    content = copy.read_bytes()
    copy.write_bytes(content[: len(content) // 2] if damage is None else damage)
    _same(_frame(), V.cached("t", [source], build))
    assert len(builds) == 2
    _same(_frame(), V.cached("t", [source], build))
    assert len(builds) == 2  # the rebuilt copy is read again


def test_a_changed_file_or_schema_version_is_a_new_copy(cache_dir: Path, tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "source.csv"
    source.write_text("x\n", encoding="utf-8")
    builds: list[int] = []

    def build() -> pd.DataFrame:
        builds.append(1)
        return _frame().assign(n=len(builds))

    assert V.cached("t", [source], build)["n"].iloc[0] == 1
    assert V.cached("t", [source], build)["n"].iloc[0] == 1
    source.write_text("y\n", encoding="utf-8")
    assert V.cached("t", [source], build)["n"].iloc[0] == 2
    assert len(list(cache_dir.glob("t-*.parquet"))) == 1  # the stale copy is gone
    monkeypatch.setattr(S, "SCHEMA_VERSION", S.SCHEMA_VERSION + 1)
    V._code_version.cache_clear()
    try:
        assert V.cached("t", [source], build)["n"].iloc[0] == 3
    finally:
        monkeypatch.undo()
        V._code_version.cache_clear()


def test_a_missing_file_is_reported_as_without_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    base = tmp_path / "data"
    shutil.copytree(D.data_dir() / D.REFERENCE, base / D.REFERENCE)
    (base / D.COUNTRIES_FILE).unlink()
    with pytest.raises(D.DataFileError, match="pays.parquet"):
        D.load_reference_cached(base)


def test_a_cache_folder_that_cannot_be_written_only_costs_the_validation(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(V.CACHE_ENV, str(blocker / "cache"))  # under a file: never a folder
    source = tmp_path / "source.csv"
    source.write_text("x\n", encoding="utf-8")
    _same(_frame(), V.cached("t", [source], _frame))
    _same(_frame(), V.cached("t", [source], _frame))


def test_the_default_folder_is_never_the_data_folder(monkeypatch) -> None:
    monkeypatch.delenv(V.CACHE_ENV, raising=False)
    data = D.data_dir().resolve()
    for folder in V.cache_dirs():
        assert data not in folder.resolve().parents and folder.resolve() != data
