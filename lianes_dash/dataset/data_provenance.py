"""Where each file of ``data/`` comes from: one ``PROVENANCE`` file beside it, read here.

- ``data/raw/<snapshot>/PROVENANCE.md``: one per raw snapshot (producer, commit, date, licence);
  ``lianes_dash/dataset/sources.py`` repeats its key facts for the exports and tests/test_sources.py checks them.
- ``data/reference/PROVENANCE.json`` and ``data/links/PROVENANCE.json``: one entry per built file
  (or pair of files built together): its content, source, version, licence and the command that
  rebuilds it. ``data/SOURCES.md`` shows these entries as its tables, rendered by :func:`table`
  (``python -m lianes_dash.dataset.data_provenance`` rewrites them); tests/test_data_provenance.py checks that
  every file has exactly one entry, that SOURCES.md shows them as they are and that the loaders'
  rebuild commands agree.

NOTE: in the manner of OWID's ETL snapshots (a metadata file beside each snapshot): the facts live
next to the data, and the human overview is a view of them, not a second description.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

#: Folders of built files, each with its ``PROVENANCE.json``.
BUILT_FOLDERS: tuple[str, ...] = ("reference", "links")
PROVENANCE_JSON = "PROVENANCE.json"
PROVENANCE_MD = "PROVENANCE.md"
SOURCES_MD = "SOURCES.md"
#: Files that describe other files (not data themselves): the build manifest of the reference.
METADATA_FILES: frozenset[str] = frozenset({PROVENANCE_JSON, PROVENANCE_MD, SOURCES_MD, "MANIFEST.json"})


@dataclass(frozen=True)
class Entry:
    """The provenance of one file (or of files built together): their names, the table's cells, the command."""

    files: tuple[str, ...]
    cells: tuple[str, ...]
    rebuild: str


@dataclass(frozen=True)
class Provenance:
    """A folder's ``PROVENANCE.json``: the column titles of its table and its entries."""

    folder: str
    columns: tuple[str, ...]
    entries: tuple[Entry, ...]

    def entry(self, name: str) -> Entry | None:
        """The entry of file ``name`` (``None`` when the folder says nothing of it)."""
        return next((e for e in self.entries if name in e.files), None)


def read(data_dir: Path, folder: str) -> Provenance:
    """``data/<folder>/PROVENANCE.json``."""
    doc = json.loads((data_dir / folder / PROVENANCE_JSON).read_text(encoding="utf-8"))
    columns = tuple(doc["columns"])
    entries = tuple(Entry(tuple(e["files"]), tuple(e[c] for c in columns), e["rebuild"]) for e in doc["entries"])
    return Provenance(doc["folder"], columns, entries)


def table(prov: Provenance) -> str:
    """The Markdown table of SOURCES.md for a folder: one row per entry."""
    head = ["Fichier", *prov.columns]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for e in prov.entries:
        rows.append("| " + " | ".join([", ".join(f"`{f}`" for f in e.files), *e.cells]) + " |")
    return "\n".join(rows)


def rebuild_command(data_dir: Path, relative: str) -> str | None:
    """The command that rebuilds ``data/<relative>``, as its folder's provenance says."""
    folder, _, name = relative.partition("/")
    if folder not in BUILT_FOLDERS:
        return None
    found = read(data_dir, folder).entry(name)
    return found.rebuild if found else None


def _replace_table(text: str, new: str) -> str:
    """``text`` with the table that has ``new``'s header line replaced by ``new``."""
    lines = text.split("\n")
    header = new.split("\n", 1)[0]
    start = lines.index(header)
    end = start + 1
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join([*lines[:start], new, *lines[end:]])


def write_sources(data_dir: Path) -> bool:
    """Rewrite the tables of ``SOURCES.md`` from the provenance files; ``True`` if it changed."""
    path = data_dir / SOURCES_MD
    before = path.read_text(encoding="utf-8")
    after = before
    for folder in BUILT_FOLDERS:
        after = _replace_table(after, table(read(data_dir, folder)))
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before


if __name__ == "__main__":
    from lianes_dash.dataset.data import DEFAULT_DATA_DIR

    changed = write_sources(DEFAULT_DATA_DIR)
    print("data/SOURCES.md réécrit" if changed else "data/SOURCES.md déjà à jour")
    sys.exit(0)
