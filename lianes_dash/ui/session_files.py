"""Each session's import files on disk: the uploaded file and the import's result, deleted with the session.

The server keeps an import's bytes and tables out of its memory (``importer.stored``): they sit in
one folder per session, under one folder per server process::

    $TMPDIR/lianes-dash-imports/server-<pid>/<session folder>/{upload, result-…}/

The session's folder belongs to a :class:`SessionFolder` kept in its session state: when Streamlit
drops the session (the tab closed and ``server.disconnectedSessionTTL`` passed, the housekeeping
of ``app.py`` shutting it down), the object is collected and the folder deleted. :func:`sweep`
(each housekeeping pass) deletes any folder whose owner is gone all the same; a server's folder is
locked (``flock``) while it runs, so that :func:`clean_leftovers` (at start) deletes those of
servers that ended without cleaning up, and never those of a running one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import threading
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Session key of the session's :class:`SessionFolder`.
FOLDER = "import_session_folder"
_LOCK_NAME = ".lock"
_lock = threading.Lock()
_server: dict[str, Any] = {}
#: This process's live session folders, by name: what :func:`sweep` keeps.
_LIVE: weakref.WeakValueDictionary[str, SessionFolder] = weakref.WeakValueDictionary()


def base_dir() -> Path:
    """Where every server's folder lies (``LIANES_IMPORT_DIR``, else the system's temporary folder)."""
    return Path(os.environ.get("LIANES_IMPORT_DIR") or tempfile.gettempdir()) / "lianes-dash-imports"


def server_dir() -> Path:
    """This process's folder, created and locked on first use (again after a fork, or if deleted)."""
    with _lock:
        path = _server.get("path")
        if path is None or _server.get("pid") != os.getpid() or not path.exists():
            path = base_dir() / f"server-{os.getpid()}"
            path.mkdir(parents=True, exist_ok=True)
            fd = os.open(path / _LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _server.update(path=path, pid=os.getpid(), fd=fd)
        return path


def clean_leftovers() -> int:
    """Delete the folders of servers no longer running (their lock is free); how many (at server start)."""
    own = server_dir()
    removed = 0
    for path in base_dir().glob("server-*"):
        if path == own or not path.is_dir():
            continue
        try:
            fd = os.open(path / _LOCK_NAME, os.O_RDWR)
        except OSError:
            fd = None  # no lock file: a half-made folder
        try:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a running server's
        finally:
            if fd is not None:
                os.close(fd)
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return removed


class SessionFolder:
    """One session's folder: deleted when this object is collected (its session ended), or by :func:`sweep`."""

    def __init__(self) -> None:
        self.path = server_dir() / uuid.uuid4().hex
        self.path.mkdir()
        weakref.finalize(self, shutil.rmtree, self.path, True)
        with _lock:
            _LIVE[self.path.name] = self

    def fresh(self, prefix: str) -> Path:
        """A new empty folder in the session's (one per upload, one per import result)."""
        self.path.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.path))


def session_folder() -> SessionFolder:
    """This session's folder, created on first use (kept in its session state)."""
    import streamlit as st

    folder = st.session_state.get(FOLDER)
    if not isinstance(folder, SessionFolder):
        folder = SessionFolder()
        st.session_state[FOLDER] = folder
    return folder


def sweep() -> int:
    """Delete the session folders of this process that no live session owns; how many (the housekeeping's)."""
    path = _server.get("path")
    if path is None or _server.get("pid") != os.getpid() or not path.exists():
        return 0
    with _lock:
        live = set(_LIVE.keys())
    gone = [p for p in path.iterdir() if p.is_dir() and p.name not in live]
    for p in gone:
        shutil.rmtree(p, ignore_errors=True)
    return len(gone)


def remove(path: Path | None) -> None:
    """Delete one file or folder of a session (a replaced upload or result)."""
    if path is None:
        return
    with contextlib.suppress(OSError):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


@dataclass(frozen=True)
class SavedUpload:
    """The uploaded file, written once to the session's folder: what the import reads, instead of Streamlit's copy."""

    name: str
    file_id: str
    path: Path
    size: int
