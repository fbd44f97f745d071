"""À propos: decentralised cooperation as the brochure explains it, the network, and the data.

Every fact comes from ``brochure.py``; the sources are read at run time from
``data/SOURCES.md`` and ``data/reference/MANIFEST.json``; the method of the illustrative
data from ``demo.py`` itself (its constants), so that this page cannot drift from the code.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from lianes_dash import brochure as B
from lianes_dash import data as D
from lianes_dash import demo
from lianes_dash import metrics as M
from lianes_dash import schema as S
from lianes_dash.text import escape_markdown, fmt_date, fmt_float, fmt_int, fmt_pct
from lianes_dash.ui.common import data_error_page, page_context


def _figures(links: pd.DataFrame, collectivities: pd.DataFrame) -> tuple[dict[str, int], float, dict[str, float]]:
    """Headline counts, share of medium towns engaged, median start year of drawn links by kind."""
    synth = links.loc[links[S.SYNTHETIC].astype(bool)]
    years = synth.groupby(synth[S.KIND].astype(str), observed=True)[S.START_YEAR].median().dropna()
    return M.headline(links), M.medium_towns_share(links, collectivities), years.sort_values().to_dict()


@st.cache_data(show_spinner=False, max_entries=2)
def _bundled_figures(ds_key: str, _links: pd.DataFrame, _collectivities: pd.DataFrame):
    """Cached for the shared bundled data only (imported data stays out of shared caches)."""
    return _figures(_links, _collectivities)


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

st.title("À propos")
tab_coop, tab_lianes, tab_data, tab_method = st.tabs(
    ["La coopération décentralisée", "Lianes coopération", "Sources des données", "Méthode des données illustratives"]
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
    h, medium, median_years = (
        _figures(links, ctx.ref.collectivities)
        if ctx.ds.imported
        else _bundled_figures(ctx.ds.key, links, ctx.ref.collectivities)
    )
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
        "(sans les filtres) ; la part des villes moyennes utilise les populations municipales actuelles de l'INSEE."
    )
    if ctx.ds.synthetic_rows:
        st.caption(
            "Les données livrées sont construites pour reproduire les chiffres de la brochure : leur accord avec "
            "la brochure est voulu, il ne confirme rien (voir l'onglet « Méthode »)."
        )

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

# --- Method of the illustrative data -----------------------------------------------------------------
with tab_method:
    st.subheader("Comment les données nationales illustratives sont construites")
    st.markdown(
        "Le projet ne dispose pas de la liste nationale des liens de 2009 (seulement des chiffres de la brochure et "
        "de deux partenariats qu'elle documente). Pour que le tableau de bord ait quelque chose à montrer, les liens "
        "nationaux livrés sont **tirés au "
        "hasard** (générateur `python -m lianes_dash.demo`, graine fixe **"
        f"{demo.SEED}**, donc le même résultat à chaque construction), de façon à reproduire les chiffres de la "
        "brochure. Chaque ligne tirée le dit dans ses colonnes « Source » et « Donnée synthétique »."
    )
    real_links = links.loc[~links[S.SYNTHETIC].astype(bool)]
    st.markdown("**Ce qui est réel**")
    st.markdown(
        "- les collectivités françaises (codes, noms, populations, positions) : référentiel INSEE/IGN ;\n"
        "- les pays, leurs continents, langues et voisins, et les lieux où sont placés les partenaires : "
        "ISO 3166, GeoNames, Natural Earth ;\n"
        f"- les {len(B.NAMED)} collectivités du Nord - Pas de Calais que la brochure cite comme engagées : elles "
        "sont toutes parmi les collectivités engagées (leurs partenaires, hors les liens documentés ci-dessous, sont tirés) ;\n"
        f"- {fmt_int(len(real_links))} liens documentés par la brochure, inclus tels quels : "
        + " ; ".join(
            f"{escape_markdown(r)} – {escape_markdown(p)}"
            for r, p in zip(real_links[S.FR_NAME].astype(str), real_links[S.PARTNER_NAME].astype(str), strict=True)
        )
        + "."
    )
    st.markdown("**Ce qui est tiré au hasard**")
    weights = ", ".join(f"{c} {fmt_float(w, 1)}" for c, w in demo.CONTINENT_WEIGHT.items() if w > 0)
    st.markdown(
        f"- *Quelles collectivités* : {fmt_pct(demo.REGION_SHARE_ENGAGED, 0)} des régions, "
        f"{fmt_pct(demo.DEPARTEMENT_SHARE_ENGAGED, 0)} des départements, des intercommunalités pour "
        f"{fmt_pct(demo.EPCI_TARGET_SHARE, 0)} du total, {fmt_pct(demo.LARGE_TOWN_SHARE_ENGAGED, 0)} des villes de "
        f"plus de {fmt_int(S.MEDIUM_TOWN_MAX)} habitants, {fmt_pct(B.PUBLISHED_MEDIUM_TOWNS_SHARE, 0)} des villes "
        f"moyennes (chiffre de la brochure), puis de petites communes jusqu'à "
        f"{fmt_int(B.PUBLISHED_COLLECTIVITIES)} collectivités.\n"
        f"- *Combien de liens chacune* : un au moins, les autres répartis selon la racine carrée de la population, "
        f"jusqu'à {fmt_int(B.PUBLISHED_LINKS)} liens.\n"
        f"- *Vers quels pays* : exactement {fmt_int(B.PUBLISHED_COUNTRIES)} pays, tirés avec un poids = poids du "
        f"continent ({weights}) × population^0,4, multiplié par {fmt_float(demo.FRANCOPHONE_BOOST, 0)} pour les pays "
        f"francophones et par {fmt_float(demo.NEIGHBOUR_BOOST, 0)} pour les voisins de la France.\n"
        "- *Quelle collectivité partenaire* : un lieu réel du pays (GeoNames, 1 000 habitants ou plus), tiré selon "
        "sa population^0,6. **Le lieu existe, le partenariat non.**\n"
        "- *Type de lien, thèmes, année* : le type selon le continent (jumelage surtout en Europe, aide au "
        "développement surtout en Afrique), un à trois thèmes selon le type, une année plus ancienne pour les "
        "jumelages que pour les autres liens."
    )
    if median_years:
        st.caption(
            "Année de début médiane des liens tirés, par type : "
            + " ; ".join(f"{k} {int(v)}" for k, v in median_years.items())
            + "."
        )
    st.warning(
        "Ces pondérations sont des choix de modélisation, pas des faits : elles donnent à la carte un aspect "
        "plausible. Ne citez aucun lien synthétique comme un vrai partenariat ; pour de vraies données, importez "
        "un fichier (page « Importer des données »).",
        icon=":material/science:",
    )
    st.caption(f"Page générée le {fmt_date(pd.Timestamp.today().date())}. Méthode complète : lianes_dash/demo.py.")
