"""Scale fixture: N× links with visibly fictional partners, for the benchmark and the tests only.

    python -m bench.fixture --links 60000 --out /tmp/x10/links/liens.parquet

Never bundled, never shown to a user: it measures how the pages behave on many rows. Its rows
are built so that none can be mistaken for a fact:

- every partner is named « Partenaire fictif n° 123 (Burkina Faso) » and placed at its
  country's centre, jittered, with ``partner_approx`` true;
- ``synthetic`` is true and ``source`` names this module;
- the French side is a real collectivity (the pages need its code, département and
  coordinates), but never one of the collectivities the 2009 brochure names
  (``brochure.NAMED``), so that no real documented actor gets an invented partner.

Like the real open data, most rows have no theme and no start year (``KNOWN_SHARE`` have both),
so that the benchmark exercises the « non renseigné » paths at scale.
NOTE: the country weights (continent × population^0.4, French-speaking and neighbouring
countries boosted) were copied from the former illustrative generator: a modelling choice that
only shapes the load (how many countries, how skewed), not a claim about the world.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S

SEED = 2009
#: What the ``source`` cell of a fixture row says (an unregistered key: shown as it is).
FIXTURE_SOURCE = "Jeu d'essai fictif (bench.fixture) — aucune valeur factuelle"
#: Share of fixture rows that carry a theme and a start year (the real data has almost none).
KNOWN_SHARE = 0.1
#: Links per engaged collectivity, on average (the real data: about 2.3).
LINKS_PER_COLLECTIVITY = 1.8
#: Jitter of a partner around its country's centre, in degrees.
JITTER = 1.5

CONTINENT_WEIGHT = {
    "Europe": 6.0,
    "Afrique": 3.0,
    "Amérique du Nord": 1.0,
    "Amérique du Sud": 0.8,
    "Asie": 1.0,
    "Océanie": 0.3,
    "Antarctique": 0.0,
}
FRANCOPHONE_BOOST = 3.0
NEIGHBOUR_BOOST = 3.0
KINDS = {"jumelage": 0.85, "coopération décentralisée": 0.1, "aide au développement": 0.05}
THEME_POOL = ("culture", "éducation", "jeunesse", "santé", "gestion de l'eau", "économie", "tourisme")


def partner_name(number: int, country_name: str) -> str:
    """« Partenaire fictif n° 123 (Burkina Faso) »: nobody can take it for a real town."""
    return f"Partenaire fictif n° {number} ({country_name})"


def named_keys(collectivities: pd.DataFrame) -> set[tuple[str, str]]:
    """(type, code) of every collectivity the brochure names: never given a fixture link."""
    keys: set[tuple[str, str]] = set()
    for n in B.NAMED:
        rows = collectivities.loc[(collectivities[S.TYPE] == n.type) & (collectivities[S.NAME] == n.current_name)]
        if n.departement is not None and n.type in ("commune", "epci"):
            rows = rows.loc[rows[S.DEPARTEMENT] == n.departement]
        keys.update(zip(rows[S.TYPE].astype(str), rows[S.CODE].astype(str), strict=True))
    for link in B.LINKS:
        rows = collectivities.loc[
            (collectivities[S.TYPE] == "commune")
            & (collectivities[S.NAME] == link.fr_current_name)
            & (collectivities[S.DEPARTEMENT] == link.fr_departement)
        ]
        keys.update(zip(rows[S.TYPE].astype(str), rows[S.CODE].astype(str), strict=True))
    return keys


def country_weights(countries: pd.DataFrame) -> pd.Series:
    """Draw weight of each partner country (see the module NOTE); France itself weighs 0."""
    pop = countries[S.COUNTRY_POPULATION].fillna(0).astype(float)
    langs = countries[S.LANGUAGES].fillna("")
    francophone = langs.str.split(",").map(lambda ls: any(x.split("-")[0] == "fr" for x in ls[:2]))
    fra = countries.loc[countries[S.ISO3] == "FRA", S.NEIGHBOURS]
    neighbours = set(str(fra.iloc[0]).split(S.THEME_SEP)) if len(fra) else set()
    w = countries[S.CONTINENT].map(CONTINENT_WEIGHT).fillna(0).astype(float) * np.power(pop, 0.4)
    w = (
        w
        * np.where(francophone, FRANCOPHONE_BOOST, 1.0)
        * np.where(countries[S.ISO3].isin(neighbours), NEIGHBOUR_BOOST, 1.0)
    )
    w[countries[S.ISO3] == "FRA"] = 0.0
    return pd.Series(w.to_numpy(), index=countries[S.ISO3].to_numpy())


def fixture_links(
    collectivities: pd.DataFrame, countries: pd.DataFrame, n_links: int, *, seed: int = SEED
) -> pd.DataFrame:
    """``n_links`` fixture links in the canonical schema (validated), the same for the same seed."""
    rng = np.random.default_rng(seed)
    banned = named_keys(collectivities)
    keys = list(zip(collectivities[S.TYPE].astype(str), collectivities[S.CODE].astype(str), strict=True))
    pool = collectivities.loc[[k not in banned for k in keys]].reset_index(drop=True)
    n_coll = max(1, min(len(pool), round(n_links / LINKS_PER_COLLECTIVITY)))
    pop = pool[S.POPULATION].fillna(0).astype(float).to_numpy()
    w = np.sqrt(pop + 100)
    engaged = pool.iloc[np.sort(rng.choice(len(pool), size=n_coll, replace=False, p=w / w.sum()))]
    engaged = engaged.reset_index(drop=True)
    ew = np.sqrt(engaged[S.POPULATION].fillna(0).astype(float).to_numpy() + 100)
    counts = np.ones(n_coll, dtype=int) + rng.multinomial(max(0, n_links - n_coll), ew / ew.sum())
    fr = engaged.iloc[np.repeat(np.arange(n_coll), counts)[:n_links]].reset_index(drop=True)
    n = len(fr)

    cw = country_weights(countries)
    cw = cw[cw > 0]
    iso = rng.choice(cw.index.to_numpy(), size=n, p=(cw / cw.sum()).to_numpy())
    by_iso = countries.set_index(S.ISO3)
    lat = np.clip(by_iso.loc[iso, S.LAT].to_numpy() + rng.uniform(-JITTER, JITTER, n), -89.9, 89.9)
    lon = np.clip(by_iso.loc[iso, S.LON].to_numpy() + rng.uniform(-JITTER, JITTER, n), -179.9, 179.9)
    names = [partner_name(i, c) for i, c in enumerate(by_iso.loc[iso, S.NAME_FR].astype(str), start=1)]

    known = rng.random(n) < KNOWN_SHARE
    themes = np.full(n, None, dtype=object)
    themes[known] = [THEME_POOL[i] for i in rng.integers(0, len(THEME_POOL), int(known.sum()))]
    years = pd.array(np.where(known, rng.integers(1950, 2020, n), 0), dtype="Int64")
    years[~known] = pd.NA
    out = pd.DataFrame(
        {
            S.LINK_ID: [f"fictif-{i:07d}" for i in range(1, n + 1)],
            S.FR_CODE: fr[S.CODE].astype(str).to_numpy(),
            S.FR_TYPE: fr[S.TYPE].astype(str).to_numpy(),
            S.FR_NAME: fr[S.NAME].astype(str).to_numpy(),
            S.FR_DEPARTEMENT: fr[S.DEPARTEMENT].to_numpy(),
            S.FR_REGION: fr[S.REGION].astype(str).to_numpy(),
            S.PARTNER_NAME: names,
            S.PARTNER_COUNTRY: iso,
            S.PARTNER_LAT: lat,
            S.PARTNER_LON: lon,
            S.PARTNER_APPROX: True,
            S.KIND: rng.choice(list(KINDS), size=n, p=np.array(list(KINDS.values()))),
            S.THEMES_COL: themes,
            S.START_YEAR: years,
            S.SOURCE: FIXTURE_SOURCE,
            S.SOURCE_ROWS: None,
            S.SYNTHETIC: True,
            S.DESCRIPTION: None,
        }
    )
    return S.validate_links(out[list(S.LINK_COLUMNS)])


def write(links: pd.DataFrame, parquet: Path, csv: Path | None = None) -> None:
    """Parquet (what the app reads) and, for the naive baseline, a CSV copy."""
    parquet.parent.mkdir(parents=True, exist_ok=True)
    links.to_parquet(parquet, index=False, compression="zstd")
    if csv is not None:
        links.to_csv(csv, index=False, encoding="utf-8", lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, required=True, help="nombre de liens fictifs")
    parser.add_argument("--out", type=Path, required=True, help="fichier Parquet de sortie (jamais dans data/)")
    parser.add_argument("--csv", type=Path, help="copie CSV (version naïve du banc d'essai)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to(D.DEFAULT_DATA_DIR.resolve()):
        print("Le jeu d'essai fictif ne s'écrit jamais dans data/.", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    links = fixture_links(D.load_collectivities(), D.load_countries(), args.links, seed=args.seed)
    write(links, args.out, args.csv)
    print(f"{len(links)} liens fictifs → {args.out} en {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
