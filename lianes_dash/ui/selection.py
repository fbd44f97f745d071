"""Callbacks that turn a click on a map into a filter (they run before the rerun)."""

from __future__ import annotations

import streamlit as st

from lianes_dash.ui.sidebar import filter_key


def _clicked_location(chart_key: str) -> str | None:
    event = st.session_state.get(chart_key) or {}
    points = (event.get("selection") or {}).get("points") or []
    for point in points:
        location = point.get("location")
        if location:
            return str(location)
    return None


def _toggle(field: str, value: str | None) -> None:
    """Filter on the clicked value; a second click on the only selected value removes it."""
    if value is None:
        return
    key = filter_key(field)
    current = list(st.session_state.get(key, []))
    st.session_state[key] = [] if current == [value] else [value]


def filter_by_clicked_country(chart_key: str) -> None:
    """A click on a country of the world map filters every page by that country."""
    _toggle("countries", _clicked_location(chart_key))


def filter_by_clicked_area(chart_key: str, field: str) -> None:
    """A click on a département (or région) of the France map filters by it."""
    _toggle(field, _clicked_location(chart_key))
