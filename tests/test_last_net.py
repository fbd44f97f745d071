"""The last net: an unexpected exception in a page gives French and a short reference, never a trace.

The traceback goes to the server log (logger ``lianes_dash``) with the same reference, so
that a visitor's report can be matched to it.
"""

from __future__ import annotations

import logging
import re

import pytest

from lianes_dash.analysis import metrics as M
from lianes_dash.ui import common
from tests.landing import landing

SECRET = "/srv/secret/chemin/du/serveur.py"


def _boom(*_args, **_kwargs):
    raise KeyError(f"colonne introuvable dans {SECRET}")


@pytest.mark.usefixtures("clear_caches")
def test_an_exception_in_a_page_shows_french_with_a_reference(monkeypatch, caplog) -> None:
    monkeypatch.setattr(M, "headline", _boom)  # the overview's first computation
    with caplog.at_level(logging.ERROR, logger="lianes_dash"):
        at = landing("overview.py")
    assert not at.exception, "no Streamlit error box (English, with the traceback)"
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "Une erreur inattendue" in errors[0], errors
    ref = re.search(r"E-[0-9A-F]{6}", errors[0])
    assert ref, errors[0]
    shown = "\n".join(errors + [m.value for m in at.markdown] + [c.value for c in at.caption])
    assert SECRET not in shown and "Traceback" not in shown and "KeyError" not in shown
    assert at.sidebar.multiselect, "the filters are still there: the visitor can go elsewhere"
    logged = [r for r in caplog.records if ref.group(0) in r.getMessage()]
    assert logged and logged[0].exc_info and SECRET in str(logged[0].exc_info[1]), "full detail in the log"


def test_an_exception_while_loading_the_data_is_caught_too(monkeypatch, caplog, tmp_path) -> None:
    import streamlit as st

    from lianes_dash.dataset import data as D
    from lianes_dash.dataset import validated

    st.cache_resource.clear()
    # No validated copy yet (a first start): the loading enriches the links, and fails there.
    monkeypatch.setenv(validated.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(D, "enrich_links", _boom)
    try:
        at = landing("explorer.py")
    finally:
        st.cache_resource.clear()
    assert not at.exception
    assert any("Une erreur inattendue" in e.value for e in at.error)


def test_references_are_short_and_distinct() -> None:
    refs = {common.error_reference() for _ in range(50)}
    assert len(refs) == 50 and all(re.fullmatch(r"E-[0-9A-F]{6}", r) for r in refs)
