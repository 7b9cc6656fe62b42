"""Who sat at one table: a meeting told by the people in it, with no noun for it.

"Burns, Barnea, Sheikh Mohammed and Kamel met in Paris", "the CIA chief also met Barnea ...
and Qatar's prime minister", "Kalin met Rashad and Al Thani in Cairo", "the same quartet
meets again": the verb stands for the meeting when the people are several and come from the
sides and the mediators (data/negotiation.toml, [story]).  One person meeting another, or a
leader receiving a visitor, is diplomacy, not a round.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from bot.ingest.document.passages import Mark, Passage
from bot.ingest.events.round_cues import SAT_WITH
from bot.ingest.events.venues import PlaceFacts
from bot.ingest.events.vocabulary import vocabulary

# (one who "gathered Barnea, Sheikh Mohammed and Kamel in Paris" convened them)
_HOSTED = re.compile(r"\b(?:hosted|received|welcomed|gathered|convened|brought\s+together)\b",
                     re.IGNORECASE)


# "when Burns gathered the same group in Paris on Jan. 28": the people already told, met.
_GATHERED_AGAIN = re.compile(
    r"\b(?:gathered|convened|reconvened|brought\s+together)\s+the\s+same\s+"
    r"(?:group|cast|quartet|trio|foursome|officials|negotiators|(?:three|four|five)\b)"
    # "The same quartet meets again in Paris": the group as the subject.
    r"|\bthe\s+same\s+(?:group|quartet|trio|foursome|(?:three|four|five)(?:\s+men)?)\s+"
    r"(?:meets?|met|gathers?|gathered|(?:re)?convenes?|(?:re)?convened|sits?\s+down|sat\s+down)\b"
    # "Ten days later the group reconvened in Paris", "the four met again in Cairo"
    r"|\bthe\s+(?:group|quartet|trio|foursome|(?:three|four|five)(?:\s+men)?)\s+"
    r"(?:reconvened|reconvenes|(?:met|meets|gathered|gathers|sat\s+down)\s+again)\b",
    re.IGNORECASE,
)


# "a promise that senior officials would gather again in Cairo": those who met, to meet.
_MEET_AGAIN = re.compile(
    r"\b(?:officials|negotiators|mediators|delegations|teams|sides|parties|envoys|spy\s+chiefs)"
    # ("senior officials, they said, will reconvene in Cairo")
    r"(?:,[^,.;]{1,30},)?"
    r"\s+(?:would|will|were\s+to|are\s+to|were\s+due\s+to|are\s+due\s+to|plan\s+to|planned\s+to)"
    r"\s+(?:meet|gather|convene|sit\s+down)\s+again\b"
    r"|\b(?:officials|negotiators|mediators|delegations|teams|sides|parties|envoys)"
    r"(?:,[^,.;]{1,30},)?\s+(?:would|will|were\s+to|are\s+to)\s+reconvene\b",
    re.IGNORECASE,
)


_MET_SEVERAL = re.compile(r"\b(?:(?:met|meet|meets|meeting)(?:\s+with)?|received|receives|"
                          # "and joined Barnea, Kamel and Sheikh Mohammed in Doha"
                          r"joined|hold\s+talks\s+with|"
                          # "he had spent several hours that day with Burns, ... and Kamel"
                          rf"{SAT_WITH})(?=\s)",
                          re.IGNORECASE)


_MET_A_SIDE = re.compile(
    r"\b(?:met|meets|meeting|held\s+talks\s+with|sat\s+down\s+with)\s+(?:with\s+)?(?:the\s+)?"
    r"(?:Hamas|Israeli|Israel's|Hamas's)\s+(?:negotiators|delegation|negotiating\s+team)\b"
)


MEETING_VERB = re.compile(
    r"\b(?:met|meet|sat down|sit down|held talks|spent|gathered|(?:re)?convened|saw|produced|"
    r"drew up|"
    # a chronology's present: "Burns, Barnea, ... and Kamel draw up the outline"
    r"draw\s+up|meets|gather|convene|drafted|drafts?|"
    r"hammered out"
    # "Burns and Barnea were last together with the Qatari prime minister in Doha on July 10"
    r"|were\s+(?:last\s+|again\s+|all\s+)?together"
    # "Burns and Barnea were in the Qatari capital on Nov. 9 to go over the outline"
    r"|were\s+in(?=[^;]{0,60}?\bto\s+(?:go\s+over|discuss|negotiate|meet|work\s+on|"
    r"hammer\s+out|finali[sz]e|review)\b))\b", re.IGNORECASE
)


# "X, Y and Qatari Prime Minister Z": names joined, titles allowed between.
# (and "X, Qatar's prime minister and Egypt's then intelligence chief, Y": titles listed)
JOINED = re.compile(
    r"(?:\s*(?:,\s*(?:and\s+)?|and\s+)"
    r"(?:(?:[A-Z][\w'’.-]*|of|the|prime|minister|chief|director|head|envoy|foreign|"
    r"intelligence|spy|former|acting|deputy|top|senior|special|security|national|adviser|"
    r"advisor|negotiator|then|then-[\w-]+)(?:\s+|(?=,))){0,5})+"
)


def _three_sides(
    passage: Passage, at: int, guests: list[Mark],
    describe: Callable[[str], PlaceFacts | None],
) -> bool:
    """ "The CIA chief also met Mossad director David Barnea, who heads Israel's hostage
    negotiations, and Qatar's Prime Minister Sheikh Mohammed": one who meets two, the three
    of three countries and one a side (or all three mediators), sits at a table, not on a
    visit ("Blinken met Netanyahu and Gallant" is a visit: one side)."""
    people = list(dict.fromkeys(m.key for m in guests))
    if len(people) != 2:
        return False
    # The one who meets: the nearest person or body before the verb, within the clause.
    before = [m for m in passage.marks_in(max(0, at - 60), at, ("person", "organisation"))
              if not _SAID_BY.search(passage.text, m.end, at)]
    if not before:
        return False
    countries = [(facts.country if facts.place_type != "country" else facts.name)
                 if (facts := describe(key)) is not None else None
                 for key in (before[-1].key, *people)]
    words = vocabulary()
    # (three mediators at one table meet too: "Kalin met Rashad and Al Thani in Cairo")
    return None not in countries and len(set(countries)) == 3 and (
        bool(set(countries) & words.parties) or set(countries) <= words.mediators)


def sides_at_table(marks: list[Mark], describe: Callable[[str], PlaceFacts | None]) -> bool:
    """Whether the people a clause names come from three countries, a side among them: the
    negotiators at one table, whatever the report calls their meeting."""
    countries: set[str] = set()
    for i, mark in enumerate(marks):
        if mark.kind != "person":
            continue
        facts = describe(mark.key)
        if facts is not None and facts.country:
            countries.add(facts.country)
            continue
        # "Qatari Prime Minister Mohammed Al Thani": the country of the title before him.
        titled = [m for m in marks[max(0, i - 3) : i] if m.kind == "country"
                  and m.end >= mark.start - 40]
        if titled and (country := describe(titled[-1].key)) is not None:
            countries.add(country.name)
    return len(countries) >= 3 and bool(countries & vocabulary().parties)


def _mediator_meets_hamas(
    text: str, passage: Passage, at: int, guests: list[Mark],
    describe: Callable[[str], PlaceFacts | None],
) -> bool:
    """ "Qatar's prime minister sat across a table in Doha from Khalil al-Hayya, the man who
    leads Hamas's negotiating team": a mediator with Hamas's negotiator is a session of the
    talks (Hamas receives no state visits; a mediator who meets Israel's leader visits)."""
    if not guests or not _HAMAS.search(
            passage.text, max(0, guests[0].start - 40), guests[0].end + 80):
        return False  # (the guest named as Hamas's: "al-Hayya, who leads Hamas's team")
    before = [m for m in passage.marks_in(max(0, at - 80), at, ("person",))
              if not _SAID_BY.search(passage.text, m.end, at)]
    if before and _HEAD_OF_STATE.search(passage.text, max(0, before[-1].start - 25),
                                        before[-1].start):
        return False  # "President Erdogan received Haniyeh": a leader's audience, a visit
    guest, host = describe(guests[0].key), before and describe(before[-1].key)
    words = vocabulary()
    return guest is not None and bool(host) and guest.country in words.parties \
        and host.country in words.mediators


_HAMAS = re.compile(r"\bHamas\b")


_HEAD_OF_STATE = re.compile(
    r"\b(?:President|Emir|Amir|King|Crown\s+Prince)\s+(?:[A-Z][\w'’-]*\s+)?$")


# "Barnea travels to Doha for a new push with the Qatari prime minister and Egyptian
# officials": a side's negotiator gone to meet the mediators.
_WENT_FOR_WITH = re.compile(
    r"\b(?:travel(?:s|led|ed|ling|ing)?|fl(?:ew|ies|y|ying)|head(?:s|ed|ing)?|went|goes|going)"
    r"\s+(?:back\s+)?to\s+[^.;]{1,40}?\bfor\s+[^.;]{0,40}?\bwith\s+(?P<who>[^.;]{3,80})",
    re.IGNORECASE,
)


_MEDIATING_OFFICIALS = re.compile(
    r"\b(?:Qatari|Egyptian|Turkish|American|U\.?S\.?)\s+(?:officials|mediators|negotiators|"
    r"intelligence|prime\s+minister|premier|envoys?)\b|\bthe\s+mediators\b", re.IGNORECASE)


def _side_to_mediators(
    passage: Passage, offset: int, went: re.Match[str],
    describe: Callable[[str], PlaceFacts | None],
) -> bool:
    """Whether the one who went is a side's, and those met there the mediators."""
    at = offset + went.start()
    before = [m for m in passage.marks_in(max(0, at - 60), at, ("person",))
              if not _SAID_BY.search(passage.text, m.end, at)]
    goer = describe(before[-1].key) if before else None
    if goer is None or goer.country not in vocabulary().parties:
        return False
    lo, hi = offset + went.start("who"), offset + went.end("who")
    met = [describe(m.key) for m in passage.marks_in(lo, hi, ("person",))]
    return bool(_MEDIATING_OFFICIALS.search(went["who"])) or any(
        f is not None and f.country in vocabulary().mediators for f in met)


# "quoted by Axios and Reuters, the CIA chief ...": a source, not the one who meets.
_SAID_BY = re.compile(r"\b(?:said|says|quoted|told|according)\b", re.IGNORECASE)


def party_meeting(
    text: str, offset: int, passage: Passage,
    describe: Callable[[str], PlaceFacts | None] = lambda _key: None,
) -> list[re.Match[str]]:
    """ "Burns and Barnea flew to Doha, where they spent October 27 and 28 with the Qatari
    premier": two or more people who meet are a meeting, the verb standing for its noun;
    "Witkoff hosted Al Thani, Fidan and Abdelatty in Miami": so are one who hosts several."""
    if (again := _GATHERED_AGAIN.search(text) or _MEET_AGAIN.search(text)) is not None:
        return [again]
    host = _HOSTED.search(text)
    if host is not None:
        guests = passage.marks_in(offset + host.end(), offset + len(text), ("person",))
        if len({m.key for m in guests}) >= 2:
            return [host]
    # "where Burns met Barnea, Sheikh Mohammed and Kamel on January 28": one who meets three
    # or more, listed, sits at a table (a visit to two hosts stays a visit).
    met = _MET_SEVERAL.search(text)
    if met is not None:
        guests = passage.marks_in(offset + met.end(), offset + len(text), ("person",))
        if len({m.key for m in guests}) >= 3 and all(
            JOINED.fullmatch(passage.text[a.end : b.start]) for a, b in pairwise(guests[:3])
        ):
            return [met]
        if _three_sides(passage, offset + met.start(), guests, describe) \
                or _mediator_meets_hamas(text, passage, offset + met.start(), guests, describe):
            return [met]
    if (side := _MET_A_SIDE.search(text)) is not None:
        # "Sheikh Mohammed met Hamas negotiators in Doha": a mediator with a side's team.
        return [side]
    if (went := _WENT_FOR_WITH.search(text)) is not None \
            and _side_to_mediators(passage, offset, went, describe):
        return [went]
    # (each verb in turn: "That framework was hammered out on January 28, when Burns,
    # Barnea, ... and Kamel met in Paris" has its subject before the second)
    for verb in MEETING_VERB.finditer(text):
        people = passage.marks_in(offset, offset + verb.start(), ("person",))
        if len({m.key for m in people}) < 2:
            continue
        # A subject of several people: "X and Y", "X, Y and Z" ("Burns, Barnea and Sheikh
        # Mohammed, joined by Egypt's Kamel, met"); not "X called Y before Z met".
        if any(JOINED.fullmatch(passage.text[a.end : b.start]) for a, b in pairwise(people)):
            return [verb]
        return []
    return []
