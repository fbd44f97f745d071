"""One chart or map alone, for an iframe in an article: ``/integrer?vue=monde&pays=BFA&embed=true``.

The chart is the dashboard's own (:mod:`lianes_dash.views.charts`), under the filters of the URL,
and carries its title, filters, sources and date; a link under it opens the full view.
"""

from __future__ import annotations

import streamlit as st

from lianes_dash.analysis import metrics as M
from lianes_dash.text.french import fmt_int
from lianes_dash.text.i18n import t
from lianes_dash.ui import share, url_params
from lianes_dash.ui.common import page_context, show_registered_chart
from lianes_dash.views import charts as C


def render() -> None:
    ctx = page_context()
    view = url_params.first_value(st.query_params.get_all("vue")) or share.DEFAULT_VIEW
    chart = C.CHARTS.get(view)
    if chart is None:
        url_params.ignore("vue", url_params.UNREADABLE)
        chart = C.CHARTS[share.DEFAULT_VIEW]

    if chart.available(ctx.links):
        show_registered_chart(chart.key, key="embed_chart")
    else:
        st.info(
            t(
                "Rien à montrer pour cette sélection : aucun lien, ou trop peu de valeurs connues pour ce graphique "
                "(il en faut au moins {n}).",
                n=fmt_int(M.MIN_KNOWN),
            )
        )
    st.markdown(
        "["
        + t("Voir dans Lianes Dash, avec tous les chiffres et les sources")
        + f"]({share.view_url(chart.key, embed=False, url_path=share.EMBED_PATH)})"
    )
