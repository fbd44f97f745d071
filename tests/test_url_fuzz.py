"""The URL surface, fuzzed: every page × every URL key the app reads (and unknown keys).

Any shared link is input. For any parameters — unicode of every category (superscript
digits that ``str.isdigit`` accepts and ``int`` refuses, right-to-left marks, combining
accents, emoji, NUL), long values, repeated keys, numbers negative, huge or out of range —
each page must be drawn, never raise, in bounded time, and the French note
(``url_params.ignored_params_note``) must name every parameter it could not use.

The default suite runs the cases of the report and a short hypothesis run under AppTest;
``LIANES_SLOW=1 python -m pytest -m slow tests/test_url_fuzz.py`` runs a long one
(``LIANES_FUZZ_EXAMPLES`` examples, 300 by default). The logic itself (``check_filters``, ``note_text``) is fuzzed with many more
examples without Streamlit. The server side of long URLs is in ``test_headers.py``.
"""

from __future__ import annotations

import os
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis.filters import URL_KEYS
from lianes_dash.ui import navigation
from lianes_dash.ui import url_params as U
from tests.conftest import navigation_pages
from tests.landing import landing
from tests.tiers import covering

PAGES = navigation_pages()
#: Every key some page reads (the shared filters and each page's own).
APP_KEYS = sorted(set(U.FILTER_KEYS) | {k for keys in U.PAGE_KEYS.values() for k in keys})
#: Keys read by the browser only (deck.js reads ``diapo``): the server never judges their value.
CLIENT_ONLY = {"diapo"}
#: Seconds one page may take with any URL (generous: the machine is shared; AppTest's own
#: timeout is the hard stop). An idle machine answers in well under a second.
BOUND_S = 30

SPECIALS = [
    "¹²³⁴",  # superscripts: isdigit() yes, int() no
    "２０２０",  # full-width digits
    "\u202e",  # right-to-left override
    "\u200f2010",  # right-to-left mark
    "e\u0301",  # combining acute accent
    "😀",
    "\x00",
    "a\x00b",
    "-2024",
    "99999",
    "1e309",
    "nan",
    "-0",
    "9" * 400,
    "BFA~XXX~~",
    "~~~zzz",
    "<script>alert(1)</script>",
    "%00",
    "' OR 1=1 --",
]
unicode_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
long_text = st.builds(lambda n, c: c * n, st.integers(1_000, 30_000), st.sampled_from(["x", "é", "😀", "\u202e"]))
numbers = st.integers(-(10**30), 10**30).map(str)
values = st.one_of(st.sampled_from(SPECIALS), unicode_text, long_text, numbers)
unknown_keys = st.one_of(
    st.sampled_from(["foo", "utm_source", "PAYS", "pays ", "de\u0301", "😀", "\u202e"]), unicode_text
)


def surely_unusable(key: str, value: str, page_url: str) -> bool:
    """True when no page could use ``value`` for ``key`` on ``page_url`` (then the note must name it).

    Independent of the code under test: only values that are unusable on their face.
    """
    if key not in U.known_keys(page_url):
        return True
    if key in CLIENT_ONLY:
        return False
    if key == "q":  # any short printable text is a search
        return len(value) > 100 or any(unicodedata.category(c) in ("Cc", "Cn", "Co") for c in value)
    if key == "intervalle":
        return U.number(value) is None
    if key == "mode":
        return value != "presentation"
    if key in ("de", "a"):
        return value.strip() != "" and U.year(value) is None
    if value.strip(U.URL_SEP) == "" or (key in ("de", "a") and value.strip() == ""):
        return False  # empty: no filter, nothing to ignore
    return any(not c.isascii() or unicodedata.category(c).startswith("C") for c in value) or len(value) > 100


def _open(page_file: str, params: dict[str, str | list[str]]) -> tuple[AppTest, float]:
    """A visitor opening the link: the session's first run is on the page."""
    start = time.perf_counter()
    at = landing(page_file, params, timeout=BOUND_S)
    return at, time.perf_counter() - start


def _title(page_file: str) -> str:
    """The heading each page shows (``st.title``), from the navigation."""
    return next(p.heading for p in navigation.pages() if p.file == page_file)


def _check(at: AppTest, seconds: float, page_file: str, page_url: str, params: dict) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert seconds < BOUND_S, f"{page_file} took {seconds:.1f} s"
    kiosk = page_file == "presentation.py" and params.get("mode") == "presentation"
    expected = _title(page_file)
    assert kiosk or expected is None or [t for t in at.title if t.value.startswith(expected)], (
        f"{page_file}: the page itself is drawn",
        [t.value for t in at.title],
    )
    notes = [w.value for w in at.warning if "Lien en partie ignoré" in w.value]
    assert len(notes) <= 1, "one note, not one per parameter"
    for key, value in params.items():
        last = value[-1] if isinstance(value, list) else value
        if surely_unusable(key, last, page_url):
            assert notes and f"« {U.printable(key)} »" in notes[0], (key, last[:40], notes)


# --- the cases of the report, on the pages where they failed ---------------------------------------------
REPORTED = [
    ("overview.py", {"de": "¹²³⁴"}),
    ("explorer.py", {"de": "¹²³⁴"}),
    ("presentation.py", {"mode": "presentation", "de": "¹²³⁴"}),
    ("fiche_collectivite.py", {"region": "x" * 10_000}),
    ("peers.py", {"region": "x" * 10_000}),
    ("presentation.py", {"region": "x" * 10_000}),
    ("npdc.py", {"region": "\u202e"}),
    ("france.py", {"de": "-2024", "a": "99999"}),
    ("explorer.py", {"pays": "XXX", "theme": "foo", "de": "2050"}),
    ("fiche_pays.py", {"iso": "😀" * 3000, "zz\x00": "1"}),
    ("about.py", {"pays": ["XXX", "YYY"], "coll": "\x00"}),
]
URLS = {file: url for file, url, _default in PAGES}


@pytest.mark.usefixtures("clear_caches")
@pytest.mark.parametrize(
    ("page_file", "params"), covering(REPORTED, ids=[f"{p}-{'-'.join(q)}" for p, q in REPORTED], by=[0])
)
def test_reported_urls_give_the_page_and_name_the_ignored_parameter(page_file: str, params: dict) -> None:
    at, seconds = _open(page_file, params)
    _check(at, seconds, page_file, URLS[page_file], params)
    assert [w for w in at.warning if "Lien en partie ignoré" in w.value], "the note is shown"


def test_the_explorer_note_names_each_parameter() -> None:
    """The issue's example: unknown country, unknown theme, a year after the data."""
    at, _ = _open("explorer.py", {"pays": "XXX", "theme": "foo", "de": "2050"})
    note = next(w.value for w in at.warning if "Lien en partie ignoré" in w.value)
    assert "« pays »" in note and "« theme »" in note and "« de »" in note, note
    assert "3 paramètres" in note


def test_valid_parameters_are_used_and_not_named() -> None:
    at, _ = _open("explorer.py", {"pays": "BFA~XXX", "de": "1990", "q": "Halluin"})
    assert at.sidebar.multiselect(key="flt_countries").value == ["BFA"]
    note = next(w.value for w in at.warning if "Lien en partie ignoré" in w.value)
    assert "« pays » (valeurs en partie non reconnues)" in note
    assert "« de »" not in note and "« q »" not in note


def test_every_page_key_is_read_by_its_page() -> None:
    """``PAGE_KEYS`` says which page reads which key: each page's source spells its keys."""
    for page_file, url, _default in PAGES:
        source = navigation.page(url).path.read_text(encoding="utf-8")
        for key in U.PAGE_KEYS.get(url, ()):
            if key in CLIENT_ONLY:
                continue
            assert f'"{key}"' in source, (page_file, key)
    assert set(U.PAGE_KEYS) <= set(URLS.values()), "a PAGE_KEYS entry names a page that does not exist"


# --- hypothesis under AppTest ------------------------------------------------------------------------
def _params_strategy():
    key = st.one_of(st.sampled_from(APP_KEYS), unknown_keys)
    value = st.one_of(values, st.lists(values, min_size=2, max_size=3))  # a list = a repeated key
    return st.dictionaries(key, value, min_size=1, max_size=4)


def _fuzz(page_index: int, params: dict) -> None:
    page_file, url, _default = PAGES[page_index % len(PAGES)]
    at, seconds = _open(page_file, params)
    _check(at, seconds, page_file, url, params)


_PAGE = st.integers(0, len(PAGES) - 1)
_FAST = settings(
    max_examples=int(os.environ.get("LIANES_FUZZ_QUICK", "12")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_SLOW = settings(
    max_examples=int(os.environ.get("LIANES_FUZZ_EXAMPLES", "300")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow  # a page run per example: left to the full run
@_FAST
@given(page=_PAGE, params=_params_strategy())
def test_any_url_gives_the_page_short_run(page: int, params: dict) -> None:
    _fuzz(page, params)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("LIANES_SLOW") != "1", reason="long run: LIANES_SLOW=1 pytest -m slow")
@_SLOW
@given(page=_PAGE, params=_params_strategy())
def test_any_url_gives_the_page_long_run(page: int, params: dict) -> None:
    _fuzz(page, params)


# --- the logic alone, many examples -------------------------------------------------------------------
ALLOWED = {"countries": {"BFA", "CMR"}, "themes": {"santé"}, "regions": {"32"}}


@settings(deadline=None, database=None, derandomize=True)  # examples: the profile's (conftest)
@given(
    params=st.dictionaries(st.sampled_from(list(URL_KEYS.values())), st.one_of(values, st.lists(values, max_size=3)))
)
def test_check_filters_never_raises_and_keeps_only_usable_values(params: dict) -> None:
    clean, ignored = U.check_filters(params, ALLOWED, (1950, 2024))
    for key, value in clean.items():
        assert len(value) <= U.MAX_VALUE_CHARS
        if key in ("de", "a"):
            assert value.isascii() and len(value) == 4
    for key, value in params.items():
        last = U.first_value(value)
        if last is not None and surely_unusable(key, last, "explorer"):
            assert key in ignored, (key, last[:40])


@settings(deadline=None, database=None, derandomize=True)  # examples: the profile's (conftest)
@given(ignored=st.dictionaries(st.one_of(unknown_keys, long_text), st.sampled_from([U.UNKNOWN, U.UNREADABLE])))
def test_the_note_is_short_and_shows_no_control_character(ignored: dict) -> None:
    text = U.note_text(ignored)
    if not ignored:
        assert text == ""
        return
    assert text.startswith("**Lien en partie ignoré**")
    assert len(text) < 1200, "bounded whatever the keys"
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text), repr(text[:80])


def test_year_refuses_digits_that_int_refuses() -> None:
    assert U.year("¹²³⁴") is None and U.year("２０２０") is None and U.year("2020") == 2020
