"""The page's HTML as app.py serves it, compressed or not (``lianes_dash/server/page_html.py``)."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from lianes_dash.server import page_html as P

PAGE = b"<html><head><title>x</title></head><body></body></html>"


def _tag(html: bytes) -> bytes:
    return html.replace(b"</head>", b"TAG</head>")


@pytest.mark.parametrize(
    ("encoding", "encode", "decode", "rewritten"),
    [
        (b"", lambda b: b, lambda b: b, True),
        (b"gzip", lambda b: gzip.compress(b, mtime=0), gzip.decompress, True),
        # NOTE: an encoding the middleware cannot read is passed through rather than broken.
        (b"br", lambda b: b"\x8b" + b, lambda b: b[1:], False),
    ],
)
def test_rewrite_encoded(encoding: bytes, encode, decode, rewritten: bool) -> None:
    out = decode(P.rewrite_encoded(encode(PAGE), encoding, _tag))
    assert out == (_tag(PAGE) if rewritten else PAGE)


def test_unchanged_gzip_is_sent_as_it_came() -> None:
    body = gzip.compress(PAGE, mtime=0)
    assert P.rewrite_encoded(body, b"gzip", lambda html: html) is body


@pytest.mark.browser
@pytest.mark.parametrize("accept", ["identity", "gzip, deflate, br"])
def test_pages_carry_their_shell_and_files_are_untouched(streamlit_server: str, accept: str) -> None:
    """NOTE: browsers always ask for gzip, and the page then comes compressed (page_html docstring)."""
    ask = urllib.request.Request(f"{streamlit_server}/monde", headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(ask, timeout=30) as r:
        body, length, encoding = r.read(), int(r.headers["content-length"]), r.headers.get("content-encoding", "")
    html = gzip.decompress(body) if encoding == "gzip" else body
    assert (encoding == "gzip") == accept.startswith("gzip")
    assert b'id="lianes-shell"' in html and b"<h1>Carte du monde des partenariats</h1>" in html
    assert length == len(body) and b'modulepreload" href="./static/js/PlotlyChart' not in html
    with urllib.request.urlopen(f"{streamlit_server}/app/static/topojson/world_110m.json", timeout=30) as r:
        assert b"lianes-shell" not in r.read()
