"""The quick run keeps every value of every axis once; the rest is marked slow, never dropped."""

from __future__ import annotations

import pytest

from tests.tiers import covering


def _quick(params: list) -> list[tuple]:
    return [p.values for p in params if not any(m.name == "slow" for m in p.marks)]


@pytest.mark.parametrize(
    ("cases", "by", "quick"),
    [
        # 2 × 3: three quick cases cover both axes
        ([(p, f) for p in "ab" for f in "xyz"], None, [("a", "x"), ("a", "y"), ("a", "z"), ("b", "x")]),
        # covered on the first axis only
        ([(p, f) for p in "ab" for f in "xyz"], [0], [("a", "x"), ("b", "x")]),
        # no axis: the first case alone
        ([(p, f) for p in "ab" for f in "xyz"], [], [("a", "x")]),
        # unhashable values (a URL's parameters) are told apart by their text
        ([("p", {"de": "1"}), ("p", {"de": "1"}), ("p", {"de": "2"})], None, [("p", {"de": "1"}), ("p", {"de": "2"})]),
    ],
)
def test_covering_keeps_each_value_once_and_marks_the_rest_slow(cases, by, quick) -> None:
    params = covering(cases, by=by)
    assert [p.values for p in params] == cases, "every case stays in the full run"
    assert _quick(params) == quick
