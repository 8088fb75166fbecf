"""The ``sillok`` command. Thin: each command parses its options, calls the library, and turns
Sillok's own exceptions into a message with a hint (exit status 2; 1 when inputs were rejected)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from sillok import __version__
from sillok.errors import SillokError
from sillok.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn a :class:`SillokError` into ``Error: message`` and ``Hint: ...`` on stderr, exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SillokError as e:
            click.secho(f"Error: {e}", fg="red", err=True)
            if e.hint:
                click.echo(f"Hint: {e.hint}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def get_settings(ctx: click.Context) -> Settings:
    obj = ctx.ensure_object(dict)
    if "settings" not in obj:
        obj["settings"] = load_settings(obj.get("config"))
    return obj["settings"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sillok")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    envvar="SILLOK_CONFIG",
    help="A settings file (TOML) that overlays the packaged defaults.",
)
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """Sillok: incident records from reports on North Korea's control of movement and dissent.

    Read reports (ingest), turn each reported act into a codebook record (extract), keep them in
    one SQLite file, review them in the browser (serve), merge reports of one act (merge).
    """
    ctx.ensure_object(dict)["config"] = config


# ---- section: ingest / extract / run / incidents / summary (store & CLI) ----------------------

# ---- section: evaluate --------------------------------------------------------------------------

# ---- section: places ----------------------------------------------------------------------------

# ---- section: merge / events --------------------------------------------------------------------

# ---- section: serve / users ---------------------------------------------------------------------


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
