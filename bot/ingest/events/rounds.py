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
from bot.ingest.events.round_status import STATUS_RANK, StatusCue, outcome, sentence_status
from bot.ingest.events.venues import (
    PlaceFacts,
    coordinated_venues,
    find_venue_cue,
    same_venue,
    table_row,
)
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.model import ExtractedEvent, Participant, When
from bot.names import name_key

_ROUND_NOUN = re.compile(
    r"\b(?:talks|negotiations?|rounds?|meetings?|discussions|delegations?|consultations|"
    r"negotiating teams?|sessions?|gathering|summit|visit|conference|forum|ceremony|funeral|"
    # "the agreement concluded in Doha": where a deal is sealed, a round ended.
    r"(?:agreement|deal|accord)(?=\s+(?:was\s+|were\s+)?(?:concluded|signed|reached|sealed)\b)|"
    # "Negotiators from four countries met in Cairo", "envoys X and Y spent the weekend in
    # Doha": the people who negotiate, gathering somewhere, are a round there.
    r"(?:negotiators?|mediators|envoys?|senior officials|spy chiefs|intelligence chiefs|"
    # "the heads of the CIA and Mossad sat down with Qatar's premier in Doha"
    r"(?:the\s+)?(?:heads|chiefs|directors)\s+of|delegates|spymasters)"
    r"(?=\s+(?:[\w,.'’-]+\s+){0,12}?(?:met|meet|gathered|convened|spent|sat down|held|"
    # "Israel's top negotiator flew home from Rome on Sunday": back from the talks there.
    r"flew home from|returned from|left|departed|arrived in|landed in)\b))\b",
    re.IGNORECASE,
)
# How much each noun says of a negotiation: "talks" and "negotiators met" say it; a
# "meeting" or a "session" may be of anything; a "team" or a "delegation" is only people,
# unless the clause says they talk, meet or arrive for the talks.
_NOUN_WEIGHT = {"strong": 1.0, "medium": 0.85, "weak": 0.45}
_MEDIUM_NOUNS = re.compile(r"^(?:meetings?|sessions?|discussions|gathering)$", re.IGNORECASE)
_WEAK_NOUNS = re.compile(
    r"^(?:delegations?|negotiating teams?|consultations)$", re.IGNORECASE
)
_TALKS_VERB = re.compile(
    r"\b(?:talks|negotiat\w+|met|meet\w*|held|arriv\w+|landed|discuss\w*|resum\w+|"
    r"left|departed|returned|recalled|hosted|join\w*)\b",
    re.IGNORECASE,
)
# "X met Prime Minister Y in Z": one person meeting another is diplomacy, not a round.
_PERSON_MET_PERSON = re.compile(r"^(?:,[^,]{1,120},)?\s+met\s+(?:with\s+)?((?:[A-Z][\w'’-]*\s+)*)$")
_NOT_NEGOTIATION = frozenset({"summit", "visit", "conference", "forum", "ceremony", "funeral"})
# Talks with one named person, or a minister with "his counterpart", are bilateral diplomacy.
_BILATERAL = re.compile(
    r"\b(?:met|meets|meet|meeting|talks|spoke|call)\s+with\s+(?:his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}counterpart|\bon the (?:margins|sidelines)\b",
    re.IGNORECASE,
)
# Leaders gathering is a summit; a president meeting hostages' families is no round; an
# attack on negotiators is no meeting of them.
_NOT_TALKS = re.compile(
    r"\b(?:leaders|heads of state|kings|presidents|monarchs)\s+(?:\w+\s+)?"
    r"(?:meeting|met|meet|gather\w*|convene\w*)\b|"
    r"\b(?:met|meets|meeting with|received)\s+(?:with\s+)?(?:the\s+)?(?:relatives|families|"
    r"family members|mourners|troops|soldiers|students|supporters|protesters)\b|"
    r"\b(?:attack|strike|assassination attempt|bombing|raid)\s+(?:on|targeting|against)\b",
    re.IGNORECASE,
)
# "had been expected in Cairo on Saturday, but the visit has been postponed": no round,
# unless the sentence says the talks happened after all ("postponed talks resumed").
_CALLED_OFF = re.compile(r"\b(?:postponed|called off|cancell?ed|scrapped|shelved)\b", re.I)
_TOOK_PLACE = re.compile(r"\b(?:resumed|began|opened|started|held|took place)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:no|not|never|yet to|neither|nor|cancel\w*|postpon\w*|called off|don’t|don't|"
    r"won’t|won't|didn’t|didn't|hasn’t|hasn't|haven’t|haven't)\b",
    re.IGNORECASE,
)
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|stated|added|reported)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
# "a day of talks here", "the meeting here": wire copy's "here" is the dateline's city.
_HERE = re.compile(
    r"\b(?:talks|meeting|negotiations|round|session)\s+here\b|\bhere\s+(?:on|this|last)\b",
    re.IGNORECASE,
)
_SUMMARY_BEFORE = re.compile(
    r"\b(?:months|years|weeks|rounds|series)\s+of\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_SINCE_BEFORE = re.compile(r"\b(?:since|ever since)\s+(?:the\s+)?$", re.IGNORECASE)
_BACKGROUND = re.compile(
    r"\b(?:previous|prior|earlier|past|last|former)\s+(?:\w+\s+)?"
    r"(?:rounds?|talks|negotiations|meetings?|attempts?)\b",
    re.IGNORECASE,
)
_ISSUES = re.compile(
    r"\b(?:key |main |core |outstanding )?issues?\b\s*(?:—|–|-|:|,)?\s*(?:—|–|-|:|including|"
    r"such as|like)\s*(?P<list>[^.;—–]{3,160})",
    re.IGNORECASE,
)
# Where one sentence tells of two meetings: "met in Paris on Feb. 23, and a team then held
# talks in Doha in the last week of February".
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+(?=(?:\S+\s+){3})")
# A report older than this tells of the past: background, not the day's news.
RECENT = timedelta(days=7)

# Weights of the venue cues (see the module's docstring).
_VENUE_WEIGHT = {
    "in-city": 0.95, "left-city": 0.9, "table-row": 0.85, "coordinated": 0.85,
    "headline": 0.85, "dateline": 0.8, "modifier": 0.75, "destination": 0.55,
    "country": 0.35, "speech": 0.3, "party-city": 0.25,
}
_DATE_WEIGHT = {"stated": 1.0, "coarse": 0.9, "year": 0.6, "assumed": 0.75, "none": 0.6}


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

    @property
    def weight(self) -> float:
        noun = _noun_strength(self.noun, self.text)
        venue = _VENUE_WEIGHT.get(self.venue_cue, 0.0) if self.place else 0.0
        return _NOUN_WEIGHT[noun] * venue * _DATE_WEIGHT[self.date_cue]


@dataclass(frozen=True)
class Setting:
    """What the whole report tells every sentence: its day, its dateline, its lede."""

    published: date
    describe: Callable[[str], PlaceFacts | None]
    dateline: Mark | None = None  # the dateline's city, as a mark of no sentence
    lede: frozenset[int] = frozenset()  # sentences of the lede
    headline: frozenset[str] = frozenset()  # places the headline's talks are in


def find_rounds(
    passages: list[Passage],
    published: date,
    describe: Callable[[str], PlaceFacts | None],
    issues_in: Callable[[str], list[str]] = lambda _text: [],
    *,
    dateline: Mark | None = None,
    lede: frozenset[int] = frozenset(),
    headline: frozenset[str] = frozenset(),
) -> list[ExtractedEvent]:
    """Rounds of negotiation the story reports, merged per venue."""
    setting = Setting(published, describe, dateline, lede, headline)
    placed: list[_Mention] = []
    loose: list[_Mention] = []
    for passage in passages:
        for index, start, end in passage.sentences:
            sentence = passage.text[start:end]
            if _CALLED_OFF.search(sentence) and not _TOOK_PLACE.search(sentence):
                continue
            for c_start, c_end in _clauses(passage, start, end):
                mention = _read_clause(passage, index, c_start, c_end, setting)
                if mention is None:
                    continue
                mention.issues = _issues(mention.text, issues_in)
                if mention.place is None:
                    loose.append(mention)
                    continue
                placed.append(mention)
                for other in coordinated_venues(passage, mention.place, c_end):
                    placed.append(
                        replace(mention, place=other, participants=[], venue_cue="coordinated")
                    )
    rounds = _merge(placed, describe)
    _attach(rounds, loose)
    events = [_event(group, setting) for group in rounds]
    # A current round the story cannot date ("months of talks in Cairo and Doha failed")
    # is a summary, not an event; a past one keeps its place ("the last round crumbled").
    return [e for e in events if e.when is not None or e.background]


def _clauses(passage: Passage, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence, or its clauses when it places things in two venues."""
    venues = passage.marks_in(start, end, ("place",))
    if len({m.key for m in venues}) < 2:
        return [(start, end)]
    bounds = [start]
    for m in _CLAUSE_BREAK.finditer(passage.text, start, end):
        bounds.append(m.end())
    bounds.append(end)
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _noun_strength(noun: str, text: str) -> str:
    if _MEDIUM_NOUNS.match(noun):
        return "medium"
    if _WEAK_NOUNS.match(noun) and not _TALKS_VERB.search(text):
        return "weak"
    return "strong"


def _read_clause(
    passage: Passage, index: int, start: int, end: int, setting: Setting
) -> _Mention | None:
    text = passage.text[start:end]
    published = setting.published
    # "has hosted the office since 2012": a state's beginning, never a round's date; but
    # "had been in Doha since the 18th" is when this round began.
    all_times = [
        t for t in passage.times_in(start, end)
        if not _SINCE_BEFORE.search(passage.text[max(start, t.start - 12) : t.start])
        or t.expression.granularity == "day"
    ]
    times = [
        t for t in all_times
        if not _SAID_BEFORE.search(passage.text[max(start, t.start - 30) : t.start])
    ]
    nouns = list(_ROUND_NOUN.finditer(text))
    if nouns and (quote := _quote_around(passage, start + nouns[0].start())) is not None:
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
        venue_cue = _venue_cue(passage.text, place, setting.describe, how)
    anchor = (place.start - start) if place else nouns[0].start()
    noun = min(nouns, key=lambda n: abs(n.start() - anchor)) if nouns else None
    if noun is not None and noun.group().lower() in _NOT_NEGOTIATION:
        return None
    if noun is not None and _SUMMARY_BEFORE.search(text[: noun.start()]):
        return None  # "months of talks in Cairo and Doha failed": many rounds, summed up
    if _BILATERAL.search(text) or _one_met_another(passage.text, marks) or (
        noun is not None and _negated(text, noun)
    ):
        return None
    if _NOT_TALKS.search(text):
        return None
    status = sentence_status(text, noun.start() if noun else anchor)
    if not times and status is not None and status.final in ("agreement", "collapsed",
                                                             "concluded"):
        times = all_times  # "announced on Wednesday that a deal had been agreed": that day
    at = start + (noun.start() if noun else anchor)
    time = _nearest_time(_same_clause(passage.text, times, at), at)
    when = _began(passage.text, times, time) \
        or _coordinated(passage.text, times, time) or _since(passage.text, time, published) \
        or _lasting(text, time, status) or _stay(passage.text, times) \
        or _by_the_end(passage.text, time) or _when(time)
    if status is None and time is not None and time.expression.direction == "future":
        status = StatusCue("scheduled", time.expression.text)
    background = bool(_BACKGROUND.search(text)) or (
        when is not None and when.end < published - RECENT
        and (status is None or status.final != "scheduled")
    )
    if place is None and setting.dateline is not None and noun is not None and (
        (index in setting.lede and not background and not _WEAK_NOUNS.match(noun.group()))
        or _HERE.search(text)
    ):
        place, venue_cue = setting.dateline, "dateline"  # wire copy: the talks are here
    if place is not None and place.key in setting.headline and \
            _VENUE_WEIGHT[venue_cue] < _VENUE_WEIGHT["headline"]:
        venue_cue = "headline"  # "told reporters in Doha" under "talks in Doha enter day 3"
    mention = _Mention(index, text, place, when, status, background)
    mention.noun = noun.group() if noun else "talks"
    mention.venue_cue = venue_cue
    mention.date_cue = _date_cue(time)
    mention.time_text = time.expression.text if time else ""
    mention.participants = participants_in(text, start, marks)
    mention.outcome = outcome(text, status.final if status else None)
    if place is None and time and status and status.final == "ongoing" \
            and time.expression.direction != "future":
        mention.began = when
    return mention


def _quote_around(passage: Passage, at: int):
    return next((q for q in passage.quoted if q.start <= at < q.end), None)


def _venue_cue(text: str, place: Mark | None, describe, how: str) -> str:
    if place is None:
        return ""
    facts = describe(place.key)
    if place.kind == "country" or (facts is not None and facts.place_type == "country"):
        return "country"
    if facts is not None and facts.country in vocabulary().parties:
        return "party-city"  # "McGurk held talks in Jerusalem": a visit to one side
    if how in ("speech", "destination", "modifier"):
        return how
    before = text[max(0, place.start - 40) : place.start]
    if re.search(r"\b(?:left|leaves|leaving|departed|returned from|returning from|"
                 r"(?:back|home) from)\s+$", before):
        return "left-city"
    if re.search(r"\b(?:in|at)\s+(?:[\w’'.-]+\s+){0,6}$", before):
        return "in-city"
    return "modifier"


def _date_cue(time: TimeMark | None) -> str:
    if time is None:
        return "none"
    granularity = time.expression.granularity
    if granularity == "day":
        return "stated"
    return "year" if granularity == "year" else "coarse"


_WITH_BEFORE = re.compile(
    r"\b(?:talks|meeting|met|meets|meet)\s+with\s+(?:[A-Z][\w'’.-]*\s+){0,3}$"
)


def _one_met_another(text: str, marks: list[Mark]) -> bool:
    people = [m for m in marks if m.kind == "person"]
    for person in people:
        # "after talks with Netanyahu in Jerusalem": with one person, diplomacy.
        if _WITH_BEFORE.search(text[max(0, person.start - 60) : person.start]) and not \
                re.match(r"\s*(?:,|and)\s+[A-Z]", text[person.end :]):
            return True
    for i, first in enumerate(people):
        for second in people[i + 1 :]:
            if _met_between(text[first.end : second.start]):
                return True
    return False


def _met_between(between: str) -> bool:
    """ "X[, an aside,] met [Prime Minister] Y": nothing else stands between the two."""
    joined = _PERSON_MET_PERSON.match(between)
    return bool(joined) and all(w[:1].isupper() for w in joined[1].split())


_NEGATED_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:(?:were|was|have|has|had|did|do|does|will|would|is|are)\s+"
    r"(?:not|never)|(?:were|was|are|is|have been|has been)\s+(?:cancell?ed|postponed|called off)|"
    r"(?:are|is|were|was)\s+yet\s+to|never)\b",
    re.IGNORECASE,
)


def _negated(text: str, noun: re.Match[str]) -> bool:
    """ "no talks", "talks were not held": not "negotiators left with no deal"."""
    before = text[max(0, noun.start() - 25) : noun.start()]
    return bool(_NEGATION.search(before) or _NEGATED_AFTER.match(text[noun.end() :]))


_OTHER_EVENT = re.compile(
    r"\b(?:after|before|following|followed|follows|preceded|ahead of|when)\b",
    re.IGNORECASE,
)


def _same_clause(text: str, times: list[TimeMark], position: int) -> list[TimeMark]:
    """Times not across an "after"/"before" from the noun: "returned on Saturday after
    talks on Friday" dates the talks Friday."""
    near = [
        t for t in times
        if not _OTHER_EVENT.search(_between(text, t, position))
    ]
    # "left Cairo on Tuesday after talks": the main clause's day ends the talks it follows;
    # but in "the meeting followed an encounter on Friday" the day is the other event's.
    return near or [t for t in times if t.end <= position]


# "before the end of next week", "after Sunday": a preposition of the time itself.
_TIME_PREPOSITION = re.compile(
    r"\b(?:after|before|following|ahead of|when)\s+(?:the\s+)?(?:(?:end|start|beginning|"
    r"middle)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


def _between(text: str, time: TimeMark, position: int) -> str:
    """The words between a time and the noun, less a preposition of the time itself."""
    if time.start >= position:
        return _TIME_PREPOSITION.sub("", text[position : time.start])
    return text[time.end : position]


def _nearest_time(times: list[TimeMark], position: int) -> TimeMark | None:
    usable = [t for t in times if t.expression.granularity != "year" or len(times) == 1]
    return min(usable, key=lambda t: abs(t.start - position)) if usable else None


def _since(text: str, time: TimeMark | None, published: date) -> When | None:
    """ "had been in the Qatari capital since the 18th": from that day to the report's."""
    if time is None or time.expression.granularity != "day":
        return None
    if not _SINCE_BEFORE.search(text[max(0, time.start - 12) : time.start]):
        return None
    if time.expression.start > published:
        return None
    return When(time.expression.start, published, "day")


_DAYS_OF_TALKS = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|\d)\s+days\s+of\s+(?:[\w-]+\s+){0,3}?"
    r"(?:talks|negotiations|meetings|discussions)\b",
    re.IGNORECASE,
)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _lasting(text: str, time: TimeMark | None, status: StatusCue | None) -> When | None:
    """ "left Cairo on Thursday after four days of talks": Monday to Thursday; "three days
    of talks that began on Sunday": Sunday to Tuesday."""
    if time is None or time.expression.granularity != "day":
        return None
    found = _DAYS_OF_TALKS.search(text)
    if found is None:
        return None
    n = _COUNT.get(found["n"].lower()) or int(found["n"])
    day = time.expression.start
    began = status is not None and status.final == "ongoing" and status.word.lower().startswith(
        ("began", "begin", "start", "open")
    )
    if began:
        return When(day, day + timedelta(days=n - 1), "day")
    return When(day - timedelta(days=n - 1), day, "day")


_BEGAN_BEFORE = re.compile(
    r"\b(?:began|begun|started|opened|kicked off|got under way|got underway)\b[^.;,]{0,40}$",
    re.IGNORECASE,
)


def _began(text: str, times: list[TimeMark], time: TimeMark | None) -> When | None:
    """ "arrived on Wednesday to join the negotiations that began on Monday": Monday to
    Wednesday.  The day the talks began starts them, whatever other day is nearer."""
    for t in times:
        if t.expression.granularity == "day" and _BEGAN_BEFORE.search(
            text[max(0, t.start - 60) : t.start]
        ):
            end = max([t.expression.end] + [
                x.expression.end for x in times
                if x.expression.granularity == "day" and x.expression.direction != "future"
            ])
            return When(t.expression.start, end, "day")
    return None


_BY_THE_END = re.compile(r"\b(?:before|by)\s+$", re.IGNORECASE)


def _by_the_end(text: str, time: TimeMark | None) -> When | None:
    """ "will meet again before the end of next week": any day of that week, not its end."""
    if time is None or not time.expression.text.lower().startswith(("the end of", "end of")):
        return None
    if not _BY_THE_END.search(text[max(0, time.start - 10) : time.start]):
        return None
    e = time.expression
    if e.granularity == "week":
        return When(e.end - timedelta(days=6), e.end, "week")
    if e.granularity == "month":
        return When(e.end.replace(day=1), e.end, "month")
    return None


_ARRIVED = re.compile(r"\b(?:arriv\w+|landed|flew in(?:to)?|came to|reached)\b", re.IGNORECASE)
_WENT = re.compile(
    r"\b(?:left|leaving|departed|departing|return(?:ed|ing)|flew (?:back|home)|went home|"
    r"headed home|wrapped up|ended)\b",
    re.IGNORECASE,
)


def _stay(text: str, times: list[TimeMark]) -> When | None:
    """ "arrived in Doha on Sunday ... before returning home on Monday": Sunday to Monday."""
    days = [t for t in times if t.expression.granularity == "day"]
    for first, second in pairwise(days):
        came = _ARRIVED.search(text[max(0, first.start - 60) : first.start])
        went = _WENT.search(text[max(first.end, second.start - 60) : second.start])
        gap = second.expression.start - first.expression.start
        if came and went and timedelta(0) < gap <= timedelta(days=14):
            return When(first.expression.start, second.expression.end, "day")
    return None


# "on Sunday and Monday": two days joined by "and" are one stretch of talks.
_PAIR_JOIN = re.compile(r"\s*(?:,\s*)?and\s+(?:on\s+)?")


def _coordinated(text: str, times: list[TimeMark], time: TimeMark | None) -> When | None:
    """The span of a pair of days ("Monday and Tuesday") that `time` belongs to."""
    if time is None or time.expression.granularity != "day":
        return None
    for first, second in pairwise(times):
        if time not in (first, second) or second.expression.granularity != "day":
            continue
        gap = second.expression.start - first.expression.end
        if _PAIR_JOIN.fullmatch(text[first.end : second.start]) and timedelta(0) < gap <= \
                timedelta(days=6):
            return When(first.expression.start, second.expression.end, "day")
    return None


def _when(time: TimeMark | None) -> When | None:
    if time is None:
        return None
    e = time.expression
    return When(e.start, e.end, e.granularity)


def _issues(text: str, issues_in: Callable[[str], list[str]]) -> list[str]:
    found = list(issues_in(text))
    m = _ISSUES.search(text)
    if m:
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("list"))
        found += [p.strip() for p in parts if 2 <= len(p.split()) <= 6 and not _NEGATION.match(p)]
    return list(dict.fromkeys(found))


def _same_place(a: _Mention, b: _Mention, describe: Callable[[str], PlaceFacts | None]) -> bool:
    return a.place is not None and b.place is not None and same_venue(a.place, b.place, describe)


def _close(a: When | None, b: When | None) -> bool:
    if a is None or b is None:
        return True
    slack = timedelta(days=1)
    return a.start - slack <= b.end and b.start - slack <= a.end


def _span(whens: list[When | None]) -> When | None:
    known = [w for w in whens if w is not None]
    if not known:
        return None
    return When(min(w.start for w in known), max(w.end for w in known), known[0].granularity)


def _merge(
    mentions: list[_Mention], describe: Callable[[str], PlaceFacts | None]
) -> list[list[_Mention]]:
    # Cities first, so a country mention finds the city round it belongs to.
    ordered = sorted(mentions, key=lambda m: (m.place is not None and m.place.kind == "country"))
    groups: list[list[_Mention]] = []
    for mention in ordered:
        for group in groups:
            head = group[0]
            if (
                _same_place(head, mention, describe)
                and head.background == mention.background
                and _close(_span([m.when for m in group]), mention.when)
            ):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


_DEFINITE = re.compile(
    r"^(?:The|This|That)\s+(?:\w+\s+)?(?:round|talks|negotiations|meeting|delegation|team|"
    r"negotiators)\b"
)


def _attach(groups: list[list[_Mention]], loose: list[_Mention]) -> None:
    """Sentences about the talks that name no venue feed the nearest current round."""
    current = [g for g in groups if not g[0].background]
    for mention in loose:
        if not current or mention.background:
            continue
        group = min(current, key=lambda g: min(abs(m.sentence - mention.sentence) for m in g))
        mention.status = None  # a venue-less sentence cannot move the round's status
        near = min(abs(m.sentence - mention.sentence) for m in group) <= 2
        if not (near and _DEFINITE.search(mention.text) and mention.when is not None
                and mention.when.granularity == "day"):
            mention.when = None  # "The round, held from the 7th until yesterday" keeps its days
        group.append(mention)


def _event(group: list[_Mention], setting: Setting) -> ExtractedEvent:
    published, describe = setting.published, setting.describe
    placed = [m for m in group if m.place is not None]
    venue = next((m.place for m in placed if m.place.kind == "place"), placed[0].place)
    assert venue is not None
    facts = describe(venue.key)
    cues = [m.status for m in group if m.status is not None]
    cue = max(cues, key=lambda c: STATUS_RANK[c.status]) if cues else None
    status = cue.final if cue else None
    background = group[0].background
    # What is expected ("arrives tomorrow") does not stretch what has happened.
    happened = [m for m in group if m.status is None or m.status.final != "scheduled"]
    dated = [m for m in happened if m.when or m.began] or group
    when = _combined_when([m.when for m in dated] + [m.began for m in dated])
    date_cue = "stated" if when is not None else "none"
    if when is None and not background and status in ("ongoing", None):
        when = When(published, published, "day")
        date_cue = "assumed"
    status, status_cue = _settled_status(
        status, cue, when, published, background, any(_PAST_TENSE.search(m.text) for m in placed)
    )
    if status == "ongoing" and when is not None and when.granularity == "day" \
            and when.start <= published and when.end < published:
        # Talks that began on Sunday and go on when the report is filed run to its day.
        when = When(when.start, published, "day")
    participants = list(dict.fromkeys(p for m in sorted(group, key=_order) for p in m.participants))
    host = _host_mediator(group, facts, participants)
    if host is not None:
        participants.append(host)
    first = min(group, key=_order)
    best = max(placed, key=lambda m: m.weight)
    confidence = combine([m.weight for m in placed])
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


# "The Rome meeting was meant to settle ...": a meeting told in the past took place, even
# when the only date ("this month") still runs; "were continuing" says otherwise, in words.
_PAST_TENSE = re.compile(r"\b(?:was|were|had been|took place|went ahead)\b(?!\s+\w+ing\b)",
                         re.IGNORECASE)


def _settled_status(
    status: str | None, cue: StatusCue | None, when: When | None, published: date,
    background: bool, told_in_past: bool,
) -> tuple[str | None, str]:
    """The status, and its cue: a word of the text, or the tense of the dates."""
    if cue is not None and cue.status == "held" and when is not None and not background \
            and when.granularity == "day" and when.end >= published:
        # "met in Cairo on Tuesday" in Tuesday's report: the day's news, not yet over.
        return "ongoing", f"word: {cue.word} (on the report's day)"
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


def _combined_when(whens: list[When | None]) -> When | None:
    """The most precise dates the mentions give, spanning all of them."""
    known = [w for w in whens if w is not None]
    if not known:
        return None
    order = ["day", "week", "month", "season", "year"]
    finest = min(order.index(w.granularity) for w in known)
    best = [w for w in known if order.index(w.granularity) == finest]
    return When(min(w.start for w in best), max(w.end for w in best), best[0].granularity)
