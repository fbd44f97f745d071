"""The import page: uploads driven through AppTest's file uploader, the report order, the
per-session switch to imported data (another visitor keeps the bundled figures), French
errors instead of tracebacks, and one real-browser upload.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.chromium import record_outside
from lianes_dash.analysis import metrics as M
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.importer import ACCEPTED, BLANK, DUPLICATE, REJECTED, import_links
from lianes_dash.importer.testing import tiny_reference
from lianes_dash.text import i18n
from lianes_dash.text.french import fmt_int
from lianes_dash.ui import importing as imp
from tests.conftest import ROOT, switch_page, wait_idle
from tests.landing import landing


@pytest.fixture(autouse=True)
def _warm_reference_indexes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Uploads fork the import worker as the server does, with the reference indexes built once
    in this process (the opt-in ``LIANES_IMPORT_WARM_INDEXES=1``).

    NOTE: by default each import's child builds them again (~1–1.5 s): correct, and what a
    server does unless told otherwise, but the same work for
    every upload of these tests. One test keeps the default (``test_upload_import_use_then_overview_shows_it…``).
    """
    monkeypatch.setenv("LIANES_IMPORT_WARM_INDEXES", "1")


IMPORT_PAGE = "import_data.py"
OVERVIEW_PAGE = "overview.py"

#: The brochure's two real partnerships plus a row no reference can resolve.
GOOD_AND_BAD = (
    "Commune;Pays;Partenaire;Thème;Année\n"
    "Halluin;Cameroun;Nkong-Zem;eau potable;2003\n"
    "Atlantide;Cameroun;Poséidonia;eau potable;2001\n"
    "Le Portel;Burkina Faso;Kawara;éducation;1999\n"
)

CARDS = {
    "Collectivités françaises engagées": "collectivities",
    "Liens de coopération": "links",
    "Pays partenaires": "countries",
    "Collectivités partenaires": "partners",
}


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)


def _errors(at: AppTest) -> list[str]:
    return [e.value if hasattr(e, "value") else str(e) for e in at.exception]


def _import_page() -> AppTest:
    at = _app().run()
    switch_page(at, IMPORT_PAGE).run()
    assert not at.exception, _errors(at)
    return at


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key=imp.UPLOAD).set_value((name, content, "text/csv")).run()
    assert not at.exception, _errors(at)
    return at


def _cards(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric if m.label in CARDS}


def _expected_cards(links: pd.DataFrame) -> dict[str, str]:
    h = M.headline(links)
    return {label: fmt_int(h[key]) for label, key in CARDS.items()}


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return D.load_links()


# ---------------------------------------------------------------------------
# Report helpers (no Streamlit run)
# ---------------------------------------------------------------------------
def _mixed_result():
    """One row of each kind: accepted, rejected, duplicate, accepted with a warning, blank."""
    csv = (
        "Commune;Pays;Partenaire;Année\n"
        "Halluin;Maroc;Marrakech;2003\n"  # 2 accepted
        "Atlantide;Maroc;X;2001\n"  # 3 rejected
        "Halluin;Maroc;Marrakech;2003\n"  # 4 duplicate of 2
        "\n"  # 5 blank
        "Lille;Sénégal;Dakar;vers 1990\n"  # 6 accepted, with a warning on the year
        "Dunkerque;Pays imaginaire;Y;2000\n"  # 7 rejected
    )
    return import_links(csv.encode(), filename="mixte.csv", **tiny_reference())


def test_report_order_puts_rejected_rows_first_then_duplicates_warnings_accepted_blank() -> None:
    result = _mixed_result()
    report = imp.ordered_report(result.report)
    assert report[S.REPORT_LINE].tolist() == [3, 7, 4, 6, 2, 5]
    assert report[S.REPORT_STATUS].tolist() == [REJECTED, REJECTED, DUPLICATE, ACCEPTED, ACCEPTED, BLANK]
    assert report.loc[3, S.REPORT_WARNINGS] is not None and pd.isna(report.loc[4, S.REPORT_WARNINGS])
    # Nothing lost on the way.
    assert sorted(report[S.REPORT_LINE]) == sorted(result.report[S.REPORT_LINE])


def test_report_table_is_in_french() -> None:
    table = imp.report_table(_mixed_result().report)
    assert list(table.columns) == [S.label(c) for c in S.REPORT_COLUMNS if c != S.REPORT_LINK_ID]
    assert table[S.label(S.REPORT_STATUS)].tolist()[:3] == ["rejetée", "rejetée", "doublon"]


def test_report_download_is_the_cli_format_french_and_formula_safe() -> None:
    # A header starting with « = » is still recognised (« =Commune » folds to « commune »)
    # and comes back in the report's « Champ » cell: it must not run as a formula.
    csv = "=Commune;Pays\nHalluin;Maroc\nAtlantide;Maroc\n"
    result = import_links(csv.encode(), filename="f.csv", **tiny_reference())
    data = imp.report_download(result.report)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == [S.label(c) for c in S.REPORT_COLUMNS]
    assert back.loc[0, "Statut"] == "rejetée"
    assert back.loc[0, "Champ"] == "'=Commune"


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("atlas afrique.csv", "rapport_import_atlas-afrique_2026-01-02.csv"),
        ("../../etc/passwd", "rapport_import_passwd_2026-01-02.csv"),
        ("Réseau;=1+1.xlsx", "rapport_import_R-seau-1-1_2026-01-02.csv"),
        ("", "rapport_import_fichier_2026-01-02.csv"),
    ],
)
def test_download_name_is_safe(filename: str, expected: str) -> None:
    assert imp.download_name(filename, dt.date(2026, 1, 2)) == expected


def test_mapping_conflicts_name_the_doubled_field() -> None:
    choice = {"Ville": S.FR_NAME, "Commune": S.FR_NAME, "Pays": S.PARTNER_COUNTRY, "Notes": imp.IGNORE}
    assert imp.mapping_conflicts(choice) == {S.FR_NAME: ["Ville", "Commune"]}
    assert imp.mapping_conflicts({"Ville": S.FR_NAME, "Notes": imp.IGNORE, "X": imp.IGNORE}) == {}


def test_detected_fields_follow_the_importer_and_the_explicit_mapping() -> None:
    cols = ["Commune", "Pays", "Remarque libre"]
    assert imp.detected_fields(cols) == {"Commune": S.FR_NAME, "Pays": S.PARTNER_COUNTRY, "Remarque libre": ""}
    forced = imp.detected_fields(cols, {"Commune": "ignorer", "Remarque libre": S.FR_NAME})
    assert forced == {"Commune": "", "Pays": S.PARTNER_COUNTRY, "Remarque libre": S.FR_NAME}


def test_dataset_key_follows_content() -> None:
    links = _mixed_result().links
    assert imp.dataset_key(links) == imp.dataset_key(links.copy())
    assert imp.dataset_key(links) != imp.dataset_key(links.iloc[:1])


# ---------------------------------------------------------------------------
# The page under AppTest
# ---------------------------------------------------------------------------
def test_page_runs_before_any_upload_and_states_the_limits() -> None:
    at = _import_page()
    assert at.title[0].value == "Importer des données"
    assert len(at.file_uploader) == 1
    text = " ".join(m.value for m in at.markdown)
    server, importer = imp.size_limits()
    assert f"{fmt_int(min(server, importer))} octets" in text
    assert "server.maxUploadSize" in text
    # The recognised-columns table lists every importable field by its French name.
    fields = next(d.value for d in at.dataframe if "Champ" in d.value.columns)
    assert len(fields) == len(imp.IMPORT_FIELDS)
    assert not at.error


def test_injected_result_lists_rejected_rows_first() -> None:
    at = _app().run()
    at.session_state[imp.RESULT] = _mixed_result()
    switch_page(at, IMPORT_PAGE).run()
    assert not at.exception, _errors(at)
    report = next(d.value for d in at.dataframe if S.label(S.REPORT_STATUS) in d.value.columns)
    assert report[S.label(S.REPORT_STATUS)].tolist() == [
        "rejetée",
        "rejetée",
        "doublon",
        "acceptée",
        "acceptée",
        "vide",
    ]
    assert {m.label: m.value for m in at.metric} == {
        "Lignes acceptées": "2",
        "Doublons écartés": "1",
        "Lignes rejetées": "2",
        "Lignes vides": "1",
    }
    assert at.get("download_button")


def test_upload_import_use_then_overview_shows_it_and_another_visitor_does_not(bundled, monkeypatch) -> None:
    monkeypatch.delenv("LIANES_IMPORT_WARM_INDEXES")  # NOTE: the server's default: indexes built in the child
    at = _upload(_import_page(), "essai.csv", GOOD_AND_BAD.encode("cp1252"))
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Lignes rejetées"] == "1"
    report = next(d.value for d in at.dataframe if S.label(S.REPORT_STATUS) in d.value.columns)
    assert report.iloc[0][S.label(S.REPORT_LINE)] == 3  # Atlantide, first

    _button(at, "Utiliser ces données dans le tableau de bord (cette session)").click().run()
    assert not at.exception, _errors(at)
    ds = at.session_state["imported_dataset"]
    assert ds.imported and len(ds.links) == 2

    switch_page(at, OVERVIEW_PAGE).run()
    assert not at.exception, _errors(at)
    assert _cards(at) == _expected_cards(ds.links)
    assert any("Données importées" in i.value for i in at.info)
    assert not any("synthétiques" in w.value for w in at.warning)
    # The sidebar offers this dataset's countries only.
    countries = next(m for m in at.multiselect if m.label == "Pays partenaire")
    assert set(countries.options) == {"Burkina Faso", "Cameroun"}

    other = _app().run()  # another visitor, same server process (same caches)
    assert not other.exception, _errors(other)
    assert _cards(other) == _expected_cards(bundled)
    h = M.headline(bundled)
    summary = json.loads((D.data_dir() / "links" / "build_report_summary.json").read_text(encoding="utf-8"))
    assert (h["collectivities"], h["links"], h["countries"]) == (
        summary["collectivities"],
        summary["links"],
        summary["countries"],
    )

    # And back.
    switch_page(at, IMPORT_PAGE).run()
    _button(at, "Revenir aux données livrées").click().run()
    assert not at.exception, _errors(at)
    switch_page(at, OVERVIEW_PAGE).run()
    assert _cards(at) == _expected_cards(bundled)


def test_mapping_editor_fixes_an_unrecognised_column() -> None:
    at = _upload(_import_page(), "maison.csv", b"Qui;Pays\nHalluin;Cameroun\n")
    assert any("introuvable" in e.value for e in at.error)
    assert at.session_state[imp.RESULT] is None
    qui = next(s for s in at.selectbox if s.label == "Qui")
    assert qui.value == imp.IGNORE
    qui.set_value(S.FR_NAME)
    _button(at, "Relancer l'import avec cette correspondance").click().run()
    assert not at.exception, _errors(at)
    assert not at.error
    assert at.session_state[imp.RESULT].summary.accepted == 1
    assert at.session_state[imp.MAPPING] == {"Qui": S.FR_NAME, "Pays": S.PARTNER_COUNTRY}


def test_mapping_editor_refuses_one_field_for_two_columns() -> None:
    at = _upload(_import_page(), "deux.csv", b"Commune;Ville;Pays\nHalluin;Lille;Cameroun\n")
    next(s for s in at.selectbox if s.label == "Ville").set_value(S.FR_NAME)
    _button(at, "Relancer l'import avec cette correspondance").click().run()
    assert not at.exception, _errors(at)
    assert any("plusieurs colonnes" in e.value for e in at.error)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("vide.csv", b"", "vide"),
        ("binaire.csv", bytes(range(256)) * 8, "ressemble pas"),
        ("colonnes.csv", b"Nom;Ville jumelle\nHalluin;Nkong-Zem\n", "introuvable"),
        ("faux.xlsx", b"PK\x03\x04 pas un classeur", "xlsx"),
        ("gros.csv", ("Commune;Pays\n" + "Halluin;Cameroun\n" * 400).encode(), "volumineux"),
    ],
    ids=["vide", "binaire", "colonnes", "faux-xlsx", "trop-gros"],
)
def test_a_bad_file_gives_a_french_error_not_a_traceback(monkeypatch, name: str, content: bytes, words: str) -> None:
    monkeypatch.setattr(imp, "upload_limit_bytes", lambda: 5_000)
    at = _upload(_import_page(), name, content)
    assert at.error, f"no error shown for {name}"
    message = at.error[0].value.lower()
    assert words in message.replace("\\", ""), message
    assert at.session_state[imp.RESULT] is None


def test_file_name_is_never_rendered_as_markdown() -> None:
    at = _upload(_import_page(), "**gras** [lien](javascript:alert).csv", GOOD_AND_BAD.encode())
    rendered = " ".join(m.value for m in at.markdown)
    assert "**gras**" not in rendered and "[lien](" not in rendered
    assert r"\*\*gras\*\*" in rendered


# ---------------------------------------------------------------------------
# A real browser
# ---------------------------------------------------------------------------
@pytest.mark.browser
def test_browser_upload_shows_the_report(streamlit_server: str, browser_context, tmp_path) -> None:
    """Upload a CSV through the real ``input[type=file]``, read the summary, keep a screenshot."""
    csv = tmp_path / "essai_navigateur.csv"
    csv.write_bytes(GOOD_AND_BAD.encode("cp1252"))
    page = browser_context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    blocked = record_outside(page)
    try:
        page.goto(streamlit_server + "/importer")
        page.wait_for_selector("[data-testid=stFileUploader]", timeout=60_000)
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(csv))
        page.get_by_text("Lignes rejetées").first.wait_for(timeout=60_000)
        page.get_by_text("Rapport ligne par ligne").wait_for(timeout=30_000)
        page.set_viewport_size({"width": 1280, "height": 2600})  # the app scrolls inside; show it all
        wait_idle(page)
        shot = Path(os.environ.get("LIANES_SHOT_DIR", tmp_path)) / "import_page.png"
        page.screenshot(path=str(shot), full_page=True)
        assert page.locator("[data-testid=stException]").count() == 0
        body = page.locator("[data-testid=stMain]").inner_text()
        assert "essai_navigateur.csv : 3 lignes" in body
        assert "Utiliser ces données dans le tableau de bord (cette session)" in body
        page.get_by_role("button", name="Utiliser ces données dans le tableau de bord (cette session)").click()
        page.get_by_text("Données importées.").first.wait_for(timeout=30_000)
        assert blocked == []
    finally:
        page.close()


@pytest.mark.browser
def test_browser_import_can_be_cancelled_and_leaves_no_worker(streamlit_server: str, browser_context, tmp_path) -> None:
    """A long import (20 000 fictional unknown names) runs in a worker; « Annuler l'import » stops it."""
    csv = tmp_path / "long.csv"
    csv.write_text(
        "Collectivité française;Pays\n" + "".join(f"Villefictive {i} zq;Maroc\n" for i in range(20_000)),
        encoding="utf-8",
    )
    page = browser_context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        page.goto(streamlit_server + "/importer")
        page.wait_for_selector("[data-testid=stFileUploader]", timeout=60_000)
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(csv))
        cancel = page.get_by_role("button", name="Annuler l'import")
        cancel.wait_for(timeout=60_000)
        cancel.click()
        page.get_by_text("Import annulé").first.wait_for(timeout=60_000)
        assert page.locator("[data-testid=stException]").count() == 0
        page.get_by_role("button", name="Relancer l'import").wait_for(timeout=10_000)
        # The worker (a fork of the server: same command line) is gone, and was not started again.
        port = streamlit_server.rsplit(":", 1)[1]
        deadline = time.monotonic() + 20
        while len(_server_processes(port)) > 1 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(_server_processes(port)) == 1
    finally:
        page.close()


def _server_processes(port: str) -> list[int]:
    """Processes whose command line is the test server's (the server and its forked import workers)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(argv) and port.encode() in argv:
            found.append(int(proc.name))
    return found


# ---------------------------------------------------------------------------
# English (``?lang=en``): the page, the report and its file
# ---------------------------------------------------------------------------
def test_report_in_english_statuses_headers_reasons_and_summary() -> None:
    """An import run in English writes its reasons in English; the table and the file say the statuses and
    headers in English; the file's names and codes stay as they are."""
    with i18n.using("en"):
        result = _mixed_result()
        table = imp.report_table(result.report)
        data = imp.report_download(result.report)
        summary = result.summary.text(result.filename)
        name = imp.download_name("mixte.csv", dt.date(2026, 1, 2))
    assert list(table.columns) == ["Line", "Status", "Field", "Reason", "Suggestions", "Warnings", "Duplicate of line"]
    assert table["Status"].tolist() == ["rejected", "rejected", "duplicate", "accepted", "accepted", "blank"]
    assert table["Reason"].tolist()[:3] == [
        "unknown local authority: “Atlantide”",
        "unknown country: “Pays imaginaire”",
        "duplicate of line 2",
    ]
    assert table["Warnings"].tolist()[3] == "year read in “vers 1990”: 1990"
    assert summary == "mixte.csv: 6 rows — 2 accepted of which 1 with a warning, 1 duplicate, 2 rejected, 1 blank row"
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
    assert back.loc[0, "Status"] == "rejected" and back.loc[0, "Field"] == "Commune"
    assert name == "import_report_mixte_2026-01-02.csv"
    # the French line (the CLI's) stays French whatever the language asked
    with i18n.using("en"):
        assert result.summary.french("mixte.csv").startswith("mixte.csv : 6 lignes — 2 acceptées dont 1 avec")


def test_upload_on_the_english_page_gives_an_english_report(monkeypatch) -> None:
    """Through the page and its worker process: the reasons come back in the page's language, and no French
    string is asked without an English entry (strict mode)."""
    monkeypatch.setenv("LIANES_I18N_STRICT", "1")
    i18n.reset_missing()
    # NOTE: AppTest formats the previous run's widgets in the test's thread: it must speak English.
    with i18n.using("en"):
        at = landing("import_data.py", {"lang": "en"})
        _upload(at, "essai.csv", GOOD_AND_BAD.encode("cp1252"))
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Rows rejected"] == "1"
    report = next(d.value for d in at.dataframe if "Status" in d.value.columns)
    assert report["Status"].tolist() == ["rejected", "accepted", "accepted"]
    assert report["Reason"].iloc[0] == "unknown local authority: “Atlantide”"
    assert not i18n.missing(), sorted(i18n.missing())
    i18n.reset_missing()
