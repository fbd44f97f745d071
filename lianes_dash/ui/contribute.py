"""Declare a partnership, report an error: the visitors' side of the living dataset (issue 28).

Each page calls one function at its end (:func:`on_collectivity_fiche`, :func:`on_country_fiche`,
:func:`on_explorer`); the forms go to the contributions store, pending the network's review
(``app_pages/moderation.py``). Every form has its own ``submission_id`` (kept in the session,
renewed after a success: a form sent twice is stored once) and the Streamlit session id as the
rate limit's key. What the visitor typed is never rendered as Markdown or HTML: the validator's
messages, which quote it, are shown with ``st.text``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from lianes_dash.contributions.store import PENDING, STATUS_LABELS, ConflictError, NotAllowed, RateLimited
from lianes_dash.contributions.validation import PROBLEMS, ContributionError, Declaration, Report
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.text.french import escape_markdown, fmt_int, plural, sort_key
from lianes_dash.text.i18n import country_name, t
from lianes_dash.ui import living
from lianes_dash.ui.state import reference

_LOG = logging.getLogger("lianes_dash")
#: Session keys: the submission id of each form, and the outcome of its last sending.
_SID = "_contrib_sid:"
_RESULT = "_contrib_result:"
#: Session key set once this session has sent something (only then are its items looked up).
SENT = "_contrib_sent"
#: Session key of the outcome of the last withdrawal.
_WITHDRAWN = "_contrib_withdrawn"
#: Most links offered in a report's list (Germany has 1 281: ~90 KB of labels on every run of its fiche).
MAX_REPORT_CHOICES = 300


def session_key() -> str:
    """This browser session's id: what the rate limit counts (the store keeps only a hash of it)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return str(ctx.session_id) if ctx is not None else "sans-session"


def submission_id(form: str) -> str:
    """The form's id for this session (a replayed form is stored once); a new one after each success."""
    return str(st.session_state.setdefault(_SID + form, uuid.uuid4().hex))


def _renew(form: str) -> None:
    st.session_state[_SID + form] = uuid.uuid4().hex


def licence_note() -> None:
    """What becomes public, under which licence, and what never does."""
    st.caption(
        t(
            "Ce que vous envoyez est relu par le réseau Lianes coopération. S'il est accepté, le partenariat "
            "(collectivités, pays, type, année, thèmes, source) est publié ici et dans les téléchargements, "
            "sous licence {licence}, comme les données qu'il rejoint. Votre adresse électronique et votre "
            "fonction ne servent qu'à la relecture : elles ne sont jamais publiées.",
            licence=SRC.DECLARATION.licence,
        )
    )


def country_choices() -> dict[str, str]:
    """ISO alpha-3 → country name in the page's language, in alphabetical order (Antarctica left out)."""
    countries = reference().countries
    kept = countries.loc[countries[S.CONTINENT] != S.CONTINENTS["AN"]]
    english = kept[S.NAME_EN] if S.NAME_EN in kept else pd.Series(None, index=kept.index)
    names = {
        str(iso): country_name(str(iso), str(fr), en if isinstance(en, str) else None)
        for iso, fr, en in zip(kept[S.ISO3], kept[S.NAME_FR], english, strict=True)
    }
    return dict(sorted(names.items(), key=lambda item: sort_key(item[1])))


def _value(prefix: str, name: str) -> Any:
    return st.session_state.get(prefix + name)


def _text(prefix: str, name: str) -> str:
    value = _value(prefix, name)
    return "" if value is None else str(value)


def _send(form: str, prefix: str, fields: tuple[str, ...], submit: Callable[[], Any]) -> None:
    """Callback of a form's button: submit, keep the outcome for the page, clear the form after a success."""
    try:
        item = submit()
    except ContributionError as exc:
        st.session_state[_RESULT + form] = ("problems", [(p.message, tuple(p.suggestions)) for p in exc.problems])
        return
    except RateLimited as exc:
        st.session_state[_RESULT + form] = ("error", str(exc))
        return
    except Exception:  # noqa: BLE001 — the visitor gets French, the log the details
        _LOG.exception("Contribution non enregistrée")
        st.session_state[_RESULT + form] = (
            "error",
            t("L'envoi n'a pas pu être enregistré. Réessayez dans un moment ; rien n'a été publié."),
        )
        return
    st.session_state[_RESULT + form] = ("ok", item.id, item.item_type)
    st.session_state[SENT] = True
    _renew(form)
    for name in fields:
        st.session_state.pop(prefix + name, None)


def show_result(form: str) -> None:
    """The outcome of the form's last sending: thanks, the refused fields with their suggestions, or an error."""
    result = st.session_state.get(_RESULT + form)
    if result is None:
        return
    if result[0] == "ok":
        sentence = (
            "Merci : votre déclaration (n° {id}) est enregistrée. Elle sera publiée si le réseau l'accepte."
            if result[2] == "declaration"
            else "Merci : votre signalement (n° {id}) est enregistré. La correction sera publiée si le réseau "
            "l'accepte."
        )
        st.success(t(sentence, id=result[1]), icon=":material/check_circle:")
    elif result[0] == "problems":
        st.error(t("Rien n'a été enregistré : corrigez ces champs."), icon=":material/error:")
        # St.text: a message quotes what the visitor typed.
        for message, suggestions in result[1]:
            st.text("• " + message)
            if suggestions:
                st.text("  " + t("Vouliez-vous dire : {names} ?", names=" ; ".join(suggestions)))
    else:
        st.error(escape_markdown(result[1]), icon=":material/error:")


# ---------------------------------------------------------------------------
# « Déclarer un partenariat »
# ---------------------------------------------------------------------------
_DECLARATION_FIELDS = ("fr", "partner", "country", "kind", "year", "themes", "url", "comment", "role", "email")


def declare_form(form: str, *, fr: tuple[str, str] | None = None, iso: str | None = None) -> None:
    """The declaration form; ``fr``: (official code, name) of the French collectivity to preselect,
    ``iso``: the partner country to preselect."""
    prefix = f"contrib_{form}_decl_"
    st.session_state.setdefault(prefix + "fr", fr[1] if fr else "")
    countries = country_choices()
    if iso in countries:
        st.session_state.setdefault(prefix + "country", iso)
    with st.form(prefix + "form", border=False):
        st.text_input(t("Collectivité française"), key=prefix + "fr", max_chars=200)
        st.text_input(
            t("Collectivité partenaire (nom)"), key=prefix + "partner", max_chars=200, placeholder=t("ville, région…")
        )
        left, right = st.columns(2)
        left.selectbox(
            t("Pays partenaire"),
            options=list(countries),
            format_func=lambda v: countries.get(v, v),
            index=None,
            placeholder=t("Choisir un pays"),
            key=prefix + "country",
        )
        right.selectbox(
            t("Type de lien"),
            options=list(S.KINDS),
            format_func=t,
            index=None,
            placeholder=t("Choisir"),
            key=prefix + "kind",
        )
        left.text_input(t("Année de début (facultatif)"), key=prefix + "year", max_chars=4)
        right.multiselect(t("Thèmes (facultatif)"), options=list(S.THEMES), format_func=t, key=prefix + "themes")
        st.text_input(
            t("Source : adresse web d'une délibération, d'une page officielle (facultatif)"),
            key=prefix + "url",
            max_chars=500,
            placeholder="https://",
        )
        st.text_area(t("Commentaire (facultatif)"), key=prefix + "comment", max_chars=2000, height=80)
        left, right = st.columns(2)
        left.text_input(t("Votre fonction (facultatif)"), key=prefix + "role", max_chars=120)
        right.text_input(t("Votre adresse électronique (pour la relecture)"), key=prefix + "email", max_chars=254)
        licence_note()

        # The id of the form as drawn: a second click on the same form (a double click) replays it.
        drawn_with = submission_id(form + ":decl")

        def submit():
            name = _text(prefix, "fr")
            declaration = Declaration(
                fr_name=name,
                fr_code=fr[0] if fr and name.strip() == fr[1] else "",
                partner_name=_text(prefix, "partner"),
                partner_country=_text(prefix, "country"),
                kind=_text(prefix, "kind"),
                email=_text(prefix, "email"),
                themes=list(_value(prefix, "themes") or ()),
                start_year=_text(prefix, "year"),
                source_url=_text(prefix, "url"),
                comment=_text(prefix, "comment"),
                role=_text(prefix, "role"),
            )
            return living.store().submit_declaration(declaration, submission_id=drawn_with, session_key=session_key())

        st.form_submit_button(
            t("Envoyer la déclaration"),
            icon=":material/send:",
            on_click=_send,
            args=(form + ":decl", prefix, _DECLARATION_FIELDS, submit),
        )
    show_result(form + ":decl")


# ---------------------------------------------------------------------------
# « Signaler une erreur »
# ---------------------------------------------------------------------------
_REPORT_FIELDS = ("link", "problem", "partner", "country", "fr", "end", "url", "comment", "role", "email")


def link_label(row: pd.Series) -> str:
    """« Testikylä (Finlande) — Lille, jumelage, 1987 »: one link in a list (plain text)."""
    country = country_name(str(row[S.PARTNER_COUNTRY]), str(row.get(S.PARTNER_COUNTRY_NAME, row[S.PARTNER_COUNTRY])))
    year = row.get(S.START_YEAR)
    parts = [str(row[S.FR_NAME]), t(str(row[S.KIND]))]
    if year is not None and not pd.isna(year):
        parts.append(str(int(year)))
    return f"{row[S.PARTNER_NAME]} ({country}) — {', '.join(parts)}"


def link_choices(links: pd.DataFrame) -> dict[str, str]:
    """Link id → :func:`link_label`, for a list (one pass over the columns, not one Series per row)."""
    names = {
        iso: country_name(str(iso), str(fr))
        for iso, fr in zip(links[S.PARTNER_COUNTRY].astype(str), links[S.PARTNER_COUNTRY_NAME].astype(str), strict=True)
    }
    out: dict[str, str] = {}
    for link_id, partner, iso, fr_name, kind, year in zip(
        links[S.LINK_ID].astype(str),
        links[S.PARTNER_NAME].astype(str),
        links[S.PARTNER_COUNTRY].astype(str),
        links[S.FR_NAME].astype(str),
        links[S.KIND].astype(str),
        links[S.START_YEAR],
        strict=True,
    ):
        parts = [fr_name, t(kind)] + ([] if pd.isna(year) else [str(int(year))])
        out[link_id] = f"{partner} ({names[iso]}) — {', '.join(parts)}"
    return out


def report_form(form: str, links: pd.DataFrame, preselect: str | None = None) -> None:
    """The report form on one of ``links`` (the fiche's), with the correction it proposes; ``preselect``:
    the id of the link to put in the list first."""
    prefix = f"contrib_{form}_report_"
    if links.empty:
        st.caption(t("Aucun lien à signaler ici."))
        return
    choices = link_choices(links.head(MAX_REPORT_CHOICES))
    if len(links) > MAX_REPORT_CHOICES:
        st.caption(
            t(
                "La liste propose les {n} premiers liens sur {total} ; pour un autre, cochez sa ligne dans l'explorateur.",
                n=fmt_int(MAX_REPORT_CHOICES),
                total=fmt_int(len(links)),
            )
        )
    if preselect in choices and st.session_state.get(prefix + "preselected") != preselect:
        # A row newly ticked in the table becomes the link reported (once: the list stays free).
        st.session_state[prefix + "link"] = preselect
        st.session_state[prefix + "preselected"] = preselect
    countries = country_choices()
    with st.form(prefix + "form", border=False):
        st.selectbox(
            t("Le lien"),
            options=list(choices),
            format_func=lambda v: choices.get(v, v),
            index=None,
            placeholder=t("Choisir le lien du tableau"),
            key=prefix + "link",
        )
        st.radio(
            t("Ce qui est faux"), options=list(PROBLEMS), format_func=lambda v: t(PROBLEMS[v]), key=prefix + "problem"
        )
        left, right = st.columns(2)
        left.text_input(t("Le bon partenaire (si le partenaire est faux)"), key=prefix + "partner", max_chars=200)
        right.selectbox(
            t("Son pays (si le partenaire est faux)"),
            options=list(countries),
            format_func=lambda v: countries.get(v, v),
            index=None,
            placeholder=t("Choisir un pays"),
            key=prefix + "country",
        )
        left.text_input(t("La bonne collectivité française (si elle est fausse)"), key=prefix + "fr", max_chars=200)
        right.text_input(t("Année de fin (si le lien a pris fin)"), key=prefix + "end", max_chars=4)
        st.text_input(t("Source (adresse web, facultatif)"), key=prefix + "url", max_chars=500, placeholder="https://")
        st.text_area(t("Commentaire"), key=prefix + "comment", max_chars=2000, height=80)
        left, right = st.columns(2)
        left.text_input(t("Votre fonction (facultatif)"), key=prefix + "role", max_chars=120)
        right.text_input(t("Votre adresse électronique (pour la relecture)"), key=prefix + "email", max_chars=254)
        licence_note()

        drawn_with = submission_id(form + ":report")

        def submit():
            report = Report(
                link_id=_text(prefix, "link"),
                problem=_text(prefix, "problem"),
                email=_text(prefix, "email"),
                partner_name=_text(prefix, "partner"),
                partner_country=_text(prefix, "country"),
                fr_name=_text(prefix, "fr"),
                end_year=_text(prefix, "end"),
                source_url=_text(prefix, "url"),
                comment=_text(prefix, "comment"),
                role=_text(prefix, "role"),
            )
            return living.store().submit_report(
                report, submission_id=drawn_with, session_key=session_key(), links=links
            )

        st.form_submit_button(
            t("Envoyer le signalement"),
            icon=":material/flag:",
            on_click=_send,
            args=(form + ":report", prefix, _REPORT_FIELDS, submit),
        )
    show_result(form + ":report")


# ---------------------------------------------------------------------------
# On the pages (one call at the end of each)
# ---------------------------------------------------------------------------
def _withdraw(item_id: int, version: int) -> None:
    """Callback: withdraw a pending item of this session (the store checks that it is this session's)."""
    try:
        living.store().withdraw(item_id, version, session_key())
    except (ConflictError, NotAllowed) as exc:
        st.session_state[_WITHDRAWN] = ("error", str(exc))
        return
    st.session_state[_WITHDRAWN] = ("ok", t("Envoi n° {id} retiré : il ne sera pas relu.", id=item_id))


def your_items() -> None:
    """What this session sent, with its status; a pending item can be withdrawn."""
    if not st.session_state.get(SENT):
        return
    try:
        items = living.store().items_of_session(session_key())
    except Exception:  # noqa: BLE001 — the list is a convenience; the forms still work
        _LOG.exception("Envois de la session illisibles")
        return
    if not items:
        return
    with st.expander(t("Vos envois dans cette session ({n})", n=len(items)), icon=":material/outbox:"):
        outcome = st.session_state.pop(_WITHDRAWN, None)
        if outcome is not None:
            (st.success if outcome[0] == "ok" else st.error)(escape_markdown(outcome[1]))
        for item in items:
            line, button = st.columns([4, 1])
            partner = str(item.payload.get(S.PARTNER_NAME) or item.link_id or "")
            kind = t("Déclaration") if item.item_type == "declaration" else t("Signalement")
            # St.text: the partner's name is what the visitor typed.
            line.text(f"n° {item.id} — {kind} — {partner} — {t(STATUS_LABELS[item.status])}")
            if item.status == PENDING:
                button.button(
                    t("Retirer"),
                    key=f"contrib_withdraw_{item.id}",
                    icon=":material/undo:",
                    on_click=_withdraw,
                    args=(item.id, item.version),
                )


def _section() -> None:
    st.divider()
    st.subheader(t("Compléter ou corriger ces données"))
    st.caption(
        t(
            "Les données vivent : déclarez un partenariat qui manque, signalez un lien faux ou terminé. "
            "Le réseau relit chaque envoi avant de le publier."
        )
    )


def on_collectivity_fiche(key: str, name: str, links: pd.DataFrame) -> None:
    """« Déclarer un partenariat » (this collectivity preselected) and « Signaler une erreur » on its links."""
    _section()
    code = key.split(":", 1)[1] if ":" in key else key
    with st.expander(t("Déclarer un partenariat"), icon=":material/add_link:"):
        declare_form(f"coll:{key}", fr=(code, name))
    with st.expander(t("Signaler une erreur"), icon=":material/report:"):
        report_form(f"coll:{key}", links)
    # NOTE: after the forms: a list appearing above them would redraw them folded, hiding the thanks.
    your_items()


def on_country_fiche(iso: str, links: pd.DataFrame) -> None:
    """« Déclarer un partenariat » (this partner country preselected) and « Signaler une erreur » on its links."""
    _section()
    with st.expander(t("Déclarer un partenariat"), icon=":material/add_link:"):
        declare_form(f"pays:{iso}", iso=iso)
    with st.expander(t("Signaler une erreur"), icon=":material/report:"):
        report_form(f"pays:{iso}", links)
    your_items()


def on_explorer(links: pd.DataFrame, table_key: str = "explorer_table") -> None:
    """« Signaler une erreur » on the link of the row ticked in the Explorer's table.

    NOTE: one link, not a list of the filtered ones: thousands of labels would be sent to the browser
    on every run of the page.
    """
    _section()
    event = st.session_state.get(table_key)
    try:
        rows = list(event["selection"]["rows"]) if event else []
    except (KeyError, TypeError):
        rows = []
    if not rows or not 0 <= rows[0] < len(links):
        st.caption(t("Cochez une ligne du tableau pour signaler une erreur sur ce lien."))
    else:
        ticked = links.iloc[[rows[0]]]
        with st.expander(t("Signaler une erreur"), icon=":material/report:", expanded=True):
            report_form("explorer", ticked, str(ticked[S.LINK_ID].iloc[0]))
    your_items()


def _send_file(form: str, prefix: str, links: pd.DataFrame | Callable[[], pd.DataFrame], filename: str) -> None:
    """Callback of « Proposer ces lignes au réseau »: every accepted row of the import, one declaration each
    (``links`` read only now when it is the result's reader)."""
    from lianes_dash.contributions.validation import declarations_from_links

    if callable(links):
        links = links()

    declarations = declarations_from_links(
        links, email=_text(prefix, "email"), role=_text(prefix, "role"), document=filename
    )
    try:
        items, refused = living.store().submit_file(
            declarations, submission_id=submission_id(form), session_key=session_key(), filename=filename
        )
    except (ContributionError, RateLimited) as exc:
        problems = exc.problems if isinstance(exc, ContributionError) else []
        message = "; ".join(p.message for p in problems) if problems else str(exc)
        st.session_state[_RESULT + form] = ("error", message)
        return
    except Exception:  # noqa: BLE001 — the visitor gets French, the log the details
        _LOG.exception("Fichier de contributions non enregistré")
        st.session_state[_RESULT + form] = (
            "error",
            t("L'envoi n'a pas pu être enregistré. Réessayez dans un moment ; rien n'a été publié."),
        )
        return
    st.session_state[_RESULT + form] = ("file", len(items), refused)
    st.session_state[SENT] = True
    _renew(form)


def submit_import(links: pd.DataFrame | Callable[[], pd.DataFrame], filename: str, count: int | None = None) -> None:
    """« Proposer ces lignes au réseau »: an imported file's accepted rows go to the review queue, so that a
    network's directory becomes everyone's view once reviewed.

    ``links``: the rows, or what reads them from the import's file on click (``count`` then says how many).
    """
    n = count if count is not None else len(links) if isinstance(links, pd.DataFrame) else 0
    form, prefix = "import_file", "contrib_import_"
    st.markdown(t("##### Proposer ces lignes au réseau"))
    st.caption(
        t(
            "Un réseau qui tient l'annuaire des partenariats de ses membres peut le verser aux données de tous : "
            "chaque ligne acceptée devient une déclaration que le réseau relit avant de la publier."
        )
    )
    licence_note()
    with st.form(form, border=True):
        st.text_input(t("Votre fonction (facultatif)"), key=prefix + "role", max_chars=120)
        st.text_input(t("Votre adresse électronique (pour la relecture)"), key=prefix + "email", max_chars=254)
        st.form_submit_button(
            t("Proposer les {n} lignes acceptées au réseau", n=fmt_int(n)),
            on_click=_send_file,
            args=(form, prefix, links, filename),
            icon=":material/send:",
            disabled=n == 0,
        )
    result = st.session_state.get(_RESULT + form)
    if result is None:
        return
    if result[0] == "file":
        _stored, refused = result[1], result[2]
        st.success(
            t(
                "{rows} au réseau ; chacune sera publiée si le réseau l'accepte.",
                rows=plural(_stored, "ligne proposée", "lignes proposées"),
            ),
            icon=":material/check_circle:",
        )
        for row, problems in refused[:20]:
            st.text(
                t("Ligne acceptée n° {row} non proposée : {why}", row=row, why="; ".join(p.message for p in problems))
            )
    else:
        st.error(escape_markdown(str(result[1])), icon=":material/error:")
