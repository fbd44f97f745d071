"""The kiosk served as a plain HTML document (``server/kiosk_document.py``), without a Streamlit page."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
import uuid

import pytest

from bench.chromium import record_outside
from lianes_dash.dataset import schema as S
from lianes_dash.dataset.data import load_links
from lianes_dash.server import kiosk_document as K
from lianes_dash.text.french import fmt_int
from lianes_dash.views import deck
from tests.landing import landing
from tests.test_csp_browser import _violations


def _scope(path: str, query: str, method: str = "GET") -> dict:
    return {"type": "http", "method": method, "path": path, "query_string": query.encode()}


@pytest.mark.parametrize(
    ("path", "query", "method", "wanted"),
    [
        ("/presentation", "mode=presentation", "GET", True),
        ("/presentation/", "dep=59&mode=presentation&lang=en", "HEAD", True),
        ("/lianes/presentation", "mode=PRESENTATION&intervalle=5", "GET", True),  # under a base path
        ("/presentation", "", "GET", False),  # the settings: the Streamlit page
        ("/presentation", "mode=autre", "GET", False),
        ("/presentation", "mode=presentation", "POST", False),
        ("/france", "mode=presentation", "GET", False),
        ("/presentation/_stcore/health", "mode=presentation", "GET", False),
    ],
)
def test_only_the_kiosk_address_is_answered_as_a_document(path: str, query: str, method: str, wanted: bool) -> None:
    assert K.wants_document(_scope(path, query, method)) is wanted


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [(None, deck.DEFAULT_INTERVAL), ("8", 8), ("2,5", 2.5), ("0", deck.MIN_INTERVAL), ("1e9", deck.MAX_INTERVAL),
     ("nan", deck.DEFAULT_INTERVAL), ("dix", deck.DEFAULT_INTERVAL), ("", deck.DEFAULT_INTERVAL)],
)  # fmt: skip
def test_the_interval_is_read_within_the_decks_bounds(raw: str | None, seconds: float) -> None:
    assert K.interval(raw) == seconds


def test_the_shared_cache_builds_once_per_key_and_keeps_the_last_used() -> None:
    from lianes_dash.server.documents import DocumentCache

    built: list[str] = []

    def build(name: str):  # noqa: ANN202
        return lambda: built.append(name) or name.encode()

    cache = DocumentCache(keep=2)
    first = cache.get(("a",), build("a"))
    assert cache.get(("a",), build("a")) == first and built == ["a"]
    cache.get(("b",), build("b"))
    cache.get(("a",), build("a"))  # « a » used last: « b » goes first
    cache.get(("c",), build("c"))
    cache.get(("a",), build("a"))
    cache.get(("b",), build("b"))
    assert built == ["a", "b", "c", "b"]
    assert first[1].startswith(b'"') and cache.get(("c",), build("c"))[1] != first[1]


def _section(text: str, key: str) -> str:
    found = re.search(rf'<section class="[^"]*" data-key="{key}".*?</section>', text, re.S)
    assert found is not None, f"no slide {key}"
    return found.group(0)


def _numbers(text: str) -> list[str]:
    """The values of the « chiffres clés » slide, as shown (« 1 234 »)."""
    return [html.unescape(v) for v in re.findall(r'<span class="value">(.*?)</span>', _section(text, "chiffres"))]


def _expected(links) -> list[str]:  # noqa: ANN001
    """The three headline counts of ``links``, computed here from the rows."""
    collectivities = len(links[[S.FR_TYPE, S.FR_CODE]].astype(str).drop_duplicates())
    countries = links[S.PARTNER_COUNTRY].astype(str).nunique()
    return [fmt_int(collectivities), fmt_int(len(links)), fmt_int(countries)]


@pytest.fixture(scope="module")
def bundled():
    return load_links()


def test_the_document_is_the_deck_of_the_filtered_data(bundled) -> None:
    body, etag = K.document(b"mode=presentation&dep=59&intervalle=4")
    text = body.decode()
    nord = bundled.loc[bundled[S.FR_DEPARTEMENT].astype(str) == "59"]
    assert 0 < len(nord) < len(bundled)
    assert _numbers(text) == _expected(nord)
    assert '<html lang="fr">' in text and "Les chiffres clés" in text and "Nord" in text
    assert '"interval":4' in text and "presentation?dep=59&amp;intervalle=4" in text  # « Quitter »: the settings
    # plotly.js and the basemaps from the app's files, not inside: the document stays small
    assert '<script id="deck-plotly" src="_lianes/plotly-' in text and "plotly.js v" not in text
    assert '"topojsonURL":"app/static/topojson/"' in text and "deck-topojson" not in text
    # built once: the slide to open on and unknown keys do not make another document
    assert K.document(b"mode=presentation&dep=59&intervalle=4&diapo=3&inconnu=1") == (body, etag)
    assert K.document(b"mode=presentation&dep=62&intervalle=4")[1] != etag


def test_an_english_kiosk_speaks_english(bundled) -> None:
    text = K.document(b"mode=presentation&lang=en&pays=BFA")[0].decode()
    assert '<html lang="en">' in text and "Key figures" in text and "Les chiffres clés" not in text
    assert _numbers(text) == _expected(bundled.loc[bundled[S.PARTNER_COUNTRY] == "BFA"])
    assert "presentation?pays=BFA&amp;intervalle=15&amp;lang=en" in text


@pytest.mark.parametrize(
    "query",
    [
        "mode=presentation&q=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E",
        "mode=presentation&q=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
        "mode=presentation&pays=%3Cb%3EBFA&continent=%22onload=&intervalle=%3Cscript%3E",
    ],
)
def test_hostile_parameters_never_become_markup(query: str) -> None:
    text = K.document(query.encode())[0].decode()
    assert "<script>alert" not in text and "<img src=x" not in text and "<b>BFA" not in text
    # the deck's own scripts only: the config block, the two inline ones allowed by hash, plotly.js
    assert text.count("<script") == 3, re.findall(r"<script[^>]*>", text)
    for inline in re.findall(r"<script>(.*?)</script>", text, re.S):
        assert inline in deck.inline_scripts()


def test_the_kiosk_follows_the_published_data(tmp_path, monkeypatch, clear_caches) -> None:
    """A link the network accepted is on the slides (the same published layer as every page)."""
    from lianes_dash.contributions import db
    from lianes_dash.contributions.store import open_store
    from lianes_dash.contributions.validation import Declaration
    from lianes_dash.ui import living

    monkeypatch.setenv(db.STATE_ENV, str(tmp_path / "state"))
    monkeypatch.delenv(db.URL_ENV, raising=False)
    query = b"mode=presentation&pays=FIN"
    before = _numbers(K.document(query)[0].decode())
    store = open_store()
    declared = Declaration(
        fr_name="Lille",
        fr_code="59350",
        partner_name="Testikylä",
        partner_country="FIN",
        kind="jumelage",
        email="elu.test@example.org",
    )
    item = store.submit_declaration(declared, submission_id=uuid.uuid4().hex, session_key="test")
    store.add_reviewer("alice", "un mot de passe assez long")
    store.accept(item.id, 1, "alice")
    living.changed()
    try:
        after = _numbers(K.document(query)[0].decode())
    finally:
        store.engine.dispose()
        living.changed()
    assert (
        int(after[1].replace("\u202f", "").replace(" ", ""))
        == int(before[1].replace("\u202f", "").replace(" ", "")) + 1
    )


def test_the_settings_page_links_to_the_document() -> None:
    at = landing("presentation.py", {"dep": "59", "lang": "en"})
    assert not at.exception
    links = [b.proto for b in at.get("link_button")]
    kiosk = [b.url for b in links if "mode=presentation" in b.url]
    assert kiosk == ["presentation?dep=59&mode=presentation&intervalle=15&lang=en"], [b.url for b in links]
    assert [b.label for b in links if b.url in kiosk] == ["Start the presentation"]


def test_an_imported_file_keeps_its_deck_in_the_page(bundled) -> None:
    """The kiosk document shows the published data; a session's imported file is shown by the page itself."""
    from lianes_dash.ui import state as ui_state

    imported = ui_state.Dataset(links=bundled.head(20), name="Import : a.csv", imported=True, key="import-kiosk")
    at = landing("presentation.py", {"intervalle": "4"}, state={ui_state.IMPORTED: imported})
    assert not at.exception and not at.get("link_button")
    at.button[0].click().run()
    assert at.query_params["mode"] == "presentation" and not at.exception
    frames = at.get("iframe")
    assert len(frames) == 1 and "Les chiffres clés" in frames[0].proto.srcdoc, "the deck, in this session"
    assert f'<span class="value">{fmt_int(20)}</span>' in frames[0].proto.srcdoc


# --- Against the running app (app.py) -----------------------------------------------------------------
def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, b""


def test_the_app_serves_the_kiosk_as_a_document_with_its_headers(settings_server, bundled) -> None:
    base, _proc = settings_server
    url = base + "/presentation?mode=presentation&dep=59&intervalle=6&diapo=2"
    status, headers, body = _get(url)
    text = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert 'class="deck"' in text and "stApp" not in text and "_stcore" not in text, "no Streamlit page"
    assert _numbers(text) == _expected(bundled.loc[bundled[S.FR_DEPARTEMENT].astype(str) == "59"])
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'self'" in policy and headers["x-frame-options"] == "SAMEORIGIN"
    for inline in re.findall(r"<script>(.*?)</script>", text, re.S):
        from lianes_dash.server.headers import script_hash

        assert script_hash(inline) in policy, "each inline script is allowed by its hash"
    assert "max-age" in headers["cache-control"] and headers["etag"]
    assert len(body) < 150_000, "plotly.js, the basemaps and the outlines are the app's cached files"
    outlines = re.search(r'"geojson":"(_lianes/json/departement-[0-9a-f]+\.json)"', text)
    assert outlines is not None, "the France map fetches its outlines"
    for asset in (outlines.group(1), "app/static/topojson/world_110m.json", K.assets.plotly_url()):
        assert _get(f"{base}/{asset}")[0] == 200, asset
    again, _h, _b = _get(url, {"If-None-Match": headers["etag"]})
    assert again == 304
    english = _get(base + "/presentation?mode=presentation&dep=59&lang=en")[2].decode()
    assert '<html lang="en">' in english and "Key figures" in english
    hostile = _get(base + "/presentation?mode=presentation&q=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E")[2]
    assert b"<script>alert" not in hostile and hostile.count(b"<script") == 3
    # « /presentation/ »: sent to « /presentation », where the document's relative addresses reach the app's files
    slash = urllib.request.urlopen(base + "/presentation/?mode=presentation&dep=59&intervalle=6", timeout=120)
    assert slash.url == base + "/presentation?mode=presentation&dep=59&intervalle=6" and slash.read() == body
    settings, _sh, page = _get(base + "/presentation?dep=59")
    assert settings == 200 and b'class="deck"' not in page, "without mode=presentation: the Streamlit page"


@pytest.mark.browser
def test_the_kiosk_draws_its_first_slide_offline_with_no_csp_violation(settings_server, browser_context) -> None:
    base, _proc = settings_server
    page = browser_context.new_page()
    found = _violations(page)
    leaks = record_outside(page)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base + "/presentation?mode=presentation&intervalle=30")
        page.locator(".slide.active h1").wait_for(state="visible", timeout=60_000)
        assert page.locator("body").get_attribute("data-slide") == "1"
        assert page.locator("[data-testid=stApp]").count() == 0
        page.locator("body[data-ready='1']").wait_for(state="attached", timeout=60_000)
        page.locator("path.choroplethlocation").first.wait_for(state="attached", timeout=60_000)
        page.wait_for_timeout(500)
        assert found == [] and leaks == [] and errors == [], (found, leaks, errors)
    finally:
        page.close()
