"""The page's title on screen at once, while Streamlit's code starts: a static shell in the HTML.

Streamlit's page is an empty ``<div id="root">`` until its code has loaded (~0.7 s warm on a
two-core machine), opened its websocket and received the script's first elements: on a
projector, the room looks at a white screen for two seconds or more (`bench/RESULTS.md`, « Dans
le navigateur »). :func:`with_shell` writes into the page's HTML, for its address and language
(``?lang=en``): ``<html lang>`` (the page is French, not Streamlit's « en »), the browser tab's
title, and a shell with the app's name, the page's heading and « Chargement de la page… ». A
few lines of script remove the shell as soon as Streamlit draws the page's heading or first
element, an error or a dialog (a lost connection's message is never hidden), and at the latest
when the script's first run ends.

NOTE: the words come from ``ui/navigation.py`` (the headings the pages' ``st.title`` show) and
the i18n catalogue, escaped: an unknown address gets the app's name only; the query string is
read for ``lang`` alone.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qs

from lianes_dash.text import i18n
from lianes_dash.ui import navigation

#: The element the script removes (tests and the benchmark look for it).
SHELL_ID = "lianes-shell"
#: What ends the shell: the page's heading, a spinner, a chart or a frame (the kiosk's slides), a
#: message or an error, a dialog (a lost connection), or else the end of the script's first run.
#: Not « any element »: Streamlit first draws empty element containers.
DONE_SELECTOR = ",".join(
    (
        "[data-testid=stMain] h1",
        "[data-testid=stMain] [data-testid=stSpinner]",
        "[data-testid=stMain] iframe",
        "[data-testid=stMain] .js-plotly-plot",
        "[data-testid=stAlert]",
        "[data-testid=stException]",
        "[role=dialog]",
        "[data-test-script-state=notRunning]",
    )
)

#: No plotly toolbar on a narrow screen (a phone, a narrow window): it covered the charts' titles.
NARROW_TOOLBAR_CSS = "@media (max-width:640px){.js-plotly-plot .modebar-container{display:none!important}}"
# NOTE: Streamlit's light theme (``.streamlit/config.toml``) and font, so that the swap does not jump.
_STYLE = (
    f"#{SHELL_ID}{{position:fixed;inset:0;z-index:999990;background:#fff;color:#31333f;"
    'font-family:"Source Sans","Source Sans Pro",sans-serif;padding:6rem 5rem;box-sizing:border-box}'
    f"#{SHELL_ID} h1{{font-size:2.75rem;font-weight:700;line-height:1.2;margin:0.5rem 0 1rem}}"
    f"#{SHELL_ID} p{{margin:0;font-size:1rem;opacity:0.75}}"
    f"@media (max-width:640px){{#{SHELL_ID}{{padding:4rem 1rem}}#{SHELL_ID} h1{{font-size:2rem}}}}"
    # Where Streamlit opens its sidebar (« auto »: wider than 768 px), its 300 px band is drawn
    # too and the heading stands where the page's will.
    f"@media (min-width:769px){{#{SHELL_ID}:not(.bare){{padding-left:380px;"
    "background:linear-gradient(to right,#f8f8f7 299px,#e6e6e6 299px,#e6e6e6 300px,#fff 300px)}}"
    # This style stays when the shell goes: on a narrow screen, whatever the browser says it is, plotly's
    # toolbar lay over the charts' titles (a phone's user agent already hides it: ``ui.common.show_chart``).
    f"{NARROW_TOOLBAR_CSS}"
)
#: Views drawn without Streamlit's sidebar: the embedded chart, and the kiosk (``?mode=presentation``).
BARE_PAGES = ("integrer",)
BARE_QUERY = ("mode", "presentation")
BARE_CLASS = ' class="bare"'
_SCRIPT = (
    f"(function(){{var s=document.getElementById('{SHELL_ID}');if(!s)return;"
    f"var o=new MutationObserver(function(){{if(document.querySelector('{DONE_SELECTOR}'))"
    "{o.disconnect();s.remove();}});"
    "o.observe(document.documentElement,{childList:true,subtree:true,attributes:true,"
    "attributeFilter:['data-test-script-state']});})();"
)


def inline_script() -> str:
    """The shell's script, as written into the page (the CSP allows it by its hash)."""
    return _SCRIPT


def _last_segment(path: str) -> str:
    """The page's address in ``path`` (its last segment: the app may live under a base path)."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def _param(query_string: bytes | str, key: str) -> str:
    """The last value of ``key`` in the query string (« » when absent)."""
    query = query_string.decode("latin-1") if isinstance(query_string, bytes) else query_string
    return parse_qs(query).get(key, [""])[-1]


def language_of(query_string: bytes | str) -> str:
    """« en » when the address asks for English (``lang=en``), else « fr », as the app decides."""
    return "en" if _param(query_string, i18n.URL_KEY) == "en" else "fr"


def heading_of(path: str, lang: str) -> str | None:
    """The heading of the page at ``path`` (its last segment; ``/`` is the default page), or None."""
    segment = _last_segment(path)
    specs = navigation.pages()
    if not segment:
        return next(p.heading_in(lang) for p in specs if p.default)
    return next((p.heading_in(lang) for p in specs if p.url_path == segment), None)


def is_bare(path: str, query_string: bytes | str) -> bool:
    """True for a view without the sidebar (no band drawn for it)."""
    key, value = BARE_QUERY
    return _last_segment(path) in BARE_PAGES or _param(query_string, key) == value


def _app_name(lang: str) -> str:
    with i18n.using(lang):
        return i18n.t(navigation.APP_TITLE)


def shell(path: str, lang: str, bare: bool = False) -> bytes:
    """The shell's markup, style and script for the page at ``path`` in ``lang`` (``bare``: no sidebar)."""
    with i18n.using(lang):
        loading = i18n.t("Chargement de la page…")
    heading = heading_of(path, lang)
    parts = [
        f"<style>{_STYLE}</style>",
        f'<div id="{SHELL_ID}"{BARE_CLASS if bare else ""} role="status" aria-live="polite">'
        f"<p>{html.escape(_app_name(lang))}</p>",
        f"<h1>{html.escape(heading)}</h1>" if heading else "",
        f"<p>{html.escape(loading)}</p></div>",
        f"<script>{_SCRIPT}</script>",
    ]
    return "".join(parts).encode()


def title(path: str, lang: str) -> str:
    """The browser tab's title before Streamlit sets its own: « heading · app name »."""
    heading = heading_of(path, lang)
    return f"{heading} · {_app_name(lang)}" if heading else _app_name(lang)


def with_shell(page: bytes, path: str, query_string: bytes | str) -> bytes:
    """``page`` (Streamlit's ``index.html``) with the language, the tab's title and the shell.

    Unchanged when it is not the page expected (no ``<div id="root">``).
    """
    root = b'<div id="root"></div>'
    if root not in page:
        return page
    lang = language_of(query_string)
    page = page.replace(b'<html lang="en">', f'<html lang="{lang}">'.encode(), 1)
    page = page.replace(b"<title>Streamlit</title>", f"<title>{html.escape(title(path, lang))}</title>".encode(), 1)
    return page.replace(root, shell(path, lang, is_bare(path, query_string)) + root, 1)
