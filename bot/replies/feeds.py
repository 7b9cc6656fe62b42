"""/feeds, /addfeed, /removefeed and the re-enable button: for the bot's admins only."""

from __future__ import annotations

from sqlmodel import Session

from bot.feeds.registry import add_feed, enable_feed, feed_states, remove_feed
from bot.render import bold, code, esc, italic
from bot.replies.reply import Asker, Button, Reply

REFUSAL = (
    "Only the bot's admins and editors can manage feeds. You can ask about the timeline: /help"
)


def feeds_command(session: Session, args: str, asker: Asker) -> Reply:
    if not asker.is_bot_admin:
        return Reply.text(REFUSAL)
    states = feed_states(session)
    if not states:
        return Reply.text("No feeds yet. Add one with " + code("/addfeed https://…/feed.xml"))
    lines, buttons = [bold(f"Feeds ({len(states)})")], []
    for state in states:
        mark = "on" if state.enabled else "disabled"
        lines.append(f"#{state.id} {esc(state.url)} [{mark}]")
        if state.disabled_reason:
            lines.append(italic(esc(state.disabled_reason)))
            buttons.append([Button(f"Re-enable #{state.id}", data=f"enablefeed|{state.id}")])
        elif state.last_error:
            lines.append(italic("last error: " + esc(state.last_error)))
        counts = state.counts
        lines.append(
            f"ingested {counts['ingested']}, skipped {counts['skipped']}, "
            f"duplicates {counts['duplicate']}, rejected {counts['rejected']}"
        )
    return Reply.text("\n".join(lines), buttons=buttons)


def addfeed_command(session: Session, args: str, asker: Asker) -> Reply:
    if not asker.is_bot_admin:
        return Reply.text(REFUSAL)
    url = args.strip().split()[0] if args.strip() else ""
    if not url:
        return Reply.text("Give the feed's address: " + code("/addfeed https://…/feed.xml"))
    try:
        feed, new = add_feed(session, url)
    except ValueError as error:
        return Reply.text(f"Not added: {esc(error)}.")
    if not new:
        return Reply.text(f"Already following {esc(feed.url)}.")
    return Reply.text(f"Following {esc(feed.url)}; its first poll is due now.")


def removefeed_command(session: Session, args: str, asker: Asker) -> Reply:
    if not asker.is_bot_admin:
        return Reply.text(REFUSAL)
    feed = remove_feed(session, args.strip()) if args.strip() else None
    if feed is None:
        return Reply.text("No such feed. See /feeds for the list.")
    return Reply.text(f"Stopped following {esc(feed.url)}.")


def enablefeed_command(session: Session, args: str, asker: Asker) -> Reply:
    if not asker.is_bot_admin:
        return Reply.text(REFUSAL)
    if enable_feed(session, args.strip()) is None:
        return Reply.text("No such feed. See /feeds for the list.")
    session.flush()
    return feeds_command(session, "", asker)
