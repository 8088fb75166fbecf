"""Reviewers' accounts: names, roles and salted scrypt password hashes in the ``users`` table.

Roles, each including the one before: ``viewer`` reads, ``reviewer`` also reviews incidents,
``admin`` also manages accounts.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from dataclasses import dataclass

from sillok.errors import ConflictError, NotFoundError, ValidationError
from sillok.store.db import utc_now

ROLES: tuple[str, ...] = ("viewer", "reviewer", "admin")
_RANK = {role: i for i, role in enumerate(ROLES)}
_NAME_RE = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 8

# scrypt parameters: about 16 MiB and a few tens of milliseconds per check
_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    created_at: str

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return role_at_least(self.role, role)


def role_at_least(have: str | None, need: str) -> bool:
    return have in _RANK and _RANK[have] >= _RANK[need]


def hash_password(password: str, *, n: int = _N, r: int = _R, p: int = _P) -> str:
    """``scrypt$n$r$p$salt$hash`` with a fresh random salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash made by :func:`hash_password` (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
            dklen=len(digest) // 2,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def _check_role(role: str) -> str:
    if role not in _RANK:
        raise ValidationError(f"role {role!r} is not one of {', '.join(ROLES)}")
    return role


def _row(row: tuple[str, str, str]) -> User:
    return User(name=row[0], role=row[1], created_at=row[2])


def add_user(db: sqlite3.Connection, name: str, role: str, password: str) -> User:
    """Create an account; refuses a taken name, an unknown role or a short password."""
    if not _NAME_RE.match(name or ""):
        raise ValidationError(
            f"user name {name!r} is not allowed", hint="use 1-64 letters, digits, '.', '_', '-' or '@'"
        )
    _check_role(role)
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"the password for {name!r} is shorter than {MIN_PASSWORD} characters")
    if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise ConflictError(f"user {name!r} already exists", hint="choose another name")
    now = utc_now()
    try:
        db.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
            (name, role, hash_password(password), now),
        )
    except sqlite3.IntegrityError as e:  # added by someone else in the meantime
        raise ConflictError(f"user {name!r} already exists", hint="choose another name") from e
    return User(name, role, now)


def set_role(db: sqlite3.Connection, name: str, role: str) -> User:
    _check_role(role)
    if db.execute("UPDATE users SET role = ? WHERE name = ?", (role, name)).rowcount == 0:
        raise NotFoundError(f"no user {name!r}", hint="list them with `sillok users list`")
    return get_user(db, name)


def get_user(db: sqlite3.Connection, name: str) -> User:
    row = db.execute("SELECT name, role, created_at FROM users WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise NotFoundError(f"no user {name!r}", hint="list them with `sillok users list`")
    return _row(tuple(row))


def list_users(db: sqlite3.Connection) -> list[User]:
    return [_row(tuple(r)) for r in db.execute("SELECT name, role, created_at FROM users ORDER BY name")]


def authenticate(db: sqlite3.Connection, name: str, password: str) -> User | None:
    """The user whose name and password these are, or None (the same answer for either mistake)."""
    row = db.execute("SELECT name, role, created_at, password_hash FROM users WHERE name = ?", (name,)).fetchone()
    if row is None:
        check_password(password, hash_password("not a user"))  # spend the same time
        return None
    if not check_password(password, row[3]):
        return None
    return _row((row[0], row[1], row[2]))
