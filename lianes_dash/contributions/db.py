"""The contributions database: where it lives, how it is opened, its tables (SQLAlchemy Core).

SQLite file ``contributions.sqlite`` in ``LIANES_STATE_DIR`` (default ``./state/``) unless
``LIANES_DATABASE_URL`` names another database (``postgresql+psycopg://…``). The schema is
created and upgraded by the Alembic migrations of ``alembic/`` on first open: zero set-up.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

#: Environment variable naming the database (any SQLAlchemy URL); overrides the state folder.
URL_ENV = "LIANES_DATABASE_URL"
#: Environment variable of the folder of the app's writable state (default ``./state``).
STATE_ENV = "LIANES_STATE_DIR"
DEFAULT_STATE_DIR = "state"
SQLITE_FILE = "contributions.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "alembic"
#: How long a SQLite writer waits for another one before giving up (ms).
SQLITE_BUSY_MS = 15_000

metadata = sa.MetaData()

# The tables the migrations of alembic/versions/ build (a test compares them with Alembic's autogenerate).
items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.String(64), nullable=False, unique=True),
    sa.Column("item_type", sa.String(16), nullable=False),
    sa.Column("link_id", sa.String(64), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("session_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(64), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'accepted', 'refused', 'withdrawn')", name="ck_items_status"),
    sa.CheckConstraint("item_type IN ('declaration', 'report')", name="ck_items_type"),
    sa.Index("ix_items_session_created", "session_hash", "created_at"),
    sa.Index("ix_items_status", "status"),
)
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("before", sa.JSON, nullable=True),
    sa.Column("after", sa.JSON, nullable=True),
    sa.Index("ix_events_item", "item_id", "id"),
)
contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("role", sa.String(120), nullable=True),
    sa.Index("ix_contacts_email", "email"),
)
reviewers = sa.Table(
    "reviewers",
    metadata,
    sa.Column("login", sa.String(64), primary_key=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


def database_url() -> str:
    """``LIANES_DATABASE_URL``, else the SQLite file of the state folder (created if needed)."""
    url = os.environ.get(URL_ENV, "").strip()
    if url:
        return url
    folder = Path(os.environ.get(STATE_ENV, "").strip() or DEFAULT_STATE_DIR)
    # NOTE: owner only: the database holds declarants' e-mails and reviewers' password hashes.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return f"sqlite:///{(folder / SQLITE_FILE).resolve()}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default :func:`database_url`); SQLite in WAL mode with foreign keys."""
    url = url or database_url()
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # The driver's own transaction handling off: SQLAlchemy's "begin" below opens them.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_MS)}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # A writing transaction (:func:`writing`) takes the write lock at once (IMMEDIATE), so two
        # reviewers are serialised instead of one failing with « database is locked » when it upgrades
        # its read; a reading one stays deferred, and WAL lets it read while someone writes.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


_WRITE = "lianes_write"


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that will write: committed at the end, rolled back on error."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision (a no-op when it is already there)."""
    from alembic import command  # Here: slow to import, and needed by the first open of a store only
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            # Two processes opening a fresh database at once: one migrates, the other waits.
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(2028)))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def now() -> dt.datetime:
    """The current time, UTC, to the microsecond (every stored time is UTC)."""
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC time (SQLite gives them back naive)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
