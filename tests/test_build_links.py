"""The build of the bundled links from the raw open records: resolution, merging, report arithmetic.

Resolver cases run on the importer's tiny reference (fictitious homonyms « Saint-Martin » in the
Nord and the Pas-de-Calais); partners are fictitious (« Fictivstadt »). The last tests rebuild the
bundled data once and hold it to the committed files and the committed report summary.
"""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from lianes_dash.build import checks as CK
from lianes_dash.build import links as BL
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.importer.geo_resolve import PointCollectivityIndex
from lianes_dash.importer.testing import tiny_collectivities, tiny_countries

# NOTE: one worker builds the links once (``built``, ~3 s) for the whole module, not one per worker.
pytestmark = pytest.mark.xdist_group("build_links")

NORD_SAINT_MARTIN = (50.5, 3.0)
PDC_SAINT_MARTIN = (50.4, 2.0)


def _former() -> pd.DataFrame:
    """Two fictitious former communes: one merged into Halluin, one name shared by both Saint-Martin."""
    rows = [
        ("59801", "COMD", "Ancienville-lès-Test", "59279", "Halluin", "59", None, 50.77, 3.12),
        ("59802", "COMA", "Vieux-Hameau", "59901", "Saint-Martin", "59", None, 50.5, 3.01),
        ("62802", "COMA", "Vieux-Hameau", "62901", "Saint-Martin", "62", None, 50.4, 2.01),
    ]
    cols = [S.CODE, S.FORMER_KIND, S.NAME, S.PARENT_CODE, S.PARENT_NAME, S.DEPARTEMENT, S.POPULATION, S.LAT, S.LON]
    return S.validate_former_communes(pd.DataFrame(rows, columns=cols))


@pytest.fixture(scope="module")
def index() -> PointCollectivityIndex:
    return PointCollectivityIndex(tiny_collectivities(), _former())


@pytest.mark.parametrize(
    ("name", "point", "code"),
    [
        ("Saint-Martin", (50.51, 3.02), "59901"),  # homonym: the one nearest to the point
        ("Saint-Martin", (50.41, 2.01), "62901"),
        ("St Martin", (50.41, 2.01), "62901"),  # the importer's keys: abbreviations, case, hyphens
        ("Saint-Martin, Pas-de-Calais", None, "62901"),  # Wikipedia's « name, département »
        ("Saint-Martin, Nord", (50.41, 2.01), "59901"),  # the département named wins over a wrong geocode
        ("Dunkirk", None, "59183"),  # English exonym
        ("Halluin", (45.0, 5.0), "59279"),  # a unique name stays itself, even far from the point
        ("Département du Nord", None, "59"),
        ("Ancienville-lès-Test", None, "59279"),  # a former commune: its commune of today
        ("Ancienville-les-Test (Halluin)", None, "59279"),  # a precision in parentheses
        ("Vieux-Hameau", (50.41, 2.0), "62901"),  # a former name shared by two: the point decides
        ("Vieux-Hameau, Nord", None, "59901"),
        ("Hauts-de-France", None, "32"),
    ],
)
def test_french_side_is_resolved(index: PointCollectivityIndex, name: str, point, code: str) -> None:
    found = index.resolve_point(name, point)
    assert found.error is None, found.error
    assert index.codes[found.row] == code


@pytest.mark.parametrize(
    ("name", "point", "words"),
    [
        ("Saint-Martin", None, "homonymes sans coordonnées"),
        ("Saint-Martin", (50.45, 2.5), "ne départage pas"),  # half-way: never guessed
        ("Saint-Martin", (43.3, 5.4), "ne départage pas"),  # far from both
        ("Villefictive-sur-Test", (50.0, 3.0), "inconnue"),
        ("", None, "manquant"),
    ],
)
def test_unresolved_names_are_reported_not_guessed(index: PointCollectivityIndex, name, point, words) -> None:
    found = index.resolve_point(name, point)
    assert found.row is None
    assert words in str(found.error)


def test_far_point_on_a_unique_name_is_said(index: PointCollectivityIndex) -> None:
    assert "km de la collectivité" in index.resolve_point("Halluin", (45.0, 5.0)).how


def test_start_of_a_name_only_with_a_trusted_point(index: PointCollectivityIndex) -> None:
    """« Sainte-Marie » near « Sainte-Marie-d'Œuvre »: read as it only from the place's own coordinate."""
    near = (50.21, 3.21)
    trusted = index.resolve_point("Sainte-Marie", near, trusted_point=True)
    assert index.codes[trusted.row] == "59902" and "début du nom" in trusted.how
    assert index.resolve_point("Sainte-Marie", near, trusted_point=False).row is None
    assert index.resolve_point("Sainte-Marie", (48.0, 0.0), trusted_point=True).row is None


@pytest.mark.parametrize(
    ("label", "iso3"),
    [
        ("England, United Kingdom", "GBR"),
        ("United Kingdom", "GBR"),
        ("Republic of the Congo", "COG"),
        ("Palestinian territories", "PSE"),
        ("Réunion, France", "FRA"),
        ("Prussia", None),
    ],
)
def test_country_labels(label: str, iso3: str | None) -> None:
    assert BL.CountryResolver(tiny_countries())(label)[0] == iso3


def _row(source: str, file: str, line: int, partner: str, point, fr_row: int = 0, iso3: str = "DEU") -> BL.RawRow:
    row = BL.RawRow(source, file, line, fr_name="Halluin", partner_name=partner, partner_country="Germany")
    row.partner_point, row.fr_row, row.iso3 = point, fr_row, iso3
    return row


def test_same_pair_from_both_sides_and_both_sources_is_one_link() -> None:
    rows = [
        _row("wikipedia", "raw/wp.csv", 7, "Fictivstadt am Fluss", (51.001, 7.001)),  # other spelling, same place
        _row("wikidata", "raw/wd/germany.tsv", 3, "Fictivstadt", (51.0, 7.0)),  # the foreign side's statement
        _row("wikidata", "raw/wd/france.tsv", 2, "Fictivstadt", (51.0, 7.0)),
        _row("wikidata", "raw/wd/france.tsv", 4, "Autreville", (52.0, 9.0)),  # another partner
        _row("wikidata", "raw/wd/france.tsv", 5, "Fictivstadt", (51.0, 7.0), iso3="POL"),  # another country
    ]
    links = BL.merge(rows)
    sizes = sorted(len(m) for m in links)
    assert sizes == [1, 1, 3]
    three = next(m for m in links if len(m) == 3)
    # Wikidata first (its name and point lead), then by file and line.
    assert [r.ref for r in three] == ["wd/france.tsv:2", "wd/germany.tsv:3", "wp.csv:7"]


class _Outlines:
    def __init__(self, holds: dict[str, bool]) -> None:
        self._holds = holds

    def holds(self, iso3: str, point) -> bool:
        return self._holds.get(iso3, False)


def test_partner_given_two_countries_keeps_the_one_its_point_is_in() -> None:
    rows = [
        _row("wikidata", "raw/wd/france.tsv", 2, "Fictivborg", (57.7, 11.9), iso3="DNK"),
        _row("wikidata", "raw/wd/france.tsv", 3, "Fictivborg", (57.7, 11.9), iso3="SWE"),
    ]
    BL._decide_countries(rows, _Outlines({"SWE": True}))  # type: ignore[arg-type]
    assert {r.iso3 for r in rows} == {"SWE"}
    changed = [r for r in rows if r.alternatives]
    assert len(changed) == 1 and "pays en double" in changed[0].how
    assert len(BL.merge(rows)) == 1


def test_two_countries_the_point_does_not_decide_are_a_reported_conflict_not_a_tie_break() -> None:
    """No alphabetical choice (it put Tyresö and Oxelösund in Denmark): both stay, and the report says so."""
    rows = [
        _row("wikidata", "raw/wd/france.tsv", 2, "Fictivborg", (57.7, 11.9), iso3="DNK"),
        _row("wikidata", "raw/wd/france.tsv", 3, "Fictivborg", (57.7, 11.9), iso3="SWE"),
    ]
    BL._decide_countries(rows, _Outlines({}))  # type: ignore[arg-type]
    assert [r.iso3 for r in rows] == ["DNK", "SWE"]
    assert all("pays en conflit" in r.how for r in rows)


# ---------------------------------------------------------------------------
# The bundled build
# ---------------------------------------------------------------------------
#: The tests of the whole build from the raw snapshots (~5 s): left to the full run, as the other full sizes.
FULL_BUILD = pytest.mark.slow


@pytest.fixture(scope="module")
def built() -> BL.Build:
    return BL.build()


@FULL_BUILD
def test_build_is_the_committed_data(built: BL.Build) -> None:
    """``make data`` gives the same bytes as the files in the repo (run ``python -m lianes_dash.build.links``)."""
    base = D.data_dir()
    stale = [str(p.relative_to(base)) for p, b in BL.outputs(built, base).items() if p.read_bytes() != b]
    assert stale == []


@FULL_BUILD
def test_every_raw_row_is_accounted_for(built: BL.Build) -> None:
    summary = built.summary
    for rel, entry in summary["raw_files"].items():
        if "rows" in entry:
            assert sum(entry["rows"].values()) == entry["lines"] - 1, rel  # the header is line 1
    assert sum(summary["rows"].values()) == len(built.rows)
    report = BL.report_frame(built.rows)
    assert len(report) == len(built.rows) - summary["rows"][BL.OUT_OF_SCOPE]
    assert set(report[S.BUILD_STATUS]) <= {BL.KEPT, BL.MERGED, BL.LEFT_OUT}
    # Each kept row is one link; merged rows point at a link that exists; left-out rows say why.
    brochure_only = int(built.links[S.SOURCE_ROWS].isna().sum())
    assert (report[S.BUILD_STATUS] == BL.KEPT).sum() + brochure_only == len(built.links)
    assert set(report.loc[report[S.BUILD_STATUS] != BL.LEFT_OUT, S.LINK_ID]) <= set(built.links[S.LINK_ID])
    assert report.loc[report[S.BUILD_STATUS] == BL.LEFT_OUT, S.REPORT_REASON].notna().all()


@FULL_BUILD
def test_committed_summary_holds_the_counts(built: BL.Build) -> None:
    committed = json.loads((D.data_dir() / BL.SUMMARY_JSON).read_text(encoding="utf-8"))
    assert committed == built.summary
    # Orders of magnitude the sources' README states (several thousand links, ~110 countries).
    assert 4_000 < built.summary["links"] < 6_500
    assert 100 <= built.summary["countries"] <= 130
    assert built.summary["links_in_wikidata_and_wikipedia"] > 1_000


def test_geocoded_pairs_are_pairs_of_the_raw_file() -> None:
    base = D.data_dir()

    def keys(rel: str) -> list[tuple[str, ...]]:
        with (base / rel).open(encoding="utf-8", newline="") as handle:
            return [(r["city1"], r["country1"], r["city2"], r["country2"]) for r in csv.DictReader(handle)]

    assert set(keys(BL.WIKIPEDIA_GEOCODED)) <= set(keys(BL.WIKIPEDIA_PAIRS))


@FULL_BUILD
@pytest.mark.parametrize(
    ("fr_name", "partner", "iso3"),
    [("Lille", "Cologne", "DEU"), ("Brest", "Plymouth", "GBR"), ("Versailles", "Nara", "JPN")],
)
def test_known_twinnings_are_there_with_both_sources(built: BL.Build, fr_name: str, partner: str, iso3: str) -> None:
    links = built.links
    row = links.loc[(links[S.FR_NAME] == fr_name) & (links[S.PARTNER_NAME] == partner)]
    assert len(row) == 1
    assert row[S.PARTNER_COUNTRY].iloc[0] == iso3
    assert S.split_sources(row[S.SOURCE].iloc[0]) == ["wikidata", "wikipedia"]


@FULL_BUILD
def test_no_domestic_no_duplicate_no_synthetic(built: BL.Build) -> None:
    links = built.links
    assert not links[S.PARTNER_COUNTRY].isin(list(BL.FRENCH_TERRITORIES)).any()
    assert not links[S.SYNTHETIC].any()
    key = links[S.PARTNER_NAME].map(BL.partner_key)
    assert not pd.concat([links[[S.FR_TYPE, S.FR_CODE, S.PARTNER_COUNTRY]], key], axis=1).duplicated().any()


@FULL_BUILD
def test_source_rows_point_at_the_raw_lines(built: BL.Build) -> None:
    """A journalist can open the raw file at the line a link cites and read both names there."""
    base = D.data_dir() / "raw"
    lines: dict[str, list[str]] = {}
    sample = built.links.loc[built.links[S.SOURCE_ROWS].notna()].iloc[::97]
    for rec in sample.itertuples(index=False):
        for ref in getattr(rec, S.SOURCE_ROWS).split(S.SOURCE_SEP):
            rel, line = ref.rsplit(":", 1)
            text = lines.setdefault(rel, (base / rel).read_text(encoding="utf-8").splitlines())[int(line) - 1]
            assert getattr(rec, S.PARTNER_NAME).split()[0] in text, ref


@FULL_BUILD
def test_brochure_partnerships_keep_their_facts(built: BL.Build) -> None:
    links = built.links
    mine = links.loc[links[S.SOURCE].map(lambda c: "brochure" in S.split_sources(c))]
    assert sorted(mine[S.PARTNER_NAME]) == ["Kawara", "Nkong-Zem"]
    halluin = mine.loc[mine[S.PARTNER_NAME] == "Nkong-Zem"].iloc[0]
    assert halluin[S.START_YEAR] == 2003 and "santé" in S.split_themes(halluin[S.THEMES_COL])
    assert bool(halluin[S.PARTNER_APPROX])
    # Placed at Dschang, near Nkong-Zem (about 5.45 N, 10.07 E), not at Cameroon's centre.
    assert abs(halluin[S.PARTNER_LAT] - 5.45) < 0.2 and abs(halluin[S.PARTNER_LON] - 10.07) < 0.2


# ---------------------------------------------------------------------------
# Issue 27: none of the errors it names is left in the rebuilt links
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def geo() -> CK.Geography:
    return CK.Geography(
        D.load_geojson(D.COUNTRIES_GEOJSON), D.load_countries(), D.load_geojson(D.DEPARTEMENTS_GEOJSON), D.load_places()
    )


def _links_of(built: BL.Build, partner: str, fr_name: str | None = None) -> pd.DataFrame:
    links = built.links
    mine = links.loc[links[S.PARTNER_NAME].str.contains(partner, regex=False)]
    return mine if fr_name is None else mine.loc[mine[S.FR_NAME] == fr_name]


@FULL_BUILD
@pytest.mark.parametrize(
    ("partner", "fr_type", "fr_code"),
    [
        ("Khan Yunis", "commune", "91228"),  # Évry-Courcouronnes, not Évry (Yonne, 386 inhabitants)
        ("Kayes", "commune", "91228"),
        ("Troisdorf", "commune", "91228"),
        ("Bexley", "commune", "91228"),
        ("Nowy Targ", "commune", "91228"),
        ("Baunatal", "commune", "14762"),  # Vire Normandie, not Viré
        ("Săcele", "commune", "14762"),
        ("Seia", "commune", "61145"),  # Domfront en Poiraie (Orne), not Domfront (Oise)
        ("Sundern", "commune", "49301"),  # Torfou: Sèvremoine
        ("Stepps", "commune", "73151"),  # Les Marches: Porte-de-Savoie
        ("Cluj-Napoca", "departement", "03"),  # the Allier
        ("Aalter", "departement", "23"),  # the Creuse (Wikipedia's row)
        ("Tianjin", "departement", "974"),  # « Réunion », not a village
        ("Hawaii County", "departement", "974"),
        ("Harbin", "epci", "200033579"),  # Arras (communauté)
        ("Zhenjiang", "epci", "200070647"),  # Bergerac (communauté)
    ],
)
def test_french_side_errors_of_issue_27_are_gone(built: BL.Build, partner: str, fr_type: str, fr_code: str) -> None:
    mine = _links_of(built, partner)
    assert ((mine[S.FR_TYPE] == fr_type) & (mine[S.FR_CODE] == fr_code)).any(), mine[[S.FR_NAME, S.FR_CODE]]
    # Évry (Yonne), Viré, Domfront (Oise), Thizy (Yonne), Torfou (Essonne), Marches, Allier, Creuse, La Réunion.
    wrong = {"89162", "71584", "60200", "89412", "91619", "26173", "65005", "80225", "47222"}
    assert not mine[S.FR_CODE].isin(list(wrong)).any()


@FULL_BUILD
@pytest.mark.parametrize(
    ("fr_name", "partner", "iso3", "n"),
    [
        ("Savigny-le-Temple", "Tyresö", "SWE", 1),
        ("Granville", "Oxelösund", "SWE", 1),
        ("Lyon", "Gothenburg", "SWE", 1),
        ("Marseille", "Copenhagen", "DNK", 1),
        ("Villefranche-sur-Saône", "Călărași", "ROU", 1),  # Wikidata's; Wikipedia's Moldova merged, the conflict said
        ("Creil", "Dakhla", "ESH", 1),  # Western Sahara (ISO 3166-1 ESH), south of 27°40' N
        ("Le Mans", "Haouza", "ESH", 1),
        ("Deauville", "Kildare", "IRL", 1),
        ("Dijon", "Prague 6", "CZE", 1),
        ("Clichy", "Southwark", "GBR", 1),
        ("Bruyères", "Honolulu", "USA", 1),
        ("Anor", "Aken", "DEU", 1),
        ("Bagnolet", "Massala", "MLI", 1),
        ("Châtenay-Malabry", "Wellington", "GBR", 1),
    ],
)
def test_one_link_per_partner_in_its_country(built: BL.Build, fr_name: str, partner: str, iso3: str, n: int) -> None:
    mine = _links_of(built, partner, fr_name)
    assert len(mine) == n and set(mine[S.PARTNER_COUNTRY]) == {iso3}, mine[[S.PARTNER_NAME, S.PARTNER_COUNTRY]]


@FULL_BUILD
def test_melle_is_twinned_with_two_melles(built: BL.Build) -> None:
    assert sorted(_links_of(built, "Melle", "Melle")[S.PARTNER_COUNTRY]) == ["BEL", "DEU"]


@FULL_BUILD
@pytest.mark.parametrize(
    ("fr_name", "partner", "approx"),
    [
        ("Bagnolet", "Massala", False),
        ("Creil", "Nabadji Civol", True),
        ("Honfleur", "Plyos", False),
        ("Lamotte-Beuvron", "Paris", False),
        ("Saint-Dié-des-Vosges", "Lorraine", False),
        ("Châtenay-Malabry", "Wellington", False),
        ("Ligné", "Norton", False),
        ("Bruges", "Polanco", False),
        ("Berry-Bouy", "Brampton", False),
        ("Nogent-sur-Oise", "Aida Camp", True),
        ("Savigny-le-Temple", "Ndjili", True),  # the centre of Congo, now said to be approximate
    ],
)
def test_partners_are_placed_in_their_country(built: BL.Build, geo: CK.Geography, fr_name, partner, approx) -> None:
    row = _links_of(built, partner, fr_name).iloc[0]
    point = (row[S.PARTNER_LAT], row[S.PARTNER_LON])
    assert bool(row[S.PARTNER_APPROX]) is approx
    assert approx or geo.holds(row[S.PARTNER_COUNTRY], point)
    assert not geo.in_france(point)


@FULL_BUILD
def test_issy_ichikawa_is_ichikawa_in_chiba(built: BL.Build) -> None:
    row = _links_of(built, "Ichikawa", "Issy-les-Moulineaux").iloc[0]
    assert abs(row[S.PARTNER_LAT] - 35.72) < 0.1 and abs(row[S.PARTNER_LON] - 139.93) < 0.1  # not Hyōgo (134.76° E)


@FULL_BUILD
def test_anor_aken_is_aken_on_the_elbe_not_aachen(built: BL.Build) -> None:
    row = _links_of(built, "Aken", "Anor").iloc[0]
    assert row[S.PARTNER_LON] > 11  # Aken (Elbe), not Aachen (6.08° E)


@FULL_BUILD
def test_no_foreign_partner_is_drawn_inside_france(built: BL.Build, geo: CK.Geography) -> None:
    links = built.links
    inside = [
        f"{r[S.FR_NAME]} – {r[S.PARTNER_NAME]}"
        for r in links.to_dict("records")
        if CK.point_problem(r[S.PARTNER_COUNTRY], (r[S.PARTNER_LAT], r[S.PARTNER_LON]), geo).endswith("France")
    ]
    assert inside == []


@FULL_BUILD
def test_build_report_counts_each_check(built: BL.Build) -> None:
    checks = built.summary["checks"]
    assert list(checks) == list(CK.CHECKS)
    assert checks[CK.FRENCH_SIDE][CK.RERESOLVED] >= 18
    assert checks[CK.COUNTRY][CK.RERESOLVED] > 0 and checks[CK.DUPLICATES][CK.MERGED] >= 10
    assert checks[CK.PARTNER_POINT][CK.REPLACED] > 0 and checks[CK.PARTNER_POINT][CK.APPROX] > 0
    report = BL.report_frame(built.rows)
    merged = report.loc[report[S.BUILD_CHECKS].fillna("").str.contains(f"{CK.DUPLICATES} : {CK.MERGED}")]
    # Each merge names both raw rows: this one and the lead's.
    assert len(merged) and merged[S.BUILD_CHECKS].str.contains("lien de tête").all()


# ---------------------------------------------------------------------------
# Issue 27, item 3: P190 says « jumelage ou partenariat », not « jumelage »
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sources", "kinds"),
    [
        # An open twinning record (P190, a « twin towns » list) cannot tell a twinning from a partnership.
        ({"wikidata"}, {S.P190_KIND}),
        ({"wikipedia"}, {S.P190_KIND}),
        ({"wikidata", "wikipedia"}, {S.P190_KIND}),
        # The brochure's partnerships keep the kind the brochure gives them.
        ({"brochure"}, {"jumelage", "coopération décentralisée"}),
    ],
)
def test_open_records_are_typed_twinning_or_partnership(sources: set[str], kinds: set[str]) -> None:
    links = pd.read_csv(D.data_dir() / D.NATIONAL_LINKS_CSV, dtype=str, keep_default_na=False)
    has = links[S.SOURCE].map(lambda c: set(S.split_sources(c)) == sources)
    assert has.any()
    assert set(links.loc[has, S.KIND]) == kinds
    assert S.P190_KIND in S.KINDS
