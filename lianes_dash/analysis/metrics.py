"""Counts and breakdowns computed from a links frame (pure functions, no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.dataset.vectors import distinct_pairs

COUNT, SHARE, VALUE, DECADE, THEME = S.COUNT, S.SHARE, S.VALUE, S.DECADE, S.THEME


def headline(links: pd.DataFrame) -> dict[str, int]:
    """The four headline counts: engaged French collectivities, links, partner countries, partners.

    A partner collectivity is a (name, country) pair: the same town name in two countries
    counts twice.
    """
    if links.empty:
        return {"collectivities": 0, "links": 0, "countries": 0, "partners": 0}
    # Counted on integer codes (categorical codes, factorized Arrow strings): turning
    # 600 000 rows to Python strings first cost a second at 100×, ``drop_duplicates`` on the two
    # columns still ~200 ms. NA counts as one value, as the former ``astype(str)`` (« nan ») did.
    return {
        "collectivities": distinct_pairs(links[S.FR_TYPE], links[S.FR_CODE]),
        "links": len(links),
        "countries": int(links[S.PARTNER_COUNTRY].nunique(dropna=False)),
        "partners": distinct_pairs(links[S.PARTNER_NAME], links[S.PARTNER_COUNTRY]),
    }


def medium_towns_share(links: pd.DataFrame, collectivities: pd.DataFrame) -> float:
    """Share of communes of 20 000 to 100 000 inhabitants that have at least one link."""
    communes = collectivities.loc[collectivities[S.TYPE] == "commune"]
    medium = communes.loc[communes[S.POPULATION].between(S.MEDIUM_TOWN_MIN, S.MEDIUM_TOWN_MAX), S.CODE]
    if medium.empty:
        return float("nan")
    # Distinct codes first, then strings: a set of 600 000 Python strings cost a second at 100×.
    engaged = set(links.loc[(links[S.FR_TYPE] == "commune").to_numpy(dtype=bool), S.FR_CODE].unique().astype(str))
    # ``isin`` on Arrow-backed strings against 30 000 values is ten times slower than on objects.
    return float(medium.astype(object).isin(list(engaged)).mean())


def count_by(links: pd.DataFrame, column: str, top: int | None = None) -> pd.DataFrame:
    """Links per value of ``column``, most first (ties in French alphabetical order)."""
    from lianes_dash.text.french import fold

    # NOTE: counted before the cast (on categorical codes), then only the distinct values
    # become strings: the same result, without converting every row.
    counts = links[column].value_counts(dropna=True)
    counts = counts[counts > 0]
    counts.index = counts.index.astype("string")
    counts = counts.groupby(level=0, sort=False).sum() if counts.index.has_duplicates else counts
    df = counts.rename_axis(column).reset_index(name=COUNT)
    df["_k"] = df[column].map(fold)
    df = df.sort_values([COUNT, "_k"], ascending=[False, True]).drop(columns="_k").reset_index(drop=True)
    total = len(links)
    df[SHARE] = df[COUNT] / total if total else 0.0
    return df.head(top) if top else df


def known_themes_count(links: pd.DataFrame) -> int:
    """Links with at least one known theme (most open twinning records have none)."""
    cells = links[S.THEMES_COL].value_counts()
    return int(sum(int(n) for cell, n in cells.items() if n and S.split_themes(cell)))


def coverage_sentence(what: str, known: int, total: int, known_word: str = "connus") -> str:
    """« thèmes connus pour 2 liens sur 5 104 »: on how many links a chart rests.

    ``known_word`` agrees with ``what`` (« années de début connues »)."""
    from lianes_dash.text.french import fmt_int, plural
    from lianes_dash.text.i18n import t

    if known == total:
        return t(
            "{what} {known_word} pour le {links}" if total == 1 else "{what} {known_word} pour les {links}",
            what=t(what) if what else what,
            known_word=t(known_word),
            links=plural(total, "lien"),
        )
    return t(
        "{what} {known_word} pour {links} sur {total}",
        what=t(what) if what else what,
        known_word=t(known_word),
        links=plural(known, "lien"),
        total=fmt_int(total),
    )


#: Fewest known values a share, a ratio or « x fois plus » may rest on (issue 27): below it, a page
#: says what is missing instead of printing the figure, and a chart of mostly unknown values steps back.
MIN_KNOWN = 20


def missing_sentence(what: str, known: int, total: int, known_word: str = "connus", minimum: int = MIN_KNOWN) -> str:
    """« Thèmes connus pour 2 liens sur 5 104 : trop peu pour une part ou un rapport (il en faut au moins 20). »"""
    from lianes_dash.text.french import fmt_int
    from lianes_dash.text.i18n import t

    coverage = coverage_sentence(what, known, total, known_word)
    return t(
        "{coverage} : trop peu pour une part ou un rapport (il en faut au moins {minimum}).",
        coverage=coverage[:1].upper() + coverage[1:],
        minimum=fmt_int(minimum),
    )


def enough_known(known: int, minimum: int = MIN_KNOWN) -> bool:
    """True when ``known`` values are enough for a share or a ratio (the rule of :data:`MIN_KNOWN`)."""
    return known >= minimum


def share_or_missing(
    count: int, known: int, what: str, total: int | None = None, known_word: str = "connus", minimum: int = MIN_KNOWN
) -> float | str:
    """``count / known`` when ``known`` reaches the minimum; otherwise the French sentence saying what is missing.

    ``total``: the values the share would be over if all were known (the links of the selection).
    """
    if enough_known(known, minimum):
        return count / known
    return missing_sentence(what, known, known if total is None else total, known_word, minimum)


def themes_count(links: pd.DataFrame, unknown: bool = False) -> pd.DataFrame:
    """Links per theme (a link with three themes counts once for each), in vocabulary order.

    With ``unknown``, the links without any theme are one more row, « non renseigné », last:
    so that a chart never hides on how few links the themes rest.
    NOTE: ``themes`` is categorical with few distinct combinations, so we split each
    category once rather than every row: this stays fast at 600 000 rows.
    """
    cells = links[S.THEMES_COL].value_counts()
    cells = cells[cells > 0]
    totals: dict[str, int] = {}
    for cell, n in cells.items():
        for theme in S.split_themes(cell):
            key = S.OTHER_THEMES_LABEL if theme.startswith(S.OTHER_THEME_PREFIX) else theme
            totals[key] = totals.get(key, 0) + int(n)
    order = {t: i for i, t in enumerate(S.THEMES)}
    df = pd.DataFrame({THEME: list(totals), COUNT: list(totals.values())})
    df = df.sort_values([COUNT, THEME], ascending=[False, True], key=lambda s: s if s.name == COUNT else s.map(order))
    if unknown:
        missing = len(links) - known_themes_count(links)
        if missing:
            df = pd.concat([df, pd.DataFrame({THEME: [S.UNKNOWN_LABEL], COUNT: [missing]})], ignore_index=True)
    df[SHARE] = df[COUNT] / len(links) if len(links) else 0.0
    return df.reset_index(drop=True)


#: Size classes of the French communes (population municipale): lower bound → French label.
SIZE_CLASSES: tuple[tuple[int, str], ...] = (
    (0, "moins de 2 000 habitants"),
    (2_000, "2 000 à 9 999 habitants"),
    (10_000, "10 000 à 19 999 habitants"),
    (S.MEDIUM_TOWN_MIN, "20 000 à 99 999 habitants"),
    (S.MEDIUM_TOWN_MAX, "100 000 habitants ou plus"),
)


def by_size_class(links: pd.DataFrame) -> pd.DataFrame:
    """Links of communes per size class of the commune, smallest first (every class, zeros too).

    A commune whose population is unknown is counted in no class (its links are ``len(communes) - sum``).
    """
    # NOTE: only the population column of the communes' rows, as floats (NaN: unknown): copying the
    # communes' rows of every column cost most of a second at 100×.
    is_commune = (links[S.FR_TYPE] == "commune").to_numpy(dtype=bool)
    population = pd.to_numeric(links[S.FR_POPULATION], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    population = population[is_commune]
    bounds = [low for low, _ in SIZE_CLASSES]
    edges = np.array([*bounds, np.inf], dtype=float)
    counts, _ = np.histogram(population[~np.isnan(population)], bins=edges)
    return pd.DataFrame({S.SIZE_CLASS: [label for _, label in SIZE_CLASSES], COUNT: counts.astype(int)})


def source_counts(links: pd.DataFrame) -> tuple[dict[str, int], int]:
    """Links per source key (a link seen in two sources counts for each), and how many links
    have more than one source. Counted on the distinct ``source`` cells (a handful)."""
    per: dict[str, int] = {}
    several = 0
    for cell, n in links[S.SOURCE].value_counts().items():
        if not n:  # An unused category of a filtered frame
            continue
        keys = S.split_sources(cell)
        for key in keys:
            per[key] = per.get(key, 0) + int(n)
        if len(keys) > 1:
            several += int(n)
    return per, several


def by_decade(links: pd.DataFrame) -> pd.DataFrame:
    """Links started per decade (links without a known year are left out and counted apart)."""
    years = links[S.START_YEAR].dropna().astype(int)
    decades = (years // 10 * 10).value_counts().sort_index()
    return pd.DataFrame({DECADE: decades.index.astype(int), COUNT: decades.to_numpy()})


def unknown_year_count(links: pd.DataFrame) -> int:
    """Links whose start year is unknown."""
    return int(links[S.START_YEAR].isna().sum())


def per_country(links: pd.DataFrame) -> pd.DataFrame:
    """Links, French collectivities and partners per partner country, for the world map."""
    if links.empty:
        return pd.DataFrame(
            {S.PARTNER_COUNTRY: [], S.PARTNER_COUNTRY_NAME: [], COUNT: [], S.N_COLLECTIVITIES: [], S.N_PARTNERS: []}
        )
    g = links.groupby(S.PARTNER_COUNTRY, observed=True)
    out = pd.DataFrame(
        {
            COUNT: g.size(),
            S.N_COLLECTIVITIES: g[S.FR_CODE].nunique(),
            S.N_PARTNERS: g[S.PARTNER_NAME].nunique(),
        }
    )
    names = links.drop_duplicates(S.PARTNER_COUNTRY).set_index(S.PARTNER_COUNTRY)[S.PARTNER_COUNTRY_NAME]
    out[S.PARTNER_COUNTRY_NAME] = names.reindex(out.index).astype(str).to_numpy()
    out = out.reset_index()
    out[S.PARTNER_COUNTRY] = out[S.PARTNER_COUNTRY].astype(str)
    return out.sort_values(COUNT, ascending=False).reset_index(drop=True)


def without_outline(counts: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``per_country`` whose country has no outline on the world basemap, with its representative point.

    NOTE: such a country (Malta, Jersey, Monaco…) would stay blank on a choropleth: the map
    draws it as a point instead, and the page lists it. Which ones: ``data.countries_without_outline``.
    """
    from lianes_dash.dataset.data import countries_without_outline

    missing = countries_without_outline(countries, counts[S.PARTNER_COUNTRY].astype(str))
    out = counts.loc[counts[S.PARTNER_COUNTRY].isin(missing)]
    out = out.join(countries.set_index(S.ISO3)[[S.LAT, S.LON]], on=S.PARTNER_COUNTRY)
    return out.dropna(subset=[S.LAT, S.LON]).reset_index(drop=True)


def per_collectivity(links: pd.DataFrame) -> pd.DataFrame:
    """One row per engaged French collectivity: links, countries, coordinates, type."""
    if links.empty:
        return pd.DataFrame(
            columns=[S.FR_TYPE, S.FR_CODE, S.FR_NAME, S.FR_LAT, S.FR_LON, S.FR_DEPARTEMENT, COUNT, S.N_COUNTRIES]
        )
    g = links.groupby([S.FR_TYPE, S.FR_CODE], observed=True)
    out = g.agg(
        **{
            S.FR_NAME: (S.FR_NAME, "first"),
            S.FR_LAT: (S.FR_LAT, "first"),
            S.FR_LON: (S.FR_LON, "first"),
            S.FR_DEPARTEMENT: (S.FR_DEPARTEMENT, "first"),
            COUNT: (S.LINK_ID, "size"),
            S.N_COUNTRIES: (S.PARTNER_COUNTRY, "nunique"),
        }
    ).reset_index()
    out[S.FR_TYPE] = out[S.FR_TYPE].astype(str)
    out[S.FR_DEPARTEMENT] = out[S.FR_DEPARTEMENT].astype("string")
    return out.sort_values(COUNT, ascending=False).reset_index(drop=True)


def per_area(links: pd.DataFrame, collectivities: pd.DataFrame, level: str, measure: str) -> pd.DataFrame:
    """Per département (``level="departement"``) or région: links per 100 000 inhabitants, or
    the share of its communes engaged (``measure="per_100k"`` or ``"share_communes"``).
    """
    key = S.FR_DEPARTEMENT if level == "departement" else S.FR_REGION
    areas = collectivities.loc[collectivities[S.TYPE] == level, [S.CODE, S.NAME, S.POPULATION]].copy()
    if measure == "per_100k":
        # Counted on the (categorical) codes, then the few area codes become strings.
        n = links[key].value_counts()
        n.index = n.index.astype(str)
        areas[COUNT] = areas[S.CODE].map(n).fillna(0).astype(int)
        # An area with no known population (Mayotte has 0 in the reference) gets no
        # value (NaN), not an infinite one.
        population = areas[S.POPULATION].astype(float)
        areas[VALUE] = areas[COUNT] / population.where(population > 0) * 100_000
    else:
        communes = collectivities.loc[collectivities[S.TYPE] == "commune"]
        is_commune = (links[S.FR_TYPE] == "commune").to_numpy(dtype=bool)
        engaged = set(links.loc[is_commune, S.FR_CODE].unique().astype(str))
        flag = communes[S.CODE].astype(object).isin(list(engaged))
        area_col = S.DEPARTEMENT if level == "departement" else S.REGION
        total = communes.groupby(area_col).size()
        yes = communes.loc[flag].groupby(area_col).size()
        areas[COUNT] = areas[S.CODE].map(yes).fillna(0).astype(int)
        areas[VALUE] = areas[COUNT] / areas[S.CODE].map(total).astype(float)
    return areas.reset_index(drop=True)


def sample_arcs(links: pd.DataFrame, cap: int) -> pd.DataFrame:
    """At most ``cap`` links to draw as arcs, the same ones for the same selection.

    NOTE: a seeded sample, not the first rows, so that a capped map is not biased
    towards whatever order the file had.
    """
    cols = [S.FR_LAT, S.FR_LON, S.PARTNER_LAT, S.PARTNER_LON]
    if len(links) <= cap:
        return links[cols]
    return links[cols].sample(n=cap, random_state=0)


def world_summary(counts: pd.DataFrame, top: int = 5) -> str:
    """A French sentence describing the world map, for screen readers and captions."""
    from lianes_dash.text.french import fmt_int, plural
    from lianes_dash.text.i18n import t

    if counts.empty:
        return t("Carte du monde : aucun lien dans la sélection.")
    total = int(counts[S.COUNT].sum())
    head = counts.head(top)
    listing = ", ".join(f"{n} ({fmt_int(c)})" for n, c in zip(head[S.PARTNER_COUNTRY_NAME], head[S.COUNT], strict=True))
    return t(
        "Carte du monde : {links} vers {countries}. Pays les plus représentés : {listing}.",
        links=plural(total, "lien"),
        countries=plural(len(counts), "pays", "pays"),
        listing=listing,
    )
