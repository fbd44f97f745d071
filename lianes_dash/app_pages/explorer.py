"""Explorer et télécharger: the filtered links as a sortable table, and their downloads.

The downloads hold exactly the rows the filters keep (not only the rows the table shows),
with their provenance; the bytes are built only when a button is clicked (a callable
passed to ``st.download_button``) and kept per filters for the shared bundled data.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from lianes_dash.analysis import fiches
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import escape_markdown, fmt_int, plural
from lianes_dash.text.i18n import language, t
from lianes_dash.ui import cache, contribute, navigation, tables
from lianes_dash.ui.common import page_context
from lianes_dash.ui.state import Dataset
from lianes_dash.views import export as E
from lianes_dash.views.slides import value_names_in_language

#: Most rows sent to the browser table; the downloads are never capped by this.
#: NOTE: st.dataframe ships the whole frame to the browser: 600 000 rows would take seconds.
TABLE_MAX_ROWS = 20_000
#: Columns shown unless the visitor picks others (codes and coordinates are one click away).
#: What a reader looks for first (who, with whom, on what) comes first, so that the themes
#: and years are on screen at 1280 px; type, département and source follow.
DEFAULT_COLUMNS: tuple[str, ...] = (
    S.FR_NAME,
    S.PARTNER_NAME,
    S.PARTNER_COUNTRY_NAME,
    S.THEMES_COL,
    S.START_YEAR,
    S.KIND,
    S.FR_TYPE,
    S.FR_DEPARTEMENT_NAME,
    S.SOURCE,
)
TABLE_KEY = "explorer_table"
FICHE_COLLECTIVITE = "collectivite"
FICHE_PAYS = "pays"
#: Table height: a row's height and the header's, in pixels (no blank rows under a short table).
ROW_PX, MAX_TABLE_PX = 35, 520
COLUMNS_KEY = "explorer_columns"
WORLD_PAGE = "monde"


@cache.per_dataset(max_entries=16, ttl=3600)
def _download(
    filters: Filters, kind: str, day: dt.date, files_lang: str, _links: pd.DataFrame, _meta: E.ExportMeta
) -> bytes:
    """Export bytes, per (dataset, filters, format, day, language of the files).

    NOTE: ``_links``/``_meta`` are not hashed: they are determined by the key (dataset, filters, day,
    ``files_lang``). The files speak the meta's language, the page's; ``files_lang`` is in the key
    because this runs on click in another thread, whose own language (the cache's) is the default.
    """
    return E.zip_bytes(_links, _meta) if kind == "zip" else E.xlsx_bytes(_links, _meta)


def _builder(ds: Dataset, filters: Filters, kind: str, links: pd.DataFrame, meta: E.ExportMeta):
    """The callable ``st.download_button`` runs on click (in another thread, no st.* inside)."""
    return lambda: _download(ds, filters, kind, meta.generated, meta.lang, links, meta)


def _open_fiche(state_key: str, value: str) -> None:
    """Callback: the fiche's chooser takes the selected row's collectivity or country."""
    st.session_state[state_key] = value


def render() -> None:
    ctx = page_context()
    links = ctx.links
    today = dt.date.today()

    st.title(navigation.heading("explorer"))
    names = value_names_in_language(ctx.filters, ctx.ref.collectivities, ctx.ref.countries)
    # The page and the files' README (in the page's language) say the filters with the same lines.
    filter_lines = E.describe_filters(ctx.filters, names)
    st.markdown(
        t(
            "**{links}** sur {total} dans « {name} ».",
            links=plural(len(links), "lien"),
            total=fmt_int(len(ctx.ds.links)),
            name=escape_markdown(t(ctx.ds.name)),
        )
    )
    with st.expander(t("Filtres appliqués"), expanded=not ctx.filters.is_empty()):
        # St.text, not markdown: a search term or an imported name is user text.
        for line in filter_lines:
            st.text(line)
        st.caption(t("Modifiez les filtres dans le panneau de gauche ; le tableau et les téléchargements suivent."))

    if links.empty:
        st.info(t("Aucun lien ne correspond aux filtres. Élargissez la sélection ou réinitialisez les filtres."))
        st.stop()

    # --- Downloads -------------------------------------------------------------------------
    # The files speak the page's language; the bundled dataset's name is said in it, an imported file's as it is.
    meta = E.meta_for(
        links,
        dataset=ctx.ds.name if ctx.ds.imported else t(ctx.ds.name),
        imported=ctx.ds.imported,
        filter_lines=filter_lines,
        day=today,
    )
    st.subheader(t("Télécharger ces liens"))
    left, right = st.columns(2)
    with left:
        st.download_button(
            t("CSV (ZIP avec LISEZMOI)"),
            data=_builder(ctx.ds, ctx.filters, "zip", links, meta),
            file_name=E.file_name(today, "zip"),
            mime=E.ZIP_MIME,
            icon=":material/folder_zip:",
            on_click="ignore",
            width="stretch",
            help=t(
                "Un fichier CSV (séparateur « ; », UTF-8, décimales avec virgule) et un LISEZMOI.txt : sources, "
                "licences, filtres, date."
            ),
        )
    with right:
        too_big = len(links) > E.XLSX_MAX_ROWS
        st.download_button(
            t("Classeur Excel (XLSX)"),
            data=_builder(ctx.ds, ctx.filters, "xlsx", links, meta),
            file_name=E.file_name(today, "xlsx"),
            mime=E.XLSX_MIME,
            icon=":material/table:",
            on_click="ignore",
            width="stretch",
            disabled=too_big,
            help=t("Feuille « Lisez-moi » (sources, licences, filtres, date) et feuille « Liens »."),
        )
        if too_big:
            st.caption(
                t(
                    "Au-delà de {n} lignes, le classeur serait trop long à produire : "
                    "prenez le CSV (Excel l'ouvre) ou affinez les filtres.",
                    n=fmt_int(E.XLSX_MAX_ROWS),
                )
            )
    notes = [
        t("{rows}, exactement celles du tableau ci-dessous (filtres compris).", rows=plural(len(links), "ligne")),
        t(
            "Chaque ligne porte sa ou ses sources et les lignes brutes d'où elle vient ; le LISEZMOI (la feuille "
            "« Lisez-moi ») donne la licence et le crédit de chaque source présente."
        ),
        t("Les cellules qui commenceraient par =, +, -, @ sont précédées d'une apostrophe (sécurité des tableurs)."),
    ]
    st.caption(" ".join(notes))
    for note in meta.licence_notes:
        st.caption(note)

    # --- Table -----------------------------------------------------------------------------
    st.subheader(t("Les liens"))
    available = [c for c in E.EXPORT_COLUMNS if c in links.columns]
    if COLUMNS_KEY not in st.session_state:
        st.session_state[COLUMNS_KEY] = [c for c in DEFAULT_COLUMNS if c in available]
    with st.expander(t("Choisir les colonnes affichées (codes officiels, coordonnées, source…)")):
        chosen = st.multiselect(
            t("Colonnes affichées"),
            options=available,
            format_func=lambda column: t(S.label(column)),
            key=COLUMNS_KEY,
            help=t(
                "Les codes officiels, coordonnées et sources sont disponibles ici ; les téléchargements contiennent "
                "toujours toutes les colonnes."
            ),
        )
    columns = [c for c in chosen if c in available] or [S.FR_NAME, S.PARTNER_NAME]
    shown = fiches.display_rows(links, columns, TABLE_MAX_ROWS)
    event = tables.show_table(
        shown,
        column_config=tables.column_config(columns),
        height=min(MAX_TABLE_PX, ROW_PX * (len(shown) + 1) + 3),
        key=TABLE_KEY,
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = list(event.selection.rows) if event is not None else []
    if rows and rows[0] < len(shown):
        row = links.iloc[rows[0]]
        coll_key = f"{row[S.FR_TYPE]}:{row[S.FR_CODE]}"
        left, right = st.columns(2)
        # Button labels are plain text (no Markdown): a name from an imported file stays inert.
        if left.button(
            t("Fiche collectivité : {name}", name=escape_markdown(str(row[S.FR_NAME]))),
            icon=":material/account_balance:",
            width="stretch",
            on_click=_open_fiche,
            args=("fiche_collectivite", coll_key),
        ):
            st.switch_page(navigation.st_page(FICHE_COLLECTIVITE), query_params={"collectivite": coll_key})
        iso = row[S.PARTNER_COUNTRY]
        if pd.notna(iso) and right.button(
            t("Fiche pays : {name}", name=escape_markdown(str(row[S.PARTNER_COUNTRY_NAME]))),
            icon=":material/flag:",
            width="stretch",
            on_click=_open_fiche,
            args=("fiche_pays", str(iso)),
        ):
            st.switch_page(navigation.st_page(FICHE_PAYS), query_params={"iso": str(iso)})
    else:
        st.caption(
            t("Cochez une ligne (case à gauche) pour ouvrir la fiche de sa collectivité ou de son pays partenaire.")
        )
    if len(links) > TABLE_MAX_ROWS:
        st.caption(
            t(
                "Le tableau montre les {n} premières lignes sur {total} pour rester "
                "rapide ; les téléchargements contiennent toutes les lignes.",
                n=fmt_int(TABLE_MAX_ROWS),
                total=fmt_int(len(links)),
            )
        )
    else:
        st.caption(
            t("Cliquez sur un en-tête de colonne pour trier ; l'icône loupe du tableau cherche dans les lignes.")
        )

    # --- Map as an image ---------------------------------------------------------------------
    st.subheader(t("Image de la carte"))
    st.markdown(
        t(
            "Pour une image PNG de la carte : ouvrez la carte du monde, survolez-la et cliquez sur l'icône "
            "**appareil photo** en haut à droite de la carte. L'image est produite par votre navigateur, sans connexion "
            "à Internet, avec les mêmes filtres ; son nom porte la date du jour."
        )
    )
    st.page_link(
        navigation.st_page(WORLD_PAGE), label=navigation.page("monde").title_in(language()), icon=":material/public:"
    )

    # --- Contribute (issue 28) ---------------------------------------------------------------------
    contribute.on_explorer(links, TABLE_KEY)
