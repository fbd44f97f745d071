"""Explorer, fiches and À propos under AppTest: with and without filters, with URL parameters.

The Explorer's count is checked against ``filter_links`` on the same filters; the fiche
of Halluin must show its real partner Nkong-Zem; a fiche's button must open the Explorer
on that selection in the same session.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis.filters import Filters, filter_links
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import schema as S
from lianes_dash.dataset.data import load_links
from lianes_dash.text.french import fmt_int, plural
from lianes_dash.ui.sidebar import filter_key
from tests.conftest import ROOT, switch_page
from tests.landing import landing

EXPLORER = "explorer.py"
FICHE_COLL = "fiche_collectivite.py"
FICHE_PAYS = "fiche_pays.py"
ABOUT = "about.py"
MY_PAGES = [EXPLORER, FICHE_COLL, FICHE_PAYS, ABOUT]

#: Filters a visitor may set in the sidebar (session keys) and the same as ``Filters``.
FILTER_SETS = {
    "aucun": ({}, Filters()),
    "nord": ({"departements": ["59"]}, Filters(departements=("59",))),
    "burkina-cameroun": ({"countries": ["BFA", "CMR"]}, Filters(countries=("BFA", "CMR"))),
    "jumelage-santé": ({"kinds": ["jumelage"], "themes": ["santé"]}, Filters(kinds=("jumelage",), themes=("santé",))),
    "recherche": ({"search": "Kawara"}, Filters(search="Kawara")),
    "vide": ({"search": "zzzz-aucun-resultat"}, Filters(search="zzzz-aucun-resultat")),
}  # fmt: skip


@pytest.fixture(scope="module")
def links():
    return load_links()


def _errors(at: AppTest) -> list[str]:
    return [getattr(e, "value", str(e)) for e in at.exception]


def _open(page: str, params: dict[str, str] | None = None, filters: dict | None = None) -> AppTest:
    """A visitor opening ``page``'s link (URL parameters), or, with ``filters``, a fresh session on the
    default page, the filters chosen in the sidebar, then ``page``.

    NOTE: filters are chosen after a first run: the first run of a session sets them from the URL.
    """
    if not filters:
        at = landing(page, params)
        assert not at.exception, _errors(at)
        return at
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, _errors(at)
    for name, value in (filters or {}).items():
        at.session_state[filter_key(name)] = value
    switch_page(at, page).run()
    assert not at.exception, _errors(at)
    return at


def _texts(at: AppTest) -> str:
    """Every text the page shows (markdown, captions, text, headers, info…), one string."""
    parts = []
    for kind in ("markdown", "caption", "text", "title", "header", "subheader", "info", "warning"):
        parts += [str(e.value) for e in at.get(kind)]
    return "\n".join(parts).replace("\\", "")


def _frames(at: AppTest) -> list:
    return [d.value for d in at.dataframe]


@pytest.mark.parametrize("name", list(FILTER_SETS))
def test_explorer_count_is_filter_links(name: str, links) -> None:
    values, filters = FILTER_SETS[name]
    at = _open(EXPLORER, filters=values)
    expected = len(filter_links(links, filters))
    assert f"{plural(expected, 'lien')}** sur {fmt_int(len(links))}" in _texts(at)
    if expected:
        assert len(_frames(at)[0]) == expected
        assert len(at.get("download_button")) == 2
    else:
        assert not at.get("download_button"), "nothing to download"


def test_explorer_reads_filters_from_the_url(links) -> None:
    at = _open(EXPLORER, params={"pays": "BFA", "type": "commune"})
    expected = len(filter_links(links, Filters(countries=("BFA",), types=("commune",))))
    assert f"{plural(expected, 'lien')}**" in _texts(at)
    assert "Pays partenaire : Burkina Faso" in _texts(at), "filters described with French names"


def test_explorer_table_has_french_labels_and_hides_coordinates() -> None:
    at = _open(EXPLORER)
    chart = at.dataframe[0]
    config = json.loads(chart.proto.columns)
    labels = {c.get("label") for c in config.values()}
    assert {"Collectivité française", "Collectivité partenaire", "Pays partenaire", "Année de début"} <= labels
    assert "Latitude du partenaire" not in labels, "coordinates are one click away, not shown by default"


def test_fiche_collectivite_for_halluin_shows_nkong_zem() -> None:
    at = _open(FICHE_COLL, params={"collectivite": "commune:59279"})
    assert at.selectbox[0].value == "commune:59279"
    assert "Halluin" in _texts(at)
    partners = _frames(at)[0]
    assert "Nkong-Zem" in partners["Collectivité partenaire"].tolist()
    assert "DESBUQUOIS" in _texts(at), "the brochure's testimonial"
    assert at.query_params["collectivite"] == "commune:59279"


def test_fiche_collectivite_opens_on_halluin_by_default_and_follows_the_selectbox() -> None:
    at = _open(FICHE_COLL)
    assert at.selectbox[0].value == "commune:59279"
    at.selectbox[0].select("commune:62667").run()
    assert not at.exception, _errors(at)
    assert "Kawara" in _frames(at)[0]["Collectivité partenaire"].tolist()
    assert at.query_params["collectivite"] == "commune:62667"
    assert "THOURET" in _texts(at)


def test_fiche_collectivite_labels_are_name_and_departement_in_french_order() -> None:
    at = _open(FICHE_COLL)
    box = at.selectbox[0]
    labels = list(box.proto.options)  # the labels the visitor reads
    assert "Halluin (59)" in labels
    from lianes_dash.text.french import sort_key

    assert labels == sorted(labels, key=sort_key)


def test_fiche_collectivite_reference_facts_for_a_departement(links) -> None:
    """A département engaged in the bundled data (the first one found: computed, not typed)."""
    deps = links.loc[links[S.FR_TYPE] == "departement", [S.FR_CODE, S.FR_NAME, S.FR_REGION_NAME]]
    if deps.empty:
        pytest.skip("aucun département engagé dans les données livrées")
    code, name, region = (str(v) for v in deps.iloc[0])
    at = _open(FICHE_COLL, params={"collectivite": f"departement:{code}"})
    text = _texts(at)
    assert name in text
    assert "**Type** : Département" in text
    assert f"**Région** : {region}" in text


def test_fiche_collectivite_shows_sources_and_raw_rows_per_link(links) -> None:
    """Each link of the fiche names its sources in words and its raw rows (file:line)."""
    from lianes_dash.analysis import provenance as PV

    both = links.loc[links[S.SOURCE].astype(str).str.contains(S.SOURCE_SEP, regex=False)]
    row = both.iloc[0]
    key = f"{row[S.FR_TYPE]}:{row[S.FR_CODE]}"
    at = _open(FICHE_COLL, params={"collectivite": key})
    assert not at.exception, _errors(at)
    table = at.dataframe[0].value
    mine = table.loc[table[S.label(S.PARTNER_NAME)] == row[S.PARTNER_NAME]].iloc[0]
    assert mine[S.label(S.SOURCE)] == PV.sources_text(row[S.SOURCE])
    assert "Wikidata" in mine[S.label(S.SOURCE)] and "Wikipédia" in mine[S.label(S.SOURCE)]
    assert mine[S.label(S.SOURCE_ROWS)] == ", ".join(PV.raw_rows(row[S.SOURCE_ROWS]))
    assert ".tsv:" in mine[S.label(S.SOURCE_ROWS)] and ".csv:" in mine[S.label(S.SOURCE_ROWS)]
    unknown_themes = table[S.label(S.THEMES_COL)] == S.UNKNOWN_LABEL
    assert (
        unknown_themes.sum()
        == (
            ~links.loc[
                (links[S.FR_TYPE] == row[S.FR_TYPE]) & (links[S.FR_CODE] == row[S.FR_CODE]), S.THEMES_COL
            ].notna()
        ).sum()
    )
    assert "CC0" in _texts(at) and "CC BY-SA 4.0" in _texts(at)


def test_fiche_collectivite_with_an_unknown_url_value_warns_and_shows_a_default() -> None:
    at = _open(FICHE_COLL, params={"collectivite": "commune:<script>"})
    assert any("n'est pas dans le jeu de données" in w.value for w in at.warning)
    assert at.selectbox[0].value == "commune:59279"


@pytest.mark.parametrize(
    ("iso", "name", "partner"), [("BFA", "Burkina Faso", "Kawara"), ("CMR", "Cameroun", "Nkong-Zem")]
)
def test_fiche_pays_from_the_url(iso: str, name: str, partner: str, links) -> None:
    at = _open(FICHE_PAYS, params={"iso": iso})
    assert at.selectbox[0].value == iso
    assert name in [h.value for h in at.header]
    partners = next(f for f in _frames(at) if "Collectivité partenaire" in f.columns)
    assert partner in partners["Collectivité partenaire"].tolist()
    assert len(partners) == int((links[S.PARTNER_COUNTRY].astype(str) == iso).sum())
    testimonial = next(t for t in B.TESTIMONIALS if t.partner_country == iso)
    assert testimonial.person in _texts(at)


def test_fiche_pays_unknown_iso_warns() -> None:
    at = _open(FICHE_PAYS, params={"iso": "ZZZ"})
    assert any("aucun lien" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("page", "params", "field", "value"),
    [
        (FICHE_COLL, {"collectivite": "commune:59279"}, "collectivities", "commune:59279"),
        (FICHE_PAYS, {"iso": "BFA"}, "countries", "BFA"),
    ],
)
def test_fiche_button_opens_the_explorer_on_that_selection(page, params, field, value, links) -> None:
    # Another filter is active first: it is kept, the fiche's selection is added to it.
    at = _open(page, params=params, filters={"kinds": ["jumelage"]})
    button = next(b for b in at.button if "explorateur" in b.label)
    button.click().run()
    assert not at.exception, _errors(at)
    assert at.title[0].value == "Explorer et télécharger"
    assert at.session_state[filter_key(field)] == [value]
    assert at.session_state[filter_key("kinds")] == ["jumelage"]
    expected = len(filter_links(links, Filters(**{field: (value,)}, kinds=("jumelage",))))
    assert f"{plural(expected, 'lien')}**" in _texts(at)


def test_about_page_gives_definition_law_contact_sources_and_method(links) -> None:
    at = _open(ABOUT)
    text = _texts(at)
    assert "92-125" in text and "Thiollière" in text
    assert B.CONTACT["phone"] in text and B.CONTACT["email"] in text
    assert "Licence Ouverte / Etalab 2.0" in text, "SOURCES.md rendered"
    assert "2009" in text and "Comment les liens livrés sont construits" in text
    # the method of the real data, no synthetic one
    assert "lianes_dash.build.links" in text and "graine fixe" not in text
    # Issue 27: the count of each geographic check of the build report.
    assert "Contrôles géographiques" in text and "doublons (liens) : gardé" in text and "re-résolu" in text
    compare = _frames(at)[0]
    computed = compare.columns[-1]
    assert compare[computed].iloc[1] == fmt_int(len(links))
    assert compare["Brochure Lianes (2009)"].iloc[0] == fmt_int(B.PUBLISHED_COLLECTIVITIES)


def _imported_session(page: str, name: str, partner: str) -> AppTest:
    """A session that imported a file (two real rows, one partner renamed to hostile text)."""
    from lianes_dash.dataset.data import enrich_links, load_brochure_links, load_collectivities, load_countries
    from lianes_dash.ui.state import IMPORTED, Dataset

    raw = load_brochure_links()
    raw[S.PARTNER_NAME] = raw[S.PARTNER_NAME].astype(object)
    raw.loc[raw.index[0], S.PARTNER_NAME] = partner
    enriched = enrich_links(raw, load_collectivities(), load_countries())
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.session_state[IMPORTED] = Dataset(links=enriched, name=name, imported=True, key="test-import", synthetic_rows=0)
    switch_page(at, page).run()
    assert not at.exception, _errors(at)
    return at


@pytest.mark.parametrize("page", MY_PAGES)
def test_pages_with_an_imported_file_with_hostile_text(page: str) -> None:
    hostile = '=HYPERLINK("http://x.invalid";"**clic**") <script>alert(1)</script>'
    at = _imported_session(page, "Import : [lien](http://x.invalid) *gras*.csv", hostile)
    shown = [str(m.value) for m in at.markdown]
    assert not any("[lien](http://x.invalid)" in m for m in shown), "a file name is never rendered as Markdown"
    assert not at.warning or all("synthétiques" not in w.value for w in at.warning), "no synthetic banner"
    if page == EXPLORER:
        assert f"{plural(2, 'lien')}**" in _texts(at)
        assert hostile in _frames(at)[0]["partner_name"].tolist(), "shown as text in the table, never as HTML"


def test_fiche_choosers_follow_the_sidebar_filters() -> None:
    from tests.landing import landing

    at = landing("fiche_collectivite.py", {"dep": "59", "pays": "BFA"})
    assert not at.exception
    options = at.selectbox(key="fiche_collectivite").options
    assert 0 < len(options) < 50 and all(o.endswith("(59)") for o in options), options
    at = landing("fiche_pays.py", {"dep": "59"})
    countries = at.selectbox(key="fiche_pays").options
    everywhere = landing("fiche_pays.py").selectbox(key="fiche_pays").options
    assert 0 < len(countries) < len(everywhere)


@pytest.mark.parametrize(
    ("page", "params", "button", "field", "value"),
    [
        ("fiche_pays.py", {"dep": "59", "iso": "BFA"}, "fiche_pays_to_explorer", "countries", ["BFA"]),
        (
            "fiche_collectivite.py",
            {"dep": "59", "collectivite": "commune:59279"},
            "fiche_coll_to_explorer",
            "collectivities",
            ["commune:59279"],
        ),
    ],
)
def test_open_in_explorer_keeps_the_visitors_filters(page, params, button, field, value) -> None:
    from lianes_dash.ui.sidebar import filter_key
    from tests.landing import landing

    at = landing(page, params)
    at.button(key=button).click().run()
    assert not at.exception
    assert at.session_state[filter_key(field)] == value
    assert at.session_state[filter_key("departements")] == ["59"]


def test_explorer_table_fits_its_rows_and_a_selected_row_opens_its_fiche() -> None:
    from tests.landing import landing

    at = landing("explorer.py", {"pays": "BFA"})
    table = at.dataframe[0]
    assert list(table.value.columns[:5]) == [
        S.FR_NAME,
        S.PARTNER_NAME,
        S.PARTNER_COUNTRY_NAME,
        S.THEMES_COL,
        S.START_YEAR,
    ]
    # NOTE: outside the forms (the report form's button is there too): only the sidebar's reset, no row chosen yet.
    assert len([b for b in at.button if not b.form_id]) == 1
    first = table.value.iloc[0]
    at.session_state["explorer_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    labels = [b.label for b in at.button]
    assert f"Fiche collectivité : {first[S.FR_NAME]}" in labels and "Fiche pays : Burkina Faso" in labels
    at.button[labels.index("Fiche pays : Burkina Faso")].click().run()
    assert not at.exception
    assert at.session_state["fiche_pays"] == "BFA"
    assert any(h.value == "Burkina Faso" for h in at.header)
