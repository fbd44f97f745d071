"""A fresh AppTest session whose first run is on a given page, as a visitor opening a link.

NOTE: a visitor opening ``/explorer?pays=XXX`` has the first run of the session on that page,
which is where the sidebar reads the URL. ``st.Page`` identifies a page by ``calc_hash(url_path)``:
the first run is pointed there (``streamlit_internals.open_page``).
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lianes_dash.server import streamlit_internals as internals
from tests.conftest import ROOT, navigation_pages

URL_OF = {file: url for file, url, _default in navigation_pages()}
DEFAULT = next(file for file, _url, default in navigation_pages() if default)


def landing(page_file: str, params: dict | None = None, state: dict | None = None, timeout: float = 60) -> AppTest:
    """An AppTest that has run once, on ``page_file``, with these URL parameters and widget state."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if page_file != DEFAULT:
        internals.open_page(at, URL_OF[page_file])
    return at.run()
