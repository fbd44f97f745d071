"""The sources of the bundled links: one entry each, read by the build, the pages, the exports and the deck.

A link's ``source`` cell holds one or more of these keys (``schema.SOURCE_SEP``); an imported
file's rows carry the file's own name instead, which is shown as it is.
The facts here (producer, snapshot, date, licence) repeat what each raw folder's
``PROVENANCE.md`` says; ``tests/test_sources.py`` checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lianes_dash.dataset import schema as S


@dataclass(frozen=True)
class Source:
    """One public source: who made it, which snapshot, under which licence, how to credit it."""

    key: str
    label: str
    label_en: str
    producer: str
    snapshot: str
    data_date: str
    licence: str
    licence_url: str
    credit: str
    url: str
    #: Folder of ``data/`` holding the raw snapshot and its PROVENANCE.md ("" when typed from a document).
    raw_dir: str = ""
    #: The licence in a few words, for the credit line under a chart or map ("" when none applies).
    licence_short: str = ""
    #: Extra obligation carried by a table holding this source's rows (share-alike), or "".
    share_alike: str = ""
    share_alike_en: str = ""
    #: The credit with each part's own licence beside it, when the source has parts under different licences
    #: ("": ``credit`` then ``licence``). « Wikipedia contributors ; © OpenStreetMap contributors, CC BY-SA
    #: 4.0 (texte de Wikipédia) » read as if OpenStreetMap were under CC BY-SA.
    credit_licensed: str = ""


WIKIDATA = Source(
    key="wikidata",
    label="Wikidata, propriété P190 « jumelage ou partenariat » (2017)",
    label_en="Wikidata, property P190 “twinned administrative body” (2017)",
    producer="Contributeurs de Wikidata ; requête SPARQL du dépôt public rogorido/sistercities",
    snapshot="rogorido/sistercities, dossier sparql/data/, commit 6bb5473459b9f7e16f59ecd0a2f9d76c3ccf9ce6",
    data_date="2017-07-28",
    licence="CC0 1.0 (domaine public)",
    licence_url="https://creativecommons.org/publicdomain/zero/1.0/",
    credit="Wikidata contributors",
    url="https://www.wikidata.org/wiki/Property:P190",
    raw_dir="raw/wikidata-p190-2017",
    licence_short="CC0",
)

WIKIPEDIA = Source(
    key="wikipedia",
    label="Wikipédia en anglais, « List of twin towns and sister cities in … » (février 2026)",
    label_en="English Wikipedia, “List of twin towns and sister cities in …” (February 2026)",
    producer="Contributeurs de Wikipédia ; extraction du dépôt public Hekman/twincities ; "
    "positions : coordonnées des articles de Wikipédia, à défaut géocodage © les contributeurs d'OpenStreetMap "
    "(Nominatim)",
    snapshot="Hekman/twincities, commit 84ebdec26ee6878367953cfbc56311ae6452752b",
    data_date="2026-02-08",
    licence="CC BY-SA 4.0 (texte et coordonnées des articles de Wikipédia) ; géocodes de Nominatim : ODbL 1.0 "
    "(© les contributeurs d'OpenStreetMap)",
    licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
    credit="Wikipedia contributors ; © OpenStreetMap contributors",
    url="https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities",
    raw_dir="raw/wikipedia-twin-towns-2026",
    licence_short="CC BY-SA 4.0 ; géocodes Nominatim © OpenStreetMap, ODbL",
    credit_licensed="Wikipedia contributors, CC BY-SA 4.0 ; géocodes Nominatim © OpenStreetMap contributors, ODbL 1.0",
    share_alike="les lignes issues de Wikipédia forment une base dérivée, elle-même sous licence CC BY-SA 4.0 : "
    "citez « Wikipedia contributors » et partagez dans les mêmes conditions",
    share_alike_en="the rows taken from Wikipedia form a derived database, itself under CC BY-SA 4.0: credit "
    "“Wikipedia contributors” and share alike",
)

BROCHURE = Source(
    key="brochure",
    label="Lianes coopération, « La coopération décentralisée » (brochure, 2009)",
    label_en="Lianes coopération, “La coopération décentralisée” (brochure, 2009)",
    producer="Lianes coopération, réseau régional du Nord-Pas-de-Calais",
    snapshot="brochure de 2009, faits saisis dans lianes_dash/dataset/brochure.py",
    data_date="2009",
    licence="faits cités avec leur source (courte citation)",
    licence_url="",
    credit="Lianes coopération (2009)",
    url="",
)

#: Every source of the bundled links, by key, in the order they are credited.
SOURCES: dict[str, Source] = {s.key: s for s in (WIKIDATA, WIKIPEDIA, BROCHURE)}

#: Links declared by a collectivity and accepted by the network (``lianes_dash.contributions``).
#: NOTE: not in :data:`SOURCES`: no bundled row comes from it (a test holds SOURCES to the bundled keys).
DECLARATION = Source(
    key="declaration",
    label="déclaration de la collectivité, acceptée par le réseau",
    label_en="declared by the local authority, accepted by the network",
    producer="Collectivités déclarantes ; revue par le réseau Lianes coopération",
    snapshot="base des contributions (lianes_dash/contributions/)",
    data_date="en continu",
    licence="CC BY-SA 4.0",
    licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
    credit="Lianes Dash contributors",
    url="",
    licence_short="CC BY-SA 4.0",
)
#: Sources of rows added on top of the bundled links, by key.
CONTRIBUTED_SOURCES: dict[str, Source] = {DECLARATION.key: DECLARATION}


def declaration_label(day: str) -> str:
    """« déclaration de la collectivité, acceptée le 7 décembre 2026 par le réseau » (``day`` already written)."""
    from lianes_dash.text.i18n import t

    return t("déclaration de la collectivité, acceptée le {day} par le réseau", day=day)


def keys_of(cell: object) -> list[str]:
    """Source keys of one ``source`` cell (an imported file's name stays one key)."""
    return S.split_sources(cell)


def label_of(key: str, english: bool = False) -> str:
    """Human label of a source key; an unknown key (an imported file's name) is shown as it is."""
    source = SOURCES.get(key) or CONTRIBUTED_SOURCES.get(key)
    if source is None:
        return key
    return source.label_en if english else source.label


def present(cells: object) -> list[Source]:
    """The registered sources used by a column of ``source`` cells, in credit order."""
    seen: set[str] = set()
    for cell in _distinct(cells):
        seen.update(keys_of(cell))
    return [s for k, s in (SOURCES | CONTRIBUTED_SOURCES).items() if k in seen]


def _distinct(cells: object) -> Iterable[object]:
    """The distinct cells of a column, each once.

    A pandas column gives its distinct values itself (on the codes of a categorical, in
    Arrow for text): iterating it made one Python string per row first (100 MB and seconds
    for the 513 400 links at 100×, on every page that credits its sources).
    """
    unique = getattr(cells, "unique", None)
    if callable(unique):
        return unique()
    return dict.fromkeys(cells)  # type: ignore[call-overload]
