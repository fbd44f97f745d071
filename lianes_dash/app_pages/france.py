"""Carte de France: engaged collectivities as points over a choropleth of départements or régions.

A click on a département (or région) filters the whole dashboard by it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from lianes_dash.analysis import metrics as M
from lianes_dash.analysis import regional as R
from lianes_dash.analysis.filters import Filters, without
from lianes_dash.dataset import schema as S
from lianes_dash.server import assets
from lianes_dash.text.french import fmt_int, plural
from lianes_dash.text.i18n import t
from lianes_dash.ui import cache, navigation, selection, state, tables
from lianes_dash.ui.common import chart_caption, figure_caption, page_context, show_chart
from lianes_dash.ui.sidebar import filter_key
from lianes_dash.ui.state import filtered
from lianes_dash.views import figures as F
from lianes_dash.views import sharing

MAP_KEY = "france_map"
#: level → (filter field the click sets, choice label)
LEVELS = {"departement": ("departements", "Départements"), "region": ("regions", "Régions")}


# ``cache.per_dataset``: shared for the bundled data, keyed on (dataset, filters, …); the
# frames (``_links`` = the dataset under ``filters``, ``_collectivities``) are not hashed.
@cache.per_dataset(max_entries=64)
def _areas(
    filters: Filters, level: str, measure: str, _links: pd.DataFrame, _collectivities: pd.DataFrame
) -> pd.DataFrame:
    return M.per_area(_links, _collectivities, level, measure)


@cache.per_dataset(max_entries=32)
def _figure(
    filters: Filters, level: str, measure: str, show_points: bool, caption: sharing.Caption, _build
) -> go.Figure:
    """The map itself, with its caption: everything it shows follows from these keys. NOTE:
    ``st.plotly_chart`` serialises a copy (``to_dict``), so the shared figure is never modified."""
    return sharing.add_caption(_build(), caption)


@cache.per_dataset(max_entries=64)
def _points(filters: Filters, _links: pd.DataFrame) -> pd.DataFrame:
    return M.per_collectivity(_links)


def _on_click(chart_key: str, field: str) -> None:
    """Click on an area: filter by it (the shared callback). Click on a collectivity's point:
    filter by the area it lies in, since the points cover much of the map."""
    event = st.session_state.get(chart_key) or {}
    chosen = (event.get("selection") or {}).get("points") or []
    if any(p.get("location") for p in chosen):
        selection.filter_by_clicked_area(chart_key, field)
        return
    codes = [str(p["customdata"][2]) for p in chosen if len(p.get("customdata") or []) > 2 and p["customdata"][2]]
    if codes and codes[0] not in ("", "<NA>", "nan"):
        key = filter_key(field)
        current = list(st.session_state.get(key, []))
        st.session_state[key] = [] if current == [codes[0]] else [codes[0]]


def _build_map(
    metro: pd.DataFrame,
    geojson: dict,
    points: pd.DataFrame,
    level: str,
    measure_label: str,
    percent: bool,
    selected: tuple[str, ...],
    count_label: str,
    focus: tuple[str, ...],
) -> go.Figure:
    return F.france_map(
        metro,
        geojson,
        points,
        measure_label=measure_label,
        percent=percent,
        selected=selected,
        count_label=count_label,
        area_column=S.DEPARTEMENT,
        focus=focus,
        geojson_url=assets.json_url(geojson, str(level)),
    )


def _table(frame: pd.DataFrame, singular: str, count_label: str, measure_label: str, measure: str) -> Styler:
    """The values with French labels and French number formats; numbers stay numbers (sorted and
    right-aligned), an unknown population or value reads « inconnue » / « – », never « 0 » or « None »."""
    name_col, count_col = singular.capitalize(), count_label.capitalize()
    pop_col = t(S.label(S.POPULATION))
    table = pd.DataFrame(
        {
            t("Code"): frame[S.CODE].astype(str),
            name_col: frame[S.NAME].astype(str),
            pop_col: frame[S.POPULATION].astype(float),
            count_col: frame[S.COUNT].astype(int),
            measure_label: frame[S.VALUE].astype(float),
        }
    )
    return (
        table.style.format(fmt_int, subset=[pop_col], na_rep=t("inconnue"))
        .format(fmt_int, subset=[count_col])
        .format(lambda v: R.format_measure(v, measure), subset=[measure_label], na_rep="–")
    )


def render() -> None:
    ctx = page_context()
    ref = ctx.ref

    st.title(navigation.heading("france"))
    st.caption(
        t(
            "Chaque point est une collectivité engagée (taille : nombre de liens ; couleur : type). "
            "Le fond colore les départements ou les régions selon l'indicateur choisi."
        )
    )

    left, right = st.columns(2)
    with left:
        level = st.segmented_control(
            t("Découpage"),
            options=list(LEVELS),
            format_func=lambda v: t(LEVELS[v][1]),
            default="departement",
            key="france_level",
        )
    with right:
        # Radio buttons wrap on a phone; a segmented control cut « Part des communes eng… ».
        measure = st.radio(
            t("Indicateur"),
            options=list(R.AREA_MEASURES),
            format_func=lambda v: t(R.AREA_MEASURES[v][0]),
            index=0,
            horizontal=True,
            key="france_measure",
        )
    # A segmented control can be unselected by a second click: fall back to the defaults.
    level = level or "departement"
    measure = measure or "per_100k"
    field, _ = LEVELS[level]
    measure_label, percent = R.AREA_MEASURES[measure]
    measure_label = t(measure_label)
    singular_fr, plural_fr = R.AREA_LEVELS[level]
    singular, plural_noun = t(singular_fr), t(plural_fr)

    # The colours ignore the filter of the level drawn (the clicked département stays
    # outlined among the others instead of being the only coloured one); every other filter applies.
    context_filters = without(ctx.filters, **{field: ()})
    context_links = filtered(ctx.ds, context_filters)
    selected = tuple(getattr(ctx.filters, field))
    areas = _areas(ctx.ds, context_filters, level, measure, context_links, ref.collectivities)
    metro, overseas = R.split_overseas(areas, level)

    # The areas the selection holds (a département, the départements of a région): coloured and framed;
    # the rest of France stays as a light grey background.
    focus = R.focus_areas(level, ctx.filters.departements, ctx.filters.regions, ref.collectivities)
    # Points off by default on all of France (3 000 points hide the colours, the main message);
    # on by default once a territory is chosen, where they are few and are what one looks for.
    show_points = st.toggle(t("Afficher les collectivités engagées (points)"), value=bool(focus), key="france_points")
    all_points = _points(ctx.ds, ctx.filters, ctx.links)
    metro_points = R.metropolitan_points(all_points, F.METRO_LON, F.METRO_LAT)
    # Beyond a few thousand points the figure weighs megabytes and every rerun resends it:
    # only the most engaged are drawn (and always those chosen in the filters); the areas use all data.
    points = R.cap_points(metro_points, R.POINTS_CAP, ctx.filters.collectivities).copy()
    # Each point carries the code of its area, so that a click on a point selects the area too.
    if level == "departement":
        points[S.DEPARTEMENT] = points[S.FR_DEPARTEMENT].astype("string")
    else:
        points[S.DEPARTEMENT] = R.point_regions(points, ref.collectivities)
    geojson = state.metropolitan_outlines(level)
    count_label = t("liens") if measure == "per_100k" else t("communes engagées")

    map_title = t("Carte de France par {singular} : {measure}", singular=singular, measure=measure_label.lower())
    caption = chart_caption(map_title)
    show_chart(
        _figure(
            ctx.ds,
            ctx.filters,
            level,
            measure,
            show_points,
            caption,
            lambda: _build_map(
                metro,
                geojson,
                points if show_points else points.iloc[:0],
                level,
                measure_label,
                percent,
                selected,
                count_label,
                focus,
            ),
        ),
        f"carte_france_{plural_fr}",
        key=MAP_KEY,
        on_change=_on_click,
        args=(MAP_KEY, field),
        alt=map_title,
    )
    hint = t(
        "Cliquez sur un {singular} (ou sur une collectivité qui s'y trouve) pour filtrer tout le tableau de bord "
        "sur ce territoire ; un second clic retire ce filtre.",
        singular=singular,
    )
    if selected:
        names = areas.set_index(S.CODE)[S.NAME]
        chosen = ", ".join(str(names.get(c, c)) for c in selected)
        hint += t(" Sélection actuelle : {chosen} (contour rouge).", chosen=chosen)
    if focus:
        hint += t(
            " La carte est centrée sur la sélection ; les autres {plural_noun} restent en gris clair, pour situer, "
            "sans valeur affichée.",
            plural_noun=plural_noun,
        )
    st.caption(hint)
    if measure == "per_100k":
        st.caption(
            t(
                "Liens pour 100 000 habitants : liens des collectivités situées dans le territoire (communes, "
                "intercommunalités par leur siège, département{region}), rapportés à sa {population} (INSEE).",
                region=t(", région") if level == "region" else "",
                population=t(S.POPULATION_LABEL),
            )
            + (t(" Les liens des régions ne sont rattachés à aucun département.") if level == "departement" else "")
        )
    else:
        st.caption(
            t(
                "Part des communes engagées : communes ayant au moins un lien, sur l'ensemble des communes du territoire."
            )
        )
    if show_points and len(points) < len(metro_points):
        st.caption(
            t(
                "{n} collectivités sur {total}, les plus engagées : pour rester "
                "rapide, la carte ne place que celles qui ont le plus de liens (et celles choisies dans les filtres) ; "
                "le fond coloré compte toutes les collectivités de la sélection.",
                n=fmt_int(len(points)),
                total=fmt_int(len(metro_points)),
            )
        )
    hidden = len(all_points) - len(metro_points)
    if show_points and hidden:
        st.caption(
            t(
                "{n} d'outre-mer, hors du cadre de la carte.",
                n=plural(hidden, "collectivité engagée", "collectivités engagées"),
            )
        )
    figure_caption(R.area_summary(metro, level, measure))

    # ---------------------------------------------------------------------------
    # Outre-mer: outside the metropolitan frame, so listed here rather than hidden.
    # ---------------------------------------------------------------------------

    st.subheader(t("Outre-mer"))
    if overseas.empty:
        st.caption(t("Aucun {singular} d'outre-mer dans le référentiel.", singular=singular))
    else:
        st.caption(
            t(
                "Les {plural_noun} d'outre-mer sont hors du cadre métropolitain de la carte ; leurs valeurs sont ici.",
                plural_noun=plural_noun,
            )
        )
        tables.show_table(_table(overseas, singular, count_label, measure_label, measure))

    st.subheader(t("Valeurs par {singular}", singular=singular))
    st.caption(t("Cliquez sur un en-tête de colonne pour trier."))
    # NOTE: an area without a value (no known population) is named below rather than listed with an
    # empty value among the ranked ones.
    known = areas.dropna(subset=[S.VALUE]).sort_values([S.VALUE, S.NAME], ascending=[False, True])
    tables.show_table(_table(known, singular, count_label, measure_label, measure), height=420)
    missing = areas.loc[areas[S.VALUE].isna(), S.NAME].astype(str).tolist()
    summary = t(
        "{areas}, dont {n} avec au moins {what} dans la sélection.",
        areas=plural(len(areas), singular_fr, plural_fr),
        n=fmt_int(int((areas[S.COUNT] > 0).sum())),
        what=t("un lien") if measure == "per_100k" else t("une commune engagée"),
    )
    if missing:
        summary += t(" Sans valeur (population inconnue dans le référentiel) : {names}.", names=", ".join(missing))
    st.caption(summary)
