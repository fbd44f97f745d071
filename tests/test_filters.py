"""Filters: what each field keeps, and the URL round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash.analysis.filters import Filters, filter_links, from_query, to_query
from lianes_dash.dataset import schema as S


def _links(categorical: bool) -> pd.DataFrame:
    """Four fictitious collectivities, five links; « e » has no theme and no year (like most real links)."""
    df = pd.DataFrame(
        {
            S.LINK_ID: ["a", "b", "c", "d", "e"],
            S.FR_TYPE: ["commune", "commune", "departement", "commune", "commune"],
            S.FR_CODE: ["99001", "99002", "99", "99001", "99003"],
            S.FR_NAME: ["Épinal-sur-Test", "Bourg-Fictif", "Testshire", "Épinal-sur-Test", "Villefictive-sur-Test"],
            S.FR_DEPARTEMENT: ["99", "98", "99", "99", "98"],
            S.FR_REGION: ["R1", "R2", "R1", "R1", "R2"],
            S.PARTNER_NAME: ["Kawara", "Dakar", "Köln", "Nkong-Zem", "Fictivstadt"],
            S.PARTNER_COUNTRY: ["BFA", "SEN", "DEU", "CMR", "DEU"],
            S.PARTNER_COUNTRY_NAME: ["Burkina Faso", "Sénégal", "Allemagne", "Cameroun", "Allemagne"],
            S.PARTNER_CONTINENT: ["Afrique", "Afrique", "Europe", "Afrique", "Europe"],
            S.KIND: ["jumelage", "aide au développement", "jumelage", "coopération décentralisée", "jumelage"],
            S.THEMES_COL: ["éducation|santé", "gestion de l'eau", "culture", "autre : pêche|santé", None],
            S.START_YEAR: pd.array([2004, 1995, None, 2003, None], dtype="Int64"),
            S.SOURCE: ["wikidata|wikipedia", "wikidata", "wikipedia", "brochure", "wikidata|wikipedia"],
        }
    )
    if categorical:
        for col in (
            S.FR_TYPE,
            S.FR_DEPARTEMENT,
            S.PARTNER_COUNTRY,
            S.PARTNER_CONTINENT,
            S.KIND,
            S.THEMES_COL,
            S.SOURCE,
        ):
            df[col] = df[col].astype("category")
    return df


CASES = [
    (Filters(), ["a", "b", "c", "d", "e"]),
    (Filters(regions=("R1",)), ["a", "c", "d"]),
    (Filters(departements=("98",)), ["b", "e"]),
    (Filters(types=("departement",)), ["c"]),
    (Filters(continents=("Afrique",)), ["a", "b", "d"]),
    (Filters(countries=("BFA", "CMR")), ["a", "d"]),
    (Filters(themes=("santé",)), ["a", "d"]),
    (Filters(themes=("autre",)), ["d"]),
    (Filters(themes=(S.UNKNOWN_LABEL,)), ["e"]),
    (Filters(themes=("culture", S.UNKNOWN_LABEL)), ["c", "e"]),
    (Filters(kinds=("jumelage",)), ["a", "c", "e"]),
    (Filters(collectivities=("commune:99001",)), ["a", "d"]),
    # a link seen in two sources is found under each (its cell holds both keys)
    (Filters(sources=("wikipedia",)), ["a", "c", "e"]),
    (Filters(sources=("wikidata", "brochure")), ["a", "b", "d", "e"]),
    # links without a year are kept by default, whatever the range, and dropped only on request
    (Filters(year_min=2000), ["a", "c", "d", "e"]),
    (Filters(year_min=1990, year_max=2003), ["b", "c", "d", "e"]),
    (Filters(year_min=2000, year_unknown=False), ["a", "d"]),
    (Filters(year_min=1990, year_max=2003, year_unknown=False), ["b", "d"]),
    (Filters(year_unknown=False), ["a", "b", "d"]),
    (Filters(search="epinal"), ["a", "d"]),
    (Filters(search="KÖLN"), ["c"]),
    (Filters(search="senegal"), ["b"]),
    (Filters(continents=("Afrique",), kinds=("jumelage",)), ["a"]),
    (Filters(countries=("FRA",)), []),
]


@pytest.mark.parametrize("categorical", [False, True], ids=["text", "category"])
@pytest.mark.parametrize(("filters", "expected"), CASES)
def test_filter_links_keeps_what_it_should(filters: Filters, expected: list[str], categorical: bool) -> None:
    kept = filter_links(_links(categorical), filters)
    assert kept[S.LINK_ID].tolist() == expected


@pytest.mark.parametrize(("filters", "_"), CASES)
def test_url_round_trip(filters: Filters, _) -> None:
    assert from_query(to_query(filters)) == filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"pays": "BFA~XXX"}, Filters(countries=("BFA",))),
        ({"de": "19x5", "a": "2009"}, Filters(year_max=2009)),
        ({"q": "x" * 500}, Filters(search="x" * 100)),
        ({"pays": ["SEN", "BFA"]}, Filters(countries=("BFA",))),
        ({"inconnu": "1"}, Filters()),
    ],
)
def test_hand_edited_urls_are_cleaned(params: dict, expected: Filters) -> None:
    assert from_query(params, allowed={"countries": {"BFA", "SEN", "CMR"}}) == expected


def test_active_count_counts_the_year_range_once() -> None:
    assert Filters(year_min=1990, year_max=2000, countries=("BFA",)).active_count() == 2
    assert Filters(year_min=1990, year_unknown=False).active_count() == 1
    assert Filters(year_unknown=False).active_count() == 1 and not Filters(year_unknown=False).is_empty()
    assert Filters(search="x").active_count() == 1
    assert Filters().is_empty() and Filters().active_count() == 0


def test_keeping_links_without_year_is_the_default_and_absent_from_the_url() -> None:
    assert to_query(Filters()) == {}
    assert to_query(Filters(year_unknown=False)) == {"sans_annee": "0"}
    assert from_query({"sans_annee": "1"}) == Filters()


@pytest.mark.parametrize(
    ("fr_type", "name", "dep", "expected"),
    [
        ("commune", "Halluin", "59", "Halluin (59)"),
        ("epci", "Métropole Européenne de Lille", "59", "Métropole Européenne de Lille (59)"),
        ("commune", "Sans-Dép", None, "Sans-Dép"),
        ("commune", "Sans-Dép", "nan", "Sans-Dép"),
        ("departement", "Nord", "59", "Nord (département)"),
        ("region", "Hauts-de-France", None, "Hauts-de-France (région)"),
    ],
)
def test_collectivity_label(fr_type: str, name: str, dep, expected: str) -> None:
    from lianes_dash.analysis.filters import collectivity_label

    assert collectivity_label(fr_type, name, dep) == expected


def test_collectivity_label_in_english() -> None:
    from lianes_dash.analysis.filters import collectivity_label, type_suffixes
    from lianes_dash.text import i18n

    with i18n.using("en"):
        suffix = type_suffixes()
    # NOTE: « département » is kept in English (the catalogue's choice); « région » is translated.
    assert collectivity_label("region", "Hauts-de-France", None, suffix) == "Hauts-de-France (region)"
    assert collectivity_label("departement", "Nord", "59", suffix) == "Nord (département)"
    assert collectivity_label("commune", "Halluin", "59", suffix) == "Halluin (59)"


def test_a_theme_column_with_no_known_theme_at_all() -> None:
    """Like most real selections: every theme unknown (a categorical column with no category)."""
    links = _links(True).iloc[[4]].copy()
    links[S.THEMES_COL] = pd.Series([None], dtype="category", index=links.index)
    assert filter_links(links, Filters(themes=("santé",))).empty
    assert filter_links(links, Filters(themes=(S.UNKNOWN_LABEL,)))[S.LINK_ID].tolist() == ["e"]


# --- The registry: one declaration per filter --------------------------------------------------
from dataclasses import fields as dc_fields  # noqa: E402

from lianes_dash.analysis import filters as F  # noqa: E402
from lianes_dash.dataset.data import load_collectivities, load_countries  # noqa: E402
from lianes_dash.text.i18n import using  # noqa: E402

#: The permalink format: changing a key breaks every link already shared.
PERMALINK_KEYS = {
    "regions": "region", "departements": "dep", "types": "type", "continents": "continent",
    "countries": "pays", "themes": "theme", "kinds": "lien", "collectivities": "coll", "sources": "source",
    "year_min": "de", "year_max": "a", "year_unknown": "sans_annee", "search": "q",
}  # fmt: skip


def test_every_filters_field_belongs_to_exactly_one_spec_and_keeps_its_url_key() -> None:
    owned = [name for spec in F.FILTERS for name in spec.fields]
    assert sorted(owned) == sorted(f.name for f in dc_fields(Filters))
    assert len(owned) == len(set(owned))
    keys = [key for spec in F.FILTERS for key in spec.url_keys]
    assert len(keys) == len(set(keys))
    assert F.URL_KEYS == PERMALINK_KEYS
    assert list(F.URL_KEYS) == [f.name for f in dc_fields(Filters)]


@pytest.mark.parametrize("spec", F.FILTERS, ids=[s.field for s in F.FILTERS])
def test_a_spec_has_every_part(spec: F.FilterSpec) -> None:
    for part in ("field", "url_key", "label_fr", "label_en", "column", "sentence_fr", "sentence_en"):
        assert isinstance(getattr(spec, part), str) and getattr(spec, part).strip(), part
    assert spec.match, "how it matches"
    schema_names = {v for k, v in vars(S).items() if k.isupper() and isinstance(v, str)}
    assert spec.column in schema_names, "the column it filters is a schema column"
    for template in (spec.sentence_fr, spec.sentence_en):
        assert "{label}" in template
    if isinstance(spec, F.ValuesFilter):
        assert callable(spec.choices) and callable(spec.names)
        assert "{values}" in spec.sentence_fr and "{values}" in spec.sentence_en
    # English: no French punctuation spacing, and a sentence for every filter.
    assert " :" not in spec.sentence_en and "«" not in spec.sentence_en


def _one_active(spec: F.FilterSpec) -> Filters:
    if isinstance(spec, F.YearFilter):
        return Filters(year_min=1990, year_max=2000)
    if isinstance(spec, F.ValuesFilter):
        return Filters(**{spec.field: ("x",)})
    return Filters(**{spec.field: "x"})


@pytest.mark.parametrize("spec", F.FILTERS, ids=[s.field for s in F.FILTERS])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_filter_reads_in_a_sentence_in_both_languages(spec: F.FilterSpec, lang: str) -> None:
    f = _one_active(spec)
    assert spec.active(f) and f.active_count() == 1
    line = spec.describe(f, {}, lang)
    assert line and line.startswith(spec.label(lang))
    assert F.describe(f, {}, lang) == [line]
    assert spec.describe(Filters(), {}, lang) is None


@pytest.mark.parametrize("spec", F.VALUE_FILTERS, ids=[s.field for s in F.VALUE_FILTERS])
def test_each_multi_value_filter_lists_its_choices_from_the_data(spec: F.ValuesFilter) -> None:
    links = _links(True)
    choices = spec.choices(links, F.Lookup(load_collectivities(), load_countries()))
    assert choices and all(isinstance(v, str) and label for v, label in choices.items())
    # every choice keeps at least one link (a choice that keeps none would be a dead end)
    for value in choices:
        assert len(filter_links(links, Filters(**{spec.field: (value,)}))), value


def test_english_sentences() -> None:
    f = Filters(countries=("BFA", "CMR"), year_max=2000, year_unknown=False, search="Kawara")
    names = {"countries": {"BFA": "Burkina Faso", "CMR": "Cameroon"}}
    assert F.describe(f, names, "en") == [
        "Search: “Kawara”",
        "Partner country: Burkina Faso, Cameroon",
        "Start year: up to 2000 (links with no known year are left out)",
    ]


def test_url_check_names_what_it_ignores_and_keeps_the_rest() -> None:
    allowed = {"countries": {"BFA", "CMR"}}
    params = {"pays": "BFA~XXX", "de": "19x5", "a": "1800", "sans_annee": "0", "q": "a\x00b", "theme": "santé"}
    clean, ignored = F.check_query(params, allowed, (1950, 2020))
    assert clean == {"pays": "BFA", "sans_annee": "0"}
    assert list(ignored.items()) == [  # in the order of the permalink's keys, as the note names them
        ("pays", "valeurs en partie non reconnues"),
        ("theme", "valeur non reconnue"),
        ("de", "valeur non reconnue"),
        ("a", "année hors des données"),
        ("q", "valeur non reconnue"),
    ]
    assert F.from_query(clean, allowed) == Filters(countries=("BFA",), year_unknown=False)


def test_the_source_filter_names_its_values_in_each_language() -> None:
    spec = next(s for s in F.VALUE_FILTERS if s.field == "sources")
    choices = spec.choices(_links(False), F.Lookup(load_collectivities(), load_countries()))
    assert set(choices) == {"wikidata", "wikipedia", "brochure"}
    assert choices["wikipedia"].startswith("Wikipédia en anglais")
    with using("en"):
        assert spec.names_in_language(choices, {})["wikipedia"].startswith("English Wikipedia")
    assert F.describe(Filters(sources=("brochure",)), {"sources": spec.names(("brochure",), None)}, "fr") == [  # type: ignore[arg-type]
        "Source : Lianes coopération, « La coopération décentralisée » (brochure, 2009)"
    ]
