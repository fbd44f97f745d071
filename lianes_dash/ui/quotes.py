"""The source's own words on the fiches: the links it describes and its testimonials, quoted as printed.

NOTE: on an English page the brochure's French stays as printed, with our translation under it,
labelled as ours (never passed off as the brochure's words). Both fiches show them this way.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash.analysis import fiches
from lianes_dash.analysis import provenance as PV
from lianes_dash.analysis import regional as R
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import escape_markdown
from lianes_dash.text.i18n import language, t


def brochure_note(described: pd.DataFrame, has_testimonials: bool) -> None:
    """On an English page that quotes the brochure, say that its texts stay French and how."""
    if language() == "en" and (
        has_testimonials or any(fiches.quotes_the_brochure(cell) for cell in described[S.SOURCE])
    ):
        st.caption(
            t(
                "Les textes de la brochure sont cités en français, tels qu'elle les imprime ; sous chacun, une "
                "traduction anglaise (la nôtre, pas les mots de la brochure)."
            )
        )


def description(row) -> None:
    """A described link's text (quoted with our translation when it is the brochure's) and its source."""
    text = getattr(row, S.DESCRIPTION)
    if isinstance(text, str) and text:
        if language() == "en" and fiches.quotes_the_brochure(getattr(row, S.SOURCE)):
            st.text(text)  # the brochure's words, quoted in French as printed
            with st.expander(t("Traduction anglaise (la nôtre)")):
                st.text(fiches.description_text(text))
        else:
            st.text(fiches.description_text(text))
    st.caption(t("Source : {source}", source=escape_markdown(PV.sources_text(getattr(row, S.SOURCE)))))


def testimonial(quote: str) -> None:
    """A testimonial's paragraphs as printed, and our translation on an English page."""
    for paragraph in str(quote).split("\n\n"):
        st.markdown(f"> *« {escape_markdown(paragraph)} »*")
    if language() == "en":
        with st.expander(t("Traduction anglaise (la nôtre)")):
            st.markdown(R.quote_markdown(R.translation(quote)))
