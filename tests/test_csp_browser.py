"""The Content-Security-Policy of ``app.py`` in Chromium: every page, the slides and the embed view
draw with no violation reported.

A violation shows two ways, both listened for in every frame of the tab (Streamlit's components
are frames): the document's ``securitypolicyviolation``
event, and Chromium's console message « Refused to … because it violates the following Content
Security Policy directive ».
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import navigation_pages, open_in_app, wait_charts, wait_idle

pytestmark = pytest.mark.browser

#: Every frame of the tab reports its violations on the console, where the test reads them.
_LISTEN = """document.addEventListener('securitypolicyviolation', e => console.error(
  'CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"""


def _violations(page) -> list[str]:
    found: list[str] = []
    page.add_init_script(_LISTEN)

    def seen(msg) -> None:
        text = msg.text
        if "CSP-VIOLATION" in text or "Content Security Policy" in text:
            found.append(f"{page.url}: {text[:300]}")

    page.on("console", seen)
    return found


def test_every_page_the_slides_and_the_embed_view_draw_without_a_csp_violation(
    streamlit_server: str, browser_context
) -> None:
    page = browser_context.new_page()
    try:
        found = _violations(page)
        response = page.goto(streamlit_server + "/")
        assert response is not None
        policy = response.headers["content-security-policy"]
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
        script = directives["script-src"]
        assert script[0] == "'self'" and any(s.startswith("'sha256-") for s in script), script
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, script
        assert directives["default-src"] == ["'self'"] and directives["frame-ancestors"][0] == "'self'"
        wait_charts(page)
        for _file, url_path, default in navigation_pages():
            if not default:
                open_in_app(page, "/" + url_path)
                wait_charts(page)
                assert page.locator("[data-testid=stException]").count() == 0, url_path
        # an import: the upload (XSRF, PUT) and the report, then the « Partager » box and its code blocks
        open_in_app(page, "/importer")
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(
            {
                "name": "csp.csv",
                "mimeType": "text/csv",
                "buffer": "Collectivité française;Pays;Collectivité partenaire\nHalluin;Sénégal;Kaolack\n".encode(),
            }
        )
        page.get_by_text("Rapport ligne par ligne").wait_for(timeout=60_000)
        wait_idle(page)
        page.get_by_text("Partager : lien, images, intégration").click()
        page.locator("[data-testid=stSidebar] [data-testid=stCode]").first.wait_for(timeout=30_000)
        wait_idle(page)
        # the slides: the kiosk document of app.py, the deck's inline scripts, plotly.js linked
        page.goto(streamlit_server + "/presentation?mode=presentation&intervalle=2")
        try:
            page.locator("body[data-ready='1']").wait_for(state="attached", timeout=60_000)
            page.locator("path.choroplethlocation").first.wait_for(timeout=60_000)
        except PlaywrightTimeout:
            assert found == [], "\n".join(found)  # a refused script is why the slides never drew
            raise
        page.wait_for_timeout(2_500)  # a slide change: the next slide's figure is drawn
        # the embed view, as an iframe of another page shows it: app.py serves it as a document of its own
        page.goto(streamlit_server + "/integrer?vue=monde&embed=true")
        page.locator("path.choroplethlocation").first.wait_for(state="attached", timeout=60_000)
        assert page.locator(".js-plotly-plot").count() >= 1
        page.wait_for_timeout(500)
        assert found == [], "\n".join(found)
    finally:
        page.close()


def test_an_injected_inline_script_is_refused(streamlit_server: str, browser_context) -> None:
    """The policy is in force: a script the app did not write does not run."""
    page = browser_context.new_page()
    try:
        found = _violations(page)
        page.goto(streamlit_server + "/a-propos")
        wait_charts(page)
        page.evaluate(
            """() => { const s = document.createElement('script'); s.textContent = 'window.__injected = 1';
                       document.body.appendChild(s); }"""
        )
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__injected") is None
        assert any("script-src" in f for f in found), found
    finally:
        page.close()
