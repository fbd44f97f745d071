"""Trouver des pairs: « nous voulons travailler sur l'eau au Burkina Faso : qui le fait déjà
près de chez nous, avec qui, depuis quand ? »

The user states what they plan (their collectivity, a country or a zone, themes, a kind of
link); the page lists the engaged collectivities that already do it, best first and with
why, their partners abroad, a map and a download. The ranking is ``lianes_dash.analysis.peers``.

URL: ``?depuis=commune:59279&cible=BFA&sujet=gestion de l'eau`` (also ``zone=AF``,
``forme=jumelage``). The sidebar filters own ``pays``, ``theme``…; this page's
keys are distinct so that both live in one URL.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import streamlit as st

from lianes_dash.analysis import peer_form
from lianes_dash.analysis import peers as P
from lianes_dash.analysis.filters import Filters, collectivity_label, type_suffixes
from lianes_dash.dataset import schema as S
from lianes_dash.dataset.vectors import french_rank
from lianes_dash.text import i18n
from lianes_dash.text.french import escape_markdown, fmt_int, plural
from lianes_dash.text.i18n import country_name, language, t
from lianes_dash.ui import cache, navigation, sidebar, tables, url_params
from lianes_dash.ui.common import PageContext, figure_caption, page_context, show_chart
from lianes_dash.ui.state import reference
from lianes_dash.views import export as E
from lianes_dash.views import figures as F
from lianes_dash.views.slides import value_names_in_language

FICHE_PAGE = "collectivite"
FICHE_PARAM = "collectivite"
#: URL parameter of each field of this page's form (``peer_form``, distinct from ``filters.URL_KEYS``).
URL_KEYS = peer_form.URL_KEYS
#: Session key of each widget of the form.
WIDGET_KEYS: dict[str, str] = {name: f"peers_{name}" for name in URL_KEYS}
#: The text typed to find « Votre collectivité », and the keys it found (the chooser's few options).
SEARCH_KEY = "peers_depuis_texte"
_MATCHES = "_peers_depuis_trouvees"
#: The form as last written to the URL, and as last seen (restored when the page reopens).
_LAST_URL = "_peers_last_url"
_SAVED = "_peers_saved"
#: How many peers get a card with a link to their fiche; how many are drawn on the map.
CARDS = 10
MAP_PEERS = 40
#: Most rows sent to the browser tables (the download is never capped by this).
TABLE_MAX_ROWS = 2_000
#: Continents offered as zones (GeoNames code → French name), Antarctica left out.
ZONES: dict[str, str] = {code: name for code, name in S.CONTINENTS.items() if code != "AN"}


@st.cache_resource(show_spinner=False)
def _origin_choices(_collectivities: pd.DataFrame, lang: str) -> dict[str, str]:
    """Every reference collectivity: « type:code » → « Halluin (59) », « Nord (département) », in French order.

    ``lang`` (the run's language) keys the cache: the words in brackets are in that language."""
    coll = _collectivities
    keys = (coll[S.TYPE].astype(str) + ":" + coll[S.CODE].astype(str)).to_numpy(dtype=object)
    suffix = type_suffixes()
    label = np.array(
        [
            collectivity_label(kind, name, dep, suffix)
            for kind, name, dep in zip(
                coll[S.TYPE].astype(str).tolist(),
                coll[S.NAME].astype(str).tolist(),
                coll[S.DEPARTEMENT].tolist(),
                strict=True,
            )
        ],
        dtype=object,
    )
    order = np.argsort(french_rank(label, keys), kind="stable")
    return dict(zip(keys[order].tolist(), label[order].tolist(), strict=True))


@st.cache_resource(show_spinner=False)
def _origin_index(_collectivities: pd.DataFrame, lang: str) -> P.NameIndex:
    """The folded-name index of :func:`_origin_choices` (searched on the server, never sent whole)."""
    coll = _collectivities
    keys = (coll[S.TYPE].astype(str) + ":" + coll[S.CODE].astype(str)).tolist()
    labels = _origin_choices(_collectivities, lang)
    return P.build_name_index(
        keys, [labels[k] for k in keys], coll[S.NAME].astype(str).tolist(), coll[S.POPULATION].to_numpy()
    )


@st.cache_resource(show_spinner=False)
def _country_choices(_countries: pd.DataFrame, lang: str) -> dict[str, str]:
    """ISO alpha-3 → name (French, or English for ``lang`` « en », as the sidebar names them), in alphabetical
    order, accents and case ignored (Antarctica left out)."""
    c = _countries.loc[_countries[S.CONTINENT] != S.CONTINENTS["AN"]]
    names = c[S.NAME_FR].astype(str).to_numpy(dtype=object)
    if lang == "en":
        english = c[S.NAME_EN] if S.NAME_EN in c else pd.Series(None, index=c.index)
        names = np.array(
            [
                country_name(iso, fr, en if isinstance(en, str) else None)
                for iso, fr, en in zip(c[S.ISO3], names, english, strict=True)
            ],
            dtype=object,
        )
    order = np.argsort(french_rank(names, c[S.ISO3].to_numpy(dtype=object)), kind="stable")
    return dict(zip(c[S.ISO3].to_numpy()[order].tolist(), names[order].tolist(), strict=True))


# NOTE: an imported dataset's index stays in this session (one), never in a shared cache.
# No spinner text on the caches (fixed when the module loads, in one language): the page wraps
# the calls in ``st.spinner`` in its own language.
@cache.per_dataset(max_entries=2, session_entries=1)
def _index(_links: pd.DataFrame) -> P.PeerIndex:
    """The index of the dataset's links (``_links``: all of them), read-only."""
    return P.build_index(_links)


@cache.per_dataset(max_entries=32)
def _search(filters: Filters, query: P.PeerQuery, _links: pd.DataFrame, _index: P.PeerIndex):
    """Peers, partners abroad, the peers' links (download, map) and the « nothing exact » message,
    per (dataset, filters, query): a rerun that keeps the search (a click elsewhere, a download)
    costs nothing. NOTE: ``_links`` is the dataset under ``filters``; the frames are read-only."""
    links, index, ref = _links, _index, reference()
    peers = P.rank_peers(links, query, ref.collectivities, ref.countries, index)
    partners = P.partner_candidates(links, query, ref.collectivities, ref.countries, index)
    best_links = P.matching_links(links, query, ref.countries, index, peers)
    message = P.no_exact_match_message(peers, query, links, ref.countries, index)
    return peers, partners, best_links, message


def _sync_form(options: dict[str, dict[str, str]]) -> list[str]:
    """Before the widgets: put the URL's (or the last session's) values in them. Returns ignored keys."""
    params = {k: st.query_params.get(k) for k in URL_KEYS.values() if k in st.query_params}
    fresh = WIDGET_KEYS["depuis"] not in st.session_state
    ignored: list[str] = []
    if params and params != st.session_state.get(_LAST_URL):
        values, ignored = peer_form.parse(params, options)
    elif fresh:
        values = st.session_state.get(_SAVED) or peer_form.empty()
    else:
        return ignored
    for name, key in WIDGET_KEYS.items():
        st.session_state[key] = values[name]
    # The chooser of « Votre collectivité » offers the chosen one; its search box shows its name.
    origin = values["depuis"]
    st.session_state[SEARCH_KEY] = options["depuis"].get(origin, "") if origin else ""
    st.session_state[_MATCHES] = [origin] if origin else []
    return ignored


def _on_search(index: P.NameIndex) -> None:
    """Callback of the search box: the best matches become the chooser's options, the first one chosen."""
    matches = P.find_collectivities(index, st.session_state.get(SEARCH_KEY))
    st.session_state[_MATCHES] = matches
    st.session_state[WIDGET_KEYS["depuis"]] = matches[0] if matches else None


def origin_options(chosen: str | None, matches: list[str]) -> list[str]:
    """The chooser's options: the chosen collectivity, then the search's matches (at most a few dozen)."""
    return list(dict.fromkeys([k for k in (chosen, *matches) if k]))


def _write_url(values: dict) -> None:
    wanted = peer_form.to_query(values)
    sidebar.replace_query(URL_KEYS.values(), wanted)
    st.session_state[_LAST_URL] = wanted
    st.session_state[_SAVED] = dict(values)


def _widen(query: P.PeerQuery) -> None:
    """Callback of a « widen » button: the form takes the wider query (before the rerun)."""
    code_of_zone = {name: code for code, name in ZONES.items()}
    st.session_state[WIDGET_KEYS["cible"]] = query.country
    st.session_state[WIDGET_KEYS["zone"]] = code_of_zone.get(query.zone or "")
    st.session_state[WIDGET_KEYS["sujet"]] = list(query.themes)


def _origin(key: str | None, collectivities: pd.DataFrame, label: str) -> F.Origin | None:
    """The search's own collectivity, to mark « vous » on the map (None without one or without a place)."""
    if not key or ":" not in key:
        return None
    fr_type, code = key.split(":", 1)
    row = collectivities.loc[(collectivities[S.TYPE] == fr_type) & (collectivities[S.CODE] == code)]
    if row.empty or pd.isna(row[S.LAT].iloc[0]) or pd.isna(row[S.LON].iloc[0]):
        return None
    return F.Origin(
        name=label or str(row[S.NAME].iloc[0]), lat=float(row[S.LAT].iloc[0]), lon=float(row[S.LON].iloc[0])
    )


def _tier_summary(peers: pd.DataFrame, query: P.PeerQuery, where: str, zone: str | None) -> str:
    """« 20 au Burkina Faso sur « gestion de l'eau » · 83 au Burkina Faso sur d'autres thèmes · … »
    (« 20 in Burkina Faso on “water management” · … » in English; ``zone`` is the continent's French name)."""
    counts = peers[S.PEER_TIER].value_counts()
    themes = P.themes_phrase(tuple(query.themes))
    on_themes = t("sur {themes}", themes=themes) if themes else ""
    parts = []
    for tier in (1, 2, 3):
        n = int(counts.get(tier, 0))
        if tier == 1:
            what = " ".join(x for x in (where, on_themes) if x) or t("tous critères")
        elif tier == 2:
            what = " ".join(x for x in (where, t("sur un thème autre ou non renseigné")) if x)
        else:
            elsewhere = t("ailleurs en {zone}", zone=t(zone)) if zone else t("ailleurs dans le monde")
            what = (on_themes + " " if themes else "") + elsewhere
        if n or tier == 1:
            parts.append(f"{fmt_int(n)} {what}")
    return " · ".join(parts)


def _display_peers(peers: pd.DataFrame) -> pd.DataFrame:
    cols = [
        S.FR_NAME,
        S.MATCH_REASON,
        S.PEER_PARTNERS,
        S.PEER_THEMES,
        S.FIRST_YEAR,
        S.PEER_TIER,
        S.FR_TYPE,
        S.FR_DEPARTEMENT_NAME,
        S.DISTANCE_KM,
        S.SIZE_BAND,
        S.N_MATCHING_LINKS,
    ]
    table = peers[cols].head(TABLE_MAX_ROWS).copy()
    table[S.FR_TYPE] = table[S.FR_TYPE].astype(str).map(S.TYPE_LABELS)
    table[S.PEER_TIER] = table[S.PEER_TIER].map(P.TIER_LABELS)
    if language() == "en":
        for col in (S.FR_TYPE, S.PEER_TIER):
            table[col] = table[col].map(lambda v: t(v) if isinstance(v, str) else v)
    return table


def _display_partners(partners: pd.DataFrame) -> pd.DataFrame:
    cols = [
        S.PARTNER_NAME,
        S.PARTNER_COUNTRY_NAME,
        S.N_COLLECTIVITIES,
        S.FR_PARTNERS,
        S.COUNT,
        S.FIRST_YEAR,
        S.ALREADY_PARTNER,
    ]
    table = partners[[c for c in cols if c in partners]].head(TABLE_MAX_ROWS)
    if language() == "en" and S.PARTNER_COUNTRY_NAME in table:
        # By position: the table is the head of ``partners``; names of collectivities stay as they are.
        pairs = zip(partners[S.PARTNER_COUNTRY].iloc[: len(table)], table[S.PARTNER_COUNTRY_NAME], strict=True)
        table = table.assign(**{S.PARTNER_COUNTRY_NAME: [country_name(str(i), str(n)) for i, n in pairs]})
    return table


def _query_lines(query: P.PeerQuery, options: dict[str, dict[str, str]], zone: str | None) -> list[str]:
    """The search in words, for the download's README, in the page's language (``options``' labels)."""
    lines = [t("Recherche de pairs (page « Trouver des pairs »)")]
    if query.origin:
        name = options["depuis"].get(query.origin, query.origin)
        lines.append(t("Votre collectivité (exclue des résultats) : {name}", name=name))
    if query.country:
        lines.append(t("Pays visé : {name}", name=options["cible"].get(query.country, query.country)))
    if zone:
        lines.append(t("Zone : {zone}", zone=zone))
    if query.themes:
        lines.append(t("Thèmes : {themes}", themes=", ".join(t(theme) for theme in query.themes)))
    if query.kind:
        lines.append(t("Type de lien : {kind}", kind=t(query.kind)))
    lines.append(
        t(
            "Lignes : les liens qui font de chaque collectivité un pair (son meilleur rang), dans l'ordre du "
            "classement (1 : même pays partenaire et même thème ; 2 : même pays partenaire ; 3 : même thème dans la même "
            "zone ; puis "
            "les plus proches)"
        )
    )
    return lines


def _ranked_rows(best_links: pd.DataFrame, peers: pd.DataFrame) -> pd.DataFrame:
    """Each link with its collectivity's reason (in the page's language) and distance (``matching_links``
    gives the tier)."""
    keys = best_links[S.FR_TYPE].astype(str) + ":" + best_links[S.FR_CODE].astype(str)
    by_key = peers.set_index(S.FR_KEY)
    return best_links.assign(
        **{
            S.MATCH_REASON: keys.map(by_key[S.MATCH_REASON]).to_numpy(),
            S.DISTANCE_KM: keys.map(by_key[S.DISTANCE_KM]).to_numpy(),
        }
    )


def _download(best_links: pd.DataFrame, peers: pd.DataFrame, meta: E.ExportMeta, lang: str) -> bytes:
    """The ZIP, built on click (in another thread: the page's language is set here, not inherited)."""
    with i18n.using(lang):
        return E.zip_bytes(_ranked_rows(best_links, peers), meta)


def _form(ctx: PageContext, options: dict[str, dict[str, str]], lang: str) -> None:
    """The search form: the widgets hold the query (their keys: ``WIDGET_KEYS``)."""
    with st.container(border=True):
        top = st.columns([3, 2, 2])
        with top[0]:
            # A search box and a short list, not one list of the 36 243 collectivities: the browser froze
            # on it (2 s to open, up to a minute to choose). The name is looked up here, in a folded-name index.
            st.text_input(
                t("Votre collectivité"),
                key=SEARCH_KEY,
                placeholder=t("Tapez son nom puis Entrée (facultatif)"),
                on_change=_on_search,
                args=(_origin_index(ctx.ref.collectivities, lang),),
                help=t(
                    "Pour classer les pairs du plus proche au plus lointain. Toutes les collectivités de France, "
                    "engagées ou non : tapez le début de son nom (« lille », « st omer »), la plus peuplée de ce "
                    "nom est choisie ; les autres sont dans la liste en dessous."
                ),
            )
            found = origin_options(st.session_state.get(WIDGET_KEYS["depuis"]), st.session_state.get(_MATCHES, []))
            typed = bool((st.session_state.get(SEARCH_KEY) or "").strip())
            st.selectbox(
                t("Collectivité choisie"),
                options=found,
                format_func=lambda v: options["depuis"].get(v, v),
                key=WIDGET_KEYS["depuis"],
                placeholder=t("Aucune collectivité de ce nom") if typed else t("Aucune : tapez un nom ci-dessus"),
                label_visibility="collapsed",
                disabled=not found,
            )
        with top[1]:
            st.selectbox(
                t("Pays partenaire visé"),
                options=list(options["cible"]),
                format_func=lambda v: options["cible"].get(v, v),
                key=WIDGET_KEYS["cible"],
                placeholder=t("Tous les pays"),
            )
        with top[2]:
            country_set = bool(st.session_state.get(WIDGET_KEYS["cible"]))
            st.selectbox(
                t("ou une zone"),
                options=list(ZONES),
                format_func=lambda v: t(ZONES[v]) if v in ZONES else v,
                key=WIDGET_KEYS["zone"],
                placeholder=t("Toutes les zones"),
                disabled=country_set,
                help=t("Le continent ; quand un pays est choisi, c'est le sien."),
            )
        bottom = st.columns([4, 3])
        with bottom[0]:
            st.multiselect(
                t("Thèmes"),
                options=list(S.THEMES),
                format_func=t,
                key=WIDGET_KEYS["sujet"],
                placeholder=t("Tous les thèmes"),
            )
        with bottom[1]:
            st.selectbox(
                t("Type de lien"),
                options=list(S.KINDS),
                format_func=t,
                key=WIDGET_KEYS["forme"],
                placeholder=t("Tous les types"),
                help=t("Sert à départager : à pertinence égale, ceux qui ont ce type de lien d'abord."),
            )


def _cards(peers: pd.DataFrame) -> None:
    """The best peers, two cards a row, each with a link to its fiche."""
    st.subheader(t("Qui le fait déjà"))
    for i, row in enumerate(peers.head(CARDS).itertuples(index=False)):
        if i % 2 == 0:
            # A row of two columns per pair of cards, not two tall columns: a phone stacks the columns,
            # and two tall ones would read 1, 3, 5… then 2, 4…
            grid = st.columns(2)
        r = row._asdict()
        dep = r[S.FR_DEPARTEMENT]
        name = r[S.FR_NAME] + (f" ({dep})" if dep and r[S.FR_TYPE] in ("commune", "epci") else "")
        since = t(" · depuis {year}", year=r[S.FIRST_YEAR]) if not pd.isna(r[S.FIRST_YEAR]) else ""
        with grid[i % 2], st.container(border=True):
            st.page_link(
                navigation.st_page(FICHE_PAGE),
                label=f"{i + 1}. **{escape_markdown(name)}**",
                query_params={FICHE_PARAM: r[S.FR_KEY]},
                icon=":material/account_balance:",
                help=t("Ouvrir la fiche de cette collectivité"),
            )
            st.text(
                t(
                    "{reason}\nAvec : {partners}{since}\nThèmes : {themes}",
                    reason=r[S.MATCH_REASON],
                    partners=r[S.PEER_PARTNERS],
                    since=since,
                    themes=r[S.PEER_THEMES],
                )
            )
    if len(peers) > CARDS:
        st.caption(
            t(
                "Les {n} collectivités sont dans le tableau ci-dessous et dans le téléchargement.",
                n=fmt_int(len(peers)),
            )
        )


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------
def render() -> None:
    ctx = page_context()
    lang = language()
    options: dict[str, dict[str, str]] = {
        "depuis": _origin_choices(ctx.ref.collectivities, lang),
        "cible": _country_choices(ctx.ref.countries, lang),
        "zone": ZONES,
        "sujet": {theme: theme for theme in S.THEMES},
        "forme": {k: k for k in S.KINDS},
    }

    st.title(navigation.heading("pairs"))
    st.markdown(
        t(
            "Dites ce que vous prévoyez : la page cherche les collectivités françaises **qui le font déjà**, les plus "
            "proches de chez vous d'abord, et les collectivités partenaires à l'étranger **déjà habituées** à "
            "travailler avec des collectivités françaises. Ce sont les « contacts-ressources au sein de collectivités "
            "engagées » dont parle la brochure de Lianes coopération."
        )
    )

    url_params.ignore(_sync_form(options))  # named by the page's URL note (dashboard.py shows it)

    _form(ctx, options, lang)

    values = {name: st.session_state.get(key) for name, key in WIDGET_KEYS.items()}
    values["sujet"] = list(values["sujet"] or [])
    _write_url(values)
    query = P.PeerQuery(
        origin=values["depuis"],
        country=values["cible"],
        zone=None if values["cible"] else ZONES.get(values["zone"] or ""),
        themes=tuple(values["sujet"] or ()),
        kind=values["forme"],
    )

    if query.is_empty():
        st.info(
            t(
                "Indiquez au moins un pays, une zone ou un thème (et votre collectivité pour classer les plus proches "
                "d'abord). Par exemple : Halluin (59), Burkina Faso, « gestion de l'eau »."
            ),
            icon=":material/search:",
        )
        st.stop()

    links = ctx.links
    with st.spinner(t("Préparation de la recherche de pairs…")):
        index = _index(ctx.ds, ctx.ds.links)
    with st.spinner(t("Recherche des pairs…")):
        peers, partners, best_links, message = _search(ctx.ds, ctx.filters, query, links, index)
    zone = P.zone_of(query, ctx.ref.countries)
    where = P.where_phrase(query, ctx.ref.countries)
    origin_label = options["depuis"].get(query.origin or "", "")

    if not ctx.filters.is_empty():
        st.caption(
            t(
                "Les filtres du panneau de gauche s'appliquent : la recherche porte sur {links} sur {total}.",
                links=plural(len(links), "lien"),
                total=fmt_int(len(ctx.ds.links)),
            )
        )

    if message:
        st.info(message, icon=":material/lightbulb:")
        wider = [r for r in P.relaxations(links, query, ctx.ref.countries, index) if r.count > 0]
        for i, (col, relaxation) in enumerate(zip(st.columns(max(1, len(wider))), wider, strict=False)):
            col.button(
                t("Élargir {wider} ({n})", wider=relaxation.text, n=fmt_int(relaxation.count)),
                on_click=_widen,
                args=(relaxation.query,),
                key=f"peers_widen_{i}",
                icon=":material/zoom_out_map:",
                width="stretch",
            )
    if peers.empty:
        st.stop()

    st.markdown(t("**{peers}** : ", peers=plural(len(peers), "collectivité engagée", "collectivités engagées")))
    st.text(_tier_summary(peers, query, where, zone))
    own_note = P.own_links_note(P.own_links(links, query, ctx.ref.countries), origin_label, where)
    if own_note:
        st.info(own_note, icon=":material/handshake:")
    st.caption(P.ranking_note(links))

    # --- Map, then the best peers, each with its fiche -------------------------------------
    st.subheader(t("Carte"))
    shown = peers.head(MAP_PEERS)
    # ``best_links`` follows the peers' order: the first peers' links are its first rows.
    drawn = best_links.head(int(shown[S.N_MATCHING_LINKS].sum()))
    drawn = drawn[
        [
            S.FR_TYPE,
            S.FR_CODE,
            S.FR_NAME,
            S.FR_LAT,
            S.FR_LON,
            S.PARTNER_NAME,
            S.PARTNER_COUNTRY,
            S.PARTNER_COUNTRY_NAME,
            S.PARTNER_LAT,
            S.PARTNER_LON,
            S.PARTNER_APPROX,
        ]
    ].copy()
    if lang == "en":  # the hover's country names in English (names of places stay as they are)
        pairs = set(zip(drawn[S.PARTNER_COUNTRY].astype(str), drawn[S.PARTNER_COUNTRY_NAME].astype(str), strict=True))
        english = {pair: country_name(*pair) for pair in pairs}
        drawn[S.PARTNER_COUNTRY_NAME] = [
            english[pair]
            for pair in zip(
                drawn[S.PARTNER_COUNTRY].astype(str), drawn[S.PARTNER_COUNTRY_NAME].astype(str), strict=True
            )
        ]
    fig = F.partner_map(drawn, height=480, origin=_origin(query.origin, ctx.ref.collectivities, origin_label))
    show_chart(
        fig,
        "lianes_pairs_carte",
        key="peers_map",
        alt=t("Carte des pairs et de leurs partenaires"),
        title=t("Collectivités engagées {where}", where=where) if where else t("Collectivités engagées"),
        about_place=True,
    )
    n_fr = drawn[[S.FR_TYPE, S.FR_CODE]].drop_duplicates().shape[0]
    n_abroad = drawn[[S.PARTNER_NAME, S.PARTNER_COUNTRY_NAME]].drop_duplicates().shape[0]
    figure_caption(
        t(
            "Carte : les {collectivities} les mieux classées (losanges bleus) et leurs {partners} à l'étranger "
            "(ronds orange ; ronds vides : position approchée), reliés par leurs liens.",
            collectivities=plural(n_fr, "collectivité française", "collectivités françaises"),
            partners=plural(n_abroad, "partenaire"),
        )
    )

    _cards(peers)

    st.subheader(t("Toutes les collectivités qui correspondent"))
    table = _display_peers(peers)
    tables.show_table(
        table,
        column_config=tables.column_config(table.columns, pinned=[S.FR_NAME], as_text=[S.PEER_TIER]),
        height=360,
    )
    if len(peers) > TABLE_MAX_ROWS:
        st.caption(
            t(
                "Les {n} premières sont affichées ; le téléchargement les contient toutes.",
                n=fmt_int(TABLE_MAX_ROWS),
            )
        )

    st.subheader(t("Leurs partenaires à l'étranger"))
    if partners.empty:
        st.info(
            t(
                "Aucune collectivité étrangère n'a, parmi les thèmes connus, de lien sur ces thèmes avec une "
                "collectivité française ici."
            )
        )
    else:
        where_first = t("{where} d'abord, ", where=where) if where and query.country else ""
        st.caption(
            t(
                "Collectivités étrangères qui travaillent déjà sur ces thèmes avec des collectivités françaises, "
                "{where_first}puis par nombre de partenaires français : une collectivité habituée à la coopération "
                "française est plus facile à approcher.",
                where_first=where_first,
            )
            if query.themes
            # With no theme chosen, « sur ces thèmes » named themes nobody chose.
            else t(
                "Collectivités étrangères qui travaillent déjà avec des collectivités françaises, {where_first}puis "
                "par nombre de partenaires français : une collectivité habituée à la coopération française est plus "
                "facile à approcher.",
                where_first=where_first,
            )
        )
        ptable = _display_partners(partners)
        tables.show_table(ptable, column_config=tables.column_config(ptable.columns), height=300)

    # --- Download -----------------------------------------------------------------------------
    st.subheader(t("Télécharger"))
    today = dt.date.today()
    RANKING = (S.PEER_TIER, S.MATCH_REASON, S.DISTANCE_KM)
    # The file speaks the page's language, as the Explorer's: headers, README, the filters and the
    # search in words, the reasons; the data's own values stay as they are.
    names = value_names_in_language(ctx.filters, ctx.ref.collectivities, ctx.ref.countries)
    meta = E.meta_for(
        best_links,
        dataset=ctx.ds.name if ctx.ds.imported else t(ctx.ds.name),
        imported=ctx.ds.imported,
        filter_lines=[*E.describe_filters(ctx.filters, names), *_query_lines(query, options, zone)],
        day=today,
        title=t("Pairs : liens des collectivités qui font déjà ce que vous prévoyez"),
        lead_columns=RANKING,
    )

    st.download_button(
        t("Les liens de ces {peers} (CSV dans un ZIP avec LISEZMOI)", peers=plural(len(peers), "collectivité")),
        data=lambda: _download(best_links, peers, meta, lang),
        file_name=E.file_name(today, "zip", stem="lianes_pairs"),
        mime=E.ZIP_MIME,
        icon=":material/folder_zip:",
        on_click="ignore",
        help=t(
            "Un CSV (séparateur « ; », UTF-8, décimales avec virgule) des liens qui font de chaque collectivité un "
            "pair, dans l'ordre du classement, avec le rang, la raison et la distance en tête, et un LISEZMOI.txt : "
            "sources, licences, filtres, recherche, date."
        ),
    )
