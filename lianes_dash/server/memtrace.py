"""What the server's memory holds, on request: an opt-in diagnosis of memory that does not come back.

``LIANES_TRACEMALLOC=N streamlit run app.py`` traces Python's allocations (``tracemalloc``,
``N`` frames per allocation, 1 is enough to name the line). Then ``kill -USR1 <pid>``: the
first signal takes the reference snapshot (send it once the server is warmed up), each later
one writes to the server's log (stderr) how much is traced against the resident memory
(RSS), how much of Python's small-object arenas is in use, and the 20 lines whose retained
memory grew most since the reference. ``scripts/url_memory.py --tracemalloc`` sends both
signals (after the warm-up, at the end of the rest).

How to read it. Traced memory back near the reference while the RSS stays high: the
objects were freed and the memory is held by an allocator (Python's arenas, glibc's, pyarrow's
pool). Traced memory high: something still holds objects, and the lines say where they were
allocated. Tracing costs time and memory (about a third more): never on in production.
"""

from __future__ import annotations

import io
import logging
import os
import signal
import sys
import tracemalloc
from pathlib import Path

_LOG = logging.getLogger("lianes_dash.memtrace")
_REFERENCE: list[tracemalloc.Snapshot] = []
#: Frames left out of a trace: tracemalloc's own and the import machinery's.
TRACE_FILTERS = (
    tracemalloc.Filter(False, tracemalloc.__file__),
    tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
    tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>"),
)


def rss_mb(pid: int | None = None) -> float:
    """The resident memory of this process (or of ``pid``), in MB (0 where /proc is missing)."""
    try:
        for line in Path(f"/proc/{pid or 'self'}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def pymalloc_mb() -> tuple[float, float]:
    """Python's small-object allocator: (MB of arenas allocated, MB of blocks in use in them).

    NOTE: read from ``sys._debugmallocstats`` (CPython only, written to the C stderr): an arena
    (1 MiB) goes back to the system only when every block in it is free.
    """
    read, write = os.pipe()
    saved = os.dup(2)
    try:
        os.dup2(write, 2)
        os.close(write)
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    with os.fdopen(read, "rb") as pipe:
        text = pipe.read().decode("utf-8", "replace")
    arenas = used = 0
    for line in text.splitlines():
        name, _sep, value = line.partition("=")
        if "bytes/arena" in name:  # « 4 arenas * 1048576 bytes/arena = 4,194,304 »
            arenas = int(value.strip().replace(",", ""))
        elif name.strip() == "# bytes in allocated blocks":
            used = int(value.strip().replace(",", ""))
    return arenas / 2**20, used / 2**20


def report(top: int = 20) -> str:
    """One line of figures, then (when tracing) the lines that grew most since the reference snapshot."""
    head = f"mémoire : RSS {rss_mb():.1f} Mo"
    if "pyarrow" in sys.modules:  # NOTE: its buffers (pandas' text columns) are not traced
        pool = sys.modules["pyarrow"].default_memory_pool()
        head += f", pyarrow {pool.bytes_allocated() / 2**20:.1f} Mo ({pool.backend_name}, pic {pool.max_memory() / 2**20:.1f})"
    if not tracemalloc.is_tracing():
        arenas, used = pymalloc_mb()  # NOTE: only without tracing (it replaces Python's allocator)
        if not arenas:  # PYTHONMALLOC=malloc (app.py's default): no arenas of Python's own
            return head + f", objets de Python sur l'allocateur du système ({os.environ.get('PYTHONMALLOC')})"
        return head + f", arènes de Python {arenas:.1f} Mo dont {used:.1f} Mo en usage"
    snapshot = tracemalloc.take_snapshot().filter_traces(TRACE_FILTERS)
    traced, peak = (v / 2**20 for v in tracemalloc.get_traced_memory())
    head += f", tracé {traced:.1f} Mo (pic {peak:.1f})"
    if not _REFERENCE:
        _REFERENCE.append(snapshot)
        return head + " — référence prise"
    out = io.StringIO()
    then = sum(stat.size for stat in _REFERENCE[0].statistics("filename")) / 2**20
    out.write(f"{head} ; {then:.1f} Mo tracés à la référence, les lignes qui ont le plus grandi :\n")
    for stat in snapshot.compare_to(_REFERENCE[0], "lineno")[:top]:
        out.write(f"  {stat}\n")
    out.write("  par fichier :\n")
    for stat in snapshot.compare_to(_REFERENCE[0], "filename")[:top]:
        out.write(f"  {stat}\n")
    if tracemalloc.get_traceback_limit() > 1:
        for stat in snapshot.compare_to(_REFERENCE[0], "traceback")[: top // 2]:
            out.write(f"  {stat.size_diff / 2**20:+.1f} Mo, {stat.count_diff:+d} blocs, alloués par :\n")
            out.writelines(f"      {line}\n" for line in stat.traceback.format(most_recent_first=True))
    return out.getvalue()


def _on_signal(_signum: int, _frame: object) -> None:
    try:
        _LOG.warning("%s", report())
    except Exception:  # noqa: BLE001
        _LOG.exception("tracemalloc : rapport impossible")


def start_from_env(environ: dict[str, str] | os._Environ = os.environ) -> bool:
    """Answer ``SIGUSR1`` when ``LIANES_TRACEMALLOC`` is a number (0: RSS and arenas only, no tracing)."""
    frames = environ.get("LIANES_TRACEMALLOC", "").strip()
    if not frames.isdigit():
        return False
    if int(frames) > 0:
        tracemalloc.start(int(frames))
    if not _LOG.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        _LOG.addHandler(handler)
        _LOG.propagate = False
    try:
        signal.signal(signal.SIGUSR1, _on_signal)
    except ValueError:  # not the main thread: the reports are then never asked for
        _LOG.warning("tracemalloc : pas de signal USR1 hors du fil principal")
    what = f"tracemalloc, {frames} images par allocation" if int(frames) else "RSS et arènes, sans traçage"
    _LOG.warning("mémoire : %s ; kill -USR1 %s pour la référence puis les rapports", what, os.getpid())
    return True
