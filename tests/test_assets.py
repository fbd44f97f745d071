"""plotly.js served as a cached file for the slides (``lianes_dash/server/assets.py``)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from lianes_dash.server import assets
from lianes_dash.views import deck
from lianes_dash.views.slides import Slide


def _slides() -> list[Slide]:
    return [Slide(key="essai", kicker="Essai", title="Une diapositive", lead="Texte")]


@pytest.mark.parametrize(("src", "inline"), [(None, True), ("_lianes/plotly-x.min.js", False)])
def test_the_deck_links_to_plotly_or_carries_it(src: str | None, inline: bool) -> None:
    html = deck.render_deck(_slides(), plotly_src=src)
    plotly_js = assets.PLOTLY_JS.read_text(encoding="utf-8")
    assert (plotly_js[:2000] in html) is inline
    # NOTE: linked, it loads without blocking the first slide (``async``; deck.js waits for it).
    assert ('<script id="deck-plotly" src="_lianes/plotly-x.min.js" async></script>' in html) is not inline
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


# --- the France map's outlines, fetched by URL ------------------------------------------------------------
OUTLINES = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "id": "99", "properties": {"name": "Fictif"}}],
}


@pytest.fixture
def mounted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "_MOUNTED", __import__("threading").Event())
    assets._MOUNTED.set()


def _get(path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    """One request through the middleware, with Streamlit's app answering 404 behind it."""
    import asyncio
    import concurrent.futures

    sent: list[dict] = []

    async def streamlit(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    middleware = assets.AssetsMiddleware(streamlit)
    scope = {"type": "http", "method": method, "path": path, "headers": []}
    # NOTE: in a thread of its own: Playwright's sync API may keep an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, middleware(scope, receive, send)).result()
    headers = {k.decode(): v.decode() for k, v in sent[0].get("headers", [])}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_no_url_without_the_route() -> None:
    """Under ``streamlit run dashboard.py`` the map keeps its outlines inside."""
    assert not assets.mounted(), "no app.py in this process"
    assert assets.json_url(OUTLINES, "departement") is None


def test_outlines_are_served_at_their_url_with_a_long_cache(mounted) -> None:
    url = assets.json_url(OUTLINES, "departement")
    assert url is not None and url.startswith("_lianes/json/departement-") and url.endswith(".json")
    assert assets.json_url(OUTLINES, "departement") == url, "found again, the same URL"
    status, headers, body = _get(f"/{url}")
    assert status == 200 and "immutable" in headers["cache-control"]
    assert __import__("json").loads(body) == OUTLINES
    # under a --server.baseUrlPath too
    assert _get(f"/carte/{url}")[0] == 200
    # another content, another URL; an unknown one goes on to Streamlit
    other = assets.json_url({**OUTLINES, "features": []}, "departement")
    assert other != url
    assert _get("/_lianes/json/departement-0000.json")[0] == 404


def _france_map(**kwargs):
    """A France map of two fictitious areas, with no point."""
    import pandas as pd

    from lianes_dash.dataset import schema as S
    from lianes_dash.views import figures as F

    areas = pd.DataFrame({S.CODE: ["99", "98"], S.NAME: ["Fictif", "Imaginaire"], S.COUNT: [3, 1], S.VALUE: [1.5, 0.5]})
    points = pd.DataFrame(columns=[S.FR_LAT, S.FR_LON, S.FR_NAME, S.FR_TYPE, S.COUNT])
    return F.france_map(areas, OUTLINES, points, measure_label="Liens", percent=False, **kwargs)


def test_the_map_carries_the_url_not_the_outlines() -> None:
    inside = _france_map()
    by_url = _france_map(geojson_url="_lianes/j.json")
    assert inside.data[0].geojson == OUTLINES
    assert by_url.data[0].geojson == "_lianes/j.json"
    assert list(by_url.data[0].locations) == list(inside.data[0].locations) == ["99", "98"]


def test_the_map_shares_the_outlines_instead_of_copying_them() -> None:
    """The outlines are the caller's object, not a copy (copying them cost ~40 ms a trace)."""
    fig = _france_map(focus=("99",))
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    assert len(choropleths) == 2, "the focus and the grey background"
    assert all(t.geojson is OUTLINES for t in choropleths)
