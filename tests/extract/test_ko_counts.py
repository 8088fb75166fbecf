"""Korean victim counts (codebook §3, victims table) and the lexicon's validation."""

from __future__ import annotations

import pytest

from sillok.errors import LexiconError
from sillok.extract.ko.counts import find_counts
from sillok.extract.ko.lexicon import load_lexicon, parse_lexicon


@pytest.mark.parametrize(
    ("text", "count", "qualifier"),
    [
        ("세 명이", 3, "exact"),
        ("3명이", 3, "exact"),
        ("일가족 5명이", 5, "exact"),
        ("10여 명이", 10, "at_least"),
        ("10명 넘게", 10, "at_least"),
        ("200명이 넘는다", 200, "at_least"),
        ("20명가량", 20, "about"),
        ("약 20명", 20, "about"),
        ("5~6명", 5, "at_least"),
        ("대여섯 명", 5, "at_least"),
        ("한 명", 1, "exact"),
        ("열세 명", 13, "exact"),
        ("부부가", 2, "exact"),
        ("한 여성이", 1, "exact"),
        ("40대 남성", 1, "exact"),
        ("2천여 명", 2000, "at_least"),
    ],
)
def test_counts(text: str, count: int, qualifier: str) -> None:
    found = [c for c in find_counts(text) if c.victims is not None]
    assert found, text
    assert (found[0].victims.count, found[0].victims.qualifier) == (count, qualifier)


@pytest.mark.parametrize("text", ["수십 명", "수백 명이"])
def test_vague_counts_have_no_figure(text: str) -> None:
    found = find_counts(text)
    assert found and all(c.victims is None for c in found)


def test_total_wins_the_parts() -> None:
    found = find_counts("남성 7명과 여성 2명 등 9명이")
    totals = [c for c in found if c.total]
    assert [c.victims.count for c in totals if c.victims] == [9]


@pytest.mark.parametrize("text", ["스물두 살 난 딸", "53세 남성"])
def test_ages_are_not_counts(text: str) -> None:
    assert all(c.victims is None or c.victims.count == 1 for c in find_counts(text))


def test_packaged_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex.version
    assert {t.type for t in lex.triggers} >= {"arrest", "execution", "escape", "crackdown", "bribery"}


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('version = "1"\n[[trigger]]\ntype = "jailing"\npatterns = ["체포/N"]', "not a codebook type"),
        ('version = "1"\n[[trigger]]\ntype = "arrest"\npatterns = ["체포/N"]\nvoice = "middle"', "voice"),
        ('version = "1"\n[[trigger]]\ntype = "arrest"\npatterns = []', "no patterns"),
        ('version = "1"\n[agency]\npolice = ["안전원"]', "not a codebook code"),
        ('version = "1"\n[reason]\ndefection = ["(탈북"]', "bad regular expression"),
        ("version = 1", "'version' must be a string"),
        ("version = ", "not valid TOML"),
    ],
)
def test_bad_lexicon_is_named(toml: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message) as err:
        parse_lexicon(toml)
    assert "lexicon.toml" in str(err.value)
