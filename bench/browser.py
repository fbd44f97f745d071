"""What a visitor waits for, measured in headless Chromium: ``python -m bench browser``.

For each page of the navigation: time from navigation to the first content painted (the
browser's own « first contentful paint »: the page's title in the shell ``app.py`` serves,
``lianes_dash/server/shell.py``), to the page's heading drawn by Streamlit, and to its first
chart drawn (a geo path for a map, the plot's SVG for a chart, the table's canvas for a table),
with an empty browser cache (cold: a fresh context) and a warm one (the same context, second
visit), median of ``repeat`` runs. Also: a filter change to the
redrawn world map, and the kiosk's first slide. The load average and a text-only page (« À
propos ») measured in the same run let the figures be read as ratios on a noisy machine.

NOTE: the server is started here on the bundled data (the same command as the README's), and
every name but localhost's is unresolvable (:data:`OFFLINE_ARGS`), as on a projector without
Wi-Fi; a request off localhost is counted and reported. Not with Playwright's ``page.route``:
intercepting requests turns the browser's HTTP cache off, and every « warm » visit was then
cold (the charting code fetched and compiled again).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.chromium import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS, record_outside
from lianes_dash.server.memory import SERVICE_ENV

ROOT = Path(__file__).resolve().parent.parent
#: Requests seen off localhost during the run (reported; 0 expected).
OFF_LOCALHOST: list[str] = []
#: Pages measured and what « drawn » means on each (a CSS selector that appears once it is).
MAP = ".js-plotly-plot path.choroplethlocation, .js-plotly-plot g.trace.scattergeo path"
CHART = ".js-plotly-plot g.trace.bars path, .js-plotly-plot g.trace.scatter path"
TABLE = "[data-testid=stDataFrame] canvas, [data-testid=stTable] table"
TEXT_ONLY = "a-propos"
#: url path → selector of its first chart or table (None: the heading is the content).
PAGES: dict[str, str | None] = {
    "": CHART,
    "monde": MAP,
    "france": MAP,
    "nord-pas-de-calais": CHART,
    "explorer": TABLE,
    "collectivite": MAP,
    "pays": MAP,
    "pairs": None,
    "importer": None,
    "presentation": TABLE,
    TEXT_ONLY: None,
}
HEADING = "[data-testid=stMain] h1"
TARGETS = {"first_map_s": 2.0, "first_content_s": 1.0, "filter_redraw_s": 1.0, "kiosk_first_slide_s": 1.5}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(port: int | None = None, env: dict[str, str] | None = None):
    """The dashboard on the bundled data, headless, until the block ends (``env``: more settings)."""
    port = port or _free_port()
    log = Path(tempfile.gettempdir()) / f"bench_browser_{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
            + ["--server.headless", "true"],
            cwd=ROOT,
            env={**os.environ, **SERVICE_ENV, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@contextmanager
def _tab(context):
    """A new tab, its requests off localhost recorded (they cannot resolve: :data:`OFFLINE_ARGS`), closed after."""
    page = context.new_page()
    outside = record_outside(page)
    try:
        yield page
    finally:
        page.close()
        OFF_LOCALHOST.extend(outside)


#: The page's document and those of its frames (a chart drawn by ``ui/plotly_frame.py`` lives in one).
_DOCS = (
    "[document, ...Array.from(document.querySelectorAll('iframe'), f => {"
    " try { return f.contentDocument; } catch (e) { return null; } })].filter(Boolean)"
)
#: The first plotly graph of the page or of one of its frames.
_GRAPH = f"{_DOCS}.map(d => d.querySelector('.js-plotly-plot')).find(Boolean)"


def wait_drawn(page, selector: str, timeout_ms: int = 60_000) -> None:
    """Until ``selector`` matches in the page or in one of its frames (a chart's frame included)."""
    page.wait_for_function(f"s => {_DOCS}.some(d => d.querySelector(s))", arg=selector, timeout=timeout_ms)


#: The browser's first contentful paint, in seconds from the navigation's start.
_FCP = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime / 1000"


def _visit(context, url: str, selector: str | None, timeout_ms: int = 60_000) -> dict:
    """Seconds from navigation to the first content painted, to the heading, and to the first chart or table."""
    with _tab(context) as page:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(HEADING, timeout=timeout_ms, state="attached")
        heading = time.perf_counter() - t0
        drawn = heading
        if selector:
            wait_drawn(page, selector, timeout_ms)
            drawn = time.perf_counter() - t0
        return {"first_content_s": page.evaluate(_FCP), "heading_s": heading, "first_drawn_s": drawn}


def _filter_redraw(context, base: str, timeout_ms: int = 60_000) -> float:
    """The world map drawn, then a country typed in the sidebar's search: seconds to the redrawn map."""
    with _tab(context) as page:
        page.goto(f"{base}/monde", wait_until="commit")
        wait_drawn(page, MAP, timeout_ms)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
            timeout=timeout_ms,
        )
        before = page.evaluate(f"() => {_GRAPH}.data[0].locations.length")
        box = page.locator("[data-testid=stSidebar] input[type=text]").first
        box.fill("Sénégal")
        t0 = time.perf_counter()
        box.press("Enter")
        page.wait_for_function(
            f"() => {{ const gd = {_GRAPH};"
            f" return gd && gd.data && gd.data[0].locations.length !== {before}"
            f" && gd.querySelectorAll('path.choroplethlocation').length > 0; }}",
            timeout=timeout_ms,
        )
        return time.perf_counter() - t0


#: The document's arrival (its response's end) and its size, in the page's own clock.
_ARRIVED = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {arrived: nav.responseEnd / 1000, bytes: nav.transferSize || nav.encodedBodySize};
}"""
#: The first slide shown (active, laid out: its fade-in starts) in the page's clock; polled at each frame.
_SHOWN = """() => { const h = document.querySelector('.slide.active h1');
  return h && h.getBoundingClientRect().height > 0 && performance.now() / 1000; }"""


def _kiosk(context, base: str, timeout_ms: int = 60_000, framed: bool = False) -> dict:
    """Seconds from opening the kiosk address to its first slide shown, and from the document's arrival.

    ``framed``: the kiosk as the Streamlit page with the deck in its frame (``LIANES_KIOSK_DOCUMENT=0``);
    only the first measure then.
    """
    with _tab(context) as page:
        t0 = time.perf_counter()
        page.goto(f"{base}/presentation?mode=presentation", wait_until="commit")
        if framed:
            page.frame_locator("iframe[title='st.iframe']").locator(".slide.active h1").wait_for(
                state="visible", timeout=timeout_ms
            )
            return {"first_slide_s": time.perf_counter() - t0}
        shown_at = page.wait_for_function(_SHOWN, timeout=timeout_ms).json_value()
        shown = time.perf_counter() - t0
        times = page.evaluate(_ARRIVED)
        return {
            "first_slide_s": shown,
            "painted_s": shown_at,
            "after_document_s": shown_at - times["arrived"],
            "document_kb": times["bytes"] / 1024,
        }


def _kiosk_runs(browser, base: str, repeat: int) -> dict:
    """The kiosk, ``repeat`` visits in one browser context (plotly.js in its cache, as on a kiosk
    opened again), after one untimed visit that has the server build the document."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    _kiosk(context, base)
    runs = [_kiosk(context, base) for _ in range(repeat)]
    context.close()
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def run(repeat: int = 5) -> dict:
    """Every measure, medians of ``repeat`` runs, with the load average before and after."""
    from playwright.sync_api import sync_playwright

    out: dict = {"repeat": repeat, "load_before": _load(), "pages": {}}
    OFF_LOCALHOST.clear()
    with server() as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + OFFLINE_ARGS)
        # NOTE: one untimed visit warms the server's caches (first run of each page).
        warmup = browser.new_context(viewport={"width": 1280, "height": 900})
        for path, selector in PAGES.items():
            _visit(warmup, f"{base}/{path}", selector)
        for path, selector in PAGES.items():
            cold, warm = [], []
            for _ in range(repeat):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                cold.append(_visit(context, f"{base}/{path}", selector))
                warm.append(_visit(context, f"{base}/{path}", selector))
                context.close()
            out["pages"][path or "vue-d-ensemble"] = {
                "drawn": "carte" if selector == MAP else ("graphique ou tableau" if selector else "texte"),
                **{f"cold_{k}": statistics.median(r[k] for r in cold) for k in cold[0]},
                **{f"warm_{k}": statistics.median(r[k] for r in warm) for k in warm[0]},
            }
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        out["filter_redraw_s"] = statistics.median(_filter_redraw(context, base) for _ in range(repeat))
        context.close()
        out["kiosk"] = _kiosk_runs(browser, base, repeat)
        out["kiosk_first_slide_s"] = out["kiosk"]["first_slide_s"]
        browser.close()
    out["load_after"] = _load()
    out["requests_off_localhost"] = len(OFF_LOCALHOST)
    text_only = out["pages"][TEXT_ONLY]["warm_heading_s"]
    for row in out["pages"].values():
        row["ratio_to_text_page"] = row["warm_first_drawn_s"] / text_only if text_only else float("nan")
    return out


def _cold_kiosk(browser, base: str, framed: bool = False) -> dict:
    """One visit in a new browser context: nothing in the browser's cache (plotly.js, Streamlit's code)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        return _kiosk(context, base, framed=framed)
    finally:
        context.close()


def run_kiosk(repeat: int = 5) -> dict:
    """Only the kiosk (``python -m bench browser --kiosk``), medians of ``repeat`` visits, the load average beside.

    A/B, interleaved: the kiosk document, then the former kiosk (the Streamlit page drawing the same
    deck in a frame, ``LIANES_KIOSK_DOCUMENT=0``), on two servers started together, each visit of one
    followed by a visit of the other, in two browser contexts kept warm (plotly.js in their caches).
    """
    from playwright.sync_api import sync_playwright

    OFF_LOCALHOST.clear()
    out: dict = {"repeat": repeat, "load_before": _load(), "when": time.strftime("%Y-%m-%d %H:%M")}
    with (
        server() as base,
        server(env={"LIANES_KIOSK_DOCUMENT": "0"}) as framed_base,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + OFFLINE_ARGS)
        document = browser.new_context(viewport={"width": 1280, "height": 900})
        framed = browser.new_context(viewport={"width": 1280, "height": 900})
        _kiosk(document, base)  # NOTE: untimed: each server builds its deck once
        _kiosk(framed, framed_base, framed=True)
        runs, framed_runs, cold, framed_cold = [], [], [], []
        for _ in range(repeat):
            runs.append(_kiosk(document, base))
            framed_runs.append(_kiosk(framed, framed_base, framed=True))
            cold.append(_cold_kiosk(browser, base))
            framed_cold.append(_cold_kiosk(browser, framed_base, framed=True))
        out.update({key: statistics.median(r[key] for r in runs) for key in runs[0]})
        out["streamlit_page_first_slide_s"] = statistics.median(r["first_slide_s"] for r in framed_runs)
        out["cold_first_slide_s"] = statistics.median(r["first_slide_s"] for r in cold)
        out["cold_after_document_s"] = statistics.median(r["after_document_s"] for r in cold)
        out["cold_document_kb"] = statistics.median(r["document_kb"] for r in cold)
        out["cold_streamlit_page_first_slide_s"] = statistics.median(r["first_slide_s"] for r in framed_cold)
        document.close()
        framed.close()
        browser.close()
    out["load_after"] = _load()
    out["requests_off_localhost"] = len(OFF_LOCALHOST)
    return out


def _s(value: float) -> str:
    """Seconds, French decimal comma."""
    return f"{value:.2f}".replace(".", ",")


def why_missed(result: dict) -> list[str]:
    """For each browser target missed, where the time goes, from this run's own figures."""
    pages = result["pages"]
    # NOTE: the floor is the page whose heading came first: no page draws anything sooner.
    first, floor = min(((path, r["warm_heading_s"]) for path, r in pages.items()), key=lambda x: x[1])
    maps = [r for r in pages.values() if r["drawn"] == "carte"]
    lines = []
    checks = _checks(result)
    if checks["first_map_s"] >= TARGETS["first_map_s"]:
        extra = statistics.median(r["warm_first_drawn_s"] - r["warm_heading_s"] for r in maps)
        lines.append(
            f"- **Première carte < 2 s.** Streamlit dessine au plus tôt le titre d'une page en {_s(floor)} s "
            f"(« {first} » : son code chargé et exécuté, la connexion ouverte, une exécution du script) : c'est le "
            f"plancher de toute page. Une carte demande ensuite {_s(extra)} s de plus (médiane des pages à carte, du titre à la "
            "carte : plotly.js évalué, puis la figure dessinée sans processeur graphique). Ce qui a été "
            "fait : figures allégées (contours de la carte de France servis à part), relances moins chères, et "
            "plotly.js réduit aux tracés utilisés (1,4 Mo au lieu du bloc de 4,7 Mo de Streamlit) dans un cadre de "
            "composant (`ui/plotly_frame.py`, mesure A/B ci-dessous). Essayé "
            "puis retiré : demander plotly.js avec la page ; le navigateur le compile alors pendant le démarrage de "
            "Streamlit et le titre de chaque page arrive plus tard, pour peu de gain sur la carte (mesure A/B : "
            "`server/page_html.py`). Ce qui l'atteindrait : une machine qui ne partage pas ses deux cœurs."
        )
    if checks["first_content_s"] >= TARGETS["first_content_s"]:
        lines.append(
            "- **Premier contenu < 1 s.** Le premier affichage est la coquille de la page (titre et « Chargement "
            "de la page… », `server/shell.py`), écrite dans le HTML : il ne dépend que du navigateur et de la "
            "charge de la machine."
        )
    if checks["kiosk_first_slide_s"] >= TARGETS["kiosk_first_slide_s"]:
        kiosk = result.get("kiosk", {})
        lines.append(
            f"- **Borne < {_s(TARGETS['kiosk_first_slide_s'])} s.** La borne est un document à part, sans page "
            "Streamlit (`server/kiosk_document.py`) ; sa première diapositive est affichée "
            f"{_s(kiosk.get('after_document_s', float('nan')))} s après l'arrivée du document : le reste est "
            "l'attente du serveur (construction des diapositives au premier appel, puis le cache) et de la machine."
        )
    return lines


def _checks(result: dict) -> dict[str, float]:
    maps = [r["warm_first_drawn_s"] for r in result["pages"].values() if r["drawn"] == "carte"]
    return {
        "first_map_s": max(maps) if maps else float("nan"),
        "first_content_s": max(r["warm_first_content_s"] for r in result["pages"].values()),
        "filter_redraw_s": result["filter_redraw_s"],
        "kiosk_first_slide_s": result["kiosk_first_slide_s"],
    }


def _kiosk_lines(result: dict) -> list[str]:
    """The kiosk's details: its first slide after the document's arrival, its weight, and when it was measured."""
    kiosk = result.get("kiosk")
    if not kiosk:
        return []
    lines = [
        f"| borne : document reçu → première diapositive affichée | {kiosk['after_document_s']:.2f} | — | — |",
        "",
        f"Borne : `/presentation?mode=presentation`, un document HTML de {kiosk['document_kb']:.0f} Ko servi par "
        "l'application sans page Streamlit (plotly.js, fonds de carte et contours de la France sont ses fichiers en "
        f"cache) ; première diapositive affichée (active et mise en page, son fondu commence) à "
        f"{_s(kiosk['painted_s'])} s de la navigation dans l'horloge de la page (médianes de "
        f"{kiosk.get('repeat', result['repeat'])} visites, même contexte de navigateur, après une visite non "
        "chronométrée).",
    ]
    if "streamlit_page_first_slide_s" in kiosk:
        ratio = f"{kiosk['streamlit_page_first_slide_s'] / kiosk['first_slide_s']:.1f}".replace(".", ",")
        lines[-1] += (
            " Dans la même course, en alternance, la borne d'avant (la page Streamlit qui montre le même diaporama "
            f"dans un cadre, `LIANES_KIOSK_DOCUMENT=0`) : première diapositive à "
            f"{_s(kiosk['streamlit_page_first_slide_s'])} s, soit "
            f"×{ratio}. Navigateur au cache vide "
            f"(contexte neuf à chaque visite) : document {_s(kiosk['cold_first_slide_s'])} s (reçu → affichée "
            f"{_s(kiosk['cold_after_document_s'])} s, {kiosk['cold_document_kb']:.0f} Ko transférés), page Streamlit "
            f"{_s(kiosk['cold_streamlit_page_first_slide_s'])} s."
        )
    if "when" in kiosk:
        lines[-1] += (
            f" Mesurée à part le {kiosk['when']} (`python -m bench browser --kiosk`), load average "
            f"{kiosk['load_before']} avant, {kiosk['load_after']} après ; requêtes hors de la machine : "
            f"{kiosk['requests_off_localhost']}. Les autres lignes viennent de la dernière course entière."
        )
    return lines


def markdown(result: dict) -> list[str]:
    """The section of ``bench/RESULTS.md``: one row per page, then the interactions and the targets."""
    lines = [
        f"Médianes de {result['repeat']} visites par page dans Chromium sans réseau, 1280 × 900, données livrées ; "
        f"load average {result['load_before']} avant, {result['load_after']} après. Froid : contexte neuf (cache vide) ; "
        "chaud : seconde visite du même contexte (cache du navigateur en service). « 1er affichage » : le premier "
        "texte peint (mesure du navigateur, *first contentful paint*) ; « titre » : le titre de la page dessiné par "
        "Streamlit ; « dessiné » : la première carte (un tracé géographique), le premier graphique ou le premier "
        "tableau. Le rapport compare « dessiné » au titre de la page de texte seul « À propos », mesuré dans la même "
        f"course. Requêtes hors de la machine : {result.get('requests_off_localhost', 'non comptées')}.",
        "",
        "| page | attendu | 1er affichage froid (s) | dessiné froid (s) | 1er affichage chaud (s) | titre chaud (s) "
        "| dessiné chaud (s) | rapport au texte |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for path, r in result["pages"].items():
        lines.append(
            f"| {path} | {r['drawn']} | {r['cold_first_content_s']:.2f} | {r['cold_first_drawn_s']:.2f} | "
            f"{r['warm_first_content_s']:.2f} | {r['warm_heading_s']:.2f} | {r['warm_first_drawn_s']:.2f} | "
            f"×{r['ratio_to_text_page']:.1f} |"
        )
    checks = _checks(result)
    names = {
        "first_map_s": "première carte dessinée, pire page (chaud)",
        "first_content_s": "premier affichage, pire page (chaud)",
        "filter_redraw_s": "filtre changé → carte du monde redessinée",
        "kiosk_first_slide_s": "borne : première diapositive",
    }
    lines += ["", "| mesure | médiane (s) | cible (s) | atteinte |", "|---|---:|---:|---|"]
    for key, value in checks.items():
        lines.append(
            f"| {names[key]} | {value:.2f} | < {TARGETS[key]:g} | {'oui' if value < TARGETS[key] else 'non'} |"
        )
    heading = max(r["warm_heading_s"] for r in result["pages"].values())
    lines.append(f"| titre de la page par Streamlit, pire page (chaud) | {heading:.2f} | — | — |")
    lines += _kiosk_lines(result)
    missed = why_missed(result)
    if missed:
        lines += ["", "Cibles manquées : où va le temps (chiffres de cette course).", "", *missed]
    return lines


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5), indent=1))


def write_section(path: Path, result: dict) -> None:
    """Put the browser section into ``bench/RESULTS.md`` (replacing the previous one, or at the end)."""
    from bench import write_section as put

    put(path, "browser", "\n".join(["## Dans le navigateur", "", *markdown(result)]))
    path.with_name("RESULTS_browser.json").write_text(json.dumps(result, indent=1), encoding="utf-8")


def write_kiosk(path: Path, kiosk: dict) -> None:
    """Put a kiosk-only run into the browser section, beside the last whole run's other rows."""
    previous = path.with_name("RESULTS_browser.json")
    result = json.loads(previous.read_text(encoding="utf-8"))
    result["kiosk"] = kiosk
    result["kiosk_first_slide_s"] = kiosk["first_slide_s"]
    write_section(path, result)
