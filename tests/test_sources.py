"""The source registry says what each raw snapshot's PROVENANCE.md says (one fact, checked in two places)."""

from __future__ import annotations

import pandas as pd
import pytest

from lianes_dash.analysis import provenance as PV
from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC


@pytest.mark.parametrize("source", [s for s in SRC.SOURCES.values() if s.raw_dir], ids=lambda s: s.key)
def test_registry_agrees_with_provenance_file(source: SRC.Source) -> None:
    text = (D.data_dir() / source.raw_dir / "PROVENANCE.md").read_text(encoding="utf-8")
    commit = source.snapshot.split("commit ")[-1]
    assert commit in text
    assert source.data_date in text
    assert source.licence.split(" ")[0] + " " + source.licence.split(" ")[1] in text  # « CC0 1.0 », « CC BY-SA »
    assert source.credit.split(" ;")[0] in text


def test_every_source_key_of_the_bundled_links_is_registered() -> None:
    links = D.read_links_file(D.NATIONAL_LINKS_FILE)
    used = {k for cell in links[S.SOURCE].unique() for k in SRC.keys_of(cell)}
    assert used <= set(SRC.SOURCES)
    assert [s.key for s in SRC.present(links[S.SOURCE])] == [k for k in SRC.SOURCES if k in used]


_CELLS = ["brochure", "wikipedia|wikidata", None, "brochure", "fichier_fictif.csv"]


@pytest.mark.parametrize(
    "cells",
    [
        pd.Series(_CELLS, dtype="category"),
        pd.Series(_CELLS, dtype="string"),
        pd.Series(_CELLS, dtype=object),
        pd.Index(_CELLS),
        _CELLS,
        dict.fromkeys(_CELLS[1:2], 1),
    ],
    ids=["category", "string", "object", "index", "list", "dict"],
)
def test_present_reads_distinct_cells_of_any_column(cells) -> None:
    # NOTE: a pandas column is read through its distinct values, other iterables as they come.
    expected = ["wikidata", "wikipedia"] if isinstance(cells, dict) else ["wikidata", "wikipedia", "brochure"]
    assert [s.key for s in SRC.present(cells)] == expected


def test_unknown_key_is_shown_as_it_is() -> None:
    assert SRC.label_of("mon_fichier.xlsx") == "mon_fichier.xlsx"
    assert SRC.label_of("wikidata").startswith("Wikidata")
    assert SRC.label_of("wikipedia", english=True).startswith("English Wikipedia")


def test_present_sources_are_the_same_from_a_column_or_a_list() -> None:
    cells = [SRC.BROCHURE.key, None, SRC.BROCHURE.key]
    column = pd.Series(cells * 3, dtype="category")
    assert SRC.present(column) == SRC.present(cells) == [SRC.BROCHURE]


@pytest.mark.parametrize("categorical", [False, True])
def test_sources_column_is_sources_text_of_each_cell(categorical: bool) -> None:
    """Computed once per distinct cell, the column reads as ``sources_text`` of each cell would."""
    cells = pd.Series(["wikidata|wikipedia", None, "brochure", "wikidata|wikipedia", "inconnue"], index=[4, 4, 9, 1, 0])
    column = cells.astype("category") if categorical else cells
    out = PV.sources_column(column)
    assert out.index.tolist() == [4, 4, 9, 1, 0]
    assert out.tolist() == [PV.sources_text(c) for c in cells]
    assert out.iat[1] == "" and "Wikidata" in out.iat[0]
