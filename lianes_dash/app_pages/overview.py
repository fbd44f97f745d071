"""Vue d'ensemble: the headline counts on the filtered data, beside the published figures, and
what the data covers and does not (computed from the links' own ``source`` column)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash import brochure as B
from lianes_dash import metrics as M
from lianes_dash import schema as S
from lianes_dash import sources as SRC
from lianes_dash.charts import CHARTS
from lianes_dash.text import fmt_int, fmt_pct, plural
from lianes_dash.ui import navigation
from lianes_dash.ui.common import page_context, show_chart

ctx = page_context()
links = ctx.links
everything = ctx.ds.links

st.title(navigation.heading("vue-d-ensemble"))
st.caption(
    "Partenariats des collectivités françaises (communes, intercommunalités, départements, régions) avec des "
    "collectivités étrangères. Les chiffres ci-dessous sont calculés sur la sélection des filtres."
)

h = M.headline(links)
cards = st.columns(4)
cards[0].metric("Collectivités françaises engagées", fmt_int(h["collectivities"]))
cards[1].metric("Liens de coopération", fmt_int(h["links"]))
cards[2].metric("Pays partenaires", fmt_int(h["countries"]))
cards[3].metric("Collectivités partenaires", fmt_int(h["partners"]))
share = M.medium_towns_share(links, ctx.ref.collectivities)
st.caption(
    f"Villes moyennes (20 000 à 100 000 habitants) engagées dans la sélection : {fmt_pct(share, 0)} "
    f"({S.POPULATION_LABEL}, INSEE)."
)

# --- What the data covers --------------------------------------------------------------------------
with st.container(border=True):
    st.markdown("**Ce que couvrent ces données**")
    per_source, several = M.source_counts(everything)
    n_all = len(everything)
    if ctx.ds.imported:
        st.markdown(
            f"Vous consultez un fichier importé ({plural(n_all, 'lien')}) : ce qu'il couvre dépend de sa source. "
            "Les données livrées restent disponibles (page « Importer des données », « Revenir aux données livrées »)."
        )
    else:
        listing = [
            f"- {SRC.label_of(key)} : {plural(per_source.get(key, 0), 'lien')}"
            for key in [s.key for s in SRC.present(everything[S.SOURCE])]
        ]
        listing += [f"- {k} : {plural(n, 'lien')}" for k, n in per_source.items() if k not in SRC.SOURCES]
        st.markdown(
            f"Les {plural(n_all, 'lien')} livrés sont des **jumelages et partenariats recensés dans deux "
            "encyclopédies ouvertes**, plus les partenariats que documente la brochure de Lianes coopération :\n\n"
            + "\n".join(listing)
            + (f"\n\n{plural(several, 'lien')} figurent dans plusieurs sources (comptés une fois)." if several else "")
        )
    no_year = M.unknown_year_count(everything)
    no_theme = n_all - M.known_themes_count(everything)
    st.markdown(
        "Ce n'est **pas toute la coopération décentralisée** : les projets d'aide au développement, d'assistance "
        "technique ou de coopération transfrontalière sans jumelage n'y figurent pas, ni les partenariats que "
        "personne n'a inscrits dans ces encyclopédies. "
        f"L'année de début est inconnue pour {plural(no_year, 'lien')} sur {fmt_int(n_all)}, "
        f"les thèmes pour {fmt_int(no_theme)} : ils sont comptés sous « {S.UNKNOWN_LABEL} »."
    )
    st.markdown(
        "Pour voir davantage, chargez l'export de l'Atlas de l'action extérieure des collectivités territoriales "
        "(ou la base d'un réseau) : il ne vaut que pour votre session."
    )
    st.page_link("lianes_dash/app_pages/import_data.py", label="Importer des données", icon=":material/upload_file:")

# --- Computed beside published -----------------------------------------------------------------------
with st.expander("Chiffres calculés et chiffres publiés", expanded=ctx.filters.is_empty()):
    here = "Ces données" if ctx.filters.is_empty() else "Cette sélection"
    brochure = f"Brochure Lianes coopération ({B.YEAR})"
    atlas = f"Atlas du ministère ({B.ATLAS_WHEN})"
    table = pd.DataFrame(
        {
            here: [fmt_int(h["collectivities"]), fmt_int(h["links"]), fmt_int(h["countries"]), fmt_int(h["partners"])],
            brochure: [
                fmt_int(B.PUBLISHED_COLLECTIVITIES),
                f"près de {fmt_int(B.PUBLISHED_LINKS)}",
                fmt_int(B.PUBLISHED_COUNTRIES),
                "non publié",
            ],
            atlas: [
                fmt_int(B.ATLAS_COLLECTIVITIES),
                f"près de {fmt_int(B.ATLAS_PROJECTS)} projets",
                fmt_int(B.ATLAS_COUNTRIES),
                fmt_int(B.ATLAS_PARTNERS),
            ],
        },
        index=[
            "Collectivités françaises engagées",
            "Liens de coopération",
            "Pays partenaires",
            "Collectivités partenaires",
        ],
    )
    st.table(table)
    st.caption(
        f"Sources : {B.SOURCE} ; {B.ATLAS_SOURCE}, {B.ATLAS_WHEN}. L'Atlas compte des projets, pas des liens : "
        "un partenariat peut en porter plusieurs. La brochure compte toutes les formes de coopération ; "
        f"ces données, surtout des jumelages. Près de {fmt_pct(B.PUBLISHED_MEDIUM_TOWNS_SHARE, 0)} des villes "
        f"moyennes étaient engagées selon la brochure ({fmt_pct(share, 0)} dans la sélection)."
    )

if links.empty:
    st.info("Aucun lien ne correspond aux filtres. Élargissez la sélection ou réinitialisez les filtres.")
    st.stop()


def _draw(key: str) -> None:
    chart = CHARTS[key]
    show_chart(chart.build(links, ctx.ref, ctx.filters), chart.filename, title=chart.title)


col1, col2 = st.columns(2)
with col1:
    _draw("types")
    known = M.known_themes_count(links)
    if known:
        _draw("themes")
    else:
        st.subheader("Liens par thème")
    st.caption(
        M.coverage_sentence("Thèmes", known, len(links)) + ". Un lien qui porte sur plusieurs thèmes compte une "
        f"fois pour chacun ; les liens sans thème connu forment la barre grise « {S.UNKNOWN_LABEL} »."
    )
with col2:
    _draw("pays")
    unknown = M.unknown_year_count(links)
    if unknown < len(links):
        _draw("decennies")
    else:
        st.subheader("Liens commencés par décennie")
    st.caption(
        M.coverage_sentence("Années de début", len(links) - unknown, len(links), "connues")
        + (f" ; les autres forment la colonne grise « {S.UNKNOWN_LABEL} »." if unknown else ".")
    )
st.page_link(
    "lianes_dash/app_pages/presentation.py",
    label="Mode présentation : plein écran, défilement automatique",
    icon=":material/slideshow:",
)
