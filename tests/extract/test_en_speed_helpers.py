"""The speed helpers of the English extractor give the answers of the plain code they replace."""

from __future__ import annotations

import pytest

from sillok.extract.en.lexicon import PartKeywords


@pytest.mark.parametrize(
    ("parts", "keywords"),
    [
        (["the police came", "", "arrested\x00them", "police"], ("police", "arrest")),
        (["abc", "bca", "cab"], ("ca", "x", "abcb")),
        ([], ("a",)),
    ],
)
def test_part_keywords_holding_is_the_plain_test(parts: list[str], keywords: tuple[str, ...]) -> None:
    expected = {i for i, part in enumerate(parts) if any(k in part for k in keywords)}
    assert PartKeywords(parts).holding(keywords) == expected
