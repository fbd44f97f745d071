"""The URL as text: one encoder and decoder of parameter values, shared by the filters and the page forms.

Pure Python (no Streamlit): the sidebar filters (``filters.FILTERS``) and the peers form
(``peer_form``) read and write their values here, and ``ui.url_params`` names the ignored
ones with the reasons below.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

#: Separator of several values in one URL parameter: « pays=BFA~CMR ».
SEP = "~"
#: No value the app can use is this long (hundreds of collectivities in ``coll`` stay far
#: below): a longer one is ignored before any parsing, so it costs nothing.
MAX_VALUE_CHARS = 20_000

#: Why a parameter was ignored, as the French note says it.
UNKNOWN = "paramètre inconnu sur cette page"
UNREADABLE = "valeur non reconnue"
TOO_LONG = "valeur trop longue"
OUT_OF_RANGE = "année hors des données"
PARTLY = "valeurs en partie non reconnues"


def first_value(value: object) -> str | None:
    """One URL value: the last of a repeated key (as ``st.query_params`` reads it)."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    return None if value is None else str(value)


def get(params: Mapping[str, object], key: str) -> str | None:
    """The value of ``key`` in ``params`` (a dict of the URL, repeated keys as lists)."""
    return first_value(params.get(key))


def encode_values(values: Iterable[str]) -> str:
    """Several values in one parameter: ``("BFA", "CMR")`` → « BFA~CMR »."""
    return SEP.join(values)


def decode_values(raw: str) -> tuple[str, ...]:
    """The values of one parameter, in order, without repeats or empty ones."""
    return tuple(v for v in dict.fromkeys(raw.split(SEP)) if v)


def keep_known(raw: str, allowed: Iterable[str] | None) -> tuple[tuple[str, ...], str | None]:
    """The known values of a multi-value parameter, and why the parameter is (partly) ignored, if it is."""
    wanted = decode_values(raw)
    if allowed is None:
        return wanted, None
    allowed = allowed if isinstance(allowed, set | frozenset | dict) else set(allowed)
    kept = tuple(v for v in wanted if v in allowed)
    if len(kept) == len(wanted):
        return kept, None
    return kept, PARTLY if kept else UNREADABLE


def year(text: str | None) -> int | None:
    """A four-digit year written in ASCII digits, else None (« ¹²³⁴ » passes ``isdigit``, not ``int``)."""
    if text is None:
        return None
    text = text.strip()
    return int(text) if len(text) == 4 and text.isascii() and text.isdigit() else None


def number(text: str | None) -> float | None:
    """A finite decimal number (comma or point), else None."""
    try:
        value = float(str(text).strip().replace(",", "."))
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None
