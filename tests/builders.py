"""The one builder of link tables for tests: give a row only the fields that matter, the rest is filled.

Every default is visibly fictional (« Villefictive », « Partenaire fictif ») and neutral (no theme, no
year, a plain twinning), so that a test reads as the few fields it sets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S

#: A link column → its value when a row does not give it (``LINK_ID`` defaults to « t-<row> »).
DEFAULTS: dict[str, Any] = {
    S.FR_CODE: "99001",
    S.FR_TYPE: "commune",
    S.FR_NAME: "Villefictive",
    S.FR_DEPARTEMENT: "99",
    S.FR_REGION: "R1",
    S.PARTNER_NAME: "Partenaire fictif",
    S.PARTNER_COUNTRY: "BFA",
    S.PARTNER_LAT: 12.0,
    S.PARTNER_LON: -1.5,
    S.PARTNER_APPROX: False,
    S.KIND: S.KINDS[0],
    S.THEMES_COL: None,
    S.START_YEAR: None,
    S.SOURCE: "wikidata",
    S.SOURCE_ROWS: None,
    S.SYNTHETIC: False,
    S.DESCRIPTION: None,
}


def link_rows(
    rows: Iterable[Mapping[str, Any]],
    *,
    validate: bool = False,
    enrich: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    categorical: Iterable[str] = (),
) -> pd.DataFrame:
    """A links frame: every link column (defaults above), plus any other column a row gives.

    ``validate``: through ``S.validate_links``; ``enrich``: ``(collectivities, countries)`` for
    ``D.enrich_links``, as the loader does; ``categorical``: columns turned into categories.
    """
    records = [{S.LINK_ID: f"t-{i}", **DEFAULTS, **row} for i, row in enumerate(rows)]
    df = pd.DataFrame(records, columns=list(dict.fromkeys([S.LINK_ID, *DEFAULTS, *(k for r in records for k in r)])))
    df[S.START_YEAR] = df[S.START_YEAR].astype("Int64")
    if validate or enrich is not None:
        df = S.validate_links(df)
    if enrich is not None:
        df = D.enrich_links(df, *enrich)
    for col in categorical:
        df[col] = df[col].astype("category")
    return df
