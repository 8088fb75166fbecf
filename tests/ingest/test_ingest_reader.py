"""The reader: order of paths and directories, stable ids, streaming, the demo samples."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from ingest_helpers import EN, KO, split

from sillok.ingest import read_inputs
from sillok.ingest.formats import jsonl_documents
from sillok.models import Document
from sillok.settings import IngestSettings

SETTINGS = IngestSettings()
REPO = Path(__file__).resolve().parents[2]


def _tree(root: Path) -> None:
    for rel, text in [
        ("b/z.txt", EN + " (b/z)"),
        ("b/a.txt", EN + " (b/a)"),
        ("a.txt", EN + " (a)"),
        ("c/d/e.txt", KO + " (c/d/e)"),
        ("b.txt", EN + " (b.txt)"),
        (".hidden.txt", EN + " (hidden)"),
        (".cache/x.txt", EN + " (hidden dir)"),
    ]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    _tree(tmp_path)
    docs, errors = split(list(read_inputs([str(tmp_path)], SETTINGS)))
    assert errors == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == [
        "a.txt",
        "b/a.txt",  # sorted by path components: the folder "b" before the file "b.txt"
        "b/z.txt",
        "b.txt",
        "c/d/e.txt",
    ]


def test_paths_in_the_order_given(tmp_path: Path) -> None:
    _tree(tmp_path)
    order = [tmp_path / "c", tmp_path / "a.txt", tmp_path / "b" / "z.txt", tmp_path / ".hidden.txt"]
    docs, errors = split(list(read_inputs([str(p) for p in order], SETTINGS)))
    assert errors == []
    # a hidden file named explicitly is read
    assert [d.text.rsplit(" ", 1)[-1] for d in docs] == ["(c/d/e)", "(a)", "(b/z)", "(hidden)"]


def test_identical_text_identical_id_and_deterministic(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "two.txt").write_text(f"\ufeff  {EN}\r\n", encoding="utf-8")  # same text after cleaning
    (tmp_path / "three.txt").write_text(EN + " Again.", encoding="utf-8")
    first = list(read_inputs([str(tmp_path)], SETTINGS))
    second = list(read_inputs([str(tmp_path)], SETTINGS))
    assert first == second
    one, three, two = first  # sorted: one, three, two
    assert isinstance(one, Document) and isinstance(two, Document) and isinstance(three, Document)
    assert one.id == two.id and one.id != three.id
    assert len(one.id) == 16


def test_stdin_among_paths(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(EN, encoding="utf-8")
    stdin = io.BytesIO(json.dumps({"id": "from-stdin", "text": KO}, ensure_ascii=False).encode())
    docs, errors = split(list(read_inputs([str(path), "-", str(path)], SETTINGS, stdin=stdin)))
    assert errors == []
    assert [d.source for d in docs] == [str(path), "<stdin>:1", str(path)]


class _CountingStream(io.RawIOBase):
    """A raw stream of ``lines`` JSON lines, made on the fly, counting the bytes handed out."""

    def __init__(self, lines: int) -> None:
        self._lines = iter(range(lines))
        self._pending = b""
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while len(self._pending) < len(buffer):
            i = next(self._lines, None)
            if i is None:
                break
            self._pending += (json.dumps({"id": f"d{i}", "text": EN}) + "\n").encode()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self.given += n
        return n


def test_jsonl_is_streamed() -> None:
    raw = _CountingStream(200_000)  # about 44 MB if read whole
    items = jsonl_documents(io.BufferedReader(raw, buffer_size=16384), "big.jsonl", SETTINGS)
    firsts = [next(items) for _ in range(3)]
    assert [d.id for d in firsts] == ["d0", "d1", "d2"]  # type: ignore[union-attr]
    assert raw.given < 100_000


SAMPLES = REPO / "samples"


@pytest.mark.skipif(not (SAMPLES / "html").is_dir(), reason="samples/ not present")
def test_demo_samples() -> None:
    paths = [str(SAMPLES / "html"), str(SAMPLES / "text")]
    docs, errors = split(list(read_inputs(paths, SETTINGS)))
    assert errors == []
    got = {Path(d.source or "").name: d for d in docs}
    en = got["hyesan-riverbank-arrest.html"]
    assert (en.language, en.published, en.outlet) == ("en", dt.date(2021, 10, 19), "Border Desk")
    assert en.text.startswith("Border guards in Ryanggang Province arrested a married couple")
    assert "Related stories" not in en.text and "Privacy" not in en.text
    ko = got["onsong-repatriation-ko.html"]
    assert (ko.language, ko.published, ko.published_precision) == ("ko", dt.date(2022, 11, 30), "month")
    assert ko.title == "중국 공안, 탈북민 5명 온성 세관 통해 강제북송"
    assert "로그인" not in ko.text and "이용약관" not in ko.text
    text = got["musan-sentence.txt"]
    assert (text.language, text.published, text.outlet) == ("en", dt.date(2023, 3, 2), "Border Desk")
    assert text.title == "Musan miners sent to labour camp over Chinese phones"


CORPUS = REPO / ".." / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpora are not present")
def test_corpus_documents_read_unchanged() -> None:
    files = sorted(CORPUS.glob("*.jsonl"))
    files = [f for f in files if not f.name.endswith(".gold.jsonl")]
    expected = {}
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            expected[obj["id"]] = obj
    docs, errors = split(list(read_inputs([str(f) for f in files], SETTINGS)))
    assert errors == []
    assert len(docs) == len(expected)
    for doc in docs:
        obj = expected[doc.id]
        assert doc.text == obj["text"]  # gold quotes stay substrings
        assert doc.language == obj["language"]
        assert doc.to_dict()["published"] == obj["published"]
    # detection agrees with the coders' language on every document
    for doc in docs:
        undeclared = {**expected[doc.id], "language": None}
        (again,) = list(read_inputs(["-"], SETTINGS, stdin=io.BytesIO(json.dumps(undeclared).encode())))
        assert isinstance(again, Document) and again.language == doc.language
