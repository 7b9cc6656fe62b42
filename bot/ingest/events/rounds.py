"""Negotiation rounds as frames: where, when, who, how it stands, and on what evidence.

A clause mentions a round when a negotiation noun ("talks", "round", "delegation",
"negotiators met") meets a venue ("in Cairo", "the Doha round", "the Qatari capital", or
the wire dateline for the lede's meeting).  Summits, visits and bilateral meetings are
other stories; negated or hypothetical talks say nothing.  Clauses about the talks that
name no venue still add leads, mediators and a start day to the nearest round.  Mentions
of one venue in one article merge into one frame.

Every slot keeps the cue that filled it (`evidence`), and each cue has a weight: a venue
after "in" is sound, a venue only implied by a modifier less so, a country for a city
weak; a date the text gives is sound, the publication day assumed for an undated
mention less so; "talks" says negotiation, a "team" alone does not.  A frame whose best
cues multiply to less than `CONFIRMED` is kept but marked unconfirmed.
"""


from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from itertools import islice, pairwise

from bot.dates.vocabulary import WEEKDAY_FULL
from bot.ingest.document.passages import Mark, Passage, TimeMark
from bot.ingest.events.delegations import MEDIATION_WORD, TEAM_LEAD, participants_in
from bot.ingest.events.round_cues import (
    BILATERAL,
    CALLED_OFF,
    HERE,
    NEGATION,
    NOT_NEGOTIATION,
    NOT_TALKS,
    ROUND_NOUN,
    SUMMARY_BEFORE,
    TOOK_PLACE,
    VENUE_WEIGHT,
    WEAK_NOUNS,
    negated,
    one_met_another,
    quote_around,
    venue_cue_of,
)
from bot.ingest.events.round_dates import (
    LASTED,
    NEVER_BEGAN,
    PLAN_MISSED,
    SAID_BEFORE,
    SINCE_BEFORE,
    SINCE_THEY_CAME,
    after_days_of_talks,
    began,
    by_the_end,
    coordinated,
    date_cue_of,
    just_ended,
    lasting,
    nearest_time,
    said_on,
    same_clause,
    since,
    stay,
    when_of,
)
from bot.ingest.events.round_events import event
from bot.ingest.events.round_groups import (
    attach,
    dateline_round,
    ended_what_opened,
    fold_references,
    headline_round,
    join_stays,
    merge,
    named_later,
)
from bot.ingest.events.round_mentions import (
    FINAL,
    HAD_GONE,
    RECENT,
    ROUND_LENGTH,
    STARTED,
    Mention,
    Setting,
    party_city,
)
from bot.ingest.events.round_status import StatusCue, outcome, sentence_status
from bot.ingest.events.round_tables import JOINED, MEETING_VERB, party_meeting, sides_at_table
from bot.ingest.events.venues import (
    PlaceFacts,
    coordinated_venues,
    find_venue_cue,
    table_row,
    venue_there,
    where_talks,
)
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.model import ExtractedEvent, When

_BACKGROUND = re.compile(
    r"\b(?:previous|prior|earlier|past|last|former)\s+(?:\w+\s+)?"
    r"(?:rounds?|talks|negotiations|meetings?|attempts?)\b"
    # "sounded upbeat after the first Paris meeting": a meeting this one came after.
    r"|\b(?:after|since|following)\s+the\s+(?:first|second|third|fourth|initial)\s+"
    r"(?:[\w-]+\s+)?(?:rounds?|talks|negotiations|meetings?|sessions?)\b",
    re.IGNORECASE,
)


_ISSUES = re.compile(
    r"\b(?:key |main |core |outstanding )?issues?\b\s*(?:—|–|-|:|,)?\s*(?:—|–|-|:|including|"
    r"such as|like)\s*(?P<list>[^.;—–]{3,160})",
    re.IGNORECASE,
)


# Where one sentence tells of two meetings: "met in Paris on Feb. 23, and a team then held
# talks in Doha in the last week of February".
_CLAUSE_BREAK = re.compile(
    # (not ", and spent two days with the mediators": the same stay, told on)
    r";\s+|,\s+(?:and|but|while|whereas)\s+(?!(?:then\s+)?spent\b)(?=(?:\S+\s+){3})"
    # "talks in Doha wound up, with a promise that officials would gather in Cairo": the
    # promise's own event.
    r"|,\s+(?=(?:and\s+)?with\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:promise|pledge|commitment|"
    r"undertaking)\s+(?:that|to)\b)"
    # "its delegation has left Egypt but talks will continue next week": two subjects.
    r"|\s+but\s+(?=(?:the\s+)?(?:talks|negotiations|discussions|contacts)\s)"
    # "... ended late Sunday, officials said, as Netanyahu headed to Washington for talks
    # with Trump": what went on meanwhile is a clause of its own.
    # (", as did the high-level round in Cairo in late August": another event, told alike)
    r"|,\s+(?=as\s+(?:(?-i:[A-Z])|the\s|a\s|an\s|his\s|her\s|its\s|their\s|did\s|had\s))"
    r"|,\s+(?=(?:(?:\w+\s+){0,2}(?:days?|weeks?|hours?)\s+)?(?:following|after|before|ahead of"
    r"|since)\s+(?:the|a|an|last|an?\s+earlier|(?-i:[A-Z])[\w-]*)\b)"
    # "The Warsaw session came three days after Barnea sat down with him on Friday".
    r"|\s+(?=c(?:ame|omes)\s+(?:(?:\w+\s+){0,2}(?:days?|weeks?|hours?|months?)\s+)?"
    r"(?:after|before)\b)"
    # "The talks in Cairo follow earlier sessions in Paris on 9 May": two meetings.
    # Not "in Doha since Friday for talks": the words between name the other meeting.
    r"|[,\s]\s*(?=(?:following|after|since|follow(?:s|ed)?|c(?:ame|omes?) after)\s+"
    r"(?:(?!(?:for|to|with|in|on|of|at)\b)[\w-]+\s+){0,2}"
    r"(?:sessions|talks|rounds|meetings|negotiations)\b)"
    # "Burns saw Sisi in Cairo on July 9 and joined Barnea ... in Doha the following day":
    # one subject's two doings, in two cities.
    r"|\s+and\s+(?:then\s+)?(?=(?:joined|met|flew|travell?ed|went|headed|sat\s+down)\s)"
)


def find_rounds(
    passages: list[Passage],
    published: date,
    describe: Callable[[str], PlaceFacts | None],
    issues_in: Callable[[str], list[str]] = lambda _text: [],
    *,
    dateline: Mark | None = None,
    lede: frozenset[int] = frozenset(),
    headline: frozenset[str] = frozenset(),
    entries: dict[int, date] | None = None,
) -> list[ExtractedEvent]:
    """Rounds of negotiation the story reports, merged per venue."""
    cities = frozenset(
        m.key for p in passages for m in p.marks
        if m.kind == "place" and (facts := describe(m.key)) is not None
        and facts.place_type == "city"
    )
    setting = Setting(published, describe, dateline, lede, headline, entries or {}, cities)
    placed: list[Mention] = []
    loose: list[Mention] = []
    heading: Mark | None = None
    for passage in passages:
        label = _label(passage)
        # "What happened in Miami?" over "On Friday, Witkoff hosted ...": an explainer's
        # question heading places the answer that follows it.
        asked, heading = heading, _question_heading(passage, describe)
        for index, start, end in passage.sentences:
            sentence = passage.text[start:end]
            if CALLED_OFF.search(sentence) and not TOOK_PLACE.search(sentence):
                continue
            told: Mention | None = None
            for c_start, c_end in _clauses(passage, start, end):
                mention = _read_clause(passage, index, c_start, c_end, setting)
                if mention is None:
                    _goes_on(told, passage.text[c_start:c_end])
                    continue
                told = mention
                if (c_start, c_end) != (start, end):
                    _said_in_the_sentence(passage, start, end, mention)
                if label is not None and label[0] is not None and mention.place is None \
                        and mention.when is not None and label[1].start >= start \
                        and when_of(label[1]) == mention.when:
                    # "Cairo, March 3-7: a Hamas-only round ...": the label's place.
                    mention.place, mention.venue_cue = label[0], "table-row"
                if label is not None and label[0] is None and mention.when is not None \
                        and mention.time_text and label[1].start == start:
                    told_at = passage.text.find(mention.time_text, label[1].end, end)
                    semi = passage.text.find(";", label[1].end, end)
                    if 0 <= semi < told_at and c_start < semi:
                        # "- 15 January 2025: After talks in Doha, mediators announced a
                        # deal; the ceasefire began on 19 January": the item's day.
                        mention.when = None
                if label is not None and mention.when is None and (
                    mention.place is None or label[0] is None
                    or mention.place.key == label[0].key
                ):
                    # "Cairo, Nov. 23. A Hamas delegation met ... in Cairo": the label's;
                    # "- Tuesday: The talks reopened in Cairo": the item's day.
                    if mention.place is None and label[0] is not None and not mention.venue_cue \
                            and MEETING_VERB.search(mention.text):
                        # "Paris again, Feb. 23: Barnea ... met the same three mediators"
                        mention.venue_cue, mention.noun = "table-row", "met"
                    elif mention.place is None and label[0] is not None \
                            and not mention.venue_cue:
                        # "February 23, Paris. ... Barnea and Bar flew back for a second
                        # meeting with Burns": the item's talks are at the label's place.
                        mention.venue_cue = "table-row"
                    mention.place = mention.place or label[0]
                    mention.when = when_of(label[1])
                    mention.time_text = label[1].expression.text
                    mention.date_cue = "stated"
                    mention.background = mention.when.end < published - RECENT
                if label is not None and mention.when is not None \
                        and mention.when.end < published and mention.status is not None \
                        and mention.status.status == "ongoing" \
                        and not STARTED.match(mention.status.word) \
                        and _PRESENT_MEETING.fullmatch(mention.status.word):
                    # "Jul 28 - Burns, Barnea, ... and Kamel meet in Rome": a chronology's
                    # present tells a day gone by, a meeting held.
                    mention.status = StatusCue("held", mention.status.word)
                if asked is not None and mention.place is None and mention.noun:
                    mention.place, mention.venue_cue = asked, "table-row"
                mention.issues = _issues(mention.text, issues_in)
                mention.entry_day = setting.entries.get(passage.paragraph)
                if mention.entry_day is not None and mention.when is not None \
                        and mention.when.start <= mention.entry_day < mention.when.end \
                        and (mention.status is None or mention.status.final != "scheduled"):
                    # "Burns has been in Cairo since Friday", in Saturday's entry: up to
                    # that entry, not to the page's last update.
                    mention.when = replace(mention.when, end=mention.entry_day)
                if mention.place is not None and mention.when is None:
                    _paragraph_day(passage, index, mention, published)
                if mention.when is None and passage.paragraph in setting.entries and (
                    mention.status is None or mention.status.final != "scheduled"
                    # "17 February: An Israeli team travels to Cairo": a timeline's present
                    # tells what happened on a day gone by.
                    or setting.entries[passage.paragraph] < published
                ) and mention.noun and not mention.background and \
                        mention.venue_cue in ("in-city", "left-city", "there", "destination",
                                              "modifier", "country"):
                    # "14:10 The meeting is under way in Paris": told on the entry's day.
                    day = setting.entries[passage.paragraph]
                    # Today's entry is told on its day; a day gone by heads what it tells.
                    # ("after four days of negotiating in the Qatari capital, a deal", in
                    # today's entry: the days up to it)
                    today = day >= published - timedelta(days=1)
                    mention.when, mention.date_cue = (
                        today and just_ended(mention.text, day)) or When(day, day, "day"), (
                        "stated" if day < published - timedelta(days=1) else "assumed")
                    mention.background = day < published - RECENT
                    mention.told_on = day
                if mention.place is None:
                    loose.append(mention)
                    continue
                if _another_story(passage, setting, mention.place):
                    continue
                sequel = mention.status is not None and mention.status.final == "scheduled" \
                    and not WEAK_NOUNS.match(mention.noun)
                others = coordinated_venues(passage, mention.place, c_end, sequel=sequel)
                if (len(others) >= 2 or (others and _SEVERAL.match(mention.noun))) \
                        and not any(own for _, own in others) and (
                            mention.when is None or mention.when.granularity != "day"):
                    # "Negotiators have gathered at a lot of tables since October 2023, in
                    # Paris, Cairo and Doha", "a sequence of rounds held in Cairo and Doha":
                    # many rounds summed up, none of them told.
                    continue
                placed.append(mention)
                for other, own in others:
                    copy = replace(mention, place=other, participants=[], venue_cue="coordinated")
                    if own:  # "... and in Doha on 15 and 16 August": its own days
                        copy.when, copy.time_text = when_of(own[0]), own[0].expression.text
                        if sequel and copy.when is not None and mention.when is not None \
                                and copy.when.end < mention.when.start \
                                and copy.when.granularity == "day":
                            # "in Doha on Wednesday, before returning to Cairo on Thursday":
                            # the Thursday after, not the one before.
                            week = timedelta(days=7)
                            copy.when = When(copy.when.start + week, copy.when.end + week, "day")
                    placed.append(copy)
    # "Israeli media had reported that a session could be held in Cairo on Thursday. An
    # Egyptian official said no such meeting was planned": the report, denied.
    denied = {index - 1 for passage in passages for index, start, end in passage.sentences
              if _NO_SUCH.search(passage.text, start, end)}
    placed = [m for m in placed if m.sentence not in denied
              or m.status is None or m.status.final != "scheduled"]
    loose = [m for m in loose if m.sentence not in denied]
    rounds = fold_references(join_stays(merge(placed, describe), describe, loose), describe)
    rounds = ended_what_opened(rounds, describe, published)
    headline_round(rounds, loose, setting)
    named_later(rounds, loose, setting)
    dateline_round(rounds, loose, setting)
    attach(rounds, loose)
    events = [event(group, setting) for group in rounds]
    _moved_on(events, rounds)
    # A current round the story cannot date ("months of talks in Cairo and Doha failed")
    # is a summary, not an event; a past one keeps its place ("the last round crumbled").
    return [e for e in events if e.when is not None or e.background]


# Nouns that count several meetings: "rounds held in Cairo and Doha" are more than one.
_SEVERAL = re.compile(r"^(?:rounds|meetings|sessions|gatherings)$", re.IGNORECASE)


def _question_heading(
    passage: Passage, describe: Callable[[str], PlaceFacts | None]
) -> Mark | None:
    """The city a short question heading asks about: "What happened in Miami?"."""
    text = passage.text.strip()
    if not text.endswith("?") or len(text.split()) > 10:
        return None
    cities = [m for m in passage.marks if m.kind == "place"
              and (facts := describe(m.key)) is not None and facts.place_type == "city"]
    return cities[0] if len(cities) == 1 and _ASKS_IN.search(text) else None


_ASKS_IN = re.compile(r"\bin\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*\?$")


def _another_story(passage: Passage, setting: Setting, venue: Mark) -> bool:
    """ "U.S. and Ukrainian officials are due to meet in Jeddah today": a paragraph that
    names another conflict's side and neither side nor the ground of this story tells
    another story's talks (a digest of several, an appended item)."""
    words = vocabulary()
    if words.own_ground.search(passage.text):
        return False
    host = setting.describe(venue.key)
    # (the host's own country is no side: "met in Paris, France's foreign ministry said")
    known = words.parties | words.mediators | (
        {host.country, host.name} if host is not None else set())
    for mark in passage.marks:
        if mark.kind not in ("country", "place"):
            continue
        facts = setting.describe(mark.key)
        if facts is not None and facts.place_type == "country" and facts.name not in known:
            return True
    return False


# "senior officials will reconvene in Cairo next week": the talks move on to another city.
_AGAIN = re.compile(r"\b(?:reconven\w*|meet\s+again|next\s+round|resume\w*|move\s+to)\b",
                    re.IGNORECASE)


def _moved_on(events: list[ExtractedEvent], groups: list[list[Mention]]) -> None:
    """Talks told as going on only by their dates ("over the last 48 hours in Doha") are
    over when the same report sends the next round to another city."""
    for current in events:
        if current.status != "ongoing" or current.evidence.get("status") != "dates now" \
                or current.when is None:
            continue
        if any(
            other.status == "scheduled" and other.place_key != current.place_key
            and other.when is not None and other.when.start > current.when.end
            and any(_AGAIN.search(m.text) for m in group)
            for other, group in zip(events, groups, strict=True)
        ):
            current.status = "concluded"
            current.evidence = {**current.evidence, "status": "next round elsewhere"}


_IN_THE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


def _goes_on(told: Mention | None, clause_text: str) -> None:
    """ "X travelled to Rome on Sunday for a fresh attempt at a deal, and flew back to Israel
    later the same day": a clause with no talks of its own ends the ones just told."""
    if told is None or (told.status is not None and told.status.status != "held"):
        return  # (a meeting told as held may still be told over: "..., and the same day
        # Barnea ordered the team home")
    text = clause_text.lstrip(" ,;")
    if not re.match(r"(?:and|but|then|before)\b|[a-z]", text):
        return
    cue = sentence_status(text, 0)
    if cue is not None and cue.final in FINAL:
        told.status = cue


def _said_in_the_sentence(passage: Passage, start: int, end: int, mention: Mention) -> None:
    """ "The delegation has left the Egyptian capital following talks ..., according to
    sources quoted on Tuesday": a clause that tells the talks over, with no day of its own,
    is dated by the day the sentence was told, as a whole sentence would be."""
    if mention.place is None or mention.when is not None or mention.status is None \
            or mention.status.final not in FINAL:
        return
    told = [t for t in passage.times_in(start, end)
            if t.expression.granularity == "day" and t.expression.direction != "future"
            and said_on(passage.text, start, t, _TOLD_BEFORE)]
    if len(told) == 1:
        mention.when, mention.time_text = when_of(told[0]), told[0].expression.text
        mention.date_cue, mention.said_day = "stated", True
        return
    # "The latest push for a truce ended on Thursday without an agreement, as the Israeli
    # and Hamas teams both left Cairo": what went on as the talks ended, on their day.
    if _AS_CLAUSE.match(mention.text):
        at = passage.text.find(mention.text, start)
        ended = [t for t in passage.times_in(start, at) if t.expression.granularity == "day"
                 and t.expression.direction != "future"
                 and _ENDED_ON.search(passage.text, max(start, t.start - 40), t.start)]
        if len(ended) == 1 and len(passage.times_in(start, at)) == 1:
            mention.when, mention.time_text = when_of(ended[0]), ended[0].expression.text
            mention.date_cue = "stated"


_AS_CLAUSE = re.compile(r"as\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:teams?|delegations?|negotiators)\b")
_ENDED_ON = re.compile(
    r"\b(?:ended|closed|broke\s+up|wrapped\s+up|concluded|finished)\s+(?:on\s+|late\s+on\s+)?$",
    re.IGNORECASE,
)


# "said on Tuesday", and what quotes a source: "quoted by Al-Qahera News on Tuesday".
_TOLD_BEFORE = re.compile(
    SAID_BEFORE.pattern + r"|\b(?:quoted|cited)\s+by\s+(?:[\w-]+\s+){1,4}(?:on\s+)?$",
    re.IGNORECASE,
)


def _paragraph_day(passage: Passage, index: int, mention: Mention, published: date) -> None:
    """ "The breakthrough came in Paris on Sunday, Jan. 28. ... Netanyahu's office called
    the Paris talks constructive": the day the paragraph gives its city, when one only."""
    days = {
        (t.expression.start, t.expression.end): t
        for other, start, end in passage.sentences if other != index
        for m in passage.marks_in(start, end, ("place",))
        # "came in Paris on Sunday, Jan. 28": something happened there, that day; not
        # "with the backing of Doha and Cairo" and a day of something else.
        if m.key == mention.place.key
        and _IN_THE.search(passage.text[max(start, m.start - 12) : m.start])
        for t in passage.times_in(m.end, min(end, m.end + 30))
        if t.expression.granularity == "day" and t.expression.direction == "past"
        and not said_on(passage.text, start, t)
        # ("Burns has been in the Egyptian capital since Friday": his stay, not this day)
        and not _SINCE_BEFORE.search(passage.text, max(start, t.start - 12), t.start)
    }
    if len(days) != 1:
        return
    time = next(iter(days.values()))
    mention.when, mention.time_text = when_of(time), time.expression.text
    mention.date_cue = date_cue_of(time)
    mention.background = mention.when.end < published - RECENT


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)


# A list item that opens with its day: "- Tuesday: Israeli troops took the crossing",
# "Mar 10-14 - Indirect talks in Doha".
_DAY_LABEL = re.compile(r"\s*(?:[-•*–]\s*)?(?P<day>[^:]{3,30}?)(?::|\s[-–—])\s")


def _label(passage: Passage) -> tuple[Mark | None, TimeMark] | None:
    """A list item's label, "Cairo, Nov. 23.": a place and a day, nothing else; or the
    day an item opens with, "- Tuesday: ..."."""
    _, start, end = passage.sentences[0]
    head = _DAY_LABEL.match(passage.text, start)
    if head is not None and (place_day := _day_and_place(passage, start, end)) is not None:
        return place_day  # "28 Jan 2024 — Paris. CIA Director William Burns ..."
    if head is not None:
        times = passage.times_in(head.start("day"), head.end("day"))
        rest = head["day"]
        for t in times:
            rest = rest.replace(passage.text[t.start : t.end], " ")
        # "- Thursday (today):" names one day twice.
        if times and len({(t.expression.start, t.expression.end) for t in times}) == 1 \
                and times[0].expression.granularity == "day" and not rest.strip(" ()[],"):
            after = [m for m in passage.marks_in(head.end(), end, ("place",))
                     if m.start == head.end()]
            if after and _HEAD_COLON.match(passage.text, after[0].end):
                # "- 28 January 2024 - Paris: Burns, Barnea, Kamel and Sheikh Mohammed
                # draft a phased framework": the item's day, then its city.
                return after[0], times[0]
            return None, times[0]
    places = passage.marks_in(start, end, ("place",))
    times = passage.times_in(start, end)
    if places and places[0].start == start and times and (
        head := _PLACE_DAY_HEAD.match(passage.text, places[0].end)
    ) and times[0].start == head.end() and times[0].expression.granularity == "day" \
            and _HEAD_COLON.match(passage.text, times[0].end):
        # "Cairo, March 3-7: a Hamas-only round with Egyptian and Qatari mediators ...",
        # "Paris again, Feb. 23: Barnea ... met the same three mediators": a list item's
        # place and days, then what happened there.
        return places[0], times[0]
    if places and times and times[0].start == start \
            and times[0].expression.granularity == "day" \
            and re.fullmatch(r",\s+", passage.text[times[0].end : places[0].start]) \
            and _HEAD_COLON.match(passage.text, places[0].end):
        # "28 November 2023, Doha: Burns and Barnea meet Qatar's prime minister ...": a
        # chronology's day and place, then what happened there.
        return places[0], times[0]
    return _day_and_place(passage, start, end)


def _day_and_place(passage: Passage, start: int, end: int) -> tuple[Mark, TimeMark] | None:
    """A sentence that is only a day and a place: "28 Jan 2024 — Paris."."""
    places = passage.marks_in(start, end, ("place",))
    times = passage.times_in(start, end)
    if len(places) != 1 or len(times) != 1 or times[0].expression.granularity != "day":
        return None
    rest = passage.text[start:end]
    for item in (times[0], places[0]):
        rest = rest.replace(passage.text[item.start : item.end], " ")
    return (places[0], times[0]) if not re.sub(r"[\s,.:–—-]", "", rest) else None


def _clauses(passage: Passage, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence, or its clauses when it places things in two venues or tells of two
    meetings ("after a meeting on Saturday, following the Cairo meeting last month")."""
    venues = passage.marks_in(start, end, ("place",))
    # (whether there are two nouns: the scan stops at the second)
    nouns = list(islice(ROUND_NOUN.finditer(passage.text, start, end), 2))
    # "Barnea travelled to Doha on July 5 to meet the prime minister, and he and Burns were
    # back in the Qatari capital on July 10 for talks": one city named twice, on two days,
    # two events.
    days = {t.expression.start for t in passage.times_in(start, end)
            if t.expression.granularity == "day" and not t.expression.is_range}
    if len({m.key for m in venues}) < 2 and len(nouns) < 2 and (
            len(days) < 2 or len(venues) < 2):
        return [(start, end)]
    bounds = [start]
    for m in _CLAUSE_BREAK.finditer(passage.text, start, end):
        if _AFTER_TALKS.match(passage.text, m.end()) and not _IN_A_PLACE.search(
            passage.text, m.end(), end
        ):
            # "A Hamas delegation departed Cairo late Saturday following talks with Egyptian
            # officials": the talks it left, in no other city, are of its clause.
            continue
        rest = passage.text[m.start() + 1 :].lstrip()
        before = passage.marks_in(bounds[-1], m.start(), ("person",))
        after = passage.marks_in(m.end(), min(end, m.end() + 60), ("person",))
        if before and after and before[-1].end >= m.start() - 1 \
                and JOINED.fullmatch(passage.text[before[-1].end : after[0].start]):
            # "with the participation of X, Y, and Qatari Prime Minister Z": one list.
            continue
        if (_WHO_CLOSES.search(passage.text, bounds[-1], m.start())
                and re.match(r"and\s+(?-i:[A-Z])", rest)) or (
                re.match(r"and\s+with\s+(?-i:[A-Z])", rest)
                and re.search(r"\bwith\s+(?-i:[A-Z])", passage.text[bounds[-1] : m.start()])):
            # "met Mossad director David Barnea, who heads Israel's negotiations, and Qatar's
            # Prime Minister", "to sit down with Qatar's premier, X, and with Barnea": the
            # relative clause or apposition closes, the list of people goes on.
            continue
        if _ELLIPSIS.fullmatch(passage.text, m.end(), end):
            # "sat down again in Cairo on 13 February, and once more in Paris on 23
            # February": the verb left out is the first clause's; the venues go together.
            continue
        if not _ONLY_A_DAY.fullmatch(_without_times(passage, bounds[-1], m.start())):
            bounds.append(m.end())
        # ("On February 13, after meetings in Cairo ...": the day opens the next clause.)
    bounds.append(end)
    return [(a, b) for a, b in pairwise(bounds) if b > a]


_WHO_CLOSES = re.compile(r",\s+(?:who|whose)\s+[^,;]*$")
_PART_OF_A_WEEK = re.compile(r"(?:early|late|mid)[\s-]", re.IGNORECASE)
_AFTER_AN_EARLIER = re.compile(
    r"\b(?:after|following)\s+(?:a|an|the)\s+(?:previous|earlier|prior|last|first)\s+"
    r"(?:round|meeting|session)s?(?:\s+of\s+(?:[\w-]+\s+)?(?:talks|negotiations))?$",
    re.IGNORECASE)
_RESULT_OF = re.compile(
    r"\b(?:outcomes?|results?|fruits|conclusions)\s+of\s+(?:the\s+|this\s+|that\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
# "The war cabinet is expected to discuss the Cairo meeting later this week": a day told
# after the talks' name is of the discussion ("On Sunday evening they discussed the Doha
# negotiations by phone" keeps the day told before it).
_DISCUSSED = re.compile(
    r"\b(?:discuss|review|weigh|assess|debate)(?:es|ed|ing)?\s+(?:the|this|that)\s+"
    r"(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_ELLIPSIS = re.compile(
    r"\s*(?:and\s+)?(?:(?:once\s+more|once\s+again|again|then|later|also)\s+)?(?:in|at)\s+"
    r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:on|in)\s+[^,;.]{1,30}[.]?\s*")
_AFTER_TALKS = re.compile(r"(?:following|after)\s+(?:[\w-]+\s+){0,2}(?:talks|negotiations)\b",
                          re.IGNORECASE)
_IN_A_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?[A-Z]")
_ONLY_A_DAY = re.compile(r"[\s,]*(?:(?:on|by|late|early|in|at)\s+)*[\s,]*", re.IGNORECASE)


def _without_times(passage: Passage, start: int, end: int) -> str:
    """The text of a stretch with its time expressions taken out (None if it has none)."""
    times = passage.times_in(start, end)
    if not times:
        return "-"
    text, at = "", start
    for t in sorted(times, key=lambda t: t.start):
        text += passage.text[at:t.start]
        at = max(at, t.end)
    return text + passage.text[at:end]


# "The Doha meeting answered a call issued on August 8": the day of the call.
_DAY_OF_ANOTHER = re.compile(
    r"\b(?:call|appeal|statement|proposal|plan|letter|message|ultimatum|warning|order|"
    r"invitation|request|offer|text|draft)s?\s+(?:\w+\s+)?(?:issued|released|published|sent|"
    r"made|tabled|delivered|submitted|put forward|unveiled|received)\s+(?:on\s+|in\s+|at\s+)?$"
    # "an agreement could be signed in the coming days with talks in Cairo making progress"
    r"|\b(?:be|been|being)\s+(?:signed|agreed|reached|sealed|finali[sz]ed|announced|"
    r"struck|clinched|implemented)\s+(?:on\s+|in\s+|within\s+|by\s+)?$"
    # "the truce deal that has been in place since January 19", "That truce, which began on
    # November 24, was extended": the truce's days
    r"|\b(?:in\s+place|in\s+force|in\s+effect|holding|held|took\s+effect|took\s+hold)\s+"
    r"(?:ever\s+)?since\s+$"
    r"|\b(?:truce|ceasefire|cease-fire|pause)\b[^.;]{0,20}?\b(?:began|started|took\s+effect|"
    r"came\s+into\s+(?:force|effect)|took\s+hold)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


# "called the Doha meeting in an August 8 statement": a day that names another thing.
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|its|their|his|her)\s+$", re.IGNORECASE)
_OTHER_NOUN_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:statement|call|appeal|letter|message|proposal|plan|offer|"
    r"ultimatum|speech|interview|announcement|declaration|deadline|attack|strike)s?\b",
    re.IGNORECASE,
)


_PLACE_DAY_HEAD = re.compile(r"(?:\s+again)?,\s+")
_HEAD_COLON = re.compile(r"\s*:\s+")
_LEADING_AFTER = re.compile(r"(?:After|Following)\s+[^,;]{3,80},\s+")
_BARE_WEEKDAY = re.compile(rf"(?:on\s+)?{WEEKDAY_FULL}", re.IGNORECASE)
_THE_WEEKDAY = re.compile(
    r"the (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.IGNORECASE
)


def _own_part(marks: list[Mark], start: int, text: str, at: int) -> list[Mark]:
    """The marks of the part of a clause the talks are told in: "The delegation left for
    Doha on July 6, the day before Netanyahu met Trump at the White House" tells of the
    leaders' meeting only to date the trip."""
    bounds = [start] + [start + m.end() for m in _CLAUSE_BREAK.finditer(text)] + [start + len(text)]
    for lo, hi in pairwise(bounds):
        if lo <= at < hi:
            return [m for m in marks if lo <= m.start < hi] if any(
                not lo <= m.start < hi for m in marks if m.kind == "person") else marks
    return marks


def _names_another(text: str, start: int, end: int) -> bool:
    return bool(_ARTICLE_BEFORE.search(text, max(0, start - 8), start)
                and _OTHER_NOUN_AFTER.match(text, end))


def _read_clause(
    passage: Passage, index: int, start: int, end: int, setting: Setting
) -> Mention | None:
    text = passage.text[start:end]
    published = setting.published
    # "has hosted the office since 2012": a state's beginning, never a round's date; but
    # "had been in Doha since the 18th" is when this round began.
    all_times = [
        t for t in passage.times_in(start, end)
        if not SINCE_BEFORE.search(passage.text[max(start, t.start - 12) : t.start])
        or t.expression.granularity == "day"
    ]
    times = [
        t for t in all_times
        if not said_on(passage.text, start, t) and not _VAGUE.match(t.expression.text)
        and not _DAY_OF_ANOTHER.search(passage.text, max(start, t.start - 40), t.start)
        and not _names_another(passage.text, t.start, t.end)
    ]
    # "The next day, a team spent the Saturday in talks": "the Saturday" names the day told,
    # not the Saturday before the report.
    times = [
        t for t in times
        if not (_THE_WEEKDAY.fullmatch(passage.text, max(0, t.start - 4), t.end)
                and any(o is not t and o.expression.granularity == "day" for o in times))
    ] or times
    # "Barnea, who heads Israel's hostage negotiations, ...": a person's charge, no meeting.
    nouns = [n for n in ROUND_NOUN.finditer(text)
             if not _WHOSE_CHARGE.search(text, max(0, n.start() - 60), n.start())]
    if all(n.group().lower() in NOT_NEGOTIATION for n in nouns):
        # "Burns and Barnea met the Qatari premier in Doha ..., a source briefed on the
        # visit said": the people who met are the meeting; the visit is the source's word.
        nouns += party_meeting(text, start, passage, setting.describe) \
            or list(_THEY_OPENED.finditer(text))
    if nouns and (quote := quote_around(passage, start + nouns[0].start())) is not None:
        # 'Early today, Hamas said: "The delegation left Cairo"': the day of the saying.
        times = [t for t in times if quote.start <= t.start < quote.end]
        all_times = [t for t in all_times if quote.start <= t.start < quote.end]
    row = table_row(passage, start, end, times)
    marks = passage.marks_in(start, end)
    lead = _LEADING_AFTER.match(text)
    if lead is not None and any(m.kind == "place" and m.start >= start + lead.end()
                                for m in marks):
        # "After talks in Doha, mediators brought the teams to the Egyptian capital from
        # August 22 to 25": the sentence's talks are where its main clause puts them.
        marks = [m for m in marks if m.start >= start + lead.end()]
    if not nouns and row is None:
        if not TEAM_LEAD.search(text) and not MEDIATION_WORD.search(text):
            return None
        # "The Israeli team is led by X": who leads a side, never a round by itself.
        return Mention(index, text, None, None, None, False, participants_in(text, start, marks))
    if row is not None:
        place, venue_cue = row, "table-row"
    else:
        place, how = find_venue_cue(text, start, marks, nouns, setting.describe)
        if place is None and nouns:
            place = venue_there(passage, start, text, setting.describe)
            how = "there" if place is not None else how
        venue_cue = venue_cue_of(passage.text, place, setting.describe, how)
        if place is not None and venue_cue not in ("left-city", "in-city") \
                and _FOR_CONSULTATIONS.match(passage.text, place.end):
            # "the Hamas team returned to Qatar for consultations": home, not the talks.
            place, venue_cue = None, ""
        elif venue_cue == "destination" and place is not None and not _TRAVELLERS.search(text) \
                and _ANOTHER_SUBJECT.search(passage.text, start, place.start):
            # "The round began as Netanyahu left for Washington": he went, not the talks.
            place, venue_cue = None, ""
        elif venue_cue == "destination" and place is not None \
                and _FOR_TALKS_WITH.match(passage.text, place.end):
            # "travelled to Doha earlier this month for technical talks with Qatari
            # mediators": the talks they went for, there.
            venue_cue = "in-city"
        elif venue_cue == "destination" and place is not None and _TRAVELLERS.search(text) \
                and _STAYED.search(text, place.end - start):
            # "An Israeli delegation flew to Cairo on Thursday and spent two days with
            # Egyptian, Qatari and US officials": they went, and met there.
            venue_cue = "in-city"
    anchor = (place.start - start) if place else nouns[0].start()
    noun = min(nouns, key=lambda n: abs(n.start() - anchor)) if nouns else None
    if place is not None and (where := where_talks(text, place.end - start)) is not None:
        # "a news conference in Doha, where the talks were held": those talks.
        noun = ROUND_NOUN.match(text, where.start("noun")) or noun
    if place is not None and noun is not None and WEAK_NOUNS.match(noun.group()) \
            and (went_for := _CAME_FOR.match(text, noun.end())) is not None:
        # "a Hamas team came to the city for a session attended by Burns": the session.
        noun = ROUND_NOUN.match(text, went_for.start("noun")) or noun
    if noun is not None and vocabulary().other_business.search(text, 0, noun.start()):
        return None  # "the COP30 climate talks in Belém": another business's talks
    if noun is not None and (with_ := _WITH_THE.match(text, noun.end())) is not None \
            and vocabulary().other_party.match(text, with_.end()):
        return None  # "arrived in Tehran for meetings with Iranian leaders": another's
    if noun is not None and _NAMED_BODY_BEFORE.search(text, 0, noun.start()):
        return None  # "a World Economic Forum gathering in Riyadh": the forum's, not talks
    if noun is not None and (_OF_A_BODY.match(text, noun.end())
                             or _BODY_BEFORE.search(text, 0, noun.start())):
        return None  # "a meeting of the security cabinet, set for Monday": a side's own
    if noun is not None and noun.group().lower() in NOT_NEGOTIATION and (
        after := ROUND_NOUN.match(text, noun.end() + 1)
    ) is not None and after.group().lower() not in NOT_NEGOTIATION:
        noun = after  # "a summit meeting in Paris": the meeting
    if noun is not None and noun.group().lower() in NOT_NEGOTIATION and (
        team := next((n for n in nouns if _NEGOTIATORS.fullmatch(n.group())), None)
    ) is not None:
        # "an earlier visit by Hamas negotiators, who arrived in Cairo on Saturday, May 4,
        # and spent two days with Egyptian and Qatari officials": the negotiators' stay.
        noun = team
    if noun is not None and noun.group().lower() == "summit" \
            and sides_at_table(marks, setting.describe):
        pass  # "The Doha summit ... with the participation of Barnea, Burns and Al Thani"
    elif noun is not None and noun.group().lower() in NOT_NEGOTIATION:
        return None
    if noun is not None and _DEAL_NOUN.fullmatch(noun.group()) and _AFTER_THE.search(
        text[: noun.start()]
    ):
        return None  # "days after the first-phase deal was agreed there": a time, not news
    if noun is not None and _SUPPOSING.match(text[: noun.start()]) \
            and _WOULD_BE.match(text, noun.end()):
        # "If the Doha talks fail, nothing stops a return to war": supposed (not "If the
        # Rome session felt like a rerun, that is because it was one": told)
        return None
    if noun is not None and SUMMARY_BEFORE.search(text[: noun.start()]):
        return None  # "months of talks in Cairo and Doha failed": many rounds, summed up
    if noun is not None and _SEVERAL.match(noun.group()) \
            and _PAST_ONES.search(text, max(0, noun.start() - 25), noun.start()) \
            and not times:
        # "as in previous rounds the two sides are not in the same room" (not "earlier
        # sessions in Paris on 9 May and in Doha on 20 May", nor "previous rounds in Doha and
        # Cairo in January": each told with its days)
        return None
    if noun is not None and _ROLE_IN.search(text[max(0, noun.start() - 40) : noun.start()]):
        return None  # "Qatar put its role as a go-between in talks on hold": no meeting
    told_at = start + (noun.start() if noun else anchor)
    if BILATERAL.search(text) or (noun is not None and negated(text, noun)) or (
        (one_met_another(passage.text, _own_part(marks, start, text, told_at))
         or _met_a_leader(text, start, marks)) and not _round_opened_when(text, noun)
    ):
        return None
    if (other := NOT_TALKS.search(text)) and not (
        noun is not None and noun.end() <= other.start()
        and re.search(r"\b(?:who|which|whose|after|following)\b", text[noun.end() : other.start()])
    ):
        # "The talks opened ... with a delegation led by X, who survived a strike on ...":
        # what the clause tells of a person, not what the talks were; "talks were suspended
        # after an airstrike on a commander": what came before the talks' end.
        return None
    # (a proposal's terms tell what it would bring, not where the talks are: "floated a
    # truce under which ..., with talks to begin within ten days")
    terms_at = _TERMS.search(text, noun.end() if noun else anchor)
    status = sentence_status(text[: terms_at.start()] if terms_at else text,
                             noun.start() if noun else anchor)
    said_day = False
    if not times and ((status is not None and (
        status.final in ("agreement", "collapsed", "concluded")
        or (status.final == "ongoing" and (STARTED.match(status.word)
                                           # "confirmed Tuesday that talks are ongoing"
                                           or _GOING_ON.match(status.word)))
    )) or (status is None and HAD_GONE.search(text))):
        # "announced on Wednesday that a deal had been agreed", "reported on Sunday that
        # negotiations had restarted", "reported on Monday that a team had gone to Doha":
        # told that day, so done or begun by then.
        said_day, times = bool(all_times), all_times
    at = start + (noun.start() if noun else anchor)
    if place is not None and place.start >= 0 and venue_cue == "in-city":
        at = place.start  # "convened in Paris on January 28": the day is the venue's
    if noun is not None and (earlier := _AFTER_AN_EARLIER.search(text, 0, noun.end())):
        # "Hopes had risen this week after a previous round of talks in Doha": the week
        # of the hopes; the round came before it, on no day told here.
        times = [t for t in times if t.start >= start + earlier.start()]
    if noun is not None and _DISCUSSED.search(text, 0, noun.start()):
        times = [t for t in times if t.start < start + noun.start()]
    if noun is not None and _BEFORE_THE_ROUND.fullmatch(text, 0, noun.start()):
        # "Before the Doha round, the last negotiations had ended with the collapse of the
        # January ceasefire on March 18": the round named as a landmark, on no day told.
        times, all_times = [], []
    if noun is not None and _RESULT_OF.search(text, 0, noun.start()):
        # "The war cabinet was due to meet on Monday to discuss the outcome of the Paris
        # talks": the day of what weighs the talks, not of the talks.
        times = [t for t in times if t.start >= start + noun.end()]
    said = _SAYS_THAT.search(passage.text, at, end)
    if said is not None:
        # "On the Sunday the Doha meeting opened, Sisi told a news conference that Egypt
        # proposed talks to start within 10 days": what was said has its own days.
        times = [t for t in times if t.start < said.start()]
    terms = _TERMS.search(passage.text, at, end)
    if terms is not None:
        # "Only hours before the Doha meeting, Sisi floated a two-day truce under which
        # four hostages would be freed, with talks to begin within ten days": the days of a
        # proposal's terms are not the talks'.
        times = [t for t in times if t.start < terms.start()]
    own = _OWN_CLAUSE.match(text, noun.end()) if noun is not None else None
    if noun is not None and _JUDGED_THE.search(text, 0, noun.start()) and (
        place is None or place.end <= start + (own.end() if own else noun.end())
    ):
        # Talks judged are named, not dated by the days around them; only a clause of
        # their own dates them ("described the discussions, which began on Thursday").
        # (A venue further on is of other talks: "... and said working groups will meet
        # in Cairo".)
        times = [t for t in times if own is not None
                 and start + noun.end() <= t.start < start + own.end()]
    clause_times = same_clause(passage.text, times, at)
    if noun is not None and start + noun.start() > at:
        # "closed in the Qatari capital after talks that had run since Sunday": the
        # "after" stands before the talks, whose own days follow them.
        own = start + noun.end()
        clause_times += [t for t in same_clause(passage.text, times, own)
                         if t.start >= own and t not in clause_times]
    clause_times += [t for t in times if t not in clause_times and t.start > at
                     and SINCE_THEY_CAME.search(passage.text, max(start, t.start - 80), t.start)]
    time = nearest_time(clause_times, at)
    if lead is not None and noun is not None and noun.end() <= lead.end() and (
        place is None or place.start < start + lead.end()
    ):
        # "After four days of talks in the Qatari capital, mediators announced on 15 January
        # that a deal had been agreed, and the guns fell silent on 19 January": the talks
        # the sentence opens with end on the main clause's first day.
        # (Within the main clause: "After talks in Doha, mediators announced a deal; the
        # ceasefire began on 19 January" dates the deal by its label, not the ceasefire.)
        stop = passage.text.find(";", start + lead.end(), end)
        stop = end if stop < 0 else stop
        after = sorted((t for t in all_times if start + lead.end() <= t.start < stop),
                       key=lambda t: t.start)
        time = after[0] if after else time
    when = began(passage.text, times, time) \
        or coordinated(passage.text, times, time) or since(passage.text, time, published) \
        or lasting(text, time, status) or stay(passage.text, times) \
        or by_the_end(passage.text, time) or when_of(time)
    if when is not None and venue_cue == "left-city" and place is not None \
            and when.granularity == "day" and (opened := _where_since(
                passage, place, all_times)) is not None and opened < when.start:
        # "called its team back from Doha, where talks had been under way since March 18":
        # the talks it left ran from that day.
        when = When(opened, when.end, "day")
    if when is not None and time is not None and when.granularity == "week" \
            and _PART_OF_A_WEEK.match(time.expression.text):
        # "expected in Cairo early next week": a round is placed in its week, as the gold
        # rule for weeks has it (tests/gold/FORMAT.md), though the date itself keeps the
        # days the words name.
        monday = when.start - timedelta(days=when.start.weekday())
        when = When(monday, monday + timedelta(days=6), "week")
    if when is not None and (held := LASTED.search(text)) is not None and time is not None \
            and time.start < start + held.start():
        # "began new negotiations in Cairo on Thursday, which lasted for two days": from
        # the day they began, for those days, and over ("arrived in Cairo on Saturday, May
        # 4, and spent two days with Egyptian officials", told days after, too).
        when = lasting(text, time, StatusCue("ongoing", "began")) or when
        if when.end < published:
            status = StatusCue("concluded", held.group(0))
    if status is not None and status.final in ("concluded", "collapsed") and time is not None \
            and (time.expression.direction == "future" or (
                time.expression.start >= published and time.expression.end > published)):
        # "the Hamas teams had left Cairo and could come back within two days": a team that
        # left did so on no day to come; the day is of the return only hoped for.
        when, time = None, None
    if status is None and time is not None and time.expression.direction == "future":
        status = StatusCue("scheduled", time.expression.text)
    if status is not None and status.status == "scheduled" and when is not None \
            and time is not None and _BARE_WEEKDAY.fullmatch(time.expression.text) \
            and noun is not None and time.start > start + noun.end() \
            and published - timedelta(days=7) < when.start < published:
        # "Burns is scheduled to meet ... in Rome on Sunday", told on a Friday: the Sunday to
        # come, however far the verb stands from the day (not "On Friday, a channel said a
        # delegation will take part": the day of the saying).
        week = timedelta(days=7)
        when = When(when.start + week, when.end + week, when.granularity)
    if when is not None and time is not None and when.granularity == "day" \
            and _SOME_DAYS.search(time.expression.text):
        # "will meet in Doha in the coming days": some day of them, which a report that
        # names the day ("will go to Doha on Sunday") pins down.
        when = When(when.start, when.end, "week")
    if status is None and after_days_of_talks(text):
        status = StatusCue("concluded", "after days of talks")  # the talks are behind it
    if noun is not None and _ANNOUNCED_THE.search(text, 0, noun.start()):
        # "Al-Qahera News had announced the Rome meeting on Friday": the day it was told.
        when, status = None, status if status is None or status.final == "scheduled" else None
    if noun is not None and (seat := vocabulary().leaders_seat.search(text, noun.end())) \
            and not _STRONG_TALKS.fullmatch(noun.group()) \
            and _SEAT_GAP.fullmatch(text, noun.end(), seat.start()):
        # "for meetings at the White House", "El Sisi hosted Witkoff and Kushner at
        # Ittihadiya Palace": a visit to a leader.
        return None
    if noun is not None and PLAN_MISSED.match(text, noun.end()):
        return None  # talks that "were supposed to start on 3 February" are no news of talks
    if noun is not None and NEVER_BEGAN.search(text, noun.end()):
        # "The talks on a second phase never really started, and on March 18 Israel
        # resumed strikes": talks that never happened have no day.
        when, status = None, None
    assumed = False
    # (a day of another event told in it is none of theirs: "capped four days of talks in
    # Doha that intensified after a delegation arrived on Sunday")
    if when is None and time is None and place is not None \
            and passage.paragraph not in setting.entries \
            and (status is None or status.final != "scheduled") \
            and (when := just_ended(text, published)) is not None:
        assumed = True  # "after two days of talks in Qatar", on the day it is reported
    background = bool(_BACKGROUND.search(text)) or (
        when is not None and when.end < published - RECENT
        and (status is None or status.final != "scheduled")
    )
    if venue_cue in ("destination", "speech") and index in setting.lede and \
            setting.dateline is not None and not (
                # "JERUSALEM - Israel will send a negotiating team to the Egyptian capital
                # on Monday": no talks are held in a side's city; the team's are there.
                venue_cue == "destination" and party_city(setting)
                and _TRAVELLERS.search(text)):
        place = None  # "... as Netanyahu travelled to Washington": the dateline's talks
    if venue_cue == "country" and place is not None and setting.dateline is not None:
        city = setting.describe(setting.dateline.key)
        if (city is not None and city.country == place.text) or (
            city is not None and (facts := setting.describe(place.key)) is not None
            and facts.name == city.country
        ):
            place, venue_cue = setting.dateline, "dateline"  # "talks in Egypt" from Sharm
    elif venue_cue == "country" and place is not None and len(setting.headline) == 1:
        key = next(iter(setting.headline))
        city = setting.describe(key)
        if city is not None and city.place_type != "country" and city.country == place.text:
            # "talks which resume in Qatar on Sunday" under "... talks in Doha on Sunday"
            place, venue_cue = Mark(-1, -1, key, "place", city.name), "headline"
    if venue_cue == "country" and place is not None and place.start >= 0 and (
        _A_TOWN_OF.search(place.text) or _A_TOWN_OF.match(passage.text, place.end)
    ) and ((country := setting.describe(place.key)) is None
           or country.name not in vocabulary().parties):
        # "talks in the Egyptian resort town", in a report that names one Egyptian city,
        # "The road to Sharm el-Sheikh began ...": that city (a mediator's: no talks are
        # held in the sides' own cities).
        named = [k for k in setting.cities if (facts := setting.describe(k)) is not None
                 and (facts.country == place.text
                      or (country is not None and facts.country == country.name))]
        if len(named) == 1:
            city = setting.describe(named[0])
            place, venue_cue = Mark(-1, -1, named[0], "place", city.name), "named-city"
    if place is None and noun is not None and not party_city(setting) and (
        # (the lede's talks that happen: "Here is how the talks got here" tells of none)
        (index in setting.lede and not background and not WEAK_NOUNS.match(noun.group())
         and (status is not None or time is not None))
        or HERE.search(text)
    ):
        place, venue_cue = setting.dateline, "dateline"  # wire copy: the talks are here
    if place is not None and place.key in setting.headline and venue_cue != "country" and \
            VENUE_WEIGHT[venue_cue] < VENUE_WEIGHT["headline"] and not (
                # ("Blinken, speaking to reporters in Doha on Thursday, announced that
                # negotiators would meet": where and when he spoke, not the talks')
                venue_cue == "speech" and time is not None and time.start >= place.end
                and (status is None or status.final == "scheduled")):
        venue_cue = "headline"  # "told reporters in Doha" under "talks in Doha enter day 3"
    mention = Mention(index, text, place, when, status, background)
    mention.noun = noun.group() if noun else "talks"
    mention.venue_cue = venue_cue
    mention.date_cue = "assumed" if assumed else date_cue_of(time)
    mention.said_day = said_day
    mention.time_text = time.expression.text if time else ""
    mention.participants = participants_in(text, start, marks)
    mention.outcome = outcome(text, status.final if status else None)
    if place is None and time and status and status.final == "ongoing" \
            and time.expression.direction != "future" and STARTED.match(status.word):
        mention.began = when  # "the talks began on Sunday", not "who arrived on Saturday"
    if time and status and status.final == "ongoing" and _THE_TALKS_BEGAN.match(text) \
            and time.expression.direction != "future" and not _BACKGROUND.search(text) \
            and time.expression.start >= published - ROUND_LENGTH:
        # "The Doha round opened on July 6": the story's talks, begun weeks ago.
        mention.background = False
    return mention


def _issues(text: str, issues_in: Callable[[str], list[str]]) -> list[str]:
    found = list(issues_in(text))
    m = _ISSUES.search(text)
    if m:
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("list"))
        found += [p.strip() for p in parts if 2 <= len(p.split()) <= 6 and not NEGATION.match(p)]
    return list(dict.fromkeys(found))


# What stands between the meeting and the seat it was held at: its guests, in a few words
# with no comma ("hosted Steve Witkoff and Jared Kushner at Ittihadiya Palace"), not
# another clause ("left for Doha on July 6, the day before Netanyahu met Trump at ...").
_SEAT_GAP = re.compile(r"\s*(?:[^\s,;.:]+\s+){0,8}")
# The people who negotiate, whose own verb the noun pattern has checked.
_NEGOTIATORS = re.compile(r"negotiators?|delegations?|negotiating\s+teams?", re.IGNORECASE)
# Nouns that say negotiation whatever the room: "talks at the presidential palace".
_STRONG_TALKS = re.compile(r"talks|negotiations|rounds?", re.IGNORECASE)


# "the Egyptian resort town", "an Egyptian Red Sea resort": a town of the country, unnamed
# (not "reports in the US press").
_A_TOWN_OF = re.compile(r"(?:\s+(?:[A-Z][\w-]*\s+){0,2})?\s*\b(?:resort|town|city|port)\b")


_THE_TALKS_BEGAN = re.compile(
    r"(?:The|This)\s+(?:[\w-]+\s+)?(?:round|talks|negotiations|discussions)"
    # ("The indirect talks, mediated by Qatar and Egypt, kicked off ...")
    r"(?:,[^,;.]{1,60},)?\s+"
    r"(?:had\s+|have\s+|has\s+)?(?:began|begun|started|opened|commenced|kicked\s+off|"
    r"got\s+under\s?way)\b"
)


# Who travels to talks: a destination is the talks' venue only when they go there.
_TRAVELLERS = re.compile(
    r"\b(?:delegations?|teams?|negotiators?|envoys?|mediators|officials|chiefs?|heads?|"
    r"directors?|delegates|spymasters)\b|\bfor\s+(?:the\s+)?(?:[\w-]+\s+)?(?:talks|"
    r"negotiations|consultations|a\s+(?:new\s+)?round)\b",
    re.IGNORECASE,
)
_STAYED = re.compile(
    r"\b(?:and|to)\s+(?:then\s+)?(?:spent|spend|met|meet|held|hold|sat down|negotiated)\b"
    # "led a team to Doha for a first round with the Qatari mediators": a round there.
    # "flew to Cairo for another session on 7 April": the session was held there.
    r"|\bfor\s+(?:a|the|another)\s+(?:[\w-]+\s+)?(?:round|session)\b"
    # "a team went to Doha earlier this month for talks with Qatari mediators": the
    # mediators are there to meet.
    r"|\b(?:for\s+(?:indirect\s+)?(?:talks|negotiations)|to\s+(?:go\s+over|discuss|negotiate|"
    r"work\s+(?:on|through))\b[^.;]{0,60}?)\s+with\s+(?:the\s+)?(?:[A-Z][\w-]+\s+)?"
    r"(?:and\s+[A-Z][\w-]+\s+)?mediators\b"
    # "an Israeli team flew to Cairo for meetings with senior Egyptian officials": the
    # mediating country's officials, met in their city.
    r"|\bfor\s+(?:indirect\s+)?(?:talks|negotiations|meetings|consultations)\s+with\s+(?:the\s+)?"
    r"(?:(?:senior|top|high-ranking)\s+)?(?:Egyptian|Qatari)\s+(?:intelligence\s+)?"
    r"(?:officials|mediators|negotiators)\b"
)
_ANOTHER_SUBJECT = re.compile(
    r"\b(?:as|when|while|after|before|since|(?:same|very)\s+day|the\s+day)\s+[A-Z]"
)
_DEAL_NOUN = re.compile(r"agreement|deal|accord|truce|ceasefire", re.IGNORECASE)
_AFTER_THE = re.compile(
    r"\b(?:after|since|before|following|until)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "in recent weeks": no day a round could be told on.
_VAGUE = re.compile(r"recent\s+(?:days|weeks|months)", re.IGNORECASE)
_ANNOUNCED_THE = re.compile(
    r"\b(?:had\s+|has\s+)?(?:announced|reported|confirmed|revealed|disclosed|flagged)\s+"
    r"(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


# "a statement said it builds on the principles Biden set out on May 31 and described the
# Doha discussions as constructive", "called the Paris talks constructive but said they
# would meet in the coming week": talks judged, not dated by the days around them.
_JUDGED_THE = re.compile(
    r"\b(?:described|called|termed|praised|hailed|welcomed|characteri[sz]ed|dismissed|"
    r"critici[sz]ed|branded|labell?ed|lauded|slammed)\s+(?:the|a|an|its|their|this|these|those)"
    r"\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)

_OWN_CLAUSE = re.compile(r"(?:,?\s+(?:which|that|held|convened)\b)[^;]*?(?=,\s+(?:and|but)\b|;|$)")


_WHOSE_CHARGE = re.compile(
    r"\b(?:who|which)\s+(?:heads|headed|leads|led|oversees|oversaw|runs|ran|handles|handled|"
    r"is\s+in\s+charge\s+of|was\s+in\s+charge\s+of)\s+[^,.;]{0,40}$",
    re.IGNORECASE,
)
_ROLE_IN = re.compile(
    r"\b(?:role|go-between|mediator|mediation|intermediary|broker|efforts?)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SAYS_THAT = re.compile(
    r"\b(?:said|says|told\s+(?:[\w-]+\s+){1,8}?|announced|stated|added)\s*,?\s+that\b"
    r"|\b(?:told\s+(?:[\w-]+\s+){1,4}?(?:conference|reporters|journalists)\b[^.]{0,80}?"
    r"\bthat)\b",
    re.IGNORECASE,
)


# Where a proposal's terms begin: what follows tells what it would bring, on its days.
_TERMS = re.compile(
    r"\b(?:under|by)\s+which\b|\b(?:which|that)\s+would\s+(?:see|have|require|bring)\b",
    re.IGNORECASE,
)
_SOME_DAYS = re.compile(r"\b(?:coming|next\s+(?:few|several)|few)\s+days\b|\bdays\s+ahead\b",
                        re.IGNORECASE)
# "Talks were delayed. They finally opened in Cairo on Thursday": the talks, by pronoun.
_THEY_OPENED = re.compile(
    r"^(?:They|These)(?=\s+(?:finally\s+|eventually\s+|then\s+)?(?:opened|began|resumed|"
    r"reconvened|got\s+under\s?way)\s+(?:in|at)\s+[A-Z])"
)
# "Barnea had met the Qatari prime minister in Europe": one person with one leader.
_MET_A_LEADER = re.compile(
    r"\b(?:had\s+|has\s+)?met\s+(?:with\s+)?the\s+(?:[A-Z][\w-]+\s+)?(?:prime\s+minister|premier|"
    r"president|foreign\s+minister|emir|king|crown\s+prince)\b(?!\s*(?:,|and\b))"
)


def _round_opened_when(text: str, noun: re.Match[str] | None) -> bool:
    """ "The round opened on Monday of last week, when Barnea met Qatar's prime minister":
    the round told, the meeting only its first hour."""
    return noun is not None and _STRONG_TALKS.fullmatch(noun.group()) is not None and bool(
        _OPENED_WHEN.match(text, noun.end()))


_OPENED_WHEN = re.compile(
    r"\s+(?:had\s+)?(?:opened|began|started|resumed|got\s+under\s?way)\b[^.;]{0,40}?,\s+when\b",
    re.IGNORECASE,
)


def _met_a_leader(text: str, start: int, marks: list[Mark]) -> bool:
    met = _MET_A_LEADER.search(text)
    if met is None:
        return False
    people = {m.key for m in marks if m.kind == "person" and m.start < start + met.start()}
    subject = text[: met.start()]
    return len(people) == 1 and not re.search(r"\band\b|,\s+[A-Z]", subject.split(".")[-1])


# A named body's event: "World Economic Forum gathering", "Arab League Summit meeting".
_NAMED_BODY_BEFORE = re.compile(r"(?-i:[A-Z][\w-]+\s+(?:Forum|Summit|Conference|Assembly))\s+$")


_WOULD_BE = re.compile(r"\s+(?:fail|succeed|collapse|break\s+down|stall|falter|produce|yield|"
                       r"go\s+(?:well|badly)|end\s+without)\b", re.IGNORECASE)
_SUPPOSING = re.compile(r"\s*(?:If|Unless|Should|Were)\s+(?:the\s+|these\s+|those\s+)?"
                        r"(?:[\w-]+\s+){0,2}$")
_BEFORE_THE_ROUND = re.compile(r"(?:Before|Ahead\s+of|Prior\s+to)\s+(?:the|this|that)\s+"
                               r"(?:[\w-]+\s+)?", re.IGNORECASE)
_PRESENT_MEETING = re.compile(r"(?:meets?|gathers?|holds?(?:\s+talks)?|sits?\s+down|convenes?|"
                              r"talks?|negotiates?)", re.IGNORECASE)
_GOING_ON = re.compile(r"(?:ongoing|continu\w*|under\s?way)$", re.IGNORECASE)
_NO_SUCH = re.compile(
    r"\bno\s+such\s+(?:meeting|session|talks|round|visit|trip|gathering)\s+(?:was|is|had\s+been|"
    r"has\s+been|were|are)\s+(?:planned|scheduled|arranged|set|expected|due)\b", re.IGNORECASE)
_CAME_FOR = re.compile(
    r"[^.;]{0,80}?\b(?:came|went|travell?ed|flew|arrived|returned)\s+(?:back\s+)?(?:to|in)\s+"
    r"[^.;,]{1,30}?\s+for\s+(?:a|an|the|new|fresh|another)?\s*(?:[\w-]+\s+)?"
    r"(?P<noun>session|meeting|round|talks|negotiations)\b", re.IGNORECASE)
_FOR_TALKS_WITH = re.compile(
    r"[^.;]{0,40}?\bfor\s+(?:[\w-]+\s+){0,2}?(?:talks|negotiations|meetings|consultations|"
    r"discussions)\s+with\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}?(?:mediators|officials|negotiators|"
    r"delegations?|teams?|envoys)\b", re.IGNORECASE)
# A side's own bodies meeting: "a meeting of the security cabinet", "the cabinet meeting".
_BODIES = (r"(?:(?:security|war|full|political|diplomatic-security)\s+)?(?:cabinet|government|"
           r"Knesset|parliament|politburo|political\s+bureau|Shura\s+council|leadership\s+council)")
_OF_A_BODY = re.compile(r"\s+of\s+(?:the|its|Israel's|Hamas's)\s+" + _BODIES + r"\b",
                        re.IGNORECASE)
_BODY_BEFORE = re.compile(r"\b" + _BODIES + r"(?:'s)?\s+$", re.IGNORECASE)
_PAST_ONES = re.compile(r"\b(?:previous|earlier|past|prior|other|all(?:\s+the)?)\s+$",
                        re.IGNORECASE)
_FOR_CONSULTATIONS = re.compile(r"\s+(?:[\w-]+\s+){0,2}?for\s+(?:internal\s+)?consultations\b",
                                re.IGNORECASE)
_WHERE_SINCE = re.compile(
    r",?\s+where\s+[^.;]{0,80}?\b(?:under\s?way|going\s+on|been\s+held|been\s+taking\s+place|"
    r"been\s+running|been\s+meeting|been\s+negotiating)\s+(?:ever\s+)?since\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _where_since(passage: Passage, place: Mark, times: list[TimeMark]) -> date | None:
    """The day talks at a place began, told in a "where" clause after it."""
    for t in times:
        if t.start > place.end and t.expression.granularity == "day" \
                and _WHERE_SINCE.fullmatch(passage.text, place.end, t.start):
            return t.expression.start
    return None
_WITH_THE = re.compile(r"\s+with\s+(?:the\s+)?(?:(?:top|senior)\s+)?")


