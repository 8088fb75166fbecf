r"""The floor that extraction is compared with: the same corpus through the tokenizer alone.

    python -m benchmarks._baseline en|ko CORPUS.jsonl

Reads the JSONL documents as ``sillok extract`` does (one JSON object a line) and runs the
segmentation and tokenization the language's extractor itself needs, nothing more:

- English: the extractor's sentence splitter with the lexicon's boilerplate-line patterns, as the
  extractor calls it (``sillok.extract.en.segment.segment(text, boilerplate)``), and the word
  tokenization of the whole text that the place finder makes (the gazetteer's English token
  pattern); a plain ``\w+`` word tokenizer if they are missing. Only the boilerplate patterns are
  compiled (``load_boilerplate``), not the trigger and cue lexicons.
- Korean: kiwipiepy's sentence splitting and tokenization in one call, as the Korean extractor
  makes it (``sillok.extract.ko.KoreanAnalyzer.sentences``, plain ``Kiwi.tokenize`` if it is missing).

Prints the number of documents, of units (sentences, or Korean tokens when the analyzer is
missing) and of words (English; 0 for Korean).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path


def english_splitter() -> Callable[[str], tuple[int, int]]:
    try:
        from sillok.extract.en.lexicon import load_boilerplate
        from sillok.extract.en.segment import segment
        from sillok.places.gazetteer import _EN_TOKEN_RE as words  # the place finder's tokenizer
    except ImportError:
        words = re.compile(r"\w+")
        return lambda text: (0, sum(1 for _ in words.finditer(text)))
    boilerplate = load_boilerplate()

    def split(text: str) -> tuple[int, int]:
        sentences = segment(text, boilerplate)
        tokens = [m.span() for m in words.finditer(text)]  # as Gazetteer.find keeps them
        return len(sentences), len(tokens)

    return split


def korean_splitter() -> Callable[[str], tuple[int, int]]:
    try:
        from sillok.extract.ko import KoreanAnalyzer
    except ImportError:
        from kiwipiepy import Kiwi

        kiwi = Kiwi()
        return lambda text: (len(kiwi.tokenize(text)), 0)
    analyzer = KoreanAnalyzer()
    return lambda text: (len(analyzer.sentences(text)), 0)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in ("en", "ko"):
        sys.stderr.write("usage: python -m benchmarks._baseline en|ko CORPUS.jsonl\n")
        return 2
    split = english_splitter() if args[0] == "en" else korean_splitter()
    docs = units = words = 0
    with Path(args[1]).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                u, w = split(json.loads(line)["text"])
                units += u
                words += w
                docs += 1
    sys.stdout.write(f"{docs} {units} {words}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
