"""The schema, table by table: a column name means one thing wherever it appears."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest

from lianes_dash.dataset import schema as S


def _owners() -> dict[str, list[tuple[str, S.ColumnSpec]]]:
    owners: dict[str, list[tuple[str, S.ColumnSpec]]] = defaultdict(list)
    for table, specs in S.TABLES.items():
        for name, spec in specs.items():
            owners[name].append((table, spec))
    return owners


@pytest.mark.parametrize("name", sorted(n for n, o in _owners().items() if len(o) > 1))
def test_a_shared_column_name_means_one_thing(name: str) -> None:
    """Same name ⇒ same dtype and same label in every table (else rename the column)."""
    owners = _owners()[name]
    assert {spec.dtype for _, spec in owners} == {owners[0][1].dtype}, owners
    labels = {spec.label for table, spec in owners if (table, name) not in S.CONTEXT_LABELS}
    assert labels == {S.ALL_COLUMNS[name].label}, owners


def test_context_labels_are_real_exceptions() -> None:
    """Each declared heading differs from the name's label, and names a real column of that table."""
    for table, name in S.CONTEXT_LABELS:
        assert name in S.TABLES[table]
        assert S.label(name, table) != S.label(name)


def test_every_table_is_in_the_namespace() -> None:
    for specs in S.TABLES.values():
        for name in specs:
            assert name in S.ALL_COLUMNS
    assert set(S.ALL_COLUMNS) == {n for specs in S.TABLES.values() for n in specs}


def test_the_former_clashes_are_resolved() -> None:
    # the collectivities' nullable population, not the gazetteer's
    assert S.ALL_COLUMNS[S.POPULATION].dtype == "Int64" and S.ALL_COLUMNS[S.POPULATION].nullable
    # the import report's id keeps its own description, under the label users already see
    assert S.label(S.REPORT_LINK_ID, "import_report") == S.label(S.LINK_ID) == "Identifiant"
    assert S.TABLES["import_report"][S.REPORT_LINK_ID].description == "Identifiant du lien importé"
    assert S.label(S.NAME, "named") == "Nom actuel" and S.label(S.NAME) == "Nom"


def test_a_text_column_is_checked_once_by_its_dtype() -> None:
    """pandera's own text dtype answers cell by cell and formats the (empty) failures each time."""
    from pandera.engines import pandas_engine

    dtype = S.LINKS_SCHEMA.columns[S.FR_NAME].dtype
    assert str(dtype) == str(pandas_engine.Engine.dtype("str"))
    assert dtype.check(pandas_engine.Engine.dtype("str"), pd.Series(["Zorglub"], dtype="str")) is True
    assert dtype.check(pandas_engine.Engine.dtype("int64"), pd.Series([1])) is False
