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
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise

from bot.ingest.document.passages import Mark, Passage, TimeMark
from bot.ingest.events.confidence import CONFIRMED, combine
from bot.ingest.events.delegations import MEDIATION_WORD, TEAM_LEAD, participants_in
from bot.ingest.events.round_cues import (
    BILATERAL,
    CALLED_OFF,
    HERE,
    NEGATION,
    NOT_NEGOTIATION,
    NOT_TALKS,
    NOUN_WEIGHT,
    ROUND_NOUN,
    SUMMARY_BEFORE,
    TOOK_PLACE,
    VENUE_WEIGHT,
    WEAK_NOUNS,
    negated,
    noun_strength,
    one_met_another,
    quote_around,
    venue_cue_of,
)
from bot.ingest.events.round_dates import (
    DATE_WEIGHT,
    NEVER_BEGAN,
    SAID_BEFORE,
    SINCE_BEFORE,
    after_days_of_talks,
    began,
    by_the_end,
    combined_when,
    coordinated,
    date_cue_of,
    just_ended,
    lasting,
    nearest_time,
    said_on,
    same_clause,
    since,
    span,
    stay,
    when_of,
)
from bot.ingest.events.round_status import STATUS_RANK, StatusCue, outcome, sentence_status
from bot.ingest.events.settle import AFTER_LAST_DAY
from bot.ingest.events.venues import (
    PlaceFacts,
    coordinated_venues,
    find_venue_cue,
    same_venue,
    table_row,
    venue_there,
    where_talks,
)
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.model import ExtractedEvent, Participant, When
from bot.names import name_key

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
    r";\s+|,\s+(?:and|but|while|whereas)\s+(?=(?:\S+\s+){3})"
    # "... ended late Sunday, officials said, as Netanyahu headed to Washington for talks
    # with Trump": what went on meanwhile is a clause of its own.
    r"|,\s+(?=as\s+(?:(?-i:[A-Z])|the\s|a\s|an\s|his\s|her\s|its\s|their\s))"
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
)


# A report older than this tells of the past: background, not the day's news.
RECENT = timedelta(days=7)
# The longest a round of talks runs in this story (the July 2025 Doha round: 19 days).
ROUND_LENGTH = timedelta(days=28)


@dataclass
class _Mention:
    sentence: int
    text: str
    place: Mark | None
    when: When | None
    status: StatusCue | None
    background: bool
    participants: list[Participant] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    outcome: str | None = None
    began: When | None = None
    noun: str = ""
    venue_cue: str = ""
    date_cue: str = "none"
    time_text: str = ""
    said_day: bool = False  # dated only by the day it was told ("said Friday they had left")
    told_on: date | None = None  # the day of the live or timeline entry that tells it
    entry_day: date | None = None  # the day of the live entry it is in, if any

    @property
    def weight(self) -> float:
        noun = noun_strength(self.noun, self.text)
        venue = VENUE_WEIGHT.get(self.venue_cue, 0.0) if self.place else 0.0
        return NOUN_WEIGHT[noun] * venue * DATE_WEIGHT[self.date_cue]


@dataclass(frozen=True)
class Setting:
    """What the whole report tells every sentence: its day, its dateline, its lede."""

    published: date
    describe: Callable[[str], PlaceFacts | None]
    dateline: Mark | None = None  # the dateline's city, as a mark of no sentence
    lede: frozenset[int] = frozenset()  # sentences of the lede
    headline: frozenset[str] = frozenset()  # places the headline's talks are in
    entries: dict[int, date] = field(default_factory=dict)  # a live page's day per paragraph


def _party_city(setting: Setting) -> bool:
    """A dateline in one side's city (JERUSALEM, ...) is where the reporter is, not the
    talks: the sides' cities host visits and cabinet meetings, the mediators host rounds."""
    if setting.dateline is None:
        return False
    facts = setting.describe(setting.dateline.key)
    return facts is not None and facts.country in vocabulary().parties


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
    setting = Setting(published, describe, dateline, lede, headline, entries or {})
    placed: list[_Mention] = []
    loose: list[_Mention] = []
    for passage in passages:
        label = _label(passage)
        for index, start, end in passage.sentences:
            sentence = passage.text[start:end]
            if CALLED_OFF.search(sentence) and not TOOK_PLACE.search(sentence):
                continue
            told: _Mention | None = None
            for c_start, c_end in _clauses(passage, start, end):
                mention = _read_clause(passage, index, c_start, c_end, setting)
                if mention is None:
                    _goes_on(told, passage.text[c_start:c_end])
                    continue
                told = mention
                if (c_start, c_end) != (start, end):
                    _said_in_the_sentence(passage, start, end, mention)
                if label is not None and mention.when is None and (
                    mention.place is None or label[0] is None
                    or mention.place.key == label[0].key
                ):
                    # "Cairo, Nov. 23. A Hamas delegation met ... in Cairo": the label's;
                    # "- Tuesday: The talks reopened in Cairo": the item's day.
                    mention.place = mention.place or label[0]
                    mention.when = when_of(label[1])
                    mention.time_text = label[1].expression.text
                    mention.date_cue = "stated"
                    mention.background = mention.when.end < published - RECENT
                mention.issues = _issues(mention.text, issues_in)
                mention.entry_day = setting.entries.get(passage.paragraph)
                if mention.place is not None and mention.when is None:
                    _paragraph_day(passage, index, mention, published)
                if mention.when is None and passage.paragraph in setting.entries and (
                    mention.status is None or mention.status.final != "scheduled"
                    # "17 February: An Israeli team travels to Cairo": a timeline's present
                    # tells what happened on a day gone by.
                    or setting.entries[passage.paragraph] < published
                ) and mention.noun and not mention.background and \
                        mention.venue_cue in ("in-city", "left-city", "there", "destination",
                                              "modifier"):
                    # "14:10 The meeting is under way in Paris": told on the entry's day.
                    day = setting.entries[passage.paragraph]
                    # Today's entry is told on its day; a day gone by heads what it tells.
                    mention.when, mention.date_cue = When(day, day, "day"), (
                        "stated" if day < published - timedelta(days=1) else "assumed")
                    mention.background = day < published - RECENT
                    mention.told_on = day
                if mention.place is None:
                    loose.append(mention)
                    continue
                placed.append(mention)
                sequel = mention.status is not None and mention.status.final == "scheduled" \
                    and not WEAK_NOUNS.match(mention.noun)
                for other, own in coordinated_venues(passage, mention.place, c_end,
                                                     sequel=sequel):
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
    rounds = _fold_references(_join_stays(_merge(placed, describe), describe), describe)
    rounds = _ended_what_opened(rounds, describe, published)
    _headline_round(rounds, loose, setting)
    _dateline_round(rounds, loose, setting)
    _attach(rounds, loose)
    events = [_event(group, setting) for group in rounds]
    # A current round the story cannot date ("months of talks in Cairo and Doha failed")
    # is a summary, not an event; a past one keeps its place ("the last round crumbled").
    return [e for e in events if e.when is not None or e.background]


_IN_THE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


def _goes_on(told: _Mention | None, clause_text: str) -> None:
    """ "X travelled to Rome on Sunday for a fresh attempt at a deal, and flew back to Israel
    later the same day": a clause with no talks of its own ends the ones just told."""
    if told is None or told.status is not None:
        return
    text = clause_text.lstrip(" ,;")
    if not re.match(r"(?:and|but|then|before)\b|[a-z]", text):
        return
    cue = sentence_status(text, 0)
    if cue is not None and cue.final in _FINAL:
        told.status = cue


def _said_in_the_sentence(passage: Passage, start: int, end: int, mention: _Mention) -> None:
    """ "The delegation has left the Egyptian capital following talks ..., according to
    sources quoted on Tuesday": a clause that tells the talks over, with no day of its own,
    is dated by the day the sentence was told, as a whole sentence would be."""
    if mention.place is None or mention.when is not None or mention.status is None \
            or mention.status.final not in _FINAL:
        return
    told = [t for t in passage.times_in(start, end)
            if t.expression.granularity == "day" and t.expression.direction != "future"
            and said_on(passage.text, start, t, _TOLD_BEFORE)]
    if len(told) == 1:
        mention.when, mention.time_text = when_of(told[0]), told[0].expression.text
        mention.date_cue, mention.said_day = "stated", True


# "said on Tuesday", and what quotes a source: "quoted by Al-Qahera News on Tuesday".
_TOLD_BEFORE = re.compile(
    SAID_BEFORE.pattern + r"|\b(?:quoted|cited)\s+by\s+(?:[\w-]+\s+){1,4}(?:on\s+)?$",
    re.IGNORECASE,
)


def _paragraph_day(passage: Passage, index: int, mention: _Mention, published: date) -> None:
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
    }
    if len(days) != 1:
        return
    time = next(iter(days.values()))
    mention.when, mention.time_text = when_of(time), time.expression.text
    mention.date_cue = date_cue_of(time)
    mention.background = mention.when.end < published - RECENT


def _headline_round(groups: list[list[_Mention]], loose: list[_Mention], setting: Setting) -> None:
    """ "Why the Sharm el-Sheikh talks got over the line ... The talks opened on Monday":
    the talks a headline places are those the report tells without naming the city again,
    when no sentence places a round there."""
    if len(setting.headline) != 1:
        return
    key = next(iter(setting.headline))
    told = [m for m in loose if not m.background and m.when is not None
            and m.when.granularity == "day" and _DEFINITE.search(m.text)]
    if not told:
        return
    there = [g for g in groups if g[0].place is not None and g[0].place.key == key]
    if len(there) > 1:
        return  # two rounds there: which one "the talks" are is not the headline's to say
    facts = setting.describe(key)
    venue = there[0][0].place if there else Mark(-1, -1, key, "place", facts.name if facts else key)
    for mention in told:
        mention.place, mention.venue_cue = venue, "headline"
        loose.remove(mention)
    if there:
        there[0].extend(told)  # "on the eve of the Doha round": the round the report tells
    else:
        groups.append(told)


def _dateline_round(groups: list[list[_Mention]], loose: list[_Mention], setting: Setting) -> None:
    """ "DOHA: ... He said the past four days had seen intensive discussions among all the
    parties": in a report that places no talks anywhere, the talks it dates are the
    dateline city's, as its lede's would be."""
    if groups or setting.dateline is None or _party_city(setting):
        return
    told = [m for m in loose if not m.background and m.when is not None
            and m.when.granularity == "day" and m.noun and not WEAK_NOUNS.match(m.noun)
            and _told_as_held(m, setting.published)]
    if not told:
        return
    for mention in told:
        mention.place, mention.venue_cue = setting.dateline, "dateline"
        loose.remove(mention)
    groups.append(told)


def _told_as_held(mention: _Mention, published: date) -> bool:
    """Talks told as having taken place: ended, met, or run over days up to the report's
    ("the past four days had seen intensive discussions"); not talks only hoped for."""
    if mention.status is not None:
        return mention.status.status == "held" or mention.status.final in _FINAL
    when = mention.when
    return when is not None and when.start < when.end and when.end >= published - timedelta(1)


# A list item that opens with its day: "- Tuesday: Israeli troops took the crossing".
_DAY_LABEL = re.compile(r"\s*(?:[-•*–]\s*)?(?P<day>[^:]{3,30}):\s")


def _label(passage: Passage) -> tuple[Mark | None, TimeMark] | None:
    """A list item's label, "Cairo, Nov. 23.": a place and a day, nothing else; or the
    day an item opens with, "- Tuesday: ..."."""
    _, start, end = passage.sentences[0]
    head = _DAY_LABEL.match(passage.text, start)
    if head is not None:
        times = passage.times_in(head.start("day"), head.end("day"))
        rest = head["day"]
        for t in times:
            rest = rest.replace(passage.text[t.start : t.end], " ")
        # "- Thursday (today):" names one day twice.
        if times and len({(t.expression.start, t.expression.end) for t in times}) == 1 \
                and times[0].expression.granularity == "day" and not rest.strip(" ()[],"):
            return None, times[0]
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
    nouns = ROUND_NOUN.findall(passage.text, start, end)
    if len({m.key for m in venues}) < 2 and len(nouns) < 2:
        return [(start, end)]
    bounds = [start]
    for m in _CLAUSE_BREAK.finditer(passage.text, start, end):
        bounds.append(m.end())
    bounds.append(end)
    return [(a, b) for a, b in pairwise(bounds) if b > a]


# "The Doha meeting answered a call issued on August 8": the day of the call.
_DAY_OF_ANOTHER = re.compile(
    r"\b(?:call|appeal|statement|proposal|plan|letter|message|ultimatum|warning|order|"
    r"invitation|request|offer|text|draft)s?\s+(?:\w+\s+)?(?:issued|released|published|sent|"
    r"made|tabled|delivered|submitted|put forward|unveiled|received)\s+(?:on\s+|in\s+|at\s+)?$"
    # "an agreement could be signed in the coming days with talks in Cairo making progress"
    r"|\b(?:be|been|being)\s+(?:signed|agreed|reached|sealed|finali[sz]ed|announced|"
    r"struck|clinched|implemented)\s+(?:on\s+|in\s+|within\s+|by\s+)?$",
    re.IGNORECASE,
)


# "called the Doha meeting in an August 8 statement": a day that names another thing.
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|its|their|his|her)\s+$", re.IGNORECASE)
_OTHER_NOUN_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:statement|call|appeal|letter|message|proposal|plan|offer|"
    r"ultimatum|speech|interview|announcement|declaration|deadline|attack|strike)s?\b",
    re.IGNORECASE,
)


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
) -> _Mention | None:
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
    nouns = list(ROUND_NOUN.finditer(text))
    if all(n.group().lower() in NOT_NEGOTIATION for n in nouns):
        # "Burns and Barnea met the Qatari premier in Doha ..., a source briefed on the
        # visit said": the people who met are the meeting; the visit is the source's word.
        nouns += _party_meeting(text, start, passage) or list(_THEY_OPENED.finditer(text))
    if nouns and (quote := quote_around(passage, start + nouns[0].start())) is not None:
        # 'Early today, Hamas said: "The delegation left Cairo"': the day of the saying.
        times = [t for t in times if quote.start <= t.start < quote.end]
        all_times = [t for t in all_times if quote.start <= t.start < quote.end]
    row = table_row(passage, start, end, times)
    marks = passage.marks_in(start, end)
    if not nouns and row is None:
        if not TEAM_LEAD.search(text) and not MEDIATION_WORD.search(text):
            return None
        # "The Israeli team is led by X": who leads a side, never a round by itself.
        return _Mention(index, text, None, None, None, False, participants_in(text, start, marks))
    if row is not None:
        place, venue_cue = row, "table-row"
    else:
        place, how = find_venue_cue(text, start, marks, nouns, setting.describe)
        if place is None and nouns:
            place = venue_there(passage, start, text, setting.describe)
            how = "there" if place is not None else how
        venue_cue = venue_cue_of(passage.text, place, setting.describe, how)
        if venue_cue == "destination" and place is not None and not _TRAVELLERS.search(text) \
                and _ANOTHER_SUBJECT.search(passage.text, start, place.start):
            # "The round began as Netanyahu left for Washington": he went, not the talks.
            place, venue_cue = None, ""
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
    if noun is not None and noun.group().lower() in NOT_NEGOTIATION and (
        after := ROUND_NOUN.match(text, noun.end() + 1)
    ) is not None and after.group().lower() not in NOT_NEGOTIATION:
        noun = after  # "a summit meeting in Paris": the meeting
    if noun is not None and noun.group().lower() in NOT_NEGOTIATION:
        return None
    if noun is not None and _DEAL_NOUN.fullmatch(noun.group()) and _AFTER_THE.search(
        text[: noun.start()]
    ):
        return None  # "days after the first-phase deal was agreed there": a time, not news
    if noun is not None and SUMMARY_BEFORE.search(text[: noun.start()]):
        return None  # "months of talks in Cairo and Doha failed": many rounds, summed up
    if noun is not None and _ROLE_IN.search(text[max(0, noun.start() - 40) : noun.start()]):
        return None  # "Qatar put its role as a go-between in talks on hold": no meeting
    told_at = start + (noun.start() if noun else anchor)
    if BILATERAL.search(text) or one_met_another(
        passage.text, _own_part(marks, start, text, told_at)
    ) or (noun is not None and negated(text, noun)):
        return None
    if (other := NOT_TALKS.search(text)) and not (
        noun is not None and noun.end() <= other.start()
        and re.search(r"\b(?:who|which|whose)\b", text[noun.end() : other.start()])
    ):
        # "The talks opened ... with a delegation led by X, who survived a strike on ...":
        # what the clause tells of a person, not what the talks were.
        return None
    status = sentence_status(text, noun.start() if noun else anchor)
    said_day = False
    if not times and ((status is not None and (
        status.final in ("agreement", "collapsed", "concluded")
        or (status.final == "ongoing" and _STARTED.match(status.word))
    )) or (status is None and _HAD_GONE.search(text))):
        # "announced on Wednesday that a deal had been agreed", "reported on Sunday that
        # negotiations had restarted", "reported on Monday that a team had gone to Doha":
        # told that day, so done or begun by then.
        said_day, times = bool(all_times), all_times
    at = start + (noun.start() if noun else anchor)
    if place is not None and place.start >= 0 and venue_cue == "in-city":
        at = place.start  # "convened in Paris on January 28": the day is the venue's
    said = _SAYS_THAT.search(passage.text, at, end)
    if said is not None:
        # "On the Sunday the Doha meeting opened, Sisi told a news conference that Egypt
        # proposed talks to start within 10 days": what was said has its own days.
        times = [t for t in times if t.start < said.start()]
    time = nearest_time(same_clause(passage.text, times, at), at)
    when = began(passage.text, times, time) \
        or coordinated(passage.text, times, time) or since(passage.text, time, published) \
        or lasting(text, time, status) or stay(passage.text, times) \
        or by_the_end(passage.text, time) or when_of(time)
    if status is None and time is not None and time.expression.direction == "future":
        status = StatusCue("scheduled", time.expression.text)
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
    if noun is not None and NEVER_BEGAN.search(text, noun.end()):
        # "The talks on a second phase never really started, and on March 18 Israel
        # resumed strikes": talks that never happened have no day.
        when, status = None, None
    assumed = False
    if when is None and not all_times and place is not None \
            and passage.paragraph not in setting.entries \
            and (status is None or status.final != "scheduled") \
            and (when := just_ended(text, published)) is not None:
        assumed = True  # "after two days of talks in Qatar", on the day it is reported
    background = bool(_BACKGROUND.search(text)) or (
        when is not None and when.end < published - RECENT
        and (status is None or status.final != "scheduled")
    )
    if venue_cue in ("destination", "speech") and index in setting.lede and \
            setting.dateline is not None:
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
    if place is None and noun is not None and not _party_city(setting) and (
        # (the lede's talks that happen: "Here is how the talks got here" tells of none)
        (index in setting.lede and not background and not WEAK_NOUNS.match(noun.group())
         and (status is not None or time is not None))
        or HERE.search(text)
    ):
        place, venue_cue = setting.dateline, "dateline"  # wire copy: the talks are here
    if place is not None and place.key in setting.headline and \
            VENUE_WEIGHT[venue_cue] < VENUE_WEIGHT["headline"]:
        venue_cue = "headline"  # "told reporters in Doha" under "talks in Doha enter day 3"
    mention = _Mention(index, text, place, when, status, background)
    mention.noun = noun.group() if noun else "talks"
    mention.venue_cue = venue_cue
    mention.date_cue = "assumed" if assumed else date_cue_of(time)
    mention.said_day = said_day
    mention.time_text = time.expression.text if time else ""
    mention.participants = participants_in(text, start, marks)
    mention.outcome = outcome(text, status.final if status else None)
    if place is None and time and status and status.final == "ongoing" \
            and time.expression.direction != "future" and _STARTED.match(status.word):
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


def _same_place(a: _Mention, b: _Mention, describe: Callable[[str], PlaceFacts | None]) -> bool:
    return a.place is not None and b.place is not None and same_venue(a.place, b.place, describe)


def _next_round(group: list[_Mention], mention: _Mention) -> bool:
    """ "Talks in Cairo ended on Sunday ... working groups will meet in the Egyptian capital
    this week": what is planned after a round that ended is the next round."""
    days = span([m.when for m in group if m.when is not None])
    ended = any(m.status is not None and m.status.final in _FINAL for m in group)
    return (
        ended and days is not None and mention.when is not None
        and mention.status is not None and mention.status.final == "scheduled"
        and mention.when.end > days.end
    )


# "wrapped up its stint in Doha and flew home": a team going home ends its stay there.
_WENT_HOME = re.compile(
    r"(?:flew|returned|returning|went|headed|came|coming|going)\s+(?:back\s+)?home|wrapped up",
    re.IGNORECASE,
)


def _leaving(mention: _Mention) -> bool:
    return mention.venue_cue == "left-city" or (
        mention.status is not None and bool(_WENT_HOME.match(mention.status.word))
    )


_TRAVELLED = re.compile(
    r"\b(?:left\s+for|head(?:ed)?\s+(?:to|for)|flew\s+(?:in)?to|travell?ed\s+to|went\s+to|"
    r"arrived\s+in|landed\s+in|set\s+off\s+for|departed\s+for)\b",
    re.IGNORECASE,
)
# The longest a trip told apart from the end of its talks is taken to run.
_STAY_LENGTH = ROUND_LENGTH
_CAME_BACK = re.compile(r"^(?:back from|returned from|returning from|left|departed|flew out of)")


def _join_stays(
    groups: list[list[_Mention]], describe: Callable[[str], PlaceFacts | None]
) -> list[list[_Mention]]:
    """ "Kan reported on Monday of last week that a team had gone to Doha ... The
    negotiators flew back from Qatar on Tuesday": the stay the going opened and the coming
    back closed, told in either order, is one round."""
    for went in list(groups):
        days = span([m.when for m in went])
        if any(_leaving(m) or (m.status is not None and (
                m.status.status == "held" or m.status.final in _FINAL)) for m in went):
            continue  # "arrived on Saturday ... but the talks broke up on Sunday": told whole
        if days is None or days.granularity != "day" or not any(
            _HAD_GONE.search(m.text) or (_TRAVELLED.search(m.text) and not (
                m.status is not None and m.status.final == "scheduled")) for m in went
        ):
            continue
        for back in groups:
            if back is went or not _same_place(back[0], went[0], describe):
                continue
            # "flew to Doha for indirect talks ... The Doha talks ended in deadlock".
            ends = [m.when.end for m in back if m.when is not None and (
                _leaving(m) or (m.status is not None and (
                    _CAME_BACK.match(m.status.word) or m.status.status in _FINAL)))]
            opened = [m.when.start for m in back if m.when is not None and m.status is not None
                      and m.status.final == "ongoing" and _STARTED.match(m.status.word)]
            if any(day > days.end for day in opened):
                continue  # "talks resumed in Cairo on Tuesday": a round of its own began
            if ends and timedelta(0) < min(ends) - days.end <= _STAY_LENGTH:
                back.extend(went)
                groups.remove(went)
                break
    return groups


def _until_they_left(when: When | None, group: list[_Mention], published: date) -> When | None:
    """ "The delegations left Cairo on Thursday ... had been in Cairo since Tuesday", filed
    on Friday: the stay told up to the report's day ended the day they left."""
    if when is None or when.granularity != "day" or when.end != published:
        return when
    left = [m.when.end for m in group if _leaving(m) and m.when is not None
            and m.when.granularity == "day" and not m.said_day]
    if not left or not any(_stay_since(m) for m in group):
        return when
    last = max(left)
    return When(when.start, last, "day") if when.start <= last < published else when


def _fold_references(
    groups: list[list[_Mention]], describe: Callable[[str], PlaceFacts | None]
) -> list[list[_Mention]]:
    """ "They met in Doha on Oct. 27 and 28 ... On the Sunday the Doha meeting opened, Sisi
    said ...": a meeting named again with no day of its own is the one the report dated
    there, even when that one is history."""
    kept = []
    for group in groups:
        undated = all(m.when is None and m.began is None for m in group)
        others = [g for g in groups if g is not group and _same_place(g[0], group[0], describe)
                  and any(m.when is not None for m in g)]
        if undated and len(others) == 1 and all(_NAMED_AGAIN.search(m.text) for m in group):
            for mention in group:
                mention.status = None  # a reference, not news of how it stands
                mention.background = others[0][0].background
            others[0].extend(group)
        else:
            kept.append(group)
    return kept


def _ended_what_opened(
    groups: list[list[_Mention]], describe: Callable[[str], PlaceFacts | None], published: date
) -> list[list[_Mention]]:
    """ "The US and Israel have called their negotiating teams home from Qatar ... The
    current round opened in the Qatari capital on Sunday, July 6": the end the report tells
    today, with no day of its own, is of the round it tells opened there."""
    kept = []
    for group in groups:
        undated = all(m.when is None for m in group)
        ends = any(m.status is not None and m.status.final == "collapsed" for m in group)
        opened = [g for g in groups if g is not group and _same_place(g[0], group[0], describe)
                  and any(m.when is not None and m.status is not None
                          and m.status.final == "ongoing" and _STARTED.match(m.status.word)
                          and published - ROUND_LENGTH <= m.when.start for m in g)
                  and not any(m.status is not None and m.status.final in _FINAL for m in g)]
        if undated and ends and not any(m.background for m in group) and len(opened) == 1:
            opened[0].extend(group)
        else:
            kept.append(group)
    return kept


# "the Doha meeting", "the Cairo talks": a round named by its city, as one already told.
_NAMED_AGAIN = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w-]+\s+){1,3}(?:meeting|talks|round|session|summit|gathering)\b"
)


def _stay_since(mention: _Mention) -> bool:
    """ "had been in Cairo since Tuesday": a stay told from its first day."""
    return bool(mention.time_text) and re.search(
        r"\bsince\s+(?:the\s+)?" + re.escape(mention.time_text), mention.text
    ) is not None


def _close(a: When | None, b: When | None, *, leaving: bool = False) -> bool:
    if a is None or b is None:
        return True
    slack = timedelta(days=1)
    if leaving:
        # "talks in Doha on Sunday ... the team left Doha on Thursday": the stay ends then.
        return a.start - slack <= b.end and b.start - AFTER_LAST_DAY <= a.end
    return a.start - slack <= b.end and b.start - slack <= a.end


def _merge(
    mentions: list[_Mention], describe: Callable[[str], PlaceFacts | None]
) -> list[list[_Mention]]:
    # Cities first, so a country mention finds the city round it belongs to.
    ordered = sorted(mentions, key=lambda m: (m.place is not None and m.place.kind == "country"))
    groups: list[list[_Mention]] = []
    for mention in ordered:
        for group in groups:
            head = group[0]
            dated = mention.when is not None and all(m.when is not None for m in group)
            if (
                _same_place(head, mention, describe)
                and not _next_round(group, mention)
                # A round begun more than a week ago and ended days ago is one round.
                and (head.background == mention.background or dated)
                and (_close(span([m.when for m in group]), mention.when,
                            leaving=_leaving(mention))
                     or _goes_on_to(group, mention) or _opens(mention, group))
            ):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


# How long after a round's opening a meeting at its venue is still of it, when nothing
# has told that the round ended.
_OPEN_ROUND_WEEK = timedelta(days=7)


def _opens(mention: _Mention, group: list[_Mention]) -> bool:
    """ "... remaining in Cairo for now", then "talks began in Cairo on Thursday": the
    opening of the round already told, told after it."""
    days = span([m.when for m in group if m.when is not None])
    # "The round opened on the 6th", told after "the team was called home from Doha on
    # Thursday": the end of the round it opened, within a round's length.
    ends = any(_leaving(m) or (m.status is not None and m.status.final in ("collapsed",
                                                                          "agreement"))
               for m in group)
    return days is not None and _goes_on_to([mention], replace(group[0], when=days),
                                            window=ROUND_LENGTH if ends else None)


def _goes_on_to(
    group: list[_Mention], mention: _Mention, window: timedelta | None = None
) -> bool:
    """ "Talks began in Cairo on Thursday ... On Saturday mediators met Hamas in the
    Egyptian capital": a round that opened and has not ended takes in the days after."""
    if mention.when is None or mention.when.granularity != "day":
        return False
    # "Barnea joins the talks in Doha": talks he joins are the ones a team arrived for.
    joins = bool(_JOINS_THE_TALKS.search(mention.text))
    # "A Hamas delegation arrived in Cairo on August 12 for talks": arriving for them
    # opens them too.
    opened = [m.when for m in group if m.when is not None and m.status is not None
              and m.status.final == "ongoing" and (
                  _STARTED.match(m.status.word) or (m.status.word.startswith("arriv") and (
                      joins or _ARRIVED_FOR_TALKS.search(m.text))))]
    ended = any(m.status is not None and m.status.final in _FINAL for m in group)
    window = window or (ROUND_LENGTH if joins else _OPEN_ROUND_WEEK)
    return bool(opened) and not ended and any(
        o.start <= mention.when.start <= o.start + window for o in opened
    )


_ARRIVED_FOR_TALKS = re.compile(
    r"\barriv\w*\s+in\s+(?:the\s+)?[A-Z][^.;]{0,60}?\bfor\s+(?:[\w-]+\s+){0,2}?"
    r"(?:talks|negotiations|discussions|meetings)\b",
)
_JOINS_THE_TALKS = re.compile(
    r"\bjoin(?:s|ed|ing)?\s+(?:the\s+)?(?:[\w-]+\s+)?(?:talks|negotiations|discussions)\b",
    re.IGNORECASE,
)


_DEFINITE = re.compile(
    r"^(?:(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:\w+\s+)?(?:(?:series|round)\s+of\s+)?"
    r"(?:round|talks|negotiations|discussions|meeting|"
    r"delegation|team|negotiators)\b|(?:Talks|Negotiations|Discussions)\s+(?:continued|resumed|"
    r"went on|ran on)\b"
    # "The official described the talks, which opened on Thursday and ran through Sunday"
    # "Talks that began Monday are still in their initial stages"
    r"|(?:.*?\b[Tt]he\s+(?:\w+\s+)?)?(?:[Rr]ound|[Tt]alks|[Nn]egotiations|[Dd]iscussions|"
    r"[Mm]eeting),?\s+(?:which|that)\s+(?:had\s+)?(?:opened|began|started|commenced|ran|ended|lasted|"
    r"wound up|closed)\b)"
)


# "The move completes a drawdown that started on Tuesday": what began is not the talks.
_OPENED_OTHER = re.compile(
    r"\b(?!(?:talks|round|negotiations|discussions|meetings?|sessions?)\b)[a-z]+\s+"
    r"(?:that|which)\s+(?:had\s+)?(?:began|begun|started|opened|commenced|kicked\s+off)\b"
)


# Words of the talks' first day; "resumed Tuesday" tells of a later one.
_OPENED = re.compile(
    r"^(?:began|begun|begin\w*|start\w*|open\w*|commenc\w*|kick\w* off)", re.IGNORECASE
)
_THE_TALKS_BEGAN = re.compile(
    r"(?:The|This)\s+(?:[\w-]+\s+)?(?:round|talks|negotiations|discussions)\s+"
    r"(?:had\s+|have\s+|has\s+)?(?:began|begun|started|opened|commenced|kicked\s+off|got\s+under\s?way)\b"
)
_STARTED = re.compile(
    r"^(?:began|begun|begin\w*|start\w*|restart\w*|(?:re-?)?open\w*|commenc\w*|resum\w*|reconven\w*|"
    r"kick\w* off)",
    re.IGNORECASE,
)
# A delegation's day is the talks' day when it met on it, not when it arrived.
_MET = re.compile(r"\b(?:met|meet|held|negotiat\w+|talks)\b", re.IGNORECASE)


def _attach(groups: list[list[_Mention]], loose: list[_Mention]) -> None:
    """Sentences about the talks that name no venue feed the nearest current round."""
    for mention in loose:
        # A recalled round's sentences feed it as a current round's feed that one; "the
        # round ended that Friday" feeds the round told as begun days before it.
        current = [g for g in groups if g[0].background == mention.background
                   or _ends_it(g, mention)]
        if not current:
            continue
        # The round already told on the sentence's day; else the one it ends.
        current = [g for g in current if mention.when is not None and _on_its_days(
            mention.when, g)] or [g for g in current if _ends_it(g, mention)] or current
        group = min(current, key=lambda g: min(abs(m.sentence - mention.sentence) for m in g))
        far = min(abs(m.sentence - mention.sentence) for m in group) > 2
        if far and mention.background and not _ends_it(group, mention):
            continue  # history told far from the round is no part of it
        # "The talks opened last Monday", paragraphs after the one round the report is
        # about: its opening, however far.
        opening = mention.status is not None and mention.status.final == "ongoing" \
            and bool(_STARTED.match(mention.status.word)) \
            and sum(1 for g in groups if not g[0].background) == 1 and not group[0].background
        near = not far or _ends_it(group, mention) or opening
        met = not WEAK_NOUNS.match(mention.noun) or _MET.search(mention.text)
        dated_day = mention.when is not None and mention.when.granularity == "day"
        # "The discussions, held in Sharm el-Sheikh, ... On Wednesday morning, an expanded
        # round of talks was held": a round no sentence dates takes the day of the one
        # session told as held.
        undated = span([m.when for m in group]) is None and not mention.background \
            and mention.status is not None and mention.status.status == "held" \
            and bool(_STRONG_ROUND.match(mention.noun))
        if not (met and dated_day and ((near and _DEFINITE.search(mention.text)) or undated)):
            # "The round, held from the 7th until yesterday" keeps its days.
            mention.when = mention.began = None
            mention.status = None  # a venue-less sentence cannot move the round's status...
        elif not _on_its_days(mention.when, group) and not _ends_it(group, mention):
            mention.status = None  # ...unless it tells of the round's own day, or its end
        group.append(mention)


def _ends_it(group: list[_Mention], mention: _Mention) -> bool:
    """ "An Israeli delegation travelled to Doha on Monday ... The round ended that Friday":
    the round last told before, on a day within a round's length of its opening."""
    days = span([m.when for m in group if m.when is not None])
    last = max(m.sentence for m in group)
    return (
        days is not None and mention.when is not None and mention.when.granularity == "day"
        # "arrived in Cairo on Saturday ..., but the talks broke up on Sunday": a later
        # clause of the same sentence, which opens in lower case, tells what came after.
        and (last < mention.sentence or (last == mention.sentence and mention.text[:1].islower()))
        and mention.status is not None and mention.status.final in _FINAL
        and days.start <= mention.when.start <= days.start + ROUND_LENGTH
    )


def _from_the_opening(when: When | None, group: list[_Mention]) -> When | None:
    """ "Hamas's team arrived on Sunday ... negotiations opened on Monday": the talks run
    from the day they opened, not from a delegation's arrival."""
    opened = [
        m.began or m.when for m in group
        if m.status is not None and m.status.final == "ongoing" and _OPENED.match(m.status.word)
        and (m.began or m.when) is not None and (m.began or m.when).granularity == "day"
        and not _OPENED_OTHER.search(m.text)
    ]
    if when is None or when.granularity != "day" or not opened:
        return when
    first = min(o.start for o in opened)
    return When(first, when.end, "day") if when.start < first <= when.end else when


def _on_its_days(when: When, group: list[_Mention]) -> bool:
    """ "The discussions were still going on late on Tuesday", after the Tuesday meeting."""
    days = span([m.when for m in group if m.when is not None])
    return days is not None and days.start <= when.start and when.end <= days.end


def _event(group: list[_Mention], setting: Setting) -> ExtractedEvent:
    published, describe = setting.published, setting.describe
    placed = [m for m in group if m.place is not None]
    venue = next((m.place for m in placed if m.place.kind == "place"), placed[0].place)
    assert venue is not None
    facts = describe(venue.key)
    cue = _group_status(group, published)
    status = cue.final if cue else None
    background = all(m.background for m in placed)
    # What is expected ("arrives tomorrow") does not stretch what has happened.
    happened = [m for m in group if m.status is None or m.status.final != "scheduled"]
    dated = [m for m in happened if m.when or m.began] or group
    if any(not m.said_day and m.status is not None
           and m.status.final in ("concluded", "collapsed", "agreement") for m in dated):
        # "have left Cairo, Egyptian media said Friday ... flew out on Thursday": the day
        # told is when they had gone by; the day they went is the round's end.
        # ("reported on Monday that a team had gone to Doha" still opens the stay.)
        dated = [m for m in dated if not m.said_day or _HAD_GONE.search(m.text)]
    when = _until_they_left(_from_the_opening(
        combined_when([m.when for m in dated] + [m.began for m in dated]), group
    ), group, published)
    date_cue = "stated" if when is not None else "none"
    if when is None and not background and (
        (status in ("ongoing", None) and (_near_the_top(group, setting) or status == "ongoing"))
        # "Top CIA officials have met Israeli, Qatari and Egyptian spy chiefs in Paris": the
        # lede's present perfect is the day's news.
        or (_near_the_top(group, setting) and cue is not None and cue.status == "held"
            and any(_JUST_MET.search(m.text) for m in placed))
        # "The United States is recalling its negotiating team from Doha": today's news.
        or (_near_the_top(group, setting) and cue is not None
            and cue.final in ("collapsed", "concluded") and any(
                m.status is not None and m.status.word in m.text and _NOW_AUX.search(
                    m.text[: m.text.index(m.status.word)]) for m in placed))
    ):
        # Undated talks in the lede are the day's news; deeper in a report ("summer talks
        # in Doha went the same way") they are history this reader cannot date.
        when = When(published, published, "day")
        date_cue = "assumed"
    if when is not None and when.granularity == "day" and cue is not None \
            and cue.final == "collapsed" and published - ROUND_LENGTH <= when.start \
            and when.end < published - timedelta(days=1) and any(
                m.when is None and not m.background and m.status is not None
                and m.status.final == "collapsed" for m in placed):
        # "have called their teams home from Qatar", of the round that opened on July 6:
        # it ended by the report's day.
        when = When(when.start, published, "day")
    status, status_cue = _settled_status(
        status, cue, when, published, background, any(_PAST_TENSE.search(m.text) for m in placed)
    )
    if status == "ongoing" and _stale_on_the_page(group, cue, when, setting):
        status, status_cue = "concluded", "later entries"
    told_before = any(m.told_on is not None and m.told_on < published for m in group)
    if status == "ongoing" and when is not None and when.granularity == "day" \
            and not told_before \
            and published - ROUND_LENGTH <= when.start <= published and when.end < published:
        # Talks that began on Sunday and go on when the report is filed run to its day; a
        # round told as begun longer ago than rounds last is not stretched over the weeks.
        when = When(when.start, published, "day")
    participants = list(dict.fromkeys(p for m in sorted(group, key=_order) for p in m.participants))
    host = _host_mediator(group, facts, participants)
    if host is not None:
        participants.append(host)
    first = min(group, key=_order)
    best = max(placed, key=lambda m: m.weight)
    confidence = combine([m.weight for m in placed])
    if (facts is not None and facts.place_type == "country") or when is None:
        # A round is in a city, on days: a country or no date at all is never stated.
        confidence = min(confidence, CONFIRMED / 2)
    if all(m.venue_cue == "left-city" for m in placed) and when is not None \
            and when.start == when.end and not any(
                m.status is not None and m.status.final == "ongoing" for m in group):
        # "Netanyahu called the team back from Doha on 24 December": talks there ended that
        # day, but when they began no sentence says; the recall is told as its own event.
        confidence = min(confidence, CONFIRMED * 0.9)
    name = facts.name if facts else venue.text
    return ExtractedEvent(
        kind="round",
        title=f"Negotiations in {name}",
        summary=first.text[:400],
        when=when,
        sentence=first.sentence,
        place_key=venue.key,
        status=status,
        participants=participants,
        issues=list(dict.fromkeys(i for m in group for i in m.issues)),
        outcome=next((m.outcome for m in group if m.outcome), None),
        background=background,
        evidence={
            "venue": f"{best.venue_cue}: {best.place.text if best.place else ''}",
            "noun": best.noun,
            "dates": f"{date_cue}: {best.time_text}" if best.time_text else date_cue,
            "status": status_cue,
        },
        confidence=round(confidence, 2),
        unconfirmed=confidence < CONFIRMED,
    )


_NOW_AUX = re.compile(r"\b(?:is|are|has|have)\s+(?:now\s+|just\s+)?$")
_JUST_MET = re.compile(r"\b(?:have|has)\s+(?:just\s+|now\s+)?(?:met|held\s+talks)\b")


# "The Rome meeting was meant to settle ...": a meeting told in the past took place, even
# when the only date ("this month") still runs; "were continuing" says otherwise, in words.
_PAST_TENSE = re.compile(r"\b(?:was|were|had been|took place|went ahead)\b(?!\s+\w+ing\b)",
                         re.IGNORECASE)


# "Talks were delayed. They finally opened in Cairo on Thursday": the talks, by pronoun.
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
)
_ANOTHER_SUBJECT = re.compile(r"\b(?:as|when|while|after|before|since)\s+[A-Z]")
_DEAL_NOUN = re.compile(r"agreement|deal|accord|truce|ceasefire", re.IGNORECASE)
_AFTER_THE = re.compile(
    r"\b(?:after|since|before|following|until)\s+(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "in recent weeks": no day a round could be told on.
_VAGUE = re.compile(r"recent\s+(?:days|weeks|months)", re.IGNORECASE)
_HAD_GONE = re.compile(
    r"\bhad\s+(?:already\s+)?(?:gone|travell?ed|flown|arrived|landed|headed)\b", re.IGNORECASE
)
_ANNOUNCED_THE = re.compile(
    r"\b(?:had\s+|has\s+)?(?:announced|reported|confirmed|revealed|disclosed|flagged)\s+"
    r"(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$",
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
_STRONG_ROUND = re.compile(r"(?:round|talks|negotiations|session)$", re.IGNORECASE)
_SOME_DAYS = re.compile(r"\b(?:coming|next\s+(?:few|several)|few)\s+days\b|\bdays\s+ahead\b",
                        re.IGNORECASE)
_THEY_OPENED = re.compile(
    r"^(?:They|These)(?=\s+(?:finally\s+|eventually\s+|then\s+)?(?:opened|began|resumed|"
    r"reconvened|got\s+under\s?way)\s+(?:in|at)\s+[A-Z])"
)
_HOSTED = re.compile(r"\b(?:hosted|received|welcomed)\b", re.IGNORECASE)
_MEETING_VERB = re.compile(
    r"\b(?:met|meet|sat down|held talks|spent|gathered|(?:re)?convened|saw|produced|drew up|"
    r"hammered out"
    # "Burns and Barnea were in the Qatari capital on Nov. 9 to go over the outline"
    r"|were\s+in(?=[^;]{0,60}?\bto\s+(?:go\s+over|discuss|negotiate|meet|work\s+on|"
    r"hammer\s+out|finali[sz]e|review)\b))\b", re.IGNORECASE
)


# "X, Y and Qatari Prime Minister Z": names joined, titles allowed between.
_JOINED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|and\s+)"
    r"(?:(?:[A-Z][\w'’.-]*|of|the|prime|minister|chief|director|head|envoy|foreign|"
    r"intelligence|spy|former|acting|deputy|top|senior|special|security|national|adviser|"
    r"advisor|negotiator|then-[\w-]+)\s+){0,5}"
)


def _party_meeting(text: str, offset: int, passage: Passage) -> list[re.Match[str]]:
    """ "Burns and Barnea flew to Doha, where they spent October 27 and 28 with the Qatari
    premier": two or more people who meet are a meeting, the verb standing for its noun;
    "Witkoff hosted Al Thani, Fidan and Abdelatty in Miami": so are one who hosts several."""
    host = _HOSTED.search(text)
    if host is not None:
        guests = passage.marks_in(offset + host.end(), offset + len(text), ("person",))
        if len({m.key for m in guests}) >= 2:
            return [host]
    verb = _MEETING_VERB.search(text)
    if verb is None:
        return []
    people = passage.marks_in(offset, offset + verb.start(), ("person",))
    if len({m.key for m in people}) < 2:
        return []
    # A subject of several people: "X and Y", "X, Y and Z"; not "X called Y before Z met".
    joined = _JOINED.fullmatch(passage.text[people[-2].end : people[-1].start])
    return [verb] if joined else []


_FINAL = ("collapsed", "agreement", "concluded")


# Words that say talks go on, not only that they began or a team arrived.
_GOES_ON = re.compile(r"remain|continu|still|under ?way|ongoing|going on|in progress|stay",
                      re.IGNORECASE)


def _stale_on_the_page(
    group: list[_Mention], cue: StatusCue | None, when: When | None, setting: Setting
) -> bool:
    """ "18:15 The teams arrived in France on Saturday", on a live page whose later days'
    entries never tell the talks again: begun as of that entry, and over by the next day."""
    if not setting.entries or when is None or when.granularity != "day":
        return False
    if cue is not None and _GOES_ON.search(cue.word):
        return False
    told = [m.entry_day for m in group if m.entry_day is not None]
    if not told or len(told) != len(group):
        return False
    latest = max(setting.entries.values())
    return max(told) < latest and when.end < latest


def _group_status(group: list[_Mention], published: date) -> StatusCue | None:
    """A word that ends the round wins; otherwise the word of the latest day told ("arrived
    on Saturday ... met on Sunday": the meeting, held), an undated "remains" being of the
    report's own day."""
    cues = [m for m in group if m.status is not None]
    final = [m.status for m in cues if m.status.status in _FINAL]
    if final:
        return max(final, key=lambda c: STATUS_RANK[c.status])
    if not cues:
        return None
    # What is expected does not outrank what has begun or taken place.
    cues = [m for m in cues if m.status.status != "scheduled"] or cues

    def told(m: _Mention) -> date:
        if m.when is not None:
            return m.when.end
        return published if m.status.status == "ongoing" else date.min

    latest = max(cues, key=lambda m: (told(m), STATUS_RANK[m.status.status]))
    return latest.status


# Sentences past the lede that still tell the day's news, in most reports.
TOP = 3


def _near_the_top(group: list[_Mention], setting: Setting) -> bool:
    last_lede = max(setting.lede, default=0)
    return any(m.sentence <= last_lede + TOP for m in group)


def _settled_status(
    status: str | None, cue: StatusCue | None, when: When | None, published: date,
    background: bool, told_in_past: bool,
) -> tuple[str | None, str]:
    """The status, and its cue: a word of the text, or the tense of the dates."""
    if status == "scheduled" and when is not None and when.end < published:
        return "concluded", "dates past"  # "will" of another verb: the talks' day is gone
    if status == "ongoing" and background and when is not None and when.end < published:
        # "what began in Doha on 15 August", recalled weeks later: it began; the report
        # does not say it goes on, so it is over.
        return "concluded", "dates past"
    if status is not None:
        return status, f"word: {cue.word}" if cue else "word"
    if when is None:
        return None, "none"
    if when.start > published:
        return "scheduled", "dates ahead"
    if when.end < published or background:
        return "concluded", "dates past"
    if told_in_past and when.granularity != "day":
        return "concluded", "dates past"
    return "ongoing", "dates now"


def _host_mediator(
    group: list[_Mention], facts: PlaceFacts | None, participants: list[Participant]
) -> Participant | None:
    """Talks in a third country, "delegations meet with mediators": the host mediates."""
    if facts is None or not any(MEDIATION_WORD.search(m.text) for m in group):
        return None
    country = facts.country or (facts.name if facts.place_type == "country" else None)
    if not country:
        return None
    host = name_key(country)
    involved = {p.entity_key for p in participants} | {p.delegation_of for p in participants}
    return None if host in involved else Participant(host, "mediator")


def _order(mention: _Mention) -> tuple[bool, int]:
    return (mention.place is None, mention.sentence)
