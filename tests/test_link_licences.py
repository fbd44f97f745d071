"""data/links/ states its licence, and each partner position is credited to where it comes from (issue 27, item 2)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from lianes_dash.build import links as BL
from lianes_dash.dataset import data as D
from lianes_dash.dataset import licences as LIC
from lianes_dash.dataset import schema as S
from lianes_dash.views import export as E


def test_links_folder_has_its_licence_file() -> None:
    text = (D.data_dir() / BL.LICENCE_MD).read_text(encoding="utf-8")
    assert text == LIC.licence_text()
    for words in ("CC BY-SA 4.0", "ODbL 1.0", "CC0 1.0", "© OpenStreetMap contributors", "Wikipedia contributors"):
        assert words in text


@pytest.mark.parametrize(
    "where",
    ["links/PROVENANCE.json", "SOURCES.md"],
)
def test_the_same_words_in_provenance_and_sources(where: str) -> None:
    text = (D.data_dir() / where).read_text(encoding="utf-8")
    assert LIC.TABLE_LICENCE in text
    for source in LIC.POSITION_SOURCES.values():
        assert f"`{source.code}`" in text


def test_provenance_gives_a_licence_for_every_links_file() -> None:
    doc = json.loads((D.data_dir() / "links" / "PROVENANCE.json").read_text(encoding="utf-8"))
    assert "Licence" in doc["columns"]
    assert all(entry["Licence"] for entry in doc["entries"])


def test_every_export_states_the_licence_of_the_table_and_of_the_positions() -> None:
    links = D.load_links()
    meta = E.meta_for(links.head(3), dataset="Liens livrés", imported=False, filter_lines=[], day=dt.date(2026, 12, 7))
    readme = E.readme_text(meta, "lianes_liens.csv")
    assert LIC.TABLE_LICENCE in readme and LIC.POSITIONS_LICENCE in readme


def test_each_link_has_the_origin_of_its_position() -> None:
    positions = pd.read_csv(D.data_dir() / BL.POSITIONS_CSV, dtype=str)
    links = D.load_links()
    assert list(positions.columns) == list(S.POSITION_COLUMNS)
    assert sorted(positions[S.LINK_ID]) == sorted(links[S.LINK_ID].astype(str))
    assert set(positions[S.POSITION_SOURCE]) <= set(LIC.POSITION_SOURCES)
    # Most positions are not OpenStreetMap's: Wikidata's own coordinates lead.
    counts = positions[S.POSITION_SOURCE].value_counts()
    assert counts[LIC.WIKIDATA.code] > counts[LIC.WIKIPEDIA.code]
    merged = links.merge(positions, on=S.LINK_ID)
    # A position of one source belongs to a link of that source; the country centre is always marked approximate.
    for code in (LIC.WIKIDATA.code, LIC.WIKIPEDIA.code):
        mine = merged.loc[merged[S.POSITION_SOURCE] == code, S.SOURCE].astype(str)
        assert mine.map(lambda c, code=code: code in S.split_sources(c)).all()
    centre = merged.loc[merged[S.POSITION_SOURCE] == LIC.COUNTRY_CENTRE.code]
    assert len(centre) and centre[S.PARTNER_APPROX].all()
