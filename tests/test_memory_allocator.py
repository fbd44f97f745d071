"""The server runs Python on the system allocator, and says what its memory holds when asked.

``memory.use_system_allocator`` restarts ``streamlit run`` once with ``PYTHONMALLOC=malloc`` (so that
``malloc_trim`` can hand freed memory back); ``memtrace`` is the opt-in diagnosis
(``LIANES_TRACEMALLOC``). Against a real server started from ``app.py``: it runs on the system
allocator, under the process id it was started with.
"""

from __future__ import annotations

import os
import signal
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from lianes_dash.server import memory, memtrace

RUN = ["/usr/bin/python3", "/usr/local/bin/streamlit", "run", "app.py", "--server.port", "8501"]


@pytest.mark.parametrize(
    ("environ", "argv", "restarted"),
    [
        ({}, RUN, True),  # the production command: restarted on the system allocator
        ({}, ["python", "-m", "streamlit", "run", "app.py"], True),
        ({"PYTHONMALLOC": "pymalloc"}, RUN, False),  # chosen by whoever started it: kept
        ({"PYTHONMALLOC": "malloc"}, RUN, False),  # already restarted: never a second time
        ({}, ["python", "-m", "pytest", "tests"], False),  # app.py imported by something else
        ({}, ["python", "-m", "streamlit", "hello"], False),
    ],
)
def test_use_system_allocator(environ: dict[str, str], argv: list[str], restarted: bool) -> None:
    calls: list[tuple[str, list[str]]] = []
    got = memory.use_system_allocator(environ, argv, execv=lambda exe, args: calls.append((exe, args)))
    assert got is restarted
    if restarted:
        assert calls == [(sys.executable, argv)] and environ["PYTHONMALLOC"] == "malloc"
    else:
        assert calls == [] and environ.get("PYTHONMALLOC") in (None, "pymalloc", "malloc")


@pytest.mark.skipif("PYTHONMALLOC" in os.environ, reason="the allocator was chosen for this run")
def test_a_server_from_app_py_runs_on_the_system_allocator(settings_server) -> None:
    _base, proc = settings_server
    environ = Path(f"/proc/{proc.pid}/environ").read_bytes().split(b"\0")
    assert b"PYTHONMALLOC=malloc" in environ, "app.py did not restart on the system allocator"


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
