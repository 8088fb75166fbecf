"""Formats: JSON Lines, JSON, HTML, plain text, sniffed endings and standard input."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from ingest_helpers import EN, KO, split

from sillok.ingest import read_inputs
from sillok.ingest.formats import sniff
from sillok.models import text_hash
from sillok.settings import IngestSettings, Settings

SETTINGS = IngestSettings()

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Two women caught at the Yalu | Test Desk</title>
<meta property="og:site_name" content="Test Desk">
<meta property="og:title" content="Two women caught at the Yalu">
<meta property="article:published_time" content="2021-03-09T08:00:00+09:00">
<link rel="canonical" href="https://testdesk.example/news/two-women-caught">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">All the news from the northern border</a></li></ul></nav>
<article><h1>Two women caught at the Yalu</h1>
<p>{p1}</p>
<p>The women were taken to Hyesan, where the city security office questioned them for a week.</p>
</article>
<footer><p>Copyright Test Desk. This site uses cookies to remember your reading preferences.</p></footer>
</body></html>"""


def _jsonl(*objects: dict) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def test_jsonl_documents_keep_fields_and_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        _jsonl(
            {
                "id": "a1",
                "text": EN,
                "published": "2020-04-24",
                "language": "en",
                "url": "https://x.example/a",
                "outlet": "X",
                "title": "T",
            },
            {"text": KO},
        ),
        encoding="utf-8",
    )
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert errors == []
    first, second = docs
    assert (first.id, first.text, first.published, first.language) == ("a1", EN, dt.date(2020, 4, 24), "en")
    assert (first.url, first.outlet, first.title, first.published_precision) == ("https://x.example/a", "X", "T", "day")
    assert first.source == f"{path}:1"
    assert second.source == f"{path}:2"
    assert second.id == text_hash(KO)[:16]
    assert second.language == "ko"
    assert second.published is None and second.published_precision is None


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".JSONL"])
def test_jsonl_endings(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"docs{suffix}"
    path.write_text(_jsonl({"id": "x", "text": EN}), encoding="utf-8")
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert [d.id for d in docs] == ["x"] and errors == []


@pytest.mark.parametrize(
    ("content", "sources"),
    [
        (json.dumps({"id": "one", "text": EN}), ["{path}"]),
        (json.dumps([{"id": "one", "text": EN}, {"id": "two", "text": KO}]), ["{path}[1]", "{path}[2]"]),
        (_jsonl({"id": "one", "text": EN}, {"id": "two", "text": KO}), ["{path}:1", "{path}:2"]),  # JSONL named .json
    ],
    ids=["object", "array", "jsonl-named-json"],
)
def test_json_file(tmp_path: Path, content: str, sources: list[str]) -> None:
    path = tmp_path / "docs.json"
    path.write_text(content, encoding="utf-8")
    docs, errors = split(list(read_inputs([str(path)], SETTINGS)))
    assert errors == []
    assert [d.source for d in docs] == [s.format(path=path) for s in sources]


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE.format(p1=EN), encoding="utf-8")
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.title == "Two women caught at the Yalu"
    assert doc.outlet == "Test Desk"
    assert doc.url == "https://testdesk.example/news/two-women-caught"
    assert doc.published == dt.date(2021, 3, 9) and doc.published_precision == "day"
    assert doc.language == "en"
    assert doc.text.startswith(EN)  # the headline is not repeated as the first line
    assert "questioned them for a week." in doc.text
    assert "\n\n" in doc.text  # paragraphs separated by a blank line
    for boilerplate in ("Home", "All the news", "cookies", "Copyright"):
        assert boilerplate not in doc.text
    assert doc.source == str(path)


@pytest.mark.parametrize(
    ("h1", "dropped"),
    [
        ("Two women caught at the Yalu", True),
        ("Two women caught at the Yalu | Test Desk", True),  # title with the site's name
        ("Caught at the Yalu", True),  # part of the title
        ("Border guards caught two women at the Yalu.", False),  # a sentence, not the headline
        ("Hyesan market news", False),  # another line
    ],
)
def test_html_headline_is_not_kept_in_the_text(tmp_path: Path, h1: str, dropped: bool) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE.format(p1=EN).replace("<h1>Two women caught at the Yalu</h1>", f"<h1>{h1}</h1>"))
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.text.startswith(EN) is dropped
    assert doc.text.startswith(h1) is not dropped


def test_html_date_falls_back_to_the_url(tmp_path: Path) -> None:
    page = (
        HTML_PAGE.format(p1=EN)
        .replace('<meta property="article:published_time" content="2021-03-09T08:00:00+09:00">', "")
        .replace("news/two-women-caught", "news/2019/08/two-women-caught")
    )
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert (doc.published, doc.published_precision) == (dt.date(2019, 8, 31), "month")


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + HTML_PAGE.format(p1=KO)
    path = tmp_path / "page.xhtml"
    path.write_text(page, encoding="utf-8")
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.text.startswith(KO)
    assert doc.language == "ko"  # the Korean paragraph outweighs the English one


@pytest.mark.parametrize(
    ("content", "title"),
    [
        (f"Two women caught at the Yalu\n\n{EN}\n", "Two women caught at the Yalu"),
        (f"두 여성 압록강서 체포\n\n{KO}\n", "두 여성 압록강서 체포"),
        (f"{EN}\n\n{EN}\n", None),  # a sentence, not a title
        (f"Two women caught at the Yalu\n{EN}\n", None),  # no blank line after it
        (f"{EN}\n", None),
        ("A headline that goes on and on " * 8 + f"\n\n{EN}\n", None),  # too long for a title
        (f"By Kim Min-ji\n\n{EN}\n", None),  # a byline
        (f"SEOUL, May 3 --\n\n{EN}\n", None),  # a dateline
        (f"Report\n\n{EN}\n", None),  # one word: a label, not clearly a title
    ],
    ids=[
        "en-title",
        "ko-title",
        "sentence",
        "no-blank-line",
        "single-paragraph",
        "too-long",
        "byline",
        "dateline",
        "one-word",
    ],
)
def test_text_title_only_when_clearly_one(tmp_path: Path, content: str, title: str | None) -> None:
    path = tmp_path / "report.txt"
    path.write_text(content, encoding="utf-8")
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.title == title
    assert doc.text == content.strip()  # the full text is kept, title line included


def test_text_header_block_gives_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        f"Published: 2022-05-06\nURL: https://x.example/a\nOutlet: Test Desk\nID: r-7\n\nHeadline here\n\n{EN}\n",
        encoding="utf-8",
    )
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert (doc.id, doc.published) == ("r-7", dt.date(2022, 5, 6))
    assert (doc.url, doc.outlet) == ("https://x.example/a", "Test Desk")
    assert doc.title == "Headline here"
    assert doc.text == f"Headline here\n\n{EN}"


def test_text_opening_like_a_header_but_not_one_stays_text(tmp_path: Path) -> None:
    content = f"Source: a resident of Hyesan\nDate: sometime in spring\n\n{EN}"
    path = tmp_path / "report.txt"
    path.write_text(content, encoding="utf-8")
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.text == content and doc.published is None


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b'{"text": "x"}\n', "jsonl"),
        (b'\xef\xbb\xbf  \n{"text": "x"}', "jsonl"),
        ('{"text": "x"}'.encode("utf-16"), "jsonl"),
        (b'[{"text": "x"}]', "json"),
        (b'{\n  "text": "x"\n}\n', "json"),  # pretty-printed
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"\n  <html lang='ko'><head><title>t</title></head></html>", "html"),
        (b"<p>Border guards arrested <b>two</b> women.</p>", "text"),
        (EN.encode(), "text"),
        ("<이것은> 본문입니다".encode(), "text"),
    ],
)
def test_sniff(content: bytes, kind: str) -> None:
    assert sniff(content) == kind


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        ("page.php", HTML_PAGE.format(p1=EN), "Two women caught at the Yalu"),
        ("docs.dat", _jsonl({"id": "d", "text": EN, "title": "From JSON"}), "From JSON"),
        ("README", f"Plain headline\n\n{EN}", "Plain headline"),
    ],
)
def test_other_endings_are_sniffed(tmp_path: Path, name: str, content: str, title: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (doc,) = list(read_inputs([str(path)], SETTINGS))
    assert not isinstance(doc, Exception), doc
    assert doc.title == title


@pytest.mark.parametrize(
    ("content", "sources", "title"),
    [
        (_jsonl({"text": EN, "title": "A"}, {"text": KO, "title": "B"}).encode(), ["<stdin>:1", "<stdin>:2"], "A"),
        (json.dumps([{"text": EN, "title": "A"}]).encode(), ["<stdin>[1]"], "A"),
        (HTML_PAGE.format(p1=EN).encode(), ["<stdin>"], "Two women caught at the Yalu"),
        (f"Plain headline\n\n{EN}".encode("utf-16"), ["<stdin>"], "Plain headline"),
    ],
    ids=["jsonl", "json", "html", "text-utf16"],
)
def test_stdin(content: bytes, sources: list[str], title: str) -> None:
    docs, errors = split(list(read_inputs(["-"], SETTINGS, stdin=io.BytesIO(content))))
    assert errors == []
    assert [d.source for d in docs] == sources
    assert docs[0].title == title


def test_full_settings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("short text here", encoding="utf-8")
    strict = Settings(ingest=IngestSettings(min_text_chars=100))
    (item,) = list(read_inputs([str(path)], strict))
    assert isinstance(item, Exception) and "too short" in str(item)
    (item,) = list(read_inputs([str(path)], IngestSettings(min_text_chars=5)))
    assert not isinstance(item, Exception)
