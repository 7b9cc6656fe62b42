"""The cues of a round in one clause: which noun says negotiation, how the venue is named,
and what says it is no round at all (a summit, a bilateral meeting, talks called off).

Each cue has a weight (see rounds.py): "talks" say negotiation more surely than a
"meeting", a venue after "in" is sounder than one only implied by a modifier, a country
for a city is weak, and a city of one of the sides hosts visits, not rounds.
"""

from __future__ import annotations

import re

from bot.ingest.document.passages import Mark, Passage
from bot.ingest.events.vocabulary import vocabulary
from bot.needles import Alternatives

# (matched only with the alternatives whose words a sentence holds: see bot/needles.py)
ROUND_NOUN = Alternatives.of(re.compile(
    # ("closing out indirect bargaining in the Red Sea resort that began on Monday")
    # (not "Washington talks up a deal": the verb)
    r"\b(?:talks(?!\s+(?:up|down)\b)|negotiations?|rounds?|meetings?|discussions|delegations?|"
    r"consultations|(?:(?<=indirect )|(?<=direct )|(?<=days of )|(?<=week of ))bargaining|"
    # (not "crowds gathering in the streets": people, not a meeting)
    r"negotiating teams?|sessions?|(?<!crowds )(?<!people )(?<!protesters )(?<!residents )"
    r"(?<!families )(?<!relatives )(?<!supporters )(?<!mourners )(?<!worshippers )gathering|"
    r"summit|visit|conference|forum|ceremony|funeral|"
    # "an Israeli team travelled to Cairo and met ...": a side's team, when it meets.
    r"(?:(?<=Israeli )|(?<=Hamas )|(?<=Qatari )|(?<=Egyptian )|(?<=technical )|"
    r"(?<=working-level )|(?<=American )|(?<=U\.S\. )|(?<=US )|(?<=-led )|"
    # "Israel's team, led by Mossad chief David Barnea, spent two days in Doha"
    r"(?<=Israel's )|(?<=Israel’s )|(?<=Hamas's )|(?<=Hamas’s )|(?<=Hamas' )|(?<=Hamas’ )|"
    # "Israel sent its team to the Qatari capital on Monday": the side's own team.
    r"(?<=sent its )|(?<=sent their )|(?<=dispatched its ))teams?|"
    # "Burns will meet with senior officials from Israel, Qatar, and Egypt in Rome": the
    # sides' officials, gathered, are a round.
    r"(?:officials|representatives|envoys|delegates)(?=\s+from\s+(?:[A-Z][\w-]+,?\s+){1,3}"
    r"and\s+[A-Z])|"
    # "a team from the Israeli Mossad is in Doha today"
    r"teams?(?=\s+from\s+(?:the\s+)?(?:Israeli\s+|Egyptian\s+|Qatari\s+|US\s+|U\.S\.\s+)?"
    r"(?:Mossad|Shin\s+Bet|Hamas|CIA|Israel|Egypt|Qatar|intelligence)\b)|"
    # "the follow-up in Cairo on August 25 broke up in deadlock"
    r"follow-up(?=\s+(?:round\s+|talks\s+|meeting\s+)?(?:in|at)\s+(?:the\s+)?[A-Z])|"
    # "Israel and Hamas went on negotiating indirectly in Doha throughout the day"
    r"(?:(?<=on )|(?<=kept )|(?<=continued )|(?<=were )|(?<=are )|(?<=been )|(?<=began ))"
    r"negotiating(?=\s+(?:[a-z]+ly\s+)?(?:in|at)\s+(?:the\s+)?[A-Z])|"
    # "for indirect contacts with Hamas through Qatari mediators"
    r"(?:(?<=indirect )|(?<=direct ))contacts|"
    # "The decisive stretch in Doha", "after a last marathon in Doha": the talks' final part.
    r"(?:(?<=final )|(?<=decisive )|(?<=last )|(?<=closing ))stretch|"
    r"marathon(?!\s+(?:cabinet|session|meeting|talks|negotiations|discussions)\b)|"
    # "The last high-level attempt took place in Doha on October 27": an attempt held.
    r"(?:attempt|effort|push|encounter|sit-down)(?=\s+(?:took place|was held|were held)\b)|"
    # "in Doha, where a truce is being hammered out by mediators": a deal in the making.
    r"(?:agreement|deal|accord|truce|ceasefire)(?=\s+(?:is|was|are|were)\s+being\s+"
    r"(?:hammered\s+out|negotiated|worked\s+out|thrashed\s+out|finali[sz]ed)\b)|"
    # "the agreement concluded in Doha": where a deal is sealed, a round ended.
    r"(?:agreement|deal|accord|truce|ceasefire)(?=\s+(?:was\s+|were\s+)?(?:finally\s+)?"
    r"(?:concluded|signed|reached|sealed|agreed)\b)|"
    # "Negotiators from four countries met in Cairo", "envoys X and Y spent the weekend in
    # Doha": the people who negotiate, gathering somewhere, are a round there.
    r"(?:negotiators?|mediators|envoys?|senior officials|spy chiefs|intelligence chiefs|"
    # "The team came home on 14 March without an agreement": the team just told.
    r"(?<=[Tt]he )team|"
    # "Top CIA officials have met Egyptian, Qatari and Israeli intelligence bosses in Paris"
    # (not "senior Hamas officials had gathered": one side among itself)
    r"(?:top|senior|high-level|high-ranking)\s+(?:CIA|US|U\.S\.|American|Egyptian|Qatari|"
    r"intelligence|security)\s+officials|"
    # "the Israeli intelligence officers had spent Friday and Saturday in the Qatari capital"
    r"(?:intelligence|Mossad|Shin\s+Bet)\s+(?:officers|officials)|"
    r"(?:intelligence|spy)\s+(?:bosses|heads)|"
    # "the heads of the CIA and Mossad sat down with Qatar's premier in Doha"
    r"(?:the\s+)?(?:heads?|chiefs?|directors?)\s+of|delegates|spymasters|"
    # "The four key players met in the Italian capital on Sunday: Burns, Barnea, ..."
    r"(?:two|three|four|five|six)\s+(?:[\w-]+\s+)?(?:players|men|principals|sides|parties|"
    r"officials|envoys|chiefs|negotiators|mediators)|"
    # "The following day the same cast gathered in Doha: Burns, Barnea, ..."
    r"(?:the\s+)?(?:same\s+)?(?:cast|quartet|trio|foursome)|"
    # "The same group met again in Cairo on February 13": the officials just told.
    r"the\s+same\s+(?:group|officials|men|participants)(?=\s+(?:met|meets|gathered|gathers|"
    r"(?:re)?conven(?:e|es|ed)|sat down)\b)|"
    # "In between, on February 13, the four gathered in Cairo": the people counted, met.
    r"the\s+(?:same\s+)?(?:three|four|five|six)(?=\s+(?:met|gathered|(?:re)?convened|"
    r"sat down)\b))"
    # (a quotation may open on the verb: 'officials will "reconvene in Cairo ..."')
    r"(?=\s+(?:[\w,.'’-]+\s+){0,16}?[\"“]?(?:met|meet|gathered|regroup(?:ed|s)?|(?:re)?conven(?:e|es|ed)|spent|"
    r"sat down|held|worked|been\s+in|stayed\s+in|remained\s+in|"
    # "Israel's top negotiator flew home from Rome on Sunday": back from the talks there.
    r"flew home from|returned from|came home from|came back from|left|departed|arrived in|"
    r"came home|returned home|flew home|went home|"
    r"landed in|travell?ed to|flew to|headed to|joined)\b))\b",
    re.IGNORECASE,
))


# How much each noun says of a negotiation: "talks" and "negotiators met" say it; a
# "meeting" or a "session" may be of anything; a "team" or a "delegation" is only people,
# unless the clause says they talk, meet or arrive for the talks.
NOUN_WEIGHT = {"strong": 1.0, "medium": 0.85, "weak": 0.45}


_MEDIUM_NOUNS = re.compile(r"^(?:meetings?|sessions?|discussions|gathering)$", re.IGNORECASE)


WEAK_NOUNS = re.compile(
    r"^(?:delegations?|negotiating teams?|teams?|consultations)$", re.IGNORECASE
)


_TALKS_VERB = re.compile(
    r"\b(?:talks|negotiat\w+|met|meet\w*|held|arriv\w+|landed|discuss\w*|resum\w+|"
    # "flew into Cairo at the head of a Hamas delegation to talk with Kamel"
    r"flew\s+in(?:to)?|talk(?:ed|ing)?\s+with|came\s+to|reached|"
    r"left|departed|returned|recalled|hosted|join\w*|(?:re)?conven\w+|gather\w*|"
    # "spent two days with Egyptian, Qatari and US officials": a stay with the others
    # ("spent last Saturday and Sunday in Cairo with the mediators"; a chronology's
    # "spends four days in Cairo with Egyptian and Qatari mediators")
    r"spen(?:t|ds?|ding)\s+(?:\w+\s+){1,5}(?:with|in)"
    # "led a team to Doha for a first round with the Qatari mediators".
    r"|(?:round|session)s?\s+(?:of\s+[\w-]+\s+)?with"
    # "travelled to Doha to go over technical details with the Qatari mediators"
    r"|go\s+over\s+[^.;]{0,60}?\bwith\s+(?:the\s+)?(?:[A-Z][\w-]+\s+)?mediators)\b",
    re.IGNORECASE,
)


# People at one table: "met", "sat down with", "spent several hours that day with".
SAT_WITH = (r"met|(?:sat|sit|sits|sitting)\s+down\s+with|held\s+talks\s+with|"
            r"spent\s+(?:[\w-]+\s+){1,4}?with|"
            # "sat across a table in Doha from Khalil al-Hayya"
            r"(?:sat|sits|sitting)\s+across\s+(?:a|the)\s+table\s+(?:[\w-]+\s+){0,3}?from")


# "X met Prime Minister Y in Z": one person meeting another is diplomacy, not a round.
_PERSON_MET_PERSON = re.compile(
    r"^(?:,[^,]{1,120},)?\s+(?:met|saw)\s+(?:with\s+)?((?:[A-Z][\w'’-]*\s+)*)$"
)


NOT_NEGOTIATION = frozenset({"summit", "visit", "conference", "forum", "ceremony", "funeral"})


# Talks with one named person, or a minister with "his counterpart", are bilateral diplomacy.
BILATERAL = re.compile(
    r"\b(?:met|meets|meet|meeting|talks|spoke|call)\s+with\s+(?:his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}counterpart|\bon the (?:margins|sidelines)\b",
    re.IGNORECASE,
)


# Leaders gathering is a summit; a president meeting hostages' families is no round; an
# attack on negotiators is no meeting of them.
NOT_TALKS = re.compile(
    # ("the leaders of more than twenty countries gathered in Sharm el-Sheikh")
    r"\b(?:leaders|heads of state|kings|presidents|monarchs)\s+(?:of\s+(?:[\w-]+\s+){1,5}?|"
    r"(?:\w+\s+)?)(?:meeting|met|meet|gather\w*|convene\w*)\b|"
    r"\b(?:met|meets|meeting with|received)\s+(?:with\s+)?(?:the\s+)?(?:relatives|families|"
    r"family members|mourners|troops|soldiers|students|supporters|protesters)\b|"
    r"\b(?:attack|(?:air\s?)?strike|assassination attempt|bombing|raid)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:on|targeting|against|(?:(?:that|which)\s+)?(?:targeted|hit|struck))\b|"
    # "the fourth round of Asian qualifying", "a new round of strikes": not of talks.
    r"\brounds?\s+of\s+(?:[\w-]+\s+){0,2}(?:qualif\w*|match\w*|games?|tournament|league|"
    r"cup|playoffs?|elections?|voting|polls?|sanctions|fighting|strikes|air\s?strikes|bombing|"
    r"shelling|violence|protests?|layoffs|tariffs)\b",
    re.IGNORECASE,
)


# "had been expected in Cairo on Saturday, but the visit has been postponed": no round,
# unless the sentence says the talks happened after all ("postponed talks resumed").
CALLED_OFF = re.compile(r"\b(?:postponed|called off|cancell?ed|scrapped|shelved)\b", re.I)


TOOK_PLACE = re.compile(r"\b(?:resumed|began|opened|started|held|took place)\b", re.I)


NEGATION = re.compile(
    r"\b(?:no|not|never|yet to|neither|nor|cancel\w*|postpon\w*|called off|don’t|don't|"
    r"won’t|won't|didn’t|didn't|hasn’t|hasn't|haven’t|haven't)\b",
    re.IGNORECASE,
)


# "a day of talks here", "the meeting here": wire copy's "here" is the dateline's city.
HERE = re.compile(
    r"\b(?:talks|meeting|negotiations|round|session)\s+here\b|\bhere\s+(?:on|this|last)\b",
    re.IGNORECASE,
)


SUMMARY_BEFORE = re.compile(
    # "this latest series of talks ... commenced on Thursday" is one round, the newest.
    # "after more than a year of start-stop negotiations": all of them, summed up.
    # ("nearly three weeks of proximity talks in Doha ended on July 24": one round, counted)
    r"\b(?<!latest )(?<!new )(?<!current )(?:months|years?|(?<!two )(?<!three )(?<!four )weeks|"
    r"rounds|series)\s+of\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# Weights of the venue cues (see the module's docstring).
VENUE_WEIGHT = {
    "in-city": 0.95, "left-city": 0.9, "table-row": 0.85, "coordinated": 0.85,
    "headline": 0.85, "dateline": 0.8, "named-city": 0.8, "there": 0.8, "modifier": 0.75,
    "destination": 0.55,
    "country": 0.35, "speech": 0.3, "party-city": 0.25,
}


def noun_strength(noun: str, text: str) -> str:
    if _MEDIUM_NOUNS.match(noun):
        return "medium"
    if WEAK_NOUNS.match(noun) and not _says_they_talk(noun, text):
        return "weak"
    return "strong"


def _says_they_talk(noun: str, text: str) -> bool:
    """Whether a verb of the clause has the team meet, arrive or leave; "a road littered
    with recalled delegations" has only an adjective, and tells of no one round."""
    follows = re.compile(rf"\s+{re.escape(noun)}\b", re.IGNORECASE)
    return any(not follows.match(text, m.end()) for m in _TALKS_VERB.finditer(text))


def quote_around(passage: Passage, at: int):
    return next((q for q in passage.quoted if q.start <= at < q.end), None)


# A delegation that left a city or came back from it was at the talks there.  One
# "recalled from Doha" is not read as a round of its own: the recall is a collapse at Doha
# that ends whichever round there another sentence or report tells (events/settle.py).
LEFT_CITY = (
    # (not "what the mediators bring back from Paris": results, not a team)
    r"\b(?:left|leaves|leaving|departed|returned from|returning from"
    r"|(?<!bring )(?<!brings )(?<!brought )(?:back|home) from"
    r"|(?:flew|flown|flying|flies|pulled|pulling) out of"
    # "Israel has recalled its negotiators from Doha": the city the team was called from.
    r"|(?:recall(?:ed|s|ing)?|withdr(?:ew|awn|awing|aws)|pull(?:ed|s|ing)?)\s+"
    r"(?:(?:its|their|his|the|most|of|all|rest|senior|negotiating|Mossad|Israeli|Hamas)\s+)*"
    r"(?:negotiators|negotiating\s+teams?|delegations?|teams?|envoys?)\s+from"
    # "despite the departure of Mossad chief David Barnea from the Qatari capital"
    r"|departure\s+(?:of\s+[^,;.]{0,60}?\s+)?from)\s+(?:the\s+)?"
)
_LEFT_BEFORE = re.compile(f"(?:{LEFT_CITY})$", re.IGNORECASE)


def venue_cue_of(text: str, place: Mark | None, describe, how: str) -> str:
    if place is None:
        return ""
    facts = describe(place.key)
    if place.kind == "country" or (facts is not None and facts.place_type == "country"):
        return "country"
    if facts is not None and facts.country in vocabulary().parties:
        return "party-city"  # "McGurk held talks in Jerusalem": a visit to one side
    if how in ("speech", "destination", "modifier", "there"):
        return how
    before = text[max(0, place.start - 40) : place.start]
    if _LEFT_BEFORE.search(before):
        return "left-city"
    if re.search(r"\b(?:in|at)\s+(?:[\w’'.-]+\s+){0,6}$", before) \
            or vocabulary().arrival_before.search(before):
        return "in-city"  # ("Haniyeh flew into Cairo at the head of a delegation")
    return "modifier"


_WITH_BEFORE = re.compile(
    # "held talks in Rome with Italian Prime Minister Giorgia Meloni"
    r"\b(?:talks|meeting|met|meets|meet)(?:\s+in\s+(?:[A-Z][\w'’-]*\s+){1,2}?)?\s*with\s+"
    r"(?:[A-Z][\w'’.-]*\s+){0,4}$"
)


def one_met_another(text: str, marks: list[Mark]) -> bool:
    people = [m for m in marks if m.kind == "person"]
    for person in people:
        # "after talks with Netanyahu in Jerusalem": with one person, diplomacy.
        if _WITH_BEFORE.search(text[max(0, person.start - 60) : person.start]) and not \
                re.match(r"\s*(?:,|and)\s+[A-Z]", text[person.end :]) and \
                not _several_before(text, people, person) and \
                not _SEVERAL_SIDES.search(text[max(0, person.start - 120) : person.start]):
            return True
    for i, first in enumerate(people):
        if i and _LISTED.fullmatch(text[people[i - 1].end : first.start]):
            continue  # "X and Y met Z": several people at one meeting, no bilateral call
        for second in people[i + 1 :]:
            if _met_between(text[first.end : second.start]) and not re.match(
                r",?\s+(?:and\s+)?(?:[A-Z]|the\s+|other\s+|\w+\s+officials)", text[second.end :]
            ):
                # "X met Burns, Sheikh Mohammed and Egyptian officials": a table, not a call.
                return True
    return False


# "The heads of the CIA and Israel's Mossad held talks with Qatar's prime minister", "the
# directors of the U.S. Central Intelligence Agency and Israel's Mossad": the subject is
# several people, a table, not one visitor's call.
_SEVERAL_SIDES = re.compile(
    r"\b(?:heads|chiefs|directors|negotiators|delegations|envoys|mediators|spymasters)\s+of\s+"
    r"(?:the\s+)?(?:[\w.'’-]+\s+){1,4}?and\s+",
    re.IGNORECASE,
)


def _several_before(text: str, people: list[Mark], person: Mark) -> bool:
    """ "Burns and Barnea held talks with Sheikh Mohammed": three sides at one table."""
    before = [p for p in people if p.end <= person.start]
    return len(before) >= 2 and bool(_LISTED.fullmatch(text[before[-2].end : before[-1].start]))


# "Burns and Mossad chief David Barnea": a conjunction, then titles of the next name.
_LISTED = re.compile(
    r"\s*(?:,|and|,\s*and)\s+(?:(?:[A-Z][\w'’.-]*|of|the|chief|director|head|envoy|"
    r"minister|foreign|intelligence|spy|prime|adviser|coordinator)\s+){0,4}"
)


def _met_between(between: str) -> bool:
    """ "X[, an aside,] met [Prime Minister] Y": nothing else stands between the two."""
    joined = _PERSON_MET_PERSON.match(between) or _WAS_THERE_MEETING.match(between)
    return bool(joined) and all(w[:1].isupper() for w in joined[1].split())


# "That day Netanyahu was in Washington meeting Witkoff": one visiting another.
_WAS_THERE_MEETING = re.compile(
    r"^\s+(?:was|were|is)\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,?\s+(?:meeting|to\s+meet)"
    r"\s+(?:with\s+)?((?:[A-Z][\w'’-]*\s+)*)$"
)


_NEGATED_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:(?:were|was|have|has|had|did|do|does|will|would|is|are)\s+"
    r"(?:not|never)|(?:were|was|are|is|have been|has been)\s+(?:cancell?ed|postponed|called off)|"
    r"(?:are|is|were|was)\s+yet\s+to|never)\b",
    re.IGNORECASE,
)


def negated(text: str, noun: re.Match[str]) -> bool:
    """ "no talks", "talks were not held": not "negotiators left with no deal"."""
    before = text[max(0, noun.start() - 25) : noun.start()]
    return bool(NEGATION.search(before) or _NEGATED_AFTER.match(text[noun.end() :])
                or _DENIED_THAT.search(text, max(0, noun.start() - 70), noun.start()))


# "A Qatari official denied that any Israeli delegation had been in Doha this week".
_DENIED_THAT = re.compile(
    r"\b(?:denied|denies|denying|dismissed|rejected)\s+(?:reports?\s+|claims?\s+)?that\b"
    r"[^.;,]{0,40}$",
    re.IGNORECASE,
)
