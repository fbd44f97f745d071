"""Memory that comes back: after sessions close, hand freed memory back to the system.

A closed session's data (its widgets, an imported file) is dropped by Streamlit once the
session has been disconnected for ``server.disconnectedSessionTTL`` seconds (120 by
default: a visitor on bad Wi-Fi reconnects into the same session). Python then frees the
objects, but glibc keeps the freed pages in its arenas and pyarrow in its pool, and Python's
own allocator keeps whole arenas for one live object: the process's resident memory stayed
where the peak left it. The service runs with :data:`SERVICE_ENV` (the system allocator, two
glibc arenas), where ``malloc_trim`` reaches every freed page.

:func:`start` runs a daemon thread that, every ``interval`` seconds, when the number of
sessions went down since its last pass (or closed sessions were reaped), collects garbage and asks
glibc (``malloc_trim``) and pyarrow to return free memory to the system; when the last
session is gone, ``on_idle`` first drops the caches keyed by filters (a kiosk left alone
overnight goes back to the memory of its loaded data; the next visitor recomputes them).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import os
import threading
import time
from collections.abc import Callable

_LOG = logging.getLogger("lianes_dash")
_STARTED = threading.Event()


def _libc_trim() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return False


#: The service's environment for memory that comes back (``make run``, the README's deployment):
#: Python's objects on the system allocator, where ``malloc_trim`` reaches every freed page (Python's
#: own 1 MiB arenas stay as long as one object in them lives), and two glibc arenas instead of eight
#: per core, so that freed memory lies together (bench/RESULTS.md, « Mémoire du serveur »).
SERVICE_ENV = {"PYTHONMALLOC": "malloc", "MALLOC_ARENA_MAX": "2"}


def advise_environment(environ: dict[str, str] | None = None) -> list[str]:
    """Log, in French, each setting of :data:`SERVICE_ENV` the server runs without; returns their names."""
    environ = dict(os.environ) if environ is None else environ
    missing = [name for name, value in SERVICE_ENV.items() if environ.get(name) != value]
    if missing:
        _LOG.info(
            "Mémoire : %s absent de l'environnement ; la mémoire libérée revient moins bien au système "
            "(make run les pose, voir le README, « Lancer en production »)",
            ", ".join(f"{name}={SERVICE_ENV[name]}" for name in missing),
        )
    return missing


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
        on_idle()  # The last session is gone: caches keyed by filters are dropped
    # An idle server (no session, none reaped) gives back once, on the pass where the last
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
    Both given by ``app.py`` (from :mod:`lianes_dash.server.streamlit_internals`).
    """
    if _STARTED.is_set():
        return False
    _STARTED.set()
    threading.Thread(
        target=_loop, args=(interval, session_count, on_idle, reap), name="lianes-memoire", daemon=True
    ).start()
    return True
