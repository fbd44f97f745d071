"""The layering rules of the house, enforced: data in → logic → pages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lianes_dash import schema as S

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lianes_dash"
UI_SIDE = {PACKAGE / "app_pages", PACKAGE / "ui"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _is_ui(path: Path) -> bool:
    return any(parent in UI_SIDE for parent in path.parents)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", [p for p in _modules() if not _is_ui(p)], ids=lambda p: str(p.relative_to(ROOT)))
def test_logic_and_data_layers_never_import_streamlit(path: Path) -> None:
    assert "streamlit" not in _imports(path), f"{path.name} imports streamlit: move that code to app_pages/ or ui/"


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """String literals of a module, docstrings and f-string parts left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


# Column names that are also ordinary words of other vocabularies (a collectivity type, a
# GeoJSON member); the rule is about the link, country and gazetteer columns.
_AMBIGUOUS = {S.TYPE, S.NAME, S.CODE, S.REGION, S.DEPARTEMENT, S.EPCI, S.COUNT, S.VALUE, S.THEME, S.GEOMETRY}
_COLUMN_NAMES = set(S.ALL_COLUMNS) - _AMBIGUOUS


@pytest.mark.parametrize(
    "path", [p for p in _modules() if p.name != "schema.py"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_column_names_are_spelled_only_in_schema(path: Path) -> None:
    """A literal equal to a column name is allowed only on a line marked ``# source format``:
    a key of an outside format (GeoNames, an input file's English header) that happens to
    be spelled like one of ours."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [
        (line, s)
        for line, s in _string_constants(path)
        if s in _COLUMN_NAMES and "# source format" not in lines[line - 1]
    ]
    assert not hits, f"{path.name} spells column names as literals (use lianes_dash.schema): {hits}"
