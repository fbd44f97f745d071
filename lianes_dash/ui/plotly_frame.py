"""The charts drawn with plotly.js cut to their traces, in a component frame, instead of Streamlit's chunk.

``st.plotly_chart`` makes the browser fetch and evaluate Streamlit's plotly chunk (4.7 MB, every
trace type) before any map draws. ``static/plotly/`` holds a plotly.js of the same version with
only the traces the figures use (``scripts/build_plotly_bundle.sh``, ~1.4 MB) and a small
component (``index.html``, ``chart.js``) that draws one figure with it, themed as Streamlit
themes its own charts, and sends back a click as ``st.plotly_chart`` does (``{"selection":
{"points": [...]}}`` in ``st.session_state[key]``), so the pages' callbacks do not change.

``LIANES_PLOTLY_BUNDLE`` chooses: ``partial`` (the default) or ``streamlit`` (``st.plotly_chart``,
for an A/B measure). The partial bundle is used only where the app serves it
(:func:`serve_bundle`, called by ``server/assets.py`` once ``app.py`` mounts it, with a long
cache): under ``streamlit run dashboard.py`` and in AppTest, charts stay ``st.plotly_chart``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
import streamlit.components.v1 as components

from lianes_dash.text.i18n import t

#: The component's files and the partial bundle (vendored, see its PROVENANCE.md).
STATIC = Path(__file__).resolve().parents[2] / "static" / "plotly"
BUNDLE_FILE = STATIC / "plotly-lianes.min.js"
#: Environment variable choosing how charts are drawn: ``partial`` or ``streamlit``.
BUNDLE_ENV = "LIANES_PLOTLY_BUNDLE"
CHOICES = ("partial", "streamlit")
DEFAULT = "partial"
#: Name of the component (Streamlit serves its files at ``component/<module>.<name>/``).
NAME = "plotly_frame"
#: Height of a figure that sets none, as ``st.plotly_chart`` draws it.
DEFAULT_HEIGHT = 450

_SERVED: dict[str, str] = {}


def choice() -> str:
    """``LIANES_PLOTLY_BUNDLE``, or the default when unset or unknown."""
    value = os.environ.get(BUNDLE_ENV, "").strip().lower()
    return value if value in CHOICES else DEFAULT


def bundle_path(body: bytes) -> str:
    """Where the app serves the bundle: its content's hash in the name, so it may be cached for good."""
    return f"/_lianes/plotly-lianes-{hashlib.sha256(body).hexdigest()[:16]}.min.js"


def serve_bundle(path: str) -> None:
    """Say that the app serves the bundle at ``path`` (from its root); charts may then use it."""
    _SERVED["bundle"] = path


def active() -> bool:
    """True when charts are drawn with the partial bundle (chosen, and served by the app)."""
    return choice() == "partial" and "bundle" in _SERVED


@cache
def _font_url() -> str:
    """Streamlit's own Source Sans file, relative to the app's root (chart titles are drawn in it)."""
    media = Path(st.__file__).resolve().parent / "static" / "static" / "media"
    found = sorted(media.glob("SourceSansVF-Upright*.woff2"))
    return f"static/media/{found[0].name}" if found else ""


@cache
def _component() -> Any:
    return components.declare_component(NAME, path=str(STATIC))


def figure_height(fig: go.Figure) -> int:
    """The frame's height: the figure's, or ``st.plotly_chart``'s default."""
    height = fig.layout.height
    return int(height) if height is not None and height >= 10 else DEFAULT_HEIGHT


def draw(
    fig: go.Figure,
    config: dict,
    *,
    key: str,
    select: bool = False,
    on_change: Callable[[], None] | None = None,
    alt: str | None = None,
) -> Any:
    """Draw ``fig`` in the component; returns the last selection (``{"selection": {"points": …}}``) or None.

    NOTE: ``key`` keeps the frame when the figure changes (a new figure is drawn in place by
    ``Plotly.react``); without it every filter change would load a new frame and the bundle again.
    """
    spec = pio.to_json(fig, validate=False)
    return _component()(
        spec=spec,
        config=config,
        select=select,
        alt=alt or "",
        height=figure_height(fig),
        bundle=_SERVED["bundle"].lstrip("/"),
        font=_font_url(),
        fullscreen=[t("Plein écran"), t("Quitter le plein écran")],
        key=key,
        on_change=on_change,
        default=None,
    )
