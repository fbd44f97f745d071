"""Fiche collectivité: one French collectivity, its reference facts, partners, themes and map.

Chosen by name (searchable list « Halluin (59) »); the URL carries the choice
(``?collectivite=commune:59279``) so that a fiche can be linked. The fiche shows every
link of the collectivity in the dataset, whatever the sidebar filters.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash.analysis import fiches
from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import provenance as PV
from lianes_dash.analysis.filters import Filters, collectivity_choices, collectivity_key
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import escape_markdown, fmt_int, plural
from lianes_dash.text.i18n import country_name, t
from lianes_dash.ui import cache, fiche, navigation, quotes, sidebar, tables
from lianes_dash.ui.common import figure_caption, page_context, show_cached_chart
from lianes_dash.views import figures as F

URL_PARAM = "collectivite"
SELECT_KEY = "fiche_collectivite"
CHOOSER = fiche.Chooser(
    URL_PARAM,
    SELECT_KEY,
    "Collectivité (tapez pour chercher)",
    "Les collectivités françaises engagées de la sélection des filtres, par ordre alphabétique.",
    "cette collectivité n'est pas dans le jeu de données ; choisissez-en une",
    "collectivité",
    "collectivités",
)
#: Most links drawn on the fiche's map (a région may have hundreds).
MAP_CAP = 600


@cache.per_dataset(max_entries=16, copies=True, session_entries=2)
def _choices(filters: Filters, _links: pd.DataFrame) -> dict[str, str]:
    """Engaged collectivities of the links the filters keep: key « type:code » → « Halluin (59) »,
    French order (the sidebar's choices)."""
    return collectivity_choices(_links)


def _open_in_explorer(key: str) -> None:
    sidebar.narrow(collectivities=[key])


def render() -> None:  # noqa: C901 — the page in reading order, its sections sharing most of its values
    ctx = page_context()
    all_links = ctx.ds.links
    every = _choices(ctx.ds, Filters(), all_links)
    # The chooser follows the sidebar's filters (an official of the Nord sees the Nord's
    # collectivities); a collectivity named by the URL stays choosable even outside them.
    from_url = st.query_params.get(URL_PARAM)
    selected = _choices(ctx.ds, ctx.filters, ctx.links) if not ctx.filters.is_empty() else None
    choices = fiches.chooser_choices(every, selected, from_url)

    st.title(navigation.heading("collectivite"))
    if not choices:
        st.info(
            t("Aucune collectivité ne correspond aux filtres du panneau : élargissez-les ou réinitialisez-les.")
            if every
            else t("Le jeu de données ne contient aucune collectivité.")
        )
        st.stop()

    # Default: the first collectivity the brochure gives a testimonial for (a real partnership).
    testimonial_keys = [collectivity_key("commune", str(c)) for c in ctx.ref.testimonials[S.FR_CODE]]
    key = fiche.choose(CHOOSER, choices, every, from_url, testimonial_keys, filtered=not ctx.filters.is_empty())
    fr_type, code = key.split(":", 1)
    links = fiches.collectivity_links(all_links, fr_type, code)
    ref_row = fiches.reference_row(ctx.ref.collectivities, fr_type, code)
    name = str(ref_row[S.NAME]) if ref_row is not None else str(links[S.FR_NAME].iloc[0])

    st.header(escape_markdown(name))
    if not ctx.filters.is_empty():
        kept = int(
            ((ctx.links[S.FR_CODE] == code) & (ctx.links[S.FR_TYPE] == fr_type)).to_numpy(dtype=bool).sum()
            if len(ctx.links)
            else 0
        )
        st.caption(
            t(
                "La fiche montre tous les liens de la collectivité ({links}), dont {n} "
                "dans la sélection des filtres du panneau.",
                links=plural(len(links), "lien"),
                n=fmt_int(kept),
            )
        )

    # --- Reference facts -------------------------------------------------------------------------
    facts = fiches.collectivity_facts(ctx.ref.collectivities, fr_type, code, ref_row)
    if ref_row is None:
        st.caption(t("Cette collectivité n'est pas dans le référentiel (INSEE) : seuls ses liens sont connus."))

    h = M.headline(links)
    cards = st.columns(4)
    cards[0].metric(t("Liens de coopération"), fmt_int(h["links"]))
    cards[1].metric(t("Pays partenaires"), fmt_int(h["countries"]))
    cards[2].metric(t("Collectivités partenaires"), fmt_int(h["partners"]))
    fiche.first_year_metric(cards[3], links)

    st.subheader(t("Fiche d'identité"))
    # NOTE: markdown with escaped values rather than st.table, whose empty header row looks broken.
    st.markdown(
        "  \n".join(
            t("**{label}** : {value}", label=t(label), value=escape_markdown(value)) for label, value in facts.items()
        )
    )
    named = ctx.ref.named
    cited = named.loc[(named[S.TYPE].astype(str) == fr_type) & (named[S.CODE].astype(str) == code)]
    if len(cited):
        row = cited.iloc[0]
        note = row[S.NOTE] if isinstance(row[S.NOTE], str) and row[S.NOTE] else ""
        st.info(
            t(
                "Citée comme engagée par la brochure de Lianes coopération (2009), sous le nom « {name} ».",
                name=escape_markdown(row[S.BROCHURE_NAME]),
            )
            + (f" {escape_markdown(t(note))}." if note else ""),
            icon=":material/menu_book:",
        )

    shown = links if len(links) <= MAP_CAP else links.sample(n=MAP_CAP, random_state=0)
    show_cached_chart(
        ("fiche_coll_map", key),
        lambda: F.partner_map(shown),
        f"partenaires_{code}",
        key="fiche_coll_map",
        title=t("{name} : ses partenaires dans le monde", name=name),
        ctx=ctx,
        about_place=True,
    )
    approx = int(links[S.PARTNER_APPROX].astype(bool).sum())
    summary = t(
        "Carte des partenaires de {name} : {partners} dans {countries}.",
        name=escape_markdown(name),
        partners=plural(h["partners"], "collectivité partenaire", "collectivités partenaires"),
        countries=plural(h["countries"], "pays", "pays"),
    )
    if approx:
        summary += t(
            " Position approchée (centre du pays) pour {partners} : cercle vide.", partners=plural(approx, "partenaire")
        )
    if len(links) > MAP_CAP:
        summary += t(
            " Pour rester lisible, la carte trace {cap} liens tirés au hasard (reproductible).", cap=fmt_int(MAP_CAP)
        )
    figure_caption(summary)

    # --- Partners --------------------------------------------------------------------------------
    st.subheader(t("Partenaires"))
    tables.show_table(fiches.partners_table(links, fiches.COLLECTIVITY_PARTNER_COLUMNS))
    st.caption(PV.sources_caption(links))

    col_t, col_y = st.columns(2)
    with col_t:
        st.subheader(t("Thèmes"))
        known_themes = M.known_themes_count(links)
        st.caption(M.coverage_sentence("Thèmes", known_themes, len(links)) + ".")
        if known_themes:
            show_cached_chart(
                ("fiche_coll_themes", key),
                lambda: F.bar_chart(fiches.themes_counts(links), S.THEME),
                f"themes_{code}",
                key="fiche_coll_themes",
                title=t("{name} : liens par thème", name=name),
                ctx=ctx,
                about_place=True,
            )
    with col_y:
        st.subheader(t("Années de début"))
        years_text = fiches.start_years_text(links)
        if not years_text:
            st.caption(t("Aucune année de début connue."))
        else:
            st.text(years_text)
        unknown = M.unknown_year_count(links)
        if unknown:
            st.caption(t("{links} sans année de début connue.", links=plural(unknown, "lien")))

    # --- What the brochure says ------------------------------------------------------------------
    # The links a source describes in words (the brochure's); the others are in the table above.
    described = (
        links.loc[links[S.DESCRIPTION].notna().to_numpy(dtype=bool)] if S.DESCRIPTION in links else links.iloc[:0]
    )
    testimonials = (
        ctx.ref.testimonials.loc[ctx.ref.testimonials[S.FR_CODE].astype(str) == code] if fr_type == "commune" else None
    )
    has_testimonials = testimonials is not None and len(testimonials) > 0
    if len(described) or has_testimonials:
        st.subheader(t("Ce que dit la source"))
        quotes.brochure_note(described, has_testimonials)
        for row in described.itertuples(index=False):
            with st.container(border=True):
                country = country_name(str(getattr(row, S.PARTNER_COUNTRY)), str(getattr(row, S.PARTNER_COUNTRY_NAME)))
                st.markdown(f"**{escape_markdown(getattr(row, S.PARTNER_NAME))}** ({escape_markdown(country)})")
                quotes.description(row)
        if testimonials is not None:
            for quoted in testimonials.itertuples(index=False):
                with st.container(border=True):
                    st.markdown(
                        t(
                            "**Témoignage — {person}**, {role} ({town}, {n} habitants selon la brochure)",
                            person=escape_markdown(getattr(quoted, S.PERSON)),
                            role=escape_markdown(t(getattr(quoted, S.ROLE))),
                            town=escape_markdown(fiches.town(getattr(quoted, S.TOWN))),
                            n=fmt_int(getattr(quoted, S.TOWN_POPULATION)),
                        )
                    )
                    quotes.testimonial(getattr(quoted, S.QUOTE))

    # --- Next steps --------------------------------------------------------------------------------
    fiche.to_explorer(
        "fiche_coll_to_explorer",
        _open_in_explorer,
        (key,),
        t("L'explorateur s'ouvre sur vos filtres, avec « Collectivité française » = cette collectivité.")
        if not ctx.filters.is_empty()
        else t("L'explorateur s'ouvre avec le filtre « Collectivité française » = cette collectivité."),
    )

    peers_slot = st.container()
    peers_slot.page_link(
        navigation.st_page("pairs"),
        label=t("Trouver des pairs : les collectivités qui font la même chose, près de celle-ci"),
        query_params={"depuis": key},
        icon=":material/handshake:",
    )

    # --- Contribute (issue 28) ---------------------------------------------------------------------
    from lianes_dash.ui import contribute

    contribute.on_collectivity_fiche(key, name, links)
