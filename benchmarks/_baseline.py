"""The floor that extraction is compared with: the same corpus through the tokenizer alone.

    python -m benchmarks._baseline en|ko CORPUS.jsonl

Reads the JSONL documents as ``sillok extract`` does (one JSON object a line) and splits each text
with the language's own splitter: for English, the extractor's sentence splitter
(``sillok.extract.en.segment.segment``, a regex word tokenizer if it is missing); for Korean,
kiwipiepy's sentence splitting and tokenization in one call, as the Korean extractor makes it
(``sillok.extract.ko.KoreanAnalyzer.sentences``, plain ``Kiwi.tokenize`` if it is missing).
Prints the number of documents and of units (sentences or tokens) found.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path


def english_splitter() -> Callable[[str], int]:
    try:
        from sillok.extract.en.segment import segment
    except ImportError:
        words = re.compile(r"\w+")
        return lambda text: len(words.findall(text))
    return lambda text: len(segment(text))


def korean_splitter() -> Callable[[str], int]:
    try:
        from sillok.extract.ko import KoreanAnalyzer
    except ImportError:
        from kiwipiepy import Kiwi

        kiwi = Kiwi()
        return lambda text: len(kiwi.tokenize(text))
    analyzer = KoreanAnalyzer()
    return lambda text: len(analyzer.sentences(text))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or args[0] not in ("en", "ko"):
        sys.stderr.write("usage: python -m benchmarks._baseline en|ko CORPUS.jsonl\n")
        return 2
    split = english_splitter() if args[0] == "en" else korean_splitter()
    docs = units = 0
    with Path(args[1]).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                units += split(json.loads(line)["text"])
                docs += 1
    sys.stdout.write(f"{docs} {units}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
