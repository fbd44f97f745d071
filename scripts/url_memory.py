"""Server memory over many distinct links, and after the last visitor leaves.

Run by hand (not part of the test suite)::

    python scripts/url_memory.py --visits 1000 --rest 180

Starts its own server from ``app.py`` (the production entry point, memory housekeeping on),
warms it up (one visit per page), then opens ``--visits`` distinct links (page × filters,
one new session each, ``--concurrency`` at a time, through Streamlit's websocket protocol
as ``load_test.py`` does), sampling the server's resident memory (RSS) every 100 visits;
then waits ``--rest`` seconds after the last session closed, sampling every 15 s.
Prints a Markdown table and writes ``--json``.

Targets: RSS after the last visit within 100 MB of RSS after the first 100 (a plateau), and
within 100 MB of the warmed-up level within 3 minutes of the last session closing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import ROOT, Results, Session, _connect, free_port, rss_mb, start_server  # noqa: E402

sys.path.insert(0, str(ROOT))
PAGES = ["", "monde", "france", "nord-pas-de-calais", "explorer", "collectivite", "pays", "pairs", "a-propos"]


def distinct_links(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` distinct (page, query) pairs built from the values present in the data."""
    from lianes_dash.dataset.data import load_links
    from lianes_dash.dataset.schema import FR_DEPARTEMENT, PARTNER_COUNTRY

    links = load_links()
    countries = sorted(links[PARTNER_COUNTRY].dropna().astype(str).unique())
    deps = sorted(links[FR_DEPARTEMENT].dropna().astype(str).unique())
    rng = random.Random(seed)
    seen: set[tuple[str, str]] = set()
    while len(seen) < n:
        parts = [f"pays={rng.choice(countries)}"]
        if rng.random() < 0.5:
            parts.append(f"dep={rng.choice(deps)}")
        if rng.random() < 0.5:
            parts.append(f"de={rng.randint(1950, 2009)}")
        if rng.random() < 0.1:  # a bit of garbage, as shared links carry
            parts.append(f"q={rng.choice(['Halluin', 'Kawara', '¹²³⁴', 'x' * 300])}")
        seen.add((rng.choice(PAGES), "&".join(parts)))
    return sorted(seen, key=lambda _x: rng.random())


async def visit(base: str, page: str, query: str, results: Results, times: list[float]) -> None:
    try:
        async with _connect(base) as ws:
            times.append(await Session(ws, "visiteur", results).open(page, query))
    except Exception as exc:  # noqa: BLE001
        results.error("visiteur", f"{type(exc).__name__}: {exc}")


async def main_async(args) -> dict:
    port = free_port()
    log = Path(args.log)
    if args.tracemalloc is not None:
        os.environ["LIANES_TRACEMALLOC"] = str(args.tracemalloc)
    proc = start_server(port, log, script=args.script)
    base = f"http://127.0.0.1:{port}"
    results, times = Results(), []
    samples: list[tuple[str, float, float]] = []  # (label, seconds since start, RSS MB)
    t0 = time.monotonic()

    def sample(label: str) -> None:
        samples.append((label, time.monotonic() - t0, rss_mb(proc.pid)))
        print(f"{label:>28} {samples[-1][1]:7.0f} s {samples[-1][2]:8.0f} Mo", flush=True)

    async def trace_report() -> None:
        """The server writes its memory report to its log (``lianes_dash/server/memtrace.py``)."""
        if args.tracemalloc is not None:
            done = log.read_text(errors="replace").count("mémoire : RSS")
            proc.send_signal(signal.SIGUSR1)
            deadline = time.monotonic() + 300  # NOTE: a snapshot of a large heap takes seconds
            while log.read_text(errors="replace").count("mémoire : RSS") == done and time.monotonic() < deadline:
                await asyncio.sleep(2)

    try:
        sample("démarrage")
        for page in PAGES:
            await visit(base, page, "", results, [])
        sample("après une visite par page")
        await trace_report()  # the reference
        todo = distinct_links(args.visits)
        sem = asyncio.Semaphore(args.concurrency)

        async def one(i: int, page: str, query: str) -> None:
            async with sem:
                await visit(base, page, query, results, times)

        for start in range(0, len(todo), 100):
            batch = todo[start : start + 100]
            await asyncio.gather(*(one(start + i, p, q) for i, (p, q) in enumerate(batch)))
            sample(f"après {start + len(batch)} liens")
        closed = time.monotonic()
        await trace_report()
        while time.monotonic() - closed < args.rest:
            await asyncio.sleep(15)
            sample(f"repos {time.monotonic() - closed:.0f} s")
        await trace_report()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    by = {label: rss for label, _t, rss in samples}
    warm = by["après une visite par page"]
    after100 = by["après 100 liens"]
    last = by[f"après {args.visits} liens"]
    rest_values = [rss for label, t, rss in samples if label.startswith("repos")]
    return {
        "script": args.script,
        "visits": args.visits,
        "errors": len(results.errors),
        "page_time_median_s": statistics.median(times) if times else None,
        "rss_mb": samples,
        "warm_mb": warm,
        "after_100_mb": after100,
        "after_all_mb": last,
        "plateau_delta_mb": last - after100,
        "rest_end_mb": rest_values[-1] if rest_values else None,
        "return_delta_mb": (rest_values[-1] - warm) if rest_values else None,
        "loadavg": os.getloadavg(),
    }


def results_section(out: dict) -> str:
    """The Markdown section of ``bench/RESULTS.md`` (``bench.write_section`` puts it between its marks)."""
    fmt = lambda v: f"{v:,.0f}".replace(",", " ")  # noqa: E731
    rows = "\n".join(f"| {label} | {fmt(t)} s | {fmt(rss)} Mo |" for label, t, rss in out["rss_mb"])
    load = ", ".join(f"{x:.1f}" for x in out["loadavg"])
    return f"""## Mémoire du serveur : {out["visits"]} liens distincts, puis repos

`python scripts/url_memory.py --visits {out["visits"]} --rest {out["rest_s"]:.0f}` (serveur lancé depuis `{out["script"]}`, mesuré le {out["date"]}, load average en fin de mesure {load} sur 2 cœurs partagés). Chaque lien est une nouvelle session (page × filtres : pays, département, année de début, parfois une recherche ou une valeur illisible), {out["concurrency"]} à la fois ; la mémoire est la RSS du processus serveur. Erreurs : {out["errors"]}. Temps serveur médian d'une page : {out["page_time_median_s"]:.2f} s.

| Moment | Depuis le démarrage | RSS |
|---|---|---|
{rows}

- **Plateau** : {fmt(out["after_all_mb"])} Mo après {out["visits"]} liens contre {fmt(out["after_100_mb"])} Mo après les 100 premiers, soit {out["plateau_delta_mb"]:+.0f} Mo (objectif : moins de 100 Mo).
- **Retour au repos** : {fmt(out["rest_end_mb"])} Mo {out["rest_s"]:.0f} s après la fermeture de la dernière session, contre {fmt(out["warm_mb"])} Mo une fois chaque page visitée une fois, soit {out["return_delta_mb"]:+.0f} Mo (objectif : moins de 100 Mo en 3 minutes). Une session fermée est effacée par Streamlit après `server.disconnectedSessionTTL` (120 s) ; le fil de ménage d'`app.py` rend ensuite la mémoire libérée au système.
"""


def write_results(out: dict, path: Path) -> None:
    from bench import write_section

    write_section(path, "url_memory", results_section(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=3)
    parser.add_argument("--script", default="app.py", help="dashboard.py: without the memory housekeeping")
    parser.add_argument("--rest", type=float, default=180)
    parser.add_argument(
        "--tracemalloc",
        type=int,
        metavar="N",
        help="diagnostic : le serveur trace ses allocations (N images ; 0 : RSS et arènes seulement) et "
        "écrit dans son journal ce qui a grandi depuis la fin de la mise en route (après les liens, puis après le repos)",
    )
    parser.add_argument("--log", default="/tmp/lianes_url_memory_server.log")
    parser.add_argument("--json", default="/tmp/lianes_url_memory.json")
    parser.add_argument("--results", help="bench/RESULTS.md : y écrire (ou remplacer) la section de cette mesure")
    args = parser.parse_args()
    out = asyncio.run(main_async(args))
    out.update(rest_s=args.rest, concurrency=args.concurrency, date=time.strftime("%d/%m/%Y"))
    if args.results:
        write_results(out, Path(args.results))
    Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "rss_mb"}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
