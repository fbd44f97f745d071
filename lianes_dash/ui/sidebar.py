"""The shared filters in the sidebar, kept in the URL so that a copied link reopens the view."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from lianes_dash import metrics as M
from lianes_dash import schema as S
from lianes_dash.filters import (
    FILTER_LABELS,
    SCALAR_FIELDS,
    UNKNOWN_THEME,
    URL_KEYS,
    Filters,
    collectivity_key,
    collectivity_label,
    from_query,
    to_query,
)
from lianes_dash.text import fmt_int, plural, sort_key, sorted_fr
from lianes_dash.ui import url_params
from lianes_dash.ui.state import Dataset, reference

_PREFIX = "flt_"
_INIT = "_filters_from_url_done"


def filter_key(name: str) -> str:
    """Session key of the widget of one filter field."""
    return _PREFIX + name


@st.cache_data(show_spinner=False, max_entries=16)
def _options(ds_key: str, _links: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Choices of each filter (value → French label), from the dataset and the reference.

    NOTE: keyed on the dataset key only (the frame is not hashed: ``_links``).
    """
    ref = reference()
    coll = ref.collectivities
    regions = coll.loc[coll[S.TYPE] == "region"].set_index(S.CODE)[S.NAME]
    deps = coll.loc[coll[S.TYPE] == "departement"].set_index(S.CODE)[S.NAME]
    countries = ref.countries.set_index(S.ISO3)[S.NAME_FR]

    def present(column: str) -> list[str]:
        return [str(v) for v in _links[column].dropna().astype(str).unique()]

    def labelled(values: list[str], names: pd.Series, with_code: bool = False) -> dict[str, str]:
        out = {v: (f"{v} – {names.get(v, v)}" if with_code else str(names.get(v, v))) for v in values}
        order = sorted(out, key=lambda v: v if with_code else sort_key(out[v]))
        return {v: out[v] for v in order}

    fr = _links[[S.FR_TYPE, S.FR_CODE, S.FR_NAME, S.FR_DEPARTEMENT]].astype(str).drop_duplicates([S.FR_TYPE, S.FR_CODE])
    coll_labels = {collectivity_key(t, c): collectivity_label(t, n, d) for t, c, n, d in fr.itertuples(index=False)}
    themes_present = set()
    for cell in _links[S.THEMES_COL].dropna().astype(str).unique():
        for t in S.split_themes(cell):
            themes_present.add(S.OTHER_THEMES_LABEL if t.startswith(S.OTHER_THEME_PREFIX) else t)
    # NOTE: « non renseigné » is a choice of its own when some links have no theme, last.
    themes = {t: t for t in S.THEMES if t in themes_present}
    if M.known_themes_count(_links) < len(_links):
        themes[UNKNOWN_THEME] = f"{UNKNOWN_THEME} (aucun thème connu)"
    return {
        "regions": labelled(present(S.FR_REGION), regions),
        "departements": labelled(present(S.FR_DEPARTEMENT), deps, with_code=True),
        "types": {t: S.TYPE_LABELS[t] for t in S.FR_TYPES if t in set(present(S.FR_TYPE))},
        "continents": {c: c for c in sorted_fr(present(S.PARTNER_CONTINENT))},
        "countries": labelled(present(S.PARTNER_COUNTRY), countries),
        "themes": themes,
        "kinds": {k: k for k in S.KINDS if k in set(present(S.KIND))},
        "collectivities": dict(sorted(coll_labels.items(), key=lambda kv: sort_key(kv[1]))),
    }


@st.cache_data(show_spinner=False, max_entries=16)
def unknown_counts(ds_key: str, _links: pd.DataFrame) -> tuple[int, int]:
    """Links of the dataset with no known theme, and with no known start year (keyed on the dataset)."""
    return len(_links) - M.known_themes_count(_links), M.unknown_year_count(_links)


def year_bounds(links: pd.DataFrame) -> tuple[int, int]:
    """First and last known start year of a dataset (the year slider's range)."""
    years = links[S.START_YEAR].dropna()
    if years.empty:
        return (1950, 2030)
    return int(years.min()), int(years.max())


def _init_from_url(options: dict[str, dict[str, str]], bounds: tuple[int, int]) -> None:
    """Once per session: the widgets take the values the URL carries."""
    allowed = {name: set(values) for name, values in options.items()}
    # NOTE: only usable values reach ``from_query``; the others are named by the URL note.
    clean, ignored = url_params.check_filters(st.query_params.to_dict(), allowed, bounds)
    url_params.ignore_all(ignored)
    f = from_query(clean, allowed)
    for name in options:
        st.session_state[filter_key(name)] = list(getattr(f, name))
    lo = max(bounds[0], f.year_min) if f.year_min is not None else bounds[0]
    hi = min(bounds[1], f.year_max) if f.year_max is not None else bounds[1]
    st.session_state[filter_key("years")] = (min(lo, hi), max(lo, hi))
    st.session_state[filter_key("year_unknown")] = f.year_unknown
    st.session_state[filter_key("search")] = f.search
    st.session_state[_INIT] = True


def reset_filters(options_names: list[str], bounds: tuple[int, int]) -> None:
    """Callback of the reset button: every widget back to « everything »."""
    for name in options_names:
        st.session_state[filter_key(name)] = []
    st.session_state[filter_key("years")] = bounds
    st.session_state[filter_key("year_unknown")] = True
    st.session_state[filter_key("search")] = ""


def current_filters(ds: Dataset) -> Filters:
    """The filters the widgets hold now (without drawing anything)."""
    bounds = year_bounds(ds.links)
    years = st.session_state.get(filter_key("years"))
    # NOTE: a client may send no value (or a malformed one) for a widget: read it as « all ».
    if not (isinstance(years, list | tuple) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        years = bounds
    return Filters(
        **{name: tuple(st.session_state.get(filter_key(name)) or ()) for name in URL_KEYS if name not in SCALAR_FIELDS},
        year_min=years[0] if years[0] != bounds[0] else None,
        year_max=years[1] if years[1] != bounds[1] else None,
        # NOTE: a missing or malformed value reads as « keep them » (the default), like the others.
        year_unknown=st.session_state.get(filter_key("year_unknown")) is not False,
        search=str(st.session_state.get(filter_key("search")) or "").strip(),
    )


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


def render(ds: Dataset) -> Filters:
    """Draw the filters in the sidebar and return them; keep the URL in step."""
    options = _options(ds.key, ds.links)
    bounds = year_bounds(ds.links)
    if not st.session_state.get(_INIT):
        _init_from_url(options, bounds)
    with st.sidebar:
        st.markdown("### Filtres")
        # Options may have changed (another dataset): keep only valid selections.
        for name, choices in options.items():
            kept = [v for v in st.session_state.get(filter_key(name), []) if v in choices]
            if kept != st.session_state.get(filter_key(name), []):
                st.session_state[filter_key(name)] = kept
        st.text_input(
            "Recherche (collectivité, partenaire, pays)",
            key=filter_key("search"),
            max_chars=100,
            placeholder="ex. Halluin, Kawara, Sénégal",
        )
        for name in (
            "regions",
            "departements",
            "types",
            "collectivities",
            "continents",
            "countries",
            "themes",
            "kinds",
        ):
            choices = options[name]
            st.multiselect(
                FILTER_LABELS[name],
                options=list(choices),
                format_func=choices.get,
                key=filter_key(name),
                placeholder="Tous",
            )
        no_theme, no_year = unknown_counts(ds.key, ds.links)
        chosen_themes = st.session_state.get(filter_key("themes")) or []
        if chosen_themes and no_theme and UNKNOWN_THEME not in chosen_themes:
            st.caption(
                f"{plural(no_theme, 'lien', 'liens')} sans thème connu "
                f"{'est écarté' if no_theme == 1 else 'sont écartés'} par ce filtre "
                f"(choisissez « {UNKNOWN_THEME} » pour {'le' if no_theme == 1 else 'les'} garder)."
            )
        years = st.session_state.get(filter_key("years"), bounds)
        if not (bounds[0] <= years[0] <= years[1] <= bounds[1]):
            st.session_state[filter_key("years")] = bounds
        if bounds[0] < bounds[1]:
            st.slider("Année de début", min_value=bounds[0], max_value=bounds[1], key=filter_key("years"))
        if no_year:
            if filter_key("year_unknown") not in st.session_state:
                st.session_state[filter_key("year_unknown")] = True
            st.checkbox(
                f"Inclure les liens sans année connue ({fmt_int(no_year)} sur {fmt_int(len(ds.links))})",
                key=filter_key("year_unknown"),
                help="L'année de début n'est connue que pour une partie des liens : décochez pour ne garder que "
                "les liens datés.",
            )
        filters = current_filters(ds)
        st.button(
            "Réinitialiser les filtres",
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
    options = _options(ds.key, ds.links)
    if not st.session_state.get(_INIT):
        _init_from_url(options, year_bounds(ds.links))
    return current_filters(ds)


def count_caption(kept: int, total: int) -> None:
    """The visible count of links the filters keep."""
    with st.sidebar:
        st.markdown(f"**{fmt_int(kept)}** liens sur {fmt_int(total)}")


def narrow(**values: list[str] | tuple[str, ...]) -> None:
    """Callback: set the given filter fields, keep the others (a fiche → the Explorer, on the visitor's filters).

    NOTE: the others are written back too: a page switch keeps the widget values that were set
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
    reset_filters(list(FILTER_LABELS), year_bounds(ds.links))
    for name, chosen in values.items():
        st.session_state[filter_key(name)] = list(chosen)
