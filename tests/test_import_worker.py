"""The import page's worker process: same result as in-process, memory and time limits, cancellation."""

from __future__ import annotations

import multiprocessing

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
