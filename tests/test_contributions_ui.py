"""The living dataset's pages (issue 28) under AppTest: declare, sign in, review, publish, undo.

Each test has its own contributions store (``LIANES_STATE_DIR`` in ``tmp_path``, or a new database
on a throw-away PostgreSQL server for the ``postgresql`` variant). The partner is visibly fictional:
« Testikylä », in Finland, declared by Lille.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import uuid
import zipfile
from collections.abc import Iterator

import pandas as pd
import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from lianes_dash.analysis.filters import Filters
from lianes_dash.contributions import db
from lianes_dash.contributions.store import ACCEPTED, PENDING, Store, open_store
from lianes_dash.contributions.validation import Declaration, Report
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.dataset.data import load_links
from lianes_dash.server import streamlit_internals as internals
from lianes_dash.ui import living, review, state
from lianes_dash.views import export as E
from tests.conftest import ROOT
from tests.landing import landing
from tests.test_contributions import postgresql_server  # noqa: F401 — the fixture, for the PostgreSQL variant

LILLE = "commune:59350"
PARTNER = "Testikylä"
EMAIL = "elu.test@example.org"
PASSWORD = "un mot de passe assez long"
DECL = f"contrib_coll:{LILLE}_decl_"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path, monkeypatch, clear_caches) -> Iterator[Store]:
    """A fresh contributions store the app uses, with two reviewers (alice, bruno)."""
    monkeypatch.setenv(db.STATE_ENV, str(tmp_path / "state"))
    monkeypatch.delenv(db.URL_ENV, raising=False)
    admin = name = None
    if request.param == "postgresql":
        admin = sa.create_engine(request.getfixturevalue("postgresql_server"), isolation_level="AUTOCOMMIT")
        name = f"ui_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        monkeypatch.setenv(db.URL_ENV, admin.url.set(database=name).render_as_string(hide_password=False))
    opened = open_store()
    opened.add_reviewer("alice", PASSWORD)
    opened.add_reviewer("bruno", PASSWORD)
    living.changed()
    yield opened
    opened.engine.dispose()
    living.changed()
    if admin is not None:
        import streamlit as st

        st.cache_resource.clear()  # NOTE: the app's engine holds connections to the database
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _errors(at: AppTest) -> list[str]:
    return [getattr(e, "value", str(e)) for e in at.exception]


def _texts(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "text", "title", "header", "subheader", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in at.get(kind)]
    return "\n".join(parts).replace("\\", "")


def _button(at: AppTest, label: str, key_part: str = ""):
    found = [b for b in at.button if b.label == label and key_part in (b.key or "")]
    assert found, (label, [b.label for b in at.button])
    return found[0]


def _declare(store: Store, partner: str = PARTNER) -> int:
    declaration = Declaration(
        fr_name="Lille", fr_code="59350", partner_name=partner, partner_country="FIN", kind="jumelage", email=EMAIL
    )
    return store.submit_declaration(declaration, submission_id=uuid.uuid4().hex, session_key="test").id


def _signed_in(login: str = "alice") -> AppTest:
    at = landing("moderation.py")
    assert not at.exception, _errors(at)
    at.text_input(key=review.LOGIN_KEY).input(login)
    at.text_input(key=review.PASSWORD_KEY).input(PASSWORD)
    _button(at, "Se connecter").click().run()
    assert not at.exception, _errors(at)
    return at


def _fiche_partners(at: AppTest) -> list[str]:
    return [str(v) for v in at.dataframe[0].value.iloc[:, 0]]


def _world_counts(at: AppTest) -> dict[str, float]:
    counts: dict[str, float] = {}
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec).get("data", []):
            if trace.get("type") == "choropleth" and trace.get("z") is not None:
                counts.update(zip(trace.get("locations", []), trace["z"], strict=False))
    return counts


def _explorer_xlsx_readme() -> str:
    """The « Lisez-moi » sheet of the Explorer's workbook for the published data."""
    from openpyxl import load_workbook

    ds = state.dataset()
    links = state.filtered(ds, Filters())
    meta = E.meta_for(links, dataset=ds.name, imported=False, filter_lines=[], day=dt.date.today())
    book = load_workbook(io.BytesIO(E.xlsx_bytes(links, meta)), read_only=True)
    return "\n".join(str(c) for row in book[E.README_SHEET].iter_rows(values_only=True) for c in row if c)


def _explorer_zip() -> tuple[str, str]:
    """The CSV and LISEZMOI of the Explorer's ZIP for the published data, as a new session builds them."""
    ds = state.dataset()
    links = state.filtered(ds, Filters())
    meta = E.meta_for(links, dataset=ds.name, imported=False, filter_lines=[], day=dt.date.today())
    with zipfile.ZipFile(io.BytesIO(E.zip_bytes(links, meta))) as z:
        names = z.namelist()
        csv = next(n for n in names if n.endswith(".csv"))
        readme = next(n for n in names if n.endswith(".txt"))
        return z.read(csv).decode("utf-8-sig"), z.read(readme).decode("utf-8-sig")


# ---------------------------------------------------------------------------
# Declaring
# ---------------------------------------------------------------------------
def test_a_declaration_from_lilles_fiche_is_stored_pending_and_not_published(store: Store) -> None:
    at = landing("fiche_collectivite.py", {"collectivite": LILLE})
    assert not at.exception, _errors(at)
    assert at.text_input(key=DECL + "fr").value == "Lille", "the fiche's collectivity is preselected"
    texts = _texts(at)
    assert "CC BY-SA 4.0" in texts and "jamais publiées" in texts

    # A form with errors: the validator's field messages, nothing stored.
    at.text_input(key=DECL + "email").input("pas-une-adresse")
    _button(at, "Envoyer la déclaration").click().run()
    assert not at.exception, _errors(at)
    assert "Rien n'a été enregistré" in _texts(at)
    problems = "\n".join(str(x.value) for x in at.text)
    assert "collectivité partenaire : champ obligatoire" in problems and "adresse électronique" in problems
    assert store.items() == []

    at.text_input(key=DECL + "partner").input(PARTNER)
    at.selectbox(key=DECL + "country").set_value("FIN")
    at.selectbox(key=DECL + "kind").set_value("jumelage")
    at.text_input(key=DECL + "year").input("1999")
    at.multiselect(key=DECL + "themes").set_value(["culture"])
    at.text_input(key=DECL + "email").input(EMAIL)
    _button(at, "Envoyer la déclaration").click().run()
    assert not at.exception, _errors(at)
    assert "votre déclaration (n° 1) est enregistrée" in _texts(at)
    (item,) = store.items()
    assert item.status == PENDING and item.item_type == "declaration"
    assert item.payload[S.PARTNER_NAME] == PARTNER and item.payload[S.PARTNER_COUNTRY] == "FIN"
    assert item.payload[S.FR_CODE] == "59350" and item.payload[S.START_YEAR] == 1999
    assert store.contact(item.id).email == EMAIL  # type: ignore[union-attr]
    assert at.text_input(key=DECL + "partner").value == "", "the form is emptied after a success"
    # Pending: not on the fiche of a new visitor.
    fresh = landing("fiche_collectivite.py", {"collectivite": LILLE})
    assert PARTNER not in _fiche_partners(fresh)


def test_a_report_on_a_link_of_the_fiche_is_stored_with_the_link(store: Store) -> None:
    at = landing("fiche_collectivite.py", {"collectivite": LILLE})
    prefix = f"contrib_coll:{LILLE}_report_"
    link_box = at.selectbox(key=prefix + "link")
    link_label = link_box.options[0]  # NOTE: AppTest lists the options as shown (the labels)
    link_box.set_value(link_label)
    at.radio(key=prefix + "problem").set_value("ended")
    at.text_input(key=prefix + "end").input("2015")
    at.text_input(key=prefix + "email").input(EMAIL)
    _button(at, "Envoyer le signalement").click().run()
    assert not at.exception, _errors(at)
    (item,) = store.items()
    assert item.item_type == "report" and item.status == PENDING
    assert item.payload["end_year"] == 2015
    links = load_links()
    lille = links.loc[(links[S.FR_CODE] == "59350") & (links[S.FR_TYPE] == "commune")]
    (chosen,) = lille.loc[lille[S.LINK_ID] == item.link_id].itertuples(index=False)
    assert link_label.startswith(str(getattr(chosen, S.PARTNER_NAME))), "the link chosen in the list is the one stored"


# ---------------------------------------------------------------------------
# Signing in
# ---------------------------------------------------------------------------
def test_an_anonymous_visitor_sees_a_sign_in_form_and_no_queue(store: Store) -> None:
    _declare(store)
    at = landing("moderation.py")
    assert not at.exception, _errors(at)
    labels = [x.label for x in at.text_input]
    assert "Identifiant" in labels and "Mot de passe" in labels
    assert not [b for b in at.button if b.label in ("Accepter", "Refuser")]
    assert EMAIL not in _texts(at) and PARTNER not in _texts(at)


def test_a_wrong_password_is_refused_and_forgotten(store: Store) -> None:
    at = landing("moderation.py")
    at.text_input(key=review.LOGIN_KEY).input("alice")
    at.text_input(key=review.PASSWORD_KEY).input("pas le bon mot de passe")
    _button(at, "Se connecter").click().run()
    assert not at.exception, _errors(at)
    assert "Identifiant ou mot de passe incorrect." in _texts(at)
    assert review.SIGNED_IN not in at.session_state
    assert at.text_input(key=review.PASSWORD_KEY).value == "", "the password typed is not kept"


def test_a_sign_in_belongs_to_its_session_and_expires(store: Store) -> None:
    _declare(store)
    alice = _signed_in()
    assert _button(alice, "Accepter")
    assert EMAIL in _texts(alice), "the reviewer sees who declared"
    assert not any("alice" in str(v) for v in alice.query_params.values()), "never in the URL"

    other = landing("moderation.py")
    assert not [b for b in other.button if b.label == "Accepter"], "a second session is not signed in"
    assert EMAIL not in _texts(other)

    alice.session_state[review.SIGNED_IN] = {"login": "alice", "until": time.time() - 1}
    alice.run()
    assert not alice.exception, _errors(alice)
    assert not [b for b in alice.button if b.label == "Accepter"]
    assert "Votre connexion a expiré" in _texts(alice)
    assert EMAIL not in _texts(alice)


# ---------------------------------------------------------------------------
# Reviewing: published for everyone, undone for everyone
# ---------------------------------------------------------------------------
def test_an_accepted_declaration_is_published_to_every_session_and_undo_removes_it(store: Store) -> None:
    item_id = _declare(store)
    base_fin = int((load_links()[S.PARTNER_COUNTRY] == "FIN").sum())

    alice = _signed_in()
    assert "Aucun lien de cette collectivité avec ce pays" in _texts(alice)
    _button(alice, "Accepter", f"mod_accept_{item_id}").click().run()
    assert not alice.exception, _errors(alice)
    assert store.item(item_id).status == ACCEPTED

    # A new visitor: the fiche, the world map's data, the Explorer's CSV with its source and licence.
    fiche = landing("fiche_collectivite.py", {"collectivite": LILLE})
    assert PARTNER in _fiche_partners(fiche)
    world = landing("world.py")
    assert not world.exception, _errors(world)
    # NOTE: the map colours by log10 of the count.
    assert round(10 ** _world_counts(world)["FIN"]) == base_fin + 1
    csv, readme = _explorer_zip()
    row = next(line for line in csv.splitlines() if PARTNER in line)
    assert SRC.DECLARATION.key in row
    # NOTE: the declaration's own line (Wikipédia's rows are under CC BY-SA 4.0 too).
    credited = [line for line in readme.splitlines() if line.startswith(f"- {SRC.DECLARATION.label} — 1 ligne")]
    assert credited and "CC BY-SA 4.0" in credited[0] and SRC.DECLARATION.credit in credited[0]
    sheet = [line for line in _explorer_xlsx_readme().splitlines() if SRC.DECLARATION.label in line]
    assert sheet and "CC BY-SA 4.0" in "\n".join(sheet)

    # Undo, from the history: gone for a new visitor; both events in the history.
    _button(alice, "Annuler", f"mod_undo_{item_id}").click().run()
    assert not alice.exception, _errors(alice)
    assert store.item(item_id).status == PENDING
    assert PARTNER not in _fiche_partners(landing("fiche_collectivite.py", {"collectivite": LILLE}))
    assert PARTNER not in _explorer_zip()[0]
    kinds = [e.kind for e in store.history(item_id)]
    assert kinds == ["submitted", "accepted", "undone"]
    history = "\n".join(str(x.value) for x in alice.text)
    assert "n° 1 acceptée par alice" in history and "n° 1 décision annulée par alice" in history


def test_two_reviewers_deciding_the_same_item_conflict_and_the_second_changes_nothing(store: Store) -> None:
    item_id = _declare(store)
    alice, bruno = _signed_in("alice"), _signed_in("bruno")
    _button(alice, "Accepter", f"mod_accept_{item_id}").click().run()
    assert store.item(item_id).version == 2
    bruno.text_input(key=f"mod_reason_{item_id}").input("doublon")
    _button(bruno, "Refuser", f"mod_refuse_{item_id}").click().run()
    assert not bruno.exception, _errors(bruno)
    assert "déjà été traité par alice" in _texts(bruno)
    item = store.item(item_id)
    assert item.status == ACCEPTED and item.version == 2 and item.updated_by == "alice"


def test_a_refusal_needs_a_reason_and_an_edit_is_accepted_as_corrected(store: Store) -> None:
    first, second = _declare(store), _declare(store, partner="Testikylä-Vanha")
    alice = _signed_in()
    _button(alice, "Refuser", f"mod_refuse_{first}").click().run()
    assert "Donnez la raison du refus" in _texts(alice)
    assert store.item(first).status == PENDING
    alice.text_input(key=f"mod_reason_{first}").input("source introuvable")
    _button(alice, "Refuser", f"mod_refuse_{first}").click().run()
    assert store.item(first).status == "refused"

    alice.text_input(key=f"mod_edit_{second}_partner").input("Testikylä-Uusi")
    _button(alice, "Corriger et accepter").click().run()
    assert not alice.exception, _errors(alice)
    item = store.item(second)
    assert item.status == ACCEPTED and item.payload[S.PARTNER_NAME] == "Testikylä-Uusi"
    assert [e.kind for e in store.history(second)] == ["submitted", "edited", "accepted"]
    assert store.contact(second).email == EMAIL, "the declarant's contact is not the reviewer's to change"  # type: ignore[union-attr]
    assert "Testikylä-Uusi" in _fiche_partners(landing("fiche_collectivite.py", {"collectivite": LILLE}))


def test_a_button_drawn_before_the_sign_in_expired_changes_nothing(store: Store) -> None:
    item_id = _declare(store)
    alice = _signed_in()
    alice.session_state[review.SIGNED_IN] = {"login": "alice", "until": time.time() - 1}
    _button(alice, "Accepter", f"mod_accept_{item_id}").click().run()
    assert not alice.exception, _errors(alice)
    assert store.item(item_id).status == PENDING and store.item(item_id).version == 1
    assert "Votre connexion a expiré" in _texts(alice)


def test_sign_in_attempts_are_limited_per_session(store: Store) -> None:
    at = landing("moderation.py")
    for _ in range(review.MAX_FAILURES):
        at.text_input(key=review.LOGIN_KEY).input("alice")
        at.text_input(key=review.PASSWORD_KEY).input("pas le bon mot de passe")
        _button(at, "Se connecter").click().run()
    at.text_input(key=review.PASSWORD_KEY).input(PASSWORD)
    _button(at, "Se connecter").click().run()
    assert "Trop d'essais" in _texts(at)
    assert review.SIGNED_IN not in at.session_state


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_the_forms_and_the_moderation_page_speak_english(store: Store, monkeypatch) -> None:
    from lianes_dash.text import i18n

    monkeypatch.setenv("LIANES_I18N_STRICT", "1")
    i18n.reset_missing()
    _declare(store)
    fiche = landing("fiche_collectivite.py", {"collectivite": LILLE, "lang": "en"})
    # NOTE: AppTest formats the widgets' values with their format_func in this thread: English here too.
    with i18n.using("en"):
        _button(fiche, "Send the declaration").click().run()
    assert "Nothing was saved" in _texts(fiche)
    germany = landing("fiche_pays.py", {"iso": "DEU", "lang": "en"})
    assert not germany.exception, _errors(germany)
    assert "tick its row in the explorer" in _texts(germany), "a long list is cut, and says so"
    at = landing("moderation.py", {"lang": "en"})
    at.text_input(key=review.LOGIN_KEY).input("alice")
    at.text_input(key=review.PASSWORD_KEY).input(PASSWORD)
    _button(at, "Sign in").click().run()
    assert not at.exception, _errors(at)
    assert _button(at, "Accept") and "Awaiting review (1)" in _texts(at)
    assert not i18n.missing(), sorted(i18n.missing())
    i18n.reset_missing()


def test_a_report_from_the_explorers_ticked_row_once_accepted_corrects_the_link(store: Store) -> None:
    at = landing("explorer.py", {"q": "Lille"})
    assert not at.exception, _errors(at)
    at.session_state["explorer_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, _errors(at)
    prefix = "contrib_explorer_report_"
    ticked = at.selectbox(key=prefix + "link").value
    assert ticked, "the ticked row is the link preselected"
    at.radio(key=prefix + "problem").set_value("wrong_partner")
    at.text_input(key=prefix + "email").input(EMAIL)
    _button(at, "Envoyer le signalement").click().run()
    assert "collectivité partenaire : champ obligatoire" in "\n".join(str(x.value) for x in at.text)
    at.text_input(key=prefix + "partner").input(PARTNER)
    at.selectbox(key=prefix + "country").set_value("FIN")
    _button(at, "Envoyer le signalement").click().run()
    assert not at.exception, _errors(at)
    (item,) = store.items()
    assert item.item_type == "report" and item.link_id == ticked

    alice = _signed_in()
    assert "Ce que disent les données aujourd'hui" in _texts(alice)
    _button(alice, "Accepter", f"mod_accept_{item.id}").click().run()
    ds = state.dataset()
    row = ds.links.loc[ds.links[S.LINK_ID] == ticked].iloc[0]
    assert row[S.PARTNER_NAME] == PARTNER and row[S.PARTNER_COUNTRY] == "FIN"


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "secret-de-test",
    "client_id": "client",
    "client_secret": "secret",
    "server_metadata_url": "https://example.org/.well-known/openid-configuration",
}


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_with_auth_in_the_secrets_reviewers_sign_in_with_st_login_and_are_the_allowed_emails(
    store: Store, monkeypatch
) -> None:

    _declare(store)
    monkeypatch.setenv(review.EMAILS_ENV, "relectrice@example.org")

    def page(email: str | None) -> AppTest:
        monkeypatch.setattr(review, "oidc_email", lambda: email)
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets["auth"] = AUTH
        internals.open_page(at, "moderation")
        at.run()
        assert not at.exception, _errors(at)
        return at

    anonymous = page(None)
    assert [b.label for b in anonymous.button if b.label == "Se connecter"]
    assert not [x for x in anonymous.text_input if x.label == "Mot de passe"], "no password with st.login"
    stranger = page("quelqu.un@example.org")
    assert "n'est pas celui d'un relecteur" in _texts(stranger) and EMAIL not in _texts(stranger)
    reviewer = page("relectrice@example.org")
    assert _button(reviewer, "Accepter") and EMAIL in _texts(reviewer)


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_the_published_rows_are_french_whoever_loads_them_first(store: Store) -> None:
    item_id = _declare(store)
    store.accept(item_id, 1, "alice")
    living.changed()
    english = landing("fiche_collectivite.py", {"collectivite": LILLE, "lang": "en"})
    assert not english.exception, _errors(english)
    assert PARTNER in _fiche_partners(english)
    french = landing("fiche_collectivite.py", {"collectivite": LILLE})
    assert "déclaration de la collectivité, acceptée le" in _texts(french)


def test_a_state_folder_that_cannot_be_made_leaves_the_bundled_links(tmp_path, monkeypatch, clear_caches) -> None:
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    monkeypatch.setenv(db.STATE_ENV, str(blocker / "state"))
    monkeypatch.delenv(db.URL_ENV, raising=False)
    living.changed()
    at = landing("fiche_collectivite.py", {"collectivite": LILLE})
    assert not at.exception, _errors(at)
    assert PARTNER not in _fiche_partners(at) and _fiche_partners(at)
    living.changed()


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_a_declarant_follows_and_withdraws_what_this_session_sent(store: Store) -> None:
    at = landing("fiche_collectivite.py", {"collectivite": LILLE})
    assert not [x for x in at.expander if "Vos envois" in x.label], "nothing sent, nothing listed"
    at.text_input(key=DECL + "partner").input(PARTNER)
    at.selectbox(key=DECL + "country").set_value("FIN")
    at.selectbox(key=DECL + "kind").set_value("jumelage")
    at.text_input(key=DECL + "email").input(EMAIL)
    _button(at, "Envoyer la déclaration").click().run()
    (item,) = store.items()
    assert f"n° {item.id} — Déclaration — {PARTNER} — en attente" in [str(x.value) for x in at.text]
    _button(at, "Retirer", f"contrib_withdraw_{item.id}").click().run()
    assert not at.exception, _errors(at)
    assert store.item(item.id).status == "withdrawn"
    assert "retiré" in _texts(at)


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_the_form_sends_its_own_submission_id_renewed_after_success_and_the_rate_limit_is_said(store: Store) -> None:
    from lianes_dash.ui import contribute

    at = landing("fiche_collectivite.py", {"collectivite": LILLE})
    sid_key = contribute._SID + f"coll:{LILLE}:decl"
    drawn = at.session_state[sid_key]

    def send() -> None:
        at.text_input(key=DECL + "partner").input(PARTNER)
        at.selectbox(key=DECL + "country").set_value("FIN")
        at.selectbox(key=DECL + "kind").set_value("jumelage")
        at.text_input(key=DECL + "email").input(EMAIL)
        _button(at, "Envoyer la déclaration").click().run()
        assert not at.exception, _errors(at)

    send()
    (item,) = store.items()
    assert item.submission_id == drawn and at.session_state[sid_key] != drawn
    # NOTE: every AppTest session has the same id (« test session id »): fill this one's hour.
    for _ in range(store.rate_limit - 1):
        declaration = Declaration(
            fr_name="Lille", fr_code="59350", partner_name=PARTNER, partner_country="FIN", kind="jumelage", email=EMAIL
        )
        store.submit_declaration(declaration, submission_id=uuid.uuid4().hex, session_key="test session id")
    send()
    assert "Trop de contributions" in _texts(at)
    assert len(store.items()) == store.rate_limit


def test_an_imported_files_accepted_rows_go_to_the_review_queue(store: Store) -> None:
    """Issue 28, point 4: a network's directory, imported, becomes pending declarations (nothing published yet)."""
    from lianes_dash.importer import import_links
    from lianes_dash.ui import importing as imp

    text = (
        "Collectivité française;Département;Pays;Collectivité partenaire;Année\n"
        "Lille;59;Finlande;Testikylä;2001\nHalluin;59;Finlande;Essaikaupunki;1999\n"
    )
    result = import_links(text.encode(), filename="annuaire_reseau.csv")
    assert result.summary.accepted == 2
    at = landing("import_data.py", state={imp.RESULT: result})
    assert not at.exception, _errors(at)
    at.text_input(key="contrib_import_email").set_value(EMAIL)
    at.text_input(key="contrib_import_role").set_value("chargée de mission du réseau")
    _button(at, "Proposer les 2 lignes acceptées au réseau").click().run()
    assert not at.exception, _errors(at)
    assert "2 lignes proposées au réseau" in _texts(at)
    pending = store.items(status="pending")
    assert sorted(i.payload[S.PARTNER_NAME] for i in pending) == ["Essaikaupunki", "Testikylä"]
    assert {i.payload["file"] for i in pending} == {"annuaire_reseau.csv"}
    assert store.accepted() == [], "nothing is published before the network's review"


def test_a_report_is_corrected_then_accepted_and_keeps_the_old_values(store: Store) -> None:
    """Issue 28, point 3: « edit-then-accept » for a report too; the link's old values stay in its history."""
    links = pd.read_parquet(ROOT / "data" / "links" / "liens.parquet")
    row = links.loc[links[S.FR_CODE] == "59350"].iloc[0]
    report = Report(
        link_id=str(row[S.LINK_ID]),
        problem="wrong_partner",
        email=EMAIL,
        partner_name="Testikylä-Väärä",
        partner_country="FIN",
    )
    item = store.submit_report(report, submission_id=uuid.uuid4().hex, session_key="test", links=links)
    was = item.payload["was"][S.PARTNER_NAME]
    alice = _signed_in()
    alice.text_input(key=f"mod_report_{item.id}_{S.PARTNER_NAME}").input("Testikylä-Oikea")
    _button(alice, "Corriger et accepter").click().run()
    assert not alice.exception, _errors(alice)
    done = store.item(item.id)
    assert done.status == ACCEPTED and done.payload[S.PARTNER_NAME] == "Testikylä-Oikea"
    assert done.payload["was"][S.PARTNER_NAME] == was, "the link's value before the report is kept"
    assert [e.kind for e in store.history(item.id)] == ["submitted", "edited", "accepted"]
    assert "Testikylä-Oikea" in _fiche_partners(landing("fiche_collectivite.py", {"collectivite": LILLE}))
