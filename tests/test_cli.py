"""The store commands end to end: ingest, extract, run, incidents, summary.

``incidents`` and ``summary`` run on databases built here with the store API. ``ingest``,
``extract`` and ``run`` need the ingest stage (and the last two the extractors); they are tested
for structure only (valid JSON lines, one per document, determinism, exit status, messages),
never for extraction accuracy.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sillok.cli import cli
from sillok.models import DateRange, Incident, Location, Victims
from sillok.store import Store

D = __import__("datetime").date.fromisoformat


def has_ingest() -> bool:
    try:
        return hasattr(importlib.import_module("sillok.ingest"), "read_inputs")
    except ImportError:
        return False


def has_extractors() -> bool:
    from sillok.extract import Pipeline

    try:
        pipeline = Pipeline()
        pipeline.extractor("en")
        pipeline.extractor("ko")
    except Exception:
        return False
    return True


needs_ingest = pytest.mark.skipif(not has_ingest(), reason="sillok.ingest.read_inputs is not written yet")
needs_extractors = pytest.mark.skipif(
    not (has_ingest() and has_extractors()), reason="the ingest stage or the extractors are not written yet"
)

EN_DOCS = [
    {
        "id": "t-en-1",
        "language": "en",
        "published": "2020-04-24",
        "title": "Arrests in a border town",
        "text": "Security agents arrested three residents of Hyesan in early March for calling relatives in "
        "China, a source in Ryanggang Province said. The three are now being questioned by the provincial MSS.",
    },
    {
        "id": "t-en-2",
        "language": "en",
        "published": "2021-02-10",
        "title": "Guards shot at a man",
        "text": "Border guards shot a man who was crossing the Tumen River near Hoeryong late last month, "
        "according to a local source. Soldiers were told to fire on anyone approaching the river.",
    },
]
KO_DOCS = [
    {
        "id": "t-ko-1",
        "language": "ko",
        "published": "2022-05-03",
        "title": "혜산 단속",
        "text": "양강도 혜산시에서 지난달 중순 중국 손전화를 사용하던 주민 2명이 보위부에 체포됐다고 소식통이 전했다. "
        "이들은 현재 예심을 받고 있다.",
    },
]


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def document_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT * FROM documents ORDER BY id").fetchall()


# -- incidents and summary over a database built with the store API -------------------------------


def incident(type_, quote, start, end, admin1, count, perpetrator, reason) -> Incident:
    return Incident(
        type=type_,
        quote=quote,
        date=DateRange(D(start), D(end)) if start else None,
        location=Location("KP", admin1, None, None) if admin1 else None,
        victims=Victims(count) if count is not None else None,
        perpetrator=perpetrator,
        reason=reason,
        quote_start=0,
        quote_end=len(quote),
    )


@pytest.fixture
def built_db(tmp_path: Path) -> Path:
    from sillok.models import Document

    db = tmp_path / "built.db"
    with Store.open(db) as store:
        store.add_documents(
            [
                Document("r-1", "First report text about arrests.", title="First report"),
                Document("r-2", "둘째 보도의 본문입니다. 처형 소식.", title="둘째 보도", language="ko"),
            ]
        )
        one, two = store.documents()
        store.save_extraction(
            one.id,
            "en-test",
            [
                incident(
                    "arrest", "agents arrested three", "2020-03-01", "2020-03-10", "Ryanggang", 3, "mss", "defection"
                ),
                incident("crackdown", "patrols were doubled", None, None, "Ryanggang", None, "state", "defection"),
            ],
        )
        store.save_extraction(
            two.id,
            "ko-test",
            [incident("execution", "공개처형했다", "2021-06-01", "2021-06-30", "North Hamgyong", 2, "mss", "drugs")],
        )
    return db


def test_incidents_table(built_db: Path) -> None:
    result = invoke("incidents", "--db", str(built_db))
    assert result.exit_code == 0, result.output
    for text in (
        "agents arrested three",
        "공개처형했다",
        "patrols were doubled",
        "Ryanggang",
        "2020-03-01..03-10",
    ):
        assert text in result.stdout


@pytest.mark.parametrize(
    ("args", "quotes"),
    [
        ([], ["agents arrested three", "공개처형했다", "patrols were doubled"]),
        (["--type", "execution"], ["공개처형했다"]),
        (["--province", "양강도"], ["agents arrested three", "patrols were doubled"]),
        (["--province", "hamgyŏng-bukto"], ["공개처형했다"]),
        (["--since", "2020-03-05", "--until", "2020-12-31"], ["agents arrested three"]),
        (["--perpetrator", "state"], ["patrols were doubled"]),
        (["--status", "machine", "--limit", "1"], ["agents arrested three"]),
        (["--status", "rejected"], []),
    ],
)
def test_incidents_filters_as_json(built_db: Path, args: list[str], quotes: list[str]) -> None:
    result = invoke("incidents", "--db", str(built_db), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["quote"] for d in lines] == quotes
    for d in lines:
        assert Incident.from_dict(d).type == d["type"]
        assert {"id", "status", "doc_id"} <= set(d)


def test_incidents_csv(built_db: Path) -> None:
    result = invoke("incidents", "--db", str(built_db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["type"] for r in rows] == ["arrest", "execution", "crackdown"]
    assert rows[1]["admin1"] == "North Hamgyong" and rows[1]["doc_id"] == "r-2"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--province", "Atlantis"], "Atlantis"),
        (["--province", "Hyesan"], "not a province"),
        (["--type", "murder"], "murder"),
        (["--perpetrator", "police"], "police"),
        (["--status", "done"], "done"),
    ],
)
def test_incidents_bad_filters_get_a_message(built_db: Path, args: list[str], message: str) -> None:
    result = invoke("incidents", "--db", str(built_db), *args)
    assert result.exit_code == 2
    assert "Error:" in result.stderr and message in result.stderr
    assert "Hint:" in result.stderr or message == "done"


def test_incidents_and_summary_need_an_existing_database(tmp_path: Path) -> None:
    for command in ("incidents", "summary"):
        result = invoke(command, "--db", str(tmp_path / "none.db"))
        assert result.exit_code == 2
        assert "none.db" in result.stderr and "Hint:" in result.stderr
        assert not (tmp_path / "none.db").exists()


def test_summary(built_db: Path) -> None:
    result = invoke("summary", "--db", str(built_db))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert str(built_db.resolve()) in out
    assert "2 document(s), 3 incident(s)" in out
    assert out.index("공개처형했다") < out.index("agents arrested three")  # most recent first
    assert re.search(r"2021 +1 +Jun 1\b", out) and re.search(r"2020 +1 +Mar 1\b", out)
    assert "North Hamgyong" in out and "둘째 보도" in out


# -- ingest, extract, run ---------------------------------------------------------------------------


@needs_ingest
def test_ingest_stores_documents_and_is_idempotent(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", EN_DOCS + KO_DOCS)
    db = tmp_path / "s.db"
    first = invoke("ingest", str(src), "--db", str(db), "--batch-size", "2")
    assert first.exit_code == 0, first.output
    assert "3 new" in first.stdout
    again = invoke("ingest", str(src), "--db", str(db))
    assert again.exit_code == 0
    assert "0 new" in again.stdout and "3 unchanged" in again.stdout
    with Store.open(db) as store:
        assert [d.doc_id for d in store.documents()] == ["t-en-1", "t-en-2", "t-ko-1"]


@needs_ingest
def test_ingest_quiet_prints_nothing(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", EN_DOCS)
    result = invoke("ingest", str(src), "--db", str(tmp_path / "q.db"), "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@needs_ingest
def test_ingest_a_changed_text_becomes_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    invoke("ingest", str(write_jsonl(tmp_path / "a.jsonl", EN_DOCS[:1])), "--db", str(db))
    changed = dict(EN_DOCS[0], text=EN_DOCS[0]["text"] + " The source added that one was released.")
    result = invoke("ingest", str(write_jsonl(tmp_path / "b.jsonl", [changed])), "--db", str(db))
    assert "1 new version(s)" in result.stdout
    with Store.open(db) as store:
        assert [d.version for d in store.documents("t-en-1")] == [1, 2]


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (bad file, text its message must contain)."""
    bad_line = tmp_path / "badline.jsonl"
    bad_line.write_text(json.dumps(KO_DOCS[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    no_text = write_jsonl(tmp_path / "notext.jsonl", [{"id": "x", "text": "   "}])
    return {
        "missing": (tmp_path / "missing.jsonl", "missing.jsonl"),
        "bad json line": (bad_line, "badline.jsonl:2"),
        "empty": (empty, "empty.txt"),
        "binary": (binary, "photo.txt"),
        "no text": (no_text, "notext.jsonl"),
    }


@needs_ingest
@pytest.mark.parametrize("case", ["missing", "bad json line", "empty", "binary", "no text"])
def test_ingest_bad_input(tmp_path: Path, case: str) -> None:
    db = tmp_path / "bad.db"
    invoke("ingest", str(write_jsonl(tmp_path / "base.jsonl", EN_DOCS[:1])), "--db", str(db))
    before = document_rows(db)
    bad, names = bad_inputs(tmp_path)[case]
    good = write_jsonl(tmp_path / "good.jsonl", EN_DOCS[1:])
    result = invoke("ingest", str(good), str(bad), "--db", str(db))
    assert result.exit_code == 1
    assert f"Rejected: {tmp_path}" in result.stderr and names in result.stderr
    after = document_rows(db)
    assert after[: len(before)] == before  # nothing already stored changed
    ids = [r[1] for r in after]
    assert "t-en-2" in ids  # the good document of the same run is stored
    if case == "bad json line":
        assert "t-ko-1" in ids  # and the good line of the bad file


@needs_ingest
def test_extract_rejects_bad_input_and_goes_on(tmp_path: Path) -> None:
    if not has_extractors():
        pytest.skip("the extractors are not written yet")
    good = write_jsonl(tmp_path / "good.jsonl", EN_DOCS)
    result = invoke("extract", str(good), str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 1
    assert "Rejected:" in result.stderr and "missing.jsonl" in result.stderr
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["t-en-1", "t-en-2"]


@pytest.mark.slow  # loads the Korean analyzer in two processes
@needs_extractors
def test_extract_writes_one_codebook_line_per_document_deterministically(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", EN_DOCS + KO_DOCS)
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert invoke("extract", str(src), "-o", str(out1), "--quiet").exit_code == 0
    # a second run in a fresh process: byte-identical
    subprocess.run(
        [sys.executable, "-m", "sillok.cli", "extract", str(src), "-o", str(out2)], check=True, capture_output=True
    )
    assert out1.read_bytes() == out2.read_bytes()
    lines = out1.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["t-en-1", "t-en-2", "t-ko-1"]
    texts = {d["id"]: d["text"] for d in EN_DOCS + KO_DOCS}
    for line in lines:
        data = json.loads(line)
        assert set(data) == {"doc_id", "incidents"}
        for inc in data["incidents"]:
            Incident.from_dict(inc)  # valid codebook form
            assert inc["quote"] in texts[data["doc_id"]]


@needs_extractors
def test_extract_reads_stdin(tmp_path: Path) -> None:
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in EN_DOCS).encode("utf-8")
    result = invoke("extract", "-", input=data)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


@needs_extractors
def test_run_then_summary_and_incidents(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", EN_DOCS)  # English only: no Korean analyzer to load
    db = tmp_path / "run.db"
    result = invoke("run", str(src), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout and "Extracted" in result.stdout
    with Store.open(db) as store:
        assert all(d.extracted_version for d in store.documents())
        stored = len(store.incidents())
    again = invoke("run", str(src), "--db", str(db))
    assert "from 0 document(s)" in again.stdout
    with Store.open(db) as store:
        assert len(store.incidents()) == stored
    summary = invoke("summary", "--db", str(db))
    assert summary.exit_code == 0 and str(db.resolve()) in summary.stdout
    listed = invoke("incidents", "--db", str(db), "--format", "json")
    assert len(listed.stdout.splitlines()) == stored


@needs_extractors
def test_run_as_a_subprocess_shows_no_progress_when_piped(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", EN_DOCS)
    db = tmp_path / "p.db"
    proc = subprocess.run(
        [sys.executable, "-m", "sillok.cli", "run", str(src), "--db", str(db)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Extracted" in proc.stdout


def test_a_file_that_is_not_a_database_gets_a_message(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database at all " * 200)
    result = invoke("summary", "--db", str(notes))
    assert result.exit_code == 2
    assert "notes.db" in result.stderr and "Hint:" in result.stderr


@pytest.mark.parametrize(("tty", "quiet", "shown"), [(True, False, True), (True, True, False), (False, False, False)])
def test_progress_only_on_a_terminal_and_not_quiet(monkeypatch, tty: bool, quiet: bool, shown: bool) -> None:
    from sillok import cli as cli_module

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    with cli_module._progress("Testing", quiet, total=3) as advance:
        assert (advance is not None) == shown
        if advance:
            advance(3)


@needs_extractors
def test_the_store_keeps_exactly_what_extract_writes(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", EN_DOCS)
    db = tmp_path / "same.db"
    extracted = invoke("extract", str(src))
    assert invoke("run", str(src), "--db", str(db), "--quiet").exit_code == 0
    listed = invoke("incidents", "--db", str(db), "--format", "json")

    def canonical(incidents: list[dict]) -> list[str]:
        keys = ("type", "date", "location", "victims", "perpetrator", "reason", "quote", "quote_span")
        return sorted(json.dumps({k: i.get(k) for k in keys}, sort_keys=True) for i in incidents)

    from_extract = [i for line in extracted.stdout.splitlines() for i in json.loads(line)["incidents"]]
    from_store = [json.loads(line) for line in listed.stdout.splitlines()]
    assert from_extract, "the test documents should yield incidents"
    assert canonical(from_store) == canonical(from_extract)
