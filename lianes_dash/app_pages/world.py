"""Carte du monde: links per partner country, arcs to partner places, click a country to filter."""

from __future__ import annotations

import streamlit as st

from lianes_dash.analysis import metrics as M
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import escape_markdown, fmt_int, plural
from lianes_dash.text.i18n import t
from lianes_dash.ui import navigation, selection, tables
from lianes_dash.ui.common import figure_caption, page_context, show_cached_chart
from lianes_dash.views import charts as C
from lianes_dash.views import figures as F

MAP_KEY = "world_map"


def render() -> None:
    ctx = page_context()
    links = ctx.links

    st.title(navigation.heading("monde"))
    # Counted once: the map colours them, the captions and the table below list them.
    counts, unoutlined = C.world_counts(links, ctx.ref)
    # Arcs off by default: over Europe, where most partners are, they hide the colours.
    show_arcs = st.toggle(t("Afficher les liens vers les collectivités partenaires"), value=False)

    show_cached_chart(
        ("world_map", show_arcs),
        lambda: C.world_figure(links, counts, unoutlined, ctx.filters, arcs=show_arcs),
        C.CHARTS["monde"].filename,
        key=MAP_KEY,
        title=t(C.CHARTS["monde"].title),
        on_select=True,
        on_change=selection.filter_by_clicked_country,
        args=(MAP_KEY,),
    )
    if show_arcs and len(links) > F.WORLD_ARC_CAP:
        st.caption(
            t(
                "Pour rester lisible, la carte trace {cap} liens sur {total}, tirés au hasard "
                "de façon reproductible ; les couleurs des pays comptent, elles, tous les liens.",
                cap=fmt_int(F.WORLD_ARC_CAP),
                total=fmt_int(len(links)),
            )
        )
    st.caption(t("Cliquez sur un pays pour filtrer tout le tableau de bord sur ce pays."))
    if len(unoutlined):
        listed = ", ".join(
            f"{name} ({plural(int(n), 'lien')})"
            for name, n in zip(unoutlined[S.PARTNER_COUNTRY_NAME], unoutlined[S.COUNT], strict=True)
        )
        st.caption(
            t(
                "Trop petits pour le fond de carte au 1:110 000 000, dessinés par un point : {listed}.",
                listed=escape_markdown(listed),
            )
        )
    figure_caption(M.world_summary(counts))

    if not counts.empty:
        st.subheader(t("Liens par pays"))
        table = counts[[S.PARTNER_COUNTRY_NAME, S.COUNT, S.N_COLLECTIVITIES, S.N_PARTNERS]].rename(
            columns={column: t(label) for column, label in S.labels(counts.columns).items()}
        )
        tables.show_table(table)
        st.caption(plural(len(counts), "pays partenaire"))
