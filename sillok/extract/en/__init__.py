"""The English extractor: reports in English -> codebook incidents.

Pipeline (each step a small module): segmentation (:mod:`.segment`), trigger matching and the
§1 filters (:mod:`.rules`), arguments — dates (:mod:`.dates_en`), places (:mod:`.places_en`),
victims (:mod:`.victims`), perpetrator and reason (lexicons in ``data/``) — and the merging of
one act told twice. Lexicons load once per extractor instance.
"""

from __future__ import annotations

from sillok.extract.en.rules import EnglishExtractor

__all__ = ["EnglishExtractor"]
