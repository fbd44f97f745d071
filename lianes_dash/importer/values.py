"""Small vocabularies: themes, kinds of link, collectivity types, years.

Each ``parse_*`` function takes one *distinct* cell value and returns the normalised
value plus a warning (or ``None``); the importer calls them once per distinct value.
"""

from __future__ import annotations

import datetime as dt
import re

from lianes_dash.dataset import schema as S
from lianes_dash.importer.errors import _short
from lianes_dash.text.french import fold
from lianes_dash.text.i18n import t

YEAR_MIN, YEAR_MAX = 1900, 2100
DEFAULT_KIND = "coopération décentralisée"
THEME_SPLIT = re.compile(r"[,;|/\n]+")

# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------
_THEME_SYNONYMS: dict[str, str] = {
    "eau": "gestion de l'eau",
    "eau potable": "gestion de l'eau",
    "eau et assainissement": "gestion de l'eau",
    "assainissement": "gestion de l'eau",
    "hydraulique": "gestion de l'eau",
    "water": "gestion de l'eau",
    "dechets": "gestion des déchets",
    "gestion des dechets": "gestion des déchets",
    "collecte des dechets": "gestion des déchets",
    "waste": "gestion des déchets",
    "jeunes": "jeunesse",
    "jeunesse et sport": "jeunesse",
    "youth": "jeunesse",
    "education": "éducation",
    "enseignement": "éducation",
    "formation": "éducation",
    "ecole": "éducation",
    "ecoles": "éducation",
    "scolaire": "éducation",
    "sante": "santé",
    "sante publique": "santé",
    "health": "santé",
    "economie": "économie",
    "developpement economique": "économie",
    "economic development": "économie",
    "energie": "énergie",
    "energies renouvelables": "énergie",
    "energy": "énergie",
    "urbanisme": "aménagement urbain",
    "amenagement": "aménagement urbain",
    "amenagement du territoire": "aménagement urbain",
    "developpement urbain": "aménagement urbain",
    "urban planning": "aménagement urbain",
    "transport": "transports urbains",
    "transports": "transports urbains",
    "mobilite": "transports urbains",
    "climat": "environnement",
    "biodiversite": "environnement",
    "developpement durable": "environnement",
    "environment": "environnement",
    "agriculture": "développement rural",
    "developpement agricole": "développement rural",
    "securite alimentaire": "développement rural",
    "rural development": "développement rural",
    "gouvernance": "appui institutionnel",
    "gouvernance locale": "appui institutionnel",
    "decentralisation": "appui institutionnel",
    "renforcement des capacites": "appui institutionnel",
    "renforcement institutionnel": "appui institutionnel",
    "institutional support": "appui institutionnel",
    "governance": "appui institutionnel",
    "patrimoine": "culture",
    "culturel": "culture",
    "etat civil": "état civil",
    "tourism": "tourisme",
    "artisan": "artisanat",
    "crafts": "artisanat",
}
THEME_KEYS: dict[str, str] = {fold(t): t for t in S.THEMES} | {fold(k): v for k, v in _THEME_SYNONYMS.items()}
_OTHER = re.compile(r"^\s*autres?\s*[:\-–]\s*(.+)$", re.IGNORECASE | re.DOTALL)


def parse_themes(cell: str) -> tuple[str, list[str]]:
    """``("culture|autre : sport", [unknown texts])``: split, map, keep the unknown ones.

    NOTE: an unknown theme is kept as « autre : <texte> » rather than dropped; the
    caller warns about it. An empty cell gives ``""``: the theme is « non renseigné »
    (``S.UNKNOWN_LABEL``), not « autre », which would state a fact the file does not give.
    """
    out: list[str] = []
    unknown: list[str] = []
    for part in THEME_SPLIT.split(cell):
        text = " ".join(part.split())
        if not text:
            continue
        theme = THEME_KEYS.get(fold(text))
        if theme is None:
            other = _OTHER.match(text)
            text = other.group(1).strip() if other else text
            theme = S.OTHER_THEME_PREFIX + text
            unknown.append(text)
        if theme not in out:
            out.append(theme)
    return S.THEME_SEP.join(out), unknown


# ---------------------------------------------------------------------------
# Kinds of link
# ---------------------------------------------------------------------------
_KIND_SYNONYMS: dict[str, str] = {
    "jumelage cooperation": "jumelage",
    "jumelage-cooperation": "jumelage",
    "twinning": "jumelage",
    "town twinning": "jumelage",
    "sister city": "jumelage",
    "amitie": "relations d'amitié",
    "pacte d amitie": "relations d'amitié",
    "accord d amitie": "relations d'amitié",
    "relation d amitie": "relations d'amitié",
    "friendship": "relations d'amitié",
    "solidarite internationale": "aide au développement",
    "aide au developpement": "aide au développement",
    "development aid": "aide au développement",
    "cooperation technique": "assistance technique",
    "technical assistance": "assistance technique",
    "transfrontalier": "coopération transfrontalière",
    "transfrontaliere": "coopération transfrontalière",
    "cross border cooperation": "coopération transfrontalière",
    "interregional": "coopération interrégionale",
    "interregionale": "coopération interrégionale",
    "interregional cooperation": "coopération interrégionale",
    "cooperation": "coopération décentralisée",
    "partenariat": "coopération décentralisée",
    "convention de cooperation": "coopération décentralisée",
    "cooperation decentralisee": "coopération décentralisée",
    "decentralised cooperation": "coopération décentralisée",
    "decentralized cooperation": "coopération décentralisée",
}
KIND_KEYS: dict[str, str] = {fold(k): k for k in S.KINDS} | {fold(k): v for k, v in _KIND_SYNONYMS.items()}


def parse_kind(cell: str) -> tuple[str, str | None]:
    """A kind of ``S.KINDS``; empty → the default silently, unknown → the default + a warning."""
    if not cell.strip():
        return DEFAULT_KIND, None
    kind = KIND_KEYS.get(fold(cell))
    if kind is None:
        return DEFAULT_KIND, t(
            "type de lien inconnu : « {cell} » (lu comme « {kind} »)", cell=_short(cell), kind=t(DEFAULT_KIND)
        )
    return kind, None


# ---------------------------------------------------------------------------
# Collectivity types
# ---------------------------------------------------------------------------
_TYPE_WORDS: dict[str, str] = {
    "commune": "commune",
    "communes": "commune",
    "ville": "commune",
    "mairie": "commune",
    "municipalite": "commune",
    "municipality": "commune",
    "city": "commune",
    "town": "commune",
    "epci": "epci",
    "intercommunalite": "epci",
    "groupement": "epci",
    "groupement de communes": "epci",
    "communaute de communes": "epci",
    "communaute d agglomeration": "epci",
    "communaute urbaine": "epci",
    "metropole": "epci",
    "cc": "epci",
    "ca": "epci",
    "cu": "epci",
    "departement": "departement",
    "conseil departemental": "departement",
    "conseil general": "departement",
    "department": "departement",
    "region": "region",
    "conseil regional": "region",
    "collectivite regionale": "region",
}
TYPE_KEYS: dict[str, str] = _TYPE_WORDS | {fold(v): k for k, v in S.TYPE_LABELS.items()}


def parse_type(cell: str) -> tuple[str | None, str | None]:
    """A type of ``S.FR_TYPES`` or ``None``; an unknown type is ignored with a warning."""
    if not cell.strip():
        return None, None
    typ = TYPE_KEYS.get(fold(cell))
    if typ is None:
        return None, t("type de collectivité inconnu : « {cell} » (ignoré)", cell=_short(cell))
    return typ, None


# ---------------------------------------------------------------------------
# Years
# ---------------------------------------------------------------------------
_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# ``fold`` turns every separator into a space, so « 12/03/2003 », « 12-03-2003 »,
# « 12.03.2003 » and « 2003-03-12 » all arrive here as space-separated digits.
_YEAR_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?P<y>\d{4})(?: 0+)?$"), "y"),
    (re.compile(r"^(?P<a>\d{1,2}) (?P<b>\d{1,2}) (?P<y>\d{4})$"), "dmy"),
    (re.compile(r"^(?P<y>\d{4}) (?P<b>\d{1,2}) (?P<a>\d{1,2})(?: \d{1,2} \d{2}(?: \d{2})?(?: \d+)?)?$"), "ymd"),
    (re.compile(r"^(?P<b>\d{1,2}) (?P<y>\d{4})$"), "my"),
    (re.compile(rf"^(?:(?P<a>\d{{1,2}})(?:er)? )?(?P<m>{_MONTH_ALT}) (?P<y>\d{{4}})$"), "month"),
    (re.compile(r"^(?P<y>\d{4}) (?P<z>\d{4})$"), "range"),
)
_ANY_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def _plausible(match: re.Match[str], kind: str) -> bool:
    groups = match.groupdict()
    a = int(groups["a"]) if groups.get("a") else 1
    b = int(groups["b"]) if groups.get("b") else 1
    if kind == "range":
        return int(groups["y"]) <= int(groups["z"])
    # 03/12/2003 may be French or American; the year is the same, so accept both.
    return 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12


def parse_year(cell: str) -> tuple[int | None, str | None]:
    """The start year of a cell (2003, 12/03/2003, 2003-03-12, « mars 2003 », « 2003-2010 »)."""
    text = cell.strip()
    if not text:
        return None, None
    key = fold(text)
    year: int | None = None
    warning: str | None = None
    for pattern, kind in _YEAR_PATTERNS:
        m = pattern.match(key)
        if m and _plausible(m, kind):
            year = int(m.group("y"))
            break
    if year is None:
        found = set(_ANY_YEAR.findall(key))
        # NOTE: only words around one year (« depuis 2003 »): digits alone that no pattern
        # accepts (« 31/31/2003 ») are a broken date, not a year to pick out.
        if len(found) == 1 and len(key) <= 40 and re.search(r"[a-z]", key):
            year = int(found.pop())
            warning = t("année lue dans « {text} » : {year}", text=_short(text), year=year)
        else:
            return None, t("date illisible : « {text} » (année laissée vide)", text=_short(text))
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None, t("année hors limites : « {text} » (année laissée vide)", text=_short(text))
    if year > dt.date.today().year:
        # NOTE: kept (a partnership may be signed for a coming year) but said, row by row.
        future = t("année de début à venir : {year} (gardée ; vérifiez la source)", year=year)
        warning = f"{warning}{t(' ; ')}{future}" if warning else future
    return year, warning
