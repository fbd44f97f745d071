"""A chart or map that stands alone once shared: title, filters, source and date inside the figure.

A PNG or SVG taken with plotly's camera button is the figure as drawn, nothing around it; a
screenshot of the projector is the same. So the words that make it citable (what is counted,
for which selection, from which source under which licence, on which day) are part of the
figure itself, in the manner of Datawrapper and OWID's grapher, and the image is exported at
an article's size. Pure plotly: the pages decide what to say, this module how it is laid out.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import plotly.graph_objects as go

from lianes_dash.text.french import fmt_date
from lianes_dash.views.figprops import update_layout

NBSP = "\u00a0"

#: Size of an exported image, in CSS pixels (16:9, the width of an article's column at 2×).
ARTICLE_WIDTH, ARTICLE_HEIGHT = 1200, 675
#: Longest line of the title, and of the subtitle and footer, before it wraps (plotly does not
#: wrap text itself). Short enough for a chart in half a 1280 px page.
TITLE_WRAP, WRAP = 38, 56
#: Grey of the subtitle and footer: secondary to the figure, legible on a projector (contrast 7:1).
MUTED = "#4d4d4d"
#: Room per line of text, in pixels, added to the figure's margins so the plot keeps its size.
LINE = 17
TITLE_ROOM = 34
LEGEND_ROW = 24


@dataclass(frozen=True)
class Caption:
    """The words that make a figure citable on its own."""

    title: str
    #: The selection in words (« France entière », « Pays : Burkina Faso »).
    scope: str
    #: Sources and licences (« Données : Wikidata contributors, CC0 1.0 · … »).
    credit: str
    day: dt.date
    #: Product name after the credit: says where the image was made.
    maker: str = "Lianes Dash"


def plain(text: str) -> str:
    """User or data text made inert for plotly's pseudo-HTML (``<b>``, ``<a href>``, ``<br>``).

    NOTE: collectivity names and imported file names reach the subtitle; escaped, a name such as
    « <a href=…> » is drawn as characters and never becomes a link or markup.
    """
    return html.escape(str(text), quote=False)


def _wrapped(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]


def footer_text(caption: Caption) -> str:
    """« Données : … · Lianes Dash, 1 décembre 2026 », escaped and wrapped."""
    parts = [caption.credit] if caption.credit else []
    # NOTE: the date stays on one line (no-break spaces; textwrap breaks on ASCII spaces only).
    parts.append(f"{caption.maker}, {fmt_date(caption.day).replace(' ', NBSP)}")
    return "<br>".join(plain(line) for line in _wrapped(" · ".join(parts)))


def _axis_room(fig: go.Figure) -> int:
    """Room under the plot for a visible x axis's tick labels (and title), which the footer must clear.

    NOTE: plotly widens the margin for them by itself (automargin), but the footer is placed from
    the plot's bottom edge, so without this room it would sit on the tick labels.
    """
    cartesian = any(t.type in ("bar", "scatter", "histogram", "box") for t in fig.data)
    axis = fig.layout.xaxis
    if not cartesian or axis.visible is False or axis.showticklabels is False:
        return 0
    return 26 + (LINE + 4 if axis.title.text else 0)


def for_sharing(fig: go.Figure, caption: Caption) -> go.Figure:
    """A copy of ``fig`` carrying its title, the selection, the source and the date."""
    return add_caption(go.Figure(fig), caption)


def add_caption(out: go.Figure, caption: Caption) -> go.Figure:
    """Give ``out`` (changed in place, and returned) its title, selection, source and date.

    The margins grow by the room the text takes, so the plot area keeps its size on screen; the
    camera button exports it at :data:`ARTICLE_WIDTH` × :data:`ARTICLE_HEIGHT` (see the page's
    chart configuration). NOTE: in place because copying a map with its GeoJSON costs ~100 ms;
    a figure shared between sessions must go through :func:`for_sharing` instead.
    """
    title_lines = _wrapped(caption.title, TITLE_WRAP)
    # No scope line for a figure about one place with no filter: « Halluin : ses partenaires dans le
    # monde — France entière » read as a contradiction once shared.
    scope_lines = _wrapped(caption.scope) if caption.scope else []
    footer = footer_text(caption)
    footer_lines = footer.count("<br>") + 1
    margin = out.layout.margin
    top = (margin.t or 0) + TITLE_ROOM + 20 * (len(title_lines) - 1) + LINE * len(scope_lines)
    bottom = (margin.b or 0) + 8 + LINE * footer_lines + _axis_room(out)
    added = top - (margin.t or 0) + bottom - (margin.b or 0)
    if out.layout.legend.orientation == "h" and out.layout.showlegend is not False:
        # NOTE: a horizontal legend under the plot would sit where the footer goes; above the
        # plot, under the subtitle, it reads first. Room for it: a row per three entries.
        entries = sum(1 for t in out.data if t.showlegend is not False and t.name)
        rows = max(1, math.ceil(entries / 3)) + (1 if out.layout.legend.title.text else 0)
        top += LEGEND_ROW * rows
        added += LEGEND_ROW * rows
        update_layout(out, legend={"x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "xref": "paper"})
    update_layout(
        out,
        title={
            "text": "<br>".join(f"<b>{plain(line)}</b>" for line in title_lines),
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            # Plotly places a title of several lines by its first line's baseline.
            "pad": {"t": 6 + 20 * (len(title_lines) - 1), "l": 4},
            "font": {"size": 17},
            "subtitle": {
                "text": "<br>".join(plain(line) for line in scope_lines),
                "font": {"size": 12, "color": MUTED},
            },
        },
        margin={"t": top, "b": bottom},
        height=(out.layout.height or 450) + added,
    )
    # From the figure's left edge when the left margin is known (maps). A chart's left margin grows in the
    # browser for its labels (automargin), unknown here: from the plot's left edge the credit ran past the right
    # edge of a half-width chart (« …OpenStreetMap, ODb »); it is anchored at the figure's right edge instead.
    grows_left = any(t.type in ("bar", "scatter", "histogram", "box") for t in out.data)
    out.add_annotation(
        text=footer,
        x=1 if grows_left else 0,
        xref="paper",
        xanchor="right" if grows_left else "left",
        xshift=(margin.r or 0) - 4 if grows_left else -(margin.l or 0) + 4,
        y=0,
        yref="paper",
        yanchor="top",
        # Below the plot area, in the bottom margin reserved above; geo figures have no
        # axis there, bar charts' tick labels sit in the automargin above it.
        yshift=-(bottom - LINE * footer_lines - 4),
        showarrow=False,
        align="left",
        font={"size": 11, "color": MUTED},
        name="lianes_credit",
    )
    return out


#: Height of an embedded chart's frame, in pixels (the figure, its caption and the link under it).
EMBED_HEIGHT = 720


def app_base(page_address: str, url_path: str) -> str:
    """The app's address (« http://hote:8501/lianes ») from the address of one of its pages.

    The page's address is what the browser shows (base path and reverse proxy included, query
    removed: ``st.context.url``); its page path is taken off its end. The default page is served
    at the app's root, so its path may be absent.
    """
    url = page_address.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    path = url_path.strip("/")
    if path and url.endswith("/" + path):
        url = url[: -len(path) - 1]
    return url


def view_address(app_base: str, url_path: str, params: dict[str, str]) -> str:
    """The full address of a view: « https://hote/lianes/monde?pays=BFA ».

    ``app_base`` is the app's address (« https://hote/lianes »; "" when unknown: the address is
    then relative to the app).
    """
    path = url_path.strip("/")
    query = urlencode(params, quote_via=quote, safe="~:")
    address = f"{app_base.rstrip('/')}/{path}" if app_base else (path or ".")
    return address + (f"?{query}" if query else "")


def iframe_snippet(src: str, title: str, height: int = EMBED_HEIGHT) -> str:
    """The HTML a newsroom pastes to embed a chart; every value escaped for an attribute."""
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )
