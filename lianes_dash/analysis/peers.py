"""« Trouver des pairs »: which engaged collectivities already do what a collectivity plans.

Pure functions (frames in, frames out). The question is the brochure's: a collectivity
that wants to start looks for « contacts-ressources au sein de collectivités engagées ».
A peer is an engaged French collectivity, ranked by relevance tiers:

1. same partner country and same theme;
2. same partner country (another theme, or none known);
3. same theme in the same zone (continent), another country.

NOTE: in the open twinning records the theme (and the start year) of almost every link is
unknown: a link without a theme never matches a theme asked for, and is never said to work
on « another » theme either. The ranking therefore rests on what is known — the partner
country, the distance, the size and the type of collectivity — and :func:`ranking_note`
says so on the page.

A criterion the user did not state is satisfied by every link (asking only for a country
gives every collectivity working there, in tier 1). Within a tier: nearer first (great-circle
distance from the user's collectivity, else same département then same région), then
similar size, then the same type of collectivity as the user's, then the kind of link asked
for, then more matching links, then the name
in French order. Everything is vectorised: the per-link work runs on numpy arrays and on
the categories of the categorical columns, never in a Python loop over links.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.dataset.vectors import category_mask as _mask
from lianes_dash.dataset.vectors import dense_ids as _ids
from lianes_dash.dataset.vectors import fold_fast as fold_fast  # re-exported: moved to vectors
from lianes_dash.dataset.vectors import french_rank as french_rank
from lianes_dash.dataset.vectors import per_category
from lianes_dash.dataset.vectors import sorted_unique as _unique
from lianes_dash.text.french import NNBSP, fmt_int, fold, place_name, plural
from lianes_dash.text.french import in_country as in_country  # re-exported: moved to text
from lianes_dash.text.french import themes_phrase as themes_phrase  # re-exported: moved to text
from lianes_dash.text.i18n import country_name, language, t, using

#: Tier labels, for tables and captions (French; the page shows them in its language).
TIER_LABELS: dict[int, str] = {
    1: "Même pays partenaire, même thème",
    2: "Même pays partenaire, thème autre ou non renseigné",
    3: "Même thème, même zone",
}
#: Population bands (lower bounds, inhabitants) and their French labels (in the page's language on a result).
SIZE_BOUNDS: tuple[int, ...] = (0, 2_000, 10_000, 20_000, 100_000)
SIZE_LABELS: tuple[str, ...] = (
    "moins de 2 000 hab.",
    "2 000 à 10 000 hab.",
    "10 000 à 20 000 hab.",
    "20 000 à 100 000 hab.",
    "plus de 100 000 hab.",
)
#: Mean Earth radius (km), for the haversine distance.
EARTH_RADIUS_KM = 6371.0088
#: How many partner names a result lists before « … ».
MAX_LISTED = 4


@dataclass(frozen=True)
class PeerQuery:
    """What a collectivity plans. Empty fields mean « not stated ».

    ``origin`` is « type:code » of the user's own collectivity; ``country`` an ISO
    alpha-3 code; ``zone`` a continent's French name (ignored when ``country`` is given:
    the zone is then the country's continent).
    """

    origin: str | None = None
    country: str | None = None
    zone: str | None = None
    themes: tuple[str, ...] = ()
    kind: str | None = None

    def is_empty(self) -> bool:
        """True when nothing is stated (every engaged collectivity would match)."""
        return self == PeerQuery()


@dataclass(frozen=True)
class Origin:
    """The user's collectivity, as the ranking needs it."""

    key: str
    name: str
    lat: float
    lon: float
    departement: str | None
    region: str | None
    population: float


def origin_of(collectivities: pd.DataFrame, key: str | None) -> Origin | None:
    """The reference row of « type:code », or ``None`` when absent or unknown."""
    if not key or ":" not in key:
        return None
    fr_type, code = key.split(":", 1)
    row = collectivities.loc[(collectivities[S.TYPE] == fr_type) & (collectivities[S.CODE] == code)]
    if row.empty:
        return None
    r = row.iloc[0]

    def text(value: object) -> str | None:
        return None if pd.isna(value) else str(value)

    pop = r[S.POPULATION]
    return Origin(
        key=key,
        name=str(r[S.NAME]),
        lat=float(r[S.LAT]),
        lon=float(r[S.LON]),
        departement=text(r[S.DEPARTEMENT]),
        region=text(r[S.REGION]),
        population=float("nan") if pd.isna(pop) else float(pop),
    )


#: Abbreviations typed for the words of French place names (« st etienne », « ste marie »).
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
#: Most collectivities the « Votre collectivité » chooser offers for one search (what the browser receives).
NAME_MATCHES = 20


@dataclass(frozen=True)
class NameIndex:
    """Every collectivity of France by folded name, for search-as-you-type on the server.

    The chooser once sent the 36 243 collectivities to the browser as one list: opening it took
    2 s, a keystroke 2 s and a choice up to a minute. The index stays on the server; the browser gets
    the :data:`NAME_MATCHES` best answers of each search.
    """

    keys: np.ndarray  # « type:code »
    labels: np.ndarray  # « Lille (59) »
    #: « lille 59 », with a space in front (each word starts after a space).
    spaced: pd.Series
    #: The name alone, folded (« lille »): an exact name comes first.
    names: np.ndarray
    population: np.ndarray


def build_name_index(keys, labels, names, population) -> NameIndex:
    """The index of ``keys`` (« type:code »), their ``labels``, bare ``names`` and ``population`` (ranks ties)."""
    labels = np.asarray(labels, dtype=object)
    folded = [fold(label) for label in labels]
    return NameIndex(
        keys=np.asarray(keys, dtype=object),
        labels=labels,
        spaced=pd.Series([" " + f for f in folded], dtype=object),
        names=np.asarray([fold(n) for n in names], dtype=object),
        population=pd.to_numeric(pd.Series(population), errors="coerce").fillna(0).to_numpy(dtype=float),
    )


def find_collectivities(index: NameIndex, text: str | None, limit: int = NAME_MATCHES) -> list[str]:
    """Keys of the collectivities whose name (or label) holds every word typed, as word beginnings, best first.

    « lille » → Lille (59) first (the name itself), then the names that start with it (Lillebonne…), then
    the others with a word starting « lille » (La Madeleine-sur-Lille…); ties by population, largest
    first. Accents, case and punctuation are ignored; « lille 59 » narrows to the Nord.
    """
    words = [_ABBREVIATIONS.get(w, w) for w in fold(text or "").split()]
    query = " ".join(words)
    if not words:
        return []
    keep = np.ones(len(index.keys), dtype=bool)
    for word in words:
        keep &= index.spaced.str.contains(" " + word, regex=False).to_numpy()
    hits = np.flatnonzero(keep)
    if not len(hits):
        return []
    names = index.names[hits]
    spaced = index.spaced.to_numpy()[hits]
    exact = np.array([n == query or s[1:] == query for n, s in zip(names, spaced, strict=True)])
    starts = np.array([n.startswith(query) for n in names])
    order = np.lexsort((-index.population[hits], ~starts, ~exact))
    return index.keys[hits[order[:limit]]].tolist()


def zone_of(query: PeerQuery, countries: pd.DataFrame) -> str | None:
    """The zone (continent, French name) the query aims at: the country's, else the one stated."""
    if query.country:
        hit = countries.loc[countries[S.ISO3] == query.country, S.CONTINENT]
        if not hit.empty:
            return str(hit.iloc[0])
    return query.zone or None


def haversine_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance (km) from one point to many, vectorised."""
    p1, p2 = np.radians(lat1), np.radians(np.asarray(lat2, dtype=float))
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=float) - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def size_band_index(population: np.ndarray | pd.Series) -> np.ndarray:
    """Index of the population band (−1 when unknown)."""
    pop = pd.to_numeric(pd.Series(population), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    idx = np.searchsorted(np.asarray(SIZE_BOUNDS[1:], dtype=float), pop, side="right")
    return np.where(np.isnan(pop), -1, idx)


@dataclass(frozen=True)
class PeerIndex:
    """Integer ids of the French collectivity and of the partner of each link, built once per dataset.

    Turning 600 000 codes and names into ids costs about a second; ranking with ids
    costs a few tens of milliseconds. The page builds this once per dataset (cached) and
    ranks every filtered view with it (a filtered frame keeps the dataset's index labels).
    """

    labels: pd.Index
    coll: np.ndarray
    partner: np.ndarray
    colls: pd.DataFrame
    coll_rank: np.ndarray
    partners: pd.DataFrame
    partner_label: np.ndarray
    partner_rank: np.ndarray

    def positions(self, links: pd.DataFrame) -> np.ndarray | None:
        """Position in the index of each row of ``links`` (``None`` if a row is unknown)."""
        if links.index.equals(self.labels):
            return np.arange(len(links))
        pos = self.labels.get_indexer(links.index)
        return None if (pos < 0).any() else pos

    def coll_id(self, key: str | None) -> int:
        """Id of « type:code » (−1 when it has no link)."""
        if not key:
            return -1
        hit = np.flatnonzero(self.colls[S.FR_KEY].to_numpy() == key)
        return int(hit[0]) if len(hit) else -1


_COLL_COLUMNS = (
    S.FR_TYPE,
    S.FR_CODE,
    S.FR_NAME,
    S.FR_DEPARTEMENT,
    S.FR_DEPARTEMENT_NAME,
    S.FR_REGION,
    S.FR_REGION_NAME,
    S.FR_POPULATION,
    S.FR_LAT,
    S.FR_LON,
)
_PARTNER_COLUMNS = (
    S.PARTNER_NAME,
    S.PARTNER_COUNTRY,
    S.PARTNER_COUNTRY_NAME,
    S.PARTNER_LAT,
    S.PARTNER_LON,
    S.PARTNER_APPROX,
)


def build_index(links: pd.DataFrame) -> PeerIndex:
    """The :class:`PeerIndex` of a links frame (the dataset's, before any filter)."""
    coll, first = _ids(links[S.FR_TYPE], links[S.FR_CODE])
    colls = links.iloc[first][list(_COLL_COLUMNS)].reset_index(drop=True)
    for col in (S.FR_TYPE, S.FR_DEPARTEMENT, S.FR_DEPARTEMENT_NAME, S.FR_REGION, S.FR_REGION_NAME):
        colls[col] = colls[col].astype(object).where(colls[col].notna(), None)
    colls.insert(0, S.FR_KEY, colls[S.FR_TYPE].astype(str) + ":" + colls[S.FR_CODE].astype(str))
    partner, pfirst = _ids(links[S.PARTNER_NAME], links[S.PARTNER_COUNTRY])
    partners = links.iloc[pfirst][list(_PARTNER_COLUMNS)].reset_index(drop=True)
    partners[S.PARTNER_COUNTRY] = partners[S.PARTNER_COUNTRY].astype(str)
    partners[S.PARTNER_COUNTRY_NAME] = partners[S.PARTNER_COUNTRY_NAME].astype(str)
    # In French (the index is built once per dataset); ``partner_labels`` gives them in the run's language.
    with using("fr"):
        names = [place_name(n) for n in partners[S.PARTNER_NAME].astype(str).tolist()]
    label = (pd.Series(names, index=partners.index) + " (" + partners[S.PARTNER_COUNTRY_NAME] + ")").to_numpy(
        dtype=object
    )
    return PeerIndex(
        labels=links.index,
        coll=coll,
        partner=partner,
        colls=colls,
        coll_rank=french_rank(colls[S.FR_NAME].astype(str).to_numpy(dtype=object), colls[S.FR_KEY].to_numpy()),
        partners=partners,
        partner_label=label,
        partner_rank=french_rank(label, partners[S.PARTNER_COUNTRY].to_numpy(dtype=object)),
    )


def partner_labels(index: PeerIndex) -> np.ndarray:
    """« Rufisque (Sénégal) » of each partner of the index, in the run's language (« Rufisque (Senegal) »).

    The index is built once per dataset, in French; an English page read « With: Rufisque (Sénégal) »
    in its cards while its partners' table said « Senegal »."""
    if language() != "en":
        return index.partner_label
    p = index.partners
    english = {
        (iso, fr): country_name(iso, fr)
        for iso, fr in set(zip(p[S.PARTNER_COUNTRY].tolist(), p[S.PARTNER_COUNTRY_NAME].tolist(), strict=True))
    }
    return np.array(
        [
            f"{name} ({english[(iso, fr)]})"
            for name, iso, fr in zip(
                p[S.PARTNER_NAME].astype(str).tolist(),
                p[S.PARTNER_COUNTRY].tolist(),
                p[S.PARTNER_COUNTRY_NAME].tolist(),
                strict=True,
            )
        ],
        dtype=object,
    )


def _theme_bits(series: pd.Series) -> np.ndarray:
    """Bit mask of the vocabulary themes of each link (bit i = ``S.THEMES[i]``), once per category."""
    bit = {t: 1 << i for i, t in enumerate(S.THEMES)}

    def bits(cells: pd.Series) -> pd.Series:
        return cells.map(lambda c: sum(bit.get(t, bit["autre"]) for t in dict.fromkeys(S.split_themes(c))))

    return per_category(series, bits, 0, np.int64)


def link_tiers(links: pd.DataFrame, query: PeerQuery, zone: str | None) -> np.ndarray:
    """Tier (1, 2, 3) of each link for the query, 0 when it does not match at all."""
    n = len(links)
    yes = np.ones(n, dtype=bool)
    country = _mask(links[S.PARTNER_COUNTRY], lambda s: s == query.country) if query.country else yes
    in_zone = _mask(links[S.PARTNER_CONTINENT], lambda s: s == zone) if zone else yes
    if query.themes:
        wanted = frozenset(query.themes)
        theme = _mask(links[S.THEMES_COL], lambda s: s.map(lambda c: any(t in wanted for t in S.split_themes(c))))
    else:
        theme = yes
    t1 = country & theme & in_zone
    t2 = country & in_zone & ~theme
    t3 = theme & in_zone & ~country
    return np.select([t1, t2, t3], [1, 2, 3], 0).astype(np.int8)


def _listing(group: np.ndarray, order: np.ndarray, labels: np.ndarray, n_groups: int, limit: int = MAX_LISTED):
    """Per group, « A, B, C, D et 3 autres »: distinct (group, item) pairs, items in ``order``.

    ``order`` is each item's rank in French order and ``labels[rank]`` its text.
    Returns an object array of length ``n_groups`` ("" for a group with no item).
    NOTE: one ``np.add.reduceat`` over the kept labels joins every group at once.
    """
    n_items = len(labels)
    out = np.full(n_groups, "", dtype=object)
    pairs = _unique(group.astype(np.int64) * n_items + order)
    if not len(pairs):
        return out
    g, r = pairs // n_items, pairs % n_items
    new_group = np.r_[True, g[1:] != g[:-1]]
    starts = np.flatnonzero(new_group)
    within = np.arange(len(pairs)) - np.repeat(starts, np.diff(np.r_[starts, len(pairs)]))
    kept = within < limit
    g, r, within = g[kept], r[kept], within[kept]
    pieces = np.where(within == 0, "", ", ").astype(object) + labels[r]
    heads = np.flatnonzero(within == 0)
    out[g[heads]] = np.add.reduceat(pieces, heads)
    extra = np.bincount(pairs // n_items, minlength=n_groups) - limit
    more = np.flatnonzero(extra > 0)
    counts = extra[more]
    if language() == "en":
        out[more] = out[more] + np.array([" " + t("et {n} autres", n=fmt_int(int(c))) for c in counts], dtype=object)
        return out
    words = np.where(counts >= 2, " autres", " autre").astype(object)
    numbers = counts.astype(str).astype(object)
    for j in np.flatnonzero(counts >= 1000):  # French thousands separator; rare
        numbers[j] = plural(int(counts[j]), "autre").rsplit(" ", 1)[0]
    out[more] = out[more] + " et " + numbers + words
    return out


def _km_text(dist: np.ndarray) -> np.ndarray:
    """« 23 km », « 1 234 km » (French thousands separator; « 1,234 km » in English), "" when unknown; vectorised."""
    known = ~np.isnan(dist)
    d = np.where(known, np.rint(np.nan_to_num(dist)), 0).astype(np.int64)
    small = d.astype(str).astype(object)
    separator = "," if language() == "en" else NNBSP
    big = (d // 1000).astype(str).astype(object) + separator + np.char.zfill((d % 1000).astype(str), 3).astype(object)
    text = np.where(d >= 1000, big, small) + " km"
    return np.where(known, text, "")


def match_reasons(df: pd.DataFrame, zone: str | None) -> np.ndarray:
    """The phrase « même pays, même thème, 23 km » (in the run's language), from the reason columns.

    ``df`` is :func:`rank_peers`'s frame (its flags and distance) and ``zone`` the continent's French
    name; the page's download asks it again in French for the file's « Pourquoi » column.

    The flags form few combinations: each combination's words are built once, then
    one concatenation per row adds the distance.
    """

    def on(col: str) -> np.ndarray:
        return df[col].fillna(False).to_numpy(dtype=bool)

    dist = df[S.DISTANCE_KM].to_numpy(dtype=float)
    no_dist = np.isnan(dist)
    before = [
        # « même pays » alone read as « in France too »: the partner's country is meant.
        (on(S.SAME_COUNTRY), t("même pays partenaire")),
        (on(S.SAME_ZONE) & ~on(S.SAME_COUNTRY), t("même zone ({zone})", zone=t(zone)) if zone else t("même zone")),
        (on(S.SAME_THEME), t("même thème")),
        (on(S.SAME_KIND), t("même type de lien")),
    ]
    after = [
        (no_dist & on(S.SAME_DEPARTEMENT), t("même département")),
        (no_dist & ~on(S.SAME_DEPARTEMENT) & on(S.SAME_REGION), t("même région")),
        (on(S.SAME_SIZE_BAND), t("taille comparable")),
    ]
    flags = before + after
    code = np.zeros(len(df), dtype=np.int64)
    for i, (flag, _) in enumerate(flags):
        code |= flag.astype(np.int64) << i
    km = _km_text(dist)
    out = np.empty(len(df), dtype=object)
    for c in _unique(code).tolist():
        rows = code == c
        head = [w for i, (_, w) in enumerate(before) if c >> i & 1]
        tail = [w for i, (_, w) in enumerate(after, start=len(before)) if c >> i & 1]
        pre = ", ".join(head)
        post = ", ".join(tail)
        d = km[rows]
        has = d != ""
        text = np.where(has & (pre != ""), pre + ", ", pre).astype(object) + d
        text = np.where((post != "") & ((pre != "") | has), text + ", " + post, text + post)
        out[rows] = np.where(text == "", t("aucun critère précisé"), text)
    return out


#: Columns of the ranked frame, in order.
PEER_RESULT_COLUMNS: tuple[str, ...] = (
    S.FR_KEY,
    S.FR_TYPE,
    S.FR_CODE,
    S.FR_NAME,
    S.FR_DEPARTEMENT,
    S.FR_DEPARTEMENT_NAME,
    S.FR_REGION,
    S.FR_REGION_NAME,
    S.FR_POPULATION,
    S.FR_LAT,
    S.FR_LON,
    S.PEER_TIER,
    S.MATCH_REASON,
    S.SAME_COUNTRY,
    S.SAME_THEME,
    S.SAME_ZONE,
    S.SAME_KIND,
    S.DISTANCE_KM,
    S.SAME_DEPARTEMENT,
    S.SAME_REGION,
    S.SIZE_BAND,
    S.SAME_SIZE_BAND,
    S.N_MATCHING_LINKS,
    S.PEER_PARTNERS,
    S.PEER_THEMES,
    S.FIRST_YEAR,
)


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=S.ALL_COLUMNS[c].dtype) for c in columns})


@dataclass(frozen=True)
class _Hits:
    """The links of a query, as positions and ids."""

    rows: np.ndarray  # positions in ``links``
    tier: np.ndarray
    coll: np.ndarray
    partner: np.ndarray


def _hits(
    links: pd.DataFrame, query: PeerQuery, countries: pd.DataFrame, index: PeerIndex | None
) -> tuple[_Hits, PeerIndex]:
    """Links of tier ≥ 1 for the query, the origin's own left out."""
    if index is None or (pos := index.positions(links)) is None:
        index = build_index(links)
        pos = np.arange(len(links))
    tiers = link_tiers(links, query, zone_of(query, countries))
    rows = np.flatnonzero(tiers > 0)
    coll = index.coll[pos[rows]]
    own = index.coll_id(query.origin)
    if own >= 0:
        keep = coll != own
        rows, coll = rows[keep], coll[keep]
    return _Hits(rows=rows, tier=tiers[rows], coll=coll, partner=index.partner[pos[rows]]), index


def _flag(values: np.ndarray | None, n: int) -> pd.arrays.BooleanArray:
    """A nullable boolean column: NA everywhere when the criterion was not stated."""
    if values is None:
        return pd.array([pd.NA] * n, dtype="boolean")
    return pd.array(np.asarray(values, dtype=bool), dtype="boolean")


def matching_links(
    links: pd.DataFrame,
    query: PeerQuery,
    countries: pd.DataFrame,
    index: PeerIndex | None = None,
    peers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The links of each peer's best tier (what makes it a peer), with their tier.

    In the order of ``peers`` (the frame :func:`rank_peers` returned) when given, else by
    tier then name; a peer's links by partner, in French order.
    """
    hits, index = _hits(links, query, countries, index)
    if not len(hits.rows):
        return links.iloc[0:0].assign(**{S.PEER_TIER: pd.Series(dtype="int64")})
    best = np.full(len(index.colls), 127, dtype=np.int8)
    np.minimum.at(best, hits.coll, hits.tier)
    top = hits.tier == best[hits.coll]
    rows, coll, tier, partner = hits.rows[top], hits.coll[top], hits.tier[top], hits.partner[top]
    if peers is not None:
        rank_of = np.full(len(index.colls), len(index.colls) + 1, dtype=np.int64)
        ids = pd.Index(index.colls[S.FR_KEY]).get_indexer(peers[S.FR_KEY])
        rank_of[ids[ids >= 0]] = np.arange(len(peers))[ids >= 0]
        primary = rank_of[coll]
    else:
        primary = tier.astype(np.int64) * (len(index.colls) + 1) + index.coll_rank[coll]
    order = np.lexsort((index.partner_rank[partner], primary))
    out = links.iloc[rows[order]].copy()
    out[S.PEER_TIER] = tier[order].astype(np.int64)
    return out


def rank_peers(
    links: pd.DataFrame,
    query: PeerQuery,
    collectivities: pd.DataFrame,
    countries: pd.DataFrame,
    index: PeerIndex | None = None,
) -> pd.DataFrame:
    """One row per engaged French collectivity matching the query, best first, with why.

    The user's own collectivity (``query.origin``) is left out. Partners, themes, first
    year and the number of links describe the links of the collectivity's best tier.
    ``index`` (from :func:`build_index` on the unfiltered dataset) makes it fast.
    """
    origin = origin_of(collectivities, query.origin)
    zone = zone_of(query, countries)
    hits, index = _hits(links, query, countries, index)
    if not len(hits.rows):
        return _empty(PEER_RESULT_COLUMNS)
    n_coll = len(index.colls)
    best = np.full(n_coll, 127, dtype=np.int8)
    np.minimum.at(best, hits.coll, hits.tier)
    top = hits.tier == best[hits.coll]
    rows, coll = hits.rows[top], hits.coll[top]
    ids = np.flatnonzero(best < 127)

    out = index.colls.iloc[ids].reset_index(drop=True)
    tier = best[ids].astype(np.int64)
    out[S.PEER_TIER] = tier
    out[S.N_MATCHING_LINKS] = np.bincount(coll, minlength=n_coll)[ids].astype(np.int64)
    years = links[S.START_YEAR].to_numpy(dtype=float, na_value=np.nan)[rows]
    first = np.full(n_coll, np.inf)
    np.fmin.at(first, coll, years)
    first = first[ids]
    out[S.FIRST_YEAR] = pd.array(np.where(np.isfinite(first), first, np.nan), dtype="Int64")

    # Why it matched, as data. NA = the user did not state that criterion.
    n = len(ids)
    out[S.SAME_COUNTRY] = _flag(np.isin(tier, (1, 2)) if query.country else None, n)
    out[S.SAME_THEME] = _flag(np.isin(tier, (1, 3)) if query.themes else None, n)
    out[S.SAME_ZONE] = _flag(np.ones(n, dtype=bool) if zone else None, n)
    if query.kind:
        hit = _mask(links[S.KIND], lambda s: s == query.kind)[rows]
        out[S.SAME_KIND] = _flag(np.bincount(coll, weights=hit, minlength=n_coll)[ids] > 0, n)
    else:
        out[S.SAME_KIND] = _flag(None, n)
    bands = size_band_index(out[S.FR_POPULATION])
    size_labels = np.asarray([t(label) for label in SIZE_LABELS], dtype=object)
    out[S.SIZE_BAND] = np.where(bands >= 0, size_labels[np.clip(bands, 0, None)], None)
    gap = np.zeros(n, dtype=np.int64)
    if origin is not None:
        out[S.DISTANCE_KM] = haversine_km(origin.lat, origin.lon, out[S.FR_LAT], out[S.FR_LON]).round(1)
        dep = out[S.FR_DEPARTEMENT].astype(str).to_numpy()
        reg = out[S.FR_REGION].astype(str).to_numpy()
        out[S.SAME_DEPARTEMENT] = _flag(dep == origin.departement if origin.departement else None, n)
        out[S.SAME_REGION] = _flag(reg == origin.region if origin.region else None, n)
        own = int(size_band_index([origin.population])[0])
        gap = np.where((bands >= 0) & (own >= 0), np.abs(bands - own), 99)
        out[S.SAME_SIZE_BAND] = _flag(gap == 0 if own >= 0 else None, n)
    else:
        out[S.DISTANCE_KM] = np.nan
        for col in (S.SAME_DEPARTEMENT, S.SAME_REGION, S.SAME_SIZE_BAND):
            out[col] = _flag(None, n)
    out[S.MATCH_REASON] = match_reasons(out, zone)

    # Partners and themes of the best-tier links, for reading.
    prank = index.partner_rank[hits.partner[top]]
    labels_by_rank = np.empty(len(index.partner_label), dtype=object)
    labels_by_rank[index.partner_rank] = partner_labels(index)
    out[S.PEER_PARTNERS] = _listing(coll, prank, labels_by_rank, n_coll)[ids]
    bits = np.zeros(n_coll, dtype=np.int64)
    np.bitwise_or.at(bits, coll, _theme_bits(links[S.THEMES_COL])[rows])
    wanted = [S.THEMES.index(t) for t in query.themes if t in S.THEMES]
    ordered = wanted + [i for i in range(len(S.THEMES)) if i not in wanted]
    mask_text = {
        m: ", ".join(t(S.THEMES[i]) for i in ordered if m >> i & 1) or t(S.UNKNOWN_LABEL)
        for m in _unique(bits[ids]).tolist()
    }
    out[S.PEER_THEMES] = pd.Series(bits[ids]).map(mask_text).to_numpy(dtype=object)

    # Order: tier, nearer, same département, same région, similar size, same type, kind, experience, name.
    own_type = origin.key.split(":", 1)[0] if origin is not None else None
    other_type = out[S.FR_TYPE].astype(str).to_numpy() != own_type if own_type else np.zeros(n, dtype=bool)
    order = np.lexsort(
        (
            index.coll_rank[ids],
            -out[S.N_MATCHING_LINKS].to_numpy(),
            ~out[S.SAME_KIND].fillna(False).to_numpy(dtype=bool),
            other_type,
            gap,
            ~out[S.SAME_REGION].fillna(False).to_numpy(dtype=bool),
            ~out[S.SAME_DEPARTEMENT].fillna(False).to_numpy(dtype=bool),
            np.nan_to_num(out[S.DISTANCE_KM].to_numpy(dtype=float), nan=np.inf),
            tier,
        )
    )
    return out.iloc[order][list(PEER_RESULT_COLUMNS)].reset_index(drop=True)


#: Columns of the partner table, in order.
PARTNER_RESULT_COLUMNS: tuple[str, ...] = (
    S.PARTNER_NAME,
    S.PARTNER_COUNTRY,
    S.PARTNER_COUNTRY_NAME,
    S.PARTNER_LAT,
    S.PARTNER_LON,
    S.PARTNER_APPROX,
    S.SAME_COUNTRY,
    S.N_COLLECTIVITIES,
    S.COUNT,
    S.FR_PARTNERS,
    S.FIRST_YEAR,
    S.ALREADY_PARTNER,
)


def partner_candidates(
    links: pd.DataFrame,
    query: PeerQuery,
    collectivities: pd.DataFrame,
    countries: pd.DataFrame,
    index: PeerIndex | None = None,
) -> pd.DataFrame:
    """Collectivities abroad already working with French ones on the themes, in the country or zone.

    Ranked: in the country first, then by number of French partners (a partner used to
    French cooperation is easier to approach), then by name. The counts include every
    French partner, the user's own too (flagged in ``already_partner``).
    """
    # NOTE: the origin is kept here (its partners count); the query without it.
    hits, index = _hits(links, replace(query, origin=None), countries, index)
    keep = np.isin(hits.tier, (1, 3))  # on the themes (when stated), in the country or its zone
    rows, tier, coll, pid = hits.rows[keep], hits.tier[keep], hits.coll[keep], hits.partner[keep]
    if not len(rows):
        return _empty(PARTNER_RESULT_COLUMNS)
    n_part, n_coll = len(index.partners), len(index.colls)
    ids = np.flatnonzero(np.bincount(pid, minlength=n_part) > 0)
    out = index.partners.iloc[ids].reset_index(drop=True)
    best = np.full(n_part, 127, dtype=np.int8)
    np.minimum.at(best, pid, tier)
    n_fr = np.bincount(_unique(pid * n_coll + coll) // n_coll, minlength=n_part)
    out[S.SAME_COUNTRY] = _flag(best[ids] == 1 if query.country else None, len(ids))
    out[S.N_COLLECTIVITIES] = n_fr[ids].astype(np.int64)
    out[S.COUNT] = np.bincount(pid, minlength=n_part)[ids].astype(np.int64)
    names_by_rank = np.empty(n_coll, dtype=object)
    names_by_rank[index.coll_rank] = index.colls[S.FR_NAME].astype(str).to_numpy(dtype=object)
    out[S.FR_PARTNERS] = _listing(pid, index.coll_rank[coll], names_by_rank, n_part)[ids]
    years = links[S.START_YEAR].to_numpy(dtype=float, na_value=np.nan)[rows]
    first = np.full(n_part, np.inf)
    np.fmin.at(first, pid, years)
    first = first[ids]
    out[S.FIRST_YEAR] = pd.array(np.where(np.isfinite(first), first, np.nan), dtype="Int64")
    own = index.coll_id(query.origin)
    if query.origin:
        mine = np.zeros(n_part, dtype=bool)
        mine[pid[coll == own]] = True
        out[S.ALREADY_PARTNER] = _flag(mine[ids], len(ids))
    else:
        out[S.ALREADY_PARTNER] = _flag(None, len(ids))
    order = np.lexsort((index.partner_rank[ids], -n_fr[ids], best[ids]))
    return out.iloc[order][list(PARTNER_RESULT_COLUMNS)].reset_index(drop=True)


# ---------------------------------------------------------------------------
# Phrases (French, or English on an English page): where, on what, and what to do when nothing matches
# ---------------------------------------------------------------------------
def country_label(iso: str, countries: pd.DataFrame) -> str:
    """A country's name in the run's language (the reference's French name, its English name in English)."""
    hit = countries.loc[countries[S.ISO3] == iso]
    if hit.empty:
        return iso
    english = hit[S.NAME_EN].iloc[0] if S.NAME_EN in hit else None
    return country_name(iso, str(hit[S.NAME_FR].iloc[0]), english if isinstance(english, str) else None)


def where_phrase(query: PeerQuery, countries: pd.DataFrame) -> str:
    """« au Burkina Faso », « en Afrique » (« in Burkina Faso », « in Africa »), or « » when no place is stated."""
    if query.country:
        if language() == "en":
            return t("en {place}", place=country_label(query.country, countries))
        hit = countries.loc[countries[S.ISO3] == query.country, S.NAME_FR]
        return in_country(str(hit.iloc[0]) if not hit.empty else query.country)
    if query.zone:
        return t("en {place}", place=t(query.zone))
    return ""


def own_links(links: pd.DataFrame, query: PeerQuery, countries: pd.DataFrame) -> pd.DataFrame:
    """The links of the search's own collectivity (``query.origin``) to the place it aims at (country, else zone),
    on its themes when it names some: what it already does itself (it is never one of its peers)."""
    if not query.origin or ":" not in query.origin or not (query.country or query.zone):
        return links.iloc[:0]
    fr_type, code = query.origin.split(":", 1)
    mine = (links[S.FR_TYPE].astype(str) == fr_type) & (links[S.FR_CODE].astype(str) == code)
    if query.country:
        mine &= links[S.PARTNER_COUNTRY].astype(str) == query.country
    else:
        mine &= links[S.PARTNER_CONTINENT].astype(str) == str(zone_of(query, countries))
    own = links.loc[mine.to_numpy()]
    if query.themes and len(own):
        wanted = set(query.themes)
        on_theme = own[S.THEMES_COL].astype(str).map(lambda cell: bool(wanted & set(cell.split("|"))))
        own = own.loc[on_theme.to_numpy()] if on_theme.any() else own
    return own


def own_links_note(own: pd.DataFrame, name: str, where: str) -> str:
    """« Lille (59) travaille déjà au Sénégal : 1 lien (Saint-Louis). Elle n'est pas comptée parmi ses pairs ;
    la carte du monde, elle, la compte. » (« » when it has no such link)."""
    if own.empty:
        return ""
    partners = sorted(dict.fromkeys(own[S.PARTNER_NAME].astype(str)), key=fold)
    listed = ", ".join(partners[:MAX_LISTED]) + (" …" if len(partners) > MAX_LISTED else "")
    return t(
        "{name} travaille déjà {where} : {links} ({partners}). Elle n'est pas comptée parmi ses propres pairs ; "
        "les comptes de la carte du monde, eux, l'incluent.",
        name=name,
        where=where,
        links=plural(len(own), "lien"),
        partners=listed,
    )


@dataclass(frozen=True)
class Relaxation:
    """A wider search: its description (« au pays seul (tous thèmes) », in the run's language), how many
    collectivities it finds, the query."""

    text: str
    count: int
    query: PeerQuery


def _count(links: pd.DataFrame, query: PeerQuery, countries: pd.DataFrame, index: PeerIndex | None) -> int:
    """Engaged collectivities matching everything ``query`` states (tier 1; origin left out)."""
    hits, _ = _hits(links, query, countries, index)
    return len(_unique(hits.coll[hits.tier == 1]))


def relaxations(
    links: pd.DataFrame, query: PeerQuery, countries: pd.DataFrame, index: PeerIndex | None = None
) -> list[Relaxation]:
    """What widening the search would give, computed on ``links``: only the widenings that
    make sense for what was stated (the kind of link, a tie-breaker, is kept)."""
    zone = zone_of(query, countries)
    base = PeerQuery(origin=query.origin, kind=query.kind)
    wider: list[tuple[str, PeerQuery]] = []
    if query.themes and query.country:
        if zone:
            wider.append(
                (
                    t("au thème seul dans la même zone ({zone})", zone=t(zone)),
                    replace(base, zone=zone, themes=query.themes),
                )
            )
        wider.append((t("au pays seul (tous thèmes)"), replace(base, country=query.country)))
    elif query.themes and zone:
        wider.append((t("à toute la zone ({zone}), tous thèmes", zone=t(zone)), replace(base, zone=zone)))
    if query.themes and (query.country or zone):
        wider.append((t("au thème seul, partout dans le monde"), replace(base, themes=query.themes)))
    elif query.country and zone:
        wider.append((t("à toute la zone ({zone})", zone=t(zone)), replace(base, zone=zone)))
    return [Relaxation(text, _count(links, q, countries, index), q) for text, q in wider]


def no_exact_match_message(
    result: pd.DataFrame,
    query: PeerQuery,
    links: pd.DataFrame,
    countries: pd.DataFrame,
    index: PeerIndex | None = None,
) -> str | None:
    """The helpful sentence when nothing matches everything asked (``None`` when tier 1 is not empty).

    « Aucune collectivité ne travaille sur « gestion des déchets » au Burkina Faso ; en
    élargissant au thème seul dans la même zone (Afrique) : 12 résultats. »
    """
    if query.is_empty() or (len(result) and (result[S.PEER_TIER] == 1).any()):
        return None
    where = where_phrase(query, countries)
    if query.themes:
        # NOTE: « ne travaille sur » would claim more than the data knows: most links have no theme.
        head = t(
            "Aucun lien{where} n'a le thème {themes} parmi les thèmes connus ({known})",
            where=" " + where if where else "",
            themes=themes_phrase(query.themes),
            known=_known_themes_text(links),
        )
    elif where:
        head = t("Aucune collectivité n'a de lien {where}", where=where)
    else:
        head = t("Aucune autre collectivité engagée ne correspond")
    options = [r for r in relaxations(links, query, countries, index) if r.count > 0]
    if not options:
        return t(
            "{head}, et élargir la recherche ne donne rien non plus : essayez un autre thème ou un autre pays.",
            head=head,
        )
    widened = t(" ; ").join(
        t("{wider} : {results}", wider=r.text, results=plural(r.count, "résultat")) for r in options
    )
    return t("{head} ; en élargissant {widened}.", head=head, widened=widened)


def _known_themes_text(links: pd.DataFrame) -> str:
    from lianes_dash.analysis import metrics as M

    return M.coverage_sentence("thèmes", M.known_themes_count(links), len(links))


def ranking_note(links: pd.DataFrame) -> str:
    """What the ranking rests on, said on the page: the share of links with a known theme and year,
    and the criteria that are known for every link."""
    from lianes_dash.analysis import metrics as M

    total = len(links)
    themes = M.known_themes_count(links)
    years = total - M.unknown_year_count(links)
    return (
        t(
            "Le thème n'est connu que pour {themes} liens sur {total} et l'année de début pour {years} : le "
            "classement repose sur ce qui est connu de chaque lien — le pays partenaire, puis la distance à votre "
            "collectivité (même département, même région), la taille et le type de collectivité. Un lien sans thème "
            "connu ne répond jamais à un thème demandé.",
            themes=fmt_int(themes),
            total=fmt_int(total),
            years=fmt_int(years),
        )
        if themes < total or years < total
        else t("Classement : pays et thème, puis distance, taille et type de collectivité.")
    )
