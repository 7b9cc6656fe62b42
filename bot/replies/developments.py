"""/latest, /on and /search: what happened lately, in a span of time, or about some words."""

from __future__ import annotations

import re

from sqlmodel import Session

from bot.dates import read_date
from bot.dates.model import coarseness
from bot.render import bold, code, esc, italic, quote_block, shorten
from bot.replies.arguments import MAX_ARGS, rerun_for, tidy, too_long, usage
from bot.replies.examples import live_examples
from bot.replies.lines import (
    development_line,
    excerpt,
    more_lines,
    quote_line,
    source_html,
    when_text,
)
from bot.replies.reply import Asker, Reply
from bot.timeline.corroboration import is_corroborated
from bot.timeline.developments import one_per_sentence
from bot.timeline.events import events_between, latest_events
from bot.timeline.people import quotes_between
from bot.timeline.records import EventView
from bot.timeline.search import SearchHit, best_sentence, search, search_sentences

LATEST_DEFAULT = 10
LATEST_MAX = 50
SENTENCE_EVENTS = 3  # the most events one sentence commonly gives
ON_LISTED = 25
SEARCH_LISTED = 10
ARTICLE_LINES = 5


CORROBORATED = "corroborated"
# /latest corroborated reads further back for items that qualify, but never without end.
CORROBORATED_SCAN_MAX = 2000


def latest(session: Session, args: str, asker: Asker) -> Reply:
    words = tidy(args).split()
    only_corroborated = any(w.lower() == CORROBORATED for w in words)
    number = " ".join(w for w in words if w.lower() != CORROBORATED)
    count = LATEST_DEFAULT
    if number:
        if not re.fullmatch(r"[+-]?\d{1,6}", number):
            return Reply.text(
                f"“{excerpt(number)}” is not a number. Usage: {code('/latest [n] [corroborated]')}"
                f", e.g. {code('/latest 5')}, with n from 1 to {LATEST_MAX}."
            )
        count = int(number)
        if not 1 <= count <= LATEST_MAX:
            return Reply.text(
                f"/latest shows from 1 to {LATEST_MAX} developments; {excerpt(number)} is out of "
                f"that range. Try {code('/latest 5')}, or /latest alone for {LATEST_DEFAULT}."
            )
    shown = _latest_developments(session, count, only_corroborated)
    if not shown:
        if only_corroborated:
            return Reply.text(
                "No development on record rests on two or more independent reports yet. "
                "See /latest for everything."
            )
        return Reply.text("Nothing is on record yet. Articles are added with /ingest by admins.")
    count = len(shown)
    heading = "The latest development" if count == 1 else f"The {count} latest developments"
    if only_corroborated:
        heading += " told by two or more outlets"
    lines = [bold(f"{heading}, newest first" if count > 1 else heading)]
    lines += [f"• {development_line(d)}" for d in shown]
    lines.append(
        italic("Background events recalled by articles are left out; see /rounds and /on.")
    )
    rerun = f"latest {count}" + (f" {CORROBORATED}" if only_corroborated else "")
    return Reply.text("\n".join(lines), rerun=rerun)


def _latest_developments(session: Session, count: int, only_corroborated: bool) -> list:
    # One sentence may give several events (a round and its proposal): read enough of them
    # to fill `count` lines; when only corroborated ones count, read further back as needed.
    limit = count * SENTENCE_EVENTS
    while True:
        found = latest_events(session, limit=limit).items
        kept = [e for e in found if is_corroborated(e)] if only_corroborated else found
        shown = one_per_sentence(kept)[:count]
        if len(shown) >= count or len(found) < limit or limit >= CORROBORATED_SCAN_MAX:
            return shown
        limit = min(limit * 4, CORROBORATED_SCAN_MAX)


def _finer_or_equal(event: EventView, granularity: str) -> bool:
    return coarseness(event.granularity) <= coarseness(granularity)


def on(session: Session, args: str, asker: Asker) -> Reply:
    args = tidy(args)
    example = live_examples(session).when
    if not args:
        return usage("on", "<when>", example or "last week")
    if len(args) > MAX_ARGS:
        return too_long("on", args, example)
    reading = read_date(args, asker.now)
    if reading is None:
        text = f"I could not read “{excerpt(args)}” as a date."
        text += (
            f" Try {code('/on 7 Oct 2025')}, {code('/on August 2025')} or {code('/on last week')}."
        )
        return Reply.text(text)
    start, end, granularity = reading.start, reading.end, reading.granularity
    shown = when_text(start, end, granularity)
    note = italic(reading.note) + "\n" if reading.note else ""
    events = events_between(session, start, end, limit=ON_LISTED)
    said = quotes_between(session, start, end, limit=ON_LISTED)
    if not events.items and not said.items:
        return Reply.text(f"{note}Nothing on record for {esc(shown)}. See /rounds for what is.")
    # An event known only to the month is not shown as if it happened on the day asked about.
    precise = one_per_sentence([e for e in events.items if _finer_or_equal(e, granularity)])
    coarse = one_per_sentence([e for e in events.items if not _finer_or_equal(e, granularity)])
    lines = [note + bold(f"On record for {shown}")]
    if precise:
        lines += ["", bold("Events")] + [f"• {development_line(d)}" for d in precise]
    if coarse:
        lines += ["", bold("Within a longer period that includes it (exact day not known)")]
        lines += [f"• {development_line(d)}" for d in coarse]
    lines += more_lines(events, "Ask for a shorter span.")
    if said.items:
        lines += ["", bold("Said")] + [f"• {quote_line(q)}" for q in said.items]
        lines += more_lines(said, "Ask for a shorter span.")
    return Reply.text("\n".join(lines).strip(), rerun=rerun_for("on", args))


def search_command(session: Session, args: str, asker: Asker) -> Reply:
    args = tidy(args)
    example = live_examples(session).words
    if not args:
        return usage("search", "<words>", example)
    if len(args) > MAX_ARGS:
        return too_long("search", args, example)
    hits = search(session, args, limit=SEARCH_LISTED)
    shown = {_normal(s) for hit in hits for s in hit.sentences}
    passages = [
        p for p in search_sentences(session, args, limit=SEARCH_LISTED)
        if _normal(p.source.sentence or "") not in shown
    ][:ARTICLE_LINES]
    if not hits and not passages:
        text = f"Nothing matches “{excerpt(args)}”."
        if example:
            text += f" Try {code(f'/search {example}')}."
        return Reply.text(text)
    lines = [bold(f"Best matches for “{shorten(args, 40)}”")] if hits else []
    for n, (line, sentence) in enumerate(_hit_lines(hits, args), 1):
        lines += ["", f"{n}. {line}"]
        if sentence:
            lines.append(quote_block(shorten(sentence, 600)))
    if passages:
        # What an article said that no event or quote was made of is still worth reading.
        heading = "Also in the articles" if hits else (
            f"No event or quote matches “{shorten(args, 40)}”; the articles say"
        )
        lines += ["", bold(heading)]
        for passage in passages:
            lines += [f"• {source_html(passage.source)}",
                      quote_block(shorten(passage.source.sentence or "", 600))]
    return Reply.text("\n".join(lines).strip(), rerun=rerun_for("search", args))


def _hit_lines(hits: list[SearchHit], query: str) -> list[tuple[str, str | None]]:
    """Each hit once, and one line per sentence: events told by one sentence are one
    development.  The matching sentence is quoted only when the line does not already
    say it."""
    developments = {d.lead.id: d for d in one_per_sentence([h.event for h in hits if h.event])}
    told = {e.id for d in developments.values() for e in d.with_it}
    found: list[tuple[str, str | None]] = []
    for hit in hits:
        if hit.event is not None and hit.event.id in told:
            continue
        if hit.event is not None:
            development = developments[hit.event.id]
            line = development_line(development)
            said = [development.lead.summary]
        else:
            line = quote_line(hit.quote)
            said = [hit.quote.text]
        sentence = best_sentence(hit.sentences, query)
        if sentence and _normal(sentence) in {_normal(s) for s in said}:
            sentence = None
        found.append((line, sentence))
    return found


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:“”\"").lower()
