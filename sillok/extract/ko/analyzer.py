"""The Korean morphological analyzer: a thin, picklable wrapper around kiwipiepy's ``Kiwi``.

As ``spacy/lang/ko`` wraps its analyzer, kiwipiepy is imported lazily (importing this module
loads nothing), one ``Kiwi`` is created per wrapper on first use, and pickling drops the ``Kiwi``
(it is recreated, with the same user words, after unpickling). Each text is analysed once:
sentence splitting and tokenization come from one call, and every token carries its character
offsets in the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Token:
    """A morpheme: ``form`` (the lemma for verb and adjective stems), POS ``tag`` and offsets."""

    form: str
    tag: str
    start: int
    end: int

    @property
    def lemma(self) -> str:
        """The dictionary form: stems of verbs and adjectives take -다."""
        if self.tag.startswith(("VV", "VA", "VX", "VCP", "VCN")) or self.tag in ("XSV", "XSA"):
            return self.form + "다"
        return self.form


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its character span in the document text and its morphemes."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


class KoreanAnalyzer:
    """kiwipiepy, created on first use; ``user_words`` are (word, tag) pairs added to its dictionary."""

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()) -> None:
        self.user_words: tuple[tuple[str, str], ...] = tuple(user_words)
        self._kiwi: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"user_words": self.user_words}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.user_words = tuple(tuple(w) for w in state["user_words"])  # type: ignore[misc]
        self._kiwi = None

    @property
    def loaded(self) -> bool:
        return self._kiwi is not None

    @property
    def kiwi(self) -> Any:
        if self._kiwi is None:
            from kiwipiepy import Kiwi

            kiwi = Kiwi()
            for word, tag in self.user_words:
                kiwi.add_user_word(word, tag, 0.0)
            self._kiwi = kiwi
        return self._kiwi

    def tokenize(self, text: str) -> list[Token]:
        """The morphemes of ``text`` with offsets into it (no sentence splitting)."""
        return [Token(t.form, str(t.tag), t.start, t.start + t.len) for t in self.kiwi.tokenize(text)]

    def sentences(self, text: str) -> list[Sentence]:
        """The sentences of ``text``, never crossing a line break, each with its morphemes."""
        out: list[Sentence] = []
        for sent in self.kiwi.split_into_sents(text, return_tokens=True, return_sub_sents=False):
            tokens = [Token(t.form, str(t.tag), t.start, t.start + t.len) for t in sent.tokens]
            # Kiwi may join lines; cut at line breaks so that no sentence spans two paragraphs.
            piece_start = sent.start
            for cut in [*_line_cuts(text, sent.start, sent.end), sent.end]:
                span_tokens = tuple(t for t in tokens if t.start >= piece_start and t.end <= cut)
                s, e = _trim(text, piece_start, cut)
                if e > s and span_tokens:
                    out.append(Sentence(s, e, text[s:e], span_tokens))
                piece_start = cut + 1
        return out


def _line_cuts(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if text[i] == "\n"]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
