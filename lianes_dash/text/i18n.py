"""The visitor's language (French by default, English on ``?lang=en``) and the one French → English catalogue.

Logic layer (no Streamlit): ``dashboard.py`` calls :func:`set_language` at the start of each
script run; every visible French string goes through :func:`t`, which returns it unchanged in
French (so the French output stays byte-identical) and its English entry from
:mod:`lianes_dash.text.i18n_en` in English. The formatters of :mod:`lianes_dash.text.french` read
:func:`language` for number and date formats.

NOTE: a ``ContextVar``, not a global: Streamlit runs each visitor's script in its own thread,
and a new thread starts with the default (« fr »), so one visitor's English never leaks into
another's page.

Strict mode (``LIANES_I18N_STRICT=1``): every French string asked in English that has no entry
is recorded (:func:`missing`); the test runs every page in English and reads it back.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from lianes_dash.text.i18n_en import EN, PLURALS

Lang = Literal["fr", "en"]
#: Languages of the app, default first.
LANGUAGES: tuple[Lang, ...] = ("fr", "en")
DEFAULT: Lang = "fr"
#: The URL parameter of the language (absent: French).
URL_KEY = "lang"
#: Name of each language in itself (the switch).
NATIVE_NAMES: dict[str, str] = {"fr": "Français", "en": "English"}

_LANG: ContextVar[str] = ContextVar("lianes_language", default=DEFAULT)
_MISSING: set[str] = set()
_LOCK = threading.Lock()


def set_language(lang: object) -> Lang:
    """Make ``lang`` the language of this run (anything but « en » is French); returns it."""
    chosen: Lang = "en" if lang == "en" else "fr"
    _LANG.set(chosen)
    return chosen


def language() -> Lang:
    """The language of the run in progress (« fr » or « en »)."""
    return "en" if _LANG.get() == "en" else "fr"


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Run a block in ``lang`` (e.g. the French export files built during an English page's run)."""
    token = _LANG.set("en" if lang == "en" else "fr")
    try:
        yield
    finally:
        _LANG.reset(token)


def is_english() -> bool:
    return language() == "en"


def strict() -> bool:
    """True when missing translations are recorded (``LIANES_I18N_STRICT=1``)."""
    return os.environ.get("LIANES_I18N_STRICT") == "1"


def t(french: str, **fmt: object) -> str:
    """The text in the current language: ``french`` itself in French, its catalogue entry in English.

    ``fmt`` fills ``{name}`` placeholders (the same names in both languages). A French string with
    no entry is shown in French (and recorded in strict mode): a missing entry never breaks a page.
    """
    text = french
    if language() == "en":
        english = EN.get(french)
        if english is None:
            if strict():
                with _LOCK:
                    _MISSING.add(french)
        else:
            text = english
    return text.format(**fmt) if fmt else text


def counted(n: int, singular: str, plural_form: str) -> str:
    """The English word for ``n`` of a French counted word (« lien » → « link » / « links »)."""
    words = PLURALS.get(singular)
    if words is None:
        return t(singular) if abs(n) == 1 else t(plural_form)
    return words[0] if abs(n) == 1 else words[1]


def missing() -> set[str]:
    """French strings asked in English with no entry since the last :func:`reset_missing` (strict mode)."""
    with _LOCK:
        return set(_MISSING)


def reset_missing() -> None:
    with _LOCK:
        _MISSING.clear()


def country_name(iso3: str, french: str, english: str | None = None) -> str:
    """A country's name in the current language: ``french``, or ``english`` (the reference's ISO name),
    else pycountry's name of ``iso3``, else ``french``."""
    if language() == "fr":
        return french
    if isinstance(english, str) and english.strip():
        return english
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=str(iso3).upper())
    except (ImportError, LookupError, KeyError):
        found = None
    if found is not None:
        return getattr(found, "common_name", None) or found.name
    return french
