"""Response headers and long links, against a real server started from ``app.py``.

- static files (the maps' topojson) never answer ``Access-Control-Allow-Origin: *``;
- every answer says who may frame the app: ``frame-ancestors 'self'`` (+ the origins of
  ``LIANES_EMBED_ORIGINS``), ``X-Frame-Options: SAMEORIGIN`` when no other origin is allowed;
- a long link (sent in pieces, as over a real network) reaches the app, which names the
  ignored parameter in French; a link beyond the server's limit gets a French page, not
  uvicorn's English « Invalid HTTP request received. ».
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from lianes_dash.server import headers as H
from lianes_dash.server import http_limits
from tests.conftest import SETTINGS_ENV

STATIC = "/app/static/topojson/world_110m.json"


@pytest.fixture
def app_server(settings_server) -> tuple[str, int]:
    """(base URL, port) of ``app.py`` (the production entry point) with no embedding origin allowed."""
    assert SETTINGS_ENV[H.EMBED_ORIGINS_ENV] == ""
    base, _proc = settings_server
    return base, int(base.rsplit(":", 1)[1])


def _get(url: str, origin: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Origin": origin} if origin else {})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()


def _raw_get(port: int, target: str, piece: int = 4096, finished: bool = True) -> tuple[int, str, bytes]:
    """A GET sent in ``piece``-byte writes (a browser on a network); (status, content type, body).

    ``finished=False`` leaves out the blank line that ends the head: the server has then only
    ever seen an incomplete head, whatever the sizes of its reads.
    """
    end = "\r\n" if finished else ""
    head = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{end}".encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        try:
            for i in range(0, len(head), piece):
                s.sendall(head[i : i + piece])
                time.sleep(0.001)
        except OSError:
            pass  # the server may answer and close before the end of a too-long head
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    top, _, body = data.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    fields = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), fields.get("content-type", ""), body


@pytest.mark.parametrize("path", [STATIC, "/", "/explorer", "/_stcore/health"])
@pytest.mark.parametrize("origin", [None, "https://site-hostile.invalid"])
def test_no_wildcard_cors_and_framing_limited_to_the_site(app_server, path: str, origin: str | None) -> None:
    base, _port = app_server
    status, headers, _ = _get(base + path, origin)
    assert status == 200
    assert headers.get("access-control-allow-origin") in (None, ""), headers.get("access-control-allow-origin")
    assert headers["content-security-policy"] == H.content_security_policy(())
    assert headers["content-security-policy"].endswith("; frame-ancestors 'self'")
    assert headers["x-frame-options"] == "SAMEORIGIN"


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/", "/explorer/_stcore/metrics"])
def test_streamlit_metrics_are_not_public(app_server, path: str) -> None:
    """Streamlit's metrics list sessions, caches and memory by server path: not for visitors."""
    base, _port = app_server
    with pytest.raises(urllib.error.HTTPError) as refused:
        _get(base + path)
    assert refused.value.code == 404
    body = refused.value.read()
    assert b"/" not in body and b"cache" not in body.lower()


def test_metrics_stay_reachable_when_the_setting_says_so() -> None:
    import asyncio

    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"metrics"})

    async def send(message) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    scope = {"type": "http", "path": "/_stcore/metrics", "headers": []}
    for public, status in ((True, 200), (False, 404)):
        sent.clear()
        asyncio.run(H.SecurityHeadersMiddleware(app, origins=(), public_metrics=public)(scope, receive, send))
        assert sent[0]["status"] == status
        assert dict(sent[0]["headers"])[b"content-security-policy"].startswith(b"default-src 'self'")


def test_a_long_link_sent_in_pieces_reaches_the_app(app_server) -> None:
    """~60 KB once percent-encoded: uvicorn's default answered 400 (16 KiB limit on a head in pieces)."""
    _base, port = app_server
    status, ctype, body = _raw_get(port, "/collectivite?region=" + quote("é" * 10_000))
    assert status == 200 and ctype.startswith("text/html") and b'<div id="root">' in body


def test_a_link_beyond_the_limit_gets_a_french_page(app_server) -> None:
    _base, port = app_server
    # NOTE: the head left unfinished. The parser refuses a head over the limit only while it is
    # incomplete: on a loaded machine the server may read a whole 266 KB head at once, parse it,
    # and serve the page (with its note on the ignored values) instead of this answer.
    status, ctype, body = _raw_get(port, "/explorer?q=" + "x" * (http_limits.MAX_REQUEST_HEAD + 10_000), finished=False)
    assert status == 400 and ctype.startswith("text/html")
    text = body.decode("utf-8")
    assert "Ce lien est trop long" in text and 'lang="fr"' in text and "Invalid HTTP" not in text


@pytest.mark.browser
def test_a_long_link_in_a_browser_shows_the_page_and_the_note(app_server, browser_context) -> None:
    base, _port = app_server
    page = browser_context.new_page()
    try:
        start = time.monotonic()
        page.goto(f"{base}/collectivite?region={quote('é' * 10_000)}&zz=1")
        note = page.get_by_text("Lien en partie ignoré")
        note.wait_for(timeout=60_000)
        seconds = time.monotonic() - start
        # NOTE: the note is drawn as soon as « zz » is known, then redrawn once the sidebar has
        # judged « region »; the page's heading comes after: wait for both, not for a fixed time.
        page.get_by_text("« region »", exact=False).first.wait_for(timeout=60_000)
        page.locator("[data-testid=stMain] h1", has_text="Fiche collectivité").wait_for(timeout=60_000)
        text = page.inner_text("body")
        assert "Fiche collectivité" in text and "« region »" in text and "« zz »" in text
        print(f"long link: page and note in {seconds:.1f} s")
    finally:
        page.close()


# --- the header logic itself (the embed setting) ----------------------------------------------------
def test_embed_origins_setting_is_validated() -> None:
    assert H.embed_origins("https://reseau.example, http://localhost:8080 * https://x.example/page javascript:x") == (
        "https://reseau.example",
        "http://localhost:8080",
    )


def test_an_allowed_embedding_site_is_named_and_echoed() -> None:
    allowed = ("https://reseau.example",)
    out = dict(H.secure_headers([(b"access-control-allow-origin", b"*")], "https://reseau.example", allowed))
    assert out[b"content-security-policy"].endswith(b"; frame-ancestors 'self' https://reseau.example")
    assert b"x-frame-options" not in out, "X-Frame-Options cannot name another site: CSP alone then"
    assert out[b"access-control-allow-origin"] == b"https://reseau.example"
    hostile = dict(H.secure_headers([(b"access-control-allow-origin", b"*")], "https://autre.invalid", allowed))
    assert b"access-control-allow-origin" not in hostile


def test_the_policy_allows_exactly_the_inline_scripts_the_app_writes() -> None:
    """Streamlit's page's script, the shell's and the slides' two, each by the hash of its text."""
    from lianes_dash.server import shell
    from lianes_dash.views import deck

    policy = H.content_security_policy(())
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src ")).split()[1:]
    assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"]
    expected = {
        H.script_hash(s) for s in [*H.streamlit_inline_scripts(), shell.inline_script(), *deck.inline_scripts()]
    }
    assert set(script_src[2:]) == expected and len(expected) == 4
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    # the page as served carries those scripts, byte for byte
    page = shell.with_shell((H._streamlit_static() / "index.html").read_bytes(), "/monde", b"")
    for script in H._INLINE_SCRIPT.findall(page.decode("utf-8")):
        assert H.script_hash(script) in expected
    assert H.script_hash("alert(1)") not in policy
