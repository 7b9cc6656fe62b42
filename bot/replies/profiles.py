"""/who and /quotes: a person (or organisation) in full, and what was said, by whom."""

from __future__ import annotations

from sqlmodel import Session

from bot.ids import parse_typed_id, person_id
from bot.render import bold, code, count_noun, esc, italic, shorten
from bot.replies.arguments import MAX_ARGS, has_words, rerun_for, tidy, too_long, usage
from bot.replies.examples import live_examples
from bot.replies.lines import (
    day_text,
    event_line,
    excerpt,
    more_lines,
    quote_line,
    source_html,
)
from bot.replies.lookup import Lookup, correction_line, lookup_entity
from bot.replies.reply import Asker, Button, Reply
from bot.replies.viewer import editor_view, id_tag, marks
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
    if person.found and not person.corrected:
        return person
    group = lookup_entity(session, query, GROUPS)
    if group.found and not group.corrected:
        return group
    if person.found or (person.close and not group.found):
        return person
    if group.found or group.close:
        return group
    return person if person.choices or not group.choices else group


def did_you_mean(
    command: str, lookup: Lookup, what: str, *, lead: str = "", example: str | None = None
) -> Reply:
    """Buttons for two or more likely meanings, or the nearest plausible names; with none,
    the usage line: an emoji or a random string is no name worth suggesting for."""
    buttons = [[Button(c.name, data=f"{command}|#{c.entity_id}")] for c in lookup.choices]
    if not lookup.choices:
        shape = "<name>" if command == "who" else "<name or topic>"
        line = f"Usage: {code(f'/{command} {shape}')}"
        if example:
            line += f", e.g. {code(f'/{command} {example}')}"
        if not has_words(lookup.query):
            return Reply.text(line)
        start = lead or f"I found no {what} called “{excerpt(lookup.query)}”."
        return Reply.text(f"{start}\n{line}")
    if lead:
        text = f"{lead} Did you mean one of these {what}s?"
    elif lookup.close:
        text = f"Which one do you mean by “{excerpt(lookup.query)}”?"
    else:
        text = f"I found no {what} called “{excerpt(lookup.query)}”. The nearest names I know:"
    return Reply.text(text, buttons=buttons)


def who(session: Session, args: str, asker: Asker) -> Reply:
    args = tidy(args)
    example = live_examples(session).person
    if not args:
        return usage("who", "<name>", example)
    if len(args) > MAX_ARGS:
        return too_long("who", args, example)
    lookup = find_person_or_group(session, args)
    found = profile(session, lookup.best.entity_id, limit=LISTED) if lookup.found else None
    if found is None:
        if parse_typed_id(args) is not None:
            return Reply.text(f"No person or group has the id {esc(args)}. Ask by name: "
                              + code("/who <name>"))
        return did_you_mean("who", lookup, "person", example=example)
    buttons = [[Button("✎ Fix", data=f"fixmenu|p{found.entity.id}")]] if editor_view() else []
    return Reply.text(correction_line(lookup) + profile_html(found), buttons=buttons,
                      rerun=f"who #{found.entity.id}")


def _headline(found: Profile) -> list[str]:
    """ "Prime Minister, Israel, on Tue 7 Oct 2025, the day of the latest report"."""
    role = found.headline
    if role is None or found.as_of is None:
        entity = found.entity
        summary = ", ".join(p for p in (entity.role, entity.affiliation) if p)
        return [esc(summary)] if summary else []
    what = role.role + (f", {role.affiliation}" if role.affiliation else "")
    if role.by_editor:
        return [esc(what) + " " + italic("(corrected by an editor)")]
    if role.source is not None:
        return [esc(what) + " " + italic(f"(as reported {day_text(role.source.published)})")]
    return [esc(what) + " " + italic(f"(on {day_text(found.as_of)}, the latest report)")]


def _role_line(role: RoleView, as_of=None) -> str:
    what = role.role + (f", {role.affiliation}" if role.affiliation else "")
    if role.by_editor:
        since = f" since {day_text(role.valid_from)}" if role.valid_from else ""
        return f"• {esc(what + since)} " + italic("(corrected by an editor)")
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
    current = " · current" if as_of is not None and role.held_on(as_of) else ""
    return f"• {esc(what)}: {esc(span)} " + italic(f"(reference list{current})")


def profile_html(found: Profile) -> str:
    entity = found.entity
    lines = [bold(entity.name) + id_tag(person_id(entity.id))]
    editors_marks = marks(corrected=found.corrected, verified=found.verified, hidden=found.hidden)
    if editors_marks:
        lines[0] += " · " + " · ".join(editors_marks)
    if found.spellings:
        lines.append("Also written: " + esc(", ".join(found.spellings)))
    lines += _headline(found)
    if found.roles:
        lines += ["", bold("Roles")] + [_role_line(r, found.as_of) for r in found.roles]
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
    hint = f"See all with /quotes {entity.name}."
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
    if speaker.found and speaker.corrected and _is_topic(session, args):
        # "truce" is a word the quotes use, not a misspelt name.
        speaker = Lookup(args)
    if speaker.found:
        said = quotes_by(session, [speaker.best.entity_id], limit=QUOTES_LISTED)
        if said.items:
            count = count_noun(said.total, "quote", shown=said.count_text)
            lines = [correction_line(speaker).strip("\n")] if speaker.corrected else []
            lines += [bold(f"{speaker.best.name}: {count}, newest first")]
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
        return Reply.text(
            f"{correction_line(speaker)}No quotes of {esc(speaker.best.name)} are on record."
        )
    if speaker.choices:
        return did_you_mean(
            "quotes", speaker, "speaker", lead=f"No quote mentions “{excerpt(args)}”."
        )
    if not has_words(args):
        return usage("quotes", "<name or topic>", examples.person or examples.words)
    return Reply.text(
        f"No quote mentions “{excerpt(args)}”, and no speaker on record is called so. "
        f"{code(f'/search {shorten(args, 40)}')} looks through events and articles too."
    )


def _is_topic(session: Session, words: str) -> bool:
    return bool(search(session, words, kind="quote", limit=1))
