"""The living dataset end to end in a real browser (issue 28): declare, review, published for a new visitor.

A server of its own (``app.py``, as deployed) on a temporary state folder, with a reviewer made by
the command a deployment uses (``python -m lianes_dash reviewers add``). Headless Chromium, offline:
every request outside the app is aborted and must be none. The partner (« Testikylä », Finland) is
fictional.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT, start_streamlit, wait_idle

pytestmark = pytest.mark.browser

PARTNER = "Testikylä"
EMAIL = "elu.navigateur@example.org"
PASSWORD = "un mot de passe assez long"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def living_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app on an empty contributions store with one reviewer, « alice »."""
    folder = tmp_path_factory.mktemp("living")
    env = {"LIANES_STATE_DIR": str(folder / "state"), "LIANES_DATABASE_URL": ""}
    made = subprocess.run(
        [sys.executable, "-m", "lianes_dash", "reviewers", "add", "alice", "--password-stdin"],
        input=PASSWORD + "\n",
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    with start_streamlit(env=env, log=folder / "server.log", script="app.py") as (base, _proc):
        yield base


def _offline(page, outside: list[str]) -> None:
    """Abort and record every request that is not to the app itself."""

    def route(r) -> None:
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)


def test_declare_then_accept_then_a_new_visitor_sees_the_link(browser, living_server: str) -> None:
    outside: list[str] = []
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    newcomer = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    try:
        # 1. A visitor declares Lille's partnership from Lille's fiche.
        page = visitor.new_page()
        _offline(page, outside)
        page.goto(f"{living_server}/collectivite?collectivite=commune:59350", timeout=TIMEOUT)
        wait_idle(page)
        page.get_by_text("Déclarer un partenariat", exact=True).click()
        form = page.locator("[data-testid=stForm]").first
        form.get_by_label("Collectivité partenaire (nom)").fill(PARTNER)
        selects = form.locator("[data-testid=stSelectbox]")
        selects.nth(0).click()
        page.keyboard.type("Finlande")
        page.keyboard.press("Enter")
        selects.nth(1).click()
        page.keyboard.type("jumelage")
        page.keyboard.press("Enter")
        form.get_by_label("Votre adresse électronique (pour la relecture)").fill(EMAIL)
        form.get_by_role("button", name="Envoyer la déclaration").click()
        page.get_by_text("est enregistrée").wait_for(timeout=TIMEOUT)
        wait_idle(page)
        assert page.get_by_text("Vos envois dans cette session (1)").is_visible()

        # 2. A reviewer signs in (another browser: another session), sees the item and its sender, accepts.
        desk = reviewer.new_page()
        _offline(desk, outside)
        desk.goto(f"{living_server}/moderation", timeout=TIMEOUT)
        wait_idle(desk)
        assert desk.get_by_text(EMAIL).count() == 0
        desk.get_by_label("Identifiant").fill("alice")
        desk.get_by_label("Mot de passe").fill(PASSWORD)
        desk.get_by_role("button", name="Se connecter").click()
        desk.get_by_role("button", name="Accepter").wait_for(timeout=TIMEOUT)
        wait_idle(desk)
        assert desk.get_by_text(EMAIL).count() == 1
        assert "alice" not in desk.url and PASSWORD not in desk.url
        desk.get_by_role("button", name="Accepter").click()
        desk.get_by_text("accepté et publié").wait_for(timeout=TIMEOUT)

        # 3. A new visitor sees the link on Lille's fiche, credited to the declaration.
        fresh = newcomer.new_page()
        _offline(fresh, outside)
        fresh.goto(f"{living_server}/collectivite?collectivite=commune:59350", timeout=TIMEOUT)
        wait_idle(fresh)
        fresh.get_by_text(PARTNER).first.wait_for(timeout=TIMEOUT)
        assert fresh.get_by_text("déclaration de la collectivité, acceptée le").count() >= 1
        assert fresh.get_by_text(EMAIL).count() == 0
    finally:
        for context in (visitor, reviewer, newcomer):
            context.close()
    assert outside == []
