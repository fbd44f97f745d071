"""Every touch on Streamlit's private internals, in one module, checked against the version it was written for.

Streamlit offers no public API for what the server's housekeeping needs: how many sessions the
runtime holds, shutting down the closed sessions its TTL cache forgets (their uploads, downloads
and tables stay registered for good otherwise), and clearing only the bounded resource caches;
nor for what the tests need: an AppTest session opened on a given page (``switch_page`` takes
files, the pages are functions), the element tree of a run, the browser address a session
reports. Everything here reaches into those internals; nothing else in the project does
(``tests/test_streamlit_internals.py`` greps for it).

:func:`problems` lists what moved in the installed Streamlit (version, attribute by attribute,
and the pieces of its browser code that :mod:`lianes_dash.server.frontend_words` translates);
:func:`check_at_startup` (``app.py``) logs one line when all is in place, and a French warning
naming each moved piece otherwise: that feature is then switched off, never failing silently.
"""

from __future__ import annotations

import inspect
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_LOG = logging.getLogger("lianes_dash")

#: The Streamlit minor version these touches were written for (``requirements.txt`` pins it).
EXPECTED_STREAMLIT = "1.67"


@dataclass(frozen=True)
class Touch:
    """One private attribute we use: where it lives, its name, and what it serves."""

    module: str
    owner: str  # a class or module-level object of ``module``; "" for the module itself
    name: str
    purpose: str
    #: Set in ``owner.__init__`` (an instance attribute, looked for in its source).
    in_init: bool = False


TOUCHES: tuple[Touch, ...] = (
    Touch("streamlit.runtime.runtime", "Runtime", "_session_mgr", "compter et arrêter les sessions", in_init=True),
    Touch(
        "streamlit.runtime.websocket_session_manager",
        "WebsocketSessionManager",
        "_session_storage",
        "arrêter les sessions fermées",
        in_init=True,
    ),
    Touch(
        "streamlit.runtime.websocket_session_manager",
        "WebsocketSessionManager",
        "_storage_lock",
        "arrêter les sessions fermées",
        in_init=True,
    ),
    Touch(
        "streamlit.runtime.memory_session_storage",
        "MemorySessionStorage",
        "_cache",
        "arrêter les sessions fermées",
        in_init=True,
    ),
    Touch("streamlit.runtime.media_file_manager", "MediaFileManager", "_lock", "libérer les téléchargements", True),
    Touch(
        "streamlit.runtime.media_file_manager",
        "MediaFileManager",
        "_files_by_session_and_coord",
        "libérer les téléchargements",
        in_init=True,
    ),
    Touch(
        "streamlit.runtime.dataframe_source_manager", "DataframeSourceManager", "_lock", "libérer les tableaux", True
    ),
    Touch(
        "streamlit.runtime.dataframe_source_manager",
        "DataframeSourceManager",
        "_sources_by_session_and_coord",
        "libérer les tableaux",
        in_init=True,
    ),
    Touch(
        "streamlit.runtime.memory_uploaded_file_manager",
        "MemoryUploadedFileManager",
        "remove_file",
        "libérer le fichier envoyé une fois enregistré pour l'import",
    ),
    Touch("streamlit.runtime.caching.cache_resource_api", "", "_resource_caches", "vider les caches par filtres"),
    Touch(
        "streamlit.runtime.caching.cache_resource_api",
        "ResourceCaches",
        "_caches_lock",
        "vider les caches par filtres",
        in_init=True,
    ),
    Touch(
        "streamlit.runtime.caching.cache_resource_api",
        "ResourceCaches",
        "_function_caches",
        "vider les caches par filtres",
        in_init=True,
    ),
    Touch("streamlit.runtime.caching.cache_data_api", "", "_data_caches", "banc d'essai : taille des caches"),
    Touch("streamlit.runtime.caching.cache_resource_api", "ResourceCache", "_mem_cache", "banc d'essai", in_init=True),
    Touch("streamlit.runtime.context", "", "_context_info_field", "tests : l'adresse du navigateur"),
    Touch("streamlit.testing.v1.app_test", "AppTest", "_page_hash", "tests : ouvrir une page", in_init=True),
    Touch("streamlit.testing.v1.app_test", "AppTest", "_tree", "tests : lire les éléments d'une page", in_init=True),
)


def _touch_problem(touch: Touch) -> str | None:
    import importlib

    where = f"{touch.module}.{touch.owner + '.' if touch.owner else ''}{touch.name}"
    try:
        module = importlib.import_module(touch.module)
    except ImportError:
        return f"module {touch.module} introuvable ({touch.purpose})"
    owner: Any = getattr(module, touch.owner, None) if touch.owner else module
    if owner is None:
        return f"{touch.module}.{touch.owner} introuvable ({touch.purpose})"
    if touch.in_init:
        try:
            source = inspect.getsource(owner.__init__)
        except (OSError, TypeError):
            return f"source de {touch.module}.{touch.owner}.__init__ illisible ({touch.purpose})"
        found = f"self.{touch.name}" in source
    else:
        found = hasattr(owner, touch.name)
    return None if found else f"{where} a disparu ({touch.purpose})"


def _touch_problems(touches: tuple[Touch, ...]) -> list[tuple[Touch, str]]:
    return [(touch, found) for touch, found in ((t, _touch_problem(t)) for t in touches) if found]


def _other_problems() -> list[str]:
    """The version, the browser code's pieces that frontend_words translates, uvicorn's request-head limit."""
    import streamlit

    out = []
    if not streamlit.__version__.startswith(EXPECTED_STREAMLIT + "."):
        out.append(f"Streamlit {streamlit.__version__} installé, {EXPECTED_STREAMLIT}.x attendu")
    from lianes_dash.server import frontend_words, http_limits

    _files, missing = frontend_words.patched_files()
    out += [f"texte « {r.english} » introuvable dans le code du navigateur ({r.file_prefix}…)" for r in missing]
    if not http_limits.available():
        out.append("uvicorn : limite de taille des requêtes introuvable (liens longs refusés en anglais)")
    return out


def problems(touches: tuple[Touch, ...] = TOUCHES) -> list[str]:
    """What moved in the installed Streamlit, in French; empty when every touch point is in place."""
    return [p for _t, p in _touch_problems(touches)] + _other_problems()


#: Set by :func:`check_at_startup`: False switches the housekeeping's internals off.
_USABLE = {"runtime": True}


def check_at_startup() -> list[str]:
    """Log what moved (French, one warning each) or one line saying all is in place; returns the problems."""
    import streamlit

    moved = _touch_problems(TOUCHES)
    found = _other_problems() + [p for _t, p in moved]
    _USABLE["runtime"] = not any(
        t.module.startswith("streamlit.runtime.") and not t.purpose.startswith("tests") for t, _p in moved
    )
    if not found:
        _LOG.info("Streamlit %s : les %d points d'accès internes sont en place", streamlit.__version__, len(TOUCHES))
    for problem in found:
        _LOG.warning(
            "Streamlit a changé : %s. La fonction concernée est désactivée ; "
            "voir lianes_dash/server/streamlit_internals.py",
            problem,
        )
    return found


# ---------------------------------------------------------------------------
# The server's housekeeping (called by app.py through memory.start)
# ---------------------------------------------------------------------------
def _runtime() -> Any | None:
    from streamlit import runtime

    return runtime.get_instance() if runtime.exists() and _USABLE["runtime"] else None


def session_count(rt: Any | None = None) -> int | None:
    """Sessions the runtime holds (connected, or closed and waiting to expire); None without a runtime."""
    rt = rt if rt is not None else _runtime()
    if rt is None:
        return None
    return len(rt._session_mgr.list_sessions())


def reap_closed_sessions(rt: Any | None = None) -> int:
    """Shut down the closed sessions Streamlit forgot; returns how many sessions' leftovers were freed.

    A closed tab's session is kept ``server.disconnectedSessionTTL`` seconds for a reconnection,
    in a TTL cache that then drops it *without* ``AppSession.shutdown()``: its uploaded file, its
    download buttons' files and its tables' data stayed registered under its id for good. Here:
    expired sessions are shut down, then whatever the managers still hold for an id that is no
    longer a session is released.
    """
    rt = rt if rt is not None else _runtime()
    if rt is None:
        return 0
    mgr = rt._session_mgr
    with mgr._storage_lock:
        expired = mgr._session_storage._cache.expire()
    for _sid, info in expired:
        info.session.shutdown()
    live = {info.session.id for info in mgr.list_sessions()}
    media, frames, uploads = rt.media_file_mgr, rt.dataframe_source_mgr, rt.uploaded_file_mgr
    with media._lock:
        stale = set(media._files_by_session_and_coord) - live
    with frames._lock:
        stale |= set(frames._sources_by_session_and_coord) - live
    stale |= set(getattr(uploads, "file_storage", {})) - live
    for sid in stale:
        media.clear_session_refs(sid)
        frames.clear_all_for_session(sid)
        uploads.remove_session_files(sid)
    # Every pass: a download's file is first marked, then deleted at the next pass
    # (Streamlit does the same after each script run, which an idle server no longer has).
    media.remove_orphaned_files()
    return len(expired) + len(stale)


def release_upload(file_id: str) -> bool:
    """Drop Streamlit's copy of a file this session uploaded (the import page saved it); True if dropped.

    Streamlit keeps an upload's bytes until the visitor removes the file or the session ends (49 MB
    for an Atlas export, per visitor); no public API clears a file uploader. Its chat input drops
    its files the same way once read. The uploader's value then reads as a deleted file of the same id.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not _USABLE["runtime"]:
        return False
    remove = getattr(ctx.uploaded_file_mgr, "remove_file", None)
    if remove is None:
        return False
    remove(ctx.session_id, file_id)
    return True


def clear_bounded_resource_caches() -> int:
    """Clear every ``st.cache_resource`` cache with ``max_entries`` (keyed by a selection); returns how many.

    The loaders (data, reference, outlines) are unbounded singletons and stay.
    """
    from streamlit.runtime.caching import cache_resource_api

    caches = cache_resource_api._resource_caches
    with caches._caches_lock:
        bounded = [c for per in caches._function_caches.values() for c in per.values() if c.max_entries != math.inf]
    for cache in bounded:
        cache.clear()
    return len(bounded)


def all_caches() -> list[tuple[str, Any]]:
    """Every ``st.cache_resource`` and ``st.cache_data`` cache of the process, as (« resource » or « data », cache)."""
    from streamlit.runtime.caching import cache_data_api, cache_resource_api

    out: list[tuple[str, Any]] = []
    registries: tuple[tuple[str, Any], ...] = (
        ("resource", cache_resource_api._resource_caches),
        ("data", cache_data_api._data_caches),
    )
    for kind, registry in registries:
        for per_function in list(registry._function_caches.values()):
            out += [(kind, cache) for cache in list(per_function.values())]
    return out


def resource_values(cache: Any) -> list[Any]:
    """The values a ``st.cache_resource`` cache holds."""
    return [r.value for r in list(cache._mem_cache.values())]


# ---------------------------------------------------------------------------
# Test sessions (AppTest)
# ---------------------------------------------------------------------------
def open_page(at: Any, url_path: str) -> Any:
    """Point an AppTest's next run (its first one too) at the page ``url_path``, as a visitor opening its link.

    ``AppTest.switch_page`` takes a page file, and needs a first run; the pages are functions,
    which ``st.Page`` identifies by the hash of their ``url_path``.
    """
    from streamlit.util import calc_hash

    at._page_hash = calc_hash(url_path)
    return at


def element_tree(at: Any) -> Any:
    """The element tree of an AppTest's last run (every element, expanders and tabs included)."""
    return at._tree


def browser_address(address_of: Callable[[], str]) -> Callable[[str], object]:
    """A stand-in for the context field the browser sends, answering ``url`` with ``address_of()``."""
    from streamlit.runtime import context

    real = context._context_info_field

    def field(name: str) -> object:
        return address_of() if name == "url" else real(name)  # type: ignore[call-overload]

    return field


def patch_browser_address(monkeypatch: Any, address_of: Callable[[], str]) -> None:
    """Make ``st.context.url`` read ``address_of()`` as the browser's address (pytest's ``monkeypatch``)."""
    from streamlit.runtime import context

    monkeypatch.setattr(context, "_context_info_field", browser_address(address_of))
