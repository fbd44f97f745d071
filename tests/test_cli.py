"""CLI ``python -m lianes_dash import|validate`` and the formula neutralisation of reports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lianes_dash.__main__ import main
from lianes_dash.dataset import schema as S
from lianes_dash.importer.testing import write_reference
from lianes_dash.text.safety import neutralise_formulas

ROOT = Path(__file__).resolve().parent.parent
GOOD = (
    "Collectivité française;Pays;Collectivité partenaire;Thématiques\n"
    "Halluin;Sénégal;Kaolack;eau\n"
    '=HYPERLINK("http://x");Maroc;Marrakech;\n'
    "Halluin;Sénégal;Kaolack;eau\n"
    "Le Portel;Atlantide;;\n"
)


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    write_reference(folder)
    monkeypatch.setenv("LIANES_DATA_DIR", str(folder))
    return folder


def test_import_writes_links_and_safe_report(data_dir: Path, tmp_path: Path, capsys) -> None:
    src = tmp_path / "atlas_afrique.csv"
    src.write_text(GOOD, encoding="utf-8")
    out, rep = tmp_path / "out" / "liens.parquet", tmp_path / "rapport.csv"
    assert main(["import", str(src), "--out", str(out), "--report", str(rep)]) == 0
    summary = capsys.readouterr().out.strip()
    assert "atlas_afrique.csv" in summary and "1 acceptée" in summary and "1 doublon" in summary
    assert "2 rejetées" in summary
    links = S.validate_links(pd.read_parquet(out))
    assert links[S.SOURCE].tolist() == ["import : atlas_afrique.csv"]
    report = pd.read_csv(rep, sep=";", encoding="utf-8-sig", dtype=str)
    # The web page's report file: French headers and statuses, rejected rows first.
    assert list(report.columns) == [S.label(c) for c in S.REPORT_COLUMNS]
    line, status, reason = S.label(S.REPORT_LINE), S.label(S.REPORT_STATUS), S.label(S.REPORT_REASON)
    assert report[line].tolist() == ["3", "5", "4", "2"]
    assert report[status].tolist() == ["rejetée", "rejetée", "doublon", "acceptée"]
    assert "pays inconnu : « Atlantide »" in report[reason].iat[1]
    text = rep.read_text(encoding="utf-8-sig")
    assert all(not cell.startswith(("=", "+", "-", "@")) for line in text.splitlines() for cell in line.split(";"))


def test_import_csv_output_and_mapping(data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("Qui;Où\nHalluin;Sénégal\n", encoding="cp1252")
    out = tmp_path / "liens.csv"
    code = main(
        [
            "import",
            str(src),
            "--out",
            str(out),
            "--report",
            str(tmp_path / "r.csv"),
            "--map",
            "Qui=fr_name",
            "--map",
            "Où=pays partenaire",
        ]
    )
    assert code == 0
    links = pd.read_csv(out, dtype=str)
    assert links[S.FR_CODE].tolist() == ["59279"]


def test_validate_prints_the_report(data_dir: Path, tmp_path: Path, capsys) -> None:
    src = tmp_path / "a.csv"
    src.write_text(GOOD, encoding="utf-8")
    assert main(["validate", str(src)]) == 0
    out = capsys.readouterr().out
    assert "Ligne" in out and "rejetée" in out and "doublon de la ligne 2" in out
    assert not list(tmp_path.glob("*.parquet"))


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (b"", [], "vide"),
        (b"\n\n", [], "vide"),
        (bytes(range(256)) * 10, [], "ne ressemble pas"),
        (b"Commune;Ville\nHalluin;Kaolack\n", [], "pays partenaire"),
        (GOOD.encode(), ["--max-bytes", "10"], "trop volumineux"),
        (GOOD.encode(), ["--map", "Inexistante=fr_name"], "pas de colonne"),
        (GOOD.encode(), ["--map", "sans egal"], "mal formée"),
    ],
)
def test_bad_files_exit_2_with_one_line(
    data_dir: Path, tmp_path: Path, capsys, content: bytes, extra: list[str], message: str
) -> None:
    src = tmp_path / "x.csv"
    src.write_bytes(content)
    code = main(["import", str(src), "--out", str(tmp_path / "o.parquet"), "--report", str(tmp_path / "r.csv"), *extra])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_subprocess_sparse_200mb_file(data_dir: Path, tmp_path: Path) -> None:
    """The real entry point: a 200 MB (sparse) file is refused at once, exit 2, no traceback."""
    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.truncate(200_000_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "lianes_dash", "import", str(big), "--out", str(tmp_path / "o.parquet"), "--report", str(tmp_path / "r.csv")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "trop volumineux" in proc.stderr and "Traceback" not in proc.stderr


def test_no_command_prints_help() -> None:
    assert main([]) == 2


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 3 20", "'+33 3 20"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Halluin", "Halluin"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_formulas(cell: str, expected: str) -> None:
    df = pd.DataFrame({"t": [cell], "n": [-3], "c": pd.Categorical([cell])})
    out = neutralise_formulas(df)
    assert out["t"].iat[0] == expected and out["c"].iat[0] == expected
    assert out["n"].iat[0] == -3 and df["t"].iat[0] == cell  # numbers untouched, input not modified


def test_links_csv_out_is_formula_safe(data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text('Commune;Pays;Ville jumelle\nHalluin;Sénégal;=HYPERLINK("http://x")\n', encoding="utf-8")
    out = tmp_path / "liens.csv"
    assert main(["import", str(src), "--out", str(out), "--report", str(tmp_path / "r.csv")]) == 0
    links = pd.read_csv(out, dtype=str)
    assert links[S.PARTNER_NAME].tolist() == ['\'=HYPERLINK("http://x")']
    cells = [c for line in out.read_text(encoding="utf-8").splitlines() for c in line.split(",")]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)


def test_empty_file_is_refused_before_pandas_is_imported(tmp_path: Path) -> None:
    """The CLI says « vide » without importing pandas, pandera or Streamlit (it starts fast)."""
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    code = (
        "import sys\n"
        "from lianes_dash.__main__ import main\n"
        f"rc = main(['import', {str(empty)!r}, '--out', 'o.parquet', '--report', 'r.csv'])\n"
        "heavy = [m for m in ('pandas', 'pandera', 'streamlit', 'numpy', 'plotly') if m in sys.modules]\n"
        "print(rc, heavy)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )  # fmt: skip
    assert proc.stdout.strip() == "2 []", proc.stdout + proc.stderr
    assert "vide" in proc.stderr


@pytest.mark.parametrize("suffix", [".parquet", ".PARQUET", ".csv", ".tsv"])
def test_out_format_follows_the_extension(data_dir: Path, tmp_path: Path, suffix: str) -> None:
    """``--out x.tsv`` wrote a Parquet file under that name: the extension now decides."""
    src = tmp_path / "a.csv"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / f"liens{suffix}"
    assert main(["import", str(src), "--out", str(out), "--report", str(tmp_path / "r.csv")]) == 0
    raw = out.read_bytes()
    if suffix.lower() == ".parquet":
        assert raw[:4] == b"PAR1"
        assert pd.read_parquet(out)[S.FR_NAME].tolist() == ["Halluin"]
        return
    assert raw[:4] != b"PAR1"
    sep = "\t" if suffix == ".tsv" else ","
    links = pd.read_csv(out, sep=sep, dtype=str)
    assert S.FR_NAME in links.columns and links[S.FR_NAME].tolist() == ["Halluin"]
    assert raw.decode("utf-8").splitlines()[0].count(sep) == len(links.columns) - 1


@pytest.mark.parametrize(
    ("out", "report", "named"),
    [("liens.xlsx", "r.csv", "liens.xlsx"), ("liens", "r.csv", "liens"), ("liens.csv", "r.parquet", "r.parquet")],
)
def test_an_unknown_output_format_is_refused_in_french_before_reading(
    tmp_path: Path, capsys, out: str, report: str, named: str
) -> None:
    missing = tmp_path / "absent.csv"  # never read: the refusal comes first
    code = main(["import", str(missing), "--out", str(tmp_path / out), "--report", str(tmp_path / report)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.startswith("erreur : ") and f"« {named} »" in err and len(err.splitlines()) == 1
    assert ".parquet, .csv, .tsv" in err or "doit être .csv" in err
    assert not (tmp_path / out).exists() and not (tmp_path / report).exists()
