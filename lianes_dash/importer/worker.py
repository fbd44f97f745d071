"""Running one import in a child process, with a memory limit, a time limit and cancellation.

The import page must never let one visitor's file stall or kill the server that every
visitor shares: the reading and the checks run in a forked child process whose address
space is capped (``resource.setrlimit(RLIMIT_AS)``), which is killed past a time limit or
when the caller stops waiting (a Streamlit rerun or stop, a closed tab), and whose memory goes back to
the system when it ends. The parent only waits, relays progress, and receives the result.
Pure Python (no Streamlit): the page passes a ``progress`` callback, whose exceptions (a
Streamlit rerun or stop) cancel the import.

The server's own memory stays bounded whatever visitors import: at most ``LIANES_IMPORTS_AT_ONCE``
imports run at once, the others wait their turn in a queue (:data:`SLOTS`, the page says how
many are ahead, and leaving cancels). The page's imports (:func:`run_import_stored`) hand the child
a file on disk and leave its result there (``importer.stored``): the server holds neither. The
in-memory form (:func:`run_import`) passes the bytes by ``fork`` and reads the tables back from
Parquet files, then deletes them.

Settings (environment): ``LIANES_IMPORT_MEMORY_MB`` (1 024), ``LIANES_IMPORT_TIMEOUT``
(seconds, 300), ``LIANES_IMPORTS_AT_ONCE`` (1), ``LIANES_IMPORT_WORKER=0`` to run in-process
(platforms without ``fork``), ``LIANES_IMPORT_WARM_INDEXES=1`` to keep the reference indexes in
the server (see ``_warm``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lianes_dash.importer.errors import ImportFileError, ImportTooCostly, MappingError, MissingColumns
from lianes_dash.importer.reading import DEFAULT_MAX_BYTES, _setting, read_raw
from lianes_dash.text import i18n
from lianes_dash.text.french import fmt_int
from lianes_dash.text.i18n import t

if TYPE_CHECKING:
    import pandas as pd

    from lianes_dash.importer.core import ImportResult
    from lianes_dash.importer.stored import StoredResult

#: Memory the import may add to the process it was forked from (Mo).
MEMORY_MB = _setting("LIANES_IMPORT_MEMORY_MB", 1024)
#: Wall time an import may take (seconds).
TIMEOUT_S = _setting("LIANES_IMPORT_TIMEOUT", 300)
#: Scheduling priority given up by the import process (``os.nice``), so that page runs go first.
NICE = 10
#: How often the parent relays progress (and gives Streamlit a chance to cancel), seconds.
POLL_S = 0.25

#: Imports the server runs at once; the others wait in :data:`SLOTS`.
AT_ONCE = max(1, _setting("LIANES_IMPORTS_AT_ONCE", 1))

Progress = Callable[[float, str], Any]


class ImportSlots:
    """A first-come, first-served queue of imports, ``size`` running at once (the server's memory bound).

    A waiting import is told how many imports are ahead of it (running or waiting); its wait is a
    cancellation point like the import itself: whatever ``on_wait`` raises (a Streamlit rerun or
    stop, a closed tab) takes it out of the queue.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._cond = threading.Condition()
        self._running = 0
        self._waiting: list[object] = []

    def ahead(self, ticket: object) -> int:
        """Imports before ``ticket``: the running ones and those waiting in front of it."""
        with self._cond:
            return self._running + (self._waiting.index(ticket) if ticket in self._waiting else 0)

    def _take(self, ticket: object) -> bool:
        with self._cond:
            if self._waiting and self._waiting[0] is ticket and self._running < self.size:
                self._waiting.pop(0)
                self._running += 1
                return True
            self._cond.wait(POLL_S)
            return False

    @contextlib.contextmanager
    def slot(self, on_wait: Callable[[int], Any]) -> Iterator[None]:
        """Wait for a free slot (calling ``on_wait(imports ahead)`` meanwhile), hold it for the block."""
        ticket = object()
        with self._cond:
            self._waiting.append(ticket)
        try:
            while not self._take(ticket):
                on_wait(self.ahead(ticket))
        except BaseException:
            with self._cond:
                if ticket in self._waiting:
                    self._waiting.remove(ticket)
                self._cond.notify_all()
            raise
        try:
            yield
        finally:
            with self._cond:
                self._running -= 1
                self._cond.notify_all()


#: The server's queue of imports.
SLOTS = ImportSlots(AT_ONCE)


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

    A forked child starts with the parent's whole address space (Streamlit, pandas, the
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
    data: bytes | bytearray | memoryview,
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
        return _work(bytes(data), filename, kwargs, lambda kind, value: _relay(kind, value, step, on_columns))
    with SLOTS.slot(lambda ahead: step(0.0, _queued(ahead))):
        out_dir = Path(tempfile.mkdtemp(prefix="lianes-import-"))
        try:
            light = _in_child(data, filename, kwargs, step, on_columns, memory_mb, timeout_s, out_dir, False)
            return _read_result(out_dir, light)
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)


def run_import_stored(
    source: Path,
    filename: str,
    folder: Path,
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
) -> StoredResult:
    """:func:`run_import` of the file at ``source``, its result left on disk in ``folder`` (``importer.stored``).

    The server never holds the file's bytes nor the result's tables: the child reads the file
    and writes the tables; what comes back is the summary. ``folder`` is the caller's to delete.
    """
    from lianes_dash.importer import stored

    step = progress or (lambda _f, _t: None)
    kwargs = dict(
        sheet=sheet, mapping=mapping, collectivities=collectivities, countries=countries, places=places,
        max_bytes=max_bytes,
    )  # fmt: skip
    if not use_worker():
        relay = lambda kind, value: _relay(kind, value, step, on_columns)  # noqa: E731
        return stored.write(_work(source.read_bytes(), filename, kwargs, relay), folder)
    folder.mkdir(parents=True, exist_ok=True)
    with SLOTS.slot(lambda ahead: step(0.0, _queued(ahead))):
        return _in_child(source, filename, kwargs, step, on_columns, memory_mb, timeout_s, folder, True)


def _queued(ahead: int) -> str:
    return t("En file d'attente : votre import commence après {n} autre(s) en cours ou en attente…", n=fmt_int(ahead))


def _in_child(
    data: bytes | bytearray | memoryview | Path,
    filename: str,
    kwargs: dict,
    step: Progress,
    on_columns: Callable[[list[str]], Any] | None,
    memory_mb: int | None,
    timeout_s: float | None,
    out_dir: Path,
    keep: bool,
) -> Any:
    """Fork the child, relay what it says until its result's files are written in ``out_dir``; what it sent back.

    ``keep``: the child writes the whole result there (``importer.stored``) and sends its
    ``StoredResult``; otherwise the tables only, and the rest of the result (:func:`_read_result`).
    """
    if os.environ.get("LIANES_IMPORT_WARM_INDEXES") == "1":
        _warm(kwargs["collectivities"], kwargs["countries"], kwargs["places"])
    memory = (memory_mb if memory_mb is not None else MEMORY_MB) * 1024 * 1024
    limit_s = timeout_s if timeout_s is not None else TIMEOUT_S
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child, args=(child, data, filename, kwargs, memory, i18n.language(), out_dir, keep), daemon=True
    )
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
                _raise_on_failure(kind, value, proc, memory)
                if kind == "progress":
                    last = float(value)
                _relay(kind, value, step, on_columns)
            elif not proc.is_alive() and not parent.poll():
                _raise_on_failure("died", None, proc, memory)
            else:
                # Also a cancellation point: Streamlit raises its rerun/stop here.
                step(last, _waiting(time.monotonic() - start))
            if time.monotonic() - start > limit_s:
                raise _too_long(filename, limit_s)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()


#: The result's tables, written by the child as files (the rest of the result is small and pickled).
_TABLES = ("links", "report")


def _write_result(result: ImportResult, out_dir: Path) -> ImportResult:
    """In the child: the result's tables to Parquet files; returns the result without them (to pickle)."""
    import dataclasses

    for name in _TABLES:
        getattr(result, name).to_parquet(out_dir / f"{name}.parquet")
    # Each table's dtypes travel with the result (an object column of text reads back as
    # pandas' own « str »), so that the server's tables are those the in-process import gives.
    empty = {name: getattr(result, name).iloc[0:0] for name in _TABLES}
    return dataclasses.replace(result, **empty)


def _read_result(out_dir: Path, light: ImportResult) -> ImportResult:
    """In the server: the tables read back, column by column, into the result the child described."""
    import dataclasses

    import pandas as pd

    tables = {}
    for name in _TABLES:
        table = pd.read_parquet(out_dir / f"{name}.parquet")
        dtypes = getattr(light, name).dtypes
        moved = {col: dtypes[col] for col in table.columns if col in dtypes and table[col].dtype != dtypes[col]}
        tables[name] = table.astype(moved) if moved else table
    return dataclasses.replace(light, **tables)


def _raise_on_failure(kind: str, value: Any, proc: Any, memory: int) -> None:
    """Raise what the child's message ``kind`` says went wrong (nothing for progress messages)."""
    if kind == "error":
        raise ImportFailed(*value)
    if kind == "memory":
        raise _too_much_memory(memory)
    if kind == "crash":
        raise RuntimeError(f"import worker failed:\n{value}")
    if kind == "died":
        proc.join(1)
        if proc.exitcode is not None and proc.exitcode < 0:
            # Killed by a signal: the kernel's OOM killer, or SIGSEGV past the cap.
            raise _too_much_memory(memory)
        raise RuntimeError(f"import worker ended without a result (exit code {proc.exitcode})")


def _too_long(filename: str, limit_s: float) -> ImportTooCostly:
    return ImportTooCostly(
        t(
            "« {name} » : l'import a dépassé la durée maximale de {n} secondes "
            "(réglage LIANES_IMPORT_TIMEOUT) et a été arrêté ; le serveur n'est pas touché. Découpez le "
            "fichier, ou corrigez d'abord les noms inconnus signalés sur un extrait.",
            name=filename,
            n=fmt_int(limit_s),
        )
    )


def _warm(collectivities: Any, countries: Any, places: Any) -> None:
    """Build the reference indexes in this (parent) process, once, before forking (opt-in).

    A trade-off, off by default. Built in the child, the indexes die with it: every
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


def _child(
    conn: Any,
    data: bytes | bytearray | memoryview | Path,
    filename: str,
    kwargs: dict,
    memory: int,
    lang: str,
    out_dir: Path,
    keep: bool = False,
) -> None:
    """Body of the child process: every outcome goes back through ``conn``, then a hard exit.

    ``lang`` is the page's language: the report's reasons and the refusals are written in it.
    """
    code = 0
    i18n.set_language(lang)
    try:
        # The import yields the CPU to the server's page runs (2 shared cores): other
        # visitors keep their page times, the import takes a little longer.
        with contextlib.suppress(OSError):
            os.nice(NICE)
        _limit_memory(memory)
        raw = data.read_bytes() if isinstance(data, Path) else bytes(data)
        result = _work(raw, filename, kwargs, lambda kind, value: conn.send((kind, value)))
        del raw
        if keep:
            from lianes_dash.importer import stored

            conn.send(("done", stored.write(result, out_dir)))
        else:
            conn.send(("done", _write_result(result, out_dir)))
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
            # No atexit handlers, no flushing of the parent's inherited buffers (Streamlit's).
            os._exit(code)
