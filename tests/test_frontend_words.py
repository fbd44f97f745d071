"""The browser's own words in French (``lianes_dash/server/frontend_words.py``).

- every rewrite is found, once, in the bundle of the installed Streamlit (an upgrade that moves
  a sentence fails here instead of silently showing English again);
- the rewritten text keeps the English on an English page and puts the French otherwise;
- against a real server started from ``app.py``: the bundle files are served rewritten, with an
  ETag of their own and the framing headers; a file over the upload limit, chosen in Chromium,
  is refused in French on a French page and in English on an English one.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lianes_dash.server import frontend_words as W
from tests.conftest import ROOT, SETTINGS_ENV, switch_page, wait_idle


def test_every_rewrite_is_found_once_in_the_installed_bundle() -> None:
    files, missing = W.patched_files()
    assert missing == [], [r.english for r in missing]
    assert {name.split(".")[0] for name in files} == {r.file_prefix.rstrip(".") for r in W.REWRITES}


@pytest.mark.parametrize(
    ("name", "text", "expected", "missing"),
    [
        (
            "Selectbox.x1.js",
            "a({children:`No results`})",
            "a({children:(" + W.ENGLISH_PAGE + "?`No results`:`Aucun résultat`)})",
            0,
        ),
        ("Selectbox.x1.js", "a({children:`Nothing`})", "a({children:`Nothing`})", 1),
        # Twice in the file: ambiguous, left as it is and reported.
        (
            "Selectbox.x1.js",
            "children:`No results` children:`No results`",
            "children:`No results` children:`No results`",
            1,
        ),
        # Another file: not this rewrite's business.
        ("Other.x1.js", "children:`No results`", "children:`No results`", 0),
    ],
)
def test_rewrite_text(name: str, text: str, expected: str, missing: int) -> None:
    rewrite = W.Rewrite("Selectbox.", "`No results`", "`Aucun résultat`", before="children:")
    got, not_found = W.rewrite_text(name, text, (rewrite,))
    assert got == expected and len(not_found) == missing


def test_a_size_reads_in_french_mebibytes() -> None:
    assert W._mo("n") == '${(n/1048576).toLocaleString("fr-FR",{maximumFractionDigits:1})}\u00a0Mo'


@pytest.fixture
def small_limit_server(settings_server) -> str:
    """``app.py`` with an upload limit of 1 Mo, so that a small file is « too large »."""
    assert SETTINGS_ENV["STREAMLIT_SERVER_MAX_UPLOAD_SIZE"] == "1"
    return settings_server[0]


@pytest.mark.browser
def test_bundle_files_are_served_rewritten(small_limit_server: str) -> None:
    files, _missing = W.patched_files()
    name = next(n for n in files if n.startswith("utils."))
    with urllib.request.urlopen(f"{small_limit_server}/static/js/{name}", timeout=30) as r:
        body, headers = r.read(), {k.lower(): v for k, v in r.headers.items()}
    assert b"Fichier trop volumineux" in body and b"or smaller." in body  # both languages
    assert (
        headers["etag"] == files[name].etag.decode() and "frame-ancestors 'self'" in headers["content-security-policy"]
    )
    req = urllib.request.Request(f"{small_limit_server}/static/js/{name}", headers={"If-None-Match": headers["etag"]})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(req, timeout=30)
    assert not_modified.value.code == 304


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "refusal", "drop_zone"),
    [
        ("", "Erreur\u00a0: Fichier trop volumineux\u00a0: 1\u00a0Mo au maximum", "1\u00a0Mo par fichier"),
        ("?lang=en", "Error: File must be 1\u00a0MB or smaller.", "1\u00a0MB per file"),
    ],
)
def test_an_oversize_upload_is_refused_in_the_pages_language(
    browser_context, small_limit_server: str, query: str, refusal: str, drop_zone: str
) -> None:
    page = browser_context.new_page()
    try:
        page.goto(f"{small_limit_server}/importer{query}")
        zone = page.locator("[data-testid=stFileUploaderDropzoneInstructions]")
        zone.wait_for(timeout=60_000)
        assert drop_zone in zone.inner_text()
        data = b"collectivite;partenaire;pays\n" + b"Ville-Fictive;Bourg-Imaginaire;Nulle-Part\n" * 40_000
        assert len(data) > 1024 * 1024
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
            {"name": "trop-gros.csv", "mimeType": "text/csv", "buffer": data}
        )
        # NOTE: the chip's alert (read by screen readers, and shown as the chip's tooltip).
        error = page.locator("[data-testid=stFileChip] [role=alert]")
        error.wait_for(state="attached", timeout=30_000)
        assert refusal in error.text_content()
    finally:
        page.close()


# --- one upload limit: the page's text, the browser's check and the server's say the same bytes -----------------
def _streamlit_server_limit_formula() -> str:
    """How Streamlit's upload route turns ``server.maxUploadSize`` into bytes (read from its source)."""
    import streamlit.web.server.starlette.starlette_routes as routes

    source = Path(routes.__file__).read_text(encoding="utf-8")
    found = re.search(r'config\.get_option\("server\.maxUploadSize"\)\s*\*\s*([0-9* ]+)', source)
    assert found, "Streamlit's upload route no longer reads server.maxUploadSize this way"
    return found.group(1).replace(" ", "")


def test_the_browser_the_server_and_the_page_count_the_same_bytes() -> None:
    """« 50 Mo » is 52 428 800 bytes for the server, the importer, the page and (rewritten) the browser.

    NOTE: Streamlit's browser code counted maxUploadSize × 1 000 000 (× 1 048 576 on Windows): a
    48.6 Mo file was refused on Linux (« 51.0MB ») under a page saying « 50 Mo au plus ».
    """
    from streamlit.testing.v1 import AppTest

    from lianes_dash.text.french import fmt_int
    from lianes_dash.ui import importing as imp

    assert _streamlit_server_limit_formula() == "1024*1024" and W.MO == 1024 * 1024
    files, missing = W.patched_files()
    assert missing == []
    uploader = next(body.body.decode() for name, body in files.items() if name.startswith("FileUploader."))
    assert "maxUploadSizeMb;return e*1048576}" in uploader, "the browser's limit is maxUploadSize Mo of 1 048 576"
    assert "D.Megabyte,D.Byte" not in uploader
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    switch_page(at, "import_data.py").run()
    assert not at.exception
    limit = imp.upload_limit_bytes()
    megabytes = limit // W.MO
    widget = at.file_uploader[0]
    assert f"{megabytes}\u00a0Mo au plus" in widget.label or f"{megabytes} Mo au plus" in widget.label, widget.label
    assert widget.proto.max_upload_size_mb == megabytes
    text = " ".join(m.value for m in at.markdown)
    assert f"{fmt_int(limit)} octets" in text and f"{megabytes} Mo" in text


@pytest.mark.browser
def test_a_file_of_exactly_the_limit_goes_and_one_byte_more_is_refused(
    browser_context, small_limit_server: str
) -> None:
    """With ``server.maxUploadSize`` = 1: 1 048 576 bytes are accepted by the browser and the server,
    1 048 577 refused in the browser, in the same « 1 Mo » as the page's text."""
    page = browser_context.new_page()
    try:
        page.goto(f"{small_limit_server}/importer")
        zone = page.locator("[data-testid=stFileUploaderDropzoneInstructions]")
        zone.wait_for(timeout=60_000)
        assert "1\u00a0Mo par fichier" in zone.inner_text()
        assert "1 Mo au plus" in page.locator("[data-testid=stFileUploader]").inner_text().replace("\u00a0", " ")
        line = b"Ville-Fictive;Bourg-Imaginaire;Nulle-Part\n"
        head = b"collectivite;partenaire;pays\n"
        body = head + line * ((W.MO - len(head)) // len(line))
        data = body + b"x" * (W.MO - len(body) - 1) + b"\n"
        assert len(data) == W.MO
        chooser = page.locator("[data-testid=stFileUploaderDropzoneInput]")
        chooser.set_input_files({"name": "juste.csv", "mimeType": "text/csv", "buffer": data})
        chip = page.locator("[data-testid=stFileChip]")
        chip.wait_for(timeout=30_000)
        # accepted by the browser and sent: the chip has no alert, the app got the file and ran
        page.locator("[data-testid=stFileChip] [role=alert]").wait_for(state="detached", timeout=5_000)
        assert "1\u00a0Mo" in chip.inner_text()
        # the server took it: the import ran on it and its report names the file
        # the server took it (Streamlit's own check answered 413: the request counts the framing
        # too): the import ran on it and its report names the file
        page.locator("[data-testid=stMain]").get_by_text("juste.csv").nth(1).wait_for(timeout=90_000)
        wait_idle(page)
        assert page.locator("[data-testid=stFileChip] [role=alert]").count() == 0
        page.locator("[data-testid=stFileChipDeleteBtn] button").first.click()
        chip.wait_for(state="detached", timeout=30_000)
        chooser.set_input_files({"name": "un-octet-de-trop.csv", "mimeType": "text/csv", "buffer": data + b"\n"})
        error = page.locator("[data-testid=stFileChip] [role=alert]")
        error.wait_for(state="attached", timeout=30_000)
        assert "Fichier trop volumineux\u00a0: 1\u00a0Mo au maximum" in error.text_content()
    finally:
        page.close()


@pytest.mark.parametrize(
    ("path", "length", "status", "seen_length"),
    [
        ("/_stcore/upload_file/s/f", W.MO + 300, 204, None),  # the file at the limit + its framing: taken
        ("/lianes/_stcore/upload_file/s/f", W.MO + 300, 204, None),  # under a base path too
        ("/_stcore/upload_file/s/f", 2 * W.MO + 1, 413, None),  # beyond the framing margin: refused at once
        ("/_stcore/health", W.MO + 300, 204, str(W.MO + 300).encode()),  # other routes untouched
    ],
)
def test_uploads_are_judged_by_the_files_size_not_the_requests(
    path: str, length: int, status: int, seen_length: bytes | None
) -> None:
    """Streamlit's route refused a file of exactly the limit on the request's Content-Length
    (file + multipart framing); its later checks are on the file: they decide."""
    import asyncio

    from lianes_dash.server import http_limits

    seen: list[bytes | None] = []
    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        seen.append(next((v for k, v in scope["headers"] if k == b"content-length"), None))
        await send({"type": "http.response.start", "status": 204, "headers": []})

    async def send(message) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    scope = {"type": "http", "method": "PUT", "path": path, "headers": [(b"content-length", str(length).encode())]}
    middleware = http_limits.UploadLengthMiddleware(app, limit=lambda: W.MO)
    asyncio.run(middleware(scope, receive, send))
    assert sent[0]["status"] == status
    assert seen == ([] if status == 413 else [seen_length])
