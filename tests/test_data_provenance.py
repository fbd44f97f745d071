"""Every file of ``data/`` has one provenance, beside it; SOURCES.md and the loaders agree with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lianes_dash.dataset import data as D
from lianes_dash.dataset import data_provenance as P

DATA = D.DEFAULT_DATA_DIR
FIX = "edit the folder's PROVENANCE.json, then run `python -m lianes_dash.dataset.data_provenance`"


def _data_files() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.is_file() and p.name not in P.METADATA_FILES)


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_each_data_file_has_exactly_one_provenance(path: Path) -> None:
    rel = path.relative_to(DATA)
    if rel.parts[0] == "raw":
        assert (DATA / "raw" / rel.parts[1] / P.PROVENANCE_MD).is_file(), f"{rel}: no PROVENANCE.md in its snapshot"
        return
    assert rel.parts[0] in P.BUILT_FOLDERS and len(rel.parts) == 2, f"{rel}: a data file outside the known folders"
    prov = P.read(DATA, rel.parts[0])
    owners = [e for e in prov.entries if path.name in e.files]
    assert len(owners) == 1, f"{rel}: {len(owners)} provenance entries ({FIX})"


@pytest.mark.parametrize("folder", P.BUILT_FOLDERS)
def test_provenance_entries_name_existing_files_once(folder: str) -> None:
    names = [f for e in P.read(DATA, folder).entries for f in e.files]
    assert len(names) == len(set(names))
    assert all((DATA / folder / f).is_file() for f in names), "an entry names a file that is not there"


@pytest.mark.parametrize("folder", P.BUILT_FOLDERS)
def test_sources_md_shows_the_provenance_as_it_is(folder: str) -> None:
    """SOURCES.md holds no description of its own for these files: its table is the provenance, rendered."""
    text = (DATA / P.SOURCES_MD).read_text(encoding="utf-8")
    assert P.table(P.read(DATA, folder)) in text, f"SOURCES.md disagrees with data/{folder}/PROVENANCE.json ({FIX})"


def test_sources_md_rows_are_all_from_provenance() -> None:
    """No row of a files table in SOURCES.md that the provenance files did not produce (no second description)."""
    text = (DATA / P.SOURCES_MD).read_text(encoding="utf-8")
    rendered = "\n".join(P.table(P.read(DATA, f)) for f in P.BUILT_FOLDERS)
    rows = [line for line in text.split("\n") if line.startswith("| `")]
    raw_rows = [r for r in rows if r.startswith("| `raw/")]
    assert all(r in rendered for r in rows if r not in raw_rows)
    # every raw snapshot folder has a row, which points to its PROVENANCE.md
    snapshots = sorted(p.name for p in (DATA / "raw").iterdir() if p.is_dir())
    assert sorted(r.split("`")[1].removeprefix("raw/").rstrip("/") for r in raw_rows) == snapshots


def test_loaders_rebuild_commands_agree_with_provenance() -> None:
    for relative, command in D.REBUILD.items():
        assert P.rebuild_command(DATA, relative) == command, relative


def test_write_sources_is_a_no_op_on_the_repo(tmp_path: Path) -> None:
    for f in (P.SOURCES_MD, *(f"{d}/{P.PROVENANCE_JSON}" for d in P.BUILT_FOLDERS)):
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_bytes((DATA / f).read_bytes())
    assert not P.write_sources(tmp_path)
    prov = (tmp_path / "links" / P.PROVENANCE_JSON).read_text(encoding="utf-8")
    (tmp_path / "links" / P.PROVENANCE_JSON).write_text(prov.replace("rapport de construction", "RAPPORT"), "utf-8")
    assert P.write_sources(tmp_path)
    assert "RAPPORT" in (tmp_path / P.SOURCES_MD).read_text(encoding="utf-8")
