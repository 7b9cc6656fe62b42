"""When a round of talks took place, read from the times of one clause.

The time nearest the round's noun dates it, unless it is across an "after" or a
"following" (another event's day), said of a saying ("said on Thursday"), or the end of a
state ("since 2012").  Spans are read as news writes them: "on Sunday and Monday", "from
the 7th until yesterday", "four days of talks" ending on a day, "arrived on Sunday ...
returning home on Monday", "the talks that began on Monday", "since the 18th", "before
the end of next week".
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from bot.ingest.document.passages import TimeMark
from bot.ingest.events.round_status import OBJECT_ONLY, StatusCue
from bot.ingest.model import When

SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|announced|stated|added|reported|confirmed|denied)\s+"
    r"(?:on\s+|late\s+|early\s+)?$"
    # "As of Wednesday night it remained unclear whether Hamas would take part": the state
    # of things that day.
    r"|^\s*[Aa]s\s+of\s+$"
    # "who said in a statement last Thursday that ...": the statement's day.
    r"|\b(?:said|announced|wrote|warned)\s+in\s+(?:an?|the|their|his|her|its)\s+(?:joint\s+)?"
    r"(?:statement|interview|post|speech|letter|message|briefing)\s+(?:on\s+)?$"
    # "Speaking in Washington the following day, X said the Paris talks ...": the speech's.
    r"|\bspeaking\s+(?:in|at|to|from)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,3}(?:on\s+)?$"
    # "Speaking at a press conference on Saturday night, Netanyahu sidestepped a question
    # about the Oslo meeting": the conference's day.
    r"|\b(?:at|during)\s+(?:an?|the|his|her|a\s+joint)\s+(?:press|news)\s+conference\s+(?:on\s+)?$"
    # "the White House said in Washington on Monday": where and when it was said.
    r"|\b(?:said|says|added|announced)\s+(?:in|from)\s+(?:[A-Z][\w-]*\s+){1,2}(?:on\s+)?$",
    re.IGNORECASE,
)


def said_on(text: str, lo: int, time: TimeMark, said: re.Pattern[str] = SAID_BEFORE) -> bool:
    """ "said on Tuesday": the day of the saying, not of what was said; but "said the past
    four days had seen talks" begins what was said."""
    return bool(said.search(text[max(lo, time.start - 30) : time.start])) and not \
        re.match(r"the\s+(?:past|last|final|previous)\b", time.expression.text, re.IGNORECASE)


SINCE_BEFORE = re.compile(r"\b(?:since|ever since)\s+(?:the\s+)?$", re.IGNORECASE)


DATE_WEIGHT = {"stated": 1.0, "coarse": 0.9, "year": 0.6, "assumed": 0.75, "none": 0.6}


def date_cue_of(time: TimeMark | None) -> str:
    if time is None:
        return "none"
    granularity = time.expression.granularity
    if granularity == "day":
        return "stated"
    return "year" if granularity == "year" else "coarse"


_OTHER_EVENT = re.compile(
    r"\b(?:after|before|following|followed|follows|preceded|ahead of|when|since)\b"
    # ", and took effect on Jan. 19": a coordinated verb of another event.
    r"|,\s*and\s+(?:then\s+)?(?:took|came|went|was|were|is|are|has|had|will|began|ended)\b"
    # "ended without an extension, and the first phase expired on 1 March": a clause of
    # another subject.
    r"|,\s*(?:and|but|while)\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+)?(?!talks\b|negotiat|"
    r"rounds?\b|delegations?\b|teams?\b|negotiators\b|sessions?\b|meetings?\b|mediators\b)"
    r"[\w-]+\s+(?:\w+ed|was|were|had|has|is|are|will)\b",
    re.IGNORECASE,
)


def same_clause(text: str, times: list[TimeMark], position: int) -> list[TimeMark]:
    """Times not across an "after"/"before" from the noun: "returned on Saturday after
    talks on Friday" dates the talks Friday."""
    near = [
        t for t in times
        if not _OTHER_EVENT.search(_TIME_OBJECT.sub(" ", _between(text, t, position)))
        # "came three days after Barnea sat down on Friday": that day is the other event's.
        and not _COUNTED_FROM.search(t.expression.text)
    ]
    # "left Cairo on Tuesday after talks": the main clause's day ends the talks it follows;
    # but in "the meeting followed an encounter on Friday" the day is the other event's,
    # and in "a truce in November came into effect after talks in Doha" the truce's.
    return near or [t for t in times if t.end <= position
                    and not _DEAL_OF_THE_TIME.search(text, max(0, t.start - 30), t.start)]


_DEAL_OF_THE_TIME = re.compile(
    r"\b(?:truce|ceasefire|cease-fire|deal|agreement|pause)\s+(?:in|of|on)\s+"
    r"(?:late\s+|early\s+)?$",
    re.IGNORECASE,
)


# "trying to secure a pause before the holy month left on Thursday": a preposition of a
# time noun names no other event.
_TIME_OBJECT = re.compile(
    r"\b(?:before|after|ahead\s+of|following|since|until)" + OBJECT_ONLY.pattern,
    re.IGNORECASE,
)
_COUNTED_FROM = re.compile(r"\b(?:after|before)$", re.IGNORECASE)
# "before the end of next week", "after Sunday": a preposition of the time itself.
_TIME_PREPOSITION = re.compile(
    r"\b(?:after|before|following|ahead of|when|since)\s+(?:the\s+)?(?:(?:end|start|beginning|"
    r"middle)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


def _between(text: str, time: TimeMark, position: int) -> str:
    """The words between a time and the noun, less a preposition of the time itself."""
    if time.start >= position:
        return _TIME_PREPOSITION.sub("", text[position : time.start])
    return text[time.end : position]


def nearest_time(times: list[TimeMark], position: int) -> TimeMark | None:
    usable = [t for t in times if t.expression.granularity != "year" or len(times) == 1]
    return min(usable, key=lambda t: abs(t.start - position)) if usable else None


def since(text: str, time: TimeMark | None, published: date) -> When | None:
    """ "had been in the Qatari capital since the 18th": from that day to the report's."""
    if time is None or time.expression.granularity != "day":
        return None
    if not SINCE_BEFORE.search(text[max(0, time.start - 12) : time.start]) \
            and not SINCE_THEY_CAME.search(text[max(0, time.start - 80) : time.start]):
        return None
    if time.expression.start > published:
        return None
    if _WHEN_AFTER.match(text, time.end) and not _WHEN_THEY_CAME.match(text, time.end):
        return None  # "the first gathering since 28 January, when they met in Paris"
    # ("dealing with each other since Monday, when Israel's delegation arrived": its start)
    return When(time.expression.start, published, "day")


# "has been holding talks ... since it arrived in the capital on Saturday"
SINCE_THEY_CAME = re.compile(
    r"\bsince\s+(?:it|they|he|she|the\s+[\w-]+)\s+(?:arrived|landed|came|got\s+there)\b"
    r"[^.;,]{0,40}?\s(?:on\s+)?$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)
_WHEN_THEY_CAME = re.compile(
    r",?\s+when\s+[^.;,]{0,60}?\b(?:arrived|landed|got\s+there|came|began|opened|started|"
    r"flew\s+in(?:to)?|to\s+open)\b",
    re.IGNORECASE,
)


# "flew to Cairo on Thursday and spent two days with the mediators", "began new
# negotiations in Cairo on Thursday, which lasted for two days": a stay of so many days
# from the day told, which ran its days.
LASTED = re.compile(
    r"\b(?:(?:and|then)\s+spent|(?:which|that)\s+lasted(?:\s+for)?)\s+"
    r"(?P<n>two|three|four|five|six|seven|\d)\s+days\b",
    re.IGNORECASE,
)
_DAYS_OF_TALKS = re.compile(
    # "it closed a week of talks in Cairo": seven days, to the day told.
    r"\b(?:(?P<n>two|three|four|five|six|seven|\d)\s+days|(?P<week>a\s+(?:full\s+)?week))"
    r"\s+of\s+(?:[\w-]+\s+){0,3}?"
    r"(?:talks|negotiations?|negotiating|meetings|discussions|consultations|sessions)\b",
    re.IGNORECASE,
)


_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_ORDINAL = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
# "went into a third day", "entered their fourth day", "on the second day of talks".
_NTH_DAY = re.compile(
    r"\b(?:(?:went|go(?:es|ing)?|entered|enter(?:s|ing)?|moved|mov(?:es|ing))\s+into\s+"
    r"(?:a|its|their)|entered\s+(?:a|its|their)|on\s+the)\s+"
    r"(?P<nth>second|third|fourth|fifth|sixth|seventh)\s+(?:straight\s+)?day\b",
    re.IGNORECASE,
)
_AFTER_DAYS = re.compile(
    # "the accord followed four days of intensive negotiations", "capped four days of talks"
    r"\b(?:after|following|followed|capped|came\s+out\s+of|(?:resulted|emerged)\s+from)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def after_days_of_talks(text: str) -> bool:
    """ "a joint statement on Friday, following two days of negotiations in Doha"."""
    found = _DAYS_OF_TALKS.search(text)
    return found is not None and bool(
        _AFTER_DAYS.search(text[max(0, found.start() - 20) : found.start()]))


def talks_before(text: str) -> str | None:
    """The days of talks a sentence tells led up to what it tells, as a count ("4") or
    "week" ("it capped a week of talks"), for `first_day`."""
    found = _DAYS_OF_TALKS.search(text)
    if found is None or not _AFTER_DAYS.search(text[max(0, found.start() - 20) : found.start()]):
        return None
    return "week" if found["week"] else str(_COUNT.get(found["n"].lower()) or int(found["n"]))


def first_day(last: date, lasted: str) -> date:
    """The first day of talks that ran up to `last`: so many days before it, or for "a
    week of talks" the Monday of that week (a week of talks ending on a Monday or a
    Tuesday began the week before)."""
    if lasted == "week":
        return last - timedelta(days=last.weekday() if last.weekday() >= 2 else 6)
    return last - timedelta(days=int(lasted) - 1)


def days_of_talks_before(text: str) -> int | None:
    """ "the deal came out of four days of intensive discussions": how many days of talks
    led up to what the sentence tells (none for talks not told as before it)."""
    found = _DAYS_OF_TALKS.search(text)
    if found is None or not _AFTER_DAYS.search(text[max(0, found.start() - 20) : found.start()]):
        return None
    return 7 if found["week"] else _COUNT.get(found["n"].lower()) or int(found["n"])


# A stay told before the day it ended: "that spent the past week in Qatar returned on ..."
_SPENT_BEFORE = re.compile(
    r"\b(?:that|which|who|had)\s+spent\s+(?:the\s+)?(?:(?:past|last|previous)\s+)?"
    r"(?:(?P<week>week)|(?P<n>two|three|four|five|six|seven|\d)\s+days)\s+(?:in|at|with)\b",
    re.IGNORECASE,
)
_SPENT_DAYS = re.compile(
    r"\bspent\s+(?P<n>two|three|four|five|six|seven|\d)\s+days\s+(?:in|with|at)\b",
    re.IGNORECASE,
)


def days_of_stay(text: str) -> int | None:
    """ "Delegations spent three days in Cairo with the mediators": how many days, if the
    clause tells a stay of whole days."""
    found = _SPENT_DAYS.search(text)
    if found is None:
        return None
    return _COUNT.get(found["n"].lower()) or int(found["n"])


def just_ended(text: str, published: date) -> When | None:
    """ "Mediators will meet again after two days of talks in Qatar", with no day told: the
    talks ran the N days up to the report's."""
    found = _DAYS_OF_TALKS.search(text)
    if found is None or not _AFTER_DAYS.search(text[max(0, found.start() - 20) : found.start()]):
        return None
    n = _COUNT.get(found["n"].lower()) or int(found["n"])
    return When(published - timedelta(days=n - 1), published, "day")


def lasting(text: str, time: TimeMark | None, status: StatusCue | None) -> When | None:
    """ "left Cairo on Thursday after four days of talks": Monday to Thursday; "three days
    of talks that began on Sunday": Sunday to Tuesday."""
    if time is None or time.expression.granularity != "day":
        return None
    if time.expression.end > time.expression.start:
        return None  # "two days of talks on Oct. 27 and 28": the days are told
    nth = _NTH_DAY.search(text)
    if nth is not None:
        # "went into a third day on Wednesday": they opened two days before it.
        day = time.expression.start
        return When(day - timedelta(days=_ORDINAL[nth["nth"].lower()] - 1), day, "day")
    spent = LASTED.search(text)
    if spent is not None:
        # "flew to Cairo on Thursday and spent two days with the mediators": from that day.
        n = _COUNT.get(spent["n"].lower()) or int(spent["n"])
        day = time.expression.start
        return When(day, day + timedelta(days=n - 1), "day")
    stayed = _SPENT_BEFORE.search(text)
    if stayed is not None and time.start >= stayed.end():
        # "The team that spent the past week in Qatar returned to Israel on Tuesday": the
        # week up to the day it left.
        n = 7 if stayed["week"] else _COUNT.get(stayed["n"].lower()) or int(stayed["n"])
        day = time.expression.start
        return When(day - timedelta(days=n - 1), day, "day")
    found = _DAYS_OF_TALKS.search(text)
    if found is None:
        return None
    n = 7 if found["week"] else _COUNT.get(found["n"].lower()) or int(found["n"])
    day = time.expression.start
    began = status is not None and status.final == "ongoing" and status.word.lower().startswith(
        ("began", "begin", "start", "open", "commenc")
    )
    if began:
        return When(day, day + timedelta(days=n - 1), "day")
    return When(first_day(day, "week" if found["week"] else str(n)), day, "day")


# The talks' opening, right before the day it names: "talks that opened on Monday" (not
# "began new negotiations in Cairo on Thursday, which lasted for two days": told whole).
OPENED_ON = re.compile(
    r"\b(?:opened|began|started|resumed|launched|kicked\s+off|got\s+under\s?way)\s+(?:on\s+|last\s+)?$",
    re.IGNORECASE,
)
# What the talks did on the day that follows, told within a few words before it.
BEGAN_BEFORE = re.compile(
    # ("the talks that were launched Monday by lower-level teams")
    r"\b(?:began|begun|started|opened|commenced|resumed|launched|kicked off|got under way|"
    r"got underway"
    # "intense discussions that lasted since last night": from that night on.
    r"|(?:lasted|ran|continued|(?:been\s+)?(?:under\s?way|going\s+on|running))\s+since)\b"
    r"[^.;,]{0,40}$"
    # "The last long round, held in Doha from July 6, ended on July 24": from that day.
    r"|\b(?:held|run|running|meeting|negotiating)\s+(?:in\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,3})?"
    r"from\s+$",
    re.IGNORECASE,
)


def began(text: str, times: list[TimeMark], time: TimeMark | None) -> When | None:
    """ "arrived on Wednesday to join the negotiations that began on Monday": Monday to
    Wednesday.  The day the talks began starts them, whatever other day is nearer."""
    for t in times:
        opened = BEGAN_BEFORE.search(text[max(0, t.start - 60) : t.start])
        if t.expression.granularity == "day" and opened \
                and not _OTHER_EVENT.search(_SINCE_END.sub("", opened[0])) \
                and not _WAR_BEGAN.search(text[max(0, t.start - 60) : t.start]) \
                and not NEVER_BEGAN.search(text, max(0, t.start - 90), t.start):
            end = max([t.expression.end] + [
                x.expression.end for x in times
                if x.expression.granularity == "day" and x.expression.direction != "future"
            ])
            if end == t.expression.end and _SINCE_END.search(opened[0]):
                continue  # "running since July 6", and no end told: up to the report (since)
            return When(t.expression.start, end, "day")
    return None


_SINCE_END = re.compile(r"\bsince\s*$")


# "The talks on a second phase never really started, and on March 18 ...": no start.
NEVER_BEGAN = re.compile(
    r"\b(?:never|not|n['’]t|yet\s+to)\s+(?:\w+\s+){0,2}?(?:began|begun|begin|started|start|"
    r"opened|commenced)\b",
    re.IGNORECASE,
)
# "negotiations on the second phase were supposed to start on 3 February": a plan told as
# missed, not talks held.
PLAN_MISSED = re.compile(
    r"[^.;]{0,160}?\b(?:were|was)\s+(?:supposed|meant)\s+to\s+(?:start|begin|open|commence)\b",
    re.IGNORECASE,
)
# "fighting resumed on December 1": what began is the war, not the talks.
_WAR_BEGAN = re.compile(
    r"\b(?:fighting|war|strikes|offensive|hostilities|bombardment|combat|attacks|operations)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:began|begun|started|opened|commenced|resumed)\b[^.;,]{0,40}$",
    re.IGNORECASE,
)


_BY_THE_END = re.compile(r"\b(?:before|by)\s+$", re.IGNORECASE)


def by_the_end(text: str, time: TimeMark | None) -> When | None:
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


_ARRIVED = re.compile(
    r"\b(?:arriv\w+|landed|flew in(?:to)?|came to|reached|joined|began|opened|started)\b",
    re.IGNORECASE,
)


_WENT = re.compile(
    r"\b(?:left|leaving|departed|departing|return(?:ed|ing)|flew (?:back|home)|went home|"
    r"headed home|wrapped up|ended|concluded|broke down|collapsed|"
    # "arrived in Cairo on Friday 7 March and held talks with Egyptian officials the
    # following day": the stay runs to the talks' day.
    r"held\s+talks|met|sat\s+down)\b",
    re.IGNORECASE,
)


def stay(text: str, times: list[TimeMark]) -> When | None:
    """ "arrived in Doha on Sunday ... before returning home on Monday": Sunday to Monday;
    "arrived on Friday and held talks the following day": Friday to Saturday."""
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


def coordinated(text: str, times: list[TimeMark], time: TimeMark | None) -> When | None:
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


def when_of(time: TimeMark | None) -> When | None:
    if time is None:
        return None
    e = time.expression
    return When(e.start, e.end, e.granularity)


def span(whens: list[When | None]) -> When | None:
    known = [w for w in whens if w is not None]
    if not known:
        return None
    return When(min(w.start for w in known), max(w.end for w in known), known[0].granularity)


def combined_when(whens: list[When | None]) -> When | None:
    """The most precise dates the mentions give, spanning all of them."""
    known = [w for w in whens if w is not None]
    if not known:
        return None
    order = ["day", "week", "month", "season", "year"]
    finest = min(order.index(w.granularity) for w in known)
    best = [w for w in known if order.index(w.granularity) == finest]
    return When(min(w.start for w in best), max(w.end for w in best), best[0].granularity)
