"""Named checks of each twinning link against geography (issue 27), run by the links build.

Each check is a short pure function over a small frame of rows; it returns, row by row, an
outcome (:data:`OUTCOMES`, or ``""`` when the check has nothing to look at), the corrected value
and the reason, which the build writes in its report and counts in its summary:

- :func:`check_french_side`: the French collectivity a name was resolved to must lie within
  :data:`FR_MAX_KM` of the point the source gives; otherwise the name is re-resolved (former
  commune, commune renamed from it, département, région, intercommunalité) or refused;
  « X (communauté) » is the intercommunalité of X, never the commune;
- :func:`check_country`: the partner's country must hold its point; the country labels of the
  per-country Wikidata files (``origincountry``) are not trusted, and the point decides;
- :func:`check_partner_point`: a partner point must fall in its country (outline, with a
  tolerance for coasts and small islands), never in France, and be a place, not a whole
  degree (the geocoder's centre of a country or region); :func:`place_partner` then re-places
  it on a source point that passes, on a same-name place of the right country, or at the
  centre of the country marked approximate;
- :func:`merge_duplicates`: the same partner spelled two ways (« County Kildare » and
  « Kildare ») for one French collectivity is one link.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.importer.geo_resolve import PointCollectivityIndex, distance_km
from lianes_dash.importer.resolve import loose_key, name_key
from lianes_dash.text.french import fold

# -- outcomes and check names --------------------------------------------------------------
KEPT = "gardé"
RERESOLVED = "re-résolu"
REPLACED = "replacé"
APPROX = "approché"
MERGED = "fusionné"
REFUSED = "refusé"
OUTCOMES = (KEPT, RERESOLVED, REPLACED, APPROX, MERGED, REFUSED)

FRENCH_SIDE = "collectivité française"
COUNTRY = "pays du partenaire"
PARTNER_POINT = "position du partenaire"
DUPLICATES = "doublons"
CHECKS = (FRENCH_SIDE, COUNTRY, PARTNER_POINT, DUPLICATES)

# -- thresholds ----------------------------------------------------------------------------
#: A French collectivity farther than this from the source's point is not the one the source means.
FR_MAX_KM = 20.0
#: … or, in the commune's own département, this far (a vast commune: its point is not its town's).
LARGE_COMMUNE_KM = 40.0
#: A point this close (in degrees, ~30 km) to a country's outline counts as inside (coasts, islands).
COAST_TOLERANCE_DEG = 0.3
#: A point in no outline (an island the world map leaves out) belongs to the nearest country this close.
ISLAND_TOLERANCE_DEG = 3.0
#: A country the world map does not outline (Malta, Monaco…) holds the points this close to its centre.
NO_OUTLINE_KM = 150.0
#: The GeoNames place nearest a partner's point, this close, gives its country (untrusted labels).
PLACE_KM = 15.0
#: Monaco lies inside the simplified outline of the Alpes-Maritimes: a point this close to the centre of a
#: country without outline is that country's, not France's.
ENCLAVE_KM = 10.0
#: Two spellings of a partner with points this close are one place.
SAME_PARTNER_KM = 30.0

Point = tuple[float, float]

#: « Arras (communauté) »: the source names the intercommunalité, not the commune.
_COMMUNITY = re.compile(r"\(\s*(communaut[ée]|intercommunalit[ée]|intercommunality|agglom[ée]ration)\s*\)", re.I)


def _km(a: Point, b: Point) -> float:
    return float(distance_km(a[0], a[1], b[0], b[1]))


# ---------------------------------------------------------------------------
# Geography: country outlines, France's départements and régions
# ---------------------------------------------------------------------------
class Geography:
    """Which country or French département holds a point (outlines of ``data/reference/``)."""

    def __init__(
        self,
        countries_geojson: dict,
        countries: pd.DataFrame,
        departements_geojson: dict,
        places: pd.DataFrame | None = None,
    ) -> None:
        from shapely import STRtree
        from shapely.geometry import shape

        def shapes(geojson: dict, key: Callable[[dict], str]) -> tuple[list[str], list]:
            codes, geoms = [], []
            for feat in geojson.get("features", []):
                code = key(feat)
                if code and feat.get("geometry"):
                    codes.append(code)
                    geoms.append(shape(feat["geometry"]))
            return codes, geoms

        self.iso3s, self.outlines = shapes(countries_geojson, lambda f: str(f.get("id") or ""))
        self.by_iso3 = dict(zip(self.iso3s, self.outlines, strict=True))
        self.tree = STRtree(self.outlines)
        self.dep_codes, dep_geoms = shapes(departements_geojson, lambda f: str(f.get("properties", {}).get("code", "")))
        self.dep_region = {
            str(f["properties"]["code"]): str(f["properties"].get("region", ""))
            for f in departements_geojson.get("features", [])
        }
        self.dep_tree = STRtree(dep_geoms)
        self.centre = {str(r[S.ISO3]): (float(r[S.LAT]), float(r[S.LON])) for r in countries.to_dict("records")}
        self.neighbours = {
            str(r[S.ISO3]): set(str(r[S.NEIGHBOURS]).split("|")) if pd.notna(r[S.NEIGHBOURS]) else set()
            for r in countries.to_dict("records")
        }
        self._cache: dict[tuple, object] = {}
        #: GeoNames places abroad by half-degree cell: their country is exact where the world map is coarse.
        self._cells: dict[tuple[int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
        if places is not None:
            cols = (places[c].tolist() for c in (S.LAT, S.LON, S.COUNTRY, S.PLACE))
            for lat, lon, iso3, name in zip(*cols, strict=True):
                self._cells[(int(np.floor(lat * 2)), int(np.floor(lon * 2)))].append((lat, lon, str(iso3), str(name)))

    def place_country(self, point: Point, name: str) -> str | None:
        """The country of the GeoNames place of that name (core) nearest the point, within PLACE_KM."""
        cy, cx = int(np.floor(point[0] * 2)), int(np.floor(point[1] * 2))
        core = core_name(name)
        best: tuple[float, str] | None = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for lat, lon, iso3, place in self._cells.get((cy + dy, cx + dx), []):
                    km = _km(point, (lat, lon))
                    if km <= PLACE_KM and (best is None or km < best[0]) and core_name(place) == core:
                        best = (km, iso3)
        return best[1] if best else None

    def _shapely(self, point: Point):  # noqa: ANN202 — a shapely Point
        from shapely.geometry import Point as P

        return P(point[1], point[0])

    def departement_at(self, point: Point) -> str | None:
        """The French département whose outline holds the point (overseas included), or ``None``."""
        key = ("dep", point)
        if key not in self._cache:
            hits = self.dep_tree.query(self._shapely(point), predicate="intersects")
            self._cache[key] = self.dep_codes[int(hits[0])] if len(hits) else None
        return self._cache[key]  # type: ignore[return-value]

    def region_at(self, point: Point) -> str | None:
        dep = self.departement_at(point)
        return self.dep_region.get(dep) if dep else None

    def in_france(self, point: Point) -> bool:
        """Inside a French département (the IGN outlines, far finer than the world map's)."""
        return self.departement_at(point) is not None

    def holds(self, iso3: str, point: Point) -> bool:
        """The country's outline holds the point, or lies within the coast tolerance of it."""
        key = ("holds", iso3, point)
        if key not in self._cache:
            outline = self.by_iso3.get(iso3)
            if outline is None:
                centre = self.centre.get(iso3)
                found = centre is not None and _km(centre, point) <= NO_OUTLINE_KM
            else:
                p = self._shapely(point)
                found = bool(outline.distance(p) <= COAST_TOLERANCE_DEG)
                if not found and not len(self.tree.query(p, predicate="intersects")):
                    # At sea or on an island the world map leaves out (Jeju, Mallorca): the nearest country.
                    nearest = self.tree.query_nearest(p, max_distance=ISLAND_TOLERANCE_DEG)
                    found = len(nearest) == 1 and self.iso3s[int(nearest[0])] == iso3
            self._cache[key] = found
        return self._cache[key]  # type: ignore[return-value]

    def country_at(self, point: Point) -> str | None:
        """The country whose outline holds the point; else the one nearest within the tolerance."""
        key = ("at", point)
        if key not in self._cache:
            p = self._shapely(point)
            hits = self.tree.query(p, predicate="intersects")
            if len(hits) == 0:
                hits = self.tree.query_nearest(p, max_distance=COAST_TOLERANCE_DEG)
            self._cache[key] = self.iso3s[int(hits[0])] if len(hits) == 1 else None
        return self._cache[key]  # type: ignore[return-value]


# ---------------------------------------------------------------------------
# Check 1: the French side
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """One row's outcome: ``""`` (nothing to check), or one of :data:`OUTCOMES`, with the new value and why."""

    outcome: str
    value: object = None
    note: str = ""


class FrenchSide:
    """What the French-side check needs: the resolver's index, each commune's EPCI, the outlines."""

    def __init__(self, index: PointCollectivityIndex, collectivities: pd.DataFrame, geo: Geography) -> None:
        self.index, self.geo = index, geo
        coll = collectivities.reset_index(drop=True)
        self.epci_of = coll[S.EPCI].tolist()
        self.epci_rows = [i for i, t in enumerate(index.types) if t == "epci"]

    def fits(self, i: int, point: Point, key: str) -> float | None:
        """``None`` if collectivity ``i`` holds the point (within FR_MAX_KM for a commune), else its distance."""
        ix = self.index
        if ix.types[i] == "commune":
            km = _km((ix.lat[i], ix.lon[i]), point)
            for r, _n, la, lo in ix.former.get(key, []):
                if r == i and not np.isnan(la):
                    km = min(km, _km((la, lo), point))
            # A vast commune (Kourou, Arles): its representative point may lie far from its town.
            vast = km <= LARGE_COMMUNE_KM and self.geo.departement_at(point) == ix.deps[i]
            return None if km <= FR_MAX_KM or vast else km
        if ix.types[i] == "departement":
            inside = self.geo.departement_at(point) == ix.codes[i]
        elif ix.types[i] == "region":
            inside = self.geo.region_at(point) == ix.codes[i]
        else:  # an EPCI: its seat's département
            inside = self.geo.departement_at(point) == ix.deps[i]
        return None if inside else _km((ix.lat[i], ix.lon[i]), point)

    def community(self, head: str, fr_row: int | None) -> Verdict:
        """« Arras (communauté) »: the commune's intercommunalité, or the one EPCI of that name."""
        ix = self.index
        found: int | None = None
        if fr_row is not None and ix.types[fr_row] == "commune":
            found = ix.by_code.get(("epci", str(self.epci_of[fr_row])))
        if found is None:
            words = set(loose_key(name_key(head)).split())
            named = [i for i in self.epci_rows if words and words <= set(loose_key(ix.keys[i]).split())]
            found = named[0] if len(named) == 1 else None
        if found is None:
            return Verdict(REFUSED if fr_row is not None else "", None, "« (communauté) » : aucune intercommunalité")
        return Verdict(RERESOLVED, found, f"« (communauté) » : l'intercommunalité {ix.names[found]}")

    def reresolve(self, key: str, point: Point, trusted: bool = True) -> Verdict | None:
        """Former commune, commune renamed from it, département, région, EPCI of that name at the point.

        A geocode of the name alone (``trusted=False``) may land on any commune that starts with it:
        only the same name is taken from it.
        """
        ix = self.index
        near = {r for r, _n, la, lo in ix.former.get(key, []) if self.fits(r, point, key) is None}
        if len(near) == 1:
            r = near.pop()
            return Verdict(RERESOLVED, r, f"ancienne commune, aujourd'hui {ix.display(r)}")
        first = key.split()[0] if key else ""
        starts = [i for i in ix._by_first.get(first, []) if trusted and ix.keys[i].startswith(key + " ")]
        near_starts = sorted(
            (_km((ix.lat[i], ix.lon[i]), point), i) for i in starts if self.fits(i, point, key) is None
        )
        # The nearest, when clearly so (Évry-Courcouronnes, not Évry-Grégy-sur-Yerre 15 km away).
        if near_starts and (len(near_starts) == 1 or near_starts[1][0] >= 2 * max(near_starts[0][0], 1.0)):
            i = near_starts[0][1]
            return Verdict(RERESOLVED, i, f"commune nommée d'après elle : {ix.display(i)}")
        for typ, label in (("departement", "département"), ("region", "région"), ("epci", "intercommunalité")):
            rows = {
                i for k in (key, loose_key(key)) for i in ix.by_key.get((typ, k), []) + ix.by_loose.get((typ, k), [])
            }
            rows = {i for i in rows if self.fits(i, point, key) is None}
            if len(rows) == 1:
                i = rows.pop()
                return Verdict(RERESOLVED, i, f"le {label} {ix.names[i]}, qui contient le point de la source")
        return None


def _head(name: str) -> str:
    return " ".join(name.split("(", 1)[0].split(",", 1)[0].split())


def check_french_side(rows: pd.DataFrame, side: FrenchSide) -> pd.DataFrame:
    """Columns ``fr_name, fr_lat, fr_lon, trusted, fr_row`` → ``outcome, value`` (new row), ``note``.

    ``trusted``: the point is the place's own coordinate (Wikidata), not a geocode of its name
    (Wikipedia). A geocode outside France says nothing of a French name; one inside France, far
    from the match, is confirmed when a trusted point put the same name on the same collectivity.
    """
    ix = side.index
    verdicts: list[Verdict] = [Verdict("")] * len(rows)
    confirmed: set[tuple[str, int]] = set()
    records = rows.to_dict("records")
    # Trusted rows first: they confirm the untrusted rows of the same name.
    order = sorted(range(len(records)), key=lambda n: not records[n]["trusted"])
    for n in order:
        rec = records[n]
        name, trusted = str(rec[S.FR_NAME]), bool(rec["trusted"])
        fr_row = None if pd.isna(rec["fr_row"]) else int(rec["fr_row"])
        point = (
            None if pd.isna(rec[S.FR_LAT]) or pd.isna(rec[S.FR_LON]) else (float(rec[S.FR_LAT]), float(rec[S.FR_LON]))
        )
        if _COMMUNITY.search(name):
            verdicts[n] = side.community(_head(name), fr_row)
            continue
        if fr_row is None or point is None:
            continue
        key = name_key(_head(name))
        km = side.fits(fr_row, point, key)
        if km is None:
            verdicts[n] = Verdict(KEPT, fr_row)
            if trusted:
                confirmed.add((key, fr_row))
            continue
        if not trusted and (key, fr_row) in confirmed:
            verdicts[n] = Verdict(KEPT, fr_row, f"point géocodé à {km:.0f} km, mais Wikidata place ce nom ici")
            continue
        if not trusted and not side.geo.in_france(point):
            verdicts[n] = Verdict(
                KEPT, fr_row, f"point géocodé hors de France ({km:.0f} km), sur un homonyme étranger : nom gardé"
            )
            continue
        again = side.reresolve(key, point, trusted)
        if again is not None:
            verdicts[n] = Verdict(
                again.outcome, again.value, f"{ix.display(fr_row)} à {km:.0f} km du point ; {again.note}"
            )
        else:
            verdicts[n] = Verdict(
                REFUSED,
                None,
                f"{ix.display(fr_row)} à {km:.0f} km du point de la source, et aucune ancienne commune, "
                "aucun département, région ou intercommunalité de ce nom à ce point",
            )
    return _frame(verdicts, rows.index)


def _frame(verdicts: list[Verdict], index: pd.Index) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outcome": [v.outcome for v in verdicts],
            "value": pd.Series([v.value for v in verdicts], index=index, dtype=object),
            S.NOTE: [v.note for v in verdicts],
        },
        index=index,
    )


# ---------------------------------------------------------------------------
# Check 2: the partner's country
# ---------------------------------------------------------------------------
def check_country(rows: pd.DataFrame, geo: Geography) -> pd.DataFrame:
    """Columns ``iso3, label_trusted, lat, lon, partner_name`` → ``outcome, value`` (ISO alpha-3), ``note``.

    The labels of the per-country Wikidata files (``origincountry``) are not trusted: denmark.tsv
    says « Denmark » of Swedish towns and sweden.tsv « Sweden » of Danish ones. Their point
    decides: the country whose outline holds it (else the nearest within the coast tolerance).
    A trusted label stays (a point elsewhere is the position check's business); two trusted
    labels for one partner are decided by the point in the build, or reported as a conflict.
    """
    verdicts: list[Verdict] = []
    for rec in rows.to_dict("records"):
        iso3 = rec[S.ISO3]
        if not isinstance(iso3, str) or pd.isna(rec[S.LAT]) or pd.isna(rec[S.LON]):
            verdicts.append(Verdict(""))
            continue
        point = (float(rec[S.LAT]), float(rec[S.LON]))
        at, why = None, ""
        if iso3 in WESTERN_SAHARA_CLAIMS:
            at = western_sahara(iso3, point, geo)
            why = WESTERN_SAHARA_WHY
        elif not rec["label_trusted"] and not geo.in_france(point):
            at = geo.place_country(point, str(rec[S.PARTNER_NAME]))
            why = "lieu GeoNames de ce nom au point"
            if at is None and not geo.holds(iso3, point):
                at, why = geo.country_at(point), "contour qui contient le point"
            why += " ; étiquette du fichier par pays non fiable"
        if at is not None and at != iso3:
            verdicts.append(Verdict(RERESOLVED, at, f"{iso3} → {at} : {why}"))
        else:
            verdicts.append(Verdict(KEPT, iso3))
    return _frame(verdicts, rows.index)


#: Morocco and Western Sahara: a partner some sources put in Morocco, others in Western Sahara.
WESTERN_SAHARA_CLAIMS = frozenset({"MAR", "ESH"})
#: South of this latitude (the 27°40' N line), a point of Morocco's map outline is in Western Sahara.
WESTERN_SAHARA_NORTH = 27.667
WESTERN_SAHARA_WHY = (
    "le point est au sud de 27°40' N, au Sahara occidental, territoire que la norme ISO 3166-1 code à part (ESH) "
    "et que l'ONU tient pour non autonome ; le contour du Maroc de la carte du monde l'englobe, il ne peut trancher"
)


def western_sahara(iso3: str, point: Point, geo: Geography) -> str:
    """ESH for a point of Morocco's or Western Sahara's outline south of 27°40' N, else MAR (Dakhla, Haouza: ESH)."""
    inside = geo.holds("MAR", point) or geo.holds("ESH", point)
    if not inside:
        return iso3
    return "ESH" if point[0] < WESTERN_SAHARA_NORTH else "MAR"


# ---------------------------------------------------------------------------
# Check 3: the partner's point
# ---------------------------------------------------------------------------
def point_problem(iso3: str, point: Point, geo: Geography) -> str:
    """Why a partner point cannot be its position (``""`` if it can)."""
    centre = geo.centre.get(iso3)
    enclave = iso3 not in geo.by_iso3 and centre is not None and _km(centre, point) <= ENCLAVE_KM
    if geo.in_france(point) and not enclave:
        return "point dans les contours de la France"
    if float(point[0]).is_integer() and float(point[1]).is_integer():
        return "point en degrés entiers : le centre d'un pays ou d'une région, pas un lieu"
    if not geo.holds(iso3, point):
        return f"point hors du pays ({geo.country_at(point) or 'aucun pays'})"
    return ""


def check_partner_point(rows: pd.DataFrame, geo: Geography) -> pd.DataFrame:
    """Columns ``iso3, lat, lon`` → ``outcome`` (``""`` without a point, KEPT, or REFUSED: unusable) and ``note``."""
    verdicts: list[Verdict] = []
    for rec in rows.to_dict("records"):
        if not isinstance(rec[S.ISO3], str) or pd.isna(rec[S.LAT]) or pd.isna(rec[S.LON]):
            verdicts.append(Verdict(""))
            continue
        problem = point_problem(rec[S.ISO3], (float(rec[S.LAT]), float(rec[S.LON])), geo)
        verdicts.append(Verdict(REFUSED, None, problem) if problem else Verdict(KEPT))
    return _frame(verdicts, rows.index)


def place_partner(
    raw: list[Point | None],
    usable: list[Point | None],
    locate: Callable[[], Point | None],
    centre: Point,
    named: Callable[[Point], bool] | None = None,
) -> tuple[Point, bool, str, str]:
    """A link's partner position: ``(point, approximate, outcome, note)``.

    ``raw``: each merged row's source point; ``usable``: the same, ``None`` where
    :func:`point_problem` refused it; ``locate``: the same-name place of the partner's country;
    ``named``: whether a place of the partner's name lies at a point. When the sources' points
    disagree (Issy – Ichikawa: Wikidata's item is Ichikawa in Hyōgo, Wikipedia's geocode Ichikawa
    in Chiba), the one at a place of that name wins over one at none.
    """
    first = next((p for p in raw if p is not None), None)
    good = next((p for p in usable if p is not None), None)
    if good is not None and named is not None and points_disagree(usable) and not named(good):
        other = next((p for p in usable if p is not None and p != good and named(p)), None)
        if other is not None:
            km = _km(good, other)
            return other, False, REPLACED, f"les sources se contredisent ({km:.0f} km) : le point sur un lieu de ce nom"
    if first is None:  # no source gives a point: nothing to check (placed as before, said in the description)
        found = locate()
        return (found, False, "", "") if found is not None else (centre, True, "", "")
    if good is not None:
        return (good, False, KEPT, "") if good == first else (good, False, REPLACED, "point d'une autre source")
    found = locate()
    if found is not None:
        return found, False, REPLACED, "lieu de ce nom dans le pays (GeoNames)"
    return centre, True, APPROX, "aucun lieu de ce nom dans le pays : centre du pays, position approchée"


def points_disagree(points: list[Point | None]) -> bool:
    """The usable points of one link's rows lie farther apart than SAME_PARTNER_KM."""
    placed = [p for p in points if p is not None]
    return any(_km(placed[0], q) > SAME_PARTNER_KM for q in placed[1:])


# ---------------------------------------------------------------------------
# Check 4: duplicates
# ---------------------------------------------------------------------------
_PREFIXES = re.compile(
    r"^(london borough of|royal borough of|metropolitan borough of|borough of|city of|county of|"
    r"municipality of|district of|comune di|gmina|miasto|stadt|city and county of)\s+"
)
_SUFFIXES = re.compile(
    r"\s+(municipality|municipal district|district|county|city|borough|kommune|kommun|"
    r"urban district|rural district|municipio|town)$"
)


def core_name(name: str) -> str:
    """The partner's name without its administrative words and precisions: « County Kildare » → « kildare »."""
    head = fold(_head(str(name))) or fold(name)
    core = head
    for _ in range(2):
        core = _SUFFIXES.sub("", _PREFIXES.sub("", core))
    if core.startswith("county "):
        core = core.removeprefix("county ")
    return core or head


def _find(parent: dict[int, int], n: int) -> int:
    while parent[n] != n:
        n = parent[n]
    return n


def merge_duplicates(links: pd.DataFrame) -> pd.DataFrame:
    """Columns ``fr, partner_name, iso3, lat, lon, sources`` (one row per link, best first) →
    ``outcome`` (MERGED or ``""``), ``value`` (the position of the link it joins), ``note``.

    Same French collectivity and same :func:`core_name`, and: points closer than SAME_PARTNER_KM;
    or, between just two such links, one without a usable point or each from other sources
    (one source says one country, the other another: the conflict is said in the note).
    Melle – Melle (Belgium) and Melle – Melle (Germany), both in Wikipedia, stay two links.
    """
    recs = links.to_dict("records")
    groups: dict[tuple, list[int]] = defaultdict(list)
    for n, rec in enumerate(recs):
        groups[(rec["fr"], core_name(rec[S.PARTNER_NAME]))].append(n)
    verdicts = [Verdict("")] * len(recs)
    for members in groups.values():
        if len(members) < 2:
            continue
        parent = {n: n for n in members}

        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                ra, rb = recs[a], recs[b]
                pa = None if pd.isna(ra[S.LAT]) else (ra[S.LAT], ra[S.LON])
                pb = None if pd.isna(rb[S.LAT]) else (rb[S.LAT], rb[S.LON])
                close = pa is not None and pb is not None and _km(pa, pb) <= SAME_PARTNER_KM
                pair = len(members) == 2
                disjoint = not set(ra["sources"]) & set(rb["sources"])
                pointless = (pa is None or pb is None) and ra[S.ISO3] == rb[S.ISO3]
                if close or (pair and (disjoint or pointless)):
                    ra_root, rb_root = _find(parent, a), _find(parent, b)
                    parent[max(ra_root, rb_root)] = min(ra_root, rb_root)
        for n in members:
            lead = _find(parent, n)
            if lead != n:
                a, b = recs[lead], recs[n]
                kept, other = a[S.ISO3], b[S.ISO3]
                conflict = f" ; pays en conflit entre les sources : {kept} gardé, {other}" if kept != other else ""
                names = f"« {b[S.PARTNER_NAME]} » = « {a[S.PARTNER_NAME]} »"
                verdicts[n] = Verdict(MERGED, lead, names + conflict)
    return _frame(verdicts, links.index)
