"""The importer's collectivity resolver, extended for sources that give a point and write names their own way.

Open twinning records (Wikidata, Wikipedia) name French places in English (« Dunkirk »), by
the name of a commune that has since merged (« Cherbourg », « Annecy-le-Vieux »), and give
coordinates. This index answers them with the same keys and the same reference as the
importer (:class:`~lianes_dash.importer.resolve.CollectivityIndex`), plus:

- an English exonym table (:data:`EXONYMS`);
- the former and secondary communes (communes déléguées, associées, arrondissements) that lead
  to the commune of today;
- homonyms (Saint-Denis, Torcy) decided by the point the source gives: the commune of that name
  nearest to it, if it is clearly the nearest; otherwise the name is reported as ambiguous,
  never guessed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lianes_dash.dataset import schema as S
from lianes_dash.importer.errors import _short
from lianes_dash.importer.resolve import _DEP_PREFIX, _REG_PREFIX, CollectivityIndex, loose_key, name_key

#: English (and old French) forms of French place names found in English-language sources, by
#: ``name_key`` → official name as the reference writes it. NOTE: only names that are not
#: themselves French communes: « Nice » or « Orange » are never rewritten.
EXONYMS: dict[str, str] = {
    "dunkirk": "Dunkerque",
    "marseilles": "Marseille",
    "lyons": "Lyon",
    "rheims": "Reims",
    "brittany": "Bretagne",
    "normandy": "Normandie",
    "corsica": "Corse",
}

#: A homonym is decided by the point only when the nearest commune of that name is this close…
HOMONYM_MAX_KM = 25.0
#: … and the next one at least this many times farther away.
HOMONYM_MARGIN = 2.0
#: A unique name whose point lies farther than this from the commune gets a warning.
FAR_WARNING_KM = 50.0
#: A name that is the start of one commune's name (« Cherbourg » → « Cherbourg-en-Cotentin »)
#: is read as that commune only within this distance of the point, and when at least this long.
PREFIX_MAX_KM = 10.0
PREFIX_MIN_LENGTH = 5


def distance_km(lat1: float, lon1: float, lat2: np.ndarray | float, lon2: np.ndarray | float) -> np.ndarray:
    """Great-circle distance (haversine, mean Earth radius), vectorised on the second point."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(np.asarray(lon2) - lon1)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    # Np.minimum, not np.clip: clip's dispatch cost dominated thousands of 2-element calls.
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(np.abs(a), 1.0)))


@dataclass(frozen=True)
class Resolution:
    """A resolved French side: the reference row, and how it was found (shown in the build report)."""

    row: int | None
    how: str = ""
    error: str | None = None


class PointCollectivityIndex(CollectivityIndex):
    """:class:`CollectivityIndex` + exonyms, former communes and homonyms decided by a point."""

    def __init__(self, collectivities: pd.DataFrame, former: pd.DataFrame | None = None) -> None:
        super().__init__(collectivities)
        coll = collectivities.reset_index(drop=True)
        self.lat = coll[S.LAT].to_numpy(dtype=float)
        self.lon = coll[S.LON].to_numpy(dtype=float)
        #: former/secondary name key → [(row of today's commune, former name, lat, lon)]
        self.former: dict[str, list[tuple[int, str, float, float]]] = defaultdict(list)
        if former is not None and len(former):
            for rec in former.itertuples(index=False):
                d = rec._asdict()
                parent = self.by_code.get(("commune", str(d[S.PARENT_CODE]).upper()))
                if parent is None:
                    continue
                lat = float(d[S.LAT]) if pd.notna(d[S.LAT]) else math.nan
                lon = float(d[S.LON]) if pd.notna(d[S.LON]) else math.nan
                self.former[name_key(d[S.NAME])].append((parent, str(d[S.NAME]), lat, lon))
        # Commune keys by their first word, for the prefix rule (« cherbourg » → « cherbourg en cotentin »).
        self._by_first: dict[str, list[int]] = defaultdict(list)
        for (typ, key), rows in self.by_key.items():
            if typ == "commune" and key:
                self._by_first[key.split()[0]].extend(rows)

    # -- helpers ---------------------------------------------------------------------------
    def _km(self, rows: list[int], point: tuple[float, float]) -> np.ndarray:
        return distance_km(point[0], point[1], self.lat[rows], self.lon[rows])

    def _nearest(self, rows: list[int], point: tuple[float, float] | None, what: str) -> Resolution:
        """One row among homonyms, by the point; or an ambiguity naming the candidates."""
        rows = list(dict.fromkeys(rows))
        if len(rows) == 1:
            i = rows[0]
            if point is not None:
                km = float(self._km([i], point)[0])
                if km > FAR_WARNING_KM:
                    return Resolution(i, f"{what} ; point de la source à {km:.0f} km de la collectivité")
            return Resolution(i, what)
        shown = " ; ".join(self.display(i) for i in rows[:6])
        if point is None:
            return Resolution(None, error=f"homonymes sans coordonnées pour trancher ({len(rows)} : {shown})")
        dists = self._km(rows, point)
        order = np.argsort(dists, kind="stable")
        best, second = float(dists[order[0]]), float(dists[order[1]])
        if best <= HOMONYM_MAX_KM and second >= HOMONYM_MARGIN * max(best, 1.0):
            i = rows[int(order[0])]
            return Resolution(i, f"{what} ; homonyme le plus proche du point de la source ({best:.0f} km)")
        return Resolution(
            None,
            error=f"homonymes que le point de la source ne départage pas ({len(rows)} : {shown} ; "
            f"le plus proche à {best:.0f} km, le suivant à {second:.0f} km)",
        )

    def _in_departement(self, name: str, dep: str, point: tuple[float, float] | None) -> Resolution | None:
        """« Allonnes » in the Sarthe: the commune (or former commune) of that name in that département."""
        key = name_key(name)
        rows = [i for i in self.by_key.get(("commune", key), []) if self.deps[i] == dep]
        how = f"nom et département ({dep}) de la source"
        if not rows:
            rows = [r for r, _n, _la, _lo in self.former.get(key, []) if self.deps[r] == dep]
            how = f"ancienne commune ou commune déléguée, département ({dep}) de la source"
        return self._nearest(rows, point, how) if rows else None

    def _prefix(self, key: str, point: tuple[float, float]) -> Resolution | None:
        """The one commune near the point whose name starts with ``key`` (a renamed or merged commune)."""
        if len(key) < PREFIX_MIN_LENGTH:
            return None
        cands = [i for i in self._by_first.get(key.split()[0], []) if self.keys[i].startswith(key + " ")]
        if not cands:
            return None
        km = self._km(cands, point)
        near = np.flatnonzero(km <= PREFIX_MAX_KM)
        if len(near) != 1:
            return None
        i = cands[int(near[0])]
        return Resolution(
            i, f"début du nom de « {self.names[i]} », à {float(km[near[0]]):.0f} km du point de la source"
        )

    # -- the French side of an outside record ----------------------------------------------
    def _written_apart(self, name: str, point: tuple[float, float] | None, trusted: bool) -> Resolution | None:
        """A name with a precision the source adds: « Seynod (Annecy) », « Allonnes, Sarthe »."""
        # « Seynod (Annecy) »: the part before a parenthesis, the parenthesis kept out of the key.
        if "(" in name and not name.startswith("("):
            head = name.split("(", 1)[0].strip()
            found = self.resolve_point(head, point, trusted)
            if found.row is not None:
                return Resolution(found.row, f"{found.how} (précision entre parenthèses de la source ignorée)")
        # « Allonnes, Sarthe », « Francheville, Rhône »: Wikipedia's way of telling homonyms apart.
        if "," in name:
            head, tail = (part.strip() for part in name.rsplit(",", 1))
            dep, _ = self.departement_code(tail)
            if dep is not None:
                return self._in_departement(head, dep, point)
        return None

    def _commune_named(self, key: str, how: str, point: tuple[float, float] | None, trusted: bool) -> Resolution | None:
        """1. Communes of that name (exact key, then without articles); 2. a former or secondary commune."""
        for table, k, label in ((self.by_key, key, how), (self.by_loose, loose_key(key), f"{how}, sans article")):
            rows = table.get(("commune", k), [])
            if rows:
                found = self._nearest(rows, point, label)
                if found.row is None and point is not None and trusted:
                    # Renamed since (« Saint-Ouen » → « Saint-Ouen-sur-Seine ») or merged: the point knows.
                    return self._prefix(key, point) or found
                return found
        former = self.former.get(key, [])
        if former:
            rows = [r for r, _n, _la, _lo in former]
            return self._nearest(rows, point, f"ancienne commune ou commune déléguée « {former[0][1]} »")
        return None

    def _territory_named(self, key: str) -> Resolution | None:
        """3. Départements and régions named as such (« Finistère », « Département du Nord », « Bretagne »)."""
        for typ, prefix, label in (("departement", _DEP_PREFIX, "département"), ("region", _REG_PREFIX, "région")):
            m = prefix.match(key)
            for k in dict.fromkeys((key, m.group("rest") if m else key)):
                rows = self.by_key.get((typ, k), [])
                if len(rows) == 1:
                    return Resolution(rows[0], f"{label} nommé comme tel")
        return None

    def resolve_point(self, name: str, point: tuple[float, float] | None, trusted_point: bool = True) -> Resolution:
        """The collectivity a source names, helped by the point it gives (``None`` if it gives none).

        ``trusted_point``: the point is the place's own coordinate, not a geocode of its name; only
        then may a name be read as the start of another near it (« Saint-Ouen » → « Saint-Ouen-sur-Seine »).
        """
        name = " ".join(str(name).split())
        if not name:
            return Resolution(None, error="nom de collectivité manquant")
        found = self._written_apart(name, point, trusted_point)
        if found is not None:
            return found
        key = name_key(name)
        exonym = EXONYMS.get(key)
        how = "nom officiel"
        if exonym:
            key, how = name_key(exonym), f"exonyme anglais de « {exonym} »"
        found = self._commune_named(key, how, point, trusted_point) or self._territory_named(key)
        if found is not None:
            return found
        # 4. The start of one commune's name, near the point (« Cherbourg » → « Cherbourg-en-Cotentin »).
        if point is not None and trusted_point:
            by_prefix = self._prefix(key, point)
            if by_prefix is not None:
                return by_prefix
        return Resolution(None, error=f"collectivité inconnue du référentiel : « {_short(name)} »")
