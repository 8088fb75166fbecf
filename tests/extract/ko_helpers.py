"""Helpers for the Korean extractor tests: run a short text, pick the one incident of a type."""

from __future__ import annotations

import datetime as dt

from sillok.extract.ko import KoreanExtractor
from sillok.models import Document, Incident

PUB = dt.date(2023, 7, 20)


def run(ko: KoreanExtractor, text: str, published: dt.date | None = PUB) -> list[Incident]:
    return ko.extract(Document("t", text, published, "ko"))


def of_type(ko: KoreanExtractor, text: str, type_: str, published: dt.date | None = PUB) -> Incident:
    got = [i for i in run(ko, text, published) if i.type == type_]
    assert len(got) == 1, [(i.type, i.evidence) for i in run(ko, text, published)]
    return got[0]
