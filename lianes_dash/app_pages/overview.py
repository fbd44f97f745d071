"""Vue d'ensemble: the headline counts on the filtered data, beside the published figures."""

from __future__ import annotations

import streamlit as st

from lianes_dash import brochure as B
from lianes_dash import figures as F
from lianes_dash import metrics as M
from lianes_dash import schema as S
from lianes_dash.text import fmt_int, fmt_pct
from lianes_dash.ui.common import page_context, show_chart

ctx = page_context()
links = ctx.links

st.title("La coopération décentralisée en chiffres")
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
    "(populations municipales actuelles)."
)

with st.expander("Chiffres publiés, pour comparaison", expanded=ctx.filters.is_empty()):
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{B.SOURCE}**")
        st.markdown(
            f"- {fmt_int(B.PUBLISHED_COLLECTIVITIES)} collectivités territoriales françaises\n"
            f"- près de {fmt_int(B.PUBLISHED_LINKS)} liens de coopération\n"
            f"- {fmt_int(B.PUBLISHED_COUNTRIES)} pays\n"
            f"- près de {fmt_pct(B.PUBLISHED_MEDIUM_TOWNS_SHARE, 0)} des villes moyennes engagées"
        )
    with right:
        st.markdown(f"**{B.ATLAS_SOURCE}**")
        st.markdown(
            f"- {fmt_int(B.ATLAS_PROJECTS)} projets\n"
            f"- {fmt_int(B.ATLAS_COLLECTIVITIES)} collectivités françaises\n"
            f"- {fmt_int(B.ATLAS_PARTNERS)} collectivités partenaires\n"
            f"- {fmt_int(B.ATLAS_COUNTRIES)} pays"
        )

if links.empty:
    st.info("Aucun lien ne correspond aux filtres. Élargissez la sélection ou réinitialisez les filtres.")
    st.stop()

col1, col2 = st.columns(2)
with col1:
    st.subheader("Par type de collectivité")
    by_type = M.count_by(links, S.FR_TYPE)
    by_type[S.FR_TYPE] = by_type[S.FR_TYPE].map(S.TYPE_LABELS)
    show_chart(F.bar_chart(by_type, S.FR_TYPE), "liens_par_type")
    st.subheader("Thèmes")
    show_chart(F.bar_chart(M.themes_count(links), S.THEME), "liens_par_theme")
    st.caption("Un lien qui porte sur plusieurs thèmes compte une fois pour chacun.")
with col2:
    st.subheader("Premiers pays partenaires")
    top = M.count_by(links, S.PARTNER_COUNTRY_NAME, top=15)
    show_chart(F.bar_chart(top, S.PARTNER_COUNTRY_NAME), "premiers_pays")
    st.subheader("Liens commencés par décennie")
    show_chart(F.decade_chart(M.by_decade(links)), "liens_par_decennie")
    unknown = M.unknown_year_count(links)
    if unknown:
        st.caption(f"{fmt_int(unknown)} lien(s) sans année de début connue ne figurent pas sur ce graphique.")
st.page_link(
    "lianes_dash/app_pages/presentation.py",
    label="Mode présentation : plein écran, défilement automatique",
    icon=":material/slideshow:",
)
