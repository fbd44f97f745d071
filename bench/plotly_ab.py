"""Charts drawn by the partial plotly.js (``ui/plotly_frame.py``) against Streamlit's chunk: ``python -m bench plotly-ab``.

Two servers run side by side, one per value of ``LIANES_PLOTLY_BUNDLE``; each round visits both
(the order swapped every round: A B, B A, …) so that the machine's load weighs on both alike.
Each round, per variant: the world map in a fresh browser context (cold cache), then in the same
context the world map, the France map and the overview (first chart, and all four drawn), and a
filter typed in the sidebar until the world map is redrawn. Medians of the rounds, with the load
average of each round.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from contextlib import ExitStack

from bench.browser import _DOCS, CHART, HEADING, MAP, _filter_redraw, _tab, server, wait_drawn
from bench.chromium import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS

VARIANTS = ("partial", "streamlit")
#: Every chart of the page drawn: one plotly graph per chart element (Streamlit's or a frame).
_ALL_DRAWN = f"""() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'
  && document.querySelectorAll('[data-testid=stSkeleton]').length === 0
  && (n => n > 0 && n === {_DOCS}.map(d => [...d.querySelectorAll('.js-plotly-plot')]
        .filter(g => g._fullLayout).length).reduce((a, b) => a + b, 0))(
     document.querySelectorAll('[data-testid=stPlotlyChart], iframe[src*="plotly_frame"]').length)"""


def _visit(context, url: str, selector: str, every: bool = False, timeout_ms: int = 90_000) -> dict:
    with _tab(context) as page:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(HEADING, timeout=timeout_ms, state="attached")
        out = {"heading_s": time.perf_counter() - t0}
        wait_drawn(page, selector, timeout_ms)
        out["drawn_s"] = time.perf_counter() - t0
        if every:
            page.wait_for_function(_ALL_DRAWN, timeout=timeout_ms)
            out["all_drawn_s"] = time.perf_counter() - t0
        return out


def _round(browser, base: str) -> dict:
    """One round of every measure on one server."""
    cold = browser.new_context(viewport={"width": 1280, "height": 900})
    row = {f"cold_monde_{k}": v for k, v in _visit(cold, f"{base}/monde", MAP).items()}
    row.update({f"warm_monde_{k}": v for k, v in _visit(cold, f"{base}/monde", MAP).items()})
    row.update({f"warm_france_{k}": v for k, v in _visit(cold, f"{base}/france", MAP).items()})
    row.update({f"warm_overview_{k}": v for k, v in _visit(cold, f"{base}/", CHART, every=True).items()})
    row["filter_redraw_s"] = _filter_redraw(cold, base)
    cold.close()
    return row


def run(repeat: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    rows: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    loads: list[float] = []
    with ExitStack() as stack, sync_playwright() as p:
        bases = {v: stack.enter_context(server(env={"LIANES_PLOTLY_BUNDLE": v})) for v in VARIANTS}
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + OFFLINE_ARGS)
        for variant in VARIANTS:  # NOTE: one untimed round warms each server's caches
            _round(browser, bases[variant])
        for i in range(repeat):
            order = VARIANTS if i % 2 == 0 else VARIANTS[::-1]
            for variant in order:
                loads.append(round(os.getloadavg()[0], 2))
                rows[variant].append(_round(browser, bases[variant]))
        browser.close()
    medians = {v: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for v, rs in rows.items()}
    return {"repeat": repeat, "loads": loads, "medians": medians, "rows": rows}


NAMES = {
    "cold_monde_heading_s": "carte du monde, cache vide : titre",
    "cold_monde_drawn_s": "carte du monde, cache vide : carte dessinée",
    "warm_monde_heading_s": "carte du monde : titre",
    "warm_monde_drawn_s": "carte du monde : carte dessinée",
    "warm_france_heading_s": "carte de France : titre",
    "warm_france_drawn_s": "carte de France : carte dessinée",
    "warm_overview_heading_s": "vue d'ensemble : titre",
    "warm_overview_drawn_s": "vue d'ensemble : premier graphique",
    "warm_overview_all_drawn_s": "vue d'ensemble : les quatre graphiques",
    "filter_redraw_s": "filtre changé → carte du monde redessinée",
}


def _ratio(run: dict, key: str) -> float:
    return run["medians"][VARIANTS[0]][key] / run["medians"][VARIANTS[1]][key]


def markdown(runs: list[dict]) -> list[str]:
    """One row per measure; per run: the two medians and their ratio (below 1: the partial bundle is faster)."""
    head = " | ".join(f"course {i} : réduit | Streamlit | rapport" for i in range(1, len(runs) + 1))
    lines = [f"| mesure (médiane, s) | {head} |", "|---|" + "---:|" * 3 * len(runs)]
    for key, name in NAMES.items():
        cells = " | ".join(
            f"{r['medians'][VARIANTS[0]][key]:.2f} | {r['medians'][VARIANTS[1]][key]:.2f} | ×{_ratio(r, key):.2f}"
            for r in runs
        )
        lines.append(f"| {name} | {cells} |")
    return lines


def _verdict(runs: list[dict], key: str) -> str:
    ratios = [_ratio(r, key) for r in runs]
    words = " puis ".join(f"×{x:.2f}" for x in ratios)
    if all(x < 1 for x in ratios):
        return f"{words}, plus rapide à chaque course"
    if all(x > 1 for x in ratios):
        return f"{words}, plus lent à chaque course"
    return f"{words} : sans conclusion (les courses se contredisent)"


def section(runs: list[dict]) -> str:
    """The A/B's part of « Dans le navigateur » in ``bench/RESULTS.md`` (its own marks, after the browser section's)."""
    described = " ; ".join(
        f"course {i} le {r['day']}, {r['repeat']} tours, load average au début de chaque tour de "
        f"{min(r['loads']):.1f} à {max(r['loads']):.1f} (médiane {statistics.median(r['loads']):.1f})"
        for i, r in enumerate(runs, 1)
    )
    lines = [
        "### plotly.js réduit contre le bloc plotly de Streamlit (A/B)",
        "",
        "`python -m bench plotly-ab` : deux serveurs côte à côte, l'un avec `LIANES_PLOTLY_BUNDLE=partial` (les "
        "graphiques dans un cadre de composant qui charge `static/plotly/plotly-lianes.min.js`, 1,4 Mo, tracés "
        "bar, choropleth, scattergeo), l'autre avec `LIANES_PLOTLY_BUNDLE=streamlit` (`st.plotly_chart`, bloc de "
        "4,7 Mo) ; chaque tour visite les deux, l'ordre alterné (A B, B A…), médianes des tours, Chromium sans "
        "réseau, 1280 × 900. « Cache vide » : contexte neuf ; les autres mesures suivent dans le même contexte "
        f"(cache du navigateur en service). {described.capitalize()}. La machine était chargée par d'autres "
        "travaux : les secondes ne valent que comparées entre elles, dans la même course.",
        "",
        *markdown(runs),
        "",
        f"Carte du monde dessinée : {_verdict(runs, 'warm_monde_drawn_s')} ; carte de France : "
        f"{_verdict(runs, 'warm_france_drawn_s')} ; carte du monde à cache vide : "
        f"{_verdict(runs, 'cold_monde_drawn_s')} ; les quatre graphiques de la vue d'ensemble : "
        f"{_verdict(runs, 'warm_overview_all_drawn_s')} ; filtre → carte redessinée : "
        f"{_verdict(runs, 'filter_redraw_s')}. Le titre de la page ne dépend pas de plotly.js (il est dessiné "
        "avant tout graphique) : ses écarts disent le bruit de la mesure. Le gain à l'ouverture vient du code "
        "évalué, 1,4 Mo au lieu de 4,7 Mo avant la première carte ; après un filtre, les deux redessinent par "
        "`Plotly.react`. Chaque cadre évalue le paquet pour lui-même (la vue d'ensemble en a quatre, d'où un gain "
        "moindre), compilé une fois par le navigateur qui le garde en cache (adresse à empreinte, "
        "`Cache-Control: immutable`). Réglage par défaut : `partial` (`lianes_dash/ui/plotly_frame.py`), pour les "
        "cartes ; `LIANES_PLOTLY_BUNDLE=streamlit` revient à `st.plotly_chart`.",
    ]
    return "\n".join(lines)


#: Runs kept in ``RESULTS_plotly_ab.json`` and shown side by side.
KEEP_RUNS = 2


def main(argv: list[str] | None = None) -> int:
    import argparse
    import datetime as dt
    from pathlib import Path

    from bench import RESULTS, write_section

    parser = argparse.ArgumentParser(prog="python -m bench plotly-ab")
    parser.add_argument("--repeat", type=int, default=6)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    result = {**run(args.repeat), "day": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    out = Path(args.out)
    saved = out.with_name("RESULTS_plotly_ab.json")
    runs = json.loads(saved.read_text(encoding="utf-8"))["runs"] if saved.exists() else []
    runs = [*runs, result][-KEEP_RUNS:]
    write_section(out, "plotly_ab", section(runs))
    saved.write_text(json.dumps({"runs": runs}, indent=1), encoding="utf-8")
    print(section(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
