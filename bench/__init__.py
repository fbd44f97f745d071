"""Benchmark of Lianes Dash at 1×, 10× and 100× the national data (``python -m bench``).

Not part of the test suite: timings belong in ``bench/RESULTS.md``, not in assertions.
What keeps the app fast is guarded by ``tests/test_performance_structure.py`` instead.

Every measurement runs in a fresh subprocess (one per scale and kind), so that caches,
imports and peak memory of one do not leak into the next:

- ``cold``  — import the package and load the data (the app's own cached loaders);
- ``pages`` — every page file registered in ``dashboard.py`` under Streamlit's ``AppTest``:
  first run (empty caches), first visit of each page, warm reruns, filter changes;
  the plotly JSON and download bytes each page sends; peak RSS of the process;
- ``naive`` — the same pages written the tutorial way (``bench/naive.py``), same harness.
"""

from __future__ import annotations

import ast
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
DASHBOARD = ROOT / "dashboard.py"
NAIVE_SCRIPT = BENCH / "naive.py"
RESULTS = BENCH / "RESULTS.md"
DATA = ROOT / "data"

#: Targets of tracker issue 6 (medians, on a two-core machine).
TARGET_PAGE_MS_1X = 150.0
TARGET_PAGE_MS_100X = 1000.0
TARGET_COLD_S_1X = 2.0
TARGET_WORLD_FIGURE_BYTES = 1_000_000
TARGET_RSS_MB_100X = 400.0
TARGET_NAIVE_GAIN_100X = 10.0

#: Session key the naive script reads to know which page to draw.
NAIVE_PAGE_KEY = "naive_page"


# ---------------------------------------------------------------------------
# Pages and data
# ---------------------------------------------------------------------------


#: A section of ``RESULTS.md`` that one tool writes (browser timings, memory, imports, load).
_SECTION = re.compile(r"<!-- (?P<name>[\w-]+):start -->.*?<!-- (?P=name):end -->", re.S)


def marks(name: str) -> tuple[str, str]:
    """The start and end marks of the section ``name`` of ``RESULTS.md``."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def write_section(path: Path, name: str, body: str) -> None:
    """Put ``body`` as the section ``name`` of ``path``: in place of the previous one, or at the end."""
    start, end = marks(name)
    block = f"{start}\n{body.strip(chr(10))}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def kept_sections(path: Path) -> str:
    """The marked sections of the existing file, in their order (the main report rewrites only its tables)."""
    if not path.exists():
        return ""
    return "".join(f"\n{m.group(0)}\n" for m in _SECTION.finditer(path.read_text(encoding="utf-8")))


def registered_pages() -> list[str]:
    """Page modules of the navigation (« overview »), in navigation order.

    NOTE: from ``ui.navigation`` (plain data): a page added by a colleague is benchmarked
    without touching this file.
    """
    from lianes_dash.ui import navigation

    return [p.module for p in navigation.pages()]


def naive_pages(script: Path = NAIVE_SCRIPT) -> set[str]:
    """Pages that have a naive counterpart (the keys of ``PAGES`` in ``bench/naive.py``)."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", None) == "PAGES" for t in targets) and isinstance(node.value, ast.Dict):
                return {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
    return set()


def page_name(page: str) -> str:
    """The page module a command line names: « world », its address « monde », or its file
    ``lianes_dash/app_pages/world.py`` → ``world``."""
    from lianes_dash.ui import navigation

    return {p.url_path: p.module for p in navigation.pages()}.get(page, Path(page).stem)


def open_page(at, page: str):
    """``at`` pointed at ``page`` (as :func:`page_name` reads it) for its next run, as a click in the menu."""
    from lianes_dash.server import streamlit_internals as internals
    from lianes_dash.ui import navigation

    module = page_name(page)
    found = [p.url_path for p in navigation.pages() if p.module == module]
    if not found:
        raise SystemExit(f"page inconnue : {page} (pages : {', '.join(registered_pages())})")
    return internals.open_page(at, found[0])


def _fresh(target: Path, sources: list[Path]) -> bool:
    return target.exists() and all(target.stat().st_mtime >= s.stat().st_mtime for s in sources if s.exists())


#: The CSV copy the naive pages read (``bench/naive.py``), in every prepared data folder.
NAIVE_CSV = "links/bench_naive.csv"


def prepare_data(scale: int, workdir: Path, log=print) -> Path:
    """A data folder for ``scale``, under ``workdir``; the app runs on it with ``LIANES_DATA_DIR``.

    ×1 is the bundled (real) links, linked from the repo. Any other scale is the scale
    fixture (``bench.fixture``: visibly fictional partners, never bundled) with ``scale`` times
    as many links as the bundled file. ``reference/`` and the brochure files are linked to the
    repo's; every folder also holds a CSV copy of its links for the naive pages. Generated
    files are reused while newer than the fixture, the bundled links and the reference.
    """
    from lianes_dash.dataset import data as D

    national = DATA / D.NATIONAL_LINKS_FILE
    base = workdir / f"x{scale}"
    links = base / D.LINKS
    links.mkdir(parents=True, exist_ok=True)
    ref = base / D.REFERENCE
    if not ref.exists():
        ref.symlink_to(DATA / D.REFERENCE, target_is_directory=True)
    for src in sorted((DATA / D.LINKS).glob("brochure_*")):
        dst = links / src.name
        if not dst.exists():
            dst.symlink_to(src)
    parquet = base / D.NATIONAL_LINKS_FILE
    if scale == 1:
        if parquet.is_symlink() or parquet.exists():
            parquet.unlink()
        parquet.symlink_to(national)
    else:
        sources = [BENCH / "fixture.py", national, DATA / D.REFERENCE / "MANIFEST.json"]
        if parquet.is_symlink() or not _fresh(parquet, sources):
            parquet.unlink(missing_ok=True)
            n = scale * len(D.read_links_file(national))
            log(f"  jeu d'essai fictif ×{scale} ({n} liens) → {parquet}")
            subprocess.run(
                [sys.executable, "-m", "bench.fixture", "--links", str(n), "--out", str(parquet)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
    csv = base / NAIVE_CSV
    if not _fresh(csv, [parquet.resolve()]):
        import pandas as pd

        log(f"  copie CSV pour la version naïve → {csv}")
        pd.read_parquet(parquet).to_csv(csv, index=False, encoding="utf-8", lineterminator="\n")
    return base


def clean_workdir(workdir: Path) -> None:
    """Remove generated data (``--clean``)."""
    shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------------------
# Subprocess workers
# ---------------------------------------------------------------------------


def validated_dir(data_dir: Path) -> str:
    """The folder of the validated copies (``dataset.validated``) for ``data_dir``: ``LIANES_CACHE_DIR`` if set,
    else one per scale under the benchmark's workdir (never the user's cache folder)."""
    return os.environ.get("LIANES_CACHE_DIR") or str(Path(data_dir).parent / f"validated_{Path(data_dir).name}")


def clear_validated(data_dir: Path) -> None:
    """Empty the benchmark's folder of validated copies for ``data_dir`` (the next start validates and writes
    them); a folder set by ``LIANES_CACHE_DIR`` is left alone."""
    if os.environ.get("LIANES_CACHE_DIR"):
        return
    folder = Path(validated_dir(data_dir))
    for copy in folder.glob("*.parquet") if folder.is_dir() else []:
        copy.unlink()


def run_worker(kind: str, data_dir: Path, out: Path, extra: list[str] | None = None, timeout: int = 1800) -> dict:
    """Run ``python -m bench _worker KIND`` in a fresh process and read its JSON."""
    env = {
        **os.environ,
        "LIANES_DATA_DIR": str(data_dir),
        "LIANES_CACHE_DIR": validated_dir(data_dir),
        "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "full",
        "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    cmd = [sys.executable, "-m", "bench", "_worker", kind, "--json", str(out), *(extra or [])]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"worker {kind} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Resident memory now, in MB (Linux ``/proc``; 0 elsewhere): what the server's memory report reads."""
    from lianes_dash.server.memtrace import rss_mb

    return rss_mb()


def cold_start() -> dict:
    """Import the package and load the data through the app's cached loaders, timed."""
    t0 = time.perf_counter()
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import lianes_dash.analysis.metrics  # noqa: F401
    import lianes_dash.views.figures  # noqa: F401
    from lianes_dash.ui import state

    t1 = time.perf_counter()
    state.reference()
    links = state.bundled_links()
    t2 = time.perf_counter()
    return {"import_s": t1 - t0, "load_s": t2 - t1, "total_s": t2 - t0, "rows": len(links), "rss_mb": peak_rss_mb()}


# ---------------------------------------------------------------------------
# AppTest driving
# ---------------------------------------------------------------------------


@dataclass
class Capture:
    """Bytes handed to the media file manager (downloads) during one run."""

    downloads: list[tuple[str, int]]
    deferred: list


def _install_capture() -> Capture:
    """Record what each download button would send (eager bytes and deferred callables)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    cap = Capture(downloads=[], deferred=[])
    original_add = MediaFileManager.add
    original_deferred = MediaFileManager.add_deferred

    def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if is_for_static_download:
            size = len(path_or_data) if isinstance(path_or_data, bytes | str) else 0
            cap.downloads.append((file_name or mimetype, size))
        return original_add(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        cap.deferred.append((file_name or str(mimetype), data_callable))
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    MediaFileManager.add = add
    MediaFileManager.add_deferred = add_deferred
    return cap


def serve_assets_as_app_py() -> None:
    """Say, as ``app.py`` does by mounting its middleware, that plotly.js and the outlines are
    served by URL: the pages then send what they send a visitor (the France map without its
    200 KB of outlines inside). NOTE: the benchmark only; the tests keep the default, no route."""
    from lianes_dash.server import assets

    assets.mark_mounted()


def apptest_as_the_server() -> None:
    """Make ``AppTest`` do once per process what the server does once: compile, scan components.

    NOTE: the server keeps one ``ScriptCache`` (the bytecode of ``dashboard.py`` and of each
    page, with Streamlit's « magic » rewrite) and scans the installed packages for components
    once, at start-up. ``AppTest`` does both again for every new session: ~100–200 ms of
    compiling per run and ~0.5 s of reading every installed package's metadata per session,
    which no visitor waits for. The scan's result cannot change while the process runs.
    """
    import functools

    from streamlit.components.v2 import manifest_scanner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(  # type: ignore[assignment]
            manifest_scanner.scan_component_manifests
        )


#: CPU time of each run (ms), beside the wall time: on a machine shared with other jobs the
#: wall time measures their load too; the CPU time measures only our work.
CPU_MS: list[float] = []


def _timed_run(at, timeout: float) -> float:
    """Wall time of one run (ms); its process CPU time is appended to ``CPU_MS``."""
    c = time.process_time()
    t = time.perf_counter()
    at.run(timeout=timeout)
    CPU_MS.append((time.process_time() - c) * 1000)
    return (time.perf_counter() - t) * 1000


def _errors(at) -> list[str]:
    return [str(e.value)[:300] for e in at.exception]


def _figure_bytes(at) -> list[int]:
    return [len(c.proto.spec) for c in at.get("plotly_chart")]


def _run_downloads(cap: Capture) -> list[dict]:
    """Every download of a page: eager bytes as sent, deferred ones generated here as a click would."""
    out = [{"name": name, "bytes": size, "ms": None} for name, size in cap.downloads]
    for name, fn in cap.deferred:
        t = time.perf_counter()
        try:
            data = fn()
            if hasattr(data, "read"):
                data = data.read()
            size = len(data.encode("utf-8") if isinstance(data, str) else data)
            out.append({"name": name, "bytes": size, "ms": (time.perf_counter() - t) * 1000})
        except Exception as exc:  # NOTE: a broken export is reported, not fatal to the run
            out.append({"name": f"{name} (erreur : {type(exc).__name__}: {exc})"[:200], "bytes": 0, "ms": None})
    return out


def filter_scenarios(i: int, themes: list[str], years0: tuple[int, int]) -> dict[str, dict]:
    """The two typical filter changes of repetition ``i``, each new (no cache hit).

    A: département 59 + a theme (a different theme each repetition);
    B: continent Afrique + years 1990–2009 (the upper year moves by one each repetition).
    """
    from lianes_dash.ui.sidebar import filter_key

    theme = themes[i % len(themes)] if themes else None
    hi = max(min(2009 - i, years0[1]), 1990)
    return {
        "A": {filter_key("departements"): ["59"], filter_key("themes"): [theme] if theme else []},
        "B": {filter_key("continents"): ["Afrique"], filter_key("years"): (max(1990, years0[0]), hi)},
    }


def _reset(at, years0: tuple[int, int]) -> None:
    from lianes_dash.ui.sidebar import filter_key

    for name in ("regions", "departements", "types", "collectivities", "continents", "countries", "themes", "kinds"):
        at.session_state[filter_key(name)] = []
    at.session_state[filter_key("years")] = years0
    at.session_state[filter_key("search")] = ""


def _apply(at, years0: tuple[int, int], values: dict) -> None:
    _reset(at, years0)
    for key, value in values.items():
        at.session_state[key] = value


def measure_pages(
    pages: list[str], repeat: int, naive: bool = False, timeout: float = 600, with_downloads: bool = True
) -> dict:
    """Drive every page under AppTest; medians of warm reruns and of new filter changes."""
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from lianes_dash.dataset import schema as S
    from lianes_dash.ui.sidebar import filter_key

    cap = _install_capture()
    apptest_as_the_server()
    serve_assets_as_app_py()
    st.cache_data.clear()
    st.cache_resource.clear()
    script = NAIVE_SCRIPT if naive else DASHBOARD
    at = AppTest.from_file(str(script), default_timeout=timeout)
    if naive:
        at.session_state[NAIVE_PAGE_KEY] = page_name(pages[0])
    loadavg_start = os.getloadavg()[0]
    first_ms = _timed_run(at, timeout)
    out: dict = {
        "first_run_ms": first_ms,
        "first_run_cpu_ms": CPU_MS[-1],
        "first_run_errors": _errors(at),
        "pages": {},
        "loadavg_start": loadavg_start,
    }
    pending: dict[str, Capture] = {}
    try:
        years0 = tuple(at.session_state[filter_key("years")])
    except KeyError:
        years0 = (1900, 2100)
    try:
        themes = [t for t in at.multiselect(key=filter_key("themes")).options if t in S.THEMES]
    except Exception:
        themes = [t for t in S.THEMES if t != "autre"]
    for page in pages:
        name = page_name(page)
        repeat_warm = repeat
        _reset(at, years0)
        cap.downloads.clear()
        cap.deferred.clear()
        if naive:
            at.session_state[NAIVE_PAGE_KEY] = name
        else:
            open_page(at, page)
        visit = _timed_run(at, timeout)
        if naive:
            # NOTE: nothing is cached in the naive pages: the first visit is one more warm sample.
            repeat_warm = max(repeat - 1, 0)
        errors = _errors(at)
        figs = _figure_bytes(at)
        # NOTE: generated after every page is timed, so that exports do not weigh on the
        # pages' peak memory; they are reported apart.
        pending[name] = Capture(downloads=list(cap.downloads), deferred=list(cap.deferred))
        CPU_MS.clear()
        warm = ([visit] if naive else []) + [_timed_run(at, timeout) for _ in range(repeat_warm)]
        changes: dict[str, list[float]] = {"A": [], "B": []}
        for i in range(repeat):
            for label, values in filter_scenarios(i, themes, years0).items():
                _apply(at, years0, values)
                changes[label].append(_timed_run(at, timeout))
                errors += [e for e in _errors(at) if e not in errors]
        _reset(at, years0)
        cpu = list(CPU_MS)
        out["pages"][name] = {
            "module": name,
            "first_visit_ms": visit,
            "warm_ms": statistics.median(warm),
            "filter_a_ms": statistics.median(changes["A"]),
            "filter_b_ms": statistics.median(changes["B"]),
            "all_ms": statistics.median(warm + changes["A"] + changes["B"]),
            "worst_ms": max(warm + changes["A"] + changes["B"]),
            "all_cpu_ms": statistics.median(cpu),
            "worst_cpu_ms": max(cpu),
            "figure_bytes": sum(figs),
            "largest_figure_bytes": max(figs) if figs else 0,
            "n_figures": len(figs),
            "errors": errors,
            "runs": 1 + repeat_warm + 2 * repeat,
            "peak_rss_after_mb": peak_rss_mb(),
            "rss_after_mb": current_rss_mb(),
        }
    out["rss_mb"] = peak_rss_mb()
    for name, page_cap in pending.items():
        downloads = _run_downloads(page_cap) if with_downloads else []
        out["pages"][name]["downloads"] = downloads
        out["pages"][name]["download_bytes"] = max((d["bytes"] for d in downloads), default=0)
    out["rss_with_downloads_mb"] = peak_rss_mb()
    out["loadavg_end"] = os.getloadavg()[0]
    return out


def profile_page(page: str, repeat: int, out: Path) -> None:
    """cProfile of warm reruns and filter changes of one page (``python -m bench profile``)."""
    import cProfile
    import pstats

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.testing.v1 import AppTest

    from lianes_dash.ui.sidebar import filter_key

    apptest_as_the_server()
    serve_assets_as_app_py()
    at = AppTest.from_file(str(DASHBOARD), default_timeout=600)
    at.run()
    years0 = tuple(at.session_state[filter_key("years")])
    open_page(at, page).run()
    prof = cProfile.Profile()
    original = ScriptRunner._run_script

    def profiled(self, *args, **kwargs):
        # NOTE: the script runs in its own thread; cProfile only sees the thread that enabled it.
        prof.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            prof.disable()

    ScriptRunner._run_script = profiled
    for i in range(repeat):
        at.run()
        for values in filter_scenarios(i, ["culture", "santé", "éducation"], years0).values():
            _apply(at, years0, values)
            at.run()
        _reset(at, years0)
    ScriptRunner._run_script = original
    with out.open("w", encoding="utf-8") as fh:
        stats = pstats.Stats(prof, stream=fh).sort_stats("cumulative")
        stats.print_stats(60)
        # Who calls the costliest functions (by their own time): where to look first.
        stats.sort_stats("tottime").print_callers(8)
