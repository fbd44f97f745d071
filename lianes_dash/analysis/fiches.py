"""What the two fiches (collectivity, country) and the Explorer's table derive from the links.

Pure functions, importable and tested without running a page; the pages only lay them out.
"""

from __future__ import annotations

import re

import pandas as pd

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import provenance as PV
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.text.french import fmt_int, of_place, sort_key
from lianes_dash.text.i18n import country_name, language, t
from lianes_dash.text.i18n_en import EN

#: Columns of the fiche collectivité's partners table (one row per link).
COLLECTIVITY_PARTNER_COLUMNS = (
    S.PARTNER_NAME, S.PARTNER_COUNTRY_NAME, S.KIND, S.THEMES_COL, S.START_YEAR, S.SOURCE, S.SOURCE_ROWS,
)  # fmt: skip
#: Columns of the fiche pays's partners table (one row per link).
COUNTRY_PARTNER_COLUMNS = (
    S.PARTNER_NAME, S.FR_NAME, S.FR_TYPE, S.KIND, S.THEMES_COL, S.START_YEAR, S.SOURCE, S.SOURCE_ROWS,
)  # fmt: skip


def partners_table(links: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """One row per link: the columns given, themes and year (« non renseigné »), sources and raw rows."""
    return PV.link_table(links, list(columns))


def display_rows(links: pd.DataFrame, columns: list[str], max_rows: int) -> pd.DataFrame:
    """The Explorer's rows for the browser table, types a person reads (« Commune », not « commune »)."""
    table = links[columns].head(max_rows).copy()
    if S.FR_TYPE in table:
        table[S.FR_TYPE] = table[S.FR_TYPE].astype(str).map(S.TYPE_LABELS)
    if S.THEMES_COL in table:
        table[S.THEMES_COL] = PV.themes_column(table[S.THEMES_COL])
    if S.SOURCE in table:
        table[S.SOURCE] = PV.sources_column(table[S.SOURCE])
    if language() == "en":
        table = _in_english(table, links)
    return table


def _in_english(table: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The words of the table in English (types, kinds, continents, themes, country names by ISO3);
    names of collectivities and places as they are."""
    for column in (S.FR_TYPE, S.KIND, S.PARTNER_CONTINENT):
        if column in table:
            table[column] = table[column].astype(object).map(lambda v: t(v) if isinstance(v, str) else v)
    if S.THEMES_COL in table:
        table[S.THEMES_COL] = (
            table[S.THEMES_COL]
            .astype(object)
            .map(lambda cell: ", ".join(t(x) for x in str(cell).split(", ")) if isinstance(cell, str) else cell)
        )
    if S.PARTNER_COUNTRY_NAME in table and S.PARTNER_COUNTRY in links:
        # By position: the table is the head of ``links`` (its index may repeat).
        isos = links[S.PARTNER_COUNTRY].iloc[: len(table)].astype(str)
        names = table[S.PARTNER_COUNTRY_NAME].astype(str)
        english = {(iso, name): country_name(iso, name) for iso, name in set(zip(isos, names, strict=True))}
        table[S.PARTNER_COUNTRY_NAME] = [english[pair] for pair in zip(isos, names, strict=True)]
    return table


def themes_counts(links: pd.DataFrame) -> pd.DataFrame:
    """Links per theme, « non renseigné » last (``metrics.themes_count``), themes in the page's language."""
    counts = M.themes_count(links, unknown=True)
    if language() == "en":
        counts[S.THEME] = counts[S.THEME].map(t)
    return counts


# --- Fiche collectivité ---------------------------------------------------------------------------
def collectivity_links(all_links: pd.DataFrame, fr_type: str, code: str) -> pd.DataFrame:
    """The links of one French collectivity."""
    # Compared as they are (categorical, text): « .astype(str) » on 600 000 rows is slow.
    return all_links.loc[((all_links[S.FR_CODE] == code) & (all_links[S.FR_TYPE] == fr_type)).to_numpy(dtype=bool)]


def reference_row(ref_coll: pd.DataFrame, fr_type: str, code: str) -> pd.Series | None:
    """The collectivity's row in the reference (INSEE), if it is there."""
    rows = ref_coll.loc[(ref_coll[S.TYPE] == fr_type) & (ref_coll[S.CODE] == code)]
    return rows.iloc[0] if len(rows) else None


def name_of(ref_coll: pd.DataFrame, fr_type: str, code: object) -> str | None:
    """The reference name of a collectivity given by type and code (None if absent)."""
    if not isinstance(code, str) or not code:
        return None
    row = reference_row(ref_coll, fr_type, code)
    return None if row is None else str(row[S.NAME])


def collectivity_facts(ref_coll: pd.DataFrame, fr_type: str, code: str, ref_row: pd.Series | None) -> dict[str, str]:
    """The fiche's identity card: « Type », population, département, région, EPCI, official code.

    The labels are French (the page names them in its language); the values are in the page's language."""
    facts = {"Type": t(S.TYPE_LABELS.get(fr_type, fr_type))}
    if ref_row is None:
        return facts
    if fr_type == "epci" and isinstance(ref_row[S.SUBTYPE], str):
        facts["Nature"] = ref_row[S.SUBTYPE]
    pop = ref_row[S.POPULATION]
    facts["Population municipale"] = "–" if pd.isna(pop) else t("{n} habitants", n=fmt_int(pop))
    if fr_type != "region":
        dep = ref_row[S.DEPARTEMENT]
        dep_name = name_of(ref_coll, "departement", dep)
        if fr_type != "departement" and dep_name:
            facts["Département"] = f"{dep_name} ({dep})"
    reg_name = name_of(ref_coll, "region", ref_row[S.REGION])
    if fr_type != "region" and reg_name:
        facts["Région"] = reg_name
    epci_name = name_of(ref_coll, "epci", ref_row[S.EPCI]) if fr_type == "commune" else None
    if epci_name:
        facts["Intercommunalité"] = epci_name
    facts["Code officiel"] = code
    return facts


#: The build's note on a link whose French side the source wrote otherwise (« nom dans la source : « Dunkirk » »).
_SOURCE_NAME = re.compile(r"nom dans la source : « (.+?) »")


def quotes_the_brochure(source_cell: object) -> bool:
    """True when a link's description is the brochure's own French text (quoted as it is, translated beside)."""
    return SRC.BROCHURE.key in S.split_sources(source_cell)


def description_text(description: str) -> str:
    """A link's description in the page's language: the brochure's (quoted) by its catalogue entry, the
    build's notes (« nom dans la source : « … » », several joined by « ; ») word by word."""
    if language() == "fr":
        return description
    if description in EN:
        return t(description)
    english = _SOURCE_NAME.sub(lambda m: t("nom dans la source : « {name} »", name=m.group(1)), description)
    return english.replace(" ; ", t(" ; "))


def start_years_text(links: pd.DataFrame) -> str:
    """« 1995, 2004 (2) »: the known start years and how many links began each (empty: none known)."""
    counts = links[S.START_YEAR].dropna().astype(int).value_counts().sort_index()
    return ", ".join(f"{y} ({n})" if n > 1 else str(y) for y, n in counts.items())


# --- Fiche pays -----------------------------------------------------------------------------------
def chooser_choices(every: dict[str, str], selected: dict[str, str] | None, from_url: object) -> dict[str, str]:
    """A fiche's choices: the selection's (``None``: no filter, every one), plus the one the URL
    names when it exists in the data but lies outside the filters (a shared link still opens it)."""
    choices = every if selected is None else selected
    if isinstance(from_url, str) and from_url in every and from_url not in choices:
        choices = {from_url: every[from_url], **choices}
    return choices


def country_choices(links: pd.DataFrame) -> dict[str, str]:
    """Partner countries of the links: ISO alpha-3 → name (French, or English on an English page),
    in alphabetical order (accents and case ignored)."""
    pairs = links[[S.PARTNER_COUNTRY, S.PARTNER_COUNTRY_NAME]].astype(str).drop_duplicates(S.PARTNER_COUNTRY)
    # With pandas' text dtype a missing name stays missing after ``astype(str)``: test both.
    labels = {
        iso: (iso if pd.isna(name) or name in ("nan", "<NA>", "None") else country_name(iso, name))
        for iso, name in pairs.itertuples(index=False)
    }
    return dict(sorted(labels.items(), key=lambda kv: sort_key(kv[1])))


def country_summary(all_links: pd.DataFrame, iso: str, map_cap: int, top_departements: int) -> dict:
    """Everything the fiche pays derives from the country's links (the filters do not apply there)."""
    # Compared as it is (categorical): « .astype(str) » on 600 000 rows costs half a second.
    links = all_links.loc[(all_links[S.PARTNER_COUNTRY] == iso).to_numpy(dtype=bool)]
    per_coll = M.per_collectivity(links)
    coll_table = per_coll[[S.FR_NAME, S.FR_TYPE, S.FR_DEPARTEMENT, S.COUNT]].copy()
    coll_table[S.FR_TYPE] = coll_table[S.FR_TYPE].map(S.TYPE_LABELS).map(t)
    coll_table = coll_table.sort_values(S.FR_NAME, key=lambda s: s.map(sort_key))
    deps = links.drop_duplicates([S.FR_TYPE, S.FR_CODE])
    return {
        "links": links,
        "headline": M.headline(links),
        "shown": links if len(links) <= map_cap else links.sample(n=map_cap, random_state=0),
        "per_coll": per_coll,
        "coll_table": coll_table,
        "dep_counts": M.count_by(deps, S.FR_DEPARTEMENT_NAME, top=top_departements),
        "partners": partners_table(links, COUNTRY_PARTNER_COLUMNS),
        "theme_counts": themes_counts(links),
        "known_themes": M.known_themes_count(links),
        "decades": M.by_decade(links),
        "unknown": M.unknown_year_count(links),
    }


def town(name: str) -> str:
    """« ville d'Halluin », « ville du Portel » (the French « de » contracts with the name's article)."""
    return "ville " + of_place(name) if language() == "fr" else t("ville de {town}", town=name)
