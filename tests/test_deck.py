"""The exported deck: one self-contained HTML file, nothing fetched from the network, data escaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from lianes_dash.__main__ import main as cli_main
from lianes_dash.analysis.filters import Filters
from lianes_dash.views import deck
from lianes_dash.views.slides import Number, Slide, build_slides
from tests.test_slides import _links, _ref


class _Refs(HTMLParser):
    """Every URL-bearing attribute, and the text of each ``<script>``."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "data", "poster") and value:
                self.urls.append((tag, name, value))


@pytest.fixture(scope="module")
def page() -> str:
    return deck.render_deck(build_slides(_links(), _ref(), Filters()), interval=7)


def test_one_document_with_every_slide(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and page.count("<html") == 1
    assert page.count('<section class="slide') == 11
    config = json.loads(re.search(r'<script type="application/json" id="deck-config">(.*?)</script>', page).group(1))
    assert config["interval"] == 7
    assert set(config["figures"]) == {"2", "3", "4", "5", "7"}


def test_no_reference_leaves_the_file(page: str) -> None:
    parser = _Refs()
    parser.feed(page)
    assert "link" not in parser.tags, "no <link> (stylesheets, fonts) in a self-contained deck"
    remote = [u for u in parser.urls if re.match(r"^\s*(https?:)?//", u[2], re.I)]
    assert remote == []
    # no script or stylesheet is loaded by URL at all; plotly.js is inline
    assert not any(tag == "script" and name == "src" for tag, name, _ in parser.urls)
    assert "@import" not in page and "fonts.googleapis" not in page
    assert "plotly.js v" in page


def test_topojson_is_pre_registered(page: str) -> None:
    topo = json.loads(re.search(r'id="deck-topojson">(.*?)</script>', page).group(1))
    assert set(topo) == {"world_110m"}
    assert topo["world_110m"]["type"] == "Topology"
    assert page.index("window.PlotlyGeoAssets=") < page.index("plotly.js v")


def test_text_is_escaped_everywhere() -> None:
    evil = "</script><script>alert(1)</script><b>&"
    slides = [Slide(key="x", title=evil, lead=evil, numbers=(Number("1", evil),), items=(evil,), paragraphs=(evil,))]
    page = deck.render_deck(slides)
    assert "<script>alert(1)" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page
    assert (
        deck.json_for_script({"a": evil})
        == '{"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    )
    assert json.loads(deck.json_for_script({"a": evil})) == {"a": evil}


def test_credit_line_reaches_the_html() -> None:
    page = deck.render_deck(build_slides(_links(False), _ref(), Filters()))
    assert page.count('class="credit"') >= 5
    assert "Wikipedia contributors" in page and "CC BY-SA 4.0" in page and "OpenStreetMap" in page
    assert 'class="synthetic"' not in page and "illustrativ" not in page


def test_interval_is_bounded() -> None:
    slides = [Slide(key="x", title="x")]
    cfg = re.compile(r'id="deck-config">(.*?)</script>')
    assert json.loads(cfg.search(deck.render_deck(slides, interval=0)).group(1))["interval"] == deck.MIN_INTERVAL
    assert json.loads(cfg.search(deck.render_deck(slides, interval=1e9)).group(1))["interval"] == deck.MAX_INTERVAL
    with pytest.raises(ValueError):
        deck.render_deck([])


def test_cli_writes_the_deck(tmp_path, capsys) -> None:
    out = tmp_path / "sous" / "presentation.html"
    code = cli_main(["deck", "--out", str(out), "--intervalle", "20", "--departement", "59", "--departement", "62"])
    assert code == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "Nord-Pas-de-Calais dans le monde" in text
    assert '"interval":20' in text
    assert "diapositives" in capsys.readouterr().out


def test_cli_rejects_a_bad_interval(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        cli_main(["deck", "--out", str(tmp_path / "x.html"), "--intervalle", "abc"])
    assert exc.value.code == 2
    assert "intervalle invalide" in capsys.readouterr().err


def test_controls_are_drawn_without_any_font_glyph() -> None:
    """The pause and full-screen buttons are SVG paths (they were empty boxes on a host lacking ⏸ and ⛶)."""
    html = deck.render_deck([Slide(key="x", title="x")], exit_url="/")
    nav = re.search(r'<nav class="controls".*?</nav>', html, flags=re.S).group(0)
    for act in ("prev", "pause", "next", "full"):
        button = re.search(rf'<button[^>]*data-act="{act}"[^>]*>(.*?)</button>', nav, flags=re.S).group(1)
        assert "<svg" in button and "<path" in button, act
        # no symbol glyph (⏸ ⏵ ⛶ ◀ ▶) in what the button shows: those were the empty boxes
        assert not re.search(r"[\u2300-\u23ff\u25a0-\u25ff\u2600-\u27bf]", re.sub(r"<[^>]+>", "", button)), act
    assert "i-pause" in nav and "i-play" in nav
    css = (deck.ASSETS / "deck.css").read_text(encoding="utf-8")
    assert "body.show-controls .slide { padding-bottom" in css  # the bar never covers the footer
    assert re.search(r"\.controls \{[^}]*background: #111;", css)  # and is opaque


def test_the_deck_keeps_a_maps_legend_band_when_its_fonts_grow() -> None:
    """Issue 29, point 4: the deck scales fonts with the window; the legend band (``figures.legend_band``) is
    measured once drawn, or the grown legend lay on the region slide's map again."""
    from lianes_dash.views.deck import ASSETS

    js = (ASSETS / "deck.js").read_text(encoding="utf-8")
    assert "function legendBand(el)" in js and '"geo.domain.y": [0, top]' in js
    assert js.count("legendBand(el);") == 2  # after drawing, and after a resize
