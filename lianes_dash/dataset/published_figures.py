"""Published figures on French decentralised cooperation, each with its document, date and what it counts.

The one table the overview, the À propos page and the slides read to put the computed counts
beside what official and associative documents published (issue 27, item 4). The brochure's and
the Atlas's figures are typed once, in :mod:`lianes_dash.dataset.brochure`, and read from there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lianes_dash.dataset import brochure as B
from lianes_dash.text.french import fmt_float, fmt_int, fmt_pct
from lianes_dash.text.i18n import t


@dataclass(frozen=True)
class Document:
    """A document that published figures."""

    key: str
    title: str
    date: str


ATLAS = Document("atlas", B.ATLAS_SOURCE, B.ATLAS_WHEN)
SENATE = Document("senat", "Sénat, rapport d'information n° 123", "session 2012-2013")
BROCHURE = Document("brochure", B.SOURCE, str(B.YEAR))
DOCUMENTS: dict[str, Document] = {d.key: d for d in (ATLAS, SENATE, BROCHURE)}


@dataclass(frozen=True)
class Figure:
    """One published figure: the document, what it counts, the value and how the document words it."""

    document: str
    measure: str
    counts: str
    value: float
    wording: str = "{n}"  # « près de {n} », « plus de {n} », « environ {n} »
    unit: str = ""  # "" (a count), "%" (a share) or "M€"

    def text(self) -> str:
        """The value as the document words it (in the current language)."""
        if self.unit == "%":
            number = fmt_pct(self.value, 0)
        elif self.unit == "M€":
            number = t("{n} M€", n=fmt_float(self.value, 1))
        else:
            number = fmt_int(self.value)
        return t(self.wording, n=number)


#: Measures shared by the documents (the rows of the comparisons).
COLLECTIVITIES = "collectivités françaises"
LINKS_OR_PROJECTS = "liens, projets ou actions"
COUNTRIES = "pays partenaires"
PARTNERS = "collectivités partenaires"
AID = "aide au développement déclarée"
MEDIUM_TOWNS = "villes moyennes engagées"

FIGURES: tuple[Figure, ...] = (
    Figure("atlas", COLLECTIVITIES, "collectivités françaises engagées à l'étranger", B.ATLAS_COLLECTIVITIES),
    Figure("atlas", LINKS_OR_PROJECTS, "projets de coopération (un partenariat en porte plusieurs)", B.ATLAS_PROJECTS),
    Figure("atlas", COUNTRIES, "pays partenaires", B.ATLAS_COUNTRIES),
    Figure("atlas", PARTNERS, "collectivités partenaires étrangères", B.ATLAS_PARTNERS),
    Figure("senat", COLLECTIVITIES, "collectivités françaises engagées à l'étranger", 4806),
    Figure("senat", LINKS_OR_PROJECTS, "actions de coopération", 12000, "plus de {n}"),
    Figure("senat", COUNTRIES, "pays partenaires", 140, "environ {n}"),
    Figure("senat", AID, "aide publique au développement déclarée par les collectivités, en 2003", 45.4, unit="M€"),
    Figure("senat", AID, "aide publique au développement déclarée par les collectivités, en 2010", 60.5, unit="M€"),
    Figure("brochure", COLLECTIVITIES, "collectivités françaises engagées", B.PUBLISHED_COLLECTIVITIES),
    Figure("brochure", LINKS_OR_PROJECTS, "liens de coopération, toutes formes", B.PUBLISHED_LINKS, "près de {n}"),
    Figure("brochure", COUNTRIES, "pays partenaires", B.PUBLISHED_COUNTRIES),
    Figure(
        "brochure", MEDIUM_TOWNS, "villes moyennes engagées", B.PUBLISHED_MEDIUM_TOWNS_SHARE, "près de {n}", unit="%"
    ),
)


def figure(document: str, measure: str) -> Figure | None:
    """The first figure a document publishes for a measure (``None`` if it publishes none)."""
    return next((f for f in FIGURES if f.document == document and f.measure == measure), None)


def cell(document: str, measure: str) -> str:
    """A comparison table's cell: the figure as worded, or « non publié »."""
    found = figure(document, measure)
    return found.text() if found is not None else t("non publié")


def table() -> pd.DataFrame:
    """One row per published figure: document, date, what it counts, value (in the current language)."""
    return pd.DataFrame(
        {
            t("Document"): [t(DOCUMENTS[f.document].title) for f in FIGURES],
            t("Date"): [t(DOCUMENTS[f.document].date) for f in FIGURES],
            t("Ce qui est compté"): [t(f.counts) for f in FIGURES],
            t("Chiffre publié"): [f.text() for f in FIGURES],
        }
    )
