"""Fiche pays: one partner country, the French collectivities engaged there, partners, themes, map.

Chosen by its French name (searchable list); the URL carries the choice (``?iso=BFA``)
so that a fiche can be linked. The fiche shows every link to the country in the
dataset, whatever the sidebar filters.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash.analysis import fiches
from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import provenance as PV
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import schema as S
from lianes_dash.dataset.vectors import category_mask
from lianes_dash.text.french import escape_markdown, fmt_int, plural
from lianes_dash.text.i18n import t
from lianes_dash.ui import cache, fiche, navigation, quotes, sidebar, tables
from lianes_dash.ui.common import figure_caption, page_context, show_cached_chart
from lianes_dash.views import figures as F

URL_PARAM = "iso"
SELECT_KEY = "fiche_pays"
CHOOSER = fiche.Chooser(
    URL_PARAM,
    SELECT_KEY,
    "Pays partenaire (tapez pour chercher)",
    "Les pays qui ont au moins un lien dans la sélection des filtres, par ordre alphabétique.",
    "ce pays n'a aucun lien dans le jeu de données ; choisissez-en un",
    "pays",
    "pays",
)
#: Most links drawn on the map (a European country may have a thousand).
MAP_CAP = 600
#: Départements shown in the bar chart.
TOP_DEPARTEMENTS = 15


@cache.per_dataset(max_entries=16, copies=True, session_entries=2)
def _choices(filters: Filters, _links: pd.DataFrame) -> dict[str, str]:
    """Partner countries of the links the filters keep: ISO alpha-3 → name in the page's language, in order."""
    return fiches.country_choices(_links)


# Per (dataset, country): reruns and filter changes then rebuild nothing but the widgets.
@cache.per_dataset(max_entries=32)
def _country(iso: str, _all_links: pd.DataFrame) -> dict:
    """Everything the fiche derives from the country's links (the filters do not apply here)."""
    return fiches.country_summary(_all_links, iso, MAP_CAP, TOP_DEPARTEMENTS)


def _open_in_explorer(iso: str) -> None:
    sidebar.narrow(countries=[iso])


def render() -> None:  # noqa: C901 — the page in reading order, its sections sharing most of its values
    ctx = page_context()
    all_links = ctx.ds.links
    every = _choices(ctx.ds, Filters(), all_links)
    # The chooser follows the sidebar's filters; a country named by the URL stays choosable.
    from_url = st.query_params.get(URL_PARAM)
    from_url = from_url.upper() if isinstance(from_url, str) else None
    selected = _choices(ctx.ds, ctx.filters, ctx.links) if not ctx.filters.is_empty() else None
    choices = fiches.chooser_choices(every, selected, from_url)

    st.title(navigation.heading("pays"))
    if not choices:
        st.info(
            t("Aucun pays partenaire ne correspond aux filtres du panneau : élargissez-les ou réinitialisez-les.")
            if every
            else t("Le jeu de données ne contient aucun pays partenaire.")
        )
        st.stop()

    # Default: the partner country of the brochure's first testimonial (a real partnership).
    documented = [str(c) for c in ctx.ref.testimonials[S.PARTNER_COUNTRY]]
    iso = fiche.choose(CHOOSER, choices, every, from_url, documented, filtered=not ctx.filters.is_empty())
    agg = _country(ctx.ds, iso, all_links)
    links = agg["links"]
    country = ctx.ref.countries.loc[ctx.ref.countries[S.ISO3] == iso]
    name = choices[iso]

    st.header(escape_markdown(name))
    if not ctx.filters.is_empty():
        # Tested once per category (``astype(str)`` on every selected link cost ~50 ms at ×100).
        kept = (
            int(category_mask(ctx.links[S.PARTNER_COUNTRY], lambda cells: cells == iso).sum()) if len(ctx.links) else 0
        )
        st.caption(
            t(
                "La fiche montre tous les liens vers ce pays ({links}), dont {n} dans la sélection des filtres du panneau.",
                links=plural(len(links), "lien"),
                n=fmt_int(kept),
            )
        )
    if len(country):
        c = country.iloc[0]
        pop = c[S.COUNTRY_POPULATION]
        st.caption(
            t("{continent} · code ISO {iso} · ", continent=escape_markdown(t(c[S.CONTINENT])), iso=iso)
            + (t("population inconnue") if pd.isna(pop) else t("{n} habitants (GeoNames)", n=fmt_int(pop)))
        )

    h = agg["headline"]
    cards = st.columns(4)
    cards[0].metric(t("Liens de coopération"), fmt_int(h["links"]))
    cards[1].metric(t("Collectivités françaises engagées"), fmt_int(h["collectivities"]))
    cards[2].metric(t("Collectivités partenaires"), fmt_int(h["partners"]))
    fiche.first_year_metric(cards[3], links)

    shown = agg["shown"]
    show_cached_chart(
        ("fiche_pays_map", iso),
        lambda: F.partner_map(shown),
        f"liens_{iso}",
        key="fiche_pays_map",
        title=t("{name} : liens de coopération décentralisée", name=name),
        about_place=True,
    )
    summary = t(
        "Carte des liens avec le pays « {name} » : {links} entre {collectivities} et {partners}.",
        name=escape_markdown(name),
        links=plural(h["links"], "lien"),
        collectivities=plural(h["collectivities"], "collectivité française", "collectivités françaises"),
        partners=plural(h["partners"], "collectivité partenaire", "collectivités partenaires"),
    )
    if len(links) > MAP_CAP:
        summary += t(
            " Pour rester lisible, la carte trace {cap} liens tirés au hasard (reproductible).", cap=fmt_int(MAP_CAP)
        )
    figure_caption(summary)

    # --- French collectivities engaged ----------------------------------------------------------------
    st.subheader(t("Les collectivités françaises engagées"))
    col_type, col_dep = st.columns(2)
    per_coll = agg["per_coll"]
    with col_type:
        by_type = per_coll[S.FR_TYPE].value_counts().reindex(list(S.FR_TYPES)).dropna().astype(int)
        type_df = pd.DataFrame({S.FR_TYPE: [t(S.TYPE_LABELS[k]) for k in by_type.index], S.COUNT: by_type.to_numpy()})
        show_cached_chart(
            ("fiche_pays_types", iso),
            lambda: F.bar_chart(type_df, S.FR_TYPE),
            f"collectivites_par_type_{iso}",
            key="fiche_pays_types",
            title=t("{name} : collectivités françaises engagées, par type", name=name),
            about_place=True,
        )
    with col_dep:
        dep_counts = agg["dep_counts"]
        if dep_counts.empty:
            st.caption(t("Aucun département renseigné."))
        else:
            show_cached_chart(
                ("fiche_pays_deps", iso),
                lambda: F.bar_chart(dep_counts, S.FR_DEPARTEMENT_NAME),
                f"collectivites_par_departement_{iso}",
                key="fiche_pays_deps",
                title=t(
                    "{name} : collectivités engagées par département ({n} premiers)", name=name, n=TOP_DEPARTEMENTS
                ),
                about_place=True,
            )
    st.caption(t("Les barres comptent des collectivités (une collectivité qui a plusieurs liens compte une fois)."))
    coll_table = agg["coll_table"]
    with st.expander(t("Liste des {n}", n=plural(len(coll_table), "collectivité", "collectivités"))):
        tables.show_table(coll_table.rename(columns={c: t(S.label(c)) for c in coll_table.columns}))

    # --- Partners, themes, years ----------------------------------------------------------------------
    st.subheader(t("Partenaires"))
    tables.show_table(agg["partners"], height=min(420, 38 + 35 * len(links)))
    st.caption(PV.sources_caption(links))

    col_t, col_y = st.columns(2)
    with col_t:
        st.subheader(t("Thèmes"))
        st.caption(M.coverage_sentence("Thèmes", agg["known_themes"], len(links)) + ".")
        if agg["known_themes"]:
            show_cached_chart(
                ("fiche_pays_themes", iso),
                lambda: F.bar_chart(agg["theme_counts"], S.THEME),
                f"themes_{iso}",
                key="fiche_pays_themes",
                title=t("{name} : liens par thème", name=name),
                about_place=True,
            )
    with col_y:
        st.subheader(t("Liens commencés par décennie"))
        decades = agg["decades"]
        unknown = agg["unknown"]
        st.caption(M.coverage_sentence("Années de début", len(links) - unknown, len(links), "connues") + ".")
        if not decades.empty:
            show_cached_chart(
                ("fiche_pays_decades", iso),
                lambda: F.decade_chart(decades, unknown=unknown),
                f"decennies_{iso}",
                key="fiche_pays_decades",
                title=t("{name} : liens commencés par décennie", name=name),
                about_place=True,
            )

    # --- What the brochure says ------------------------------------------------------------------------
    # The links a source describes in words (the brochure's); the others are in the table above.
    described = links.loc[links[S.DESCRIPTION].notna().to_numpy(dtype=bool)]
    testimonials = ctx.ref.testimonials.loc[ctx.ref.testimonials[S.PARTNER_COUNTRY].astype(str) == iso]
    has_testimonials = len(testimonials) > 0
    if len(described) or has_testimonials:
        st.subheader(t("Ce que dit la source"))
        quotes.brochure_note(described, has_testimonials)
        for row in described.itertuples(index=False):
            with st.container(border=True):
                st.markdown(
                    f"**{escape_markdown(getattr(row, S.FR_NAME))} – {escape_markdown(getattr(row, S.PARTNER_NAME))}**"
                )
                quotes.description(row)
        for quoted in testimonials.itertuples(index=False):
            with st.container(border=True):
                st.markdown(
                    t(
                        "**Témoignage — {person}**, {role} ({town}, partenaire de {partner})",
                        person=escape_markdown(getattr(quoted, S.PERSON)),
                        role=escape_markdown(t(getattr(quoted, S.ROLE))),
                        town=escape_markdown(fiches.town(getattr(quoted, S.TOWN))),
                        partner=escape_markdown(getattr(quoted, S.PARTNER_NAME)),
                    )
                )
                quotes.testimonial(getattr(quoted, S.QUOTE))

    fiche.to_explorer(
        "fiche_pays_to_explorer",
        _open_in_explorer,
        (iso,),
        t("L'explorateur s'ouvre sur vos filtres, avec « Pays partenaire » = ce pays.")
        if not ctx.filters.is_empty()
        else t("L'explorateur s'ouvre avec le filtre « Pays partenaire » = ce pays."),
    )

    # --- Contribute (issue 28) ---------------------------------------------------------------------
    from lianes_dash.ui import contribute

    contribute.on_country_fiche(iso, links)
