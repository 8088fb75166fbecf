"""The English lexicon files: versioned, validated, errors naming the file and the entry."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from sillok.errors import LexiconError
from sillok.extract.en.lexicon import FILES, load_lexicon
from sillok.models import TYPES


def copy_lexicon(tmp_path: Path) -> Path:
    source = resources.files("sillok.extract.en").joinpath("data")
    for name in FILES:
        (tmp_path / name).write_text(source.joinpath(name).read_text("utf-8"), "utf-8")
    return tmp_path


def test_packaged_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex.version and all(part.count(".") == 2 for part in lex.version.split("+"))
    assert {t.type for t in lex.triggers} == set(TYPES)
    assert {c.code for c in lex.agents} >= {"mss", "mps", "border_guard", "china", "state"}


def test_copy_loads_from_directory(tmp_path: Path) -> None:
    assert load_lexicon(copy_lexicon(tmp_path)).version == load_lexicon().version


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("triggers.toml", "[[arrest]]", "[[arest]]", "arest"),
        ("triggers.toml", "{BE}{ADV}", "{NOPE}", "unknown macro"),
        ("triggers.toml", '\nvoice = "passive"', '\nvoice = "sideways"', "voice"),
        ("agents.toml", 'code = "mss"', 'code = "kgb"', "agent[3]"),
        ("reasons.toml", 'code = "drugs"', 'code = "narcotics"', "reasons.toml"),
        ("cues.toml", "negation = ", "negatio = ", "negation"),
        ("reasons.toml", 'version = "', 'versio = "', "version"),
        ("agents.toml", "Group\\\\s+109", "Group\\\\s+109(", "invalid regular expression"),
    ],
)
def test_bad_entries_are_named(tmp_path: Path, name: str, old: str, new: str, message: str) -> None:
    folder = copy_lexicon(tmp_path)
    path = folder / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(folder)
    assert name in str(err.value)
    assert message in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    folder = copy_lexicon(tmp_path)
    (folder / "agents.toml").unlink()
    with pytest.raises(LexiconError, match=r"agents\.toml"):
        load_lexicon(folder)
    shutil.rmtree(folder)
