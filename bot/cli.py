"""`timeline-bot`: ingest, ask, chat, run, dates, db, stats, export, rebuild.

Heavy imports (Telegram, the extractor, trafilatura) happen inside the commands
that need them, so `ask` starts fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Annotated

import typer

from bot.config import ConfigError, Settings, StartupError, load_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Timeline Bot: a dated, sourced timeline of a news story, on Telegram and here.",
)
db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
app.add_typer(db_app, name="db")


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


def _note(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files (.txt, .md, .html) or folders")
    ],
    outlet: Annotated[str | None, typer.Option(help="Outlet of a single file")] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date of a single file, e.g. 2025-10-07T09:30+03:00"),
    ] = None,
    url: Annotated[str | None, typer.Option(help="The address of a single file")] = None,
) -> None:
    """Add articles to the timeline; folders use their manifest.toml."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import ArticleMeta, collect_articles, refuse_shared_meta
    from bot.startup import open_timeline

    settings = _settings()
    meta = ArticleMeta(outlet=outlet, published=published, url=url)
    try:
        refuse_shared_meta(paths, meta)
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    engine = open_timeline(settings, seed=False, say=_note)
    items = list(collect_articles(paths, meta))
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Ingesting", total=len(items))
        report = ingest_articles(
            engine, items, on_item=lambda name: progress.update(task, advance=1, description=name)
        )
    table = Table(title="Ingest", show_header=False)
    table.add_row("articles added", str(len(report.added)))
    table.add_row("skipped as duplicates", str(len(report.duplicates)))
    table.add_row("rejected", str(len(report.rejected)))
    table.add_row("events found (new / merged)", f"{report.events_new} / {report.events_merged}")
    table.add_row("people found", str(len(report.people)))
    table.add_row("quotes found", str(report.quotes))
    Console().print(table)
    for rejection in report.rejected:
        Console().print(
            f"[red]rejected[/red] {rejection.source_name}: {rejection.reason}",
            markup=True,
            highlight=False,
        )
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def ask(
    command: Annotated[str, typer.Argument(help='A bot command, e.g. "/who Witkoff"')],
    html: Annotated[bool, typer.Option("--html", help="Print the HTML the bot would send")] = False,
) -> None:
    """Print the bot's full answer to one command (every page)."""
    from bot.console import ask as ask_bot
    from bot.console import format_reply
    from bot.startup import open_timeline

    engine = open_timeline(_settings(), say=_note)
    typer.echo(format_reply(ask_bot(engine, command), as_html=html))


@app.command()
def chat() -> None:
    """An interactive console that speaks the bot's commands."""
    from bot.console import run_console
    from bot.startup import open_timeline

    run_console(open_timeline(_settings(), say=_note))


@app.command()
def run() -> None:
    """Run the Telegram bot (polling, or a webhook when WEBHOOK_URL is set).

    With no TELEGRAM_BOT_TOKEN, opens the console chat instead.
    """
    from bot.startup import configure_logging, open_timeline

    settings = _settings()
    if settings.telegram_bot_token is None:
        # The console is a conversation, not a service: no log lines between the answers.
        _note("TELEGRAM_BOT_TOKEN is not set: opening the local console chat instead.")
        from bot.console import run_console

        run_console(open_timeline(settings, say=_note))
        return
    configure_logging(settings)
    from handlers.app import check_bot_api, run_bot

    # Before the timeline: a wrong TELEGRAM_BASE_URL is told at once, not after the seeds.
    check_bot_api(settings)
    run_bot(settings, open_timeline(settings, say=_note))


@app.command()
def dates(
    text: Annotated[str, typer.Argument(help="A sentence or paragraph")],
    published: Annotated[str, typer.Option(help="Publication date of the text, e.g. 2024-10-28")],
    json: Annotated[bool, typer.Option("--json", help="Print a JSON list")] = False,
) -> None:
    """Show the time expressions the resolver finds in TEXT and how it dates them."""
    from bot.dates_cli import dates_command

    output, status = dates_command(text, published, json)
    typer.echo(output, err=status != 0)
    raise typer.Exit(status)


@app.command()
def stats() -> None:
    """Articles, events, people and subscriptions in the timeline."""
    from rich.console import Console
    from rich.table import Table

    settings = _settings()
    from bot.startup import open_timeline
    from bot.store.database import session_scope
    from bot.timeline.stats import timeline_stats

    engine = open_timeline(settings, seed=False, say=_note)
    with session_scope(engine) as session:
        figures = timeline_stats(session)
    table = Table(title="Timeline", show_header=False)
    for name, value in figures.items():
        table.add_row(name, str(value))
    Console().print(table)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="Output format: json")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output")
    ] = None,
    include_hidden: Annotated[
        bool, typer.Option("--include-hidden", help="Keep items editors hid, marked hidden")
    ] = False,
) -> None:
    """Write the whole timeline for other tools (JSON: rounds, events, people, quotes)."""
    if format != "json":
        typer.echo(f"Unknown export format '{format}': the formats are json.", err=True)
        raise typer.Exit(2)
    from bot.export.timeline_json import dumps, export_timeline
    from bot.startup import open_timeline
    from bot.store.database import session_scope

    settings = _settings()
    engine = open_timeline(settings, say=_note)
    with session_scope(engine) as session:
        text = dumps(
            export_timeline(session, story=settings.story, include_hidden=include_hidden)
        )
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        typer.echo(f"Cannot write {output}: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None
    _note(f"Wrote the timeline to {output}")


@app.command()
def rebuild(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change, change nothing")
    ] = False,
) -> None:
    """Read every stored article again with today's extractor and replace the timeline."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from sqlalchemy import func
    from sqlmodel import select

    from bot.startup import open_timeline
    from bot.store.database import session_scope
    from bot.store.models import Article
    from bot.store.rebuild import rebuild as rebuild_timeline

    engine = open_timeline(_settings(), seed=False, say=_note)
    with session_scope(engine) as session:
        total = session.exec(select(func.count(Article.id))).one()
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=Console(stderr=True), transient=True,
    ) as progress:
        task = progress.add_task("Reading again", total=total)
        report = rebuild_timeline(
            engine, dry_run=dry_run,
            on_article=lambda name: progress.update(task, advance=1, description=name[:40]),
        )
    typer.echo(format_rebuild(report))


def format_rebuild(report, *, listed: int = 20) -> str:
    verb = "Would change" if report.dry_run else "Rebuilt"
    lines = [f"{verb}: {report.articles} articles read again."]
    for title, changes in (("Rounds", report.rounds), ("Other events", report.events)):
        lines.append(
            f"{title}: {len(changes.added)} added, {len(changes.removed)} removed, "
            f"{len(changes.changed)} changed"
        )
        for sign, items in (("+", changes.added), ("-", changes.removed), ("~", changes.changed)):
            lines += [f"  {sign} {item}" for item in items[:listed]]
            if len(items) > listed:
                lines.append(f"  {sign} … and {len(items) - listed} more")
    if report.dry_run:
        lines.append("Nothing was changed (--dry-run).")
    return "\n".join(lines)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration (an empty database is upgraded at start anyway)."""
    from bot.store.database import current_revision, ensure_schema, make_engine, reaching_database

    url = _settings().database_url
    engine = make_engine(url)
    with reaching_database(url):
        before = current_revision(engine)
        ensure_schema(engine)
        after = current_revision(engine)
    typer.echo(
        f"Database at revision {after}"
        + (" (unchanged)" if before == after else f" (was {before})")
    )


@db_app.command("current")
def db_current() -> None:
    """Show the database's schema revision and the newest one."""
    from bot.store.database import current_revision, head_revision, make_engine, reaching_database

    url = _settings().database_url
    with reaching_database(url):
        current = current_revision(make_engine(url))
    typer.echo(f"current: {current}  newest: {head_revision()}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except StartupError as error:
        # One line a user can act on; the traceback is for LOG_LEVEL=DEBUG.
        if _debugging():
            traceback.print_exception(error)
        print(error, file=sys.stderr)
        sys.exit(2 if isinstance(error, ConfigError) else 1)


def _debugging() -> bool:
    try:
        return load_settings().log_level == "DEBUG"
    except ConfigError:
        return os.environ.get("LOG_LEVEL", "").upper() == "DEBUG"


if __name__ == "__main__":
    main()
