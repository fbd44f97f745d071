"""Ranking of peers (``lianes_dash.analysis.peers``) on small hand-built frames: three fictitious communes beat a fixture."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lianes_dash.analysis import peers as P
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import NNBSP, fold
from tests.builders import link_rows

WATER, HEALTH, WASTE = "gestion de l'eau", "santé", "gestion des déchets"

#: Reference collectivities: (type, code, name, population, département, région, lat, lon).
COLL = [
    ("commune", "59279", "Halluin", 20_800, "59", "32", 50.7751, 3.1242),
    ("commune", "59350", "Lille", 236_000, "59", "32", 50.6365, 3.0635),
    ("commune", "62001", "Arras", 41_000, "62", "32", 50.2910, 2.7775),
    ("commune", "62002", "Écourt", 1_500, "62", "32", 50.2500, 3.0600),
    ("commune", "62003", "Eaucourt", 1_400, "62", "32", 50.2500, 3.0600),
    ("commune", "13055", "Marseille", 870_000, "13", "93", 43.2965, 5.3698),
    ("commune", "33063", "Bordeaux", 260_000, "33", "75", 44.8378, -0.5792),
    ("commune", "67482", "Strasbourg", 290_000, "67", "44", 48.5734, 7.7521),
]
COUNTRIES = pd.DataFrame(
    {
        S.ISO3: ["BFA", "MLI", "CMR", "DEU", "NZL"],
        S.NAME_FR: ["Burkina Faso", "Mali", "Cameroun", "Allemagne", "Nouvelle-Zélande"],
        S.CONTINENT: ["Afrique", "Afrique", "Afrique", "Europe", "Océanie"],
    }
)


def _collectivities() -> pd.DataFrame:
    df = pd.DataFrame(COLL, columns=[S.TYPE, S.CODE, S.NAME, S.POPULATION, S.DEPARTEMENT, S.REGION, S.LAT, S.LON])
    df[S.POPULATION] = df[S.POPULATION].astype("Int64")
    return df


def _links(rows: list[tuple[str, str, str, str, int | None]], categorical: bool = True) -> pd.DataFrame:
    """Links from (French code, partner, country ISO, themes, start year); commune type, enriched like ``data``."""
    coll = _collectivities().set_index(S.CODE)
    countries = COUNTRIES.set_index(S.ISO3)
    out = []
    for i, (code, partner, iso, themes, year) in enumerate(rows):
        c = coll.loc[code]
        out.append(
            {
                S.FR_CODE: code,
                S.FR_NAME: c[S.NAME],
                S.FR_DEPARTEMENT: c[S.DEPARTEMENT],
                S.FR_REGION: c[S.REGION],
                S.PARTNER_NAME: partner,
                S.PARTNER_COUNTRY: iso,
                S.KIND: "jumelage" if i % 2 else "aide au développement",
                S.THEMES_COL: themes,
                S.START_YEAR: year,
                S.FR_LAT: c[S.LAT],
                S.FR_LON: c[S.LON],
                S.FR_POPULATION: c[S.POPULATION],
                S.FR_DEPARTEMENT_NAME: c[S.DEPARTEMENT],
                S.FR_REGION_NAME: c[S.REGION],
                S.PARTNER_COUNTRY_NAME: countries.loc[iso, S.NAME_FR],
                S.PARTNER_CONTINENT: countries.loc[iso, S.CONTINENT],
            }
        )
    cats = (S.FR_TYPE, S.FR_DEPARTEMENT, S.FR_REGION, S.PARTNER_COUNTRY, S.KIND, S.THEMES_COL,
            S.PARTNER_CONTINENT, S.PARTNER_COUNTRY_NAME)  # fmt: skip
    return link_rows(out, categorical=cats if categorical else ())


HALLUIN = "commune:59279"
WATER_BFA = P.PeerQuery(origin=HALLUIN, country="BFA", themes=(WATER,))

ROWS = [
    ("13055", "Kaya", "BFA", WATER, 1990),  # far, tier 1
    ("62001", "Réo", "BFA", f"{WATER}|{HEALTH}", 2001),  # near, tier 1
    ("59350", "Koudougou", "BFA", HEALTH, 1995),  # nearest, tier 2 (other theme)
    ("33063", "Bamako", "MLI", WATER, 2005),  # tier 3 (same theme, same zone)
    ("67482", "Stuttgart", "DEU", WATER, 1962),  # not in the zone: no match
    ("59279", "Kawara", "BFA", WATER, 2004),  # the user's own link: never a peer
]


def _rank(rows=ROWS, query=WATER_BFA, categorical: bool = True) -> pd.DataFrame:
    return P.rank_peers(_links(rows, categorical), query, _collectivities(), COUNTRIES)


@pytest.mark.parametrize("categorical", [True, False])
def test_tiers_come_first_then_distance(categorical: bool) -> None:
    r = _rank(categorical=categorical)
    assert r[S.FR_NAME].tolist() == ["Arras", "Marseille", "Lille", "Bordeaux"]
    assert r[S.PEER_TIER].tolist() == [1, 1, 2, 3]
    assert "Halluin" not in r[S.FR_NAME].tolist()


def test_reasons_are_data_and_a_french_phrase() -> None:
    r = _rank().set_index(S.FR_NAME)
    arras = r.loc["Arras"]
    assert bool(arras[S.SAME_COUNTRY]) and bool(arras[S.SAME_THEME]) and bool(arras[S.SAME_ZONE])
    assert bool(arras[S.SAME_REGION]) and not bool(arras[S.SAME_DEPARTEMENT])
    expected_km = P.haversine_km(50.7751, 3.1242, np.array([50.2910]), np.array([2.7775]))[0]
    assert arras[S.DISTANCE_KM] == pytest.approx(expected_km, abs=0.1)
    assert 50 < arras[S.DISTANCE_KM] < 65  # Halluin → Arras, as the crow flies
    assert arras[S.MATCH_REASON] == f"même pays partenaire, même thème, {round(expected_km)} km, taille comparable"
    assert arras[S.SIZE_BAND] == "20 000 à 100 000 hab."
    assert r.loc["Lille", S.MATCH_REASON].startswith("même pays partenaire, ")
    assert not bool(r.loc["Lille", S.SAME_THEME])
    assert r.loc["Bordeaux", S.MATCH_REASON].startswith("même zone (Afrique), même thème, ")
    assert r.loc["Marseille", S.MATCH_REASON].endswith(" km")  # no size note: Marseille is larger
    # Partners, themes (asked-for theme first) and years of the best-tier links.
    assert arras[S.PEER_PARTNERS] == "Réo (Burkina Faso)"
    assert arras[S.PEER_THEMES] == f"{WATER}, {HEALTH}"
    assert arras[S.FIRST_YEAR] == 2001
    assert r.loc["Lille", S.N_MATCHING_LINKS] == 1


def test_criteria_not_stated_are_na_not_false() -> None:
    r = _rank(query=P.PeerQuery(country="BFA"))
    assert r[S.SAME_THEME].isna().all() and r[S.DISTANCE_KM].isna().all() and r[S.SAME_KIND].isna().all()
    # No origin: Halluin is a peer like the others. Tier 3 widens to the zone (Bordeaux, in Mali).
    assert r[S.PEER_TIER].tolist() == [1, 1, 1, 1, 3]
    assert r[S.SAME_COUNTRY].tolist() == [True, True, True, True, False]
    assert set(r[S.FR_NAME].head(4)) == {"Marseille", "Arras", "Lille", "Halluin"}
    assert r[S.MATCH_REASON].tolist()[-1] == "même zone (Afrique)"


def test_without_origin_ties_are_broken_by_name_the_french_way() -> None:
    rows = [
        ("62003", "A", "BFA", WATER, None),
        ("62002", "B", "BFA", WATER, None),
        ("33063", "C", "BFA", WATER, None),
    ]
    r = _rank(rows, P.PeerQuery(country="BFA", themes=(WATER,)))
    # Accents ignored: « Écourt » sorts as « ecourt », after « eaucourt » (not after Z).
    assert r[S.FR_NAME].tolist() == sorted(["Eaucourt", "Écourt", "Bordeaux"], key=lambda n: (fold(n), n))
    assert r[S.FR_NAME].tolist() == ["Bordeaux", "Eaucourt", "Écourt"]
    # Same input in another row order: same output (deterministic).
    r2 = _rank(rows[::-1], P.PeerQuery(country="BFA", themes=(WATER,)))
    assert r2[S.FR_NAME].tolist() == r[S.FR_NAME].tolist()


def test_equal_distance_falls_back_to_size_then_name() -> None:
    # Écourt and Eaucourt are at the same point; Halluin (20 800) is nearer in size to neither:
    # from Arras (41 000), both are « moins de 2 000 »: the name decides.
    rows = [("62003", "A", "BFA", WATER, None), ("62002", "B", "BFA", WATER, None), ("59279", "C", "BFA", WATER, None)]
    r = _rank(rows, P.PeerQuery(origin="commune:62001", country="BFA", themes=(WATER,)))
    assert r[S.FR_NAME].tolist()[:2] == ["Eaucourt", "Écourt"]
    assert r[S.DISTANCE_KM].iloc[0] == r[S.DISTANCE_KM].iloc[1]


def test_kind_breaks_ties_when_asked() -> None:
    rows = [("62003", "A", "BFA", WATER, None), ("62002", "B", "BFA", WATER, None)]  # kinds: aide…, jumelage
    r = _rank(rows, P.PeerQuery(country="BFA", themes=(WATER,), kind="jumelage"))
    assert r[S.FR_NAME].tolist() == ["Écourt", "Eaucourt"]
    assert r[S.SAME_KIND].tolist() == [True, False]
    assert "même type de lien" in r[S.MATCH_REASON].iloc[0]


def test_empty_result_has_a_helpful_computed_message() -> None:
    links = _links(ROWS)
    query = P.PeerQuery(origin=HALLUIN, country="BFA", themes=(WASTE,))
    r = P.rank_peers(links, query, _collectivities(), COUNTRIES)
    assert not (r[S.PEER_TIER] == 1).any()
    message = P.no_exact_match_message(r, query, links, COUNTRIES)
    # Widening to the country alone gives Marseille, Arras, Lille (Halluin itself excluded).
    n = len(links)
    assert message == (
        f"Aucun lien au Burkina Faso n'a le thème « gestion des déchets » parmi les thèmes connus (thèmes connus "
        f"pour les {n} liens) ; en élargissant au pays seul (tous thèmes) : 3 résultats."
    )
    nothing = P.PeerQuery(country="NZL", themes=(WATER,))
    r = P.rank_peers(links, nothing, _collectivities(), COUNTRIES)
    assert r.empty and list(r.columns) == list(P.PEER_RESULT_COLUMNS)
    message = P.no_exact_match_message(r, nothing, links, COUNTRIES)
    assert message.startswith(
        "Aucun lien en Nouvelle-Zélande n'a le thème « gestion de l'eau » parmi les thèmes connus"
    )
    assert "au thème seul, partout dans le monde : 5 résultats" in message
    assert P.no_exact_match_message(_rank(), WATER_BFA, links, COUNTRIES) is None


def test_partners_abroad_ranked_by_french_partners() -> None:
    rows = [*ROWS, ("33063", "Kaya", "BFA", WATER, 1980), ("62002", "Kaya", "BFA", f"{WATER}|{HEALTH}", None)]
    p = P.partner_candidates(_links(rows), WATER_BFA, _collectivities(), COUNTRIES)
    assert p[S.PARTNER_NAME].tolist() == ["Kaya", "Kawara", "Réo", "Bamako"]
    kaya = p.iloc[0]
    assert kaya[S.N_COLLECTIVITIES] == 3 and kaya[S.FIRST_YEAR] == 1980
    assert kaya[S.FR_PARTNERS] == "Bordeaux, Écourt, Marseille"
    assert bool(p.set_index(S.PARTNER_NAME).loc["Kawara", S.ALREADY_PARTNER])
    assert p[S.SAME_COUNTRY].tolist() == [True, True, True, False]
    assert "Koudougou" not in p[S.PARTNER_NAME].tolist()  # not on the theme


def test_distance_text_has_french_thousands() -> None:
    assert P._km_text(np.array([23.4, 1234.6, np.nan])).tolist() == ["23 km", f"1{NNBSP}235 km", ""]


def test_listing_caps_names() -> None:
    labels = np.array(["A", "B", "C", "D", "E", "F"], dtype=object)
    out = P._listing(np.zeros(6, dtype=np.int64), np.arange(6), labels, 2)
    assert out.tolist() == ["A, B, C, D et 2 autres", ""]


def test_index_of_the_unfiltered_dataset_gives_the_same_ranking_on_a_filtered_view() -> None:
    links = _links(ROWS)
    index = P.build_index(links)
    view = links.loc[links[S.FR_DEPARTEMENT].astype(str) != "13"]
    with_index = P.rank_peers(view, WATER_BFA, _collectivities(), COUNTRIES, index)
    without = P.rank_peers(view, WATER_BFA, _collectivities(), COUNTRIES)
    pd.testing.assert_frame_equal(with_index, without)
    assert "Marseille" not in with_index[S.FR_NAME].tolist()


@pytest.mark.parametrize(
    ("population", "band"),
    [(0, 0), (1_999, 0), (2_000, 1), (9_999, 1), (10_000, 2), (20_000, 3), (99_999, 3), (100_000, 4), (None, -1)],
)
def test_size_bands(population, band) -> None:
    assert P.size_band_index(pd.array([population], dtype="Int64"))[0] == band


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("Burkina Faso", "au Burkina Faso"),
        ("Côte d'Ivoire", "en Côte d'Ivoire"),
        ("États-Unis", "aux États-Unis"),
        ("Madagascar", "à Madagascar"),
        ("Mexique", "au Mexique"),
        ("Sénégal", "au Sénégal"),
        ("Allemagne", "en Allemagne"),
        ("Haïti", "à Haïti"),
        ("Îles Cook", "aux Îles Cook"),
        ("Iran", "en Iran"),
        ("Cameroun", "au Cameroun"),
    ],
)
def test_country_prepositions(name: str, phrase: str) -> None:
    assert P.in_country(name) == phrase


def test_haversine_known_distance() -> None:
    # Paris → Lille is about 204 km as the crow flies.
    d = P.haversine_km(48.8566, 2.3522, np.array([50.6292]), np.array([3.0573]))[0]
    assert d == pytest.approx(204, abs=2)


def test_download_rows_are_the_peers_links_in_rank_order_with_provenance_and_no_formula() -> None:
    import datetime as dt
    import io
    import zipfile

    from lianes_dash.views import export as E

    rows = [*ROWS, ("62002", '=HYPERLINK("http://x")', "BFA", WATER, 2000)]
    links = _links(rows)
    peers = P.rank_peers(links, WATER_BFA, _collectivities(), COUNTRIES)
    best = P.matching_links(links, WATER_BFA, COUNTRIES, peers=peers)
    # One row per best-tier link, in the peers' rank order; Halluin's own link left out.
    assert best[S.FR_NAME].drop_duplicates().tolist() == peers[S.FR_NAME].tolist()
    assert best[S.PEER_TIER].tolist() == [1, 1, 1, 2, 3]
    assert "Halluin" not in set(best[S.FR_NAME])
    day = dt.date(2026, 11, 26)
    meta = E.meta_for(best, dataset="test", imported=False, filter_lines=["Recherche de pairs"], day=day)
    with zipfile.ZipFile(io.BytesIO(E.zip_bytes(best, meta))) as zf:
        csv = zf.read(E.file_name(day, "csv")).decode(E.CSV_ENCODING)
        readme = zf.read(E.README_NAME).decode(E.CSV_ENCODING)
    assert "'=HYPERLINK" in csv and ";=HYPERLINK" not in csv
    assert "Recherche de pairs" in readme and "Wikidata contributors" in readme and "ILLUSTRATIVES" not in readme


def test_the_download_can_lead_with_the_ranking_columns() -> None:
    """The peers' download writes rank, reason and distance first, with their French labels."""
    import datetime as dt
    import io
    import zipfile

    from lianes_dash.views import export as E

    links = _links(ROWS)
    peers = P.rank_peers(links, WATER_BFA, _collectivities(), COUNTRIES)
    best = P.matching_links(links, WATER_BFA, COUNTRIES, peers=peers)
    keys = best[S.FR_TYPE].astype(str) + ":" + best[S.FR_CODE].astype(str)
    best = best.assign(**{S.MATCH_REASON: keys.map(peers.set_index(S.FR_KEY)[S.MATCH_REASON]).to_numpy()})
    day = dt.date(2026, 11, 26)
    lead = (S.PEER_TIER, S.MATCH_REASON)
    meta = E.meta_for(best, dataset="test", imported=False, filter_lines=[], day=day, lead_columns=lead)
    with zipfile.ZipFile(io.BytesIO(E.zip_bytes(best, meta))) as zf:
        csv = zf.read(E.file_name(day, "csv")).decode(E.CSV_ENCODING)
        readme = zf.read(E.README_NAME).decode(E.CSV_ENCODING)
    header, first = csv.lstrip("\ufeff").split("\r\n")[:2]
    assert header.split(";")[:2] == [S.label(S.PEER_TIER), S.label(S.MATCH_REASON)]
    assert first.split(";")[0] == "1" and "même pays" in first.split(";")[1]
    assert S.label(S.MATCH_REASON) in readme


def test_links_without_theme_rank_by_what_is_known_and_say_so() -> None:
    """Like the real data: themes unknown. A theme query finds nothing in tier 1 and says the
    themes are mostly unknown; a country query ranks nearer, same-size, same-type peers first."""
    rows = [(code, f"Villefictive {i}", "BFA", None, None) for i, (code, *_rest) in enumerate(ROWS)]
    links = _links(rows)
    query = P.PeerQuery(origin=HALLUIN, country="BFA", themes=(WATER,))
    r = P.rank_peers(links, query, _collectivities(), COUNTRIES)
    assert not (r[S.PEER_TIER] == 1).any()
    assert set(r[S.PEER_TIER]) == {2} and P.TIER_LABELS[2] == "Même pays partenaire, thème autre ou non renseigné"
    assert (r[S.PEER_THEMES] == S.UNKNOWN_LABEL).all()
    message = P.no_exact_match_message(r, query, links, COUNTRIES)
    assert "parmi les thèmes connus (thèmes connus pour 0 lien sur" in message
    by_country = P.rank_peers(links, P.PeerQuery(origin=HALLUIN, country="BFA"), _collectivities(), COUNTRIES)
    dist = by_country[S.DISTANCE_KM].tolist()
    assert dist == sorted(dist), "nearer first when nothing else is known"
    note = P.ranking_note(links)
    assert f"connu que pour 0 liens sur {len(links)}" in note and "pays partenaire" in note and "distance" in note


def test_in_english_the_phrases_and_numbers_are_english_and_the_file_s_reasons_stay_french() -> None:
    """On an English page: reasons, size bands, themes, « and N more », km and the « nothing exact » sentence in
    English (« 1,235 km », « 3 results »); :func:`match_reasons` asked in French gives back the French ranking's
    reasons (what the page's French download writes)."""
    from lianes_dash.text import i18n

    links = _links(ROWS)
    french = _rank()
    with i18n.using("en"):
        r = _rank()
        assert P._km_text(np.array([23.4, 1234.6])).tolist() == ["23 km", "1,235 km"]
        labels = np.array([f"P{i}" for i in range(6)], dtype=object)
        assert P._listing(np.zeros(6, dtype=np.int64), np.arange(6), labels, 1)[0] == "P0, P1, P2, P3 and 2 more"
        waste = P.PeerQuery(origin=HALLUIN, country="BFA", themes=(WASTE,))
        message = P.no_exact_match_message(P.rank_peers(links, waste, _collectivities(), COUNTRIES), waste, links,
                                           COUNTRIES)  # fmt: skip
        assert P.where_phrase(P.PeerQuery(zone="Afrique"), COUNTRIES) == "in Africa"
        with i18n.using("fr"):
            again = P.match_reasons(r.set_index(S.FR_KEY), P.zone_of(WATER_BFA, COUNTRIES))
    arras = r.set_index(S.FR_NAME).loc["Arras"]
    assert arras[S.MATCH_REASON] == f"same partner country, same theme, {round(arras[S.DISTANCE_KM])} km, similar size"
    assert arras[S.SIZE_BAND] == "20,000 to 100,000 inhab."
    assert arras[S.PEER_THEMES] == "water management, health"
    assert r.set_index(S.FR_NAME).loc["Bordeaux", S.MATCH_REASON].startswith("same zone (Africa), same theme, ")
    assert message == (
        f"No link in Burkina Faso has the theme “waste management” among the known themes (themes known for the "
        f"{len(links)} links); widening to the country alone (all themes): 3 results."
    )
    assert again.tolist() == french[S.MATCH_REASON].tolist()
