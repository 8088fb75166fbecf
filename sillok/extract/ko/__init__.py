"""Korean extraction: :class:`KoreanExtractor` reads Korean reports natively (kiwipiepy morphemes).

Importing this package loads no analyzer, lexicon or gazetteer; they load on first use.
"""

from __future__ import annotations

from sillok.extract.ko.analyzer import KoreanAnalyzer
from sillok.extract.ko.extractor import KoreanExtractor

__all__ = ["KoreanAnalyzer", "KoreanExtractor"]
