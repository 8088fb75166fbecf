"""Bad input: each rejected input is yielded as an InputError naming it and the reason, and the
good documents of the same batch still come out."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from ingest_helpers import EN, JA, KO, RU, split

import sillok.ingest.reader as reader
from sillok.errors import InputError
from sillok.ingest import read_inputs
from sillok.settings import IngestSettings

SETTINGS = IngestSettings()

NAV_ONLY_PAGE = """<html><head><title>Index</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News and analysis of the border region</a></li></ul></nav>
<div class="menu"><a href="/a">All the stories about the markets</a>
<a href="/b">Contact our reporters by phone</a></div>
<footer><a href="/privacy">Privacy</a> <a href="/terms">Terms of use</a></footer></body></html>"""

# name, content, words the reason must contain
BAD_FILES = [
    ("binary.txt", bytes(range(256)) * 16, "binary file"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    ("scan.txt", b"%PDF-1.7\n" + bytes(range(256)), "PDF document"),
    ("empty.txt", b"", "empty file"),
    ("empty.jsonl", b"", "empty file"),
    ("blank.jsonl", b"\n\n  \n", "only blank lines"),
    ("spaces.txt", b"   \n\t\n  ", "no text"),
    ("short.txt", b"Guards shot a man.", "too short"),
    ("undecodable.txt", JA.encode("shift_jis"), "cannot decode"),
    ("russian.txt", RU.encode(), "neither English nor Korean"),
    ("nav.html", NAV_ONLY_PAGE.encode(), "no article text"),
    ("bad.json", b'{"text": "unfinished', "invalid JSON"),
    ("number.json", b"42", "a number where a document object was expected"),
    ("emptylist.json", b"[]", "empty JSON array"),
    ("badpub.json", json.dumps({"text": EN, "published": "24 April 2020"}).encode(), "is not a date"),
    ("badheader.txt", f"Published: 2020-02-30\n\n{EN}".encode(), "not a real date"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_reported_and_batch_goes_on(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    docs, errors = split(list(read_inputs([str(bad), str(good)], SETTINGS)))
    assert [d.text for d in docs] == [EN]
    assert len(errors) == 1
    (error,) = errors
    assert error.source == str(bad)
    assert reason in error.reason
    assert str(bad) in str(error)


# line content, words the reason must contain
BAD_LINES = [
    ("{bad json", "invalid JSON"),
    ('["a", "list"]', "an array where a document object was expected"),
    ('"just a string"', "a string where a document object was expected"),
    ('{"id": "x"}', 'has no "text"'),
    ('{"text": 12}', '"text" is a number'),
    ('{"text": "   "}', "no text"),
    ('{"text": "Too short."}', "too short"),
    (json.dumps({"text": EN, "published": "2020-13-45"}), "not a real date"),
    (json.dumps({"text": EN, "published": "last spring"}), "is not a date"),
    (json.dumps({"text": EN, "published": 2020}), "not a date string"),
    (json.dumps({"text": EN, "language": "ja"}), "language 'ja'"),
    (json.dumps({"text": EN, "url": ["a"]}), '"url" is an array'),
    (json.dumps({"text": RU}), "neither English nor Korean"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES, ids=[b[1] for b in BAD_LINES])
def test_bad_jsonl_line_names_its_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "docs.jsonl"
    good1 = json.dumps({"id": "g1", "text": EN})
    good2 = json.dumps({"id": "g2", "text": KO}, ensure_ascii=False)
    path.write_text(f"{good1}\n\n{line}\n{good2}\n", encoding="utf-8")
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert [d.id for d in docs] == ["g1", "g2"]
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:4"]
    (error,) = errors
    assert (error.source, error.line) == (str(path), 3)
    assert reason in error.reason
    assert str(error).startswith(f"{path}:3: ")


def test_many_bad_lines_each_reported(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("{x\n" + json.dumps({"text": EN}) + "\n[]\n{y\n", encoding="utf-8")
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert len(docs) == 1
    assert [e.line for e in errors] == [1, 3, 4]


def test_not_jsonl_at_all_stops_after_many_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("this is not json\n" * 500, encoding="utf-8")
    errors = list(read_inputs([str(path)], SETTINGS))
    assert all(isinstance(e, InputError) for e in errors)
    assert len(errors) == 101  # 100 bad lines, then one error saying reading stopped
    assert "stopped reading" in errors[-1].reason


def test_file_over_the_size_limit_is_rejected_without_reading(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:  # a sparse 50 MB file: instant to make
        f.truncate(50 * 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    opened: list[str] = []
    real_open = open

    def spy_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(reader, "open", spy_open, raising=False)
    started = time.perf_counter()
    docs, errors = split(list(read_inputs([str(big), str(good)], SETTINGS)))
    assert time.perf_counter() - started < 2
    assert [d.text for d in docs] == [EN]
    (error,) = errors
    assert error.source == str(big)
    assert "50.0 MB" in error.reason and "40 MB limit" in error.reason
    assert error.hint and "max_file_mb" in error.hint
    assert str(big) not in opened  # the size was checked before reading
    assert str(good) in opened


def test_overlong_jsonl_line_is_skipped(tmp_path: Path) -> None:
    settings = IngestSettings(max_file_mb=0.001)  # 1,048 bytes
    path = tmp_path / "docs.jsonl"
    long_line = json.dumps({"id": "long", "text": EN * 20})
    path.write_text(f"{json.dumps({'id': 'a', 'text': EN})}\n{long_line}\n{json.dumps({'id': 'b', 'text': EN})}\n")
    docs, errors = split(list(read_inputs([str(path)], settings)))
    assert [d.id for d in docs] == ["a", "b"]
    (error,) = errors
    assert error.line == 2 and "longer than" in error.reason


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.dat"])  # by ending, or sniffed
def test_jsonl_over_the_file_limit_is_still_read(tmp_path: Path, name: str) -> None:
    settings = IngestSettings(max_file_mb=0.001)  # 1,048 bytes a line
    path = tmp_path / name
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": EN}) + "\n" for i in range(20)), encoding="utf-8")
    assert path.stat().st_size > 4000
    docs, errors = split(list(read_inputs([str(path)], settings)))
    assert errors == [] and len(docs) == 20


def test_stdin_over_the_size_limit() -> None:
    settings = IngestSettings(max_file_mb=0.01)
    data = (EN + "\n") * 100  # about 18 KB of plain text
    (error,) = list(read_inputs(["-"], settings, stdin=io.BytesIO(data.encode())))
    assert isinstance(error, InputError)
    assert error.source == "<stdin>" and "larger than" in error.reason


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty input"), (bytes(range(256)) * 4, "binary file")])
def test_bad_stdin(content: bytes, reason: str) -> None:
    (error,) = list(read_inputs(["-"], SETTINGS, stdin=io.BytesIO(content)))
    assert isinstance(error, InputError) and reason in error.reason


def test_missing_path_and_empty_directories(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    hidden_only = tmp_path / "hidden"
    (hidden_only / ".git").mkdir(parents=True)
    (hidden_only / ".git" / "report.txt").write_text(EN, encoding="utf-8")
    (hidden_only / ".notes.txt").write_text(EN, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    docs, errors = split(list(read_inputs([str(missing), str(empty), str(hidden_only), str(good)], SETTINGS)))
    assert [d.source for d in docs] == [str(good)]
    assert [(e.source, e.reason) for e in errors] == [
        (str(missing), "no such file or directory"),
        (str(empty), "no files in the directory (hidden files and folders are skipped)"),
        (str(hidden_only), "no files in the directory (hidden files and folders are skipped)"),
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (error,) = list(read_inputs([str(fifo)], SETTINGS))
    assert isinstance(error, InputError) and error.reason == "not a regular file"
