"""Refresh the Wikidata snapshot: ask Wikidata's public query service for today's twinnings (issue 27, item 5).

    python -m lianes_dash refresh                  # writes data/raw/wikidata-p190-<today>/ (needs the internet)
    python -m lianes_dash refresh --date 2026-12-07 --endpoint https://query.wikidata.org/sparql

The query (:data:`QUERY`) asks for every P190 statement (« jumelage ou partenariat ») that has a
French collectivity on one side — a commune (INSEE code, P374), an intercommunalité (SIREN, P1616),
a département (P2586) or a région (P2585) — and a foreign partner on the other, with the
statement's start (P580) and end (P582) dates where Wikidata has them. Both directions are
asked: a twinning declared only on the foreign item counts too.

The answer (SPARQL JSON) becomes a new dated snapshot beside the old ones, nothing else changed:

- ``france.tsv``: the columns of the 2017 snapshot that the build reads (``origincityLabel``,
  ``originlat``…), then the items, the French side's kind and code, and the dates;
- ``query.sparql``: the query as sent;
- ``PROVENANCE.md``: service, date, row count, licence (CC0), in the 2017 snapshot's layout.

The build (:func:`lianes_dash.build.links.wikidata_dir`) reads the newest snapshot present, so
the 2017 one stays the default until a refreshed one is committed; then ``python -m
lianes_dash.build.links`` rebuilds the links from it. A service that cannot be reached, or an
answer that cannot be read, is one French line and exit code 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Wikidata's public SPARQL endpoint.
ENDPOINT = "https://query.wikidata.org/sparql"
#: The service asks every client to name itself (https://meta.wikimedia.org/wiki/User-Agent_policy).
USER_AGENT = "LianesDash/1.0 (tableau de bord de la coopération décentralisée; python-urllib) refresh"
#: Seconds to wait for the answer (the service itself stops a query after 60 s).
TIMEOUT = 90.0
#: Folder name of a snapshot: ``wikidata-p190-<date>`` (the 2017 one: ``wikidata-p190-2017``).
SNAPSHOT_PREFIX = "wikidata-p190-"
FRANCE_FILE = "france.tsv"
QUERY_FILE = "query.sparql"
PROVENANCE_FILE = "PROVENANCE.md"
#: Exit code of a refresh that could not be done (nothing written).
EXIT_FAILED = 2

QUERY = """\
# Jumelages et partenariats (P190) des collectivités françaises, avec leurs dates (P580, P582).
# Côté français : communes (code INSEE, P374), intercommunalités (SIREN, P1616), départements
# (P2586), régions (P2585). Les deux sens : un lien déclaré sur le seul partenaire étranger compte.
SELECT DISTINCT ?fr ?frLabel ?frKind ?frCode ?frCoord ?partner ?partnerLabel ?partnerCoord ?countryLabel
                ?start ?end
WHERE {
  {
    ?fr wdt:P374 ?frCode . BIND("commune" AS ?frKind)
  } UNION {
    ?fr wdt:P1616 ?frCode ; wdt:P17 wd:Q142 .
    FILTER NOT EXISTS { ?fr wdt:P374 [] }
    FILTER NOT EXISTS { ?fr wdt:P2586 [] }
    FILTER NOT EXISTS { ?fr wdt:P2585 [] }
    BIND("epci" AS ?frKind)
  } UNION {
    ?fr wdt:P2586 ?frCode . BIND("departement" AS ?frKind)
  } UNION {
    ?fr wdt:P2585 ?frCode . BIND("region" AS ?frKind)
  }
  { ?fr p:P190 ?statement . ?statement ps:P190 ?partner . }
  UNION
  { ?partner p:P190 ?statement . ?statement ps:P190 ?fr . }
  ?partner wdt:P17 ?country .
  FILTER(?country != wd:Q142)
  OPTIONAL { ?statement pq:P580 ?start . }
  OPTIONAL { ?statement pq:P582 ?end . }
  OPTIONAL { ?fr wdt:P625 ?frCoord . }
  OPTIONAL { ?partner wdt:P625 ?partnerCoord . }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}
"""

#: Columns of ``france.tsv``: those of the 2017 snapshot the build reads, then what this query adds.
COLUMNS: tuple[str, ...] = (
    "origincityLabel",
    "origincountry",
    "originlat",
    "originlong",
    "originpopulation",
    "sistercityLabel",
    "destinationlat",
    "destinationlong",
    "destinationpopulation",
    "destination_countryLabel",
    "dist",
    "eu",
    "origin_item",
    "origin_kind",
    "origin_code",
    "sistercity_item",
    "start",
    "end",
)

_POINT = re.compile(r"Point\(\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)\s*\)")


class RefreshError(Exception):
    """A refresh that cannot be done: its message is French and says that nothing changed."""


def _value(binding: dict[str, Any], name: str) -> str:
    """A binding's value as one TSV cell (no tab, no line break: the snapshot is read without quoting)."""
    cell = binding.get(name)
    value = str(cell.get("value", "")) if isinstance(cell, dict) else ""
    return " ".join(value.replace("\t", " ").split())


def _point(wkt: str) -> tuple[str, str]:
    """``Point(lon lat)`` → ``(lat, lon)`` as text; ``("", "")`` for no point (or a point on another globe)."""
    found = _POINT.search(wkt)
    if not found or wkt.startswith("<"):
        return "", ""
    return found.group(2), found.group(1)


def _item(uri: str) -> str:
    """``http://www.wikidata.org/entity/Q90`` → ``Q90``."""
    return uri.rsplit("/", 1)[-1]


def _date(value: str) -> str:
    """``+1962-01-01T00:00:00Z`` or ``1962-01-01T00:00:00Z`` → ``1962-01-01``; anything else as given."""
    found = re.match(r"^\+?(-?\d{1,4}-\d\d-\d\d)", value)
    return found.group(1) if found else value


def rows_of(answer: dict[str, Any]) -> list[dict[str, str]]:
    """The SPARQL JSON answer → rows of ``france.tsv`` (sorted, one per distinct row)."""
    try:
        bindings = answer["results"]["bindings"]
    except (KeyError, TypeError) as exc:
        raise RefreshError("la réponse du service n'est pas un résultat SPARQL (pas de « results.bindings »)") from exc
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    for b in bindings:
        if not isinstance(b, dict):
            continue
        fr_lat, fr_lon = _point(_value(b, "frCoord"))
        partner_lat, partner_lon = _point(_value(b, "partnerCoord"))
        row = {
            "origincityLabel": _value(b, "frLabel"),
            "origincountry": "France",
            "originlat": fr_lat,
            "originlong": fr_lon,
            "originpopulation": "",
            "sistercityLabel": _value(b, "partnerLabel"),
            "destinationlat": partner_lat,
            "destinationlong": partner_lon,
            "destinationpopulation": "",
            "destination_countryLabel": _value(b, "countryLabel"),
            "dist": "",
            "eu": "",
            "origin_item": _item(_value(b, "fr")),
            "origin_kind": _value(b, "frKind"),
            "origin_code": _value(b, "frCode"),
            "sistercity_item": _item(_value(b, "partner")),
            "start": _date(_value(b, "start")),
            "end": _date(_value(b, "end")),
        }
        if row["origin_item"] and row["sistercity_item"]:
            rows[tuple(row[c] for c in COLUMNS)] = row
    return [rows[k] for k in sorted(rows)]


def tsv(rows: list[dict[str, str]]) -> str:
    """The rows as ``france.tsv``: tab-separated, no quoting, a header line (as the 2017 files)."""
    lines = ["\t".join(COLUMNS)] + ["\t".join(row[c] for c in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def provenance(endpoint: str, when: dt.datetime, rows: list[dict[str, str]]) -> str:
    """``PROVENANCE.md`` of the snapshot: service, date, query, row count, licence (the 2017 layout)."""
    dated = sum(1 for r in rows if r["start"] or r["end"])
    return (
        f"# Wikidata — P190 « jumelage ou partenariat », {when.date().isoformat()} (instantané brut)\n\n"
        "| | |\n"
        "|---|---|\n"
        "| Producteur | contributeurs de Wikidata (données) ; requête : `python -m lianes_dash refresh` |\n"
        f"| Service | `{endpoint}` (service public de requêtes SPARQL de Wikidata) |\n"
        f"| Date des données | {when.strftime('%Y-%m-%d %H:%M')} UTC (heure de la requête) |\n"
        "| Licence | CC0 1.0 (contenu de Wikidata, domaine public) |\n"
        "| Crédit | « Wikidata contributors » |\n"
        f"| Fichiers | `{FRANCE_FILE}` ({len(rows)} lignes, dont {dated} avec une date de début ou de fin), "
        f"`{QUERY_FILE}` (la requête) |\n"
        "| Colonnes | celles de l'instantané de 2017 que lit la construction, puis `origin_item, origin_kind, "
        "origin_code, sistercity_item, start, end` ; tabulations ; libellés en anglais |\n"
        "| Ce qui est gardé | la réponse telle que le service l'a donnée, une ligne par ligne distincte |\n"
        "| Ce qui est retenu par la construction | voir `python -m lianes_dash.build.links` et le rapport "
        "`data/links/build_report.csv` |\n\n"
        "Ne jamais modifier ces fichiers à la main : un nouvel instantané se prend avec `python -m lianes_dash "
        "refresh` (il faut l'accès à internet).\n"
    )


Opener = Callable[..., Any]


def fetch(endpoint: str, query: str, timeout: float = TIMEOUT, opener: Opener | None = None) -> dict[str, Any]:
    """Ask ``endpoint`` for ``query`` (POST, SPARQL JSON); the parsed answer, or :class:`RefreshError`."""
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": query, "format": "json"}).encode("utf-8"),
        headers={
            "Accept": "application/sparql-results+json",
            "User-Agent": USER_AGENT,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )
    host = urllib.parse.urlsplit(endpoint).netloc or endpoint
    try:
        with (opener or urllib.request.urlopen)(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise RefreshError(
            f"le service de requêtes de Wikidata ({host}) a répondu « {exc.code} {exc.reason} »"
        ) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RefreshError(
            f"impossible de joindre le service de requêtes de Wikidata ({host}) : {reason}. "
            "La mise à jour demande l'accès à internet"
        ) from exc
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RefreshError(f"la réponse du service ({host}) n'est pas du JSON lisible") from exc
    if not isinstance(answer, dict):
        raise RefreshError(f"la réponse du service ({host}) n'est pas un résultat SPARQL")
    return answer


def snapshot_dir(data: Path, when: dt.date) -> Path:
    """``data/raw/wikidata-p190-<date>``."""
    return data / "raw" / f"{SNAPSHOT_PREFIX}{when.isoformat()}"


def refresh(
    data: Path,
    *,
    endpoint: str = ENDPOINT,
    now: dt.datetime | None = None,
    timeout: float = TIMEOUT,
    opener: Opener | None = None,
) -> tuple[Path, int]:
    """Ask the service, then write the new snapshot (all its files, or none); its folder and row count."""
    when = now or dt.datetime.now(dt.UTC)
    target = snapshot_dir(data, when.date())
    if target.exists():
        raise RefreshError(f"l'instantané {target.name} existe déjà : il n'est jamais réécrit")
    answer = fetch(endpoint, QUERY, timeout, opener)
    rows = rows_of(answer)
    if not rows:
        raise RefreshError("le service n'a rendu aucun jumelage : l'instantané ne serait qu'un fichier vide")
    files = {
        FRANCE_FILE: tsv(rows),
        QUERY_FILE: QUERY,
        PROVENANCE_FILE: provenance(endpoint, when, rows),
    }
    # Written beside, then renamed: a refresh interrupted halfway leaves no half snapshot.
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".refresh-", dir=target.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target, len(rows)


def _run(args: argparse.Namespace) -> int:
    from lianes_dash.dataset.data import data_dir

    data = Path(args.data) if args.data else data_dir()
    now = dt.datetime.now(dt.UTC)
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"erreur : date « {args.date} » illisible (AAAA-MM-JJ). Rien n'a été modifié.", file=sys.stderr)
            return EXIT_FAILED
        now = now.replace(year=day.year, month=day.month, day=day.day)
    try:
        target, n = refresh(data, endpoint=args.endpoint, now=now, timeout=args.timeout)
    except RefreshError as exc:
        print(f"erreur : {exc}. Rien n'a été modifié.", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"{n} lignes → {target} (requête, provenance, licence CC0). "
        "Pour que les liens livrés en viennent : python -m lianes_dash.build.links"
    )
    return 0


def add_parsers(subparsers: Any) -> None:
    """``python -m lianes_dash refresh``."""
    parser = subparsers.add_parser(
        "refresh",
        help="nouvel instantané des jumelages de Wikidata (P190), daté, dans data/raw/ (demande internet)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--endpoint", default=ENDPOINT, help=f"service SPARQL (par défaut : {ENDPOINT})")
    parser.add_argument("--date", help="date de l'instantané, AAAA-MM-JJ (par défaut : aujourd'hui, UTC)")
    parser.add_argument("--data", help="dossier des données (par défaut : data/ ou LIANES_DATA_DIR)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="secondes d'attente de la réponse")
    parser.set_defaults(run=_run)
