"""A validated (and enriched) copy of an unchanged data file, so that a restart does not validate it again.

Validating the bundled links and the reference with pandera (and importing pandera), and enriching the
links, was most of a cold start (bench/RESULTS.md). The result is kept as a Parquet file in a cache
folder, named by a key made of the content hash of every file it was computed from, the schema
version and the code that validates and enriches: a changed file, schema or loader is a new key,
and the old copy is removed when the new one is written.

The folder: ``LIANES_CACHE_DIR``, else ``$XDG_CACHE_HOME/lianes_dash`` (``~/.cache/lianes_dash``),
else, when that cannot be written, a folder of the system's temporary directory. Never ``data/``.
A copy that cannot be read (cut short, corrupt) is ignored, removed and rebuilt; a cache folder that
cannot be written only costs the validation it would have saved.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

_LOG = logging.getLogger("lianes_dash")

CACHE_ENV = "LIANES_CACHE_DIR"
#: Bumped when the way a copy is written or read changes.
FORMAT = 1
_SUFFIX = ".parquet"


def cache_dirs() -> list[Path]:
    """Where copies are looked for and written, in order: the configured folder, then the temporary one."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return [Path(env)]
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return [Path(base) / "lianes_dash", Path(tempfile.gettempdir()) / "lianes_dash_cache"]


@functools.cache
def _code_version() -> str:
    """The schema version and the source of the modules that validate and enrich (a change is a new key)."""
    import pyarrow

    from lianes_dash.dataset import data, schema

    digest = hashlib.sha256(f"{FORMAT}|{schema.SCHEMA_VERSION}|{pd.__version__}|{pyarrow.__version__}".encode())
    for source in (schema.__file__, data.__file__, __file__):
        digest.update(Path(str(source)).read_bytes())
    return digest.hexdigest()


def key(name: str, files: Sequence[Path]) -> str:
    """The key of ``name`` computed from ``files`` (raises ``OSError`` for a file that cannot be read)."""
    digest = hashlib.sha256(f"{name}|{_code_version()}".encode())
    for path in files:
        with Path(path).open("rb") as f:
            digest.update(hashlib.file_digest(f, "sha256").digest())
    return digest.hexdigest()[:32]


def cached(name: str, files: Sequence[Path], build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``build()``, or its copy kept from a previous run on the same ``files`` (same contents, same code).

    ``build`` raises as it would without the cache (a missing file is not hashed: ``build`` says
    which file and how to rebuild it).
    """
    try:
        wanted = key(name, files)
    except OSError:
        return build()
    found = _read(name, wanted)
    if found is not None:
        return found
    frame = build()
    _write(name, wanted, frame)
    return frame


def _read(name: str, wanted: str) -> pd.DataFrame | None:
    import pyarrow.parquet as pq

    for folder in cache_dirs():
        path = folder / f"{name}-{wanted}{_SUFFIX}"
        if not path.is_file():
            continue
        try:
            table = pq.read_table(path)
            # NOTE: self_destruct frees each Arrow column once converted (the load peak at 100×).
            return table.to_pandas(self_destruct=True, split_blocks=True)
        except Exception:  # noqa: BLE001 — a copy cut short or corrupt: validated again, and replaced
            _LOG.warning("Copie validée illisible, ignorée : %s", path)
            path.unlink(missing_ok=True)
    return None


def _write(name: str, wanted: str, frame: pd.DataFrame) -> None:
    for folder in cache_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{name}-{wanted}{_SUFFIX}"
            with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", suffix=_SUFFIX, delete=False) as tmp:
                temporary = Path(tmp.name)
            try:
                frame.to_parquet(temporary)
                os.replace(temporary, target)  # NOTE: atomic: a reader sees the whole copy or none
            finally:
                temporary.unlink(missing_ok=True)
        except OSError:
            continue
        for stale in folder.glob(f"{name}-{'?' * 32}{_SUFFIX}"):
            if stale != target:
                stale.unlink(missing_ok=True)
        return
