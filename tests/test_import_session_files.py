"""An import costs the server a fixed amount: its file and result on disk, in a folder deleted with the session.

The result's tables are read a page at a time (the same cells as the whole report), its CSV is the
file the page used to build (same bytes), Streamlit's copy of the upload is dropped once saved, and
the session's folder goes when the session ends (the housekeeping's hook) or when its server has
stopped (at the next start).
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lianes_dash.dataset import schema as S
from lianes_dash.importer import import_links, stored, worker
from lianes_dash.importer.report import report_csv_bytes, report_table
from lianes_dash.importer.testing import tiny_reference
from lianes_dash.server import memory
from lianes_dash.server import streamlit_internals as internals
from lianes_dash.text import i18n
from lianes_dash.ui import importing as imp
from lianes_dash.ui import session_files
from tests.landing import landing

REF = tiny_reference()


@pytest.fixture(autouse=True)
def _own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's import folders under ``tmp_path``, its own server folder (a fresh process's)."""
    monkeypatch.setenv("LIANES_IMPORT_DIR", str(tmp_path))
    monkeypatch.setenv("LIANES_IMPORT_WARM_INDEXES", "1")
    monkeypatch.setattr(session_files, "_server", {})
    return tmp_path / "lianes-dash-imports"


def _mixed(n: int = 1) -> bytes:
    """``n`` times one row of each kind: accepted, rejected, duplicate, blank, accepted with a warning."""
    rows = "".join(
        f"Halluin;Maroc;Marrakech {i};2003\nAtlantide;Maroc;X;2001\nHalluin;Maroc;Marrakech {i};2003\n\n"
        f"Lille;Sénégal;Dakar {i};vers 1990\n"
        for i in range(n)
    )
    return ("Commune;Pays;Partenaire;Année\n" + rows).encode()


@pytest.mark.parametrize(("rows", "page"), [(1, 2), (1, 1_000), (700, 1_000), (700, 333)])
def test_the_report_read_page_by_page_is_the_whole_report(
    rows: int, page: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored, "ROW_GROUP", 250 if rows > 1 else 2)
    monkeypatch.setattr(imp, "PAGE_ROWS", page)
    result = import_links(_mixed(rows), filename="mixte.csv", **REF)
    kept = stored.write(result, tmp_path / "r")
    whole = report_table(result.report)
    pages = [kept.report_page(a, b) for a, b in imp.report_pages(kept.report_count)]
    assert len(pages) == -(-len(whole) // page)
    pd.testing.assert_frame_equal(pd.concat(pages, ignore_index=True), whole)
    assert kept.report().equals(imp.ordered_report(result.report))


def test_the_links_come_back_as_imported_and_compact(tmp_path: Path) -> None:
    result = import_links(_mixed(40), filename="mixte.csv", **REF)
    kept = stored.write(result, tmp_path / "r")
    assert kept.links_count == len(result.links) and kept.key == imp.dataset_key(result.links)
    assert kept.links().equals(result.links) and kept.links().dtypes.equals(result.links.dtypes)
    compact = kept.links(compact=True)
    assert isinstance(compact[S.PARTNER_COUNTRY].dtype, pd.CategoricalDtype)
    assert compact.astype(object).equals(result.links.astype(object))
    assert kept.links_head(3).equals(result.links.head(3))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_csv_download_is_the_report_file_of_before(lang: str, tmp_path: Path) -> None:
    """Same bytes as the page's download built in memory (the CLI's writer), in the import's language."""
    with i18n.using(lang):
        result = import_links(_mixed(30), filename="mixte.csv", **REF)
        before = report_csv_bytes(result.report)
        kept = stored.write(result, tmp_path / "r")
    assert imp.report_file(kept)() == before == kept.csv_bytes()


def test_the_worker_leaves_its_result_on_disk_and_the_queue_still_holds(tmp_path: Path, monkeypatch) -> None:
    """The child reads the saved file and writes the result; the server gets the summary (through the queue)."""
    slots = worker.ImportSlots(1)
    monkeypatch.setattr(worker, "SLOTS", slots)
    source = tmp_path / "upload.csv"
    source.write_bytes(_mixed(20))
    with slots.slot(lambda _n: None):
        texts: list[str] = []

        def progress(_f: float, text: str) -> None:
            texts.append(text)
            if len(texts) > 2:
                raise KeyboardInterrupt  # the visitor left while waiting

        with pytest.raises(KeyboardInterrupt):
            worker.run_import_stored(source, "mixte.csv", tmp_path / "gone", progress=progress, **REF)
        assert any("votre import commence après 1 autre(s)" in t for t in texts), texts
    kept = worker.run_import_stored(source, "mixte.csv", tmp_path / "kept", **REF)
    here = import_links(_mixed(20), filename="mixte.csv", **REF)
    assert kept.summary == here.summary and kept.folder == tmp_path / "kept"
    assert kept.report().equals(imp.ordered_report(here.report))
    assert sorted(p.name for p in kept.folder.iterdir()) == sorted(
        [stored.CSV_FILE, stored.LINKS_FILE, stored.REPORT_FILE]
    )


def test_the_upload_is_saved_once_and_streamlits_copy_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page saves the chosen file, then Streamlit no longer holds its bytes; the import reads the saved file."""
    released: list[tuple[str, list]] = []
    real = internals.release_upload

    def release(file_id: str) -> bool:
        assert real(file_id)
        ctx = get_script_run_ctx()
        assert ctx is not None
        released.append((file_id, ctx.uploaded_file_mgr.get_files(ctx.session_id, [file_id])))
        return True

    monkeypatch.setattr(internals, "release_upload", release)
    at = landing("import_data.py")
    at.file_uploader(key=imp.UPLOAD).set_value(("mixte.csv", _mixed(3), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert released and all(files == [] for _id, files in released), released
    saved = at.session_state[imp.FILE]
    assert saved.path.read_bytes() == _mixed(3) and saved.name == "mixte.csv"
    result = at.session_state[imp.RESULT]
    assert isinstance(result, stored.StoredResult) and result.summary.accepted == 6
    assert result.folder.parent == saved.path.parent.parent == at.session_state[session_files.FOLDER].path


def test_the_session_folder_goes_when_the_session_ends(_own_folders: Path) -> None:
    at = landing("import_data.py")
    at.file_uploader(key=imp.UPLOAD).set_value(("mixte.csv", _mixed(3), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    folder = at.session_state[session_files.FOLDER].path
    orphan = session_files.server_dir() / "orphelin"  # a folder no session owns
    orphan.mkdir()
    assert folder.is_dir() and len(list(folder.iterdir())) == 2  # the upload, the result

    def reap() -> int:  # the housekeeping's hook (app.py): Streamlit's leftovers, then the folders
        return session_files.sweep()

    memory.housekeeping_pass(1, lambda: 1, reap=reap)
    assert folder.is_dir() and not orphan.exists(), "a live session keeps its folder"
    del at
    gc.collect()
    memory.housekeeping_pass(1, lambda: 0, reap=reap)
    assert not folder.exists()


def test_a_stopped_servers_folders_go_at_start_a_running_ones_stay(_own_folders: Path) -> None:
    base = _own_folders
    stopped = base / "server-1" / "abc"
    stopped.mkdir(parents=True)
    (base / "server-1" / ".lock").touch()
    running = base / "server-2"
    running.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_CREAT | os.O_RDWR);"
            "fcntl.flock(fd, fcntl.LOCK_EX); print('ok', flush=True); time.sleep(60)",
            str(running / ".lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        assert session_files.clean_leftovers() == 1
        assert not (base / "server-1").exists() and running.is_dir()
        assert session_files.server_dir() == base / f"server-{os.getpid()}"
    finally:
        holder.kill()
        holder.wait(10)
    assert session_files.clean_leftovers() == 1 and not running.exists()
