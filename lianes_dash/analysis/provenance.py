"""How a link's provenance and unknown cells read on screen and on slides: short source names, raw
rows, credit line, « non renseigné » for a missing theme or year.

Pure Python (no Streamlit). Everything is derived from the registry (:mod:`lianes_dash.dataset.sources`)
so that a page or a slide cannot drift from it; an unregistered key (an imported file's name)
is shown as it is.
"""

from __future__ import annotations

import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.dataset.vectors import per_distinct
from lianes_dash.text.i18n import language, t

#: Separator of several raw rows in the ``source_rows`` cell.
ROWS_SEP = "|"
#: Folder of the raw snapshots the ``source_rows`` cells point into.
RAW_FOLDER = "data/raw/"


def short_label(key: str) -> str:
    """« Wikidata (2017) », « Wikipédia en anglais (2026) »: the label up to its first comma, and the year."""
    source = SRC.SOURCES.get(key) or SRC.CONTRIBUTED_SOURCES.get(key)
    if source is None:
        return key
    label = source.label_en if language() == "en" else source.label
    # The contributions are dated « en continu », not by a year.
    year = source.data_date[:4] if source.data_date[:4].isdigit() else t(source.data_date)
    return f"{label.split(',')[0]} ({year})"


def sources_text(cell: object, sep: str | None = None) -> str:
    """The sources of one ``source`` cell in words (« Wikidata (2017) ; Wikipédia en anglais (2026) »);
    ``sep`` defaults to « ; » in the page's language."""
    return (t(" ; ") if sep is None else sep).join(short_label(k) for k in S.split_sources(cell))


def raw_rows(cell: object) -> list[str]:
    """The raw rows of one ``source_rows`` cell (« wikidata-p190-2017/france.tsv:123 »), in order."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [r for r in str(cell).split(ROWS_SEP) if r]


def raw_rows_text(cell: object) -> str:
    """The raw rows of one cell as one line, « — » when none (a row typed from the brochure)."""
    rows = raw_rows(cell)
    return ", ".join(rows) if rows else "—"


def credit_line(cells: object) -> str:
    """« Données : Wikidata contributors (CC0 1.0 …) · … »: every registered source present in a
    ``source`` column, with its credit and licence, in credit order; "" when none is registered."""
    parts = []
    for source in SRC.present(cells):
        if source.credit_licensed:
            parts.append(t(source.credit_licensed))
            continue
        licence = f", {t(source.licence)}" if source.key != SRC.BROCHURE.key else ""
        parts.append(f"{source.credit}{licence}")
    return t("Données : {credits}", credits=" · ".join(parts)) if parts else ""


def image_credit(cells: object) -> str:
    """« Sources : Wikidata (2017, CC0) · … »: the short credit a shared chart or map carries."""
    parts = []
    for source in SRC.present(cells):
        short = short_label(source.key)
        licence = t(source.licence_short) if source.licence_short else ""
        parts.append(f"{short[:-1]}, {licence})" if licence else short)
    return t("Sources : {sources}", sources=" · ".join(parts)) if parts else ""


def themes_text(cell: object) -> str:
    """« culture, santé », or « non renseigné » when the link has no known theme."""
    themes = S.split_themes(cell)
    return ", ".join(themes) if themes else S.UNKNOWN_LABEL


def themes_column(series: pd.Series) -> pd.Series:
    """``themes_text`` over a column (computed once per distinct cell), as plain text."""
    texts = per_distinct(series, lambda v: themes_text(v) if isinstance(v, str) else S.UNKNOWN_LABEL, S.UNKNOWN_LABEL)
    return pd.Series(texts, index=series.index, name=series.name, dtype=object)


def sources_column(series: pd.Series) -> pd.Series:
    """``sources_text`` over a column (computed once per distinct cell), as plain text."""
    texts = per_distinct(series, sources_text, sources_text(None))
    return pd.Series(texts, index=series.index, name=series.name, dtype=object)


def year_column(series: pd.Series) -> pd.Series:
    """Start years as text, « non renseignée » when unknown (a table reads « 2003 », not « 2 003 »)."""
    return series.astype("Int64").astype("string").fillna(t("non renseignée")).astype(object)


def sources_caption(links: pd.DataFrame) -> str:
    """Where the rows of a fiche come from: each registered source present, its licence, the raw folder."""
    present = SRC.present(links[S.SOURCE])
    if not present:
        return ""
    listing = t(" ; ").join(t("{source} : {n}", source=short_label(s.key), n=t(s.licence)) for s in present)
    return t(
        "Sources : {listing}. La colonne « {column} » donne, pour chaque lien, le fichier brut "
        "({folder}) et la ligne d'où il vient ; un lien vu dans deux sources en a deux.",
        listing=listing,
        column=t(S.label(S.SOURCE_ROWS)),
        folder=RAW_FOLDER,
    )


def link_table(links: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The links of a fiche as people read them: themes and years « non renseigné », sources in
    words, raw rows, French column labels (``columns`` among the links' own)."""
    table = links[[c for c in columns if c in links.columns]].copy()
    if S.FR_TYPE in table:
        table[S.FR_TYPE] = table[S.FR_TYPE].astype(str).map(S.TYPE_LABELS)
    if S.THEMES_COL in table:
        table[S.THEMES_COL] = themes_column(table[S.THEMES_COL])
    if S.START_YEAR in table:
        table[S.START_YEAR] = year_column(table[S.START_YEAR])
    if S.SOURCE in table:
        table[S.SOURCE] = sources_column(table[S.SOURCE])
    if S.SOURCE_ROWS in table:
        table[S.SOURCE_ROWS] = table[S.SOURCE_ROWS].astype(object).map(raw_rows_text)
    from lianes_dash.text.french import sort_key

    if language() == "en":
        table = _in_english(table, links)
    table = table.sort_values(S.PARTNER_NAME, key=lambda s: s.map(sort_key))
    return table.rename(columns={c: t(S.label(c)) for c in table.columns})


def _in_english(table: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The words of a fiche's table in English (types, kinds, themes, country names by ISO3); names of
    collectivities and places as they are. ``table`` keeps the index of ``links``."""
    from lianes_dash.text.i18n import country_name

    for column in (S.FR_TYPE, S.KIND, S.PARTNER_CONTINENT):
        if column in table:
            table[column] = table[column].astype(object).map(lambda v: t(v) if isinstance(v, str) else v)
    if S.THEMES_COL in table:
        table[S.THEMES_COL] = table[S.THEMES_COL].map(lambda cell: ", ".join(t(x) for x in str(cell).split(", ")))
    if S.PARTNER_COUNTRY_NAME in table and S.PARTNER_COUNTRY in links:
        pairs = zip(links[S.PARTNER_COUNTRY].astype(str), table[S.PARTNER_COUNTRY_NAME].astype(str), strict=True)
        table[S.PARTNER_COUNTRY_NAME] = [country_name(iso, name) for iso, name in pairs]
    return table
