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

DEFAULT_DB = "sillok.db"


def db_option(func: F) -> F:
    """The ``--db PATH`` option every store command takes."""
    return click.option(
        "--db",
        "db_path",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="The Sillok database (one SQLite file).",
    )(func)


def _show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def _progress(label: str, quiet: bool, total: int | None = None) -> Any:
    """A context manager giving a callback ``advance(n)``: a progress bar on stderr (documents/s,
    ETA when the total is known) when stderr is a terminal, nothing when piped or quiet."""
    from contextlib import contextmanager

    @contextmanager
    def bar() -> Any:
        if not _show_progress(quiet):
            yield None
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                return Text(f"{task.speed or 0:,.0f} docs/s")

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total is not None:
            columns += [BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn()]
        else:
            columns += [TextColumn("{task.completed} docs"), Rate(), TimeElapsedColumn()]
        with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task(label, total=total)
            yield lambda n: progress.advance(task, n)

    return bar()


def _documents(paths: tuple[str, ...], settings: Settings, rejected: list[Any]) -> Any:
    """The documents of ``paths`` (``-`` is stdin); each rejected input reported on stderr."""
    from sillok.errors import InputError
    from sillok.ingest import read_inputs

    for item in read_inputs(list(paths), settings.ingest, stdin=sys.stdin.buffer):
        if isinstance(item, InputError):
            rejected.append(item)
            click.echo(f"Rejected: {item}", err=True)
        else:
            yield item


def _open_existing(db_path: str) -> Any:
    from pathlib import Path

    from sillok.errors import StoreError
    from sillok.store import Store

    if not Path(db_path).exists():
        raise StoreError(f"{db_path}: no such database", hint=f"create it with `sillok run PATH... --db {db_path}`")
    return Store.open(db_path)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), help="Documents per transaction [default: settings].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no result line.")
@click.pass_context
@handle_errors
def ingest(ctx: click.Context, paths: tuple[str, ...], db_path: str, batch_size: int | None, quiet: bool) -> None:
    """Store the reports in PATHS (files, folders, - for stdin) in the database.

    The same text again is skipped; a known report id with a new text becomes its next version.
    Exit status 1 when an input was rejected (each one is named on stderr).
    """
    from sillok.store import Store

    settings = get_settings(ctx)
    rejected: list[Any] = []
    with Store.open(db_path) as store, _progress("Ingesting", quiet) as advance:
        result = store.add_documents(
            _documents(paths, settings, rejected), batch_size or settings.store.batch_size, advance
        )
    if not quiet:
        click.echo(
            f"Ingested {result.seen} document(s) into {db_path}: {result.added} new, "
            f"{result.new_versions} new version(s), {result.unchanged} unchanged; {len(rejected)} input(s) rejected."
        )
    sys.exit(1 if rejected else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write JSON Lines here instead of stdout.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
@handle_errors
def extract(ctx: click.Context, paths: tuple[str, ...], output: str, quiet: bool) -> None:
    """Extract incidents from the reports in PATHS as JSON Lines (no database).

    One line per document, in input order: {"doc_id": ..., "incidents": [...]} in the codebook's
    form (plus each quote's character span). Exit status 1 when an input was rejected.
    """
    import json

    from sillok.errors import SillokError
    from sillok.extract import Pipeline

    settings = get_settings(ctx)
    pipeline = Pipeline(settings)
    rejected: list[Any] = []
    try:
        out = sys.stdout.buffer if output == "-" else open(output, "wb")
    except OSError as e:
        raise SillokError(f"{output}: cannot write: {e.strerror}") from e
    try:
        with _progress("Extracting", quiet) as advance:
            for doc in _documents(paths, settings, rejected):
                try:
                    extraction = pipeline.extract(doc)
                except SillokError as e:
                    rejected.append(e)
                    click.echo(f"Rejected: {doc.source or doc.id}: {e}", err=True)
                    continue
                out.write((json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n").encode("utf-8"))
                if advance:
                    advance(1)
    finally:
        if output == "-":
            out.flush()
        else:
            out.close()
    sys.exit(1 if rejected else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--batch-size", type=click.IntRange(min=1), help="Documents per transaction [default: settings].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no result lines.")
@click.pass_context
@handle_errors
def run(ctx: click.Context, paths: tuple[str, ...], db_path: str, batch_size: int | None, quiet: bool) -> None:
    """Ingest the reports in PATHS and extract their incidents into the database.

    Only documents the present extractor version has not read are extracted; incidents a
    reviewer accepted, edited, rejected or added are kept. Exit status 1 when an input was rejected.
    """
    from sillok.extract import Pipeline
    from sillok.store import Store

    settings = get_settings(ctx)
    size = batch_size or settings.store.batch_size
    rejected: list[Any] = []
    with Store.open(db_path) as store:
        with _progress("Ingesting", quiet) as advance:
            ingested = store.add_documents(_documents(paths, settings, rejected), size, advance)
        pipeline = Pipeline(settings)
        todo, _ = store.pending(pipeline)
        with _progress("Extracting", quiet, total=len(todo)) as advance:
            extracted = store.extract(pipeline, size, advance)
        from sillok.merge.store import merge_into_store

        merged = merge_into_store(store.db)
    if not quiet:
        click.echo(
            f"Ingested {ingested.seen} document(s): {ingested.added} new, {ingested.new_versions} new version(s), "
            f"{ingested.unchanged} unchanged; {len(rejected)} input(s) rejected."
        )
        click.echo(
            f"Extracted {extracted.incidents} incident(s) from {extracted.documents} document(s)"
            + (f"; kept {extracted.kept} reviewed incident(s)" if extracted.kept else "")
            + f"; {merged.events_total} event(s) after merging. Database: {db_path}"
        )
    for skipped in extracted.skipped:
        click.echo(f"Not extracted: {skipped}", err=True)
    sys.exit(1 if rejected else 0)


@cli.command()
@db_option
@click.option("--type", "type_", help="Only this incident type (e.g. arrest).")
@click.option("--province", help="Only this province (admin1), any spelling (e.g. Ryanggang, 양강도).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only incidents whose dates reach this day or later.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only incidents whose dates start by this day.")
@click.option("--perpetrator", help="Only this perpetrator code (e.g. mss).")
@click.option("--status", help="Only this review status (machine, accepted, edited, rejected) [default: not rejected].")
@click.option("--document", help="Only incidents of this report id.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many incidents.")
@handle_errors
def incidents(
    db_path: str,
    type_: str | None,
    province: str | None,
    since: Any,
    until: Any,
    perpetrator: str | None,
    status: str | None,
    document: str | None,
    fmt: str,
    limit: int | None,
) -> None:
    """List stored incidents: a table, JSON Lines (codebook form + id, status, doc_id) or CSV."""
    import shutil

    from sillok.export import write_incidents
    from sillok.store import IncidentFilter, resolve_province

    filters = IncidentFilter(
        type=type_,
        province=resolve_province(province) if province else None,
        since=since.date() if since else None,
        until=until.date() if until else None,
        perpetrator=perpetrator,
        status=status,
        document=document,
    )
    with _open_existing(db_path) as store:
        found = store.incidents(filters, limit=limit)
    stdout = sys.stdout
    width = shutil.get_terminal_size().columns if stdout.isatty() else None
    write_incidents(found, stdout, fmt, width)


@cli.command()
@db_option
@handle_errors
def summary(db_path: str) -> None:
    """What the database holds: incidents by type, province and month, the latest five with quotes."""
    import shutil

    from sillok.export import write_summary

    with _open_existing(db_path) as store:
        result = store.summary()
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    write_summary(result, sys.stdout, width)


# ---- section: evaluate --------------------------------------------------------------------------


@cli.command("evaluate")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--docs", "docs_path", type=click.Path(dir_okay=False), help="The documents (JSONL) the gold codes.")
@click.option(
    "--pred",
    "pred_path",
    type=click.Path(dir_okay=False),
    help="Predicted incidents (JSONL, as `sillok extract` writes). Without it, Sillok extracts from --docs.",
)
@click.option("--verbose", "-v", is_flag=True, help="List every missed, spurious and mis-coded incident.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object (as score.py --json).")
@click.pass_context
@handle_errors
def evaluate_cmd(
    ctx: click.Context, gold: str, docs_path: str | None, pred_path: str | None, verbose: bool, as_json: bool
) -> None:
    """Score incidents against a GOLD file, as the codebook's section 5 says.

    Without --pred, runs the extraction on the --docs documents and scores that.
    """
    import json

    from sillok.errors import InputError
    from sillok.evaluate import evaluate_files, format_result

    pipeline = None
    if pred_path is None:
        if docs_path is None:
            raise InputError("--docs", "missing", hint="give documents with --docs DOCS, or a file with --pred PRED")
        from sillok.extract import Pipeline

        pipeline = Pipeline(get_settings(ctx))
    result = evaluate_files(gold, pred_path, docs_path, pipeline=pipeline)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    for line in format_result(result, verbose=verbose):
        click.echo(line)


# ---- section: places ----------------------------------------------------------------------------


@cli.group("places")
def places_group() -> None:
    """The gazetteer: resolve place names, export the places."""


@places_group.command("lookup")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--context",
    "context_names",
    multiple=True,
    metavar="NAME",
    help="Another place the report names (repeatable); settles ambiguous names.",
)
@handle_errors
def places_lookup(names: tuple[str, ...], context_names: tuple[str, ...]) -> None:
    """Resolve NAMEs (any spelling, English or Korean): one JSON line per name. Exit 1 if one fails."""
    import json

    from sillok.places import load_gazetteer
    from sillok.places.export import context_places, lookup_name

    gazetteer = load_gazetteer()
    context = context_places(gazetteer, context_names)
    failed = False
    for name in names:
        result = lookup_name(gazetteer, name, context)
        failed = failed or result.place is None
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    if failed:
        sys.exit(1)


@places_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv"]), default="geojson", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here (default: stdout).")
@handle_errors
def places_export(fmt: str, output: str | None) -> None:
    """Export the gazetteer: GeoJSON points (places with coordinates) or CSV (every place)."""
    from pathlib import Path

    from sillok.errors import InputError
    from sillok.places import load_gazetteer
    from sillok.places.export import export_text

    text = export_text(load_gazetteer(), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputError(output, f"cannot be written: {e.strerror or e}", hint="check the directory exists") from e
    click.echo(f"wrote {output}", err=True)


# ---- section: merge / events --------------------------------------------------------------------


@cli.command("merge")
@click.argument("incidents_path", metavar="INCIDENTS.jsonl", type=click.Path(dir_okay=False))
@click.option("--docs", "docs_path", required=True, type=click.Path(dir_okay=False),
              help="The reports (JSONL) the incidents come from: publication dates, outlets, texts.")  # fmt: skip
@click.option("-o", "--output", default="-", type=click.Path(dir_okay=False, allow_dash=True),
              help="Where to write the incidents with their event ids [default: stdout].")  # fmt: skip
@click.option("--events", "events_path", type=click.Path(dir_okay=False),
              help="Also write the reconciled events (JSONL), with sources and disagreements.")  # fmt: skip
@click.option("--quiet", "-q", is_flag=True, help="No result line on stderr.")
@handle_errors
def merge_cmd(incidents_path: str, docs_path: str, output: str, events_path: str | None, quiet: bool) -> None:
    """Merge incidents of several reports that tell one act: write each with an "event" id."""
    import json

    from sillok.jsonl import read_documents
    from sillok.merge.jsonl import merge_extractions, read_extractions

    lines, events = merge_extractions(read_extractions(incidents_path), read_documents(docs_path))
    with click.open_file(output, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    if events_path:
        with click.open_file(events_path, "w", encoding="utf-8") as out:
            for ev in events:
                out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    if not quiet:
        multi = sum(1 for e in events if e.reports > 1)
        n = sum(len(e.items) for e in events)
        click.echo(f"{n} incidents, {len(events)} events ({multi} told by several reports)", err=True)


@cli.command("events")
@click.option("--db", "db_path", default="sillok.db", show_default=True, type=click.Path(dir_okay=False),
              help="The Sillok database (one SQLite file).")  # fmt: skip
@click.option("--min-reports", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only events told by at least this many reports.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--merge", "do_merge", is_flag=True, help="First merge the incidents not yet in an event.")
@handle_errors
def events_cmd(db_path: str, min_reports: int, fmt: str, do_merge: bool) -> None:
    """List events (acts told by one or more reports), most corroborated first."""
    import json
    from pathlib import Path

    from sillok.errors import StoreError
    from sillok.merge.store import list_events, merge_into_store

    if not Path(db_path).exists():
        raise StoreError(f"{db_path}: no such database", hint=f"create it with `sillok run PATH... --db {db_path}`")
    if do_merge:
        merge_into_store(db_path)
    events = list_events(db_path, min_reports=min_reports)
    if fmt == "json":
        for ev in events:
            click.echo(json.dumps(ev.to_dict(), ensure_ascii=False))
        return
    if not events:
        click.echo("No events." + ("" if do_merge else " (Run `sillok events --merge` to merge incidents.)"))
        return
    click.echo(f"{'event':7} {'type':19} {'date':23} {'place':32} {'n':>4} {'rep':>3} {'src':>3}  disagree")
    for ev in events:
        date = "" if not ev.date_start else ev.date_start + ("" if ev.date_end == ev.date_start else f"..{ev.date_end}")
        place = " / ".join(p for p in (ev.admin1 or ev.country, ev.admin2) if p)
        count = "" if ev.victims_count is None else str(ev.victims_count)
        click.echo(
            f"{ev.key:7} {ev.type:19} {date:23} {place[:32]:32} {count:>4} {ev.reports:>3} {ev.sources:>3}  "
            + ",".join(ev.disagreements)
        )


# ---- section: serve / users ---------------------------------------------------------------------

_WEB_DB_HELP = "The Sillok database (one SQLite file)."
_web_db_option = click.option(
    "--db", "db_path", default="sillok.db", show_default=True, type=click.Path(dir_okay=False), help=_WEB_DB_HELP
)


@cli.command()
@click.argument("db", required=False, type=click.Path(dir_okay=False))
@click.option("--db", "db_option_path", type=click.Path(dir_okay=False), help=_WEB_DB_HELP + " [default: sillok.db]")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless given).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--public-read", is_flag=True, help="Let anyone read without logging in (reviewing still needs one).")
@handle_errors
def serve(db: str | None, db_option_path: str | None, host: str, port: int, public_read: bool) -> None:
    """Review and explore the incidents in the browser (log in with an account from `sillok users add`)."""
    from sillok.web.app import prepare_database
    from sillok.web.app import serve as run_server

    path = prepare_database(db or db_option_path or "sillok.db")
    from sillok.store import Store
    from sillok.web.users import list_users

    with Store.open(path) as store:
        if not list_users(store.db):
            click.echo("No accounts yet: add one with `sillok users add NAME --role admin`.", err=True)
    click.echo(f"Sillok on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run_server(path, host=host, port=port, public_read=public_read)


@cli.group()
def users() -> None:
    """Accounts for the browser interface: viewer (reads), reviewer (reviews), admin (manages users)."""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["viewer", "reviewer", "admin"]), help="What the user may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@_web_db_option
@handle_errors
def users_add(name: str, role: str, password_stdin: bool, db_path: str) -> None:
    """Add an account (the password is asked for, or read from stdin)."""
    from sillok.store import Store
    from sillok.web.app import prepare_database
    from sillok.web.users import add_user

    path = prepare_database(db_path)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with Store.open(path) as store:
        user = add_user(store.db, name, role, password)
    click.echo(f"Added {user.name} ({user.role}).")


@users.command("list")
@_web_db_option
@handle_errors
def users_list(db_path: str) -> None:
    """List the accounts and their roles."""
    from sillok.store import Store
    from sillok.web.app import prepare_database
    from sillok.web.users import list_users

    with Store.open(prepare_database(db_path)) as store:
        for user in list_users(store.db):
            click.echo(f"{user.name}\t{user.role}\t{user.created_at}")


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
