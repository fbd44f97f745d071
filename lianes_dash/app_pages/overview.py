"""Vue d'ensemble: the headline counts on the filtered data, beside the published figures, and
what the data covers and does not (computed from the links' own ``source`` column)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import regional as R
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import published_figures as PUB
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.text.french import fmt_int, fmt_pct, plural
from lianes_dash.text.i18n import language, t
from lianes_dash.ui import cache, navigation
from lianes_dash.ui.common import page_context, show_cached_chart, show_registered_chart
from lianes_dash.views import charts as C


# ``cache.per_dataset``, keyed on (dataset, filters): a rerun with the same selection reads
# these counts back instead of going over the selection again (500 000 links at ×100).
@cache.per_dataset(max_entries=64, session_entries=4)
def _selection_counts(filters: Filters, _links: pd.DataFrame, _collectivities: pd.DataFrame) -> dict:
    """The headline counts of the selection, the medium towns' share, and on how many links the
    themes and the years rest (``_links``: the dataset under ``filters``)."""
    return {
        "head": M.headline(_links),
        "medium_share": M.medium_towns_share(_links, _collectivities),
        "known_themes": M.known_themes_count(_links),
        "unknown_years": M.unknown_year_count(_links),
    }


@cache.per_dataset(max_entries=4, session_entries=1)
def _coverage(_everything: pd.DataFrame) -> dict:
    """What the whole dataset covers: links per source, sources present, links without year or theme."""
    per_source, several = M.source_counts(_everything)
    return {
        "per_source": per_source,
        "several": several,
        "present": [s.key for s in SRC.present(_everything[S.SOURCE])],
        "n_all": len(_everything),
        "no_year": M.unknown_year_count(_everything),
        "no_theme": len(_everything) - M.known_themes_count(_everything),
    }


def _draw(key: str) -> None:
    show_registered_chart(key)


def render() -> None:
    ctx = page_context()
    links = ctx.links
    everything = ctx.ds.links

    st.title(navigation.heading("vue-d-ensemble"))
    st.caption(
        t(
            "Partenariats des collectivités françaises (communes, intercommunalités, départements, régions) avec des "
            "collectivités étrangères. Les chiffres ci-dessous sont calculés sur la sélection des filtres."
        )
    )

    counts = _selection_counts(ctx.ds, ctx.filters, links, ctx.ref.collectivities)
    h = counts["head"]
    cards = st.columns(4)
    cards[0].metric(t("Collectivités françaises engagées"), fmt_int(h["collectivities"]))
    cards[1].metric(t("Liens de coopération"), fmt_int(h["links"]))
    cards[2].metric(t("Pays partenaires"), fmt_int(h["countries"]))
    cards[3].metric(t("Collectivités partenaires"), fmt_int(h["partners"]))
    share = counts["medium_share"]
    st.caption(
        t(
            "Villes moyennes ({low} à {high} habitants) engagées dans la sélection : {share} ({population}, INSEE).",
            low=fmt_int(20000),
            high=fmt_int(100000),
            share=fmt_pct(share, 0),
            population=t(S.POPULATION_LABEL),
        )
    )

    # --- What the data covers --------------------------------------------------------------------------
    with st.container(border=True):
        st.markdown(t("**Ce que couvrent ces données**"))
        coverage = _coverage(ctx.ds, everything)
        per_source, several, n_all = coverage["per_source"], coverage["several"], coverage["n_all"]
        if ctx.ds.imported:
            st.markdown(
                t(
                    "Vous consultez un fichier importé ({links}) : ce qu'il couvre dépend de sa source. Les données "
                    "livrées restent disponibles (page « Importer des données », « Revenir aux données livrées »).",
                    links=plural(n_all, "lien"),
                )
            )
        else:
            listing = [
                t(
                    "- {source} : {links}",
                    source=SRC.label_of(key, language() == "en"),
                    links=plural(per_source.get(key, 0), "lien"),
                )
                for key in coverage["present"]
            ]
            listing += [
                t("- {source} : {links}", source=k, links=plural(n, "lien"))
                for k, n in per_source.items()
                if k not in SRC.SOURCES
            ]
            several_text = (
                t("\n\n{links} figurent dans plusieurs sources (comptés une fois).", links=plural(several, "lien"))
                if several
                else ""
            )
            st.markdown(
                t(
                    "Les {links} livrés sont des **jumelages et partenariats recensés dans deux "
                    "encyclopédies ouvertes**, plus les partenariats que documente la brochure de Lianes coopération :\n\n",
                    links=plural(n_all, "lien"),
                )
                + "\n".join(listing)
                + several_text
            )
        no_year, no_theme = coverage["no_year"], coverage["no_theme"]
        st.markdown(
            t(
                "Ce n'est **pas toute la coopération décentralisée** : les projets d'aide au développement, d'assistance "
                "technique ou de coopération transfrontalière sans jumelage n'y figurent pas, ni les partenariats que "
                "personne n'a inscrits dans ces encyclopédies. "
                "L'année de début est inconnue pour {no_year} sur {total}, "
                "les thèmes pour {no_theme} : ils sont comptés sous « {unknown} ».",
                no_year=plural(no_year, "lien"),
                total=fmt_int(n_all),
                no_theme=fmt_int(no_theme),
                unknown=t(S.UNKNOWN_LABEL),
            )
        )
        st.markdown(
            t(
                "Pour voir davantage, chargez l'export de l'Atlas de l'action extérieure des collectivités territoriales "
                "(ou la base d'un réseau) : il ne vaut que pour votre session."
            )
        )
        st.page_link(
            navigation.st_page("importer"),
            label=navigation.page("importer").title_in(language()),
            icon=":material/upload_file:",
        )

    # --- Computed beside published -----------------------------------------------------------------------
    with st.expander(t("Chiffres calculés et chiffres publiés"), expanded=ctx.filters.is_empty()):
        here = t("Ces données") if ctx.filters.is_empty() else t("Cette sélection")
        brochure = t("Brochure Lianes coopération ({year})", year=B.YEAR)
        atlas = t("Atlas du ministère ({when})", when=t(B.ATLAS_WHEN))
        table = pd.DataFrame(
            {
                here: [
                    fmt_int(h["collectivities"]),
                    fmt_int(h["links"]),
                    fmt_int(h["countries"]),
                    fmt_int(h["partners"]),
                ],
                brochure: [
                    fmt_int(B.PUBLISHED_COLLECTIVITIES),
                    t("près de {n}", n=fmt_int(B.PUBLISHED_LINKS)),
                    fmt_int(B.PUBLISHED_COUNTRIES),
                    t("non publié"),
                ],
                atlas: [
                    fmt_int(B.ATLAS_COLLECTIVITIES),
                    t("près de {n} projets", n=fmt_int(B.ATLAS_PROJECTS)),
                    fmt_int(B.ATLAS_COUNTRIES),
                    fmt_int(B.ATLAS_PARTNERS),
                ],
                t("{document} ({date})", document=t(PUB.SENATE.title), date=t(PUB.SENATE.date)): [
                    PUB.cell(PUB.SENATE.key, PUB.COLLECTIVITIES),
                    t("{n} (actions)", n=PUB.cell(PUB.SENATE.key, PUB.LINKS_OR_PROJECTS)),
                    PUB.cell(PUB.SENATE.key, PUB.COUNTRIES),
                    PUB.cell(PUB.SENATE.key, PUB.PARTNERS),
                ],
            },
            index=[
                t("Collectivités françaises engagées"),
                t("Liens de coopération"),
                t("Pays partenaires"),
                t("Collectivités partenaires"),
            ],
        )
        st.table(table)
        st.caption(
            t(
                "Sources : {brochure} ; {atlas}, {when}. L'Atlas compte des projets, pas des liens : "
                "un partenariat peut en porter plusieurs. La brochure compte toutes les formes de coopération ; "
                "ces données, surtout des jumelages. Près de {published} des villes "
                "moyennes étaient engagées selon la brochure ({share} dans la sélection).",
                brochure=B.SOURCE,
                atlas=t(B.ATLAS_SOURCE),
                when=t(B.ATLAS_WHEN),
                published=fmt_pct(B.PUBLISHED_MEDIUM_TOWNS_SHARE, 0),
                share=fmt_pct(share, 0),
            )
        )

    if links.empty:
        st.info(t("Aucun lien ne correspond aux filtres. Élargissez la sélection ou réinitialisez les filtres."))
        st.stop()

    # Issue 27: the charts lead with what the data knows for every link (types, partner countries and
    # continents); themes and decades are drawn only on at least ``M.MIN_KNOWN`` known values, otherwise a
    # sentence says what is missing.
    known, unknown = counts["known_themes"], counts["unknown_years"]
    col1, col2 = st.columns(2)
    with col1:
        _draw("types")
    with col2:
        _draw("pays")
    col1, col2 = st.columns(2)
    with col1:
        show_cached_chart(
            ("continents",),
            lambda: C.by_continent(links),
            "liens_par_continent",
            title=t("Liens par continent du pays partenaire"),
        )
    with col2:
        show_cached_chart(
            ("tailles",),
            lambda: C.by_size_class(links),
            "liens_par_taille_de_commune",
            title=t("Liens des communes par taille de la commune"),
        )
        st.caption(
            t(
                "Population municipale ({population}) ; les autres collectivités n'ont pas de classe.",
                population=t(S.POPULATION_LABEL),
            )
        )
    st.markdown(R.region_share_sentence(links))
    col1, col2 = st.columns(2)
    missing = []
    with col1:
        if M.enough_known(known):
            _draw("themes")
            st.caption(
                M.coverage_sentence("Thèmes", known, len(links))
                + t(
                    ". Un lien qui porte sur plusieurs thèmes compte une fois pour chacun ; les liens sans thème connu "
                    "forment la barre grise « {unknown} ».",
                    unknown=t(S.UNKNOWN_LABEL),
                )
            )
        else:
            missing.append(M.missing_sentence("Thèmes", known, len(links)))
    with col2:
        if M.enough_known(len(links) - unknown):
            _draw("decennies")
            st.caption(
                M.coverage_sentence("Années de début", len(links) - unknown, len(links), "connues")
                + (
                    t(" ; les autres forment la colonne grise « {unknown} ».", unknown=t(S.UNKNOWN_LABEL))
                    if unknown
                    else "."
                )
            )
        else:
            missing.append(M.missing_sentence("Années de début", len(links) - unknown, len(links), "connues"))
    if missing:
        st.markdown(t("**Thèmes et décennies de début**"))
        st.markdown(
            "\n".join(f"- {s}" for s in missing)
            + "\n\n"
            + t(
                "Non tracé : un graphique de ces valeurs ne montrerait presque que « {unknown} ».",
                unknown=t(S.UNKNOWN_LABEL),
            )
        )
    st.page_link(
        navigation.st_page("presentation"),
        label=t("Mode présentation : plein écran, défilement automatique"),
        icon=":material/slideshow:",
    )
