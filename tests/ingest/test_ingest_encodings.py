"""Encodings: every supported one decodes to the same NFC text; anything else is rejected, never mojibake."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest
from ingest_helpers import EN, JA, KO, RU, ZH, split

from sillok.ingest import decode_bytes, read_inputs
from sillok.ingest.decode import DecodeError, clean_text, plausible
from sillok.settings import IngestSettings

SETTINGS = IngestSettings()
EN_TYPOGRAPHIC = (
    "Guards \u201ccaught\u201d two women \u2014 a source said \u2018yesterday\u2019\u2026 near the caf\u00e9. " * 3
)

ENCODED = [
    ("utf-8", KO, lambda t: t.encode("utf-8")),
    ("utf-8-bom", KO, lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ("utf-16-bom", KO, lambda t: t.encode("utf-16")),
    ("utf-16-be-bom", KO, lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    ("utf-16-le-nobom", KO, lambda t: t.encode("utf-16-le")),
    ("utf-16-be-nobom", KO, lambda t: t.encode("utf-16-be")),
    ("utf-16-le-nobom-en", EN, lambda t: t.encode("utf-16-le")),
    ("utf-32-bom", KO, lambda t: t.encode("utf-32")),
    ("cp949", KO, lambda t: t.encode("cp949")),
    ("euc-kr", KO, lambda t: t.encode("euc-kr")),
    ("cp949-unified-hangul", "똠방각하 " + KO, lambda t: t.encode("cp949")),  # 똠 is outside EUC-KR
    ("utf-8-en", EN_TYPOGRAPHIC, lambda t: t.encode("utf-8")),
    ("cp1252-en", EN_TYPOGRAPHIC, lambda t: t.encode("cp1252")),
    ("utf-8-nfd", unicodedata.normalize("NFD", KO), lambda t: t.encode("utf-8")),
    ("utf-8-crlf", KO.replace(". ", ".\r\n"), lambda t: t.encode("utf-8")),
]


def test_a_stray_nul_is_dropped_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(EN.encode().replace(b"Yalu", b"Ya\x00lu"))
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.text == EN


@pytest.mark.parametrize(("name", "text", "encode"), ENCODED, ids=[e[0] for e in ENCODED])
def test_text_file_encodings(tmp_path: Path, name: str, text: str, encode) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(encode(text))
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert errors == []
    (doc,) = docs
    expected = unicodedata.normalize("NFC", text).replace("\r\n", "\n").strip()
    assert doc.text == expected
    assert unicodedata.is_normalized("NFC", doc.text)


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("shift-jis", JA.encode("shift_jis")),
        ("koi8-r", RU.encode("koi8_r")),
        ("gbk", ZH.encode("gbk")),
        ("random-high-bytes", bytes(range(0x80, 0x100)) * 8),
    ],
)
def test_undecodable_file_is_rejected(tmp_path: Path, label: str, content: bytes) -> None:
    bad, good = tmp_path / "a-bad.txt", tmp_path / "b-good.txt"
    bad.write_bytes(content)
    good.write_text(EN, encoding="utf-8")
    docs, errors = split(list(read_inputs([str(tmp_path)], SETTINGS)))
    assert [d.text for d in docs] == [EN]
    (error,) = errors
    assert error.source == str(bad)
    assert "cannot decode" in error.reason


def test_cp1252_english_is_not_read_as_cp949() -> None:
    data = EN_TYPOGRAPHIC.encode("cp1252")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in data.decode("cp949", errors="ignore"))  # the trap is real
    decoded = decode_bytes(data)
    assert decoded.text == EN_TYPOGRAPHIC
    assert decoded.encoding == "cp1252"


def test_declared_html_charset_is_used(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
        f"<title>제목</title></head><body><article><p>{KO}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("euc-kr"))
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.text == KO


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: s.encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le-nobom"],
)
def test_jsonl_encodings(tmp_path: Path, encode) -> None:
    lines = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in (("e", EN), ("k", KO)))
    path = tmp_path / "docs.jsonl"
    path.write_bytes(encode(lines))
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [("e", EN), ("k", KO)]


def test_jsonl_line_in_cp949_is_decoded_and_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(
        json.dumps({"id": "u", "text": EN}).encode()
        + b"\n"
        + json.dumps({"id": "c", "text": KO}, ensure_ascii=False).encode("cp949")
        + b"\n"
    )
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [("u", EN), ("c", KO)]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\ufeffline one\r\nline two\rline three", "line one\nline two\nline three"),
        ("  text with\x00 a NUL and\x07 a bell  ", "text with a NUL and a bell"),
        ("tab\tkept\n\nblank line kept", "tab\tkept\n\nblank line kept"),
        (unicodedata.normalize("NFD", "한국어"), "한국어"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        (KO, True),
        (EN_TYPOGRAPHIC, True),
        ("MSS가 USB를 압수했다고 소식통이 전했다. 보위부는 주민들을 조사하고 있다.", True),
        (EN.encode("utf-16-le").decode("utf-16-be"), False),  # wrong byte order: CJK ideographs
        (EN_TYPOGRAPHIC.encode("cp1252").decode("cp949", errors="ignore"), False),  # stray syllables in English
        ("text\x01\x02\x03\x04 with controls", False),
    ],
    ids=["korean", "english", "korean-with-acronyms", "wrong-byte-order", "cp1252-as-cp949", "controls"],
)
def test_plausible(text: str, ok: bool) -> None:
    assert plausible(text) is ok


def test_bom_that_lies_is_an_error() -> None:
    with pytest.raises(DecodeError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa not utf-8")
