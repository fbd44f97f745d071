"""What the two fiche pages (a French collectivity, a partner country) share: the chooser, the first
year card and the way out to the Explorer.

Each fiche names one thing chosen in a searchable list that follows the sidebar's filters, whose
choice lives in the URL (``?collectivite=commune:59279``, ``?iso=BFA``) so that a fiche can be linked;
both end with a button that opens the Explorer on the fiche's links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from lianes_dash.analysis import metrics as M
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import fmt_int, plural
from lianes_dash.text.i18n import t
from lianes_dash.ui import navigation, url_params

EXPLORER_PAGE = "explorer"


@dataclass(frozen=True)
class Chooser:
    """The words and keys of one fiche's chooser."""

    url_param: str
    select_key: str
    label: str
    help: str
    #: Said when the URL names something the data does not hold.
    not_in_data: str
    #: What a choice is, singular and plural (« collectivité », « pays »).
    one: str
    many: str


def choose(
    spec: Chooser,
    choices: dict[str, str],
    every: dict[str, str],
    from_url: str | None,
    defaults: Iterable[str],
    filtered: bool,
) -> str:
    """The fiche's choice: the URL's when the page opens, else the session's, else the first of ``defaults``
    (a real partnership of the brochure) that can be chosen; the URL follows the widget."""
    if from_url in choices and spec.select_key not in st.session_state:
        st.session_state[spec.select_key] = from_url
    elif spec.select_key not in st.session_state or st.session_state[spec.select_key] not in choices:
        st.session_state[spec.select_key] = next((k for k in defaults if k in choices), next(iter(choices)))
    if from_url is not None and from_url not in every:
        url_params.ignore(spec.url_param, t(spec.not_in_data))
    chosen = st.selectbox(
        t(spec.label),
        options=list(choices),
        format_func=lambda v: choices.get(v, v),
        key=spec.select_key,
        help=t(spec.help),
    )
    if filtered:
        st.caption(
            t(
                "Choix limité aux filtres du panneau : {n} sur {total}.",
                n=plural(len(choices), spec.one, spec.many),
                total=fmt_int(len(every)),
            )
        )
    if chosen is None:  # a selectbox with an index never returns None; for the type checker
        st.stop()
    st.query_params[spec.url_param] = chosen
    return str(chosen)


def first_year_metric(column: object, links: pd.DataFrame) -> None:
    """« Premier lien connu », with how many start years are known in its help."""
    years = links[S.START_YEAR].dropna()
    column.metric(  # type: ignore[attr-defined]
        t("Premier lien connu"),
        str(int(years.min())) if len(years) else t("inconnu"),
        help=M.coverage_sentence("Années de début", len(years), len(links), "connues") + ".",
    )


def to_explorer(key: str, on_click: Callable[..., None], args: tuple, caption: str) -> None:
    """The button that opens the Explorer on the fiche's links, and what the Explorer will show (``caption``)."""
    st.divider()
    if st.button(
        t("Ouvrir ces liens dans l'explorateur (tableau et téléchargements)"),
        on_click=on_click,
        args=args,
        icon=":material/table_view:",
        key=key,
    ):
        st.switch_page(navigation.st_page(EXPLORER_PAGE))
    st.caption(caption)
