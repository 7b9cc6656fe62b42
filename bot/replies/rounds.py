"""/round and /rounds: negotiation rounds by place, date or id, with who sat where and why.

A round's status is shown as it moved, report by report ("ongoing (Ynetnews, 7 Oct
2025) → collapsed (...)"), because a later article may change it while what the
earlier one said stays on record.
"""

from __future__ import annotations

import json
import re

from sqlmodel import Session

from bot.dates import read_date
from bot.ids import event_id, parse_typed_id
from bot.render import bold, code, esc, italic, quote_block, shorten
from bot.replies.arguments import MAX_ARGS, rerun_for, tidy, too_long, usage
from bot.replies.examples import live_examples
from bot.replies.lines import (
    UNCONFIRMED,
    during_text,
    event_when_html,
    excerpt,
    more_lines,
    quote_line,
    reports_html,
    source_html,
    sources_html,
    when_text,
)
from bot.replies.lookup import Candidate, Lookup, correction_line, lookup_entity, place_by_id
from bot.replies.reply import Asker, Button, Reply
from bot.replies.viewer import editor_view, id_tag, marks
from bot.timeline.events import (
    all_rounds,
    event_by_id,
    places_in_country,
    places_with_rounds,
    quotes_of_event,
    rounds_at,
    rounds_between,
    rounds_moved_to,
)
from bot.timeline.records import EventView, Page

PLACES = ("place",)
COUNTRIES = ("country",)
_PLACE_ID = re.compile(r"^@(\d{1,12})$")
LISTED = 20
ALL_ROUNDS_LISTED = 50
DETAIL_BUTTONS = 8
MAX_SPLIT_WORDS = 6


def round_command(session: Session, args: str, asker: Asker) -> Reply:
    args = tidy(args)
    examples = live_examples(session)
    if not args:
        return usage("round", "<place | date>", examples.place or examples.when)
    if len(args) > MAX_ARGS:
        return too_long("round", args, examples.place)
    place_id = _PLACE_ID.match(args)
    if place_id:
        place = place_by_id(session, int(place_id[1]), PLACES)
        if place is None:
            return Reply.text("This button no longer works; send /rounds.")
        return _rounds_at_place(session, place, args)
    typed = parse_typed_id(args)
    if typed is not None:
        return _round_by_id(session, args, typed.letter, typed.number)
    place = lookup_entity(session, args, PLACES)
    if place.found and not place.corrected:
        return _rounds_at_place(session, place.best, args)
    span_reply = _rounds_in_span(session, args, asker)
    if span_reply is not None:
        return span_reply
    if place.found:
        return _rounds_at_place(session, place.best, args, note=correction_line(place))
    country = lookup_entity(session, args, COUNTRIES)
    if country.found:
        return _rounds_in_country(session, country, args)
    split = _place_and_span(session, args, asker)
    if split is not None:
        return split
    moved = rounds_moved_to(session, args, limit=LISTED)
    if moved.items:
        return _rounds_reply(session, moved, f"Rounds in {args}", args, empty="", note="")
    return _unknown_place(session, place, args)


def _round_by_id(session: Session, args: str, letter: str | None, number: int) -> Reply:
    """ "r12", "#r12" or, as before typed ids, "#12": a round; any other item is no round."""
    if letter not in (None, "r"):
        return Reply.text(f"There is no round {esc(args)}: round ids begin with r. See /rounds.")
    event = event_by_id(session, number)
    if event is None or event.kind != "round":
        return Reply.text(f"There is no round {esc(args)} on record. See /rounds.")
    return one_round(session, event)


def one_round(session: Session, event: EventView, note: str = "") -> Reply:
    """A single round in full; editors get its ✎ Fix button."""
    buttons = [[Button("✎ Fix", data=f"fixmenu|r{event.id}")]] if editor_view() else []
    return Reply.text(note + round_in_full(session, event), buttons=buttons,
                      rerun=f"round #{event.id}")


def _rounds_at_place(session: Session, place: Candidate, args: str, *, note: str = "") -> Reply:
    found = rounds_at(session, [place.entity_id], limit=LISTED)
    return _rounds_reply(session, found, f"Rounds in {place.name}", args,
                         empty=_no_rounds_at(place.name), note=note)


def _rounds_in_country(session: Session, country: Lookup, args: str) -> Reply:
    """ "/round Qatar": the rounds held in Qatar's cities and venues."""
    name = country.best.name
    places = places_in_country(session, name)
    found = rounds_at(session, places, limit=LISTED) if places else Page([], 0)
    return _rounds_reply(session, found, f"Rounds in {name}", args,
                         empty=_no_rounds_at(name), note=correction_line(country))


def _rounds_in_span(session: Session, args: str, asker: Asker) -> Reply | None:
    reading = read_date(args, asker.now)
    if reading is None:
        return None
    span = (reading.start, reading.end, reading.granularity)
    found = rounds_between(session, span[0], span[1], limit=LISTED)
    note = italic(reading.note) + "\n" if reading.note else ""
    empty = f"No rounds on record {during_text(*span)}."
    return _rounds_reply(session, found, f"Rounds {during_text(*span)}", args, empty=empty,
                         note=note)


def _place_and_span(session: Session, args: str, asker: Asker) -> Reply | None:
    """ "Cairo August 2025": a place, then a date narrowing it."""
    words = args.split()
    if not 1 < len(words) <= MAX_SPLIT_WORDS:
        return None
    for cut in range(1, len(words)):
        place = lookup_entity(session, " ".join(words[:cut]), PLACES)
        reading = read_date(" ".join(words[cut:]), asker.now) if place.found else None
        if reading is not None:
            span = (reading.start, reading.end, reading.granularity)
            found = rounds_at(session, [place.best.entity_id], between=span[:2], limit=LISTED)
            heading = f"Rounds in {place.best.name}, {when_text(*span)}"
            empty = f"No rounds on record in {place.best.name} {during_text(*span)}."
            note = correction_line(place) + (italic(reading.note) + "\n" if reading.note else "")
            return _rounds_reply(session, found, heading, args, empty=empty, note=note)
    return None


def _no_rounds_at(name: str) -> str:
    return f"No rounds are on record in {name}."


def _unknown_place(session: Session, place, args: str) -> Reply:
    if place.close and place.choices:
        # "#<id>" names a round; "@<id>" names a place, whose rounds the button lists.
        buttons = [[Button(c.name, data=f"round|@{c.entity_id}")] for c in place.choices]
        return Reply.text(f"Which place do you mean by “{excerpt(args)}”?", buttons=buttons)
    example = live_examples(session).place
    text = f"I know no place or date called “{excerpt(args)}”."
    if example:
        text += f" Try {code(f'/round {example}')}, a date such as {code('/round Aug 2025')}"
        text += ", or /rounds."
    return Reply.text(text)


def _rounds_reply(
    session: Session, found: Page[EventView], heading: str, args: str, *, empty: str,
    note: str = "",
) -> Reply:
    """`note` (HTML, ending in a line break) says how the query was read, above the answer."""
    if not found.items:
        return Reply.text(note + esc(empty) + " " + _where_rounds_were(session))
    if found.total == 1 and not found.capped:
        return one_round(session, found.items[0], note)
    lines = [note + bold(f"{heading}: {found.count_text}, newest first")]
    for event in found.items:
        lines += ["", round_block(event)]
    lines += more_lines(found, "Add a date to narrow it, e.g. a month.")
    buttons = [
        [Button(_button_label(e), data=f"round|#{e.id}")] for e in found.items[:DETAIL_BUTTONS]
    ]
    return Reply.text("\n".join(lines), buttons=buttons, rerun=rerun_for("round", args))


def _button_label(event: EventView) -> str:
    when = when_text(event.start, event.end, event.granularity) or "undated"
    return shorten(f"{event.place or event.title}, {when}", 60)


def _where_rounds_were(session: Session) -> str:
    places = places_with_rounds(session)
    if not places:
        return "No rounds are on record yet."
    return "Rounds on record were held in: " + esc(", ".join(places)) + "."


def status_moves(event: EventView) -> str | None:
    moves = event.status_history()
    if not moves:
        return esc(event.status) if event.status else None
    text = " → ".join(f"{esc(status)} ({source_html(source)})" for status, source in moves)
    if event.status and event.status != moves[-1][0]:
        text += f"; now {esc(event.status)}"
    return text


def _delegations(event: EventView) -> list[str]:
    sides: dict[str, list[str]] = {}
    for p in event.participants:
        if p.role in ("lead", "participant") and p.kind != "person":
            sides.setdefault(p.name, [])
    for p in event.participants:
        if p.kind == "person" and p.side and p.role in ("lead", "participant"):
            label = f"{p.name} (lead)" if p.role == "lead" else p.name
            sides.setdefault(p.side, []).append(label)
    return [
        f"{side}: {', '.join(dict.fromkeys(people))}" if people else side
        for side, people in sides.items()
    ]


def round_block(event: EventView) -> str:
    """A round in a list: where, when, status as it moved, who, issues, outcome, sources."""
    title = event.place or event.title
    lines = [f"{bold(title)}{id_tag(event_id(event.kind, event.id))} · {event_when_html(event)}"]
    editors_marks = marks(corrected=bool(event.corrected), verified=event.verified,
                          hidden=event.hidden)
    if editors_marks:
        lines[0] += " · " + " · ".join(editors_marks)
    if event.background:
        lines[0] += " · " + italic("background: recalled by a later article")
    if event.unconfirmed:
        lines[0] += " · " + UNCONFIRMED
    status = status_moves(event)
    if status:
        lines.append(f"Status: {status}")
    delegations = _delegations(event)
    if delegations:
        lines.append("Delegations: " + esc("; ".join(delegations)))
    unattached_leads = [
        p.name for p in event.with_role("lead") if p.kind == "person" and not p.side
    ]
    if unattached_leads:
        lines.append("Led by: " + esc(", ".join(dict.fromkeys(unattached_leads))))
    others = [p.name for p in event.with_role("participant") if p.kind == "person" and not p.side]
    if others:
        lines.append("Also taking part: " + esc(", ".join(dict.fromkeys(others))))
    mediators = [p.name for p in event.with_role("mediator")]
    if mediators:
        lines.append("Mediators: " + esc(", ".join(dict.fromkeys(mediators))))
    if event.issues:
        lines.append("Issues: " + esc("; ".join(event.issues)))
    if event.outcome:
        lines.append("Outcome: " + esc(event.outcome))
    reports = reports_html(event.sources)
    heading = f"Sources ({reports})" if reports else "Sources"
    lines.append(f"{heading}: " + sources_html(event.sources, limit=5))
    return "\n".join(lines)


def round_in_full(session: Session, event: EventView) -> str:
    """One round: the list block, then what each source said, and what was said there."""
    lines = [round_block(event)]
    # The summary is usually (part of) one report's sentence, which that report's entry quotes.
    told = [_normal(s.sentence) for s in event.sources if s.sentence]
    if event.summary and not any(_normal(event.summary) in sentence for sentence in told):
        lines += ["", esc(event.summary)]
    lines += ["", bold("What each source said")]
    for source in event.sources:
        lines.append(
            f"• {source_html(source)}" + (f" ({esc(source.status)})" if source.status else "")
        )
        if source.sentence:
            lines.append(quote_block(source.sentence))
        cues = cues_text(source.evidence)
        if cues:
            lines.append(italic(f"Read from: {cues}"))
    lines.append(italic(f"Confidence {event.confidence:.2f}: how well these reports' cues "
                        "support the round."))
    said = quotes_of_event(session, event.id)
    if said:
        lines += ["", bold("Said there")] + [f"• {quote_line(q)}" for q in said]
    return "\n".join(lines)


def _normal(text: str) -> str:
    return " ".join(text.split()).strip(" .;").lower()


_CUE_NAMES = {"venue": "place", "dates": "dates", "status": "status", "noun": "said as"}


def cues_text(evidence: str | None) -> str:
    """ "place in-city: Doha; dates stated: Sunday; status word: ended": why the round is so."""
    if not evidence:
        return ""
    try:
        cues = json.loads(evidence)
    except ValueError:
        return ""
    parts = [f"{_CUE_NAMES[k]} {cues[k]}" for k in _CUE_NAMES if cues.get(k)]
    return esc("; ".join(parts))


def rounds_command(session: Session, args: str, asker: Asker) -> Reply:
    found = all_rounds(session, limit=ALL_ROUNDS_LISTED)
    if not found.items:
        return Reply.text("No negotiation rounds are on record yet. See /latest and /sources.")
    lines = [bold(f"Every round on record ({found.count_text}), in order")]
    for event in found.items:
        parts = [event_when_html(event), bold(event.place or event.title)]
        if event.status:
            parts.append(italic(event.status))
        leads = [p.name for p in event.with_role("lead")]
        if leads:
            parts.append("led by " + esc(", ".join(dict.fromkeys(leads))))
        if event.background:
            parts.append(italic("background"))
        if event.unconfirmed:
            parts.append(UNCONFIRMED)
        reports = reports_html(event.sources)
        if reports:
            parts.append(reports)
        parts += marks(corrected=bool(event.corrected), verified=event.verified)
        lines.append("• " + " · ".join(parts) + f" — {sources_html(event.sources, limit=2)}"
                     + id_tag(event_id(event.kind, event.id)))
    lines += more_lines(found, "Use /round with a date.")
    lines.append(italic("Details: /round <place> or /round <date>."))
    return Reply.text("\n".join(lines).strip(), rerun="rounds")
