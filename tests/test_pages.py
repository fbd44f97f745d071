"""Every page of the navigation runs under AppTest, with and without filters, without an exception.

The page list comes from ``ui.navigation.NAVIGATION``: a page added there is
tested here with no edit. The overview cards are checked against ``metrics.headline``
on the same filtered data, and the URL ↔ filters round trip and the reset button too.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis.filters import Filters, filter_links
from lianes_dash.dataset.data import load_links
from lianes_dash.text.french import fmt_int
from lianes_dash.ui import tables
from lianes_dash.ui.sidebar import filter_key
from tests.conftest import ROOT, navigation_pages, switch_page
from tests.tiers import covering

PAGES = navigation_pages()
PAGE_FILES = [file for file, _url, _default in PAGES]

#: Filter sets a visitor may pick: (name, session keys → values, the same as ``Filters``).
FILTER_SETS = {
    "aucun": ({}, Filters()),
    "nord": ({"departements": ["59"]}, Filters(departements=("59",))),
    "burkina": ({"countries": ["BFA"]}, Filters(countries=("BFA",))),
    "recherche-kawara": ({"search": "Kawara"}, Filters(search="Kawara")),
    # A search nothing matches (checked below): every page must cope with zero rows.
    "vide": ({"departements": ["59"], "search": "zzzz-aucun-resultat"}, Filters(departements=("59",), search="zzzz-aucun-resultat")),
}  # fmt: skip

#: Card label on the overview → key of ``metrics.headline``.
CARDS = {
    "Collectivités françaises engagées": "collectivities",
    "Liens de coopération": "links",
    "Pays partenaires": "countries",
    "Collectivités partenaires": "partners",
}


@pytest.fixture(scope="module")
def links():
    return load_links()


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def _errors(at: AppTest) -> list[str]:
    return [e.value if hasattr(e, "value") else str(e) for e in at.exception]


def _open(page: str, filter_values: dict) -> AppTest:
    """A session on the default page, then the filters set as a visitor would, then ``page``."""
    at = _app().run()
    assert not at.exception, _errors(at)
    for name, value in filter_values.items():
        at.session_state[filter_key(name)] = value
    switch_page(at, page).run()
    return at


def _cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric if m.label in CARDS}


def test_navigation_lists_every_page_file() -> None:
    """The parsed navigation is complete: every page file exists, and every file is in it."""
    assert len(PAGES) >= 11
    on_disk = {p.name for p in (ROOT / "lianes_dash" / "app_pages").glob("*.py") if p.name != "__init__.py"}
    assert set(PAGE_FILES) == on_disk
    assert [d for *_x, d in PAGES].count(True) == 1


def test_the_empty_filter_set_really_keeps_nothing(links) -> None:
    assert filter_links(links, FILTER_SETS["vide"][1]).empty
    for name in ("nord", "burkina", "recherche-kawara"):
        kept = filter_links(links, FILTER_SETS[name][1])
        assert 0 < len(kept) < len(links), name


# NOTE: every page and every filter set once in the quick run; every pair in the full run.
PAGE_FILTER_PAIRS = [(page, name) for name in FILTER_SETS for page in PAGE_FILES]


@pytest.mark.parametrize(
    ("page", "filter_set"), covering(PAGE_FILTER_PAIRS, ids=[f"{p}-{f}" for p, f in PAGE_FILTER_PAIRS])
)
def test_page_runs_without_exception(page: str, filter_set: str) -> None:
    values, _filters = FILTER_SETS[filter_set]
    at = _open(page, values)
    assert not at.exception, f"{page} with filters « {filter_set} »: {_errors(at)}"
    # The filters survived the page change (the page did not silently reset them).
    for name, value in values.items():
        assert at.session_state[filter_key(name)] == value
    # Every table shows an empty cell as « — » (``tables.show_table``), not Streamlit's « None ».
    assert [df.proto.placeholder for df in at.dataframe] == [tables.EMPTY_CELL] * len(at.dataframe), page


@pytest.mark.parametrize("filter_set", list(FILTER_SETS))
def test_overview_cards_equal_headline_on_the_same_filtered_data(filter_set: str, links) -> None:
    values, filters = FILTER_SETS[filter_set]
    at = _open("overview.py", values)
    assert not at.exception, _errors(at)
    expected = M.headline(filter_links(links, filters))
    assert _cards(at) == {label: fmt_int(expected[key]) for label, key in CARDS.items()}


def test_filters_in_the_url_are_restored_and_change_the_cards(links) -> None:
    plain = _cards(_app().run())
    at = _app()
    at.query_params["pays"] = "BFA"
    at.run()
    assert not at.exception, _errors(at)
    assert at.session_state[filter_key("countries")] == ["BFA"]
    expected = M.headline(filter_links(links, Filters(countries=("BFA",))))
    assert _cards(at) == {label: fmt_int(expected[key]) for label, key in CARDS.items()}
    assert _cards(at) != plain


def test_a_url_with_unknown_values_is_ignored_not_an_error() -> None:
    at = _app()
    at.query_params["pays"] = "XXX~<script>"
    at.query_params["de"] = "19x0"
    at.run()
    assert not at.exception, _errors(at)
    assert at.session_state[filter_key("countries")] == []


def test_filters_are_written_to_the_url() -> None:
    at = _open("overview.py", {"countries": ["BFA"], "departements": ["62"]})
    assert at.query_params["pays"] == ["BFA"] or at.query_params["pays"] == "BFA"
    assert "62" in str(at.query_params["dep"])


def test_reset_button_clears_every_filter() -> None:
    plain = _cards(_app().run())
    at = _app()
    at.query_params["pays"] = "BFA"
    at.query_params["q"] = "Kawara"
    at.run()
    assert _cards(at) != plain
    reset = next(b for b in at.button if b.label == "Réinitialiser les filtres")
    reset.click().run()
    assert not at.exception, _errors(at)
    assert at.session_state[filter_key("countries")] == []
    assert at.session_state[filter_key("search")] == ""
    assert _cards(at) == plain
    assert "pays" not in at.query_params and "q" not in at.query_params


def _chart_specs(at: AppTest) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("page", ["overview.py", "world.py", "npdc.py", "fiche_pays.py", "embed.py"])
def test_shared_charts_are_not_changed_by_drawing_them(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chart served by the shared cache (``ui.common.show_cached_chart``) is the same on a rerun and in
    the next session, after a phone's session drew it (a phone's maps are fitted to its width, on a copy)."""
    from lianes_dash.ui import common

    values = FILTER_SETS["nord"][0]
    at = _open(page, values)
    first = _chart_specs(at)
    assert first and not at.exception, _errors(at)
    at.run()
    assert _chart_specs(at) == first
    monkeypatch.setattr(common, "on_phone", lambda: True)
    phone = _chart_specs(_open(page, values))
    monkeypatch.undo()
    assert len(phone) == len(first)
    assert _chart_specs(_open(page, values)) == first
