"""Each stage of ``import_links`` alone (read → map columns → parse values → resolve names → duplicates → report).

The end-to-end behaviour is in test_importer*.py; here a stage is fed a tiny table and its own output is checked,
so that a change to one stage fails here, next to its name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lianes_dash.dataset import schema as S
from lianes_dash.importer import core
from lianes_dash.importer.errors import ImportInconsistent, MissingColumns
from lianes_dash.importer.resolve import CollectivityIndex
from lianes_dash.importer.testing import tiny_reference

HEADER = ["Collectivité française", "Département", "Pays", "Collectivité partenaire", "Thématiques", "Année"]


@pytest.fixture(scope="module")
def refs() -> core._References:
    ref = tiny_reference()
    return core.reference_indexes(ref["collectivities"], ref["countries"], ref["places"])


def read_of(rows: list[list[str]], header: list[str] = HEADER) -> core._Read:
    return core._table(pd.DataFrame(rows, columns=header), "essai.csv", None, 10**6)


def test_read_numbers_lines_like_a_spreadsheet() -> None:
    read = read_of([["Halluin", "59", "Sénégal", "Kaolack", "", ""]] * 2)
    assert read.lines == [2, 3] and read.extra == [0, 0] and read.spans == [1, 1] and read.name == "essai.csv"


def test_map_stage_cleans_cells_and_refuses_a_missing_column() -> None:
    cols = core.map_stage(read_of([["  Halluin ", "59", "Sénégal", "Kaolack", "", None]]), None)
    assert cols.cell(S.FR_NAME).tolist() == ["Halluin"]
    assert cols.cell(S.START_YEAR).tolist() == [""]
    assert cols.cell(S.DESCRIPTION).tolist() == [""]  # no such column: empty cells
    with pytest.raises(MissingColumns):
        core.map_stage(read_of([["Halluin", "Kaolack"]], header=["Collectivité française", "Partenaire"]), None)


def test_blank_rows_ignore_marked_lines() -> None:
    read = read_of([["", "", "", "", "", ""], ["Halluin", "", "Sénégal", "", "", ""], ["", "", "", "", "", ""]])
    read.broken = {4: "coupé"}
    cols = core.map_stage(read, None)
    assert core.blank_rows(read, cols).tolist() == [True, False, False]


def test_parse_values_once_per_distinct_cell() -> None:
    read = read_of([["Halluin", "59", "Sénégal", "Kaolack", "santé ; zzz", "vers 2003"]] * 3)
    values = core.parse_values(core.map_stage(read, None))
    assert values.year.tolist() == [2003] * 3
    assert values.year_warn[0] and "2003" in values.year_warn[0]
    assert values.theme_warn[0] == "thème(s) hors vocabulaire gardé(s) en « autre » : « zzz »"


def test_resolve_names(refs: core._References) -> None:
    read = read_of([["Halluin", "59", "Sénégal", "", "", ""], ["Zzyzx", "", "Atlantide", "", "", ""]])
    cols = core.map_stage(read, None)
    row, err, _sugg, _warn = core.resolve_collectivities(cols, refs.collectivities)
    assert refs.collectivities.names[row[0]] == "Halluin" and err[0] is None
    assert row[1] is None and "collectivité inconnue" in err[1]
    iso3, country_err, _ = core.resolve_countries(cols, refs.countries)
    assert iso3[0] == "SEN" and country_err[0] is None and country_err[1]


def test_locate_partners_falls_back_to_the_country_centre(refs: core._References) -> None:
    cols = core.map_stage(
        read_of([["Halluin", "59", "Sénégal", "Kaolack", "", ""], ["Halluin", "59", "Sénégal", "", "", ""]]), None
    )
    spots = core.locate_partners(cols, np.array(["SEN", "SEN"], dtype=object), refs)
    assert spots.approx.tolist() == [False, True]
    assert spots.lat[0] == pytest.approx(14.15) and spots.warn[0] is None and spots.warn[1]


def test_long_names_are_refused_with_their_column() -> None:
    read = read_of([["x" * (core.MAX_NAME_CHARS + 1), "59", "Sénégal", "Kaolack", "", ""]])
    refusal = core.long_names(read, core.map_stage(read, None))
    assert refusal.field == ["Collectivité française"] and "nom invraisemblable" in refusal.error[0]


def test_formula_cells_refuse_a_read_column_and_warn_for_an_ignored_one() -> None:
    read = read_of([["Halluin", "59", "Sénégal", "Kaolack", "", ""]] * 2, header=[*HEADER[:5], "Couleur préférée"])
    read.formulas = {2: [(0, "A2")], 3: [(5, "F3")]}
    refusal, warn = core.formula_cells(read, core.map_stage(read, None))
    assert refusal.field == ["Collectivité française", None] and "A2" in refusal.error[0]
    assert warn[0] is None and "F3" in warn[1]


def test_duplicate_keys_ignore_theme_order_and_case() -> None:
    base = {S.FR_TYPE: "commune", S.FR_CODE: "59279", S.PARTNER_COUNTRY: "SEN", S.KIND: "jumelage"}
    links = pd.DataFrame(
        [
            {**base, S.PARTNER_NAME: "Kaolack", S.THEMES_COL: "santé|culture", S.START_YEAR: 2003},
            {**base, S.PARTNER_NAME: "KAOLACK", S.THEMES_COL: "culture|santé", S.START_YEAR: 2003},
            {**base, S.PARTNER_NAME: "Kaolack", S.THEMES_COL: "culture|santé", S.START_YEAR: None},
        ]
    )
    links[S.THEMES_COL] = links[S.THEMES_COL].str.replace("|", S.THEME_SEP)
    links[S.START_YEAR] = links[S.START_YEAR].astype("Int64")
    keys = core.duplicate_keys(links)
    assert keys[0] == keys[1] != keys[2]


def test_import_reports_duplicates_and_keeps_the_first(refs: core._References) -> None:
    ref = tiny_reference()
    rows = [["Halluin", "59", "Sénégal", "Kaolack", "santé", "2003"]] * 2
    result = core.import_links(pd.DataFrame(rows, columns=HEADER), filename="essai.csv", **ref)
    assert result.report[S.REPORT_STATUS].tolist() == [core.ACCEPTED, core.DUPLICATE]
    assert result.report[S.REPORT_DUPLICATE_OF].tolist()[1] == 2
    assert len(result.links) == 1


def test_summarise_refuses_a_report_that_disagrees_with_the_links() -> None:
    read = read_of([["Halluin", "59", "Sénégal", "Kaolack", "", ""]])
    report = pd.DataFrame({S.REPORT_STATUS: [core.ACCEPTED], S.REPORT_WARNINGS: [None]})
    with pytest.raises(ImportInconsistent):
        core.summarise(read, report, S.empty_links(), collapsed=0)


@pytest.mark.parametrize(
    ("name", "dep", "code", "found", "error", "warned"),
    [
        ("Halluin", "", "", "Halluin", None, False),
        ("", "", "59279", "Halluin", None, False),
        ("Lille", "", "59279", "Halluin", None, True),  # the code wins, the name differs: a warning
        ("", "", "00000", None, "code de collectivité inconnu", False),
        ("Département du Nord", "", "", "Nord", None, False),
        ("Région Zzyzx", "", "", None, "région inconnue", False),
        ("Saint-Martin", "", "", None, "collectivité ambiguë", False),
        ("Saint-Martin", "62", "", "Saint-Martin", None, False),
        ("Halluin", "62", "", None, "absente de le département 62", False),
        ("Métropole Européenne de Lille", "62", "", "Métropole Européenne de Lille", None, True),  # EPCI seat
        ("Sainte Marie Œuvre", "", "", "Sainte-Marie-d'Œuvre", None, True),  # loose key
        ("", "", "", None, "collectivité française manquante", False),
    ],
)
def test_collectivity_resolution_steps(name, dep, code, found, error, warned) -> None:
    index = CollectivityIndex(tiny_reference()["collectivities"])
    match = index.resolve(name, "", dep, "", code)
    assert (index.names[match.row] if match.row is not None else None) == found
    assert (error in match.error) if error else match.error is None
    assert bool(match.warning) == warned
