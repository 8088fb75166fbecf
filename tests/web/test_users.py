"""Accounts: password hashing, roles, and the `sillok users` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sillok.cli import cli
from sillok.errors import ConflictError, NotFoundError, ValidationError
from sillok.store import Store
from sillok.web import users


def test_hash_is_salted_and_checks() -> None:
    a, b = users.hash_password("secret pass", n=2**10), users.hash_password("secret pass", n=2**10)
    assert a != b and a.startswith("scrypt$1024$")
    assert users.check_password("secret pass", a)
    assert not users.check_password("secret pasS", a)
    assert not users.check_password("secret pass", "md5$abc")


def test_add_authenticate_and_roles(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert [u.name for u in users.list_users(store.db)] == ["adam", "rita", "vera"]
        assert users.authenticate(store.db, "rita", "correct horse").role == "reviewer"
        assert users.authenticate(store.db, "rita", "wrong") is None
        assert users.authenticate(store.db, "nobody", "correct horse") is None
        with pytest.raises(ConflictError):
            users.add_user(store.db, "rita", "viewer", "long enough")
        with pytest.raises(ValidationError, match="shorter"):
            users.add_user(store.db, "bob", "viewer", "short")
        with pytest.raises(ValidationError, match="role"):
            users.add_user(store.db, "bob", "boss", "long enough")
        with pytest.raises(ValidationError, match="not allowed"):
            users.add_user(store.db, "bob smith", "viewer", "long enough")
        assert users.set_role(store.db, "vera", "reviewer").role == "reviewer"
        with pytest.raises(NotFoundError):
            users.set_role(store.db, "nobody", "viewer")
    assert users.role_at_least("admin", "reviewer") and not users.role_at_least("viewer", "reviewer")
    assert not users.role_at_least(None, "viewer")


def test_cli_users_add_and_list(db_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        cli,
        ["users", "add", "nina", "--role", "reviewer", "--password-stdin", "--db", str(db_path)],
        input="a long password\n",
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["users", "list", "--db", str(db_path)])
    assert r.exit_code == 0 and "nina\treviewer" in r.output
    r = runner.invoke(
        cli,
        ["users", "add", "nina", "--role", "admin", "--password-stdin", "--db", str(db_path)],
        input="a long password\n",
    )
    assert r.exit_code == 2 and "already exists" in r.output
    r = runner.invoke(cli, ["users", "list", "--db", str(db_path.parent / "missing.db")])
    assert r.exit_code == 2 and "no such database" in r.output
