"""The presentation deck as ONE self-contained HTML document (no network at all).

Slides are ``<section>`` elements; the plotly figures travel as JSON and are drawn once,
by a single inlined plotly.js (the copy shipped in the ``plotly`` package); the world
topojson is pre-registered in ``window.PlotlyGeoAssets`` so plotly.js never fetches it.
A few lines of vanilla JS (``assets/deck.js``) run the timer, the keys, the pause and
remember the position. The Streamlit page shows this very document in an iframe, and
the export is the same bytes: what is rehearsed is what is projected.

Also the ``deck`` command: ``python -m lianes_dash deck --out build/presentation.html``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import plotly
import plotly.io as pio

from lianes_dash.analysis.filters import Filters
from lianes_dash.text.i18n import language, t
from lianes_dash.views.slides import Slide

ROOT = Path(__file__).resolve().parents[2]
ASSETS = Path(__file__).resolve().parent / "assets"
TOPOJSON_DIR = ROOT / "static" / "topojson"

#: The control bar's icons, drawn in SVG. Glyphs (⏸ ⛶) came out as empty boxes on a host
#: whose fonts lack them; a path needs no font at all.
_SVG = '<svg class="icon{cls}" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="{d}"/></svg>'
ICONS: dict[str, str] = {
    "prev": _SVG.format(cls="", d="M15.5 4 7 12l8.5 8V4z"),
    "next": _SVG.format(cls="", d="M8.5 4v16L17 12 8.5 4z"),
    "pause": _SVG.format(cls=" i-pause", d="M6 4h4v16H6zM14 4h4v16h-4z"),
    "play": _SVG.format(cls=" i-play", d="M7 4v16l13-8L7 4z"),
    "full": _SVG.format(cls="", d="M3 3h7v2H5v5H3V3zm11 0h7v7h-2V5h-5V3zM3 14h2v5h5v2H3v-7zm16 0h2v7h-7v-2h5v-5z"),
}
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"

DEFAULT_INTERVAL = 15
MIN_INTERVAL = 0.2
MAX_INTERVAL = 3600
DOCUMENT_TITLE = "Lianes Dash · présentation"


@lru_cache(maxsize=4)
def _read(path: Path) -> str:
    """Asset files, read once per process (plotly.min.js weighs ~5 MB)."""
    return path.read_text(encoding="utf-8")


#: The deck's own inline scripts (the topojson registration, then deck.js): the app's
#: Content-Security-Policy allows exactly these by their hashes (``server/headers.py``).
GEO_ASSETS_SCRIPT = (
    "window.PlotlyGeoAssets={topojson:JSON.parse(document.getElementById('deck-topojson').textContent)};"
)
DECK_JS = ASSETS / "deck.js"


def inline_scripts() -> tuple[str, ...]:
    """The inline scripts of a deck shown in the app (plotly.js linked, not inline)."""
    return (GEO_ASSETS_SCRIPT, _read(DECK_JS))


def json_for_script(value: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` in clear.

    NOTE: a name such as ``</script><script>…`` in the data must stay text; the escapes
    are valid JSON and ``JSON.parse`` restores the characters.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_json(slide: Slide) -> dict | None:
    """The slide's figure as plotly JSON, sized by its container (the deck scales fonts)."""
    if slide.figure is None:
        return None
    spec = json.loads(pio.to_json(slide.figure, validate=False, remove_uids=True))
    layout = spec.setdefault("layout", {})
    for key in ("height", "width", "template"):
        layout.pop(key, None)
    layout["autosize"] = True
    layout["paper_bgcolor"] = "rgba(0,0,0,0)"
    layout["plot_bgcolor"] = "rgba(0,0,0,0)"
    return {"data": spec.get("data", []), "layout": layout}


def topojson_names(figures: Sequence[dict]) -> set[str]:
    """The plotly.js topojson files the figures need (``world_110m`` …), as plotly.js names them."""
    names: set[str] = set()
    for fig in figures:
        geo_traces = [t for t in fig["data"] if t.get("type") in ("choropleth", "scattergeo")]
        if not geo_traces:
            continue
        for key, value in fig["layout"].items():
            if key.startswith("geo") and isinstance(value, dict):
                scope = str(value.get("scope", "world")).replace(" ", "-")
                names.add(f"{scope}_{value.get('resolution', 110)}m")
        if not any(k.startswith("geo") for k in fig["layout"]):
            names.add("world_110m")
    return names


def _topojson(names: set[str]) -> dict[str, object]:
    out = {}
    for name in sorted(names):
        path = TOPOJSON_DIR / f"{name}.json"
        if not path.exists():
            raise FileNotFoundError(f"fond de carte manquant : {path} (voir static/topojson)")
        out[name] = json.loads(_read(path))
    return out


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _slide_header(slide: Slide) -> list[str]:
    parts = ["<header>"]
    if slide.kicker:
        parts.append(f'<p class="kicker">{_esc(slide.kicker)}</p>')
    parts.append(f"<h1>{_esc(slide.title)}</h1>")
    if slide.lead:
        parts.append(f'<p class="lead">{_esc(slide.lead)}</p>')
    parts.append("</header>")
    return parts


def _slide_quote(slide: Slide) -> list[str]:
    size = sum(len(p) for p in slide.paragraphs)
    parts = [f'<blockquote class="{"quote long" if size > 700 else "quote"}">']
    parts.extend(f"<p>{_esc(p)}</p>" for p in slide.paragraphs)
    parts.append("</blockquote>")
    if slide.attribution:
        who, *rest = slide.attribution
        parts.append(
            f'<p class="attribution"><strong>{_esc(who)}</strong>'
            + "".join(f"<span>{_esc(r)}</span>" for r in rest)
            + "</p>"
        )
    return parts


def _slide_body(i: int, slide: Slide) -> list[str]:
    parts = ['<div class="body">']
    if slide.numbers:
        parts.append('<div class="numbers">')
        for num in slide.numbers:
            parts.append(
                f'<div class="number"><span class="value">{_esc(num.value)}</span>'
                f'<span class="label">{_esc(num.label)}</span></div>'
            )
        parts.append("</div>")
    if slide.figure is not None:
        parts.append(f'<div class="figure" data-figure="{i}" role="img" aria-label="{_esc(slide.summary)}"></div>')
    if slide.paragraphs:
        parts += _slide_quote(slide)
    if slide.items:
        parts.append('<ul class="items">' + "".join(f"<li>{_esc(it)}</li>" for it in slide.items) + "</ul>")
    parts.append("</div>")
    return parts


def _slide_html(i: int, slide: Slide, n: int) -> str:
    kinds = ["slide", f"slide-{slide.key}"]
    kinds += [kind for kind, present in (("has-figure", slide.figure is not None), ("has-numbers", bool(slide.numbers)),
                                         ("has-quote", bool(slide.paragraphs))) if present]  # fmt: skip
    parts = [
        f'<section class="{" ".join(kinds)}" data-key="{_esc(slide.key)}" '
        f'aria-roledescription="{_esc(t("diapositive"))}" '
        f'aria-label="{_esc(t("{i} sur {n} : {title}", i=i + 1, n=n, title=slide.title))}" aria-hidden="true">',
        *_slide_header(slide),
        *_slide_body(i, slide),
        "<footer>",
        f'<p class="source">{_esc(slide.source)}</p>',
    ]
    if slide.credit:
        parts.append(f'<p class="credit">{_esc(slide.credit)}</p>')
    parts.append(f'<p class="pageno">{i + 1} / {n}</p>')
    parts.append("</footer></section>")
    return "".join(parts)


def render_deck(
    slides: Sequence[Slide],
    *,
    interval: float = DEFAULT_INTERVAL,
    start: int | None = None,
    storage_key: str = "",
    exit_url: str | None = None,
    embedded: bool = False,
    plotly_src: str | None = None,
    topojson_url: str | None = None,
) -> str:
    """The whole deck as one HTML document (str).

    ``start`` is the 1-based slide to open on (else the remembered one); ``storage_key``
    separates the remembered positions of different decks (e.g. the filters' URL form);
    ``exit_url`` adds a « Quitter » control (relative to the page embedding the deck);
    ``embedded`` tells the script it runs inside the Streamlit page's iframe; ``plotly_src``
    links to plotly.js (served and cached by the app) instead of writing its 4.7 MB into the deck;
    ``topojson_url`` is the folder plotly.js fetches the basemaps from (the app's ``static/topojson/``),
    instead of writing them into the deck.
    """
    if not slides:
        raise ValueError("une présentation a au moins une diapositive")
    interval = min(max(float(interval), MIN_INTERVAL), MAX_INTERVAL)
    figures = {str(i): f for i, s in enumerate(slides) if (f := figure_json(s)) is not None}
    config = {
        "interval": interval,
        "start": start,
        "key": storage_key,
        "exit": exit_url,
        "embedded": embedded,
        "figures": figures,
        "labels": {"pause": t("Pause"), "resume": t("Reprendre")},
    }
    if topojson_url:
        config["topojsonURL"] = topojson_url
    geo_assets = ""
    if not topojson_url:
        # Plotly.js keeps an existing window.PlotlyGeoAssets and looks topojson up in it
        # before fetching; pre-registering the files makes maps draw with no network.
        topo = _topojson(topojson_names(list(figures.values())))
        geo_assets = (
            f'<script type="application/json" id="deck-topojson">{json_for_script(topo)}</script>'
            f"<script>{GEO_ASSETS_SCRIPT}</script>"
        )
    n = len(slides)
    body = "".join(_slide_html(i, s, n) for i, s in enumerate(slides))
    controls = (
        f'<nav class="controls" aria-label="{_esc(t("Commandes de la présentation"))}">'
        f'<button type="button" data-act="prev" title="{_esc(t("Précédente (←, Page préc.)"))}" '
        f'aria-label="{_esc(t("Précédente"))}">{ICONS["prev"]}</button>'
        f'<button type="button" data-act="pause" title="{_esc(t("Pause / reprise (Espace, P)"))}" '
        f'aria-label="{_esc(t("Pause"))}">'
        f"{ICONS['pause']}{ICONS['play']}</button>"
        f'<button type="button" data-act="next" title="{_esc(t("Suivante (→, Page suiv.)"))}" '
        f'aria-label="{_esc(t("Suivante"))}">{ICONS["next"]}</button>'
        '<span class="position" aria-live="polite"></span>'
        f'<span class="hint">{_esc(t("← → défiler · Espace/P pause · F plein écran · B écran noir"))}</span>'
        f'<button type="button" data-act="full" title="{_esc(t("Plein écran (F)"))}">{ICONS["full"]} '
        f"{_esc(t('Plein écran'))}</button>"
        + (f'<a class="exit" href="{_esc(exit_url)}" target="_top">{_esc(t("Quitter"))}</a>' if exit_url else "")
        + "</nav>"
    )
    return (
        f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(t(DOCUMENT_TITLE))}</title>"
        f"<style>{_read(ASSETS / 'deck.css')}</style>"
        f"{geo_assets}"
        # A linked plotly.js loads without blocking the first slide (deck.js draws the figures once it is there).
        + (
            f'<script id="deck-plotly" src="{_esc(plotly_src)}" async></script>'
            if plotly_src
            else f"<script>{_read(PLOTLY_JS)}</script>"
        )
        + "</head><body>"
        '<div class="progress"><div class="bar"></div></div>'
        f'<main class="deck" aria-roledescription="{_esc(t("présentation"))}">{body}</main>'
        f'<div class="paused-badge" role="status">{_esc(t("En pause · Espace pour reprendre"))}</div>'
        '<div class="blackout"></div>'
        f"{controls}"
        f'<script type="application/json" id="deck-config">{json_for_script(config)}</script>'
        f"<script>{_read(DECK_JS)}</script>"
        "</body></html>"
    )


# ---------------------------------------------------------------------------
# Command line: python -m lianes_dash deck …
# ---------------------------------------------------------------------------


def _interval(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"intervalle invalide : {text!r} (un nombre de secondes)") from None
    if not MIN_INTERVAL <= value <= MAX_INTERVAL:
        raise argparse.ArgumentTypeError(f"intervalle hors limites : {text} (entre {MIN_INTERVAL} et {MAX_INTERVAL} s)")
    return value


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``deck`` command (see ``lianes_dash.__main__``)."""
    p = subparsers.add_parser(
        "deck",
        help="exporter la présentation en un seul fichier HTML autonome",
        description="Écrit la présentation (diapositives, cartes, défilement automatique) dans un seul fichier "
        "HTML qui s'ouvre sans réseau. Les filtres se combinent comme dans le tableau de bord.",
    )
    p.add_argument("--out", required=True, type=Path, help="fichier HTML à écrire (ex. build/presentation.html)")
    p.add_argument("--intervalle", type=_interval, default=DEFAULT_INTERVAL, help="secondes par diapositive (15)")
    p.add_argument(
        "--donnees", type=Path, help="fichier de liens canonique (Parquet ou CSV) au lieu des données livrées"
    )
    p.add_argument("--departement", action="append", default=[], help="code de département, répétable (ex. 59)")
    p.add_argument("--region", action="append", default=[], help="code de région, répétable (ex. 32)")
    p.add_argument("--type", action="append", default=[], dest="types", help="type de collectivité, répétable")
    p.add_argument("--continent", action="append", default=[], help="continent partenaire, répétable")
    p.add_argument("--pays", action="append", default=[], help="pays partenaire (ISO-3), répétable (ex. BFA)")
    p.add_argument("--theme", action="append", default=[], help="thème, répétable")
    p.add_argument("--lien", action="append", default=[], help="type de lien, répétable")
    p.add_argument("--de", type=int, help="année de début minimale")
    p.add_argument("--a", type=int, help="année de début maximale")
    p.set_defaults(run=run)


def build_from_files(filters: Filters, links_file: Path | None = None, today: dt.date | None = None) -> list[Slide]:
    """Slides from the data files (bundled links, or ``links_file``), for the command line."""
    from types import SimpleNamespace

    from lianes_dash.analysis.filters import filter_links
    from lianes_dash.dataset import data as D
    from lianes_dash.views.slides import build_slides

    coll, countries = D.load_collectivities(), D.load_countries()
    raw = D.read_links_file(links_file.resolve() if links_file else D.NATIONAL_LINKS_FILE)
    links = filter_links(D.enrich_links(raw, coll, countries), filters)
    ref = SimpleNamespace(
        collectivities=coll,
        countries=countries,
        departements_geojson=D.load_geojson(D.DEPARTEMENTS_GEOJSON),
        named=D.load_named(),
        testimonials=D.load_testimonials(),
    )
    return build_slides(links, ref, filters, today=today)


def run(args: argparse.Namespace) -> int:
    """``deck`` command: write the file, say where and how big."""
    filters = Filters(
        regions=tuple(args.region),
        departements=tuple(args.departement),
        types=tuple(args.types),
        continents=tuple(args.continent),
        countries=tuple(args.pays),
        themes=tuple(args.theme),
        kinds=tuple(args.lien),
        year_min=args.de,
        year_max=args.a,
    )
    slides = build_from_files(filters, args.donnees, today=dt.date.today())
    from lianes_dash.analysis.filters import to_query

    key = "&".join(f"{k}={v}" for k, v in sorted(to_query(filters).items()))
    page = render_deck(slides, interval=args.intervalle, storage_key="export:" + key)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    size = args.out.stat().st_size / 1e6
    print(f"{args.out} : {len(slides)} diapositives, {size:.1f} Mo, une diapositive toutes les {args.intervalle:g} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m lianes_dash.views.deck …`` (same options as ``python -m lianes_dash deck``)."""
    from lianes_dash.__main__ import main as cli_main

    return cli_main(["deck", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
