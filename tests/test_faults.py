"""A missing, truncated or corrupt data file gives a clear French page, never a traceback.

Each case points ``LIANES_DATA_DIR`` at a copy of ``data/`` with one file broken, then
opens every page of the navigation. Files every page needs (links, collectivities,
countries) stop every page on the error page; files only some pages read (outlines,
brochure tables) stop only those: the other pages keep working.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lianes_dash.dataset import data as D
from tests.conftest import ROOT, navigation_pages, switch_page
from tests.landing import landing
from tests.tiers import covering

PAGES = navigation_pages()
ERROR_TITLE = "Les données ne peuvent pas être chargées"


def _missing(path: Path) -> None:
    path.unlink()


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xffceci n'est pas un fichier de donn\xe9es\n" * 50)


def _wrong_columns(path: Path) -> None:
    """A readable file of the right format whose content does not fit the schema."""
    pd.DataFrame({"colonne": ["a", "b"], "autre": [1, 2]}).to_parquet(path, index=False)


def _empty_geojson(path: Path) -> None:
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")


#: Files no page can do without: (file, damage).
FATAL = [
    (D.NATIONAL_LINKS_FILE, _missing),
    (D.NATIONAL_LINKS_FILE, _truncated),
    (D.COLLECTIVITIES_FILE, _garbage),
    (D.COLLECTIVITIES_FILE, _wrong_columns),
    (D.COUNTRIES_FILE, _missing),
    (D.COUNTRIES_FILE, _truncated),
]
#: Files only some pages read (through ``ctx.ref.<outline or brochure table>``): (file, damage).
PARTIAL = [
    (D.DEPARTEMENTS_GEOJSON, _missing),
    (D.DEPARTEMENTS_GEOJSON, _truncated),
    (D.REGIONS_GEOJSON, _empty_geojson),
    (D.BROCHURE_NAMED_FILE, _missing),
    (D.BROCHURE_TESTIMONIALS_FILE, _garbage),
]


def _ids(case: tuple) -> str:
    return f"{Path(case[0]).name}-{case[1].__name__.strip('_')}"


def _forget(relative: str) -> None:
    """Empty the caches a damaged ``relative`` must not be served from.

    NOTE: a damaged core file (links, collectivities, countries) empties every cache, as a
    server started on it; any other file leaves the core tables loaded, as they would be, and
    empties the loaders of the other files and the per-filter results: each case then costs
    two page runs, not two runs plus loading the data again (~0.5 s, some fifty cases).
    """
    import streamlit as st

    from lianes_dash.ui import state

    st.cache_data.clear()
    if relative in CORE:
        st.cache_resource.clear()
        return
    for loader in (
        state.named,
        state.testimonials,
        state.departements_geojson,
        state.regions_geojson,
        state.metropolitan_outlines,
    ):
        loader.clear()


@pytest.fixture
def broken_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Callable], Path]]:
    """A copy of ``data/`` in force for this test, with one file damaged by the caller."""
    copy = tmp_path / "data"
    # NOTE: links to the bundled files, not copies (14 MB, for some sixty cases); the damaged
    # file alone becomes a real copy first, so the damage never reaches the bundled data.
    for source in D.DEFAULT_DATA_DIR.rglob("*"):
        target = copy / source.relative_to(D.DEFAULT_DATA_DIR)
        if source.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source)
    monkeypatch.setenv("LIANES_DATA_DIR", str(copy))

    damaged: list[str] = []

    def damage(relative: str, how: Callable[[Path], None]) -> Path:
        _forget(relative)
        damaged.append(relative)
        target = copy / relative
        target.unlink()
        shutil.copyfile(D.DEFAULT_DATA_DIR / relative, target)
        how(target)
        return target

    yield damage
    for relative in damaged:
        _forget(relative)


def _all_text(at: AppTest) -> str:
    out = []
    for kind in ("markdown", "caption", "error", "warning", "info", "title", "header", "subheader", "code", "text"):
        out += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(out)


def _shows_error_page(at: AppTest, broken: Path, rebuild: str | None) -> bool:
    errors = [e.value for e in at.error if ERROR_TITLE in e.value]
    if not errors:
        return False
    assert broken.name in errors[0], errors[0]
    if rebuild:
        assert any(rebuild in c.value for c in at.code), "the page must say how to rebuild the file"
    return True


def _no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert "Traceback" not in _all_text(at)


def test_the_damages_really_break_the_loaders(tmp_path: Path) -> None:
    """Each damaged file makes its loader raise DataFileError (the cases test something)."""
    loaders = {
        D.NATIONAL_LINKS_FILE: lambda base: D.read_links_file(D.NATIONAL_LINKS_FILE, base),
        D.COLLECTIVITIES_FILE: D.load_collectivities,
        D.COUNTRIES_FILE: D.load_countries,
        D.DEPARTEMENTS_GEOJSON: lambda base: D.load_geojson(D.DEPARTEMENTS_GEOJSON, base),
        D.REGIONS_GEOJSON: lambda base: D.load_geojson(D.REGIONS_GEOJSON, base),
        D.BROCHURE_NAMED_FILE: D.load_named,
        D.BROCHURE_TESTIMONIALS_FILE: D.load_testimonials,
    }
    for i, (relative, how) in enumerate(FATAL + PARTIAL):
        base = tmp_path / str(i)
        shutil.copytree(D.DEFAULT_DATA_DIR, base)
        how(base / relative)
        with pytest.raises(D.DataFileError):
            loaders[relative](base)


@pytest.mark.parametrize(("relative", "how"), covering(FATAL, ids=[_ids(c) for c in FATAL], by=[0]))
def test_a_broken_core_file_gives_the_french_error_page_on_every_page(relative, how, broken_data) -> None:
    broken = broken_data(relative, how)
    for page_file, _url, _default in PAGES:
        at = landing(page_file)  # NOTE: a first visit on each page
        _no_traceback(at)
        assert _shows_error_page(at, broken, D.REBUILD.get(relative)), page_file
        assert not at.sidebar.multiselect, "no filter over data that could not be loaded"


# NOTE: one tour of every page in the quick run (the matrix below covers each file on the page that
# reads it); the other files in the full run.
@pytest.mark.parametrize(("relative", "how"), covering(PARTIAL, ids=[_ids(c) for c in PARTIAL], by=[]))
def test_a_broken_secondary_file_only_stops_the_pages_that_read_it(relative, how, broken_data) -> None:
    broken = broken_data(relative, how)
    working, stopped = [], []
    # One visitor going through every page (as a user would after the first error).
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    for page_file, _url, _default in PAGES:
        switch_page(at, page_file).run()
        assert at.sidebar.multiselect, "the filters stay available"
        _no_traceback(at)
        if _shows_error_page(at, broken, D.REBUILD.get(relative)):
            stopped.append(page_file)
        else:
            working.append(page_file)
    # NOTE: which pages stop depends on what they draw (the France map reads the régions only
    # at that level): the test below checks the France map; here, the pages that never read
    # the file keep working, and every page that stops says which file and how to rebuild it.
    assert {"overview.py", "world.py"} <= set(working), (working, stopped)
    assert len(working) > len(stopped), (working, stopped)


@pytest.mark.parametrize(
    ("relative", "level"),
    [(D.DEPARTEMENTS_GEOJSON, None), (D.REGIONS_GEOJSON, "region")],
    ids=["departements", "regions"],
)
def test_the_france_map_names_the_missing_outline_file(relative, level, broken_data) -> None:
    """The concrete case of the issue: no outlines → a French page on the map page only."""
    broken = broken_data(relative, _missing)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    if level:
        at.session_state["france_level"] = level  # the page's « Découpage » control
    switch_page(at, "france.py").run()
    _no_traceback(at)
    assert _shows_error_page(at, broken, D.BUILD_REFERENCE_CMD)
    assert "fichier absent" in at.error[0].value
    switch_page(at, "world.py").run()
    _no_traceback(at)
    assert not at.error
    assert at.get("plotly_chart"), "the world map is still drawn"


def test_the_error_page_recovers_once_the_file_is_back(broken_data) -> None:
    """A failure is not cached: put the file back and the page works without a restart."""
    broken = broken_data(D.DEPARTEMENTS_GEOJSON, _missing)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    switch_page(at, "france.py").run()
    assert _shows_error_page(at, broken, None)
    shutil.copy(D.DEFAULT_DATA_DIR / D.DEPARTEMENTS_GEOJSON, broken)
    at.run()
    _no_traceback(at)
    assert not [e for e in at.error if ERROR_TITLE in e.value]


# --- the data-file surface, fuzzed: every file the app reads × every kind of damage -------------------------
def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _wrong_encoding(path: Path) -> None:
    """The text re-encoded as a Windows editor would (cp1252), or UTF-16 when it is plain ASCII."""
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252", errors="replace") if not text.isascii() else text.encode("utf-16"))


def _wrong_shape(path: Path) -> None:
    """Readable, right format, wrong content: a JSON list, a CSV or Parquet of other columns."""
    if path.suffix in (".json", ".geojson"):
        path.write_text("[1, 2, 3]", encoding="utf-8")
    elif path.suffix == ".csv":
        path.write_text("colonne;autre\na;1\n", encoding="utf-8")
    elif path.suffix == ".parquet":
        _wrong_columns(path)
    else:
        path.write_text("# \n", encoding="utf-8")


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _no_rows(path: Path) -> None:
    """The right columns and no row at all (a links file emptied by a failed rebuild)."""
    pd.read_parquet(path).iloc[0:0].to_parquet(path, index=False)


def _stringify(value):
    """Every number of a JSON document as a string (« "bytes": "12" », « "rows": {"retenue": "5"} »)."""
    if isinstance(value, dict):
        return {k: _stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify(v) for v in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _wrong_types(path: Path) -> None:
    """The right structure, values of the wrong type: numbers written as text (JSON); in Parquet, the
    number and true/false columns holding words (text that reads as a number would be taken)."""
    if path.suffix in (".json", ".geojson"):
        path.write_text(json.dumps(_stringify(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
        return
    df = pd.read_parquet(path)
    typed = [c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c])]
    assert typed, path
    df.astype({c: object for c in typed}).assign(**{c: "douze" for c in typed}).to_parquet(path, index=False)


def _empty_geometries(path: Path) -> None:
    """Valid JSON, every outline kept with its id, no coordinates: the blank France map of the issue."""
    geo = json.loads(path.read_text(encoding="utf-8"))
    for feat in geo["features"]:
        feat["geometry"] = {"type": "MultiPolygon", "coordinates": []}
    path.write_text(json.dumps(geo), encoding="utf-8")


def _broken_geometries(path: Path) -> None:
    """Valid JSON, one outline a self-crossing « bow tie » (an invalid polygon), the others intact."""
    geo = json.loads(path.read_text(encoding="utf-8"))
    geo["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    path.write_text(json.dumps(geo), encoding="utf-8")


DAMAGES = [
    _missing,
    _empty,
    _truncated,
    _wrong_encoding,
    _wrong_shape,
    _directory,
    _wrong_types,
    _empty_geometries,
    _broken_geometries,
]
SOURCES_MD = "SOURCES.md"
MANIFEST = f"{D.REFERENCE}/MANIFEST.json"
#: Each file the pages read, with a page that reads it (and the widget state that makes it read).
WITNESS: dict[str, tuple[str, dict]] = {
    D.NATIONAL_LINKS_FILE: ("explorer.py", {}),
    D.COLLECTIVITIES_FILE: ("overview.py", {}),
    D.COUNTRIES_FILE: ("overview.py", {}),
    D.DEPARTEMENTS_GEOJSON: ("france.py", {}),
    D.REGIONS_GEOJSON: ("france.py", {"france_level": "region"}),
    D.BROCHURE_NAMED_FILE: ("npdc.py", {}),
    D.BROCHURE_TESTIMONIALS_FILE: ("npdc.py", {}),
    MANIFEST: ("about.py", {}),
    D.BUILD_SUMMARY_FILE: ("about.py", {}),
    SOURCES_MD: ("about.py", {}),
}
CORE = {D.NATIONAL_LINKS_FILE, D.COLLECTIVITIES_FILE, D.COUNTRIES_FILE}
REBUILDS = {MANIFEST: D.BUILD_REFERENCE_CMD, SOURCES_MD: "git checkout data/SOURCES.md"}
MATRIX = [
    (f, how)
    for f in WITNESS
    for how in DAMAGES
    # NOTE: Parquet has no text encoding; a Markdown file cut short or of any « shape » is still Markdown.
    if not (how is _wrong_encoding and f.endswith(".parquet"))
    and not (f.endswith(".md") and how in (_truncated, _wrong_shape))
    # NOTE: types are those of JSON and Parquet (a CSV is text, typed by its schema: _wrong_shape);
    # geometries those of the outlines.
    and not (how is _wrong_types and not f.endswith((".json", ".geojson", ".parquet")))
    and not (how in (_empty_geometries, _broken_geometries) and not f.endswith(".geojson"))
]
#: Words of the libraries' own (English) reports that visitors must not see.
TECHNICAL = ("pandera", "SchemaError", "DataFrameSchema", "ArrowInvalid", "Traceback", "Errno", "UnicodeDecodeError")


def _visitor_sees_only_french(at: AppTest, data: Path) -> str:
    text = _all_text(at)
    assert str(data) not in text and str(data.resolve()) not in text, "the server's path is shown"
    assert str(D.DEFAULT_DATA_DIR) not in text
    assert not [w for w in TECHNICAL if w in text], [w for w in TECHNICAL if w in text]
    return text


def _names_the_file(at: AppTest, relative: str) -> bool:
    errors = [e.value for e in at.error if ERROR_TITLE in e.value]
    if not errors:
        return False
    assert any(f"`{relative}`" in e for e in errors), (relative, errors)
    rebuild = REBUILDS.get(relative) or D.REBUILD.get(relative)
    assert any(rebuild in c.value for c in at.code), f"the page must say how to rebuild {relative}"
    return True


@pytest.mark.parametrize(("relative", "how"), covering(MATRIX, ids=[_ids(c) for c in MATRIX]))
def test_every_damage_of_every_file_gives_the_french_data_message(relative, how, broken_data) -> None:
    """The reader page names the file (relative to the data folder) and the command; a page that
    does not read it (the world map) still works, unless the file is one every page needs."""
    broken = broken_data(relative, how)
    data = broken.parents[len(Path(relative).parts) - 1]
    page_file, state = WITNESS[relative]
    at = landing(page_file, state=state)
    _no_traceback(at)
    _visitor_sees_only_french(at, data)
    assert _names_the_file(at, relative), (page_file, [e.value for e in at.error])
    switch_page(at, "world.py").run()
    _no_traceback(at)
    if relative in CORE:
        assert _names_the_file(at, relative)
    else:
        assert not [e for e in at.error if ERROR_TITLE in e.value], "a page that does not read it keeps working"
        assert at.get("plotly_chart")


def test_an_empty_links_file_is_a_data_error_not_an_empty_selection(broken_data) -> None:
    broken = broken_data(D.NATIONAL_LINKS_FILE, _no_rows)
    at = landing("explorer.py")
    _no_traceback(at)
    assert _names_the_file(at, D.NATIONAL_LINKS_FILE)
    assert "aucun lien" in at.error[0].value
    assert not [i for i in at.info if "Aucun lien ne correspond" in i.value]
    _visitor_sees_only_french(at, broken.parent.parent)


@pytest.mark.parametrize("how", [_wrong_shape, _wrong_encoding], ids=["manifest-list", "sources-cp1252"])
def test_the_about_page_reported_cases(how, broken_data) -> None:
    """The two crashes of the report: MANIFEST.json holding a list, SOURCES.md in cp1252."""
    relative = MANIFEST if how is _wrong_shape else SOURCES_MD
    broken_data(relative, how)
    at = landing("about.py")
    _no_traceback(at)
    assert _names_the_file(at, relative)
    assert at.title and at.title[0].value == "À propos", "the rest of the page is drawn"


@pytest.mark.slow
@pytest.mark.skipif(__import__("os").environ.get("LIANES_SLOW") != "1", reason="long run: LIANES_SLOW=1 pytest -m slow")
@pytest.mark.parametrize(("relative", "how"), MATRIX, ids=[_ids(c) for c in MATRIX])
def test_every_damage_on_every_page(relative, how, broken_data) -> None:
    """The whole matrix: files × damages × pages. Each page names the file or works."""
    broken = broken_data(relative, how)
    data = broken.parents[len(Path(relative).parts) - 1]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    stopped = []
    for page_file, _url, _default in PAGES:
        switch_page(at, page_file).run()
        _no_traceback(at)
        _visitor_sees_only_french(at, data)
        if _names_the_file(at, relative):
            stopped.append(page_file)
    assert WITNESS[relative][0] in stopped or WITNESS[relative][1], stopped
    if relative not in CORE:
        assert "world.py" not in stopped and "overview.py" not in stopped, stopped


@pytest.mark.parametrize(
    ("relative", "damage", "field"),
    [
        (D.BUILD_SUMMARY_FILE, lambda doc: list(doc), "un objet JSON est attendu"),
        (D.BUILD_SUMMARY_FILE, lambda doc: {**doc, "rows": {k: str(v) for k, v in doc["rows"].items()}}, "« rows »"),
        (
            MANIFEST,
            lambda doc: {**doc, "files": {**doc["files"], "reference/pays.parquet": {"bytes": "12", "sha256": "x"}}},
            "› « bytes »",
        ),
    ],
    ids=["summary-list", "summary-rows-strings", "manifest-bytes-string"],
)
def test_the_about_page_names_the_reported_json_files(relative, damage, field, broken_data) -> None:
    """Issue 32: these three gave « Une erreur inattendue… E-xxxxxx » instead of the file's name."""
    broken = broken_data(relative, lambda path: None)
    broken.write_text(json.dumps(damage(json.loads(broken.read_text(encoding="utf-8")))), encoding="utf-8")
    at = landing("about.py")
    _no_traceback(at)
    assert _names_the_file(at, relative)
    assert any(field in e.value for e in at.error), [e.value for e in at.error]
    assert at.title and at.title[0].value == "À propos", "the rest of the page is drawn"
    assert at.get("plotly_chart") or at.dataframe, "the other parts of the page still show their data"


@pytest.mark.parametrize("how", [_empty_geometries, _broken_geometries], ids=["empty", "bow-tie"])
def test_outlines_with_valid_json_but_bad_geometries_name_the_file_not_a_blank_map(how, broken_data) -> None:
    broken_data(D.DEPARTEMENTS_GEOJSON, how)
    at = landing("france.py")
    _no_traceback(at)
    assert _names_the_file(at, D.DEPARTEMENTS_GEOJSON)
    reason = next(e.value for e in at.error if ERROR_TITLE in e.value)
    assert "géométrie vide" in reason if how is _empty_geometries else "géométrie invalide" in reason


@pytest.mark.parametrize("how", [_truncated, _missing], ids=["truncated", "missing"])
def test_a_broken_links_file_leaves_the_import_and_about_pages_working(how, broken_data) -> None:
    """Issue 32: a truncated ``links/liens.parquet`` also took down /importer and /a-propos, which do
    not need it. They name the file at their top and draw the rest; the pages of links stop."""
    from lianes_dash.ui import navigation
    from lianes_dash.ui import state as ui_state

    broken_data(D.NATIONAL_LINKS_FILE, how)
    free = [p for p in navigation.pages() if not p.needs_links]
    assert {p.file for p in free} == {"import_data.py", "about.py"}
    for spec in free:
        at = landing(spec.file)
        _no_traceback(at)
        assert _names_the_file(at, D.NATIONAL_LINKS_FILE), spec.file
        assert at.title and at.title[0].value == spec.heading, (spec.file, [t.value for t in at.title])
    about = landing("about.py")
    assert "Dernière construction des référentiels" in [s.value for s in about.subheader]
    importer = landing("import_data.py")
    assert len(importer.file_uploader) == 1
    assert any("Les données livrées ne peuvent pas être chargées" in c.value for c in importer.caption)
    # a page of links stops on the message, with no filter over data that could not be loaded
    at = landing("overview.py")
    _no_traceback(at)
    assert _names_the_file(at, D.NATIONAL_LINKS_FILE) and not at.title and not at.sidebar.multiselect
    # an imported file (this session) is the way to use the dashboard meanwhile
    links = D.enrich_links(
        pd.read_parquet(D.DEFAULT_DATA_DIR / D.NATIONAL_LINKS_FILE).head(20),
        D.load_collectivities(D.DEFAULT_DATA_DIR),
        D.load_countries(D.DEFAULT_DATA_DIR),
    )
    at = landing(
        "overview.py",
        state={ui_state.IMPORTED: ui_state.Dataset(links=links, name="Import : a.csv", imported=True, key="import-z")},
    )
    _no_traceback(at)
    assert not [e for e in at.error if ERROR_TITLE in e.value] and at.title


@pytest.mark.parametrize("how", [_truncated, _wrong_types], ids=["truncated", "wrong-types"])
def test_an_import_without_the_gazetteer_names_it(how, broken_data, monkeypatch: pytest.MonkeyPatch) -> None:
    """``reference/lieux.parquet`` is read by the import only: broken, the import still runs (partners
    at their country's centre) and says which file is missing, instead of nothing."""
    from lianes_dash.ui import importing as imp

    monkeypatch.setenv("LIANES_IMPORT_WARM_INDEXES", "1")
    broken_data(D.PLACES_FILE, how)
    imp._gazetteer.clear()
    try:
        at = landing("import_data.py")
        csv = "Collectivité française;Pays;Collectivité partenaire\nHalluin;Sénégal;Kaolack\n".encode()
        at.file_uploader(key=imp.UPLOAD).set_value(("essai.csv", csv, "text/csv")).run()
        _no_traceback(at)
        warnings = [w.value for w in at.warning if "répertoire des lieux" in w.value]
        assert len(warnings) == 1, [w.value for w in at.warning]
        assert f"`{D.PLACES_FILE}`" in warnings[0] and D.BUILD_REFERENCE_CMD in warnings[0]
        assert at.session_state[imp.RESULT] is not None, "the import ran all the same"
        # the other pages do not read it
        switch_page(at, "world.py").run()
        _no_traceback(at)
        assert not [e for e in at.error if ERROR_TITLE in e.value] and at.get("plotly_chart")
    finally:
        imp._gazetteer.clear()
