"""Headless Chromium as every tool of the project starts it: the tests, the benchmark, the load test.

Debian's package (``apt-get install chromium``), never a browser downloaded by Playwright.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
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
