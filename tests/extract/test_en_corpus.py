"""The seed report (../shared/corpus), when present: all six incidents, field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sillok.extract import Pipeline
from sillok.models import Document

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
FIELDS = ("type", "date", "location", "victims", "perpetrator", "reason")


def read(name: str) -> list[dict]:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_seed_field_by_field() -> None:
    docs = read("seed.jsonl")
    gold = {g["doc_id"]: g["incidents"] for g in read("seed.gold.jsonl")}
    pipeline = Pipeline()
    for raw in docs:
        doc = Document.from_dict(raw)
        got = [i.to_dict() for i in pipeline.extract(doc).incidents]
        want = gold[doc.id]
        assert len(got) == len(want)
        for g in want:
            matches = [
                p
                for p in got
                if p["type"] == g["type"]
                and g["quote"] in doc.text
                and (p["quote"] in g["quote"] or g["quote"] in p["quote"])
            ]
            assert matches, f"missing {g['type']}: {g['quote'][:60]}"
            p = matches[0]
            assert {k: p[k] for k in FIELDS} == {k: g[k] for k in FIELDS}
        for p in got:
            assert p["quote"] in doc.text


def test_dev_quotes_are_grounded() -> None:
    docs = read("dev-en.jsonl")
    pipeline = Pipeline()
    for raw in docs:
        doc = Document.from_dict(raw)
        for inc in pipeline.extract(doc).incidents:
            assert doc.text[inc.quote_start : inc.quote_end] == inc.quote


def test_extra_quotes_are_grounded_and_deterministic() -> None:
    path = Path(__file__).resolve().parents[1] / "data" / "extra-en.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present")
    pipeline = Pipeline()
    for line in path.read_text("utf-8").splitlines():
        doc = Document.from_dict(json.loads(line))
        first = pipeline.extract(doc).incidents
        for inc in first:
            assert doc.text[inc.quote_start : inc.quote_end] == inc.quote
        assert [i.to_dict() for i in pipeline.extract(doc).incidents] == [i.to_dict() for i in first]
