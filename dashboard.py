"""Lianes Dash: entry point. ``streamlit run dashboard.py``.

Sets the language (``?lang=en`` or the sidebar switch; French by default) and the page config,
loads the data (a clear French page if it is broken: on every page for the reference, on the
pages that show the links for the links file), draws the shared filters, then runs the page the navigation picked. Whatever goes wrong, the visitor
gets French: a data-file page, a note naming the URL parameters ignored, or a short error
message with a reference (the traceback goes to the server log only).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lianes_dash.dataset.data import DataFileError
from lianes_dash.text.i18n import t
from lianes_dash.ui import common, lang, navigation, share, sidebar, url_params
from lianes_dash.ui.state import dataset, filtered, loading_message, reference

# The language first (URL ``lang=en`` or the switch): everything drawn below reads it.
lang.start_run()
st.set_page_config(
    page_title=t(navigation.APP_TITLE),
    page_icon=str(Path(__file__).resolve().parent / "static" / "favicon.png"),
    layout="wide",
    # « auto »: open on a computer, folded on a phone (it covered three quarters of its first screen).
    initial_sidebar_state="auto",
)

# The embed view (one chart in an article's iframe) has neither menu nor filters.
embedded = share.is_embed()
page = st.navigation(navigation.st_navigation_pages(), position="hidden" if embedded else "sidebar")
# The note naming the URL parameters ignored, at the top of the page (filled as they are found).
url_params.begin(page.url_path, st.empty())
links_error: DataFileError | None = None
try:
    with loading_message():
        # The reference first: every page needs it (the import resolves names against it).
        reference()
        try:
            ds = dataset()
        except DataFileError as error:
            # NOTE: the bundled links: only the pages that show them need them. The import page and
            # « À propos » name the broken file at their top and run all the same.
            if navigation.needs_links(page.url_path):
                raise
            links_error = error
except DataFileError as error:
    common.data_error_page(error)
    st.stop()
except Exception as error:  # noqa: BLE001 — the last net, also while loading
    common.unexpected_error_page(error)
    st.stop()

if links_error is not None:
    try:
        if not embedded:
            lang.switch()
        common.data_error_page(links_error)
        page.run()
    except DataFileError as error:
        common.data_error_page(error)
    except Exception as error:  # noqa: BLE001 — the last net: French message, traceback to the log
        common.unexpected_error_page(error)
    st.stop()

try:
    if not embedded:
        lang.switch()
    filters = sidebar.read_only(ds) if embedded else sidebar.render(ds)
    links = filtered(ds, filters)
    if not embedded:
        sidebar.count_caption(len(links), len(ds.links))
        share.panel(page.url_path)
    common.dataset_banner(ds, links)
    page.run()
except DataFileError as error:
    # NOTE: files only some pages read (outlines, brochure tables) load lazily: a broken
    # one shows the French error page on those pages; the others keep working.
    common.data_error_page(error)
except Exception as error:  # noqa: BLE001 — the last net: French message, traceback to the log
    common.unexpected_error_page(error)
