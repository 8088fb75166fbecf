"""Fixtures shared by the extractor tests: one extractor per language for the whole session."""

from __future__ import annotations

import pytest

from sillok.extract.en import EnglishExtractor
from sillok.extract.ko import KoreanExtractor


@pytest.fixture(scope="session")
def extractor() -> EnglishExtractor:
    return EnglishExtractor()


@pytest.fixture(scope="session")
def ko() -> KoreanExtractor:
    return KoreanExtractor()
