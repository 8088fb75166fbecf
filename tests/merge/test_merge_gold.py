"""The evaluation gate for merging: merge-alone on the merge corpus (gold events stripped).

Runs ``sillok merge`` on the gold incidents without their event ids and scores the result with
``../shared/tools/score_merge.py``; the floors are in ``floors.toml`` next to this file. Skipped when
the shared corpus is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from sillok.cli import cli

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_merge.py"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "merge.gold.jsonl").exists() or not SCORER.exists(), reason="shared merge corpus absent"
)


def _floors(section: str = "merge_alone") -> dict[str, float]:
    return tomllib.loads((HERE / "floors.toml").read_text("utf-8"))[section]


def _score(pred: Path) -> dict:
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS / "merge.gold.jsonl"), str(pred), "--docs",
         str(CORPUS / "merge.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(scored.stdout)


def test_extract_then_merge_meets_the_floors(tmp_path):
    """End to end: `sillok extract` on the merge corpus, then `sillok merge`."""
    extracted, merged = tmp_path / "x.jsonl", tmp_path / "m.jsonl"
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(CORPUS / "merge.jsonl"), "-o", str(extracted), "-q"])
    assert result.exit_code == 0, result.output
    docs = str(CORPUS / "merge.jsonl")
    result = runner.invoke(cli, ["merge", str(extracted), "--docs", docs, "-o", str(merged), "-q"])
    assert result.exit_code == 0, result.output
    figures = _score(merged)
    floors = _floors("end_to_end")
    assert figures["link"]["precision"] >= floors["link_precision"], figures
    assert figures["link"]["f1"] >= floors["link_f1"], figures


def test_merge_alone_meets_the_floors(tmp_path):
    stripped = tmp_path / "stripped.jsonl"
    with (CORPUS / "merge.gold.jsonl").open(encoding="utf-8") as src, stripped.open("w", encoding="utf-8") as out:
        for line in src:
            data = json.loads(line)
            for inc in data["incidents"]:
                inc.pop("event", None)
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
    pred = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(
        cli, ["merge", str(stripped), "--docs", str(CORPUS / "merge.jsonl"), "-o", str(pred), "-q"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in pred.read_text("utf-8").splitlines()]
    assert all("event" in inc for line in lines for inc in line["incidents"])
    figures = _score(pred)
    floors = _floors()
    assert figures["link"]["precision"] >= floors["link_precision"], figures
    assert figures["link"]["f1"] >= floors["link_f1"], figures
    whole = figures["events_whole"] / figures["multi_report_events"]
    assert whole >= floors["events_whole_share"], figures
    assert figures["pred_incidents_without_event"] == 0


def test_incremental_merge_gives_the_batch_events():
    """Reports arriving in two lots (the first lot's events reloaded as they are) give the same events."""
    from sillok.jsonl import read_documents
    from sillok.merge.cluster import Merger
    from sillok.merge.jsonl import ExtractionLine, items_of
    from sillok.models import Incident

    docs = read_documents(CORPUS / "merge.jsonl")
    lines = []
    for raw in (CORPUS / "merge.gold.jsonl").read_text("utf-8").splitlines():
        data = json.loads(raw)
        incidents = tuple(Incident.from_dict(i) for i in data["incidents"])
        lines.append(ExtractionLine(data["doc_id"], incidents, data))
    items = items_of(lines, docs)
    batch = Merger()
    batch.add(items)
    expected = sorted(sorted(c) for c in batch.clusters())
    first_lot = {line.doc_id for line in lines[:25]}
    early = Merger()
    early.add([i for i in items if i.doc_id in first_lot])
    later = Merger()
    later.add_existing([[early.items[k] for k in c] for c in early.clusters()])
    later.add([i for i in items if i.doc_id not in first_lot])
    assert sorted(sorted(c) for c in later.clusters()) == expected
    assert later.stats.comparisons < batch.stats.comparisons


def test_events_do_not_depend_on_the_order_of_the_reports():
    from sillok.jsonl import read_documents
    from sillok.merge.cluster import Merger
    from sillok.merge.jsonl import ExtractionLine, items_of
    from sillok.models import Incident

    docs = read_documents(CORPUS / "merge.jsonl")
    lines = []
    for raw in (CORPUS / "merge.gold.jsonl").read_text("utf-8").splitlines():
        data = json.loads(raw)
        lines.append(ExtractionLine(data["doc_id"], tuple(Incident.from_dict(i) for i in data["incidents"]), data))
    results = []
    for order in (lines, lines[::-1]):
        merger = Merger()
        merger.add(items_of(order, docs))
        results.append(sorted(sorted(map(str, c)) for c in merger.clusters()))
    assert results[0] == results[1]
