"""Several app processes behind nginx (``lianes_dash/server/cluster.py``), started for real.

A Streamlit session lives in one process: its websocket and its uploads must reach that process.
Checked here through nginx: pages answer with the app's own headers; a browser keeps its process
(routing cookie), two browsers spread over the processes; in Chromium, a page's websocket and an
upload on /importer meet in the same process (the import succeeds); a stopped process leaves the
new visitors to the other. And the contributions database taken by several processes at once.

Skipped where nginx is absent (``apt-get install nginx``), a failure under ``CI=true``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from lianes_dash.contributions import db
from lianes_dash.server import cluster as C
from tests.conftest import ROOT, free_port, wait_idle

#: Every test of the running cluster in one worker (pytest-xdist), the browser group's: one cluster
#: started, and its Chromium already running.
IN_CLUSTER_WORKER = pytest.mark.xdist_group("browser")


def _require_nginx() -> Path:
    """The nginx binary, or a skip naming why (a failure under ``CI=true``: CI must test the deployment)."""
    found = C.find_nginx()
    if found is None:
        reason = "nginx absent (apt-get install nginx, ou LIANES_NGINX=/chemin/vers/nginx)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " — required in CI")
        pytest.skip(reason)
    return found


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_without_nginx_the_tests_skip_saying_why_but_fail_in_ci(monkeypatch, tmp_path: Path, ci: str, outcome) -> None:
    monkeypatch.setenv(C.NGINX_ENV, str(tmp_path / "no-nginx"))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="nginx absent"):
        _require_nginx()


# ---------------------------------------------------------------------------
# The configuration
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("base_path", "location", "cookie_path"),
    [("", "location / {", "Path=/;"), ("lianes", "location /lianes/ {", "Path=/lianes/;")],
)
def test_the_configuration_routes_by_cookie_and_passes_what_streamlit_needs(
    base_path: str, location: str, cookie_path: str
) -> None:
    site = C.render_site([8601, 8602], "8501", upload_mb=50, base_path=base_path)
    assert "hash $lianes_route consistent;" in site and "ip_hash" not in site.replace("`ip_hash`", "")
    assert "server 127.0.0.1:8601 max_fails=3 fail_timeout=10s;" in site and "server 127.0.0.1:8602 " in site
    assert '"~(^| )127\\.0\\.0\\.1:8602$" "2";' in site  # the header says which process answered
    assert location in site and cookie_path in site and "HttpOnly; SameSite=Lax" in site
    for line in (
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $lianes_connection;",
        "proxy_set_header Host $http_host;",
        "proxy_read_timeout 86400s;",
        "client_max_body_size 51m;",  # server.maxUploadSize + Streamlit's 1 MiB of multipart envelope
        "large_client_header_buffers 4 256k;",  # http_limits.MAX_REQUEST_HEAD
    ):
        assert line in site, line
    assert "proxy_hide_header" not in site  # the app's security headers pass through
    assert "; Secure" not in site
    assert "; Secure" in C.render_site([8601], "443", upload_mb=50, secure_cookie=True)


def test_the_printed_configuration_follows_the_upload_limit_of_the_processes() -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "lianes_dash.server.cluster", "--print-nginx", "--processes", "3", "--app-port", "9001"],
        cwd=ROOT,
        env={**os.environ, "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "7"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert printed.returncode == 0, printed.stderr
    assert "client_max_body_size 8m;" in printed.stdout
    assert [f"server 127.0.0.1:{p} " in printed.stdout for p in (9001, 9002, 9003)] == [True] * 3


# ---------------------------------------------------------------------------
# The contributions database, written by several processes at once
# ---------------------------------------------------------------------------
_WRITER = """
import sys, time
from lianes_dash.contributions.store import ConflictError, open_store
from lianes_dash.contributions.validation import Declaration, Validator
from lianes_dash.importer.testing import tiny_reference
url, n, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
validator = Validator(**tiny_reference())
time.sleep(max(0.0, start - time.time()))
store = open_store(url, validator=validator)  # NOTE: a fresh file: every process migrates it at once
for i in range(10):
    store.submit_declaration(
        Declaration(fr_name="Halluin", partner_name=f"Testdorf {n}-{i}", partner_country="Allemagne",
                    kind="jumelage", email="x@example.org"),
        submission_id=f"sub-{n}-{i:02d}", session_key=f"session-{n}-{i}")
try:
    store.accept(1, 1, f"relecteur-{n}")
    print("accepted")
except ConflictError:
    print("conflict")
"""


def test_several_processes_share_one_sqlite_store_without_losing_a_write(tmp_path: Path) -> None:
    """The default store (SQLite, WAL, ``BEGIN IMMEDIATE`` writers, busy timeout) under three processes."""
    url = f"sqlite:///{tmp_path / 'contributions.sqlite'}"
    start = time.time() + 4  # NOTE: past the children's imports, so that their writes overlap
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, url, str(n), str(start)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    outcomes = []
    for child in children:
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err[-2000:]
        outcomes.append(out.strip())
    assert sorted(outcomes) == ["accepted", "conflict", "conflict"]  # one reviewer wins, the others are told
    engine = db.make_engine(url)
    with engine.connect() as conn:
        items = conn.execute(sa.select(sa.func.count()).select_from(db.items)).scalar_one()
        events = conn.execute(sa.select(db.events.c.kind)).scalars().all()
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    assert items == 30 and sorted(events).count("submitted") == 30 and events.count("accepted") == 1


# ---------------------------------------------------------------------------
# The cluster, running
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[C.Cluster]:
    """Two app processes and nginx, each on a free port; the contributions in a folder of their own."""
    nginx = _require_nginx()
    state = tmp_path_factory.mktemp("cluster-state")
    with C.running(
        2,
        free_port(),
        app_ports=[free_port(), free_port()],
        env={db.STATE_ENV: str(state)},
        extra_args=["--client.showErrorDetails", "full", "--browser.gatherUsageStats", "false"],
        nginx=nginx,
    ) as running:
        yield running


def _get(url: str, cookie: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a GET, with the routing cookie ``cookie`` if given.

    ``set-cookie`` is the routing cookie nginx sets, if any (Streamlit sets its XSRF cookie beside it).
    """
    request = urllib.request.Request(url, headers={"Cookie": f"{C.COOKIE}={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as r:
        headers = {k.lower(): v for k, v in r.headers.items() if k.lower() != "set-cookie"}
        routing = [c for c in r.headers.get_all("Set-Cookie") or [] if c.startswith(C.COOKIE + "=")]
        assert len(routing) <= 1, routing
        headers.update({"set-cookie": routing[0]} if routing else {})
        return r.status, headers, r.read()


def _node(cluster: C.Cluster, cookie: str | None = None, path: str = "/_stcore/health") -> str:
    return _get(cluster.base + path, cookie)[1].get(C.NODE_HEADER.lower(), "")


def _nginx_errors(cluster: C.Cluster) -> str:
    """The end of nginx's error log: why a request went to another process."""
    return (cluster.run_dir / "nginx-error.log").read_text(encoding="utf-8", errors="replace")[-3000:]


def _cookies_by_node(cluster: C.Cluster) -> dict[str, str]:
    """A routing cookie for each process: the first of a few values that lands on it."""
    found: dict[str, str] = {}
    for n in range(64):
        found.setdefault(_node(cluster, f"visiteur-{n}"), f"visiteur-{n}")
        if len(found) == len(cluster.nodes):
            break
    return found


def _run_page(cluster: C.Cluster, cookie: str | None, page: str = "a-propos") -> tuple[str, int]:
    """Open a Streamlit session over the websocket through nginx and run ``page``: (process, script status).

    NOTE: websockets' synchronous client: Playwright's synchronous API keeps an event loop running in
    this thread once the browser fixture is up, where ``asyncio.run`` is refused.
    """
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    url = cluster.base.replace("http://", "ws://") + "/_stcore/stream"
    headers = {"Cookie": f"{C.COOKIE}={cookie}"} if cookie else {}
    with connect(url, subprotocols=["streamlit"], additional_headers=headers, max_size=2**26) as ws:
        assert ws.response is not None
        node = ws.response.headers.get(C.NODE_HEADER, "")
        msg = BackMsg()
        msg.rerun_script.page_name = page
        ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(ws.recv(timeout=120))
            kind = fwd.WhichOneof("type")
            assert not (kind == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception"), fwd
            if kind == "script_finished":
                return node, fwd.script_finished


@IN_CLUSTER_WORKER
def test_pages_answer_through_nginx_with_the_apps_headers_and_a_routing_cookie(cluster: C.Cluster) -> None:
    status, headers, body = _get(cluster.base + "/a-propos")
    assert status == 200 and b"<html" in body
    assert headers[C.NODE_HEADER.lower()] in {"1", "2"}
    # The app's own headers, passed as they are (server/headers.py).
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert "access-control-allow-origin" not in headers
    assert headers["server"] == "nginx"  # no version
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"{C.COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    value = cookie.split(";", 1)[0].split("=", 1)[1]
    # The cookie keeps the browser on the process that answered first.
    assert {_node(cluster, value) for _ in range(5)} == {headers[C.NODE_HEADER.lower()]}
    # A browser that has it is not given another.
    assert "set-cookie" not in _get(cluster.base + "/_stcore/health", value)[1]


@IN_CLUSTER_WORKER
def test_an_embedded_chart_document_gets_no_routing_cookie(cluster: C.Cluster) -> None:
    """A chart embedded in an article needs no session; a response with Set-Cookie is not kept by a shared cache."""
    status, headers, _body = _get(cluster.base + "/integrer?vue=monde&embed=true")
    assert status == 200 and "set-cookie" not in headers
    assert "set-cookie" in _get(cluster.base + "/integrer")[1]


@IN_CLUSTER_WORKER
def test_two_browsers_land_on_two_processes_and_each_stays_on_its_own(cluster: C.Cluster) -> None:
    by_node = _cookies_by_node(cluster)
    assert sorted(by_node) == ["1", "2"], (by_node, _nginx_errors(cluster))
    for node, cookie in by_node.items():
        assert {_node(cluster, cookie, "/") for _ in range(4)} == {node}
        # The websocket of that browser reaches the same process, and the page runs there.
        ws_node, status = _run_page(cluster, cookie)
        assert (ws_node, status) == (node, 0), (ws_node, status)  # 0: FINISHED_SUCCESSFULLY


CSV = (
    "Commune;Pays;Partenaire;Thème;Année\n"
    "Halluin;Cameroun;Nkong-Zem;eau potable;2003\n"
    "Le Portel;Burkina Faso;Kawara;éducation;1999\n"
)


@pytest.mark.browser
@IN_CLUSTER_WORKER
def test_in_chromium_the_websocket_and_an_upload_meet_in_one_process(cluster: C.Cluster, browser, tmp_path) -> None:
    """The import page's upload reaches the process that holds the page's session: the import succeeds."""
    csv = tmp_path / "essai_grappe.csv"
    csv.write_bytes(CSV.encode("utf-8"))
    # NOTE: a context of its own: a browser with no routing cookie yet, as a new visitor.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    nodes: list[str] = []
    uploads: list[int] = []
    page = context.new_page()
    page.on("response", lambda r: nodes.append(r.headers.get(C.NODE_HEADER.lower(), "")))
    page.on("response", lambda r: uploads.append(r.status) if "/_stcore/upload_file/" in r.url else None)
    try:
        page.goto(cluster.base + "/importer")
        page.wait_for_selector("[data-testid=stFileUploader]", timeout=90_000)
        page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(csv))
        page.get_by_text("Rapport ligne par ligne").wait_for(timeout=90_000)
        wait_idle(page)
        body = page.locator("[data-testid=stMain]").inner_text()
        assert page.locator("[data-testid=stException]").count() == 0
        assert "essai_grappe.csv : 2 lignes" in body, body[:2000]
        cookies = {c["name"]: c for c in context.cookies()}
        assert C.COOKIE in cookies and cookies[C.COOKIE]["httpOnly"]
        assert uploads and all(200 <= s < 300 for s in uploads), uploads
        assert len(set(nodes)) == 1 and nodes[0] in {"1", "2"}, (nodes, _nginx_errors(cluster))
    finally:
        context.close()


@IN_CLUSTER_WORKER
def test_a_stopped_process_leaves_new_visitors_to_the_other(cluster: C.Cluster) -> None:
    """Last of the module: it stops a process of the module's cluster."""
    by_node = _cookies_by_node(cluster)
    assert sorted(by_node) == ["1", "2"], (by_node, _nginx_errors(cluster))
    cluster.stop_node(1)
    assert cluster.nodes[0].proc.poll() is not None
    for _ in range(6):  # new visitors, no cookie: each hashed anew
        status, headers, _body = _get(cluster.base + "/")
        assert status == 200 and headers[C.NODE_HEADER.lower()] == "2"
    # A visitor of the stopped process comes back: served by the other one.
    assert _node(cluster, by_node["1"], "/") == "2"
    # And a new session, over the websocket, runs a page there.
    assert _run_page(cluster, None, "monde") == ("2", 0)
    assert _run_page(cluster, by_node["1"], "") == ("2", 0)
