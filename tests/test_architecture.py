"""The layering rules of the house, enforced: data in → logic → pages."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from lianes_dash.dataset import schema as S
from tests.conftest import parsed

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lianes_dash"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run the house's import contract (``[tool.importlinter]`` in pyproject.toml) on the package under ``root``."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
         str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip


def test_the_layer_contract_holds() -> None:
    """One contract for the whole package: arrows point down the layers; Streamlit only at the top."""
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_package_has_its_place_in_the_layers() -> None:
    """A new folder of ``lianes_dash`` cannot escape the contract by being left out of it."""
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    packages = {f"lianes_dash.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == placed


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("text/french.py", "import streamlit"),  # Streamlit below the pages
        ("dataset/schema.py", "from lianes_dash.views import figures"),  # an arrow pointing up
        ("analysis/metrics.py", "from lianes_dash.build import links"),  # a build step at run time
    ],
)
def test_the_contract_catches_a_wrong_arrow(tmp_path: Path, module: str, line: str) -> None:
    """The contract must be able to fail: a copy of the package with one wrong import breaks it."""
    shutil.copytree(PACKAGE, tmp_path / "lianes_dash", ignore=shutil.ignore_patterns("__pycache__", "assets"))
    target = tmp_path / "lianes_dash" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    run = _lint_imports(tmp_path)
    assert run.returncode != 0 and "BROKEN" in run.stdout, run.stdout + run.stderr


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
    assert not hits, f"{path.name} spells column names as literals (use lianes_dash.dataset.schema): {hits}"


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
