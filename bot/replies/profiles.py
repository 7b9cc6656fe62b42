"""/who and /quotes: a person (or organisation) in full, and what was said, by whom."""

from __future__ import annotations

from sqlmodel import Session

from bot.render import bold, esc, italic, shorten
from bot.replies.arguments import MAX_ARGS, rerun_for, tidy, too_long, usage
from bot.replies.examples import live_examples
from bot.replies.lines import (
    day_text,
    event_line,
    excerpt,
    more_lines,
    quote_line,
    source_html,
)
from bot.replies.lookup import Lookup, lookup_entity
from bot.replies.reply import Asker, Button, Reply
from bot.timeline.people import profile, quotes_by
from bot.timeline.records import Profile, RoleView
from bot.timeline.search import search

PEOPLE = ("person",)
GROUPS = ("country", "organisation")
LISTED = 15
QUOTES_LISTED = 40


def find_person_or_group(session: Session, query: str) -> Lookup:
    """A person first; an organisation or country when no person is meant."""
    person = lookup_entity(session, query, PEOPLE)
    if person.found:
        return person
    group = lookup_entity(session, query, GROUPS)
    if group.found:
        return group
    if person.close or not group.close:
        return person
    return group


def did_you_mean(command: str, lookup: Lookup, what: str, *, lead: str = "") -> Reply:
    """Buttons for the likely meanings, or the nearest names when nothing is close."""
    buttons = [[Button(c.name, data=f"{command}|#{c.entity_id}")] for c in lookup.choices]
    if lead:
        text = f"{lead} Did you mean one of these {what}s?"
    elif lookup.close:
        text = f"Which one do you mean by “{excerpt(lookup.query)}”?"
    elif lookup.choices:
        text = f"I found no {what} called “{excerpt(lookup.query)}”. The nearest names I know:"
    else:
        text = f"I found no {what} called “{excerpt(lookup.query)}”, and none is on record yet."
    return Reply.text(text, buttons=buttons)


def who(session: Session, args: str, asker: Asker) -> Reply:
    args = tidy(args)
    example = live_examples(session).person
    if not args:
        return usage("who", "<name>", example)
    if len(args) > MAX_ARGS:
        return too_long("who", args, example)
    lookup = find_person_or_group(session, args)
    if not lookup.found:
        return did_you_mean("who", lookup, "person")
    found = profile(session, lookup.best.entity_id, limit=LISTED)
    if found is None:
        return did_you_mean("who", lookup, "person")
    return Reply.text(profile_html(found), rerun=f"who #{found.entity.id}")


def _role_line(role: RoleView) -> str:
    what = role.role + (f", {role.affiliation}" if role.affiliation else "")
    if role.source is not None:
        return f"• {esc(what)}, per {source_html(role.source)}"
    start = day_text(role.valid_from) if role.valid_from else None
    end = day_text(role.valid_to) if role.valid_to else None
    if start and end:
        span = f"{start} – {end}"
    elif start:
        span = f"since {start}"
    elif end:
        span = f"until {end}"
    else:
        span = "dates not on record"
    return f"• {esc(what)}: {esc(span)} " + italic("(reference list)")


def profile_html(found: Profile) -> str:
    entity = found.entity
    lines = [bold(entity.name)]
    if found.spellings:
        lines.append("Also written: " + esc(", ".join(found.spellings)))
    summary = ", ".join(p for p in (entity.role, entity.affiliation) if p)
    if summary:
        lines.append(esc(summary))
    if found.roles:
        lines += ["", bold("Roles")] + [_role_line(r) for r in found.roles]
    lines += ["", bold(f"Rounds and events ({found.events.count_text})")]
    if not found.events.items:
        lines.append(italic("None on record."))
    for event, parts in found.events.items:
        roles = ", ".join(
            dict.fromkeys(p.role + (f" for {p.side}" if p.side else "") for p in parts)
        )
        lines.append(f"• {event_line(event)}" + (" " + italic(f"({roles})") if roles else ""))
    lines += more_lines(found.events, "Narrow it with /round.")
    lines += ["", bold(f"Said ({found.quotes.count_text})")]
    if not found.quotes.items:
        lines.append(italic("No quotes on record."))
    lines += [f"• {quote_line(q, with_speaker=False)}" for q in found.quotes.items]
    hint = f"See all with /quotes #{entity.id}."
    lines += more_lines(found.quotes, hint)
    if found.said_of.items:
        lines += ["", bold(f"What others said of {entity.name} ({found.said_of.count_text})")]
        lines += [f"• {quote_line(q)}" for q in found.said_of.items]
    return "\n".join(lines).strip()


def quotes(session: Session, args: str, asker: Asker) -> Reply:
    args = tidy(args)
    examples = live_examples(session)
    if not args:
        return usage("quotes", "<name or topic>", examples.person or examples.words)
    if len(args) > MAX_ARGS:
        return too_long("quotes", args, examples.person)
    speaker = lookup_entity(session, args, PEOPLE)
    if speaker.found:
        said = quotes_by(session, [speaker.best.entity_id], limit=QUOTES_LISTED)
        if said.items:
            lines = [bold(f"{speaker.best.name}: {said.count_text} quotes, newest first")]
            lines += [f"• {quote_line(q, with_speaker=False)}" for q in said.items]
            lines += more_lines(said, "Older quotes are not shown.")
            return Reply.text("\n".join(lines).strip(), rerun=f"quotes #{speaker.best.entity_id}")
    hits = search(session, args, kind="quote", limit=QUOTES_LISTED)
    if hits:
        lines = [bold(f"Quotes matching “{shorten(args, 40)}”, best match first")]
        for hit in hits:
            lines.append(f"• {quote_line(hit.quote)}")
        return Reply.text("\n".join(lines), rerun=rerun_for("quotes", args))
    if speaker.found:
        return Reply.text(f"No quotes of {esc(speaker.best.name)} are on record.")
    if speaker.choices and speaker.close:
        # "truce" looks like "Trump": say first that no quote is about it, then offer the name.
        return did_you_mean(
            "quotes", speaker, "speaker", lead=f"No quote mentions “{excerpt(args)}”."
        )
    text = f"No quotes match “{excerpt(args)}”."
    if examples.person:
        text += f" Try /quotes {esc(examples.person)}."
    return Reply.text(text)
