"""Text segmentation: paragraphs and sentences with exact character offsets, boilerplate marked.

A fast regex splitter with an abbreviation list; a sentence that ends inside a quotation ends at
its closing quote mark. Offsets always index the document's own text.

The patterns are compiled when first needed, not at import: :class:`Segmenter` holds them, and
:func:`segment` / :func:`split_sentences` use one shared instance (:func:`default_segmenter`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Abbreviations after which a '.' never ends a sentence ("Apr. 24", "Mr. Kim", "No. 5").
NEVER_END = frozenset(
    (
        "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof gen col lt sgt capt st no vs gov sen rep"
    ).split()
)
#: Abbreviations that end a sentence only when a capital follows ("in the U.S. The ...").
MAY_END = frozenset("etc inc co corp jr sr u.s u.n u.k a.m p.m approx est dept govt km".split())
_ABBR_TAIL = r"(?<![\w.])([A-Za-z.]+)$"
_END = r"[.!?…]+[\"”’)\]]*(?=\s+|$)"
_PARA = r"[^\n]+"
#: "SEOUL, July 30 (NKW) -- ": a dateline before the first sentence of a wire report.
_DATELINE = (
    r"^\s*[A-Z][A-Za-z./' -]{1,40},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([\w\s]+\)\s*)?(?:--|—|–)\s*"
    r"|^\s*[A-Z][A-Z/ ]{2,40}\s*(?:--|—)\s*"
)
_NEXT_CHAR = r"\s*(\S)"  # the first character after a sentence end
_INITIALS = r"(?:[a-z]\.)+[a-z]"  # "u.s", "a.m"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of its paragraph
    boilerplate: bool = False


class Segmenter:
    """The English sentence splitter with its patterns compiled (once per instance)."""

    def __init__(self) -> None:
        self._abbr_tail = re.compile(_ABBR_TAIL)
        self._end = re.compile(_END)
        self._para = re.compile(_PARA)
        self._dateline = re.compile(_DATELINE)
        self._next_char = re.compile(_NEXT_CHAR)
        self._initials = re.compile(_INITIALS)
        self._boiler: dict[tuple[re.Pattern[str], ...], Callable[[str], object]] = {}

    def abbreviation(self, text: str, dot: int) -> str | None:
        """'never' or 'may' when the '.' at ``dot`` ends an abbreviation, else None."""
        m = self._abbr_tail.search(text, max(0, dot - 24), dot)
        if not m:
            return None
        word = m.group(1).lower().strip(".")
        if word in NEVER_END or (len(word) == 1 and word.isalpha()):
            return "never"
        if word in MAY_END or self._initials.fullmatch(word):
            return "may"
        return None

    def split_sentences(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) offsets of the sentences in ``text[start:end]``, trimmed of spaces."""
        spans: list[tuple[int, int]] = []
        cursor = start
        next_char = self._next_char.match
        for m in self._end.finditer(text, start, end):
            punct_end = m.end()
            nxt = next_char(text, punct_end, end)
            if m.group() == ".":
                kind = self.abbreviation(text, m.start())
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
            piece = text[s:e]
            stripped = piece.strip()  # str.strip and str.isspace agree on what a space is
            if stripped:
                s += len(piece) - len(piece.lstrip())
                out.append((s, s + len(stripped)))
        return out

    def segment(self, text: str, boilerplate: Sequence[re.Pattern[str]] = ()) -> list[Sentence]:
        """The sentences of ``text``, paragraph by paragraph (a paragraph is a non-empty line)."""
        out: list[Sentence] = []
        is_boiler = self._boilerplate(boilerplate)
        dateline = self._dateline.match
        for p, para in enumerate(self._para.finditer(text)):
            line = para.group()
            if not line.strip():
                continue
            boiler = bool(is_boiler(line)) or _is_headline(line)
            start = para.start()
            date = dateline(line)
            if date:
                start += date.end()
            for s, e in self.split_sentences(text, start, para.end()):
                out.append(Sentence(s, e, text[s:e], p, boiler))
        return out

    def _boilerplate(self, patterns: Sequence[re.Pattern[str]]) -> Callable[[str], object]:
        """A test of a line against any of ``patterns``: one alternation when they allow it (cached)."""
        if not patterns:
            return _never
        key = tuple(patterns)
        found = self._boiler.get(key)
        if found is None:
            found = _any_of(key)
            if len(self._boiler) < 64:
                self._boiler[key] = found
        return found


def _never(_line: str) -> bool:
    return False


def _any_of(patterns: tuple[re.Pattern[str], ...]) -> Callable[[str], object]:
    """``line -> whether any pattern is found in it``. The patterns are joined in one alternation
    when that cannot change the answer (same flags, no groups, so no back-references)."""
    flags = {p.flags for p in patterns}
    if len(flags) == 1 and all(p.groups == 0 for p in patterns):
        try:
            return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop()).search
        except re.error:
            pass
    return lambda line: any(p.search(line) for p in patterns)


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """The shared splitter (its patterns compiled on first use)."""
    return Segmenter()


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text[start:end]``, trimmed of spaces."""
    return default_segmenter().split_sentences(text, start, end)


def segment(text: str, boilerplate: Sequence[re.Pattern[str]] = ()) -> list[Sentence]:
    """The sentences of ``text``, paragraph by paragraph (a paragraph is a non-empty line)."""
    return default_segmenter().segment(text, boilerplate)


def _is_headline(line: str) -> bool:
    """A short line with no closing punctuation: a title, a crosshead, a table row."""
    stripped = line.strip()
    if not stripped:
        return True
    if stripped[-1] in '.!?"”’:;)':
        return False
    return len(stripped.split()) <= 14
