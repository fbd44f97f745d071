"""The browser's own words in French (``lianes_dash/server/frontend_words.py``).

- every rewrite is found, once, in the bundle of the installed Streamlit (an upgrade that moves
  a sentence fails here instead of silently showing English again);
- the rewritten text keeps the English on an English page and puts the French otherwise;
- against a real server started from ``app.py``: the bundle files are served rewritten, with an
  ETag of their own and the framing headers; a file over the upload limit, chosen in Chromium,
  is refused in French on a French page and in English on an English one.
"""

from __future__ import annotations

import urllib.request

import pytest

from lianes_dash.server import frontend_words as W
from tests.conftest import SETTINGS_ENV


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
        ("?lang=en", "Error: File must be 1.0MB or smaller.", "1MB per file"),
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
