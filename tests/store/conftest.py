"""Fixtures of the store tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sillok.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path) as s:
        yield s
