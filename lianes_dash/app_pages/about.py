"""À propos: decentralised cooperation as the brochure explains it, the network, and the data.

Every fact comes from ``brochure.py``; the sources of the links from the registry
(``sources.py``) and from the links' own ``source`` column; the files from ``data/SOURCES.md``,
``data/reference/MANIFEST.json`` and the build report summary written by
``python -m lianes_dash.build.links``, read at run time, so that this page cannot drift from the code.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import provenance as PV
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import data as D
from lianes_dash.dataset import published_figures as PUB
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.text.french import escape_markdown, fmt_date, fmt_int, fmt_pct
from lianes_dash.text.i18n import language, t
from lianes_dash.ui import cache, navigation, tables
from lianes_dash.ui.common import PageContext, data_error_page, page_context
from lianes_dash.views.slides import deployment_contact

#: The build report summary (``python -m lianes_dash.build.links``), relative to the data folder.
BUILD_SUMMARY = D.BUILD_SUMMARY_FILE
#: What the build's geographic checks do (lianes_dash/build/checks.py), said before their counts.
CHECKS_METHOD = (
    "Puis chaque lien est confronté à la géographie (contrôles nommés, comptés plus bas) : une collectivité "
    "française à plus de 20 km du point de la source est re-résolue (ancienne commune, département, région, "
    "intercommunalité) ou écartée ; le pays d'un partenaire suit son point quand l'étiquette de la source n'est "
    "pas fiable ; un point de partenaire hors de son pays ou en France est remplacé par un lieu de même nom du "
    "bon pays, ou par le centre du pays marqué « position approchée » ; deux graphies d'un même partenaire "
    "pour une collectivité (« County Kildare » et « Kildare ») deviennent un seul lien."
)
BUILD_REPORT = f"{D.LINKS}/build_report.csv"
BUILD_CMD = "python -m lianes_dash.build.links"


@cache.per_dataset(max_entries=2, copies=True)
def _figures(_links: pd.DataFrame, _collectivities: pd.DataFrame) -> tuple[dict[str, int], float]:
    """Headline counts and share of medium towns engaged (of the whole dataset: ``_links``)."""
    return M.headline(_links), M.medium_towns_share(_links, _collectivities)


SOURCES_FILE = "SOURCES.md"
MANIFEST_FILE = D.MANIFEST_FILE
_SOURCES_REBUILD = "git checkout data/SOURCES.md (fichier tenu à la main)"


def _sources_text() -> str:
    """``data/SOURCES.md`` (raises ``DataFileError``)."""
    return D.read_text_file(SOURCES_FILE, rebuild=_SOURCES_REBUILD)


def _manifest() -> dict:
    """``data/reference/MANIFEST.json``, checked field by field at its door (raises ``DataFileError``)."""
    return D.load_manifest()


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"- {t(line)}" for line in lines)


# --- What it is ------------------------------------------------------------------------------------
def _what_it_is(translated: str) -> None:
    """Tab « La coopération décentralisée »: what it is, in the brochure's words."""
    st.subheader(t("Qu'est-ce que la coopération décentralisée ?"))
    st.markdown(t(B.DEFINITION))
    st.subheader(t("Le cadre légal"))
    st.markdown(_bullets(B.LEGAL_BASIS))
    st.subheader(t("Les domaines de compétence"))
    st.markdown(
        t(
            "Une collectivité peut conduire des projets dans les domaines relevant de ses compétences propres : "
            "{fields}.",
            fields=", ".join(t(field) for field in B.FIELDS_OF_COMPETENCE),
        )
    )
    st.subheader(t("Les cofinancements"))
    st.markdown(_bullets(B.COFINANCING))
    st.caption(t("Source : {source}.", source=B.SOURCE) + translated)


# --- The network -----------------------------------------------------------------------------------
def _the_network(translated: str) -> None:
    """Tab « Lianes coopération »: what the network offers, and its contact."""
    st.subheader(B.CONTACT["name"])
    st.markdown(f"*{t(B.CONTACT['tagline'])}*")
    st.markdown(t("**Lianes coopération peut vous accompagner pour :**"))
    st.markdown(_bullets(B.SERVICES))
    st.markdown(t("**Le réseau tient à votre disposition :**"))
    st.markdown(_bullets(B.RESOURCES))
    current = deployment_contact()
    if current is not None:
        st.markdown(t("**Contact actuel** (réglage du déploiement)"))
        st.text("\n".join(x for x in (current.name, current.address, current.phone, current.email, current.web) if x))
    st.markdown(t("**Contact** (coordonnées publiées par la brochure de 2009)"))
    # NOTE: st.text, not markdown: no mailto/http link is rendered, as the page must work offline.
    st.text(
        t(
            "{address}\nTél./fax : {phone}\nCourriel : {email}\nSite : {web}",
            address=B.CONTACT["address"],
            phone=B.CONTACT["phone"],
            email=B.CONTACT["email"],
            web=B.CONTACT["web"],
        )
    )
    st.caption(
        t(
            "Source : {source}. Ces coordonnées datent de {year} et peuvent avoir changé.",
            source=B.SOURCE,
            year=B.YEAR,
        )
        + translated
    )


# --- Sources ---------------------------------------------------------------------------------------
def _data_figures(ctx: PageContext, links: pd.DataFrame, english: bool) -> None:
    """The published figures beside the data's, and the sources of the links (needs the links)."""
    st.subheader(t("Chiffres publiés et chiffres des données"))
    h, medium = _figures(ctx.ds, links, ctx.ref.collectivities)
    compare = pd.DataFrame(
        {
            t("Indicateur"): [
                t("Collectivités françaises engagées"),
                t("Liens de coopération"),
                t("Pays partenaires"),
                t("Villes moyennes engagées (20 000 à 100 000 hab.)"),
                t("Collectivités partenaires"),
            ],
            t("Brochure Lianes (2009)"): [
                fmt_int(B.PUBLISHED_COLLECTIVITIES),
                t("près de {n}", n=fmt_int(B.PUBLISHED_LINKS)),
                fmt_int(B.PUBLISHED_COUNTRIES),
                t("près de {n}", n=fmt_pct(B.PUBLISHED_MEDIUM_TOWNS_SHARE, 0)),
                "–",
            ],
            t("Atlas du ministère"): [
                fmt_int(B.ATLAS_COLLECTIVITIES),
                t("{n} projets", n=fmt_int(B.ATLAS_PROJECTS)),
                fmt_int(B.ATLAS_COUNTRIES),
                "–",
                fmt_int(B.ATLAS_PARTNERS),
            ],
            t("Sénat, rapport n° 123 (2012-2013)"): [
                PUB.cell(PUB.SENATE.key, PUB.COLLECTIVITIES),
                t("{n} (actions)", n=PUB.cell(PUB.SENATE.key, PUB.LINKS_OR_PROJECTS)),
                PUB.cell(PUB.SENATE.key, PUB.COUNTRIES),
                "–",
                "–",
            ],
            t("Calculé sur « {name} »", name=t(ctx.ds.name)): [
                fmt_int(h["collectivities"]),
                fmt_int(h["links"]),
                fmt_int(h["countries"]),
                fmt_pct(medium, 1),
                fmt_int(h["partners"]),
            ],
        }
    )
    tables.show_table(compare)
    st.caption(
        t(
            "Atlas : {atlas}. La dernière colonne est calculée à chaque affichage sur tout le jeu de données "
            "(sans les filtres) ; la part des villes moyennes utilise la {population} de l'INSEE.",
            atlas=t(B.ATLAS_SOURCE),
            population=t(S.POPULATION_LABEL),
        )
    )
    st.markdown(t("**Chiffres publiés**, chacun avec son document, sa date et ce qu'il compte :"))
    tables.show_table(PUB.table())
    st.subheader(t("Les sources des liens"))
    per_source, several = M.source_counts(links)
    present = SRC.present(links[S.SOURCE])
    if not present:
        st.caption(t("Aucune ligne de ce jeu ne vient d'une source enregistrée (fichier importé)."))
    for source in present:
        with st.container(border=True):
            st.markdown(
                f"**{SRC.label_of(source.key, english)}** — " + t("{n} liens", n=fmt_int(per_source.get(source.key, 0)))
            )
            st.markdown(
                t("- Producteur : {value}", value=t(source.producer))
                + "\n"
                + t("- Instantané : {value}", value=t(source.snapshot))
                + "\n"
                + t("- Date des données : {value}", value=source.data_date)
                + "\n"
                + t("- Licence : {value}", value=t(source.licence))
                + (f" ({source.licence_url})" if source.licence_url else "")
                + "\n"
                + t("- Crédit à citer : « {value} »", value=source.credit)
                + (("\n" + t("- Adresse : {value}", value=source.url)) if source.url else "")
            )
            if source.share_alike:
                st.markdown(
                    t(
                        "**Partage à l'identique** : {value}.",
                        value=source.share_alike_en if english else source.share_alike,
                    )
                )
    if several:
        st.caption(
            t(
                "{n} liens viennent de plusieurs sources : ils sont comptés une fois et les créditent toutes.",
                n=fmt_int(several),
            )
        )
    credit = PV.credit_line(links[S.SOURCE])
    if credit:
        st.caption(credit)


def _data_files(english: bool) -> None:
    """``data/SOURCES.md`` and the last build of the reference files."""
    try:
        text = _sources_text()
        if english:
            # NOTE: data/SOURCES.md is written in French and kept by hand: offered as it is, said so.
            st.markdown(t("**Les fichiers de données**"))
            st.caption(
                t(
                    "Le fichier data/SOURCES.md décrit chaque fichier du dossier des données : d'où il vient, sa "
                    "version ou sa date, sa licence et la commande qui le reconstruit. Il est rédigé en français."
                )
            )
            st.download_button(
                t("Télécharger data/SOURCES.md (en français)"),
                data=text.encode("utf-8"),
                file_name="SOURCES.md",
                mime="text/markdown",
                icon=":material/description:",
                on_click="ignore",
            )
        else:
            # One heading level down: the page already has its title.
            st.markdown("\n".join("#" + line if line.startswith("#") else line for line in text.splitlines()))
    except D.DataFileError as error:
        data_error_page(error)
    try:
        manifest = _manifest()
    except D.DataFileError as error:
        data_error_page(error)
    else:
        st.subheader(t("Dernière construction des référentiels"))
        command = str(manifest["command"]).replace("`", "'")
        st.markdown(
            t(
                "Construits le **{built}** par `{command}`.",
                built=escape_markdown(manifest["built"]),
                command=command,
            )
        )
        left, right = st.columns(2)
        with left:
            st.markdown(t("**Versions des sources**"))
            tables.show_table(
                pd.DataFrame(list(manifest["sources"].items()), columns=[t("Source"), t("Version")]),
            )
        with right:
            st.markdown(t("**Lignes par table**"))
            rows = manifest["rows"]
            tables.show_table(
                pd.DataFrame({t("Table"): list(rows), t("Lignes"): [fmt_int(v) for v in rows.values()]}),
            )
        missing_c = manifest["countries_without_location"]
        missing_m = manifest["communes_without_location"]
        if missing_c or missing_m:
            st.caption(
                t(
                    "Sans position : {n_countries} pays ou territoires ({countries}) ; {n_communes} communes "
                    "({communes}).",
                    n_countries=len(missing_c),
                    countries=escape_markdown(", ".join(missing_c)),
                    n_communes=len(missing_m),
                    communes=escape_markdown(", ".join(missing_m)),
                )
            )
        with st.expander(t("Empreintes SHA-256 des fichiers")):
            files = manifest["files"]
            tables.show_table(
                pd.DataFrame(
                    {
                        t("Fichier"): list(files),
                        t("Octets"): [fmt_int(f.get("bytes")) for f in files.values()],
                        "SHA-256": [str(f.get("sha256", "")) for f in files.values()],
                    }
                ),
            )


# --- Method and limits ------------------------------------------------------------------------------
def _method(links: pd.DataFrame | None) -> None:
    """Tab « Méthode et limites »: how the links are built, and what they do not say."""
    st.subheader(t("Comment les liens livrés sont construits"))
    st.markdown(
        t(
            "La commande `{command}` (lancée par `make data`) relit les fichiers bruts conservés tels quels dans "
            "`data/raw/` (chaque dossier a son fichier PROVENANCE.md : producteur, dépôt et commit, date, licence) et "
            "produit le même fichier à chaque fois :\n"
            "- la collectivité française est reconnue par son code officiel avec le résolveur de la page « Importer » ; "
            "noms anglais (« Dunkirk »), anciennes communes fusionnées, départements et régions compris ; deux "
            "communes de même nom sont départagées par les coordonnées que donne la source, jamais au hasard ; un nom "
            "qui reste ambigu est écarté et signalé ;\n"
            "- le partenaire garde le nom et les coordonnées de la source, son pays devient un code ISO ; les paires "
            "entre deux collectivités françaises (outre-mer compris) ne sont pas des liens internationaux ;\n"
            "- une même paire vue dans les deux sources, ou des deux côtés de Wikidata, devient un seul lien qui "
            "crédite chaque source (colonnes « Source » et « Lignes des sources ») ;\n"
            "- les deux partenariats que documente la brochure de 2009 s'ajoutent avec leurs thèmes et leur année.",
            command=BUILD_CMD,
        )
    )
    st.markdown(t(CHECKS_METHOD))
    try:
        summary = D.load_build_summary()
    except D.DataFileError as error:
        # NOTE: this part of the page only: the rest of « À propos » does not read the summary.
        data_error_page(error)
    else:
        rows = summary.get("rows", {})
        if rows:
            st.markdown(
                t(
                    "**Rapport de construction** (`data/{file}`, une ligne par ligne brute) : {counts} ; en tout "
                    "{total} lignes brutes, chacune comptée une fois.",
                    file=BUILD_REPORT,
                    counts=", ".join(
                        t("{source} : {n}", source=escape_markdown(t(status)), n=fmt_int(n))
                        for status, n in rows.items()
                    ),
                    total=fmt_int(sum(rows.values())),
                )
            )
        reasons = summary.get("left_out_reasons", {})
        if reasons:
            st.markdown(
                t("Lignes écartées, par motif :")
                + "\n"
                + "\n".join(
                    "- " + t("{source} : {n}", source=escape_markdown(t(r)), n=fmt_int(n)) for r, n in reasons.items()
                )
            )
        checks = summary.get("checks", {})
        if checks:
            st.markdown(
                t(
                    "**Contrôles géographiques** (chaque lien confronté à la géographie ; le détail, ligne par ligne, "
                    "est dans la colonne « Contrôles » du rapport) :"
                )
                + "\n"
                + "\n".join(
                    "- "
                    + t(
                        "{check} ({unit}) : {counts}",
                        check=escape_markdown(t(check)),
                        unit=escape_markdown(t(str(counts.get("unit", "")))),
                        counts=", ".join(
                            t("{source} : {n}", source=escape_markdown(t(outcome)), n=fmt_int(n))
                            for outcome, n in counts.items()
                            if outcome != "unit" and n
                        ),
                    )
                    for check, counts in checks.items()
                )
            )
    if links is not None:
        st.subheader(t("Ce que ces données ne disent pas"))
        no_year = M.unknown_year_count(links)
        no_theme = len(links) - M.known_themes_count(links)
        st.markdown(
            t(
                "- **Pas toute la coopération décentralisée** : ce sont surtout des jumelages inscrits dans deux "
                "encyclopédies ouvertes. Les projets d'aide au développement, d'assistance technique ou de coopération "
                "transfrontalière sans jumelage manquent, comme les partenariats que personne n'y a inscrits.\n"
                "- **Années et thèmes** : l'année de début manque pour {no_year} liens sur {total}, "
                "les thèmes pour {no_theme} ; les graphiques les montrent sous « {unknown} ».\n"
                "- **Dates des sources** : {dates} ; un jumelage rompu ou signé depuis peut y rester ou y manquer.\n"
                "- **Positions** : celles des sources ; les deux partenaires de la brochure, absents des répertoires, sont "
                "placés à un lieu voisin et marqués « position approchée ».\n"
                "- Pour l'ensemble des projets, chargez l'export de l'Atlas de l'action extérieure des collectivités "
                "territoriales (page « {import_page} »).",
                no_year=fmt_int(no_year),
                total=fmt_int(len(links)),
                no_theme=fmt_int(no_theme),
                unknown=t(S.UNKNOWN_LABEL),
                dates=t(" ; ").join(
                    t("{source} tel qu'à la date {date}", source=PV.short_label(x.key), date=x.data_date)
                    for x in SRC.SOURCES.values()
                ),
                import_page=navigation.page("importer").title_in(language()),
            )
        )
    st.caption(t("Page générée le {day}.", day=fmt_date(pd.Timestamp.today().date())))


def render() -> None:
    try:
        ctx: PageContext | None = page_context()
    except D.DataFileError:
        # The bundled links cannot be loaded: ``dashboard.py`` has named the file at the top and
        # runs this page all the same (it does not need them); the parts computed on the links are left out.
        ctx = None
    # The whole dataset, not the filtered view: this page describes the data, not a selection.
    links = ctx.ds.links if ctx is not None else None

    st.title(navigation.heading("a-propos"))
    tab_coop, tab_lianes, tab_data, tab_method = st.tabs(
        [t("La coopération décentralisée"), "Lianes coopération", t("Sources des données"), t("Méthode et limites")]
    )
    # The two first tabs give the brochure's account; in English, in our translation, and said so.
    translated = (
        " "
        + t(
            "Traduction anglaise de la brochure (la nôtre) : les mots de la brochure sont ceux de la version française."
        )
        if language() == "en"
        else ""
    )

    with tab_coop:
        _what_it_is(translated)
    with tab_lianes:
        _the_network(translated)
    english = language() == "en"
    with tab_data:
        if ctx is not None and links is not None:
            _data_figures(ctx, links, english)
        _data_files(english)
    with tab_method:
        _method(links)
