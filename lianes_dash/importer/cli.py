"""Subcommands ``import`` and ``validate`` of ``python -m lianes_dash``.

``import`` writes the accepted links in the format OUT's extension names (.parquet, .csv,
.tsv; any other is refused in French before the file is read) and the
report (the web page's French report file, safe to open in a spreadsheet); ``validate``
only prints the report. Exit codes: 0 when the file could be read (even with rejected
rows); 2 when it could not (too large, empty, no header, unreadable, missing columns,
too many rows), with one line on stderr.

NOTE: pandas, pandera and the reference data are imported only once the file has been
read: an empty or oversized file is refused in a fraction of a second.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from lianes_dash.importer.errors import ImportFileError, MappingError
from lianes_dash.importer.reading import DEFAULT_MAX_BYTES, read_raw
from lianes_dash.text.i18n import t

if TYPE_CHECKING:
    import pandas as pd

    from lianes_dash.importer.core import ImportResult


#: The links file's format by the extension of ``--out``: nothing else is written.
OUT_FORMATS: dict[str, str] = {".parquet": "parquet", ".csv": "csv", ".tsv": "tsv"}
#: The report is always the web page's CSV file.
REPORT_SUFFIX = ".csv"


class OutputFormatError(ImportFileError):
    """``--out`` or ``--report`` names a format the command does not write."""


def out_format(path: Path) -> str:
    """The format ``path``'s extension names (« parquet », « csv », « tsv »), else a French refusal.

    ``--out x.tsv`` wrote Parquet under that name (every suffix but .csv did).
    """
    fmt = OUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise OutputFormatError(
            t(
                "Format de sortie inconnu pour « {name} » : l'extension de --out doit être {known}.",
                name=path.name,
                known=", ".join(OUT_FORMATS),
            )
        )
    return fmt


def check_report_path(path: Path) -> None:
    """The report is a CSV file: refuse any other extension rather than write CSV under it."""
    if path.suffix.lower() != REPORT_SUFFIX:
        raise OutputFormatError(
            t(
                "Le rapport « {name} » est un fichier CSV : l'extension de --report doit être .csv.",
                name=path.name,
            )
        )


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """``["Nom de colonne=champ", …]`` → ``{"Nom de colonne": "champ"}`` (split on the last « = »)."""
    mapping: dict[str, str] = {}
    for item in items or []:
        column, sep, fld = item.rpartition("=")
        if not sep or not column.strip():
            raise MappingError(f"Correspondance « {item} » mal formée : attendu « Nom de colonne=champ ».")
        mapping[column.strip()] = fld.strip()
    return mapping


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help="fichier CSV ou XLSX à importer")
    parser.add_argument(
        "--map",
        action="append",
        metavar="COLONNE=CHAMP",
        help="correspondance explicite d'une colonne (répétable), ex. « Ville jumelle=partner_name »",
    )
    parser.add_argument("--sheet", metavar="FEUILLE", help="feuille du classeur XLSX (par défaut la première)")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="OCTETS",
        help=f"taille maximale du fichier (par défaut {DEFAULT_MAX_BYTES:_} octets)".replace("_", " "),
    )


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register ``import`` and ``validate`` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "import", help="importer un fichier de liens", description="Importe un fichier de liens (CSV ou XLSX)."
    )
    _common(p)
    p.add_argument(
        "--out", type=Path, required=True, help="liens acceptés, au format de l'extension (.parquet, .csv ou .tsv)"
    )
    p.add_argument("--report", type=Path, required=True, help="rapport ligne par ligne (.csv)")
    p.set_defaults(run=run_import)

    v = subparsers.add_parser(
        "validate", help="vérifier un fichier sans rien écrire", description="Affiche le rapport d'import."
    )
    _common(v)
    v.add_argument(
        "--problems", action="store_true", help="n'afficher que les lignes rejetées, doublons et avertissements"
    )
    v.set_defaults(run=run_validate)


def _import(args: argparse.Namespace) -> ImportResult:
    mapping = parse_mapping(args.map)
    raw = read_raw(args.input, sheet=args.sheet, max_bytes=args.max_bytes)
    from lianes_dash.importer.core import import_links

    return import_links(raw, mapping=mapping)


def write_report(report: pd.DataFrame, path: Path) -> None:
    """The report file, byte for byte the web page's download (French, « ; », UTF-8 BOM, formula-safe)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(report_csv_bytes(report))


def report_csv_bytes(report: pd.DataFrame) -> bytes:
    """See :func:`lianes_dash.importer.report.report_csv_bytes` (kept here for existing callers)."""
    from lianes_dash.importer.report import report_csv_bytes as write

    return write(report)


def write_links(links: pd.DataFrame, path: Path) -> None:
    """Accepted links in the canonical schema, in the format of ``path``'s extension (:func:`out_format`).

    NOTE: a CSV or TSV is opened in a spreadsheet, so it is written like every other CSV we
    hand out: text cells that would run as a formula get a leading « ' » (canonical column
    names, UTF-8; « , » or a tab). Parquet keeps the values exactly as accepted.
    """
    fmt = out_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        links.to_parquet(path, index=False)
        return
    from lianes_dash.text.safety import neutralise_formulas

    neutralise_formulas(links).to_csv(path, index=False, encoding="utf-8", sep="\t" if fmt == "tsv" else ",")


def run_import(args: argparse.Namespace) -> int:
    """``import``: write links and report, print the one-line summary.

    The output paths are checked before the file is read: a wrong extension costs nothing.
    """
    out_format(args.out)
    check_report_path(args.report)
    result = _import(args)
    write_links(result.links, args.out)
    write_report(result.report, args.report)
    print(result.summary.french(result.filename))
    return 0


def format_report(result: ImportResult, problems_only: bool = False) -> str:
    """The report as a readable text table: the report file's French table, in its order."""
    import pandas as pd

    from lianes_dash.dataset import schema as S
    from lianes_dash.importer.core import ACCEPTED
    from lianes_dash.importer.report import report_table

    report = result.report
    if problems_only:
        keep = (report[S.REPORT_STATUS] != ACCEPTED) | report[S.REPORT_WARNINGS].notna()
        report = report.loc[keep]
    shown = report_table(report)
    lines = [result.summary.french(result.filename), *(f"  {n}" for n in result.notes)]
    if len(shown):
        with pd.option_context("display.max_colwidth", 100, "display.width", 250):
            lines.append(shown.to_string(index=False))
    return "\n".join(lines)


def run_validate(args: argparse.Namespace) -> int:
    """``validate``: print the report, write nothing."""
    print(format_report(_import(args), problems_only=args.problems))
    return 0
