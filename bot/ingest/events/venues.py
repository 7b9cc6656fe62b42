"""Where a round of talks takes place, read from one sentence.

"in Cairo", "in the Egyptian resort city of Sharm el-Sheikh", "the Doha round",
"returned from Paris", or a table row "July 2025 Doha Talks collapsed".  Where the
war is ("the war in Gaza", "hostages held in Gaza") or where someone lives is no
venue; a region or a crossing is where a plan applies, not where talks are held.
A country ("talks in Egypt") is the same venue as a city of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from bot.ingest.document.passages import Mark, Passage, TimeMark
from bot.ingest.events.round_cues import LEFT_CITY
from bot.ingest.events.round_status import STATUS_WORDS
from bot.ingest.events.vocabulary import vocabulary


@dataclass(frozen=True)
class PlaceFacts:
    name: str
    country: str | None  # the country's name
    place_type: str | None  # "city", "region", "venue", "country"...


# "in Cairo", "in the Egyptian resort city of Sharm el-Sheikh"; not "in talks aimed at X".
_VENUE_BEFORE = re.compile(
    r"(?:\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w’'.-]*|resort|coastal|Red Sea|city|capital|town|port|of)\s+"
    r"|(?:capital|city|town),\s+){0,5}"
    # A delegation that left a city or came back from it was there for the talks.
    rf"|{LEFT_CITY}"
    # "negotiations hosted by Cairo": the city that hosts them is where they are.
    r"|\bhosted\s+by\s+(?:the\s+)?"
    # One that travelled to a city went there for them, and one that reached it is there
    # (data/negotiation.toml, [venue] destination and arrival).
    r"|(?i:\b(?:" + vocabulary().travel_words + r")\s+(?:the\s+)?))$"
)
# "the war in Gaza", "hostages held in Gaza", "fighters in the Rafah area": where the war
# is or people are, not where talks are (data/negotiation.toml, [venue]).
_WAR_BEFORE = vocabulary().not_venue_before
_DESTINATION_BEFORE = vocabulary().destination_before
# "Speaking at the Atlantic Council in Washington, X said the talks ...": where a speech was
# given, unless a meeting word stands between.
_SPEECH_BEFORE = re.compile(
    r"\b(?:speaking|spoke|speaks|(?:told|telling) (?:reporters|journalists)|audience|"
    r"(?:press|news) conference|interview|remarks|address(?:ed|ing)?)\b[^,;]{0,60}$"
    # "Witkoff told an American Jewish Committee event in Washington on Tuesday that ..."
    r"|\b(?:told|telling)\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,5}?(?:event|forum|audience|"
    r"dinner|rally|gathering|luncheon|summit|conference|think\s+tank)\b[^,;]{0,30}$"
    # "The Paris talks went well, the White House said in Washington on Monday"
    r"|\b(?:said|says|added|announced)\s+(?:in|from)\s+$",
    re.IGNORECASE,
)
# A past participle after a thing, then the place: "ideas discussed in Paris".
_DONE_THERE_BEFORE = re.compile(
    r"\b(?:ideas|proposals?|framework|terms|plans?|understandings|principles|points|outline|"
    r"drafts?|paper|text)\s+(?:first\s+|already\s+)?(?:discussed|agreed|drafted|presented|"
    r"outlined|hammered\s+out|worked\s+out|put\s+forward|floated|raised|drawn\s+up)\s+"
    r"(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# (not "a framework drawn up in Paris late last month": a meeting there, dated)
_UNDATED_AFTER = re.compile(r"\s*(?:[,.;:)]|$|\s(?:to|and|with|for|by|into|as)\b)")
_ONE_IS_IN = re.compile(
    r"\bwho\s+(?:is|was|has\s+been|had\s+been)\s+(?:also\s+|now\s+)?in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_MEETING_WORD = re.compile(r"\b(?:talks|negotiations|meeting|round|session)\b", re.IGNORECASE)

# "the delegation landed back in Israel", "flew home to Cairo": a team going home is done
# with the talks, which were held elsewhere.
_HOME_BEFORE = re.compile(
    r"\b(?:back|home)\s+(?:in|to)\s+(?:the\s+)?$|\breturned\s+home\s+(?:in|to)\s+$",
    re.IGNORECASE,
)


_RETURNED_BEFORE = re.compile(
    r"\b(?:return(?:ed|ing|s)?|went|flew|headed|came)\s+(?:back\s+)?to\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_HOSTS = re.compile(
    r"\s+(?:had\s+been\s+|has\s+been\s+|had\s+|has\s+|is\s+|was\s+)?host(?:ing|ed|s)\b"
)
# "was back in Paris to meet Burns", "back in the Qatari capital on July 10 for talks":
# back for the talks, not home.
_FOR_TALKS = re.compile(
    r"(?:,?\s+(?:on|late|early|last|this|by)\s+(?:[\w,]+\s+){0,2}?[\w]+,?)?"
    r"\s+(?:to\s+(?:meet|resume|hold|join|continue)|for\s+(?:talks|another|a\s+new|more|further|"
    r"the\s+(?:talks|negotiations|next)))\b",
    re.IGNORECASE,
)


def table_row(passage: Passage, start: int, end: int, times: list[TimeMark]) -> Mark | None:
    """ "July 2025 Doha Talks collapsed ...": a date, a venue, an outcome, no verb phrase."""
    if not times or times[0].start != start:
        return None
    rest = passage.text[times[0].end : end]
    after = [m for m in passage.marks_in(times[0].end, end) if m.kind in ("place", "country")]
    if not after or passage.text[times[0].end : after[0].start].strip():
        return None
    if not any(p.search(rest) for _, p in STATUS_WORDS) or rest.rstrip().endswith((".", "?")):
        return None
    return after[0]


def find_venue(
    text: str, offset: int, marks: list[Mark], nouns: list[re.Match[str]],
    describe: Callable[[str], PlaceFacts | None],
) -> Mark | None:
    return find_venue_cue(text, offset, marks, nouns, describe)[0]


# "the killing of Saleh al-Arouri in Beirut": where someone was killed or struck.
_VIOLENCE_BEFORE = re.compile(
    r"\b(?:killing|assassination|murder|death|strike|air ?strike|attack|bombing)\s+"
    r"(?:of|on)\s+[^.;,]{0,60}?\s(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "left for Doha, where its political leadership is based": the side's home, not talks.
_HOME_AFTER = re.compile(
    r",?\s+where\s+[^,;.]{0,60}?\b(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:based|headquartered|exiled)\b|,?\s+where\s+[^,;.]{0,40}?\b(?:lives?|lived|resides?)\b",
    re.IGNORECASE,
)
_ANOTHER_EVENT_BETWEEN = re.compile(
    r"\b(?:came|comes|took\s+place)\s+(?:[\w-]+\s+){0,3}(?:after|before|following)\b",
    re.IGNORECASE,
)
_DATED_AFTER = re.compile(
    r"\s+(?:on|from|between)\s+(?:the\s+)?(?:\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)"
)


def find_venue_cue(
    text: str, offset: int, marks: list[Mark], nouns: list[re.Match[str]],
    describe: Callable[[str], PlaceFacts | None],
) -> tuple[Mark | None, str]:
    """The venue of the talks a clause names, and how the clause names it: "in-city"
    ("talks in Doha"), "modifier" ("the Doha talks"), "destination" ("leaving for
    consultations in Doha") or "speech" ("told reporters in Doha"), best first."""
    kinds: dict[str, list[Mark]] = {"in-city": [], "modifier": [], "destination": [],
                                    "speech": []}
    for mark in marks:
        if mark.kind not in ("place", "country"):
            continue
        facts = describe(mark.key)
        if facts is not None and facts.place_type in ("region", "crossing", "corridor"):
            continue
        before = text[max(0, mark.start - offset - 70) : mark.start - offset]
        if (_HOME_BEFORE.search(before) and not _FOR_TALKS.match(text, mark.end - offset)) \
                or _VIOLENCE_BEFORE.search(before):
            continue
        if _HOME_AFTER.match(text, mark.end - offset):
            continue
        if _RETURNED_BEFORE.search(before) and facts is not None \
                and facts.name in vocabulary().parties:
            continue  # "after which Barnea returned to Israel": a side's team went home
        noun_before = max((n for n in nouns if n.end() <= mark.start - offset),
                          key=lambda n: n.end(), default=None)
        if noun_before is not None and _ANOTHER_EVENT_BETWEEN.search(
                text, noun_before.end(), mark.start - offset):
            # "The gathering came one day after the ministry announced in Doha on Monday":
            # the place of what came before, not of the gathering.
            continue
        if re.match(r"['’]s\b", text[mark.end - offset :]):
            continue  # "came to Cairo at Egypt's invitation": whose, not where
        if re.match(r"\s+or\s+(?:in\s+|at\s+)?(?:the\s+)?[A-Z]", text[mark.end - offset :]) or \
                re.search(r"\bor\s+(?:in\s+|at\s+)?(?:the\s+)?$", before):
            continue  # "in Doha or Cairo": a venue still to be settled is none yet
        if where_talks(text, mark.end - offset):
            kinds["in-city"].append(mark)  # "a news conference in Doha, where talks were held"
            continue
        # "Gallant, who is in Washington this week for talks with Blinken and Austin": where
        # one person is, on a visit, weighed as where a speech was given.
        speech = _SPEECH_BEFORE.search(before) or _ONE_IS_IN.search(before)
        # "In Jerusalem, Netanyahu's office called the Paris talks constructive": where a
        # reaction came from, set before the sentence, not where the talks were.
        setting = re.fullmatch(r"\s*(?:In|At|From)\s+(?:the\s+)?", before) and \
            text[mark.end - offset : mark.end - offset + 1] == ","
        if _VENUE_BEFORE.search(before) and not _WAR_BEFORE.search(before):
            if setting or (speech and not _MEETING_WORD.search(speech.group(0))) \
                    or (_DONE_THERE_BEFORE.search(before)
                        and _UNDATED_AFTER.match(text, mark.end - offset)):
                # ("to convene the parties on the basis of new ideas discussed in Paris":
                # where something was done before, named in passing, weighed as a speech)
                kinds["speech"].append(mark)
            elif _DESTINATION_BEFORE.search(before):
                kinds["destination"].append(mark)
            else:
                kinds["in-city"].append(mark)
        elif _HOSTS.match(text, mark.end - offset):
            kinds["in-city"].append(mark)  # "Egypt had been hosting delegations": its place
        elif mark.kind == "place" and re.match(
            r"\s+(?:talks(?!\s+(?:up|down)\b)|negotiations|rounds?|meetings?|discussions|"
            # ("the Doha summit": the rounds.py reader keeps only a summit of the sides)
            r"sessions?|summit)\b",
            text[mark.end - offset :], re.IGNORECASE
        ):
            kinds["modifier"].append(mark)
    if not nouns:
        return None, ""
    for cue, options in kinds.items():
        if not options:
            continue
        # "in the Egyptian resort city of Sharm el-Sheikh": the city, not the country.
        options = [m for m in options if m.kind == "place"] or options
        # "what began in Doha on 15 August, when they agreed to meet again in Cairo": the
        # venue the clause dates is the one its talks were held in.
        options = [m for m in options if _DATED_AFTER.match(text, m.end - offset)] or options
        # The venue nearest a negotiation noun; on a tie the one after it ("talks in Doha").
        return min(
            options, key=lambda m: min(abs(m.start - offset - n.end()) for n in nouns)
        ), cue
    return None, ""


# "said at a press conference in Doha on Wednesday, where negotiations took place": the
# city is named as where the talks were, whatever the sentence's own business there.
_WHERE_TALKS = re.compile(
    r"(?:\s+(?:on|late on|early on)\s+\w+(?:\s+(?:night|evening|morning))?)?,?\s+where\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,2}?(?P<noun>talks|negotiations|discussions|meetings?|rounds?)"
    # "where talks on a ceasefire to end the war in Gaza have been taking place"
    r"(?:\s+(?:on|over|about|for)\s+[^,;.]{0,60}?)?"
    r"\s+(?:had\s+|have\s+)?(?:took place|were held|had been held|have been held|"
    r"(?:were|are|had been|have been)\s+(?:taking place|being held|under\s?way|going on))",
    re.IGNORECASE,
)


# "led a Hamas delegation to Cairo, where it held talks with Egyptian mediators on
# August 12": the talks the travellers held there.
_WHERE_THEY_TALKED = re.compile(
    r",?\s+where\s+(?:it|they|he|she|the\s+(?:delegation|team|negotiators))\s+"
    r"(?:held|had|began|opened|resumed|joined)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>talks|negotiations|discussions|meetings?|rounds?)\b",
    re.IGNORECASE,
)


# "a press conference in Doha on Wednesday, where a truce is being hammered out"
_WHERE_DEAL_MADE = re.compile(
    r"(?:\s+(?:on|late on|early on)\s+\w+(?:\s+(?:night|evening|morning))?)?,?\s+where\s+"
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?P<noun>agreement|deal|accord|truce|ceasefire)\s+"
    r"(?:is|was|are|were)\s+being\s+(?:hammered\s+out|negotiated|worked\s+out|thrashed\s+out|"
    r"finali[sz]ed)\b",
    re.IGNORECASE,
)


def where_talks(text: str, at: int) -> re.Match[str] | None:
    """The talks a "where" clause right after a place holds there."""
    return _WHERE_TALKS.match(text, at) or _WHERE_THEY_TALKED.match(text, at) \
        or _WHERE_DEAL_MADE.match(text, at)


# "held talks with him there on Nov. 9": "there" points back; "there were talks" does not.
_THERE = re.compile(
    r"\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|should|must|"
    r"seems?|seemed|appears?|appeared|remains?|remained|being|been)\b)"
    # "came to the city for a session": the city the paragraph just named.
    r"|\b(?:to|in|at)\s+the\s+(?:same\s+)?(?:city|capital)\b(?!\s+of\b)",
    re.IGNORECASE,
)


def venue_there(
    passage: Passage, start: int, text: str, describe: Callable[[str], PlaceFacts | None]
) -> Mark | None:
    """The city a clause's "there" points back to: the last one the paragraph placed
    something in before it ("compared notes in the Qatari capital. They held talks there")."""
    if not _THERE.search(text):
        return _trip_told_before(passage, start, text)
    for mark in reversed([m for m in passage.marks if m.kind == "place" and m.end <= start]):
        facts = describe(mark.key)
        if facts is not None and facts.place_type in ("region", "crossing", "corridor"):
            continue
        before = passage.text[max(0, mark.start - 70) : mark.start]
        if _VENUE_BEFORE.search(before) and not _WAR_BEFORE.search(before):
            return mark
        return None  # the nearest place is not where something happened
    return None


def _trip_told_before(passage: Passage, start: int, text: str) -> Mark | None:
    """ "This week's meetings are the second Israeli trip to Cairo this month. On Monday 17
    February, an Israeli team held talks with Egyptian officials": the trip's city."""
    if not _HELD_TALKS.search(text):
        return None
    before = [(s, e) for _, s, e in passage.sentences if e <= start]
    if not before:
        return None
    lo, hi = before[-1]
    trips = [m for m in passage.marks_in(lo, hi, ("place",))
             if _TRIP_TO.search(passage.text, max(lo, m.start - 30), m.start)]
    return trips[0] if len(trips) == 1 else None


_HELD_TALKS = re.compile(r"\b(?:held|hold|holds)\s+talks\s+with\b|\bmet\s+(?:with\s+)?"
                         r"(?:the\s+)?(?:[A-Z][\w-]+\s+)?(?:officials|mediators)\b")
_TRIP_TO = re.compile(r"\b(?:trips?|visits?|journey|mission)\s+to\s+(?:the\s+)?$", re.IGNORECASE)


# "in Rome on 28 July and in Doha": what may stand between two venues of one list.
# ("sat down again in Cairo on 13 February, and once more in Paris on 23 February")
_LIST_GAP = re.compile(
    r"\s*(?:,|,?\s*and|,?\s*or)\s*(?:(?:once\s+more|again|then|later)\s+)?"
    r"(?:(?:in|at)\s+(?:the\s+)?)?")


# "negotiations will restart in Doha on Wednesday, before returning to Cairo on Thursday":
# planned talks that move on to another city, said of the talks themselves.
_SEQUEL_GAP = re.compile(
    r"\s*,?\s*(?:(?:and\s+)?then|before|followed\s+by)\s+(?:a\s+)?"
    r"(?:return(?:ing)?|mov(?:e|ing)(?:\s+on)?|shift(?:ing)?)\s+(?:back\s+)?to\s+(?:the\s+)?"
)


def coordinated_venues(
    passage: Passage, venue: Mark, end: int, *, sequel: bool = False
) -> list[tuple[Mark, list[TimeMark]]]:
    """ "rounds in Doha and Cairo": each venue its own round; "sessions in Rome on 28 July
    and in Doha on 15 and 16 August": each with the days told after it, if any; with
    `sequel`, also the city planned talks move on to ("before returning to Cairo")."""
    found: list[tuple[Mark, list[TimeMark]]] = []
    last = venue
    for mark in passage.marks_in(venue.end, end, ("place",)):
        gap = passage.text[last.end : mark.start]
        times = passage.times_in(last.end, mark.start)
        if times:  # the days told of the venue before: "in Rome on 28 July and in Doha"
            if not re.fullmatch(r"\s*(?:on|from|between)?\s*", gap[: times[0].start - last.end]):
                break
            gap = gap[times[-1].end - last.end :]
        if not _LIST_GAP.fullmatch(gap) and not (sequel and _SEQUEL_GAP.fullmatch(gap)):
            break
        following = passage.marks_in(mark.end, end, ("place",))
        until = following[0].start if following else end
        found.append((mark, passage.times_in(mark.end, until)))
        last = mark
    listed = [venue, *(m for m, _ in found)]
    gaps = [passage.text[a.end : b.start] for a, b in pairwise(listed)]
    if found and not any(re.search(r"\b(?:and|or)\b", g) for g in gaps) \
            and re.match(r"\s+(?:and|or)\s", passage.text[last.end : end]):
        # "after talks in the Qatari capital, Washington and Israel pulled their teams out":
        # the list the comma opens goes on past the places, a subject, not venues.
        return []
    return found


def same_venue(a: Mark, b: Mark, describe: Callable[[str], PlaceFacts | None]) -> bool:
    """One venue: the same place, or a country and a city of it."""
    if a.key == b.key:
        return True
    fa, fb = describe(a.key), describe(b.key)
    if a.kind == "country" and fb is not None and fb.country:
        return fa is not None and fa.name == fb.country
    if b.kind == "country" and fa is not None and fa.country:
        return fb is not None and fb.name == fa.country
    return False
