"""Text segmentation: paragraphs and sentences with exact character offsets, boilerplate marked.

A fast regex splitter with an abbreviation list; a sentence that ends inside a quotation ends at
its closing quote mark. Offsets always index the document's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Abbreviations after which a '.' never ends a sentence ("Apr. 24", "Mr. Kim", "No. 5").
NEVER_END = frozenset(
    (
        "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof gen col lt sgt capt st no vs gov sen rep"
    ).split()
)
#: Abbreviations that end a sentence only when a capital follows ("in the U.S. The ...").
MAY_END = frozenset("etc inc co corp jr sr u.s u.n u.k a.m p.m approx est dept govt km".split())
_ABBR_TAIL = re.compile(r"(?<![\w.])([A-Za-z.]+)$")
_END_RE = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+|$)")
_PARA_RE = re.compile(r"[^\n]+")
#: "SEOUL, July 30 (NKW) -- ": a dateline before the first sentence of a wire report.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z./' -]{1,40},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([\w\s]+\)\s*)?(?:--|—|–)\s*"
    r"|^\s*[A-Z][A-Z/ ]{2,40}\s*(?:--|—)\s*"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of its paragraph
    boilerplate: bool = False


def _abbreviation(text: str, dot: int) -> str | None:
    """'never' or 'may' when the '.' at ``dot`` ends an abbreviation, else None."""
    m = _ABBR_TAIL.search(text, max(0, dot - 24), dot)
    if not m:
        return None
    word = m.group(1).lower().strip(".")
    if word in NEVER_END or (len(word) == 1 and word.isalpha()):
        return "never"
    if word in MAY_END or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return "may"
    return None


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text[start:end]``, trimmed of spaces."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _END_RE.finditer(text, start, end):
        punct_end = m.end()
        nxt = re.match(r"\s*(\S)", text[punct_end:end])
        if m.group() == ".":
            kind = _abbreviation(text, m.start())
            if kind == "never" or (kind == "may" and (nxt is None or not nxt.group(1).isupper())):
                continue
        if nxt is not None and nxt.group(1).islower():
            continue  # '... said “stop.” the man ...' does not end a sentence
        spans.append((cursor, punct_end))
        cursor = punct_end
    if cursor < end:
        spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def segment(text: str, boilerplate: Sequence[re.Pattern[str]] = ()) -> list[Sentence]:
    """The sentences of ``text``, paragraph by paragraph (a paragraph is a non-empty line)."""
    out: list[Sentence] = []
    for p, para in enumerate(_PARA_RE.finditer(text)):
        line = para.group()
        if not line.strip():
            continue
        boiler = any(rx.search(line) for rx in boilerplate) or _is_headline(line)
        start = para.start()
        dateline = _DATELINE.match(line)
        if dateline:
            start += dateline.end()
        for s, e in split_sentences(text, start, para.end()):
            out.append(Sentence(s, e, text[s:e], p, boiler))
    return out


def _is_headline(line: str) -> bool:
    """A short line with no closing punctuation: a title, a crosshead, a table row."""
    stripped = line.strip()
    if not stripped:
        return True
    if stripped[-1] in '.!?"”’:;)':
        return False
    return len(stripped.split()) <= 14
