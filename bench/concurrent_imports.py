"""``python -m bench.concurrent_imports``: the server's memory when three visitors import a large file at once.

The case of the memory-bound work: three tabs in headless Chromium each upload the same
generated ~49 MB, 96 116-row CSV (French collectivities of ``data/reference``, visibly fictional
partners and descriptions) to ``/importer`` at once; the first then clicks « Utiliser ces
données »; all tabs close. The server's resident memory (``/proc/PID/status``, the server
alone, its import workers apart) is sampled every 0.25 s: at rest before, at its peak, and
``--rest`` seconds after the tabs closed (Streamlit drops a closed tab's session after
``server.disconnectedSessionTTL``, 120 s by default; the housekeeping then gives memory back).

    python -m bench.concurrent_imports                     # this checkout
    python -m bench.concurrent_imports --root ../old-tree  # another checkout, for an A/B
    python -m bench.concurrent_imports --write             # also replace the section of bench/RESULTS.md

The server runs in the service's environment (``memory.SERVICE_ENV``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.chromium import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS
from lianes_dash.server.memory import SERVICE_ENV
from lianes_dash.server.memtrace import rss_mb

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Imports simultanés : mémoire du serveur"
ROWS = 96_116
HEADER = "Collectivité française;Département;Pays;Collectivité partenaire;Thématiques;Année;Description\n"
#: A description of fictional words, long enough for the file to weigh ~49 MB like the Atlas export.
FILLER = "Projet fictif d'essai de charge " * 14


def make_file(path: Path) -> None:
    import pandas as pd

    coll = pd.read_parquet(ROOT / "data" / "reference" / "collectivites.parquet")
    coll = coll.loc[coll["type"] == "commune"].sample(frac=1.0, random_state=7)
    communes = list(zip(coll["name"].astype(str), coll["departement"].astype(str), strict=True))
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(ROWS):
            name, dep = communes[i % len(communes)]
            fh.write(f"{name};{dep};Sénégal;Partenaire fictif {i};eau;{1950 + i % 70};{FILLER}{i}\n")


class Sampler(threading.Thread):
    """The server's RSS every 0.25 s, with the time of each sample."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[tuple[float, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.samples.append((time.monotonic(), rss_mb(self.pid)))
            except OSError:
                return
            time.sleep(0.25)


def start_server(root: Path, port: int, log: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"]
    proc = subprocess.Popen(
        cmd, cwd=root, env={**os.environ, **SERVICE_ENV}, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"le serveur ne répond pas (journal : {log})")


def run(root: Path, rest_s: float, tabs: int, port: int = 8790) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-imports-"))
    big = work / "atlas_fictif.csv"
    make_file(big)
    proc = start_server(root, port, work / "server.log")
    base = f"http://127.0.0.1:{port}"
    out: dict[str, float] = {"file_mb": big.stat().st_size / 1e6}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + OFFLINE_ARGS)
            warm = browser.new_page()
            warm.goto(base + "/importer")
            warm.get_by_text("Importer des données").first.wait_for(timeout=120_000)
            time.sleep(3)
            warm.close()
            time.sleep(2)
            out["idle_mb"] = rss_mb(proc.pid)
            if os.environ.get("LIANES_TRACEMALLOC"):
                os.kill(proc.pid, signal.SIGUSR1)  # the reference snapshot (memtrace)
            sampler = Sampler(proc.pid)
            sampler.start()
            contexts = [browser.new_context() for _ in range(tabs)]
            pages = [c.new_page() for c in contexts]
            for page in pages:
                page.goto(base + "/importer")
            for page in pages:
                page.locator("input[type=file]").wait_for(state="attached", timeout=120_000)
            t0 = time.monotonic()
            for page in pages:
                page.locator("input[type=file]").set_input_files(str(big))
            for page in pages:
                page.get_by_text("Résultat de l'import").first.wait_for(timeout=900_000)
            out["imports_s"] = time.monotonic() - t0
            pages[0].get_by_role("button", name="Utiliser ces données").click()
            pages[0].get_by_text("Ces données sont affichées").first.wait_for(timeout=300_000)
            out["peak_mb"] = max(r for _t, r in sampler.samples)
            for c in contexts:
                c.close()
            closed = time.monotonic()
            out["peak_mb"] = max(r for _t, r in sampler.samples)
            time.sleep(rest_s)
            sampler.stop.set()
            out["peak_mb"] = max(r for _t, r in sampler.samples)
            out["rest_mb"] = rss_mb(proc.pid)
            if os.environ.get("LIANES_TRACEMALLOC"):
                os.kill(proc.pid, signal.SIGUSR1)  # what grew since the reference, written to the server's log
                time.sleep(20)
                print((work / "server.log").read_text()[-6000:])
            out["rest_after_s"] = time.monotonic() - closed
            browser.close()
    finally:
        proc.terminate()
        proc.wait(20)
        for f in work.iterdir():
            f.unlink()
        work.rmdir()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to serve (default: this one)")
    parser.add_argument("--rest", type=float, default=180.0, help="seconds to wait after the tabs closed")
    parser.add_argument("--tabs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8790)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    result = run(args.root.resolve(), args.rest, args.tabs, args.port)
    result["load"] = load
    print({k: round(v, 1) for k, v in result.items()})
    print(
        f"{dt.date.today()} · {args.root} · file {result['file_mb']:.0f} MB · idle {result['idle_mb']:.0f} MB · "
        f"peak {result['peak_mb']:.0f} MB ({result['peak_mb'] / result['idle_mb']:.2f}×) · rest "
        f"{result['rest_mb']:.0f} MB ({result['rest_mb'] - result['idle_mb']:+.0f} MB) after "
        f"{result['rest_after_s']:.0f} s · imports {result['imports_s']:.0f} s · load {load:.1f}"
    )


if __name__ == "__main__":
    main()
