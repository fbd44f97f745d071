"""The table of published figures: each with its document, date and what it counts (issue 27, item 4)."""

from __future__ import annotations

import pytest

from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import published_figures as PUB
from lianes_dash.text.i18n import using


@pytest.mark.parametrize(
    ("document", "measure", "text"),
    [
        ("atlas", PUB.LINKS_OR_PROJECTS, "12\u202f129"),
        ("atlas", PUB.COLLECTIVITIES, "4\u202f756"),
        ("atlas", PUB.PARTNERS, "9\u202f889"),
        ("atlas", PUB.COUNTRIES, "140"),
        ("senat", PUB.COLLECTIVITIES, "4\u202f806"),
        ("senat", PUB.COUNTRIES, "environ 140"),
        ("senat", PUB.LINKS_OR_PROJECTS, "plus de 12\u202f000"),
        ("brochure", PUB.COLLECTIVITIES, "3\u202f250"),
        ("brochure", PUB.LINKS_OR_PROJECTS, "près de 6\u202f000"),
        ("brochure", PUB.COUNTRIES, "115"),
        ("brochure", PUB.PARTNERS, "non publié"),
    ],
)
def test_published_figures(document: str, measure: str, text: str) -> None:
    assert PUB.cell(document, measure) == text


def test_the_senate_counts_development_aid_per_year() -> None:
    aid = [f.text() for f in PUB.FIGURES if f.measure == PUB.AID]
    assert aid == ["45,4 M€", "60,5 M€"]
    assert [f.counts[-4:] for f in PUB.FIGURES if f.measure == PUB.AID] == ["2003", "2010"]


def test_each_figure_has_its_document_date_and_what_it_counts() -> None:
    table = PUB.table()
    assert len(table) == len(PUB.FIGURES)
    assert table.notna().all().all() and (table != "").all().all()
    assert set(table["Date"]) == {B.ATLAS_WHEN, "session 2012-2013", "2009"}


def test_the_brochure_and_atlas_figures_are_typed_once() -> None:
    """The table reads lianes_dash.dataset.brochure, where the overview and the slides read them too."""
    assert PUB.figure("brochure", PUB.COLLECTIVITIES).value == B.PUBLISHED_COLLECTIVITIES  # type: ignore[union-attr]
    assert PUB.figure("atlas", PUB.LINKS_OR_PROJECTS).value == B.ATLAS_PROJECTS  # type: ignore[union-attr]


def test_in_english() -> None:
    with using("en"):
        table = PUB.table()
        assert "French Senate, information report no. 123" in set(table["Document"])
        assert PUB.cell("senat", PUB.LINKS_OR_PROJECTS) == "over 12,000"
        assert PUB.figure("senat", PUB.AID).text() == "€45.4 million"  # type: ignore[union-attr]
