"""Inputs to documents: paths (files and directories, in a fixed order) and standard input.

:func:`read_inputs` yields each :class:`~sillok.models.Document` read, and each rejected input as
an :class:`~sillok.errors.InputError` (yielded, not raised), so that one bad file or line never
stops a batch.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from sillok.errors import InputError
from sillok.ingest.formats import (
    EXTENSIONS,
    html_document,
    json_documents,
    jsonl_documents,
    limit_bytes,
    sniff,
    text_document,
)
from sillok.models import Document
from sillok.settings import IngestSettings, Settings

#: The name standard input goes by in documents' ``source`` and in errors.
STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 65536


def read_inputs(
    paths: Sequence[str],
    settings: IngestSettings | Settings,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Documents of the inputs, in order, with rejected inputs as :class:`InputError` items.

    ``paths`` are read in the order given; a directory is read recursively, its files sorted by
    path components (``b/a.txt`` before ``b.txt``: a folder's files stay together), hidden files and
    folders (name starting with ``.``) skipped; ``-`` is standard input (``stdin``, else the
    process's), its format sniffed. The format of a file goes by its ending (``.jsonl``/``.ndjson``,
    ``.json``, ``.html``/``.htm``/``.xhtml``, ``.txt``/``.text``/``.md``); any other ending is
    sniffed (JSON Lines, JSON, HTML, else plain text).

    A file larger than ``max_file_mb`` is rejected before it is read, except JSON Lines, which
    are read line by line whatever their size (a single line may not exceed the limit).
    """
    ingest = settings.ingest if isinstance(settings, Settings) else settings
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:
                yield InputError(STDIN_NAME, "standard input is not available")
            else:
                yield from _read_stdin(stream, ingest)
        else:
            yield from _read_path(path, ingest)


def _read_path(path: str, settings: IngestSettings) -> Iterator[Document | InputError]:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield InputError(path, "no such file or directory")
        return
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror}")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_directory(path, settings)
    else:
        yield from _read_file(path, settings, info)


def _read_directory(root: str, settings: IngestSettings) -> Iterator[Document | InputError]:
    errors: list[InputError] = []

    def onerror(e: OSError) -> None:
        errors.append(InputError(e.filename or root, f"cannot read the directory: {e.strerror}"))

    files: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        files.extend(os.path.join(dirpath, f) for f in filenames if not f.startswith("."))
    yield from errors
    if not files:
        if not errors:
            yield InputError(root, "no files in the directory (hidden files and folders are skipped)")
        return
    for file in sorted(files, key=lambda p: Path(p).parts):
        yield from _read_path(file, settings)


def _read_file(path: str, settings: IngestSettings, info: os.stat_result) -> Iterator[Document | InputError]:
    if not stat.S_ISREG(info.st_mode):
        yield InputError(path, "not a regular file")
        return
    kind = EXTENSIONS.get(Path(path).suffix.lower())
    try:
        if kind is None and info.st_size > 0:
            with open(path, "rb") as stream:
                kind = sniff(stream.read(_SNIFF_BYTES))
        if kind == "jsonl":  # streamed: no size limit but per line
            with open(path, "rb") as stream:
                yield from jsonl_documents(stream, path, settings)
            return
        if info.st_size > limit_bytes(settings):
            yield _too_large(path, info.st_size, settings)
            return
        if info.st_size == 0:
            yield InputError(path, "empty file")
            return
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror}")
        return
    yield from _documents(data, kind or "text", path, settings)


def _too_large(source: str, size: int, settings: IngestSettings) -> InputError:
    mb = size / (1024 * 1024)
    return InputError(
        source,
        f"the input is {mb:.1f} MB, larger than the {settings.max_file_mb:g} MB limit",
        hint="split it, give it as JSON Lines (read line by line), or raise ingest.max_file_mb in a settings file",
    )


def _documents(data: bytes, kind: str, source: str, settings: IngestSettings) -> Iterator[Document | InputError]:
    if kind == "json":
        yield from json_documents(data, source, settings)
        return
    try:
        if kind == "html":
            yield html_document(data, source, settings)
        else:
            yield text_document(data, source, settings)
    except InputError as e:
        yield e


class _Prefixed(io.RawIOBase):
    """A raw stream giving ``prefix`` first, then the rest of ``rest``."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(view))
        if not data:
            return 0
        view[: len(data)] = data
        return len(data)


def _read_stdin(stream: BinaryIO, settings: IngestSettings) -> Iterator[Document | InputError]:
    try:
        head = stream.read(_SNIFF_BYTES)
    except OSError as e:
        yield InputError(STDIN_NAME, f"cannot read: {e.strerror}")
        return
    if not head:
        yield InputError(STDIN_NAME, "empty input")
        return
    kind = sniff(head)
    if kind == "jsonl":
        yield from jsonl_documents(io.BufferedReader(_Prefixed(head, stream)), STDIN_NAME, settings)
        return
    limit = limit_bytes(settings)
    rest = stream.read(max(0, limit + 1 - len(head)))
    data = head + rest
    if len(data) > limit:
        yield _too_large(STDIN_NAME, len(data), settings)
        return
    yield from _documents(data, kind, STDIN_NAME, settings)
