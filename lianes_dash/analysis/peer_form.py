"""The peers form (« Trouver des pairs ») in the URL: its keys, and its values read and written.

Pure Python, importable by tests without running the page; the values go through the one URL
encoder/decoder (``urls``) the sidebar filters use.
"""

from __future__ import annotations

from collections.abc import Mapping

from lianes_dash.text import urls as U

#: The form's fields, which are also its URL keys (French, short; distinct from ``filters.URL_KEYS``):
#: where from, which country, which zone, which themes (several), which kind of link.
FIELDS: tuple[str, ...] = ("depuis", "cible", "zone", "sujet", "forme")
#: URL parameter of each field of the form.
URL_KEYS: dict[str, str] = {name: name for name in FIELDS}
#: The fields that hold several values (« sujet=santé~éducation »).
MULTI: frozenset[str] = frozenset({"sujet"})


def empty() -> dict[str, object]:
    """The form with nothing chosen."""
    return {name: [] if name in MULTI else None for name in FIELDS}


def parse(params: Mapping[str, object], options: Mapping[str, Mapping[str, str]]) -> tuple[dict, list[str]]:
    """The form's values read from the URL; unknown values are dropped and their keys reported.

    ``options`` maps each field to its valid values (e.g. the ISO codes of the countries).
    """
    values = empty()
    ignored: list[str] = []
    for name, key in URL_KEYS.items():
        raw = U.get(params, key)
        if raw is None:
            continue
        if name in MULTI:
            kept, reason = U.keep_known(raw, options[name])
            values[name] = list(kept)
            if reason:
                ignored.append(key)
        elif raw in options[name]:
            values[name] = raw
        else:
            ignored.append(key)
    return values, ignored


def to_query(values: Mapping[str, object]) -> dict[str, str]:
    """URL parameters of the form (only the fields that hold something)."""
    out = {}
    for name, key in URL_KEYS.items():
        value = values.get(name)
        if value:
            out[key] = U.encode_values(value) if isinstance(value, list | tuple) else str(value)
    return out
