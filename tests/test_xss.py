"""User-supplied text is shown as text, never run as HTML, Markdown or a plotly label.

An official may import a file whose names hold ``<script>``, a Markdown link to
``javascript:`` or an ``<img onerror>``; a file name is user text too. Every page of the
navigation is run under AppTest on such a dataset and every element is inspected:
Markdown-rendered fields (titles, captions, alerts, labels…) must hold the text escaped,
plotly specs must hold it entity-escaped, and ``unsafe_allow_html`` is only ever given
static CSS. A real-browser check (``-m browser``) opens every page on hostile data and
fails if any dialog fires. The deployment settings are checked here as well.
"""

from __future__ import annotations

import ast
import json
import tomllib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from bench.chromium import record_outside
from lianes_dash.analysis import metrics as M
from lianes_dash.analysis.filters import Filters, collectivity_key, to_query
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.server import streamlit_internals as internals
from lianes_dash.text.french import escape_hover, escape_markdown
from lianes_dash.ui.sidebar import filter_key
from lianes_dash.ui.state import IMPORTED, Dataset
from lianes_dash.views import figures as F
from tests.conftest import (
    ROOT,
    navigation_pages,
    open_in_app,
    parsed,
    start_streamlit,
    wait_charts,
    wait_idle,
)
from tests.landing import landing
from tests.tiers import covering

#: What a hostile (or careless) file may hold; each must reach the screen as these characters.
HOSTILE = (
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "**gras** :red[rouge] $x^2$ :material/home:",
)
#: The pieces that must never appear unescaped where Markdown or plotly would read them.
MARKERS_MARKDOWN = HOSTILE
MARKERS_PLOTLY = tuple(h for h in HOSTILE if "<" in h)
HOSTILE_FILE_NAME = "<img src=x onerror=alert(1)>.csv"

PAGE_FILES = [file for file, _url, _default in navigation_pages()]
#: Every page, plus views a page only draws under a URL parameter (the full-screen slide deck).
VIEWS = [(file, {}) for file in PAGE_FILES] + [("presentation.py", {"mode": "presentation"})]


# ---------------------------------------------------------------------------
# A hostile dataset, built from the bundled one
# ---------------------------------------------------------------------------


def hostile_raw_links() -> tuple[pd.DataFrame, list[str]]:
    """The bundled links with the hostile strings as French names, partner names, descriptions.

    Returns the raw (unenriched) frame and the collectivity keys of the renamed communes.
    The renamed communes are in the Nord (59), so that the regional page shows them too.
    """
    raw = D.read_links_file(D.NATIONAL_LINKS_FILE).copy()
    # NOTE: not the brochure's communes (Halluin, Le Portel): their pages quote the brochure by name.
    brochure = raw[S.SOURCE].astype(str).str.contains("brochure")
    nord = raw.loc[(raw[S.FR_DEPARTEMENT] == "59") & (raw[S.FR_TYPE] == "commune") & ~brochure]
    nord = nord.loc[~nord[S.FR_CODE].isin(raw.loc[brochure, S.FR_CODE])]
    codes = list(dict.fromkeys(nord[S.FR_CODE]))[: len(HOSTILE)]
    for code, name in zip(codes, HOSTILE, strict=True):
        rows = (raw[S.FR_CODE] == code) & (raw[S.FR_TYPE] == "commune")
        raw.loc[rows, S.FR_NAME] = name
        raw.loc[rows, S.DESCRIPTION] = name
        first = rows[rows].index[0]
        raw.loc[first, S.PARTNER_NAME] = name
    return raw, [collectivity_key("commune", c) for c in codes]


@pytest.fixture(scope="module")
def hostile() -> tuple[Dataset, list[str]]:
    raw, keys = hostile_raw_links()
    enriched = D.enrich_links(raw, D.load_collectivities(), D.load_countries())
    ds = Dataset(
        links=enriched,
        name=f"Import : {HOSTILE_FILE_NAME}",
        imported=True,
        key="hostile-test",
        synthetic_rows=int(enriched[S.SYNTHETIC].sum()),
    )
    return ds, keys


# ---------------------------------------------------------------------------
# Inspecting every element AppTest sees
# ---------------------------------------------------------------------------

#: Elements whose strings the browser shows as plain text (no Markdown, no HTML).
PLAIN_TEXT_TYPES = {"text", "code", "json", "dataframe", "exception"}
#: Widget fields shown as plain text (choices of a select box, typed values). Labels and
#: help texts are Markdown, and so are radio/pills options: those stay checked.
PLAIN_WIDGET_FIELDS = {
    "multiselect": {"options", "default", "rawValues", "value", "placeholder"},
    "selectbox": {"options", "default", "rawValue", "value", "placeholder"},
    "text_input": {"default", "value", "placeholder"},
    "text_area": {"default", "value", "placeholder"},
}


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _strings(value, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, path)


def unsafe_renderings(at: AppTest) -> list[str]:
    """Every place where a hostile string reaches Markdown, HTML or plotly unescaped."""
    problems = []
    for node in _nodes(internals.element_tree(at)):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None or kind in PLAIN_TEXT_TYPES:
            continue
        if kind == "plotly_chart":
            spec = json.loads(proto.spec)
            for path, text in _strings({"data": spec.get("data"), "layout": spec.get("layout")}):
                problems += [f"plotly {path}: {text!r}" for m in MARKERS_PLOTLY if m in text]
            continue
        if kind == "iframe":  # generated HTML (components.html): names must be HTML-escaped
            problems += [f"iframe: {m!r} unescaped" for m in MARKERS_PLOTLY if m in proto.srcdoc]
            continue
        fields = MessageToDict(proto)
        plain = PLAIN_WIDGET_FIELDS.get(kind, set())
        for path, text in _strings(fields):
            if path.split(".")[0] in plain:
                continue
            problems += [f"{kind} {path}: {text!r}" for m in MARKERS_MARKDOWN if m in text]
            if fields.get("allowHtml") and "alert(1)" in text:
                problems.append(f"{kind} with unsafe_allow_html shows data: {text!r}")
    return problems


def _hostile_session(
    ds: Dataset, page: str, collectivities: list[str] | None = None, query: dict | None = None
) -> AppTest:
    """A session on the imported ``ds`` whose first run is on ``page``, these collectivities chosen.

    NOTE: chosen by the address (``filters.to_query``), as a shared link does: the first run of a
    session sets the filters from its address.
    """
    chosen = to_query(Filters(collectivities=tuple(collectivities or ())))
    return landing(page, {**(query or {}), **chosen}, state={IMPORTED: ds})


def test_the_inspector_catches_unescaped_text() -> None:
    """The detector can fail: a page putting a name in Markdown or plotly raw is caught."""
    at = AppTest.from_string(
        "import streamlit as st, plotly.graph_objects as go\n"
        "st.markdown('Bienvenue <script>alert(1)</script>')\n"
        "st.plotly_chart(go.Figure(go.Bar(x=[1], y=['<img src=x onerror=alert(1)>'])))\n"
        "st.text('<script>alert(1)</script>')\n"
    ).run()
    found = unsafe_renderings(at)
    assert any(p.startswith("markdown") for p in found)
    assert any(p.startswith("plotly") for p in found)
    assert not any(p.startswith("text") for p in found)


# NOTE: the hostile collectivities selected (their names in every title and table) on every page in
# the quick run; the same pages without the filter in the full run.
MARKUP_CASES = [(page, query, with_filter) for with_filter in (True, False) for page, query in VIEWS]
MARKUP_IDS = [
    f"{p}{'?' if q else ''}{'&'.join(q)}-{'collectivite-hostile' if f else 'sans-filtre'}" for p, q, f in MARKUP_CASES
]


@pytest.mark.parametrize(("page", "query", "with_filter"), covering(MARKUP_CASES, ids=MARKUP_IDS, by=[0, 1]))
def test_no_page_renders_imported_names_as_markup(page: str, query: dict, with_filter: bool, hostile) -> None:
    ds, keys = hostile
    at = _hostile_session(ds, page, keys if with_filter else None, query)
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.multiselect(key=filter_key("collectivities")).value == (keys if with_filter else [])
    assert unsafe_renderings(at) == []


def test_hostile_names_reach_the_screen_as_text(hostile) -> None:
    """The names are not dropped either: the filter choices show them literally, the banner escaped."""
    ds, keys = hostile
    at = _hostile_session(ds, "overview.py")
    choices = next(m for m in at.multiselect if m.label == "Collectivité française").options
    for name in HOSTILE:
        assert any(c.startswith(name) for c in choices), name


def test_imported_file_name_is_escaped_in_the_banner(hostile) -> None:
    """A file name is user text: the « données importées » banner must not read it as Markdown."""
    ds, _keys = hostile
    real_only = replace(ds, synthetic_rows=0)
    at = _hostile_session(real_only, "overview.py")
    assert not at.exception
    banner = next(i.value for i in at.info if "importées" in i.value)
    assert escape_markdown(HOSTILE_FILE_NAME) in banner
    assert unsafe_renderings(at) == []


# ---------------------------------------------------------------------------
# Figures: names entity-escaped wherever plotly reads HTML
# ---------------------------------------------------------------------------


def _figure_strings(fig) -> list[str]:
    spec = json.loads(fig.to_json())
    return [text for _path, text in _strings({"data": spec["data"], "layout": spec["layout"]})]


def test_figures_escape_names(hostile) -> None:
    ds, _keys = hostile
    links = ds.links.loc[ds.links[S.FR_NAME].isin(HOSTILE)]
    coll = D.load_collectivities()
    points = M.per_collectivity(links)
    figures = {
        "partner_map": F.partner_map(links),
        "world_map": F.world_map(M.per_country(links), links),
        "bar_chart": F.bar_chart(M.count_by(links, S.FR_NAME), S.FR_NAME),
        "france_map": F.france_map(
            M.per_area(links, coll, "departement", "per_100k"),
            {"type": "FeatureCollection", "features": []},
            points,
            measure_label="Liens",
            percent=False,
        ),
    }
    for name, fig in figures.items():
        texts = _figure_strings(fig)
        assert not [t for t in texts if any(m in t for m in MARKERS_PLOTLY)], name
    assert any(escape_hover(HOSTILE[0]) in t for t in _figure_strings(figures["partner_map"]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Saint-Pierre & Miquelon", "Saint-Pierre &amp; Miquelon"),
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("&lt;", "&amp;lt;"),
    ],
)
def test_escape_hover(text: str, expected: str) -> None:
    assert escape_hover(text) == expected


@pytest.mark.parametrize("text", HOSTILE + ("# titre\n- liste", "1. un", "a\\b", "Saint-Étienne"))
def test_escape_markdown_leaves_no_special_unescaped(text: str) -> None:
    escaped = escape_markdown(text)
    for special in "[]()<>*$:#`_":
        assert escaped.count(special) == escaped.count("\\" + special), (special, escaped)
    assert "\n" not in escaped
    assert escaped.replace("\\", "") == " ".join(text.split()).replace("\\", "")


# ---------------------------------------------------------------------------
# Static rules: unsafe_allow_html only with static strings
# ---------------------------------------------------------------------------


def _python_files() -> list[Path]:
    return [ROOT / "dashboard.py", *sorted((ROOT / "lianes_dash").rglob("*.py"))]


def _static_string_names(tree: ast.Module) -> set[str]:
    """Module-level names bound once to a plain string literal (e.g. ``CSS = \"\"\"…\"\"\"``)."""
    bound: dict[str, int] = {}
    static: set[str] = set()
    for node in ast.walk(tree):
        for target in getattr(node, "targets", []) or ([node.target] if isinstance(node, ast.AnnAssign) else []):
            if isinstance(target, ast.Name):
                bound[target.id] = bound.get(target.id, 0) + 1
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                static |= {t.id for t in targets if isinstance(t, ast.Name)}
    return {n for n in static if bound.get(n) == 1}


def unsafe_html_calls(path: Path) -> list[str]:
    """Calls with ``unsafe_allow_html=True`` whose content is not a static string."""
    tree = parsed(path)
    static = _static_string_names(tree)
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        flag = next((k.value for k in node.keywords if k.arg == "unsafe_allow_html"), None)
        if flag is None or (isinstance(flag, ast.Constant) and flag.value is False):
            continue
        body = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "body"), None)
        ok = (isinstance(body, ast.Constant) and isinstance(body.value, str)) or (
            isinstance(body, ast.Name) and body.id in static
        )
        if not ok or not isinstance(flag, ast.Constant):
            bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return bad


def test_unsafe_allow_html_only_on_static_strings() -> None:
    bad = [hit for path in _python_files() for hit in unsafe_html_calls(path)]
    assert bad == [], f"unsafe_allow_html=True with non-static content (use st.text or escape): {bad}"


def test_unsafe_html_rule_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text(
        "import streamlit as st\n"
        "CSS = '<style>h1 {color: red}</style>'\n"
        "st.markdown(CSS, unsafe_allow_html=True)\n"
        "st.markdown('<hr>', unsafe_allow_html=True)\n"
        "name = input()\n"
        "st.markdown(f'<b>{name}</b>', unsafe_allow_html=True)\n"
        "st.html(name, unsafe_allow_html=True)\n",
        encoding="utf-8",
    )
    rel = sample.relative_to(tmp_path)
    global ROOT
    saved, ROOT = ROOT, tmp_path  # noqa: PLW0603 (relative paths in the message only)
    try:
        assert unsafe_html_calls(sample) == [f"{rel}:6", f"{rel}:7"]
    finally:
        ROOT = saved


def test_no_st_html_with_data() -> None:
    """``st.html`` always renders HTML: only static strings may go in.

    Generated HTML shown in an iframe (the slide deck) is inspected by the page test above.
    """
    bad = []
    for path in _python_files():
        tree = parsed(path)
        static = _static_string_names(tree)
        for node in ast.walk(tree):
            func = node.func if isinstance(node, ast.Call) else None
            # NOTE: components.html (an iframe of generated HTML) is checked at run time instead.
            if isinstance(func, ast.Attribute) and func.attr == "html" and getattr(func.value, "id", "") == "st":
                body = node.args[0] if node.args else None
                if not (
                    (isinstance(body, ast.Constant) and isinstance(body.value, str))
                    or (isinstance(body, ast.Name) and body.id in static)
                ):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []


# ---------------------------------------------------------------------------
# Deployment settings
# ---------------------------------------------------------------------------


def test_server_settings_suit_a_public_deployment() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server, client, browser = config["server"], config["client"], config["browser"]
    assert server["enableXsrfProtection"] is True
    # NOTE: enableCORS=true is Streamlit's CORS *protection*; false would send « * ».
    assert server.get("enableCORS", True) is True
    assert "*" not in server.get("corsAllowedOrigins", [])
    assert isinstance(server["maxUploadSize"], int) and 1 <= server["maxUploadSize"] <= 50
    assert server["headless"] is True
    assert server["enableStaticServing"] is True
    assert server.get("runOnSave", False) is False
    assert browser["gatherUsageStats"] is False
    assert client["showErrorDetails"] in ("none", "type")
    assert client.get("toolbarMode", "auto") in ("minimal", "viewer")
    assert (ROOT / "static" / "topojson" / "world_110m.json").exists()


# ---------------------------------------------------------------------------
# A real browser on hostile data: no dialog may fire
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The app on a copy of ``data/`` whose national links carry the hostile names."""
    data = tmp_path_factory.mktemp("hostile_data")
    for sub in ("reference", "links"):
        (data / sub).mkdir()
        for f in (D.DEFAULT_DATA_DIR / sub).iterdir():
            (data / sub / f.name).symlink_to(f)
    raw, keys = hostile_raw_links()
    (data / D.NATIONAL_LINKS_FILE).unlink()
    raw.to_parquet(data / D.NATIONAL_LINKS_FILE, index=False)
    log = tmp_path_factory.mktemp("hostile_log") / "server.log"
    with start_streamlit(env={"LIANES_DATA_DIR": str(data)}, log=log) as (base, _proc):
        yield base, keys


@pytest.mark.browser
def test_no_dialog_fires_on_hostile_data(browser_context, hostile_server) -> None:
    """Every page, opened in turn in one tab with the hostile collectivities selected (the
    first by its address, the others as a visitor moves through the app)."""
    base, keys = hostile_server
    dialogs: list[str] = []
    page = browser_context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    outside = record_outside(page)
    query = "?coll=" + "~".join(keys)
    try:
        for i, (_file, url, default) in enumerate(navigation_pages()):
            address = f"/{'' if default else url}{query}"
            if i == 0:
                page.goto(base + address)
                page.wait_for_selector("[data-testid=stSidebar]", timeout=60_000)
                wait_idle(page)
            else:
                open_in_app(page, address)
            page.wait_for_selector("[data-testid=stMain]", timeout=60_000)
            # NOTE: the charts drawn before the next page: a hostile label fires when plotly draws it.
            wait_charts(page)
            assert page.locator("[data-testid=stException]").count() == 0, url
            assert page.locator("img[src='x']").count() == 0, url
            assert page.locator("[data-testid=stApp] script").count() == 0, url
        # The filter chips of the sidebar show the names, as text.
        open_in_app(page, f"/{query}")
        page.get_by_text(HOSTILE[0], exact=False).first.wait_for(state="attached", timeout=30_000)
        assert page.get_by_text(HOSTILE[0], exact=False).count() >= 1
    finally:
        page.close()
    assert dialogs == []
    assert outside == []
