"""The filters shared by every page: a value object, the filtering, and its URL form.

Pure Python; the sidebar widgets (``lianes_dash/ui``) only read and write a
:class:`Filters`. The URL form is what makes a copied link reopen the same view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from lianes_dash import schema as S
from lianes_dash.text import fold
from lianes_dash.vectors import category_mask as _category_mask

#: URL parameter of each filter field (short, stable, French).
URL_KEYS: dict[str, str] = {
    "regions": "region",
    "departements": "dep",
    "types": "type",
    "continents": "continent",
    "countries": "pays",
    "themes": "theme",
    "kinds": "lien",
    "collectivities": "coll",
    "year_min": "de",
    "year_max": "a",
    "year_unknown": "sans_annee",
    "search": "q",
}
#: French label of each multi-value filter field, as the sidebar and the exports say it.
FILTER_LABELS: dict[str, str] = {
    "regions": "Région",
    "departements": "Département",
    "types": "Type de collectivité",
    "collectivities": "Collectivité française",
    "continents": "Continent",
    "countries": "Pays partenaire",
    "themes": "Thème",
    "kinds": "Type de lien",
}
#: Separator of several values in one URL parameter: « pays=BFA~CMR ».
URL_SEP = "~"
#: The theme filter's value for « no theme known » (an empty ``themes`` cell): offered because
#: most real links carry no theme, so that a theme filter never drops them without a word.
UNKNOWN_THEME = S.UNKNOWN_LABEL
#: Scalar fields (not a tuple of values): the year range, the links without a year, the search.
SCALAR_FIELDS: tuple[str, ...] = ("year_min", "year_max", "year_unknown", "search")
#: Longest accepted free-text search (a URL is user input).
MAX_SEARCH = 100


@dataclass(frozen=True)
class Filters:
    """What the user keeps. Empty tuples and ``None`` mean « no restriction ».

    ``collectivities`` holds keys « type:code » (« commune:59279 »).
    NOTE: frozen and made of tuples so that it is hashable: it keys the caches.
    """

    regions: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    continents: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    collectivities: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None
    #: Keep the links whose start year is unknown (most real links). NOTE: on by default, so
    #: that moving the year slider never silently drops them; the user may switch it off.
    year_unknown: bool = True
    search: str = ""

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return self == Filters()

    def active_count(self) -> int:
        """How many filter fields restrict the data (the year range and the unknown years count once)."""
        n = sum(bool(getattr(self, f.name)) for f in fields(self) if f.name not in SCALAR_FIELDS)
        years = self.year_min is not None or self.year_max is not None or not self.year_unknown
        return n + int(years) + int(bool(self.search))

    def restricts_years(self) -> bool:
        """True when the year filter keeps fewer links than « every year, known or not »."""
        return self.year_min is not None or self.year_max is not None or not self.year_unknown


def collectivity_key(fr_type: str, code: str) -> str:
    """« commune:59279 »: how a French collectivity is named in filters and URLs."""
    return f"{fr_type}:{code}"


_TYPE_SUFFIX = {"departement": " (département)", "region": " (région)"}


def collectivity_label(fr_type: str, name: str, departement: object) -> str:
    """How a French collectivity is named in lists: « Halluin (59) », « Nord (département) ».

    NOTE: the département tells homonym communes apart; a département or région is marked as
    such so that « Nord » the collectivity is not read as the département filter.
    """
    dep = "" if departement is None or pd.isna(departement) else str(departement)
    if fr_type in ("commune", "epci") and dep and dep not in ("nan", "<NA>", "None"):
        return f"{name} ({dep})"
    return f"{name}{_TYPE_SUFFIX.get(fr_type, '')}"


def _text_mask(series: pd.Series, needle: str) -> np.ndarray:
    """Accent-insensitive « contains », folded once per distinct value."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return _category_mask(series, lambda cats: cats.map(fold).str.contains(needle, regex=False))
    values = series.astype(str)
    uniques = pd.Series(values.unique())
    hit = dict(zip(uniques, uniques.map(fold).str.contains(needle, regex=False), strict=True))
    return values.map(hit).to_numpy(dtype=bool)


def filter_links(links: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The links that pass every filter (all fields combine with AND, values within a field with OR)."""
    mask = np.ones(len(links), dtype=bool)

    def isin(column: str, values: tuple[str, ...]) -> None:
        nonlocal mask
        if values:
            wanted = set(values)
            mask &= _category_mask(links[column], lambda s: s.isin(wanted))

    isin(S.FR_REGION, filters.regions)
    isin(S.FR_DEPARTEMENT, filters.departements)
    isin(S.FR_TYPE, filters.types)
    isin(S.PARTNER_CONTINENT, filters.continents)
    isin(S.PARTNER_COUNTRY, filters.countries)
    isin(S.KIND, filters.kinds)
    if filters.themes:
        wanted = set(filters.themes)
        other = S.OTHER_THEMES_LABEL in wanted
        unknown = UNKNOWN_THEME in wanted

        def has_theme(cells: pd.Series) -> pd.Series:
            return cells.map(
                lambda c: any(t in wanted or (other and t.startswith(S.OTHER_THEME_PREFIX)) for t in S.split_themes(c))
            )

        themes = links[S.THEMES_COL]
        theme_mask = _category_mask(themes, has_theme)
        if unknown:
            # NOTE: an empty cell (NA, or no theme between separators) is « non renseigné ».
            theme_mask = (
                theme_mask
                | themes.isna().to_numpy(dtype=bool)
                | _category_mask(themes, lambda cells: cells.map(lambda c: not S.split_themes(c)))
            )
        mask &= theme_mask
    if filters.collectivities:
        keys = set(filters.collectivities)
        combined = links[S.FR_TYPE].astype(str) + ":" + links[S.FR_CODE].astype(str)
        mask &= combined.isin(keys).to_numpy()
    if filters.restricts_years():
        years = links[S.START_YEAR]
        lo = filters.year_min if filters.year_min is not None else -(10**9)
        hi = filters.year_max if filters.year_max is not None else 10**9
        # NOTE: a link whose year is unknown cannot be said to be in the range; it is kept
        # (or not) by ``year_unknown`` alone, which the sidebar shows with its count.
        in_range = years.between(lo, hi).fillna(False).to_numpy(dtype=bool)
        if filters.year_unknown:
            in_range = in_range | years.isna().to_numpy(dtype=bool)
        mask &= in_range
    if filters.search.strip():
        needle = fold(filters.search)
        if needle:
            hit = _text_mask(links[S.FR_NAME], needle) | _text_mask(links[S.PARTNER_NAME], needle)
            if S.PARTNER_COUNTRY_NAME in links:
                hit |= _text_mask(links[S.PARTNER_COUNTRY_NAME], needle)
            mask &= hit
    if mask.all():
        # NOTE: nothing filtered out: a shallow copy, not a copy of every column (100 MB at
        # 100×, once per cached selection). Copy-on-write (pandas ≥ 3) keeps it as safe.
        return links.copy(deep=False)
    return links.loc[mask]


def to_query(filters: Filters) -> dict[str, str]:
    """URL parameters of the filters (only the active ones)."""
    out: dict[str, str] = {}
    for f in fields(filters):
        value = getattr(filters, f.name)
        if f.name == "year_unknown":
            if not value:
                out[URL_KEYS[f.name]] = "0"
            continue
        if value in ((), None, ""):
            continue
        key = URL_KEYS[f.name]
        out[key] = URL_SEP.join(value) if isinstance(value, tuple) else str(value)
    return out


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 else None  # « ¹²³⁴ ».isdigit()


def from_query(params: Mapping[str, str | list[str]], allowed: Mapping[str, set[str]] | None = None) -> Filters:
    """Filters read back from URL parameters; unknown or malformed values are dropped.

    ``allowed`` maps a field name to its valid values (e.g. the ISO codes present), so
    that a hand-edited URL cannot smuggle in arbitrary text.
    """

    def get(key: str) -> str | None:
        value = params.get(key)
        if isinstance(value, list):
            value = value[-1] if value else None
        return value

    kwargs: dict[str, object] = {}
    for f in fields(Filters):
        raw = get(URL_KEYS[f.name])
        if raw is None:
            continue
        if f.name in ("year_min", "year_max"):
            kwargs[f.name] = _year(raw)
        elif f.name == "year_unknown":
            kwargs[f.name] = raw.strip() != "0"
        elif f.name == "search":
            kwargs[f.name] = raw[:MAX_SEARCH]
        else:
            values = tuple(dict.fromkeys(v for v in raw.split(URL_SEP) if v))
            if allowed is not None and f.name in allowed:
                values = tuple(v for v in values if v in allowed[f.name])
            kwargs[f.name] = values
    return Filters(**kwargs)


def without(filters: Filters, **changes) -> Filters:
    """A copy with some fields changed (e.g. ``without(f, countries=())``)."""
    return replace(filters, **changes)
