"""Matching names against the reference tables: French collectivities, countries, places abroad.

Each index is built once from the reference frames (tests pass tiny ones) and answers
one *distinct* value at a time; the importer maps the answers back onto the rows.
Names are compared through :func:`name_key`: ``fold`` plus « St » → « saint », « CU » →
« communauté urbaine »…, so that case, accents, hyphens and apostrophes never matter.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz, process

from lianes_dash.dataset import schema as S
from lianes_dash.dataset.vectors import fold_fast
from lianes_dash.importer.errors import _short
from lianes_dash.importer.values import parse_type
from lianes_dash.text.french import fold
from lianes_dash.text.i18n import t

#: Fuzzy score (0-100) from which a reference name is offered as « vouliez-vous dire ».
SUGGESTION_CUTOFF = 80
MAX_SUGGESTIONS = 3
#: Longer values are not fuzzy-matched (cost grows with length; nobody mistypes 200 chars).
MAX_FUZZY_LENGTH = 120
#: What an unknown name's reason says once the import's suggestion budget is spent.
NO_SUGGESTION = "pas de suggestion calculée (trop de noms inconnus)"

_ABBREVIATIONS = {
    "st": "saint",
    "ste": "sainte",
    "sts": "saints",
    "stes": "saintes",
    "cc": "communaute de communes",
    "ca": "communaute d agglomeration",
    "cu": "communaute urbaine",
    "agglo": "agglomeration",
    "mel": "metropole europeenne de lille",
}
_STOPWORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l"})
_ARTICLE = r"(?: (?:du|de la|de l|des|de|d))?"
_DEP_PREFIX = re.compile(rf"^(?:conseil departemental|conseil general|departement){_ARTICLE} (?P<rest>.+)$")
_REG_PREFIX = re.compile(rf"^(?:conseil regional|region){_ARTICLE} (?P<rest>.+)$")
_DEP_CODE = re.compile(r"^(?:\d{1,3}|2a|2b)$")
_CODE_INSIDE = re.compile(r"(?:^|\s)(\d{2,3}|2a|2b)(?:\s|$)")
_TYPE_ORDER: tuple[str, ...] = ("commune", "epci", "departement", "region")


def name_key(text: object) -> str:
    """Comparison key of a name: folded, abbreviations expanded (« St-Omer » = « Saint Omer »)."""
    return _expanded(fold(text))


def _expanded(folded: str) -> str:
    """A folded name with its abbreviations expanded (the second half of :func:`name_key`)."""
    return " ".join(_ABBREVIATIONS.get(t, t) for t in folded.split())


def loose_key(key: str) -> str:
    """``name_key`` without articles and prepositions: a second, warned, chance to match."""
    return " ".join(t for t in key.split() if t not in _STOPWORDS)


class NotComputed(list):
    """No suggestion, because the import's suggestion budget was spent (not because none is close)."""


class suggestion_budget:  # noqa: N801 — used as ``with suggestion_budget(20):``
    """Total time (seconds) that the suggestions of one import may take, for this thread/context.

    A context variable, not an attribute of the (shared, cached) indexes: two imports
    running at once each have their own budget. Without one, suggestions are unbounded.
    """

    def __init__(self, seconds: float) -> None:
        self.left = float(seconds)
        self.skipped = 0
        self._tokens: list[contextvars.Token] = []

    def __enter__(self) -> suggestion_budget:
        self._tokens.append(_BUDGET.set(self))
        return self

    def __exit__(self, *_exc: object) -> None:
        _BUDGET.reset(self._tokens.pop())


_BUDGET: contextvars.ContextVar[suggestion_budget | None] = contextvars.ContextVar("suggestion_budget", default=None)


class SuggestionIndex:
    """The reference keys for « vouliez-vous dire », built once, searched block by block.

    Blocking: a value is compared with the keys that share its first character, plus the keys
    of its département when the file gives one (so a typo on the first letter is still caught
    there); ``rapidfuzz.process.extract`` with the score cutoff runs over those candidates only.
    Each distinct key is searched once (cached), and every search draws on the current
    :class:`suggestion_budget`.
    """

    CACHE_SIZE = 50_000

    def __init__(self, choices: dict[str, list[str]], groups: dict[str, set[str]] | None = None) -> None:
        self.choices = choices
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        self.by_group: dict[str, list[str]] = defaultdict(list)
        for key in choices:
            self.by_prefix[key[:1]].append(key)
            for g in (groups or {}).get(key, ()):
                self.by_group[g].append(key)
        self._cache: dict[tuple[str, str | None, int], list[str]] = {}

    def suggest(self, key: str, group: str | None = None, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Display names of the closest keys, best first; :class:`NotComputed` past the budget."""
        if not key or len(key) > MAX_FUZZY_LENGTH or not self.choices:
            return []
        hit = self._cache.get((key, group, limit))
        if hit is not None:
            return list(hit)
        budget = _BUDGET.get()
        if budget is not None and budget.left <= 0:
            budget.skipped += 1
            return NotComputed()
        start = time.perf_counter()
        candidates = self.by_prefix.get(key[:1], [])
        if group and self.by_group.get(group):
            candidates = list(dict.fromkeys([*self.by_group[group], *candidates]))
        found = process.extract(key, candidates, scorer=fuzz.ratio, limit=limit, score_cutoff=SUGGESTION_CUTOFF)
        out: list[str] = []
        for match, _score, _ in found:
            for shown in self.choices[match]:
                if shown not in out:
                    out.append(shown)
        out = out[:limit]
        if budget is not None:
            budget.left -= time.perf_counter() - start
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.clear()
        self._cache[key, group, limit] = out
        return list(out)


def _suggest(key: str, choices: dict[str, list[str]], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Display names of the reference keys closest to ``key`` (small tables: countries, départements)."""
    if not key or len(key) > MAX_FUZZY_LENGTH or not choices:
        return []
    budget = _BUDGET.get()
    if budget is not None and budget.left <= 0:
        budget.skipped += 1
        return NotComputed()
    start = time.perf_counter()
    found = process.extract(key, list(choices), scorer=fuzz.ratio, limit=limit, score_cutoff=SUGGESTION_CUTOFF)
    out: list[str] = []
    for match, _score, _ in found:
        for shown in choices[match]:
            if shown not in out:
                out.append(shown)
    if budget is not None:
        budget.left -= time.perf_counter() - start
    return out[:limit]


def _did_you_mean(suggestions: list[str]) -> str:
    if isinstance(suggestions, NotComputed):
        return t(" ; {reason}", reason=t(NO_SUGGESTION))
    return t(" (vouliez-vous dire : {names} ?)", names=" ; ".join(suggestions)) if suggestions else ""


@dataclass
class Match:
    """Outcome for one distinct value: the reference row found, or why not."""

    row: int | None = None
    error: str | None = None
    suggestions: list[str] = field(default_factory=list)
    warning: str | None = None


def _texts_or_none(series: pd.Series) -> list[str | None]:
    """Each value as text, ``None`` where missing (as a list: Arrow-backed cells are slow one by one)."""
    return [None if missing else str(v) for v, missing in zip(series.tolist(), series.isna().tolist(), strict=True)]


# ---------------------------------------------------------------------------
# French collectivities
# ---------------------------------------------------------------------------
class CollectivityIndex:
    """French communes, EPCI, départements and régions, by name key and by code."""

    def __init__(self, collectivities: pd.DataFrame) -> None:
        coll = collectivities.reset_index(drop=True)
        self.codes = coll[S.CODE].astype(str).tolist()
        self.types = coll[S.TYPE].astype(str).tolist()
        self.names = coll[S.NAME].astype(str).tolist()
        self.regions = _texts_or_none(coll[S.REGION])
        deps = _texts_or_none(coll[S.DEPARTEMENT])
        # A département's own row may leave its département column empty.
        self.deps = [c if t == "departement" else d for c, t, d in zip(self.codes, self.types, deps, strict=True)]
        # ``name_key`` of each name, folded all at once (36 000 names: ~0.7 s one by one).
        keys = [_expanded(k) for k in fold_fast(self.names).tolist()]
        self.keys = keys
        self.by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_loose: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_code: dict[tuple[str, str], int] = {}
        self.choices: dict[str, dict[str, list[str]]] = {t: defaultdict(list) for t in S.FR_TYPES}
        for i, (key, typ, code) in enumerate(zip(keys, self.types, self.codes, strict=True)):
            self.by_key[typ, key].append(i)
            self.by_loose[typ, loose_key(key)].append(i)
            self.by_code[typ, code.upper()] = i
            if typ in self.choices:
                self.choices[typ][key].append(self.display(i))
        self.dep_codes = {self.codes[i] for i in range(len(self.codes)) if self.types[i] == "departement"}
        self.region_codes = {self.codes[i] for i in range(len(self.codes)) if self.types[i] == "region"}

    def display(self, i: int) -> str:
        """« Halluin (59) », « CU de Dunkerque (EPCI, 59) », « Nord (59) », « Hauts-de-France (région) »."""
        typ, dep = self.types[i], self.deps[i]
        if typ == "region":
            return t("{name} (région)", name=self.names[i])
        if typ == "epci":
            return f"{self.names[i]} (EPCI{', ' + dep if dep else ''})"
        return f"{self.names[i]} ({dep})" if dep else self.names[i]

    # -- département and région cells ------------------------------------------------
    def departement_code(self, cell: str) -> tuple[str | None, str | None]:
        """Code of a département cell (« 59 », « 9 », « Nord », « 59 - Nord », « Nord (59) »)."""
        key = fold(cell)
        if not key:
            return None, None
        if _DEP_CODE.match(key):
            code = key.upper().zfill(2)
            if code in self.dep_codes:
                return code, None
        inside = _CODE_INSIDE.findall(key)
        if len(inside) == 1 and inside[0].upper() in self.dep_codes:
            return inside[0].upper(), None
        nkey = name_key(cell)
        m = _DEP_PREFIX.match(nkey)
        for k in (nkey, m.group("rest") if m else None):
            rows = self.by_key.get(("departement", k or ""), [])
            if len(rows) == 1:
                return self.codes[rows[0]], None
        return None, f"département inconnu : « {_short(cell)} » (ignoré)"

    def region_code(self, cell: str) -> tuple[str | None, str | None]:
        """Code of a région cell (« 32 », « Hauts-de-France », « Région Hauts-de-France »)."""
        key = fold(cell)
        if not key:
            return None, None
        if key.upper() in self.region_codes:
            return key.upper(), None
        nkey = name_key(cell)
        m = _REG_PREFIX.match(nkey)
        for k in (nkey, m.group("rest") if m else None):
            rows = self.by_key.get(("region", k or ""), [])
            if len(rows) == 1:
                return self.codes[rows[0]], None
        return None, f"région inconnue : « {_short(cell)} » (ignorée)"

    # -- the collectivity itself -------------------------------------------------------
    def resolve(
        self, name: str, typ_cell: str = "", dep_cell: str = "", region_cell: str = "", code: str = ""
    ) -> Match:
        """The reference row of one collectivity, or a French reason naming the value."""
        warnings: list[str] = []
        typ, w = parse_type(typ_cell)
        warnings += [w] if w else []
        dep, w = self.departement_code(dep_cell)
        warnings += [w] if w else []
        reg, w = self.region_code(region_cell) if not dep else (None, None)
        warnings += [w] if w else []
        match = self._resolve(name.strip(), typ, dep, reg, code.strip(), warnings)
        if warnings and match.error is None:
            match.warning = " ; ".join(warnings)
        return match

    def _resolve(
        self, name: str, typ: str | None, dep: str | None, reg: str | None, code: str, warnings: list[str]
    ) -> Match:
        """By code first, then by name: a « Département du … » / « Région … » prefix, the name key,
        the name key without articles; an unknown name gets its « vouliez-vous dire »."""
        if code:
            found = self._match_code(name, code, typ, warnings)
            if found is not None:
                return found
        if not name:
            return Match(error=t("collectivité française manquante"))
        key = name_key(name)
        types = (typ,) if typ else _TYPE_ORDER
        return (
            self._match_prefixed(name, key, typ)
            or self._match_key(name, key, types, dep, reg, warnings)
            or self._unknown(name, key, types, dep)
        )

    def _match_code(self, name: str, code: str, typ: str | None, warnings: list[str]) -> Match | None:
        """The row of a code (warned when the file's name differs); ``None`` to go on by name."""
        found = self._by_code(code, typ)
        if found is not None:
            if name and loose_key(name_key(name)) != loose_key(self.keys[found]) and name_key(name) != self.keys[found]:
                warnings.append(
                    t(
                        "le code « {code} » désigne « {name} » (nom du fichier : « {given} »)",
                        code=code,
                        name=self.names[found],
                        given=_short(name),
                    )
                )
            return Match(found)
        if not name:
            return Match(error=t("code de collectivité inconnu : « {code} »", code=_short(code)))
        warnings.append(
            t("code de collectivité inconnu : « {code} » (collectivité cherchée par son nom)", code=_short(code))
        )
        return None

    def _match_prefixed(self, name: str, key: str, typ: str | None) -> Match | None:
        """« Département du Nord », « Conseil départemental du Pas-de-Calais », « Région Hauts-de-France »."""
        for prefix, kind in ((_DEP_PREFIX, "departement"), (_REG_PREFIX, "region")):
            m = prefix.match(key)
            if not m or typ not in (None, kind):
                continue
            rest = m.group("rest")
            code, _ = self.departement_code(rest) if kind == "departement" else self.region_code(rest)
            if code is not None:
                return Match(self.by_code[kind, code])
            label = (
                "département inconnu : « {name} »{hint}"
                if kind == "departement"
                else "région inconnue : « {name} »{hint}"
            )
            sugg = _suggest(rest, self.choices[kind])
            return Match(error=t(label, name=_short(name), hint=_did_you_mean(sugg)), suggestions=sugg)
        return None

    def _match_key(
        self, name: str, key: str, types: tuple[str, ...], dep: str | None, reg: str | None, warnings: list[str]
    ) -> Match | None:
        """The name key, then the loose key, type by type, within the département or région if given."""
        elsewhere: list[int] = []
        for table, loose in ((self.by_key, False), (self.by_loose, True)):
            k = loose_key(key) if loose else key
            for typ in types:
                rows = table.get((typ, k), [])
                kept = self._within(rows, dep, reg)
                if len(kept) == 1:
                    if loose:
                        warnings.append(
                            t("« {given} » lu comme « {name} »", given=_short(name), name=self.names[kept[0]])
                        )
                    return Match(kept[0])
                if len(kept) > 1:
                    return self._ambiguous(name, kept)
                elsewhere += [i for i in rows if i not in elsewhere]
        return self._elsewhere(name, elsewhere, dep, reg, warnings) if elsewhere else None

    def _within(self, rows: list[int], dep: str | None, reg: str | None) -> list[int]:
        """The rows in the département ``dep`` and the région ``reg`` (each ignored when ``None``)."""
        return [i for i in rows if (dep is None or self.deps[i] == dep) and (reg is None or self.regions[i] == reg)]

    def _ambiguous(self, name: str, rows: list[int]) -> Match:
        shown = [self.display(i) for i in rows[:8]]
        return Match(
            error=t(
                "collectivité ambiguë : « {name} » ({n} possibles : {shown} ; précisez le département)",
                name=_short(name),
                n=len(rows),
                shown=" ; ".join(shown),
            ),
            suggestions=shown,
        )

    def _elsewhere(self, name: str, rows: list[int], dep: str | None, reg: str | None, warnings: list[str]) -> Match:
        """Found, but not in the département (or région) the file gives: an EPCI's seat may be next door."""
        if len(rows) == 1 and self.types[rows[0]] == "epci":
            warnings.append(
                t("« {name} » a son siège dans le département {dep}", name=self.names[rows[0]], dep=self.deps[rows[0]])
            )
            return Match(rows[0])
        shown = [self.display(i) for i in rows[:8]]
        where = t("le département {code}", code=dep) if dep else t("la région {code}", code=reg)
        return Match(
            error=t(
                "collectivité « {name} » absente de {where} (trouvée ailleurs : {shown})",
                name=_short(name),
                where=where,
                shown=" ; ".join(shown),
            ),
            suggestions=shown,
        )

    def _unknown(self, name: str, key: str, types: tuple[str, ...], dep: str | None) -> Match:
        sugg = self._suggester(types).suggest(key, dep)
        if dep:
            sugg.sort(key=lambda s: not s.endswith(f"({dep})"))
        return Match(
            error=t("collectivité inconnue : « {name} »{hint}", name=_short(name), hint=_did_you_mean(sugg)),
            suggestions=sugg,
        )

    def _suggester(self, types: tuple[str, ...]) -> SuggestionIndex:
        """The suggestion index of these types, built on first use and kept (blocks by département).

        Merging the per-type choices on every unknown name cost ~85 ms a name; built once,
        a search over one block costs well under a millisecond.
        """
        built: dict[tuple[str, ...], SuggestionIndex] = self.__dict__.setdefault("_suggesters", {})
        if types not in built:
            choices: dict[str, list[str]] = {}
            groups: dict[str, set[str]] = defaultdict(set)
            for kind in types:
                for k, shown in self.choices[kind].items():
                    choices.setdefault(k, []).extend(shown)
            for key, typ, dep in zip(self.keys, self.types, self.deps, strict=True):
                if typ in types and dep:
                    groups[key].add(dep)
            built[types] = SuggestionIndex(choices, groups)
        return built[types]

    def _by_code(self, code: str, typ: str | None) -> int | None:
        code = "".join(code.split()).upper()
        if code.isdigit() and len(code) == 1:
            code = code.zfill(2)
        # NOTE: without a type, « 59 » is the département, never the région 59 (there is none,
        # but « 32 » is both Gers and Hauts-de-France): départements come before régions.
        for kind in (typ,) if typ else _TYPE_ORDER:
            found = self.by_code.get((kind, code))
            if found is not None:
                return found
        return None


# ---------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------
#: Usual names that the countries table (built from pycountry) may lack. Folded keys.
COUNTRY_ALIASES: dict[str, str] = {
    "usa": "USA", "us": "USA", "etats unis": "USA", "etats unis d amerique": "USA",
    "united states": "USA", "united states of america": "USA",
    "royaume uni": "GBR", "grande bretagne": "GBR", "angleterre": "GBR", "ecosse": "GBR",
    "pays de galles": "GBR", "irlande du nord": "GBR", "uk": "GBR", "united kingdom": "GBR", "great britain": "GBR",
    "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "viet nam": "VNM", "vietnam": "VNM",
    "palestine": "PSE", "etat de palestine": "PSE", "territoires palestiniens": "PSE",
    "territoires palestiniens occupes": "PSE", "autorite palestinienne": "PSE", "cisjordanie": "PSE",
    "gaza": "PSE", "bande de gaza": "PSE",
    "russie": "RUS", "federation de russie": "RUS", "russia": "RUS",
    "coree du sud": "KOR", "coree": "KOR", "republique de coree": "KOR", "south korea": "KOR",
    "coree du nord": "PRK", "north korea": "PRK",
    "rdc": "COD", "rd congo": "COD", "republique democratique du congo": "COD", "congo kinshasa": "COD",
    "zaire": "COD", "dr congo": "COD", "democratic republic of the congo": "COD",
    # French usage (and the ministry's): « Congo » alone is Congo-Brazzaville.
    "congo": "COG", "congo brazzaville": "COG", "republique du congo": "COG",
    "cote d ivoire": "CIV", "ivory coast": "CIV",
    "cap vert": "CPV", "cabo verde": "CPV", "cape verde": "CPV",
    "birmanie": "MMR", "myanmar": "MMR", "burma": "MMR",
    "laos": "LAO", "syrie": "SYR", "iran": "IRN", "moldavie": "MDA", "moldova": "MDA",
    "macedoine": "MKD", "macedoine du nord": "MKD", "arym": "MKD", "north macedonia": "MKD",
    "tchequie": "CZE", "republique tcheque": "CZE", "czechia": "CZE", "czech republic": "CZE",
    "bolivie": "BOL", "venezuela": "VEN", "tanzanie": "TZA", "tanzania": "TZA",
    "taiwan": "TWN", "vatican": "VAT", "saint siege": "VAT", "kosovo": "XKX",
    "hollande": "NLD", "pays bas": "NLD", "bielorussie": "BLR", "belarus": "BLR",
    "swaziland": "SWZ", "eswatini": "SWZ", "timor oriental": "TLS", "timor leste": "TLS",
    "centrafrique": "CAF", "rca": "CAF", "republique centrafricaine": "CAF",
    "guinee bissau": "GNB", "guinee equatoriale": "GNQ", "guinee conakry": "GIN",
    "sahara occidental": "ESH", "turquie": "TUR", "turkiye": "TUR", "emirats arabes unis": "ARE",
    "allemagne": "DEU", "rfa": "DEU", "germany": "DEU", "belgique": "BEL", "espagne": "ESP", "italie": "ITA",
    "maroc": "MAR", "senegal": "SEN", "mali": "MLI", "burkina": "BFA", "burkina faso": "BFA",
    "haiti": "HTI", "liban": "LBN", "tunisie": "TUN", "algerie": "DZA", "madagascar": "MDG",
    "chine": "CHN", "japon": "JPN", "inde": "IND", "bresil": "BRA", "mexique": "MEX", "canada": "CAN",
    "quebec": "CAN", "pologne": "POL", "roumanie": "ROU", "hongrie": "HUN", "ukraine": "UKR",
    "armenie": "ARM", "georgie": "GEO", "israel": "ISR", "niger": "NER", "benin": "BEN", "togo": "TGO",
    "cameroun": "CMR", "mauritanie": "MRT", "guinee": "GIN", "tchad": "TCD", "gabon": "GAB",
}  # fmt: skip
_PAREN = re.compile(r"\s*[\(\[].*?[\)\]]\s*")
_COUNTRY_ARTICLE = re.compile(r"^(?:le|la|les|l|the) ")
_COUNTRY_PREFIX = re.compile(
    r"^(?:republique(?: (?:federale|populaire|islamique|democratique|arabe|unie|socialiste))*|royaume|etat|"
    r"principaute|sultanat|grand duche|emirat|federation|confederation)(?: (?:du|de la|de l|des|de|d))? (?P<rest>.+)$"
)


class CountryIndex:
    """Countries by any usual name: French, English, ISO codes, variants, aliases."""

    def __init__(self, countries: pd.DataFrame) -> None:
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.name_fr: dict[str, str] = {}
        self.centroid: dict[str, tuple[float, float]] = {}
        for row in countries.itertuples(index=False):
            rec = row._asdict()
            iso3 = str(rec[S.ISO3])
            self.name_fr[iso3] = str(rec[S.NAME_FR])
            self.centroid[iso3] = (float(rec[S.LAT]), float(rec[S.LON]))
            texts = [rec[S.NAME_FR], rec[S.NAME_EN], iso3, rec[S.ISO2]]
            variants = rec[S.VARIANTS]
            if isinstance(variants, str):
                texts += variants.split(S.THEME_SEP)
            for text in texts:
                if isinstance(text, str) and fold(text):
                    self.keys[fold(text)].add(iso3)
        for key, iso3 in COUNTRY_ALIASES.items():
            if iso3 in self.name_fr:
                # Aliases override: they settle the table's own collisions (« Congo »).
                self.keys[fold(key)] = {iso3}
        self.choices: dict[str, list[str]] = defaultdict(list)
        for key, isos in self.keys.items():
            if len(key) > 3:
                for iso in sorted(isos):
                    self.choices[key].append(self.name_fr[iso])

    def _candidates(self, cell: str) -> set[str]:
        key = fold(cell)
        tries = [key, fold(_PAREN.sub(" ", cell))]
        for k in list(tries):
            tries.append(_COUNTRY_ARTICLE.sub("", k))
        for k in list(tries):
            m = _COUNTRY_PREFIX.match(k)
            if m:
                tries.append(m.group("rest"))
        for k in tries:
            found = self.keys.get(k)
            if found:
                return found
        return set()

    def resolve(self, cell: str) -> tuple[str | None, Match]:
        """``(iso3, match)``: the country's code, or ``None`` and a French reason."""
        text = cell.strip()
        if not text:
            return None, Match(error=t("pays manquant"))
        found = self._candidates(text)
        if len(found) == 1:
            return next(iter(found)), Match()
        if len(found) > 1:
            shown = sorted(self.name_fr[i] for i in found)
            return None, Match(
                error=t("pays ambigu : « {text} » ({shown} ?)", text=_short(text), shown=t(" ou ").join(shown)),
                suggestions=shown,
            )
        sugg = _suggest(fold(text), self.choices)
        return None, Match(
            error=t("pays inconnu : « {text} »{hint}", text=_short(text), hint=_did_you_mean(sugg)), suggestions=sugg
        )


# ---------------------------------------------------------------------------
# Places abroad
# ---------------------------------------------------------------------------
_PLACE_PREFIX = re.compile(
    r"^(?:commune(?: urbaine| rurale)?|ville|municipalite|mairie|district|province|region|departement|prefecture|"
    r"gouvernorat|wilaya|cercle|comune|citta|city|town|municipality|county|landkreis|kreis|stadt|gemeinde|"
    r"conseil (?:municipal|regional|provincial|departemental)|comte|canton)"
    r"(?: (?:du|de la|de l|des|de|d|di|of|del|de los|de las|von))? (?P<rest>.+)$"
)


class PlaceIndex:
    """Places abroad by (country, folded name); the most populous wins among homonyms."""

    def __init__(self, places: pd.DataFrame | None, countries: set[str] | None = None) -> None:
        self.coords: dict[tuple[str, str], tuple[float, float]] = {}
        if places is None or places.empty:
            return
        sub = places if countries is None else places.loc[places[S.COUNTRY].isin(list(countries))]
        if sub.empty:
            return
        frame = pd.DataFrame(
            {
                "c": sub[S.COUNTRY].astype(str).to_numpy(),
                "k": fold_fast(sub[S.PLACE]),
                "p": pd.to_numeric(sub[S.POPULATION], errors="coerce").fillna(0).to_numpy(),
                S.LAT: sub[S.LAT].astype(float).to_numpy(),
                S.LON: sub[S.LON].astype(float).to_numpy(),
            }
        )
        frame = frame.sort_values("p", ascending=False, kind="stable").drop_duplicates(["c", "k"])
        # ``tolist()`` first: iterating Arrow-backed text one cell at a time cost 1 s here.
        self.coords = dict(
            zip(
                zip(frame["c"].tolist(), frame["k"].tolist(), strict=True),
                zip(frame[S.LAT].tolist(), frame[S.LON].tolist(), strict=True),
                strict=True,
            )
        )

    def locate(self, name: str, iso3: str) -> tuple[float, float] | None:
        """Coordinates of a partner place, or ``None`` (the caller falls back on the country)."""
        if not self.coords or not name.strip():
            return None
        key = fold(name)
        tries = [key, fold(_PAREN.sub(" ", name))]
        for k in list(tries):
            m = _PLACE_PREFIX.match(k)
            if m:
                tries.append(m.group("rest"))
        for k in tries:
            found = self.coords.get((iso3, k))
            if found is not None:
                return found
        return None
