"""``python -m bench.peers [links.parquet]``: median times of the peers ranking (a benchmark, not a test)."""

from __future__ import annotations

from lianes_dash.analysis.peers import PeerQuery, build_index, partner_candidates, rank_peers
from lianes_dash.text.french import fmt_int

THEME_WATER = "gestion de l'eau"


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.peers [links.parquet]``: median times of the ranking (a benchmark, not a test)."""
    import argparse
    import statistics
    import time

    from lianes_dash.dataset import data as D

    parser = argparse.ArgumentParser(description="Temps de classement des pairs (médianes).")
    parser.add_argument("links", nargs="?", help="fichier de liens (défaut : les liens livrés)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    links = D.load_links(args.links) if args.links else D.load_links()
    coll, countries = D.load_collectivities(), D.load_countries()
    start = time.perf_counter()
    index = build_index(links)
    print(f"{fmt_int(len(links))} liens ; index : {(time.perf_counter() - start) * 1000:.0f} ms (une fois par jeu)")
    queries = {
        "eau, Burkina Faso, depuis Halluin": PeerQuery(origin="commune:59279", country="BFA", themes=(THEME_WATER,)),
        "Sénégal seul": PeerQuery(country="SEN"),
        "santé en Afrique, depuis Halluin": PeerQuery(origin="commune:59279", zone="Afrique", themes=("santé",)),
        "depuis Halluin seulement": PeerQuery(origin="commune:59279"),
    }
    for name, query in queries.items():
        for fn in (rank_peers, partner_candidates):
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                result = fn(links, query, coll, countries, index)
                times.append(time.perf_counter() - start)
            median = statistics.median(times) * 1000
            print(f"{name:36s} {fn.__name__:20s} médiane {median:6.0f} ms  ({fmt_int(len(result))} lignes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
