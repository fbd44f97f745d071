"""The language of a visit: read from the URL (``?lang=en``) and the sidebar switch, kept in the URL.

French is the default and has no parameter (a French link stays as it was); English
writes ``lang=en`` into the URL, so that a shared or copied link opens in English.
"""

from __future__ import annotations

import streamlit as st

from lianes_dash.text import i18n
from lianes_dash.ui.state import keep_widget_values

#: Session key of the switch (« Français » / « English »).
SWITCH = "lang_switch"


def start_run() -> str:
    """At the very start of each run: the language of this run, from the switch or (first run) the URL."""
    if SWITCH not in st.session_state or st.session_state.get(SWITCH) not in i18n.LANGUAGES:
        # The URL is read when the session starts (or the switch was lost): a link in English opens
        # in English; any other value is French (and named by the note of ignored parameters).
        st.session_state[SWITCH] = "en" if st.query_params.get(i18n.URL_KEY) == "en" else "fr"
    lang = i18n.set_language(st.session_state[SWITCH])
    keep_in_url(lang)
    return lang


def keep_in_url(lang: str) -> None:
    """Write the language into the URL (English only: French is the default)."""
    if lang == "en":
        if st.query_params.get(i18n.URL_KEY) != "en":
            st.query_params[i18n.URL_KEY] = "en"
    elif i18n.URL_KEY in st.query_params and st.query_params.get(i18n.URL_KEY) in i18n.LANGUAGES:
        del st.query_params[i18n.URL_KEY]


def bad_url_value() -> bool:
    """True when the URL names a language the app does not have (« lang=de »)."""
    value = st.query_params.get(i18n.URL_KEY)
    return value is not None and value not in i18n.LANGUAGES


def switch() -> None:
    """The switch at the top of the sidebar: « Français » / « English », each in its own language."""
    keep_widget_values([SWITCH])
    with st.sidebar:
        st.segmented_control(
            "Langue · Language",
            options=list(i18n.LANGUAGES),
            format_func=lambda code: i18n.NATIVE_NAMES.get(code, code),
            key=SWITCH,
            required=True,
            label_visibility="collapsed",
        )
