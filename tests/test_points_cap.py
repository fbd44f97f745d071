"""The France map draws the most engaged collectivities, plus always the chosen ones."""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash.analysis import regional as R
from lianes_dash.dataset import schema as S


def _points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.FR_TYPE: ["commune", "commune", "commune", "departement"],
            S.FR_CODE: ["59350", "62193", "59183", "59"],
            S.COUNT: [1, 5, 3, 5],
        }
    )


@pytest.mark.parametrize(
    ("cap", "keep", "expected"),
    [
        (10, (), ["59350", "62193", "59183", "59"]),  # under the cap: untouched
        (2, (), ["62193", "59"]),  # ties on the count broken by type, then code
        (2, ("commune:59350",), ["62193", "59", "59350"]),  # a chosen collectivity is always drawn
        (3, (), ["62193", "59", "59183"]),
    ],
)
def test_cap_points(cap: int, keep: tuple[str, ...], expected: list[str]) -> None:
    assert R.cap_points(_points(), cap, keep)[S.FR_CODE].tolist() == expected
