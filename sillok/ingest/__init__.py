"""Ingest: files, directories and standard input to :class:`~sillok.models.Document` s.

Formats (JSON Lines, JSON, HTML via trafilatura, plain text), encodings (UTF-8/16/32, EUC-KR/CP949,
Windows-1252; never mojibake), language (English or Korean), and the publication date from the URL
when a document has none. Rejected inputs come out as :class:`~sillok.errors.InputError` items::

    for item in read_inputs(paths, settings.ingest, stdin=sys.stdin.buffer):
        if isinstance(item, InputError): ...   # report it, go on
        else: ...                              # a Document
"""

from __future__ import annotations

from sillok.ingest.dates import Published, date_from_url, parse_published
from sillok.ingest.decode import Decoded, DecodeError, clean_text, decode_bytes
from sillok.ingest.language import detect_language
from sillok.ingest.reader import STDIN_NAME, read_inputs

__all__ = [
    "STDIN_NAME",
    "DecodeError",
    "Decoded",
    "Published",
    "clean_text",
    "date_from_url",
    "decode_bytes",
    "detect_language",
    "parse_published",
    "read_inputs",
]
