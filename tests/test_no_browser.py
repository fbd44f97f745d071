"""The README's promise: on a machine without Chromium, ``python -m pytest`` passes, browser tests skipped."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_browser_tests_skip_cleanly_without_chromium(tmp_path) -> None:
    """Every browser test, run with the browser hidden: none fails or errors, they skip and say why."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "LIANES_REQUIRE"))}
    env["LIANES_CHROMIUM"] = str(tmp_path / "no-chromium-here")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "browser", "-n", "0", "-q", "-p", "no:cacheprovider", "-rs"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-3000:]
    summary = out.strip().splitlines()[-1]
    assert not re.search(r"\d+ (failed|error)", summary), summary
    skipped = int(re.search(r"(\d+) skipped", summary).group(1))  # type: ignore[union-attr]
    assert skipped >= 20, summary
    assert "installez le paquet Debian « chromium »" in out
