"""Importer des données: a user's links file, checked row by row, shown in this session only.

The logic lives in ``lianes_dash.ui.importing`` (testable functions); this script lays it
out. User text (file name, headers, cells) only reaches the screen through
``st.dataframe``, widget labels and messages escaped with ``escape_markdown``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash.dataset import data as D
from lianes_dash.dataset import schema as S
from lianes_dash.importer import IMPORT_FIELDS
from lianes_dash.importer import headers as H
from lianes_dash.importer.stored import StoredResult
from lianes_dash.server import streamlit_internals
from lianes_dash.text.french import fmt_float, fmt_int, plural
from lianes_dash.text.i18n import language, t
from lianes_dash.ui import contribute, navigation, tables
from lianes_dash.ui import importing as imp
from lianes_dash.ui.common import escape_markdown
from lianes_dash.ui.state import Dataset, dataset

OVERVIEW = "vue-d-ensemble"


def _mb(n: int) -> str:
    """« 50 Mo » (« 50 MB »): Mo of 1 048 576 octets, the unit of ``server.maxUploadSize`` and of the browser's check."""
    if language() == "en":
        return f"{fmt_float(n / 1024 / 1024, 1).removesuffix('.0')} MB"
    return f"{fmt_float(n / 1024 / 1024, 1).removesuffix(',0')} Mo"


def explain_files() -> None:
    """What can be imported: formats, columns, size."""
    server, importer = imp.size_limits()
    applies = min(server, importer)
    limits = imp.import_limits()
    st.markdown(
        t(
            "**Formats acceptés**\n"
            "- **CSV** (extension `.csv`, `.txt` ou `.tsv`) séparé par des virgules `,`, des points-virgules `;` "
            "ou des tabulations, encodé en UTF-8 (avec ou sans BOM) ou en Windows-1252 (Excel « CSV » français) : "
            "séparateur et encodage sont reconnus tout seuls ;\n"
            "- **XLSX** (classeur Excel ou LibreOffice) : la première feuille, ou celle que vous nommez ;\n"
            "- l'**export de l'Atlas français de la coopération décentralisée** (ministère de l'Europe et des "
            "Affaires étrangères), publié sur data.gouv.fr en un fichier par zone géographique : importez une zone, "
            "ou réunissez d'abord les zones dans un seul tableau (mêmes colonnes) ;\n"
            "- l'**export de la base d'un réseau régional** (tableur ou CSV), tant qu'il a les colonnes ci-dessous.\n\n"
            "La première ligne doit être l'en-tête (noms des colonnes). Chaque ligne du fichier reçoit un verdict "
            "dans le rapport : aucune n'est perdue ni corrigée en silence."
        )
    )
    st.markdown(
        t(
            "**Colonnes obligatoires** : la collectivité française (son nom, ou son code officiel INSEE/SIREN) "
            "et le pays partenaire. Les autres sont facultatives. Les en-têtes sont reconnus en français ou en "
            "anglais, sans tenir compte des majuscules ni des accents ; après l'envoi, vous pouvez corriger la "
            "correspondance colonne par colonne."
        )
    )
    required = {S.FR_NAME: "oui (ou le code)", S.FR_CODE: "oui (ou le nom)", S.PARTNER_COUNTRY: "oui"}
    # The synonym table is the importer's own (headers.SYNONYMS): one list, no copy to drift.
    rows = [
        {
            t("Champ"): t(label),
            t("Obligatoire"): t(required.get(fld, "non")),
            t("En-têtes reconnus (exemples)"): ", ".join(t("« {text} »", text=w) for w in H.SYNONYMS.get(fld, ())[:5]),
        }
        for fld, label in IMPORT_FIELDS.items()
    ]
    tables.show_table(pd.DataFrame(rows))
    st.markdown(
        t(
            "**Taille maximale : {size}** ({bytes} octets, réglage `server.maxUploadSize`, "
            "le même pour l'envoi et pour l'import). Un fichier plus gros est refusé par le navigateur avant "
            "l'envoi (« Fichier trop volumineux ») : découpez-le (par exemple par zone ou par région).\n\n"
            "**Autres limites** : au plus {rows} lignes de données "
            "(`LIANES_IMPORT_MAX_ROWS`) et {columns} colonnes (`LIANES_IMPORT_MAX_COLUMNS`) ; "
            "l'import tourne à part, avec au plus {memory} Mo de mémoire "
            "(`LIANES_IMPORT_MEMORY_MB`) et {seconds} secondes (`LIANES_IMPORT_TIMEOUT`) ; "
            "vous pouvez l'annuler à tout moment. Les lignes vides ne comptent pas.",
            size=_mb(applies),
            bytes=fmt_int(applies),
            rows=fmt_int(limits["rows"]),
            columns=fmt_int(limits["columns"]),
            memory=fmt_int(limits["memory_mb"]),
            seconds=fmt_int(limits["timeout_s"]),
        )
    )


def session_dataset() -> Dataset | None:
    """This session's data, or None when the bundled links cannot be loaded.

    ``dashboard.py`` has then named the broken file at the top and runs this page all the
    same: importing a file is the way to use the dashboard meanwhile.
    """
    try:
        return dataset()
    except D.DataFileError:
        return None


def dataset_status() -> None:
    """Which data the dashboard shows in this session, and the way back to the bundled data."""
    ds = session_dataset()
    if ds is None:
        st.caption(
            t(
                "Les données livrées ne peuvent pas être chargées (voir ci-dessus) : un fichier importé ici "
                "s'affiche sur toutes les pages, pour cette session."
            )
        )
    elif ds.imported:
        st.success(
            t(
                "Le tableau de bord affiche vos données importées ({name} : {links}), dans cette session seulement.",
                name=escape_markdown(ds.name),
                links=plural(len(ds.links), "lien"),
            ),
            icon=":material/check_circle:",
        )
        left, right = st.columns([1, 2])
        left.button(
            t("Revenir aux données livrées"),
            key="import_back",
            on_click=imp.back_to_bundled,
            icon=":material/undo:",
        )
        right.page_link(navigation.st_page(OVERVIEW), label=t("Voir la vue d'ensemble"), icon=":material/dashboard:")
    else:
        st.caption(
            t(
                "Le tableau de bord affiche actuellement les données livrées ({links}).",
                links=plural(len(ds.links), "lien"),
            )
        )


def mapping_editor(columns: list[str], file_id: str, sheet: str | None, expanded: bool) -> None:
    """Detected mapping, file column → field, each one changeable (« ignorer » included)."""
    try:
        current = imp.detected_fields(columns, st.session_state.get(imp.MAPPING))
    except Exception:  # noqa: BLE001 — a stale mapping must not break the page
        current = imp.detected_fields(columns)
    keys = [imp.mapping_widget_key(file_id, sheet, i) for i in range(len(columns))]
    with st.expander(t("Correspondance des colonnes (fichier → tableau de bord)"), expanded=expanded):
        st.caption(
            t(
                "Chaque colonne de votre fichier et le champ où elle est lue. Changez un champ, ou choisissez "
                "« ignorer », puis relancez l'import. Une colonne ne peut remplir qu'un champ, et un champ "
                "qu'une colonne."
            )
        )
        with st.form("import_mapping_form", border=False):
            grid = st.columns(3)
            for i, col in enumerate(columns):
                with grid[i % 3]:
                    st.selectbox(
                        escape_markdown(col) or t("(colonne {n} sans nom)", n=i + 1),
                        options=imp.FIELD_CHOICES,
                        index=imp.FIELD_CHOICES.index(current.get(col, imp.IGNORE)),
                        format_func=imp.field_label,
                        key=keys[i],
                    )
            st.form_submit_button(
                t("Relancer l'import avec cette correspondance"),
                on_click=imp.submit_mapping,
                args=(columns, keys),
                icon=":material/refresh:",
            )
        if st.session_state.get(imp.MAPPING_ERROR):
            st.error(escape_markdown(st.session_state[imp.MAPPING_ERROR]), icon=":material/error:")


def show_result(result: StoredResult, from_this_upload: bool) -> None:
    """Summary, the switch to the imported data, the report and its download."""
    s = result.summary
    st.subheader(t("Résultat de l'import"))
    if not from_this_upload:
        st.caption(t("Résultat du dernier import de cette session. Chargez un fichier pour en importer un autre."))
    st.markdown(escape_markdown(s.text(result.filename)))
    cards = st.columns(4)
    cards[0].metric(t("Lignes acceptées"), fmt_int(s.accepted))
    cards[1].metric(t("Doublons écartés"), fmt_int(s.duplicates))
    cards[2].metric(t("Lignes rejetées"), fmt_int(s.rejected))
    cards[3].metric(t("Lignes vides"), fmt_int(s.blank))
    if s.rejected:
        st.warning(
            t(
                "{rows} : elles sont en tête du rapport ci-dessous, "
                "avec le champ en cause, le motif et les noms officiels les plus proches. Corrigez-les dans votre "
                "fichier puis importez-le de nouveau ; les lignes acceptées peuvent déjà être utilisées.",
                rows=plural(s.rejected, "ligne rejetée", "lignes rejetées"),
            ),
            icon=":material/warning:",
        )
    extra = []
    if s.with_warnings:
        extra.append(
            f"{plural(s.with_warnings, 'ligne acceptée avec avertissement', 'lignes acceptées avec avertissements')}"
        )
    if s.approximate:
        extra.append(
            t(
                "{partners} au centre du pays (lieu introuvable dans le répertoire géographique)",
                partners=plural(s.approximate, "partenaire placé", "partenaires placés"),
            )
        )
    notes = [*extra, *(escape_markdown(n) for n in result.notes)]
    if notes:
        st.caption(" · ".join(notes))
    gazetteer_error = st.session_state.get(imp.PLACES_ERROR)
    if from_this_upload and isinstance(gazetteer_error, D.DataFileError):
        st.warning(
            t(
                "Le répertoire des lieux à l'étranger ne peut pas être chargé ({reason}) : les partenaires sont placés "
                "au centre de leur pays. Fichier : `{file}` (dans le dossier des données) ; pour le reconstruire : "
                "`{rebuild}`.",
                reason=escape_markdown(gazetteer_error.reason),
                file=D.display_name(gazetteer_error.path),
                rebuild=gazetteer_error.rebuild or D.BUILD_REFERENCE_CMD,
            ),
            icon=":material/warning:",
        )

    st.markdown(t("##### Utiliser ces données"))
    ds = session_dataset()
    in_use = ds is not None and ds.imported and ds.key == result.key
    if in_use:
        st.success(
            t("Ces données sont affichées sur toutes les pages du tableau de bord (cette session)."),
            icon=":material/check_circle:",
        )
    else:
        st.button(
            t("Utiliser ces données dans le tableau de bord (cette session)"),
            key="import_use",
            type="primary",
            disabled=s.accepted == 0,
            on_click=imp.use_result,
            args=(result,),
            icon=":material/dashboard:",
        )
    st.caption(
        t(
            "Seules les lignes acceptées ({n}) sont utilisées ; les filtres sont remis à zéro. "
            "Vos données restent dans cette session de navigateur : personne d'autre ne les voit ; elles ne sont gardées "
            "que le temps de la session, dans un dossier temporaire du serveur effacé peu après la fermeture ou le "
            "rechargement de l'onglet. Les données livrées "
            "ne sont jamais modifiées : « Revenir aux données livrées » les réaffiche à tout moment.",
            n=fmt_int(s.accepted),
        )
    )

    st.markdown(t("##### Rapport ligne par ligne"))
    st.caption(
        t(
            "Dans l'ordre : lignes rejetées, doublons, lignes acceptées avec avertissement, lignes acceptées, "
            "lignes vides ; dans chaque groupe, l'ordre du fichier. « Ligne » est le numéro dans le fichier "
            "(l'en-tête est la ligne 1)."
        )
    )
    imp.show_report(result)
    st.download_button(
        t("Télécharger le rapport (CSV)"),
        data=imp.report_file(result),
        file_name=imp.download_name(result.filename),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    if result.links_count:
        with st.expander(t("Aperçu des liens acceptés ({n})", n=fmt_int(result.links_count))):
            imp.show_links_preview(result)
        contribute.submit_import(result.links, result.filename, count=result.links_count)


# ---------------------------------------------------------------------------
def render() -> None:
    st.title(navigation.heading("importer"))
    st.markdown(
        t(
            "Chargez votre propre fichier de partenariats (export de l'Atlas du ministère, base d'un réseau régional, "
            "tableur maison) : chaque ligne est vérifiée, et vous pouvez ensuite **afficher ces données sur toutes les "
            "pages du tableau de bord, pour vous seul et pour cette session**. Le fichier n'est gardé que le temps de "
            "votre session, dans un dossier temporaire du serveur, et les données livrées ne sont jamais modifiées."
        )
    )
    dataset_status()

    # Folded once a file is chosen, so that the result is in view.
    has_result = st.session_state.get(imp.RESULT) is not None or st.session_state.get(imp.UPLOAD) is not None
    with st.expander(t("Quels fichiers, quelles colonnes, quelle taille ?"), expanded=not has_result):
        explain_files()

    _limit = imp.upload_limit_bytes()
    upload = st.file_uploader(
        t("Fichier de liens (CSV, TSV, TXT ou XLSX ; {size} au plus)", size=_mb(_limit)),
        type=imp.UPLOAD_TYPES,
        key=imp.UPLOAD,
        on_change=imp.file_changed,
        max_upload_size=max(1, _limit // (1024 * 1024)),
        help=t("Un seul fichier à la fois. Il reste dans votre session : personne d'autre ne le voit."),
    )
    st.caption(
        t(
            "Fichier trop gros ? Au-delà de {size}, le navigateur le refuse avant l'envoi : découpez-le, par "
            "exemple par zone ou par région.",
            size=_mb(_limit),
        )
    )
    # Saved once to the session's folder, then Streamlit's copy of the bytes dropped (ui.importing.chosen_file).
    chosen = imp.chosen_file(upload, release=streamlit_internals.release_upload)
    sheet: str | None = None
    if chosen is not None and chosen.name.lower().endswith(".xlsx"):
        sheet = (
            st.text_input(
                t("Feuille du classeur (facultatif)"),
                key=imp.SHEET,
                placeholder=t("la première feuille"),
                on_change=imp.forget_file,
                max_chars=100,
            ).strip()
            or None
        )

    if chosen is not None:
        mapping = st.session_state.get(imp.MAPPING)
        # The language is in the token: the report's reasons are written in the page's language, so
        # switching language re-runs the import of the file still chosen.
        token = (chosen.file_id, sheet, tuple(sorted(mapping.items())) if mapping else (), language())
        if st.session_state.get(imp.TOKEN) != token:
            imp.import_upload(chosen, sheet, mapping, token)
        if st.session_state.get(imp.CANCELLED):
            st.warning(t("Import annulé : rien n'a été importé."), icon=":material/cancel:")
            st.button(t("Relancer l'import"), key="import_retry", on_click=imp.retry_import, icon=":material/refresh:")
        error = st.session_state.get(imp.ERROR)
        if error:
            st.error(escape_markdown(error), icon=":material/error:")
            if st.session_state.get(imp.ERROR_COLUMNS):
                st.info(
                    t(
                        "Indiquez ci-dessous quelle colonne de votre fichier correspond à quel champ, puis relancez "
                        "l'import."
                    )
                )
        columns = st.session_state.get(imp.COLUMNS)
        if columns:
            mapping_editor(
                columns,
                chosen.file_id,
                sheet,
                expanded=bool(st.session_state.get(imp.ERROR_COLUMNS) or st.session_state.get(imp.MAPPING)),
            )

    result = imp.current_result()
    if result is not None:
        show_result(result, from_this_upload=chosen is not None)
