"""The server runs Python on the system allocator, and says what its memory holds when asked.

The service's environment (``memory.SERVICE_ENV``: ``PYTHONMALLOC=malloc``, ``MALLOC_ARENA_MAX=2``,
so that ``malloc_trim`` can hand freed memory back) is set by ``make run`` and by the tests' servers;
``memtrace`` is the opt-in diagnosis (``LIANES_TRACEMALLOC``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from lianes_dash.server import memory, memtrace
from tests.conftest import ROOT


def test_make_run_starts_the_server_in_the_service_environment() -> None:
    """The allocator is the service's environment (no restart of the process): ``make run`` sets it."""
    run = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(x for x in run.splitlines() if "streamlit run app.py" in x)
    assert all(f"{name}={value}" in line for name, value in memory.SERVICE_ENV.items()), line


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({"PYTHONMALLOC": "malloc", "MALLOC_ARENA_MAX": "2"}, []),
        ({"PYTHONMALLOC": "pymalloc"}, ["PYTHONMALLOC", "MALLOC_ARENA_MAX"]),
        ({"PYTHONMALLOC": "malloc"}, ["MALLOC_ARENA_MAX"]),
    ],
)
def test_the_server_says_which_memory_setting_it_runs_without(
    environ: dict[str, str], missing: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="lianes_dash"):
        assert memory.advise_environment(environ) == missing
    assert ("absent de l'environnement" in caplog.text) is bool(missing)


def test_a_server_from_app_py_runs_on_the_system_allocator_in_one_process(settings_server) -> None:
    _base, proc = settings_server
    environ = Path(f"/proc/{proc.pid}/environ").read_bytes().split(b"\0")
    assert b"PYTHONMALLOC=malloc" in environ and b"MALLOC_ARENA_MAX=2" in environ
    assert proc.pid == int(Path(f"/proc/{proc.pid}/stat").read_text().split()[0]), "one process, never restarted"


@pytest.fixture
def tracing() -> Iterator[None]:
    memtrace._REFERENCE.clear()
    tracemalloc.start(1)
    yield
    tracemalloc.stop()
    memtrace._REFERENCE.clear()


def test_memtrace_names_what_grew_since_the_reference(tracing: None) -> None:
    assert memtrace.report().endswith("référence prise")
    kept = [f"objet fictif {i}" * 4 for i in range(20_000)]  # ~2 MB held past the reference
    text = memtrace.report()
    first = text.splitlines()[1]
    assert "test_memory_allocator.py" in first and "KiB (+2" in first, text  # the top line: this test's ~2.4 MiB
    assert len(kept) == 20_000


def test_memtrace_without_tracing_reads_pythons_arenas() -> None:
    arenas, used = memtrace.pymalloc_mb()
    if sys.flags.dev_mode or not arenas:
        pytest.skip("this interpreter does not run on pymalloc")
    assert 0 < used <= arenas


@pytest.mark.parametrize(("value", "started"), [("", False), ("oui", False), ("0", True)])
def test_memtrace_is_off_unless_asked(value: str, started: bool) -> None:
    before = signal.getsignal(signal.SIGUSR1)
    try:
        assert memtrace.start_from_env({"LIANES_TRACEMALLOC": value}) is started
        assert (signal.getsignal(signal.SIGUSR1) is memtrace._on_signal) is started
        assert not tracemalloc.is_tracing()  # « 0 »: figures only, no tracing
    finally:
        signal.signal(signal.SIGUSR1, before)


@pytest.mark.parametrize(
    ("setting", "pool"),
    [(None, "jemalloc"), ("system", "system"), ("mimalloc", "mimalloc")],
    ids=["default", "system chosen", "mimalloc chosen"],
)
def test_pyarrow_allocates_on_jemalloc_unless_a_pool_is_chosen(setting: str | None, pool: str) -> None:
    """The data's pool hands the pages' temporaries back (``ui.state``); ``ARROW_DEFAULT_MEMORY_POOL`` still wins."""
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if setting is not None:
        env["ARROW_DEFAULT_MEMORY_POOL"] = setting
    code = "import pyarrow as pa\nimport lianes_dash.ui.state\nprint(pa.default_memory_pool().backend_name)\n"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == pool
