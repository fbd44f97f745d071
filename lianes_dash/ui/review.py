"""The reviewers' side of the living dataset (issue 28): who is signed in, and what an item says.

Two ways to sign in:

- the deployment configures ``[auth]`` in Streamlit's secrets: ``st.login`` (OpenID Connect); the
  reviewers are then the e-mails of the setting ``LIANES_REVIEWER_EMAILS`` (comma-separated, or
  ``reviewer_emails`` in a ``[lianes]`` section of the secrets);
- otherwise a login and a password, checked by :meth:`Store.verify` (argon2; accounts made with
  ``python -m lianes_dash reviewers add LOGIN``). The signed-in login lives in this browser
  session's state only, never in the URL, and expires after :data:`SIGN_IN_HOURS`.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pandas as pd
import streamlit as st

from lianes_dash.contributions.validation import (
    COMMENT,
    END_YEAR,
    FIELD_NAMES,
    PROBLEM,
    PROBLEMS,
    SOURCE_DOCUMENT,
    SOURCE_URL,
)
from lianes_dash.dataset import schema as S
from lianes_dash.text.french import fold
from lianes_dash.text.i18n import country_name, t
from lianes_dash.ui import living

#: Session key of the signed-in reviewer: {"login": …, "until": epoch seconds}.
SIGNED_IN = "_reviewer_signed_in"
#: Session key set when a sign-in expired (the form then says so).
EXPIRED = "_reviewer_expired"
#: Session key of the last failed sign-in's message.
FAILED = "_reviewer_failed"
#: How long a sign-in lasts (hours).
SIGN_IN_HOURS = 8
#: Setting of the reviewers' e-mails when ``st.login`` is used.
EMAILS_ENV = "LIANES_REVIEWER_EMAILS"
#: Session key of this session's failed sign-ins (times); at most :data:`MAX_FAILURES` per :data:`FAILURE_WINDOW_S`.
FAILURES = "_reviewer_failures"
MAX_FAILURES = 5
FAILURE_WINDOW_S = 15 * 60
LOGIN_KEY = "review_login"
PASSWORD_KEY = "review_password"


def _secrets() -> Any:
    try:
        return st.secrets if len(st.secrets) else {}
    except Exception:  # noqa: BLE001 — no secrets file: no OpenID Connect
        return {}


def oidc_configured() -> bool:
    """Whether the deployment configures ``[auth]`` for ``st.login``."""
    try:
        return "auth" in _secrets()
    except Exception:  # noqa: BLE001
        return False


def reviewer_emails() -> set[str]:
    """The e-mails allowed to review when signing in with ``st.login`` (lower case)."""
    raw = os.environ.get(EMAILS_ENV, "")
    try:
        section = _secrets().get("lianes", {})
        listed = section.get("reviewer_emails", "") if hasattr(section, "get") else ""
    except Exception:  # noqa: BLE001
        listed = ""
    if isinstance(listed, list | tuple):
        listed = ",".join(str(x) for x in listed)
    return {e.strip().lower() for e in f"{raw},{listed}".split(",") if e.strip()}


def _logged_in() -> bool:
    """``st.user.is_logged_in``, false where Streamlit does not say (no request, AppTest)."""
    try:
        return bool(st.user.get("is_logged_in", False))
    except Exception:  # noqa: BLE001
        return False


def oidc_email() -> str | None:
    """The e-mail of the user signed in with ``st.login`` (lower case), or ``None``."""
    if not _logged_in():
        return None
    return str(st.user.get("email") or "").strip().lower() or None


def sign_in(login: str, until: float | None = None) -> None:
    """Mark this session as signed in as ``login`` (until ``until``, default now + :data:`SIGN_IN_HOURS`)."""
    st.session_state[SIGNED_IN] = {"login": login, "until": until or time.time() + SIGN_IN_HOURS * 3600}
    st.session_state.pop(EXPIRED, None)


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)


def signed_in() -> str | None:
    """The reviewer of this session, or ``None`` (an expired sign-in is dropped, and noted)."""
    if oidc_configured():
        email = oidc_email()
        return email if email and email in reviewer_emails() else None
    entry = st.session_state.get(SIGNED_IN)
    if not isinstance(entry, dict) or not entry.get("login"):
        return None
    if time.time() >= float(entry.get("until", 0)):
        st.session_state.pop(SIGNED_IN, None)
        st.session_state[EXPIRED] = True
        return None
    return str(entry["login"])


def _check_password() -> None:
    """Callback of the sign-in form: verify, then forget the password typed."""
    login = str(st.session_state.get(LOGIN_KEY) or "").strip()
    password = str(st.session_state.pop(PASSWORD_KEY, "") or "")
    st.session_state.pop(FAILED, None)
    if not login or not password:
        st.session_state[FAILED] = t("Identifiant et mot de passe sont obligatoires.")
        return
    now = time.time()
    failures = [x for x in st.session_state.get(FAILURES, []) if now - x < FAILURE_WINDOW_S]
    if len(failures) >= MAX_FAILURES:
        # NOTE: this session only (a new one starts again); each try also costs an argon2 verification.
        st.session_state[FAILED] = t("Trop d'essais : réessayez dans un quart d'heure.")
        return
    try:
        ok = living.store().verify(login, password)
    except Exception:  # noqa: BLE001 — the store unreadable: no sign-in
        ok = False
    if ok:
        st.session_state.pop(FAILURES, None)
        sign_in(login.lower())
    else:
        st.session_state[FAILURES] = [*failures, now]
        st.session_state[FAILED] = t("Identifiant ou mot de passe incorrect.")


def sign_in_form() -> None:
    """The sign-in of the reviewers: ``st.login`` when configured, else a login and a password."""
    st.info(
        t("Cette page est réservée aux relecteurs du réseau. Connectez-vous pour relire les contributions."),
        icon=":material/lock:",
    )
    if oidc_configured():
        if oidc_email() is not None:
            st.error(t("Votre compte n'est pas celui d'un relecteur."), icon=":material/block:")
            st.button(t("Se déconnecter"), on_click=st.logout)
        else:
            st.button(t("Se connecter"), on_click=st.login, icon=":material/login:")
        return
    if st.session_state.get(EXPIRED):
        st.warning(t("Votre connexion a expiré : reconnectez-vous."), icon=":material/schedule:")
    with st.form("review_sign_in"):
        st.text_input(t("Identifiant"), key=LOGIN_KEY, max_chars=64)
        st.text_input(t("Mot de passe"), key=PASSWORD_KEY, type="password", max_chars=1024)
        st.form_submit_button(t("Se connecter"), on_click=_check_password, icon=":material/login:")
    failed = st.session_state.get(FAILED)
    if failed:
        st.error(failed, icon=":material/error:")


# ---------------------------------------------------------------------------
# What an item says, what the data says today
# ---------------------------------------------------------------------------
def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _country(iso: object) -> str:
    from lianes_dash.ui.state import reference

    countries = reference().countries
    found = countries.loc[countries[S.ISO3] == str(iso), S.NAME_FR]
    return country_name(str(iso), str(found.iloc[0]) if len(found) else str(iso))


def describe(payload: dict[str, Any]) -> list[str]:
    """An item's content as « field : value » lines (plain text: shown with ``st.text``)."""
    lines: list[str] = []
    for key in (
        S.LINK_ID,
        PROBLEM,
        S.FR_NAME,
        S.FR_DEPARTEMENT,
        S.PARTNER_NAME,
        S.PARTNER_COUNTRY,
        S.KIND,
        S.THEMES_COL,
        S.START_YEAR,
        END_YEAR,
        SOURCE_URL,
        SOURCE_DOCUMENT,
        COMMENT,
    ):
        value = payload.get(key)
        if _is_missing(value):
            continue
        if key == PROBLEM:
            value = t(PROBLEMS.get(str(value), str(value)))
        elif key == S.PARTNER_COUNTRY:
            value = f"{_country(value)} ({value})"
        elif key == S.KIND:
            value = t(str(value))
        elif key == S.THEMES_COL:
            value = ", ".join(t(x) for x in S.split_themes(value))
        lines.append(f"{t(FIELD_NAMES.get(key, key))} : {value}")
    return lines


def link_lines(row: pd.Series) -> list[str]:
    """An existing link as « field : value » lines."""
    payload = {c: row.get(c) for c in (S.FR_NAME, S.PARTNER_NAME, S.PARTNER_COUNTRY, S.KIND, S.THEMES_COL)}
    year = row.get(S.START_YEAR)
    payload[S.START_YEAR] = None if _is_missing(year) else int(year)
    lines = describe(payload)
    lines.append(f"{t('source')} : {row.get(S.SOURCE)}")
    return lines


def nearest_links(links: pd.DataFrame, payload: dict[str, Any]) -> tuple[pd.DataFrame, bool]:
    """The published links of the same French collectivity with the same partner country (a declaration's
    likely duplicates), and whether one has the same partner name (accents and case aside)."""
    same = (
        (links[S.FR_CODE].astype(str) == str(payload.get(S.FR_CODE)))
        & (links[S.FR_TYPE].astype(str) == str(payload.get(S.FR_TYPE)))
        & (links[S.PARTNER_COUNTRY].astype(str) == str(payload.get(S.PARTNER_COUNTRY)))
    ).to_numpy(dtype=bool)
    found = links.loc[same]
    name = fold(str(payload.get(S.PARTNER_NAME) or ""))
    duplicate = bool(name) and any(fold(str(n)) == name for n in found[S.PARTNER_NAME])
    return found, duplicate
