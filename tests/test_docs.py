"""Every ``sillok`` command is documented in README.md's Commands section."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from sillok.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def command_names(group: click.Group, prefix: str = "sillok") -> list[str]:
    """``sillok NAME`` for every command, subcommands of groups included (recursively)."""
    names = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        full = f"{prefix} {name}"
        names.append(full)
        if isinstance(command, click.Group):
            names.extend(command_names(command, full))
    return names


def commands_section(text: str) -> str:
    match = re.search(r"^## Commands\s*$(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    if not match:
        pytest.fail(f"{README} has no '## Commands' section")
    return match.group(1)


def documented(section: str, name: str) -> bool:
    """The command appears in backticks, followed by its arguments or the closing backtick."""
    return re.search(r"`" + re.escape(name) + r"(?=[\s`\[])", section) is not None


def test_the_walk_finds_the_main_commands() -> None:
    names = command_names(cli)
    for name in ("sillok ingest", "sillok extract", "sillok run", "sillok incidents", "sillok summary"):
        assert name in names


def test_documented_needs_the_whole_command_name() -> None:
    section = "- `sillok events [--db PATH]` lists events\n- `sillok run PATH...`\n"
    assert documented(section, "sillok events")
    assert documented(section, "sillok run")
    assert not documented(section, "sillok event")
    assert not documented(section, "sillok merge")
    assert not documented("sillok merge is mentioned but not as a command", "sillok merge")


def test_every_command_is_in_the_readme() -> None:
    section = commands_section(README.read_text(encoding="utf-8"))
    missing = [name for name in command_names(cli) if not documented(section, name)]
    assert not missing, f"not documented in README.md's Commands section: {', '.join(missing)}"
