"""The contributions store: submit, review, undo, forget; every change is an event, nothing is lost.

An item (a declaration or a report) carries a ``version``: a reviewer's decision names the version
they saw, and a version that moved meanwhile is a :class:`ConflictError` that changes nothing.
Each change writes the item and its event in one transaction. The declarant's e-mail and role
live in ``contacts`` only, read by :meth:`Store.contact` for the review and never returned by
anything else (the events hold no e-mail).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from lianes_dash.contributions import db, reviewers
from lianes_dash.contributions.validation import (
    WAS,
    Checked,
    ContributionError,
    Declaration,
    Problem,
    Report,
    Validator,
)
from lianes_dash.text.french import fmt_date
from lianes_dash.text.i18n import t
from lianes_dash.text.safety import neutralise_cell

PENDING, ACCEPTED, REFUSED, WITHDRAWN = "pending", "accepted", "refused", "withdrawn"
STATUSES: tuple[str, ...] = (PENDING, ACCEPTED, REFUSED, WITHDRAWN)
#: French name of each status.
STATUS_LABELS: dict[str, str] = {
    PENDING: "en attente",
    ACCEPTED: "acceptée",
    REFUSED: "refusée",
    WITHDRAWN: "retirée",
}
#: Kinds of event (``events.kind``).
SUBMITTED, EDITED, UNDONE = "submitted", "edited", "undone"
#: Keys of the state an event records (``events.before`` / ``events.after``).
STATE_STATUS, STATE_VERSION, STATE_PAYLOAD = "status", "version", "payload"
#: The actor of a submission: never the declarant's e-mail.
DECLARANT = "déclarant"
#: At most this many items per session key within :data:`RATE_WINDOW`.
RATE_LIMIT = 10
RATE_WINDOW = dt.timedelta(hours=1)
_SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


#: A file submitted at once: at most this many rows, each remembering the file's name under ``FILE``.
MAX_FILE_ROWS = 5000
FILE = "file"
#: Where a refusal's reason is kept in the item's payload, and its longest length.
REFUSAL_REASON = "refusal_reason"
MAX_REASON = 500


class ConflictError(RuntimeError):
    """The item moved since the reviewer saw it; nothing was changed."""


class NotAllowed(ValueError):
    """The change does not apply to the item in its current state (already decided, nothing to undo)."""


class RateLimited(ValueError):
    """Too many items from one session within the hour."""


class UnknownItem(LookupError):
    """No item has this number."""


@dataclass(frozen=True)
class Item:
    """A declaration or a report, as it stands now (its history is in :meth:`Store.history`)."""

    id: int
    submission_id: str
    item_type: str
    link_id: str | None
    status: str
    version: int
    payload: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class Event:
    """One change of one item: who, when, the state before and after (``None`` before a submission)."""

    id: int
    item_id: int
    kind: str
    actor: str
    at: dt.datetime
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Contact:
    """Who to write to about an item, for the reviewers only."""

    item_id: int
    email: str
    role: str | None


def session_hash(session_key: str) -> str:
    """What is stored of a session key: enough to count its items, not to find the session."""
    return hashlib.sha256(("lianes-contributions:" + str(session_key)).encode("utf-8", "replace")).hexdigest()


def _item(row: Any) -> Item:
    return Item(
        id=int(row.id),
        submission_id=row.submission_id,
        item_type=row.item_type,
        link_id=row.link_id,
        status=row.status,
        version=int(row.version),
        payload=dict(row.payload),
        created_at=db.as_utc(row.created_at),
        updated_at=db.as_utc(row.updated_at),
        updated_by=row.updated_by,
    )


def _event(row: Any) -> Event:
    return Event(
        id=int(row.id),
        item_id=int(row.item_id),
        kind=row.kind,
        actor=row.actor,
        at=db.as_utc(row.at),
        before=row.before,
        after=row.after,
    )


def _state(item: Item) -> dict[str, Any]:
    """What an event records of an item: its status, version and payload."""
    return {STATE_STATUS: item.status, STATE_VERSION: item.version, STATE_PAYLOAD: item.payload}


def when(moment: dt.datetime) -> str:
    """« 7 décembre 2026 à 02:10 UTC »: how messages date a change."""
    moment = db.as_utc(moment)
    return t("{day} à {time} UTC", day=fmt_date(moment.date()), time=moment.strftime("%H:%M"))


class Store:
    """The contributions database. Open it with :func:`open_store`."""

    def __init__(self, engine: Engine, validator: Validator | None = None, rate_limit: int = RATE_LIMIT) -> None:
        self.engine = engine
        self._validator = validator
        self.rate_limit = rate_limit
        #: Test seam: called inside each write transaction, just before it commits.
        self.before_commit: Callable[[], None] | None = None

    @property
    def validator(self) -> Validator:
        """The checks, against the real reference unless one was given (loaded on first use)."""
        if self._validator is None:
            self._validator = Validator()
        return self._validator

    @contextmanager
    def _write(self):
        with db.writing(self.engine) as conn:
            yield conn
            if self.before_commit is not None:
                self.before_commit()

    # -- reading -------------------------------------------------------------------------
    def item(self, item_id: int) -> Item:
        """The item ``item_id`` as it stands (raises :class:`UnknownItem`)."""
        with self.engine.connect() as conn:
            return self._get(conn, item_id)

    def items(self, status: str | None = None, item_type: str | None = None) -> list[Item]:
        """Items, oldest first, optionally of one status and one type."""
        query = sa.select(db.items).order_by(db.items.c.id)
        if status is not None:
            query = query.where(db.items.c.status == status)
        if item_type is not None:
            query = query.where(db.items.c.item_type == item_type)
        with self.engine.connect() as conn:
            return [_item(r) for r in conn.execute(query)]

    def items_of_session(self, session_key: str) -> list[Item]:
        """The items sent from one session, oldest first: what a declarant may follow (and withdraw)."""
        query = sa.select(db.items).where(db.items.c.session_hash == session_hash(session_key)).order_by(db.items.c.id)
        with self.engine.connect() as conn:
            return [_item(r) for r in conn.execute(query)]

    def accepted(self) -> list[Item]:
        """The accepted items, in the order they were accepted: the input of ``published_links``."""
        query = sa.select(db.items).where(db.items.c.status == ACCEPTED).order_by(db.items.c.updated_at, db.items.c.id)
        with self.engine.connect() as conn:
            return [_item(r) for r in conn.execute(query)]

    def history(self, item_id: int | None = None) -> list[Event]:
        """Events of one item (or of all), oldest first."""
        query = sa.select(db.events).order_by(db.events.c.id)
        if item_id is not None:
            query = query.where(db.events.c.item_id == item_id)
        with self.engine.connect() as conn:
            return [_event(r) for r in conn.execute(query)]

    def contact(self, item_id: int) -> Contact | None:
        """The declarant's e-mail and role, for the review of ``item_id`` only (``None`` once forgotten)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(db.contacts).where(db.contacts.c.item_id == item_id)).first()
        return Contact(int(row.item_id), row.email, row.role) if row is not None else None

    def _get(self, conn: Connection, item_id: int, lock: bool = False) -> Item:
        query = sa.select(db.items).where(db.items.c.id == int(item_id))
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None:
            raise UnknownItem(t("Aucun élément n° {id}.", id=item_id))
        return _item(row)

    # -- submitting ----------------------------------------------------------------------
    def submit_declaration(self, declaration: Declaration, *, submission_id: str, session_key: str) -> Item:
        """Store a new partnership (pending review); a replayed ``submission_id`` returns the first one."""
        return self._submit(lambda: self.validator.declaration(declaration), submission_id, session_key)

    def submit_report(
        self,
        report: Report,
        *,
        submission_id: str,
        session_key: str,
        links: pd.DataFrame | Iterable[str] | None = None,
    ) -> Item:
        """Store a report of an error on an existing link.

        ``links``: the published links frame (checks the id and keeps the corrected values in the
        history), or just the known link ids.
        """
        known = links if links is None or isinstance(links, pd.DataFrame | set | frozenset) else set(links)
        return self._submit(lambda: self.validator.report(report, known), submission_id, session_key)

    def _submit(self, check: Callable[[], Checked], submission_id: str, session_key: str) -> Item:
        if not isinstance(submission_id, str) or not _SUBMISSION_ID.match(submission_id):
            raise ContributionError(
                [Problem("submission_id", t("Formulaire invalide : rechargez la page et recommencez."))]
            )
        replay = self._by_submission(submission_id)
        if replay is not None:
            return replay
        checked = check()
        key = session_hash(session_key)
        try:
            with self._write() as conn:
                self._one_at_a_time(conn, key)
                found = conn.execute(sa.select(db.items).where(db.items.c.submission_id == submission_id)).first()
                if found is not None:
                    return _item(found)
                moment = self._within_limit(conn, key)
                return self._insert(conn, checked, submission_id, key, moment)
        except sa.exc.IntegrityError:
            # The same form sent twice at once: the other copy won; it is the answer.
            replay = self._by_submission(submission_id)
            if replay is None:
                raise
            return replay

    @staticmethod
    def _one_at_a_time(conn: Connection, key: str) -> None:
        """One session's submissions one at a time (PostgreSQL), so that the limit is not raced past.

        SQLite needs nothing: ``db.writing`` takes the database's write lock at the start."""
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(key))))

    def _within_limit(self, conn: Connection, key: str) -> dt.datetime:
        """Now, or ``RateLimited`` when the session sent ``rate_limit`` items within the hour."""
        moment = db.now()
        recent = conn.execute(
            sa.select(sa.func.count())
            .select_from(db.items)
            .where(db.items.c.session_hash == key, db.items.c.created_at > moment - RATE_WINDOW)
        ).scalar_one()
        if recent >= self.rate_limit:
            raise RateLimited(
                t(
                    "Trop de contributions : au plus {n} par heure depuis une même session. Réessayez plus tard.",
                    n=self.rate_limit,
                )
            )
        return moment

    def _insert(self, conn: Connection, checked: Checked, submission_id: str, key: str, moment: dt.datetime) -> Item:
        """One pending item, its « submitted » event and its contact, in the caller's transaction."""
        new_id = conn.execute(
            sa.insert(db.items)
            .values(
                submission_id=submission_id,
                item_type=checked.item_type,
                link_id=checked.link_id,
                status=PENDING,
                version=1,
                payload=checked.payload,
                session_hash=key,
                created_at=moment,
                updated_at=moment,
                updated_by=DECLARANT,
            )
            .returning(db.items.c.id)
        ).scalar_one()
        item = self._get(conn, new_id)
        self._log(conn, item.id, SUBMITTED, DECLARANT, moment, None, _state(item))
        conn.execute(sa.insert(db.contacts).values(item_id=item.id, email=checked.email, role=checked.role))
        return item

    def submit_file(
        self, declarations: Iterable[Declaration], *, submission_id: str, session_key: str, filename: str
    ) -> tuple[list[Item], list[tuple[int, list[Problem]]]]:
        """A network's directory (an imported file's accepted rows) into the queue, each row a pending declaration.

        Rows are numbered from 1; those the validator refuses come back with their problems, the
        others are stored together (one transaction). The file counts once against the session's
        limit; a replayed ``submission_id`` stores nothing again and returns the rows stored then.
        """
        if not isinstance(submission_id, str) or not _SUBMISSION_ID.match(submission_id[:54]):
            raise ContributionError(
                [Problem("submission_id", t("Formulaire invalide : rechargez la page et recommencez."))]
            )
        rows = list(declarations)[:MAX_FILE_ROWS]
        ids = [f"{submission_id[:54]}-{n}" for n in range(1, len(rows) + 1)]
        stored = [item for item in (self._by_submission(i) for i in ids) if item is not None]
        if stored:
            return stored, []
        checked: list[tuple[str, Checked]] = []
        refused: list[tuple[int, list[Problem]]] = []
        name = str(neutralise_cell(" ".join(str(filename).split())[:120]))
        for n, (row, row_id) in enumerate(zip(rows, ids, strict=True), start=1):
            try:
                one = self.validator.declaration(row)
            except ContributionError as exc:
                refused.append((n, exc.problems))
                continue
            checked.append((row_id, Checked(one.item_type, {**one.payload, FILE: name}, one.email, one.role)))
        key = session_hash(session_key)
        items: list[Item] = []
        with self._write() as conn:
            self._one_at_a_time(conn, key)
            moment = self._within_limit(conn, key)
            for row_id, one in checked:
                items.append(self._insert(conn, one, row_id, key, moment))
        return items, refused

    def _by_submission(self, submission_id: str) -> Item | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(db.items).where(db.items.c.submission_id == submission_id)).first()
        return _item(row) if row is not None else None

    # -- reviewing -----------------------------------------------------------------------
    def accept(self, item_id: int, version: int, reviewer: str) -> Item:
        """Accept a pending item seen at ``version`` (raises :class:`ConflictError` if it moved)."""
        return self._decide(item_id, version, reviewer, ACCEPTED)

    def refuse(self, item_id: int, version: int, reviewer: str, reason: str = "") -> Item:
        """Refuse a pending item seen at ``version``; ``reason`` is kept in its payload and so in the history."""
        kept = str(neutralise_cell(" ".join(str(reason).split())[:MAX_REASON]))
        return self._decide(item_id, version, reviewer, REFUSED, extra={REFUSAL_REASON: kept} if kept else None)

    def withdraw(self, item_id: int, version: int, session_key: str) -> Item:
        """Withdraw a pending item: only from the session that submitted it (the declarant changed their mind)."""
        return self._decide(item_id, version, DECLARANT, WITHDRAWN, session_hash(session_key))

    def _decide(
        self,
        item_id: int,
        version: int,
        actor: str,
        status: str,
        session: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Item:
        def change(conn: Connection, item: Item) -> tuple[str, dict[str, Any]]:
            if session is not None:
                owner = conn.execute(sa.select(db.items.c.session_hash).where(db.items.c.id == item.id)).scalar()
                if owner != session:
                    raise NotAllowed(t("Seule la session qui a envoyé l'élément n° {id} peut le retirer.", id=item.id))
            if item.status != PENDING:
                raise NotAllowed(
                    t(
                        "L'élément n° {id} n'est plus en attente (statut : {status}).",
                        id=item.id,
                        status=t(STATUS_LABELS[item.status]),
                    )
                )
            return status, {**item.payload, **(extra or {})}

        return self._change(item_id, version, actor, status, change)

    def edit(self, item_id: int, version: int, reviewer: str, corrected: Declaration | Report) -> Item:
        """Replace a pending item's content by ``corrected`` (checked like a new one)."""
        # NOTE: the contact is not the reviewer's to change: the form's e-mail and role are not read.
        checked = (
            self.validator.declaration(corrected, contact=False)
            if isinstance(corrected, Declaration)
            else self.validator.report(corrected, contact=False)
        )

        def change(_conn: Connection, item: Item) -> tuple[str, dict[str, Any]]:
            if item.status != PENDING:
                raise NotAllowed(
                    t("L'élément n° {id} n'est plus en attente : il ne peut plus être modifié.", id=item.id)
                )
            if checked.item_type != item.item_type:
                raise NotAllowed(t("Une déclaration ne devient pas un signalement, ni l'inverse."))
            if item.item_type == "report":
                if checked.link_id != item.link_id:
                    raise NotAllowed(t("Un signalement corrigé porte sur le même lien."))
                # The link's values as they were when reported: the edit reads no links table.
                return PENDING, {**checked.payload, WAS: item.payload.get(WAS, {})}
            return PENDING, checked.payload

        return self._change(item_id, version, reviewer, EDITED, change)

    def undo(self, item_id: int, version: int, reviewer: str) -> Item:
        """Undo the item's latest change (a decision, an edit, or an undo) by a new event restoring its state."""

        def change(conn: Connection, item: Item) -> tuple[str, dict[str, Any]]:
            # The version check already made sure this is the change the reviewer saw.
            latest = conn.execute(
                sa.select(db.events).where(db.events.c.item_id == item.id).order_by(db.events.c.id.desc()).limit(1)
            ).first()
            if latest is None or latest.kind == SUBMITTED or latest.before is None:
                raise NotAllowed(t("Rien à annuler sur l'élément n° {id}.", id=item.id))
            return latest.before[STATE_STATUS], latest.before[STATE_PAYLOAD]

        return self._change(item_id, version, reviewer, UNDONE, change)

    def _change(
        self,
        item_id: int,
        version: int,
        actor: str,
        kind: str,
        change: Callable[[Connection, Item], tuple[str, dict[str, Any]]],
    ) -> Item:
        """The one way an item changes: check the version, apply, log the event, in one transaction."""
        actor = str(actor)[:64]
        with self._write() as conn:
            item = self._get(conn, item_id, lock=True)
            if item.version != int(version):
                raise self._conflict(item, version)
            status, payload = change(conn, item)
            moment = db.now()
            done = conn.execute(
                sa.update(db.items)
                .where(db.items.c.id == item.id, db.items.c.version == item.version)
                .values(status=status, payload=payload, version=item.version + 1, updated_at=moment, updated_by=actor)
            )
            if done.rowcount != 1:
                raise self._conflict(self._get(conn, item.id), version)
            after = self._get(conn, item.id)
            self._log(conn, item.id, kind, actor, moment, _state(item), _state(after))
            return after

    def _conflict(self, item: Item, seen: int) -> ConflictError:
        return ConflictError(
            t(
                "Conflit : l'élément n° {id} a déjà été traité par {actor} le {when} (statut : {status}, version {now} ; "
                "vous aviez la version {seen}). Rien n'a été changé : rechargez-le avant de décider.",
                id=item.id,
                actor=item.updated_by,
                when=when(item.updated_at),
                status=t(STATUS_LABELS[item.status]),
                now=item.version,
                seen=seen,
            )
        )

    @staticmethod
    def _log(
        conn: Connection,
        item_id: int,
        kind: str,
        actor: str,
        moment: dt.datetime,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        conn.execute(
            sa.insert(db.events).values(item_id=item_id, kind=kind, actor=actor, at=moment, before=before, after=after)
        )

    # -- reviewers -----------------------------------------------------------------------
    def add_reviewer(self, login: str, password: str) -> str:
        """Create a reviewer's account (or set a new password); see :mod:`.reviewers`."""
        return reviewers.add(self.engine, login, password)

    def remove_reviewer(self, login: str) -> bool:
        return reviewers.remove(self.engine, login)

    def reviewer_logins(self) -> list[str]:
        return reviewers.logins(self.engine)

    def verify(self, login: str, password: str) -> bool:
        """Whether the password is the reviewer's (same cost for an unknown login)."""
        return reviewers.verify(self.engine, login, password)

    # -- personal data -------------------------------------------------------------------
    def forget_email(self, email: str) -> int:
        """Delete every contact with this e-mail (any case); returns how many were deleted."""
        with self._write() as conn:
            done = conn.execute(sa.delete(db.contacts).where(db.contacts.c.email == str(email).strip().lower()))
            return int(done.rowcount)


def open_store(url: str | None = None, validator: Validator | None = None, rate_limit: int = RATE_LIMIT) -> Store:
    """The store at ``url`` (default: ``LIANES_DATABASE_URL`` or ``state/contributions.sqlite``), migrated."""
    engine = db.make_engine(url)
    db.migrate(engine)
    return Store(engine, validator, rate_limit)
