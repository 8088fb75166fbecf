"""Extraction: reports in, codebook incidents out.

Each language has an extractor class (``sillok.extract.en.EnglishExtractor``,
``sillok.extract.ko.KoreanExtractor``) declared in :data:`FACTORIES` and imported lazily, so that
importing Sillok never loads a Korean analyzer. :class:`Pipeline` holds one extractor per language
and is the only entry point the rest of Sillok uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Protocol

from sillok.errors import SillokError
from sillok.models import Document, Extraction, Incident
from sillok.settings import Settings, load_settings

#: language -> "module:Class" of its extractor.
FACTORIES: dict[str, str] = {
    "en": "sillok.extract.en:EnglishExtractor",
    "ko": "sillok.extract.ko:KoreanExtractor",
}


class Extractor(Protocol):
    """What a language extractor provides."""

    language: str
    version: str

    def extract(self, doc: Document) -> list[Incident]: ...


class UnsupportedLanguage(SillokError):
    def __init__(self, language: str | None) -> None:
        super().__init__(
            f"no extractor for language {language!r}",
            hint=f"languages with an extractor: {', '.join(sorted(FACTORIES))}",
        )


def create_extractor(language: str, settings: Settings | None = None) -> Extractor:
    """A new extractor for ``language``, from its factory."""
    spec = FACTORIES.get(language)
    if spec is None:
        raise UnsupportedLanguage(language)
    module_name, cls_name = spec.split(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(settings or load_settings())


class Pipeline:
    """Extractors per language, created on first use."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self._extractors: dict[str, Extractor] = {}

    def extractor(self, language: str) -> Extractor:
        if language not in self._extractors:
            self._extractors[language] = create_extractor(language, self.settings)
        return self._extractors[language]

    def version(self, language: str) -> str:
        return f"{language}-{self.extractor(language).version}"

    def extract(self, doc: Document) -> Extraction:
        """The incidents of one document, ordered by their place in the text."""
        language = doc.language or "en"
        incidents = self.extractor(language).extract(doc)
        incidents.sort(key=lambda i: (i.quote_start if i.quote_start is not None else -1, i.type))
        return Extraction(doc.id, tuple(incidents))

    def extract_all(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        for doc in docs:
            yield self.extract(doc)
