"""/start, /help and /sources: what the bot knows, where it read it, and how to ask."""

from __future__ import annotations

from sqlmodel import Session

from bot.config import get_settings
from bot.render import bold, code, count_noun, esc, italic, link
from bot.replies.examples import Examples, live_examples
from bot.replies.lines import day_text
from bot.replies.reply import Asker, Reply
from bot.timeline.stats import list_sources

SOURCES_LISTED = 50


def _what_it_knows(examples: Examples) -> str:
    story = get_settings().story
    view = examples.overview
    if not view.articles:
        return (
            f"I keep a dated, sourced timeline of {esc(story)}, but no article has been added yet. "
            "Admins add articles with /ingest."
        )
    span = day_text(view.first_published)
    if view.last_published.date() != view.first_published.date():
        span = f"{span} to {day_text(view.last_published)}"
    return (
        f"I keep a dated, sourced timeline of {esc(story)}, read from "
        f"{count_noun(view.articles, 'article')} published {esc(span)}: "
        f"{count_noun(view.rounds, 'negotiation round')}, "
        f"{count_noun(view.events, 'event')} in all, {count_noun(view.quotes, 'quote')}; "
        f"{count_noun(view.speakers, 'person', plural='people')} quoted by name."
    )


def _examples(examples: Examples, asker: Asker) -> list[str]:
    lines = ["/latest: the newest developments, each dated and sourced"]
    if examples.place:
        lines.append(f"{code(f'/round {examples.place}')}: every round held there")
    lines.append("/rounds: every round in order")
    if examples.person:
        lines.append(f"{code(f'/who {examples.person}')}: roles, rounds, quotes")
        lines.append(f"{code(f'/quotes {examples.person}')}: what they said")
    if examples.when:
        lines.append(f"{code(f'/on {examples.when}')}: what happened then")
    if examples.words:
        lines.append(f"{code(f'/search {examples.words}')}: full text, best match first")
    lines.append("/sources: the articles I read")
    lines.append(f"{code('/export csv')} (or timelinejs, ics, json): the timeline as a file")
    lines.append(f"{code('/chart 2025')}: the rounds as a picture")
    digest = "/subscribe 07:30 Europe/London: a daily digest of what changed"
    lines.append(digest + (" (on Telegram)" if asker.chat_type == "console" else ""))
    watched = examples.person or "Witkoff"
    alert = f"{code(f'/watch {watched}')}: an alert the moment something new about them is reported"
    lines.append(alert + (" (on Telegram)" if asker.chat_type == "console" else ""))
    return ["• " + line for line in lines]


def help_command(session: Session, args: str, asker: Asker) -> Reply:
    examples = live_examples(session)
    lines = [bold("Timeline Bot"), _what_it_knows(examples), "", bold("Try")]
    lines += _examples(examples, asker)
    lines += [
        "",
        italic("Names may be misspelled: I will find or suggest the closest ones."),
    ]
    if asker.is_bot_admin:
        on_telegram = "on Telegram, " if asker.chat_type == "console" else ""
        lines.append(
            italic(f"Admin: {on_telegram}send a .txt or .html file with the caption ")
            + code("/ingest Outlet 2025-10-07 https://...")
            + italic(" to add an article.")
        )
        if asker.chat_type == "console":
            command = "timeline-bot ingest FILE --outlet NAME --published DATE"
            lines.append(italic("Here: ") + code(command))
    return Reply.text("\n".join(lines))


def sources_command(session: Session, args: str, asker: Asker) -> Reply:
    articles, total = list_sources(session, limit=SOURCES_LISTED)
    if not articles:
        return Reply.text("No article has been added yet.")
    lines = [bold(f"The {count_noun(total, 'article')} I read, newest first")]
    for article in articles:
        counts = f"{count_noun(article.events, 'event')}, {count_noun(article.quotes, 'quote')}"
        title = f" · {esc(article.title)}" if article.title else ""
        version = f" · version {article.version}" if article.version > 1 else ""
        lines.append(
            f"• {bold(day_text(article.published))} · {link(article.outlet, article.url)}"
            f"{title}{version} · {italic(counts)}"
        )
        if len(article.carried_by) > 1:
            also = ", ".join(link(c.outlet, c.url) for c in article.carried_by[1:])
            lines.append(f"  {italic('also carried by')} {also}")
    if total > len(articles):
        lines.append(italic(f"Showing the newest {len(articles)} of {total}."))
    return Reply.text("\n".join(lines), rerun="sources")
