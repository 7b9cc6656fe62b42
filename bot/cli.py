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
    sources: Annotated[
        list[str],
        typer.Argument(help="Article files (.txt, .md, .html), folders, or http(s) links"),
    ],
    outlet: Annotated[str | None, typer.Option(help="Outlet of a single file")] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date of a single file, e.g. 2025-10-07T09:30+03:00"),
    ] = None,
    url: Annotated[str | None, typer.Option(help="The address of a single file")] = None,
) -> None:
    """Add articles to the timeline; folders use their manifest.toml; links are fetched."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import ArticleMeta, collect_articles, refuse_shared_meta
    from bot.startup import open_timeline

    settings = _settings()
    links = [s for s in sources if s.lower().startswith(("http://", "https://"))]
    if links:
        _ingest_links(settings, links, sources, outlet, published)
        return
    paths = [Path(s) for s in sources]
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


def _ingest_links(
    settings: Settings,
    links: list[str],
    sources: list[str],
    outlet: str | None,
    published: str | None,
) -> None:
    from bot.fetch.fetcher import Fetcher, FetchPolicy
    from bot.ingest.links import ingest_link
    from bot.startup import open_timeline

    if len(links) != len(sources):
        typer.echo("Give either links or files and folders, not both at once.", err=True)
        raise typer.Exit(2)
    engine = open_timeline(settings, seed=False, say=_note)
    failed = False
    with Fetcher(FetchPolicy.from_settings(settings)) as fetcher:
        for link in links:
            outcome = ingest_link(engine, fetcher, link, outlet=outlet, published=published)
            report = outcome.report
            if report.rejected:
                failed = True
                typer.echo(f"rejected {link}: {report.rejected[0].reason}")
            elif report.duplicates:
                typer.echo(f"already in the timeline: {link}")
            else:
                typer.echo(
                    f"added {link} ({outcome.outlet}): {report.events_new} new events, "
                    f"{report.events_merged} merged, {report.quotes} quotes"
                )
            if outcome.filter_warning and not report.rejected:
                typer.echo(f"warning: {outcome.filter_warning}")
    if failed:
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


_SINCE = typer.Option(help="Only items from this date on: 2025-07-28, Jul 2025, 2025")
_UNTIL = typer.Option(help="Only items up to this date, read as --since is")


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", help="Output format: json, csv, timelinejs or ics")
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output")
    ] = None,
    since: Annotated[str | None, _SINCE] = None,
    until: Annotated[str | None, _UNTIL] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(help="Only this kind (round, proposal, agreement, ...); may be repeated"),
    ] = None,
    place: Annotated[str | None, typer.Option(help="Only items in this place or country")] = None,
    person: Annotated[
        str | None, typer.Option(help="Only items this person took part in (a name or p7)")
    ] = None,
    include_hidden: Annotated[
        bool, typer.Option("--include-hidden", help="Keep items editors hid, marked hidden")
    ] = False,
) -> None:
    """Write the timeline for other tools: JSON, TimelineJS's sheet (CSV) or JSON, iCalendar."""
    from datetime import UTC, datetime

    from bot.export.formats import FORMATS, UnknownFormat, export_file
    from bot.export.selection import SelectionError, make_selection
    from bot.startup import open_timeline
    from bot.store.database import session_scope

    if format.strip().lower() not in FORMATS:
        typer.echo(str(UnknownFormat(format)), err=True)
        raise typer.Exit(2)
    settings = _settings()
    engine = open_timeline(settings, say=_note)
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        try:
            selection = make_selection(
                session, now=now, since=since, until=until, kinds=kind, place=place,
                person=person,
            )
        except SelectionError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(2) from None
        written = export_file(
            session, format, story=settings.story, now=now, selection=selection,
            include_hidden=include_hidden,
        )
    _write_output(written.content, output)
    _note(written.note() if output is None else f"Wrote {output}: {written.note()}")


@app.command()
def chart(
    output: Annotated[Path, typer.Option("--output", "-o", help="The PNG file to write")],
    since: Annotated[str | None, _SINCE] = None,
    until: Annotated[str | None, _UNTIL] = None,
) -> None:
    """Draw the rounds by venue and status, proposals and agreements marked, as /chart does."""
    from datetime import UTC, datetime

    from bot.export.chart import NothingToDraw, draw_chart
    from bot.export.selection import SelectionError, make_selection
    from bot.export.timeline_json import timeline_items
    from bot.startup import open_timeline
    from bot.store.database import session_scope

    settings = _settings()
    engine = open_timeline(settings, say=_note)
    with session_scope(engine) as session:
        try:
            selection = make_selection(session, now=datetime.now(UTC), since=since, until=until)
        except SelectionError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(2) from None
        span = None
        if selection.since is not None and selection.until is not None:
            span = (selection.since, selection.until)
        try:
            drawn = draw_chart(
                timeline_items(session, selection), title=f"Rounds of {settings.story}", span=span
            )
        except NothingToDraw:
            typer.echo("No dated round, proposal or agreement is on record in that span.", err=True)
            raise typer.Exit(1) from None
    _write_output(drawn.png, output)
    _note(f"Wrote {output} ({drawn.width}×{drawn.height}): {drawn.caption}")


def _write_output(content: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(content)
    except OSError as error:
        typer.echo(f"Cannot write {output}: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None


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



feeds_app = typer.Typer(no_args_is_help=True, help="The news feeds the bot follows.")
app.add_typer(feeds_app, name="feeds")


@feeds_app.command("add")
def feeds_add(
    url: Annotated[str, typer.Argument(help="The RSS or Atom feed's http(s) address")],
    outlet: Annotated[str | None, typer.Option(help="The outlet's name for its items")] = None,
    every: Annotated[
        int | None, typer.Option(help="Minutes between polls (at least 5)", min=5)
    ] = None,
) -> None:
    """Follow a feed."""
    from bot.feeds.registry import add_feed
    from bot.startup import open_timeline
    from bot.store.database import session_scope

    engine = open_timeline(_settings(), seed=False, say=_note)
    try:
        with session_scope(engine) as session:
            feed, new = add_feed(session, url, outlet=outlet, every_minutes=every)
            shown = feed.url
    except ValueError as error:
        typer.echo(f"Not added: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{'Added' if new else 'Already following'} {shown}")


@feeds_app.command("list")
def feeds_list(
    json: Annotated[bool, typer.Option("--json", help="Print a JSON list")] = False,
) -> None:
    """Each feed's state, last success, last error, and its items ingested and skipped."""
    import json as json_module

    from bot.feeds.registry import feed_states
    from bot.startup import open_timeline
    from bot.store.database import session_scope

    engine = open_timeline(_settings(), seed=False, say=_note)
    with session_scope(engine) as session:
        states = feed_states(session)
    if json:
        typer.echo(json_module.dumps([s.as_json() for s in states], indent=2))
        return
    if not states:
        typer.echo("No feeds yet: timeline-bot feeds add URL")
    for state in states:
        shown = state.as_json()
        typer.echo(f"#{state.id} {state.url} [{shown['state']}]")
        if state.disabled_reason:
            typer.echo(f"  disabled: {state.disabled_reason}")
        typer.echo(
            f"  last success: {shown['last_success'] or 'never'}; "
            f"last error: {state.last_error or 'none'}"
        )
        typer.echo("  items: " + ", ".join(f"{k} {v}" for k, v in state.counts.items()))
        for reason, n in state.skip_reasons.items():
            typer.echo(f"    skipped {n}: {reason}")


@feeds_app.command("remove")
def feeds_remove(url: Annotated[str, typer.Argument(help="The feed's address or #id")]) -> None:
    """Stop following a feed."""
    _change_feed(url, "remove")


@feeds_app.command("enable")
def feeds_enable(url: Annotated[str, typer.Argument(help="The feed's address or #id")]) -> None:
    """Poll a feed again that was disabled after failures."""
    _change_feed(url, "enable")


def _change_feed(url: str, action: str) -> None:
    from bot.feeds.registry import enable_feed, remove_feed
    from bot.startup import open_timeline
    from bot.store.database import session_scope

    engine = open_timeline(_settings(), seed=False, say=_note)
    with session_scope(engine) as session:
        feed = (remove_feed if action == "remove" else enable_feed)(session, url)
        shown = feed.url if feed is not None else None
    if shown is None:
        typer.echo(f"No such feed: {url}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{'Removed' if action == 'remove' else 'Enabled'} {shown}")


@feeds_app.command("poll")
def feeds_poll() -> None:
    """Poll every enabled feed once, now (for cron and tests)."""
    from bot.feeds.polling import poll_due
    from bot.fetch.fetcher import Fetcher, FetchPolicy
    from bot.startup import open_timeline

    settings = _settings()
    engine = open_timeline(settings, seed=False, say=_note)
    with Fetcher(FetchPolicy.from_settings(settings)) as fetcher:
        report = poll_due(engine, fetcher, settings, everything=True)
    typer.echo(
        f"polled {report.polled} feeds ({report.not_modified} unchanged, {report.failed} "
        f"failed): {report.ingested} articles ingested, {report.skipped} skipped"
    )
    for notice in report.disabled:
        typer.echo(notice)


if __name__ == "__main__":
    main()
