"""The peers form in the URL (``peer_form``): read back what was written, name what is unusable."""

from __future__ import annotations

import pytest

from lianes_dash.analysis import peer_form

OPTIONS = {
    "depuis": {"commune:99001": "Villefictive-sur-Test (99)"},
    "cible": {"BFA": "Burkina Faso", "SEN": "Sénégal"},
    "zone": {"AF": "Afrique"},
    "sujet": {"santé": "santé", "culture": "culture"},
    "forme": {"jumelage": "jumelage"},
}


@pytest.mark.parametrize(
    "values",
    [
        peer_form.empty(),
        {**peer_form.empty(), "depuis": "commune:99001", "cible": "BFA"},
        {**peer_form.empty(), "zone": "AF", "sujet": ["santé", "culture"], "forme": "jumelage"},
    ],
)
def test_round_trip(values: dict) -> None:
    assert peer_form.parse(peer_form.to_query(values), OPTIONS) == (values, [])


def test_the_form_writes_several_themes_as_the_filters_do() -> None:
    assert peer_form.to_query({"sujet": ["santé", "culture"], "cible": "SEN"}) == {
        "cible": "SEN",
        "sujet": "santé~culture",
    }


def test_unknown_values_are_dropped_and_their_keys_named() -> None:
    values, ignored = peer_form.parse(
        {"cible": "XXX", "sujet": ["x", "santé~inconnu~santé"], "forme": "jumelage"}, OPTIONS
    )
    assert values == {**peer_form.empty(), "sujet": ["santé"], "forme": "jumelage"}
    assert ignored == ["cible", "sujet"]
