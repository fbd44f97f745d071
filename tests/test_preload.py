"""The charting code is asked for with the page (``lianes_dash/server/preload.py``)."""

from __future__ import annotations

import gzip
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


@pytest.mark.parametrize(
    ("encoding", "encode", "decode", "tagged"),
    [
        (b"", lambda b: b, lambda b: b, True),
        (b"gzip", lambda b: gzip.compress(b, mtime=0), gzip.decompress, True),
        # NOTE: an encoding the middleware cannot read is passed through rather than broken.
        (b"br", lambda b: b"\x8b" + b, lambda b: b[1:], False),
    ],
)
def test_rewrite_encoded(encoding: bytes, encode, decode, tagged: bool) -> None:
    html = b"<html><head><title>x</title></head><body></body></html>"
    out = decode(P.rewrite_encoded(encode(html), encoding, lambda page: P.with_preload(page, b"TAG")))
    assert out == (P.with_preload(html, b"TAG") if tagged else html)


def test_no_chunk_no_tag(tmp_path: Path) -> None:
    assert P.preload_tags(tmp_path) == b"" and P.with_preload(b"<head></head>", b"") == b"<head></head>"


@pytest.mark.browser
@pytest.mark.parametrize("accept", ["identity", "gzip, deflate, br"])
def test_pages_ask_for_the_chunk_and_files_are_untouched(streamlit_server: str, accept: str) -> None:
    """NOTE: browsers always ask for gzip, and the page then comes compressed (preload docstring)."""
    ask = urllib.request.Request(f"{streamlit_server}/monde", headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(ask, timeout=30) as r:
        body, length, encoding = r.read(), int(r.headers["content-length"]), r.headers.get("content-encoding", "")
    html = gzip.decompress(body) if encoding == "gzip" else body
    assert (encoding == "gzip") == accept.startswith("gzip")
    assert b'rel="modulepreload" crossorigin href="./static/js/PlotlyChart.' in html and length == len(body)
    with urllib.request.urlopen(f"{streamlit_server}/app/static/topojson/world_110m.json", timeout=30) as r:
        assert b"modulepreload" not in r.read()
