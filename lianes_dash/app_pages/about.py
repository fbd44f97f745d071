"""À propos: decentralised cooperation as the brochure explains it, the network, and the data.

Every fact comes from ``brochure.py``; the sources of the links from the registry
(``sources.py``) and from the links' own ``source`` column; the files from ``data/SOURCES.md``,
``data/reference/MANIFEST.json`` and the build report summary written by
``python -m lianes_dash.build_links``, read at run time, so that this page cannot drift from the code.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from lianes_dash import brochure as B
from lianes_dash import data as D
from lianes_dash import metrics as M
from lianes_dash import provenance as PV
from lianes_dash import schema as S
from lianes_dash import sources as SRC
from lianes_dash.text import escape_markdown, fmt_date, fmt_int, fmt_pct
from lianes_dash.ui import cache, navigation
from lianes_dash.ui.common import data_error_page, page_context

#: The build report summary (``python -m lianes_dash.build_links``), relative to the data folder.
BUILD_SUMMARY = f"{D.LINKS}/build_report_summary.json"
BUILD_REPORT = f"{D.LINKS}/build_report.csv"
BUILD_CMD = "python -m lianes_dash.build_links"


@cache.per_dataset(max_entries=2, copies=True)
def _figures(_links: pd.DataFrame, _collectivities: pd.DataFrame) -> tuple[dict[str, int], float]:
    """Headline counts and share of medium towns engaged (of the whole dataset: ``_links``)."""
    return M.headline(_links), M.medium_towns_share(_links, _collectivities)


SOURCES_FILE = "SOURCES.md"
MANIFEST_FILE = f"{D.REFERENCE}/MANIFEST.json"
_SOURCES_REBUILD = "git checkout data/SOURCES.md (fichier tenu à la main)"


def _text_file(relative: str, rebuild: str) -> str:
    """A UTF-8 text file of the data folder, or ``DataFileError`` (absent, folder, bad encoding, empty)."""
    path = D.data_dir() / relative
    if not path.exists():
        raise D.DataFileError(path, "fichier absent", rebuild)
    if path.is_dir():
        raise D.DataFileError(path, "un dossier se trouve à la place du fichier", rebuild)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise D.DataFileError(path, "encodage illisible (le fichier doit être en UTF-8)", rebuild, repr(exc)) from exc
    except OSError as exc:
        raise D.DataFileError(path, "illisible", rebuild, repr(exc)) from exc
    if not text.strip():
        raise D.DataFileError(path, "fichier vide", rebuild)
    return text


def _sources_text() -> str:
    """``data/SOURCES.md`` (raises ``DataFileError``)."""
    return _text_file(SOURCES_FILE, _SOURCES_REBUILD)


def _manifest() -> dict:
    """``data/reference/MANIFEST.json``, checked field by field (raises ``DataFileError``).

    NOTE: every field the page shows is checked for its type, so that a manifest of the
    wrong shape (a list, a number, a field of the wrong type) gives the data-file message.
    """
    path = D.data_dir() / MANIFEST_FILE
    text = _text_file(MANIFEST_FILE, D.BUILD_REFERENCE_CMD)
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise D.DataFileError(path, "JSON illisible ou tronqué", D.BUILD_REFERENCE_CMD, repr(exc)) from exc

    def bad(field: str) -> D.DataFileError:
        return D.DataFileError(path, f"contenu invalide (champ « {field} »)", D.BUILD_REFERENCE_CMD)

    if not isinstance(manifest, dict):
        raise D.DataFileError(path, "contenu invalide (un objet JSON est attendu)", D.BUILD_REFERENCE_CMD)
    out = {
        "built": manifest.get("built", "?"),
        "command": manifest.get("command", "?"),
        "sources": manifest.get("sources", {}),
        "rows": manifest.get("rows", {}),
        "countries_without_location": manifest.get("countries_without_location", []),
        "communes_without_location": manifest.get("communes_without_location", []),
        "files": manifest.get("files", {}),
    }
    for field in ("built", "command"):
        if not isinstance(out[field], str):
            raise bad(field)
    if not isinstance(out["sources"], dict) or not all(isinstance(v, str) for v in out["sources"].values()):
        raise bad("sources")
    rows = out["rows"]
    if not isinstance(rows, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in rows.values()):
        raise bad("rows")
    for field in ("countries_without_location", "communes_without_location"):
        if not isinstance(out[field], list) or not all(isinstance(v, str) for v in out[field]):
            raise bad(field)
    if not isinstance(out["files"], dict) or not all(isinstance(v, dict) for v in out["files"].values()):
        raise bad("files")
    return out


ctx = page_context()
#: The whole dataset, not the filtered view: this page describes the data, not a selection.
links = ctx.ds.links

st.title(navigation.heading("a-propos"))
tab_coop, tab_lianes, tab_data, tab_method = st.tabs(
    ["La coopération décentralisée", "Lianes coopération", "Sources des données", "Méthode et limites"]
)

# --- What it is ------------------------------------------------------------------------------------
with tab_coop:
    st.subheader("Qu'est-ce que la coopération décentralisée ?")
    st.markdown(B.DEFINITION)
    st.subheader("Le cadre légal")
    st.markdown("\n".join(f"- {line}" for line in B.LEGAL_BASIS))
    st.subheader("Les domaines de compétence")
    st.markdown(
        "Une collectivité peut conduire des projets dans les domaines relevant de ses compétences propres : "
        + ", ".join(B.FIELDS_OF_COMPETENCE)
        + "."
    )
    st.subheader("Les cofinancements")
    st.markdown("\n".join(f"- {line}" for line in B.COFINANCING))
    st.caption(f"Source : {B.SOURCE}.")

# --- The network -----------------------------------------------------------------------------------
with tab_lianes:
    st.subheader(B.CONTACT["name"])
    st.markdown(f"*{B.CONTACT['tagline']}*")
    st.markdown("**Lianes coopération peut vous accompagner pour :**")
    st.markdown("\n".join(f"- {line}" for line in B.SERVICES))
    st.markdown("**Le réseau tient à votre disposition :**")
    st.markdown("\n".join(f"- {line}" for line in B.RESOURCES))
    st.markdown("**Contact** (coordonnées publiées par la brochure de 2009)")
    # NOTE: st.text, not markdown: no mailto/http link is rendered, as the page must work offline.
    st.text(
        f"{B.CONTACT['address']}\nTél./fax : {B.CONTACT['phone']}\nCourriel : {B.CONTACT['email']}\n"
        f"Site : {B.CONTACT['web']}"
    )
    st.caption(f"Source : {B.SOURCE}. Ces coordonnées datent de {B.YEAR} et peuvent avoir changé.")

# --- Sources ---------------------------------------------------------------------------------------
with tab_data:
    st.subheader("Chiffres publiés et chiffres des données")
    h, medium = _figures(ctx.ds, links, ctx.ref.collectivities)
    compare = pd.DataFrame(
        {
            "Indicateur": [
                "Collectivités françaises engagées",
                "Liens de coopération",
                "Pays partenaires",
                "Villes moyennes engagées (20 000 à 100 000 hab.)",
                "Collectivités partenaires",
            ],
            "Brochure Lianes (2009)": [
                fmt_int(B.PUBLISHED_COLLECTIVITIES),
                f"près de {fmt_int(B.PUBLISHED_LINKS)}",
                fmt_int(B.PUBLISHED_COUNTRIES),
                f"près de {fmt_pct(B.PUBLISHED_MEDIUM_TOWNS_SHARE, 0)}",
                "–",
            ],
            "Atlas du ministère": [
                fmt_int(B.ATLAS_COLLECTIVITIES),
                f"{fmt_int(B.ATLAS_PROJECTS)} projets",
                fmt_int(B.ATLAS_COUNTRIES),
                "–",
                fmt_int(B.ATLAS_PARTNERS),
            ],
            f"Calculé sur « {ctx.ds.name} »": [
                fmt_int(h["collectivities"]),
                fmt_int(h["links"]),
                fmt_int(h["countries"]),
                fmt_pct(medium, 1),
                fmt_int(h["partners"]),
            ],
        }
    )
    st.dataframe(compare, hide_index=True, width="stretch")
    st.caption(
        f"Atlas : {B.ATLAS_SOURCE}. La dernière colonne est calculée à chaque affichage sur tout le jeu de données "
        "(sans les filtres) ; la part des villes moyennes utilise la "
        f"{S.POPULATION_LABEL} de l'INSEE."
    )
    st.subheader("Les sources des liens")
    per_source, several = M.source_counts(links)
    present = SRC.present(links[S.SOURCE])
    if not present:
        st.caption("Aucune ligne de ce jeu ne vient d'une source enregistrée (fichier importé).")
    for source in present:
        with st.container(border=True):
            st.markdown(f"**{source.label}** — {fmt_int(per_source.get(source.key, 0))} liens")
            st.markdown(
                f"- Producteur : {source.producer}\n"
                f"- Instantané : {source.snapshot}\n"
                f"- Date des données : {source.data_date}\n"
                f"- Licence : {source.licence}" + (f" ({source.licence_url})" if source.licence_url else "") + "\n"
                f"- Crédit à citer : « {source.credit} »" + (f"\n- Adresse : {source.url}" if source.url else "")
            )
            if source.share_alike:
                st.markdown(f"**Partage à l'identique** : {source.share_alike}.")
    if several:
        st.caption(
            f"{fmt_int(several)} liens viennent de plusieurs sources : ils sont comptés une fois et les créditent toutes."
        )
    credit = PV.credit_line(links[S.SOURCE])
    if credit:
        st.caption(credit)

    try:
        text = _sources_text()
        # One heading level down: the page already has its title.
        st.markdown("\n".join("#" + line if line.startswith("#") else line for line in text.splitlines()))
    except D.DataFileError as error:
        data_error_page(error)
    try:
        manifest = _manifest()
    except D.DataFileError as error:
        data_error_page(error)
    else:
        st.subheader("Dernière construction des référentiels")
        command = str(manifest["command"]).replace("`", "'")
        st.markdown(f"Construits le **{escape_markdown(manifest['built'])}** par `{command}`.")
        left, right = st.columns(2)
        with left:
            st.markdown("**Versions des sources**")
            st.dataframe(
                pd.DataFrame(list(manifest["sources"].items()), columns=["Source", "Version"]),
                hide_index=True,
                width="stretch",
            )
        with right:
            st.markdown("**Lignes par table**")
            rows = manifest["rows"]
            st.dataframe(
                pd.DataFrame({"Table": list(rows), "Lignes": [fmt_int(v) for v in rows.values()]}),
                hide_index=True,
                width="stretch",
            )
        missing_c = manifest["countries_without_location"]
        missing_m = manifest["communes_without_location"]
        if missing_c or missing_m:
            st.caption(
                f"Sans position : {len(missing_c)} pays ou territoires ({escape_markdown(', '.join(missing_c))}) ; "
                f"{len(missing_m)} communes ({escape_markdown(', '.join(missing_m))})."
            )
        with st.expander("Empreintes SHA-256 des fichiers"):
            files = manifest["files"]
            st.dataframe(
                pd.DataFrame(
                    {
                        "Fichier": list(files),
                        "Octets": [fmt_int(f.get("bytes")) for f in files.values()],
                        "SHA-256": [str(f.get("sha256", "")) for f in files.values()],
                    }
                ),
                hide_index=True,
                width="stretch",
            )

# --- Method and limits ------------------------------------------------------------------------------
with tab_method:
    st.subheader("Comment les liens livrés sont construits")
    st.markdown(
        f"La commande `{BUILD_CMD}` (lancée par `make data`) relit les fichiers bruts conservés tels quels dans "
        "`data/raw/` (chaque dossier a son fichier PROVENANCE.md : producteur, dépôt et commit, date, licence) et "
        "produit le même fichier à chaque fois :\n"
        "- la collectivité française est reconnue par son code officiel avec le résolveur de la page « Importer » ; "
        "noms anglais (« Dunkirk »), anciennes communes fusionnées, départements et régions compris ; deux "
        "communes de même nom sont départagées par les coordonnées que donne la source, jamais au hasard ; un nom "
        "qui reste ambigu est écarté et signalé ;\n"
        "- le partenaire garde le nom et les coordonnées de la source, son pays devient un code ISO ; les paires "
        "entre deux collectivités françaises (outre-mer compris) ne sont pas des liens internationaux ;\n"
        "- une même paire vue dans les deux sources, ou des deux côtés de Wikidata, devient un seul lien qui "
        "crédite chaque source (colonnes « Source » et « Lignes des sources ») ;\n"
        "- les deux partenariats que documente la brochure de 2009 s'ajoutent avec leurs thèmes et leur année."
    )
    summary_path = D.data_dir() / BUILD_SUMMARY
    try:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        st.caption(f"Le résumé du rapport de construction ({BUILD_SUMMARY}) est introuvable ou illisible.")
    else:
        rows = summary.get("rows", {})
        if rows:
            st.markdown(
                f"**Rapport de construction** (`data/{BUILD_REPORT}`, une ligne par ligne brute) : "
                + ", ".join(f"{escape_markdown(status)} : {fmt_int(n)}" for status, n in rows.items())
                + f" ; en tout {fmt_int(sum(rows.values()))} lignes brutes, chacune comptée une fois."
            )
        reasons = summary.get("left_out_reasons", {})
        if reasons:
            st.markdown(
                "Lignes écartées, par motif :\n"
                + "\n".join(f"- {escape_markdown(r)} : {fmt_int(n)}" for r, n in reasons.items())
            )
    st.subheader("Ce que ces données ne disent pas")
    no_year = M.unknown_year_count(links)
    no_theme = len(links) - M.known_themes_count(links)
    st.markdown(
        "- **Pas toute la coopération décentralisée** : ce sont surtout des jumelages inscrits dans deux "
        "encyclopédies ouvertes. Les projets d'aide au développement, d'assistance technique ou de coopération "
        "transfrontalière sans jumelage manquent, comme les partenariats que personne n'y a inscrits.\n"
        f"- **Années et thèmes** : l'année de début manque pour {fmt_int(no_year)} liens sur {fmt_int(len(links))}, "
        f"les thèmes pour {fmt_int(no_theme)} ; les graphiques les montrent sous « {S.UNKNOWN_LABEL} ».\n"
        "- **Dates des sources** : "
        + " ; ".join(f"{PV.short_label(x.key)} tel qu'à la date {x.data_date}" for x in SRC.SOURCES.values())
        + " ; un jumelage rompu ou signé depuis peut y rester ou y manquer.\n"
        "- **Positions** : celles des sources ; les deux partenaires de la brochure, absents des répertoires, sont "
        "placés à un lieu voisin et marqués « position approchée ».\n"
        "- Pour l'ensemble des projets, chargez l'export de l'Atlas de l'action extérieure des collectivités "
        "territoriales (page « Importer des données »)."
    )
    st.caption(f"Page générée le {fmt_date(pd.Timestamp.today().date())}.")
