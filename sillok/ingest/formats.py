"""One input's bytes to documents: JSON (Lines), HTML pages and plain text.

Every function here raises :class:`~sillok.errors.InputError` naming the input and the reason for
a document it rejects; the reader (:mod:`sillok.ingest.reader`) turns them into yielded errors.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from typing import IO, Any

from sillok.errors import InputError
from sillok.ingest.dates import Published, date_from_url, parse_published
from sillok.ingest.decode import (
    DecodeError,
    binary_kind,
    bom_encoding,
    clean_text,
    declared_charset,
    decode_bytes,
    utf16_without_bom,
)
from sillok.ingest.language import detect_language
from sillok.models import LANGUAGES, Document, text_hash
from sillok.settings import IngestSettings

#: Formats by file-name ending; any other ending is sniffed, then read as plain text.
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}

#: Spellings of the two languages accepted in a document's ``language``.
_LANGUAGE_ALIASES = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "ko": "ko",
    "kor": "ko",
    "kr": "ko",
    "korean": "ko",
    "한국어": "ko",
    "조선어": "ko",
}
#: Bad lines, with no document read yet, after which a JSON Lines input is given up.
MAX_BAD_LINES = 100

_HTML_RE = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<article[\s>]", re.IGNORECASE
)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def limit_bytes(settings: IngestSettings) -> int:
    """``settings.max_file_mb`` in bytes."""
    return int(settings.max_file_mb * 1024 * 1024)


def sniff(head: bytes) -> str:
    """``"jsonl"``, ``"json"``, ``"html"`` or ``"text"`` from the first bytes of an input.

    JSON Lines when the first non-blank character is ``{`` (JSON when that ``{`` stands alone on its
    line: a pretty-printed object), JSON when it is ``[``, HTML when a
    document-level tag (doctype, ``<html>``, ``<head>``, ``<body>``, ``<meta>``...) appears in the
    first kilobytes; plain text otherwise.
    """
    encoding = bom_encoding(head[:4]) or (utf16_without_bom(head) if b"\x00" in head else None) or "utf-8"
    text = codecs.decode(head, encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        first_line = text.split("\n", 1)[0].strip()
        return "json" if first_line == "{" else "jsonl"  # a pretty-printed object is one JSON value
    if text.startswith("["):
        return "json"
    ascii_head = text[:4096].encode("ascii", errors="ignore")
    if (text.startswith("<") and _HTML_RE.search(ascii_head)) or _HTML_RE.search(ascii_head[:1024]):
        return "html"
    return "text"


# ---- the document ----------------------------------------------------------------------------


def _language(value: Any, source: str, line: int | None) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(source, f"language {value!r} is not a string", line)
    key = value.strip().lower().replace("_", "-").split("-")[0]
    language = _LANGUAGE_ALIASES.get(key)
    if language is None:
        raise InputError(
            source,
            f"language {value!r} is not one Sillok reads ({', '.join(LANGUAGES)})",
            line,
            hint="give 'en' or 'ko', or leave language out to have it detected",
        )
    return language


def build_document(
    source: str,
    text: str,
    settings: IngestSettings,
    *,
    line: int | None = None,
    doc_id: str | None = None,
    published: Published | None = None,
    language: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Document:
    """A checked :class:`Document`: clean text long enough, a language, an id, a publication date.

    ``source`` names the input (``line`` its line); the document's own ``source`` is
    ``source:line``. Without ``doc_id`` the id is the first 16 hex digits of the text's hash; without
    ``published`` the date in ``url`` (see :mod:`sillok.ingest.dates`) stands in; without
    ``language`` it is detected.
    """
    text = clean_text(text)
    if not text:
        raise InputError(source, "the document has no text", line)
    if len(text) < settings.min_text_chars:
        raise InputError(
            source,
            f"the text is too short ({len(text)} characters; the least is {settings.min_text_chars})",
            line,
            hint="the least length is the setting ingest.min_text_chars",
        )
    if language is None:
        language = detect_language(text)
        if language is None:
            raise InputError(source, "the text is neither English nor Korean (too few Latin or Hangul letters)", line)
    if published is None:
        published = date_from_url(url)
    return Document(
        id=doc_id if doc_id else text_hash(text)[:16],
        text=text,
        published=published.date if published else None,
        language=language,
        url=url or None,
        outlet=outlet or None,
        title=clean_text(title) or None if title else None,
        source=f"{source}:{line}" if line is not None else source,
        published_precision=published.precision if published else None,
    )


def _string_field(data: dict[str, Any], key: str, source: str, line: int | None) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(source, f'"{key}" is {_json_kind(value)}, not a string', line)
    return str(value).strip() or None


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "null"
    return "a string"


def document_from_object(data: Any, source: str, settings: IngestSettings, line: int | None = None) -> Document:
    """A document from a decoded JSON value in the codebook's form (``id``, ``text``, ``published``,
    ``language``, ``url``, ``outlet``, ``title``; other keys are ignored)."""
    if not isinstance(data, dict):
        raise InputError(source, f"{_json_kind(data)} where a document object was expected", line)
    text = data.get("text")
    if text is None:
        raise InputError(source, 'the document has no "text"', line)
    if not isinstance(text, str):
        raise InputError(source, f'"text" is {_json_kind(text)}, not a string', line)
    try:
        published = parse_published(data.get("published"))
    except ValueError as e:
        raise InputError(source, str(e), line, hint="give published as YYYY-MM-DD, or null") from e
    url = _string_field(data, "url", source, line)
    return build_document(
        source,
        text,
        settings,
        line=line,
        doc_id=_string_field(data, "id", source, line),
        published=published,
        language=_language(data.get("language"), source, line),
        url=url,
        outlet=_string_field(data, "outlet", source, line),
        title=_string_field(data, "title", source, line),
    )


# ---- JSON and JSON Lines ---------------------------------------------------------------------


def _lines(stream: IO[Any], limit: int) -> Iterator[tuple[int, Any]]:
    """(line number, line) of ``stream``; a line longer than ``limit`` comes as ``None`` and is skipped
    without being held in memory."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > limit and not line.endswith(newline):
            while True:  # skip the rest of the overlong line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(newline):
                    break
            yield number, None
            continue
        yield number, line


def jsonl_documents(stream: IO[bytes], source: str, settings: IngestSettings) -> Iterator[Document | InputError]:
    """Documents of a JSON Lines stream, read line by line; a bad line is yielded as an error and
    the next is read. UTF-8 (with or without BOM) per line; UTF-16/32 when the stream starts so."""
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    head = stream.peek(4096)[:4096]  # type: ignore[attr-defined]
    kind = binary_kind(head)
    if kind:
        yield InputError(source, f"binary file ({kind}), not JSON Lines")
        return
    encoding = bom_encoding(head[:4]) or (utf16_without_bom(head) if b"\x00" in head else None)
    if b"\x00" in head and encoding is None:
        yield InputError(source, "binary file (contains NUL bytes), not JSON Lines")
        return
    limit = limit_bytes(settings)
    lines: Iterator[tuple[int, Any]]
    if encoding and encoding != "utf-8":
        # Let the codec consume the byte-order mark: utf-16/utf-32 without an endianness.
        codec = encoding if not bom_encoding(head[:4]) else encoding.rsplit("-", 1)[0]
        lines = _lines(io.TextIOWrapper(stream, encoding=codec, errors="strict", newline="\n"), limit)
    else:
        lines = _lines(stream, limit)
    documents = bad = 0
    number = 0
    try:
        for number, raw in lines:
            if raw is None:
                bad += 1
                yield InputError(source, f"the line is longer than the {settings.max_file_mb:g} MB limit", number)
                continue
            result = _jsonl_line(raw, number, source, settings)
            if result is None:
                continue
            if isinstance(result, InputError):
                bad += 1
                yield result
                if bad >= MAX_BAD_LINES and documents == 0:
                    reason = f"no document in the first {bad} bad lines; stopped reading (is it JSON Lines?)"
                    yield InputError(source, reason)
                    return
            else:
                documents += 1
                yield result
    except UnicodeDecodeError:
        yield InputError(source, f"not valid {encoding} text after line {number}; stopped reading", number + 1)
        return
    if documents == 0 and bad == 0:
        yield InputError(source, "no documents in the file (only blank lines)" if number else "empty file")


def _jsonl_line(raw: bytes | str, number: int, source: str, settings: IngestSettings) -> Document | InputError | None:
    if isinstance(raw, bytes):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = decode_bytes(raw).text
            except DecodeError as e:
                return InputError(source, f"not UTF-8 text ({e})", number)
    else:
        text = raw.lstrip("\ufeff")
        if not text.strip():
            return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        return InputError(source, f"invalid JSON: {e.msg} (column {e.colno})", number)
    try:
        return document_from_object(value, source, settings, line=number)
    except InputError as e:
        return e


def json_documents(data: bytes, source: str, settings: IngestSettings) -> Iterator[Document | InputError]:
    """Documents of a JSON file holding one document object or an array of them; a file that is
    JSON Lines under a ``.json`` name is read as JSON Lines."""
    try:
        text = decode_bytes(data).text
    except DecodeError as e:
        yield InputError(source, str(e))
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from jsonl_documents(io.BytesIO(text.encode("utf-8")), source, settings)
            return
        yield InputError(source, f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})")
        return
    if isinstance(value, list):
        if not value:
            yield InputError(source, "an empty JSON array: no documents")
        for i, item in enumerate(value, start=1):
            try:
                yield document_from_object(item, f"{source}[{i}]", settings)
            except InputError as e:
                yield e
        return
    try:
        yield document_from_object(value, source, settings)
    except InputError as e:
        yield e


# ---- HTML ------------------------------------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"[.!?。…\"”’)\]]\s*$|[.!?。](?=\s)|다\s*$")


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _is_headline(line: str, title: str) -> bool:
    """Whether the first extracted line is the page's headline: the title itself, or a short line
    without a sentence's end that the title contains or that contains the title ("Title | Site")."""
    line_f, title_f = _fold(line), _fold(title)
    if not line_f or not title_f:
        return False
    if line_f == title_f:
        return True
    short = len(line) <= 200 and not re.search(r"[.!?。]\s*$", line)
    return short and (line_f in title_f or title_f in line_f)


def html_document(data: bytes, source: str, settings: IngestSettings) -> Document:
    """The main text and metadata of an HTML page, with trafilatura.

    Title, publication date (the page's metadata: ``article:published_time``, ``<time>``,
    JSON-LD... not dates in the running text), URL (canonical or ``og:url``) and site name (as the
    outlet). The article's paragraphs are joined by blank lines; a first line repeating the title
    (the headline) is dropped. A page whose extracted text has no sentence (navigation links only)
    has no article and is rejected.
    """
    try:
        text = decode_bytes(data, declared=declared_charset(data[:4096])).text
    except DecodeError as e:
        raise InputError(source, str(e)) from e
    text = _XML_DECL_RE.sub("", text, count=1)
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # trafilatura/lxml raise many kinds on malformed pages
        raise InputError(source, f"cannot parse the HTML page: {e}") from e
    body = getattr(extracted, "text", None) if extracted is not None else None
    paragraphs = [p.strip() for p in (body or "").split("\n") if p.strip()]
    title = getattr(extracted, "title", None)
    if paragraphs and title and _is_headline(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    if not any(_SENTENCE_END_RE.search(p) and len(p) >= 20 for p in paragraphs):
        raise InputError(source, "no article text found in the HTML page (only navigation or boilerplate)")
    published: Published | None = None
    date = getattr(extracted, "date", None)
    if date:
        try:
            published = parse_published(date)
        except ValueError:
            published = None
    return build_document(
        source,
        "\n\n".join(paragraphs),
        settings,
        published=published,
        url=getattr(extracted, "url", None),
        outlet=getattr(extracted, "sitename", None),
        title=title,
    )


# ---- plain text ------------------------------------------------------------------------------

_HEADER_RE = re.compile(r"^(title|published|date|url|outlet|language|id)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_TITLE_END_RE = re.compile(r"[.!?。,;:]\s*$")
_NOT_TITLE_RE = re.compile(r"^(?:By|BY|Posted|Updated)\s|(?:--|—|–)\s*$")


def _header(lines: list[str]) -> tuple[dict[str, str], int]:
    """A leading ``Key: value`` block (title, published/date, url, outlet, language, id) ended by a
    blank line: its fields and the number of lines it takes (0 when there is none). It counts only
    when every line of the block is such a field and it names a date or a URL."""
    fields: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if fields and ({"published", "date", "url"} & fields.keys()):
                return fields, i + 1
            return {}, 0
        m = _HEADER_RE.match(line)
        if not m:
            return {}, 0
        fields[m.group(1).lower()] = m.group(2)
    return {}, 0


def _title(lines: list[str]) -> str | None:
    """The first line, when it is clearly a title: short (2 to 30 words, at most 200 characters),
    not ending like a sentence or clause, not a byline ("By ...") or dateline ("SEOUL, May 3 --"),
    followed by a blank line and more text."""
    if len(lines) < 3 or lines[1].strip() or not any(line.strip() for line in lines[2:]):
        return None
    first = lines[0].strip()
    words = len(first.split())
    if not 2 <= words <= 30 or len(first) > 200 or _TITLE_END_RE.search(first) or _NOT_TITLE_RE.search(first):
        return None
    return first


def text_document(data: bytes, source: str, settings: IngestSettings) -> Document:
    """A plain-text report. The whole text is the document's text; its first line is also the title
    when it is clearly one. An optional header block of ``Key: value`` lines (``Title:``,
    ``Published:``, ``URL:``, ``Outlet:``, ``Language:``, ``ID:``) ended by a blank line gives the
    metadata and is not part of the text."""
    try:
        text = clean_text(decode_bytes(data).text)
    except DecodeError as e:
        raise InputError(source, str(e)) from e
    lines = text.split("\n")
    fields, taken = _header(lines)
    if taken:
        text = "\n".join(lines[taken:]).strip()
        lines = text.split("\n")
    try:
        published = parse_published(fields.get("published") or fields.get("date"))
    except ValueError as e:
        raise InputError(source, f"header: {e}", hint="write the header line as 'Published: YYYY-MM-DD'") from e
    return build_document(
        source,
        text,
        settings,
        doc_id=fields.get("id"),
        published=published,
        language=_language(fields.get("language"), source, None),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        title=fields.get("title") or _title(lines),
    )
