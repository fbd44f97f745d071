"""``python -m bench``: measure the dashboard at 1×, 10× and 100× and write ``bench/RESULTS.md``.

python -m bench                              # 1×, 10×, 100×; about 10 minutes on two cores
python -m bench --scales 1 --repeat 3        # quick look
python -m bench browser --repeat 5           # only the browser timings (Chromium), into RESULTS.md
python -m bench browser --kiosk              # only the kiosk's first slide, beside the other rows
python -m bench plotly-ab --repeat 6         # partial plotly.js against Streamlit's chunk, interleaved A/B
python -m bench profile --scale 100 --page france   # a page by module (« france ») or address
python -m bench memory --scale 100           # memory step by step: loading, each page, each cache
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import bench as B


def _cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{usable} (os.cpu_count() = {os.cpu_count()})"


def _versions() -> str:
    names = ("pandas", "pyarrow", "streamlit", "plotly", "pandera", "numpy")
    return ", ".join(f"{n} {version(n)}" for n in names) + f", Python {platform.python_version()}"


def _cold(data_dir: Path, n: int, tmp: Path) -> dict:
    """Median of ``n`` fresh processes (restarts: the validated copy of the data files exists); ``wall_s``
    includes the interpreter's own start. ``first_total_s``: the first start on an empty copy folder
    (validation, copy written), apart."""
    B.clear_validated(data_dir)
    runs = []
    for i in range(n + 1):
        t = time.perf_counter()
        r = B.run_worker("cold", data_dir, tmp / f"cold_{i}.json")
        r["wall_s"] = time.perf_counter() - t
        runs.append(r)
    first, runs = runs[0], runs[1:]
    return {k: statistics.median(r[k] for r in runs) for k in ("import_s", "load_s", "total_s", "wall_s", "rss_mb")} | {
        "rows": runs[0]["rows"],
        "n": n,
        "first_total_s": first["total_s"],
    }


#: Why a target is missed and what would meet it (from profiling, ``python -m bench profile``).
WHY_NOT = {
    "page1": (
        "**Pages < 150 ms à ×1.** Voir d'abord la colonne CPU : la charge de la machine compte dans le temps "
        "réel. Les pires médianes sont des changements de filtre vers une sélection nouvelle (filtre A), que "
        "rien ne peut servir d'un cache : la page recalcule ses comptes, ses parts et ses figures. Ce qui a été "
        "fait : la mise en page des figures par simple affectation (`lianes_dash/views/figprops.py`), les contours de "
        "la carte de France servis à part par `app.py`, chaque graphique construit et légendé une fois par (jeu "
        "de données, filtres, langue) dans un cache partagé borné (`ui.common.show_cached_chart` : vue d'ensemble, "
        "carte du monde, Nord-Pas-de-Calais, fiches pays et collectivité, vue intégrée), les en-têtes du visiteur "
        "(téléphone ou non) lus une fois par session, les comptes de la vue d'ensemble en cache par sélection, les "
        "bornes d'années et les choix des filtres calculés une fois par jeu de données, les diapositives listées "
        "sans leurs figures (seule la borne les dessine). Ce qui reste : sur Nord-Pas-de-Calais et la carte de "
        "France, le dessin par Streamlit de leurs tableaux mis en forme par cellule (`Styler` : 12 % du temps de "
        "la page dans `python -m bench profile --scale 1`) ; "
        "les envoyer en texte déjà formaté changerait leur tri et leur alignement, que le visiteur voit."
    ),
    "page100": (
        "**Pages < 1 s à ×100.** La page en tête est la présentation après un changement de filtre (toutes les "
        "diapositives recalculées sur plus de 500 000 liens pour une nouvelle sélection). Ce qui l'atteindrait : comme à ×1, les "
        "titres seuls pour la page, et les agrégats de chaque diapositive mis en cache par (jeu de données, "
        "filtres), partagés avec les pages qui calculent les mêmes (vue d'ensemble, carte de France)."
    ),
    "cold": (
        "**Démarrage à froid < 2 s à ×1.** Ce qui a été fait : pandera (qui importe aussi geopandas) importé à la "
        "première validation seulement, alembic à la première ouverture d'une base de contributions, et la copie "
        "validée et enrichie des fichiers inchangés relue au redémarrage (`lianes_dash/dataset/validated.py` : "
        "clé = empreinte du contenu, version du schéma, code des chargeurs) : un redémarrage ne valide plus. Ce qui "
        "reste : l'import de streamlit, pandas, plotly et sqlalchemy (environ 0,8 s sur une machine au repos), "
        "deux à trois fois plus sous charge ; au-delà, importer les pages à leur première visite."
    ),
    "rss": (
        "**Mémoire < 400 Mo à ×100.** Le processus du banc charge les données puis exécute toutes les pages sous "
        "AppTest. La section « Mémoire à ×100, étape par étape » ci-dessous (`python -m bench memory --scale 100 "
        "--filters 3 --out bench/RESULTS.md`) mesure chaque étape ; d'une course à l'autre du même code, le pic varie "
        "d'une centaine de Mo (jemalloc rend la mémoire libérée avec un délai). Ce qui a été fait : les sources "
        "créditées lues sur les valeurs distinctes d'une colonne, l'enrichissement limité aux trois colonnes utiles "
        "du référentiel, la copie validée relue au redémarrage (ni validation ni pandera : pic du chargement ~320 Mo "
        "au lieu de ~580), le pool de pyarrow sur jemalloc, le cadrage de la carte du monde et la diapositive de la "
        "région calculés par catégorie ; puis le cache des sélections filtrées qui garde les positions des lignes "
        "(4 octets par lien, 2 Mo au lieu de ~100 Mo de cadres) et ressert le cadre tant qu'une page le tient, et les "
        "choix des filtres calculés sur les valeurs distinctes avant d'en faire du texte (les sources : +203 Mo "
        "pendant leur calcul, +0 après). Mesuré le 7 décembre, même commande : avant ces deux changements 867 Mo "
        "(load 6 à 22 ; 926 Mo à la mesure précédente), après 723, 830 et 841 Mo en trois courses (médiane 830 ; "
        "load 6 à 3, 2 à 9, 11 à 10) ; après `gc.collect()` et `malloc_trim` en fin de course, 666 Mo avant, "
        "543, 594 et 615 après. Ce qui reste, mesuré : le plancher avant toute page, "
        "~355 Mo (bibliothèques importées 162 Mo, données chargées et référentiel ~190 Mo, dont 91 Mo dans le pool "
        "de pyarrow pour les colonnes de texte) ; ce qui reste en usage après toutes les pages, ~590 Mo (pool de "
        "pyarrow 128 Mo, arènes de Python ~180 Mo dont 125 en usage, caches de Streamlit 64 Mo : `_points` de la "
        "carte de France 12 Mo, `_origin_index` des pairs 11 Mo, `_aggregates` du Nord-Pas-de-Calais 9 Mo…) ; et, "
        "par-dessus, le temporaire de chaque calcul sur tous les liens, 70 à 100 Mo mesurés seuls sur 510 400 liens : "
        "`metrics.headline` (+83 Mo, la factorisation de `partner_name` et `fr_code` en texte Arrow), "
        "`metrics.per_country` (+90 Mo, `nunique` par pays), la diapositive de la France (+77 à +100 Mo), les choix "
        "des collectivités (+69 Mo) ; la présentation en enchaîne plusieurs (titres puis diaporama). Avec un "
        "plancher de ~355 Mo, 400 Mo laisseraient ~45 Mo à toutes les pages, leurs caches et leurs temporaires : "
        "hors d'atteinte tant que les 500 000 liens sont tenus dans le processus. Ce qui s'en rapprocherait : "
        "des catégories pour `partner_name`, `fr_name` et `fr_code` dans le cadre chargé (leurs codes servent alors "
        "à chaque page sans factoriser ; les exports les rendant en texte), les chiffres clés calculés une fois "
        "par sélection et partagés entre les pages et les diapositives."
    ),
    "gain": (
        "**≥ 10× la version naïve à ×100.** Les pages en dessous (colonne « nous / naïf » à ×100) "
        "sont la vue d'ensemble et la fiche pays, qui calculent les chiffres "
        "clés, les parts et plusieurs comptes sur tout le jeu (500 000 liens) à chaque nouvelle sélection, ce que "
        "la version naïve fait aussi. Ce qui l'atteindrait : ces comptes en une passe sur les codes des colonnes "
        "catégorielles (un `groupby` par axe au lieu d'un par graphique), mis en cache par (jeu de données, "
        "filtres) et partagés entre la vue d'ensemble, la fiche pays et le diaporama."
    ),
    "fig": "**Figure de la carte du monde < 1 Mo.** Voir le nombre d'arcs (`ARC_CAP` de `world.py`).",
}

NOTES = (
    "Temps réel = ce que ressent l'utilisateur sur cette machine, charge des autres processus comprise ; temps CPU "
    "= le travail du seul processus mesuré. Quand le load average dépasse le nombre de cœurs, seul le second est "
    "comparable d'un passage à l'autre : relancer `make bench` sur une machine au repos pour des temps réels nets.",
    "Les téléchargements sont générés comme un clic le ferait (rappel différé de `st.download_button`), après la "
    "mesure des pages ; à ×100 ils ne le sont pas par défaut (`--downloads-max-scale 100` pour les inclure : un "
    "ZIP de 600 000 lignes prend plusieurs dizaines de secondes).",
    "La version naïve à ×100 est mesurée avec moins de répétitions (elle relit un CSV de 600 000 lignes à chaque "
    "exécution) ; ses ratios sont calculés sur le temps CPU, moins sensible à la charge.",
    "Profil d'une page : `python -m bench profile --scale 100 --page france` (module ou adresse de la page ; "
    "cProfile du fil d'exécution du script).",
)


def _ms(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}".replace(",", " ")


def _kb(v: int | None) -> str:
    return "—" if not v else f"{v / 1000:,.0f} Ko".replace(",", " ")


def _ok(ok: bool | None) -> str:
    return "—" if ok is None else ("atteint" if ok else "**NON atteint**")


def write_report(results: dict, path: Path) -> None:
    """The tables of ``bench/RESULTS.md`` (French, like the rest of the project's docs)."""
    scales = results["scales"]
    by = {s["scale"]: s for s in scales}
    lines = [
        "# Lianes Dash — mesures de performance",
        "",
        f"Écrit par `{results['command']}` le {results['date']} (durée {results['duration_min']:.1f} min).",
        "",
        f"- Machine : {results['cores']} cœurs, {results['platform']}",
        f"- Versions : {results['versions']}",
        f"- Répétitions : {results['repeat_note']}",
        "",
        "Méthode. Chaque mesure tourne dans un processus neuf. *Démarrage à froid* : importer le paquet et "
        "charger les données par les chargeurs de l'application (`ui.state.reference()`, `bundled_links()`) "
        "au redémarrage : la copie validée et enrichie des fichiers inchangés est relue "
        "(`lianes_dash/dataset/validated.py`) ; le premier démarrage valide avec pandera et l'écrit. *Pages* : `streamlit.testing.v1.AppTest` sur `dashboard.py`, chaque page "
        "enregistrée dans `dashboard.py` tour à tour : « 1re exécution » = premier `run()` caches vides (chargement "
        "compris) ; « 1re visite » = premier passage sur la page, données déjà chargées ; « relance » = médiane des "
        "relances sans filtre ; « filtre A » = médiane des changements vers département 59 + un thème (un thème "
        "différent à chaque répétition, donc jamais servi par le cache) ; « filtre B » = continent Afrique + années "
        "1990–2009 (l'année haute varie d'une répétition à l'autre, idem). Temps = exécution côté serveur du script "
        "complet (barre latérale comprise), sans le rendu navigateur. *Figure* = somme des JSON plotly envoyés par la "
        "page sans filtre ; *téléchargement* = plus gros fichier qu'un bouton de téléchargement de la page envoie "
        "sans filtre. *Mémoire* = pic RSS (`getrusage`) du processus qui a exécuté toutes les pages. *Naïf* = la même "
        "page écrite comme dans les tutoriels (`bench/naive.py` : CSV + référentiels relus et GeoJSON reconstruit à "
        "chaque exécution, aucun cache, aucune pré-agrégation, `apply` par ligne, tous les arcs), même harnais, "
        "même scénarios.",
        "",
        "## Objectifs",
        "",
        "| Objectif | ×1 | ×10 | ×100 | Verdict |",
        "|---|---|---|---|---|",
    ]

    def cell(scale: int, fn) -> str:
        s = by.get(scale)
        return fn(s) if s else "non mesuré"

    def scenario_worst(p: dict) -> float:
        """The slowest of the three scenario medians (no filter, filter A, filter B)."""
        return max(p["warm_ms"], p["filter_a_ms"], p["filter_b_ms"])

    def worst_page(s: dict, key: str = "scenario_ms") -> tuple[str, float]:
        pages = s["pages"]["pages"]
        value = (lambda p: scenario_worst(pages[p])) if key == "scenario_ms" else (lambda p: pages[p][key])
        name = max(pages, key=value)
        return name, value(name)

    def worst_text(s: dict) -> str:
        wn, wms = worst_page(s)
        cn, cms = worst_page(s, "all_cpu_ms")
        return f"pire : {wn} {_ms(wms)} ms (CPU : {cn} {_ms(cms)} ms)"

    verdicts = []

    # every page under 150 ms at 1x, under 1 s at 100x
    def page_target(scale: int, limit: float) -> tuple[str, bool | None, bool | None]:
        if scale not in by:
            return "non mesuré", None, None
        return worst_text(by[scale]), worst_page(by[scale])[1] < limit, worst_page(by[scale], "all_cpu_ms")[1] < limit

    def _ok2(wall: bool | None, cpu: bool | None) -> str:
        if wall is None:
            return "—"
        if wall:
            return "atteint"
        return "**NON atteint** (atteint en temps CPU)" if cpu else "**NON atteint**"

    t1, ok1, cpu1 = page_target(1, B.TARGET_PAGE_MS_1X)
    t100, ok100, cpu100 = page_target(100, B.TARGET_PAGE_MS_100X)
    t10 = cell(10, worst_text)
    lines.append(f"| Chaque page < 150 ms à ×1 (pire des trois médianes) | {t1} | {t10} | | {_ok2(ok1, cpu1)} |")
    lines.append(f"| Chaque page < 1 s à ×100 (pire des trois médianes) | | | {t100} | {_ok2(ok100, cpu100)} |")
    verdicts += [("page1", ok1), ("page100", ok100)]
    c1 = by.get(1, {}).get("cold")
    ok_cold = c1["total_s"] < B.TARGET_COLD_S_1X if c1 else None
    cold_cells = [cell(s, lambda x: f"{x['cold']['total_s']:.2f} s") for s in (1, 10, 100)]
    lines.append(
        f"| Démarrage à froid < 2 s à ×1 | {cold_cells[0]} | {cold_cells[1]} | {cold_cells[2]} | {_ok(ok_cold)} |"
    )
    verdicts.append(("cold", ok_cold))

    def world_fig(s: dict) -> int | None:
        w = s["pages"]["pages"].get("world")
        return w["largest_figure_bytes"] if w else None

    figs = {s: world_fig(by[s]) if s in by else None for s in (1, 10, 100)}
    measured = [v for v in figs.values() if v is not None]
    ok_fig = all(v < B.TARGET_WORLD_FIGURE_BYTES for v in measured) if measured else None
    lines.append(
        f"| Figure de la carte du monde < 1 Mo | {_kb(figs[1])} | {_kb(figs[10])} | {_kb(figs[100])} | {_ok(ok_fig)} |"
    )
    verdicts.append(("fig", ok_fig))
    rss = {s: by[s]["pages"]["rss_mb"] if s in by else None for s in (1, 10, 100)}
    ok_rss = rss[100] < B.TARGET_RSS_MB_100X if rss[100] is not None else None
    lines.append(
        "| Mémoire de pointe < 400 Mo à ×100 | "
        + " | ".join("—" if v is None else f"{v:,.0f} Mo".replace(",", " ") for v in rss.values())
        + f" | {_ok(ok_rss)} |"
    )
    verdicts.append(("rss", ok_rss))
    gains = {}
    for s in (1, 10, 100):
        if s in by and by[s].get("naive"):
            ours, naive = by[s]["pages"]["pages"], by[s]["naive"]["pages"]
            g = [
                naive[p]["all_cpu_ms"] / ours[p]["all_cpu_ms"]
                for p in ours
                if p in naive and not naive[p]["errors"] and ours[p]["all_cpu_ms"]
            ]
            gains[s] = min(g) if g else None
    ok_gain = gains[100] >= B.TARGET_NAIVE_GAIN_100X if gains.get(100) else None
    lines.append(
        "| Chaque page ≥ 10× plus rapide que la version naïve à ×100 (médianes CPU) | "
        + " | ".join("—" if gains.get(s) is None else f"plus faible gain : {gains[s]:.0f}×" for s in (1, 10, 100))
        + f" | {_ok(ok_gain)} |"
    )
    verdicts.append(("gain", ok_gain))
    lines.append("")

    for s in scales:
        scale = s["scale"]
        pages = s["pages"]
        naive = (s.get("naive") or {}).get("pages", {})
        lines += [
            f"## ×{scale} — {s['cold']['rows']:,} liens".replace(",", " "),
            "",
            f"Charge de la machine (load average 1 min) : {pages['loadavg_start']:.1f} au début des pages, "
            f"{pages['loadavg_end']:.1f} à la fin, pour {results['cores'].split()[0]} cœurs. "
            f"1re exécution de l'application (caches vides, chargement compris) : {_ms(pages['first_run_ms'])} ms "
            f"(CPU {_ms(pages['first_run_cpu_ms'])} ms). "
            f"Pic RSS : {pages['rss_mb']:.0f} Mo (version naïve : "
            + (f"{s['naive']['rss_mb']:.0f} Mo" if s.get("naive") else "non mesurée")
            + f"). Démarrage à froid (médiane de {s['cold']['n']} processus) : import {s['cold']['import_s']:.2f} s "
            f"+ chargement {s['cold']['load_s']:.2f} s = {s['cold']['total_s']:.2f} s "
            f"({s['cold']['wall_s']:.2f} s avec le lancement de l'interpréteur) ; ce sont des redémarrages, qui lisent "
            "la copie validée des fichiers de données"
            + (
                f" (le premier démarrage, qui valide et l'écrit : {s['cold']['first_total_s']:.2f} s)."
                if "first_total_s" in s["cold"]
                else "."
            ),
            "",
            "| Page | 1re visite (ms) | relance (ms) | filtre A (ms) | filtre B (ms) | pire (ms) "
            "| médiane CPU (ms) | naïf, médiane CPU (ms) | nous / naïf (CPU) | figure plotly | téléchargement | erreurs |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
        ]
        for name, p in pages["pages"].items():
            n = naive.get(name)
            if n and n["errors"]:
                n = None  # NOTE: a naive page that failed is no yardstick
            ratio = (
                f"{p['all_cpu_ms'] / n['all_cpu_ms']:.3f} ({n['all_cpu_ms'] / p['all_cpu_ms']:.0f}×)"
                if n and p["all_cpu_ms"]
                else "—"
            )
            errs = "; ".join(p["errors"])[:160] or "aucune"
            dl = _kb(p["download_bytes"]) if s.get("downloads", True) else "non mesuré"
            lines.append(
                f"| {name} | {_ms(p['first_visit_ms'])} | {_ms(p['warm_ms'])} | {_ms(p['filter_a_ms'])} "
                f"| {_ms(p['filter_b_ms'])} | {_ms(p['worst_ms'])} | {_ms(p['all_cpu_ms'])} "
                f"| {_ms(n['all_cpu_ms']) if n else '—'} | {ratio} "
                f"| {_kb(p['figure_bytes'])} ({p['n_figures']}) | {dl} | {errs} |"
            )
        if naive:
            nf = {k: v["figure_bytes"] for k, v in naive.items()}
            lines += ["", "Figures de la version naïve : " + ", ".join(f"{k} {_kb(v)}" for k, v in nf.items()) + "."]
            failed = [k for k, v in naive.items() if v["errors"]]
            if failed:
                lines += ["", "Pages naïves en erreur (sans ratio) : " + ", ".join(failed) + "."]
        lines.append("")
    lines += ["## Objectifs non atteints : pourquoi, et ce qui les atteindrait", ""]
    failed = [k for k, ok in verdicts if ok is False]
    if not failed:
        lines.append("Aucun : tous les objectifs mesurés sont atteints.")
    lines += [f"- {WHY_NOT[k]}" for k in failed if k in WHY_NOT]
    lines += ["", "## À savoir", ""] + [f"- {n}" for n in NOTES] + [""]
    path.write_text("\n".join(lines) + B.kept_sections(path), encoding="utf-8")


def run_all(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    pages = args.pages or B.registered_pages()
    workdir = Path(args.workdir)
    results: dict = {
        "command": "python -m bench " + " ".join(sys.argv[1:]),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cores": _cores(),
        "platform": platform.platform(),
        "versions": _versions(),
        "scales": [],
    }
    with tempfile.TemporaryDirectory(prefix="lianes_bench_") as tmp_name:
        tmp = Path(tmp_name)
        for scale in args.scales:
            big = scale >= 100
            repeat = args.repeat_100 if big else args.repeat
            naive_repeat = args.naive_repeat_100 if big else args.naive_repeat
            print(f"×{scale} : données", flush=True)
            data_dir = B.prepare_data(scale, workdir)
            print(f"×{scale} : démarrage à froid", flush=True)
            cold = _cold(data_dir, 3 if big else 5, tmp)
            print(f"×{scale} : pages ({len(pages)}, {repeat} répétitions)", flush=True)
            downloads = scale <= args.downloads_max_scale
            ours = B.run_worker(
                "pages",
                data_dir,
                tmp / f"pages_{scale}.json",
                ["--repeat", str(repeat), *([] if downloads else ["--no-downloads"]), "--pages", *pages],
            )
            entry = {"scale": scale, "cold": cold, "pages": ours, "repeat": repeat, "downloads": downloads}
            if not args.no_naive:
                print(f"×{scale} : version naïve ({naive_repeat} répétitions)", flush=True)
                with_naive = [p for p in pages if B.page_name(p) in B.naive_pages()]
                entry["naive"] = B.run_worker(
                    "naive",
                    data_dir,
                    tmp / f"naive_{scale}.json",
                    ["--repeat", str(naive_repeat), "--no-downloads", "--pages", *with_naive],
                )
                entry["naive_repeat"] = naive_repeat
            results["scales"].append(entry)
            for name, p in ours["pages"].items():
                print(f"   {name:22s} relance {p['warm_ms']:7.0f} ms  filtre A {p['filter_a_ms']:7.0f}  "
                      f"filtre B {p['filter_b_ms']:7.0f}  figure {p['figure_bytes'] / 1000:7.0f} Ko", flush=True)  # fmt: skip
    results["repeat_note"] = ", ".join(
        f"×{e['scale']} : {e['repeat']} par scénario"
        + (f" (naïf : {e['naive_repeat']})" if "naive_repeat" in e else "")
        for e in results["scales"]
    )
    results["duration_min"] = (time.perf_counter() - start) / 60
    out = Path(args.out)
    if not args.no_browser:
        from bench import browser as BR

        print("navigateur : pages, filtre, borne", flush=True)
        results["browser"] = BR.run(args.browser_repeat)
    write_report(results, out)
    if "browser" in results:
        BR.write_section(out, results["browser"])
    out.with_suffix(".json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"→ {out} ({results['duration_min']:.1f} min)")
    return 0


def worker(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench _worker")
    parser.add_argument("kind", choices=["cold", "pages", "naive"])
    parser.add_argument("--json", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=[])
    parser.add_argument("--no-downloads", action="store_true")
    args = parser.parse_args(argv)
    if args.kind == "cold":
        out = B.cold_start()
    else:
        out = B.measure_pages(args.pages, args.repeat, naive=args.kind == "naive", with_downloads=not args.no_downloads)
    Path(args.json).write_text(json.dumps(out), encoding="utf-8")
    return 0


def profile(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench profile")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--page", default="overview", help="module (« overview ») ou adresse (« vue-d-ensemble »)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "lianes_bench"))
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    data_dir = B.prepare_data(args.scale, Path(args.workdir))
    out = Path(args.out or Path(tempfile.gettempdir()) / f"lianes_profile_{B.page_name(args.page)}_{args.scale}.txt")
    env = {**os.environ, "LIANES_DATA_DIR": str(data_dir)}
    code = f"import bench, pathlib; bench.profile_page({args.page!r}, {args.repeat}, pathlib.Path({str(out)!r}))"
    subprocess.run([sys.executable, "-c", code], cwd=B.ROOT, env=env, check=True)
    print(out)
    return 0


def browser(argv: list[str]) -> int:
    """``python -m bench browser``: only the browser timings, into their section of RESULTS.md."""
    from bench import browser as BR

    parser = argparse.ArgumentParser(prog="python -m bench browser")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", default=str(B.RESULTS))
    parser.add_argument("--kiosk", action="store_true", help="la borne seule, à côté des autres lignes déjà mesurées")
    args = parser.parse_args(argv)
    if args.kiosk:
        kiosk = BR.run_kiosk(args.repeat)
        BR.write_kiosk(Path(args.out), kiosk)
        print(json.dumps(kiosk, indent=1))
        return 0
    result = BR.run(args.repeat)
    BR.write_section(Path(args.out), result)
    print("\n".join(BR.markdown(result)))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_worker"]:
        return worker(argv[1:])
    if argv[:1] == ["profile"]:
        return profile(argv[1:])
    if argv[:1] == ["browser"]:
        return browser(argv[1:])
    if argv[:1] == ["plotly-ab"]:
        from bench import plotly_ab

        return plotly_ab.main(argv[1:])
    if argv[:1] == ["memory"]:
        from bench import memory

        return memory.main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=7, help="répétitions par scénario à ×1 et ×10")
    parser.add_argument("--repeat-100", type=int, default=None, help="à ×100 (défaut : min(--repeat, 3))")
    parser.add_argument("--naive-repeat", type=int, default=3)
    parser.add_argument("--naive-repeat-100", type=int, default=1)
    parser.add_argument("--no-naive", action="store_true", help="sans la version naïve")
    parser.add_argument("--no-browser", action="store_true", help="sans les mesures dans Chromium")
    parser.add_argument("--browser-repeat", type=int, default=5, help="visites par page dans Chromium")
    parser.add_argument(
        "--downloads-max-scale",
        type=int,
        default=10,
        help="générer les téléchargements jusqu'à cette échelle (un XLSX de 600 000 lignes prend des minutes)",
    )
    parser.add_argument("--pages", nargs="*", help="pages : module ou adresse (défaut : toutes, dans l'ordre du menu)")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "lianes_bench"))
    parser.add_argument("--out", default=str(B.RESULTS))
    parser.add_argument("--report-only", metavar="JSON", help="réécrire le rapport depuis un RESULTS.json")
    args = parser.parse_args(argv)
    if args.report_only:
        write_report(json.loads(Path(args.report_only).read_text(encoding="utf-8")), Path(args.out))
        print(f"→ {args.out}")
        return 0
    if args.repeat_100 is None:
        args.repeat_100 = min(args.repeat, 3)
    return run_all(args)


if __name__ == "__main__":
    raise SystemExit(main())
