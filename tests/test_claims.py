"""Issue 27, item 3: only claims the data supports.

One rule (``metrics.MIN_KNOWN``): no share, ratio or « x fois plus » on fewer known values, a French
sentence saying what is missing instead. Then one test per claim the issue names: the
Nord-Pas-de-Calais table holds the brochure's partnerships only, no « x fois plus » on 2 themed
links, the overview's theme and decade charts step back when almost all unknown, the map caption
says where the hollow circles are. (The P190 kind: ``tests/test_build_links.py``.)
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import regional as R
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.ui.sidebar import filter_key
from tests.builders import link_rows
from tests.conftest import ROOT, switch_page


# ---------------------------------------------------------------------------
# The rule
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("count", "known", "total", "expected"),
    [
        (5, M.MIN_KNOWN, 100, 5 / M.MIN_KNOWN),
        (10, 40, 40, 0.25),
        (1, 2, 5104, "Thèmes connus pour 2 liens sur 5"),
        (0, 0, 3, "Thèmes connus pour 0 lien sur 3"),
        (1, M.MIN_KNOWN - 1, M.MIN_KNOWN - 1, "Thèmes connus pour les 19 liens"),
    ],
)
def test_share_or_what_is_missing(count: int, known: int, total: int, expected: float | str) -> None:
    got = M.share_or_missing(count, known, "thèmes", total)
    if isinstance(expected, float):
        assert got == pytest.approx(expected)
    else:
        assert isinstance(got, str) and got.startswith(expected)
        assert f"il en faut au moins {M.MIN_KNOWN}" in got


def _themed(n_themed: int, n: int, theme: str = "gestion de l'eau", departement: str = "59") -> list[dict]:
    return [
        {
            S.FR_DEPARTEMENT: departement,
            S.THEMES_COL: theme if i < n_themed else None,
            S.PARTNER_COUNTRY: "BFA",
            S.PARTNER_COUNTRY_NAME: "Burkina Faso",
        }
        for i in range(n)
    ]


# ---------------------------------------------------------------------------
# « x fois plus » on 2 links
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("region_themed", "nation_themed", "ratio_said"),
    [
        (2, 3, False),  # the case: 2 themed links in the region, a handful in France
        (M.MIN_KNOWN - 1, 200, False),  # enough in France, not in the region
        (M.MIN_KNOWN, M.MIN_KNOWN, True),  # France's themed links are all the region's
        (M.MIN_KNOWN, 200, True),
    ],
)
def test_no_times_more_on_too_few_known_themes(region_themed: int, nation_themed: int, ratio_said: bool) -> None:
    region_rows = _themed(region_themed, 40)
    # The rest of France: the remaining themed links on another theme, so that « gestion de l'eau » stands out.
    other = _themed(nation_themed - region_themed, 400, theme="culture", departement="75")
    nation = link_rows(region_rows + other)
    region = R.region_links(nation)
    comparison = R.compare_shares(region, nation, S.THEME)
    gap = R.withheld(region, nation, S.THEME)
    sentences = R.distinctions({S.THEME: comparison}, {S.THEME: gap}, min_count=1)
    said = any("fois plus" in s for s in sentences)
    assert said == ratio_said, sentences
    if not ratio_said:
        assert gap and sentences == [gap] and "trop peu" in gap


def test_countries_of_a_tiny_region_are_not_compared() -> None:
    nation = link_rows(_themed(0, 3) + _themed(0, 100, departement="75"))
    region = R.region_links(nation)
    assert R.withheld(region, nation, S.PARTNER_COUNTRY_NAME) is not None
    assert R.withheld(region, nation, S.THEME) is not None


# ---------------------------------------------------------------------------
# The Nord-Pas-de-Calais table: the brochure's partnerships only
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "description", "shown"),
    [
        ("brochure", "Partenariat décrit par la brochure.", True),
        ("brochure|wikipedia", "Partenariat décrit par la brochure.", True),
        ("wikidata", "nom dans la source : Dunkirk", False),  # a build note, not a description of the partnership
        ("wikidata|wikipedia", None, False),
    ],
)
def test_npdc_table_holds_the_brochure_partnerships_only(source: str, description: str | None, shown: bool) -> None:
    links = link_rows([{S.SOURCE: source, S.DESCRIPTION: description, S.FR_DEPARTEMENT: "59"}])
    assert list(R.brochure_mask(links)) == [shown]


def test_npdc_table_on_the_bundled_data_is_the_two_brochure_partnerships() -> None:
    links = pd.read_csv(D.data_dir() / D.NATIONAL_LINKS_CSV, dtype={S.FR_DEPARTEMENT: str})
    region = R.region_links(links)
    assert sorted(region.loc[R.brochure_mask(region), S.PARTNER_NAME]) == ["Kawara", "Nkong-Zem"]
    # What the table showed before: every link with a description, build notes included.
    assert region[S.DESCRIPTION].notna().sum() > 2


# ---------------------------------------------------------------------------
# The map caption matches its marks
# ---------------------------------------------------------------------------
def test_hollow_circles_are_counted_where_they_are() -> None:
    countries = pd.DataFrame({S.ISO3: ["CMR", "BFA"], S.LAT: [6.0, 12.0], S.LON: [12.0, -1.5]})
    links = link_rows(
        [
            # Nkong-Zem drawn at Dschang (a nearby town), Kawara near Tougan: approximate, not at the centre.
            {S.PARTNER_COUNTRY: "CMR", S.PARTNER_LAT: 5.45, S.PARTNER_LON: 10.07, S.PARTNER_APPROX: True},
            {S.PARTNER_COUNTRY: "BFA", S.PARTNER_LAT: 13.07, S.PARTNER_LON: -3.07, S.PARTNER_APPROX: True},
            {S.PARTNER_COUNTRY: "BFA", S.PARTNER_LAT: 12.0, S.PARTNER_LON: -1.5, S.PARTNER_APPROX: True},
            {S.PARTNER_COUNTRY: "BFA", S.PARTNER_LAT: 11.0, S.PARTNER_LON: -4.3, S.PARTNER_APPROX: False},
        ]
    )
    assert R.approximate_positions(links, countries) == (1, 2)


# ---------------------------------------------------------------------------
# What the overview leads with: size classes, the region's share
# ---------------------------------------------------------------------------
def test_links_of_communes_by_size_class() -> None:
    populations = [500, 1_999, 2_000, 19_999, 20_000, 99_999, 100_000, None]
    links = link_rows(
        [{S.FR_POPULATION: p} for p in populations] + [{S.FR_TYPE: "departement", S.FR_POPULATION: 2_600_000}]
    )
    counts = M.by_size_class(links)
    assert counts[S.COUNT].tolist() == [2, 1, 1, 2, 1]  # the commune of unknown size and the département: none


@pytest.mark.parametrize(
    ("in_region", "elsewhere", "expected"),
    [
        (10, 30, "Nord-Pas-de-Calais (Nord et Pas-de-Calais) : 10 liens, 25"),
        (2, 3, "Collectivités françaises des liens connus pour les 5 liens : trop peu"),
    ],
)
def test_the_region_share_rests_on_enough_links(in_region: int, elsewhere: int, expected: str) -> None:
    links = link_rows(_themed(0, in_region) + _themed(0, elsewhere, departement="75"))
    assert R.region_share_sentence(links).startswith(expected)


# ---------------------------------------------------------------------------
# The overview: themes and decades step back when almost all unknown
# ---------------------------------------------------------------------------
def test_overview_does_not_lead_with_theme_and_decade_charts_of_unknowns() -> None:
    links = D.load_links()
    assert not M.enough_known(M.known_themes_count(links))
    assert not M.enough_known(len(links) - M.unknown_year_count(links))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    switch_page(at, "overview.py").run()
    assert not at.exception
    titles = " ".join(str(c.proto.spec) for c in at.get("plotly_chart"))
    assert "Liens par thème" not in titles and "décennie" not in titles
    assert "Liens par continent" in titles and "Liens des communes par taille" in titles
    text = " ".join(m.value for m in at.markdown)
    assert "Thèmes connus pour 2 liens" in text and "Années de début connues pour" in text
    assert f"il en faut au moins {M.MIN_KNOWN}" in text
    assert "des liens de la sélection" in text  # the region's share


def test_npdc_cards_give_no_share_of_one_link() -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.session_state[filter_key("search")] = "Kawara"
    switch_page(at, "npdc.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert sum("trop peu pour une part" in c for c in captions) == 4  # the four cards
    assert not any("du total national" in c for c in captions)
    assert not any("fois plus" in m.value for m in at.markdown)


@pytest.mark.parametrize(("in_region", "said"), [(1, False), (2, False), (R.FLOOR_COUNT, True)])
def test_no_times_more_for_a_country_on_fewer_links_than_the_floor(in_region: int, said: bool) -> None:
    """Even with the page's slider at its lowest, a country over-represented on one or two links is not news."""
    comparison = pd.DataFrame(
        {
            S.PARTNER_COUNTRY_NAME: ["Testland", "Fictivie"],
            R.REGION_COUNT: [in_region, 100 - in_region],
            R.NATION_COUNT: [in_region, 10_000],
            R.REGION_SHARE: [in_region / 100, (100 - in_region) / 100],
            R.NATION_SHARE: [in_region / 10_000, 1 - in_region / 10_000],
            R.RATIO: [100.0, 1.0],
        }
    )
    over = R.over_represented(comparison, S.PARTNER_COUNTRY_NAME, min_count=1)
    assert ("Testland" in set(over[S.PARTNER_COUNTRY_NAME])) is said
