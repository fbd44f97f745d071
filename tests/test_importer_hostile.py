"""Hostile input: whatever the bytes, either one clear ``ImportFileError`` or a full report."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lianes_dash.dataset import schema as S
from lianes_dash.importer import ImportFileError, ImportResult, import_links
from lianes_dash.importer.testing import tiny_reference

REF = tiny_reference()
#: The number of examples is the profile's (tests/conftest.py): 25, or 500 with LIANES_SLOW=1.
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = "Collectivité française;Département;Pays;Collectivité partenaire;Thématiques;Année"


def attempt(data: bytes, name: str = "x.csv") -> ImportResult | None:
    """Import, accepting only our own exception; check the report accounts for every row."""
    try:
        result = import_links(data, filename=name, **REF)
    except ImportFileError as exc:
        assert str(exc) and "\n" not in str(exc).strip()
        return None
    s = result.summary
    # NOTE: a run of more than BLANK_RUN_DETAIL blank lines is one report row (``collapsed`` counts the rest).
    assert len(result.report) + s.collapsed == s.rows == s.accepted + s.duplicates + s.rejected + s.blank
    assert len(result.links) == s.accepted
    assert result.report[S.REPORT_LINE].is_unique
    S.validate_links(result.links)
    return result


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    attempt(data)


@pytest.mark.slow  # an import per example: left to the full run (random bytes and headers, cheaper, stay quick)
@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_after_a_good_header(data: bytes) -> None:
    attempt(HEADER.encode() + b"\n" + data)


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
known = st.sampled_from(
    ["Halluin", "Saint-Martin", "Haluin", "Sénégal", "Maroc", "59", "eau, sport", "2003", "", "mars 2003"]
)


@pytest.mark.slow  # an import per example: left to the full run (random bytes and headers, cheaper, stay quick)
@FAST
@given(
    rows=st.lists(st.lists(st.one_of(known, cell), min_size=0, max_size=8), max_size=30),
    sep=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]),
)
def test_random_cells_in_random_encodings(rows: list[list[str]], sep: str, encoding: str) -> None:
    text = "\n".join([HEADER.replace(";", sep), *(sep.join(r) for r in rows)])
    attempt(text.encode(encoding, errors="replace"))


@FAST
@given(headers=st.lists(cell, min_size=1, max_size=12), body=st.lists(cell, max_size=12))
def test_random_headers(headers: list[str], body: list[str]) -> None:
    attempt((";".join(headers) + "\n" + ";".join(body) + "\n").encode())


@pytest.mark.slow  # an import per example: left to the full run (random bytes and headers, cheaper, stay quick)
@FAST
@given(df=st.lists(st.tuples(known, known, known), max_size=20))
def test_frame_source(df: list[tuple[str, str, str]]) -> None:
    frame = pd.DataFrame(df, columns=["Commune", "Pays", "Année"]) if df else pd.DataFrame(columns=["Commune", "Pays"])
    result = import_links(frame, filename="cadre", **REF)
    assert result.summary.rows == len(df)


def test_very_long_cells() -> None:
    long = "x" * 2_000_000
    result = attempt(f"{HEADER}\n{long};59;Sénégal;{long};{long};{long}\nHalluin;;Maroc;;;\n".encode())
    assert result is not None and result.summary.rows == 2
    assert result.summary.rejected == 1 and result.summary.accepted == 1
    assert len(result.report[S.REPORT_REASON].iat[0]) < 300  # the value is cut in the message


def test_nul_bytes_are_dropped_not_fatal() -> None:
    result = attempt(f"{HEADER}\nHal\x00luin;;Sénégal;;;\n".encode())
    assert result is not None and result.summary.accepted == 1


def test_a_line_with_a_million_columns() -> None:
    result = attempt(f"{HEADER}\nHalluin;;Sénégal;;;;{';x' * 1_000_000}\n".encode())
    assert result is not None and result.summary.accepted == 1
    assert "au-delà des colonnes" in result.report[S.REPORT_WARNINGS].iat[0]


def test_a_header_with_a_million_columns() -> None:
    with pytest.raises(ImportFileError, match="colonnes"):
        import_links(("a;" * 1_000_000 + "\n").encode(), filename="x.csv", **REF)


def test_unclosed_quote_is_reported_not_lost() -> None:
    body = "\n".join(f"Halluin;;Sénégal;p{i};;" for i in range(30))
    result = attempt(f'{HEADER}\nHalluin;;"Sénégal;;;\n{body}\n'.encode())
    assert result is not None and result.summary.rows >= 1
