"""Sillok's own exceptions. The CLI turns each into a message and, where there is one, a hint."""

from __future__ import annotations


class SillokError(Exception):
    """Base of every error Sillok raises on purpose."""

    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class ValidationError(SillokError, ValueError):
    """A value does not fit the codebook (an unknown type, a malformed date...)."""


class InputError(SillokError):
    """An input (file, line, document) that cannot be read. Names the input and the reason."""

    def __init__(self, source: str, reason: str, line: int | None = None, hint: str | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}", hint)


class SettingsError(SillokError):
    """A settings file that cannot be read or holds unknown keys or bad values."""


class LexiconError(SillokError):
    """A lexicon data file that does not validate."""


class StoreError(SillokError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(SillokError):
    """A record asked for by id does not exist."""


class ConflictError(SillokError):
    """A change based on a stale version of a record (another reviewer saved first)."""
