"""The slides of the presentation mode, built from the (filtered) links and the reference.

Pure functions, no Streamlit: the same slide list feeds the page (``app_pages/presentation.py``)
and the exported HTML file (``deck.py``). Every number is computed from the links; the
brochure's words (testimonials, named collectivities, contact) come from the reference
tables and ``brochure.py``. A slide that shows links carries the credit line of the sources
of those links (``credit``: licences, « Wikipedia contributors », © OpenStreetMap…).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from lianes_dash.analysis import filters as FL
from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import provenance as PV
from lianes_dash.analysis import regional as R
from lianes_dash.analysis.filters import Filters
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import published_figures as PUB
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.dataset.vectors import category_mask
from lianes_dash.text import i18n
from lianes_dash.text.french import fmt_date, fmt_int, of_place, plural
from lianes_dash.text.i18n import t
from lianes_dash.views import charts as C
from lianes_dash.views import figures as F

#: Most arcs drawn on the world map: more is a grey smudge on a projector.
WORLD_ARC_CAP = 600
#: Most arcs drawn on the regional map.
REGION_ARC_CAP = 800
#: Bars on the « premiers pays » slide.
TOP_COUNTRIES = 10


@dataclass(frozen=True)
class Number:
    """A headline number: the value already formatted in the deck's language, and what it counts."""

    value: str
    label: str


@dataclass(frozen=True)
class Slide:
    """One slide. Text fields are plain text: the renderer escapes them."""

    key: str
    title: str
    kicker: str = ""
    lead: str = ""
    numbers: tuple[Number, ...] = ()
    figure: go.Figure | None = None
    items: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    attribution: tuple[str, ...] = ()
    source: str = ""
    #: Credit line of the sources of the links the slide shows; empty for the brochure's own words.
    credit: str = ""
    #: Text alternative of the figure (screen readers, and the record).
    summary: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def credit_label(links: pd.DataFrame) -> str:
    """The credit line of the sources present in ``links`` (``provenance.credit_line``), and — only
    for a test or benchmark fixture, never bundled — how many of its rows are fictional."""
    if not len(links):
        return ""
    line = PV.credit_line(links[S.SOURCE])
    n = int(links[S.SYNTHETIC].sum()) if S.SYNTHETIC in links else 0
    if n:
        fictional = t("{links} (jeu d'essai)", links=plural(n, "lien fictif", "liens fictifs"))
        line = " · ".join(x for x in (line, fictional) if x)
    return line


#: Below this share of links with a known theme, the deck has no themes slide (a big screen showing
#: one grey « non renseigné » bar says nothing); the numbers slide says how many are known.
THEMES_SLIDE_MIN_SHARE = 0.5


def _names(ref_collectivities: pd.DataFrame, level: str) -> dict[str, str]:
    sub = ref_collectivities.loc[ref_collectivities[S.TYPE] == level]
    return dict(zip(sub[S.CODE].astype(str), sub[S.NAME].astype(str), strict=True))


#: Most values a filter names on the slides' scope line (« … et 9 autres »): a big screen, one line.
SCOPE_MAX_VALUES = 3


def scope_label(filters: Filters, ref_collectivities: pd.DataFrame, countries: pd.DataFrame | None = None) -> str:
    """What the deck covers: « France entière » or the filters in the exports' words (one line), in the
    current language (English names of countries and words; names of places as they are)."""
    if filters.is_empty():
        return i18n.t("France entière")
    names = value_names_in_language(filters, ref_collectivities, countries)
    return " · ".join(FL.describe(filters, names, i18n.language(), max_values=SCOPE_MAX_VALUES))


def caption_words(filters: Filters, links: pd.DataFrame, ref: Any) -> tuple[str, str]:
    """The selection in words and the sources' credit of a chart drawn on ``links`` (the filtered links):
    what a page's charts and an embedded chart carry in their caption."""
    credit = PV.image_credit(links[S.SOURCE]) if len(links) else ""
    return scope_label(filters, ref.collectivities, ref.countries), credit


def value_names_in_language(
    filters: Filters, collectivities: pd.DataFrame, countries: pd.DataFrame | None
) -> dict[str, dict[str, str]]:
    """The names of the filters' values in the current language (the slides' scope, the files' filters)."""
    names = FL.value_names(filters, FL.Lookup(collectivities, countries))
    return english_value_names(filters, names, countries) if i18n.language() == "en" else names


def english_value_names(
    filters: Filters, names: dict[str, dict[str, str]], countries: pd.DataFrame | None
) -> dict[str, dict[str, str]]:
    """The names of the filters' values in English, as each filter's spec says (``english``)."""
    english = {}
    if countries is not None and S.NAME_EN in countries:
        english = dict(zip(countries[S.ISO3], countries[S.NAME_EN], strict=False))
    out = {name: dict(values) for name, values in names.items()}
    for spec in FL.VALUE_FILTERS:
        french = {v: names.get(spec.field, {}).get(v, v) for v in getattr(filters, spec.field)}
        out[spec.field] = spec.names_in_language(french, english)
    return out


@dataclass(frozen=True)
class RegionScope:
    """The territory of the « region » slide: its name, its départements (empty: all of ``links``)."""

    name: str
    departements: tuple[str, ...]
    is_brochure_region: bool


def region_scope(filters: Filters, ref_collectivities: pd.DataFrame) -> RegionScope:
    """The filtered départements or région, else the brochure's Nord-Pas-de-Calais."""
    npdc = set(B.REGION_DEPARTEMENTS)
    if filters.departements:
        names = _names(ref_collectivities, "departement")
        deps = tuple(filters.departements)
        if set(deps) == npdc:
            return RegionScope(B.REGION_NAME, deps, True)
        return RegionScope(", ".join(names.get(d, d) for d in deps), deps, set(deps) <= npdc)
    if filters.regions:
        names = _names(ref_collectivities, "region")
        return RegionScope(", ".join(names.get(r, r) for r in filters.regions), (), False)
    return RegionScope(B.REGION_NAME, B.REGION_DEPARTEMENTS, True)


def _in_scope(departement: str, filters: Filters, ref_collectivities: pd.DataFrame) -> bool:
    """Whether a département lies inside the geographic filters (régions, départements)."""
    if filters.departements and departement not in filters.departements:
        return False
    if filters.regions:
        deps = ref_collectivities.loc[ref_collectivities[S.TYPE] == "departement"]
        region = dict(zip(deps[S.CODE].astype(str), deps[S.REGION].astype(str), strict=True)).get(departement)
        return region in filters.regions
    return True


def _country_names(countries: pd.DataFrame) -> dict[str, str]:
    """Country names by ISO3 in the current language."""
    isos, names = countries[S.ISO3].astype(str), countries[S.NAME_FR].astype(str)
    if i18n.language() == "en":
        names = C.country_names_en(names, isos, _Countries(countries))
    return dict(zip(isos, names, strict=True))


@dataclass(frozen=True)
class _Countries:
    """The part of the app's reference that ``charts.country_names_en`` reads."""

    countries: pd.DataFrame | None


def _named_countries(counts: pd.DataFrame, countries: pd.DataFrame | None) -> pd.DataFrame:
    """``counts`` (with ``partner_country``) with its country names in the current language."""
    if i18n.language() == "fr" or S.PARTNER_COUNTRY not in counts:
        return counts
    names = C.country_names_en(counts[S.PARTNER_COUNTRY_NAME], counts[S.PARTNER_COUNTRY], _Countries(countries))
    return counts.assign(**{S.PARTNER_COUNTRY_NAME: names})


def _top_listing(counts: pd.DataFrame, n: int) -> str:
    head = counts.head(n)
    return ", ".join(
        f"{name} ({fmt_int(c)})" for name, c in zip(head[S.PARTNER_COUNTRY_NAME], head[S.COUNT], strict=True)
    )


def _headline_numbers(links: pd.DataFrame) -> tuple[Number, ...]:
    h = M.headline(links)
    return (
        Number(fmt_int(h["collectivities"]), t("collectivités françaises engagées")),
        Number(fmt_int(h["links"]), t("liens de coopération")),
        Number(fmt_int(h["countries"]), t("pays partenaires")),
    )


def title_slide(scope: str, today: dt.date | None) -> Slide:
    dated = t("Présentation du {day}", day=fmt_date(today)) if today else ""
    return Slide(
        key="titre",
        kicker=B.CONTACT["name"],
        title=t("La coopération décentralisée"),
        lead=t("Les partenariats des collectivités françaises avec des collectivités du monde entier"),
        items=(scope,),
        source=" · ".join(x for x in (t(B.CONTACT["tagline"]), dated) if x),
    )


def numbers_slide(links: pd.DataFrame, filters: Filters) -> Slide:
    published = ""
    if filters.is_empty():
        published = t(
            "Chiffres publiés par la brochure de {year} : {collectivities} collectivités, "
            "près de {links} liens, {countries} pays.",
            year=B.YEAR,
            collectivities=fmt_int(B.PUBLISHED_COLLECTIVITIES),
            links=fmt_int(B.PUBLISHED_LINKS),
            countries=fmt_int(B.PUBLISHED_COUNTRIES),
        ) + t(
            " Atlas du ministère ({atlas_when}) : {atlas_coll} collectivités, {atlas_projects} projets ; Sénat, "
            "rapport n° 123 ({senate_when}) : {senate_coll} collectivités, {senate_actions} actions.",
            atlas_when=t(PUB.ATLAS.date),
            atlas_coll=PUB.cell(PUB.ATLAS.key, PUB.COLLECTIVITIES),
            atlas_projects=PUB.cell(PUB.ATLAS.key, PUB.LINKS_OR_PROJECTS),
            senate_when=t(PUB.SENATE.date),
            senate_coll=PUB.cell(PUB.SENATE.key, PUB.COLLECTIVITIES),
            senate_actions=PUB.cell(PUB.SENATE.key, PUB.LINKS_OR_PROJECTS),
        )
    lead = "" if len(links) else t("Aucun lien ne correspond à la sélection.")
    if len(links):
        known_years = len(links) - M.unknown_year_count(links)
        published = " ".join(
            x
            for x in (
                published,
                M.coverage_sentence("Thèmes", M.known_themes_count(links), len(links)).capitalize()
                + t(" ; ")
                + M.coverage_sentence("années de début", known_years, len(links), "connues")
                + ".",
            )
            if x
        )
    return Slide(
        key="chiffres",
        kicker=t("La coopération décentralisée"),
        title=t("Les chiffres clés"),
        lead=lead,
        numbers=_headline_numbers(links),
        source=published,
        credit=credit_label(links),
    )


def world_slide(
    links: pd.DataFrame, countries: pd.DataFrame | None = None, figures: bool = True, filters: Filters | None = None
) -> Slide:
    counts = _named_countries(M.per_country(links), countries)
    frame = C.world_frame(links, filters, countries) if filters is not None else None
    fig = F.world_map(counts, M.sample_arcs(links, WORLD_ARC_CAP), frame=frame) if figures else None
    capped = (
        t(
            " La carte trace {cap} liens tirés au hasard sur {total} ; les couleurs comptent tous les liens.",
            cap=fmt_int(WORLD_ARC_CAP),
            total=fmt_int(len(links)),
        )
        if len(links) > WORLD_ARC_CAP
        else ""
    )
    return Slide(
        key="monde",
        kicker=t("Dans le monde"),
        title=f"{plural(len(counts), 'pays partenaire', 'pays partenaires')}",
        lead=t("Premiers pays : {listing}", listing=_top_listing(counts, 4)),
        figure=fig,
        source=t("Couleur : nombre de liens par pays.") + capped,
        credit=credit_label(links),
        summary=M.world_summary(counts),
    )


def countries_slide(links: pd.DataFrame, countries: pd.DataFrame | None = None, figures: bool = True) -> Slide:
    top = M.count_by(links, S.PARTNER_COUNTRY_NAME, top=TOP_COUNTRIES)
    if i18n.language() == "en":
        iso_of = dict(zip(links[S.PARTNER_COUNTRY_NAME], links[S.PARTNER_COUNTRY], strict=False))
        names = top[S.PARTNER_COUNTRY_NAME]
        top[S.PARTNER_COUNTRY_NAME] = C.country_names_en(names, names.map(iso_of), _Countries(countries))
    listing = ", ".join(f"{n} ({fmt_int(c)})" for n, c in zip(top[S.PARTNER_COUNTRY_NAME], top[S.COUNT], strict=True))
    return Slide(
        key="pays",
        kicker=t("Dans le monde"),
        title=t("Les {n} premiers pays partenaires", n=fmt_int(len(top))),
        figure=F.bar_chart(top, S.PARTNER_COUNTRY_NAME) if figures else None,
        source=t("Nombre de liens de coopération par pays partenaire."),
        credit=credit_label(links),
        summary=t("Premiers pays partenaires : {listing}", listing=listing),
    )


def france_slide(
    links: pd.DataFrame,
    ref_collectivities: pd.DataFrame,
    departements_geojson: dict | None,
    figures: bool = True,
    outlines_url: str | None = None,
) -> Slide:
    """``departements_geojson`` is read only with ``figures`` (None will do without); ``outlines_url``:
    where the browser fetches the metropolitan outlines (the figure then carries the URL, not them)."""
    areas = M.per_area(links, ref_collectivities, "departement", "per_100k")
    areas = areas.loc[~areas[S.CODE].astype(str).str.startswith("97")]
    fig = None
    if figures and departements_geojson is not None:
        # No points on the projected map: 3 000 dots hide the colours from the back of a room.
        points = M.per_collectivity(links.iloc[:0])  # the columns only: no need to count every collectivity
        outlines = R.metropolitan_geojson(departements_geojson, "departement")
        fig = F.france_map(
            areas, outlines, points, measure_label=t("Liens pour 100 000 hab."), percent=False, geojson_url=outlines_url
        )
    top = areas.sort_values(S.VALUE, ascending=False).head(3)
    listing = ", ".join(str(n) for n in top.loc[top[S.VALUE] > 0, S.NAME])
    return Slide(
        key="france",
        kicker=t("En France"),
        title=f"{plural(int(M.headline(links)['collectivities']), 'collectivité engagée', 'collectivités engagées')}",
        lead=t("Départements les plus engagés (liens pour 100 000 habitants) : {listing}", listing=listing)
        if listing
        else "",
        figure=fig,
        source=t("Couleur : liens de coopération pour 100 000 habitants du département (France métropolitaine)."),
        credit=credit_label(links),
        summary=t("Carte de France des liens pour 100 000 habitants par département.")
        + (t(" Départements en tête : {listing}.", listing=listing) if listing else ""),
    )


def region_slide(
    links: pd.DataFrame, scope: RegionScope, countries: pd.DataFrame | None = None, figures: bool = True
) -> Slide:
    sub = links
    if scope.departements:
        # Tested once per category: « .astype(str) » made a text column of every link.
        sub = links.loc[category_mask(links[S.FR_DEPARTEMENT], lambda v: v.isin(list(scope.departements)))]
    counts = _named_countries(M.per_country(sub), countries)
    capped = (
        t(
            " La carte trace {cap} liens tirés au hasard sur {total}.",
            cap=fmt_int(REGION_ARC_CAP),
            total=fmt_int(len(sub)),
        )
        if len(sub) > REGION_ARC_CAP
        else ""
    )
    return Slide(
        key="region",
        kicker=t("Notre territoire"),
        title=t("{name} dans le monde", name=scope.name),
        lead=t("Premiers pays : {listing}", listing=_top_listing(counts, 3))
        if len(counts)
        else t("Aucun lien dans la sélection."),
        numbers=_headline_numbers(sub),
        figure=F.partner_map(sub if len(sub) <= REGION_ARC_CAP else sub.sample(n=REGION_ARC_CAP, random_state=0))
        if len(sub) and figures
        else None,
        source=t("Les collectivités du territoire et leurs partenaires dans le monde.") + capped,
        credit=credit_label(sub),
        summary=t(
            "{name} : {links} vers {countries}.",
            name=scope.name,
            links=plural(len(sub), "lien"),
            countries=plural(len(counts), "pays", "pays"),
        )
        + (t(" Premiers pays : {listing}.", listing=_top_listing(counts, 5)) if len(counts) else ""),
    )


def named_slide(named: pd.DataFrame) -> Slide:
    return Slide(
        key="elles-l-ont-fait",
        kicker=t("En {region}", region=B.REGION_NAME),
        title=t("Elles l'ont fait… Pourquoi pas vous ?"),
        items=tuple(named[S.BROCHURE_NAME].astype(str)),
        source=t(
            "Collectivités engagées citées par la brochure de Lianes coopération ({year}), noms de l'époque.",
            year=B.YEAR,
        ),
    )


def themes_slide(links: pd.DataFrame, figures: bool = True) -> Slide:
    themes = M.themes_count(links, unknown=True)
    if i18n.language() == "en":
        themes[S.THEME] = themes[S.THEME].map(t)
    known = M.known_themes_count(links)
    listing = ", ".join(f"{x} ({fmt_int(c)})" for x, c in zip(themes[S.THEME], themes[S.COUNT], strict=True))
    return Slide(
        key="themes",
        kicker=t("Les domaines"),
        title=t("Sur quoi portent les partenariats"),
        figure=F.bar_chart(themes, S.THEME) if figures else None,
        source=t("Nombre de liens par thème ; un lien qui porte sur plusieurs thèmes compte une fois pour chacun ; ")
        + M.coverage_sentence("thèmes", known, len(links))
        + ".",
        credit=credit_label(links),
        summary=t("Thèmes : {listing}", listing=listing),
    )


def testimonial_slides(testimonials: pd.DataFrame, countries: pd.DataFrame) -> list[Slide]:
    names = _country_names(countries)
    out = []
    english = i18n.language() == "en"
    for i, row in enumerate(testimonials.itertuples(index=False)):
        w = row._asdict()
        town, pop = str(w[S.TOWN]), w[S.TOWN_POPULATION]
        country = names.get(str(w[S.PARTNER_COUNTRY]), str(w[S.PARTNER_COUNTRY]))
        # In English, the testimony and the role in our translation (the catalogue's, as the fiche
        # shows it under the French quote), and the source line says so: a big screen has no room for both.
        title = t("La ville de {town}", town=town) if english else f"La ville {of_place(town)}"
        paragraphs = tuple(p.strip() for p in str(w[S.QUOTE]).split("\n\n") if p.strip())
        source = B.SOURCE
        if english:
            paragraphs = tuple(t(p) for p in paragraphs)
            source = t("{source} · traduction anglaise : la nôtre", source=SRC.BROCHURE.label_en)
        out.append(
            Slide(
                key=f"temoignage-{i + 1}",
                kicker=t("Elles témoignent"),
                title=title + (t(", {n} habitants", n=fmt_int(pop)) if pd.notna(pop) else ""),
                lead=t("Partenaire : {partner} ({country})", partner=w[S.PARTNER_NAME], country=country),
                paragraphs=paragraphs,
                attribution=(str(w[S.PERSON]), t(str(w[S.ROLE]))),
                source=source,
            )
        )
    return out


#: The deployment's settings of the network's current contact (environment variables); any of the last four
#: set makes a contact. The brochure's contact dates from 2009 (a wanadoo address): shown as history.
CONTACT_ENV: dict[str, str] = {
    "name": "LIANES_CONTACT_NAME",
    "address": "LIANES_CONTACT_ADDRESS",
    "phone": "LIANES_CONTACT_PHONE",
    "email": "LIANES_CONTACT_EMAIL",
    "web": "LIANES_CONTACT_WEB",
}


@dataclass(frozen=True)
class Contact:
    """The network's current contact, as the deployment sets it (« » for a field not set)."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""


def deployment_contact(environ: Mapping[str, str] | None = None) -> Contact | None:
    """The contact the deployment sets (``CONTACT_ENV``), or None when it sets none."""
    env = os.environ if environ is None else environ
    values = {field: " ".join(str(env.get(var, "")).split())[:200] for field, var in CONTACT_ENV.items()}
    if not any(values[f] for f in ("address", "phone", "email", "web")):
        return None
    return Contact(
        name=values["name"] or B.CONTACT["name"],
        **{f: values[f] for f in ("address", "phone", "email", "web")},
    )


def brochure_contact_line() -> str:
    """The brochure's contact on one line, as history: « En 2009, la brochure donnait : … »."""
    c = B.CONTACT
    return t(
        "En {year}, la brochure donnait : {address}, tél. {phone}, {email}, {web}.",
        year=B.YEAR,
        address=c["address"],
        phone=c["phone"],
        email=c["email"],
        web=c["web"],
    )


def contact_slide(contact: Contact | None = None) -> Slide:
    """« Contactez-nous »: the deployment's contact, the brochure's as history; without a contact set, the
    brochure's, said to be 2009's (an event in 2026 once showed a 2009 wanadoo address as current)."""
    c = B.CONTACT
    if contact is not None:
        phone = t("Tél. {phone}", phone=contact.phone) if contact.phone else ""
        return Slide(
            key="contact",
            kicker=t("Contactez-nous"),
            title=t("{name} peut vous accompagner", name=contact.name),
            lead=t(c["tagline"]) if contact.name == c["name"] else "",
            items=tuple(x for x in (contact.address, phone, contact.email, contact.web) if x),
            source=brochure_contact_line(),
        )
    return Slide(
        key="contact",
        kicker=t("Contact publié en {year}", year=B.YEAR),
        title=t("{name} peut vous accompagner", name=c["name"]),
        lead=t("Coordonnées de la brochure de {year} : elles ont pu changer.", year=B.YEAR),
        items=(c["address"], t("Tél. {phone}", phone=c["phone"]), c["email"], c["web"]),
        source=t("Coordonnées publiées par la brochure de Lianes coopération ({year}).", year=B.YEAR),
    )


def build_slides(
    links: pd.DataFrame,
    ref: Any,
    filters: Filters,
    today: dt.date | None = None,
    *,
    figures: bool = True,
    outlines_url: str | None = None,
) -> list[Slide]:
    """The whole deck for ``links`` (already filtered by ``filters``).

    Without ``figures``, the same slides with no figure (``figure`` None; the outlines are not read):
    what the page lists (kicker and title of each slide) costs a fraction of the deck the kiosk shows.

    ``outlines_url``: the France map's outlines as a URL the browser fetches (the kiosk document),
    not inside the figure. ``ref`` is anything with ``collectivities``, ``countries``, ``departements_geojson``,
    ``named`` and ``testimonials`` (``ui.state.Reference``, or a namespace in tests).
    NOTE: testimonials are shown only when their town lies inside the geographic filters:
    a Bretagne deck should not end on Halluin; thematic filters do not remove them.
    """
    scope = scope_label(filters, ref.collectivities, ref.countries)
    slides = [title_slide(scope, today), numbers_slide(links, filters)]
    if len(links):
        slides += [world_slide(links, ref.countries, figures, filters), countries_slide(links, ref.countries, figures)]
        outlines = ref.departements_geojson if figures else None
        slides.append(france_slide(links, ref.collectivities, outlines, figures, outlines_url))
        region = region_scope(filters, ref.collectivities)
        slides.append(region_slide(links, region, ref.countries, figures))
        if region.is_brochure_region:
            slides.append(named_slide(ref.named))
        known_themes = M.known_themes_count(links)
        # Issue 27: half the links at least, and never fewer than ``M.MIN_KNOWN`` (no share on 3 links).
        if known_themes >= THEMES_SLIDE_MIN_SHARE * len(links) and M.enough_known(known_themes):
            slides.append(themes_slide(links, figures))
    testimonials = ref.testimonials
    coll = ref.collectivities
    communes = coll.loc[coll[S.TYPE] == "commune"]
    # NOTE: only the testimonials' towns: a dictionary of all 35 000 communes cost ~25 ms per deck.
    communes = communes.loc[communes[S.CODE].astype(str).isin(set(testimonials[S.FR_CODE].astype(str)))]
    dep_of = dict(zip(communes[S.CODE].astype(str), communes[S.DEPARTEMENT].astype(str), strict=True))
    keep = [_in_scope(dep_of.get(str(code), ""), filters, coll) for code in testimonials[S.FR_CODE]]
    slides += testimonial_slides(testimonials.loc[keep], ref.countries)
    slides.append(contact_slide(deployment_contact()))
    return slides
