"""The shared filters in the sidebar, kept in the URL so that a copied link reopens the view."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from lianes_dash.analysis import filters as F
from lianes_dash.analysis import metrics as M
from lianes_dash.analysis.filters import FILTER_LABELS, UNKNOWN_THEME, URL_KEYS, Filters, to_query
from lianes_dash.dataset import schema as S
from lianes_dash.text import i18n
from lianes_dash.text.french import fmt_int, plural
from lianes_dash.text.i18n import t
from lianes_dash.ui import cache, url_params
from lianes_dash.ui.state import Dataset, keep_widget_values, reference

_PREFIX = "flt_"
_INIT = "_filters_from_url_done"
#: Session key (after the prefix) of the year slider: one widget for two fields (year_min, year_max).
YEARS = "years"


def filter_key(name: str) -> str:
    """Session key of the widget of one filter field."""
    return _PREFIX + name


# NOTE: one shared object (``st.cache_resource``), read only here: a copy per run (``copies=True``)
# unpickled the 36 000 collectivities' choices of ×100 on every run of every page (~15 ms), and
# kept one copy per session.
@cache.per_dataset(max_entries=16, session_entries=1)
def _options(_links: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Choices of each multi-value filter (value → French label), from the dataset (``_links``: all
    of it) and the reference. Read-only: shared by every session."""
    ref = reference()
    lookup = F.Lookup(ref.collectivities, ref.countries)
    return {spec.field: spec.choices(_links, lookup) for spec in F.VALUE_FILTERS}


@cache.per_dataset(max_entries=16, copies=True, session_entries=1)
def unknown_counts(_links: pd.DataFrame) -> tuple[int, int]:
    """Links of the dataset (``_links``: all of it) with no known theme, and with no known start year."""
    return len(_links) - M.known_themes_count(_links), M.unknown_year_count(_links)


def year_bounds(links: pd.DataFrame) -> tuple[int, int]:
    """First and last known start year of a dataset (the year slider's range)."""
    years = links[S.START_YEAR].dropna()
    if years.empty:
        return (1950, 2030)
    return int(years.min()), int(years.max())


@cache.per_dataset(max_entries=16, session_entries=1)
def _year_bounds(_links: pd.DataFrame) -> tuple[int, int]:
    return year_bounds(_links)


def dataset_year_bounds(ds: Dataset) -> tuple[int, int]:
    """:func:`year_bounds` of the whole dataset, once per dataset.

    Every ``page_context`` reads the filters, hence these bounds, a dozen times a run (each
    chart's caption); over 500 000 links they cost ~4 ms each time.
    """
    return _year_bounds(ds, ds.links)


def url_choices(ds: Dataset) -> tuple[dict[str, set[str]], tuple[int, int]]:
    """What a URL may ask of ``ds``: each filter's values and the year bounds (the sidebar's, cached per dataset)."""
    return {name: set(values) for name, values in _options(ds, ds.links).items()}, dataset_year_bounds(ds)


def _init_from_url(allowed: dict[str, set[str]], bounds: tuple[int, int]) -> None:
    """Once per session: the widgets take the values the URL carries (``allowed``: :func:`url_choices`)."""
    # NOTE: only usable values reach ``from_query``; the others are named by the URL note.
    clean, ignored = url_params.check_filters(st.query_params.to_dict(), allowed, bounds)
    url_params.ignore_all(ignored)
    f = F.from_query(clean, allowed)
    for spec in F.FILTERS:
        if isinstance(spec, F.ValuesFilter):
            st.session_state[filter_key(spec.field)] = list(getattr(f, spec.field))
        elif isinstance(spec, F.YearFilter):
            lo, hi, unknown = spec.range_of(f)
            lo = max(bounds[0], lo) if lo is not None else bounds[0]
            hi = min(bounds[1], hi) if hi is not None else bounds[1]
            st.session_state[filter_key(YEARS)] = (min(lo, hi), max(lo, hi))
            st.session_state[filter_key(spec.unknown_field)] = unknown
        else:
            st.session_state[filter_key(spec.field)] = getattr(f, spec.field)
    st.session_state[_INIT] = True


def reset_filters(options_names: list[str], bounds: tuple[int, int]) -> None:
    """Callback of the reset button: every widget back to « everything »."""
    for name in options_names:
        st.session_state[filter_key(name)] = []
    for spec in F.FILTERS:
        if isinstance(spec, F.YearFilter):
            st.session_state[filter_key(YEARS)] = bounds
            st.session_state[filter_key(spec.unknown_field)] = True
        elif not isinstance(spec, F.ValuesFilter):
            st.session_state[filter_key(spec.field)] = ""


def _years_read(spec: F.YearFilter, bounds: tuple[int, int]) -> dict[str, object]:
    years = st.session_state.get(filter_key(YEARS))
    # A client may send no value (or a malformed one) for a widget: read it as « all ».
    if not (isinstance(years, list | tuple) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        years = bounds
    return {
        spec.field: years[0] if years[0] != bounds[0] else None,
        spec.max_field: years[1] if years[1] != bounds[1] else None,
        # A missing or malformed value reads as « keep them » (the default), like the others.
        spec.unknown_field: st.session_state.get(filter_key(spec.unknown_field)) is not False,
    }


def current_filters(ds: Dataset) -> Filters:
    """The filters the widgets hold now (without drawing anything)."""
    bounds = dataset_year_bounds(ds)
    kwargs: dict[str, object] = {}
    for spec in F.FILTERS:
        if isinstance(spec, F.ValuesFilter):
            kwargs[spec.field] = tuple(st.session_state.get(filter_key(spec.field)) or ())
        elif isinstance(spec, F.YearFilter):
            kwargs.update(_years_read(spec, bounds))
        else:
            kwargs[spec.field] = str(st.session_state.get(filter_key(spec.field)) or "").strip()
    return Filters(**kwargs)  # type: ignore[arg-type]


def replace_query(keys: Iterable[str], wanted: dict[str, str]) -> None:
    """Make the URL parameters ``keys`` say ``wanted`` (absent = removed); others are left alone.

    NOTE: only changed parameters are written: each write is a browser history update.
    """
    for key in keys:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def sync_url(filters: Filters) -> None:
    """Write the filters into the URL, leaving the page's own parameters alone."""
    replace_query(URL_KEYS.values(), to_query(filters))


def _search_widget(spec: F.FilterSpec) -> None:
    st.text_input(
        t("{label} (collectivité, partenaire, pays)", label=spec.label(i18n.language())),
        key=filter_key(spec.field),
        max_chars=F.MAX_SEARCH,
        placeholder=t("ex. Halluin, Kawara, Sénégal"),
    )


def choices_in_language(spec: F.ValuesFilter, choices: dict[str, str]) -> dict[str, str]:
    """A filter's choices as shown in the current language: French as they are; in English as the
    filter's spec says (countries and sources re-sorted by their English names)."""
    if i18n.language() == "fr":
        return choices
    countries = reference().countries if spec.english == "country names" else None
    english = (
        dict(zip(countries[S.ISO3], countries[S.NAME_EN], strict=False))
        if countries is not None and S.NAME_EN in countries
        else {}
    )
    named = spec.names_in_language(choices, english)
    if spec.english in ("country names", "source labels"):
        return {v: named[v] for v in sorted(named, key=lambda v: named[v].casefold())}
    return named


def _values_widget(spec: F.ValuesFilter, choices: dict[str, str]) -> None:
    shown = choices_in_language(spec, choices)
    st.multiselect(
        spec.label(i18n.language()),
        options=list(shown),
        format_func=lambda v: shown.get(v, v),
        key=filter_key(spec.field),
        placeholder=t("Tous"),
    )


def _unknown_theme_caption(ds: Dataset) -> None:
    """Say how many links a theme filter drops because their theme is unknown."""
    no_theme, _no_year = unknown_counts(ds, ds.links)
    chosen_themes = st.session_state.get(filter_key("themes")) or []
    if chosen_themes and no_theme and UNKNOWN_THEME not in chosen_themes:
        template = (
            "{n} sans thème connu est écarté par ce filtre (choisissez « {unknown} » pour le garder)."
            if no_theme == 1
            else "{n} sans thème connu sont écartés par ce filtre (choisissez « {unknown} » pour les garder)."
        )
        st.caption(t(template, n=plural(no_theme, "lien", "liens"), unknown=t(UNKNOWN_THEME)))


def _year_widgets(spec: F.YearFilter, ds: Dataset, bounds: tuple[int, int]) -> None:
    """The start-year slider, and the box that keeps the links with no known year (when there are some)."""
    _no_theme, no_year = unknown_counts(ds, ds.links)
    years = st.session_state.get(filter_key(YEARS), bounds)
    if not (bounds[0] <= years[0] <= years[1] <= bounds[1]):
        st.session_state[filter_key(YEARS)] = bounds
    if bounds[0] < bounds[1]:
        st.slider(spec.label(i18n.language()), min_value=bounds[0], max_value=bounds[1], key=filter_key(YEARS))
    if no_year:
        unknown_key = filter_key(spec.unknown_field)
        if unknown_key not in st.session_state:
            st.session_state[unknown_key] = True
        st.checkbox(
            t(
                "Inclure les liens sans année connue ({n} sur {total})",
                n=fmt_int(no_year),
                total=fmt_int(len(ds.links)),
            ),
            key=unknown_key,
            help=t(
                "L'année de début n'est connue que pour une partie des liens : décochez pour ne garder que "
                "les liens datés."
            ),
        )


def _read_url_once(ds: Dataset) -> tuple[dict[str, dict[str, str]], tuple[int, int]]:
    """The filters' choices and year bounds; the first run of a session takes the URL's values."""
    options = _options(ds, ds.links)
    bounds = dataset_year_bounds(ds)
    if not st.session_state.get(_INIT):
        _init_from_url(url_choices(ds)[0], bounds)
    return options, bounds


def _filter_keys() -> list[str]:
    """Session keys of every filter widget of the sidebar."""
    fields: list[str] = []
    for spec in F.FILTERS:
        fields += [YEARS, spec.unknown_field] if isinstance(spec, F.YearFilter) else [spec.field]
    return [filter_key(f) for f in fields]


def render(ds: Dataset) -> Filters:
    """Draw the filters in the sidebar and return them; keep the URL in step."""
    options, bounds = _read_url_once(ds)
    with st.sidebar:
        st.markdown("### " + t("Filtres"))
        # Options may have changed (another dataset): keep only valid selections.
        for name, choices in options.items():
            kept = [v for v in st.session_state.get(filter_key(name), []) if v in choices]
            if kept != st.session_state.get(filter_key(name), []):
                st.session_state[filter_key(name)] = kept
        keep_widget_values(_filter_keys())
        for spec in F.FILTERS:
            if isinstance(spec, F.ValuesFilter):
                _values_widget(spec, options[spec.field])
            elif isinstance(spec, F.YearFilter):
                # Under the last multi-value filter, above the years: what a theme filter drops.
                _unknown_theme_caption(ds)
                _year_widgets(spec, ds, bounds)
            else:
                _search_widget(spec)
        filters = current_filters(ds)
        st.button(
            t("Réinitialiser les filtres"),
            on_click=reset_filters,
            args=(list(options), bounds),
            disabled=filters.is_empty(),
            width="stretch",
            icon=":material/filter_alt_off:",
        )
    sync_url(filters)
    return filters


def read_only(ds: Dataset) -> Filters:
    """The filters the URL carries, without drawing the sidebar (the embed view has none)."""
    _read_url_once(ds)
    return current_filters(ds)


def count_caption(kept: int, total: int) -> None:
    """The visible count of links the filters keep."""
    with st.sidebar:
        st.markdown(t("**{kept}** liens sur {total}", kept=fmt_int(kept), total=fmt_int(total)))


def narrow(**values: list[str] | tuple[str, ...]) -> None:
    """Callback: set the given filter fields, keep the others (a fiche → the Explorer, on the visitor's filters).

    The others are written back too: a page switch keeps the widget values that were set
    through the session state, and may drop the others (seen under AppTest).
    """
    for name in (*FILTER_LABELS, "years", "year_unknown", "search"):
        if filter_key(name) in st.session_state:
            st.session_state[filter_key(name)] = st.session_state[filter_key(name)]
    for name, chosen in values.items():
        st.session_state[filter_key(name)] = list(chosen)


def preset(ds: Dataset, **values: list[str] | tuple[str, ...]) -> None:
    """Callback: every filter back to « everything », then the given fields set (a fiche → the Explorer).

    NOTE: the sidebar reads the URL once per session only; a page that opens another page
    on a selection sets the widgets' state here, in a button callback, then switches page.
    """
    reset_filters(list(FILTER_LABELS), dataset_year_bounds(ds))
    for name, chosen in values.items():
        st.session_state[filter_key(name)] = list(chosen)
