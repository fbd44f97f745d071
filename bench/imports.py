"""``python -m bench.imports``: resource use of the importer on generated files, written to ``bench/RESULTS.md``.

Each case is a file generated in a temporary folder (French collectivities from
``data/reference`` with visibly fictional partners, mutated names for the « unknown »
cases; the files are deleted afterwards) and imported by the real command line,
``python -m lianes_dash import FILE --out … --report …``, in a fresh process: *time* is the
wall time of that process, *peak memory* its peak RSS (``wait4``). The two reference-ratio
goals of the import-bounds work are checked as ratios of medians, never as absolute times
(the machine is shared). The section « Import : ressources bornées » of ``bench/RESULTS.md``
is replaced; the rest of the file is kept.

    python -m bench.imports                 # every case (~10 min on two shared cores)
    python -m bench.imports --quick         # small sizes only
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Import : ressources bornées"
HEADER = "Collectivité française;Département;Pays;Collectivité partenaire;Thématiques;Année\n"


def _communes() -> list[tuple[str, str]]:
    import pandas as pd

    coll = pd.read_parquet(ROOT / "data" / "reference" / "collectivites.parquet")
    coll = coll.loc[coll["type"] == "commune"].sample(frac=1.0, random_state=7)
    return list(zip(coll["name"].astype(str), coll["departement"].astype(str), strict=True))


def clean_rows(n: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        communes = _communes()
        with path.open("w", encoding="utf-8") as fh:
            fh.write(HEADER)
            for i in range(n):
                name, dep = communes[i % len(communes)]
                fh.write(f"{name};{dep};Sénégal;Partenaire fictif {i};eau;{1950 + i % 70}\n")

    return make


def unknown_names(n: int) -> Callable[[Path], None]:
    """Distinct names one letter away from a real commune (« Hallzin »), without département."""

    def make(path: Path) -> None:
        communes = _communes()
        with path.open("w", encoding="utf-8") as fh:
            fh.write(HEADER)
            for i in range(n):
                name, _dep = communes[i % len(communes)]
                k = max(1, len(name) // 2)
                fh.write(
                    f"{name[:k]}z{name[k + 1 :]}{'' if i < len(communes) else f' {i}'};;Sénégal;Partenaire fictif {i};;\n"
                )

    return make


def blank_lines(n: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(HEADER.encode())
            chunk = b"\n" * 1_000_000
            for _ in range(n // 1_000_000):
                fh.write(chunk)
            fh.write(b"\n" * (n % 1_000_000))
            fh.write("Halluin;59;Sénégal;Partenaire fictif;;\n".encode())

    return make


def tiny_rows(n: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(b"Commune;Pays\n")
            chunk = b"a\n" * 1_000_000
            for _ in range(n // 1_000_000):
                fh.write(chunk)
            fh.write(b"a\n" * (n % 1_000_000))

    return make


def xlsx_rows(n: int) -> Callable[[Path], None]:
    """An XLSX written by hand (inline strings): small on disk, ``n`` rows once inflated."""

    def make(path: Path) -> None:
        parts = {
            "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
            "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Liens" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        }
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in parts.items():
                zf.writestr(name, text)
            with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
                out = io.TextIOWrapper(fh, encoding="utf-8")
                out.write(
                    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                out.write(
                    '<row r="1"><c r="A1" t="inlineStr"><is><t>Commune</t></is></c><c r="B1" t="inlineStr"><is><t>Pays</t></is></c></row>'
                )
                for r in range(2, n + 2):
                    out.write(
                        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Halluin</t></is></c><c r="B{r}" t="inlineStr"><is><t>Maroc</t></is></c></row>'
                    )
                out.write("</sheetData></worksheet>")
                out.flush()
                out.detach()

    return make


#: (label in the table, file name, generator, repeats).
CASES: list[tuple[str, str, Callable[[Path], None], int]] = [
    ("5 000 lignes propres (référence)", "propres_5000.csv", clean_rows(5_000), 3),
    ("5 000 lignes aux noms français tous inconnus (distincts)", "inconnus_5000.csv", unknown_names(5_000), 3),
    ("20 000 lignes aux noms inconnus distincts", "inconnus_20000.csv", unknown_names(20_000), 1),
    ("2 000 000 lignes vides + 1 ligne", "vides_2M.csv", blank_lines(2_000_000), 1),
    ("24 000 000 lignes vides + 1 ligne (~24 Mo)", "vides_24M.csv", blank_lines(24_000_000), 1),
    ("25 000 000 lignes minuscules", "minuscules_25M.csv", tiny_rows(25_000_000), 1),
    ("3 000 000 lignes minuscules", "minuscules_3M.csv", tiny_rows(3_000_000), 1),
    ("XLSX qui se déplie en 1 000 000 de lignes", "gonfle_1M.xlsx", xlsx_rows(1_000_000), 1),
    ("100 000 lignes valides (la limite)", "valides_100000.csv", clean_rows(100_000), 1),
    ("200 000 lignes valides", "valides_200000.csv", clean_rows(200_000), 1),
]
QUICK = {"propres_5000.csv", "inconnus_5000.csv", "vides_2M.csv", "minuscules_3M.csv"}


def run_cli(path: Path, tmp: Path) -> tuple[float, float, int, str]:
    """(wall s, peak RSS Mo, exit code, last stdout/stderr line) of one CLI import."""
    cmd = [
        sys.executable,
        "-m",
        "lianes_dash",
        "import",
        str(path),
        "--out",
        str(tmp / "o.parquet"),
        "--report",
        str(tmp / "r.csv"),
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    # NOTE: RUSAGE_CHILDREN keeps the *largest* child so far; wait4 on each pid is per process.
    peak = _peak_of(proc)
    text = (out.decode("utf-8", "replace") + err.decode("utf-8", "replace")).strip().splitlines()
    return wall, peak, proc.returncode, (text[-1] if text else "")


def _peak_of(proc: subprocess.Popen) -> float:
    return getattr(proc, "_lianes_peak", float("nan"))


class _Popen(subprocess.Popen):
    """``Popen`` that records the child's peak RSS with ``wait4`` when it is reaped."""

    def _try_wait(self, wait_flags):  # noqa: ANN001 — CPython's private hook
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return (self.pid, 0)
        if pid:
            self._lianes_peak = usage.ru_maxrss / 1024
        return (pid, status)


subprocess.Popen = _Popen  # type: ignore[misc]  # NOTE: only inside this measuring script


def fmt(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", " ").replace(".", ",")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="petits cas seulement")
    parser.add_argument("--no-write", action="store_true", help="afficher sans écrire bench/RESULTS.md")
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    rows: list[tuple[str, str, str, str, str]] = []
    medians: dict[str, float] = {}
    peaks: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="lianes_bench_import_") as tmp_s:
        tmp = Path(tmp_s)
        for label, fname, make, repeats in CASES:
            if args.quick and fname not in QUICK:
                continue
            path = tmp / fname
            make(path)
            size = path.stat().st_size
            runs = [run_cli(path, tmp) for _ in range(repeats)]
            path.unlink()
            wall = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            medians[fname], peaks[fname] = wall, peak
            outcome = runs[-1][3].replace("|", "/")
            verdict = "refusé d'emblée" if runs[-1][2] == 2 else "importé"
            rows.append(
                (
                    label,
                    f"{fmt(size / 1024 / 1024)} Mo",
                    f"{fmt(wall)} s" + (f" (médiane de {repeats})" if repeats > 1 else ""),
                    f"{fmt(peak, 0)} Mo",
                    f"{verdict} : {outcome}",
                )
            )
            print(" | ".join(rows[-1]), flush=True)
    load_end = os.getloadavg()[0]
    lines = [
        SECTION,
        "",
        f"Écrit par `python -m bench.imports{' --quick' if args.quick else ''}` le {dt.datetime.now():%Y-%m-%d %H:%M}. "
        f"Chaque fichier est généré puis importé par la ligne de commande (`python -m lianes_dash import`) dans un "
        f"processus neuf : temps = durée du processus (démarrage de Python compris), mémoire = pic RSS (`wait4`). "
        f"Charge de la machine (load average 1 min, 2 cœurs partagés) : {load_start:.1f} au début, {load_end:.1f} à la fin : "
        "les temps absolus varient d'un passage à l'autre, les rapports comptent.",
        "",
        "| Fichier (tous sous la limite d'envoi de 50 Mo) | Taille | Temps | Pic mémoire | Issue |",
        "|---|--:|--:|--:|---|",
        *(f"| {' | '.join(r)} |" for r in rows),
        "",
    ]
    ref = medians.get("propres_5000.csv")
    if ref:
        goals = []
        if "inconnus_5000.csv" in medians:
            ratio = medians["inconnus_5000.csv"] / ref
            goals.append(f"5 000 noms inconnus distincts / 5 000 lignes propres : **{fmt(ratio, 2)}×** (objectif ≤ 5×)")
        if "inconnus_20000.csv" in medians:
            goals.append(
                f"20 000 noms inconnus distincts : **{fmt(medians['inconnus_20000.csv'])} s** (objectif ≤ 60 s)"
            )
        base_peak = peaks.get("propres_5000.csv", float("nan"))
        for fname in ("vides_2M.csv", "vides_24M.csv", "minuscules_25M.csv", "minuscules_3M.csv", "gonfle_1M.xlsx"):
            if fname in peaks:
                goals.append(
                    f"pic mémoire {fname} / lignes propres : {fmt(peaks[fname] / base_peak, 2)}× (objectif ≤ 1,5×)"
                )
        lines += ["Objectifs, en rapports :", "", *(f"- {g}" for g in goals), ""]
    block = "\n".join(lines)
    print(block)
    if args.no_write:
        return
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if SECTION in text:
        start = text.index(SECTION)
        nxt = text.find("\n## ", start + len(SECTION))
        text = text[:start] + block + (text[nxt + 1 :] if nxt >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
