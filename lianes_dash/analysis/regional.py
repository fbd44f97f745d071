"""The region beside the nation, and the areas of the France map (pure functions, no Streamlit).

Used by the « Carte de France » and « Nord-Pas-de-Calais » pages. Frames in, frames or
French sentences out, so that every claim shown on screen is computed from the data.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from lianes_dash.analysis import metrics as M
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.dataset.vectors import category_mask
from lianes_dash.text.french import escape_markdown, fmt_float, fmt_int, fmt_pct, fold, plural
from lianes_dash.text.i18n import country_name, language, t

# Columns of the comparison frames (local to this module: nothing else stores them).
REGION_COUNT = "region_count"
REGION_SHARE = "region_share"
NATION_COUNT = "nation_count"
NATION_SHARE = "nation_share"
RATIO = "ratio"
INDICATOR = "indicator"
REAL_LINKS = "real_links"
COUNTRIES_LIST = "countries_list"

#: French labels of the columns above (tables and exports).
LABELS: dict[str, str] = {
    REGION_COUNT: "Liens (région)",
    REGION_SHARE: "Part dans la région",
    NATION_COUNT: "Liens (France)",
    NATION_SHARE: "Part en France",
    RATIO: "Rapport région / France",
    INDICATOR: "Indicateur",
    REAL_LINKS: "dont documentés par la brochure",
    COUNTRIES_LIST: "Pays partenaires",
}

#: Fewest regional links for a value to be called over-represented (1 link must not dominate).
DEFAULT_MIN_COUNT = 5
#: No « x fois plus » or « x fois moins » rests on fewer regional links than this, whatever the page asks.
FLOOR_COUNT = 3
#: Smallest ratio of shares worth a sentence.
DEFAULT_MIN_RATIO = 1.5

#: Overseas départements and régions: outside the metropolitan frame of the France map.
OVERSEAS_DEPARTEMENTS = ("971", "972", "973", "974", "975", "976")
OVERSEAS_REGIONS = ("01", "02", "03", "04", "05", "06")

#: The two measures of the France choropleth: key → (French label, is a share).
AREA_MEASURES: dict[str, tuple[str, bool]] = {
    "per_100k": ("Liens pour 100 000 habitants", False),
    "share_communes": ("Part des communes engagées", True),
}
AREA_LEVELS: dict[str, tuple[str, str]] = {
    # level → (singular, plural) French nouns
    "departement": ("département", "départements"),
    "region": ("région", "régions"),
}


# ---------------------------------------------------------------------------
# The region's links
# ---------------------------------------------------------------------------
def region_mask(links: pd.DataFrame, departements: tuple[str, ...] = B.REGION_DEPARTEMENTS) -> np.ndarray:
    """Rows whose French collectivity sits in one of ``departements``.

    NOTE: a région-level collectivity has no département, so today's Hauts-de-France
    (which also covers the former Picardie) is not counted in the former Nord-Pas-de-Calais.
    """
    return _isin(links[S.FR_DEPARTEMENT], departements)


def _isin(values: pd.Series, wanted: tuple[str, ...] | set[str]) -> np.ndarray:
    """Boolean mask of ``values`` (as strings) in ``wanted``, NA never matching.

    ``vectors.category_mask``: on a categorical column the test runs on the few categories;
    casting 600 000 rows to strings first cost most of the regional page at 100×.
    """
    chosen = set(wanted)
    return category_mask(values, lambda cells: cells.isin(chosen))


def region_links(links: pd.DataFrame, departements: tuple[str, ...] = B.REGION_DEPARTEMENTS) -> pd.DataFrame:
    """The links of the French collectivities of the region (a view of ``links``)."""
    return links.loc[region_mask(links, departements)]


def region_share_sentence(links: pd.DataFrame, region_name: str = B.REGION_NAME) -> str:
    """« Nord-Pas-de-Calais (Nord et Pas-de-Calais) : 412 liens, 8 % des liens de la sélection. », or, on
    fewer links than :data:`metrics.MIN_KNOWN`, the sentence saying the share would rest on too few."""
    n = int(region_mask(links).sum()) if len(links) else 0
    share = M.share_or_missing(n, len(links), "Collectivités françaises des liens")
    if isinstance(share, str):
        return share
    return t(
        "{region} (Nord et Pas-de-Calais) : {links}, {share} des liens de la sélection.",
        region=region_name,
        links=plural(n, "lien"),
        share=fmt_pct(share),
    )


def brochure_mask(links: pd.DataFrame) -> np.ndarray:
    """True for the links the brochure documents (its key among the link's sources).

    Not « has a description »: the build writes its own notes there (« nom dans la source : Dunkirk »).
    """
    if links.empty:
        return np.zeros(0, dtype=bool)
    cells = links[S.SOURCE].astype(object)
    return np.fromiter(
        (isinstance(c, str) and SRC.BROCHURE.key in S.split_sources(c) for c in cells), dtype=bool, count=len(links)
    )


def approximate_positions(links: pd.DataFrame, countries: pd.DataFrame, tolerance: float = 0.01) -> tuple[int, int]:
    """How many partners in approximate position sit at their country's centre, and how many elsewhere
    (a nearby town: the brochure's Nkong-Zem drawn at Dschang), so that a map caption matches its marks."""
    approx = links.loc[links[S.PARTNER_APPROX].astype(bool).to_numpy(dtype=bool)]
    if approx.empty:
        return 0, 0
    centre = countries.set_index(S.ISO3)[[S.LAT, S.LON]].astype(float)
    at = centre.reindex(approx[S.PARTNER_COUNTRY].astype(str))
    near = (np.abs(at[S.LAT].to_numpy() - approx[S.PARTNER_LAT].astype(float).to_numpy()) <= tolerance) & (
        np.abs(at[S.LON].to_numpy() - approx[S.PARTNER_LON].astype(float).to_numpy()) <= tolerance
    )
    return int(near.sum()), int(len(approx) - near.sum())


def named_links(links: pd.DataFrame, named: pd.DataFrame) -> pd.DataFrame:
    """The links of the collectivities the brochure names (matched on type and code)."""
    wanted = set(zip(named[S.TYPE].astype(str), named[S.CODE].astype(str), strict=True))
    # A cheap vectorised pre-filter on the codes, then the exact (type, code) test on the
    # few rows left: iterating over 600 000 Python tuples took seconds at 100×.
    candidates = np.flatnonzero(_isin(links[S.FR_CODE], {c for _, c in wanted}))
    sub = links.iloc[candidates]
    keys = zip(sub[S.FR_TYPE].astype(str), sub[S.FR_CODE].astype(str), strict=True)
    keep = np.fromiter((k in wanted for k in keys), dtype=bool, count=len(sub))
    return sub.iloc[keep] if len(sub) else sub


def country_names(links: pd.DataFrame) -> list[str]:
    """The partner country of each link, named in the page's language (French names as they are;
    English ones by ISO3, :func:`lianes_dash.text.i18n.country_name`)."""
    names = links[S.PARTNER_COUNTRY_NAME].astype(str).tolist()
    if language() == "fr":
        return names
    isos = links[S.PARTNER_COUNTRY].astype(str).tolist()
    english = {pair: country_name(*pair) for pair in set(zip(isos, names, strict=True))}
    return [english[pair] for pair in zip(isos, names, strict=True)]


def _country_label(links: pd.DataFrame, french: str) -> str:
    """``french`` (a partner country's French name in ``links``), in the page's language."""
    if language() == "fr":
        return french
    isos = links.loc[links[S.PARTNER_COUNTRY_NAME].astype(str) == french, S.PARTNER_COUNTRY]
    return country_name(str(isos.iloc[0]), french) if len(isos) else french


def named_summary(named: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One row per named collectivity (brochure order): its links, real links and partner countries."""
    from lianes_dash.dataset.sources import BROCHURE

    rows = []
    links = named_links(links, named)  # NOTE: only these rows can match; the loop below then stays small
    # The rows of each collectivity, its partner countries' names and the brochure's mark, each
    # computed once over these links (not once per collectivity: 18 masks and value counts per run).
    positions: dict[tuple[str, str], list[int]] = {}
    for i, pair in enumerate(zip(links[S.FR_TYPE].astype(str), links[S.FR_CODE].astype(str), strict=True)):
        positions.setdefault(pair, []).append(i)
    names = country_names(links)
    documented = category_mask(links[S.SOURCE], lambda cells: [BROCHURE.key in S.split_sources(c) for c in cells])
    for rec in named.itertuples(index=False):
        kind, c = str(getattr(rec, S.TYPE)), str(getattr(rec, S.CODE))
        mine = positions.get((kind, c), [])
        countries = sorted({names[i] for i in mine}, key=lambda n: (fold(n), n))
        note = getattr(rec, S.NOTE)
        rows.append(
            {
                S.BROCHURE_NAME: getattr(rec, S.BROCHURE_NAME),
                S.NAME: getattr(rec, S.NAME),
                S.TYPE: S.TYPE_LABELS.get(kind, kind),
                S.COUNT: len(mine),
                REAL_LINKS: int(documented[mine].sum()),
                S.N_COUNTRIES: len(countries),
                COUNTRIES_LIST: ", ".join(countries),
                S.NOTE: "" if note is None or (isinstance(note, float) and math.isnan(note)) else str(note),
            }
        )
    columns = [S.BROCHURE_NAME, S.NAME, S.TYPE, S.COUNT, REAL_LINKS, S.N_COUNTRIES, COUNTRIES_LIST, S.NOTE]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------
# Region beside nation
# ---------------------------------------------------------------------------
def headline_comparison(region: pd.DataFrame, nation: pd.DataFrame) -> pd.DataFrame:
    """The headline counts of the region and of the nation, and the region's share of each."""
    r, n = M.headline(region), M.headline(nation)
    labels = {
        "links": "Liens de coopération",
        "collectivities": "Collectivités françaises engagées",
        "countries": "Pays partenaires",
        "partners": "Collectivités partenaires",
    }
    out = pd.DataFrame(
        {
            INDICATOR: list(labels.values()),
            REGION_COUNT: [r[k] for k in labels],
            NATION_COUNT: [n[k] for k in labels],
        }
    )
    out[REGION_SHARE] = [
        rc / nc if nc else float("nan") for rc, nc in zip(out[REGION_COUNT], out[NATION_COUNT], strict=True)
    ]
    return out


def _counts(links: pd.DataFrame, column: str) -> pd.DataFrame:
    if column == S.THEME:
        return M.themes_count(links) if len(links) else pd.DataFrame({S.THEME: [], S.COUNT: [], S.SHARE: []})
    return M.count_by(links, column) if len(links) else pd.DataFrame({column: [], S.COUNT: [], S.SHARE: []})


def compare_shares(region: pd.DataFrame, nation: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per value of ``column`` (``S.THEME`` for themes): count and share in the region and nation.

    Shares are of the links of each scope (a link with three themes counts for each theme).
    ``RATIO`` = region share / nation share. Sorted by regional count, then French order.
    """
    # The two count tables joined in plain Python (a few hundred values): the same frame as an
    # outer ``merge`` (keys in lexicographic order) sorted by the three keys, at half the cost.
    rc, nc = _counts(region, column), _counts(nation, column)
    in_region = dict(
        zip(rc[column].astype(str).tolist(), zip(rc[S.COUNT].tolist(), _shares(rc), strict=True), strict=True)
    )
    in_nation = dict(
        zip(nc[column].astype(str).tolist(), zip(nc[S.COUNT].tolist(), _shares(nc), strict=True), strict=True)
    )
    none = (0, 0.0)
    rows = sorted(
        (
            (key, *in_region.get(key, none), *in_nation.get(key, none))
            for key in sorted(set(in_region) | set(in_nation))
        ),
        key=lambda row: (-row[1], -row[3], fold(row[0])),
    )
    region_share = np.array([row[2] for row in rows], dtype=float)
    nation_share = np.array([row[4] for row in rows], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(nation_share > 0, region_share / nation_share, np.nan)
    return pd.DataFrame(
        {
            column: pd.Series([row[0] for row in rows], dtype=object).astype(str),
            REGION_COUNT: np.array([row[1] for row in rows], dtype=int),
            REGION_SHARE: region_share,
            NATION_COUNT: np.array([row[3] for row in rows], dtype=int),
            NATION_SHARE: nation_share,
            RATIO: ratio,
        }
    )


def _shares(counts: pd.DataFrame) -> list[float]:
    """The share column of a count table as floats (a missing share reads 0, as the merge's ``fillna`` did)."""
    return [0.0 if pd.isna(v) else float(v) for v in counts[S.SHARE].tolist()] if len(counts) else []


def values_in_language(comparison: pd.DataFrame, column: str, links: pd.DataFrame) -> pd.DataFrame:
    """A :func:`compare_shares` frame with its values named in the page's language: the themes
    through the catalogue, the partner countries by their ISO3 code in ``links`` (French: unchanged)."""
    if language() == "fr" or comparison.empty:
        return comparison
    out = comparison.copy()
    if column == S.THEME:
        out[column] = out[column].map(t)
    elif column == S.PARTNER_COUNTRY_NAME:
        pairs = links[[S.PARTNER_COUNTRY_NAME, S.PARTNER_COUNTRY]].astype(str).drop_duplicates(S.PARTNER_COUNTRY_NAME)
        iso_of = dict(zip(pairs[S.PARTNER_COUNTRY_NAME], pairs[S.PARTNER_COUNTRY], strict=True))
        out[column] = [country_name(iso_of[n], n) if n in iso_of else n for n in out[column].astype(str)]
    return out


def over_represented(
    comparison: pd.DataFrame,
    column: str,
    *,
    min_count: int = DEFAULT_MIN_COUNT,
    min_ratio: float = DEFAULT_MIN_RATIO,
    top: int = 5,
) -> pd.DataFrame:
    """Values whose share is at least ``min_ratio`` times larger in the region, with ≥ ``min_count`` links.

    Highest ratio first; ties by regional count, then French alphabetical order.
    """
    min_count = max(min_count, FLOOR_COUNT)
    keep = comparison.loc[(comparison[REGION_COUNT] >= min_count) & (comparison[RATIO] >= min_ratio)].copy()
    keep["_k"] = keep[column].map(fold)
    keep = keep.sort_values([RATIO, REGION_COUNT, "_k"], ascending=[False, False, True])
    return keep.drop(columns="_k").head(top).reset_index(drop=True)


def under_represented(
    comparison: pd.DataFrame,
    column: str,
    *,
    min_count: int = DEFAULT_MIN_COUNT,
    min_ratio: float = DEFAULT_MIN_RATIO,
    top: int = 3,
) -> pd.DataFrame:
    """Values at least ``min_ratio`` times rarer in the region than in the nation.

    NOTE: the minimum applies to the count the region *would* have at the national share
    (``nation share × regional links``), so that a value absent from a small region is not news.
    """
    region_total = _region_total(comparison)
    expected = comparison[NATION_SHARE] * region_total
    min_count = max(min_count, FLOOR_COUNT)
    keep = comparison.loc[(expected >= min_count) & (comparison[RATIO] <= 1 / min_ratio)].copy()
    keep["_k"] = keep[column].map(fold)
    keep = keep.sort_values([RATIO, NATION_COUNT, "_k"], ascending=[True, False, True])
    return keep.drop(columns="_k").head(top).reset_index(drop=True)


def _region_total(comparison: pd.DataFrame) -> float:
    """Number of regional links, recovered from any row with a share (count / share)."""
    rows = comparison.loc[comparison[REGION_SHARE] > 0]
    if rows.empty:
        return 0.0
    first = rows.iloc[0]
    return float(first[REGION_COUNT] / first[REGION_SHARE])


def _times(ratio: float) -> str:
    return fmt_float(ratio, 1)


def distinction_sentences(
    over: pd.DataFrame,
    under: pd.DataFrame,
    column: str,
    region_name: str = B.REGION_NAME,
    *,
    theme: bool = False,
) -> list[str]:
    """French sentences that describe the over- and under-represented values.

    « Cameroun : un poids 2,3 fois plus élevé dans les liens du Nord-Pas-de-Calais que dans
    l'ensemble national (12 liens ; 3,0 % contre 1,3 %). »
    The value comes first, followed by a colon, so that no article has to be guessed
    (« le Cameroun », « la Suisse », « les Pays-Bas », « l'Italie »).
    """

    def name(value: str) -> str:
        return t("Thème « {value} »", value=value) if theme else value

    out = []
    for row in over.to_dict("records"):
        out.append(
            t(
                "{name} : un poids {times} fois plus élevé dans les liens du {region} que dans l'ensemble national "
                "({links} ; {share} contre {nation}).",
                name=name(str(row[column])),
                times=_times(row[RATIO]),
                region=region_name,
                links=plural(int(row[REGION_COUNT]), "lien"),
                share=fmt_pct(row[REGION_SHARE]),
                nation=fmt_pct(row[NATION_SHARE]),
            )
        )
    for row in under.to_dict("records"):
        if row[REGION_COUNT] == 0:
            out.append(
                t(
                    "{name} : aucun lien du {region}, contre {nation} des liens dans l'ensemble national.",
                    name=name(str(row[column])),
                    region=region_name,
                    nation=fmt_pct(row[NATION_SHARE]),
                )
            )
            continue
        out.append(
            t(
                "{name} : un poids {times} fois moins élevé dans les liens du {region} que dans l'ensemble national "
                "({links} ; {share} contre {nation}).",
                name=name(str(row[column])),
                times=_times(1 / row[RATIO]),
                region=region_name,
                links=plural(int(row[REGION_COUNT]), "lien"),
                share=fmt_pct(row[REGION_SHARE]),
                nation=fmt_pct(row[NATION_SHARE]),
            )
        )
    return out


#: What each compared column's known values are called in the sentence saying they are too few.
_WITHHELD_WHAT: dict[str, tuple[str, str]] = {
    S.THEME: ("Thèmes des liens de la région", "Thèmes des liens de toute la France"),
    S.PARTNER_COUNTRY_NAME: (
        "Pays partenaires des liens de la région",
        "Pays partenaires des liens de toute la France",
    ),
}


def _known(links: pd.DataFrame, column: str) -> int:
    return M.known_themes_count(links) if column == S.THEME else int(links[column].notna().sum())


def withheld(region: pd.DataFrame, nation: pd.DataFrame, column: str, minimum: int = M.MIN_KNOWN) -> str | None:
    """Why the shares of ``column`` (``S.THEME`` or a column of values) are not compared, or None.

    The rule of :data:`metrics.MIN_KNOWN`: no share, ratio or « x fois plus » on fewer known values
    (issue 27: with 2 themed links in the region, « gestion de l'eau : 14,3 fois plus élevé »).
    """
    for what, links in zip(_WITHHELD_WHAT[column], (region, nation), strict=True):
        known = _known(links, column)
        if not M.enough_known(known, minimum):
            return M.missing_sentence(what, known, len(links), minimum=minimum)
    return None


def distinctions(
    comparisons: dict[str, pd.DataFrame], gaps: dict[str, str | None], min_count: int, region_name: str = B.REGION_NAME
) -> list[str]:
    """The sentences saying what sets the region apart: per compared column (countries, then themes),
    its over- and under-represented values, or, when its known values are too few, the sentence of
    ``gaps`` instead of any ratio."""
    tops = {S.PARTNER_COUNTRY_NAME: (4, 2), S.THEME: (3, 2)}
    out: list[str] = []
    for column, comparison in comparisons.items():
        gap = gaps.get(column)
        if gap:
            out.append(gap)
            continue
        over_top, under_top = tops.get(column, (3, 2))
        out += distinction_sentences(
            over_represented(comparison, column, min_count=min_count, top=over_top),
            under_represented(comparison, column, min_count=min_count, top=under_top),
            column,
            region_name,
            theme=column == S.THEME,
        )
    return out


# ---------------------------------------------------------------------------
# Areas of the France map
# ---------------------------------------------------------------------------
def comparison_limits(region: pd.DataFrame, nation: pd.DataFrame) -> list[str]:
    """Why comparing the region with the nation teaches nothing under this selection, in French.

    NOTE: under filters, both sides are counted on the selection; a filter that keeps one
    partner country (or only the region's links) makes the shares equal by construction, and
    « the region looks like France » would then be an artefact of the filter, not a finding.
    """
    reasons: list[str] = []
    if len(nation) and len(region) == len(nation):
        reasons.append(
            t(
                "la sélection ne garde que des liens de la région : l'ensemble national auquel la comparer se "
                "réduit à la région elle-même"
            )
        )
    # The distinct values first, then strings: ``astype(str)`` on 500 000 rows cost ~130 ms a run.
    countries = pd.Series(nation[S.PARTNER_COUNTRY_NAME].dropna().unique()).astype(str).unique()
    if len(countries) == 1:
        reasons.append(
            t(
                "la sélection ne garde qu'un pays partenaire ({country}) : la région et la France y ont "
                "toutes deux 100 % de leurs liens, la comparaison par pays n'apprend rien",
                country=_country_label(nation, countries[0]),
            )
        )
    return reasons


def is_overseas(codes: pd.Series, level: str) -> pd.Series:
    """True for the overseas départements (971–976) or régions (01–06)."""
    overseas = OVERSEAS_DEPARTEMENTS if level == "departement" else OVERSEAS_REGIONS
    return codes.astype(str).isin(overseas)


def split_overseas(areas: pd.DataFrame, level: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(metropolitan areas, overseas areas) of a ``metrics.per_area`` frame."""
    mask = is_overseas(areas[S.CODE], level)
    return areas.loc[~mask].reset_index(drop=True), areas.loc[mask].reset_index(drop=True)


def metropolitan_geojson(geojson: dict, level: str) -> dict:
    """The outlines without the overseas features: they are outside the map's frame anyway,
    and leaving them out lightens what is sent to the browser on each rerun."""
    overseas = set(OVERSEAS_DEPARTEMENTS if level == "departement" else OVERSEAS_REGIONS)
    return {**geojson, "features": [f for f in geojson["features"] if str(f.get("id")) not in overseas]}


def metropolitan_points(points: pd.DataFrame, lon: tuple[float, float], lat: tuple[float, float]) -> pd.DataFrame:
    """Collectivities whose point falls in the metropolitan frame (Corsica included)."""
    inside = points[S.FR_LON].between(*lon) & points[S.FR_LAT].between(*lat)
    return points.loc[inside.fillna(False).to_numpy(dtype=bool)]


def point_regions(points: pd.DataFrame, collectivities: pd.DataFrame) -> pd.Series:
    """Région code of each collectivity point: its own code for a région, else its département's région."""
    deps = collectivities.loc[collectivities[S.TYPE] == "departement"].set_index(S.CODE)[S.REGION].astype(str)
    out = points[S.FR_DEPARTEMENT].astype("string").map(deps).astype("string")
    is_region = (points[S.FR_TYPE].astype(str) == "region").to_numpy()
    out[is_region] = points.loc[is_region, S.FR_CODE].astype(str).to_numpy()
    return out


def format_measure(value: float, measure: str) -> str:
    """A value of the chosen measure, the French way (« 12,3 » or « 4,5 % »)."""
    return fmt_pct(value) if AREA_MEASURES[measure][1] else fmt_float(value, 1)


def area_summary(areas: pd.DataFrame, level: str, measure: str, top: int = 3) -> str:
    """The sentence under the France map: the measure, the top areas, the areas without any link."""
    label, _ = AREA_MEASURES[measure]
    label = t(label)
    singular, plural_noun = (t(word) for word in AREA_LEVELS[level])
    if areas.empty or areas[S.VALUE].dropna().empty:
        return t(
            "Carte de France par {singular} ({label}) : aucune valeur à afficher.",
            singular=singular,
            label=label.lower(),
        )
    ranked = areas.dropna(subset=[S.VALUE]).copy()
    ranked["_k"] = ranked[S.NAME].map(fold)
    ranked = ranked.sort_values([S.VALUE, "_k"], ascending=[False, True])
    head = ranked.head(top)
    listing = ", ".join(f"{n} ({format_measure(v, measure)})" for n, v in zip(head[S.NAME], head[S.VALUE], strict=True))
    zero = int((ranked[S.COUNT] == 0).sum())
    text = t(
        "Carte de France par {singular}, {label}. En tête : {listing}. Valeur médiane : {median}.",
        singular=singular,
        label=label.lower(),
        listing=listing,
        median=format_measure(float(ranked[S.VALUE].median()), measure),
    )
    if zero:
        noun = singular if zero < 2 else plural_noun
        text += t(" {n} {noun} sans aucun lien dans la sélection.", n=fmt_int(zero), noun=noun)
    return text


# ---------------------------------------------------------------------------
# Safe rendering of data-derived text
# ---------------------------------------------------------------------------
def quote_markdown(quote: str) -> str:
    """A multi-paragraph quote as a Markdown block quote, every paragraph escaped.

    Paragraphs are separated by a blank line (``>`` alone), as the brochure prints them.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", str(quote)) if p.strip()]
    return "\n>\n".join(f"> {escape_markdown(p)}" for p in paragraphs)


def translation(quote: str) -> str:
    """Our English translation of a quotation from the brochure, paragraph by paragraph (the catalogue's
    entries): shown under the French quotation, labelled as ours, never in its place."""
    return "\n\n".join(t(paragraph.strip()) for paragraph in str(quote).split("\n\n") if paragraph.strip())


# ---------------------------------------------------------------------------
# Points of the France map
# ---------------------------------------------------------------------------
#: Most collectivity points drawn on the France map (beyond, the figure outgrows a quick rerun).
POINTS_CAP = 3000


def cap_points(points: pd.DataFrame, cap: int = POINTS_CAP, keep: tuple[str, ...] = ()) -> pd.DataFrame:
    """The ``cap`` collectivities with the most links, plus always those in ``keep`` (« type:code »).

    Ties on the count are broken by type and code, so the same selection draws the same
    points; the choropleth under them is computed on all the data by the caller.
    """
    if len(points) <= cap:
        return points
    order = points.assign(_t=points[S.FR_TYPE].astype(str), _c=points[S.FR_CODE].astype(str))
    order = order.sort_values([S.COUNT, "_t", "_c"], ascending=[False, True, True], kind="stable")
    wanted = (order["_t"] + ":" + order["_c"]).isin(set(keep)).to_numpy(dtype=bool)
    top = np.zeros(len(order), dtype=bool)
    top[:cap] = True
    return order.loc[top | wanted].drop(columns=["_t", "_c"])


def focus_areas(
    level: str, departements: tuple[str, ...], regions: tuple[str, ...], collectivities: pd.DataFrame
) -> tuple[str, ...]:
    """Codes of the areas of ``level`` the selection holds: the chosen ones, or those inside a chosen
    région, or those holding a chosen département; empty when no territory is chosen (all of France)."""
    deps = collectivities.loc[collectivities[S.TYPE] == "departement", [S.CODE, S.REGION]].astype(str)
    in_chosen_regions = set(deps.loc[deps[S.REGION].isin(list(regions)), S.CODE])
    regions_of_chosen = set(deps.loc[deps[S.CODE].isin(list(departements)), S.REGION])
    # Each filter that is set restricts (the filters combine with AND); an unset one does not.
    if level == "departement":
        limits = [set(departements) if departements else None, in_chosen_regions if regions else None]
    else:
        limits = [set(regions) if regions else None, regions_of_chosen if departements else None]
    kept = [s for s in limits if s is not None]
    chosen = set.intersection(*kept) if kept else set()
    return tuple(sorted(chosen))
