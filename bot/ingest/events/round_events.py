"""A round's mentions made one event: its days, its status settled from the words and the
dates, its participants, and the weight of its cues."""


from __future__ import annotations

import re
from datetime import date, timedelta

from bot.ingest.events.confidence import CONFIRMED, combine
from bot.ingest.events.delegations import MEDIATION_WORD
from bot.ingest.events.round_dates import (
    combined_when,
    days_of_stay,
    days_of_talks_before,
    talks_before,
)
from bot.ingest.events.round_mentions import (
    FINAL,
    HAD_GONE,
    ROUND_LENGTH,
    Mention,
    Setting,
    leaving,
)
from bot.ingest.events.round_status import STATUS_RANK, StatusCue
from bot.ingest.events.venues import PlaceFacts
from bot.ingest.model import ExtractedEvent, Participant, When
from bot.names import name_key


def _until_they_left(when: When | None, group: list[Mention], published: date) -> When | None:
    """ "The delegations left Cairo on Thursday ... had been in Cairo since Tuesday", filed
    on Friday: the stay told up to the report's day ended the day they left."""
    if when is None or when.granularity != "day" or when.end != published:
        return when
    left = [m.when.end for m in group if leaving(m) and m.when is not None
            and m.when.granularity == "day" and not m.said_day]
    if not left or not any(_stay_since(m) for m in group):
        return when
    last = max(left)
    return When(when.start, last, "day") if when.start <= last < published else when


def _stay_since(mention: Mention) -> bool:
    """ "had been in Cairo since Tuesday": a stay told from its first day."""
    return bool(mention.time_text) and re.search(
        r"\bsince\s+(?:the\s+)?" + re.escape(mention.time_text), mention.text
    ) is not None


# "The move completes a drawdown that started on Tuesday": what began is not the talks.
_OPENED_OTHER = re.compile(
    r"\b(?!(?:talks|round|negotiations|discussions|meetings?|sessions?)\b)[a-z]+\s+"
    r"(?:that|which)\s+(?:had\s+)?(?:began|begun|started|opened|commenced|kicked\s+off)\b"
)


# Words of the talks' first day; "resumed Tuesday" tells of a later one.
_OPENED = re.compile(
    r"^(?:began|begun|begin\w*|start\w*|open\w*|commenc\w*|kick\w* off)", re.IGNORECASE
)


def _from_the_opening(when: When | None, group: list[Mention]) -> When | None:
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


_NTH = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_NTH_DAY = re.compile(
    r"\b(?:on\s+)?(?:the\s+)?(?P<n>second|third|fourth|fifth|sixth|seventh)\s+day\s+of\s+"
    r"(?:[\w-]+\s+){0,2}?(?:talks|negotiations)\b",
    re.IGNORECASE,
)
_TALKS_LEFT = re.compile(
    r"\b(?:after|following|at\s+the\s+end\s+of)\s+(?:[\w-]+\s+){0,3}?(?:talks|negotiations)\b",
    re.IGNORECASE,
)


_N_DAY_TALKS = re.compile(
    r"\b(?P<n>two|three|four)-day\s+(?:round\s+of\s+)?(?:[\w-]+\s+)?(?:talks|negotiations|"
    r"round|meeting|summit)\b", re.IGNORECASE)
_N = {"two": 2, "three": 3, "four": 4}


def _n_day_talks(text: str) -> int | None:
    found = _N_DAY_TALKS.search(text)
    return _N[found["n"].lower()] if found else None


def event(group: list[Mention], setting: Setting) -> ExtractedEvent:
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
        dated = [m for m in dated if not m.said_day or HAD_GONE.search(m.text)]
    when = _until_they_left(_from_the_opening(
        combined_when([m.when for m in dated] + [m.began for m in dated]), group
    ), group, published)
    when = _stay_up_to_the_end(when, group)
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
        nth = next((m for m in (_NTH_DAY.search(x.text) for x in group) if m), None)
        if nth is not None:
            # "breakthrough announced on the third day of talks in Sharm el-Sheikh": talks
            # that began two days before the day told.
            when = When(published - timedelta(days=_NTH[nth["n"].lower()] - 1), published,
                        "day")
            date_cue = "counted"
    if when is not None and when.granularity == "day" and cue is not None \
            and cue.final == "collapsed" and published - ROUND_LENGTH <= when.start \
            and when.end < published - timedelta(days=1) and any(
                m.when is None and not m.background and m.status is not None
                and m.status.final == "collapsed" for m in placed):
        # "have called their teams home from Qatar", of the round that opened on July 6:
        # it ended by the report's day.
        when = When(when.start, published, "day")
    again = next((n for m in group if _MEET_AGAIN.search(m.text)
                  and (n := days_of_talks_before(m.text))), None)
    if again and when is not None and when.granularity == "day" and when.start == when.end \
            and status in (None, "ongoing"):
        # "Talks will reconvene next week after two days of productive negotiations", and
        # the talks in Doha told on Friday: two days, over by then.
        when = When(when.end - timedelta(days=again - 1), when.end, "day")
        status = "concluded"
        cue = StatusCue("concluded", f"after {again} days of talks")
    lasting = next((n for m in group if (n := _n_day_talks(m.text))), None)
    if lasting and when is not None and when.granularity == "day" and when.start == when.end \
            and status == "scheduled" and when.start > published:
        # "talks in Doha, which are slated to start on Thursday ... the two-day talks": from
        # the day they open, for the days they are to last.
        when = When(when.start, when.start + timedelta(days=lasting - 1), "day")
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
    # "SHARM EL-SHEIKH (AP) - ... after three days of talks in this resort. ... The talks
    # opened Monday": the venue's sentence names no day, the round's next sentence does.
    days_told = any(m.date_cue == "stated" and m.when is not None for m in dated)
    confidence = combine([
        m.weight_dated("stated") if days_told and m.date_cue == "none" else m.weight
        for m in placed
    ])
    if (facts is not None and facts.place_type == "country") or when is None:
        # A round is in a city, on days: a country or no date at all is never stated.
        confidence = min(confidence, CONFIRMED / 2)
    if all(m.venue_cue == "left-city" for m in placed) and when is not None \
            and when.start == when.end and not any(
                m.status is not None and m.status.final == "ongoing" for m in group) \
            and not any(_TALKS_LEFT.search(m.text) for m in placed):
        # (Unless the sentence tells the talks the team left: "departed Cairo late Saturday
        # following talks with Egyptian officials" ends a round told as held there.)
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
            # "the deal came out of four days of intensive discussions": the days before
            # the outcome that ends the round (events/settle.py).
            **({"lasted": n} if (n := next(
                (d for m in group if (d := talks_before(m.text))), None)) else {}),
        },
        confidence=round(confidence, 2),
        unconfirmed=confidence < CONFIRMED,
    )


# Talks to meet again: the ones told before them are over.
_MEET_AGAIN = re.compile(
    r"\b(?:will|to|would)\s+(?:\w+\s+)?(?:reconvene|resume|meet\s+again|regroup)\b",
    re.IGNORECASE)


def _stay_up_to_the_end(when: When | None, group: list[Mention]) -> When | None:
    """ "Delegations spent three days in Cairo; that round ended on 9 May": the days of a
    stay told with no day of its own run up to the end another clause dates."""
    if when is None or when.granularity != "day" or when.start != when.end:
        return when
    ends = any(m.when == when and m.status is not None
               and m.status.final in ("concluded", "collapsed", "agreement") for m in group)
    stays = [n for m in group if m.when is None and m.place is not None
             and (n := days_of_stay(m.text))]
    if not ends or not stays:
        return when
    return When(when.end - timedelta(days=stays[0] - 1), when.end, "day")


_NOW_AUX = re.compile(r"\b(?:is|are|has|have)\s+(?:now\s+|just\s+)?$")
_JUST_MET = re.compile(r"\b(?:have|has)\s+(?:just\s+|now\s+)?(?:met|held\s+talks)\b")


# "The Rome meeting was meant to settle ...": a meeting told in the past took place, even
# when the only date ("this month") still runs; "were continuing" says otherwise, in words.
_PAST_TENSE = re.compile(r"\b(?:was|were|had been|took place|went ahead)\b(?!\s+\w+ing\b)",
                         re.IGNORECASE)


# Words that say talks go on, not only that they began or a team arrived.
_GOES_ON = re.compile(r"remain|continu|still|under ?way|ongoing|going on|in progress|stay",
                      re.IGNORECASE)


def _stale_on_the_page(
    group: list[Mention], cue: StatusCue | None, when: When | None, setting: Setting
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


def _group_status(group: list[Mention], published: date) -> StatusCue | None:
    """A word that ends the round wins; otherwise the word of the latest day told ("arrived
    on Saturday ... met on Sunday": the meeting, held), an undated "remains" being of the
    report's own day."""
    cues = [m for m in group if m.status is not None]
    final = [m.status for m in cues if m.status.status in FINAL]
    goes_on = [m.status for m in cues if m.status.status == "ongoing"
               and _GOES_ON.search(m.status.word) and m.when is not None]
    if goes_on and final and all(
        m.status.status == "concluded" and leaving(m) and _ONE_PERSON.match(m.noun)
        for m in cues if m.status.status in FINAL
    ):
        # "The head of the Mossad left Doha, but negotiations are still ongoing": one man
        # went home; the talks, told as going on that day, did not end.
        return goes_on[-1]
    if final:
        return max(final, key=lambda c: STATUS_RANK[c.status])
    if not cues:
        return None
    # What is expected does not outrank what has begun or taken place.
    cues = [m for m in cues if m.status.status != "scheduled"] or cues

    def told(m: Mention) -> date:
        if m.when is not None:
            return m.when.end
        return published if m.status.status == "ongoing" else date.min

    latest = max(cues, key=lambda m: (told(m), STATUS_RANK[m.status.status]))
    return latest.status


# A person, not a team: "The head of", "the chief", "the director".
_ONE_PERSON = re.compile(r"^(?:the\s+)?(?:head|chief|director|envoy|minister)(?:\s+of)?$",
                         re.IGNORECASE)


# Sentences past the lede that still tell the day's news, in most reports.
TOP = 3


def _near_the_top(group: list[Mention], setting: Setting) -> bool:
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
    group: list[Mention], facts: PlaceFacts | None, participants: list[Participant]
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


def _order(mention: Mention) -> tuple[bool, int]:
    return (mention.place is None, mention.sentence)
