"""The URL as input: which parameters the app uses, and one French note naming those it ignored.

Any link anyone shares is input. Every page reads the shared filters (``filters.URL_KEYS``)
and some read their own keys (``PAGE_KEYS``). A parameter that is unknown on the page, too
long, or whose value is not one the page can use is *ignored*: the page is drawn without it
and :func:`ignored_params_note` (the one note every page uses) says which, in French.

Flow of one script run: ``dashboard.py`` calls :func:`begin` (a placeholder at the top of the
page, unknown and oversize parameters), then the sidebar and the pages call :func:`ignore`,
which redraws the note at once (a page may stop early). The ignored parameters are remembered for the page the
link opened, so the note stays while the visitor is on it (the URL is read once per session).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable, Mapping

import streamlit as st

from lianes_dash.analysis.filters import URL_KEYS, check_query
from lianes_dash.text import i18n
from lianes_dash.text.french import escape_markdown
from lianes_dash.text.i18n import t
from lianes_dash.text.urls import (  # noqa: F401 — the URL's reasons and readers, re-exported for the pages
    MAX_VALUE_CHARS,
    OUT_OF_RANGE,
    PARTLY,
    TOO_LONG,
    UNKNOWN,
    UNREADABLE,
    first_value,
    number,
    year,
)
from lianes_dash.text.urls import SEP as URL_SEP  # noqa: F401
from lianes_dash.ui import navigation

#: URL keys of each page that has its own, by ``url_path`` (besides the shared filters), from the
#: navigation (importing a page would run it); tests check that each page reads the keys listed for it.
PAGE_KEYS: dict[str, tuple[str, ...]] = {p.url_path: p.url_keys for p in navigation.pages() if p.url_keys}
#: The shared filters' keys (every page).
FILTER_KEYS: tuple[str, ...] = tuple(URL_KEYS.values())
#: Keys every page reads besides the filters: the language (``lang=en``).
APP_KEYS: tuple[str, ...] = (i18n.URL_KEY,)

_STORE = "_url_ignored"  # {"page": url_path, "ignored": {key: reason}}
_SLOT = "_url_note_page"
#: The note's placeholder of the script run in progress (one thread per run).
_RUN = threading.local()
_SHOWN_KEYS = 8
_KEY_CHARS = 30


def known_keys(url_path: str) -> set[str]:
    """Every URL key the page at ``url_path`` reads."""
    return set(FILTER_KEYS) | set(APP_KEYS) | set(PAGE_KEYS.get(url_path, ()))


def printable(text: str, limit: int = _KEY_CHARS) -> str:
    """A URL key as it may be shown: control, format (RTL overrides…) and unassigned characters
    replaced by « � », cut to ``limit`` characters, Markdown escaped."""
    clean = "".join(
        "�" if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") else c for c in str(text)
    )
    clean = unicodedata.normalize("NFC", clean)
    if len(clean) > limit:
        clean = clean[: limit - 1] + "…"
    return escape_markdown(clean) or t("(sans nom)")


def note_text(ignored: Mapping[str, str]) -> str:
    """The note for ignored parameters ``{key: reason}``, in the current language (empty text for none)."""
    if not ignored:
        return ""
    if i18n.language() == "en":
        items = [f"“{printable(k)}” ({t(reason)})" for k, reason in list(ignored.items())[:_SHOWN_KEYS]]
    else:
        items = [f"« {printable(k)} » ({reason})" for k, reason in list(ignored.items())[:_SHOWN_KEYS]]
    more = len(ignored) - _SHOWN_KEYS
    if more > 0:
        items.append(t("et {n} autre", n=more) if more == 1 else t("et {n} autres", n=more))
    if len(ignored) == 1:
        return t(
            "**Lien en partie ignoré** : un paramètre de l'adresse n'a pas été reconnu et a été ignoré, "
            "{item} ; la page s'affiche sans lui.",
            item=items[0],
        )
    and_ = t(" et ")
    listed = ", ".join(items[:-1]) + and_ + items[-1] if more <= 0 else ", ".join(items)
    return t(
        "**Lien en partie ignoré** : {n} paramètres de l'adresse n'ont pas été reconnus et ont été "
        "ignorés, {listed} ; la page s'affiche sans eux.",
        n=len(ignored),
        listed=listed,
    )


def ignored_params_note(ignored: Mapping[str, str] | Iterable[str]) -> None:
    """Show the French note naming the ignored URL parameters (the one note of every page).

    ``ignored`` maps each key to the reason, or lists keys (reason: value not recognised).
    """
    if not isinstance(ignored, Mapping):
        ignored = dict.fromkeys(ignored, UNREADABLE)
    if ignored:
        st.warning(note_text(ignored), icon=":material/link_off:")


def check_filters(
    params: Mapping[str, object], allowed: Mapping[str, set[str]], bounds: tuple[int, int]
) -> tuple[dict[str, str], dict[str, str]]:
    """The shared filters' URL values the app can use, and the ignored keys with their reason
    (each filter of ``filters.FILTERS`` checks its own keys)."""
    return check_query(params, allowed, bounds)


def _store(url_path: str) -> dict[str, str]:
    store = st.session_state.get(_STORE)
    if not isinstance(store, dict) or store.get("page") != url_path:
        store = {"page": url_path, "ignored": {}}
        st.session_state[_STORE] = store
    return store["ignored"]


def begin(url_path: str, slot) -> None:
    """Start of a run: the note's place (``slot``, an ``st.empty`` at the top of the page), and the
    unknown and oversize parameters named at once."""
    st.session_state[_SLOT] = url_path
    _RUN.slot = slot
    ignored = _store(url_path)
    known = known_keys(url_path)
    for key in list(st.query_params.keys()):
        if key not in known:
            ignored.setdefault(key, UNKNOWN)
        elif key == i18n.URL_KEY and st.query_params.get(key) not in i18n.LANGUAGES:
            ignored.setdefault(key, UNREADABLE)
        elif len(st.query_params.get(key) or "") > MAX_VALUE_CHARS:
            ignored.setdefault(key, TOO_LONG)
    show()


def too_long(key: str) -> bool:
    """True when the URL value of ``key`` is over the limit (pages skip it without parsing)."""
    return len(st.query_params.get(key) or "") > MAX_VALUE_CHARS


def ignore(keys: str | Iterable[str], reason: str = UNREADABLE) -> None:
    """Record that URL parameter(s) were ignored on this page (shown by :func:`show`)."""
    url_path = st.session_state.get(_SLOT, "")
    ignored = _store(url_path)
    for key in [keys] if isinstance(keys, str) else keys:
        ignored.setdefault(key, reason)
    show()  # Drawn now: the page may call st.stop() before the end of the run


def ignore_all(ignored: Mapping[str, str]) -> None:
    """:func:`ignore` for several keys, each with its reason."""
    for key, reason in ignored.items():
        ignore(key, reason)


def current() -> dict[str, str]:
    """The parameters ignored on this page so far (``{key: reason}``)."""
    return dict(_store(st.session_state.get(_SLOT, "")))


def show() -> None:
    """(Re)draw the note in this run's place, if any parameter was ignored."""
    slot = getattr(_RUN, "slot", None)
    ignored = current()
    if slot is not None and ignored:
        with slot.container():
            ignored_params_note(ignored)
