"""One visitor's import and filters never reach another visitor's session.

Two AppTest sessions share the process (and so every ``st.cache_*``) as two browser
tabs share a server: session A imports a file and filters, session B must still see the
bundled data, unfiltered, on every page, with none of A's names anywhere.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis.filters import Filters, filter_links
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.server import streamlit_internals as internals
from lianes_dash.text.french import fmt_int
from lianes_dash.ui import state
from lianes_dash.ui.sidebar import filter_key
from lianes_dash.ui.state import IMPORTED, Dataset
from tests.conftest import ROOT, navigation_pages, switch_page


@pytest.fixture(autouse=True)
def _warm_reference_indexes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Uploads fork the import worker as the server does, with the reference indexes built once
    in this process (the opt-in ``LIANES_IMPORT_WARM_INDEXES=1``).

    NOTE: by default each import's child builds them again (~2 s here, ~7 s on the full
    gazetteer): correct, and what a server does unless told otherwise, but the same work for
    every upload of these tests. The default is kept by
    ``test_page_import``.
    """
    monkeypatch.setenv("LIANES_IMPORT_WARM_INDEXES", "1")


PAGES = [file for file, _url, _default in navigation_pages()]
SECRET = "Secretville-de-A"
SECRET_PARTNER = "Partenaire-confidentiel-A"


def _imported(secret: str, partner: str, key: str) -> Dataset:
    """A small import: twenty bundled rows of the Nord under names only this visitor knows."""
    raw = D.read_links_file(D.NATIONAL_LINKS_FILE)
    rows = raw.loc[raw[S.FR_DEPARTEMENT] == "59"].head(20).copy()
    rows[S.FR_NAME] = secret
    rows[S.PARTNER_NAME] = partner
    rows[S.SYNTHETIC] = False
    links = D.enrich_links(rows, D.load_collectivities(), D.load_countries())
    return Dataset(links=links, name=f"Import : {secret}.csv", imported=True, key=key, synthetic_rows=0)


def _session() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()


def _nodes(node) -> Iterator:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def everything_shown(at: AppTest) -> str:
    """All the text a session's page carries: element protos, chart specs and table cells."""
    parts = []
    for node in _nodes(internals.element_tree(at)):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            parts.append(proto.spec)
        elif kind in ("dataframe", "arrow_data_frame", "table"):
            parts.append(node.value.to_csv() if isinstance(node.value, pd.DataFrame) else str(node.value))
        else:
            parts.append(json.dumps(MessageToDict(proto), ensure_ascii=False))
    return "\n".join(parts)


def _cards(at: AppTest) -> list[str]:
    return [m.value for m in at.metric][:4]


@pytest.fixture(scope="module")
def bundled_cards() -> list[str]:
    h = M.headline(D.load_links())
    return [fmt_int(h[k]) for k in ("collectivities", "links", "countries", "partners")]


def test_the_probe_sees_what_a_session_shows() -> None:
    """The inspector can fail: in the importing session itself the secret name is found."""
    a = _session()
    a.session_state[IMPORTED] = _imported(SECRET, SECRET_PARTNER, "import-a")
    a.session_state[filter_key("collectivities")] = []
    a.run()
    assert SECRET in everything_shown(a)


def test_an_import_and_filters_stay_in_their_session(bundled_cards) -> None:
    a, b = _session(), _session()
    a.session_state[IMPORTED] = _imported(SECRET, SECRET_PARTNER, "import-a")
    a.session_state[filter_key("search")] = "Secret"
    a.run()
    assert not a.exception
    assert _cards(a)[1] == "20", "A sees its own 20 rows"
    for page in PAGES:
        # A works on each page, then B opens the same page: interleaved as on a shared server.
        switch_page(a, page).run()
        assert not a.exception, (page, [e.value for e in a.exception])
        switch_page(b, page).run()
        assert not b.exception, (page, [e.value for e in b.exception])
        shown = everything_shown(b)
        assert SECRET not in shown and SECRET_PARTNER not in shown, f"A's import leaks into B on {page}"
        assert b.session_state[filter_key("search")] == ""
        assert IMPORTED not in b.session_state or b.session_state[IMPORTED] is None
    switch_page(b, "overview.py").run()
    assert _cards(b) == bundled_cards
    assert "pays" not in b.query_params and "q" not in b.query_params


def test_two_imports_with_the_same_names_layout_do_not_mix() -> None:
    """Two visitors import different files: each sees only its own names (the sidebar caches per dataset key)."""
    a, b = _session(), _session()
    a.session_state[IMPORTED] = _imported(SECRET, SECRET_PARTNER, "import-a")
    b.session_state[IMPORTED] = _imported("Autreville-de-B", "Partenaire-de-B", "import-b")
    a.run()
    b.run()
    a.run()
    shown_a, shown_b = everything_shown(a), everything_shown(b)
    assert SECRET in shown_a and "Autreville-de-B" not in shown_a
    assert "Autreville-de-B" in shown_b and SECRET not in shown_b


def test_imported_dataset_keys_are_derived_from_the_content() -> None:
    """The filter options are cached per ``Dataset.key``: the importer must key on the content."""
    importing = pytest.importorskip("lianes_dash.ui.importing")
    one = _imported(SECRET, SECRET_PARTNER, "x").links
    other = _imported("Autreville-de-B", "Partenaire-de-B", "x").links
    assert importing.dataset_key(one) != importing.dataset_key(other)
    assert importing.dataset_key(one) == importing.dataset_key(one.copy())


def test_the_shared_filtered_cache_is_keyed_on_filters_of_bundled_data_only(monkeypatch) -> None:
    """``filtered`` caches only the bundled data, by filters; an import never enters that cache."""
    cached = state._filtered_bundled
    assert list(inspect.signature(cached).parameters) == ["filters"], "nothing but the filters may key it"

    def forbidden(filters):
        raise AssertionError("an imported dataset went through the shared cache")

    monkeypatch.setattr(state, "_filtered_bundled", forbidden)
    ds = _imported(SECRET, SECRET_PARTNER, "import-a")
    f = Filters(departements=("59",))
    out = state.filtered(ds, f)
    pd.testing.assert_frame_equal(out, filter_links(ds.links, f))
    monkeypatch.undo()
    bundled = state.dataset()
    assert not bundled.imported
    out = state.filtered(bundled, f)
    assert SECRET not in set(out[S.FR_NAME].astype(str))
    pd.testing.assert_frame_equal(out, filter_links(D.load_links(), f), check_categorical=False)
