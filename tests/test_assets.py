"""plotly.js served as a cached file for the slides (``lianes_dash/server/assets.py``)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from lianes_dash import deck
from lianes_dash.server import assets
from lianes_dash.slides import Slide


def _slides() -> list[Slide]:
    return [Slide(key="essai", kicker="Essai", title="Une diapositive", lead="Texte")]


@pytest.mark.parametrize(("src", "inline"), [(None, True), ("_lianes/plotly-x.min.js", False)])
def test_the_deck_links_to_plotly_or_carries_it(src: str | None, inline: bool) -> None:
    html = deck.render_deck(_slides(), plotly_src=src)
    plotly_js = assets.PLOTLY_JS.read_text(encoding="utf-8")
    assert (plotly_js[:2000] in html) is inline
    assert ('<script src="_lianes/plotly-x.min.js"></script>' in html) is not inline
    assert len(html) < 500_000 or inline


def test_the_url_is_relative_and_names_the_version() -> None:
    import plotly

    assert assets.plotly_url() == f"_lianes/plotly-{plotly.__version__}.min.js"


@pytest.mark.browser
def test_the_app_serves_plotly_with_a_long_cache(streamlit_server: str) -> None:
    url = f"{streamlit_server}/{assets.plotly_url()}"
    with urllib.request.urlopen(url, timeout=30) as r:
        body, headers = r.read(), {k.lower(): v for k, v in r.headers.items()}
    assert body == assets.PLOTLY_JS.read_bytes()
    assert "immutable" in headers["cache-control"] and headers["content-type"].startswith("application/javascript")
    req = urllib.request.Request(url, headers={"If-None-Match": headers["etag"]})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(req, timeout=30)
    assert not_modified.value.code == 304
