"""The speed helpers of the English extractor give the answers of the plain code they replace."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sillok.extract.en.lexicon import PartKeywords, first_guard, load_lexicon

ROOT = Path(__file__).resolve().parents[2]


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


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        ("abc", "(?=[a])"),
        (r"(?:the\s+)?authorities|Pyongyang", "(?=[apt])"),
        (r"(?<![\w-])(?:x|y?z)w", "(?=[xyz])"),
        (r"\bfoo|a{0,2}b", "(?=[abf])"),
        (r"guard(?:'s|’s)\s+\w+", "(?=[g])"),
        (r"k|\.x", r"(?=[\.k])"),
        # not known: a class, an escape or a non-ASCII character may begin a match, or the empty string
        (r"[ab]c", ""),
        (r"\sx", ""),
        (r"(?:’s)?x", ""),
        (r"(?i:a)b", ""),
        (r"a?", ""),
    ],
)
def test_first_guard(pattern: str, guard: str) -> None:
    assert first_guard(pattern) == guard


def test_guarded_lexicon_patterns_find_what_the_plain_ones_find() -> None:
    lexicon = load_lexicon()
    texts = [json.loads(line)["text"] for line in (ROOT / "samples" / "dev-en.jsonl").open(encoding="utf-8")]
    texts.append("KILLED in Hyesan; the ſtate’s AUTHORITIES arrested Kim — ② 2024 ‘detained’")
    regexes = [t.regex for t in lexicon.triggers] + [c.regex for c in (*lexicon.agents, *lexicon.reasons)]
    regexes += [*lexicon.filters.values(), *lexicon.markers.values()]
    guarded = 0
    for rx in regexes:
        guard = rx.pattern.startswith("(?=[")
        guarded += guard
        plain = re.compile(rx.pattern[rx.pattern.index("])(?:") + 5 : -1], rx.flags) if guard else rx
        for text in texts:
            assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)], rx.pattern
    assert guarded > len(regexes) // 2
