"""The living dataset on the Streamlit side: the contributions store of this process, and its version.

The published links (:func:`lianes_dash.ui.state.dataset`) are the bundled ones plus the accepted
contributions; they are cached under the store's *review version*: the number of the latest event
that is not a submission (an accept, a refusal, an edit, an undo). Each run reads it with one
small query, so that an accept or an undo made by any reviewer, in any process, is seen by every
session on its next run; a new submission (pending) changes nothing a visitor sees.

NOTE: a SQLite store that does not exist yet is not created by a visitor's reading (no query, the
bundled links as they are); the first contribution or a ``reviewers add`` creates it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from contextvars import ContextVar
from pathlib import Path

import sqlalchemy as sa
import streamlit as st

from lianes_dash.contributions import db
from lianes_dash.contributions.store import SUBMITTED, Store, open_store

_LOG = logging.getLogger("lianes_dash")
#: How long one thread trusts the version it read (seconds): the many ``dataset()`` calls of one run
#: cost one query; a change made in this process is seen at once (:func:`changed`).
VERSION_TTL_S = 1.0

_GENERATION = 0
_GENERATION_LOCK = threading.Lock()
#: (url, generation, monotonic time, version) last read in this thread.
_SEEN: ContextVar[tuple[str, int, float, int | None] | None] = ContextVar("lianes_review_version", default=None)


@st.cache_resource(show_spinner=False)
def store_at(database_url: str) -> Store:
    """The store at ``database_url``, opened (and migrated) once per process."""
    return open_store(database_url)


def url() -> str:
    """The database URL in force (``LIANES_DATABASE_URL``, else the state folder's SQLite file)."""
    return db.database_url()


def store() -> Store:
    """The contributions store of this deployment (created on first use)."""
    return store_at(url())


def _existing_url() -> str | None:
    """:func:`url` without creating anything: ``None`` while the state folder's SQLite file does not exist.

    NOTE: a visitor's run only reads; the folder and the file are made by the first contribution or
    by ``reviewers add`` (the same URL as ``db.database_url`` gives, so the same cached store).
    """
    env = os.environ.get(db.URL_ENV, "").strip()
    if env:
        return env
    path = Path(os.environ.get(db.STATE_ENV, "").strip() or db.DEFAULT_STATE_DIR) / db.SQLITE_FILE
    return f"sqlite:///{path.resolve()}" if path.exists() else None


def _exists(database_url: str) -> bool:
    """False for a SQLite file not created yet (nothing to read); True for any other database."""
    if not database_url.startswith("sqlite:///"):
        return True
    return Path(database_url.removeprefix("sqlite:///")).exists()


def url_digest(database_url: str) -> str:
    """A short name of the database, for cache keys (never the URL itself: it may hold a password)."""
    return hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:10]


def review_version(store_: Store) -> int | None:
    """The number of the latest review event (``None``: nothing was ever reviewed)."""
    query = sa.select(sa.func.max(db.events.c.id)).where(db.events.c.kind != SUBMITTED)
    with store_.engine.connect() as conn:
        value = conn.execute(query).scalar()
    return int(value) if value is not None else None


def changed() -> None:
    """This process changed the store: the next :func:`version` of every thread reads it again."""
    global _GENERATION
    with _GENERATION_LOCK:
        _GENERATION += 1


def version() -> tuple[str, int] | None:
    """(database URL, review version) of the published layer, or ``None``: the bundled links alone.

    Never raises: a store that cannot be read is logged and the bundled links are shown.
    """
    try:
        database_url = _existing_url()
    except OSError:  # A state folder that cannot be read: no contributions to read
        _LOG.exception("Dossier des contributions illisible : les liens livrés seuls sont publiés.")
        return None
    if database_url is None:
        return None
    seen = _SEEN.get()
    now = time.monotonic()
    if seen is not None and seen[0] == database_url and seen[1] == _GENERATION and now - seen[2] < VERSION_TTL_S:
        return (database_url, seen[3]) if seen[3] is not None else None
    found: int | None = None
    if _exists(database_url):
        try:
            found = review_version(store_at(database_url))
        except Exception:  # noqa: BLE001 — the dashboard keeps working on the bundled links
            _LOG.exception("Base des contributions illisible : les liens livrés seuls sont publiés.")
            found = None
    _SEEN.set((database_url, _GENERATION, now, found))
    return (database_url, found) if found is not None else None
