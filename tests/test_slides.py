"""The slide list: which slides, their numbers in French, the credit line of the sources shown."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pandas as pd
import pytest

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis.filters import Filters, filter_links
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import schema as S
from lianes_dash.importer.testing import tiny_collectivities, tiny_countries
from lianes_dash.text import i18n
from lianes_dash.text.french import NNBSP
from lianes_dash.views.slides import build_slides, credit_label, region_scope, scope_label
from tests.builders import link_rows


def _link(i: int, fr: tuple[str, str, str, str], partner: str, country: str, synthetic: bool, themes: str):
    code, name, dep, region = fr
    return {
        S.LINK_ID: f"t{i}",
        S.FR_CODE: code,
        S.FR_NAME: name,
        S.FR_DEPARTEMENT: dep,
        S.FR_REGION: region,
        S.PARTNER_NAME: partner,
        S.PARTNER_COUNTRY: country,
        S.PARTNER_LAT: 12.0 + (i % 300) / 10,
        S.PARTNER_LON: -1.0 - (i % 300) / 10,
        S.THEMES_COL: themes,
        S.START_YEAR: 2003,
        # NOTE: the two brochure rows are credited to the brochure, the others to both encyclopaedias;
        # « synthetic » marks fixture rows (test or benchmark only).
        S.SOURCE: "brochure" if partner in ("Nkong-Zem", "Kawara") else "wikidata|wikipedia",
        S.SYNTHETIC: synthetic,
    }


HALLUIN = ("59279", "Halluin", "59", "32")
PORTEL = ("62667", "Le Portel", "62", "32")
PARIS = ("75056", "Paris", "75", "11")


def _links(synthetic_paris: bool = True, n_paris: int = 1200) -> pd.DataFrame:
    rows = [
        _link(0, HALLUIN, "Nkong-Zem", "SEN", False, "gestion de l'eau|santé"),
        _link(1, PORTEL, "Kawara", "BFA", False, "éducation"),
    ]
    rows += [_link(2 + i, PARIS, f"Ville {i}", "DEU", synthetic_paris, "culture") for i in range(n_paris)]
    return link_rows(rows, enrich=(tiny_collectivities(), tiny_countries()))


def _square(code: str, lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _ref() -> SimpleNamespace:
    testimonials = pd.DataFrame(
        {
            S.TOWN: ["Halluin", "Le Portel"],
            S.FR_CODE: ["59279", "62667"],
            S.TOWN_POPULATION: pd.array([20000, 11000], dtype="Int64"),
            S.PERSON: ["Marc DESBUQUOIS", "Frédérique THOURET"],
            S.ROLE: ["Adjoint au Maire", "Coordinatrice"],
            S.PARTNER_NAME: ["Nkong-Zem", "Kawara"],
            S.PARTNER_COUNTRY: ["SEN", "BFA"],
            S.QUOTE: ["Premier paragraphe.\n\nSecond paragraphe.", "Un seul paragraphe."],
        }
    )
    named = pd.DataFrame(
        {S.BROCHURE_NAME: ["Halluin", "Le Portel"], S.TYPE: ["commune"] * 2, S.CODE: ["59279", "62667"]}
    )
    geo = {"type": "FeatureCollection", "features": [_square("59", 3, 50), _square("62", 2, 50), _square("75", 2, 48)]}
    return SimpleNamespace(
        collectivities=tiny_collectivities(),
        countries=tiny_countries(),
        departements_geojson=geo,
        named=named,
        testimonials=testimonials,
    )


def _by_key(slides):
    return {s.key: s for s in slides}


def test_full_deck_has_every_slide_in_order() -> None:
    slides = build_slides(_links(), _ref(), Filters())
    keys = [s.key for s in slides]
    assert keys == [
        "titre",
        "chiffres",
        "monde",
        "pays",
        "france",
        "region",
        "elles-l-ont-fait",
        "themes",
        "temoignage-1",
        "temoignage-2",
        "contact",
    ]


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(departements=("59",)), Filters(themes=("culture",)), Filters(countries=("ZZZ",))],
    ids=["all", "59", "culture", "nothing"],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_slides_without_figures_are_the_same_slides_without_their_figures(filters: Filters, lang: str) -> None:
    """What the page lists (built with ``figures=False``) is what the kiosk's deck shows."""
    links = filter_links(_links(), filters)
    with i18n.using(lang):
        full = build_slides(links, _ref(), filters)
        light = build_slides(
            links, SimpleNamespace(**{**vars(_ref()), "departements_geojson": None}), filters, figures=False
        )
    assert [s.figure for s in light] == [None] * len(light)
    assert any(s.figure is not None for s in full) == bool(len(links))
    assert [dataclasses.replace(s, figure=None) for s in full] == light


def test_headline_numbers_are_computed_and_french() -> None:
    slides = _by_key(build_slides(_links(), _ref(), Filters()))
    numbers = {n.label: n.value for n in slides["chiffres"].numbers}
    assert numbers == {
        "collectivités françaises engagées": "3",
        "liens de coopération": f"1{NNBSP}202",
        "pays partenaires": "3",
    }
    # the brochure's published figures are shown beside, formatted too
    assert f"3{NNBSP}250" in slides["chiffres"].source


def test_region_slide_counts_only_the_region() -> None:
    slides = _by_key(build_slides(_links(), _ref(), Filters()))
    region = slides["region"]
    assert region.title == f"{B.REGION_NAME} dans le monde"
    assert [n.value for n in region.numbers] == ["2", "2", "2"]
    assert region.figure is not None


def test_figures_are_built_from_the_data() -> None:
    slides = _by_key(build_slides(_links(), _ref(), Filters()))
    world = slides["monde"].figure
    # the colours may be on a log scale (1 200 beside 1); the counts themselves travel in customdata
    counts = {loc: row[3] for loc, row in zip(world.data[0].locations, world.data[0].customdata, strict=True)}
    assert counts == {"DEU": 1200, "SEN": 1, "BFA": 1}
    themes = slides["themes"].figure.data[0]
    assert dict(zip(themes.y, themes.x, strict=True))["culture"] == 1200


def test_slides_showing_links_carry_the_credit_of_their_sources() -> None:
    from lianes_dash.dataset import sources as SRC

    slides = _by_key(build_slides(_links(False), _ref(), Filters()))
    for key in ("chiffres", "monde", "pays", "france", "themes"):
        credit = slides[key].credit
        assert SRC.WIKIDATA.credit in credit and SRC.WIKIPEDIA.credit_licensed in credit, key
        assert "CC BY-SA 4.0" in credit and "ODbL" in credit and "CC0" in credit, key
        assert "fictif" not in credit
    # the brochure's own words carry their source, not a data credit
    for key in ("temoignage-1", "contact", "elles-l-ont-fait", "titre"):
        assert slides[key].credit == ""
    # the Nord-Pas-de-Calais slide shows only the brochure's two rows: only its credit
    assert slides["region"].credit == f"Données : {SRC.BROCHURE.credit}"
    assert credit_label(_links().iloc[:0]) == ""


def test_fixture_rows_are_counted_as_fictional_in_the_credit() -> None:
    slides = _by_key(build_slides(_links(True), _ref(), Filters()))
    assert f"1{NNBSP}200 liens fictifs (jeu d'essai)" in slides["chiffres"].credit


def test_no_themes_slide_when_themes_are_mostly_unknown() -> None:
    links = _links(False)
    links[S.THEMES_COL] = links[S.THEMES_COL].cat.add_categories([]).where(links[S.PARTNER_NAME] == "Kawara")
    slides = _by_key(build_slides(links, _ref(), Filters()))
    assert "themes" not in slides
    assert f"Thèmes connus pour 1 lien sur 1{NNBSP}202" in slides["chiffres"].source


@pytest.mark.parametrize(("n_paris", "slide"), [(10, False), (M.MIN_KNOWN - 2, True)])
def test_no_themes_slide_on_fewer_known_themes_than_the_minimum(n_paris: int, slide: bool) -> None:
    """Issue 27: every theme known, but on 12 links: no slide of theme shares (20 links: the slide)."""
    slides = _by_key(build_slides(_links(False, n_paris=n_paris), _ref(), Filters()))
    assert ("themes" in slides) == slide


def test_filtered_region_replaces_the_brochure_region_and_drops_foreign_testimonials() -> None:
    filters = Filters(departements=("75",))
    links = filter_links(_links(), filters)
    slides = _by_key(build_slides(links, _ref(), filters))
    assert slides["region"].title == "Paris dans le monde"
    assert "elles-l-ont-fait" not in slides
    assert not any(k.startswith("temoignage") for k in slides)
    # NOTE: the scope line says the filters in the exports' words (one registry, ``filters.FILTERS``).
    assert scope_label(filters, tiny_collectivities()) == "Département : 75 – Paris"


@pytest.mark.parametrize(
    ("filters", "scope"),
    [
        (Filters(), "France entière"),
        (Filters(year_unknown=False), "Année de début : connue (les liens sans année connue sont écartés)"),
        (Filters(kinds=("jumelage",), search="Kawara"), "Recherche : « Kawara » · Type de lien : jumelage"),
        (Filters(continents=("Océanie", "Europe", "Asie", "Afrique", "Amérique")),
         "Continent : Afrique, Amérique, Asie et 2 autres"),
    ],
)  # fmt: skip
def test_scope_line_is_the_filters_in_one_line(filters: Filters, scope: str) -> None:
    assert scope_label(filters, tiny_collectivities()) == scope


def test_thematic_filter_keeps_the_testimonials() -> None:
    filters = Filters(themes=("culture",))
    slides = _by_key(build_slides(filter_links(_links(), filters), _ref(), filters))
    assert {"temoignage-1", "temoignage-2"} <= set(slides)


def test_testimonial_slide_keeps_the_quote_whole() -> None:
    t = _by_key(build_slides(_links(), _ref(), Filters()))["temoignage-1"]
    assert t.paragraphs == ("Premier paragraphe.", "Second paragraphe.")
    assert t.attribution == ("Marc DESBUQUOIS", "Adjoint au Maire")
    assert t.title == f"La ville d'Halluin, 20{NNBSP}000 habitants"
    assert t.lead == "Partenaire : Nkong-Zem (Sénégal)"


def test_contact_slide_comes_from_the_brochure() -> None:
    contact = build_slides(_links(), _ref(), Filters())[-1]
    assert contact.key == "contact"
    assert B.CONTACT["email"] in contact.items and B.CONTACT["address"] in contact.items


def test_empty_selection_still_gives_a_deck() -> None:
    filters = Filters(countries=("USA",))
    slides = build_slides(filter_links(_links(), filters), _ref(), filters)
    keys = [s.key for s in slides]
    assert keys[:2] == ["titre", "chiffres"] and keys[-1] == "contact"
    assert "monde" not in keys
    assert [n.value for n in slides[1].numbers] == ["0", "0", "0"]
    assert slides[1].lead == "Aucun lien ne correspond à la sélection."


@pytest.mark.parametrize(
    ("filters", "name", "deps"),
    [
        (Filters(), B.REGION_NAME, B.REGION_DEPARTEMENTS),
        (Filters(departements=("59", "62")), B.REGION_NAME, ("59", "62")),
        (Filters(departements=("59",)), "Nord", ("59",)),
        (Filters(regions=("11",)), "Île-de-France", ()),
    ],
)
def test_region_scope(filters: Filters, name: str, deps: tuple[str, ...]) -> None:
    scope = region_scope(filters, tiny_collectivities())
    assert (scope.name, scope.departements) == (name, deps)


# --- English (``?lang=en``) ---------------------------------------------------------------------------
@pytest.fixture
def english():
    with i18n.using("en"):
        yield


@pytest.mark.parametrize(
    ("filters", "scope"),
    [
        (Filters(), "All of France"),
        (Filters(year_unknown=False), "Start year: known (links with no known year are left out)"),
        (Filters(kinds=("jumelage",), search="Kawara"), "Search: “Kawara” · Kind of link: twinning"),
        (Filters(countries=("SEN", "BFA")), "Partner country: Burkina Faso, Senegal"),
        (Filters(departements=("75",)), "Département: 75 – Paris"),
    ],
)  # fmt: skip
def test_scope_line_in_english(filters: Filters, scope: str, english) -> None:
    assert scope_label(filters, tiny_collectivities(), tiny_countries()) == scope


def test_the_deck_in_english_numbers_words_and_names(english) -> None:
    slides = _by_key(build_slides(_links(), _ref(), Filters()))
    numbers = {n.label: n.value for n in slides["chiffres"].numbers}
    assert numbers == {"French local authorities involved": "3", "cooperation links": "1,202", "partner countries": "3"}
    assert "3,250 local authorities" in slides["chiffres"].source
    assert slides["monde"].title == "3 partner countries"
    assert slides["monde"].lead.startswith("Top countries: Germany (1,200)")
    assert slides["region"].title == "Nord-Pas-de-Calais around the world"
    testimony = slides["temoignage-1"]
    assert testimony.title == "The town of Halluin, 20,000 inhabitants"
    assert testimony.lead == "Partner: Nkong-Zem (Senegal)"
    # the brochure's words in our translation (the catalogue's), said so; a paragraph with none stays French
    assert testimony.paragraphs == ("Premier paragraphe.", "Second paragraphe.")
    assert testimony.source.endswith("· English translation: ours")
    assert slides["contact"].title == f"{B.CONTACT['name']} can support you"
    assert slides["chiffres"].credit.startswith("Data: Wikidata contributors, CC0 1.0 (public domain)")


def test_the_deck_html_speaks_english(english) -> None:
    from lianes_dash.views import deck

    html = deck.render_deck(build_slides(_links(), _ref(), Filters()), exit_url="presentation?lang=en")
    assert '<html lang="en">' in html and "<title>Lianes Dash · presentation</title>" in html
    assert ">Exit</a>" in html and "Full screen" in html and 'aria-roledescription="slide"' in html
    assert "Plein écran" not in html and "Quitter" not in html and "diapositive" not in html


def test_the_kiosk_address_keeps_english() -> None:
    """The page's kiosk address (to type on a self-service screen) opens the deck in English."""
    from tests.landing import landing

    at = landing("presentation.py", {"lang": "en", "pays": "BFA"})
    assert not at.exception
    kiosk = [c.value for c in at.code if "mode=presentation" in c.value]
    assert kiosk and "lang=en" in kiosk[0] and "pays=BFA" in kiosk[0], kiosk
    french = landing("presentation.py", {"pays": "BFA"})
    assert not [c.value for c in french.code if "lang=" in c.value]


def test_contact_slide_shows_the_deployments_contact_and_the_brochures_as_history(monkeypatch) -> None:
    """Issue 29, point 9: an event in 2026 showed the brochure's 2009 contact (a wanadoo address) as current."""
    from lianes_dash.views import slides as SL

    for var in SL.CONTACT_ENV.values():
        monkeypatch.delenv(var, raising=False)
    # No contact set: the brochure's, said to be 2009's.
    plain = build_slides(_links(), _ref(), Filters())[-1]
    assert "2009" in plain.kicker and "ont pu changer" in plain.lead
    monkeypatch.setenv("LIANES_CONTACT_EMAIL", "contact@reseau.example.org")
    monkeypatch.setenv("LIANES_CONTACT_PHONE", "03 20 00 00 00")
    contact = build_slides(_links(), _ref(), Filters())[-1]
    assert contact.key == "contact" and contact.kicker == "Contactez-nous"
    assert contact.items == ("Tél. 03 20 00 00 00", "contact@reseau.example.org")
    assert B.CONTACT["email"] not in contact.items
    assert contact.source.startswith("En 2009, la brochure donnait : ") and B.CONTACT["email"] in contact.source
    assert SL.deployment_contact({"LIANES_CONTACT_NAME": "Réseau"}) is None  # a name alone is no contact
