"""Pages are functions: each module of ``lianes_dash/app_pages/`` draws nothing when imported, and
exposes ``render()``, which ``st.Page`` runs (``ui/navigation.py``).

An import that drew something would draw it once per process, on whichever page imported it
first, and tests, the benchmark and other modules could no longer import a page.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lianes_dash.ui import navigation
from tests.conftest import ROOT

#: Run in a fresh interpreter: every public Streamlit command refuses to run (the caching decorators
#: excepted: they define a cached function, they draw nothing), as do the session state, the URL
#: parameters and any element; then the modules named on the command line are imported.
CHECK = """
import importlib, inspect, sys
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

ALLOWED = {"cache_data", "cache_resource"}

class Refused(Exception):
    pass

def refuse(name):
    def call(*args, **kwargs):
        raise Refused(name)
    return call

class Untouchable:
    def __init__(self, name):
        object.__setattr__(self, "name", name)
    def _refuse(self, *args, **kwargs):
        raise Refused(object.__getattribute__(self, "name"))
    __getattr__ = __setattr__ = __getitem__ = __setitem__ = __contains__ = __iter__ = __len__ = _refuse

for name in dir(st):
    value = getattr(st, name)
    if name.startswith("_") or name in ALLOWED or inspect.isclass(value) or inspect.ismodule(value):
        continue
    if callable(value):
        setattr(st, name, refuse("st." + name))
st.session_state = Untouchable("st.session_state")
st.query_params = Untouchable("st.query_params")
DeltaGenerator._enqueue = refuse("an element")

failed = []
for module in sys.argv[1:]:
    try:
        importlib.import_module(module)
    except Refused as refused:
        failed.append(f"{module}: {refused}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""


def _import_refusing_streamlit(modules: list[str], path: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHECK, *modules],
        cwd=path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join((str(path), str(ROOT)))},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_importing_a_page_draws_nothing() -> None:
    modules = [f"{navigation.PAGES_PACKAGE}.{p.module}" for p in navigation.pages()]
    done = _import_refusing_streamlit(modules)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]


@pytest.mark.parametrize(
    ("body", "refused"),
    [
        ('st.title("Carte")', "st.title"),
        ('st.session_state["vue"] = "monde"', "st.session_state"),
        ('KEY = st.query_params.get("pays")', "st.query_params"),
        ('st.sidebar.caption("filtres")', "an element"),
    ],
)
def test_a_page_that_draws_at_import_is_named(tmp_path: Path, body: str, refused: str) -> None:
    """The check itself: a page module with Streamlit code at its top fails it, and is named."""
    (tmp_path / "script_page.py").write_text(
        f"import streamlit as st\n\n{body}\n\n\ndef render() -> None:\n    pass\n", encoding="utf-8"
    )
    done = _import_refusing_streamlit(["script_page"], tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr[-2000:]
    assert f"script_page: {refused}" in done.stdout


@pytest.mark.parametrize("spec", navigation.pages(), ids=lambda p: p.module)
def test_every_page_spec_resolves_to_its_render_function(spec: navigation.PageSpec) -> None:
    render = spec.render_function()
    assert callable(render)
    assert (render.__module__, render.__name__) == (f"{navigation.PAGES_PACKAGE}.{spec.module}", "render")
    assert not inspect.signature(render).parameters, "st.Page calls it without arguments"
    assert spec.path.is_file() and spec.path.stem == spec.module
