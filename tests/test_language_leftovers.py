"""Issue 29, point 8: language leftovers (English peers cards, the download's label, the credits' licences,
English quotation marks on the slides)."""

from __future__ import annotations

import json

import pytest

from lianes_dash.analysis import provenance as PV
from lianes_dash.text import i18n
from lianes_dash.views.deck import ASSETS
from tests.landing import landing


def test_english_peer_cards_name_the_partners_country_in_english() -> None:
    at = landing("peers.py", {"lang": "en", "cible": "SEN"}, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    cards = [x.value for x in at.text if "\nWith: " in x.value]
    assert cards and all("(Senegal)" in c and "Sénégal" not in c for c in cards), cards[:2]
    labels = [b.label for b in at.get("download_button")]
    assert labels and not any("in French" in label for label in labels), labels


def test_the_credit_gives_each_part_its_own_licence() -> None:
    """« Wikipedia contributors ; © OpenStreetMap contributors, CC BY-SA 4.0 (texte de Wikipédia) » read as if
    OpenStreetMap were under CC BY-SA."""
    line = PV.credit_line(["wikipedia"])
    assert "Wikipedia contributors, CC BY-SA 4.0" in line and "OpenStreetMap contributors, ODbL" in line
    assert "OpenStreetMap contributors, CC BY-SA" not in line
    with i18n.using("en"):
        english = PV.credit_line(["wikipedia"])
    assert "géocodes" not in english and "geocodes © OpenStreetMap contributors, ODbL 1.0" in english


def test_english_slides_quote_with_english_marks() -> None:
    css = (ASSETS / "deck.css").read_text(encoding="utf-8")
    assert ':lang(en) .quote p:first-child::before { content: "“"; }' in css
    assert ':lang(en) .quote p:last-child::after { content: "”"; }' in css


def test_english_administrative_words_of_partner_names_in_french() -> None:
    import pandas as pd

    from lianes_dash.dataset import schema as S
    from lianes_dash.text.french import place_name
    from lianes_dash.views import figures as F

    assert place_name("Kočevje Municipality") == "municipalité de Kočevje"
    assert place_name("Bérégadougou Department") == "département de Bérégadougou"
    assert place_name("Ainaro District") == "district d'Ainaro"
    assert place_name("Izabelin, Warsaw West County") == "Izabelin, Warsaw West County"  # not a bare name: kept
    assert place_name("Köln") == "Köln"
    with i18n.using("en"):
        assert place_name("Kočevje Municipality") == "Kočevje Municipality"
    links = pd.DataFrame(
        {
            S.FR_TYPE: ["commune"],
            S.FR_CODE: ["59279"],
            S.FR_NAME: ["Halluin"],
            S.FR_LAT: [50.78],
            S.FR_LON: [3.12],
            S.PARTNER_NAME: ["Kočevje Municipality"],
            S.PARTNER_COUNTRY: ["SVN"],
            S.PARTNER_COUNTRY_NAME: ["Slovénie"],
            S.PARTNER_LAT: [45.6],
            S.PARTNER_LON: [14.8],
            S.PARTNER_APPROX: [False],
        }
    )
    hover = F.partner_map(links).data[1].customdata[0][0]
    assert hover == "municipalité de Kočevje"


def test_a_fiche_table_names_partners_in_french_and_shows_long_kinds_whole() -> None:
    """Issue 29, points 8 and 5: Halluin's partners table said « Kočevje Municipality » on a French page, and
    its « Type de lien » column cut « coopération décentralisée » to « coopération d »."""
    at = landing("fiche_collectivite.py", {"collectivite": "commune:59279"}, timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    table = next(df for df in at.dataframe if "Collectivité partenaire" in df.value.columns)
    names = table.value["Collectivité partenaire"].tolist()
    assert "municipalité de Kočevje" in names and "Kočevje Municipality" not in names
    config = json.loads(table.proto.columns)
    assert config["Type de lien"]["width"] == "medium", config.get("Type de lien")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_box_column_is_as_wide_as_its_label(lang: str) -> None:
    """Issue 29, point 5: the peers table's « Already your partner » header was cut at a medium width."""
    from lianes_dash.dataset import schema as S
    from lianes_dash.text.i18n import using
    from lianes_dash.ui import tables

    with using(lang):
        config = tables.column_config([S.ALREADY_PARTNER])[S.ALREADY_PARTNER]
    assert config["width"] == "large", config
