"""Concurrent load on one Lianes Dash server: N visitors through every page and the filters.

Run by hand (not part of the test suite)::

    python scripts/load_test.py --sessions 20 --seconds 120

It starts its own server (``streamlit run dashboard.py`` on a free localhost port, the
project's ``.streamlit/config.toml`` in force), then drives ``--sessions`` concurrent
visitors for ``--seconds`` and reports errors (must be 0), page times (median, 95th
percentile, worst) and the server's memory (RSS from ``/proc``) after warm-up and at the end.

NOTE: what a « visitor » is. Twenty Chromium tabs drawing plotly maps on a 2-core machine
measure the machine's browser, not the server; so most visitors are protocol-level
clients that speak Streamlit's own websocket protocol (the BackMsg/ForwardMsg protobufs
the browser sends): they open a session, ask for a page with URL filters, change filters
through the sidebar widgets' states exactly as the browser does, move between pages, and
every so often leave and come back as a new session. The server does the same work as for
a browser (script run, caches, figures, deltas); only drawing is skipped. ``--browsers``
of the sessions (default 2) are real headless Chromium tabs that load pages through the
URL and wait until every chart is drawn, so the end-to-end time is measured too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Filter sets a visitor goes through: (URL query, sidebar widget key → chosen labels or text).
FILTER_SETS = [
    ("", {}),
    ("pays=BFA", {"flt_countries": lambda label: label == "Burkina Faso"}),
    ("dep=59~62", {"flt_departements": lambda label: label.startswith(("59 ", "62 "))}),
    ("continent=Afrique", {"flt_continents": lambda label: label == "Afrique"}),
    ("q=Kawara", {"flt_search": "Kawara"}),
    ("theme=santé", {"flt_themes": lambda label: label == "santé"}),
]
#: Page views in one visit before the visitor leaves and comes back as a new session.
VISIT_LENGTH = 8


# ---------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, log: Path, script: str = "dashboard.py") -> subprocess.Popen:
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
        "--client.showErrorDetails",
        "full",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"le serveur s'est arrêté (code {proc.returncode}), voir {log}")
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("le serveur ne répond pas sur /_stcore/health")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB, read from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class Results:
    """Page times (seconds) and errors, per kind of visitor."""

    times: dict[str, list[float]] = field(default_factory=lambda: {"websocket": [], "navigateur": []})
    errors: list[str] = field(default_factory=list)
    sessions_opened: int = 0

    def error(self, who: str, what: str) -> None:
        self.errors.append(f"{who}: {what}")
        print(f"  ERREUR {who}: {what}", flush=True)


# ---------------------------------------------------------------------------
# Protocol-level visitor
# ---------------------------------------------------------------------------


class Session:
    """One Streamlit session over the websocket, as the browser's client speaks it."""

    def __init__(self, ws, who: str, results: Results):
        self.ws, self.who, self.results = ws, who, results
        self.pages: dict[str, str] = {}  # url path → page script hash
        self.widgets: dict[str, tuple[str, list[str]]] = {}  # widget key → (widget id, option labels)
        #: The sidebar widgets' current values, sent back on every rerun as the browser does
        #: (a widget whose value is not sent falls back to its default).
        self.values: dict[str, object] = {}

    async def run(self, fill) -> float:
        """Send a rerun (``fill`` sets its ClientState); return the time until the script finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        fill(msg.rerun_script)
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=60)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                for page in fwd.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                etype = el.WhichOneof("type")
                if etype == "exception":
                    self.results.error(self.who, f"exception : {el.exception.type} {el.exception.message[:200]}")
                elif etype == "alert" and "ne peuvent pas être chargées" in el.alert.body:
                    self.results.error(self.who, "page d'erreur de données")
                elif etype in ("multiselect", "text_input", "slider"):
                    self._remember(etype, getattr(el, etype))
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.results.error(self.who, "erreur de compilation du script")
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                    return time.perf_counter() - t0
            elif kind == "page_not_found":
                self.results.error(self.who, "page introuvable")

    def _remember(self, etype: str, widget) -> None:
        """Keep a sidebar widget's id, choices and the value the server gave it."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        key = widget.id.rsplit("-", 1)[-1]
        if not key.startswith("flt_"):
            return
        options = list(widget.options) if etype == "multiselect" else []
        self.widgets[key] = (widget.id, options)
        state = WidgetState(id=widget.id)
        if etype == "multiselect":
            chosen = list(widget.raw_values) if widget.set_value else [options[i] for i in widget.default]
            state.string_array_value.data.extend(chosen)
        elif etype == "slider":
            state.double_array_value.data.extend(list(widget.value) if widget.set_value else list(widget.default))
        else:
            state.string_value = widget.value if widget.set_value else widget.default
        self.values[key] = state

    async def open(self, path: str, query: str) -> float:
        """The first page of a visit: a shared link, maybe with filters in it."""

        def fill(cs):
            cs.query_string = query
            cs.page_name = path

        return await self.run(fill)

    async def goto(self, path: str, filters: dict | None = None) -> float:
        """Another page of the navigation, and maybe new filter values, as the browser sends them."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        def fill(cs):
            cs.page_script_hash = self.pages.get(path, "")
            cs.page_name = path
            values = dict(self.values)
            if filters is not None:
                for key in ("flt_countries", "flt_departements", "flt_continents", "flt_themes"):
                    if key in self.widgets:
                        wid, options = self.widgets[key]
                        want = filters.get(key)
                        state = WidgetState(id=wid)
                        state.string_array_value.data.extend([o for o in options if want and want(o)])
                        values[key] = state
                if "flt_search" in self.widgets:
                    values["flt_search"] = WidgetState(
                        id=self.widgets["flt_search"][0], string_value=filters.get("flt_search", "")
                    )
            cs.widget_states.widgets.extend(values.values())

        return await self.run(fill)


def _connect(base: str):
    import websockets

    url = base.replace("http://", "ws://") + "/_stcore/stream"
    return websockets.connect(url, subprotocols=["streamlit"], max_size=2**26, open_timeout=30)


async def ws_visitor(n: int, base: str, stop_at: float, results: Results, think: float) -> None:
    """Visits of ``VISIT_LENGTH`` pages, each a new session, until the time is up."""
    rng = random.Random(n)
    who = f"visiteur-ws-{n}"
    while time.monotonic() < stop_at:
        try:
            async with _connect(base) as ws:
                results.sessions_opened += 1
                session = Session(ws, who, results)
                query, _ = rng.choice(FILTER_SETS)
                first = rng.choice(["", "monde", "france", "nord-pas-de-calais", "explorer"])
                results.times["websocket"].append(await session.open(first, query))
                for _ in range(VISIT_LENGTH - 1):
                    if time.monotonic() >= stop_at:
                        break
                    await asyncio.sleep(rng.uniform(0.3, 2 * think))
                    path = rng.choice(list(session.pages) or [""])
                    filters = rng.choice(FILTER_SETS)[1] if rng.random() < 0.5 else None
                    results.times["websocket"].append(await session.goto(path, filters))
        except Exception as exc:  # NOTE: any failure of a visit is an error of the test
            results.error(who, f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(1)


async def check_protocol(base: str) -> None:
    """One visitor through every page, and one filter change checked: the client really drives the app.

    Also warms the server up, so that « start » memory has the caches filled.
    """
    results = Results()
    async with _connect(base) as ws:
        session = Session(ws, "mise-en-route", results)
        await session.open("", "")
        for path in list(session.pages):
            await session.goto(path)
        assert {"flt_countries", "flt_search"} <= set(session.widgets), sorted(session.widgets)
        # A filter change must reach the app: the sidebar count then says « 105 liens sur 6 000 ».
        counts: list[str] = []
        original = session.run

        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        async def run_and_count(fill):
            from streamlit.proto.BackMsg_pb2 import BackMsg

            msg = BackMsg()
            fill(msg.rerun_script)
            await ws.send(msg.SerializeToString())
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=60))
                if fwd.WhichOneof("type") == "delta" and fwd.delta.new_element.WhichOneof("type") == "markdown":
                    body = fwd.delta.new_element.markdown.body
                    if "liens sur" in body:
                        counts.append(body)
                if fwd.WhichOneof("type") == "script_finished":
                    return 0.0

        session.run = run_and_count
        await session.goto("", dict(FILTER_SETS)["pays=BFA"])
        session.run = original
        if not counts or counts[-1].startswith("**6"):
            raise SystemExit(f"le changement de filtre n'a pas atteint l'application : {counts}")
        print(f"Contrôle du client : {len(session.pages)} pages, filtre appliqué ({counts[-1]})", flush=True)
    if results.errors:
        raise SystemExit(f"échec dès le premier passage : {results.errors[:3]}")


# ---------------------------------------------------------------------------
# Real-browser visitor
# ---------------------------------------------------------------------------

_SETTLED_JS = """() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'
    && document.querySelectorAll('[data-testid=stSkeleton]').length === 0
    && document.querySelectorAll('[data-testid=stPlotlyChart]').length
       === document.querySelectorAll('.js-plotly-plot').length
    && [...document.querySelectorAll('.js-plotly-plot')].every(gd => gd._fullLayout)"""


async def browser_visitor(n: int, browser, base: str, stop_at: float, results: Results, think: float) -> None:
    rng = random.Random(1000 + n)
    who = f"navigateur-{n}"
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.on("pageerror", lambda exc: results.error(who, f"erreur JavaScript : {exc}"))
    paths = ["", "monde", "france", "nord-pas-de-calais", "explorer", "collectivite", "pays", "pairs", "a-propos"]
    try:
        while time.monotonic() < stop_at:
            path = rng.choice(paths)
            query, _ = rng.choice(FILTER_SETS)
            t0 = time.perf_counter()
            try:
                await page.goto(f"{base}/{path}" + (f"?{query}" if query else ""))
                await page.wait_for_timeout(300)  # NOTE: let the new run start before polling its state
                await page.wait_for_function(_SETTLED_JS, timeout=60_000)
                results.times["navigateur"].append(time.perf_counter() - t0)
                if await page.locator("[data-testid=stException]").count():
                    results.error(who, f"exception affichée sur /{path}?{query}")
            except Exception as exc:
                results.error(who, f"/{path}?{query} : {type(exc).__name__}: {str(exc)[:200]}")
            await asyncio.sleep(rng.uniform(0.3, 2 * think))
    finally:
        await context.close()


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def _summary(name: str, times: list[float]) -> str:
    if not times:
        return f"{name} : aucune page mesurée"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"{name} : {len(times)} pages, médiane {statistics.median(times):.2f} s, "
        f"95e centile {p95:.2f} s, pire {max(times):.2f} s"
    )


async def main_async(args) -> int:
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(args.log)
    proc = start_server(port, log)
    print(f"Serveur : {base} (pid {proc.pid}, journal {log})", flush=True)
    try:
        await check_protocol(base)
        rss_start = rss_mb(proc.pid)
        print(f"Mémoire du serveur après mise en route : {rss_start:.0f} Mo", flush=True)
        results = Results()
        stop_at = time.monotonic() + args.seconds
        n_browsers = min(args.browsers, args.sessions) if Path(CHROMIUM).exists() else 0
        samples: list[tuple[float, float]] = []

        async def sample_memory() -> None:
            t0 = time.monotonic()
            while time.monotonic() < stop_at:
                samples.append((time.monotonic() - t0, rss_mb(proc.pid)))
                await asyncio.sleep(5)

        tasks = [ws_visitor(i, base, stop_at, results, args.think) for i in range(args.sessions - n_browsers)]
        pw = browser = None
        if n_browsers:
            from playwright.async_api import async_playwright

            pw = await async_playwright().start()
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tasks += [browser_visitor(i, browser, base, stop_at, results, args.think) for i in range(n_browsers)]
        print(
            f"Charge : {args.sessions} sessions simultanées ({args.sessions - n_browsers} par websocket, "
            f"{n_browsers} dans Chromium) pendant {args.seconds} s…",
            flush=True,
        )
        await asyncio.gather(sample_memory(), *tasks)
        if browser:
            await browser.close()
            await pw.stop()
        rss_end = rss_mb(proc.pid)
        peak = max([rss_end, *(m for _t, m in samples)])
        half = [m for t, m in samples if t <= args.seconds / 2]
        rss_mid = half[-1] if half else rss_start
        rss_rest = None
        if args.rest:
            print(f"Repos de {args.rest} s sans visiteur (les sessions fermées expirent après 120 s)…", flush=True)
            await asyncio.sleep(args.rest)
            rss_rest = rss_mb(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()

    all_times = results.times["websocket"] + results.times["navigateur"]
    print()
    print("Résultats")
    print(f"  Erreurs : {len(results.errors)}")
    for e in results.errors[:10]:
        print(f"    {e}")
    print(f"  Sessions ouvertes : {results.sessions_opened} (plus {n_browsers} onglets Chromium)")
    print("  " + _summary("Aller-retour serveur (websocket)", results.times["websocket"]))
    print("  " + _summary("Page complète dans Chromium", results.times["navigateur"]))
    print("  " + _summary("Toutes pages", all_times))
    print(
        f"  Mémoire du serveur (RSS) : {rss_start:.0f} Mo au début, {rss_mid:.0f} Mo à mi-parcours, "
        f"{rss_end:.0f} Mo à la fin, pic {peak:.0f} Mo"
        + (f", {rss_rest:.0f} Mo après le repos" if rss_rest is not None else "")
    )
    print("  Relevés (s, Mo) : " + ", ".join(f"{t:.0f}:{m:.0f}" for t, m in samples))
    # NOTE: « stable » = the second half of the run adds less than 10 % of the start.
    # The first minutes fill the bounded caches (filtered frames, decks, figures) and
    # hold the live sessions; what must not happen is growth that goes on run after run.
    flat = rss_end - rss_mid <= 0.10 * rss_start
    print(f"  Mémoire stable sur la seconde moitié : {'oui' if flat else 'NON'} ({rss_end - rss_mid:+.0f} Mo)")
    return 0 if not results.errors and flat and all_times else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="visiteurs simultanés (défaut 20)")
    parser.add_argument("--seconds", type=int, default=120, help="durée de la charge (défaut 120 s)")
    parser.add_argument("--browsers", type=int, default=2, help="dont visiteurs dans Chromium (défaut 2)")
    parser.add_argument("--think", type=float, default=1.0, help="temps de réflexion moyen entre deux pages (s)")
    parser.add_argument("--rest", type=int, default=0, help="secondes sans visiteur après la charge, puis RSS")
    parser.add_argument("--port", type=int, default=0, help="port du serveur (défaut : un port libre)")
    parser.add_argument("--log", default=os.environ.get("LIANES_LOAD_LOG", "/tmp/lianes_load_server.log"))
    args = parser.parse_args()
    sys.exit(asyncio.run(main_async(args)))


if __name__ == "__main__":
    main()
