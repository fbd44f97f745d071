"""Exports: golden bytes for the CSV and the LISEZMOI, the XLSX read back, formulas neutralised.

The frame is three fictitious links built here, chosen to break naive exports: accents and
a ligature, a ``=HYPERLINK(...)`` partner, a ``<script>`` partner, a missing year, a
negative coordinate, a synthetic flag. Regenerate the golden files (after reading the diff!)
with ``LIANES_UPDATE_GOLDEN=1 python -m pytest tests/test_export.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import schema as S
from lianes_dash.text import i18n
from lianes_dash.text.safety import neutralise_formulas
from lianes_dash.views import export as E

GOLDEN = Path(__file__).resolve().parent / "golden"
DAY = dt.date(2026, 11, 26)
HYPERLINK = '=HYPERLINK("http://exemple.invalid/?x=1";"Cliquez")'
SCRIPT = "<script>alert('x')</script>"
SRC_WIKIPEDIA_EN = "English Wikipedia, “List of twin towns and sister cities in …” (February 2026)"
ROWS = "wikidata-p190-2017/france.tsv:12|wikipedia-twin-towns-2026/twin_cities_geocoded.csv:345"


def _links() -> pd.DataFrame:
    """Three links as the loader gives them (categories, Int64 year, booleans)."""
    rows = {
        S.LINK_ID: ["t-1", "t-2", "t-3"],
        S.FR_CODE: ["01099", "2A004", "59999"],
        S.FR_TYPE: ["commune", "commune", "departement"],
        S.FR_NAME: ["Saint-Étienne-sur-Œuilly", "Ajaccio-Test", "Nord-Test"],
        S.FR_DEPARTEMENT: ["01", "2A", "59"],
        S.FR_REGION: ["84", "94", "32"],
        S.PARTNER_NAME: [HYPERLINK, SCRIPT, "São Tomé"],
        S.PARTNER_COUNTRY: ["CMR", "BFA", "STP"],
        S.PARTNER_LAT: [7.2262, 12.2414, 0.33654],
        S.PARTNER_LON: [13.4916, -1.2756, 6.72732],
        S.PARTNER_APPROX: [True, False, False],
        S.KIND: ["jumelage", "aide au développement", "coopération décentralisée"],
        S.THEMES_COL: [None, "gestion de l'eau", "santé|autre : pêche"],
        S.START_YEAR: pd.array([None, 2003, 1998], dtype="Int64"),
        S.SOURCE: ["wikidata|wikipedia", "@import fichier", "brochure"],
        S.SOURCE_ROWS: [ROWS, None, None],
        S.SYNTHETIC: [False, True, False],
        S.DESCRIPTION: ["Eau potable ; « santé » ; 3 250 €", "-5 % de déchets", None],
        S.FR_LAT: [46.2, 41.93, 50.5],
        S.FR_LON: [5.1, 8.74, 3.1],
        S.FR_POPULATION: pd.array([1200, 70000, None], dtype="Int64"),
        S.FR_DEPARTEMENT_NAME: ["Ain", "Corse-du-Sud", "Nord"],
        S.FR_REGION_NAME: ["Auvergne-Rhône-Alpes", "Corse", "Hauts-de-France"],
        S.PARTNER_COUNTRY_NAME: ["Cameroun", "Burkina Faso", "Sao Tomé-et-Principe"],
        S.PARTNER_CONTINENT: ["Afrique", "Afrique", "Afrique"],
    }
    df = pd.DataFrame(rows)
    for col in (S.FR_TYPE, S.FR_DEPARTEMENT, S.PARTNER_COUNTRY, S.KIND, S.THEMES_COL, S.SOURCE):
        df[col] = df[col].astype("category")
    return df


FILTERS = Filters(countries=("CMR", "BFA"), themes=("santé", "culture"), year_min=1990, search="é")
NAMES = {"countries": {"CMR": "Cameroun", "BFA": "Burkina Faso"}}


def _meta(links: pd.DataFrame) -> E.ExportMeta:
    return E.meta_for(
        links,
        dataset="Données de test",
        imported=False,
        filter_lines=E.describe_filters(FILTERS, NAMES),
        day=DAY,
    )


def _golden(name: str, content: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("LIANES_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
    assert path.exists(), f"golden file {path} missing (LIANES_UPDATE_GOLDEN=1 to create it)"
    assert content == path.read_bytes(), f"{name} differs from its golden file"


# --- golden bytes -------------------------------------------------------------------------------
def test_csv_matches_golden_file() -> None:
    _golden("export_liens.csv", E.csv_bytes(_links()))


def test_lisezmoi_matches_golden_file() -> None:
    links = _links()
    _golden("export_LISEZMOI.txt", E.readme_text(_meta(links), E.file_name(DAY, "csv")).encode(E.CSV_ENCODING))


def test_zip_holds_the_csv_and_the_lisezmoi_with_a_fixed_date() -> None:
    links = _links()
    data = E.zip_bytes(links, _meta(links))
    assert data == E.zip_bytes(links, _meta(links)), "same input, same bytes"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["lianes_liens_2026-11-26.csv", "LISEZMOI.txt"]
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 26, 0, 0, 0)}
        assert zf.read("lianes_liens_2026-11-26.csv") == (GOLDEN / "export_liens.csv").read_bytes()
        assert zf.read("LISEZMOI.txt") == (GOLDEN / "export_LISEZMOI.txt").read_bytes()


# --- CSV format ---------------------------------------------------------------------------------
def test_csv_format_bom_crlf_semicolon_and_french_headers() -> None:
    raw = E.csv_bytes(_links())
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, or Excel guesses Windows-1252"
    text = raw.decode("utf-8-sig")
    header = text.split("\r\n", 1)[0]
    assert header.split(";") == [S.label(c) for c in E.EXPORT_COLUMNS]
    assert text.count("\r\n") == 4 and "\n" not in text.replace("\r\n", "")
    assert "2003.0" not in text and ";2003;" in text
    assert "7,2262" in text and "-1,2756" in text, "decimal comma; a negative number is not neutralised"


def test_pandas_reads_the_csv_back_to_the_same_values() -> None:
    links = _links()
    back = pd.read_csv(
        io.BytesIO(E.csv_bytes(links)),
        sep=";",
        decimal=",",
        dtype={S.label(c): str for c in E.TEXT_CODE_COLUMNS},
        keep_default_na=False,
        na_values=[""],
    )
    assert list(back.columns) == [S.label(c) for c in E.EXPORT_COLUMNS]
    for col in (S.PARTNER_LAT, S.PARTNER_LON, S.FR_LAT, S.FR_LON):
        assert back[S.label(col)].tolist() == links[col].tolist(), col
    assert back[S.label(S.START_YEAR)].astype("Int64").tolist() == links[S.START_YEAR].tolist()
    assert back[S.label(S.FR_POPULATION)].astype("Int64").tolist() == links[S.FR_POPULATION].tolist()
    assert back[S.label(S.FR_CODE)].tolist() == ["01099", "2A004", "59999"], "codes keep their leading zero"
    assert S.label(S.SYNTHETIC) not in back.columns, "no « synthetic » column: the bundled data is real"
    assert back[S.label(S.SOURCE_ROWS)].fillna("").tolist() == [ROWS, "", ""]
    assert back[S.label(S.FR_NAME)].tolist() == links[S.FR_NAME].tolist(), "accents and ligatures kept"
    assert back[S.label(S.PARTNER_NAME)].tolist() == ["'" + HYPERLINK, SCRIPT, "São Tomé"]
    assert back[S.label(S.SOURCE)].tolist() == ["wikidata|wikipedia", "'@import fichier", "brochure"]
    assert back[S.label(S.DESCRIPTION)].tolist()[:2] == ["Eau potable ; « santé » ; 3 250 €", "'-5 % de déchets"]
    assert pd.isna(back[S.label(S.DESCRIPTION)].iloc[2])
    assert back[S.label(S.FR_TYPE)].tolist() == ["Commune", "Commune", "Département"]


# --- neutralisation -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6 00", "'+33 6 00"),
        ("-5 %", "'-5 %"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcaché", "'\tcaché"),
        ("\rretour", "'\rretour"),
        ("Lille", "Lille"),
        ("a=b", "a=b"),
        ("", ""),
        ("'=déjà", "'=déjà"),
    ],
)
def test_every_formula_trigger_is_neutralised_in_every_export(cell: str, written: str) -> None:
    links = _links()
    links[S.DESCRIPTION] = [cell, "x", "y"]
    frame = E.export_frame(links)
    assert frame[S.label(S.DESCRIPTION)].iloc[0] == written
    back = pd.read_csv(io.BytesIO(E.csv_bytes(links)), sep=";", dtype=str, keep_default_na=False)
    assert back[S.label(S.DESCRIPTION)].iloc[0] == written
    wb = openpyxl.load_workbook(io.BytesIO(E.xlsx_bytes(links, _meta(links))))
    cell_out = wb[E.DATA_SHEET].cell(row=2, column=E.EXPORT_COLUMNS.index(S.DESCRIPTION) + 1)
    # NOTE: XML normalises a stored CR to LF when the workbook is read; the apostrophe is what matters.
    assert (cell_out.value or "") == written.replace("\r", "\n")
    assert cell_out.data_type != "f"


def test_neutralise_formulas_leaves_numbers_alone() -> None:
    df = pd.DataFrame({"a": [-1.5, 2.0], "b": ["-x", "y"]})
    out = neutralise_formulas(df)
    assert out["a"].tolist() == [-1.5, 2.0] and out["b"].tolist() == ["'-x", "y"]


# --- XLSX -------------------------------------------------------------------------------------------
def test_xlsx_has_a_readme_sheet_then_the_rows_with_french_headers() -> None:
    links = _links()
    data = E.xlsx_bytes(links, _meta(links))
    assert data == E.xlsx_bytes(links, _meta(links)), "deterministic for a fixed date"
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [E.README_SHEET, E.DATA_SHEET]
    sheet = wb[E.DATA_SHEET]
    assert [c.value for c in sheet[1]] == [S.label(c) for c in E.EXPORT_COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 4
    col = {S.label(c): i for i, c in enumerate(E.EXPORT_COLUMNS)}
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [r[col[S.label(S.PARTNER_NAME)]] for r in rows] == ["'" + HYPERLINK, SCRIPT, "São Tomé"]
    assert [r[col[S.label(S.START_YEAR)]] for r in rows] == [None, 2003, 1998], "integers, empty when unknown"
    assert [r[col[S.label(S.PARTNER_LON)]] for r in rows] == [13.4916, -1.2756, 6.72732], "real numbers"
    assert [r[col[S.label(S.FR_CODE)]] for r in rows] == ["01099", "2A004", "59999"], "codes as text"
    assert [r[col[S.label(S.SOURCE_ROWS)]] for r in rows] == [ROWS, None, None]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"formula in {ws.title}!{c.coordinate}"
    readme = "\n".join(str(c.value) for c in wb[E.README_SHEET]["A"] if c.value)
    assert E.NEUTRALISATION_NOTE in readme and "Licence de ce tableau" in readme
    assert "Pays partenaire : Burkina Faso, Cameroun" in readme
    assert "26 novembre 2026" in readme and "3 lignes, dont 1 fictive (jeu d'essai)" in readme.replace("\u202f", " ")


# --- provenance ----------------------------------------------------------------------------------
def test_readme_says_sources_licences_filters_date_and_count() -> None:
    links = _links()
    text = E.readme_text(_meta(links), "x.csv")
    assert E.BROCHURE_LICENCE in text and "Licence Ouverte / Etalab 2.0" in text
    assert "Généré le : 26 novembre 2026" in text
    assert E.NEUTRALISATION_NOTE in text and E.SOURCE_NOTE in text
    assert "Thème : santé, culture" in text
    for word in ("illustrati", "synthéti", "ILLUSTRATI"):
        assert word not in text, "no apology for invented data: the bundled data is real"


@pytest.mark.parametrize(
    ("rows", "credited", "not_credited", "share_alike"),
    [
        ([0], ["wikidata", "wikipedia"], ["brochure"], True),
        ([2], ["brochure"], ["wikidata", "wikipedia"], False),
        ([0, 2], ["wikidata", "wikipedia", "brochure"], [], True),
    ],
    ids=["deux encyclopédies", "brochure seule", "toutes"],
)
def test_each_source_present_is_credited_with_its_licence_and_no_other(
    rows: list[int], credited: list[str], not_credited: list[str], share_alike: bool
) -> None:
    from lianes_dash.dataset import sources as SRC

    links = _links().iloc[rows]
    text = E.readme_text(_meta(links), "x.csv")
    for key in credited:
        source = SRC.SOURCES[key]
        assert source.label in text and source.credit in text, key
    for key in not_credited:
        assert SRC.SOURCES[key].label not in text, key
    if "wikidata" in credited:
        assert "CC0 1.0" in text
    if "wikipedia" in credited:
        assert "CC BY-SA 4.0" in text and "OpenStreetMap" in text and "ODbL" in text
    # the share-alike notice says the table itself is under CC BY-SA 4.0, with its row count
    assert ("Licence de ce tableau" in text) is share_alike
    if share_alike:
        assert "1 ligne de ce tableau viennent de" not in text
        assert SRC.WIKIPEDIA.share_alike in text


def test_fixture_rows_are_counted_as_fictional() -> None:
    links = _links()
    meta = _meta(links)
    assert meta.synthetic and meta.synthetic_rows == 1
    assert not _meta(links.iloc[[0, 2]]).synthetic


def test_imported_data_names_its_file_and_says_its_licence_is_unknown() -> None:
    links = _links()
    meta = E.meta_for(links, dataset="Import : mes_liens.xlsx", imported=True, filter_lines=[], day=DAY)
    assert meta.sources[0] == ("Import : mes_liens.xlsx", E.IMPORTED_LICENCE)


def test_meta_must_count_the_rows_it_describes() -> None:
    links = _links()
    with pytest.raises(ValueError, match="3 lignes"):
        E.zip_bytes(links.iloc[:1], _meta(links))


@pytest.mark.parametrize(
    ("filters", "lines"),
    [
        (Filters(), ["Aucun filtre : toutes les lignes du jeu de données."]),
        (Filters(countries=("CMR", "BFA")), ["Pays partenaire : Burkina Faso, Cameroun"]),
        (Filters(countries=("XXX",)), ["Pays partenaire : XXX"]),
        (Filters(types=("epci", "commune")), ["Type de collectivité : Commune, Intercommunalité (EPCI)"]),
        (Filters(year_min=1990, year_max=2000), ["Année de début : de 1990 à 2000 (les liens sans année connue sont gardés)"]),
        (Filters(year_max=2000, year_unknown=False), ["Année de début : jusqu'en 2000 (les liens sans année connue sont écartés)"]),
        (Filters(year_unknown=False), ["Année de début : connue (les liens sans année connue sont écartés)"]),
        (Filters(themes=("culture", S.UNKNOWN_LABEL)), ["Thème : culture, non renseigné"]),
        (Filters(search="Kawara", kinds=("jumelage",)), ["Recherche : « Kawara »", "Type de lien : jumelage"]),
    ],
)  # fmt: skip
def test_describe_filters_in_french(filters: Filters, lines: list[str]) -> None:
    names = {**NAMES, "types": dict(S.TYPE_LABELS)}
    assert E.describe_filters(filters, names) == lines


def test_filter_names_come_from_the_reference() -> None:
    from lianes_dash.dataset.data import load_collectivities, load_countries

    f = Filters(collectivities=("commune:59279",), countries=("BFA",), departements=("62",))
    names = E.filter_names(f, load_collectivities(), load_countries())
    assert E.describe_filters(f, names) == [
        "Département : 62 – Pas-de-Calais",
        "Collectivité française : Halluin (59)",
        "Pays partenaire : Burkina Faso",
    ]


def test_file_names_carry_the_date() -> None:
    assert E.file_name(DAY, "zip") == "lianes_liens_2026-11-26.zip"


# --- English files (an English page's downloads) --------------------------------------------------
def _english_meta(links: pd.DataFrame) -> E.ExportMeta:
    """The meta an English page makes: its language, the filters in the registry's English sentences."""
    from lianes_dash.views.slides import english_value_names

    with i18n.using("en"):
        return E.meta_for(
            links,
            dataset="Test data",
            imported=False,
            filter_lines=E.describe_filters(FILTERS, english_value_names(FILTERS, NAMES, None)),
            day=DAY,
        )


def test_english_csv_matches_golden_file() -> None:
    with i18n.using("en"):
        _golden("export_links_en.csv", E.csv_bytes(_links()))


def test_english_readme_matches_golden_file() -> None:
    links = _links()
    meta = _english_meta(links)
    assert meta.lang == "en"
    _golden("export_README_en.txt", E.readme_text(meta, "lianes_links_2026-11-26.csv").encode(E.CSV_ENCODING))


def test_an_english_meta_makes_english_files_in_any_thread() -> None:
    """The download runs in another thread (French by default): the meta's language decides the files."""
    links = _links()
    meta = _english_meta(links)
    assert i18n.language() == "fr"
    with zipfile.ZipFile(io.BytesIO(E.zip_bytes(links, meta))) as zf:
        assert zf.namelist() == ["lianes_links_2026-11-26.csv", "README.txt"]
        assert zf.read("lianes_links_2026-11-26.csv") == (GOLDEN / "export_links_en.csv").read_bytes()
        assert zf.read("README.txt") == (GOLDEN / "export_README_en.txt").read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(E.xlsx_bytes(links, meta)))
    assert wb.sheetnames == ["README", "Links"]
    header = [c.value for c in wb["Links"][1]]
    assert header[:3] == ["Identifier", "French local authority", "Type of local authority"]
    readme = "\n".join(str(c.value) for c in wb["README"]["A"] if c.value)
    assert "Filters applied" in readme and "Partner country: Burkina Faso, Cameroon" in readme
    assert "lianes_links_2026-11-26.xlsx, sheet “Links”" in readme and "26 November 2026" in readme
    for ws in wb.worksheets:
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row), ws.title


def test_the_english_csv_reads_back_with_default_settings_and_the_same_values() -> None:
    """Comma separator, decimal point, yes/no; names, codes and the dataset's words unchanged; formulas
    still neutralised."""
    links = _links()
    with i18n.using("en"):
        raw = E.csv_bytes(links)
        back = pd.read_csv(io.BytesIO(raw), dtype={i18n.t(S.label(S.FR_CODE)): str}, keep_default_na=False)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert back["Latitude of the partner"].tolist() == links[S.PARTNER_LAT].tolist()
    assert back["Approximate position"].tolist() == ["yes", "no", "no"]
    assert back["Code of the local authority"].tolist() == ["01099", "2A004", "59999"]
    assert back["French local authority"].tolist() == links[S.FR_NAME].tolist()
    assert back["Kind of link"].tolist() == ["jumelage", "aide au développement", "coopération décentralisée"]
    assert back["Partner local authority"].tolist() == ["'" + HYPERLINK, SCRIPT, "São Tomé"]
    assert back["Description"].tolist()[1] == "'-5 % de déchets"


def test_the_english_readme_translates_the_words_of_the_data_present() -> None:
    links = _links()
    text = E.readme_text(_english_meta(links), "x.csv")
    assert "- jumelage: twinning" in text and "- Cameroun: Cameroon" in text and "- santé: health" in text
    assert "culture" not in text.split("Words of the data")[1], "only the words present in the rows"
    assert "- Burkina Faso:" not in text, "a name that is the same in English is not listed"
    assert "Number of rows: 3 rows, of which 1 fictional (test set)" in text
    assert SRC_WIKIPEDIA_EN in text and "credit “Wikipedia contributors” and share alike" in text
    french = re.findall(r"\b(lignes?|Généré|Filtres|Colonnes|licence :|dont)\b", text)
    assert not french, french


def test_file_names_in_english() -> None:
    with i18n.using("en"):
        assert E.file_name(DAY, "zip") == "lianes_links_2026-11-26.zip"
    assert E.file_name(DAY, "zip", stem="lianes_pairs") == "lianes_pairs_2026-11-26.zip"
