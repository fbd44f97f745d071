"""Nord-Pas-de-Calais: the brochure's region, its engaged collectivities, testimonials, and what sets it apart.

The region is fixed (départements 59 and 62); the sidebar filters still apply.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash import brochure as B
from lianes_dash import figures as F
from lianes_dash import metrics as M
from lianes_dash import provenance as PV
from lianes_dash import regional as R
from lianes_dash import schema as S
from lianes_dash.filters import Filters
from lianes_dash.text import fmt_int, fmt_pct, of_place, plural
from lianes_dash.ui import cache, navigation
from lianes_dash.ui.common import figure_caption, page_context, show_chart

REGION = B.REGION_NAME
#: Most partner points drawn on the regional map (one trace each for exact and approximate places).
MAP_CAP = 600


# NOTE: ``cache.per_dataset``: shared for the bundled data, keyed on (dataset, filters); the frames
# (``_nation`` = the dataset under ``filters``, ``_named``) are not hashed.
@cache.per_dataset(max_entries=64)
def _aggregates(filters: Filters, _nation: pd.DataFrame, _named: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Everything this page derives from the whole selection (the region, its comparisons)."""
    nation, named = _nation, _named
    region = R.region_links(nation)
    out = {"region": region, "named_links": R.named_links(nation, named), "named": R.named_summary(named, nation)}
    if not region.empty:
        out["head"] = R.headline_comparison(region, nation)
        out["countries"] = R.compare_shares(region, nation, S.PARTNER_COUNTRY_NAME)
        out["theme_shares"] = R.compare_shares(region, nation, S.THEME)
    return out


@cache.per_dataset(max_entries=256, copies=True)
def _sentences(filters: Filters, min_count: int, _agg: dict) -> list[str]:
    """The sentences saying what sets the region apart (``_agg``: :func:`_aggregates` of ``filters``)."""
    countries, themes = _agg["countries"], _agg["theme_shares"]
    return R.distinction_sentences(
        R.over_represented(countries, S.PARTNER_COUNTRY_NAME, min_count=min_count, top=4),
        R.under_represented(countries, S.PARTNER_COUNTRY_NAME, min_count=min_count, top=2),
        S.PARTNER_COUNTRY_NAME,
    ) + R.distinction_sentences(
        R.over_represented(themes, S.THEME, min_count=min_count, top=3),
        R.under_represented(themes, S.THEME, min_count=min_count, top=2),
        S.THEME,
        theme=True,
    )


ctx = page_context()
ref = ctx.ref
nation = ctx.links
agg = _aggregates(ctx.ds, ctx.filters, nation, ref.named)
region = agg["region"]

st.title(navigation.heading("nord-pas-de-calais"))
st.caption(
    f"Ancienne région {REGION} : départements du Nord (59) et du Pas-de-Calais (62). "
    "Elle fait partie de la région Hauts-de-France depuis 2016 ; les chiffres ci-dessous portent sur les "
    "collectivités de ces deux départements (communes, intercommunalités par leur siège, départements)."
)
if not ctx.filters.is_empty():
    st.caption(
        f"Les filtres de la barre latérale s'appliquent : la région comme l'ensemble national sont comptés sur la "
        f"sélection ({plural(len(nation), 'lien')} en France, dont {fmt_int(len(region))} dans la région)."
    )
if region.empty:
    st.warning(
        f"**Les filtres actuels excluent tout le {REGION}** : aucun lien d'une collectivité du Nord ou du "
        "Pas-de-Calais ne correspond à la sélection. Élargissez ou réinitialisez les filtres pour voir les "
        "chiffres régionaux ; la liste des collectivités citées et les témoignages restent affichés.",
        icon=":material/filter_alt_off:",
    )

# ---------------------------------------------------------------------------
# Headline: region beside nation
# ---------------------------------------------------------------------------
if not region.empty:
    head = agg["head"]
    cards = st.columns(len(head))
    for card, row in zip(cards, head.to_dict("records"), strict=True):
        card.metric(row[R.INDICATOR], fmt_int(row[R.REGION_COUNT]))
        where = "du total national dans la sélection" if not ctx.filters.is_empty() else "du total national"
        card.caption(f"{fmt_pct(row[R.REGION_SHARE])} {where} ({fmt_int(row[R.NATION_COUNT])})")

# ---------------------------------------------------------------------------
# Where the region's links come from, and what the brochure documents
# ---------------------------------------------------------------------------
documented = region.loc[region[S.DESCRIPTION].notna().to_numpy(dtype=bool)] if len(region) else region
with st.container(border=True):
    st.markdown("**D'où viennent ces liens**")
    per_source, several = M.source_counts(region) if len(region) else ({}, 0)
    st.caption(
        (
            "Liens de la région dans la sélection, par source : "
            + " ; ".join(f"{PV.short_label(k)} : {fmt_int(n)}" for k, n in per_source.items())
            + (f" ({fmt_int(several)} dans plusieurs sources, comptés une fois)" if several else "")
            + ". "
            if per_source
            else ""
        )
        + f"Thèmes connus pour {plural(M.known_themes_count(region), 'lien')}, années de "
        f"début pour {fmt_int(len(region) - M.unknown_year_count(region))} (sur {fmt_int(len(region))})."
    )
    if not documented.empty:
        st.markdown("**Partenariats que décrit la source**")
        shown = documented[
            [S.FR_NAME, S.PARTNER_NAME, S.PARTNER_COUNTRY_NAME, S.KIND, S.START_YEAR, S.DESCRIPTION]
        ].copy()
        shown[S.START_YEAR] = PV.year_column(shown[S.START_YEAR])
        st.dataframe(shown.rename(columns=S.labels(shown.columns)), hide_index=True, width="stretch")

# ---------------------------------------------------------------------------
# What distinguishes the region (computed)
# ---------------------------------------------------------------------------
st.subheader("Ce qui distingue la région")
if region.empty:
    st.info("Rien à comparer : la sélection ne contient aucun lien de la région.")
else:
    min_count = st.slider(
        "Nombre minimal de liens régionaux pour qu'une différence soit retenue",
        min_value=1,
        max_value=20,
        value=R.DEFAULT_MIN_COUNT,
        key="npdc_min_count",
        help="Évite qu'un pays ou un thème présent dans un seul lien paraisse surreprésenté.",
    )
    countries, themes = agg["countries"], agg["theme_shares"]
    sentences = _sentences(ctx.ds, ctx.filters, min_count, agg)
    limits = R.comparison_limits(region, nation)
    if limits:
        st.info(
            "**Comparaison limitée par les filtres** : "
            + " ; ".join(R.escape_markdown(reason) for reason in limits)
            + ". Élargissez la sélection pour comparer la région à la France.",
            icon=":material/compare_arrows:",
        )
    if sentences:
        st.markdown("\n".join(f"- {R.escape_markdown(s)}" for s in sentences))
    elif not limits:
        st.markdown(
            "Aucun pays ni thème ne s'écarte nettement de l'ensemble national avec ce nombre minimal de liens : "
            "sur ces critères, la région ressemble à la France entière."
        )
    st.caption(
        f"Calcul : part d'un pays (ou d'un thème) dans les liens de la région, divisée par sa part dans les liens "
        f"de toute la France (région comprise). Retenu si le rapport dépasse "
        f"{str(R.DEFAULT_MIN_RATIO).replace('.', ',')} (ou est inférieur à son inverse) et si la région compte au "
        f"moins {plural(min_count, 'lien')} (ou en compterait autant à la part nationale)."
    )

    left, right = st.columns(2)
    with left:
        top = countries.head(10)
        show_chart(
            F.share_comparison_chart(
                top,
                S.PARTNER_COUNTRY_NAME,
                R.REGION_SHARE,
                R.NATION_SHARE,
                region_label=REGION,
                nation_label="France entière",
            ),
            "npdc_pays_region_france",
            key="npdc_countries_chart",
            title=f"Premiers pays partenaires : {REGION} et France",
        )
        figure_caption(
            R.escape_markdown(
                "Les dix premiers pays partenaires de la région, avec leur part dans les liens de la région et dans "
                "ceux de la France : "
                + " ; ".join(
                    f"{n} {fmt_pct(r)} contre {fmt_pct(f)}"
                    for n, r, f in zip(
                        top[S.PARTNER_COUNTRY_NAME], top[R.REGION_SHARE], top[R.NATION_SHARE], strict=True
                    )
                )
                + "."
            )
        )
    with right:
        shown_themes = themes.loc[(themes[R.REGION_COUNT] > 0) | (themes[R.NATION_COUNT] > 0)].head(12)
        show_chart(
            F.share_comparison_chart(
                shown_themes,
                S.THEME,
                R.REGION_SHARE,
                R.NATION_SHARE,
                region_label=REGION,
                nation_label="France entière",
            ),
            "npdc_themes_region_france",
            title=f"Thèmes : {REGION} et France",
            key="npdc_themes_chart",
        )
        st.caption(
            "Parts de tous les liens de chaque ensemble ; "
            + M.coverage_sentence("thèmes", M.known_themes_count(region), len(region))
            + " dans la région, "
            + M.coverage_sentence("", M.known_themes_count(nation), len(nation)).strip()
            + " en France : les autres sont « non renseigné » et n'apparaissent pas ici. Un lien qui porte sur "
            "plusieurs thèmes compte une fois pour chacun."
        )

    with st.expander("Tableaux détaillés (pays et thèmes)"):
        for frame, column in ((countries, S.PARTNER_COUNTRY_NAME), (themes, S.THEME)):
            table = frame.rename(columns={**S.labels([column]), **R.LABELS})
            st.dataframe(
                table.style.format(
                    {
                        R.LABELS[R.REGION_COUNT]: fmt_int,
                        R.LABELS[R.NATION_COUNT]: fmt_int,
                        R.LABELS[R.REGION_SHARE]: fmt_pct,
                        R.LABELS[R.NATION_SHARE]: fmt_pct,
                        R.LABELS[R.RATIO]: lambda v: "–" if pd.isna(v) else f"{v:.2f}".replace(".", ","),
                    }
                ),
                hide_index=True,
                width="stretch",
            )

# ---------------------------------------------------------------------------
# The collectivities the brochure names
# ---------------------------------------------------------------------------
st.subheader("Les collectivités engagées que cite la brochure")
st.caption(
    "« Il s'agit notamment des villes de Boulogne sur mer, Calais, Douai… » : les 18 collectivités nommées par la "
    "brochure en 2009, leur nom actuel et, dans la sélection, leurs liens et pays partenaires."
    if len(ref.named) == 18
    else f"Les {fmt_int(len(ref.named))} collectivités nommées par la brochure en 2009, leur nom actuel et, dans la "
    "sélection, leurs liens et pays partenaires."
)
named = agg["named"]
named_table = named.rename(
    columns={
        S.BROCHURE_NAME: S.NAMED_COLUMNS[S.BROCHURE_NAME].label,
        S.NAME: S.NAMED_COLUMNS[S.NAME].label,
        S.TYPE: S.NAMED_COLUMNS[S.TYPE].label,
        S.COUNT: "Liens (sélection)",
        R.REAL_LINKS: R.LABELS[R.REAL_LINKS],
        S.N_COUNTRIES: "Nombre de pays",
        R.COUNTRIES_LIST: R.LABELS[R.COUNTRIES_LIST],
        S.NOTE: S.NAMED_COLUMNS[S.NOTE].label,
    }
)
st.dataframe(
    named_table,
    hide_index=True,
    width="stretch",
    column_config={R.LABELS[R.COUNTRIES_LIST]: st.column_config.TextColumn(width="large")},
)
st.caption(
    f"{plural(int((named[S.COUNT] > 0).sum()), 'collectivité citée', 'collectivités citées')} sur "
    f"{fmt_int(len(named))} ont au moins un lien dans la sélection. La Région Hauts-de-France couvre aussi "
    "l'ex-Picardie : ses liens ne sont pas comptés dans les chiffres régionaux ci-dessus."
)

# ---------------------------------------------------------------------------
# Partners on a map
# ---------------------------------------------------------------------------
st.subheader("Leurs partenaires dans le monde")
scope = st.radio(
    "Collectivités représentées",
    options=["named", "region"],
    format_func={
        "named": "Collectivités citées par la brochure",
        "region": "Toutes les collectivités du Nord et du Pas-de-Calais",
    }.get,
    horizontal=True,
    key="npdc_map_scope",
)
map_links = agg["named_links"] if scope == "named" else region
if map_links.empty:
    st.info("Aucun lien à cartographier dans la sélection.")
else:
    drawn = map_links if len(map_links) <= MAP_CAP else map_links.sample(n=MAP_CAP, random_state=0)
    show_chart(
        F.partner_map(drawn, height=520),
        "npdc_partenaires",
        key="npdc_partner_map",
        title=f"Partenaires dans le monde des collectivités du {REGION}"
        if scope == "region"
        else "Partenaires dans le monde des collectivités citées par la brochure",
    )
    n_approx = int(drawn[S.PARTNER_APPROX].astype(bool).sum())
    st.caption(
        "Losanges bleus : collectivités françaises ; ronds orange : partenaires placés à leur emplacement ; "
        f"cercles vides : partenaires placés au centre de leur pays, faute de position connue ({fmt_int(n_approx)} "
        "sur la carte)."
        + (
            f" Pour rester lisible, la carte montre {fmt_int(MAP_CAP)} liens sur {fmt_int(len(map_links))}, tirés "
            "au hasard de façon reproductible."
            if len(map_links) > MAP_CAP
            else ""
        )
    )
    partners = map_links[S.PARTNER_COUNTRY_NAME].astype(str).value_counts()
    figure_caption(
        R.escape_markdown(
            f"Carte des partenaires : {plural(len(map_links), 'lien')} vers {plural(len(partners), 'pays', 'pays')} ; "
            "pays les plus fréquents : " + ", ".join(f"{n} ({fmt_int(c)})" for n, c in partners.head(5).items()) + "."
        )
    )

# ---------------------------------------------------------------------------
# Testimonials
# ---------------------------------------------------------------------------
st.subheader("Elles témoignent")
st.caption(f"Témoignages publiés dans la brochure ({B.SOURCE}).")
columns = st.columns(max(1, len(ref.testimonials)))
for slot, testimonial in zip(columns, ref.testimonials.to_dict("records"), strict=True):
    with slot, st.container(border=True):
        population = testimonial[S.TOWN_POPULATION]
        st.markdown(
            f"**{R.escape_markdown('Ville ' + of_place(str(testimonial[S.TOWN])))}**"
            + (f" · {R.escape_markdown(fmt_int(int(population)) + ' habitants')}" if pd.notna(population) else "")
        )
        st.markdown(R.quote_markdown(testimonial[S.QUOTE]))
        st.markdown(f"— **{R.escape_markdown(testimonial[S.PERSON])}**, {R.escape_markdown(testimonial[S.ROLE])}")
        country = ref.countries.set_index(S.ISO3)[S.NAME_FR].get(
            str(testimonial[S.PARTNER_COUNTRY]), str(testimonial[S.PARTNER_COUNTRY])
        )
        st.caption(
            R.escape_markdown(f"Partenaire : {testimonial[S.PARTNER_NAME]} ({country}).")
            + " Population de la ville telle que la brochure l'indique (2009)."
        )
