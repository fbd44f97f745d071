"""Modération: the network's reviewers accept, refuse or correct the contributions (issue 28).

Only for a signed-in reviewer (``ui/review.py``). Each pending item is shown beside what the data
says today (the reported link; the links of the same collectivity with the same country, for a
declaration's duplicates), with who sent it and when. Every decision names the item's version: a
reviewer who acted on a stale page gets « déjà traité par … » and nothing changes. The history
lists every event, and an accepted or refused item can be undone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from lianes_dash.contributions.store import (
    ACCEPTED,
    EDITED,
    PENDING,
    REFUSED,
    STATUS_LABELS,
    SUBMITTED,
    UNDONE,
    WITHDRAWN,
    ConflictError,
    Item,
    NotAllowed,
    Store,
    when,
)
from lianes_dash.contributions.validation import (
    COMMENT,
    END_YEAR,
    PROBLEM,
    SOURCE_URL,
    ContributionError,
    Declaration,
    Report,
)
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import escape_markdown
from lianes_dash.text.i18n import t
from lianes_dash.ui import contribute, living, navigation, review
from lianes_dash.ui.common import page_context

_LOG = logging.getLogger("lianes_dash")
#: Session key of the outcome of the last action (shown at the top of the page).
FLASH = "_moderation_flash"
#: Events shown in the history (newest first).
HISTORY_MAX = 100
#: What each kind of event is called in the history.
EVENT_LABELS: dict[str, str] = {
    SUBMITTED: "envoyée",
    EDITED: "corrigée",
    ACCEPTED: "acceptée",
    REFUSED: "refusée",
    WITHDRAWN: "retirée",
    UNDONE: "décision annulée",
}
ITEM_LABELS: dict[str, str] = {"declaration": "Déclaration", "report": "Signalement"}


def _still_signed_in(reviewer: str) -> bool:
    """Whether ``reviewer`` is still this session's reviewer when a button is clicked.

    NOTE: a callback runs before the page checks the sign-in again: a button drawn before the
    sign-in expired (or before signing out) must not act.
    """
    if review.signed_in() == reviewer:
        return True
    st.session_state[FLASH] = ("error", t("Votre connexion a expiré : rien n'a été changé. Reconnectez-vous."))
    return False


def _act(action: Callable[[], Item], done: str, reviewer: str) -> None:
    """Callback of a decision: run it; a conflict or a refused change is said, and changes nothing."""
    if not _still_signed_in(reviewer):
        return
    try:
        item = action()
    except ConflictError as exc:
        st.session_state[FLASH] = ("error", str(exc))
        return
    except (NotAllowed, ContributionError) as exc:
        st.session_state[FLASH] = ("error", str(exc))
        return
    living.changed()
    st.session_state[FLASH] = ("ok", t(done, id=item.id, status=t(STATUS_LABELS[item.status])))


def _refuse(store: Store, item: Item, reviewer: str) -> None:
    if not _still_signed_in(reviewer):
        return
    reason = str(st.session_state.get(f"mod_reason_{item.id}") or "").strip()
    if not reason:
        st.session_state[FLASH] = ("error", t("Donnez la raison du refus de l'élément n° {id}.", id=item.id))
        return
    _act(lambda: store.refuse(item.id, item.version, reviewer, reason), "Élément n° {id} refusé.", reviewer)
    if st.session_state.get(FLASH, ("",))[0] == "ok":
        _LOG.info("Contribution %s refusée par %s : %s", item.id, reviewer, reason)
        st.session_state[FLASH] = ("ok", t("Élément n° {id} refusé ({reason}).", id=item.id, reason=reason))


def _edit_and_accept(store: Store, item: Item, reviewer: str) -> None:
    prefix = f"mod_edit_{item.id}_"
    p = item.payload

    def run() -> Item:
        def value(name: str) -> str:
            raw = st.session_state.get(prefix + name)
            return "" if raw is None else str(raw)

        corrected = Declaration(
            fr_name=str(p.get(S.FR_NAME) or ""),
            fr_code=str(p.get(S.FR_CODE) or ""),
            partner_name=value("partner"),
            partner_country=value("country"),
            kind=value("kind"),
            # A reviewer's edit leaves the declarant's contact alone: the store reads no e-mail here.
            email="",
            themes=list(st.session_state.get(prefix + "themes") or ()),
            start_year=value("year"),
            source_url=value("url"),
            comment=value("comment"),
        )
        edited = store.edit(item.id, item.version, reviewer, corrected)
        return store.accept(edited.id, edited.version, reviewer)

    _act(run, "Élément n° {id} corrigé puis accepté.", reviewer)


def _show_flash() -> None:
    flash = st.session_state.pop(FLASH, None)
    if flash is None:
        return
    # Escaped: a conflict names a reviewer, a refusal quotes its reason.
    if flash[0] == "ok":
        st.success(escape_markdown(flash[1]), icon=":material/check_circle:")
    else:
        st.error(escape_markdown(flash[1]), icon=":material/warning:")


def _today(item: Item, links) -> None:
    """What the published data says today beside the item."""
    st.markdown(t("**Ce que disent les données aujourd'hui**"))
    if item.item_type == "report":
        rows = links.loc[(links[S.LINK_ID] == item.link_id).to_numpy(dtype=bool, na_value=False)]
        if rows.empty:
            st.caption(t("Ce lien n'est plus dans les données publiées."))
        else:
            st.text("\n".join(review.link_lines(rows.iloc[0])))
        return
    found, duplicate = review.nearest_links(links, item.payload)
    if found.empty:
        st.caption(t("Aucun lien de cette collectivité avec ce pays : pas de doublon apparent."))
        return
    if duplicate:
        st.warning(t("Doublon probable : un lien avec ce partenaire existe déjà."), icon=":material/content_copy:")
    st.caption(t("Liens de cette collectivité avec ce pays :"))
    st.text("\n".join(contribute.link_label(row) for _, row in found.head(10).iterrows()))


def _edit_form(store: Store, item: Item, reviewer: str) -> None:
    prefix = f"mod_edit_{item.id}_"
    p = item.payload
    countries = contribute.country_choices()
    defaults = {
        "partner": p.get(S.PARTNER_NAME) or "",
        "country": p.get(S.PARTNER_COUNTRY) if p.get(S.PARTNER_COUNTRY) in countries else None,
        "kind": p.get(S.KIND) if p.get(S.KIND) in S.KINDS else None,
        "year": "" if p.get(S.START_YEAR) is None else str(p.get(S.START_YEAR)),
        "themes": [x for x in S.split_themes(p.get(S.THEMES_COL)) if x in S.THEMES],
        "url": p.get(SOURCE_URL) or "",
        "comment": p.get(COMMENT) or "",
    }
    for name, value in defaults.items():
        st.session_state.setdefault(prefix + name, value)
    with st.expander(t("Corriger puis accepter")), st.form(prefix + "form", border=False):
        st.text_input(t("Collectivité partenaire (nom)"), key=prefix + "partner", max_chars=200)
        st.selectbox(
            t("Pays partenaire"),
            options=list(countries),
            format_func=lambda v: countries.get(v, v),
            index=None,
            key=prefix + "country",
        )
        st.selectbox(t("Type de lien"), options=list(S.KINDS), format_func=t, index=None, key=prefix + "kind")
        st.text_input(t("Année de début (facultatif)"), key=prefix + "year", max_chars=4)
        st.multiselect(t("Thèmes (facultatif)"), options=list(S.THEMES), format_func=t, key=prefix + "themes")
        st.text_input(t("Source (adresse web, facultatif)"), key=prefix + "url", max_chars=500)
        st.text_area(t("Commentaire (facultatif)"), key=prefix + "comment", max_chars=2000, height=80)
        st.form_submit_button(
            t("Corriger et accepter"),
            on_click=_edit_and_accept,
            args=(store, item, reviewer),
            icon=":material/edit:",
        )


#: The fields a reviewer may correct in a report, per problem (as the report form asks them).
_REPORT_FIELDS = {
    "wrong_partner": (S.PARTNER_NAME, S.PARTNER_COUNTRY),
    "wrong_collectivity": (S.FR_NAME, S.FR_CODE),
    "ended": (END_YEAR,),
}
_REPORT_LABELS = {
    S.PARTNER_NAME: "Collectivité partenaire (nom)",
    S.PARTNER_COUNTRY: "Pays partenaire (code ISO, ex. FIN)",
    S.FR_NAME: "Collectivité française",
    S.FR_CODE: "Code officiel de la collectivité française (facultatif)",
    END_YEAR: "Année de fin (facultatif)",
}


def _edit_report_and_accept(store: Store, item: Item, reviewer: str) -> None:
    prefix = f"mod_report_{item.id}_"
    p = item.payload

    def value(name: str) -> str:
        raw = st.session_state.get(prefix + name)
        return "" if raw is None else str(raw)

    def run() -> Item:
        fields = _REPORT_FIELDS.get(str(p.get(PROBLEM)), ())
        corrected = Report(
            link_id=str(item.link_id or ""),
            problem=str(p.get(PROBLEM) or ""),
            # A reviewer's edit leaves the declarant's contact alone: the store reads no e-mail here.
            email="",
            partner_name=value(S.PARTNER_NAME) if S.PARTNER_NAME in fields else "",
            partner_country=value(S.PARTNER_COUNTRY) if S.PARTNER_COUNTRY in fields else "",
            fr_name=value(S.FR_NAME) if S.FR_NAME in fields else "",
            fr_code=value(S.FR_CODE) if S.FR_CODE in fields else "",
            end_year=value(END_YEAR) or None if END_YEAR in fields else None,
            source_url=str(p.get(SOURCE_URL) or ""),
            comment=value(COMMENT),
        )
        edited = store.edit(item.id, item.version, reviewer, corrected)
        return store.accept(edited.id, edited.version, reviewer)

    _act(run, "Élément n° {id} corrigé puis accepté.", reviewer)


def _report_edit_form(store: Store, item: Item, reviewer: str) -> None:
    """« Corriger puis accepter » for a report: the fields its problem corrects, and the comment."""
    prefix = f"mod_report_{item.id}_"
    p = item.payload
    fields = _REPORT_FIELDS.get(str(p.get(PROBLEM)), ())
    for name in (*fields, COMMENT):
        default = p.get(name)
        st.session_state.setdefault(prefix + name, "" if default is None else str(default))
    with st.expander(t("Corriger puis accepter")), st.form(prefix + "form", border=False):
        for name in fields:
            st.text_input(t(_REPORT_LABELS[name]), key=prefix + name, max_chars=200)
        st.text_area(t("Commentaire (facultatif)"), key=prefix + COMMENT, max_chars=2000, height=80)
        st.form_submit_button(
            t("Corriger et accepter"),
            on_click=_edit_report_and_accept,
            args=(store, item, reviewer),
            icon=":material/edit:",
        )


def _pending(store: Store, item: Item, reviewer: str, links) -> None:
    with st.container(border=True):
        st.markdown(
            t(
                "**{kind} n° {id}** — reçue le {when} (version {version})",
                kind=t(ITEM_LABELS.get(item.item_type, item.item_type)),
                id=item.id,
                when=when(item.created_at),
                version=item.version,
            )
        )
        left, right = st.columns(2)
        with left:
            st.markdown(t("**Proposé**"))
            st.text("\n".join(review.describe(item.payload)))
            contact = store.contact(item.id)
            # NOTE: the declarant's e-mail: for the reviewers' eyes only (this page needs a sign-in).
            st.caption(t("Envoyé par (jamais publié) :"))
            st.text(
                f"{contact.email}" + (f" — {contact.role}" if contact.role else "")
                if contact is not None
                else t("adresse effacée à la demande du déclarant")
            )
        with right:
            _today(item, links)
        accept, refuse = st.columns(2)
        accept.button(
            t("Accepter"),
            key=f"mod_accept_{item.id}",
            type="primary",
            icon=":material/check:",
            on_click=_act,
            args=(
                lambda: store.accept(item.id, item.version, reviewer),
                "Élément n° {id} accepté et publié.",
                reviewer,
            ),
        )
        with refuse:
            st.text_input(t("Raison du refus"), key=f"mod_reason_{item.id}", max_chars=300)
            st.button(
                t("Refuser"),
                key=f"mod_refuse_{item.id}",
                icon=":material/close:",
                on_click=_refuse,
                args=(store, item, reviewer),
            )
        if item.item_type == "declaration":
            _edit_form(store, item, reviewer)
        else:
            _report_edit_form(store, item, reviewer)


def _history(store: Store, reviewer: str) -> None:
    st.subheader(t("Historique"))
    decided = [i for i in store.items() if i.status in (ACCEPTED, REFUSED)]
    if decided:
        st.caption(t("Annuler une décision remet l'élément en attente (et retire un lien accepté des données)."))
        for item in decided[::-1][:HISTORY_MAX]:
            line, button = st.columns([4, 1])
            line.text(
                t(
                    "n° {id} — {kind} — {status} par {actor} le {when}",
                    id=item.id,
                    kind=t(ITEM_LABELS.get(item.item_type, item.item_type)),
                    status=t(STATUS_LABELS[item.status]),
                    actor=item.updated_by,
                    when=when(item.updated_at),
                )
            )
            button.button(
                t("Annuler"),
                key=f"mod_undo_{item.id}",
                icon=":material/undo:",
                on_click=_act,
                args=(
                    lambda item=item: store.undo(item.id, item.version, reviewer),
                    "Décision annulée : n° {id} {status}.",
                    reviewer,
                ),
            )
    events = store.history()[::-1][:HISTORY_MAX]
    if not events:
        st.caption(t("Aucun événement."))
        return
    st.caption(t("Tous les événements, du plus récent au plus ancien :"))
    st.text(
        "\n".join(
            t(
                "{when} — n° {id} {kind} par {actor}",
                when=when(e.at),
                id=e.item_id,
                kind=t(EVENT_LABELS.get(e.kind, e.kind)),
                actor=e.actor,
            )
            for e in events
        )
    )


def render() -> None:
    st.title(navigation.heading("moderation"))
    reviewer = review.signed_in()
    if reviewer is None:
        review.sign_in_form()
        st.stop()

    ctx = page_context()
    store = living.store()
    top, out = st.columns([4, 1])
    top.caption(t("Connecté : {login}", login=escape_markdown(reviewer)))
    if review.oidc_configured():
        out.button(t("Se déconnecter"), on_click=st.logout, icon=":material/logout:")
    else:
        out.button(t("Se déconnecter"), on_click=review.sign_out, icon=":material/logout:")
    _show_flash()

    pending = store.items(status=PENDING)
    st.subheader(t("En attente de relecture ({n})", n=len(pending)))
    if not pending:
        st.caption(t("Rien à relire."))
    for pending_item in pending:
        _pending(store, pending_item, reviewer, ctx.ds.links)

    _history(store, reviewer)
