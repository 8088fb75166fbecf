"""Sentence splitting with exact offsets, abbreviations, quotations and boilerplate lines."""

from __future__ import annotations

from sillok.extract.en.lexicon import load_lexicon
from sillok.extract.en.segment import segment


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def test_offsets_are_exact() -> None:
    text = "First one here. Second one, on Apr. 24, was later.\n\nA new paragraph? Yes."
    for s in segment(text):
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in segment(text)] == [0, 0, 1, 1]


def test_abbreviations_do_not_split() -> None:
    assert texts("He left on Sept. 3 for the U.S. with Mr. Kim. Then he came back.") == [
        "He left on Sept. 3 for the U.S. with Mr. Kim.",
        "Then he came back.",
    ]
    assert texts("Police came at 5 a.m. on May 10 and left.") == ["Police came at 5 a.m. on May 10 and left."]


def test_quotation_ends_a_sentence() -> None:
    assert texts("“They were caught. All seven,” he said. It was late.") == [
        "“They were caught.",
        "All seven,” he said.",
        "It was late.",
    ]


def test_dateline_is_not_part_of_the_sentence() -> None:
    (s,) = segment("SEOUL, July 30 (NKW) -- Police detained two men.")
    assert s.text == "Police detained two men."


def test_boilerplate_lines() -> None:
    lex = load_lexicon()
    text = "ANALYSIS\n[Photo: a river. File photo.]\nRead in Korean\n*Translated by Kim\nBody text is here."
    marks = [(s.text, s.boilerplate) for s in segment(text, lex.boilerplate)]
    assert marks[-1] == ("Body text is here.", False)
    assert all(b for _, b in marks[:-1])
