"""Settings: the packaged defaults (``settings.toml``) overlaid by a user file.

A :class:`Settings` is immutable and passed explicitly; there is no global mutable state.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sillok.errors import SettingsError

ENV_VAR = "SILLOK_CONFIG"


@dataclass(frozen=True)
class IngestSettings:
    max_file_mb: float = 40
    min_text_chars: int = 20


@dataclass(frozen=True)
class StoreSettings:
    batch_size: int = 50


@dataclass(frozen=True)
class ExtractSettings:
    languages: tuple[str, ...] = ("en", "ko")


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)


def _build(cls: type, data: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise SettingsError(
            f"{where}: unknown setting(s) {', '.join(unknown)}",
            hint=f"known settings here: {', '.join(sorted(known))}",
        )
    values: dict[str, Any] = {}
    for name, value in data.items():
        spec = known[name]
        default = spec.default_factory() if callable(spec.default_factory) else spec.default
        if is_dataclass(default):
            if not isinstance(value, dict):
                raise SettingsError(f"{where}.{name}: expected a table")
            values[name] = _build(type(default), value, f"{where}.{name}")
        elif isinstance(default, tuple):
            if not isinstance(value, list):
                raise SettingsError(f"{where}.{name}: expected a list")
            values[name] = tuple(value)
        elif not _same_kind(default, value):
            raise SettingsError(f"{where}.{name}: expected {type(default).__name__}, got {value!r}")
        else:
            values[name] = value
    return cls(**values)


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{where}: not valid TOML: {e}") from e


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """The packaged defaults, overlaid by ``path`` (or the file named by $SILLOK_CONFIG)."""
    defaults = _read_toml(resources.files("sillok").joinpath("settings.toml").read_text("utf-8"), "settings.toml")
    path = path or os.environ.get(ENV_VAR) or None
    data = defaults
    if path:
        p = Path(path)
        try:
            user_text = p.read_text("utf-8")
        except OSError as e:
            raise SettingsError(f"{p}: cannot read settings file: {e.strerror}") from e
        data = _merge(defaults, _read_toml(user_text, str(p)))
    return _build(Settings, data, "settings")
