"""French conventions."""

from __future__ import annotations

import datetime as dt

import pytest

from lianes_dash.text.french import (
    NBSP,
    NNBSP,
    fmt_date,
    fmt_float,
    fmt_int,
    fmt_pct,
    fold,
    of_place,
    plural,
    sorted_fr,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3250, f"3{NNBSP}250"), (6000.4, f"6{NNBSP}000"), (115, "115"), (1234567, f"1{NNBSP}234{NNBSP}567"), (None, "–")],
)
def test_fmt_int(value, expected: str) -> None:
    assert fmt_int(value) == expected


def test_fmt_float_and_pct() -> None:
    assert fmt_float(12.5) == "12,5"
    assert fmt_pct(0.125) == f"12,5{NBSP}%"
    assert fmt_pct(0.6, 0) == f"60{NBSP}%"
    assert fmt_float(float("nan")) == "–"


@pytest.mark.parametrize(
    ("day", "expected"), [(dt.date(2026, 11, 26), "26 novembre 2026"), (dt.date(2009, 2, 1), "1er février 2009")]
)
def test_fmt_date(day: dt.date, expected: str) -> None:
    assert fmt_date(day) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Côte-d'Ivoire", "cote d ivoire"), ("CŒUR D'OSTREVENT", "coeur d ostrevent"), ("  Viêt Nam ", "viet nam")],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_sorting_ignores_accents_and_case() -> None:
    assert sorted_fr(["Zambie", "Égypte", "allemagne", "Espagne"]) == ["allemagne", "Égypte", "Espagne", "Zambie"]


def test_plural_is_french() -> None:
    assert plural(0, "lien") == "0 lien"
    assert plural(1, "lien") == "1 lien"
    assert plural(3250, "lien") == f"3{NNBSP}250 liens"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lille", "de Lille"),
        ("Halluin", "d'Halluin"),  # as the brochure writes it
        ("Le Portel", "du Portel"),
        ("Les Lilas", "des Lilas"),
        ("La Rochelle", "de La Rochelle"),
        ("Évreux", "d'Évreux"),
        ("  Le   Havre ", "du Havre"),
    ],
)
def test_of_place(name: str, expected: str) -> None:
    assert of_place(name) == expected


def _fold_every_step(text: str) -> str:
    """``fold`` without its ASCII shortcut: every step on every text."""
    import re
    import unicodedata

    s = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    s = s.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae").casefold()
    return re.sub(r"[^0-9a-z]+", " ", s).strip()


@pytest.mark.parametrize(
    "text",
    [
        "Zorglub-sur-Mer",
        "  ST-OMER\t(62) ",
        "L'Abbaye--aux_Bois",
        "",
        "!!!",
        "a\x00b\x7fc",
        "Écourt",
        "Œuvre",
        "Straße",
    ],
)
def test_fold_takes_a_shortcut_for_ascii_text_with_the_same_result(text: str) -> None:
    assert fold(text) == _fold_every_step(text)
