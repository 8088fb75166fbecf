"""`sillok serve`: its arguments reach the server, and a missing database is a clear error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sillok.cli import cli


def test_serve_passes_its_options(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("sillok.web.app.serve", lambda path, **kw: calls.append({"path": path, **kw}))
    r = CliRunner().invoke(cli, ["serve", str(db_path), "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert calls == [{"path": db_path, "host": "127.0.0.1", "port": 8123, "public_read": False}]
    r = CliRunner().invoke(cli, ["serve", "--db", str(db_path), "--host", "0.0.0.0", "--public-read"])
    assert r.exit_code == 0 and calls[-1]["host"] == "0.0.0.0" and calls[-1]["public_read"] is True


def test_serve_without_accounts_says_how_to_add_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sillok.store import Store

    Store.open(tmp_path / "empty.db").close()
    monkeypatch.setattr("sillok.web.app.serve", lambda path, **kw: None)
    r = CliRunner().invoke(cli, ["serve", str(tmp_path / "empty.db")])
    assert r.exit_code == 0 and "sillok users add NAME --role admin" in r.output


def test_serve_a_missing_database(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["serve", str(tmp_path / "nope.db")])
    assert r.exit_code == 2 and "no such database" in r.output and "Hint:" in r.output
