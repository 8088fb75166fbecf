"""The Korean extractor on the dev-ko corpus (written for the project), scored by the codebook's §5.

Reads tests/data/dev-ko*.jsonl (or ../shared/corpus/) and skips when neither is present. The
figures asserted are floors a little under those measured, so that a regression fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sillok.extract import Pipeline
from sillok.models import Document

ROOT = Path(__file__).resolve().parents[2]
PLACES = (ROOT / "tests" / "data", ROOT / ".." / "shared" / "corpus")


def corpus(name: str) -> Path:
    for base in PLACES:
        if (base / name).exists():
            return base / name
    pytest.skip(f"{name} not present")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def result(pipeline: Pipeline) -> dict:
    evaluate = pytest.importorskip("sillok.evaluate")
    docs_path, gold_path = corpus("dev-ko.jsonl"), corpus("dev-ko.gold.jsonl")
    docs = [Document.from_dict(d) for d in read(docs_path)]
    extractions = [pipeline.extract(d) for d in docs]
    for doc, ex in zip(docs, extractions, strict=True):
        for inc in ex.incidents:
            assert doc.text[inc.quote_start : inc.quote_end] == inc.quote
    gold = evaluate.read_incident_lines(gold_path)
    res = evaluate.evaluate(gold, extractions, {d.id: d for d in docs})
    return res.to_dict()


def test_dev_ko_incident_and_record_f1(result: dict) -> None:
    assert result["incident"]["f1"] >= 0.85
    assert result["record"]["f1"] >= 0.70
    assert result["ungrounded_quotes"] == 0


@pytest.mark.parametrize(
    ("name", "floor"), [("date_overlap", 0.9), ("admin1", 0.9), ("count", 0.9), ("perpetrator", 0.9)]
)
def test_dev_ko_fields(result: dict, name: str, floor: float) -> None:
    assert result["fields"][name] >= floor


def test_dev_ko_is_deterministic(pipeline: Pipeline) -> None:
    docs = [Document.from_dict(d) for d in read(corpus("dev-ko.jsonl"))[:4]]
    a = [json.dumps(pipeline.extract(d).to_dict(), ensure_ascii=False) for d in docs]
    b = [json.dumps(pipeline.extract(d).to_dict(), ensure_ascii=False) for d in reversed(docs)][::-1]
    assert a == b
