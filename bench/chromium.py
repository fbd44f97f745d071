"""Headless Chromium as every tool of the project starts it: the tests, the benchmark, the load test.

Debian's package (``apt-get install chromium``), never a browser downloaded by Playwright.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Debian's Chromium; ``LIANES_CHROMIUM`` names another (a missing path lets a test check that the
#: browser tests skip cleanly on a machine without one).
CHROMIUM = Path(os.environ.get("LIANES_CHROMIUM", "/usr/bin/chromium"))
#: Headless, no sandbox (root in CI), and no call home of any kind.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: No name resolver but localhost's: nothing can leave the machine, as on a projector without Wi-Fi.
#: NOTE: not Playwright's ``page.route``: intercepting requests turns the browser's HTTP cache off,
#: so every visit fetched and compiled the 4.7 MB charting code again.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
#: What a page may ask for without leaving the machine.
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost", "data:", "blob:", "about:")


def record_outside(page, allowed: tuple[str, ...] = LOCAL) -> list[str]:
    """The requests ``page`` makes outside ``allowed``, as a list that fills while the page runs.

    NOTE: a listener, not an interception, so the HTTP cache stays on; with :data:`OFFLINE_ARGS`
    such a request cannot resolve anyway.
    """
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(allowed) else outside.append(r.url))
    return outside
