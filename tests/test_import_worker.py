"""The import page's worker process: same result as in-process, memory and time limits, cancellation."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from lianes_dash.importer import ImportFileError, ImportTooCostly, import_links, worker
from lianes_dash.importer.testing import tiny_reference

REF = tiny_reference()
HEADER = "Collectivité française;Pays;Collectivité partenaire;Année\n"
pytestmark = pytest.mark.skipif(not worker.use_worker(), reason="no fork on this platform")


def rows(n: int) -> bytes:
    return (HEADER + "".join(f"Halluin;Sénégal;Partenaire fictif {i};{1950 + i % 70}\n" for i in range(n))).encode()


def test_worker_gives_the_in_process_result_and_the_columns() -> None:
    data = rows(50)
    seen: list[list[str]] = []
    steps: list[float] = []
    result = worker.run_import(data, "a.csv", on_columns=seen.append, progress=lambda f, _t: steps.append(f), **REF)
    here = import_links(data, filename="a.csv", **REF)
    assert result.summary == here.summary
    assert result.report.equals(here.report)
    assert seen == [["Collectivité française", "Pays", "Collectivité partenaire", "Année"]]
    assert steps and max(steps) <= 1.0
    assert not multiprocessing.active_children()


def test_a_refused_file_comes_back_as_its_french_message() -> None:
    with pytest.raises(ImportFileError, match="vide"):
        worker.run_import(b"", "vide.csv", **REF)


def test_memory_limit_stops_the_import_with_a_french_message(monkeypatch) -> None:
    """The child's address space is capped: an import needing 2 GB more ends in a French message.

    NOTE: the allocation is forced (a 2 GB buffer in the child's work) rather than left to a big
    file, because a forked child first reuses memory its parent freed, which no cap can see.
    """
    real_work = worker._work

    def greedy(*args, **kwargs):
        bytearray(2 * 1024**3)
        return real_work(*args, **kwargs)

    monkeypatch.setattr(worker, "_work", greedy)
    with pytest.raises(ImportTooCostly, match="LIANES_IMPORT_MEMORY_MB"):
        worker.run_import(rows(10), "gros.csv", memory_mb=64, **REF)
    assert not multiprocessing.active_children()


def test_time_limit_stops_the_import() -> None:
    with pytest.raises(ImportTooCostly, match="LIANES_IMPORT_TIMEOUT"):
        worker.run_import(rows(20_000), "lent.csv", timeout_s=0, **REF)
    assert not multiprocessing.active_children()


class Cancelled(BaseException):
    """Stands for Streamlit's RerunException / StopException (BaseException too)."""


def test_an_exception_from_progress_cancels_and_kills_the_child() -> None:
    def progress(_f: float, _t: str) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        worker.run_import(rows(20_000), "annule.csv", progress=progress, **REF)
    assert not multiprocessing.active_children()


def test_the_result_comes_back_through_files_that_are_then_deleted(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(worker.tempfile, "tempdir", str(tmp_path))
    data = rows(30)
    result = worker.run_import(data, "a.csv", **REF)
    here = import_links(data, filename="a.csv", **REF)
    assert result.links.equals(here.links) and result.links.dtypes.equals(here.links.dtypes)
    assert result.report.dtypes.equals(here.report.dtypes)
    assert list(tmp_path.iterdir()) == [], "the result's folder is removed once read"


def test_a_memoryview_of_the_upload_is_imported_without_a_copy_in_the_server() -> None:
    data = rows(20)
    result = worker.run_import(memoryview(data), "vue.csv", **REF)
    assert result.summary == import_links(data, filename="vue.csv", **REF).summary


def _hold(slots: worker.ImportSlots, release: threading.Event, started: threading.Event) -> None:
    with slots.slot(lambda _n: None):
        started.set()
        release.wait(10)


def _holding(slots: worker.ImportSlots) -> tuple[threading.Thread, threading.Event]:
    """A running import holding the one slot of ``slots`` until the returned event is set."""
    release, started = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold, args=(slots, release, started))
    holder.start()
    started.wait(5)
    return holder, release


def test_imports_wait_their_turn_first_come_first_served() -> None:
    slots = worker.ImportSlots(1)
    first, release = _holding(slots)
    told: dict[str, list[int]] = {"b": [], "c": []}
    order: list[str] = []

    def second(name: str) -> None:
        with slots.slot(told[name].append):
            order.append(name)

    b = threading.Thread(target=second, args=("b",))
    b.start()
    time.sleep(0.3)
    c = threading.Thread(target=second, args=("c",))
    c.start()
    time.sleep(0.6)
    assert order == [] and told["b"][-1] == 1 and told["c"][-1] == 2  # one running, then b, then c
    release.set()
    for thread in (first, b, c):
        thread.join(10)
    assert order == ["b", "c"]


def test_leaving_the_queue_lets_the_next_import_through() -> None:
    slots = worker.ImportSlots(1)
    holder, release = _holding(slots)

    def leave(_ahead: int) -> None:
        raise KeyboardInterrupt  # what a Streamlit stop raises through the progress callback

    with pytest.raises(KeyboardInterrupt), slots.slot(leave):
        pass
    release.set()
    holder.join(10)
    got = []
    with slots.slot(got.append):
        got.append("in")
    assert got == ["in"], "the queue is empty again: no ghost ticket ahead"


def test_a_queued_import_says_how_many_are_ahead(monkeypatch) -> None:
    slots = worker.ImportSlots(1)
    monkeypatch.setattr(worker, "SLOTS", slots)
    holder, release = _holding(slots)
    texts: list[str] = []

    def progress(_f: float, text: str) -> None:
        texts.append(text)
        if len(texts) == 3:
            release.set()

    result = worker.run_import(rows(5), "attente.csv", progress=progress, **REF)
    holder.join(10)
    assert result.summary.accepted == 5
    assert any("votre import commence après 1 autre(s)" in t for t in texts), texts
