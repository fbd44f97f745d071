"""Streamlit side of the data: cached loading, the dataset of this session, filtered views.

NOTE: ``st.cache_resource`` (not ``cache_data``) for the frames: they are large and
read-only, and ``cache_data`` would copy them on every call. Nothing here mutates them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa
import streamlit as st

from lianes_dash.analysis import regional as R
from lianes_dash.analysis.filters import Filters, filter_links, kept_rows, rows_of
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.text.i18n import t
from lianes_dash.ui import living

_LOG = logging.getLogger("lianes_dash")


def _pool_that_gives_back() -> None:
    """pyarrow's allocations (the text columns of the links) on jemalloc rather than mimalloc, unless
    ``ARROW_DEFAULT_MEMORY_POOL`` chooses a pool.

    NOTE: mimalloc kept the memory each page's temporaries had taken (a factorize of every partner's
    name); jemalloc hands it back: a lower peak at 100× (bench/RESULTS.md, « Mémoire à ×100, étape par étape »).
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    with contextlib.suppress(NotImplementedError):  # A pyarrow built without jemalloc: its default pool
        pa.set_memory_pool(pa.jemalloc_memory_pool())


_pool_that_gives_back()
#: Session key of an imported dataset (this browser session only).
IMPORTED = "imported_dataset"
#: Key and name of the bundled links alone (no contribution accepted yet).
BUNDLED_KEY = "bundled"
BUNDLED_NAME = "Données nationales livrées"
#: Name of the bundled links with the accepted contributions (issue 28).
PUBLISHED_NAME = "Données nationales livrées et contributions acceptées"


@dataclass(frozen=True)
class Reference:
    """Reference tables and outlines, loaded once per server process.

    NOTE: only the tables every page needs are loaded up front. The outlines and the
    brochure tables are properties loaded on first use (each its own cached function),
    so that a missing or broken file only breaks the pages that read it: their
    ``DataFileError`` is shown by ``dashboard.py`` as ``common.data_error_page``.
    """

    collectivities: pd.DataFrame
    countries: pd.DataFrame

    @property
    def named(self) -> pd.DataFrame:
        return named()

    @property
    def testimonials(self) -> pd.DataFrame:
        return testimonials()

    @property
    def departements_geojson(self) -> dict:
        return departements_geojson()

    @property
    def regions_geojson(self) -> dict:
        return regions_geojson()


@dataclass(frozen=True)
class Dataset:
    """The links a session is looking at, and where they come from."""

    links: pd.DataFrame
    name: str
    imported: bool
    key: str
    synthetic_rows: int = field(default=0)


@st.cache_resource(show_spinner=False)
def reference() -> Reference:
    """Reference data, shared by every session (read-only)."""
    collectivities, countries = D.load_reference_cached()
    return Reference(collectivities=collectivities, countries=countries)


@st.cache_resource(show_spinner=False)
def named() -> pd.DataFrame:
    """The brochure's named Nord-Pas-de-Calais collectivities (raises ``DataFileError``)."""
    return D.load_named()


@st.cache_resource(show_spinner=False)
def testimonials() -> pd.DataFrame:
    """The brochure's testimonials (raises ``DataFileError``)."""
    return D.load_testimonials()


@st.cache_resource(show_spinner=False)
def departements_geojson() -> dict:
    """Outlines of the départements (raises ``DataFileError``; a failure is not cached)."""
    return D.load_geojson(D.DEPARTEMENTS_GEOJSON)


@st.cache_resource(show_spinner=False)
def regions_geojson() -> dict:
    """Outlines of the régions (raises ``DataFileError``; a failure is not cached)."""
    return D.load_geojson(D.REGIONS_GEOJSON)


@st.cache_resource(show_spinner=False)
def metropolitan_outlines(level: str) -> dict:
    """The outlines of metropolitan France at ``level`` (« departement » or « region »), shared.

    NOTE: one object per level for the whole server: ``server.assets.json_url`` finds its URL
    again by identity instead of serialising 200 KB on every rerun.
    """
    if level == "departement":
        return R.metropolitan_geojson(departements_geojson(), level)
    return R.metropolitan_geojson(regions_geojson(), level)


@st.cache_resource(show_spinner=False)
def bundled_links() -> pd.DataFrame:
    """The bundled national links, validated and enriched, shared by every session."""
    ref = reference()
    links = D.load_bundled_links_cached(ref.collectivities, ref.countries)
    if links.empty:
        # A data error, not « Aucun lien ne correspond aux filtres » on every page.
        path = D.data_dir() / D.NATIONAL_LINKS_FILE
        raise D.DataFileError(path, "le fichier ne contient aucun lien", D.REBUILD.get(D.NATIONAL_LINKS_FILE))
    # Pyarrow keeps the loading temporaries in its memory pool; hand them back to the
    # system (about 250 MB of resident memory at 100×).
    pa.default_memory_pool().release_unused()
    _LOADED.set()
    return links


#: Set once the bundled links have been loaded in this process (the first visit's wait is over).
_LOADED = threading.Event()


def loading_message() -> contextlib.AbstractContextManager:
    """« Chargement des données… » in the page's language while the first visit loads the data.

    The caches' own ``show_spinner`` text is fixed when the module loads, in French; this
    message follows the page's language. After the first load, nothing (Streamlit's spinner
    would add an element to every run); it shows only if loading takes over half a second.
    """
    if _LOADED.is_set():
        return contextlib.nullcontext()
    return st.spinner(t("Chargement des données…"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _published(database_url: str, version: int) -> pd.DataFrame | None:
    """The bundled links with the accepted contributions at review ``version`` (``None``: none accepted).

    NOTE: keyed by the store's review version (``living.version``): an accept or an undo makes a
    new key, read by every session on its next run; the frame is shared and read-only.
    """
    from lianes_dash.contributions.published import published_links
    from lianes_dash.text import i18n

    accepted = living.store_at(database_url).accepted()
    if not accepted:
        return None
    ref = reference()
    try:
        # In French, whoever computes it first: the data are French (the pages translate them),
        # and this frame is shared by the visitors of both languages.
        with i18n.using("fr"):
            links = D.enrich_links(published_links(bundled_links(), accepted), ref.collectivities, ref.countries)
    except Exception:  # noqa: BLE001 — an accepted item that breaks the table must not break every page
        _LOG.exception("Contributions acceptées non publiables (version %s) : liens livrés seuls.", version)
        return None
    pa.default_memory_pool().release_unused()
    return links


def dataset() -> Dataset:
    """This session's dataset: an import made in this session, else the published data (the bundled
    links and the contributions the network accepted)."""
    imported = st.session_state.get(IMPORTED)
    if imported is not None:
        return imported
    return published_dataset()


def published_dataset() -> Dataset:
    """What every visitor sees: the bundled links and the contributions the network accepted.

    Needs no session: the embed documents (``server/embed_document.py``) read it too.
    """
    links = bundled_links()
    current = living.version()
    if current is not None:
        database_url, version = current
        published = _published(database_url, version)
        if published is not None:
            return Dataset(
                links=published,
                name=PUBLISHED_NAME,
                imported=False,
                key=f"published:{living.url_digest(database_url)}:{version}",
                synthetic_rows=int(published[S.SYNTHETIC].astype(bool).sum()),
            )
    return Dataset(
        links=links,
        name=BUNDLED_NAME,
        imported=False,
        key=BUNDLED_KEY,
        synthetic_rows=int(links[S.SYNTHETIC].sum()),
    )


def use_imported(links: pd.DataFrame, filename: str, key: str) -> None:
    """Switch this session (only) to imported links; the bundled files are never touched."""
    ref = reference()
    enriched = D.enrich_links(links, ref.collectivities, ref.countries)
    st.session_state[IMPORTED] = Dataset(
        links=enriched,
        name=f"Import : {filename}",
        imported=True,
        key=key,
        synthetic_rows=int(enriched[S.SYNTHETIC].sum()),
    )


def use_bundled() -> None:
    """Back to the bundled data for this session."""
    st.session_state.pop(IMPORTED, None)


def keep_widget_values(keys: Iterable[str]) -> None:
    """Give the widgets the app's frame draws on every page (the sidebar's) their value again, before
    they are drawn, so that this run sends it to the browser.

    On a page change the browser may draw those widgets anew, with their defaults, and send
    the defaults back with the next run: a visitor arriving by a shared link then lost its filters
    (``?coll=…``: 2 runs in 6) or its language (``?lang=en``: 5 runs in 8) on the second page opened
    (Chromium, clicks in the page list). A value set through the session is sent with the widget,
    so the browser's copy is the session's. Streamlit issues #4989, #8425.
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


#: Bounds of the shared cache of filtered views: entries, bytes (what each entry holds) and age.
#: Every distinct URL is a distinct key; at 100× a frame can weigh hundreds of MB (the cache keeps
#: row positions, 2 MB for 500 000 links), so an entry count alone does not bound memory.
FILTER_CACHE_ENTRIES = 64
FILTER_CACHE_BYTES = 256 * 2**20
FILTER_CACHE_TTL_S = 15 * 60


V = TypeVar("V")


def _nbytes(value: object) -> int:
    """Memory held by a cached value: a frame's own columns, an array's buffer (``None``: nothing)."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=False).sum())
    return int(getattr(value, "nbytes", 0))


class FrameCache:
    """A thread-safe LRU of frames or arrays (row positions), bounded in entries, bytes and age (seconds)."""

    _instances: weakref.WeakSet[FrameCache] = weakref.WeakSet()

    def __init__(self, max_entries: int, max_bytes: int, ttl_s: float) -> None:
        self.max_entries, self.max_bytes, self.ttl_s = max_entries, max_bytes, ttl_s
        self._items: OrderedDict[object, tuple[float, int, Any]] = OrderedDict()
        self._lock = threading.Lock()
        FrameCache._instances.add(self)

    @classmethod
    def clear_all(cls) -> None:
        """Empty every FrameCache of the process (the server is idle)."""
        for cache in list(cls._instances):
            cache.clear()

    @property
    def nbytes(self) -> int:
        with self._lock:
            return sum(size for _t, size, _f in self._items.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def get(self, key: object, compute: Callable[[], V]) -> V:
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit[2]
        frame = compute()  # Outside the lock: two sessions may compute the same view once each
        size = _nbytes(frame)
        with self._lock:
            if size <= self.max_bytes:
                self._items[key] = (now, size, frame)
                self._items.move_to_end(key)
                total = sum(s for _t, s, _f in self._items.values())
                while self._items and (len(self._items) > self.max_entries or total > self.max_bytes):
                    _t, s, _f = self._items.popitem(last=False)[1]
                    total -= s
        return frame

    def _expire(self, now: float) -> None:
        for key in [k for k, (added, _s, _f) in self._items.items() if now - added > self.ttl_s]:
            del self._items[key]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@st.cache_resource(show_spinner=False)
def filter_cache() -> FrameCache:
    """The process's cache of filtered views of the bundled data (cleared with ``st.cache_resource``)."""
    return FrameCache(FILTER_CACHE_ENTRIES, FILTER_CACHE_BYTES, FILTER_CACHE_TTL_S)


#: Frames taken from cached row positions, while something still holds them: (links, frame), weakly.
_views: dict[object, tuple[weakref.ref[pd.DataFrame], weakref.ref[pd.DataFrame]]] = {}
_views_lock = threading.Lock()


def _view(links: pd.DataFrame, key: object, filters: Filters) -> pd.DataFrame:
    """``links`` under ``filters``: the cache keeps the rows; the frame taken from them is served again
    as long as a page still holds it.

    NOTE: a page run's namespace is freed by the garbage collector only (its functions refer to
    it), with the frame it used: taking the rows anew on every run kept one frame per run alive
    until then (bench memory: 1 536 MB at 100× instead of 926); serving the live frame keeps one.
    """
    with _views_lock:
        hit = _views.get(key)
    if hit is not None and hit[0]() is links and (frame := hit[1]()) is not None:
        return frame
    frame = rows_of(links, filter_cache().get(key, lambda: kept_rows(links, filters)))
    with _views_lock:
        for dead in [k for k, (_l, f) in _views.items() if f() is None]:
            del _views[dead]
        _views[key] = (weakref.ref(links), weakref.ref(frame))
    return frame


def _filtered_bundled(filters: Filters) -> pd.DataFrame:
    return _view(bundled_links(), filters, filters)


def filtered(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """The dataset's links under the filters (cached for the shared bundled data only).

    NOTE: an imported dataset is never put in a shared cache, so that no other visitor
    can be served it; it is small enough to filter on each rerun.
    """
    if ds.imported:
        return filter_links(ds.links, filters)
    if ds.key == BUNDLED_KEY:
        return _filtered_bundled(filters)
    # The published links (bundled + accepted contributions) are shared by every visitor too.
    return _view(ds.links, (ds.key, filters), filters)
