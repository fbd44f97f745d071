"""Every download the pages offer is built for an empty, an all-missing and a one-row selection.

The builders are the functions the pages hand to ``st.download_button`` (AppTest cannot
click a download): the Explorer's ZIP and XLSX, « Trouver des pairs »' ZIP (with the
ranking columns in front: tier, reason, distance), the presentation deck, the import report. The known case:
a search by country with no « Votre collectivité » gives a distance column with no value
at all (float, all NaN), on which the CSV writer used to raise.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.text import i18n
from lianes_dash.views import deck
from lianes_dash.views import export as E
from lianes_dash.views.slides import build_slides
from tests.test_export import DAY, _links

#: The lead columns of « Trouver des pairs »' download (peers.py: RANKING).
RANKING = (S.PEER_TIER, S.MATCH_REASON, S.DISTANCE_KM)


def _all_missing(links: pd.DataFrame) -> pd.DataFrame:
    """The same rows with every nullable column empty (what a sparse import gives)."""
    out = links.copy()
    for col in out.columns:
        spec = S.ALL_COLUMNS.get(col)
        if spec is not None and spec.nullable and col in out:
            out[col] = pd.Series([None] * len(out), dtype=out[col].dtype if out[col].dtype != bool else "object")
    return out


def _selections() -> dict[str, pd.DataFrame]:
    links = _links()
    return {"empty": links.iloc[0:0], "all-missing": _all_missing(links), "one-row": links.iloc[[0]]}


def _ranked(links: pd.DataFrame, distance_known: bool) -> pd.DataFrame:
    """The peers page's rows: tier, reason and distance (all NaN without « Votre collectivité »)."""
    n = len(links)
    distance = [12.5 * (i + 1) for i in range(n)] if distance_known else [float("nan")] * n
    return links.assign(
        **{
            S.PEER_TIER: pd.array([1] * n, dtype="Int64"),
            S.MATCH_REASON: ["même pays, même thème"] * n,
            S.DISTANCE_KM: pd.Series(distance, dtype="float64", index=links.index),
        }
    )


def _meta(links: pd.DataFrame, lead: tuple[str, ...] = ()) -> E.ExportMeta:
    return E.meta_for(links, dataset="Données de test", imported=False, filter_lines=[], day=DAY, lead_columns=lead)


def _csv_of_zip(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert any(n.endswith(".csv") for n in names) and any("LISEZMOI" in n for n in names), names
        return z.read(next(n for n in names if n.endswith(".csv"))).decode(E.CSV_ENCODING)


@pytest.mark.parametrize("selection", ["empty", "all-missing", "one-row"])
def test_explorer_zip_and_xlsx(selection: str) -> None:
    links = _selections()[selection]
    text = _csv_of_zip(E.zip_bytes(links, _meta(links)))
    assert len(text.strip().splitlines()) == 1 + len(links), "one header line, then one line per row"
    book = load_workbook(io.BytesIO(E.xlsx_bytes(links, _meta(links))), read_only=True)
    assert len(book.sheetnames) >= 2


@pytest.mark.parametrize("selection", ["empty", "all-missing", "one-row"])
@pytest.mark.parametrize("distance_known", [True, False], ids=["with-origin", "no-origin"])
def test_peers_zip_with_ranking_columns(selection: str, distance_known: bool) -> None:
    """The reported crash: a country, no « Votre collectivité » → no distance at all."""
    rows = _ranked(_selections()[selection], distance_known)
    text = _csv_of_zip(E.zip_bytes(rows, _meta(rows, RANKING)))
    lines = text.strip().splitlines()
    assert len(lines) == 1 + len(rows)
    assert lines[0].lstrip("\ufeff").split(E.CSV_SEP)[:3] == [S.label(c) for c in RANKING], "ranking in front"
    if len(rows):
        distance = lines[1].split(E.CSV_SEP)[2]
        assert distance == ("12,5" if distance_known else ""), distance


@pytest.mark.parametrize("selection", ["empty", "all-missing", "one-row"])
def test_english_zip_and_xlsx(selection: str) -> None:
    """An English page's files (its meta's language), with the peers' ranking in front: comma, point."""
    links = _selections()[selection]
    rows = _ranked(links, distance_known=True)
    with i18n.using("en"):
        meta = _meta(rows, RANKING)
    with zipfile.ZipFile(io.BytesIO(E.zip_bytes(rows, meta))) as z:
        assert "README.txt" in z.namelist()
        text = z.read(next(n for n in z.namelist() if n.endswith(".csv"))).decode(E.CSV_ENCODING)
    back = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), dtype=str, keep_default_na=False)
    assert len(back) == len(rows) and "Identifier" in back.columns
    assert back.iloc[:, 2].tolist() == [str(12.5 * (i + 1)) for i in range(len(rows))], "decimal point"
    book = load_workbook(io.BytesIO(E.xlsx_bytes(rows, meta)), read_only=True)
    assert book.sheetnames == ["README", "Links"]


def test_an_all_missing_float_column_is_written_empty() -> None:
    """The root cause, on ``csv_bytes`` itself: a float column holding no value at all."""
    rows = _ranked(_links(), distance_known=False)
    text = E.csv_bytes(rows, RANKING).decode(E.CSV_ENCODING)
    assert all(line.split(E.CSV_SEP)[2] == "" for line in text.strip().splitlines()[1:])


class _Ref:
    """What ``build_slides`` reads from the app's reference (the real reference files)."""

    collectivities = D.load_collectivities()
    countries = D.load_countries()
    named = D.load_named()
    testimonials = D.load_testimonials()
    departements_geojson = D.load_geojson(D.DEPARTEMENTS_GEOJSON)
    regions_geojson = D.load_geojson(D.REGIONS_GEOJSON)


@pytest.mark.parametrize("selection", ["empty", "all-missing", "one-row"])
def test_presentation_deck_html(selection: str) -> None:
    links = _selections()[selection]
    slides = build_slides(links, _Ref, Filters(), today=dt.date(2026, 11, 26))
    html = deck.render_deck(slides, interval=15, storage_key="test", exit_url=None, embedded=False)
    assert html.lstrip().lower().startswith("<!doctype html") and "</html>" in html


def _import_report() -> pd.DataFrame:
    """A real import report: an accepted row, a rejected one, a blank line (fictional names)."""
    from lianes_dash.importer import import_links
    from lianes_dash.importer.testing import tiny_collectivities, tiny_reference

    name = str(tiny_collectivities()[S.NAME].iloc[0])
    text = f"Collectivité française;Pays\n{name};Maroc\n\nVille-Inventée-Nulle-Part;Maroc\n"
    return import_links(text.encode("utf-8"), filename="essai.csv", **tiny_reference()).report


@pytest.mark.parametrize("selection", ["empty", "all-missing", "one-row"])
def test_import_report_csv(selection: str) -> None:
    from lianes_dash.importer.report import report_csv_bytes

    report = _import_report()
    assert len(report) >= 3
    chosen = {"empty": report.iloc[0:0], "all-missing": _all_missing(report), "one-row": report.iloc[[0]]}[selection]
    text = report_csv_bytes(chosen).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith(S.labels([S.REPORT_LINE])[S.REPORT_LINE]) and len(lines) == 1 + len(chosen)
