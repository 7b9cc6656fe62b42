"""Mentions grouped into rounds: one venue's mentions close in time merge, a going and a
coming back join, a round named again or ended with no day of its own folds into the one
told, and sentences that name no venue feed the nearest round."""


from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from bot.ingest.document.passages import Mark
from bot.ingest.events.round_cues import SAT_WITH, WEAK_NOUNS
from bot.ingest.events.round_dates import OPENED_ON, span
from bot.ingest.events.round_mentions import (
    FINAL,
    HAD_GONE,
    ROUND_LENGTH,
    STARTED,
    Mention,
    Setting,
    leaving,
    party_city,
)
from bot.ingest.events.settle import AFTER_LAST_DAY
from bot.ingest.events.venues import PlaceFacts, same_venue
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.model import When


def headline_round(groups: list[list[Mention]], loose: list[Mention], setting: Setting) -> None:
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
    if there and all(m.background for m in there[0]) and all(
        m.status is not None and m.status.final == "scheduled" for m in told
    ):
        # "... heads to Paris for new round": the meeting expected on Friday is not the one
        # the report recalls from a month before.
        there = []
    if there:
        # ("Barnea's second trip in four days. ... The delegation flew back to Israel on
        # Thursday evening": a stay that ended before the headline's round began)
        told = [m for m in told if not _after_the_end([m], there[0])]
    facts = setting.describe(key)
    venue = there[0][0].place if there else Mark(-1, -1, key, "place", facts.name if facts else key)
    for mention in told:
        mention.place, mention.venue_cue = venue, "headline"
        loose.remove(mention)
    if there:
        there[0].extend(told)  # "on the eve of the Doha round": the round the report tells
    else:
        groups.append(told)


def named_later(groups: list[list[Mention]], loose: list[Mention], setting: Setting) -> None:
    """ "The talks on Sunday between the heads of American and Israeli intelligence ...
    ended without an agreement ... The meeting, held in Paris with the support of the French
    authorities, was ...": a lede that dates the talks without a venue, and one sentence
    deep in the report that places them by a definite reference, tell one round."""
    current = [g for g in groups if not g[0].background]
    if len(current) != 1 or any(m.when is not None for m in current[0]):
        return
    if not any(_THE_MEETING.match(m.text) for m in current[0]):
        return
    told = [m for m in loose if m.sentence in setting.lede and not m.background
            and m.when is not None and m.when.granularity == "day"
            and _DEFINITE.search(m.text)
            and (m.status is None or m.status.final != "scheduled")]
    if not told:
        return
    venue = current[0][0].place
    for mention in told:
        mention.place, mention.venue_cue = venue, current[0][0].venue_cue
        loose.remove(mention)
    current[0].extend(told)


# "The meeting, held in Paris ...", "The talks in Cairo were ...": the talks already told.
_THE_MEETING = re.compile(
    r"(?:The|This|That)\s+(?:meeting|talks|round|session|gathering|discussions)\b"
)


def dateline_round(groups: list[list[Mention]], loose: list[Mention], setting: Setting) -> None:
    """ "DOHA: ... He said the past four days had seen intensive discussions among all the
    parties": in a report that places no talks anywhere, the talks it dates are the
    dateline city's, as its lede's would be."""
    if groups or setting.dateline is None or party_city(setting):
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


def _told_as_held(mention: Mention, published: date) -> bool:
    """Talks told as having taken place: ended, met, or run over days up to the report's
    ("the past four days had seen intensive discussions"); not talks only hoped for."""
    if mention.status is not None:
        return mention.status.status == "held" or mention.status.final in FINAL
    when = mention.when
    return when is not None and when.start < when.end and when.end >= published - timedelta(1)


def _same_place(a: Mention, b: Mention, describe: Callable[[str], PlaceFacts | None]) -> bool:
    return a.place is not None and b.place is not None and same_venue(a.place, b.place, describe)


def _next_round(group: list[Mention], mention: Mention) -> bool:
    """ "Talks in Cairo ended on Sunday ... working groups will meet in the Egyptian capital
    this week": what is planned after a round that ended is the next round."""
    days = span([m.when for m in group if m.when is not None])
    ended = any(m.status is not None and m.status.final in FINAL for m in group)
    return (
        ended and days is not None and mention.when is not None
        and mention.status is not None and (
            mention.status.final == "scheduled"
            # "An Israeli delegation landed in Doha on Monday to resume indirect talks",
            # after "meetings had taken place in the Qatari capital" last week.
            or bool(_TO_RESUME.search(mention.text)))
        and mention.when.end > days.end
        and (mention.status.final == "scheduled" or mention.when.start > days.end)
    )


_TO_RESUME = re.compile(r"\bto\s+resume\s+(?:the\s+)?(?:[\w-]+\s+)?(?:talks|negotiations)\b",
                        re.IGNORECASE)


_TRAVELLED = re.compile(
    r"\b(?:left\s+for|head(?:ed)?\s+(?:to|for)|flew\s+(?:in)?to|travell?ed\s+to|went\s+to|"
    r"arrived\s+in|landed\s+in|set\s+off\s+for|departed\s+for|reached)\b",
    re.IGNORECASE,
)
# The longest a trip told apart from the end of its talks is taken to run.
_STAY_LENGTH = ROUND_LENGTH
_CAME_BACK = re.compile(r"^(?:back from|returned from|returning from|left|departed|flew out of)")


def join_stays(
    groups: list[list[Mention]], describe: Callable[[str], PlaceFacts | None],
    loose: Sequence[Mention] = (),
) -> list[list[Mention]]:
    """ "Kan reported on Monday of last week that a team had gone to Doha ... The
    negotiators flew back from Qatar on Tuesday": the stay the going opened and the coming
    back closed, told in either order, is one round."""
    for went in list(groups):
        days = span([m.when for m in went])
        if any(leaving(m) or (m.status is not None and (
                m.status.status == "held" or m.status.final in FINAL)) for m in went):
            continue  # "arrived on Saturday ... but the talks broke up on Sunday": told whole
        if days is None or days.granularity != "day" or not any(
            HAD_GONE.search(m.text) or (_TRAVELLED.search(m.text) and not (
                m.status is not None and m.status.final == "scheduled")) for m in went
        ):
            continue
        for back in groups:
            if back is went or not _same_place(back[0], went[0], describe):
                continue
            # "The Israeli team flew home on Tuesday night", told of the Cairo meeting's
            # day without naming Cairo, names the side that stayed there.
            there = back + [m for m in loose if m.when is not None and _on_its_days(m.when, back)]
            if _sides(went) and _sides(there) and not _sides(went) & _sides(there):
                # "A Hamas delegation travelled to Cairo last Thursday": one side's trip is
                # not the stay another side's team ended.
                continue
            # "flew to Doha for indirect talks ... The Doha talks ended in deadlock".
            ends = [m.when.end for m in back if m.when is not None and (
                leaving(m) or (m.status is not None and (
                    _CAME_BACK.match(m.status.word) or m.status.status in FINAL)))]
            opened = [m.when.start for m in back if m.when is not None and m.status is not None
                      and m.status.final == "ongoing" and STARTED.match(m.status.word)]
            if any(day > days.end for day in opened):
                continue  # "talks resumed in Cairo on Tuesday": a round of its own began
            if ends and timedelta(0) < min(ends) - days.end <= _STAY_LENGTH:
                back.extend(went)
                groups.remove(went)
                break
    return groups


def _sides(group: list[Mention]) -> set[str]:
    """The sides whose delegations the group's mentions name."""
    return {p.delegation_of for m in group for p in m.participants if p.delegation_of}


def fold_references(
    groups: list[list[Mention]], describe: Callable[[str], PlaceFacts | None]
) -> list[list[Mention]]:
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


def ended_what_opened(
    groups: list[list[Mention]], describe: Callable[[str], PlaceFacts | None], published: date
) -> list[list[Mention]]:
    """ "The US and Israel have called their negotiating teams home from Qatar ... The
    current round opened in the Qatari capital on Sunday, July 6": the end the report tells
    today, with no day of its own, is of the round it tells opened there."""
    kept = []
    for group in groups:
        undated = all(m.when is None for m in group)
        ends = any(m.status is not None and m.status.final == "collapsed" for m in group)
        opened = [g for g in groups if g is not group and _same_place(g[0], group[0], describe)
                  and any(m.when is not None and m.status is not None
                          and m.status.final == "ongoing" and STARTED.match(m.status.word)
                          and published - ROUND_LENGTH <= m.when.start for m in g)
                  and not any(m.status is not None and m.status.final in FINAL for m in g)]
        if len(opened) == 1 and not undated:
            # "called their teams home from Qatar on Thursday ... talks that began in the
            # Qatari capital on July 6": an end dated within a round's length of the opening.
            start = min(m.when.start for m in opened[0] if m.when is not None)
            undated = all(m.when is None or start < m.when.start <= start + ROUND_LENGTH
                          for m in group)
        if undated and ends and not any(m.background for m in group) and len(opened) == 1:
            opened[0].extend(group)
        else:
            kept.append(group)
    return kept


# "the Doha meeting", "the Cairo talks": a round named by its city, as one already told.
_NAMED_AGAIN = re.compile(
    r"\b[Tt]he\s+(?:[A-Z][\w-]+\s+){1,3}(?:meeting|talks|round|session|summit|gathering)\b"
)


def _close(a: When | None, b: When | None, *, leaving: bool = False) -> bool:
    if a is None or b is None:
        return True
    slack = timedelta(days=1)
    if leaving:
        # "talks in Doha on Sunday ... the team left Doha on Thursday": the stay ends then.
        return a.start - slack <= b.end and b.start - AFTER_LAST_DAY <= a.end
    return a.start - slack <= b.end and b.start - slack <= a.end


def merge(
    mentions: list[Mention], describe: Callable[[str], PlaceFacts | None]
) -> list[list[Mention]]:
    # Cities first, so a country mention finds the city round it belongs to.
    ordered = sorted(mentions, key=lambda m: (m.place is not None and m.place.kind == "country"))
    groups: list[list[Mention]] = []
    for mention in ordered:
        fits = [group for group in groups if _fits(group, mention, describe)]
        if fits:
            # "The Hamas team left Cairo on Sunday ... talks resumed there on Tuesday":
            # of two rounds at one venue, the one whose days hold the mention's.
            min(fits, key=lambda g: _distance(span([m.when for m in g]), mention.when)
                ).append(mention)
        else:
            groups.append([mention])
    return groups


def _fits(group: list[Mention], mention: Mention,
          describe: Callable[[str], PlaceFacts | None]) -> bool:
    head = group[0]
    dated = mention.when is not None and all(m.when is not None for m in group)
    return (
        _same_place(head, mention, describe)
        and not _next_round(group, mention)
        and not _after_the_end(group, [mention]) and not _after_the_end([mention], group)
        # "The summit followed preparatory meetings in Cairo last week": the meetings that
        # prepared a round are not that round, though their week holds its day.
        and not (dated and _preparatory(mention) != any(_preparatory(m) for m in group))
        # A round begun more than a week ago and ended days ago is one round.
        and (head.background == mention.background or dated)
        and (_close(span([m.when for m in group]), mention.when, leaving=leaving(mention))
             or _goes_on_to(group, mention) or _opens(mention, group)
             or _after_opening_told(group, mention))
    )


_PREPARATORY = re.compile(
    r"\b(?:preparatory|preliminary|pre-summit|groundwork)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _preparatory(mention: Mention) -> bool:
    at = mention.text.find(mention.noun) if mention.noun else -1
    return at > 0 and bool(_PREPARATORY.search(mention.text, max(0, at - 30), at))


def _distance(days: When | None, when: When | None) -> int:
    """Days between a group's span and a mention's days; 0 when they meet or either is
    unknown."""
    if days is None or when is None:
        return 0
    return max(0, (when.start - days.end).days, (days.start - when.end).days)


def _after_the_end(ended: list[Mention], later: list[Mention]) -> bool:
    """ "The US and Israeli teams began new negotiations in Cairo on Thursday, which
    lasted for two days ... A Hamas delegation arrived in Cairo on Saturday": talks told
    in words as over by a day, and talks there begun after it, are two rounds."""
    ends = [m.when.end for m in ended if m.when is not None and m.status is not None
            and m.status.status in ("concluded", "collapsed", "agreement")
            and m.when.granularity == "day" and not _opened_on(m)]
    starts = [m.when.start for m in later if m.when is not None
              and m.when.granularity == "day" and not leaving(m)]
    return bool(ends) and bool(starts) and min(starts) > max(ends)


def _after_opening_told(group: list[Mention], mention: Mention) -> bool:
    """ "signed off ... after talks in Egypt that opened on Monday", then the signing in
    Sharm el-Sheikh on Thursday: days within a week of the one it opened on."""
    dated = [m for m in group if m.when is not None]
    return bool(dated) and all(_opened_on(m) for m in dated) \
        and mention.when is not None and mention.when.granularity == "day" \
        and dated[0].when.start < mention.when.start <= dated[0].when.start + _OPEN_ROUND_WEEK


def _opened_on(mention: Mention) -> bool:
    """ "signed off ... after talks in Egypt that opened on Monday": the day told is the
    talks' first, not the one they ended on."""
    at = mention.text.find(mention.time_text) if mention.time_text else -1
    return at > 0 and bool(OPENED_ON.search(mention.text, 0, at))


# How long after a round's opening a meeting at its venue is still of it, when nothing
# has told that the round ended.
_OPEN_ROUND_WEEK = timedelta(days=7)


def _opens(mention: Mention, group: list[Mention]) -> bool:
    """ "... remaining in Cairo for now", then "talks began in Cairo on Thursday": the
    opening of the round already told, told after it."""
    days = span([m.when for m in group if m.when is not None])
    # "The round opened on the 6th", told after "the team was called home from Doha on
    # Thursday": the end of the round it opened, within a round's length.
    ends = any(leaving(m) or (m.status is not None and m.status.final in ("collapsed",
                                                                          "agreement"))
               for m in group)
    return days is not None and _goes_on_to([mention], replace(group[0], when=days),
                                            window=ROUND_LENGTH if ends else None)


def _goes_on_to(
    group: list[Mention], mention: Mention, window: timedelta | None = None
) -> bool:
    """ "Talks began in Cairo on Thursday ... On Saturday mediators met Hamas in the
    Egyptian capital": a round that opened and has not ended takes in the days after."""
    if mention.when is None or mention.when.granularity != "day":
        return False
    # "Barnea joins the talks in Doha": talks he joins are the ones a team arrived for.
    joins = bool(_JOINS_THE_TALKS.search(mention.text))
    # "A Hamas delegation arrived in Cairo on August 12 for talks": arriving for them
    # opens them too.
    opened = [m.when for m in group if m.when is not None and ((
        m.status is not None and m.status.final == "ongoing" and (
            STARTED.match(m.status.word) or _PHASE.match(m.status.word)
            or (m.status.word.startswith("arriv") and (
                joins or _ARRIVED_FOR_TALKS.search(m.text)))))
        # "Israel sent its team to the Qatari capital on Tuesday": the trip opens the stay.
        or (m.status is None and m.venue_cue == "destination" and m.when.granularity == "day"))]
    ended = any(m.status is not None and m.status.final in FINAL for m in group)
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
    # "On Thursday the delegations left": after the day that opens the sentence.
    r"^(?:(?:On|By|Late\s+on|Early\s+on)\s+[A-Z]\w+(?:\s+(?:night|evening|morning))?,?\s+)?"
    r"(?:(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:\w+\s+)?(?:(?:series|round)\s+of\s+)?"
    r"(?:round|talks|negotiations|discussions|meeting|session|"
    r"delegations?|teams?|negotiators|sides)\b|(?:Talks|Negotiations|Discussions)\s+(?:continued|resumed|"
    r"went on|ran on)\b"
    # "The official described the talks, which opened on Thursday and ran through Sunday"
    # "Talks that began Monday are still in their initial stages"
    r"|(?:.*?\b[Tt]he\s+(?:\w+\s+)?)?(?:[Rr]ound|[Tt]alks|[Nn]egotiations|[Dd]iscussions|"
    r"[Mm]eeting),?\s+(?:which|that)\s+(?:had\s+)?(?:opened|began|started|commenced|ran|ended|lasted|"
    r"wound up|closed)\b)"
)


# A delegation's day is the talks' day when it met on it, not when it arrived.
# A beginning told as done ("began meeting"), not one offered ("ready to begin").
_BEGAN = re.compile(r"(?:began|begun|started|opened|commenced|resumed|reopened|kicked off)$",
                    re.IGNORECASE)
_MET = re.compile(r"\b(?:met|meet(?:s|ing)?|held|negotiat\w+|talks)\b", re.IGNORECASE)


def attach(groups: list[list[Mention]], loose: list[Mention]) -> None:
    """Sentences about the talks that name no venue feed the nearest current round."""
    for mention in loose:
        # A recalled round's sentences feed it as a current round's feed that one; "the
        # round ended that Friday" feeds the round told as begun days before it.
        current = [g for g in groups if g[0].background == mention.background
                   or _ends_it(g, mention)]
        # "An Israeli team went to Cairo at the end of February, and those talks ended
        # without agreement": the round the sentence's first clause placed.
        same = [g for g in groups if any(m.sentence == mention.sentence for m in g)]
        if mention.when is not None and not any(
                _on_its_days(mention.when, g) or span([m.when for m in g]) is None
                for g in same):
            # "That earlier session ended on Sunday, and the team returned to Cairo on
            # Tuesday": a day of another round told, not of the round the clause placed.
            # (But "spent three days in Cairo; that round ended on 9 May" dates the round
            # its first clause told with no day.)
            same = []
        current = same \
            or [g for g in groups if mention.when is None and any(
                # "... led Israel to send a team to Doha on 13 May. A week later, Sheikh
                # Mohammed said the talks had stalled": the talks just told.
                m.sentence == mention.sentence - 1 for m in g)] or current
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
        # (Not the opening of a round still to come: "will send a team on Monday", then
        # "discussions had already started", of other talks.)
        planned = all(m.status.final == "scheduled" for m in group if m.status is not None) \
            and any(m.status is not None for m in group)
        # ("negotiations had reached their decisive phase on Sunday": under way by then,
        # told as the opening is)
        opening = mention.status is not None and mention.status.final == "ongoing" \
            and bool(STARTED.match(mention.status.word) or _PHASE.match(mention.status.word)) \
            and not planned \
            and _rounds_told(groups) == 1 and not group[0].background
        near = not far or _ends_it(group, mention) or opening
        # ("the Israeli team came home that same day": a team ends the round it was at;
        # a truce agreed days later does not)
        team_ends = bool(WEAK_NOUNS.match(mention.noun)) and _ends_it(group, mention)
        met = not WEAK_NOUNS.match(mention.noun) or _MET.search(mention.text) or team_ends
        dated_day = mention.when is not None and mention.when.granularity == "day"
        # "The discussions, held in Sharm el-Sheikh, ... On Wednesday morning, an expanded
        # round of talks was held": a round no sentence dates takes the day of the one
        # session told as held.
        undated = span([m.when for m in group]) is None and not mention.background and ((
            mention.status is not None and mention.status.status == "held"
            and bool(_STRONG_ROUND.match(mention.noun))
        ) or (
            # "Sunday's Rome meeting" in the headline, then "he had spent several hours that
            # day with Burns, ... and Kamel": the one round the report is about, met that day.
            _rounds_told(groups) == 1 and not group[0].background
            and (mention.status is None or mention.status.final != "scheduled")
            and bool(_SAT_WITH.search(mention.text))
        # "... where the negotiations are taking place ... the talks that were launched
        # Monday": the opening of the one round the report tells, undated till then.
        ) or opening)
        # "Teams began meeting on Thursday" under the lede's Sunday end: the round's
        # opening, days before what the report dated.
        days = span([m.when for m in group])
        earlier = opening and days is not None and mention.when is not None \
            and mention.when.start < days.start \
            and bool(_BEGAN.match(mention.status.word) or _PHASE.match(mention.status.word))
        # "A Hamas team had flown in on Tuesday evening", under the lede's Thursday end:
        # the report's one round began when its team got there.
        came = _came_before(group, groups, mention, planned)
        earlier = earlier or came
        if _those_talks_ended(group, mention):
            pass  # its status stands, with no day of its own
        elif not ((met or came) and dated_day and (
                (near and (_DEFINITE.search(mention.text) or earlier or team_ends)) or undated)):
            # "The round, held from the 7th until yesterday" keeps its days.
            mention.when = mention.began = None
            mention.status = None  # a venue-less sentence cannot move the round's status...
            mention.outcome = None  # (nor tell how it ended)
        elif days is not None and not _on_its_days(mention.when, group) \
                and not _ends_it(group, mention):
            mention.status = None  # ...unless it tells of the round's own day, or its end
            # (or of a round no other sentence dates)
        group.append(mention)


def _rounds_told(groups: list[list[Mention]]) -> int:
    """The report's current rounds told as under way or held: a round only planned ("expects
    the government to send a delegation to Cairo") is no rival for an opening told past."""
    return sum(1 for g in groups if not g[0].background and not (
        any(m.status is not None for m in g)
        and all(m.status.final == "scheduled" for m in g if m.status is not None)))


_ARRIVAL_REACH = timedelta(days=4)  # how long a team may wait before its talks end


def _came_before(
    group: list[Mention], groups: list[list[Mention]], mention: Mention, planned: bool,
) -> bool:
    """A team that got there a few days before the report's one current round ends, told
    with no place of its own: the round's first day."""
    days = span([m.when for m in group])
    return (
        not mention.background and not group[0].background and not planned
        # (a city the team left for, on no day, is no second round)
        and sum(1 for g in groups
                if not g[0].background and span([m.when for m in g]) is not None) == 1
        and days is not None and mention.when is not None
        and mention.when.granularity == "day"
        and timedelta(0) < days.start - mention.when.start <= _ARRIVAL_REACH
        and bool(WEAK_NOUNS.match(mention.noun))
        and bool(vocabulary().came.search(mention.text))
    )


# People who met others: "met", "sat down with", "spent several hours that day with".
_PHASE = re.compile(r"(?:reached|entered)\s", re.IGNORECASE)
_SAT_WITH = re.compile(rf"\b(?:{SAT_WITH})\b", re.IGNORECASE)


_THOSE_TALKS = re.compile(
    r"(?:those|these|the\s+same)\s+(?:talks|negotiations|discussions|meetings)\b", re.IGNORECASE
)


def _those_talks_ended(group: list[Mention], mention: Mention) -> bool:
    """ "A new round opened in Doha on 10 March ... Those talks broke down": the talks the
    sentence before told, ended, on no day of their own."""
    return (
        (not mention.background or group[0].background)
        and mention.when is None and mention.status is not None
        and mention.status.final in FINAL and bool(_THOSE_TALKS.match(mention.text))
        and 0 <= mention.sentence - max(m.sentence for m in group) <= 1
    )


_TOLD_FIRST_END = timedelta(days=2)  # an end told before the round's days: soon after them


def _ends_it(group: list[Mention], mention: Mention) -> bool:
    """ "An Israeli delegation travelled to Doha on Monday ... The round ended that Friday":
    the round last told before, on a day within a round's length of its opening."""
    days = span([m.when for m in group if m.when is not None])
    # (told after its days were: a later sentence naming the round on no day, "Hours before
    # the Doha meeting ...", does not make the end told before it come first)
    last = max((m.sentence for m in group if m.when is not None),
               default=max(m.sentence for m in group))
    return (
        days is not None and mention.when is not None and mention.when.granularity == "day"
        # "arrived in Cairo on Saturday ..., but the talks broke up on Sunday": a later
        # clause of the same sentence, which opens in lower case, tells what came after.
        and (last < mention.sentence or (last == mention.sentence and mention.text[:1].islower())
             # "the team had departed that evening", told before "had landed in Cairo on
             # Saturday": an end on a day after all the round's days ends it, told first.
             or days.end < mention.when.start <= days.end + _TOLD_FIRST_END)
        and mention.status is not None and mention.status.final in FINAL
        and days.start <= mention.when.start <= days.start + ROUND_LENGTH
        # "talks that ended on Wednesday ... Early on Friday the office said the agreement
        # had been finalised": a round whose end is told ends there.
        # (A meeting only told as held, "met in Doha on Sunday", is not told as over.)
        and not any(m.when is not None and m.status is not None and m.status.final in FINAL
                    and m.status.status != "held"
                    and m.when.end < mention.when.start for m in group)
    )


def _on_its_days(when: When, group: list[Mention]) -> bool:
    """ "The discussions were still going on late on Tuesday", after the Tuesday meeting."""
    days = span([m.when for m in group if m.when is not None])
    return days is not None and days.start <= when.start and when.end <= days.end


_STRONG_ROUND = re.compile(r"(?:round|talks|negotiations|session)$", re.IGNORECASE)
