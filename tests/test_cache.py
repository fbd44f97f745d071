"""The caching rule (``ui.cache.per_dataset``): shared for the bundled data, never for an import.

Run outside a Streamlit server (bare mode): ``st.cache_*`` and ``st.session_state`` still work,
so the rule is checked on the helper itself, whatever page uses it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import schema as S
from lianes_dash.ui import cache
from lianes_dash.ui.state import Dataset
from tests.conftest import parsed

FRAME = pd.DataFrame({S.FR_NAME: ["Villefictive-sur-Test", "Bourg-Fictif"]})
BUNDLED = Dataset(links=FRAME, name="livrées", imported=False, key="bundled")
IMPORTED = Dataset(links=FRAME.iloc[:1], name="Import : a.csv", imported=True, key="import-aaaa")
OTHER_IMPORT = Dataset(links=FRAME.iloc[1:], name="Import : b.csv", imported=True, key="import-bbbb")


def _counted(**options):
    """A decorated computation that records each time it really runs."""
    calls: list[tuple] = []

    @cache.per_dataset(max_entries=4, **options)
    def summary(filters: Filters, level: str, _links: pd.DataFrame) -> tuple:
        calls.append((filters, level, len(_links)))
        return (filters, level, len(_links), tuple(_links[S.FR_NAME]))

    return summary, calls


@pytest.fixture(autouse=True)
def _clean(clear_caches) -> None:
    """Each test starts with empty shared caches (``clear_caches``) and session."""
    import streamlit as st

    for key in list(st.session_state):
        del st.session_state[key]


@pytest.mark.parametrize("copies", [False, True], ids=["resource", "data"])
def test_bundled_results_are_shared_and_keyed_on_every_argument(copies: bool) -> None:
    summary, calls = _counted(copies=copies)
    a, b = Filters(countries=("BFA",)), Filters(countries=("CMR",))
    first = summary(BUNDLED, a, "departement", FRAME)
    assert summary(BUNDLED, a, "departement", FRAME) == first and len(calls) == 1  # a hit
    # two different selections (or any other keyed argument) never share an entry
    assert summary(BUNDLED, b, "departement", FRAME)[0] == b
    assert summary(BUNDLED, a, "region", FRAME)[1] == "region"
    assert len(calls) == 3
    assert summary(BUNDLED, a, "departement", FRAME) == first and len(calls) == 3


#: One value per field of ``Filters`` that differs from the default.
_ONE_CHANGE = {
    "regions": ("32",), "departements": ("59",), "types": ("commune",), "continents": ("Afrique",),
    "countries": ("BFA",), "themes": ("santé",), "kinds": ("jumelage",), "collectivities": ("commune:59279",),
    "sources": ("wikipedia",), "year_min": 1990, "year_max": 2000, "year_unknown": False, "search": "Zorglub",
}  # fmt: skip


def test_selections_differing_in_any_one_field_never_share_an_entry() -> None:
    """Streamlit hashes a ``Filters`` by its text (``cache._HASH_FUNCS``): every field is in it."""
    assert set(_ONE_CHANGE) == set(Filters.__dataclass_fields__)
    summary, calls = _counted()
    selections = [Filters(), *(Filters(**{field: value}) for field, value in _ONE_CHANGE.items())]
    assert [summary(BUNDLED, f, "departement", FRAME)[0] for f in selections] == selections
    assert len(calls) == len(selections)


def test_an_imported_dataset_never_enters_the_shared_cache() -> None:
    summary, calls = _counted()
    f = Filters(themes=("santé",))
    out = summary(IMPORTED, f, "departement", IMPORTED.links)
    assert out[3] == ("Villefictive-sur-Test",)
    summary(IMPORTED, f, "departement", IMPORTED.links)
    assert len(calls) == 2, "computed on each call, never served from a cache"
    # The shared cache has no entry under the import's key: asking it runs the computation.
    summary.shared(IMPORTED.key, "fr", f, "departement", FRAME)
    assert len(calls) == 3
    # and the bundled data under the same arguments is computed on its own, not the import's result
    assert summary(BUNDLED, f, "departement", FRAME)[3] == ("Villefictive-sur-Test", "Bourg-Fictif")


def test_an_imported_dataset_may_be_kept_in_its_session_only() -> None:
    import streamlit as st

    summary, calls = _counted(session_entries=1)
    f = Filters()
    summary(IMPORTED, f, "departement", IMPORTED.links)
    summary(IMPORTED, f, "departement", IMPORTED.links)
    assert len(calls) == 1, "kept in the session"
    assert summary(OTHER_IMPORT, f, "departement", OTHER_IMPORT.links)[3] == ("Bourg-Fictif",)
    assert len(calls) == 2, "another dataset is another key"
    stores = [v for k, v in st.session_state.items() if str(k).startswith("_cache_session:")]
    assert len(stores) == 1 and len(stores[0]) == 1, "bounded to session_entries"
    summary.shared(IMPORTED.key, "fr", f, "departement", FRAME)
    assert len(calls) == 3, "nothing of the import in the shared cache"


def test_the_key_is_the_dataset_and_every_argument_not_named_with_an_underscore() -> None:
    summary, _calls = _counted()
    f = Filters(kinds=("jumelage",))
    assert summary.key(BUNDLED, f, "region", FRAME) == ("bundled", "fr", (("filters", f), ("level", "region")))
    assert summary.key(IMPORTED, f, "region", FRAME)[0] == "import-aaaa"


def test_two_page_functions_of_the_same_name_do_not_share_a_cache() -> None:
    """Two page modules may both define ``_choices``: they must still be two caches."""
    source = (
        "from lianes_dash.ui import cache\n"
        "CALLS = []\n"
        "@cache.per_dataset(max_entries=2)\n"
        "def _choices(_links):\n"
        "    CALLS.append(1)\n"
        "    return {}\n"
    )
    pages = [{"__name__": "pages_a"}, {"__name__": "pages_b"}]
    for file, namespace in zip(("page_a.py", "page_b.py"), pages, strict=True):
        exec(compile(source, file, "exec"), namespace)  # same name and source: only the module differs
        namespace["_choices"](BUNDLED, FRAME)
        assert namespace["CALLS"] == [1], file


def test_pages_cache_dataset_computations_through_the_rule_only() -> None:
    """Structure guard: no page or ui module decorates a computation on links with ``st.cache_*``
    by hand (``ui/state.py`` holds the shared bundled frames; ``ui/cache.py`` is the rule)."""
    import ast

    from tests.conftest import ROOT

    allowed = {"state.py", "cache.py"}
    files = [*(ROOT / "lianes_dash" / "app_pages").glob("*.py"), *(ROOT / "lianes_dash" / "ui").glob("*.py")]
    offenders = []
    for path in files:
        if path.name in allowed:
            continue
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.FunctionDef):
                continue
            hand_cached = any(
                "cache_data" in ast.unparse(d) or "cache_resource" in ast.unparse(d) for d in node.decorator_list
            )
            params = [a.arg for a in node.args.args]
            if hand_cached and any("links" in p or p in ("ds_key", "key", "filters") for p in params):
                offenders.append(f"{path.name}:{node.name}")
    assert not offenders, offenders
