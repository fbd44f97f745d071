"""Charts that stand alone once shared: caption in the figure, French toolbar, link and embed snippet."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import provenance as PV
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.server import streamlit_internals as internals
from lianes_dash.ui import share
from lianes_dash.ui.common import IMAGE_FORMAT
from lianes_dash.views import charts as C
from lianes_dash.views import figures as F
from lianes_dash.views import sharing
from tests.conftest import ROOT, navigation_pages
from tests.landing import DEFAULT, URL_OF, landing

DAY = dt.date(2026, 12, 1)
CAPTION = sharing.Caption(
    title="Liens par pays partenaire",
    scope="Pays : Burkina Faso, Cameroun",
    credit="Sources : Wikidata (2017, CC0)",
    day=DAY,
)


def _bar() -> go.Figure:
    return F.bar_chart(
        pd.DataFrame({S.PARTNER_COUNTRY_NAME: ["Testland", "Fictivia"], S.COUNT: [3, 1]}), S.PARTNER_COUNTRY_NAME
    )


def _links() -> pd.DataFrame:
    """Three fictitious communes, four links."""
    return pd.DataFrame(
        {
            S.LINK_ID: list("abcd"),
            S.FR_TYPE: ["commune"] * 4,
            S.FR_CODE: ["99001", "99001", "99002", "99003"],
            S.FR_NAME: ["Alpha-sur-Test", "Alpha-sur-Test", "Béta-les-Essais", "Gamma-Fictive"],
            S.FR_DEPARTEMENT: ["99"] * 4,
            S.FR_LAT: [45.0, 45.0, 46.0, 47.0],
            S.FR_LON: [2.0, 2.0, 3.0, 4.0],
            S.PARTNER_NAME: ["Testville", "Essaibourg", "Testville", "Fictivo"],
            S.PARTNER_COUNTRY: ["BFA", "SEN", "BFA", "DEU"],
            S.PARTNER_COUNTRY_NAME: ["Burkina Faso", "Sénégal", "Burkina Faso", "Allemagne"],
            S.PARTNER_LAT: [12.0, 14.7, 12.0, 50.9],
            S.PARTNER_LON: [-1.5, -17.4, -1.5, 6.9],
            S.PARTNER_APPROX: [False] * 4,
            S.THEMES_COL: ["santé", None, None, "culture"],
            S.START_YEAR: pd.array([2004, None, None, 1962], dtype="Int64"),
        }
    )


def _ref():
    """The bundled reference countries (reference data, not links)."""
    return type("Ref", (), {"countries": D.load_countries()})()


def _credit(fig: go.Figure) -> str:
    text = next(a.text for a in fig.layout.annotations if a.name == "lianes_credit")
    return text.replace("\u00a0", " ")


def test_caption_puts_title_selection_source_and_date_in_the_figure() -> None:
    fig = sharing.for_sharing(_bar(), CAPTION)
    assert "Liens par pays partenaire" in fig.layout.title.text
    assert fig.layout.title.subtitle.text == "Pays : Burkina Faso, Cameroun"
    credit = _credit(fig)
    assert "Wikidata (2017, CC0)" in credit and "1er décembre 2026" in credit and "Lianes Dash" in credit


def test_caption_keeps_the_plot_size_and_leaves_the_original_alone() -> None:
    bare = _bar()
    before = (bare.layout.height, bare.layout.margin.t, bare.layout.margin.b)
    fig = sharing.for_sharing(bare, CAPTION)
    assert (bare.layout.height, bare.layout.margin.t, bare.layout.margin.b) == before
    grown = (fig.layout.margin.t - (before[1] or 0)) + (fig.layout.margin.b - (before[2] or 0))
    assert fig.layout.height - (before[0] or 450) == grown > 0


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<a href="javascript:alert(1)">x</a>', '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'),
        ("Saint-Étienne & Köln", "Saint-Étienne &amp; Köln"),
    ],
)
def test_names_in_the_caption_are_never_markup(text: str, shown: str) -> None:
    fig = sharing.for_sharing(_bar(), sharing.Caption(title=text, scope=f"Collectivité : {text}", credit="", day=DAY))
    assert shown in fig.layout.title.text
    assert shown in fig.layout.title.subtitle.text
    assert "<a" not in fig.layout.title.text and "<script" not in fig.layout.title.subtitle.text


def test_long_lines_wrap_since_plotly_does_not() -> None:
    long_scope = "Collectivité : " + ", ".join(f"Commune-Fictive-{i}" for i in range(12))
    fig = sharing.for_sharing(_bar(), sharing.Caption(title="T", scope=long_scope, credit="x " * 80, day=DAY))
    for line in fig.layout.title.subtitle.text.split("<br>"):
        assert len(line) <= sharing.WRAP
    assert _credit(fig).count("<br>") >= 2
    assert "1er décembre 2026" in _credit(fig).replace("<br>", "")


def test_a_horizontal_legend_moves_above_the_plot_out_of_the_footer() -> None:
    bare = go.Figure([go.Scatter(x=[1], y=[1], name="Alpha"), go.Scatter(x=[2], y=[2], name="Béta")])
    bare.update_layout(legend={"orientation": "h", "y": -0.02})
    fig = sharing.for_sharing(bare, CAPTION)
    assert fig.layout.legend.y == 1.0 and fig.layout.legend.yanchor == "bottom"
    assert fig.layout.margin.t >= sharing.TITLE_ROOM + sharing.LEGEND_ROW


def test_the_partner_map_legend_keeps_its_band_above_the_map_and_stays_there() -> None:
    fig = sharing.for_sharing(F.partner_map(_links()), CAPTION)
    assert (fig.layout.legend.orientation, fig.layout.legend.x, fig.layout.legend.y) == ("v", 0.01, 1)
    assert fig.layout.geo.domain.y[1] < 1


def test_image_credit_is_short_and_carries_the_licences() -> None:
    assert PV.image_credit(["wikidata|wikipedia", "brochure"]) == (
        "Sources : Wikidata (2017, CC0) · Wikipédia en anglais (2026, CC BY-SA 4.0 ; géocodes Nominatim "
        "© OpenStreetMap, ODbL) · Lianes coopération (2009)"
    )
    assert PV.image_credit(["fichier-importe.csv"]) == ""


@pytest.mark.parametrize(
    ("base", "path", "params", "expected"),
    [
        ("http://hote:8501", "monde", {"pays": "BFA~CMR"}, "http://hote:8501/monde?pays=BFA~CMR"),
        ("https://hote/lianes/", "", {}, "https://hote/lianes/"),
        ("", "france", {"dep": "59"}, "france?dep=59"),
        ("", "", {}, "."),
        ("http://h", "explorer", {"q": "Saint-Étienne & co"}, "http://h/explorer?q=Saint-%C3%89tienne%20%26%20co"),
        ("http://h", "explorer", {"coll": "commune:59279"}, "http://h/explorer?coll=commune:59279"),
    ],
)
def test_view_address(base: str, path: str, params: dict, expected: str) -> None:
    assert sharing.view_address(base, path, params) == expected


def test_iframe_snippet_escapes_every_attribute() -> None:
    snippet = sharing.iframe_snippet('http://h/integrer?vue=monde&q="x"', 'Titre "cité" <b>')
    assert snippet.startswith('<iframe src="http://h/integrer?vue=monde&amp;q=&quot;x&quot;"')
    assert 'title="Titre &quot;cité&quot; &lt;b&gt;"' in snippet
    assert f'height="{sharing.EMBED_HEIGHT}"' in snippet


@pytest.mark.parametrize("key", list(C.CHARTS))
def test_every_embeddable_chart_builds_on_a_small_frame(key: str) -> None:
    chart = C.CHARTS[key]
    links = _links()
    ref = _ref()
    if key in ("themes", "decennies"):
        # Themes and years known for 2 links: under the rule (issue 27), the chart steps back.
        assert not chart.available(links)
        links = pd.concat([links] * 10, ignore_index=True)
    assert chart.available(links)
    fig = chart.build(links, ref, Filters())
    assert len(fig.data) >= 1
    assert chart.title and chart.filename.isascii()


def test_world_map_chart_counts_links_per_country() -> None:
    ref = _ref()
    fig = C.world_map(_links(), ref, Filters(countries=("BFA",)))
    choropleth = next(t for t in fig.data if t.type == "choropleth")
    assert dict(zip(choropleth.locations, choropleth.z, strict=True)) == {"BFA": 2, "DEU": 1, "SEN": 1}


def test_peer_map_marks_you_and_frames_on_you() -> None:
    origin = F.Origin(name="Delta-la-Fictive (99)", lat=51.0, lon=2.4)
    fig = F.partner_map(_links(), origin=origin)
    star = next(t for t in fig.data if t.text == ("vous",))
    assert (star.lat, star.lon) == ((51.0,), (2.4,))
    assert "Delta-la-Fictive" in star.name
    lat_lo, lat_hi = fig.layout.geo.lataxis.range
    assert lat_lo <= 12.0 and lat_hi >= 51.0
    assert all(t.text != ("vous",) for t in F.partner_map(_links()).data)


def test_chart_config_speaks_french_and_exports_at_article_size() -> None:
    from lianes_dash.ui.common import chart_config

    config = chart_config("carte_monde", "svg")
    assert config["locale"] == "fr"
    words = config["locales"]["fr"]["dictionary"]
    assert words["Download plot as a PNG"] == "Télécharger l'image (PNG)"
    assert words["Zoom in"] == "Zoomer" and words["Reset axes"] == "Réinitialiser les axes"
    assert config["locales"]["fr"]["format"]["decimal"] == ","
    image = config["toImageButtonOptions"]
    assert (image["format"], image["width"], image["height"]) == ("svg", sharing.ARTICLE_WIDTH, sharing.ARTICLE_HEIGHT)
    assert chart_config("x", "gif")["toImageButtonOptions"]["format"] == "png"


def _embed(view: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["vue"] = view
    for key, value in params.items():
        at.query_params[key] = value
    # NOTE: the first run of the session on the embed page, as an iframe opens it (see tests/landing.py).
    return internals.open_page(at, "integrer").run()


def test_embed_view_draws_one_chart_under_the_url_filters_without_sidebar() -> None:
    at = _embed("pays", pays="BFA~CMR")
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    assert len(at.sidebar.multiselect) == 0 and len(at.sidebar.code) == 0
    assert any("Voir dans Lianes Dash" in m.value for m in at.markdown)


def test_embed_view_names_an_unknown_chart_and_draws_the_world_map() -> None:
    at = _embed("inconnue")
    assert not at.exception
    assert any("« vue »" in w.value for w in at.warning)
    assert len(at.get("plotly_chart")) == 1


def test_share_panel_gives_the_link_and_an_iframe_of_the_view() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["pays"] = "BFA"
    at.run()
    assert not at.exception
    assert len(at.sidebar.code) == 0, "closed, the box builds nothing (no code block, no highlighter)"
    at.session_state[share.PANEL_KEY] = True
    at.run()
    codes = [c.value for c in at.sidebar.code]
    assert any("pays=BFA" in c and "<iframe" not in c for c in codes), codes
    iframe = next(c for c in codes if c.startswith("<iframe"))
    assert "integrer?" in iframe and "vue=monde" in iframe and "embed=true" in iframe and "pays=BFA" in iframe


@pytest.mark.parametrize(
    ("page_address", "url_path", "expected"),
    [
        ("http://hote:8501/monde", "monde", "http://hote:8501"),
        ("https://hote/lianes/explorer/", "explorer", "https://hote/lianes"),
        ("https://hote/lianes", "vue-d-ensemble", "https://hote/lianes"),  # the default page, at the root
        ("https://hote/lianes/vue-d-ensemble", "vue-d-ensemble", "https://hote/lianes"),
        ("https://hote/mondex", "monde", "https://hote/mondex"),  # a path that merely ends alike
        ("", "monde", ""),
    ],
)
def test_app_base_takes_the_page_off_the_browser_address(page_address: str, url_path: str, expected: str) -> None:
    assert sharing.app_base(page_address, url_path) == expected


_BROWSER_BASE = "https://exemple.org/lianes"


@pytest.mark.parametrize("page_file", [f for f, url, _d in navigation_pages() if url != share.EMBED_PATH])
def test_the_embed_code_of_every_page_points_at_the_embed_page(page_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser sends its address (with the page's path): the snippet must not keep that path."""
    url = URL_OF[page_file] if page_file != DEFAULT else ""
    internals.patch_browser_address(monkeypatch, lambda: f"{_BROWSER_BASE}/{url}" if url else _BROWSER_BASE)
    at = landing(page_file, {"continent": "Afrique"}, {share.PANEL_KEY: True})
    assert not at.exception
    codes = [c.value for c in at.sidebar.code]
    iframe = next(c for c in codes if c.startswith("<iframe"))
    src = iframe.split('src="', 1)[1].split('"', 1)[0]
    assert src.startswith(f"{_BROWSER_BASE}/{share.EMBED_PATH}?"), src
    assert "embed=true" in src and "continent=Afrique" in src
    link = next(c for c in codes if not c.startswith("<iframe"))
    assert link.startswith(_BROWSER_BASE + "/") and f"/{share.EMBED_PATH}" not in link, link


def test_the_footer_clears_the_tick_labels_of_a_visible_x_axis() -> None:
    links = _links()
    columns = sharing.for_sharing(F.decade_chart(M.by_decade(links), unknown=2), CAPTION)
    bars = sharing.for_sharing(_bar(), CAPTION)  # horizontal bars: no x axis drawn
    assert columns.layout.margin.b - bars.layout.margin.b >= 26


def test_the_image_format_outlives_the_share_box_being_closed() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state[share.PANEL_KEY] = True
    at.run()
    at.segmented_control(key="share_image_format_widget").set_value("svg").run()
    assert at.session_state[IMAGE_FORMAT] == "svg"
    at.session_state[share.PANEL_KEY] = False
    at.run()
    assert not at.exception and len(at.sidebar.segmented_control) <= 1  # the language switch only
    assert at.session_state[IMAGE_FORMAT] == "svg"


def test_share_panel_on_an_imported_file_says_recipients_see_the_bundled_data() -> None:
    """The link carries the filters, never the file: whoever opens it sees the bundled data."""
    from lianes_dash.text.i18n_en import EN
    from lianes_dash.ui.state import IMPORTED, Dataset

    links = D.enrich_links(
        D.read_links_file(D.NATIONAL_LINKS_FILE).head(5).assign(**{S.SYNTHETIC: False}),
        D.load_collectivities(),
        D.load_countries(),
    )
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.session_state[share.PANEL_KEY] = True
    at.run()
    assert not any("importé" in w.value for w in at.sidebar.warning), "bundled data: no note"
    at.session_state[IMPORTED] = Dataset(links=links, name="Import : mes_liens.xlsx", imported=True, key="import-x")
    at.run()
    assert not at.exception
    notes = [w.value for w in at.sidebar.warning if "« mes_liens.xlsx »" in w.value]
    assert len(notes) == 1, [w.value for w in at.sidebar.warning]
    assert "verront les données fournies avec le tableau de bord" in notes[0] and "pas votre fichier" in notes[0]
    assert "will see the data bundled with the dashboard, not your file" in EN[share.IMPORTED_NOTE]
    assert any("<iframe" in c.value for c in at.sidebar.code), "the link and the embed code are still given"


def test_a_charts_credit_is_anchored_where_its_width_is_known() -> None:
    """Issue 29, point 5: a chart's left margin grows in the browser for its labels; from the plot's left edge
    the credit ran past the right edge of a half-width chart (« …OpenStreetMap, ODb »)."""
    import pandas as pd

    from lianes_dash.dataset import schema as S

    bars = F.bar_chart(pd.DataFrame({S.THEME: ["gestion de l'eau", "santé"], S.COUNT: [2, 1]}), S.THEME)
    sharing.add_caption(bars, CAPTION)
    credit = next(a for a in bars.layout.annotations if a.name == "lianes_credit")
    assert (credit.x, credit.xanchor, credit.xshift) == (1, "right", bars.layout.margin.r - 4)
    # Every line fits a half-width chart at 1280 px (~400 px) and a phone (358 px) at ~6.5 px a character.
    assert max(len(line) for line in credit.text.split("<br>")) * 6.5 <= F.PHONE_WIDTH
    world = sharing.add_caption(F.world_map(pd.DataFrame(columns=_COUNT_COLUMNS)), CAPTION)
    credit = next(a for a in world.layout.annotations if a.name == "lianes_credit")
    assert (credit.x, credit.xanchor) == (0, "left")


_COUNT_COLUMNS = ["partner_country", "partner_country_name", "count", "n_collectivities", "n_partners"]


def test_no_plotly_toolbar_on_a_narrow_screen_and_table_headers_have_room() -> None:
    from lianes_dash.dataset import schema as S
    from lianes_dash.server import shell
    from lianes_dash.ui import tables

    assert shell.NARROW_TOOLBAR_CSS in shell.shell("/", "fr").decode()
    assert ".modebar-container{display:none" in shell.NARROW_TOOLBAR_CSS
    config = tables.column_config([S.ALREADY_PARTNER, S.PEER_TIER], as_text=[S.PEER_TIER])
    assert config[S.ALREADY_PARTNER]["width"] == "large" and config[S.PEER_TIER]["width"] == "large"
