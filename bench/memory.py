"""Where the memory goes, step by step, in one fresh process (``python -m bench memory --scale 100``).

The benchmark reports one figure, the process's peak. This splits it:

1. the imports;
2. the loading through the app's own loaders (``state.reference()``, ``state.bundled_links()``),
   cut into its steps (reference tables, Parquet read, validation, enrichment), each with its own
   high-water mark, sampled every few milliseconds by a thread reading ``/proc/self/statm``,
   and the pyarrow pool's allocated bytes at each step's end;
3. the loaded frame, column by column (``memory_usage(deep=True)``);
4. each page under ``AppTest`` as ``bench.measure_pages`` runs it (first visit, then the two
   typical filter changes), with the size of every Streamlit cache after it: ``st.cache_resource``
   entries sized here (buffers counted once, those of the loaded frame apart), ``st.cache_data``
   entries as Streamlit stores them (pickled bytes).

Resident memory does not depend on the machine's load: the figures are valid on a shared machine.
``--tracemalloc`` adds, per loading step, the peak of memory traced by Python (numpy and pandas
report to it, pyarrow's pool does not); it slows everything and adds its own memory to the RSS.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import traceback
import tracemalloc
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import bench as B

MB = 2**20


def rss_mb() -> float:
    """Resident memory now (MB), cheap enough to sample every few milliseconds."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MB


class Sampler:
    """A thread that keeps, for each open step (steps nest), the highest RSS seen since it opened."""

    def __init__(self, every_s: float = 0.002) -> None:
        self.every_s = every_s
        self.highs: dict[int, float] = {}
        self.wheres: dict[int, str] = {}
        self._next = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            now = rss_mb()
            where = None
            for token, high in list(self.highs.items()):
                if now > high:
                    self.highs[token] = now
                    if where is None:
                        try:
                            where = _where()
                        except AttributeError:  # A frame that ended while its stack was read
                            where = ""
                    self.wheres[token] = where
            time.sleep(self.every_s)

    def start(self) -> Sampler:
        self._thread.start()
        return self

    def open(self) -> tuple[int, float]:
        now = rss_mb()
        self._next += 1
        self.highs[self._next] = now
        return self._next, now

    def close(self, token: int) -> tuple[float, str]:
        return max(self.highs.pop(token), rss_mb()), self.wheres.pop(token, "")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Step:
    name: str
    rss_before: float
    rss_after: float = 0.0
    high: float = 0.0
    peak_process: float = 0.0
    arrow_mb: float = 0.0
    traced_peak_mb: float | None = None
    note: str = ""
    where: str = ""


def _where() -> str:
    """What the busiest other thread was running: the app's own frames (innermost last) and the
    innermost frame of all (often a library's), e.g. ``figures.py:120 map_figure > pandas/…:88 copy``."""
    me = threading.get_ident()
    frames = sys._current_frames()
    names = {t.ident: t.name for t in threading.enumerate()}
    # NOTE: under AppTest the page runs in the script runner's thread; during loading, the main one.
    rank = {"ScriptRunner": 0, "MainThread": 1}
    order = sorted(
        (i for i in frames if i != me),
        key=lambda i: min((r for k, r in rank.items() if k in names.get(i, "")), default=2),
    )
    if not order:
        return ""
    # NOTE: no source lines (``lookup_lines=False``): linecache would keep every file read in memory.
    stack = traceback.StackSummary.extract(traceback.walk_stack(frames[order[0]]), lookup_lines=False)
    stack.reverse()
    root = str(B.ROOT)
    ours = [f for f in stack if f.filename.startswith(root) and "/bench/" not in f.filename]
    last = stack[-1]

    def fmt(f) -> str:
        path = f.filename.replace(root + "/", "")
        if "site-packages/" in path:
            path = path.split("site-packages/", 1)[1]
        return f"{path}:{f.lineno} {f.name}"

    parts = [fmt(f) for f in ours[-3:]]
    if not ours or last is not ours[-1]:
        parts.append(fmt(last))
    return " > ".join(parts)


@dataclass
class Report:
    steps: list[Step] = field(default_factory=list)
    columns: list[tuple[str, str, float]] = field(default_factory=list)
    caches: list[tuple[str, list[tuple[str, int, float]]]] = field(default_factory=list)
    live: list[tuple[str, float, int]] = field(default_factory=list)


def _arrow_mb() -> float:
    pa = sys.modules.get("pyarrow")  # NOTE: not imported here: its import would land between two steps
    return pa.total_allocated_bytes() / MB if pa is not None else 0.0


@contextmanager
def step(report: Report, sampler: Sampler, name: str, trace: bool) -> Iterator[Step]:
    """Measure what happens inside the block as one row of the table."""
    token, before = sampler.open()
    s = Step(name, rss_before=before)
    if trace:
        tracemalloc.reset_peak()
    try:
        yield s
    finally:
        s.rss_after = rss_mb()
        s.high, s.where = sampler.close(token)
        s.peak_process = B.peak_rss_mb()
        s.arrow_mb = _arrow_mb()
        if trace:
            s.traced_peak_mb = tracemalloc.get_traced_memory()[1] / MB
        report.steps.append(s)


def _wrap(module, name: str, report: Report, sampler: Sampler, label: str, trace: bool) -> Callable[[], None]:
    """Make ``module.name`` a measured step while it runs; returns the function that undoes it."""
    original = getattr(module, name)

    def measured(*args, **kwargs):
        with step(report, sampler, label, trace):
            return original(*args, **kwargs)

    setattr(module, name, measured)
    return lambda: setattr(module, name, original)


# ---------------------------------------------------------------------------
# Sizing what a cache holds
# ---------------------------------------------------------------------------


#: Not data: never sized (a cached function's closure would pull in whole modules).
_CODE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType)


class Sizer:
    """Bytes held by objects, each buffer counted once (shared columns, shallow copies, strings).

    ``seen`` may be seeded with the loaded frame's buffers, so that a cache is charged only for
    what it adds (a view or a shallow copy of the loaded frame costs nothing more).
    """

    def __init__(self) -> None:
        self.seen: set = set()

    def __call__(self, obj: object) -> int:
        return self._size(obj, 0)

    def _once(self, key) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def _numpy(self, arr) -> int:
        import numpy as np

        root = arr
        while isinstance(root.base, np.ndarray):
            root = root.base
        total = 0
        if self._once(("buf", root.__array_interface__["data"][0], root.nbytes)):
            total += root.nbytes
        if arr.dtype == object:
            for v in arr.ravel():
                total += self._size(v, 1)
        return total

    def _arrow(self, data) -> int:
        import pyarrow as pa

        chunks = data.chunks if isinstance(data, pa.ChunkedArray) else [data]
        total = 0
        for chunk in chunks:
            for buf in chunk.buffers():
                if buf is not None and self._once(("buf", buf.address, buf.size)):
                    total += buf.size
        return total

    def _array(self, a) -> int:
        import numpy as np
        import pandas as pd

        if isinstance(a, np.ndarray):
            return self._numpy(a)
        if isinstance(a, pd.Categorical):
            return self._numpy(a.codes) + self._index(a.categories)
        if hasattr(a, "_pa_array"):
            return self._arrow(a._pa_array)
        if hasattr(a, "_data") and hasattr(a, "_mask"):
            return self._numpy(a._data) + self._numpy(a._mask)
        if hasattr(a, "_ndarray"):
            return self._numpy(a._ndarray)
        return int(getattr(a, "nbytes", sys.getsizeof(a)))

    def _index(self, index) -> int:
        import pandas as pd

        if not self._once(id(index)):
            return 0
        if isinstance(index, pd.RangeIndex):
            return sys.getsizeof(index)
        if isinstance(index, pd.MultiIndex):
            return sum(self._index(lv) for lv in index.levels) + sum(self._numpy(c) for c in index.codes)
        return self._array(index.array)

    def _size(self, obj: object, depth: int) -> int:
        import numpy as np
        import pandas as pd
        import pyarrow as pa

        if isinstance(obj, str | bytes | int | float | bool | type(None)):
            return sys.getsizeof(obj) if self._once(id(obj)) else 0
        if isinstance(obj, _CODE):
            return 0
        if not self._once(id(obj)):
            return 0
        if depth > 60:
            return sys.getsizeof(obj)
        if isinstance(obj, pd.DataFrame):
            return self._index(obj.index) + sum(self._array(obj._ixs(i, axis=1).array) for i in range(obj.shape[1]))
        if isinstance(obj, pd.Series):
            return self._index(obj.index) + self._array(obj.array)
        if isinstance(obj, pd.Index):
            self.seen.discard(id(obj))
            return self._index(obj)
        if isinstance(obj, np.ndarray):
            return self._numpy(obj)
        if isinstance(obj, pa.Array | pa.ChunkedArray):
            return self._arrow(obj)
        if isinstance(obj, pa.Table):
            return sum(self._arrow(c) for c in obj.columns)
        total = sys.getsizeof(obj)
        if isinstance(obj, dict):
            for k, v in obj.items():
                total += self._size(k, depth + 1) + self._size(v, depth + 1)
        elif isinstance(obj, list | tuple | set | frozenset):
            for v in obj:
                total += self._size(v, depth + 1)
        else:
            plotly = getattr(obj, "_data", None), getattr(obj, "_layout", None)
            if type(obj).__module__.startswith("plotly") and plotly[0] is not None:
                return total + self._size(plotly[0], depth + 1) + self._size(plotly[1], depth + 1)
            attrs = getattr(obj, "__dict__", None)
            if attrs is not None:
                total += self._size(attrs, depth + 1)
            for slot in getattr(type(obj), "__slots__", ()):
                total += self._size(getattr(obj, slot, None), depth + 1)
        return total


def cache_sizes(base_seen: set) -> list[tuple[str, int, float]]:
    """Every Streamlit cache in the process: (name, entries, MB it adds to the loaded data)."""
    from lianes_dash.server import streamlit_internals as internals

    rows: list[tuple[str, int, float]] = []
    for kind, cache in internals.all_caches():
        if kind == "resource":
            values = internals.resource_values(cache)
            sizer = Sizer()
            sizer.seen = set(base_seen)
            rows.append(("resource " + cache.display_name, len(values), sum(sizer(v) for v in values) / MB))
        else:
            stats = [s for family in cache.get_stats().values() for s in family]
            rows.append(("data " + cache.display_name, len(stats), sum(s.byte_length for s in stats) / MB))
    return sorted(rows, key=lambda r: -r[2])


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def run(pages: list[str] | None, filters: int, trace: bool, top: int, snapshot: bool = False) -> Report:
    """Everything in this process (the caller made it fresh and set ``LIANES_DATA_DIR``)."""
    report = Report()
    sampler = Sampler().start()
    if trace:
        tracemalloc.start(1)
    with step(report, sampler, "démarrage de Python", trace):
        pass
    with step(report, sampler, "import (streamlit, pandas, plotly, pages)", trace):
        import logging

        logging.getLogger("streamlit").setLevel(logging.ERROR)
        import pyarrow as pa
        from streamlit.testing.v1 import AppTest

        import lianes_dash.analysis.metrics  # noqa: F401
        import lianes_dash.views.figures  # noqa: F401
        from lianes_dash.dataset import data as D
        from lianes_dash.dataset import validated as V
        from lianes_dash.ui import state
        from lianes_dash.ui.sidebar import filter_key

    undo = [
        _wrap(V, "_read", report, sampler, "  · copie validée (lecture Parquet)", trace),
        _wrap(D, "load_collectivities", report, sampler, "  · collectivités (référence)", trace),
        _wrap(D, "load_countries", report, sampler, "  · pays (référence)", trace),
        _wrap(D, "_read_links_parquet", report, sampler, "  · lecture Parquet (to_pandas)", trace),
        _wrap(D, "validate_links_compact", report, sampler, "  · validation pandera", trace),
        _wrap(D, "enrich_links", report, sampler, "  · enrichissement", trace),
    ]
    with step(report, sampler, "chargement : state.reference() + bundled_links()", trace) as s:
        state.reference()
        links = state.bundled_links()
        s.note = f"{len(links)} liens"
    for u in undo:
        u()
    # NOTE: the whole-load row went in last; put it before its sub-steps.
    report.steps.insert(2, report.steps.pop())
    with step(report, sampler, "gc.collect() après chargement", trace):
        gc.collect()

    usage = links.memory_usage(deep=True)
    report.columns = [(c, str(links[c].dtype), usage[c] / MB) for c in links.columns]
    report.columns.append(("(index)", type(links.index).__name__, usage["Index"] / MB))
    base = Sizer()
    base(state.reference())
    base(state.reference().collectivities)
    base(state.reference().countries)
    base(links)
    base_seen = set(base.seen)

    B.apptest_as_the_server()
    B.serve_assets_as_app_py()
    if snapshot and not trace:
        tracemalloc.start(1)
    at = AppTest.from_file(str(B.DASHBOARD), default_timeout=900)
    with step(report, sampler, "première exécution (page d'accueil)", trace):
        at.run()
    report.caches.append(("première exécution", cache_sizes(base_seen)))
    years0 = tuple(at.session_state[filter_key("years")])
    try:
        themes = [t for t in at.multiselect(key=filter_key("themes")).options]
    except Exception:
        themes = []
    for page in pages or B.registered_pages():
        name = B.page_name(page)
        B._reset(at, years0)
        with step(report, sampler, f"{name} : première visite", trace) as s:
            B.open_page(at, page)
            at.run()
            s.note = "; ".join(B._errors(at))[:80]
        for i in range(filters):
            for label, values in B.filter_scenarios(i, themes, years0).items():
                B._apply(at, years0, values)
                with step(report, sampler, f"{name} : filtre {label}{i + 1}", trace) as s:
                    at.run()
                    s.note = "; ".join(B._errors(at))[:80]
        B._reset(at, years0)
        report.caches.append((name, cache_sizes(base_seen)))
    with step(report, sampler, "gc.collect() puis malloc_trim(0) : le reste est en usage", trace) as s:
        gc.collect()
        s.note = _trim()
    from lianes_dash.server.memtrace import pymalloc_mb

    arenas, used = pymalloc_mb()
    report.steps[-1].note += f" ; arènes de Python {arenas:.0f} Mo dont {used:.0f} en usage"
    if snapshot:
        from lianes_dash.server.memtrace import TRACE_FILTERS

        snap = tracemalloc.take_snapshot().filter_traces(TRACE_FILTERS)
        stats = snap.statistics("lineno")
        report.live = [
            (f"{st.traceback[0].filename.split('site-packages/')[-1]}:{st.traceback[0].lineno}", st.size / MB, st.count)
            for st in stats[: top * 2]
        ]
        report.live.insert(
            0,
            (
                "(total tracé depuis la fin du chargement)",
                sum(st.size for st in stats) / MB,
                sum(st.count for st in stats),
            ),
        )
        tracemalloc.stop()
    sampler.stop()
    pool = pa.default_memory_pool()
    report.steps.append(Step(f"fin (pool pyarrow {pool.backend_name} : {pool.bytes_allocated() / MB:.0f} Mo)", 0.0))
    return report


def _trim() -> str:
    """Give glibc's free pages back to the system: what remains resident is in use (or in pymalloc's
    arenas, or in pyarrow's pool). NOTE: the bench's figures are taken without it, as a server
    would run under Python's default allocator."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        return "malloc_trim indisponible"
    return f"PYTHONMALLOC={os.environ.get('PYTHONMALLOC', '(défaut)')}"


def _f(v: float) -> str:
    return f"{v:,.0f}".replace(",", " ")


def markdown(report: Report, top: int = 8, where_mb: float = 20) -> str:
    lines = [
        "| Étape | RSS avant | RSS après | Δ | Plus haut pendant | Pic du processus | Pool pyarrow | Note "
        f"| Ce qui tournait au plus haut (s'il dépasse l'avant et l'après de {where_mb:.0f} Mo) |",
        "|---|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    for s in report.steps:
        if not s.rss_before and not s.rss_after:
            lines.append(f"| {s.name} | | | | | | | | |")
            continue
        traced = f" ; tracé : pic {s.traced_peak_mb:.0f} Mo" if s.traced_peak_mb is not None else ""
        lines.append(
            f"| {s.name} | {_f(s.rss_before)} | {_f(s.rss_after)} | {s.rss_after - s.rss_before:+.0f} | "
            f"{_f(s.high)} | {_f(s.peak_process)} | {_f(s.arrow_mb)} | {s.note}{traced} |"
            + (f" `{s.where}`" if s.where and s.high - max(s.rss_before, s.rss_after) >= where_mb else "")
            + " |"
        )
    lines += ["", "Cadre chargé (`memory_usage(deep=True)`, Mo) :", "", "| Colonne | Type | Mo |", "|---|---|--:|"]
    for col, dtype, mb in sorted(report.columns, key=lambda r: -r[2]):
        lines.append(f"| {col} | {dtype} | {mb:.1f} |")
    lines.append(f"| **total** | | **{sum(r[2] for r in report.columns):.1f}** |")
    lines += ["", "Caches de Streamlit après chaque page (Mo ajoutés aux données chargées ; entrées) :", ""]
    for name, rows in report.caches:
        total = sum(r[2] for r in rows)
        shown = ", ".join(f"{n} {mb:.1f} ({k})" for n, k, mb in rows[:top] if mb >= 0.05)
        lines.append(f"- **{name}** : {total:.0f} Mo — {shown}")
    if report.live:
        lines += ["", "Encore en usage à la fin, tracé depuis la fin du chargement (`--snapshot`) :", ""]
        lines += [f"- {where} : {mb:.1f} Mo ({n} blocs)" for where, mb, n in report.live]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    import argparse
    import subprocess
    import tempfile
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m bench memory", description=__doc__)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--pages", nargs="*", help="pages : module ou adresse (défaut : toutes, dans l'ordre du menu)")
    parser.add_argument("--filters", type=int, default=1, help="répétitions des changements de filtre A et B")
    parser.add_argument("--tracemalloc", action="store_true", help="pic tracé par Python à chaque étape")
    parser.add_argument(
        "--snapshot", action="store_true", help="tracemalloc pendant les pages : ce qui reste en usage à la fin"
    )
    parser.add_argument("--top", type=int, default=8, help="caches nommés par page")
    parser.add_argument(
        "--first-start",
        action="store_true",
        help="premier démarrage : sans copie validée des fichiers (validation pandera au chargement)",
    )
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "lianes_bench"))
    parser.add_argument("--out", help="écrit aussi le tableau dans sa section de ce fichier (bench/RESULTS.md)")
    parser.add_argument("--_inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._inside:
        report = run(args.pages, args.filters, args.tracemalloc, args.top, args.snapshot)
        table = markdown(report, args.top)
        print(table)
        if args.out:
            import datetime

            when = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
            command = " ".join(["python -m bench memory", *[a for a in argv if a != "--_inside"]])
            intro = (
                f"## Mémoire à ×{args.scale}, étape par étape\n\n`{command}` le {when} : un processus neuf, RSS "
                "échantillonnée toutes les 2 ms (d'une course à l'autre elle varie de quelques dizaines de Mo, davantage "
                "sous forte charge : jemalloc rend la mémoire libérée après un délai, pas à l'instant)"
                + (
                    " ; premier démarrage : les fichiers sont validés au chargement."
                    if args.first_start
                    else " ; un redémarrage : la copie validée des fichiers de données est relue."
                )
            )
            B.write_section(Path(args.out), "memory", f"{intro}\n\n{table}")
        return 0
    # NOTE: the data are prepared in a process of their own: Linux carries the peak RSS of a
    # process over ``exec`` into the child it spawns, so this one must stay small (no pandas).
    code = f"import bench, pathlib; print(bench.prepare_data({args.scale}, pathlib.Path({args.workdir!r})))"
    prepared = subprocess.run([sys.executable, "-c", code], cwd=B.ROOT, capture_output=True, text=True, check=True)
    data_dir = Path(prepared.stdout.strip().splitlines()[-1])
    env = {
        **os.environ,
        "LIANES_DATA_DIR": str(data_dir),
        "LIANES_CACHE_DIR": B.validated_dir(data_dir),
        "PYTHONPATH": str(B.ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    if args.first_start:
        B.clear_validated(data_dir)
    else:
        # A restart, as a server's usually is: the validated copy of the data files is written beforehand,
        # in a process of its own (the same loaders).
        warm = "from lianes_dash.dataset import data as D; D.load_bundled_links_cached(*D.load_reference_cached())"
        subprocess.run([sys.executable, "-c", warm], cwd=B.ROOT, env=env, check=True, capture_output=True)
    cmd = [sys.executable, "-m", "bench", "memory", "--_inside", *argv]
    print(f"×{args.scale} : {data_dir}", flush=True)
    return subprocess.run(cmd, cwd=B.ROOT, env=env).returncode
