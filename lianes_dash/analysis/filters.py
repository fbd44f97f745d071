"""The filters shared by every page: a value object, the registry of filters, the filtering, its URL form.

Pure Python; the sidebar widgets (``lianes_dash/ui``) only read and write a :class:`Filters`.
Each filter is one entry of :data:`FILTERS` (in the manner of datasette's filter classes): its
field, URL key, French and English label, column, how it matches, its choices and how it reads
in a sentence. The sidebar, the URL round trip, :func:`filter_links`, the exports' filter lines
and the slides' scope loop over it. The URL form is what makes a copied link reopen the same view.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import ClassVar, Literal

import numpy as np
import pandas as pd

from lianes_dash.analysis import metrics as M
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.dataset.vectors import category_mask as _category_mask
from lianes_dash.dataset.vectors import dense_ids, per_distinct
from lianes_dash.text import i18n
from lianes_dash.text import urls as U
from lianes_dash.text.french import fold, sort_key, sorted_fr

#: Separator of several values in one URL parameter: « pays=BFA~CMR ».
URL_SEP = U.SEP
#: The theme filter's value for « no theme known » (an empty ``themes`` cell): offered because
#: most real links carry no theme, so that a theme filter never drops them without a word.
UNKNOWN_THEME = S.UNKNOWN_LABEL
#: Longest accepted free-text search (a URL is user input).
MAX_SEARCH = 100


@dataclass(frozen=True)
class Filters:
    """What the user keeps. Empty tuples and ``None`` mean « no restriction ».

    ``collectivities`` holds keys « type:code » (« commune:59279 »).
    Frozen and made of tuples so that it is hashable: it keys the caches.
    """

    regions: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    continents: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    collectivities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None
    #: Keep the links whose start year is unknown (most real links). On by default, so
    #: that moving the year slider never silently drops them; the user may switch it off.
    year_unknown: bool = True
    search: str = ""

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return self == Filters()

    def active_count(self) -> int:
        """How many filter fields restrict the data (the year range and the unknown years count once)."""
        return sum(spec.active(self) for spec in FILTERS)

    def restricts_years(self) -> bool:
        """True when the year filter keeps fewer links than « every year, known or not »."""
        return self.year_min is not None or self.year_max is not None or not self.year_unknown


def collectivity_key(fr_type: str, code: str) -> str:
    """« commune:59279 »: how a French collectivity is named in filters and URLs."""
    return f"{fr_type}:{code}"


#: The collectivity types marked after their name, and the word that marks them (French).
_TYPE_WORDS = {"departement": "département", "region": "région"}
_TYPE_SUFFIX = {fr_type: f" ({word})" for fr_type, word in _TYPE_WORDS.items()}


def collectivity_label(fr_type: str, name: str, departement: object, suffix: dict[str, str] = _TYPE_SUFFIX) -> str:
    """How a French collectivity is named in lists: « Halluin (59) », « Nord (département) ».

    The département tells homonym communes apart; a département or région is marked as
    such so that « Nord » the collectivity is not read as the département filter. ``suffix``:
    those marks in another language (:func:`type_suffixes`).
    """
    dep = "" if departement is None or pd.isna(departement) else str(departement)
    if fr_type in ("commune", "epci") and dep and dep not in ("nan", "<NA>", "None"):
        return f"{name} ({dep})"
    return f"{name}{suffix.get(fr_type, '')}"


def type_suffixes() -> dict[str, str]:
    """« (département) », « (région) » in the run's language, for :func:`collectivity_label`."""
    return {fr_type: f" ({i18n.t(word)})" for fr_type, word in _TYPE_WORDS.items()}


def _text_mask(series: pd.Series, needle: str) -> np.ndarray:
    """Accent-insensitive « contains », folded once per distinct value."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return _category_mask(series, lambda cats: cats.map(fold).str.contains(needle, regex=False))
    return per_distinct(series.astype(str), lambda value: needle in fold(value), na=False).astype(bool)


# ---------------------------------------------------------------------------
# The registry: one declaration per filter
# ---------------------------------------------------------------------------
#: Language of a description (the app is French first; the English version reads the same specs).
Lang = Literal["fr", "en"]


class Lookup:
    """The reference tables a filter names its values from (régions, départements, countries, collectivities).

    NOTE: each table is indexed on first use only: the exports name a handful of values.
    """

    def __init__(self, collectivities: pd.DataFrame, countries: pd.DataFrame | None = None) -> None:
        self.collectivities = collectivities
        self.countries = countries
        self._cache: dict[str, object] = {}

    def _level(self, level: str) -> pd.Series:
        if level not in self._cache:
            coll = self.collectivities
            self._cache[level] = coll.loc[coll[S.TYPE] == level].set_index(S.CODE)[S.NAME]
        return self._cache[level]

    def region_names(self) -> pd.Series:
        """Région code → French name."""
        return self._level("region")

    def departement_names(self) -> pd.Series:
        """Département code → French name."""
        return self._level("departement")

    def country_names(self) -> pd.Series:
        """ISO alpha-3 → French name (empty without a countries table)."""
        if "countries" not in self._cache:
            c = self.countries
            self._cache["countries"] = pd.Series(dtype=object) if c is None else c.set_index(S.ISO3)[S.NAME_FR]
        return self._cache["countries"]

    def collectivity_rows(self) -> pd.DataFrame:
        """Reference collectivities indexed by their « type:code » key."""
        if "by_key" not in self._cache:
            coll = self.collectivities
            keys = coll[S.TYPE].astype(str) + ":" + coll[S.CODE].astype(str)
            self._cache["by_key"] = coll.set_index(keys)
        return self._cache["by_key"]


def _distinct_text(series: pd.Series) -> list[str]:
    """The distinct values of a column, in order of first appearance, as text (NA left out).

    NOTE: distinct first, text after: ``astype(str)`` before ``unique()`` turned every one of
    500 000 links to a string (the sources' choices took ~200 MB at 100×, once per process).
    """
    distinct = pd.Series(series.dropna().unique())
    return [str(v) for v in distinct.astype(str)]


def _present(links: pd.DataFrame, column: str) -> list[str]:
    """The values a column holds (as text, NA left out)."""
    return _distinct_text(links[column])


def _found(values: tuple[str, ...], names: pd.Series, fmt: Callable[[str, str], str]) -> dict[str, str]:
    """Names of the values the reference knows (unknown ones are left out: shown as they are)."""
    return {v: fmt(v, str(names[v])) for v in values if v in names.index}


def _by_name(names: dict[str, str]) -> dict[str, str]:
    """``names`` in French order of their labels (:func:`lianes_dash.text.french.sort_key`)."""
    return {v: names[v] for v in sorted(names, key=lambda v: sort_key(names[v]))}


# How each filter names its values (value → French name).
def _region_names(values: tuple[str, ...], lookup: Lookup) -> dict[str, str]:
    return _found(values, lookup.region_names(), lambda _code, name: name)


def _departement_names(values: tuple[str, ...], lookup: Lookup) -> dict[str, str]:
    return _found(values, lookup.departement_names(), lambda code, name: f"{code} – {name}")


def _country_names(values: tuple[str, ...], lookup: Lookup) -> dict[str, str]:
    return _found(values, lookup.country_names(), lambda _code, name: name)


def _type_names(values: tuple[str, ...], lookup: Lookup) -> dict[str, str]:
    return {v: S.TYPE_LABELS[v] for v in values if v in S.TYPE_LABELS}


def _collectivity_names(values: tuple[str, ...], lookup: Lookup) -> dict[str, str]:
    rows = lookup.collectivity_rows()
    out = {}
    for key in values:
        if key in rows.index:
            row = rows.loc[key]
            out[key] = collectivity_label(row[S.TYPE], str(row[S.NAME]), row[S.DEPARTEMENT])
    return out


def _as_is(values: tuple[str, ...], lookup: Lookup) -> dict[str, str]:
    return {}


# How each filter lists its choices (value → label in the sidebar, in the order shown).
def _region_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    present = tuple(_present(links, S.FR_REGION))
    return _by_name({v: v for v in present} | _region_names(present, lookup))


def _departement_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    present = tuple(_present(links, S.FR_DEPARTEMENT))
    names = {v: f"{v} – {v}" for v in present} | _departement_names(present, lookup)
    return {v: names[v] for v in sorted(names)}


def _type_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    present = set(_present(links, S.FR_TYPE))
    return {t: S.TYPE_LABELS[t] for t in S.FR_TYPES if t in present}


def collectivity_choices(links: pd.DataFrame) -> dict[str, str]:
    """The French collectivities of ``links``: « type:code » → « Halluin (59) », in French order."""
    # The first link of each (type, code), found on integer codes, then only those rows as text:
    # ``astype(str)`` on every link first cost ~80 MB at 100×.
    _ids, first = dense_ids(links[S.FR_TYPE], links[S.FR_CODE])
    columns = [S.FR_TYPE, S.FR_CODE, S.FR_NAME, S.FR_DEPARTEMENT]
    fr = links[columns].iloc[np.sort(first)].astype(str)
    labels = {collectivity_key(t, c): collectivity_label(t, n, d) for t, c, n, d in fr.itertuples(index=False)}
    return _by_name(labels)


def _collectivity_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    return collectivity_choices(links)


def _continent_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    return {c: c for c in sorted_fr(_present(links, S.PARTNER_CONTINENT))}


def _country_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    present = tuple(_present(links, S.PARTNER_COUNTRY))
    return _by_name({v: v for v in present} | _country_names(present, lookup))


def _theme_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    present = set()
    cells = links[S.THEMES_COL]
    for cell in _distinct_text(cells):
        for t in S.split_themes(cell):
            present.add(S.OTHER_THEMES_LABEL if t.startswith(S.OTHER_THEME_PREFIX) else t)
    themes = {t: t for t in S.THEMES if t in present}
    # « non renseigné » is a choice of its own when some links have no theme, last.
    if M.known_themes_count(links) < len(links):
        themes[UNKNOWN_THEME] = f"{UNKNOWN_THEME} (aucun thème connu)"
    return themes


def _kind_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    present = set(_present(links, S.KIND))
    return {k: k for k in S.KINDS if k in present}


def _source_choices(links: pd.DataFrame, lookup: Lookup) -> dict[str, str]:
    keys = {key for cell in _distinct_text(links[S.SOURCE]) for key in S.split_sources(cell)}
    return _by_name({key: SRC.label_of(key) for key in keys})


def _source_names(values: tuple[str, ...], lookup: Lookup) -> dict[str, str]:
    return {key: SRC.label_of(key) for key in values}


_MORE = {"fr": ("et {n} autre", "et {n} autres"), "en": ("and {n} more", "and {n} more")}


@dataclass(frozen=True, eq=False)
class FilterSpec:
    """One filter: its ``Filters`` field, URL key, labels, column, match, and how it reads in a sentence.

    Subclasses say how it matches (``match``); a test checks each spec has every part.
    ``sentence_fr`` / ``sentence_en`` are templates: ``{label}`` and ``{values}`` (or ``{span}``…).
    """

    field: str
    url_key: str
    label_fr: str
    label_en: str
    column: str
    #: How it reads in a sentence; most filters read « Label : a, b ».
    sentence_fr: str = "{label} : {values}"
    sentence_en: str = "{label}: {values}"
    #: How the filter matches a link (« isin », « themes », « collectivity », « year range », « text »).
    match: ClassVar[str] = ""

    @property
    def fields(self) -> tuple[str, ...]:
        """The ``Filters`` fields this spec owns."""
        return (self.field,)

    @property
    def url_keys(self) -> tuple[str, ...]:
        """The URL parameters this spec reads and writes, in the order of its fields."""
        return (self.url_key,)

    def label(self, lang: Lang = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en

    def sentence(self, lang: Lang, **parts: str) -> str:
        template = self.sentence_fr if lang == "fr" else self.sentence_en
        return template.format(label=self.label(lang), **parts)

    def active(self, filters: Filters) -> bool:
        return bool(getattr(filters, self.field))

    def mask(self, links: pd.DataFrame, filters: Filters) -> np.ndarray:
        raise NotImplementedError

    def to_query(self, filters: Filters) -> dict[str, str]:
        raise NotImplementedError

    def from_query(self, params: Mapping[str, object], allowed: Mapping[str, set[str]] | None) -> dict[str, object]:
        raise NotImplementedError

    def check(
        self, params: Mapping[str, object], allowed: Mapping[str, set[str]], bounds: tuple[int, int]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Its URL values the app can use (``clean``) and its keys ignored with their reason."""
        raise NotImplementedError

    def describe(
        self, filters: Filters, names: Mapping[str, str], lang: Lang = "fr", max_values: int | None = None
    ) -> str | None:
        """The filter in one line (« Pays partenaire : Burkina Faso »), None when it restricts nothing."""
        raise NotImplementedError


@dataclass(frozen=True, eq=False)
class ValuesFilter(FilterSpec):
    """A link is kept when its ``column`` holds one of the chosen values (several values: OR)."""

    #: The sidebar's choices for a dataset: value → label, in the order shown.
    choices: Callable[[pd.DataFrame, Lookup], dict[str, str]] = field(kw_only=True)
    #: The names of chosen values, from the reference (a value it does not know is shown as it is).
    names: Callable[[tuple[str, ...], Lookup], dict[str, str]] = field(kw_only=True)
    #: Described values sorted the French way (names), or kept in the order chosen (a vocabulary).
    sort_names: bool = field(kw_only=True)
    #: How a cell holding several values (« wikidata|wikipedia ») is split; None: one value per cell.
    splits: Callable[[object], list[str]] | None = field(default=None, kw_only=True)
    #: How its values' names read in English: « same » (names of places), « catalogue » (words of
    #: the app, through :func:`lianes_dash.text.i18n.t`), « country names » (the reference's English
    #: name), « source labels » (the source registry's English label).
    english: Literal["same", "catalogue", "country names", "source labels"] = field(default="same", kw_only=True)
    match: ClassVar[str] = "isin"

    def mask(self, links: pd.DataFrame, filters: Filters) -> np.ndarray:
        wanted = set(getattr(filters, self.field))
        split = self.splits
        if split is None:
            return _category_mask(links[self.column], lambda s: s.isin(wanted))
        return _category_mask(links[self.column], lambda cells: cells.map(lambda c: not wanted.isdisjoint(split(c))))

    def names_in_language(self, names: Mapping[str, str], english_countries: Mapping[str, str]) -> dict[str, str]:
        """``names`` (value → French name) in the run's language; ``english_countries``: ISO3 → English name."""
        if i18n.language() == "fr" or self.english == "same":
            return dict(names)
        if self.english == "country names":
            return {v: i18n.country_name(v, name, english_countries.get(v)) for v, name in names.items()}
        if self.english == "source labels":
            return {v: SRC.label_of(v, english=True) for v in names}
        return {v: i18n.t(name) for v, name in names.items()}

    def to_query(self, filters: Filters) -> dict[str, str]:
        values = getattr(filters, self.field)
        return {self.url_key: U.encode_values(values)} if values else {}

    def from_query(self, params: Mapping[str, object], allowed: Mapping[str, set[str]] | None) -> dict[str, object]:
        raw = U.get(params, self.url_key)
        if raw is None:
            return {}
        known = allowed.get(self.field) if allowed is not None else None
        return {self.field: U.keep_known(raw, known)[0]}

    def check(
        self, params: Mapping[str, object], allowed: Mapping[str, set[str]], bounds: tuple[int, int]
    ) -> tuple[dict[str, str], dict[str, str]]:
        raw = U.get(params, self.url_key)
        if raw is None:
            return {}, {}
        if len(raw) > U.MAX_VALUE_CHARS:
            return {}, {self.url_key: U.TOO_LONG}
        kept, reason = U.keep_known(raw, allowed.get(self.field, set()))
        return (
            {self.url_key: U.encode_values(kept)} if kept else {},
            {self.url_key: reason} if reason else {},
        )

    def describe(
        self, filters: Filters, names: Mapping[str, str], lang: Lang = "fr", max_values: int | None = None
    ) -> str | None:
        values = getattr(filters, self.field)
        if not values:
            return None
        shown = [str(names.get(v, v)) for v in values]
        if self.sort_names:
            shown = sorted_fr(shown)
        if max_values is not None and len(shown) > max_values:
            more = len(shown) - max_values
            one, many = _MORE[lang]
            shown = [*shown[:max_values], (one if more == 1 else many).format(n=more)]
            return self.sentence(lang, values=", ".join(shown[:-1]) + " " + shown[-1])
        return self.sentence(lang, values=", ".join(shown))


@dataclass(frozen=True, eq=False)
class ThemesFilter(ValuesFilter):
    """A link is kept when one of its themes (« a|b » cells) is chosen; « autre : … » counts as
    « autre », and « non renseigné » keeps the links with no theme."""

    match: ClassVar[str] = "themes"

    def mask(self, links: pd.DataFrame, filters: Filters) -> np.ndarray:
        wanted = set(getattr(filters, self.field))
        other = S.OTHER_THEMES_LABEL in wanted

        def has_theme(cells: pd.Series) -> pd.Series:
            return cells.map(
                lambda c: any(t in wanted or (other and t.startswith(S.OTHER_THEME_PREFIX)) for t in S.split_themes(c))
            )

        themes = links[self.column]
        theme_mask = _category_mask(themes, has_theme)
        if UNKNOWN_THEME in wanted:
            # An empty cell (NA, or no theme between separators) is « non renseigné ».
            theme_mask = (
                theme_mask
                | themes.isna().to_numpy(dtype=bool)
                | _category_mask(themes, lambda cells: cells.map(lambda c: not S.split_themes(c)))
            )
        return theme_mask


@dataclass(frozen=True, eq=False)
class CollectivityFilter(ValuesFilter):
    """A link is kept when its French collectivity's key « type:code » is chosen (``column``: the code)."""

    match: ClassVar[str] = "collectivity"

    def mask(self, links: pd.DataFrame, filters: Filters) -> np.ndarray:
        keys = set(getattr(filters, self.field))
        combined = links[S.FR_TYPE].astype(str) + ":" + links[self.column].astype(str)
        return combined.isin(keys).to_numpy()


_SPAN = {
    "fr": {"both": "de {lo} à {hi}", "same": "en {lo}", "from": "à partir de {lo}", "to": "jusqu'en {hi}",
           "known": "connue", "kept": "gardés", "dropped": "écartés"},
    "en": {"both": "from {lo} to {hi}", "same": "in {lo}", "from": "from {lo} on", "to": "up to {hi}",
           "known": "known", "kept": "kept", "dropped": "left out"},
}  # fmt: skip


@dataclass(frozen=True, eq=False)
class YearFilter(FilterSpec):
    """The start-year range (``field`` .. ``max_field``), and whether links with no known year are kept."""

    max_field: str = field(kw_only=True)
    unknown_field: str = field(kw_only=True)
    max_url_key: str = field(kw_only=True)
    unknown_url_key: str = field(kw_only=True)
    match: ClassVar[str] = "year range"

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field, self.max_field, self.unknown_field)

    @property
    def url_keys(self) -> tuple[str, ...]:
        return (self.url_key, self.max_url_key, self.unknown_url_key)

    def range_of(self, filters: Filters) -> tuple[int | None, int | None, bool]:
        """(first year, last year, keep links with no known year) as the filters hold them."""
        return getattr(filters, self.field), getattr(filters, self.max_field), getattr(filters, self.unknown_field)

    def active(self, filters: Filters) -> bool:
        lo, hi, unknown = self.range_of(filters)
        return lo is not None or hi is not None or not unknown

    def mask(self, links: pd.DataFrame, filters: Filters) -> np.ndarray:
        lo, hi, unknown = self.range_of(filters)
        years = links[self.column]
        # NOTE: a link whose year is unknown cannot be said to be in the range; it is kept
        # (or not) by ``year_unknown`` alone, which the sidebar shows with its count.
        in_range = years.between(-(10**9) if lo is None else lo, 10**9 if hi is None else hi)
        in_range = in_range.fillna(False).to_numpy(dtype=bool)
        if unknown:
            in_range = in_range | years.isna().to_numpy(dtype=bool)
        return in_range

    def to_query(self, filters: Filters) -> dict[str, str]:
        lo, hi, unknown = self.range_of(filters)
        out = {}
        if lo is not None:
            out[self.url_key] = str(lo)
        if hi is not None:
            out[self.max_url_key] = str(hi)
        if not unknown:
            out[self.unknown_url_key] = "0"
        return out

    def from_query(self, params: Mapping[str, object], allowed: Mapping[str, set[str]] | None) -> dict[str, object]:
        out: dict[str, object] = {}
        for name, key in ((self.field, self.url_key), (self.max_field, self.max_url_key)):
            raw = U.get(params, key)
            if raw is not None:
                out[name] = U.year(raw)
        raw = U.get(params, self.unknown_url_key)
        if raw is not None:
            out[self.unknown_field] = raw.strip() != "0"
        return out

    def check(
        self, params: Mapping[str, object], allowed: Mapping[str, set[str]], bounds: tuple[int, int]
    ) -> tuple[dict[str, str], dict[str, str]]:
        clean: dict[str, str] = {}
        ignored: dict[str, str] = {}
        for key in (self.url_key, self.max_url_key):
            raw = U.get(params, key)
            if raw is None:
                continue
            if len(raw) > U.MAX_VALUE_CHARS:
                ignored[key] = U.TOO_LONG
                continue
            if raw.strip() == "":
                continue
            value = U.year(raw)
            if value is None:
                ignored[key] = U.UNREADABLE
            elif (key == self.url_key and value > bounds[1]) or (key == self.max_url_key and value < bounds[0]):
                ignored[key] = U.OUT_OF_RANGE
            else:
                clean[key] = str(value)
        raw = U.get(params, self.unknown_url_key)
        if raw is not None and raw.strip(U.SEP + " ") != "":
            if raw.strip() in ("0", "1"):
                clean[self.unknown_url_key] = raw.strip()
            else:
                ignored[self.unknown_url_key] = U.TOO_LONG if len(raw) > U.MAX_VALUE_CHARS else U.UNREADABLE
        return clean, ignored

    def describe(
        self, filters: Filters, names: Mapping[str, str], lang: Lang = "fr", max_values: int | None = None
    ) -> str | None:
        lo, hi, unknown = self.range_of(filters)
        words = _SPAN[lang]
        if lo is not None and hi is not None:
            span = words["both" if lo != hi else "same"].format(lo=lo, hi=hi)
        elif lo is not None:
            span = words["from"].format(lo=lo)
        elif hi is not None:
            span = words["to"].format(hi=hi)
        elif not unknown:
            span = words["known"]
        else:
            return None
        return self.sentence(lang, span=span, unknown=words["kept" if unknown else "dropped"])


@dataclass(frozen=True, eq=False)
class SearchFilter(FilterSpec):
    """Accent-insensitive « contains » in the French collectivity's name (``column``) or in ``also``."""

    #: The other columns searched (those a dataset lacks are skipped).
    also: tuple[str, ...] = field(kw_only=True)
    match: ClassVar[str] = "text"

    def mask(self, links: pd.DataFrame, filters: Filters) -> np.ndarray:
        needle = fold(getattr(filters, self.field))
        if not needle:
            return np.ones(len(links), dtype=bool)
        hit = _text_mask(links[self.column], needle)
        for column in self.also:
            if column in links:
                hit = hit | _text_mask(links[column], needle)
        return hit

    def to_query(self, filters: Filters) -> dict[str, str]:
        value = getattr(filters, self.field)
        return {self.url_key: value} if value else {}

    def from_query(self, params: Mapping[str, object], allowed: Mapping[str, set[str]] | None) -> dict[str, object]:
        raw = U.get(params, self.url_key)
        return {} if raw is None else {self.field: raw[:MAX_SEARCH]}

    def check(
        self, params: Mapping[str, object], allowed: Mapping[str, set[str]], bounds: tuple[int, int]
    ) -> tuple[dict[str, str], dict[str, str]]:
        raw = U.get(params, self.url_key)
        if raw is None:
            return {}, {}
        if len(raw) > MAX_SEARCH:  # Also covers ``U.MAX_VALUE_CHARS`` (far longer)
            return {}, {self.url_key: U.TOO_LONG}
        if any(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in raw):
            return {}, {self.url_key: U.UNREADABLE}
        return {self.url_key: raw}, {}

    def describe(
        self, filters: Filters, names: Mapping[str, str], lang: Lang = "fr", max_values: int | None = None
    ) -> str | None:
        value = getattr(filters, self.field)
        return self.sentence(lang, values=value) if value else None


#: Every filter, in the order the sidebar shows them and the exports describe them.
#: Adding a filter = a field in ``Filters`` and one entry here (tests/test_filters.py checks both).
FILTERS: tuple[FilterSpec, ...] = (
    SearchFilter(
        "search", "q", "Recherche", "Search", S.FR_NAME,
        "{label} : « {values} »", "{label}: “{values}”",
        also=(S.PARTNER_NAME, S.PARTNER_COUNTRY_NAME),
    ),
    ValuesFilter(
        "regions", "region", "Région", "Region", S.FR_REGION,
        choices=_region_choices, names=_region_names, sort_names=True,
    ),
    ValuesFilter(
        "departements", "dep", "Département", "Département", S.FR_DEPARTEMENT,
        choices=_departement_choices, names=_departement_names, sort_names=True,
    ),
    ValuesFilter(
        "types", "type", "Type de collectivité", "Type of local authority", S.FR_TYPE,
        choices=_type_choices, names=_type_names, sort_names=True, english="catalogue",
    ),
    CollectivityFilter(
        "collectivities", "coll", "Collectivité française", "French local authority", S.FR_CODE,
        choices=_collectivity_choices, names=_collectivity_names, sort_names=True,
    ),
    ValuesFilter(
        "continents", "continent", "Continent", "Continent", S.PARTNER_CONTINENT,
        choices=_continent_choices, names=_as_is, sort_names=True, english="catalogue",
    ),
    ValuesFilter(
        "countries", "pays", "Pays partenaire", "Partner country", S.PARTNER_COUNTRY,
        choices=_country_choices, names=_country_names, sort_names=True, english="country names",
    ),
    ThemesFilter(
        "themes", "theme", "Thème", "Theme", S.THEMES_COL,
        choices=_theme_choices, names=_as_is, sort_names=False, splits=S.split_themes, english="catalogue",
    ),
    ValuesFilter(
        "kinds", "lien", "Type de lien", "Kind of link", S.KIND,
        choices=_kind_choices, names=_as_is, sort_names=False, english="catalogue",
    ),
    ValuesFilter(
        "sources", "source", "Source", "Source", S.SOURCE,
        choices=_source_choices, names=_source_names, sort_names=True, splits=S.split_sources, english="source labels",
    ),
    YearFilter(
        "year_min", "de", "Année de début", "Start year", S.START_YEAR,
        "{label} : {span} (les liens sans année connue sont {unknown})",
        "{label}: {span} (links with no known year are {unknown})",
        max_field="year_max", unknown_field="year_unknown", max_url_key="a", unknown_url_key="sans_annee",
    ),
)  # fmt: skip

#: The specs of the multi-value filters (a sidebar multiselect each).
VALUE_FILTERS: tuple[ValuesFilter, ...] = tuple(s for s in FILTERS if isinstance(s, ValuesFilter))
#: URL parameter of each ``Filters`` field, in the fields' order (the order of a permalink's parameters).
URL_KEYS: dict[str, str] = {
    name: key
    for name in (f.name for f in fields(Filters))
    for spec in FILTERS
    for own, key in zip(spec.fields, spec.url_keys, strict=True)
    if own == name
}
#: French label of each multi-value filter field, as the sidebar and the exports say it.
FILTER_LABELS: dict[str, str] = {s.field: s.label_fr for s in VALUE_FILTERS}
#: Fields that are not a tuple of values: the year range, the links without a year, the search.
SCALAR_FIELDS: tuple[str, ...] = tuple(n for n in URL_KEYS if n not in FILTER_LABELS)


def filter_mask(links: pd.DataFrame, filters: Filters) -> np.ndarray:
    """Which links pass every filter (all fields combine with AND, values within a field with OR)."""
    mask = np.ones(len(links), dtype=bool)
    for spec in FILTERS:
        if spec.active(filters):
            mask = mask & spec.mask(links, filters)
    return mask


def kept_rows(links: pd.DataFrame, filters: Filters) -> np.ndarray | None:
    """Positions of the links that pass the filters (``None``: all of them), 4 bytes a kept link:
    what a cache keeps of a selection rather than the selected frame (~180 bytes a link at 100×)."""
    mask = filter_mask(links, filters)
    if mask.all():
        return None
    return np.flatnonzero(mask).astype(np.int32 if len(links) < 2**31 else np.int64)


def rows_of(links: pd.DataFrame, rows: np.ndarray | None) -> pd.DataFrame:
    """The links at ``rows`` (from :func:`kept_rows`), as :func:`filter_links` returns them."""
    if rows is None:
        # NOTE: nothing filtered out: a shallow copy, not a copy of every column (100 MB at
        # 100×, once per cached selection). Copy-on-write (pandas ≥ 3) keeps it as safe.
        return links.copy(deep=False)
    return links.take(rows)


def filter_links(links: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The links that pass every filter (all fields combine with AND, values within a field with OR)."""
    return rows_of(links, kept_rows(links, filters))


def to_query(filters: Filters) -> dict[str, str]:
    """URL parameters of the filters (only the active ones), in the order of ``URL_KEYS``."""
    out: dict[str, str] = {}
    for spec in FILTERS:
        out.update(spec.to_query(filters))
    return {key: out[key] for key in URL_KEYS.values() if key in out}


def from_query(params: Mapping[str, str | list[str]], allowed: Mapping[str, set[str]] | None = None) -> Filters:
    """Filters read back from URL parameters; unknown or malformed values are dropped.

    ``allowed`` maps a field name to its valid values (e.g. the ISO codes present), so
    that a hand-edited URL cannot smuggle in arbitrary text.
    """
    kwargs: dict[str, object] = {}
    for spec in FILTERS:
        kwargs.update(spec.from_query(params, allowed))
    return Filters(**kwargs)  # type: ignore[arg-type]


def check_query(
    params: Mapping[str, object], allowed: Mapping[str, set[str]], bounds: tuple[int, int]
) -> tuple[dict[str, str], dict[str, str]]:
    """The filters' URL values the app can use, and the ignored keys with their reason.

    Returns ``(clean, ignored)``: ``clean`` holds only usable values (for :func:`from_query`).
    A multi-value key keeps its known values; if some are unknown, it is named (partly ignored).
    """
    clean: dict[str, str] = {}
    ignored: dict[str, str] = {}
    for spec in FILTERS:
        ok, bad = spec.check(params, allowed, bounds)
        clean.update(ok)
        ignored.update(bad)
    # In the order of ``URL_KEYS``, as the note names them.
    order = list(URL_KEYS.values())
    return clean, dict(sorted(ignored.items(), key=lambda kv: order.index(kv[0])))


def value_names(filters: Filters, lookup: Lookup) -> dict[str, dict[str, str]]:
    """French names of the values the filters hold (« BFA » → « Burkina Faso »), from the reference."""
    return {spec.field: spec.names(getattr(filters, spec.field), lookup) for spec in VALUE_FILTERS}


def describe(
    filters: Filters,
    names: Mapping[str, Mapping[str, str]],
    lang: Lang = "fr",
    max_values: int | None = None,
) -> list[str]:
    """The active filters, one line each, in the registry's order (« Pays partenaire : Burkina Faso »).

    ``max_values`` shortens long lists (« … et 9 autres »), for a slide.
    """
    lines = (spec.describe(filters, names.get(spec.field, {}), lang, max_values) for spec in FILTERS)
    return [line for line in lines if line]


def without(filters: Filters, **changes) -> Filters:
    """A copy with some fields changed (e.g. ``without(f, countries=())``)."""
    return replace(filters, **changes)
