"""The baseline of the benchmark: the same pages written the way most Streamlit tutorials do.

A Streamlit script (``AppTest.from_file("bench/naive.py")``); the page to draw is read
from ``st.session_state["naive_page"]`` and the filters from the same session keys as
the real sidebar (``flt_departements``…), so the harness drives both identically.

On purpose, and like the tutorials: the links CSV and the reference files are read on
every rerun, the outlines are built from the GeoJSON with geopandas on every rerun,
nothing is cached, nothing is pre-aggregated, derived values use ``apply`` per row, all
arcs are drawn, the download is built eagerly. It is a yardstick, never used by the app.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from lianes_dash.dataset import schema as S

DATA = Path(os.environ.get("LIANES_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))

st.set_page_config(page_title="Naïf", layout="wide")
page = st.session_state.get("naive_page", "overview")

# --- load everything, every rerun --------------------------------------------------
df = pd.read_csv(DATA / "links" / "bench_naive.csv", dtype={S.FR_CODE: str, S.FR_DEPARTEMENT: str, S.FR_REGION: str})
coll = pd.read_parquet(DATA / "reference" / "collectivites.parquet")
countries = pd.read_parquet(DATA / "reference" / "pays.parquet")
df = df.merge(
    countries[[S.ISO3, S.NAME_FR, S.CONTINENT]].rename(
        columns={S.ISO3: S.PARTNER_COUNTRY, S.NAME_FR: S.PARTNER_COUNTRY_NAME, S.CONTINENT: S.PARTNER_CONTINENT}
    ),
    on=S.PARTNER_COUNTRY,
    how="left",
)
places = coll[[S.TYPE, S.CODE, S.LAT, S.LON, S.POPULATION]].rename(columns={S.TYPE: S.FR_TYPE, S.CODE: S.FR_CODE})
df = df.merge(places, on=[S.FR_TYPE, S.FR_CODE], how="left")
df["decade"] = df[S.START_YEAR].apply(lambda y: int(y) // 10 * 10 if pd.notna(y) else None)
df["theme_list"] = df[S.THEMES_COL].apply(lambda s: str(s).split("|"))

# --- sidebar filters, options recomputed every rerun ---------------------------------
with st.sidebar:
    deps = st.multiselect("Département", sorted(df[S.FR_DEPARTEMENT].dropna().unique()), key="flt_departements")
    continents = st.multiselect("Continent", sorted(df[S.PARTNER_CONTINENT].dropna().unique()), key="flt_continents")
    themes = st.multiselect("Thème", list(S.THEMES), key="flt_themes")
    lo, hi = int(df[S.START_YEAR].min()), int(df[S.START_YEAR].max())
    hi = max(hi, lo + 1)  # NOTE: the bundled data know one start year only; a slider needs two
    if "flt_years" not in st.session_state:
        st.session_state["flt_years"] = (lo, hi)
    years = st.slider("Année de début", lo, hi, key="flt_years")

if deps:
    df = df[df[S.FR_DEPARTEMENT].isin(deps)]
if continents:
    df = df[df[S.PARTNER_CONTINENT].isin(continents)]
if themes:
    df = df[df["theme_list"].apply(lambda ts: any(t in themes for t in ts))]
if tuple(years) != (lo, hi):
    df = df[df.apply(lambda r: pd.notna(r[S.START_YEAR]) and years[0] <= r[S.START_YEAR] <= years[1], axis=1)]


def overview() -> None:
    st.title("Vue d'ensemble")
    c = st.columns(4)
    c[0].metric("Collectivités", len(df.drop_duplicates([S.FR_TYPE, S.FR_CODE])))
    c[1].metric("Liens", len(df))
    c[2].metric("Pays", df[S.PARTNER_COUNTRY].nunique())
    c[3].metric("Partenaires", len(df.drop_duplicates([S.PARTNER_NAME, S.PARTNER_COUNTRY])))
    by_type = df.groupby(S.FR_TYPE).size().reset_index(name="n")
    st.plotly_chart(px.bar(by_type, x="n", y=S.FR_TYPE, orientation="h"))
    themes_count = df.explode("theme_list").groupby("theme_list").size().reset_index(name="n")
    st.plotly_chart(px.bar(themes_count, x="n", y="theme_list", orientation="h"))
    top = df.groupby(S.PARTNER_COUNTRY_NAME).size().sort_values(ascending=False).head(15).reset_index(name="n")
    st.plotly_chart(px.bar(top, x="n", y=S.PARTNER_COUNTRY_NAME, orientation="h"))
    decades = df.groupby("decade").size().reset_index(name="n")
    st.plotly_chart(px.bar(decades, x="decade", y="n"))


def world() -> None:
    st.title("Carte du monde")
    outlines = gpd.read_file(DATA / "reference" / "pays_contours.geojson")
    outlines["centre"] = outlines.geometry.representative_point()
    counts = df.groupby([S.PARTNER_COUNTRY, S.PARTNER_COUNTRY_NAME]).agg(
        n=(S.LINK_ID, "count"), collectivites=(S.FR_CODE, "nunique"), partenaires=(S.PARTNER_NAME, "nunique")
    )
    counts = counts.reset_index()
    fig = px.choropleth(counts, locations=S.PARTNER_COUNTRY, color="n", hover_name=S.PARTNER_COUNTRY_NAME)
    lons, lats = [], []
    for lon, lat, plon, plat in zip(df[S.LON], df[S.LAT], df[S.PARTNER_LON], df[S.PARTNER_LAT], strict=True):
        lons += [lon, plon, None]
        lats += [lat, plat, None]
    fig.add_trace(go.Scattergeo(lon=lons, lat=lats, mode="lines", line={"width": 0.5}))
    st.plotly_chart(fig)
    st.dataframe(counts)


def france() -> None:
    st.title("Carte de France")
    outlines = gpd.read_file(DATA / "reference" / "departements.geojson")
    geojson = outlines.__geo_interface__
    n = df.groupby(S.FR_DEPARTEMENT).size().reset_index(name="n")
    deps = coll[coll[S.TYPE] == "departement"][[S.CODE, S.NAME, S.POPULATION]]
    n = deps.merge(n, left_on=S.CODE, right_on=S.FR_DEPARTEMENT, how="left").fillna({"n": 0})
    n["pour_100k"] = n.apply(
        lambda r: r["n"] / r[S.POPULATION] * 100_000 if pd.notna(r[S.POPULATION]) and r[S.POPULATION] else None, axis=1
    )
    fig = px.choropleth(n, geojson=geojson, locations=S.CODE, featureidkey="id", color="pour_100k")
    points = df.groupby([S.FR_TYPE, S.FR_CODE, S.FR_NAME]).agg(
        lat=(S.LAT, "first"), lon=(S.LON, "first"), n=(S.LINK_ID, "count")
    )
    points = points.reset_index()
    fig.add_trace(px.scatter_geo(points, lat="lat", lon="lon", size="n", hover_name=S.FR_NAME).data[0])
    st.plotly_chart(fig)


def npdc() -> None:
    global df
    df = df[df[S.FR_DEPARTEMENT].isin(["59", "62"])]
    france()
    st.dataframe(df)


def explorer() -> None:
    st.title("Explorer")
    st.dataframe(df)
    st.download_button("Télécharger (CSV)", df.to_csv(index=False).encode("utf-8"), "liens.csv", "text/csv")


def fiche_pays() -> None:
    country = df[S.PARTNER_COUNTRY].mode().iloc[0] if len(df) else None
    sub = df[df[S.PARTNER_COUNTRY] == country]
    st.title(f"Fiche pays {country}")
    st.plotly_chart(px.scatter_geo(sub, lat=S.PARTNER_LAT, lon=S.PARTNER_LON, hover_name=S.PARTNER_NAME))
    st.dataframe(sub)


def fiche_collectivite() -> None:
    first = df.groupby([S.FR_TYPE, S.FR_CODE]).size().sort_values(ascending=False).index
    sub = df[(df[S.FR_TYPE] == first[0][0]) & (df[S.FR_CODE] == first[0][1])] if len(first) else df.head(0)
    st.title("Fiche collectivité")
    st.plotly_chart(px.scatter_geo(sub, lat=S.PARTNER_LAT, lon=S.PARTNER_LON, hover_name=S.PARTNER_NAME))
    st.dataframe(sub)


#: Pages with a naive counterpart; the others are reported without a ratio.
PAGES = {
    "overview": overview,
    "world": world,
    "france": france,
    "npdc": npdc,
    "explorer": explorer,
    "fiche_pays": fiche_pays,
    "fiche_collectivite": fiche_collectivite,
}

if page in PAGES:
    PAGES[page]()
else:
    st.write("Pas de version naïve de cette page.")
