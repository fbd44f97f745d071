"""The page's title on screen before Streamlit's code has started (``lianes_dash/server/shell.py``)."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from lianes_dash.server import shell as SH
from lianes_dash.ui import navigation
from lianes_dash.ui.navigation import PageSpec

INDEX = b'<!DOCTYPE html><html lang="en"><head><title>Streamlit</title></head><body><div id="root"></div></body></html>'


@pytest.mark.parametrize(
    ("path", "query", "lang", "heading"),
    [
        ("/france", b"", "fr", "Carte de France des collectivités engagées"),
        ("/france", b"lang=en&dep=59", "en", "Map of the French local authorities involved"),
        ("/", b"", "fr", "La coopération décentralisée en chiffres"),
        ("", b"lang=fr", "fr", "La coopération décentralisée en chiffres"),
        ("/base/monde/", b"lang=en", "en", "World map of the partnerships"),
        ("/nulle-part", b"", "fr", None),
        # NOTE: the app switches to English on « en » only; anything else stays French.
        ("/a-propos", b"lang=EN", "fr", "À propos"),
    ],
)
def test_language_and_heading_follow_the_address(path: str, query: bytes, lang: str, heading: str | None) -> None:
    assert SH.language_of(query) == lang
    assert SH.heading_of(path, lang) == heading
    page = SH.with_shell(INDEX, path, query).decode()
    assert f'<html lang="{lang}">' in page and page.count(f'id="{SH.SHELL_ID}"') == 1
    assert (f"<h1>{heading}</h1>" in page) is (heading is not None)
    assert f"<title>{SH.title(path, lang)}</title>" in page and "Streamlit" not in page
    assert page.index(SH.SHELL_ID) < page.index('<div id="root">')


@pytest.mark.parametrize(
    ("path", "query", "bare"),
    [
        ("/integrer", b"vue=monde", True),
        ("/presentation", b"mode=presentation&dep=59", True),
        ("/presentation", b"", False),
        ("/france", b"mode=presentation", True),
        ("/", b"", False),
    ],
)
def test_no_sidebar_band_where_streamlit_shows_no_sidebar(path: str, query: bytes, bare: bool) -> None:
    page = SH.with_shell(INDEX, path, query).decode()
    assert (f'<div id="{SH.SHELL_ID}" class="bare"' in page) is bare


def test_the_headings_are_the_pages_own() -> None:
    for spec in navigation.pages():
        for lang in ("fr", "en"):
            assert SH.heading_of(f"/{spec.url_path}", lang) == spec.heading_in(lang)


def test_words_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = PageSpec("x", "x", "x", ":material/info:", "<img src=x onerror=alert(1)> & co")
    monkeypatch.setattr(navigation, "pages", lambda: [hostile])
    page = SH.with_shell(INDEX, "/x", b"").decode()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; co" in page


def test_another_page_is_left_alone() -> None:
    assert SH.with_shell(b"<html><body>autre</body></html>", "/france", b"") == b"<html><body>autre</body></html>"


@pytest.mark.browser
def test_the_served_page_has_its_shell_until_streamlit_draws(streamlit_server: str, browser_context) -> None:
    ask = urllib.request.Request(f"{streamlit_server}/pays?lang=en", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(ask, timeout=30) as r:
        page = gzip.decompress(r.read()).decode()
    assert '<html lang="en">' in page and "<h1>Country profile</h1>" in page
    tab = browser_context.new_page()
    try:
        for path in ("pays", "integrer"):  # NOTE: the embed view draws no heading: the run's end removes it
            tab.goto(f"{streamlit_server}/{path}")
            tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
            tab.wait_for_selector(f"#{SH.SHELL_ID}", state="detached", timeout=5_000)
        fcp = tab.evaluate("() => performance.getEntriesByName('first-contentful-paint').length")
        assert fcp == 1
    finally:
        tab.close()
