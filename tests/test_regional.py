"""The region beside the nation: small hand-built frames, results computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import regional as R
from lianes_dash.dataset import schema as S
from lianes_dash.views import figures as F
from tests.builders import link_rows

PCT = "\u00a0%"


def links(rows: list[tuple]) -> pd.DataFrame:
    """Rows (département, country name, themes[, documented by the brochure]) → a links frame."""
    return link_rows(
        {
            S.LINK_ID: f"l{i}",
            S.FR_CODE: f"{row[0] or '00'}{i:03d}",
            S.FR_NAME: f"Commune {i}",
            S.FR_DEPARTEMENT: row[0],
            S.PARTNER_NAME: f"Partenaire {i}",
            S.PARTNER_COUNTRY: row[1][:3].upper(),
            S.PARTNER_COUNTRY_NAME: row[1],
            S.THEMES_COL: row[2],
            S.SOURCE: "brochure" if len(row) > 3 and row[3] else "wikidata|wikipedia",
        }
        for i, row in enumerate(rows)
    )


# ---------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("dep", "inside"),
    [("59", True), ("62", True), ("75", False), ("590", False), (None, False)],
)
def test_region_is_the_departements_59_and_62(dep: str | None, inside: bool) -> None:
    df = links([(dep, "Cameroun", "santé")])
    assert R.region_mask(df).tolist() == [inside]
    assert len(R.region_links(df)) == int(inside)


def test_region_mask_on_categorical_column_with_missing_values() -> None:
    df = links([("59", "Bénin", "santé"), (None, "Bénin", "santé"), ("62", "Bénin", "santé")])
    df[S.FR_DEPARTEMENT] = df[S.FR_DEPARTEMENT].astype("category")
    assert R.region_mask(df).tolist() == [True, False, True]


# ---------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------
NATION = links(
    [("59", "Cameroun", "santé|éducation"), ("59", "Cameroun", "santé"), ("62", "Belgique", "culture")]
    + [("75", "Belgique", "culture")] * 5
    + [("13", "Cameroun", "culture"), ("13", "Italie", "culture")]
)


def test_compare_shares_counts_and_ratios() -> None:
    region = R.region_links(NATION)
    cmp = R.compare_shares(region, NATION, S.PARTNER_COUNTRY_NAME).set_index(S.PARTNER_COUNTRY_NAME)
    # region: 3 links (2 Cameroun, 1 Belgique); nation: 10 (3 Cameroun, 6 Belgique, 1 Italie)
    assert cmp.loc["Cameroun", R.REGION_COUNT] == 2
    assert cmp.loc["Cameroun", R.NATION_COUNT] == 3
    assert cmp.loc["Cameroun", R.RATIO] == pytest.approx((2 / 3) / (3 / 10))
    assert cmp.loc["Belgique", R.RATIO] == pytest.approx((1 / 3) / (6 / 10))
    assert cmp.loc["Italie", R.REGION_COUNT] == 0
    assert cmp.loc["Italie", R.RATIO] == 0
    assert list(cmp.index) == ["Cameroun", "Belgique", "Italie"]  # by regional count


def test_themes_count_once_per_theme_of_a_link() -> None:
    region = R.region_links(NATION)
    cmp = R.compare_shares(region, NATION, S.THEME).set_index(S.THEME)
    assert cmp.loc["santé", R.REGION_COUNT] == 2
    assert cmp.loc["éducation", R.REGION_COUNT] == 1
    assert cmp.loc["santé", R.REGION_SHARE] == pytest.approx(2 / 3)
    assert cmp.loc["culture", R.NATION_COUNT] == 8


def comparison(rows: list[tuple[str, int, int]], region_total: int, nation_total: int) -> pd.DataFrame:
    """A comparison frame from (value, region count, nation count)."""
    df = pd.DataFrame(rows, columns=[S.PARTNER_COUNTRY_NAME, R.REGION_COUNT, R.NATION_COUNT])
    df[R.REGION_SHARE] = df[R.REGION_COUNT] / region_total
    df[R.NATION_SHARE] = df[R.NATION_COUNT] / nation_total
    df[R.RATIO] = df[R.REGION_SHARE] / df[R.NATION_SHARE]
    return df


@pytest.mark.parametrize(
    ("rows", "min_count", "expected"),
    [
        # one link weighs 10 times more but stays below the minimum
        ([("Tonga", 1, 1), ("Mali", 6, 20)], 5, ["Mali"]),
        # the floor (issue 27): one link is never « x fois plus », even with the slider at its lowest
        ([("Tonga", 1, 1), ("Mali", 6, 20)], 1, ["Mali"]),
        # exact minimum counts
        ([("Mali", 5, 10)], 5, ["Mali"]),
        ([("Mali", 4, 8)], 5, []),
        # ties on the ratio: more regional links first, then French order (accents ignored)
        ([("Éthiopie", 6, 12), ("Estonie", 6, 12), ("Inde", 10, 20)], 5, ["Inde", "Estonie", "Éthiopie"]),
        # not over-represented enough
        ([("Mali", 10, 90)], 5, []),
    ],
)
def test_over_represented(rows, min_count: int, expected: list[str]) -> None:
    # region 100 links, nation 1 000: a ratio of 10 × (region count / nation count)
    cmp = comparison(rows, 100, 1000)
    got = R.over_represented(cmp, S.PARTNER_COUNTRY_NAME, min_count=min_count)
    assert got[S.PARTNER_COUNTRY_NAME].tolist() == expected


def test_under_represented_uses_the_expected_count() -> None:
    # Belgique: 60 % nationally, 0 in a region of 10 links → expected 6 ≥ 5: reported.
    # Italie: 10 % nationally → expected 1 < 5: not news.
    cmp = comparison([("Mali", 10, 30), ("Belgique", 0, 60), ("Italie", 0, 10)], 10, 100)
    got = R.under_represented(cmp, S.PARTNER_COUNTRY_NAME, min_count=5)
    assert got[S.PARTNER_COUNTRY_NAME].tolist() == ["Belgique"]
    sentences = R.distinction_sentences(got.iloc[:0], got, S.PARTNER_COUNTRY_NAME, "Nord-Pas-de-Calais")
    assert sentences == [
        f"Belgique : aucun lien du Nord-Pas-de-Calais, contre 60,0{PCT} des liens dans l'ensemble national."
    ]


def test_sentence_is_generated_from_the_numbers() -> None:
    cmp = comparison([("Cameroun", 12, 60), ("Suisse", 20, 400)], 100, 1000)
    over = R.over_represented(cmp, S.PARTNER_COUNTRY_NAME)
    sentences = R.distinction_sentences(over, over.iloc[:0], S.PARTNER_COUNTRY_NAME, "Nord-Pas-de-Calais")
    assert sentences == [
        "Cameroun : un poids 2,0 fois plus élevé dans les liens du Nord-Pas-de-Calais que dans l'ensemble "
        f"national (12 liens ; 12,0{PCT} contre 6,0{PCT})."
    ]


def test_theme_sentences_name_the_theme() -> None:
    cmp = comparison([("santé", 30, 100), ("culture", 2, 400)], 100, 1000).rename(
        columns={S.PARTNER_COUNTRY_NAME: S.THEME}
    )
    over = R.over_represented(cmp, S.THEME)
    under = R.under_represented(cmp, S.THEME)
    text = R.distinction_sentences(over, under, S.THEME, theme=True)
    assert text[0].startswith("Thème « santé » : un poids 3,0 fois plus élevé")
    assert text[1].startswith("Thème « culture » : un poids 20,0 fois moins élevé")
    assert "(2 liens ; 2,0" in text[1]


def test_empty_region_gives_no_claim() -> None:
    nation = links([("75", "Belgique", "culture")] * 4)
    region = R.region_links(nation)
    assert region.empty
    cmp = R.compare_shares(region, nation, S.PARTNER_COUNTRY_NAME)
    assert cmp[R.REGION_COUNT].tolist() == [0]
    assert R.over_represented(cmp, S.PARTNER_COUNTRY_NAME, min_count=0).empty
    assert R.under_represented(cmp, S.PARTNER_COUNTRY_NAME).empty
    assert R.distinction_sentences(cmp.iloc[:0], cmp.iloc[:0], S.PARTNER_COUNTRY_NAME) == []
    head = R.headline_comparison(region, nation)
    assert head[R.REGION_COUNT].tolist() == [0, 0, 0, 0]
    assert head[R.REGION_SHARE].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_empty_nation_too() -> None:
    empty = links([]).reindex(columns=list(links([("59", "Mali", "santé")]).columns))
    cmp = R.compare_shares(empty, empty, S.THEME)
    assert cmp.empty
    head = R.headline_comparison(empty, empty)
    assert all(math.isnan(v) for v in head[R.REGION_SHARE])


def test_headline_comparison() -> None:
    region = R.region_links(NATION)
    head = R.headline_comparison(region, NATION).set_index(R.INDICATOR)
    assert head.loc["Liens de coopération", R.REGION_COUNT] == 3
    assert head.loc["Liens de coopération", R.NATION_COUNT] == 10
    assert head.loc["Pays partenaires", R.REGION_SHARE] == pytest.approx(2 / 3)


# ---------------------------------------------------------------------------
# Named collectivities
# ---------------------------------------------------------------------------
def test_named_summary_counts_links_real_links_and_countries() -> None:
    named = pd.DataFrame(
        {
            S.BROCHURE_NAME: ["Halluin", "Département du Nord"],
            S.TYPE: ["commune", "departement"],
            S.CODE: ["59279", "59"],
            S.NAME: ["Halluin", "Nord"],
            S.NOTE: [np.nan, "Une note"],
        }
    )
    df = links([("59", "Cameroun", "santé", True), ("59", "Équateur", "santé"), ("59", "Albanie", "santé")])
    df[S.FR_CODE] = ["59279", "59279", "59350"]
    out = R.named_summary(named, df)
    assert out[S.COUNT].tolist() == [2, 0]
    assert out[R.REAL_LINKS].tolist() == [1, 0]
    assert out[R.COUNTRIES_LIST].tolist() == ["Cameroun, Équateur", ""]
    assert out[S.TYPE].tolist() == ["Commune", "Département"]
    assert out[S.NOTE].tolist() == ["", "Une note"]
    assert R.named_links(df, named)[S.LINK_ID].tolist() == ["l0", "l1"]


# ---------------------------------------------------------------------------
# Areas of the France map
# ---------------------------------------------------------------------------
def areas(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[S.CODE, S.NAME, S.COUNT, S.VALUE])


def test_split_overseas_and_geojson() -> None:
    df = areas([("59", "Nord", 3, 1.0), ("971", "Guadeloupe", 1, 2.0), ("2A", "Corse-du-Sud", 0, 0.0)])
    metro, overseas = R.split_overseas(df, "departement")
    assert metro[S.CODE].tolist() == ["59", "2A"]
    assert overseas[S.CODE].tolist() == ["971"]
    geo = {"type": "FeatureCollection", "features": [{"id": "01"}, {"id": "11"}]}
    assert [f["id"] for f in R.metropolitan_geojson(geo, "region")["features"]] == ["11"]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (
            "per_100k",
            "Carte de France par département, liens pour 100 000 habitants. En tête : Nord (12,5), Ain (3,0), "
            "Aisne (3,0). Valeur médiane : 3,0. 1 département sans aucun lien dans la sélection.",
        ),
        (
            "share_communes",
            f"Carte de France par département, part des communes engagées. En tête : Nord (1\u202f250,0{PCT}), "
            f"Ain (300,0{PCT}), Aisne (300,0{PCT}). Valeur médiane : 300,0{PCT}. "
            "1 département sans aucun lien dans la sélection.",
        ),
    ],
)
def test_area_summary(measure: str, expected: str) -> None:
    # ties (Ain, Aisne) in French alphabetical order; the area without value is left out
    df = areas(
        [("02", "Aisne", 2, 3.0), ("01", "Ain", 2, 3.0), ("59", "Nord", 9, 12.5), ("03", "Allier", 0, 0.0)]
        + [("976", "Mayotte", 0, float("nan"))]
    )
    assert R.area_summary(df, "departement", measure) == expected


def test_area_summary_without_values() -> None:
    assert "aucune valeur" in R.area_summary(areas([]), "region", "per_100k")


def test_point_regions() -> None:
    coll = pd.DataFrame({S.TYPE: ["departement", "departement"], S.CODE: ["59", "75"], S.REGION: ["32", "11"]})
    points = pd.DataFrame(
        {
            S.FR_TYPE: ["commune", "region", "departement"],
            S.FR_CODE: ["59350", "32", "75"],
            S.FR_DEPARTEMENT: ["59", None, "75"],
        }
    )
    assert R.point_regions(points, coll).tolist() == ["32", "32", "11"]


def test_per_area_without_population_has_no_value() -> None:
    coll = pd.DataFrame(
        {
            S.TYPE: ["departement", "departement", "commune", "commune"],
            S.CODE: ["59", "976", "59350", "97601"],
            S.NAME: ["Nord", "Mayotte", "Lille", "Acoua"],
            S.POPULATION: pd.array([200_000, 0, 100_000, 0], dtype="Int64"),
            S.DEPARTEMENT: ["59", "976", "59", "976"],
            S.REGION: ["32", "06", "32", "06"],
        }
    )
    df = links([("59", "Mali", "santé")] * 3)
    df[S.FR_CODE] = "59350"
    df[S.FR_REGION] = "32"
    out = M.per_area(df, coll, "departement", "per_100k").set_index(S.CODE)
    assert out.loc["59", S.VALUE] == pytest.approx(1.5)
    assert math.isnan(out.loc["976", S.VALUE])
    share = M.per_area(df, coll, "departement", "share_communes").set_index(S.CODE)
    assert share.loc["59", S.VALUE] == 1.0
    assert share.loc["976", S.VALUE] == 0.0


# ---------------------------------------------------------------------------
# Safe text
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("**gras** <b>x</b>", r"\*\*gras\*\* \<b\>x\</b\>"),
        ("$x$ :red[y]", r"\$x\$ \:red\[y\]"),
        ("ligne\ncoupée", "ligne coupée"),
        ("Villeneuve-d'Ascq", r"Villeneuve\-d'Ascq"),
    ],
)
def test_escape_markdown(raw: str, escaped: str) -> None:
    assert R.escape_markdown(raw) == escaped


def test_quote_paragraphs_are_separated_by_a_blank_quote_line() -> None:
    text = R.quote_markdown("Premier *paragraphe*.\n\nSecond.\n\n\nTroisième")
    assert text == "> Premier \\*paragraphe\\*\\.\n>\n> Second\\.\n>\n> Troisième"


# ---------------------------------------------------------------------------
# Figures used by the two pages, checked by their data
# ---------------------------------------------------------------------------
def test_france_map_data() -> None:
    df = areas([("59", "Nord & <Co>", 9, 12.5), ("976", "Mayotte", 0, float("nan"))])
    points = pd.DataFrame(
        {
            S.FR_TYPE: ["commune", "epci"],
            S.FR_NAME: ["Lille", "MEL"],
            S.FR_LAT: [50.6, 50.6],
            S.FR_LON: [3.0, 3.1],
            S.COUNT: [4, 9],
            S.DEPARTEMENT: ["59", "59"],
        }
    )
    fig = F.france_map(
        df, {"type": "FeatureCollection", "features": []}, points, measure_label="Liens", percent=False,
        selected=("59",), area_column=S.DEPARTEMENT,
    )  # fmt: skip
    choro = fig.data[0]
    assert list(choro.locations) == ["59", "976"]
    assert list(choro.z) == [12.5, None]
    assert choro.customdata[0][0] == "Nord &amp; &lt;Co&gt;"
    assert choro.marker.line.width[0] == 2.5
    assert [t.name for t in fig.data[1:]] == ["Commune", "Intercommunalité (EPCI)"]
    assert fig.data[1].customdata[0][2] == "59"
    assert fig.layout.hoverdistance == 4


def test_partner_map_draws_approximate_partners_apart() -> None:
    df = links([("59", "Cameroun", "santé", False), ("59", "Bénin", "santé")])
    df[S.PARTNER_APPROX] = [True, False]
    df[S.PARTNER_LAT] = [7.0, 6.5]
    df[S.PARTNER_LON] = [13.0, 2.6]
    df[S.FR_LAT] = [50.7, 50.7]
    df[S.FR_LON] = [3.1, 3.1]
    fig = F.partner_map(df)
    by_name = {t.name: t for t in fig.data}
    exact, approx = by_name["Partenaires (position du lieu)"], by_name["Partenaires en position approchée"]
    assert list(exact.lon) == [2.6]
    assert list(approx.lon) == [13.0]
    assert approx.marker.symbol == "circle-open"
    assert "centre du pays" in approx.customdata[0][3]
    assert approx.customdata[0][4] == "" and exact.customdata[0][4] == "", "no « synthetic » column: nothing said"
    df[S.SYNTHETIC] = [False, True]
    fig = F.partner_map(df)
    by_name = {t.name: t for t in fig.data}
    assert "fictif" in by_name["Partenaires (position du lieu)"].customdata[0][4], "a fixture row says it"
    assert by_name["Partenaires en position approchée"].customdata[0][4] == ""
    assert fig.layout.showlegend is True


def test_share_comparison_chart_has_french_percentages() -> None:
    cmp = comparison([("Cameroun", 12, 60)], 100, 1000)
    fig = F.share_comparison_chart(
        cmp, S.PARTNER_COUNTRY_NAME, R.REGION_SHARE, R.NATION_SHARE, region_label="Région", nation_label="France"
    )
    assert [t.name for t in fig.data] == ["France", "Région"]
    assert list(fig.data[1].x) == [0.12]
    assert list(fig.data[1].text) == [f"12,0{PCT}"]


def _comparison_frame(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """(département, partner country name) per link, fictitious communes."""
    return pd.DataFrame(
        {S.FR_DEPARTEMENT: [d for d, _c in rows], S.PARTNER_COUNTRY_NAME: [c for _d, c in rows]},
    )


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("59", "Testland"), ("75", "Fictivia"), ("62", "Testland")], []),
        ([("59", "Testland"), ("75", "Testland")], ["un pays partenaire (Testland)"]),
        ([("59", "Testland"), ("62", "Fictivia")], ["que des liens de la région"]),
        ([("59", "Testland")], ["que des liens de la région", "un pays partenaire (Testland)"]),
        ([], []),
    ],
)
def test_comparison_limits_say_when_the_filters_make_the_comparison_empty(rows, expected) -> None:
    nation = _comparison_frame(rows)
    region = nation.loc[nation[S.FR_DEPARTEMENT].isin(["59", "62"])]
    reasons = R.comparison_limits(region, nation)
    assert len(reasons) == len(expected)
    for reason, words in zip(reasons, expected, strict=True):
        assert words in reason
