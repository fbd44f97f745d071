"""The published layer: the bundled links, plus accepted declarations, with accepted corrections applied.

Pure: the store is never read here; the caller passes ``store.accepted()``. The old values stay
in the store's events; the result is a links table in the canonical schema (enrich it with
:func:`lianes_dash.dataset.data.enrich_links` like the bundled one).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from lianes_dash.contributions.store import Item
from lianes_dash.contributions.validation import END_YEAR, PROBLEM
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.text.french import fmt_date
from lianes_dash.text.i18n import t

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
    """``base_links`` (its canonical columns; derived ones are dropped) with the accepted items applied.

    Declarations become rows of source ``declaration``; reports correct their link in order of
    acceptance: an ended link is removed (``ended="mark"``: kept, its description saying so), a wrong
    partner or French collectivity replaced. A report on a link that is not there changes nothing.
    Column dtypes are kept (categories gain the new values); only the rows added or changed are
    validated again, so the bundled table is not checked a second time.
    """
    # NOTE: copy-on-write (pandas >= 3): the base frame is never written to, and not copied either.
    out = base_links[list(S.LINK_COLUMNS)].reset_index(drop=True)
    items = list(accepted)
    declared = [_declared_row(i) for i in items if i.item_type == "declaration"]
    if declared:
        new = S.validate_links(pd.DataFrame.from_records(declared, columns=list(S.LINK_COLUMNS)))
        new = new.loc[~new[S.LINK_ID].isin(out[S.LINK_ID])]
        out = _concat(out, new)
    changed = np.zeros(len(out), dtype=bool)
    drop = np.zeros(len(out), dtype=bool)
    for item in items:
        if item.item_type != "report":
            continue
        p = item.payload
        hit = (out[S.LINK_ID] == item.link_id).to_numpy(dtype=bool, na_value=False)
        problem = p.get(PROBLEM)
        if not hit.any():
            continue
        if problem == "ended" and ended == "remove":
            drop |= hit
            continue
        values = _corrected_values(item, out.loc[hit, S.DESCRIPTION].tolist())
        if values is None:
            continue
        out = _assign(out, hit, values)
        changed |= hit
    if changed.any():
        S.validate_links(out.loc[changed & ~drop])  # Raises if a correction broke a row
    return out.loc[~drop].reset_index(drop=True)


def _corrected_values(item: Item, descriptions: list[object]) -> dict[str, object] | None:
    """What an accepted report writes on its link (column → value); None when it writes nothing."""
    p = item.payload
    problem = p.get(PROBLEM)
    if problem == "ended":
        note = _ended_note(item)
        return {S.DESCRIPTION: [f"{c} ; {note}" if isinstance(c, str) and c else note for c in descriptions]}
    if problem == "wrong_partner":
        return {col: p.get(col) for col in _PARTNER_FIELDS}
    if problem == "wrong_collectivity":
        return {col: p.get(col) for col in _FR_FIELDS}
    return None


def _assign(out: pd.DataFrame, hit: np.ndarray, values: dict[str, object]) -> pd.DataFrame:
    """Write ``values`` on the rows ``hit``, a categorical column gaining the new values as categories."""
    for col, value in values.items():
        series = out[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            wanted = value if isinstance(value, list) else [value]
            missing = [v for v in dict.fromkeys(wanted) if v is not None and v not in series.cat.categories]
            if missing:
                out[col] = series.cat.add_categories(missing)
        out.loc[hit, col] = value
    return out


def _concat(base: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``base`` then ``new``, a categorical column of ``base`` staying categorical (categories united)."""
    if new.empty:
        return base
    base, new = base.copy(deep=False), new.copy(deep=False)
    for col in base.columns:
        if isinstance(base[col].dtype, pd.CategoricalDtype):
            categories = base[col].cat.categories.union(pd.Index(new[col].dropna().astype(str).unique()))
            base[col] = base[col].cat.set_categories(categories)
            new[col] = pd.Categorical(new[col], categories=categories)
    return pd.concat([base, new], ignore_index=True)


def _ended_note(item: Item) -> str:
    year = item.payload.get(END_YEAR)
    day = fmt_date(item.updated_at.date())
    if year:
        return t("lien terminé en {year} (signalement accepté le {day})", year=year, day=day)
    return t("lien terminé (signalement accepté le {day})", day=day)
