"""An embedded chart served as a plain HTML document (``server/embed_document.py``), without a Streamlit session."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from lianes_dash.dataset import schema as S
from lianes_dash.dataset.data import load_countries
from lianes_dash.server import embed_document as E
from lianes_dash.server.memtrace import rss_mb


def _scope(path: str, query: str, method: str = "GET") -> dict:
    return {"type": "http", "method": method, "path": path, "query_string": query.encode()}


@pytest.mark.parametrize(
    ("path", "query", "method", "wanted"),
    [
        ("/integrer", "vue=monde&embed=true", "GET", True),
        ("/lianes/integrer", "embed=true&continent=Afrique", "HEAD", True),  # under a base path
        ("/integrer", "vue=monde", "GET", False),  # a visitor's view: the Streamlit page
        ("/integrer", "vue=monde&embed=true", "POST", False),
        ("/monde", "embed=true", "GET", False),
        ("/integrer/_stcore/health", "embed=true", "GET", False),
    ],
)
def test_only_the_embed_address_is_answered_as_a_document(path: str, query: str, method: str, wanted: bool) -> None:
    assert E.wants_document(_scope(path, query, method)) is wanted


def _figure(body: bytes) -> dict:
    blob = re.search(rb'<script type="application/json" id="lianes-figure">(.*?)</script>', body, re.S)
    assert blob is not None, body[:500]
    return json.loads(blob.group(1).decode())


def test_the_world_map_under_a_continent_holds_that_continent_and_carries_its_caption() -> None:
    body, etag = E.document(b"vue=monde&continent=Afrique&embed=true")
    countries = load_countries()
    african = set(countries.loc[countries[S.CONTINENT] == "Afrique", S.ISO3])
    choropleth = next(t for t in _figure(body)["figure"]["data"] if t["type"] == "choropleth")
    assert choropleth["locations"] and set(choropleth["locations"]) <= african
    text = body.decode()
    assert "Liens de coopération décentralisée par pays partenaire" in text
    assert "Continent : Afrique" in text  # the selection, inside the figure
    assert 'href="monde?continent=Afrique"' in text  # the full view, same filters
    assert '<html lang="fr">' in text and "app/static/embed.js" in text
    assert E.document(b"vue=monde&continent=Afrique&embed=true") == (body, etag), "built once, then served"


def test_an_english_embed_speaks_english() -> None:
    body, _etag = E.document(b"vue=types&lang=en&embed=true")
    text = body.decode()
    assert '<html lang="en">' in text and "Links by type of French local authority" in text
    assert "See in Lianes Dash" in text or "Lianes Dash" in text
    assert 'href="?lang=en"' in text or "lang=en" in text


def test_an_unknown_chart_draws_the_world_map_and_an_empty_selection_says_so() -> None:
    assert "par pays partenaire" in E.document(b"vue=inconnue&embed=true")[0].decode()
    empty = E.document(b"vue=themes&pays=BFA&q=zzzz-aucun-lien&embed=true")[0].decode()
    assert "Rien à montrer pour cette sélection" in empty and "lianes-figure" not in empty


@pytest.mark.parametrize(
    "query",
    [
        "vue=monde&q=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E&embed=true",
        "vue=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E&embed=true",
        "vue=monde&pays=%3Cb%3EBFA&continent=%22onload=&embed=true",
    ],
)
def test_hostile_parameters_never_become_markup(query: str) -> None:
    text = E.document(query.encode())[0].decode()
    assert (
        "<script>alert" not in text
        and "<img src=x" not in text
        and "onerror=alert" not in text.replace("onerror=alert(1)&gt;", "")
    )
    assert text.count("<script") in (0, 3)  # the JSON block, plotly.js and embed.js, or no chart: nothing else


def test_the_drawing_script_is_served_as_a_static_file() -> None:
    script = Path(__file__).resolve().parent.parent / "static" / "embed.js"
    assert "Plotly.newPlot" in script.read_text(encoding="utf-8")


# --- Against the running app (app.py) -----------------------------------------------------------------
def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, b""


def test_the_app_serves_the_document_with_cache_headers_and_its_security_headers(settings_server) -> None:
    base, _proc = settings_server
    url = base + "/integrer?vue=monde&continent=Afrique&embed=true"
    status, headers, body = _get(url)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "lianes-figure" in body.decode() and "max-age" in headers["cache-control"]
    assert "frame-ancestors" in headers["content-security-policy"], "the app's security headers wrap it"
    again, _h, _b = _get(url, {"If-None-Match": headers["etag"]})
    assert again == 304
    visitor, vh, vbody = _get(base + "/integrer?vue=monde&continent=Afrique")
    assert visitor == 200 and b"lianes-figure" not in vbody, "without embed=true: the Streamlit page"


@pytest.mark.slow
def test_two_hundred_readers_at_once_get_the_chart_and_the_server_stays_flat(settings_server) -> None:
    base, proc = settings_server
    urls = [base + f"/integrer?vue={v}&continent=Afrique&embed=true" for v in ("monde", "types", "pays", "themes")]
    for url in urls:  # the documents built once
        _get(url)
    before = rss_mb(proc.pid)
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda i: _get(urls[i % len(urls)])[0], range(200)))
    assert results.count(200) == 200, {code: results.count(code) for code in set(results)}
    assert rss_mb(proc.pid) - before < 40, "no session, no per-reader memory"


@pytest.mark.browser
def test_the_document_draws_its_map_offline_in_a_browser(settings_server, browser_context) -> None:
    base, _proc = settings_server
    page = browser_context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(base + "/integrer?vue=monde&continent=Afrique&embed=true")
        page.locator("path.choroplethlocation").first.wait_for(state="attached", timeout=60_000)
        drawn = page.locator("path.choroplethlocation").count()
        body, _etag = E.document(b"vue=monde&continent=Afrique&embed=true")
        located = next(t for t in _figure(body)["figure"]["data"] if t["type"] == "choropleth")["locations"]
        assert drawn >= len(located) > 20, (drawn, len(located))  # each partner country, from the local basemap
        assert page.locator("a", has_text="Voir dans Lianes Dash").count() == 1
        assert problems == [], problems
    finally:
        page.close()
