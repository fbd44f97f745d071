"""Build the bundled cooperation data: the brochure's real rows and the illustrative national set.

    python -m lianes_dash.demo                      # writes data/links/ (brochure files + national set)
    python -m lianes_dash.demo --scale 100 --out /tmp/links_100.parquet   # benchmarks; data/ untouched

The national set is **synthetic**: drawn with a fixed seed from the real reference data so
that its counts reproduce the brochure's 2009 figures (3 250 collectivities, 6 000 links,
115 countries, about 60 % of the 20 000–100 000-inhabitant towns engaged). Every synthetic
row says so in ``source`` and ``synthetic``. The brochure's documented partnerships are
included as they are.

NOTE: the weights below are modelling choices, not facts: twinning is weighted towards
Europe and French-speaking countries, which is what gives the map a plausible look.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from lianes_dash import brochure as B
from lianes_dash import data as D
from lianes_dash import schema as S

SEED = 2009
SYNTHETIC_SOURCE = "Données illustratives (synthétiques) générées par python -m lianes_dash.demo"

#: How many collectivities of each type are engaged, as shares of the target (sums to 1
#: with the communes). Modelling choice, see the module docstring.
REGION_SHARE_ENGAGED = 1.0  # every région
DEPARTEMENT_SHARE_ENGAGED = 0.8
EPCI_TARGET_SHARE = 0.08  # of the 3 250 engaged collectivities
LARGE_TOWN_SHARE_ENGAGED = 0.95  # communes of more than 100 000 inhabitants

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

KIND_BY_CONTINENT = {
    "Europe": {"jumelage": 0.66, "relations d'amitié": 0.1, "coopération décentralisée": 0.1,
               "coopération interrégionale": 0.07, "coopération transfrontalière": 0.07},
    "Afrique": {"aide au développement": 0.4, "coopération décentralisée": 0.3, "jumelage": 0.18,
                "assistance technique": 0.12},
    "other": {"coopération décentralisée": 0.35, "jumelage": 0.35, "assistance technique": 0.2,
              "relations d'amitié": 0.1},
}  # fmt: skip

THEMES_BY_KIND = {
    "jumelage": ("culture", "éducation", "jeunesse", "tourisme", "économie"),
    "relations d'amitié": ("culture", "jeunesse", "éducation", "tourisme"),
    "aide au développement": ("gestion de l'eau", "santé", "éducation", "développement rural", "gestion des déchets",
                              "énergie", "artisanat"),
    "assistance technique": ("appui institutionnel", "état civil", "aménagement urbain", "gestion de l'eau",
                             "transports urbains", "gestion des déchets"),
    "coopération transfrontalière": ("transports urbains", "environnement", "économie", "tourisme",
                                     "aménagement urbain"),
    "coopération interrégionale": ("économie", "environnement", "énergie", "culture", "éducation"),
    "coopération décentralisée": ("appui institutionnel", "gestion de l'eau", "santé", "éducation", "culture",
                                  "développement rural", "environnement", "économie"),
}  # fmt: skip


def _find_place(places: pd.DataFrame, name: str, iso3: str) -> pd.Series | None:
    """The gazetteer's most populous place of that name in that country, if any."""
    from lianes_dash.text import fold

    cand = places.loc[places[S.COUNTRY] == iso3]
    cand = cand.loc[cand[S.PLACE].map(fold) == fold(name)]
    return None if cand.empty else cand.sort_values(S.POPULATION).iloc[-1]


def _draw(rng: np.random.Generator, pool: pd.DataFrame, n: int, weights: np.ndarray) -> pd.DataFrame:
    n = min(n, len(pool))
    if n <= 0:
        return pool.iloc[:0]
    p = weights / weights.sum()
    idx = rng.choice(len(pool), size=n, replace=False, p=p)
    return pool.iloc[np.sort(idx)]


def engaged_collectivities(
    coll: pd.DataFrame, named: pd.DataFrame, target: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Exactly ``target`` engaged collectivities: the brochure's named ones, then a drawn mix."""
    key = coll[S.TYPE] + ":" + coll[S.CODE]
    must = set(named[S.TYPE] + ":" + named[S.CODE])
    chosen = coll.loc[key.isin(must)]
    rest = coll.loc[~key.isin(must)]

    def pick(mask: pd.Series, n: int, weights: np.ndarray | None = None) -> pd.DataFrame:
        pool = rest.loc[mask]
        w = np.ones(len(pool)) if weights is None else weights[mask.to_numpy()]
        return _draw(rng, pool, n, w)

    pop = rest[S.POPULATION].fillna(0).astype(float).to_numpy()
    is_type = {t: rest[S.TYPE] == t for t in S.FR_TYPES}
    n_reg = round(REGION_SHARE_ENGAGED * (coll[S.TYPE] == "region").sum()) - int((chosen[S.TYPE] == "region").sum())
    n_dep = round(DEPARTEMENT_SHARE_ENGAGED * (coll[S.TYPE] == "departement").sum()) - int(
        (chosen[S.TYPE] == "departement").sum()
    )
    n_epci = round(EPCI_TARGET_SHARE * target) - int((chosen[S.TYPE] == "epci").sum())
    parts = [chosen, pick(is_type["region"], n_reg), pick(is_type["departement"], n_dep, np.sqrt(pop + 1))]
    parts.append(pick(is_type["epci"], n_epci, np.sqrt(pop + 1)))

    communes = coll.loc[coll[S.TYPE] == "commune", S.POPULATION].fillna(0)
    medium_all = communes.between(S.MEDIUM_TOWN_MIN, S.MEDIUM_TOWN_MAX)
    medium_named = chosen[S.POPULATION].fillna(0).between(S.MEDIUM_TOWN_MIN, S.MEDIUM_TOWN_MAX) & (
        chosen[S.TYPE] == "commune"
    )
    n_medium = round(B.PUBLISHED_MEDIUM_TOWNS_SHARE * medium_all.sum()) - int(medium_named.sum())
    is_medium = is_type["commune"] & pd.Series(pop, index=rest.index).between(S.MEDIUM_TOWN_MIN, S.MEDIUM_TOWN_MAX)
    is_large = is_type["commune"] & (pd.Series(pop, index=rest.index) > S.MEDIUM_TOWN_MAX)
    parts.append(pick(is_medium, n_medium))
    n_large = round(LARGE_TOWN_SHARE_ENGAGED * (communes > S.MEDIUM_TOWN_MAX).sum()) - int(
        ((chosen[S.TYPE] == "commune") & (chosen[S.POPULATION].fillna(0) > S.MEDIUM_TOWN_MAX)).sum()
    )
    parts.append(pick(is_large, n_large))
    taken = sum(len(p) for p in parts)
    small = is_type["commune"] & (pd.Series(pop, index=rest.index) < S.MEDIUM_TOWN_MIN)
    parts.append(pick(small, target - taken, np.power(pop + 50, 0.8)))
    out = pd.concat(parts)
    if len(out) != target:
        raise ValueError(f"{len(out)} collectivités tirées au lieu de {target}")
    return out.reset_index(drop=True)


def country_weights(countries: pd.DataFrame) -> pd.Series:
    """Draw weight of each partner country (see module NOTE)."""
    pop = countries[S.COUNTRY_POPULATION].fillna(0).astype(float)
    langs = countries[S.LANGUAGES].fillna("")
    # French among a country's first two languages (GeoNames lists them by importance).
    francophone = langs.str.split(",").map(lambda ls: any(x.split("-")[0] == "fr" for x in ls[:2]))
    neighbours_of_france = set(str(countries.loc[countries[S.ISO3] == "FRA", S.NEIGHBOURS].iloc[0]).split(S.THEME_SEP))
    w = countries[S.CONTINENT].map(CONTINENT_WEIGHT).astype(float) * np.power(pop, 0.4)
    w = (
        w
        * np.where(francophone, FRANCOPHONE_BOOST, 1.0)
        * np.where(countries[S.ISO3].isin(neighbours_of_france), NEIGHBOUR_BOOST, 1.0)
    )
    w[countries[S.ISO3] == "FRA"] = 0.0
    return pd.Series(w.to_numpy(), index=countries[S.ISO3].to_numpy())


def national_links(
    coll: pd.DataFrame,
    countries: pd.DataFrame,
    places: pd.DataFrame,
    named: pd.DataFrame,
    documented: pd.DataFrame,
    *,
    scale: float = 1.0,
    seed: int = SEED,
) -> pd.DataFrame:
    """The illustrative national links: ``scale`` × 6 000 links, brochure rows included as they are."""
    rng = np.random.default_rng(seed)
    n_links = round(B.PUBLISHED_LINKS * scale)
    n_coll = min(round(B.PUBLISHED_COLLECTIVITIES * scale), int(0.9 * len(coll)), n_links)
    n_countries = (
        B.PUBLISHED_COUNTRIES if scale <= 1 else min(len(countries) - 1, round(B.PUBLISHED_COUNTRIES * scale**0.1))
    )
    engaged = engaged_collectivities(coll, named, n_coll, rng)

    # Partner countries: exactly n_countries, the documented ones included.
    cw = country_weights(countries)
    must_c = list(dict.fromkeys(documented[S.PARTNER_COUNTRY]))
    free = cw.drop(must_c)
    free = free[free > 0]
    drawn = rng.choice(free.index.to_numpy(), size=n_countries - len(must_c), replace=False, p=free / free.sum())
    country_set = np.array(must_c + sorted(drawn))

    # Links per collectivity: one each, the rest by sqrt(population).
    pop = engaged[S.POPULATION].fillna(0).astype(float).to_numpy()
    extra = n_links - len(engaged)
    w = np.sqrt(pop + 100)
    counts = np.ones(len(engaged), dtype=int) + rng.multinomial(extra, w / w.sum())
    fr_idx = np.repeat(np.arange(len(engaged)), counts)
    rng.shuffle(fr_idx)

    # Countries per link: each chosen country at least once, the rest by weight.
    cwsel = cw[country_set].to_numpy()
    link_country = np.concatenate(
        [country_set, rng.choice(country_set, size=n_links - len(country_set), p=cwsel / cwsel.sum())]
    )
    rng.shuffle(link_country)

    # The documented links replace the first links of their collectivities.
    fr = engaged.iloc[fr_idx].reset_index(drop=True)
    out = pd.DataFrame(
        {
            S.FR_CODE: fr[S.CODE].to_numpy(),
            S.FR_TYPE: fr[S.TYPE].to_numpy(),
            S.FR_NAME: fr[S.NAME].to_numpy(),
            S.FR_DEPARTEMENT: fr[S.DEPARTEMENT].to_numpy(),
            S.FR_REGION: fr[S.REGION].to_numpy(),
            S.PARTNER_COUNTRY: link_country,
        }
    )
    keep_doc = []
    for _, doc in documented.iterrows():
        rows = out.index[(out[S.FR_CODE] == doc[S.FR_CODE]) & (out[S.FR_TYPE] == doc[S.FR_TYPE])]
        keep_doc.append(rows[0])
    synthetic = out.drop(index=keep_doc).copy()
    # A replaced row may have carried the only link to its country: hand that country to
    # a row of the most frequent country, so that the country count stays exact.
    for lost in out.loc[keep_doc, S.PARTNER_COUNTRY]:
        if lost not in set(synthetic[S.PARTNER_COUNTRY]) and lost not in set(documented[S.PARTNER_COUNTRY]):
            top = synthetic[S.PARTNER_COUNTRY].value_counts().index[0]
            synthetic.loc[synthetic.index[synthetic[S.PARTNER_COUNTRY] == top][0], S.PARTNER_COUNTRY] = lost
    continent = synthetic[S.PARTNER_COUNTRY].map(countries.set_index(S.ISO3)[S.CONTINENT])
    kinds = np.empty(len(synthetic), dtype=object)
    for cont, group in synthetic.groupby(
        continent.where(continent.isin(["Europe", "Afrique"]), "other")
    ).groups.items():
        table = KIND_BY_CONTINENT[cont]
        pos = synthetic.index.get_indexer(group)
        kinds[pos] = rng.choice(list(table), size=len(pos), p=np.array(list(table.values())) / sum(table.values()))
    neighbours = set(str(countries.loc[countries[S.ISO3] == "FRA", S.NEIGHBOURS].iloc[0]).split(S.THEME_SEP))
    border = (kinds == "coopération transfrontalière") & ~synthetic[S.PARTNER_COUNTRY].isin(neighbours).to_numpy()
    kinds[border] = "jumelage"
    regional = (kinds == "coopération interrégionale") & ~synthetic[S.FR_TYPE].isin(
        ["region", "departement"]
    ).to_numpy()
    kinds[regional] = "jumelage"

    themes = [
        S.THEME_SEP.join(
            sorted(
                rng.choice(
                    THEMES_BY_KIND[k], size=min(len(THEMES_BY_KIND[k]), 1 + rng.binomial(2, 0.4)), replace=False
                ),
                key=S.THEMES.index,
            )
        )
        for k in kinds
    ]
    early = np.isin(kinds, ["jumelage", "relations d'amitié"])
    years = np.where(
        early,
        np.clip(np.round(rng.normal(1982, 14, len(kinds))), 1950, B.YEAR),
        np.clip(np.round(rng.normal(1998, 8, len(kinds))), 1975, B.YEAR),
    ).astype(int)

    # Partner places: drawn in the gazetteer of the country, by population^0.6.
    names = np.empty(len(synthetic), dtype=object)
    lats = np.empty(len(synthetic))
    lons = np.empty(len(synthetic))
    by_country = places.groupby(S.COUNTRY)
    for iso, group in synthetic.groupby(S.PARTNER_COUNTRY).groups.items():
        pos = synthetic.index.get_indexer(group)
        cand = by_country.get_group(iso)
        pw = np.power(cand[S.POPULATION].to_numpy(dtype=float), 0.6)
        pick = rng.choice(len(cand), size=len(pos), p=pw / pw.sum())
        names[pos] = cand[S.PLACE].to_numpy()[pick]
        lats[pos] = cand[S.LAT].to_numpy()[pick]
        lons[pos] = cand[S.LON].to_numpy()[pick]

    synthetic = synthetic.assign(
        **{
            S.PARTNER_NAME: names,
            S.PARTNER_LAT: lats,
            S.PARTNER_LON: lons,
            S.PARTNER_APPROX: False,
            S.KIND: kinds,
            S.THEMES_COL: themes,
            S.START_YEAR: years,
            S.SOURCE: SYNTHETIC_SOURCE,
            S.SOURCE_ROWS: pd.NA,
            S.SYNTHETIC: True,
            S.DESCRIPTION: pd.NA,
        }
    )
    synthetic[S.LINK_ID] = [f"demo-{i:07d}" for i in range(1, len(synthetic) + 1)]
    merged = pd.concat([documented, synthetic[list(S.LINK_COLUMNS)]], ignore_index=True)
    return S.validate_links(merged)


def write_links(links: pd.DataFrame, parquet: Path, csv: Path | None) -> None:
    """Parquet for the app; a CSV copy (UTF-8, canonical columns) for people."""
    parquet.parent.mkdir(parents=True, exist_ok=True)
    links.to_parquet(parquet, index=False, compression="zstd")
    if csv is not None:
        links.to_csv(csv, index=False, encoding="utf-8", lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="facteur d'échelle (1 = 6 000 liens)")
    parser.add_argument("--out", type=Path, required=True, help="fichier Parquet de sortie (jamais data/)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    coll, countries, places = D.load_collectivities(), D.load_countries(), D.load_places()
    named, documented = D.load_named(), D.load_brochure_links()
    links = national_links(coll, countries, places, named, documented, scale=args.scale, seed=args.seed)
    write_links(links, args.out, None)
    where = args.out
    n_coll = links[[S.FR_TYPE, S.FR_CODE]].drop_duplicates().shape[0]
    print(
        f"{len(links)} liens, {n_coll} collectivités, {links[S.PARTNER_COUNTRY].nunique()} pays "
        f"→ {where} en {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
