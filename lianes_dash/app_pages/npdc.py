"""Nord-Pas-de-Calais: the brochure's region, its engaged collectivities, testimonials, and what sets it apart.

The region is fixed (départements 59 and 62); the sidebar filters still apply.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash.analysis import fiches
from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import provenance as PV
from lianes_dash.analysis import regional as R
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import fmt_float, fmt_int, fmt_pct, of_place, plural
from lianes_dash.text.i18n import country_name, language, t
from lianes_dash.ui import cache, navigation, tables
from lianes_dash.ui.common import figure_caption, page_context, show_cached_chart
from lianes_dash.views import figures as F

REGION = B.REGION_NAME
#: Most partner points drawn on the regional map (one trace each for exact and approximate places).
MAP_CAP = 600


# ``cache.per_dataset``: shared for the bundled data, keyed on (dataset, filters); the frames
# (``_nation`` = the dataset under ``filters``, ``_named``) are not hashed.
@cache.per_dataset(max_entries=64)
def _aggregates(filters: Filters, _nation: pd.DataFrame, _named: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Everything this page derives from the whole selection (the region, its comparisons)."""
    nation, named = _nation, _named
    region = R.region_links(nation)
    out = {"region": region, "named_links": R.named_links(nation, named), "named": R.named_summary(named, nation)}
    if not region.empty:
        out["head"] = R.headline_comparison(region, nation)
        # The values (countries, themes) are named in the page's language here, once, so that the
        # sentences, charts and tables below all read the same names (the language is in the cache key).
        out["countries"] = R.values_in_language(
            R.compare_shares(region, nation, S.PARTNER_COUNTRY_NAME), S.PARTNER_COUNTRY_NAME, nation
        )
        out["theme_shares"] = R.values_in_language(R.compare_shares(region, nation, S.THEME), S.THEME, nation)
        # Issue 27: no share or ratio on fewer than ``M.MIN_KNOWN`` known values (say what is missing instead).
        out["gaps"] = {c: R.withheld(region, nation, c) for c in (S.PARTNER_COUNTRY_NAME, S.THEME)}
    return out


@cache.per_dataset(max_entries=256, copies=True)
def _sentences(filters: Filters, min_count: int, _agg: dict) -> list[str]:
    """The sentences saying what sets the region apart (``_agg``: :func:`_aggregates` of ``filters``)."""
    gaps = _agg["gaps"]
    comparisons = {S.PARTNER_COUNTRY_NAME: _agg["countries"], S.THEME: _agg["theme_shares"]}
    return R.distinctions({c: f for c, f in comparisons.items() if not gaps[c]}, {}, min_count)


def _town(town: str) -> str:
    """« Ville d'Halluin », « Ville du Portel » (the French « de » contracts with the name's article)."""
    return "Ville " + of_place(town) if language() == "fr" else t("Ville de {town}", town=town)


def _ratio(value: float) -> str:
    """A ratio of shares with two decimals (« 2,30 »; « 2.30 » in English), « – » when undefined."""
    if pd.isna(value):
        return "–"
    text = f"{value:.2f}"
    return text if language() == "en" else text.replace(".", ",")


def render() -> None:  # noqa: C901 — the page in reading order, its sections sharing most of its values
    ctx = page_context()
    ref = ctx.ref
    nation = ctx.links
    agg = _aggregates(ctx.ds, ctx.filters, nation, ref.named)
    region = agg["region"]

    st.title(navigation.heading("nord-pas-de-calais"))
    st.caption(
        t(
            "Ancienne région {region} : départements du Nord (59) et du Pas-de-Calais (62). "
            "Elle fait partie de la région Hauts-de-France depuis 2016 ; les chiffres ci-dessous portent sur les "
            "collectivités de ces deux départements (communes, intercommunalités par leur siège, départements).",
            region=REGION,
        )
    )
    if not ctx.filters.is_empty():
        st.caption(
            t(
                "Les filtres de la barre latérale s'appliquent : la région comme l'ensemble national sont comptés sur la "
                "sélection ({links} en France, dont {n} dans la région).",
                links=plural(len(nation), "lien"),
                n=fmt_int(len(region)),
            )
        )
    if region.empty:
        st.warning(
            t(
                "**Les filtres actuels excluent tout le {region}** : aucun lien d'une collectivité du Nord ou du "
                "Pas-de-Calais ne correspond à la sélection. Élargissez ou réinitialisez les filtres pour voir les "
                "chiffres régionaux ; la liste des collectivités citées et les témoignages restent affichés.",
                region=REGION,
            ),
            icon=":material/filter_alt_off:",
        )

    # ---------------------------------------------------------------------------
    # Headline: region beside nation
    # ---------------------------------------------------------------------------
    if not region.empty:
        head = agg["head"]
        cards = st.columns(len(head))
        for card, row in zip(cards, head.to_dict("records"), strict=True):
            card.metric(t(row[R.INDICATOR]), fmt_int(row[R.REGION_COUNT]))
            if M.enough_known(int(row[R.NATION_COUNT])):
                card.caption(
                    t(
                        "{share} du total national dans la sélection ({n})"
                        if not ctx.filters.is_empty()
                        else "{share} du total national ({n})",
                        share=fmt_pct(row[R.REGION_SHARE]),
                        n=fmt_int(row[R.NATION_COUNT]),
                    )
                )
            else:
                # Issue 27: no share of fewer than ``M.MIN_KNOWN`` values.
                card.caption(
                    t("sur {n} dans la sélection nationale : trop peu pour une part", n=fmt_int(row[R.NATION_COUNT]))
                )

    # ---------------------------------------------------------------------------
    # Where the region's links come from, and what the brochure documents
    # ---------------------------------------------------------------------------
    # NOTE: the brochure's partnerships only (issue 27): a description may also be a build note (« nom dans la source »).
    documented = region.loc[R.brochure_mask(region)] if len(region) else region
    with st.container(border=True):
        st.markdown(t("**D'où viennent ces liens**"))
        per_source, several = M.source_counts(region) if len(region) else ({}, 0)
        st.caption(
            (
                t(
                    "Liens de la région dans la sélection, par source : {listing}",
                    listing=t(" ; ").join(
                        t("{source} : {n}", source=PV.short_label(k), n=fmt_int(n)) for k, n in per_source.items()
                    ),
                )
                + (t(" ({n} dans plusieurs sources, comptés une fois)", n=fmt_int(several)) if several else "")
                + ". "
                if per_source
                else ""
            )
            + t(
                "Thèmes connus pour {links}, années de début pour {years} (sur {total}).",
                links=plural(M.known_themes_count(region), "lien"),
                years=fmt_int(len(region) - M.unknown_year_count(region)),
                total=fmt_int(len(region)),
            )
        )
        if not documented.empty:
            st.markdown(t("**Partenariats que décrit la brochure**"))
            shown = documented[
                [S.FR_NAME, S.PARTNER_NAME, S.PARTNER_COUNTRY_NAME, S.KIND, S.START_YEAR, S.DESCRIPTION]
            ].copy()
            shown[S.START_YEAR] = PV.year_column(shown[S.START_YEAR])
            if language() == "en":
                # The brochure's descriptions are its own French words: quoted as they are (the column
                # says so); the build's notes (« nom dans la source : … »), the kind and the country in English.
                shown[S.PARTNER_COUNTRY_NAME] = R.country_names(documented)
                shown[S.KIND] = shown[S.KIND].astype(str).map(t)
                shown[S.DESCRIPTION] = [
                    text if fiches.quotes_the_brochure(cell) else fiches.description_text(text)
                    for text, cell in zip(documented[S.DESCRIPTION], documented[S.SOURCE], strict=True)
                ]
            tables.show_table(
                shown.rename(columns={c: t(S.label(c)) for c in shown.columns}).rename(
                    columns={t(S.label(S.DESCRIPTION)): t("Description (textes de la brochure cités en français)")}
                    if language() == "en"
                    else {}
                ),
            )

    # ---------------------------------------------------------------------------
    # What distinguishes the region (computed)
    # ---------------------------------------------------------------------------
    st.subheader(t("Ce qui distingue la région"))
    if region.empty:
        st.info(t("Rien à comparer : la sélection ne contient aucun lien de la région."))
    else:
        min_count = st.slider(
            t("Nombre minimal de liens régionaux pour qu'une différence soit retenue"),
            min_value=R.FLOOR_COUNT,
            max_value=20,
            value=R.DEFAULT_MIN_COUNT,
            key="npdc_min_count",
            help=t("Évite qu'un pays ou un thème présent dans un seul lien paraisse surreprésenté."),
        )
        countries, themes, gaps = agg["countries"], agg["theme_shares"], agg["gaps"]
        sentences = _sentences(ctx.ds, ctx.filters, min_count, agg)
        missing = [gap for gap in gaps.values() if gap]
        limits = R.comparison_limits(region, nation)
        if limits:
            st.info(
                t(
                    "**Comparaison limitée par les filtres** : {reasons}. Élargissez la sélection pour comparer la "
                    "région à la France.",
                    reasons=t(" ; ").join(R.escape_markdown(reason) for reason in limits),
                ),
                icon=":material/compare_arrows:",
            )
        if sentences:
            st.markdown("\n".join(f"- {R.escape_markdown(s)}" for s in sentences))
        if missing:
            # The comparisons that rest on too few known values say so, in place of any ratio (and of their chart).
            st.info("\n".join(f"- {R.escape_markdown(s)}" for s in missing), icon=":material/help:")
        elif not sentences and not limits:
            st.markdown(
                t(
                    "Aucun pays ni thème ne s'écarte nettement de l'ensemble national avec ce nombre minimal de liens : "
                    "sur ces critères, la région ressemble à la France entière."
                )
            )
        st.caption(
            t(
                "Calcul : part d'un pays (ou d'un thème) dans les liens de la région, divisée par sa part dans les liens "
                "de toute la France (région comprise). Retenu si le rapport dépasse {ratio} (ou est inférieur à son "
                "inverse) et si la région compte au moins {links} (ou en compterait autant à la part nationale).",
                ratio=fmt_float(R.DEFAULT_MIN_RATIO, 1),
                links=plural(min_count, "lien"),
            )
        )

        left, right = st.columns(2)
        top = countries.head(10)
        with left:
            if not gaps[S.PARTNER_COUNTRY_NAME]:
                show_cached_chart(
                    ("npdc_countries",),
                    lambda: F.share_comparison_chart(
                        top,
                        S.PARTNER_COUNTRY_NAME,
                        R.REGION_SHARE,
                        R.NATION_SHARE,
                        region_label=REGION,
                        nation_label=t("France entière"),
                    ),
                    "npdc_pays_region_france",
                    key="npdc_countries_chart",
                    title=t("Premiers pays partenaires : {region} et France", region=REGION),
                )
                figure_caption(
                    R.escape_markdown(
                        t(
                            "Les dix premiers pays partenaires de la région, avec leur part dans les liens de la région et "
                            "dans ceux de la France : {listing}.",
                            listing=t(" ; ").join(
                                t("{name} {region} contre {nation}", name=n, region=fmt_pct(r), nation=fmt_pct(f))
                                for n, r, f in zip(
                                    top[S.PARTNER_COUNTRY_NAME], top[R.REGION_SHARE], top[R.NATION_SHARE], strict=True
                                )
                            ),
                        )
                    )
                )
        with right:
            shown_themes = themes.loc[(themes[R.REGION_COUNT] > 0) | (themes[R.NATION_COUNT] > 0)].head(12)
            if not gaps[S.THEME]:
                show_cached_chart(
                    ("npdc_themes",),
                    lambda: F.share_comparison_chart(
                        shown_themes,
                        S.THEME,
                        R.REGION_SHARE,
                        R.NATION_SHARE,
                        region_label=REGION,
                        nation_label=t("France entière"),
                    ),
                    "npdc_themes_region_france",
                    title=t("Thèmes : {region} et France", region=REGION),
                    key="npdc_themes_chart",
                )
                st.caption(
                    t(
                        "Parts de tous les liens de chaque ensemble ; {region} dans la région, {nation} en France : les autres "
                        "sont « {unknown} » et n'apparaissent pas ici. Un lien qui porte sur plusieurs thèmes compte une fois "
                        "pour chacun.",
                        region=M.coverage_sentence("thèmes", M.known_themes_count(region), len(region)),
                        nation=M.coverage_sentence("", M.known_themes_count(nation), len(nation)).strip(),
                        unknown=t(S.UNKNOWN_LABEL),
                    )
                )

        with st.expander(t("Tableaux détaillés (pays et thèmes)")):
            labels = {key: t(label) for key, label in R.LABELS.items()}
            for frame, column in ((countries, S.PARTNER_COUNTRY_NAME), (themes, S.THEME)):
                if gaps[column]:
                    continue
                table = frame.rename(columns={column: t(S.label(column)), **labels})
                tables.show_table(
                    table.style.format(
                        {
                            labels[R.REGION_COUNT]: fmt_int,
                            labels[R.NATION_COUNT]: fmt_int,
                            labels[R.REGION_SHARE]: fmt_pct,
                            labels[R.NATION_SHARE]: fmt_pct,
                            labels[R.RATIO]: _ratio,
                        }
                    ),
                )

    # ---------------------------------------------------------------------------
    # The collectivities the brochure names
    # ---------------------------------------------------------------------------
    st.subheader(t("Les collectivités engagées que cite la brochure"))
    st.caption(
        t(
            "« Il s'agit notamment des villes de Boulogne sur mer, Calais, Douai… » : les 18 collectivités nommées par la "
            "brochure en 2009, leur nom actuel et, dans la sélection, leurs liens et pays partenaires."
        )
        if len(ref.named) == 18
        else t(
            "Les {n} collectivités nommées par la brochure en 2009, leur nom actuel et, dans la "
            "sélection, leurs liens et pays partenaires.",
            n=fmt_int(len(ref.named)),
        )
    )
    named = agg["named"]
    named_shown = named
    if language() == "en":
        named_shown = named.assign(
            **{S.TYPE: named[S.TYPE].map(t), S.NOTE: named[S.NOTE].map(lambda note: t(note) if note else note)}
        )
    countries_label = t(R.LABELS[R.COUNTRIES_LIST])
    named_table = named_shown.rename(
        columns={
            S.BROCHURE_NAME: t(S.NAMED_COLUMNS[S.BROCHURE_NAME].label),
            S.NAME: t(S.NAMED_COLUMNS[S.NAME].label),
            S.TYPE: t(S.NAMED_COLUMNS[S.TYPE].label),
            S.COUNT: t("Liens (sélection)"),
            R.REAL_LINKS: t(R.LABELS[R.REAL_LINKS]),
            S.N_COUNTRIES: t("Nombre de pays"),
            R.COUNTRIES_LIST: countries_label,
            S.NOTE: t(S.NAMED_COLUMNS[S.NOTE].label),
        }
    )
    tables.show_table(
        named_table,
        column_config={countries_label: st.column_config.TextColumn(width="large")},
    )
    st.caption(
        t(
            "{cited} sur {total} ont au moins un lien dans la sélection. La Région Hauts-de-France couvre aussi "
            "l'ex-Picardie : ses liens ne sont pas comptés dans les chiffres régionaux ci-dessus.",
            cited=plural(int((named[S.COUNT] > 0).sum()), "collectivité citée", "collectivités citées"),
            total=fmt_int(len(named)),
        )
    )

    # ---------------------------------------------------------------------------
    # Partners on a map
    # ---------------------------------------------------------------------------
    st.subheader(t("Leurs partenaires dans le monde"))
    SCOPES = {
        "named": "Collectivités citées par la brochure",
        "region": "Toutes les collectivités du Nord et du Pas-de-Calais",
    }
    scope = st.radio(
        t("Collectivités représentées"),
        options=list(SCOPES),
        format_func=lambda v: t(SCOPES[v]),
        horizontal=True,
        key="npdc_map_scope",
    )
    map_links = agg["named_links"] if scope == "named" else region
    if map_links.empty:
        st.info(t("Aucun lien à cartographier dans la sélection."))
    else:
        drawn = map_links if len(map_links) <= MAP_CAP else map_links.sample(n=MAP_CAP, random_state=0)
        show_cached_chart(
            ("npdc_partner_map", scope),
            lambda: F.partner_map(drawn, height=520),
            "npdc_partenaires",
            key="npdc_partner_map",
            title=t("Partenaires dans le monde des collectivités du {region}", region=REGION)
            if scope == "region"
            else t("Partenaires dans le monde des collectivités citées par la brochure"),
            about_place=True,
        )
        at_centre, nearby = R.approximate_positions(drawn, ref.countries)
        hollow = []
        if at_centre:
            hollow.append(t("{n} au centre de leur pays, faute de position connue", n=fmt_int(at_centre)))
        if nearby:
            hollow.append(t("{n} à une ville voisine que la source indique", n=fmt_int(nearby)))
        st.caption(
            t("Losanges bleus : collectivités françaises ; ronds orange : partenaires placés à leur emplacement.")
            + (
                " " + t("Cercles vides : partenaires en position approchée ({listing}).", listing=t(" ; ").join(hollow))
                if hollow
                else ""
            )
            + (
                t(
                    " Pour rester lisible, la carte montre {cap} liens sur {total}, tirés "
                    "au hasard de façon reproductible.",
                    cap=fmt_int(MAP_CAP),
                    total=fmt_int(len(map_links)),
                )
                if len(map_links) > MAP_CAP
                else ""
            )
        )
        partners = pd.Series(R.country_names(map_links)).value_counts()
        figure_caption(
            R.escape_markdown(
                t(
                    "Carte des partenaires : {links} vers {countries} ; pays les plus fréquents : {listing}.",
                    links=plural(len(map_links), "lien"),
                    countries=plural(len(partners), "pays", "pays"),
                    listing=", ".join(f"{n} ({fmt_int(c)})" for n, c in partners.head(5).items()),
                )
            )
        )

    # ---------------------------------------------------------------------------
    # Testimonials
    # ---------------------------------------------------------------------------
    st.subheader(t("Elles témoignent"))
    st.caption(
        t("Témoignages publiés dans la brochure ({source}).", source=B.SOURCE)
        + (
            " "
            + t(
                "Ils sont cités en français, tels que la brochure les imprime ; sous chacun, une traduction anglaise "
                "(la nôtre, pas les mots de la brochure)."
            )
            if language() == "en"
            else ""
        )
    )
    columns = st.columns(max(1, len(ref.testimonials)))
    for slot, testimonial in zip(columns, ref.testimonials.to_dict("records"), strict=True):
        with slot, st.container(border=True):
            population = testimonial[S.TOWN_POPULATION]
            town = str(testimonial[S.TOWN])
            st.markdown(
                f"**{R.escape_markdown(_town(town))}**"
                + (
                    f" · {R.escape_markdown(t('{n} habitants', n=fmt_int(int(population))))}"
                    if pd.notna(population)
                    else ""
                )
            )
            st.markdown(R.quote_markdown(testimonial[S.QUOTE]))
            st.markdown(
                f"— **{R.escape_markdown(testimonial[S.PERSON])}**, {R.escape_markdown(t(str(testimonial[S.ROLE])))}"
            )
            if language() == "en":
                # The quotation above stays the brochure's French; this is a labelled translation.
                with st.expander(t("Traduction anglaise (la nôtre)")):
                    st.markdown(R.quote_markdown(R.translation(str(testimonial[S.QUOTE]))))
            iso = str(testimonial[S.PARTNER_COUNTRY])
            country = country_name(iso, ref.countries.set_index(S.ISO3)[S.NAME_FR].get(iso, iso))
            st.caption(
                R.escape_markdown(
                    t("Partenaire : {name} ({country}).", name=testimonial[S.PARTNER_NAME], country=country)
                )
                + t(" Population de la ville telle que la brochure l'indique (2009).")
            )
