"""The scale fixture (``bench.fixture``): visibly fictional, never on a named collectivity, reproducible."""

from __future__ import annotations

import pandas as pd
import pytest

from bench import fixture as FX
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S


@pytest.fixture(scope="module")
def ref() -> tuple[pd.DataFrame, pd.DataFrame]:
    return D.load_collectivities(), D.load_countries()


@pytest.fixture(scope="module")
def links(ref) -> pd.DataFrame:
    return FX.fixture_links(*ref, 3000)


def test_size_and_schema(links: pd.DataFrame) -> None:
    assert len(links) == 3000
    assert list(links.columns) == list(S.LINK_COLUMNS)
    assert links[S.LINK_ID].is_unique


def test_every_partner_is_visibly_fictional_and_approximate(links: pd.DataFrame, ref) -> None:
    names = ref[1].set_index(S.ISO3)[S.NAME_FR]
    expected = [FX.partner_name(i, names[c]) for i, c in enumerate(links[S.PARTNER_COUNTRY].astype(str), start=1)]
    assert links[S.PARTNER_NAME].tolist() == expected
    assert links[S.PARTNER_NAME].str.startswith("Partenaire fictif n° ").all()
    assert links[S.PARTNER_APPROX].all() and links[S.SYNTHETIC].all()
    assert (links[S.SOURCE] == FX.FIXTURE_SOURCE).all() and links[S.SOURCE_ROWS].isna().all()
    assert "FRA" not in set(links[S.PARTNER_COUNTRY])


def test_never_on_a_collectivity_the_brochure_names(links: pd.DataFrame, ref) -> None:
    banned = FX.named_keys(ref[0])
    # every named collectivity and both documented French towns are found in the reference
    assert len(banned) >= len(B.NAMED)
    keys = set(zip(links[S.FR_TYPE].astype(str), links[S.FR_CODE].astype(str), strict=True))
    assert not keys & banned
    assert not links[S.FR_NAME].isin([n.current_name for n in B.NAMED]).any()


def test_mostly_unknown_themes_and_years_like_the_real_data(links: pd.DataFrame) -> None:
    known = links[S.THEMES_COL].notna()
    assert 0.05 < known.mean() < 0.2
    assert (known == links[S.START_YEAR].notna()).all()


def test_same_seed_same_rows_and_it_scales(ref, links: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(FX.fixture_links(*ref, 3000), links)
    assert len(FX.fixture_links(*ref, 7000, seed=1)) == 7000


def test_cli_refuses_to_write_into_data(tmp_path) -> None:
    assert FX.main(["--links", "10", "--out", str(D.DEFAULT_DATA_DIR / "links" / "x.parquet")]) == 2
    out = tmp_path / "x.parquet"
    assert FX.main(["--links", "50", "--out", str(out)]) == 0
    assert len(D.read_links_file(out)) == 50
