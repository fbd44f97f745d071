"""Headers → canonical fields: French or English, any case, accents or punctuation.

Three passes, so that a precise header always beats a vague one:
1. the explicit mapping given by the user;
2. exact synonyms (folded), including the schema's own names and French labels;
3. keyword rules (« Pays de la collectivité partenaire » contains « pays » and « partenaire »).
A field is given to the first column that claims it; later claimants are ignored and listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lianes_dash.dataset import schema as S
from lianes_dash.importer.errors import MappingError, MissingColumns, _short
from lianes_dash.text.french import fold

#: Fields an imported file may fill, with the French name used in messages.
IMPORT_FIELDS: dict[str, str] = {
    S.FR_NAME: "collectivité française",
    S.FR_CODE: "code officiel de la collectivité (INSEE, SIREN)",
    S.FR_TYPE: "type de collectivité",
    S.FR_DEPARTEMENT: "département",
    S.FR_REGION: "région",
    S.PARTNER_NAME: "collectivité partenaire",
    S.PARTNER_COUNTRY: "pays partenaire",
    S.PARTNER_LAT: "latitude du partenaire",
    S.PARTNER_LON: "longitude du partenaire",
    S.KIND: "type de lien",
    S.THEMES_COL: "thématiques",
    S.START_YEAR: "année de début",
    S.DESCRIPTION: "description",
    S.LINK_STATUS: "statut",
}

#: What an explicit mapping may say to drop a column.
IGNORE_WORDS = frozenset({"", "-", "ignore", "ignorer", "aucun", "none"})

SYNONYMS: dict[str, tuple[str, ...]] = {
    S.FR_NAME: (
        "collectivité française", "collectivités françaises", "collectivité", "collectivités",
        "collectivité territoriale", "collectivité territoriale française", "collectivité locale",
        "collectivité locale française", "collectivité porteuse", "nom de la collectivité",
        "nom de la collectivité française", "nom collectivité", "commune", "commune française",
        "ville", "ville française", "porteur", "porteur du projet", "autorité locale française",
        "french local authority", "french local government", "french municipality", "french city",
        "french town", "french partner", "local authority", "municipality", "city", "town",
    ),
    S.FR_CODE: (
        "code insee", "code commune", "code officiel", "code collectivité", "siren", "code siren",
        "insee", "insee code", "official code",
    ),
    S.FR_TYPE: (
        "type de collectivité", "type collectivité", "type de collectivité française",
        "catégorie de collectivité", "nature de la collectivité", "niveau de collectivité",
        "type de collectivité territoriale", "authority type", "type of local authority",
        "local authority type",
    ),
    S.FR_DEPARTEMENT: (
        "département", "dépt", "dpt", "dep", "code département", "numéro de département",
        "département de la collectivité", "department",
    ),
    S.FR_REGION: ("région", "région française", "code région", "région de la collectivité", "french region", "region"),
    S.PARTNER_NAME: (
        "collectivité partenaire", "collectivités partenaires", "autorité locale partenaire",
        "autorités locales partenaires", "ville partenaire", "villes partenaires", "commune partenaire",
        "partenaire", "partenaires", "collectivité étrangère", "autorité locale étrangère",
        "nom du partenaire", "localité partenaire", "ville jumelle", "partner", "partner city",
        "partner town", "partner local authority", "partner municipality", "partner authority",
        "twin city", "twin town", "sister city", "foreign local authority",
    ),
    S.PARTNER_COUNTRY: (
        "pays", "pays partenaire", "pays du partenaire", "pays de la collectivité partenaire",
        "pays de l'autorité locale partenaire", "country", "partner country", "nation",
    ),
    S.PARTNER_LAT: ("latitude du partenaire", "latitude partenaire", "partner latitude"),
    S.PARTNER_LON: ("longitude du partenaire", "longitude partenaire", "partner longitude"),
    S.KIND: (
        "type de lien", "nature", "nature du lien", "type de coopération", "type de partenariat",
        "type d'action", "nature de la coopération", "nature du partenariat", "forme de coopération",
        "type de relation", "type", "kind", "type of link", "link type", "type of cooperation",
        "cooperation type", "type of partnership",
    ),
    S.THEMES_COL: (
        "thématique", "thématiques", "thème", "thèmes", "domaine", "domaines", "domaine d'intervention",
        "domaines d'intervention", "domaine d'action", "domaines d'action", "secteur", "secteurs",
        "secteur d'intervention", "secteurs d'intervention", "theme", "themes", "topic", "topics",
        "sector", "sectors", "field", "fields", "area", "areas",
    ),
    S.START_YEAR: (
        "année", "année de début", "date de début", "date début", "début", "date", "date de signature",
        "année de signature", "date de création", "année de création", "date de la convention",
        "depuis", "year", "start year", "start date", "since", "date signed",
    ),
    S.DESCRIPTION: (
        "description", "descriptif", "objet", "projet", "intitulé", "intitulé du projet", "titre du projet",
        "nom du projet", "commentaire", "commentaires", "remarque", "remarques", "précisions", "notes",
        "project", "comment", "comments",
    ),
    S.LINK_STATUS: ("statut", "statut du lien", "statut du projet", "état", "état du projet", "status"),
}  # fmt: skip

#: Headers we recognise and deliberately leave aside (so the keyword pass does not grab them).
_IGNORED: tuple[str, ...] = (
    "date de fin", "année de fin", "fin", "end date", "end year", "until", "jusqu'à",
    "latitude", "longitude", "lat", "lon", "lng", "identifiant", "id", "source", "donnée synthétique",
)  # fmt: skip


def _build_exact() -> dict[str, str]:
    table: dict[str, str] = {}
    for fld, words in SYNONYMS.items():
        for word in (*words, fld, S.label(fld)):
            table.setdefault(fold(word), fld)
    for word in _IGNORED:
        table.setdefault(fold(word), "")
    return table


EXACT: dict[str, str] = _build_exact()


def _keyword_field(key: str) -> str | None:  # noqa: C901 — a table of rules, read top to bottom, order matters
    """Keyword rules for headers that no synonym matches exactly (pass 3)."""
    words = set(key.split())
    partner = bool(words & {"partenaire", "partenaires", "partner", "etranger", "etrangere", "jumelle", "twin"})
    if words & {"fin", "end", "until"}:
        return None
    if words & {"pays", "country"}:
        return S.PARTNER_COUNTRY
    if partner:
        if words & {"lat", "latitude"}:
            return S.PARTNER_LAT
        if words & {"lon", "lng", "longitude"}:
            return S.PARTNER_LON
        return S.PARTNER_NAME
    if any(w.startswith(("themati", "theme", "domaine", "secteur")) for w in words):
        return S.THEMES_COL
    if words & {"insee", "siren"}:
        return S.FR_CODE
    if words & {"type", "nature", "categorie"}:
        return S.FR_TYPE if words & {"collectivite", "collectivites", "authority"} else S.KIND
    if words & {"annee", "date", "year", "debut"}:
        return S.START_YEAR
    if words & {"departement", "dept"}:
        return S.FR_DEPARTEMENT
    if words & {"region"}:
        return S.FR_REGION
    if words & {"collectivite", "collectivites", "commune", "ville", "municipality"}:
        return S.FR_NAME
    if words & {"statut", "status", "etat"}:
        return S.LINK_STATUS
    if words & {"description", "descriptif", "objet", "projet", "commentaire", "commentaires"}:
        return S.DESCRIPTION
    return None


def field_for(name: str) -> str | None:
    """The field a mapping's right-hand side designates (« partner_country », « Pays », « pays partenaire »)."""
    if name in IMPORT_FIELDS:
        return name
    key = fold(name)
    if key in IGNORE_WORDS:
        return ""
    for fld, label in IMPORT_FIELDS.items():
        if key in (fold(fld), fold(label)):
            return fld
    found = EXACT.get(key)
    return found if found else None


def _given_mapping(columns: list[str], mapping: Mapping[str, str]) -> tuple[dict[str, str], set[str]]:
    """The columns the user mapped by hand: ``({field: column}, columns claimed)``; ``MappingError`` if wrong."""
    by_fold: dict[str, str] = {}
    for name in columns:
        by_fold.setdefault(fold(name), name)
    result: dict[str, str] = {}
    claimed: set[str] = set()
    for given, target in mapping.items():
        col = given if given in columns else by_fold.get(fold(given))
        if col is None:
            shown = ", ".join(f"« {_short(c)} »" for c in columns[:40])
            raise MappingError(
                f"Correspondance : pas de colonne « {_short(given)} » dans le fichier (colonnes : {shown})."
            )
        fld = field_for(str(target))
        if fld is None:
            raise MappingError(
                f"Correspondance « {_short(given)}={_short(target)} » : champ inconnu. "
                f"Champs possibles : {', '.join(IMPORT_FIELDS)} (ou « ignorer »)."
            )
        claimed.add(col)
        if fld:
            result[fld] = col
    return result, claimed


def map_columns(columns: Iterable[str], mapping: Mapping[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """``({field: column}, ignored columns)`` for a file's header.

    ``mapping`` is ``{"Column name": field}``; the field may be a schema name
    (``S.PARTNER_COUNTRY``), its French label, a usual synonym, or « ignorer ».
    Raises :class:`MappingError` for a column or a field that does not exist.
    """
    columns = list(columns)
    result, claimed = _given_mapping(columns, mapping or {})
    for rule in (lambda key: EXACT.get(key), _keyword_field):
        for col in columns:
            if col in claimed:
                continue
            fld = rule(fold(col))
            if fld is None:
                continue
            claimed.add(col)
            if fld and fld not in result:
                result[fld] = col
    used = set(result.values())
    return result, [c for c in columns if c not in used]


#: What a file must provide, as shown in the error message.
REQUIRED_DESCRIPTION = [
    "collectivité française (« Collectivité française », « Commune », « Collectivité territoriale »… ou un code INSEE/SIREN)",
    "pays partenaire (« Pays », « Pays partenaire », « Country »)",
]
OPTIONAL_DESCRIPTION = (
    "facultatives : collectivité partenaire, type de collectivité, département, région, "
    "thématiques, type de lien, année de début, statut, description"
)


def check_required(fields: Mapping[str, str], columns: list[str]) -> None:
    """Raise :class:`MissingColumns` when the collectivity or the partner country is absent."""
    missing = []
    if S.FR_NAME not in fields and S.FR_CODE not in fields:
        missing.append("collectivité française")
    if S.PARTNER_COUNTRY not in fields:
        missing.append("pays partenaire")
    if missing:
        raise MissingColumns(missing, columns, [*REQUIRED_DESCRIPTION, OPTIONAL_DESCRIPTION])
