"""Fixtures for the web tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_helpers import build_db, build_events_db

from sillok.store import Store


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = build_db(tmp_path_factory.mktemp("tpl") / "sillok.db")
    with Store.open(path) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


@pytest.fixture
def db_path(tmp_path: Path, template_db: bytes) -> Path:
    path = tmp_path / "sillok.db"
    path.write_bytes(template_db)
    return path


@pytest.fixture(scope="session")
def events_template_db(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = build_events_db(tmp_path_factory.mktemp("events") / "sillok.db")
    with Store.open(path) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


@pytest.fixture
def events_db_path(tmp_path: Path, events_template_db: bytes) -> Path:
    """A database with merged events (see web_helpers.build_events_db)."""
    path = tmp_path / "sillok.db"
    path.write_bytes(events_template_db)
    return path
