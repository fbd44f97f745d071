"""The charting code is asked for with the page (``lianes_dash/server/preload.py``)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from lianes_dash.server import preload as P
from lianes_dash.server.frontend_words import streamlit_js_dir


def test_the_installed_streamlit_has_the_plotly_chunk() -> None:
    tags = P.preload_tags(streamlit_js_dir())
    assert tags.count(b'rel="modulepreload"') == 1 and b"./static/js/PlotlyChart." in tags


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            b"<html><head><title>x</title></head><body></body></html>",
            b"<html><head><title>x</title>TAG</head><body></body></html>",
        ),
        (b"<html><body>no head</body></html>", b"<html><body>no head</body></html>"),
        (b"<head></head><head></head>", b"<head>TAG</head><head></head>"),
    ],
)
def test_with_preload(html: bytes, expected: bytes) -> None:
    assert P.with_preload(html, b"TAG") == expected


def test_no_chunk_no_tag(tmp_path: Path) -> None:
    assert P.preload_tags(tmp_path) == b"" and P.with_preload(b"<head></head>", b"") == b"<head></head>"


@pytest.mark.browser
def test_pages_ask_for_the_chunk_and_files_are_untouched(streamlit_server: str) -> None:
    with urllib.request.urlopen(f"{streamlit_server}/monde", timeout=30) as r:
        html, length = r.read(), int(r.headers["content-length"])
    assert b'rel="modulepreload" href="./static/js/PlotlyChart.' in html and length == len(html)
    with urllib.request.urlopen(f"{streamlit_server}/app/static/topojson/world_110m.json", timeout=30) as r:
        assert b"modulepreload" not in r.read()
