"""The licences of the bundled links table and the credit of each partner position (issue 27, item 2).

One place for the words: the build writes them into ``data/links/LICENCE.md`` and gives each link
the code of where its position comes from (``data/links/positions.csv``); ``data/links/PROVENANCE.json``,
``data/SOURCES.md`` and the exports' README say the same (tests/test_link_licences.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PositionSource:
    """Where a partner position comes from, under which licence, credited how."""

    code: str
    origin: str
    licence: str
    credit: str


WIKIDATA = PositionSource(
    "wikidata",
    "coordonnées de l'élément Wikidata du partenaire (instantané de 2017)",
    "CC0 1.0 (domaine public)",
    "Wikidata contributors",
)
WIKIPEDIA = PositionSource(
    "wikipedia",
    "géocode du dépôt Hekman/twincities : coordonnées de l'article Wikipédia du lieu, ou à défaut OpenStreetMap "
    "Nominatim (le fichier ne dit pas lequel, ligne par ligne : les deux licences s'appliquent)",
    "CC BY-SA 4.0 (coordonnées des articles de Wikipédia) ou ODbL 1.0 (géocodes d'OpenStreetMap Nominatim)",
    "Wikipedia contributors ; © OpenStreetMap contributors",
)
GEONAMES = PositionSource(
    "geonames",
    "lieu de même nom du pays du partenaire dans GeoNames (cities1000), quand la source ne donne pas de point "
    "utilisable ; ou lieu voisin pour les partenaires de la brochure",
    "CC BY 4.0",
    "© GeoNames",
)
COUNTRY_CENTRE = PositionSource(
    "centre-pays",
    "point représentatif du pays (Natural Earth, à défaut le lieu le plus peuplé du pays dans GeoNames) : "
    "position approchée, marquée comme telle",
    "domaine public (Natural Earth) ; CC BY 4.0 (GeoNames)",
    "Natural Earth ; © GeoNames",
)
POSITION_SOURCES: dict[str, PositionSource] = {p.code: p for p in (WIKIDATA, WIKIPEDIA, GEONAMES, COUNTRY_CENTRE)}

#: The table's licence, in one sentence (PROVENANCE.json, SOURCES.md, the exports' README).
TABLE_LICENCE = (
    "CC BY-SA 4.0 pour la table, base dérivée du texte de Wikipédia (partage dans les mêmes conditions) ; "
    "ODbL 1.0 pour les positions géocodées par OpenStreetMap (partage dans les mêmes conditions, "
    "« © OpenStreetMap contributors ») ; CC0 1.0 pour ce qui vient de Wikidata seul ; CC BY 4.0 pour les "
    "positions de GeoNames ; la colonne position_source de positions.csv dit d'où vient chaque position"
)

#: What an export says of the table and of its positions (the same words, shorter; English in i18n_en.py).
TABLE_LICENCE_WHAT = "Licence de la table des liens livrés (data/links/LICENCE.md du projet Lianes Dash)"
POSITIONS_WHAT = (
    "Position des collectivités partenaires : celle de la source de la ligne, si elle tombe dans le pays du "
    "partenaire (Wikidata ; coordonnées de l'article Wikipédia ou géocode d'OpenStreetMap Nominatim) ; sinon un "
    "lieu de même nom dans GeoNames, ou le centre du pays, position marquée approchée ; l'origine de chacune est "
    "dans data/links/positions.csv"
)
POSITIONS_LICENCE = (
    "Wikidata : CC0 1.0 ; Wikipédia : CC BY-SA 4.0 ; OpenStreetMap : ODbL 1.0, « © OpenStreetMap contributors » ; "
    "GeoNames : CC BY 4.0, « © GeoNames » ; Natural Earth : domaine public"
)

LICENCE_FILE = "LICENCE.md"
POSITIONS_FILE = "positions.csv"


def licence_text() -> str:
    """The text of ``data/links/LICENCE.md``."""
    rows = "\n".join(f"| `{p.code}` | {p.origin} | {p.licence} | {p.credit} |" for p in POSITION_SOURCES.values())
    return f"""# Licence des liens livrés (`liens.csv`, `liens.parquet` et les tables qui en dérivent)

En une phrase : {TABLE_LICENCE}.

## La table

- **CC BY-SA 4.0** (https://creativecommons.org/licenses/by-sa/4.0/deed.fr). La table dérive du texte des pages
  « List of twin towns and sister cities in … » de Wikipédia en anglais (contributeurs de Wikipédia, extraction
  du dépôt public `Hekman/twincities`) : c'est une base dérivée d'un texte sous CC BY-SA 4.0, qui se partage dans
  les mêmes conditions. Crédit : « Wikipedia contributors ». Toute base qui en dérive se diffuse sous CC BY-SA 4.0.
- **CC0 1.0** (domaine public) : les liens dont la seule source est Wikidata (colonne `source` = `wikidata`),
  leurs noms et leurs positions de source `wikidata`. Crédit d'usage : « Wikidata contributors ».
- Les codes, noms, départements et régions des collectivités françaises viennent de l'INSEE et de l'IGN
  (Licence Ouverte / Etalab 2.0) ; les deux partenariats de la brochure (source `brochure`) sont cités avec
  leur source, sans licence de réutilisation déclarée par l'association Lianes coopération.

## Les positions des partenaires

- **ODbL 1.0** (https://opendatacommons.org/licenses/odbl/1-0/) : les positions géocodées par OpenStreetMap
  Nominatim. Crédit : « © OpenStreetMap contributors ». Le partage dans les mêmes conditions de l'ODbL
  s'applique : une base qui reprend ces positions se diffuse sous ODbL, et la mention reste.
- Ces positions ne sont qu'une partie : la plupart viennent de Wikidata ou des coordonnées des articles de
  Wikipédia. Chaque lien dit d'où vient la sienne dans `positions.csv` (colonnes `link_id`, `position_source`) :

| Code | D'où vient la position | Licence | Crédit |
|---|---|---|---|
{rows}

Le fichier géocodé de `Hekman/twincities` ne distingue pas, ligne par ligne, les coordonnées d'article de
Wikipédia des géocodes de Nominatim : une position `wikipedia` est donc créditée aux deux.

## Reconstruction

`python -m lianes_dash.build.links` écrit ce fichier avec les liens ; les mêmes mots sont dans
`data/links/PROVENANCE.json`, `data/SOURCES.md` et le « Lisez-moi » de chaque export.
"""
