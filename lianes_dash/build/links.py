"""Build the bundled national links from the raw open records kept verbatim in ``data/raw/``.

    python -m lianes_dash.build.links            # writes data/links/ (links, brochure tables, build report)
    python -m lianes_dash.build.links --check    # rebuilds in memory and says whether data/links/ is up to date

Steps (each raw row is accounted for in the build report):

1. read every raw row of Wikidata (P190, 2017) and English Wikipedia (2026) that has a side in
   France; rows with no French side are counted as « hors champ »;
2. resolve the French side to its official code (given by a refreshed Wikidata snapshot: taken as
   it is) or with the importer's resolver, helped by the
   point the source gives (:mod:`lianes_dash.importer.geo_resolve`): exonyms, former communes,
   homonyms decided by distance; a name that stays ambiguous is reported, never assigned;
3. resolve the partner's country to ISO alpha-3; a partner given two countries keeps the one
   whose outline holds its point (the choice is reported); pairs inside France (overseas
   included) are not international links and are left out;
4. merge the same pair seen twice (both sides of Wikidata, both sources, two spellings of the
   partner at the same place) into one link that credits every source;
5. add the brochure's two documented partnerships, with their themes and years.

Between these steps, the named checks of :mod:`lianes_dash.build.checks` hold each row and link
against geography (issue 27): the French side against the source's point (after step 2), the
partner's country against its point (step 3), the partner's point against its country's outline
and France's (before step 4), and the duplicates of one partner spelled two ways (after step 4).
Each says, row by row, what it changed (the report's ``link_checks`` column) and the summary
counts them per check. The build also writes ``LICENCE.md`` and ``positions.csv`` (where each
partner position comes from, for its credit: :mod:`lianes_dash.dataset.licences`).
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import io
import json
import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lianes_dash.build import checks as CK
from lianes_dash.dataset import brochure as B
from lianes_dash.dataset import data as D
from lianes_dash.dataset import licences as LIC
from lianes_dash.dataset import schema as S
from lianes_dash.dataset import sources as SRC
from lianes_dash.importer.geo_resolve import PointCollectivityIndex, Resolution, distance_km
from lianes_dash.importer.resolve import CountryIndex, PlaceIndex, name_key
from lianes_dash.text.french import fold

WIKIDATA_DIR = "raw/wikidata-p190-2017"
WIKIPEDIA_DIR = "raw/wikipedia-twin-towns-2026"
WIKIPEDIA_PAIRS = f"{WIKIPEDIA_DIR}/twin_cities_raw.csv"
WIKIPEDIA_GEOCODED = f"{WIKIPEDIA_DIR}/twin_cities_geocoded.csv"
WIKIDATA_FRANCE = "france.tsv"
#: The query of a refreshed snapshot (``python -m lianes_dash refresh``), kept beside its ``france.tsv``.
QUERY_SPARQL = "query.sparql"

#: The country label the sources give to France (Wikipedia: « Réunion, France » for overseas places).
FRANCE_LABEL = "France"
#: ISO alpha-3 of France and of the French territories abroad: a link to one of them is domestic.
FRENCH_TERRITORIES = frozenset(
    {"FRA", "REU", "GLP", "MTQ", "GUF", "MYT", "SPM", "BLM", "MAF", "WLF", "PYF", "NCL", "ATF", "CPT"}
)
#: English country labels of these sources that the countries table does not know, by folded key.
#: « Prussia » has no ISO code: the rows that give it also give « Germany » for the same partner.
ENGLISH_COUNTRY_ALIASES: dict[str, str] = {
    "people s republic of china": "CHN",
    "palestinian national authority": "PSE",
    "palestinian territories": "PSE",
    "republic of macedonia": "MKD",
    "republic of the congo": "COG",
    "republic of ireland": "IRL",
    "kingdom of the netherlands": "NLD",
    "turkey": "TUR",
    "madagaskar": "MDG",
}
#: Two spellings of a partner are one place when their points are this close (same French side, same country).
SAME_PLACE_KM = 5.0

#: Statuses of a raw row in the build report.
KEPT = "retenue"
MERGED = "fusionnée"
LEFT_OUT = "écartée"
OUT_OF_SCOPE = "hors champ"
BUILD_STATUSES = (KEPT, MERGED, LEFT_OUT, OUT_OF_SCOPE)

REPORT_CSV = f"{D.LINKS}/build_report.csv"
SUMMARY_JSON = f"{D.LINKS}/build_report_summary.json"
LICENCE_MD = f"{D.LINKS}/{LIC.LICENCE_FILE}"
POSITIONS_CSV = f"{D.LINKS}/{LIC.POSITIONS_FILE}"


@dataclass
class RawRow:
    """One raw row, what it says, and what the build made of it."""

    source: str
    file: str
    line: int
    fr_name: str = ""
    fr_point: tuple[float, float] | None = None
    partner_name: str = ""
    partner_country: str = ""
    partner_point: tuple[float, float] | None = None
    status: str = ""
    reason: str = ""
    how: str = ""
    fr_row: int | None = None
    iso3: str | None = None
    link_id: str = ""
    alternatives: list[str] = field(default_factory=list)
    #: The country label is the per-country Wikidata file's ``origincountry`` (not trusted: denmark.tsv says
    #: « Denmark » of Swedish towns).
    label_trusted: bool = True
    #: The partner point as the source gives it (``partner_point`` is emptied when the position check refuses it).
    raw_partner_point: tuple[float, float] | None = None
    #: What the named checks said of this row (the report's ``link_checks`` column).
    checks: list[str] = field(default_factory=list)
    #: The French side's type and official code, when the snapshot gives them (a refreshed snapshot's
    #: ``origin_kind`` and ``origin_code``: INSEE code, SIREN): resolved by code before any name.
    fr_code_hint: tuple[str, str] | None = None

    @property
    def ref(self) -> str:
        """« wikidata-p190-2017/france.tsv:12 »: where to read the row in ``data/raw``."""
        return f"{self.file.removeprefix('raw/')}:{self.line}"


# ---------------------------------------------------------------------------
# 1. Reading the raw files
# ---------------------------------------------------------------------------
def _point(lat: str, lon: str) -> tuple[float, float] | None:
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        return None
    if math.isnan(y) or math.isnan(x) or not (-90 <= y <= 90 and -180 <= x <= 180):
        return None
    return (y, x)


def wikidata_dir(base: Path) -> str:
    """The Wikidata snapshot the build reads: the newest ``raw/wikidata-p190-<date>`` that has a ``france.tsv``.

    Folder names sort by date (« 2017 » < « 2026-12-07 »): the 2017 snapshot stays the default
    until a refreshed one (``python -m lianes_dash refresh``) is committed beside it.
    """
    found = sorted(p.name for p in (base / "raw").glob("wikidata-p190-*") if (p / WIKIDATA_FRANCE).is_file())
    return f"raw/{found[-1]}" if found else WIKIDATA_DIR


def read_wikidata(base: Path) -> list[RawRow]:
    """Every row of the Wikidata files; a row of another country's file counts only when it points at France."""
    rows: list[RawRow] = []
    snapshot = wikidata_dir(base)
    folder = base / snapshot
    for path in sorted(folder.glob("*.tsv")):
        rel = f"{snapshot}/{path.name}"
        # NOTE: tab-separated with no quoting (labels hold commas and quotes, never tabs).
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            for line, rec in enumerate(reader, start=2):
                row = RawRow(SRC.WIKIDATA.key, rel, line)
                if path.name == WIKIDATA_FRANCE:
                    row.fr_name, row.fr_point = rec["origincityLabel"], _point(rec["originlat"], rec["originlong"])
                    if rec.get("origin_kind") in S.TYPE_LABELS and rec.get("origin_code"):
                        row.fr_code_hint = (rec["origin_kind"], rec["origin_code"])
                    row.partner_name = rec["sistercityLabel"]
                    row.partner_country = rec["destination_countryLabel"]
                    row.partner_point = _point(rec["destinationlat"], rec["destinationlong"])
                elif rec["destination_countryLabel"] == FRANCE_LABEL:
                    row.fr_name = rec["sistercityLabel"]
                    row.fr_point = _point(rec["destinationlat"], rec["destinationlong"])
                    row.partner_name, row.partner_country = rec["origincityLabel"], rec["origincountry"]
                    row.partner_point = _point(rec["originlat"], rec["originlong"])
                    row.label_trusted = False
                else:
                    row.status, row.reason = OUT_OF_SCOPE, "aucun des deux côtés n'est en France"
                rows.append(row)
    return rows


def _is_french(country: str) -> bool:
    return country == FRANCE_LABEL or country.endswith(f", {FRANCE_LABEL}")


def read_wikipedia(base: Path) -> list[RawRow]:
    """Every pair of the Wikipedia file, with the points of the geocoded copy where it has them."""
    points: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
    with (base / WIKIPEDIA_GEOCODED).open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            key = (rec["city1"], rec["country1"], rec["city2"], rec["country2"])
            points[key].append((_point(rec["lat1"], rec["lng1"]), _point(rec["lat2"], rec["lng2"])))
    rows: list[RawRow] = []
    with (base / WIKIPEDIA_PAIRS).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for rec in reader:
            # Reader.line_num is the physical line where the record ends (a quoted name may hold a newline).
            row = RawRow(SRC.WIKIPEDIA.key, WIKIPEDIA_PAIRS, reader.line_num)
            key = (rec["city1"], rec["country1"], rec["city2"], rec["country2"])
            p1, p2 = points[key].pop(0) if points.get(key) else (None, None)
            french1, french2 = _is_french(rec["country1"]), _is_french(rec["country2"])
            if french1 and french2 or french1:
                row.fr_name, row.fr_point = rec["city1"], p1
                row.partner_name, row.partner_country, row.partner_point = rec["city2"], rec["country2"], p2
            elif french2:
                row.fr_name, row.fr_point = rec["city2"], p2
                row.partner_name, row.partner_country, row.partner_point = rec["city1"], rec["country1"], p1
            else:
                row.status, row.reason = OUT_OF_SCOPE, "aucun des deux côtés n'est en France"
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------
# 2-3. Resolving both sides
# ---------------------------------------------------------------------------
class CountryResolver:
    """Country labels of these sources → ISO alpha-3 (importer's index, plus a few English forms)."""

    def __init__(self, countries: pd.DataFrame) -> None:
        self.index = CountryIndex(countries)
        self.cache: dict[str, tuple[str | None, str]] = {}

    def __call__(self, label: str) -> tuple[str | None, str]:
        """``(iso3, "")`` or ``(None, reason)``; « England, United Kingdom » reads as its last part too."""
        if label not in self.cache:
            self.cache[label] = self._resolve(label)
        return self.cache[label]

    def _resolve(self, label: str) -> tuple[str | None, str]:
        if _is_french(label):
            return "FRA", ""
        tries = [label] + ([label.rsplit(",", 1)[1].strip()] if "," in label else [])
        for text in tries:
            alias = ENGLISH_COUNTRY_ALIASES.get(fold(text))
            if alias:
                return alias, ""
            iso3, _match = self.index.resolve(text)
            if iso3:
                return iso3, ""
        return None, f"pays inconnu : « {label} »"


class Outlines:
    """Which country outline holds a point: decides a partner that a source gives two countries."""

    def __init__(self, geojson: dict) -> None:
        from shapely.geometry import Point, shape
        from shapely.prepared import prep

        self._point = Point
        self.shapes = {}
        for feat in geojson.get("features", []):
            iso3 = str(feat.get("id") or feat.get("properties", {}).get(S.ISO3, ""))
            if iso3 and feat.get("geometry"):
                self.shapes[iso3] = prep(shape(feat["geometry"]))

    def holds(self, iso3: str, point: tuple[float, float]) -> bool:
        shp = self.shapes.get(iso3)
        return bool(shp is not None and shp.contains(self._point(point[1], point[0])))


def resolve_rows(rows: list[RawRow], index: PointCollectivityIndex, countries: CountryResolver) -> None:
    """Fill ``fr_row`` and ``iso3`` of every in-scope row, or leave it out with its reason."""
    cache: dict[tuple, Resolution] = {}
    by_code = {(t, c): i for i, (t, c) in enumerate(zip(index.types, index.codes, strict=True))}
    for row in rows:
        if row.status:
            continue
        if not row.partner_name.strip():
            row.status, row.reason = LEFT_OUT, "partenaire sans nom"
            continue
        iso3, why = countries(row.partner_country)
        if iso3 is None:
            row.status, row.reason = LEFT_OUT, why
            continue
        row.iso3 = iso3
        if iso3 in FRENCH_TERRITORIES:
            row.status = LEFT_OUT
            row.reason = "lien entre deux collectivités françaises (outre-mer compris) : pas un lien international"
            continue
        # Wikidata's point is the item's own coordinate; Wikipedia's was geocoded from the name
        # itself and sometimes lands on a homonym: only the former may read a name as the start of another.
        trusted = row.source == SRC.WIKIDATA.key
        hint = row.fr_code_hint
        coded = by_code.get(hint) if hint else None
        if hint and coded is not None:
            row.fr_row, row.how = coded, f"code officiel donné par Wikidata ({hint[1]})"
            continue
        key = (row.fr_name, row.fr_point, trusted)
        if key not in cache:
            cache[key] = index.resolve_point(row.fr_name, row.fr_point, trusted_point=trusted)
        found = cache[key]
        if found.row is None:
            row.status, row.reason = LEFT_OUT, str(found.error)
            continue
        row.fr_row, row.how = found.row, found.how
    _follow_wikidata(rows, index)


def _follow_wikidata(rows: list[RawRow], index: PointCollectivityIndex) -> None:
    """A Wikipedia pair also in Wikidata (same French name, same partner) takes Wikidata's French side.

    Wikidata names the commune's own item; Wikipedia's geocode of a homonym can be wrong
    (« Saint-Raphaël » placed in Dordogne for the Var's). The change is said in the report.
    """
    known: dict[tuple, int] = {}
    for row in rows:
        if row.source == SRC.WIKIDATA.key and row.fr_row is not None and not row.status:
            known.setdefault((name_key(row.fr_name), partner_key(row.partner_name), row.iso3), row.fr_row)
    for row in rows:
        if row.source != SRC.WIKIPEDIA.key or row.iso3 is None or row.iso3 in FRENCH_TERRITORIES:
            continue
        if row.status not in ("", LEFT_OUT) or (row.status == LEFT_OUT and not row.reason.startswith("homonymes")):
            continue
        fr_row = known.get((name_key(row.fr_name), partner_key(row.partner_name), row.iso3))
        if fr_row is not None and fr_row != row.fr_row:
            row.status, row.reason, row.fr_row = "", "", fr_row
            row.how = f"homonyme tranché par Wikidata (même paire) : {index.display(fr_row)}"


# ---------------------------------------------------------------------------
# 4. Merging the same pair
# ---------------------------------------------------------------------------
@functools.cache
def partner_key(name: str) -> str:
    """Folded partner name: case, accents and punctuation ignored (« Köln » = « koln »); computed once per name."""
    return fold(name)


def _decide_countries(rows: list[RawRow], outlines: CK.Geography | Outlines) -> None:
    """A partner given two countries by one source row pair (same place, same French side) keeps one.

    The point decides (the country whose outline holds it); when it cannot, both rows keep their
    country and the conflict is said (never an alphabetical tie-break): the duplicates check then
    merges the two links and names the conflict.
    """
    groups: dict[tuple, list[RawRow]] = defaultdict(list)
    for row in rows:
        if row.status == "" and row.partner_point is not None:
            groups[(row.source, row.fr_row, partner_key(row.partner_name), row.partner_point)].append(row)
    for group in groups.values():
        isos = sorted({r.iso3 for r in group if r.iso3})
        if len(isos) < 2:
            continue
        point = group[0].partner_point
        inside = [i for i in isos if outlines.holds(i, point)]  # type: ignore[arg-type]
        for r in group:
            if len(inside) != 1:
                r.how = (
                    (r.how + " ; " if r.how else "")
                    + f"pays en conflit dans la source ({', '.join(isos)}) : "
                    + ("le point ne départage pas")
                )
            elif r.iso3 != inside[0]:
                r.alternatives.append(str(r.iso3))
                r.iso3 = inside[0]
                r.how = (r.how + " ; " if r.how else "") + (
                    f"pays en double dans la source ({', '.join(isos)}) : {inside[0]} retenu, son point est dans ce pays"
                )


# ---------------------------------------------------------------------------
# The named checks (lianes_dash.build.checks), applied to the raw rows and the links
# ---------------------------------------------------------------------------
def _note(row: RawRow, check: str, outcome: str, note: str) -> None:
    row.checks.append(f"{check} : {outcome}" + (f" ({note})" if note else ""))


def apply_french_side(rows: list[RawRow], side: CK.FrenchSide, counts: Counter) -> None:
    """Each resolved French side against the source's point: kept, re-resolved or refused."""
    todo = [
        r for r in rows if r.status == "" or (r.status == LEFT_OUT and r.reason.startswith("collectivité inconnue"))
    ]
    frame = pd.DataFrame(
        {
            S.FR_NAME: [r.fr_name for r in todo],
            S.FR_LAT: [r.fr_point[0] if r.fr_point else None for r in todo],
            S.FR_LON: [r.fr_point[1] if r.fr_point else None for r in todo],
            "trusted": [r.source == SRC.WIKIDATA.key for r in todo],
            "fr_row": pd.array([r.fr_row for r in todo], dtype="Int64"),
        }
    )
    verdicts = CK.check_french_side(frame, side)
    for row, (outcome, value, note) in zip(todo, verdicts.itertuples(index=False), strict=True):
        if not outcome:
            continue
        counts[outcome] += 1
        if outcome == CK.REFUSED:
            row.status, row.reason, row.fr_row = LEFT_OUT, f"contrôle « {CK.FRENCH_SIDE} » : {note}", None
        elif outcome == CK.RERESOLVED:
            row.status, row.reason, row.fr_row = "", "", int(value)
            row.how = (row.how + " ; " if row.how else "") + f"re-résolu : {note}"
        if note or outcome != CK.KEPT:
            _note(row, CK.FRENCH_SIDE, outcome, note)


def apply_country(rows: list[RawRow], geo: CK.Geography, counts: Counter) -> None:
    """Each partner's country against its point; the per-country files' labels give way to the point."""
    todo = [r for r in rows if r.status == "" and r.iso3 is not None]
    frame = pd.DataFrame(
        {
            S.ISO3: [r.iso3 for r in todo],
            "label_trusted": [r.label_trusted for r in todo],
            S.PARTNER_NAME: [r.partner_name for r in todo],
            S.LAT: [r.partner_point[0] if r.partner_point else None for r in todo],
            S.LON: [r.partner_point[1] if r.partner_point else None for r in todo],
        }
    )
    for row, (outcome, value, note) in zip(todo, CK.check_country(frame, geo).itertuples(index=False), strict=True):
        if not outcome:
            continue
        counts[outcome] += 1
        if outcome == CK.RERESOLVED:
            row.alternatives.append(str(row.iso3))
            row.iso3 = str(value)
            _note(row, CK.COUNTRY, outcome, note)
            if row.iso3 in FRENCH_TERRITORIES:
                row.status = LEFT_OUT
                row.reason = f"contrôle « {CK.COUNTRY} » : {note} ; lien entre deux collectivités françaises"


def apply_partner_point(rows: list[RawRow], geo: CK.Geography) -> None:
    """A partner point that cannot be its position (in France, elsewhere, a whole degree) is set aside."""
    todo = [r for r in rows if r.status == ""]
    for r in todo:
        r.raw_partner_point = r.partner_point
    frame = pd.DataFrame(
        {
            S.ISO3: [r.iso3 for r in todo],
            S.LAT: [r.partner_point[0] if r.partner_point else None for r in todo],
            S.LON: [r.partner_point[1] if r.partner_point else None for r in todo],
        }
    )
    for row, (outcome, _value, note) in zip(
        todo, CK.check_partner_point(frame, geo).itertuples(index=False), strict=True
    ):
        if outcome == CK.REFUSED:
            row.partner_point = None
            row.checks.append(f"{CK.PARTNER_POINT} : point de la source écarté ({note})")


def apply_duplicates(links: list[list[RawRow]], counts: Counter) -> list[list[RawRow]]:
    """Links of one French collectivity whose partners share a core name become one (each merge in the report)."""
    order = sorted(
        range(len(links)),
        key=lambda n: (
            SOURCE_ORDER.index(links[n][0].source),
            -len({r.source for r in links[n]}),
            links[n][0].file,
            links[n][0].line,
        ),
    )
    ranked = [links[n] for n in order]
    points = [next((r.partner_point for r in m if r.partner_point is not None), None) for m in ranked]
    frame = pd.DataFrame(
        {
            "fr": [m[0].fr_row for m in ranked],
            S.PARTNER_NAME: [m[0].partner_name for m in ranked],
            S.ISO3: [m[0].iso3 for m in ranked],
            S.LAT: [p[0] if p else None for p in points],
            S.LON: [p[1] if p else None for p in points],
            "sources": [sorted({r.source for r in m}) for m in ranked],
        }
    )
    verdicts = CK.merge_duplicates(frame)
    target = list(range(len(ranked)))
    for n, (outcome, value, note) in enumerate(verdicts.itertuples(index=False)):
        if outcome == CK.MERGED:
            target[n] = int(value)
            counts[CK.MERGED] += 1
            for r in ranked[n]:
                _note(r, CK.DUPLICATES, CK.MERGED, f"{note} ; lien de tête : {ranked[int(value)][0].ref}")
            for r in ranked[int(value)]:
                _note(r, CK.DUPLICATES, "doublon reçu", f"{note} ; autre ligne : {ranked[n][0].ref}")
    out: dict[int, list[RawRow]] = {}
    for n, members in enumerate(ranked):
        out.setdefault(target[n], []).extend(members)
    counts[CK.KEPT] += len(out)
    return [out[k] for k in sorted(out)]


def link_id_for(fr_type: str, fr_code: str, iso3: str, pkey: str) -> str:
    """Stable identifier of a link: the same pair gets the same identifier at every build."""
    digest = hashlib.sha1(f"{fr_type}:{fr_code}:{iso3}:{pkey}".encode()).hexdigest()[:12]
    return f"lien-{digest}"


#: Source order: a merged link takes its partner name and point from the first source that has one.
SOURCE_ORDER = (SRC.BROCHURE.key, SRC.WIKIDATA.key, SRC.WIKIPEDIA.key)


def _clusters(keys: list[str], points: list[tuple[float, float] | None]) -> list[list[int]]:
    """Groups of positions that share a key or lie within ``SAME_PLACE_KM`` of each other (union-find)."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        join(i, first.setdefault(k, i))
    placed = [(i, p) for i, p in enumerate(points) if p is not None]
    for a, (i, p) in enumerate(placed):
        for j, q in placed[a + 1 :]:
            if keys[i] != keys[j] and float(distance_km(p[0], p[1], q[0], q[1])) <= SAME_PLACE_KM:
                join(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[find(i)].append(i)
    return list(groups.values())


def merge(rows: list[RawRow]) -> list[list[RawRow]]:
    """Group the kept rows into links: same French side, same country, and same partner name or place."""
    by_side: dict[tuple, list[RawRow]] = defaultdict(list)
    for row in rows:
        if row.status == "":
            by_side[(row.fr_row, row.iso3)].append(row)
    links: list[list[RawRow]] = []
    for side in sorted(by_side):
        group = by_side[side]
        for positions in _clusters([partner_key(r.partner_name) for r in group], [r.partner_point for r in group]):
            members = sorted(
                (group[i] for i in positions), key=lambda r: (SOURCE_ORDER.index(r.source), r.file, r.line)
            )
            links.append(members)
    return links


# ---------------------------------------------------------------------------
# 5. The links table
# ---------------------------------------------------------------------------
def _link_record(
    members: list[RawRow],
    index: PointCollectivityIndex,
    places: PlaceIndex,
    centroid: dict[str, tuple[float, float]],
    counts: Counter,
    geo: CK.Geography,
) -> dict:
    """One link from the raw rows merged into it: the first row (by source order) gives name and place."""
    lead = members[0]
    i = lead.fr_row
    if i is None:
        raise ValueError(f"{lead.ref} : ligne sans collectivité française résolue dans un lien")
    fr_type, fr_code = index.types[i], index.codes[i]
    pkey = partner_key(lead.partner_name)
    lid = link_id_for(fr_type, fr_code, str(lead.iso3), pkey)
    point, approx, outcome, note = CK.place_partner(
        [r.raw_partner_point for r in members],
        [r.partner_point for r in members],
        lambda: places.locate(lead.partner_name, str(lead.iso3)),
        centroid[str(lead.iso3)],
        lambda p: geo.place_country(p, lead.partner_name) == lead.iso3,
    )
    if outcome:
        counts[outcome] += 1
        if outcome != CK.KEPT:
            _note(lead, CK.PARTNER_POINT, outcome, note)
    chosen = next((r for r in members if r.partner_point is not None and r.partner_point == point), None)
    origin = chosen.source if chosen is not None else LIC.COUNTRY_CENTRE.code if approx else LIC.GEONAMES.code
    sources = [k for k in SOURCE_ORDER if any(r.source == k for r in members)]
    spelled = sorted({r.fr_name for r in members if r.fr_name and r.fr_name != index.names[i]})
    notes = [f"nom dans la source : « {n} »" for n in spelled]
    for r, member in enumerate(members):
        member.link_id = lid
        if r == 0:
            member.status = KEPT
        else:
            member.status = MERGED
            member.reason = f"même lien que {lead.ref}"
    return {
        S.LINK_ID: lid,
        S.FR_CODE: fr_code,
        S.FR_TYPE: fr_type,
        S.FR_NAME: index.names[i],
        S.FR_DEPARTEMENT: index.deps[i],
        S.FR_REGION: index.regions[i],
        S.PARTNER_NAME: " ".join(lead.partner_name.split()),
        S.PARTNER_COUNTRY: lead.iso3,
        S.PARTNER_LAT: round(point[0], 5),
        S.PARTNER_LON: round(point[1], 5),
        S.PARTNER_APPROX: approx,
        S.KIND: S.P190_KIND,
        S.THEMES_COL: None,
        S.START_YEAR: None,
        S.SOURCE: S.SOURCE_SEP.join(sources),
        S.SOURCE_ROWS: S.SOURCE_SEP.join(r.ref for r in members),
        S.SYNTHETIC: False,
        S.DESCRIPTION: " ; ".join(notes) if notes else None,
        S.POSITION_SOURCE: origin,
    }


def _brochure_rows(index: PointCollectivityIndex, places: pd.DataFrame, links: list[dict]) -> list[dict]:
    """The brochure's documented partnerships, merged into an open-record link of the same pair if any."""
    by_pair = {(r[S.FR_TYPE], r[S.FR_CODE], r[S.PARTNER_COUNTRY], partner_key(r[S.PARTNER_NAME])): r for r in links}
    out: list[dict] = []
    for n, link in enumerate(B.LINKS, start=1):
        found = index.resolve(link.fr_current_name, "commune", link.fr_departement)
        if found.row is None:
            raise ValueError(f"brochure : « {link.fr_current_name} » introuvable dans le référentiel ({found.error})")
        i = found.row
        near = places.loc[(places[S.PLACE] == link.partner_placed_at) & (places[S.COUNTRY] == link.partner_country)]
        if len(near) != 1:
            raise ValueError(f"brochure : lieu « {link.partner_placed_at} » introuvable dans le répertoire des lieux")
        fields = {
            S.KIND: link.kind,
            S.THEMES_COL: S.THEME_SEP.join(link.themes),
            S.START_YEAR: link.start_year,
            S.DESCRIPTION: f"{link.description} Position approchée : {link.partner_location_note}",
        }
        pair = ("commune", index.codes[i], link.partner_country, partner_key(link.partner_name))
        if pair in by_pair:
            existing = by_pair[pair]
            existing.update(fields)
            existing[S.SOURCE] = S.SOURCE_SEP.join([SRC.BROCHURE.key, *S.split_sources(existing[S.SOURCE])])
            continue
        out.append(
            {
                S.LINK_ID: f"brochure-{n}",
                S.FR_CODE: index.codes[i],
                S.FR_TYPE: "commune",
                S.FR_NAME: index.names[i],
                S.FR_DEPARTEMENT: index.deps[i],
                S.FR_REGION: index.regions[i],
                S.PARTNER_NAME: link.partner_name,
                S.PARTNER_COUNTRY: link.partner_country,
                S.PARTNER_LAT: round(float(near[S.LAT].iloc[0]), 5),
                S.PARTNER_LON: round(float(near[S.LON].iloc[0]), 5),
                S.PARTNER_APPROX: True,
                S.SOURCE: SRC.BROCHURE.key,
                S.SOURCE_ROWS: None,
                S.SYNTHETIC: False,
                S.POSITION_SOURCE: LIC.GEONAMES.code,
                **fields,
            }
        )
    return out


@dataclass
class Build:
    """What one build produces: the links, every raw row's fate, and the counts."""

    links: pd.DataFrame
    rows: list[RawRow]
    summary: dict
    #: Where each link's partner position comes from (``link_id``, ``position_source``).
    positions: pd.DataFrame
    #: The reference the build resolved against (the brochure tables are resolved in it too).
    collectivities: pd.DataFrame


def build(base: Path | None = None) -> Build:
    """Raw files of ``base`` (the data folder) → links, report rows and summary (nothing written)."""
    base = base or D.data_dir()
    coll, countries, places = D.load_collectivities(base), D.load_countries(base), D.load_places(base)
    index = PointCollectivityIndex(coll, D.load_former_communes(base))
    rows = read_wikidata(base) + read_wikipedia(base)
    resolve_rows(rows, index, CountryResolver(countries))
    geo = CK.Geography(
        D.load_geojson(D.COUNTRIES_GEOJSON, base), countries, D.load_geojson(D.DEPARTEMENTS_GEOJSON, base), places
    )
    counts: dict[str, Counter] = {check: Counter() for check in CK.CHECKS}
    apply_french_side(rows, CK.FrenchSide(index, coll, geo), counts[CK.FRENCH_SIDE])
    # A Wikipedia pair also in Wikidata follows Wikidata's French side again, as re-resolved (Belleville – Salzkotten).
    _follow_wikidata(rows, index)
    apply_country(rows, geo, counts[CK.COUNTRY])
    _decide_countries(rows, geo)
    apply_partner_point(rows, geo)
    centroid = {r[S.ISO3]: (float(r[S.LAT]), float(r[S.LON])) for r in countries.to_dict("records")}
    links = apply_duplicates(merge(rows), counts[CK.DUPLICATES])
    # NOTE: the gazetteer is folded only for the countries of partners that no source places usably (a few
    # hundred rows): folding all 138 000 names took most of the build.
    unplaced = {m[0].iso3 for m in links if m[0].iso3 is not None and all(r.partner_point is None for r in m)}
    place_index = PlaceIndex(places, unplaced)
    records = [_link_record(m, index, place_index, centroid, counts[CK.PARTNER_POINT], geo) for m in links]
    records += _brochure_rows(index, places, records)
    frame = pd.DataFrame(records, columns=list(S.LINK_COLUMNS))
    frame = frame.sort_values([S.FR_REGION, S.FR_DEPARTEMENT, S.FR_CODE, S.PARTNER_COUNTRY, S.LINK_ID], kind="stable")
    links = S.validate_links(frame.reset_index(drop=True))
    origin = {r[S.LINK_ID]: r[S.POSITION_SOURCE] for r in records}
    positions = pd.DataFrame({S.LINK_ID: links[S.LINK_ID], S.POSITION_SOURCE: links[S.LINK_ID].map(origin)})
    summary = summarise(rows, links, base, counts)
    summary["positions_by_source"] = {
        k: int(n) for k, n in positions[S.POSITION_SOURCE].value_counts().sort_index().items()
    }
    return Build(links, rows, summary, positions, coll)


# ---------------------------------------------------------------------------
# The build report
# ---------------------------------------------------------------------------
def _reason_family(reason: str) -> str:
    """The reason without its names and numbers, to count reasons by kind."""
    for family in (
        f"contrôle « {CK.FRENCH_SIDE} »",
        f"contrôle « {CK.COUNTRY} »",
        "homonymes sans coordonnées",
        "homonymes que le point",
        "collectivité inconnue",
        "pays inconnu",
        "lien entre deux collectivités françaises",
        "même lien que",
        "aucun des deux côtés",
        "partenaire sans nom",
    ):
        if reason.startswith(family):
            return family
    return reason


#: What each check counts: raw rows (the French side, the country) or links (the position, the duplicates).
CHECK_UNITS = {
    CK.FRENCH_SIDE: "lignes brutes",
    CK.COUNTRY: "lignes brutes",
    CK.PARTNER_POINT: "liens dont une source donne un point",
    CK.DUPLICATES: "liens",
}

#: What the raw files that give no row of their own are read for.
ROLES = {
    WIKIPEDIA_GEOCODED.removeprefix("raw/"): "coordonnées des paires de twin_cities_raw.csv (les mêmes paires, "
    "moins celles que le géocodage n'a pas placées)",
    f"{WIKIDATA_DIR.removeprefix('raw/')}/france.sparql": "la requête qui a produit les fichiers .tsv",
}


def summarise(rows: list[RawRow], links: pd.DataFrame, base: Path, checks: dict[str, Counter] | None = None) -> dict:
    """Counts per raw file and status (they add up to the file's data rows), reasons, sources and checksums."""
    per_file: dict[str, Counter] = defaultdict(Counter)
    reasons: Counter = Counter()
    for row in rows:
        per_file[row.file.removeprefix("raw/")][row.status] += 1
        if row.status == LEFT_OUT:
            reasons[_reason_family(row.reason)] += 1
    files = {}
    for path in sorted((base / "raw").rglob("*")):
        if path.is_file() and path.name != "PROVENANCE.md":
            rel = str(path.relative_to(base / "raw"))
            content = path.read_bytes()
            # Lines as a binary file iterates them: each « \n », plus a last line without one.
            n_lines = content.count(b"\n") + (1 if content and not content.endswith(b"\n") else 0)
            entry: dict = {"sha256": hashlib.sha256(content).hexdigest(), "lines": n_lines}
            if rel in per_file:
                entry["rows"] = {s: per_file[rel].get(s, 0) for s in BUILD_STATUSES}
            else:
                entry["role"] = ROLES.get(rel) or (
                    "la requête qui a produit france.tsv" if rel.endswith(f"/{QUERY_SPARQL}") else ""
                )
            files[rel] = entry
    by_source = Counter(k for cell in links[S.SOURCE] for k in S.split_sources(cell))
    both = int(links[S.SOURCE].map(lambda c: {SRC.WIKIDATA.key, SRC.WIKIPEDIA.key} <= set(S.split_sources(c))).sum())
    return {
        "raw_files": files,
        "rows": {s: sum(c.get(s, 0) for c in per_file.values()) for s in BUILD_STATUSES},
        "left_out_reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        "links": len(links),
        "collectivities": int(links[[S.FR_TYPE, S.FR_CODE]].drop_duplicates().shape[0]),
        "countries": int(links[S.PARTNER_COUNTRY].nunique()),
        "links_by_source": dict(sorted(by_source.items())),
        "links_in_wikidata_and_wikipedia": both,
        "checks": {
            check: {
                "unit": CHECK_UNITS[check],
                **{o: (checks or {}).get(check, Counter()).get(o, 0) for o in CK.OUTCOMES},
            }
            for check in CK.CHECKS
        },
    }


def report_frame(rows: list[RawRow]) -> pd.DataFrame:
    """One line per in-scope raw row (« hors champ » rows are only counted, in the summary)."""
    kept = [r for r in rows if r.status != OUT_OF_SCOPE]
    return pd.DataFrame(
        {
            S.BUILD_RAW_FILE: [r.file.removeprefix("raw/") for r in kept],
            S.REPORT_LINE: [r.line for r in kept],
            S.BUILD_STATUS: [r.status for r in kept],
            S.REPORT_REASON: [r.reason or None for r in kept],
            S.BUILD_HOW: [r.how or None for r in kept],
            S.BUILD_CHECKS: [" ; ".join(r.checks) or None for r in kept],
            S.BUILD_FR_NAME: [r.fr_name for r in kept],
            S.BUILD_PARTNER: [r.partner_name for r in kept],
            S.BUILD_PARTNER_COUNTRY: [r.partner_country for r in kept],
            S.LINK_ID: [r.link_id or None for r in kept],
        }
    )


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------
def _csv_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, compression="zstd")
    return buffer.getvalue()


def _reference_row(coll: pd.DataFrame, fr_type: str, name: str, departement: str | None) -> pd.Series:
    """The one reference row of that type and official name (and département): never a typed code."""
    rows = coll.loc[(coll[S.TYPE] == fr_type) & (coll[S.NAME] == name)]
    if departement is not None and fr_type in ("commune", "epci"):
        rows = rows.loc[rows[S.DEPARTEMENT] == departement]
    if len(rows) != 1:
        raise ValueError(f"« {name} » ({fr_type}) : {len(rows)} correspondance(s) dans le référentiel")
    return rows.iloc[0]


def brochure_tables(coll: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The brochure's named collectivities and testimonials, their codes resolved in the reference."""
    named = pd.DataFrame(
        [
            {
                S.BROCHURE_NAME: n.brochure_name,
                S.TYPE: n.type,
                S.CODE: _reference_row(coll, n.type, n.current_name, n.departement)[S.CODE],
                S.NAME: n.current_name,
                S.NOTE: n.note,
            }
            for n in B.NAMED
        ]
    )
    testimonials = pd.DataFrame(
        [
            {
                S.TOWN: t.town,
                S.FR_CODE: _reference_row(coll, "commune", t.fr_current_name, t.fr_departement)[S.CODE],
                S.TOWN_POPULATION: t.town_population,
                S.PERSON: t.person,
                S.ROLE: t.role,
                S.PARTNER_NAME: t.partner_name,
                S.PARTNER_COUNTRY: t.partner_country,
                S.QUOTE: t.quote,
            }
            for t in B.TESTIMONIALS
        ]
    )
    return S.validate_named(named), S.validate_testimonials(testimonials)


def outputs(result: Build, base: Path) -> dict[Path, bytes]:
    """Every file the build writes, as bytes (written by ``main``, compared by ``--check``)."""
    named, testimonials = brochure_tables(result.collectivities)
    brochure_links = result.links.loc[result.links[S.SOURCE].map(lambda c: SRC.BROCHURE.key in S.split_sources(c))]
    summary = json.dumps(result.summary, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    return {
        base / D.NATIONAL_LINKS_FILE: _parquet_bytes(result.links),
        base / D.NATIONAL_LINKS_CSV: _csv_bytes(result.links),
        base / REPORT_CSV: _csv_bytes(report_frame(result.rows)),
        base / SUMMARY_JSON: summary.encode("utf-8"),
        base / D.BROCHURE_LINKS_FILE: _csv_bytes(brochure_links.reset_index(drop=True)),
        base / D.BROCHURE_NAMED_FILE: _csv_bytes(named),
        base / D.BROCHURE_TESTIMONIALS_FILE: _csv_bytes(testimonials),
        base / POSITIONS_CSV: _csv_bytes(result.positions),
        base / LICENCE_MD: LIC.licence_text().encode("utf-8"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="reconstruire en mémoire et comparer à data/links/")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    base = D.data_dir()
    result = build(base)
    files = outputs(result, base)
    if args.check:
        stale = [p for p, b in files.items() if not p.exists() or p.read_bytes() != b]
        for p in stale:
            print(f"périmé : {p.relative_to(base)}")
        print("à jour" if not stale else f"{len(stale)} fichier(s) à reconstruire : python -m lianes_dash.build.links")
        return 1 if stale else 0
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    s = result.summary
    print(
        f"{s['links']} liens, {s['collectivities']} collectivités, {s['countries']} pays ; lignes brutes : "
        + ", ".join(f"{n} {k}" for k, n in s["rows"].items())
        + f" → {base / D.LINKS} en {time.perf_counter() - t0:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
