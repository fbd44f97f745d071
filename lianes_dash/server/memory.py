"""Memory that comes back: after sessions close, hand freed memory back to the system.

A closed session's data (its widgets, an imported file) is dropped by Streamlit once the
session has been disconnected for ``server.disconnectedSessionTTL`` seconds (120 by
default: a visitor on bad Wi-Fi reconnects into the same session). Python then frees the
objects, but glibc keeps the freed pages in its arenas and pyarrow in its pool: the
process's resident memory stayed where the peak left it (436 MB instead of 306 after a
20-visitor load; 1.4 GB minutes after a large import's tab closed). Python's own allocator
kept even more: :func:`use_system_allocator` (called first thing by ``app.py``) restarts the
server once on the system allocator, where ``malloc_trim`` reaches every freed page.

:func:`start` runs a daemon thread that, every ``interval`` seconds, when the number of
sessions went down since its last pass (or closed sessions were reaped), collects garbage and asks
glibc (``malloc_trim``) and pyarrow to return free memory to the system; when the last
session is gone, ``on_idle`` first drops the caches keyed by filters (a kiosk left alone
overnight goes back to the memory of its loaded data; the next visitor recomputes them).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, MutableMapping

_LOG = logging.getLogger("lianes_dash")
_STARTED = threading.Event()


def _libc_trim() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return False


#: glibc's ``mallopt`` parameter number of M_ARENA_MAX (malloc.h).
_M_ARENA_MAX = -8


def limit_arenas(count: int = 2) -> bool:
    """Let glibc's allocator use at most ``count`` arenas (a pool of memory each) from now on.

    NOTE: glibc gives each thread that allocates at the same time as another an arena of its
    own, up to eight per core. Streamlit runs every visitor's script in a thread: after a busy
    hour the freed memory lies scattered over many arenas, where ``malloc_trim`` gets little of
    it back. Two arenas cost nothing measurable here (the scripts hold the GIL anyway) and keep
    the freed memory together. The same as ``MALLOC_ARENA_MAX=2`` in the environment.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(_M_ARENA_MAX, count))
    except (OSError, AttributeError):  # not glibc: nothing to do
        return False


def _open_fds() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return []


def use_system_allocator(
    environ: MutableMapping[str, str] = os.environ,
    argv: list[str] | None = None,
    execv: Callable[[str, list[str]], object] = os.execv,
) -> bool:
    """Restart this ``streamlit run`` once with ``PYTHONMALLOC=malloc`` (unless it is set, to any value).

    NOTE: Python keeps its small objects in 1 MiB arenas of its own and gives an arena back only
    when every object in it is free; one survivor (a cache entry, a string made during a visit) keeps
    the whole MiB. After 300 visits, once every session was gone, Python's arenas held 239 MB of
    which 87 MB in use (93 MB in use once warmed up): the objects were freed, but the arenas stayed,
    and ``malloc_trim`` cannot reach them (+134 MB over the warmed-up level). With the system
    allocator the same objects live in glibc's heap, from which ``malloc_trim`` returns every free
    4 KiB page: +5 MB after the same 300 visits (bench/RESULTS.md). Python picks its
    allocator before running any code, hence the restart (same process id, same arguments; the
    port is bound again). ``PYTHONMALLOC=pymalloc`` keeps Python's own. Only on glibc (Linux),
    the only system where ``malloc_trim`` exists.
    """
    argv = list(sys.orig_argv) if argv is None else argv
    if "PYTHONMALLOC" in environ or not any(a.endswith("streamlit") for a in argv) or "run" not in argv:
        return False
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim  # noqa: B018
    except (OSError, AttributeError):  # not glibc: the restart would gain nothing
        return False
    environ["PYTHONMALLOC"] = "malloc"
    sys.stdout.flush()
    sys.stderr.flush()
    # NOTE: Streamlit has bound its port, inheritable: the restarted process binds it again.
    for fd in _open_fds():
        if fd > 2:
            with contextlib.suppress(OSError):  # e.g. the listing's own, closed since
                os.set_inheritable(fd, False)
    execv(sys.executable, argv)
    return True  # only reached with a stand-in ``execv`` (tests)


def release() -> None:
    """Collect garbage, then give free memory back (glibc arenas, pyarrow's pool)."""
    gc.collect()
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except ImportError:  # pragma: no cover
        pass
    _libc_trim()


def housekeeping_pass(
    last: int | None,
    session_count: Callable[[], int | None],
    on_idle: Callable[[], None] | None = None,
    reap: Callable[[], int] | None = None,
    give_back: Callable[[], None] = release,
) -> int | None:
    """One pass: reap closed sessions, drop the filter caches once none is left, give memory back.

    Returns the session count, the ``last`` of the next pass.
    """
    reaped = reap() if reap is not None else 0
    now = session_count()
    if on_idle is not None and now == 0 and last != 0:
        on_idle()  # NOTE: the last session is gone: caches keyed by filters are dropped
    # NOTE: an idle server (no session, none reaped) gives back once, on the pass where the last
    # session went: again on every pass, the full collection (~0.2 s with the data loaded) kept
    # 1 % of a core busy at the default 20 s, and a quarter of one at 1 s.
    if reaped or now is None or last is None or now < last:
        give_back()
    return now


def _loop(
    interval: float,
    session_count: Callable[[], int | None],
    on_idle: Callable[[], None] | None,
    reap: Callable[[], int] | None,
) -> None:
    last = session_count()
    while True:
        time.sleep(interval)
        try:
            last = housekeeping_pass(last, session_count, on_idle, reap)
        except Exception:  # noqa: BLE001
            _LOG.exception("Libération de la mémoire : échec (sans conséquence pour les visiteurs)")


def start(
    session_count: Callable[[], int | None],
    on_idle: Callable[[], None] | None = None,
    interval: float = 20.0,
    reap: Callable[[], int] | None = None,
) -> bool:
    """Start the housekeeping thread once per process; False if it was already running.

    ``session_count`` tells how many sessions the server holds (None: unknown, then the
    memory is handed back on every pass); ``on_idle`` runs when the last session is gone;
    ``reap`` frees what closed sessions left behind and says how many it found.
    NOTE: both given by ``app.py``: this package does not import Streamlit
    (tests/test_architecture.py).
    """
    if _STARTED.is_set():
        return False
    _STARTED.set()
    threading.Thread(
        target=_loop, args=(interval, session_count, on_idle, reap), name="lianes-memoire", daemon=True
    ).start()
    return True
