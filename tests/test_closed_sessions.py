"""What a closed tab leaves behind is freed (``app.py``'s housekeeping, ``server/memory.py``).

Streamlit keeps a closed tab's session for a reconnection, then drops it without shutting it
down: its download buttons' files, its tables' data and its uploaded file stayed registered
for good. Against a real server started from ``app.py`` (sessions kept 2 s, housekeeping every
second): a download fetched from the Explorer answers while its tab is open, and no longer
once the tab has closed and the session expired.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest

from lianes_dash.server import memory
from tests.conftest import SETTINGS_ENV, wait_idle


@pytest.mark.parametrize(
    ("last", "count", "reaped", "idle_calls", "given_back"),
    [
        (3, 3, 0, 0, False),  # nothing changed: nothing to do
        (3, 3, 2, 0, True),  # closed sessions' leftovers freed: memory given back
        (3, 2, 0, 0, True),  # a session ended
        (1, 0, 0, 1, True),  # the last one ended: the filter caches go
        (0, 0, 0, 0, False),  # still idle: given back already, caches already dropped
        (0, 0, 1, 0, True),  # still idle, an expired session reaped: its leftovers given back
        (None, None, 0, 0, True),  # count unknown: given back every pass
    ],
)
def test_housekeeping_pass(last: int | None, count: int | None, reaped: int, idle_calls: int, given_back: bool) -> None:
    calls = {"idle": 0, "back": 0}
    got = memory.housekeeping_pass(
        last,
        lambda: count,
        on_idle=lambda: calls.__setitem__("idle", calls["idle"] + 1),
        reap=lambda: reaped,
        give_back=lambda: calls.__setitem__("back", calls["back"] + 1),
    )
    assert got == count and calls == {"idle": idle_calls, "back": int(given_back)}


@pytest.fixture
def short_lived_sessions(settings_server) -> str:
    """``app.py`` keeping a closed tab's session 2 s, with its housekeeping every second."""
    assert SETTINGS_ENV["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] == "2"
    assert SETTINGS_ENV["LIANES_HOUSEKEEPING_SECONDS"] == "1"
    return settings_server[0]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.browser
def test_a_closed_tabs_download_is_freed(browser_context, short_lived_sessions: str) -> None:
    page = browser_context.new_page()
    page.goto(f"{short_lived_sessions}/explorer?pays=BFA")
    button = page.locator("[data-testid=stDownloadButton] button").first
    button.wait_for(timeout=60_000)
    wait_idle(page)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    url = download.value.url
    assert "/media/" in url and _status(url) == 200, url
    page.close()  # the tab closes: its session waits 2 s for a reconnection, then expires
    deadline = time.monotonic() + 30
    while _status(url) == 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _status(url) == 404, "the closed session's download is still served"
