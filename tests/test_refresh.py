"""``python -m lianes_dash refresh`` (issue 27, item 5), offline.

The service is a local ``http.server`` on 127.0.0.1 that answers with the response kept in
``tests/data/wikidata_p190_response.json`` (the SPARQL JSON format of query.wikidata.org), or
with an error, or not at all (a closed port). Every data folder is a temporary one.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lianes_dash.__main__ import main
from lianes_dash.build import links as BL
from lianes_dash.build import refresh as RF
from lianes_dash.dataset import data as D
from lianes_dash.importer.geo_resolve import PointCollectivityIndex
from lianes_dash.importer.testing import tiny_collectivities

RESPONSE = Path(__file__).parent / "data" / "wikidata_p190_response.json"
WHEN = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)


class _Service(http.server.BaseHTTPRequestHandler):
    """Answers every POST with ``status`` and ``body``, and keeps what it was asked."""

    status = 200
    body = b""
    asked: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
        length = int(self.headers.get("Content-Length", "0"))
        type(self).asked.append({"body": self.rfile.read(length).decode("utf-8"), "agent": self.headers["User-Agent"]})
        self.send_response(self.status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def service() -> Iterator[type[_Service]]:
    """A local endpoint; set ``status`` and ``body`` on the class it yields (its URL: ``service.url``)."""
    handler = type("Handler", (_Service,), {"status": 200, "body": RESPONSE.read_bytes(), "asked": []})
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"  # type: ignore[attr-defined]
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/sparql"


def _data(tmp_path: Path) -> Path:
    (tmp_path / "raw" / "wikidata-p190-2017").mkdir(parents=True)
    (tmp_path / "raw" / "wikidata-p190-2017" / "france.tsv").write_text("\t".join(RF.COLUMNS[:12]) + "\n")
    return tmp_path


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------
# The query and the parsing of its answer
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("what", "in_query"),
    [
        ("communes", "wdt:P374"),
        ("intercommunalités", "wdt:P1616"),
        ("départements", "wdt:P2586"),
        ("régions", "wdt:P2585"),
        ("start date", "pq:P580"),
        ("end date", "pq:P582"),
        ("the foreign side's statements too", "?partner p:P190 ?statement"),
    ],
)
def test_the_query_asks_for_every_kind_of_collectivity_and_the_dates(what: str, in_query: str) -> None:
    assert in_query in RF.QUERY, what


def _rows() -> dict[tuple[str, str], dict[str, str]]:
    rows = RF.rows_of(json.loads(RESPONSE.read_text(encoding="utf-8")))
    return {(r["origincityLabel"], r["sistercityLabel"]): r for r in rows}


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("Lille", "Cologne"), {"origin_kind": "commune", "origin_code": "59350", "start": "1958-01-01", "end": ""}),
        (
            ("Lille", "Cologne"),
            {"originlat": "50.631944444", "originlong": "3.0575", "destination_countryLabel": "Germany"},
        ),
        (("Halluin", "Nkong-Zem"), {"start": "2003-01-01", "end": "2015-06-30", "sistercity_item": "Q999001"}),
        (("Nord", "Kent"), {"origin_kind": "departement", "origin_code": "59", "origin_item": "Q12661"}),
        (("Hauts-de-France", "Ivory Coast region"), {"origin_kind": "region", "destinationlat": ""}),
        (("Métropole Européenne de Lille", "Ghent"), {"origin_kind": "epci", "origin_code": "200093201"}),
        # a point on another globe (the Moon) is no point
        (("Paris", "Mare Fictivum"), {"destinationlat": "", "destinationlong": ""}),
    ],
)
def test_the_answer_becomes_rows_of_the_snapshot(pair: tuple[str, str], expected: dict[str, str]) -> None:
    row = _rows()[pair]
    assert {k: row[k] for k in expected} == expected


def test_a_statement_seen_twice_is_one_row_and_no_cell_holds_a_tab() -> None:
    rows = RF.rows_of(json.loads(RESPONSE.read_text(encoding="utf-8")))
    assert len(rows) == 7  # 8 bindings, Lille – Valladolid twice
    text = RF.tsv(rows)
    assert all(line.count("\t") == len(RF.COLUMNS) - 1 for line in text.splitlines())


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------
def test_refresh_writes_a_dated_snapshot_with_its_provenance(tmp_path: Path, service) -> None:
    data = _data(tmp_path)
    target, n = RF.refresh(data, endpoint=service.url, now=WHEN)
    assert target == data / "raw" / "wikidata-p190-2026-12-07" and n == 7
    assert sorted(p.name for p in target.iterdir()) == ["PROVENANCE.md", "france.tsv", "query.sparql"]
    assert (target / "query.sparql").read_text(encoding="utf-8") == RF.QUERY
    prov = (target / "PROVENANCE.md").read_text(encoding="utf-8")
    for fact in ("2026-12-07 03:00 UTC", "7 lignes", "CC0 1.0", service.url, "query.sparql"):
        assert fact in prov, fact
    # the query was sent, with a User-Agent that names the application
    (asked,) = service.asked
    assert "P190" in asked["body"] and asked["agent"].startswith("LianesDash/")


def test_the_build_reads_the_newest_snapshot(tmp_path: Path, service) -> None:
    data = _data(tmp_path)
    assert BL.wikidata_dir(data) == "raw/wikidata-p190-2017"
    RF.refresh(data, endpoint=service.url, now=WHEN)
    assert BL.wikidata_dir(data) == "raw/wikidata-p190-2026-12-07"
    rows = {(r.fr_name, r.partner_name): r for r in BL.read_wikidata(data)}
    halluin = rows[("Halluin", "Nkong-Zem")]
    assert halluin.partner_country == "Cameroon" and halluin.fr_point == (50.7861, 3.1258)
    assert halluin.ref.startswith("wikidata-p190-2026-12-07/france.tsv:")


@pytest.mark.parametrize(
    ("fr_name", "partner", "fr_type", "fr_code"),
    [
        ("Halluin", "Nkong-Zem", "commune", "59279"),
        ("Nord", "Kent", "departement", "59"),
        ("Hauts-de-France", "Ivory Coast region", "region", "32"),
        ("Métropole Européenne de Lille", "Ghent", "epci", "200093201"),
    ],
)
def test_a_refreshed_row_is_resolved_by_its_official_code(
    tmp_path: Path, service, fr_name: str, partner: str, fr_type: str, fr_code: str
) -> None:
    """Départements, régions and intercommunalités too: Wikidata's INSEE code or SIREN, not the English label."""
    data = _data(tmp_path)
    RF.refresh(data, endpoint=service.url, now=WHEN)
    rows = BL.read_wikidata(data)
    index = PointCollectivityIndex(tiny_collectivities())
    BL.resolve_rows(rows, index, BL.CountryResolver(D.load_countries()))
    row = next(r for r in rows if (r.fr_name, r.partner_name) == (fr_name, partner))
    assert row.fr_row is not None, row.reason
    assert (index.types[row.fr_row], index.codes[row.fr_row]) == (fr_type, fr_code)
    assert "code officiel" in row.how


def test_the_2017_snapshot_stays_the_default_of_the_bundled_data() -> None:
    assert BL.wikidata_dir(D.DEFAULT_DATA_DIR) == BL.WIKIDATA_DIR == "raw/wikidata-p190-2017"


def test_the_command_line(tmp_path: Path, service, capsys) -> None:
    data = _data(tmp_path)
    code = main(["refresh", "--data", str(data), "--endpoint", service.url, "--date", "2026-12-07"])
    assert code == 0
    assert "7 lignes" in capsys.readouterr().out
    assert (data / "raw" / "wikidata-p190-2026-12-07" / "france.tsv").is_file()


@pytest.mark.parametrize(
    ("status", "body", "words"),
    [
        (None, b"", "impossible de joindre le service de requêtes de Wikidata"),
        (500, b"erreur", "a répondu « 500"),
        (200, b"<html>pas du JSON</html>", "n'est pas du JSON lisible"),
        (200, b'{"head": {}}', "pas un résultat SPARQL"),
        (200, b'{"head": {}, "results": {"bindings": []}}', "aucun jumelage"),
    ],
    ids=["unreachable", "http-500", "not-json", "not-sparql", "empty"],
)
def test_a_failure_is_a_french_message_and_changes_nothing(
    tmp_path: Path, service, capsys, status: int | None, body: bytes, words: str
) -> None:
    data = _data(tmp_path)
    before = _files(data)
    if status is None:
        url = _closed_port()
    else:
        service.status, service.body, url = status, body, service.url
    code = main(["refresh", "--data", str(data), "--endpoint", url, "--timeout", "5"])
    err = capsys.readouterr().err
    assert code == RF.EXIT_FAILED
    assert words in err and "Rien n'a été modifié." in err and "Traceback" not in err
    assert _files(data) == before
    assert sorted(p.name for p in (data / "raw").iterdir()) == ["wikidata-p190-2017"]


def test_an_existing_snapshot_is_never_rewritten(tmp_path: Path, service, capsys) -> None:
    data = _data(tmp_path)
    RF.refresh(data, endpoint=service.url, now=WHEN)
    before = _files(data)
    assert main(["refresh", "--data", str(data), "--endpoint", service.url, "--date", "2026-12-07"]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert _files(data) == before
