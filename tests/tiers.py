"""Which cases of a test matrix the quick run keeps.

``python -m pytest`` (CI, and the README's command) runs every case; the quick run,
``python -m pytest -m "not slow and not browser"``, keeps enough of each matrix that every
value of every axis is tried once (every page, every filter set, every damaged file, every kind
of damage), and leaves the other combinations, marked ``slow``, to the full run.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest


def _key(value: object) -> object:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def covering(cases: Sequence[tuple], ids: Sequence[str] | None = None, by: Sequence[int] | None = None) -> list:
    """``cases`` as ``pytest.param``s: a case is quick when one of its values at the positions ``by``
    (all by default) is new, in the cases' order, or when it is the first; the others are marked
    ``slow``.

    NOTE: in order, so that the cases listed first (the plainest) are the quick ones.
    """
    seen: set[tuple[int, object]] = set()
    out = []
    for i, case in enumerate(cases):
        axes = range(len(case)) if by is None else by
        new = {(axis, _key(case[axis])) for axis in axes} - seen
        seen |= new
        marks = () if new or i == 0 else (pytest.mark.slow,)
        out.append(pytest.param(*case, marks=marks, id=ids[i] if ids else None))
    return out
