"""The thin commands: `sillok merge` writes an event id on every incident; `sillok events` lists."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sillok.cli import cli
from sillok.models import Document, Incident

DOCS = [
    {"id": "en-1", "text": "Police arrested three students in Hyesan on March 5, a source said.",
     "published": "2021-03-20", "language": "en", "url": None, "outlet": "A", "title": None},
    {"id": "ko-1", "text": "지난 5일 혜산시 안전부가 대학생 세 명을 체포했다고 소식통이 전했다.",
     "published": "2021-03-22", "language": "ko", "url": None, "outlet": "B", "title": None},
]  # fmt: skip


def _incident(quote: str, **over):
    inc = {
        "type": "arrest",
        "date": {"start": "2021-03-05", "end": "2021-03-05"},
        "location": {"country": "KP", "admin1": "Ryanggang", "admin2": "Hyesan", "place": None},
        "victims": {"count": 3, "qualifier": "exact"},
        "perpetrator": "mps",
        "reason": None,
        "quote": quote,
    }
    inc.update(over)
    return inc


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_merge_writes_event_ids(tmp_path):
    docs, incs, out = tmp_path / "docs.jsonl", tmp_path / "inc.jsonl", tmp_path / "out.jsonl"
    _write(docs, DOCS)
    _write(incs, [
        {"doc_id": "en-1", "incidents": [_incident("Police arrested three students in Hyesan on March 5"),
                                         _incident("a source said", type="crackdown", victims=None)]},
        {"doc_id": "ko-1", "incidents": [_incident("지난 5일 혜산시 안전부가 대학생 세 명을 체포했다")]},
    ])  # fmt: skip
    result = CliRunner().invoke(cli, ["merge", str(incs), "--docs", str(docs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    events = [inc["event"] for line in lines for inc in line["incidents"]]
    assert events == ["E0001", "E0002", "E0001"]
    assert lines[0]["incidents"][0]["quote"].startswith("Police")  # the input is written back as it was
    evs = tmp_path / "events.jsonl"
    CliRunner().invoke(cli, ["merge", str(incs), "--docs", str(docs), "-o", str(out), "--events", str(evs), "-q"])
    first = json.loads(evs.read_text("utf-8").splitlines()[0])
    assert first["event"] == "E0001" and first["reports"] == 2 and first["sources"] == 2
    assert first["cites"]["date"] == ["en-1#0", "ko-1#0"] and first["disagreements"] == []
    again = tmp_path / "again.jsonl"
    CliRunner().invoke(cli, ["merge", str(incs), "--docs", str(docs), "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()


def test_merge_bad_input_names_file_and_line(tmp_path):
    docs, incs = tmp_path / "docs.jsonl", tmp_path / "inc.jsonl"
    _write(docs, DOCS)
    incs.write_text('{"doc_id": "en-1", "incidents": []}\n{not json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["merge", str(incs), "--docs", str(docs)])
    assert result.exit_code == 2
    assert f"{incs}:2" in result.output and "not valid JSON" in result.output


def test_merge_unknown_type_is_rejected(tmp_path):
    docs, incs = tmp_path / "docs.jsonl", tmp_path / "inc.jsonl"
    _write(docs, DOCS)
    _write(incs, [{"doc_id": "en-1", "incidents": [_incident("x", type="riot")]}])
    result = CliRunner().invoke(cli, ["merge", str(incs), "--docs", str(docs)])
    assert result.exit_code == 2 and "riot" in result.output


def test_events_command_lists_from_store(tmp_path):
    store_mod = pytest.importorskip("sillok.store")
    db = tmp_path / "s.db"
    with store_mod.Store.open(db) as st:
        st.add_documents([Document.from_dict(d) for d in DOCS])
        for row in st.documents():
            quote = "Police arrested three students" if row.doc_id == "en-1" else "대학생 세 명을 체포했다"
            st.save_extraction(row.id, "t", [Incident.from_dict(_incident(quote))])
    runner = CliRunner()
    result = runner.invoke(cli, ["events", "--db", str(db), "--merge", "--min-reports", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.strip().splitlines()
    event = json.loads(line)
    assert event["reports"] == 2 and event["sources"] == 2 and event["date"]["start"] == "2021-03-05"
    table = runner.invoke(cli, ["events", "--db", str(db)])
    assert "E0001" in table.output and "arrest" in table.output
    missing = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no such database" in missing.output
