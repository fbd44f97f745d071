"""Streamlit's private parts: touched in one module, checked against the installed version, with no browser."""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import streamlit as st
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_session_storage import MemorySessionStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

from lianes_dash.server import streamlit_internals as internals
from tests.conftest import ROOT

HERE = Path(__file__).resolve()
MODULE = ROOT / "lianes_dash" / "server" / "streamlit_internals.py"


def test_every_touch_point_is_in_place_in_the_installed_streamlit() -> None:
    assert internals.problems() == []


@pytest.mark.parametrize(
    ("touch", "said"),
    [
        (
            internals.Touch("streamlit.runtime.runtime", "Runtime", "_gone", "x", in_init=True),
            "Runtime._gone a disparu",
        ),
        (internals.Touch("streamlit.runtime.runtime", "NoSuchClass", "_x", "x"), "NoSuchClass introuvable"),
        (internals.Touch("streamlit.no_such_module", "", "_x", "x"), "module streamlit.no_such_module introuvable"),
        (internals.Touch("streamlit.runtime.caching.cache_resource_api", "", "_gone", "x"), "_gone a disparu"),
    ],
)
def test_a_moved_touch_point_is_named(touch: internals.Touch, said: str) -> None:
    found = internals.problems((touch,))
    assert any(said in p for p in found), found


def test_another_streamlit_version_is_said(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(st, "__version__", "1.99.0")
    assert "Streamlit 1.99.0 installé, 1.67.x attendu" in internals.problems()
    with caplog.at_level("WARNING", logger="lianes_dash"):
        internals.check_at_startup()
    assert "Streamlit a changé : Streamlit 1.99.0 installé" in caplog.text


#: Names too common to search alone (our own classes have a ``_cache`` or a ``_lock``): searched as Streamlit's.
_COMMON = {"_cache": r"_session_storage\._cache", "_lock": r"(media|frames)\._lock", "_tree": r"\bat\._tree"}


def test_private_names_appear_in_one_module_only() -> None:
    names = sorted(_COMMON.get(t.name, rf"\b{t.name}\b") for t in internals.TOUCHES)
    pattern = re.compile("|".join(names))
    sources = [ROOT / "app.py", ROOT / "dashboard.py", *ROOT.glob("lianes_dash/**/*.py")]
    sources += [*ROOT.glob("tests/*.py"), *ROOT.glob("bench/*.py"), *ROOT.glob("scripts/*.py")]
    hits = sorted(
        str(p.relative_to(ROOT))
        for p in sources
        if p not in (MODULE, HERE) and pattern.search(p.read_text(encoding="utf-8"))
    )
    assert hits == []


class _Session:
    def __init__(self, sid: str) -> None:
        self.id = sid
        self.stopped = False

    def shutdown(self) -> None:
        self.stopped = True


def _runtime(ttl: float) -> SimpleNamespace:
    """The runtime's real managers (sessions, downloads, tables, uploads), without a server."""
    uploads = MemoryUploadedFileManager("/_stcore/upload_file")
    mgr = WebsocketSessionManager(MemorySessionStorage(ttl_seconds=ttl), uploads, ScriptCache(), None)
    return SimpleNamespace(
        _session_mgr=mgr,
        media_file_mgr=MediaFileManager(MemoryMediaFileStorage("/media")),
        dataframe_source_mgr=DataframeSourceManager(),
        uploaded_file_mgr=uploads,
    )


def test_the_reaper_shuts_expired_sessions_and_frees_what_gone_sessions_left() -> None:
    rt = _runtime(ttl=0.05)
    closed = _Session("closed")
    rt._session_mgr._session_storage.save(SimpleNamespace(session=closed))
    rt.uploaded_file_mgr.add_file("gone", UploadedFileRec("f1", "big.csv", "text/csv", b"x" * 1000))
    rt.media_file_mgr.add(b"csv bytes", "text/csv", "coord-1", "liens.csv", is_for_static_download=True)
    assert internals.session_count(rt) == 1
    time.sleep(0.1)
    freed = internals.reap_closed_sessions(rt)
    assert closed.stopped and freed >= 1
    assert internals.session_count(rt) == 0
    assert rt.uploaded_file_mgr.get_files("gone", ["f1"]) == []


def test_only_the_bounded_resource_caches_are_cleared() -> None:
    calls = {"bounded": 0, "loader": 0}

    @st.cache_resource(max_entries=4)
    def bounded(x: int) -> int:
        calls["bounded"] += 1
        return x

    @st.cache_resource
    def loader() -> str:
        calls["loader"] += 1
        return "data"

    bounded(1), loader()
    assert internals.clear_bounded_resource_caches() >= 1
    bounded(1), loader()
    assert calls == {"bounded": 2, "loader": 1}
    bounded.clear(), loader.clear()
