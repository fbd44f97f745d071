"""The layering rules of the house, enforced: data in → logic → pages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lianes_dash import schema as S
from tests.conftest import parsed

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lianes_dash"
UI_SIDE = {PACKAGE / "app_pages", PACKAGE / "ui"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _is_ui(path: Path) -> bool:
    return any(parent in UI_SIDE for parent in path.parents)


def _imports(path: Path) -> set[str]:
    tree = parsed(path)
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


#: pandas methods whose string arguments are column names.
_COLUMN_METHODS = {
    "groupby", "sort_values", "drop_duplicates", "set_index", "drop", "merge", "pivot_table", "dropna",
    "value_counts", "nlargest", "nsmallest", "explode", "melt", "get",
}  # fmt: skip


def _column_literals(path: Path) -> list[tuple[int, str]]:
    """String literals used where pandas expects a column: ``df["x"]``, ``df[["x", "y"]]``,
    ``df.groupby("x")`` and the like, and dict keys of ``DataFrame({...})``, ``rename(columns={...})``,
    ``assign(**{...})``."""
    tree = parsed(path)
    found: list[tuple[int, str]] = []

    def strings(node: ast.AST) -> list[ast.Constant]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node]
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return [c for e in node.elts for c in strings(e)]
        return []

    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            found += [(c.lineno, c.value) for c in strings(node.slice)]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in _COLUMN_METHODS:
                for arg in [
                    *node.args,
                    *(k.value for k in node.keywords if k.arg in ("by", "subset", "columns", "on")),
                ]:
                    found += [(c.lineno, c.value) for c in strings(arg)]
            if name in ("DataFrame", "rename", "assign", "agg"):
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    if isinstance(arg, ast.Dict):
                        found += [
                            (k.lineno, k.value)
                            for k in arg.keys
                            if isinstance(k, ast.Constant) and isinstance(k.value, str)
                        ]
                found += [(node.lineno, k.arg) for k in node.keywords if name in ("assign", "agg") and k.arg]
    return found


# Column names that are also ordinary words of other vocabularies (a collectivity type, a
# GeoJSON member, a build summary's key, a map's « resolution »); the rule is about the link, country
# and gazetteer columns.
_AMBIGUOUS = {
    S.TYPE, S.NAME, S.CODE, S.REGION, S.DEPARTEMENT, S.EPCI, S.COUNT, S.VALUE, S.THEME, S.GEOMETRY, S.ROLE, S.BUILD_HOW,
}  # fmt: skip
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
        for line, s in _column_literals(path)
        if s in _COLUMN_NAMES and "# source format" not in lines[line - 1]
    ]
    assert not hits, f"{path.name} spells column names as literals (use lianes_dash.schema): {hits}"


@pytest.mark.parametrize(
    ("snippet", "caught"),
    [
        ('df["fr_code"]', True),
        ('df[["fr_code", "kind"]]', True),
        ('df.groupby("partner_country")', True),
        ('pd.DataFrame({"themes": []})', True),
        ("df[S.FR_CODE]", False),
        ('go.Scatter(line={"width": 1})', False),
    ],
)
def test_the_column_literal_detector_catches_what_it_should(tmp_path: Path, snippet: str, caught: bool) -> None:
    """The rule above must be able to fail."""
    module = tmp_path / "m.py"
    module.write_text(snippet + "\n", encoding="utf-8")
    assert bool([s for _, s in _column_literals(module) if s in _COLUMN_NAMES]) is caught


def test_tables_are_drawn_by_one_function() -> None:
    """``st.dataframe`` is called in ``ui/tables.show_table`` only, so every table shows empty cells alike."""
    calls = [
        str(path.relative_to(ROOT))
        for path in [*_modules(), ROOT / "dashboard.py"]
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "dataframe"
    ]
    assert calls == ["lianes_dash/ui/tables.py"], calls
