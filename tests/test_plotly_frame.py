"""Charts drawn with plotly.js cut to their traces (``ui/plotly_frame.py``, ``static/plotly/``).

The vendored bundle is the file its provenance describes and holds every trace type the figures
use; a page draws its chart in the component with the figure Streamlit would have drawn; in
Chromium, maps draw from this site alone (no Streamlit plotly chunk, no policy violation), a click
on a country still filters, and the maps fill a computer's and a phone's width in both languages.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import plotly.offline
import pytest

from lianes_dash.ui import plotly_frame
from tests.conftest import ROOT, chart_figures, start_streamlit, switch_page, wait_idle

STATIC = ROOT / "static" / "plotly"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, plotly_frame.DEFAULT),
        ("", plotly_frame.DEFAULT),
        ("partial", "partial"),
        (" Streamlit ", "streamlit"),
        ("cdn", plotly_frame.DEFAULT),
    ],
)
def test_the_setting_chooses_the_bundle(monkeypatch: pytest.MonkeyPatch, value: str | None, expected: str) -> None:
    if value is None:
        monkeypatch.delenv(plotly_frame.BUNDLE_ENV, raising=False)
    else:
        monkeypatch.setenv(plotly_frame.BUNDLE_ENV, value)
    assert plotly_frame.choice() == expected


def test_the_partial_bundle_is_used_only_where_the_app_serves_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(plotly_frame.BUNDLE_ENV, "partial")
    monkeypatch.setattr(plotly_frame, "_SERVED", {})
    assert not plotly_frame.active()
    plotly_frame.serve_bundle("/_lianes/plotly-lianes-0123.min.js")
    assert plotly_frame.active()
    monkeypatch.setenv(plotly_frame.BUNDLE_ENV, "streamlit")
    assert not plotly_frame.active()


def test_the_vendored_bundle_is_the_file_its_provenance_describes() -> None:
    body = plotly_frame.BUNDLE_FILE.read_bytes()
    provenance = (STATIC / "PROVENANCE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(body).hexdigest() in provenance
    assert f"| Taille | {len(body)} octets |" in provenance
    assert "MIT" in (STATIC / "LICENSE-plotly.js").read_text(encoding="utf-8")
    # the plotly.js of the installed Python plotly (the deck's): the same drawing code everywhere
    version = plotly.offline.get_plotlyjs_version()
    assert body.startswith(f"/*! plotly.js v{version} ".encode()), body[:80]
    assert f"plotly.js@{version}" in provenance
    # the URL names the content: a rebuilt bundle is never taken from a browser's stale copy
    assert plotly_frame.bundle_path(body) != plotly_frame.bundle_path(body + b" ")


def _traces_in_bundle() -> set[str]:
    header = plotly_frame.BUNDLE_FILE.read_bytes()[:200].decode()
    found = re.search(r"\(traces: ([a-z ]+)\)", header)
    assert found, header
    return {*found.group(1).split(), "scatter"}  # scatter comes with plotly.js's core


def test_the_bundle_holds_every_trace_type_the_figures_use() -> None:
    used = set()
    for path in (ROOT / "lianes_dash").rglob("*.py"):
        used |= {name.lower() for name in re.findall(r"\bgo\.([A-Z][a-z]+)\(", path.read_text(encoding="utf-8"))}
    used.discard("figure")
    assert used, "no trace found: the pattern no longer matches how figures are built"
    assert used <= _traces_in_bundle(), used - _traces_in_bundle()


@pytest.fixture
def served_bundle(monkeypatch: pytest.MonkeyPatch, clear_caches) -> Iterator[None]:
    """AppTest as under ``app.py``: the bundle served, the partial bundle chosen."""
    monkeypatch.setenv(plotly_frame.BUNDLE_ENV, "partial")
    monkeypatch.setattr(plotly_frame, "_SERVED", {"bundle": "/_lianes/plotly-lianes-0123.min.js"})
    yield


def _app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    return switch_page(at, "world.py").run()


def test_the_world_map_is_drawn_by_the_component_with_its_figure_and_click(served_bundle) -> None:
    at = _app()
    assert not at.exception
    assert not at.get("plotly_chart"), "Streamlit's chart (and its 4.7 MB chunk) not used"
    (frame,) = at.get("component_instance")
    args = json.loads(frame.proto.json_args)
    assert args["bundle"] == "_lianes/plotly-lianes-0123.min.js"
    assert args["select"] is True and args["key"] == "world_map"
    assert args["config"]["topojsonURL"] == "app/static/topojson/" and args["config"]["displaylogo"] is False
    assert args["font"].startswith("static/media/SourceSans")
    (fig,) = chart_figures(at)
    assert fig["data"][0]["type"] == "choropleth" and len(fig["data"][0]["locations"]) > 50
    assert args["height"] == fig["layout"]["height"]


def test_without_the_bundle_served_charts_stay_streamlits(monkeypatch: pytest.MonkeyPatch, clear_caches) -> None:
    monkeypatch.setattr(plotly_frame, "_SERVED", {})
    at = _app()
    assert not at.get("component_instance")
    (fig,) = chart_figures(at)
    assert fig["data"][0]["type"] == "choropleth"


# --- In Chromium -------------------------------------------------------------------------------

_LISTEN = """document.addEventListener('securitypolicyviolation', e => console.error(
  'CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI));"""
_FRAME = "iframe[src*='plotly_frame']"
_MAP = "path.choroplethlocation"


@pytest.fixture(scope="module")
def partial_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``app.py`` with the partial bundle chosen (whatever the default and this machine's environment)."""
    log = tmp_path_factory.mktemp("plotly_frame") / "server.log"
    with start_streamlit(log=log, script="app.py", env={plotly_frame.BUNDLE_ENV: "partial"}) as (base, _proc):
        yield base


def _open(browser, base: str, path: str, width: int, height: int, phone: bool = False):
    from bench.chromium import record_outside

    agent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36"
    context = browser.new_context(
        viewport={"width": width, "height": height}, **({"user_agent": agent} if phone else {})
    )
    page = context.new_page()
    page.add_init_script(_LISTEN)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "CSP-VIOLATION" in m.text else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    outside = record_outside(page)
    page.goto(base + path)
    page.frame_locator(_FRAME).first.locator(_MAP).first.wait_for(state="attached", timeout=90_000)
    wait_idle(page)
    return context, page, problems, requests, outside


@pytest.mark.browser
def test_the_world_map_draws_from_this_site_and_a_click_filters(partial_server: str, browser) -> None:
    context, page, problems, requests, outside = _open(browser, partial_server, "/monde", 1280, 900)
    try:
        assert any("/_lianes/plotly-lianes-" in u for u in requests), "the partial bundle was loaded"
        assert not any("PlotlyChart" in u for u in requests), "Streamlit's plotly chunk was not"
        frame = page.frame_locator(_FRAME).first
        locs = frame.locator("body").evaluate(
            "() => [...document.querySelectorAll('path.choroplethlocation')].map(e => e.__data__ && e.__data__.loc)"
        )
        assert "BRA" in locs and len(locs) > 50
        # the toolbar as Streamlit's: French words, its « Plein écran » button, no plotly logo
        titles = frame.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
        assert "Plein écran" in titles and "Télécharger l'image (PNG)" in titles, titles
        assert frame.locator(".modebar-btn--logo").count() == 0
        # a click on Brazil filters every page by it, as with Streamlit's chart
        # NOTE: force: plotly's geo layer takes the pointer and finds the country under it itself
        frame.locator(_MAP).nth(locs.index("BRA")).click(force=True, timeout=30_000)
        page.wait_for_function("() => location.href.includes('BRA')", timeout=30_000)
        wait_idle(page)
        assert problems == [] and outside == []
    finally:
        context.close()


def _frame_box(page) -> dict:
    frame = page.frame_locator(_FRAME).first
    box = frame.locator(".js-plotly-plot").bounding_box()
    filled = frame.locator("body").evaluate(
        "() => [...document.querySelectorAll('path.choroplethlocation')].filter(p => p.getBBox().width > 0).length"
    )
    return {**(box or {}), "filled": filled}


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height", "phone"), [(1280, 900, False), (390, 844, True)])
@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/monde", "Liens de coopération décentralisée par pays partenaire"),
        ("/monde?lang=en", "Decentralised cooperation links by partner country"),
        ("/france", "Carte de France par département"),
        ("/france?lang=en", "Map of France by"),
    ],
)
def test_the_maps_fill_the_width_in_both_languages(
    partial_server: str, browser, tmp_path: Path, width: int, height: int, phone: bool, path: str, title: str
) -> None:
    context, page, problems, _requests, outside = _open(browser, partial_server, path, width, height, phone)
    try:
        box = _frame_box(page)
        assert box["filled"] > 50, box
        # as wide as the page's column (a phone's less its margins), never wider than the screen
        assert box["width"] <= width and box["x"] >= 0
        assert box["width"] >= (width - 60 if phone else 700), box
        shot = tmp_path / "map.png"
        page.frame_locator(_FRAME).first.locator(".js-plotly-plot").screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000, "a blank map compresses to a few kilobytes"
        drawn_title = page.frame_locator(_FRAME).first.locator(".gtitle").first.text_content() or ""
        # the title is wrapped on lines of its own (SVG tspans): compared without spaces
        assert "".join(title.split()) in "".join(drawn_title.split()), drawn_title
        assert problems == [] and outside == []
    finally:
        context.close()


def test_the_frames_theme_is_the_one_streamlit_would_apply() -> None:
    """``chart.js`` carries Streamlit's light theme for plotly as a copy: the app's theme must still be
    that one, and every placeholder colour of Streamlit's plotly template must have its value there."""
    import tomllib

    import plotly.graph_objects as go
    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401 — registers Streamlit's template, the default

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme.get("base") == "light"
    assert not {k for k in theme if k.startswith("chart") or "font" in k.lower()}, theme
    template = pio.to_json(go.Figure(), validate=False)
    used = set(re.findall(r"#0000[0-4][0-9]", template))
    chart_js = (STATIC / "chart.js").read_text(encoding="utf-8")
    known = set(re.findall(r'"(#0000[0-4][0-9])":', chart_js))
    assert used and used <= known, used - known
