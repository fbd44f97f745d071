"""The contributions store (issue 28), on SQLite and on a throw-away PostgreSQL server.

Partner places are fictional (« Testhausen am See » in Germany, « Testville-sur-Mer » in Senegal);
the French side comes from the importer's tiny reference.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lianes_dash import __main__ as cli
from lianes_dash.contributions import commons, db
from lianes_dash.contributions.store import (
    ACCEPTED,
    PENDING,
    REFUSED,
    ConflictError,
    Contact,
    NotAllowed,
    RateLimited,
    Store,
    UnknownItem,
    open_store,
)
from lianes_dash.contributions.validation import ContributionError, Declaration, Report, Validator
from lianes_dash.importer.testing import tiny_reference
from lianes_dash.text.safety import FORMULA_TRIGGERS
from tests.builders import link_rows

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = Validator(**tiny_reference())
EMAIL = "maire.adjointe@example.org"


# ---------------------------------------------------------------------------
# A throw-away PostgreSQL server (see /work/shared/notes/postgresql-in-tests-and-ci.md)
# ---------------------------------------------------------------------------
def _pg_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (newest Debian version first, then the PATH)."""
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(command: str) -> subprocess.CompletedProcess:
    """Run a shell command as the ``postgres`` user when root (PostgreSQL refuses root), else as is."""
    argv = ["su", "postgres", "-s", "/bin/sh", "-c", command] if os.geteuid() == 0 else ["/bin/sh", "-c", command]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


def _require_binaries() -> Path:
    """The server's binaries, or a skip naming why (a failure under ``CI=true``: CI must test PostgreSQL)."""
    bins = _pg_bin()
    if bins is None:
        reason = "PostgreSQL absent (no initdb/pg_ctl under /usr/lib/postgresql/*/bin): apt-get install postgresql"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " — required in CI")
        pytest.skip(reason)
    return bins


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[str]:
    """URL of the maintenance database of a PostgreSQL server started for this session, on 127.0.0.1."""
    bins = _require_binaries()
    folder = Path(tempfile.mkdtemp(prefix="lianes-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    started = _as_postgres(
        f"{bins / 'initdb'} -D {data} -A trust -U postgres -E UTF8 --no-sync >{folder / 'initdb.log'} 2>&1 && "
        f"{bins / 'pg_ctl'} -D {data} -o '-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off' "
        f"-l {folder / 'log'} -w start"
    )
    if started.returncode != 0:
        log = "".join(p.read_text(errors="replace") for p in folder.glob("*log") if p.is_file())
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {started.stdout}{started.stderr}{log}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        _as_postgres(f"{bins / 'pg_ctl'} -D {data} -m immediate -w stop")
        shutil.rmtree(folder, ignore_errors=True)


BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
]


@pytest.fixture(params=BACKENDS)
def new_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator:
    """A factory of URLs of new, empty databases of the backend (dropped after the test)."""
    made: list[str] = []
    admin = None
    if request.param == "postgresql":
        admin = sa.create_engine(request.getfixturevalue("postgresql_server"), isolation_level="AUTOCOMMIT")

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        if admin is None:
            return f"sqlite:///{tmp_path / name}.sqlite"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return admin.url.set(database=name).render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.connect() as conn:
            for name in made:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def url(new_url) -> str:
    return new_url()


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = open_store(url, validator=VALIDATOR)
    yield opened
    opened.engine.dispose()


def declaration(**changes: object) -> Declaration:
    fields: dict[str, object] = {
        "fr_name": "Halluin",
        "partner_name": "Testhausen am See",
        "partner_country": "Allemagne",
        "kind": "jumelage",
        "email": EMAIL,
        "role": "adjointe aux relations internationales",
        "themes": ["culture", "jeunesse"],
        "start_year": 1987,
        "source_url": "https://example.org/deliberation-1987",
    }
    return Declaration(**{**fields, **changes})  # type: ignore[arg-type]


def submit(store: Store, sid: str = "sub-00001", session: str = "session-a", **changes: object):
    return store.submit_declaration(declaration(**changes), submission_id=sid, session_key=session)


def counts(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (db.items, db.events, db.contacts)
        )


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_without_postgresql_the_tests_skip_saying_why_but_fail_in_ci(monkeypatch, ci: str, outcome) -> None:
    monkeypatch.setattr(sys.modules[__name__], "_pg_bin", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install postgresql"):
        _require_binaries()


# ---------------------------------------------------------------------------
# Opening: zero set-up
# ---------------------------------------------------------------------------
def test_first_open_migrates_and_the_tables_are_the_declared_ones(url: str) -> None:
    first = open_store(url, validator=VALIDATOR)
    open_store(url, validator=VALIDATOR).engine.dispose()  # NOTE: a second open migrates nothing
    inspector = sa.inspect(first.engine)
    assert set(inspector.get_table_names()) == {*db.metadata.tables, "alembic_version"}
    with first.engine.connect() as conn:
        # NOTE: the migrations build exactly the tables store.py uses (a new column needs a migration)
        assert compare_metadata(MigrationContext.configure(conn), db.metadata) == []
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"
    first.engine.dispose()


def test_the_default_database_is_a_wal_sqlite_file_in_the_state_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(db.URL_ENV, raising=False)
    monkeypatch.setenv(db.STATE_ENV, str(tmp_path / "etat"))
    opened = open_store(validator=VALIDATOR)
    assert (tmp_path / "etat" / db.SQLITE_FILE).exists()
    assert (tmp_path / "etat").stat().st_mode & 0o077 == 0  # NOTE: e-mails inside: owner only
    with opened.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(sa.exc.IntegrityError), opened.engine.begin() as conn:
        conn.execute(sa.insert(db.contacts).values(item_id=999, email="x@example.org"))
    opened.engine.dispose()
    monkeypatch.setenv(db.URL_ENV, f"sqlite:///{tmp_path / 'ailleurs.sqlite'}")
    assert db.database_url().endswith("ailleurs.sqlite")


def test_state_folder_is_ignored_by_git() -> None:
    assert "/state/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------------------
# Submitting and reviewing
# ---------------------------------------------------------------------------
def test_a_declaration_is_stored_resolved_pending_with_its_event(store: Store) -> None:
    item = submit(store)
    assert (item.status, item.version, item.item_type) == (PENDING, 1, "declaration")
    assert item.payload["fr_code"] == "59279" and item.payload["partner_country"] == "DEU"
    assert item.payload["themes"] == "culture|jeunesse" and item.payload["start_year"] == 1987
    [event] = store.history(item.id)
    assert event.kind == "submitted" and event.before is None and event.after["status"] == PENDING
    assert EMAIL not in json.dumps(event.after) and EMAIL not in json.dumps(item.payload)
    contact = store.contact(item.id)
    assert contact is not None and contact.email == EMAIL


def test_accept_refuse_withdraw_and_the_accepted_list(store: Store) -> None:
    a, b = submit(store), submit(store, sid="sub-00002", partner_name="Testville-sur-Mer", partner_country="Sénégal")
    c = submit(store, sid="sub-00003", partner_name="Testdorf")
    assert store.accept(a.id, 1, "alice").status == ACCEPTED
    assert store.refuse(b.id, 1, "bruno").status == REFUSED
    with pytest.raises(NotAllowed, match="Seule la session"):
        store.withdraw(c.id, 1, session_key="session-b")
    assert store.withdraw(c.id, 1, session_key="session-a").status == "withdrawn"
    assert [i.id for i in store.accepted()] == [a.id]
    assert [i.id for i in store.items(status=PENDING)] == []
    assert [i.id for i in store.items_of_session("session-a")] == [a.id, b.id, c.id]
    assert store.items_of_session("session-b") == []
    with pytest.raises(NotAllowed, match="n'est plus en attente"):
        store.accept(b.id, 2, "alice")
    with pytest.raises(UnknownItem):
        store.accept(99, 1, "alice")


def test_the_second_reviewer_is_told_and_nothing_changes(store: Store) -> None:
    item = submit(store)
    store.accept(item.id, item.version, "alice")
    before = (store.item(item.id), counts(store))
    with pytest.raises(ConflictError) as caught:
        store.refuse(item.id, item.version, "bruno")
    message = str(caught.value)
    assert message.startswith("Conflit : ") and "a déjà été traité par alice le " in message
    assert (store.item(item.id), counts(store)) == before


def test_two_reviewers_at_once_exactly_one_wins(store: Store) -> None:
    item = submit(store)
    results: list[object] = []
    barrier = threading.Barrier(2)

    def decide(reviewer: str, action) -> None:
        barrier.wait()
        try:
            results.append(action(item.id, item.version, reviewer))
        except ConflictError as exc:
            results.append(exc)

    threads = [
        threading.Thread(target=decide, args=("alice", store.accept)),
        threading.Thread(target=decide, args=("bruno", store.refuse)),
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert sorted(type(r).__name__ for r in results) == ["ConflictError", "Item"]
    assert store.item(item.id).version == 2 and len(store.history(item.id)) == 2


def test_a_reader_is_not_blocked_by_a_writer_in_its_transaction(store: Store) -> None:
    first = submit(store)
    inside, release = threading.Event(), threading.Event()

    def pause() -> None:
        inside.set()
        release.wait(30)

    store.before_commit = pause
    writer = threading.Thread(target=lambda: submit(store, sid="sub-slow-0001"))
    writer.start()
    try:
        assert inside.wait(30)
        started = time.monotonic()
        assert [i.id for i in store.items()] == [first.id]  # NOTE: the pending write is not seen
        assert time.monotonic() - started < 5
    finally:
        release.set()
        writer.join(30)
    store.before_commit = None
    assert len(store.items()) == 2


def test_undo_restores_the_previous_state_by_a_new_event(store: Store) -> None:
    item = submit(store)
    with pytest.raises(NotAllowed, match="Rien à annuler"):
        store.undo(item.id, 1, "alice")
    store.accept(item.id, 1, "alice")
    undone = store.undo(item.id, 2, "alice")
    assert (undone.status, undone.version) == (PENDING, 3)
    assert store.accepted() == []
    redone = store.undo(item.id, 3, "bruno")  # NOTE: undoing the undo
    assert redone.status == ACCEPTED
    edited = store.undo(item.id, 4, "alice")
    edited = store.edit(edited.id, edited.version, "alice", declaration(partner_name="Testdorf", email=""))
    assert edited.payload["partner_name"] == "Testdorf"
    assert store.contact(item.id) == Contact(item.id, EMAIL, "adjointe aux relations internationales")
    restored = store.undo(item.id, edited.version, "alice")
    assert restored.payload["partner_name"] == "Testhausen am See"
    kinds = [e.kind for e in store.history(item.id)]
    assert kinds == ["submitted", "accepted", "undone", "undone", "undone", "edited", "undone"]
    assert all(e.after["version"] == n + 1 for n, e in enumerate(store.history(item.id)))


def test_a_replayed_form_is_stored_once(store: Store) -> None:
    first = submit(store)
    again = submit(store)
    assert again.id == first.id and counts(store) == (1, 1, 1)


def test_a_form_replayed_at_the_same_time_is_stored_once(store: Store) -> None:
    ids: list[int] = []
    barrier = threading.Barrier(3)

    def send() -> None:
        barrier.wait()
        ids.append(submit(store, sid="sub-twice-000").id)

    threads = [threading.Thread(target=send) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert len(ids) == 3 and len(set(ids)) == 1 and counts(store) == (1, 1, 1)


def test_the_rate_limit_counts_per_session_and_not_replays(url: str) -> None:
    limited = open_store(url, validator=VALIDATOR, rate_limit=3)
    for n in range(3):
        submit(limited, sid=f"sub-rate-{n:03d}")
    submit(limited, sid="sub-rate-000")  # NOTE: a replay is not a new item
    with pytest.raises(RateLimited, match="au plus 3 par heure"):
        submit(limited, sid="sub-rate-999")
    submit(limited, sid="sub-rate-other", session="session-b")
    assert counts(limited)[0] == 4
    limited.engine.dispose()


def test_a_refused_form_stores_nothing_and_names_every_field(store: Store) -> None:
    bad = declaration(fr_name="Haluin", partner_country="Allemagn", start_year=1850, email="pas-une-adresse")
    with pytest.raises(ContributionError) as caught:
        store.submit_declaration(bad, submission_id="sub-bad-0001", session_key="s")
    fields = {p.field for p in caught.value.problems}
    assert fields == {"start_year", "email"}  # NOTE: places are looked up once the rest is right
    with pytest.raises(ContributionError) as caught:
        store.submit_declaration(declaration(fr_name="Haluin"), submission_id="sub-bad-0002", session_key="s")
    [problem] = caught.value.problems
    assert problem.suggestions == ("Halluin (59)",) and "vouliez-vous dire" in problem.message
    assert counts(store) == (0, 0, 0)


def test_a_report_on_a_link(store: Store) -> None:
    report = Report(link_id="t-0", problem="ended", email=EMAIL, end_year=2015)
    item = store.submit_report(report, submission_id="sub-rep-0001", session_key="s", links=["t-0", "t-1"])
    assert (item.item_type, item.link_id, item.payload["problem"]) == ("report", "t-0", "ended")
    with pytest.raises(ContributionError, match="aucun lien"):
        store.submit_report(
            Report(link_id="t-9", problem="ended", email=EMAIL),
            submission_id="sub-rep-0002",
            session_key="s",
            links=["t-0"],
        )
    links = link_rows([{"partner_name": "Partenaire fictif A"}], validate=True)
    wrong = Report(
        link_id="t-0", problem="wrong_partner", email=EMAIL, partner_name="Testdorf", partner_country="Allemagne"
    )
    item = store.submit_report(wrong, submission_id="sub-rep-0003", session_key="s", links=links)
    [event] = store.history(item.id)
    assert event.after["payload"]["was"]["partner_name"] == "Partenaire fictif A"  # NOTE: the old value is kept
    assert event.after["payload"]["partner_name"] == "Testdorf"
    assert event.after["payload"]["was"]["partner_approx"] is False


_HOSTILE = st.one_of(
    st.text(max_size=50),
    st.sampled_from(["<script>alert(1)</script>", '=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2+3", "\x00\x1b"]),
    st.text(min_size=190, max_size=400),
    st.sampled_from(["x" * 100_000, "=" + "a" * 5_000, "<" * 3_000, "é\u0301" * 1_500]),
    st.builds(lambda a, b: a + b, st.sampled_from(["=", "+", "-", "@", "\t", "<b>", "&amp;"]), st.text(max_size=30)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(partner=_HOSTILE, comment=_HOSTILE, document=_HOSTILE, role=_HOSTILE)
def test_hostile_input_is_stored_inert_or_not_at_all(store: Store, partner, comment, document, role) -> None:
    before = counts(store)
    sid = f"sub-h-{uuid.uuid4().hex[:16]}"
    form = declaration(partner_name=partner, comment=comment, source_document=document, role=role)
    try:
        item = store.submit_declaration(form, submission_id=sid, session_key=sid)
    except ContributionError as exc:
        assert exc.problems and counts(store) == before
        return
    assert counts(store) == tuple(n + 1 for n in before)
    stored = store.item(item.id).payload
    for key in ("partner_name", "comment", "source_document"):
        text = stored[key]
        assert "<" not in text or not any(text[i + 1 : i + 2].isalpha() for i, c in enumerate(text) if c == "<")
        assert not text.startswith(FORMULA_TRIGGERS) and "\x00" not in text
        assert len(text) <= 2001


# ---------------------------------------------------------------------------
# Kill mid-write: a transaction never lands half
# ---------------------------------------------------------------------------
_CHILD = """
import sys, time
from lianes_dash.contributions.store import open_store
from lianes_dash.contributions.validation import Declaration, Validator
from lianes_dash.importer.testing import tiny_reference
store = open_store(sys.argv[1], validator=Validator(**tiny_reference()))
def wait():
    print("inside", flush=True)
    time.sleep(120)
store.before_commit = wait
if sys.argv[2] == "submit":
    store.submit_declaration(
        Declaration(fr_name="Halluin", partner_name="Testhausen am See", partner_country="Allemagne",
                    kind="jumelage", email="x@example.org"),
        submission_id="sub-killed-01", session_key="k")
else:
    store.accept(1, 1, "alice")
"""


@pytest.mark.parametrize("action", ["submit", "accept"])
def test_a_writer_killed_mid_transaction_leaves_a_consistent_database(store: Store, url: str, action: str) -> None:
    kept = submit(store)
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, url, action],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    store.engine.dispose()
    again = open_store(url, validator=VALIDATOR)
    assert counts(again) == (1, 1, 1) and again.items() == [kept]  # NOTE: neither the item nor its event
    if url.startswith("sqlite"):
        with again.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert again.accept(kept.id, 1, "bruno").version == 2  # NOTE: and it still takes writes
    assert submit(again, sid="sub-after-kill").id != kept.id
    again.engine.dispose()


# ---------------------------------------------------------------------------
# Backup, forgetting, reviewers, commands
# ---------------------------------------------------------------------------
def _busy(store: Store) -> None:
    a = submit(store)
    b = submit(
        store, sid="sub-00002", partner_name="Testville-sur-Mer", partner_country="Sénégal", email="b@example.org"
    )
    store.accept(a.id, 1, "alice")
    store.edit(
        b.id,
        1,
        "bruno",
        declaration(partner_name="Testville-sur-Mer", partner_country="SEN", kind="aide au développement"),
    )
    store.submit_report(
        Report(link_id="t-0", problem="ended", email=EMAIL), submission_id="sub-rep-0001", session_key="s"
    )


def test_export_and_import_round_trip_everything(store: Store, new_url, tmp_path: Path) -> None:
    _busy(store)
    public, private = tmp_path / "public.jsonl", tmp_path / "private.jsonl"
    commons.export_jsonl(store, public)
    commons.export_jsonl(store, private, personal_data=True)
    assert EMAIL not in public.read_text(encoding="utf-8") and EMAIL in private.read_text(encoding="utf-8")
    restored = open_store(new_url(), validator=VALIDATOR)
    assert commons.import_jsonl(restored, private) == {"item": 3, "event": 5, "contact": 3}
    again = tmp_path / "again.jsonl"
    commons.export_jsonl(restored, again, personal_data=True)
    assert again.read_text(encoding="utf-8") == private.read_text(encoding="utf-8")
    assert restored.items() == store.items() and restored.history() == store.history()
    nxt = submit(restored, sid="sub-after-import")  # NOTE: new ids follow the imported ones
    assert nxt.id == 4
    with pytest.raises(commons.BackupError, match="n'est pas vide"):
        commons.import_jsonl(restored, public)
    assert len(restored.items()) == 4
    restored.engine.dispose()


def test_a_broken_backup_loads_nothing(store: Store, new_url, tmp_path: Path) -> None:
    _busy(store)
    good = tmp_path / "good.jsonl"
    commons.export_jsonl(store, good, personal_data=True)
    lines = good.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    orphan = json.loads(lines[-1]) | {"item_id": 999}  # NOTE: a contact of no item, last of the file
    broken.write_text("\n".join([*lines[:-1], json.dumps(orphan)]) + "\n", encoding="utf-8")
    restored = open_store(new_url(), validator=VALIDATOR)
    with pytest.raises(commons.BackupError, match="rien n'a été importé"):
        commons.import_jsonl(restored, broken)
    assert counts(restored) == (0, 0, 0)
    (tmp_path / "other.jsonl").write_text('{"record": "header", "format": "autre"}\n', encoding="utf-8")
    with pytest.raises(commons.BackupError, match="n'est pas une sauvegarde"):
        commons.import_jsonl(restored, tmp_path / "other.jsonl")
    restored.engine.dispose()


def test_an_unknown_login_costs_one_argon2_verification_too(store: Store, monkeypatch) -> None:
    from lianes_dash.contributions import reviewers

    store.add_reviewer("alice", "correct horse battery")
    calls: list[str] = []
    real = reviewers._HASHER

    class Spy:
        def verify(self, hashed: str, password: str) -> bool:
            calls.append(hashed[:9])
            return real.verify(hashed, password)

        def check_needs_rehash(self, hashed: str) -> bool:
            return real.check_needs_rehash(hashed)

        def hash(self, password: str) -> str:
            return real.hash(password)

    monkeypatch.setattr(reviewers, "_HASHER", Spy())
    assert not store.verify("nobody", "correct horse battery")
    assert not store.verify("alice", "wrong horse battery")
    assert calls == ["$argon2id", "$argon2id"]


def test_forget_email_and_no_public_output_holds_it(store: Store, tmp_path: Path) -> None:
    _busy(store)
    assert store.forget_email(EMAIL.upper()) == 2
    assert store.contact(1) is None and store.contact(2) is not None
    out = tmp_path / "all.jsonl"
    commons.export_jsonl(store, out, personal_data=True)
    shown = [
        out.read_text(encoding="utf-8"),
        repr(store.items()),
        repr(store.history()),
        repr(store.accepted()),
        commons.quickstatements(store.accepted()),
        commons.import_csv(store.accepted()),
    ]
    assert not any(EMAIL in text for text in shown)


def test_reviewers_accounts_verify_in_constant_work(store: Store) -> None:
    store.add_reviewer("Alice", "correct horse battery")
    assert store.reviewer_logins() == ["alice"]
    assert store.verify("alice", "correct horse battery")
    assert not store.verify("alice", "wrong horse battery")
    assert not store.verify("nobody", "correct horse battery")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(db.reviewers.c.password_hash)).scalar_one().startswith("$argon2id$")
    with pytest.raises(ValueError, match="trop court"):
        store.add_reviewer("bruno", "court")
    assert store.remove_reviewer("alice") and not store.verify("alice", "correct horse battery")


def test_the_command_line_as_a_process(tmp_path: Path) -> None:
    """``python -m lianes_dash reviewers …`` with the default database: a SQLite file in LIANES_STATE_DIR."""
    env = {k: v for k, v in os.environ.items() if k != db.URL_ENV} | {db.STATE_ENV: str(tmp_path / "etat")}

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "lianes_dash", *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT
        )

    added = run("reviewers", "add", "Alice", "--password-stdin", stdin="a long enough password\n")
    assert added.returncode == 0, added.stderr
    assert run("reviewers", "list").stdout.split() == ["alice"]
    assert (tmp_path / "etat" / db.SQLITE_FILE).exists()
    short = run("reviewers", "add", "bruno", "--password-stdin", stdin="court\n")
    assert short.returncode == 2 and short.stderr.startswith("erreur : Mot de passe trop court")
    assert "Traceback" not in short.stderr


def test_the_commands(url: str, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(db.URL_ENV, url)
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO("a long enough password\n"))
    assert cli.main(["reviewers", "add", "alice", "--password-stdin"]) == 0
    assert cli.main(["reviewers", "list"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "alice"
    store = open_store(url, validator=VALIDATOR)
    assert store.verify("alice", "a long enough password")
    # NOTE: the partner's Wikidata id comes with the declaration, the French one from a file
    store.accept(submit(store, partner_wikidata="Q900000008").id, 1, "alice")
    backup = tmp_path / "b.jsonl"
    assert cli.main(["contributions", "export", str(backup)]) == 0
    assert cli.main(["contributions", "quickstatements", str(tmp_path / "qs.txt")]) == 0
    assert "identifiant Wikidata manquant" in (tmp_path / "qs.txt").read_text(encoding="utf-8")
    (tmp_path / "qids.csv").write_text("code,qid\n59279,Q900000009\n", encoding="utf-8")
    assert (
        cli.main(
            ["contributions", "quickstatements", str(tmp_path / "qs.txt"), "--fr-qids", str(tmp_path / "qids.csv")]
        )
        == 0
    )
    assert "Q900000009" in (tmp_path / "qs.txt").read_text(encoding="utf-8")
    assert cli.main(["contributions", "csv", str(tmp_path / "out.csv")]) == 0
    assert "Testhausen am See" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert cli.main(["contributions", "forget", EMAIL]) == 0
    assert store.contact(1) is None
    assert cli.main(["contributions", "import", str(backup)]) == 2
    assert "n'est pas vide" in capsys.readouterr().err
    assert cli.main(["reviewers", "remove", "alice"]) == 0
    assert cli.main(["reviewers", "remove", "alice"]) == 2
    store.engine.dispose()


def test_a_refusal_keeps_its_reason_in_the_history(store) -> None:  # type: ignore[no-untyped-def]
    """The reviewer's reason for a refusal is kept (not only logged): in the item and in the event's after state."""
    item = store.submit_declaration(declaration(), submission_id="raison-0001", session_key="s-raison")
    refused = store.refuse(item.id, item.version, "relectrice", "=doublon de Lille – Testikylä")
    assert refused.status == "refused"
    assert refused.payload["refusal_reason"] == "'=doublon de Lille – Testikylä"  # neutralised for spreadsheets
    last = store.history(item.id)[-1]
    assert last.after["payload"]["refusal_reason"] == refused.payload["refusal_reason"]
    undone = store.undo(refused.id, refused.version, "relectrice")
    assert "refusal_reason" not in undone.payload
    assert store.history(item.id)[-2].after["payload"]["refusal_reason"]  # the history keeps it


def test_a_file_is_stored_row_by_row_and_only_once(store) -> None:  # type: ignore[no-untyped-def]
    rows = [declaration(partner_name=f"Testikylä {n}") for n in range(1, 4)] + [declaration(partner_country="ZZZ")]
    items, refused = store.submit_file(
        rows, submission_id="fichier-0001", session_key="reseau", filename="=annuaire.csv"
    )
    assert len(items) == 3 and [n for n, _problems in refused] == [4]
    assert {i.payload["file"] for i in items} == {"'=annuaire.csv"}  # neutralised for spreadsheets
    again, _ = store.submit_file(rows, submission_id="fichier-0001", session_key="reseau", filename="annuaire.csv")
    assert sorted(i.id for i in again) == sorted(i.id for i in items), "a replay stores nothing twice"
    assert len(store.items(status="pending")) == 3
    single = store.submit_declaration(
        declaration(partner_name="Testikylä 9"), submission_id="seul-0001", session_key="x"
    )
    assert single.status == "pending"
