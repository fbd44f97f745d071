"""The default page's own address (« /vue-d-ensemble ») leads to the page, not to Streamlit's « Page not found ».

Streamlit serves the default page at the app's root only; ``server/default_page.py`` redirects its
own address there, the query kept. Logic with a fake ASGI app, then against a real ``app.py`` server
and in Chromium.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request

import pytest

from lianes_dash.server import default_page as D
from tests.conftest import wait_idle


@pytest.mark.parametrize(
    ("path", "query", "target"),
    [
        ("/vue-d-ensemble", "", "./"),
        ("/vue-d-ensemble", "lang=en&dep=59", "./?lang=en&dep=59"),
        ("/vue-d-ensemble/", "lang=en", "../?lang=en"),
        ("/lianes/vue-d-ensemble", "", "./"),  # under a base path
        ("/", "", None),
        ("/monde", "lang=en", None),
        ("/vue-d-ensemble-2", "", None),
        ("/app/static/vue-d-ensemble.png", "", None),
    ],
)
def test_redirect_target(path: str, query: str, target: str | None) -> None:
    assert D.redirect_target(path, query, "vue-d-ensemble") == target


def test_the_default_page_is_the_overview() -> None:
    assert D.default_url_path() == "vue-d-ensemble"


def _call(path: str, method: str = "GET", kind: str = "http") -> list[dict]:
    sent: list[dict] = []
    reached: list[str] = []

    async def inner(scope, receive, send) -> None:  # noqa: ANN001
        reached.append(scope["path"])

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": kind, "method": method, "path": path, "query_string": b"lang=en"}
    asyncio.run(D.DefaultPageMiddleware(inner)(scope, None, send))
    return sent if sent else [{"reached": reached}]


def test_the_middleware_redirects_only_the_default_page() -> None:
    start = _call("/vue-d-ensemble")[0]
    assert start["status"] == 308 and dict(start["headers"])[b"location"] == b"./?lang=en"
    assert _call("/monde") == [{"reached": ["/monde"]}]
    assert _call("/vue-d-ensemble", method="POST") == [{"reached": ["/vue-d-ensemble"]}]
    assert _call("/vue-d-ensemble", kind="websocket") == [{"reached": ["/vue-d-ensemble"]}]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


def test_a_real_server_redirects_to_the_root(settings_server) -> None:
    base, _proc = settings_server
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(f"{base}/vue-d-ensemble?lang=en", timeout=30)
    assert answer.value.code == 308
    assert answer.value.headers["Location"] == "./?lang=en"
    with urllib.request.urlopen(f"{base}/vue-d-ensemble?lang=en", timeout=30) as followed:
        assert followed.status == 200 and followed.url == f"{base}/?lang=en"


@pytest.mark.browser
def test_the_default_page_address_shows_the_page_in_a_browser(settings_server, browser_context) -> None:
    base, _proc = settings_server
    page = browser_context.new_page()
    try:
        page.goto(f"{base}/vue-d-ensemble?lang=en")
        page.locator("[data-testid=stMain] h1", has_text="Decentralised cooperation in figures").wait_for(
            timeout=60_000
        )
        wait_idle(page)
        assert page.url == f"{base}/?lang=en"
        assert page.get_by_text("Page not found").count() == 0
    finally:
        page.close()
