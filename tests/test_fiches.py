"""What the fiches and the Explorer's table derive from the links (``fiches``), without a page."""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash.analysis import fiches
from lianes_dash.dataset import schema as S
from lianes_dash.importer.testing import tiny_collectivities
from lianes_dash.text.french import fmt_int


def test_identity_card_of_a_commune_names_its_departement_and_region() -> None:
    ref = tiny_collectivities()
    row = fiches.reference_row(ref, "commune", "59901")
    facts = fiches.collectivity_facts(ref, "commune", "59901", row)
    assert facts["Type"] == S.TYPE_LABELS["commune"]
    assert facts["Population municipale"] == f"{fmt_int(1000)} habitants"
    assert facts["Département"] == "Nord (59)"
    assert facts["Code officiel"] == "59901"
    assert "Intercommunalité" not in facts  # none in the reference


def test_a_collectivity_outside_the_reference_has_only_its_type() -> None:
    ref = tiny_collectivities()
    assert fiches.reference_row(ref, "commune", "00000") is None
    assert fiches.collectivity_facts(ref, "commune", "00000", None) == {"Type": S.TYPE_LABELS["commune"]}


def test_start_years_text_counts_repeated_years() -> None:
    links = pd.DataFrame({S.START_YEAR: pd.array([2004, None, 1995, 2004], dtype="Int64")})
    assert fiches.start_years_text(links) == "1995, 2004 (2)"
    assert fiches.start_years_text(links.iloc[[1]]) == ""


def test_country_choices_fall_back_on_the_code_and_sort_the_french_way() -> None:
    links = pd.DataFrame(
        {
            S.PARTNER_COUNTRY: ["SEN", "EGY", "XXX", "SEN"],
            S.PARTNER_COUNTRY_NAME: ["Sénégal", "Égypte", None, "Sénégal"],
        }
    )
    assert list(fiches.country_choices(links).items()) == [("EGY", "Égypte"), ("SEN", "Sénégal"), ("XXX", "XXX")]


def test_display_rows_are_capped_and_readable() -> None:
    links = pd.DataFrame({S.FR_NAME: ["Villefictive-sur-Test", "Bourg-Fictif"], S.FR_TYPE: ["commune", "epci"]})
    rows = fiches.display_rows(links, [S.FR_NAME, S.FR_TYPE], max_rows=1)
    assert rows.to_dict("list") == {S.FR_NAME: ["Villefictive-sur-Test"], S.FR_TYPE: [S.TYPE_LABELS["commune"]]}


@pytest.mark.parametrize(
    ("selected", "from_url", "expected"),
    [
        (None, None, ["A", "B", "C"]),  # no filter: every choice
        ({"B": "Béta"}, None, ["B"]),  # the selection's only
        ({"B": "Béta"}, "C", ["C", "B"]),  # the URL's, outside the filters, first
        ({"B": "Béta"}, "B", ["B"]),  # already there: once
        ({"B": "Béta"}, "Z", ["B"]),  # not in the data: not added (the page names it ignored)
        ({}, "A", ["A"]),
    ],
)
def test_chooser_choices_follow_the_selection_and_keep_the_urls(selected, from_url, expected) -> None:
    every = {"A": "Alpha", "B": "Béta", "C": "Gamma"}
    assert list(fiches.chooser_choices(every, selected, from_url)) == expected
