"""Shared fixtures: repo on the path, full error details, clean caches, a live server, a browser.

Generic on purpose: any test file may use ``streamlit_server`` (base URL of the app
running ``dashboard.py``) and ``browser`` (headless Chromium driven by Playwright).
``start_streamlit`` is importable for tests and scripts that need their own server
(e.g. with ``LIANES_DATA_DIR`` pointing at a hostile or broken data folder).
"""

from __future__ import annotations

import ast
import contextlib
import functools
import gc
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# NOTE: with PYTHONDONTWRITEBYTECODE=1 (this machine's setting, and CI's) every process of the suite
# compiled the package again, and pytest rewrote hypothesis's ~200 modules and every test file from
# source (~4 s per worker, before the first test); the app's servers compiled the package too.
# The suite writes its bytecode (``__pycache__/``, ignored by git) as a plain ``python`` would.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# The validated copies of the data files (``dataset.validated``) go to a folder of this run, never
# the user's cache folder; the servers the tests start inherit it.
os.environ.setdefault("LIANES_CACHE_DIR", tempfile.mkdtemp(prefix="lianes_test_cache_"))

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import apptest_as_the_server  # noqa: E402
from bench.chromium import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS  # noqa: E402

# NOTE: without this AppTest redacts exceptions to « This app has encountered an error ».
# The environment variable is for the servers the tests start; in this process
# .streamlit/config.toml (« none », for visitors) would win over it, so set the option too.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
from streamlit import config as _st_config  # noqa: E402

_st_config.set_option("client.showErrorDetails", "full", where_defined="tests/conftest.py")

# NOTE: a new AppTest session reads the metadata of every installed package (~0.5 s, three
# quarters of a short test) and compiles the scripts again; the server does both once.
apptest_as_the_server()


# NOTE: property-based tests draw a short run by default (the suite a maintainer runs often) and
# a long one with LIANES_SLOW=1, as the other long runs; a test's own ``settings`` keep the
# rest (deadline, health checks) and leave the number of examples to the profile.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "quick", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "long", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("long" if os.environ.get("LIANES_SLOW") == "1" else "quick")

# NOTE: a test process holds the app's data, Streamlit, plotly and hypothesis: Python's default
# thresholds (700, 10, 10) made each worker of the quick run collect every generation 15 times
# (~0.4 s each, 6–8 s per worker in all), mostly promoting the short-lived objects of a page run.
# Collecting the young generation every 50 000 allocations instead cut the collections' time of the
# quick run from 14.6–19.0 to 5.9–6.4 s (both workers). The tests' servers keep Python's defaults.
gc.set_threshold(50_000, 20, 10)


def _end_worker_now() -> None:
    """A pytest-xdist worker's last step once its results are sent: leave without tearing the interpreter down.

    NOTE: registered when this file is imported, so it runs after the exit handlers of what is
    imported later (the app, Streamlit, pandas…); those registered before it (pytest's and its
    plugins') do not run, the results being sent by then. Freeing a worker's objects one by one
    (the reference indexes, the loaded data, hypothesis, Streamlit's caches) took ~3 s at the end
    of each run, while the controller waited for the worker to exit. A forked child (the import
    worker) does not run exit handlers.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if os.environ.get("PYTEST_XDIST_WORKER"):
    import atexit

    atexit.register(_end_worker_now)


def pytest_configure(config: pytest.Config) -> None:
    """One garbage collection at the end of the session to find unraisable exceptions, not five.

    NOTE: pytest collects five times in a row (a number taken from Trio's tests), ~0.2–0.4 s each in
    a process holding the app's data, at the end of each worker. Private to pytest: without it,
    pytest's default stays.
    """
    try:
        from _pytest.unraisableexception import gc_collect_iterations_key
    except ImportError:
        return
    config.stash[gc_collect_iterations_key] = 1


#: Ports for the servers the tests start: each pytest-xdist worker draws from its own range.
_PORTS = itertools.count(
    20_000
    + 2_000 * (int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0) % 10)
    + os.getpid() % 1_000
)


def free_port() -> int:
    """A TCP port nobody listens on right now.

    NOTE: not the OS's pick (bind to port 0): two workers starting servers at the same moment could
    be handed the same port, and one's health check then reached the other's server.
    """
    for port in _PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def _listens(pid: int, port: int) -> bool | None:
    """Whether process ``pid`` holds the listening socket of ``port`` (``None``: cannot tell, no /proc).

    NOTE: how a health answer is known to come from the server just started, not from another
    process that took the port first.
    """
    try:
        inodes = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with contextlib.suppress(FileNotFoundError), open(table) as f:
                for line in f.readlines()[1:]:
                    fields = line.split()
                    if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # 0A: LISTEN
                        inodes.add(fields[9])
        fds = Path(f"/proc/{pid}/fd")
        return any(os.readlink(fd).removeprefix("socket:[").removesuffix("]") in inodes for fd in fds.iterdir())
    except OSError:
        return None


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def _service_env(script: str) -> dict[str, str]:
    """The production entry point runs in the service's environment, as ``make run`` starts it."""
    from lianes_dash.server.memory import SERVICE_ENV

    return dict(SERVICE_ENV) if script == "app.py" else {}


@contextlib.contextmanager
def start_streamlit(
    env: dict[str, str] | None = None,
    port: int | None = None,
    log: Path | None = None,
    timeout: float = 90,
    script: str = "dashboard.py",
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``streamlit run dashboard.py`` (or ``script``, e.g. ``app.py``) on localhost; yield (base URL, process)."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        # NOTE: tests want to see exceptions in full; deployments hide them (config.toml).
        "--client.showErrorDetails",
        "full",
    ]
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**os.environ, **_service_env(script), **(env or {})},
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(base):
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {proc.returncode} before answering (log: {log})")
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout:.0f} s")
            time.sleep(0.1)
        # NOTE: it answered; but was it this server, or another process on that port?
        mine = _listens(proc.pid, port)
        if mine is None:  # no /proc: give a server that could not bind the time to exit
            time.sleep(0.5)
        if mine is False or proc.poll() is not None:
            raise RuntimeError(f"another process answers on port {port}, not this streamlit (log: {log})")
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run in two groups, each in one worker (pytest-xdist ``--dist loadgroup``)
    with its own app server and Chromium; the workers share out the rest of the suite. The tests
    of the server with other settings (``settings_server``) join the second group: one worker
    starts that server, once.

    NOTE: one group alone took ~270 s on two cores while the other worker finished everything
    else in less; the split is by file, the two halves of about equal length when measured.
    """
    for item in items:
        if "settings_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("browser-b"))
        elif item.get_closest_marker("browser"):
            group = "browser-b" if item.path.name in BROWSER_GROUP_B else "browser"
            item.add_marker(pytest.mark.xdist_group(group))


#: Browser test files of the second group, with the tests of ``settings_server`` (the first:
#: test_browser.py and the rest).
BROWSER_GROUP_B = {
    "test_xss.py",
    "test_presentation_browser.py",
    "test_page_import.py",
}

#: The settings of the app's second server (``settings_server``), each for the tests named beside it;
#: none changes what the other tests of that server check.
SETTINGS_ENV = {
    # test_closed_sessions: a closed tab's session expires after 2 s; housekeeping every second.
    "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "2",
    "LIANES_HOUSEKEEPING_SECONDS": "1",
    # test_frontend_words: an upload limit of 1 Mo, so that a small file is « too large ».
    "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "1",
    # test_headers: no embedding site allowed, whatever this machine's environment says.
    "LIANES_EMBED_ORIGINS": "",
}


@pytest.fixture(autouse=True)
def _no_bundle_served_unless_the_test_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as under ``dashboard.py``: no partial plotly.js served, charts by ``st.plotly_chart``.

    NOTE: building ``app.py``'s assets middleware (tests/test_assets.py) records the served bundle in a
    module global; without this, every later AppTest of the same worker drew its charts in frames.
    """
    from lianes_dash.ui import plotly_frame

    monkeypatch.setattr(plotly_frame, "_SERVED", {})


@pytest.fixture
def clear_caches() -> Iterator[None]:
    """Streamlit caches persist between AppTest runs in one process: start and end clean."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:<port>``) of the app, shared by the whole session.

    NOTE: ``app.py``, as the README starts it: the browser tests see what a visitor sees (headers,
    the browser's own words in French).
    """
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    # NOTE: charts drawn by Streamlit's own chart: these tests read the figures in the page's
    # document; the partial bundle's frames are tested by test_plotly_frame.py on a server of its own.
    with start_streamlit(log=log, script="app.py", env={"LIANES_PLOTLY_BUNDLE": "streamlit"}) as (base, _proc):
        yield base


@pytest.fixture(scope="session")
def settings_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, process) of ``app.py`` run with :data:`SETTINGS_ENV`, shared by the tests that need
    those settings (headers, upload limit, closed sessions, allocator).

    NOTE: one server instead of one per test module: each start costs ~3 s, and each new address
    a browser opens loads and compiles Streamlit's and plotly's code again (another origin, another
    cache entry).
    """
    log = tmp_path_factory.mktemp("settings") / "server.log"
    with start_streamlit(env=SETTINGS_ENV, log=log, script="app.py") as started:
        yield started


def _browser_missing(reason: str) -> None:
    if os.environ.get("LIANES_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (LIANES_REQUIRE_BROWSER=1: a browser is required here)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's ``/usr/bin/chromium``, never a Playwright download), offline:
    no name resolves but localhost's (``bench.chromium.OFFLINE_ARGS``)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("Playwright (package Python « playwright ») n'est pas installé")
    if not CHROMIUM.exists():
        _browser_missing(f"{CHROMIUM} absent : installez le paquet Debian « chromium »")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + OFFLINE_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One browser context for the worker's tabs (1280 × 800, French), as one visitor's browser.

    NOTE: its HTTP cache is what spares every tab fetching and compiling Streamlit's and plotly's
    code again (~6 MB); a test that needs other settings (a phone, downloads) opens its own context.
    A tab may change its own size (``page.set_viewport_size``).
    """
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    yield ctx
    ctx.close()


#: True once the app's script has finished its run and no finite animation (the sidebar sliding,
#: a chart's transition) is still playing: the page as a visitor sees it once it settles.
_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  return document.getAnimations().every(a => a.playState !== 'running'
    || (a.effect && a.effect.getComputedTiming().iterations === Infinity));
}"""


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait on the DOM, not the clock: the app has finished running and nothing is moving.

    NOTE: Streamlit marks its root ``data-test-script-state`` (« running », « notRunning »); after a
    click, first wait for what the click changes (the URL, a text), then for this.
    """
    page.wait_for_function(_IDLE_JS, timeout=timeout)


def wait_charts(page, timeout: float = 45_000) -> None:
    """Wait until the script has finished and every chart element holds its plotly graph.

    NOTE: « notRunning » comes seconds before the charts: Streamlit then loads its plotly chunk
    lazily, showing skeletons meanwhile. Done = script finished, no skeleton left, one plotly
    graph per chart element, and one laid out in each chart frame (``ui/plotly_frame.py``).
    """
    page.wait_for_function(
        """() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'
            && document.querySelectorAll('[data-testid=stSkeleton]').length === 0
            && document.querySelectorAll('[data-testid=stPlotlyChart]').length
               === document.querySelectorAll('.js-plotly-plot').length
            && [...document.querySelectorAll("iframe[src*='plotly_frame']")].every(f => {
                 try { return !!f.contentDocument.querySelector('.js-plotly-plot')?._fullLayout; }
                 catch (e) { return false; } })""",
        timeout=timeout,
    )


#: Open an address in the tab's running app as the browser's back and forward buttons do; the flag
#: rises once Streamlit has run the page (« running », then « notRunning » again).
_OPEN_IN_APP_JS = """path => {
  let ran = false;
  window.__lianesOpened = false;
  // NOTE: the whole document is watched (React may draw the app's root anew), and the records' old
  // values count too: a short run may go « running » and back before the observer is called.
  const seen = new MutationObserver(records => {
    const state = document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state');
    if (state !== 'notRunning' || records.some(r => r.oldValue && r.oldValue !== 'notRunning')) ran = true;
    if (ran && state === 'notRunning') { seen.disconnect(); window.__lianesOpened = true; }
  });
  seen.observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                          attributeFilter: ['data-test-script-state']});
  history.pushState({}, '', path);
  dispatchEvent(new PopStateEvent('popstate', {state: {}}));
}"""


def open_in_app(page, path: str, timeout: float = 60_000) -> None:
    """Open ``path`` (``/monde``, ``/pays?iso=BFA``) in the app already running in ``page``, then wait idle.

    NOTE: a visitor moving between pages: Streamlit reruns the page in the same session and
    keeps its code loaded. A ``page.goto`` loads and compiles Streamlit's and plotly's code
    again (~3 s of the renderer's time per visit), which is what a first visit measures; a tour
    of the pages needs it once.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    where_js = (
        "() => [location.pathname + location.search,"
        " document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')]"
    )
    page.evaluate(_OPEN_IN_APP_JS, path)
    try:
        page.wait_for_function("() => window.__lianesOpened === true", timeout=timeout / 2)
    except PlaywrightTimeout:
        where = page.evaluate(where_js)
        if where[1] == "notRunning":
            # NOTE: idle at the address, no run seen (twice this round, on a loaded machine, on pages
            # that pass alone; presumably the run's « running » and « not running » applied in one
            # render, which no DOM observer sees). Opened once more, watched afresh.
            page.evaluate(_OPEN_IN_APP_JS, path)
        try:
            page.wait_for_function("() => window.__lianesOpened === true", timeout=timeout)
        except PlaywrightTimeout as exc:
            # NOTE: Playwright's message names neither the page nor where the app stands.
            where = page.evaluate(where_js)
            raise AssertionError(
                f"{path}: not run within {timeout / 1000:g} s (address, script state: {where})"
            ) from exc
    wait_idle(page, timeout=timeout)


def navigation_pages() -> list[tuple[str, str, bool]]:
    """(page file, URL path, default?) of every page of the navigation (``ui.navigation.NAVIGATION``).

    A page is named by its module's file (« overview.py »). NOTE: a page a colleague adds to the
    navigation is tested without editing any test.
    """
    from lianes_dash.ui import navigation

    return [(p.file, p.url_path, p.default) for p in navigation.pages()]


def switch_page(at, page_file: str):
    """``at`` pointed at the page of ``page_file`` (« world.py ») for its next run, as a click in the menu.

    ``AppTest.switch_page`` takes a script file; the pages are functions, opened by their ``url_path``.
    """
    from lianes_dash.server import streamlit_internals as internals

    url = {file: url for file, url, _default in navigation_pages()}[page_file]
    return internals.open_page(at, url)


@functools.cache
def parsed(path: Path) -> ast.Module:
    """The syntax tree of a source file of the repository, parsed once per process.

    NOTE: the static rules (layers, column names, HTML, caching) read the same ~80 files; each
    parsed them again (~5 s of the quick run's CPU). The files do not change while tests run;
    the callers only read the tree.
    """
    return ast.parse(path.read_text(encoding="utf-8"))


def chart_figures(at) -> list[dict]:
    """The figures of an AppTest run's charts, however drawn: ``st.plotly_chart`` or the partial
    bundle's component (``ui/plotly_frame.py``, its figure in the ``spec`` argument)."""
    import json

    found = []
    for node in [*at.get("plotly_chart"), *at.get("component_instance")]:
        proto = node.proto
        if hasattr(proto, "spec") and not hasattr(proto, "json_args"):
            found.append(json.loads(proto.spec))
        elif proto.component_name.endswith(".plotly_frame"):
            found.append(json.loads(json.loads(proto.json_args)["spec"]))
    return found
