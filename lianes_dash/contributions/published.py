"""The published layer: the bundled links, plus accepted declarations, with accepted corrections applied.

Pure: the store is never read here; the caller passes ``store.accepted()``. The old values stay
in the store's events; the result is a links table in the canonical schema (enrich it with
:func:`lianes_dash.data.enrich_links` like the bundled one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal

import pandas as pd

from lianes_dash import schema as S
from lianes_dash import sources as SRC
from lianes_dash.contributions.store import Item
from lianes_dash.contributions.validation import END_YEAR, PROBLEM
from lianes_dash.i18n import t
from lianes_dash.text import fmt_date

#: Prefix of the ids of declared links.
DECLARED_PREFIX = "dec-"
#: Where a declared row comes from, in ``source_rows``: the item's submission id.
SOURCE_ROWS_PREFIX = "contributions:"
_FR_FIELDS = (S.FR_CODE, S.FR_TYPE, S.FR_NAME, S.FR_DEPARTEMENT, S.FR_REGION)
_PARTNER_FIELDS = (S.PARTNER_NAME, S.PARTNER_COUNTRY, S.PARTNER_LAT, S.PARTNER_LON, S.PARTNER_APPROX)


def declared_link_id(submission_id: str) -> str:
    """Stable id of a declared link: a hash of its submission id (the same after export and import)."""
    return DECLARED_PREFIX + hashlib.sha1(submission_id.encode("utf-8")).hexdigest()[:16]


def _declared_row(item: Item) -> dict[str, object]:
    p = item.payload
    label = SRC.declaration_label(fmt_date(item.updated_at.date()))
    row: dict[str, object] = {c: p.get(c) for c in (*_FR_FIELDS, *_PARTNER_FIELDS, S.KIND, S.THEMES_COL)}
    year = p.get(S.START_YEAR)
    row.update(
        {
            S.LINK_ID: declared_link_id(item.submission_id),
            S.START_YEAR: int(str(year)) if year is not None else None,
            S.SOURCE: SRC.DECLARATION.key,
            S.SOURCE_ROWS: SOURCE_ROWS_PREFIX + item.submission_id,
            S.SYNTHETIC: False,
            S.DESCRIPTION: label,
        }
    )
    return row


def published_links(
    base_links: pd.DataFrame, accepted: Iterable[Item], ended: Literal["remove", "mark"] = "remove"
) -> pd.DataFrame:
    """``base_links`` (canonical columns; derived ones are dropped) with the accepted items applied.

    Declarations become rows of source ``declaration``; reports correct their link in order of
    acceptance: an ended link is removed (``ended="mark"``: kept, its description saying so), a wrong
    partner or French collectivity replaced. A report on a link that is not there changes nothing.
    """
    out = base_links[list(S.LINK_COLUMNS)].copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            # NOTE: a corrected value may be a new category; the caller's enrich_links makes them again.
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    items = list(accepted)
    declared = [_declared_row(i) for i in items if i.item_type == "declaration"]
    if declared:
        new = pd.DataFrame.from_records(declared, columns=list(S.LINK_COLUMNS))
        new = new.loc[~new[S.LINK_ID].isin(out[S.LINK_ID])]
        out = pd.concat([out, new], ignore_index=True) if len(out) else new
    out = out.reset_index(drop=True)
    drop: set[str] = set()
    for item in items:
        if item.item_type != "report":
            continue
        p = item.payload
        hit = (out[S.LINK_ID] == item.link_id).to_numpy()
        if not hit.any():
            continue
        problem = p.get(PROBLEM)
        if problem == "ended":
            if ended == "remove":
                drop.add(str(item.link_id))
            else:
                note = _ended_note(item)
                current = out.loc[hit, S.DESCRIPTION]
                out.loc[hit, S.DESCRIPTION] = [f"{c} ; {note}" if isinstance(c, str) and c else note for c in current]
        elif problem == "wrong_partner":
            for col in _PARTNER_FIELDS:
                out.loc[hit, col] = p.get(col)
        elif problem == "wrong_collectivity":
            for col in _FR_FIELDS:
                out.loc[hit, col] = p.get(col)
    if drop:
        out = out.loc[~out[S.LINK_ID].isin(sorted(drop))].reset_index(drop=True)
    return S.validate_links(out)


def _ended_note(item: Item) -> str:
    year = item.payload.get(END_YEAR)
    day = fmt_date(item.updated_at.date())
    if year:
        return t("lien terminé en {year} (signalement accepté le {day})", year=year, day=day)
    return t("lien terminé (signalement accepté le {day})", day=day)
