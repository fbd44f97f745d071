"""Running one import in a child process, with a memory limit, a time limit and cancellation.

The import page must never let one visitor's file stall or kill the server that every
visitor shares: the reading and the checks run in a forked child process whose address
space is capped (``resource.setrlimit(RLIMIT_AS)``), which is killed past a time limit or
when the caller stops waiting (a Streamlit rerun or stop, a closed tab), and whose memory goes back to
the system when it ends. The parent only waits, relays progress, and receives the result.
Pure Python (no Streamlit): the page passes a ``progress`` callback, whose exceptions (a
Streamlit rerun or stop) cancel the import.

Settings (environment): ``LIANES_IMPORT_MEMORY_MB`` (1 024), ``LIANES_IMPORT_TIMEOUT``
(seconds, 300), ``LIANES_IMPORT_WORKER=0`` to run in-process (platforms without ``fork``),
``LIANES_IMPORT_WARM_INDEXES=1`` to keep the reference indexes in the server (see ``_warm``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from lianes_dash.importer.errors import ImportFileError, ImportTooCostly, MappingError, MissingColumns
from lianes_dash.importer.reading import DEFAULT_MAX_BYTES, _setting, read_raw
from lianes_dash.text import i18n
from lianes_dash.text.french import fmt_int
from lianes_dash.text.i18n import t

if TYPE_CHECKING:
    import pandas as pd

    from lianes_dash.importer.core import ImportResult

#: Memory the import may add to the process it was forked from (Mo).
MEMORY_MB = _setting("LIANES_IMPORT_MEMORY_MB", 1024)
#: Wall time an import may take (seconds).
TIMEOUT_S = _setting("LIANES_IMPORT_TIMEOUT", 300)
#: Scheduling priority given up by the import process (``os.nice``), so that page runs go first.
NICE = 10
#: How often the parent relays progress (and gives Streamlit a chance to cancel), seconds.
POLL_S = 0.25

Progress = Callable[[float, str], Any]


class ImportFailed(ImportFileError):
    """A whole-file failure raised in the child, carried back as its French message."""

    def __init__(self, message: str, columns_problem: bool = False) -> None:
        super().__init__(message)
        self.columns_problem = columns_problem


def use_worker() -> bool:
    """True when imports run in a child process (Linux and macOS ``fork``; off with ``LIANES_IMPORT_WORKER=0``)."""
    return os.environ.get("LIANES_IMPORT_WORKER", "1") != "0" and "fork" in multiprocessing.get_all_start_methods()


def _vm_size() -> int | None:
    """Virtual size of this process (bytes), from /proc (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _limit_memory(extra_bytes: int) -> None:
    """Cap this (child) process's address space at its current size plus ``extra_bytes``.

    NOTE: a forked child starts with the parent's whole address space (Streamlit, pandas, the
    reference tables, thread stacks); the cap bounds what the import *adds*, which is what a
    hostile file could inflate.
    """
    import resource

    base = _vm_size()
    if base is None:
        return
    limit = base + extra_bytes
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def run_import(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    collectivities: pd.DataFrame | None = None,
    countries: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    on_columns: Callable[[list[str]], Any] | None = None,
    memory_mb: int | None = None,
    timeout_s: float | None = None,
) -> ImportResult:
    """Read and import ``data`` (in a child process when :func:`use_worker`), relaying progress.

    ``on_columns(columns)`` receives the file's header as soon as it is read (the page's
    mapping editor needs it even when the import then fails). Raises ``ImportFileError``
    (French message) for a refused file, and :class:`ImportTooCostly` when the import hits
    the memory or time limit; any exception raised by ``progress`` kills the child and
    propagates (that is how a Streamlit rerun cancels the import).
    """
    step = progress or (lambda _f, _t: None)
    kwargs = dict(
        sheet=sheet, mapping=mapping, collectivities=collectivities, countries=countries, places=places,
        max_bytes=max_bytes,
    )  # fmt: skip
    if not use_worker():
        return _work(data, filename, kwargs, lambda kind, value: _relay(kind, value, step, on_columns))
    if os.environ.get("LIANES_IMPORT_WARM_INDEXES") == "1":
        _warm(collectivities, countries, places)
    memory = (memory_mb if memory_mb is not None else MEMORY_MB) * 1024 * 1024
    limit_s = timeout_s if timeout_s is not None else TIMEOUT_S
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, data, filename, kwargs, memory, i18n.language()), daemon=True)
    start = time.monotonic()
    proc.start()
    child.close()
    last = 0.0
    try:
        while True:
            if parent.poll(POLL_S):
                try:
                    kind, value = parent.recv()
                except (EOFError, OSError):
                    kind, value = "died", None
                if kind == "done":
                    return value
                if kind == "error":
                    raise ImportFailed(*value)
                if kind == "memory":
                    raise _too_much_memory(memory)
                if kind == "crash":
                    raise RuntimeError(f"import worker failed:\n{value}")
                if kind == "died":
                    proc.join(1)
                    if proc.exitcode is not None and proc.exitcode < 0:
                        # NOTE: killed by a signal (the kernel's OOM killer, or SIGSEGV past the cap).
                        raise _too_much_memory(memory)
                    raise RuntimeError(f"import worker ended without a result (exit code {proc.exitcode})")
                if kind == "progress":
                    last = float(value)
                _relay(kind, value, step, on_columns)
            elif not proc.is_alive() and not parent.poll():
                proc.join(1)
                if proc.exitcode is not None and proc.exitcode < 0:
                    raise _too_much_memory(memory)
                raise RuntimeError(f"import worker ended without a result (exit code {proc.exitcode})")
            else:
                # NOTE: also a cancellation point: Streamlit raises its rerun/stop here.
                step(last, _waiting(time.monotonic() - start))
            if time.monotonic() - start > limit_s:
                raise ImportTooCostly(
                    t(
                        "« {name} » : l'import a dépassé la durée maximale de {n} secondes "
                        "(réglage LIANES_IMPORT_TIMEOUT) et a été arrêté ; le serveur n'est pas touché. Découpez le "
                        "fichier, ou corrigez d'abord les noms inconnus signalés sur un extrait.",
                        name=filename,
                        n=fmt_int(limit_s),
                    )
                )
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()


def _warm(collectivities: Any, countries: Any, places: Any) -> None:
    """Build the reference indexes in this (parent) process, once, before forking (opt-in).

    NOTE: a trade-off, off by default. Built in the child, the indexes die with it: every
    import pays ~1–1.5 s to build them again (bundled reference, 36 000 collectivities and
    138 000 places), and the server's memory is untouched. Built here
    (``LIANES_IMPORT_WARM_INDEXES=1``), every later child shares them copy-on-write, and the
    server keeps ~110 Mo more for good (the gazetteer's index is most of it).
    """
    if collectivities is None or countries is None:
        return
    from lianes_dash.importer.core import _index
    from lianes_dash.importer.resolve import CollectivityIndex, CountryIndex, PlaceIndex

    _index("collectivities", collectivities, CollectivityIndex)
    _index("countries", countries, CountryIndex)
    if places is not None:
        _index("places", places, PlaceIndex)


def _waiting(elapsed: float) -> str:
    return t("Vérification des lignes… ({n} s)", n=fmt_int(elapsed))


def _too_much_memory(memory: int) -> ImportTooCostly:
    return ImportTooCostly(
        t(
            "L'import a dépassé la mémoire qui lui est réservée ({n} Mo, réglage "
            "LIANES_IMPORT_MEMORY_MB) et a été arrêté ; le serveur et les autres visiteurs ne sont pas touchés. "
            "Découpez le fichier ou retirez ses lignes et colonnes inutiles.",
            n=fmt_int(memory / 1024 / 1024),
        )
    )


def _relay(kind: str, value: Any, step: Progress, on_columns: Callable[[list[str]], Any] | None) -> None:
    if kind == "columns" and on_columns is not None:
        on_columns(value)
    elif kind == "progress":
        step(0.1 + 0.9 * float(value), "Vérification des lignes…")
    elif kind == "read":
        step(0.1, "Fichier lu, vérification des lignes…")


def _work(data: bytes, filename: str, kwargs: dict, send: Callable[[str, Any], Any]) -> ImportResult:
    """The import itself (in the child, or in-process): read, announce the columns, check."""
    raw = read_raw(data, filename, sheet=kwargs["sheet"], max_bytes=kwargs["max_bytes"])
    send("columns", list(raw.header))
    send("read", None)
    from lianes_dash.importer.core import import_links

    return import_links(
        raw, filename=filename, progress=lambda f: send("progress", f),
        **{k: v for k, v in kwargs.items() if k not in ("max_bytes",)},
    )  # fmt: skip


def _child(conn: Any, data: bytes, filename: str, kwargs: dict, memory: int, lang: str = "fr") -> None:
    """Body of the child process: every outcome goes back through ``conn``, then a hard exit.

    ``lang`` is the page's language: the report's reasons and the refusals are written in it.
    """
    code = 0
    i18n.set_language(lang)
    try:
        # NOTE: the import yields the CPU to the server's page runs (2 shared cores): other
        # visitors keep their page times, the import takes a little longer.
        with contextlib.suppress(OSError):
            os.nice(NICE)
        _limit_memory(memory)
        result = _work(data, filename, kwargs, lambda kind, value: conn.send((kind, value)))
        conn.send(("done", result))
    except MemoryError:
        conn.send(("memory", None))
    except ImportFileError as exc:
        # NOTE: the message, not the exception: exceptions with their own __init__ do not unpickle.
        conn.send(("error", (str(exc), isinstance(exc, MissingColumns | MappingError))))
    except BaseException:  # noqa: BLE001 — reported to the parent, which logs it
        try:
            conn.send(("crash", traceback.format_exc()))
        except Exception:  # noqa: BLE001
            code = 1
    finally:
        try:
            conn.close()
        finally:
            # NOTE: no atexit handlers, no flushing of the parent's inherited buffers (Streamlit's).
            os._exit(code)
