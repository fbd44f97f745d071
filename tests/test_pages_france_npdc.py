"""The « Carte de France » and « Nord-Pas-de-Calais » pages under AppTest, with and without filters,
and the click on a département in a real browser (marked ``browser``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.chromium import record_outside
from lianes_dash.dataset import data as D
from tests.conftest import switch_page, wait_idle
from tests.landing import landing

ROOT = Path(__file__).resolve().parent.parent
FRANCE = "france.py"
NPDC = "npdc.py"
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")


def open_page(page: str, state: dict | None = None, widgets: dict | None = None) -> AppTest:
    """The app on ``page``, with session state (filters) set before the page runs.

    NOTE: without filters, the session's first run is on the page (its own widgets may be set
    before it); filters are set after a first run, which sets them from the URL.
    """
    if not state:
        at = landing(page, state=widgets, timeout=90)
        assert not at.exception, [e.value for e in at.exception]
        return at
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in (widgets or {}).items():
        at.session_state[key] = value
    switch_page(at, page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# Carte de France
# ---------------------------------------------------------------------------
def test_france_default_is_metropolitan_departements() -> None:
    at = open_page(FRANCE)
    fig = figures(at)[0]
    choro = fig["data"][0]
    assert choro["type"] == "choropleth"
    assert len(choro["locations"]) == 96
    assert "59" in choro["locations"] and "2A" in choro["locations"]
    assert not {"971", "972", "973", "974", "976"} & set(choro["locations"])
    assert all(isinstance(z, float) for z in choro["z"])
    assert fig["layout"]["geo"]["lonaxis"]["range"] == [-5.3, 9.7]
    # on all of France the points are off by default (they hide the colours); one toggle brings them
    assert len(fig["data"]) == 1 and at.toggle(key="france_points").value is False
    with_points = figures(open_page(FRANCE, widgets={"france_points": True}))[0]
    assert "Commune" in {t["name"] for t in with_points["data"][1:]}
    # outre-mer listed, not hidden; the sentence under the map names the top areas
    assert "Outre-mer" in [h.value for h in at.subheader]
    overseas = at.dataframe[0].value
    assert "Guadeloupe" in overseas.iloc[:, 1].tolist()
    # Mayotte's population is unknown in the reference: a missing number (shown « inconnue »), never 0
    mayotte = overseas.loc[overseas.iloc[:, 1] == "Mayotte"].iloc[0]
    assert pd.isna(mayotte["Population"]) and overseas["Population"].dtype.kind == "f"
    assert "En tête :" in texts(at)
    table = at.dataframe[1].value
    assert len(table) == 100  # 101 départements, Mayotte without value listed apart
    assert list(table.columns) == ["Code", "Département", "Population", "Liens", "Liens pour 100 000 habitants"]


def test_france_regions_share_of_communes() -> None:
    at = open_page(FRANCE, widgets={"france_level": "region", "france_measure": "share_communes"})
    choro = figures(at)[0]["data"][0]
    assert len(choro["locations"]) == 13
    assert "32" in choro["locations"] and "01" not in choro["locations"]
    assert all(0 <= z <= 1 for z in choro["z"])
    assert "Part des communes engagées" in choro["hovertemplate"]
    assert "Carte de France par région, part des communes engagées" in texts(at)


def test_france_with_a_country_filter_and_a_selected_departement() -> None:
    at = open_page(FRANCE, state={"flt_countries": ["BFA"], "flt_departements": ["59"]})
    fig = figures(at)[0]
    choro = fig["data"][0]
    # the selected département alone is coloured and outlined, the map framed on it
    assert choro["locations"] == ["59"] and choro["marker"]["line"]["width"] == [2.5]
    background = fig["data"][1]
    assert background["name"] == "Hors sélection (contexte)" and "62" in background["locations"]
    lon_lo, lon_hi = fig["layout"]["geo"]["lonaxis"]["range"]
    assert lon_lo < 2.1 and lon_hi > 4.2 and lon_hi - lon_lo < 8  # Nord spans about 2.1–4.2 °E
    # points, on by default once a territory is chosen: only the Nord's collectivities linked to Burkina Faso
    points = [p for t in fig["data"][2:] for p in t["customdata"]]
    assert points and all(p[2] == "59" for p in points)
    assert "Sélection actuelle : Nord" in texts(at)
    assert "gris clair" in texts(at)


def test_france_when_nothing_matches() -> None:
    at = open_page(FRANCE, state={"flt_search": "zzzz introuvable"})
    choro = figures(at)[0]["data"][0]
    assert set(choro["z"]) == {0.0}
    assert len(figures(at)[0]["data"]) == 1  # no point


# ---------------------------------------------------------------------------
# Nord-Pas-de-Calais
# ---------------------------------------------------------------------------
def test_npdc_default() -> None:
    at = open_page(NPDC)
    text = texts(at)
    assert "Hauts-de-France depuis 2016" in text
    # the testimonials: persons, roles and quotes
    for person in ("Marc DESBUQUOIS", "Frédérique THOURET"):
        assert person in text
    assert "Nkong\\-zem au Cameroun" in text
    quote = next(m.value for m in at.markdown if m.value.startswith("> Depuis 2003"))
    assert quote.count("\n>\n") == 2  # three paragraphs
    # the 18 named collectivities
    named = next(df.value for df in at.dataframe if "Nom dans la brochure" in df.value.columns)
    assert len(named) == 18
    assert "Métropole Européenne de Lille" in named["Nom actuel"].tolist()
    assert named["Liens (sélection)"].sum() > 0
    # the partnerships the brochure describes, and only those (issue 27: not the build's notes)
    described = next(df.value for df in at.dataframe if "Collectivité partenaire" in df.value.columns)
    assert sorted(described["Collectivité partenaire"]) == ["Kawara", "Nkong-Zem"]
    # computed distinctions, as sentences
    assert "fois plus élevé dans les liens du Nord\\-Pas\\-de\\-Calais" in text
    # themes known for 2 links of the region: no ratio, no chart of theme shares, a sentence instead
    assert "Thème «" not in text and "trop peu pour une part ou un rapport" in text
    # region vs nation chart (countries) and the partner map
    figs = figures(at)
    assert len(figs) == 2
    bars = figs[0]
    assert [t["name"] for t in bars["data"]] == ["France entière", "Nord-Pas-de-Calais"]
    assert len(bars["data"][0]["y"]) == 10
    partner_traces = {t["name"] for t in figs[1]["data"]}
    assert "Partenaires en position approchée" in partner_traces
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Liens de coopération"] == str(len(_region_links()))


def _region_links():
    from lianes_dash.analysis import regional as R

    ref_c = D.load_collectivities()
    links = D.enrich_links(D.read_links_file(D.NATIONAL_LINKS_FILE), ref_c, D.load_countries())
    return R.region_links(links)


def test_npdc_with_a_country_filter() -> None:
    at = open_page(NPDC, state={"flt_countries": ["BFA"]})
    metrics = {m.label: m.value for m in at.metric}
    expected = int((_region_links()[D.S.PARTNER_COUNTRY].astype(str) == "BFA").sum())
    assert metrics["Liens de coopération"] == str(expected)
    assert metrics["Pays partenaires"] == "1"
    real = next(df.value for df in at.dataframe if "Collectivité partenaire" in df.value.columns)
    assert real["Collectivité partenaire"].tolist() == ["Kawara"]


def test_npdc_when_the_filters_exclude_the_region() -> None:
    at = open_page(NPDC, state={"flt_departements": ["75"]})
    text = texts(at)
    assert "Les filtres actuels excluent tout le Nord-Pas-de-Calais" in text
    assert "Marc DESBUQUOIS" in text  # testimonials stay
    named = next(df.value for df in at.dataframe if "Nom dans la brochure" in df.value.columns)
    assert len(named) == 18 and named["Liens (sélection)"].sum() == 0
    assert not at.metric


def test_npdc_map_of_every_collectivity_of_the_region() -> None:
    at = open_page(NPDC, widgets={"npdc_map_scope": "region"})
    partner = next(f for f in figures(at) if any(t.get("name") == "Collectivités françaises" for t in f["data"]))
    french = next(t for t in partner["data"] if t["name"] == "Collectivités françaises")
    assert len(french["lon"]) == _region_links()[[D.S.FR_TYPE, D.S.FR_CODE]].drop_duplicates().shape[0]


# ---------------------------------------------------------------------------
# A real browser: a click on a département filters the dashboard
# ---------------------------------------------------------------------------


def _hover(page) -> str:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.hoverlayer text')).map(e => e.textContent).join(' | ')"
    )


def _click_area(page, code: str, want_area: bool) -> str:
    """Move over the path of ``code`` until the hover shows an area (or a point); click there."""
    locs = page.evaluate(
        "Array.from(document.querySelectorAll('path.choroplethlocation')).map(e => e.__data__ && e.__data__.loc)"
    )
    path = page.locator("path.choroplethlocation").nth(locs.index(code))
    path.scroll_into_view_if_needed()
    box = path.bounding_box()
    for fx in range(2, 9):
        for fy in range(2, 9):
            x, y = box["x"] + box["width"] * fx / 10, box["y"] + box["height"] * fy / 10
            page.mouse.move(x, y)
            # NOTE: the one fixed wait left: plotly updates its hover after a delay, and the previous
            # spot's hover is still in the DOM until then, so no DOM condition tells the new one apart.
            page.wait_for_timeout(300)
            hover = _hover(page)
            is_area = f"({code})" in hover and "habitants" in hover
            is_point = bool(hover) and "habitants" not in hover
            if (want_area and is_area) or (not want_area and is_point):
                page.mouse.click(x, y)
                return hover
    raise AssertionError(f"no spot found in {code}")


def _wait_url(page, fragment: str, present: bool = True) -> None:
    """Wait until the address (which the app rewrites with the filters) has, or no longer has, ``fragment``."""
    try:
        page.wait_for_function("([f, p]) => location.href.includes(f) === p", arg=[fragment, present], timeout=15_000)
    except Exception as exc:
        raise AssertionError(f"{fragment!r} {'not ' if present else ''}in {page.url}") from exc


@pytest.mark.browser
def test_click_on_a_departement_filters_the_dashboard(streamlit_server: str, browser_context) -> None:
    """NOTE: uses the session's shared Chromium (conftest ``browser_context``): a second sync Playwright
    in the same thread would fail (« Sync API inside the asyncio loop »)."""
    page = browser_context.new_page()
    blocked = record_outside(page)
    try:
        page.goto(streamlit_server + "/france")
        page.wait_for_selector("path.choroplethlocation", timeout=60_000)
        wait_idle(page)
        assert page.locator("path.choroplethlocation").count() == 96
        hover = _click_area(page, "33", want_area=True)
        assert "Gironde (33)" in hover
        _wait_url(page, "dep=33")
        page.locator("[data-testid=stSidebar]").get_by_text("33 – Gironde").wait_for(timeout=15_000)
        # a second click on the same département removes the filter
        page.wait_for_selector("path.choroplethlocation", timeout=30_000)
        wait_idle(page)
        _click_area(page, "33", want_area=True)
        _wait_url(page, "dep=33", present=False)
        # a click on a collectivity's point selects the département it lies in (points shown on demand)
        wait_idle(page)
        page.get_by_text("Afficher les collectivités engagées (points)").click()
        page.wait_for_selector("g.trace.scattergeo", timeout=30_000)
        wait_idle(page)
        hover = _click_area(page, "59", want_area=False)
        _wait_url(page, "dep=")
        dep = page.url.split("dep=")[1].split("&")[0]
        coll = D.load_collectivities()
        names = coll.loc[coll[D.S.DEPARTEMENT] == dep, D.S.NAME].tolist()
        assert any(hover.startswith(n) for n in names), (hover, dep)
        assert page.locator("[data-testid=stException]").count() == 0
    finally:
        page.close()
    assert blocked == []
