"""Reviewers' accounts: a login and an argon2 hash of the password, in the contributions database.

:func:`verify` spends the same work on an unknown login as on a wrong password, so a failure says
nothing about which logins exist.
"""

from __future__ import annotations

import functools
import re
import secrets

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.engine import Engine

from lianes_dash.contributions import db
from lianes_dash.text.i18n import t

MIN_PASSWORD = 12
MAX_PASSWORD = 1024
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_HASHER = PasswordHasher()


class ReviewerError(ValueError):
    """A refused account change; ``str(exc)`` is one French sentence."""


@functools.cache
def _dummy_hash() -> str:
    """A hash nobody knows the password of, verified when the login is unknown (same cost)."""
    return _HASHER.hash(secrets.token_urlsafe(32))


def _login(login: str) -> str:
    name = str(login).strip().lower()
    if not _LOGIN.match(name):
        raise ReviewerError(
            t("Identifiant invalide : 2 à 64 caractères, lettres minuscules, chiffres, « . », « _ » ou « - ».")
        )
    return name


def add(engine: Engine, login: str, password: str) -> str:
    """Create the account ``login`` (or give it a new password); returns the login as stored."""
    name = _login(login)
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ReviewerError(
            t("Mot de passe trop court : au moins {n} caractères.", n=MIN_PASSWORD)
            if len(password) < MIN_PASSWORD
            else t("Mot de passe trop long : au plus {n} caractères.", n=MAX_PASSWORD)
        )
    hashed = _HASHER.hash(password)
    with db.writing(engine) as conn:
        done = conn.execute(sa.update(db.reviewers).where(db.reviewers.c.login == name).values(password_hash=hashed))
        if not done.rowcount:
            conn.execute(sa.insert(db.reviewers).values(login=name, password_hash=hashed, created_at=db.now()))
    return name


def remove(engine: Engine, login: str) -> bool:
    """Delete the account; ``False`` when there was none."""
    with db.writing(engine) as conn:
        done = conn.execute(sa.delete(db.reviewers).where(db.reviewers.c.login == str(login).strip().lower()))
    return bool(done.rowcount)


def logins(engine: Engine) -> list[str]:
    """The reviewers' logins, sorted (never their hashes)."""
    with engine.connect() as conn:
        return list(conn.execute(sa.select(db.reviewers.c.login).order_by(db.reviewers.c.login)).scalars())


def verify(engine: Engine, login: str, password: str) -> bool:
    """Whether ``password`` is ``login``'s; an unknown login costs one argon2 verification too."""
    name = str(login).strip().lower()
    dummy = _dummy_hash()  # Made before the look-up, so the first unknown login is not slower
    with engine.connect() as conn:
        stored = conn.execute(sa.select(db.reviewers.c.password_hash).where(db.reviewers.c.login == name)).scalar()
    try:
        ok = _HASHER.verify(stored or dummy, str(password)) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    if ok and stored is not None and _HASHER.check_needs_rehash(stored):
        with db.writing(engine) as conn:
            conn.execute(
                sa.update(db.reviewers)
                .where(db.reviewers.c.login == name)
                .values(password_hash=_HASHER.hash(str(password)))
            )
    return bool(ok)
