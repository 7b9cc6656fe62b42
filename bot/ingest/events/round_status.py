"""How a negotiation round stands, read from the words of one sentence.

Each status has its words in data/negotiation.toml ("crumbled", "recalled its team"
and "ended without a breakthrough" say collapsed; "ended", "returned from Paris" and
"produced a framework" say the round is over; "remains in the capital" says it goes on).
Of the words near the round's noun the one furthest along decides ("arrived ...
before returning home" is over); beyond that, the nearest.  A status word
says nothing when it is hedged ("should the efforts collapse"), negated ("with no
ceasefire agreed") or in a clause about another event ("since the truce ended"); after
"will"/"expected to" it only says the round is scheduled.  A meeting told in the past
tense ("met", "held talks") took place, a weaker word than one that says the round is
over, so "held talks on Sunday; the delegation remains" is still going on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.model import EventStatus

CONDITIONAL = vocabulary().hedge
STATUS_WORDS = vocabulary().status  # data/negotiation.toml, [status]
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|expected to|set to|scheduled to|due to|plans? to|planned to|to be"
    # "say they expect talks to resume": what is looked for has not begun.
    r"|expects?\s+(?:[\w-]+\s+){0,2}to)\s+"
    r"(?:\w+\s+)?[\"“]?$",
    re.IGNORECASE,
)
# "with no ceasefire agreed", "no deal was reached", "did not collapse"
_PURPOSE_BEFORE = re.compile(r"\b[\w-]+\s+to\s+$")
# A trip still to come ("is set to send a delegation ... to resume"), not one made ("left
# for Doha to begin indirect talks").
_PLANNED = re.compile(
    r"\b(?:will|shall|set\s+to|is\s+to|are\s+to|plans?\s+to|planned\s+to|expected\s+to|"
    r"due\s+to|authori[sz]ed|approved|instructed)\b",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|never|nor|without|yet to|didn['’]t|hasn['’]t|haven['’]t|wasn['’]t|"
    r"weren['’]t|won['’]t)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# A clause that opens with these tells of another event: "since the truce ended".
_OTHER_CLAUSE = re.compile(
    r"\b(?:since|after|before|following|until|when|once|as|because|while)\b", re.IGNORECASE
)
_PARTICIPLE_AFTER = re.compile(r"\s+\w+ing\b")
_EFFORT = re.compile(r"(?:trying|tried|seeking|sought|hoping|aiming|attempting|attempted|"
                     r"working)$", re.IGNORECASE)
_EFFORT_REACH = 6  # words an effort's own object may take before a verb of the subject
# "before the holy month": a time named by its noun, which does nothing itself.
OBJECT_ONLY = re.compile(
    r"\s+(?:the|a|an|this|that|last|next)\s+(?:holy\s+)?(?:month|week|weekend|holiday|"
    r"holidays|deadline|end\s+of\s+\w+|start\s+of\s+\w+|festival|elections?|Ramadan|Eid)\s+",
    re.IGNORECASE,
)
# A past-tense meeting took place; it does not say the round is over.
_HELD = re.compile(
    r"^(?:met|held talks|sat down|took place|had taken place|(?:was|were|had been) held)$",
    re.IGNORECASE,
)
STATUS_RANK: dict[str | None, float] = {
    None: 0, "scheduled": 1, "held": 1.5, "ongoing": 2, "concluded": 3, "agreement": 4,
    "collapsed": 5,
}


_NOT_THE_TALKS_REMAIN = re.compile(
    r"\b(?:gaps|differences|obstacles|disputes|issues|disagreements|sticking points|hurdles|"
    r"questions|problems|divisions|concerns)[\"'”’]?\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatusCue:
    """A status and the word that says it; "held" is a meeting told in the past tense."""

    status: str  # an EventStatus, or "held"
    word: str

    @property
    def final(self) -> EventStatus:
        return "concluded" if self.status == "held" else self.status  # type: ignore[return-value]


# A comma inside a number ("1,800 prisoners") bounds no clause; nor does the colon of a
# clock ("14:10"), but "Efforts came up short once more: the delegations left" is two.
_BOUND_LEFT = re.compile(r"[;—–(]|(?<!\d),|,(?!\d)|:(?=\s)")
_BOUND_RIGHT = re.compile(r"[;—–)]|(?<!\d),|,(?!\d)|:(?=\s)")


def clause(text: str, position: int) -> tuple[int, int]:
    """Bounds of the clause around `position`: between commas, dashes and brackets."""
    lefts = [m.start() for m in _BOUND_LEFT.finditer(text, 0, position)]
    left = (lefts[-1] if lefts else -1) + 1
    right = _BOUND_RIGHT.search(text, position)
    return left, right.start() if right else len(text)


# Status words this near the noun all tell of its round: the furthest along wins, as in
# "arrived on Sunday and held talks before returning home on Monday".
NEAR = 120


_HOW_TO = re.compile(r"\b(?:on|about|over)\s+(?:how|ways?|whether|when)\s+to\b[^.;:]*$",
                     re.IGNORECASE)
_LATER = re.compile(r"\b(?:eventually|subsequently|ultimately|months\s+later|weeks\s+later)\b",
                    re.IGNORECASE)
_SUPPOSED = re.compile(r"\s+(?:[\w-]+\s+)?(?:would|could|might)\s+be\b", re.IGNORECASE)


def sentence_status(text: str, anchor: int) -> StatusCue | None:
    """The status the words near `anchor` (the round's noun) give, if any."""
    found: list[tuple[int, float, StatusCue]] = []
    for status, pattern in STATUS_WORDS:
        for m in pattern.finditer(text):
            cue = _read(text, m, status, anchor)
            if cue is not None:
                found.append((abs(m.start() - anchor), -STATUS_RANK[cue.status], cue))
    if not found:
        return None
    near = [f for f in found if f[0] <= NEAR]
    if near:
        best = min(near, key=lambda f: (f[1], f[0]))[2]
        if best.status == "ongoing" and best.word.lower().startswith("arriv") and (
            later := _TALKS_TO_COME.match(text, text.find(best.word) + len(best.word))
        ) is not None:
            # "arrived in Cairo and is due to hold talks later today": the team is there,
            # the talks still to come.
            return StatusCue("scheduled", later.group(0))
        return best
    return min(found, key=lambda f: (f[0], f[1]))[2]


def _read(text: str, m: re.Match[str], status: str, anchor: int) -> StatusCue | None:
    left, right = clause(text, m.start())
    before = text[left : m.start()]
    hedge = CONDITIONAL.search(before)
    if hedge is not None and _EFFORT.match(hedge.group()) \
            and len(before[hedge.end() :].split()) > _EFFORT_REACH:
        # "The delegation that spent four days there trying to secure a pause in the fighting
        # before the holy month left on Thursday": the effort is the subject's, long before
        # the verb, which it does not hedge.
        hedge = None
    if hedge is not None or _NEGATED_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
        return None
    if _HOW_TO.search(text, max(0, m.start() - 80), m.start()):
        return None  # "talks on how to keep the truce going and begin phase two": the topic
    if _SUPPOSED.match(text, m.end()):
        return None  # "a second inconclusive round would be hard to explain": supposed
    if status in ("agreement", "collapsed") and _LATER.search(
            text, max(left, m.start() - 25), m.end()):
        # "talks on the outlines of the deal that was eventually announced on Nov 22": what
        # came of them later, not how these talks ended.
        return None
    opener = _OTHER_CLAUSE.search(before)
    # "held talks before returning home": a participle keeps the subject, and the event;
    # "the delegation that spent four days there before the holy month left on Thursday":
    # a preposition's object is no subject of its own.
    if opener is not None and not _PARTICIPLE_AFTER.match(text, left + opener.end()) \
            and not OBJECT_ONLY.fullmatch(text, left + opener.end(), m.start()) \
            and not left + opener.start() <= anchor < right \
            and not (status == "collapsed" and ITS_OWN_TALKS.match(before[opener.start():])):
        # ("left Cairo after four days of talks that ran into an impasse": the talks they
        # left, broken down)
        return None  # "talks in Warsaw ... since the team was called home": another event
    if _aside(text, left, right, m.start(), anchor):
        return None  # "a truce, stretched by two days a day earlier, ...": of the truce
    if status == "concluded" and _A_SESSION.search(before):
        # "The first session ended late on Monday ... Talks resume today": a sitting of
        # the round is over, not the round.
        return StatusCue("ongoing", m.group(0))
    if _RELATIVE_OPENS.match(before) and _REVIVED.search(text, max(0, left - 100), left):
        return None  # "met to restart negotiations, which broke down in August": the past
    if status in ("scheduled", "ongoing") and m.end() <= anchor \
            and _AFTER_THE_FACT.search(text, m.end(), anchor):
        # "Mediators will resume negotiations ... after two days of talks in Qatar": what
        # comes next is not the talks it follows ("headed home after talks" ends them).
        return None
    if status == "ongoing" and _NOT_THE_TALKS_REMAIN.search(text[max(0, m.start() - 40) :
                                                                  m.start()]):
        return None  # 'said "significant gaps" remained': the gaps, not the talks
    if _FUTURE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]) or (
        status == "ongoing" and _PURPOSE_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        and _PLANNED.search(text[: m.start()])
    ):
        # "will meet", "expected to arrive"; "to send a delegation to Doha today to resume
        # negotiations": what a trip is for has not begun.
        status = "scheduled"
    elif status == "concluded" and _HELD.match(m.group(0)):
        status = "held"
    return StatusCue(status, m.group(0))


_TALKS_TO_COME = re.compile(
    r"[^.;]{0,40}?\band\s+(?:(?:is|are|was|were)\s+(?:due|set|scheduled|expected)\s+to|will)"
    r"\s+(?:hold|begin|start|open|meet)\b",
    re.IGNORECASE,
)
_A_SESSION = re.compile(
    r"\b(?:first|opening|initial|morning|afternoon|evening|day['’]s)\s+(?:session|sitting|"
    r"meeting|day)s?\s+(?:of\s+(?:[\w-]+\s+)?(?:talks|negotiations)\s+)?$", re.IGNORECASE)
ITS_OWN_TALKS = re.compile(
    r"(?:after|following)\s+(?:[\w-]+\s+){0,3}?(?:days?\s+of\s+)?(?:[\w-]+\s+)?"
    r"(?:talks|negotiations|discussions)\b[^.;]{0,60}?\b(?:that|which)\s+(?:had\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_AFTER_THE_FACT = re.compile(r"\b(?:after|following)\b", re.IGNORECASE)
_RELATIVE_OPENS = re.compile(r"\s*(?:which|who|whom|whose|that|where|when)\b", re.IGNORECASE)
# What a meeting sets out to revive: its state before, told in a clause of its own.
_REVIVED = re.compile(
    r"\b(?:re-?start|revive|resume|restore|rescue|salvage|relaunch|kick-?start|jump-?start|"
    r"unblock|reviv|resuscitat)\w*\s[^.;,]{0,90},\s*$",
    re.IGNORECASE,
)
_PARTICIPLE_OPENS = re.compile(r"\s*(?:[a-z]+ly\s+)?[a-z]+(?:ed|en)\b")


def _aside(text: str, left: int, right: int, at: int, anchor: int) -> bool:
    """A participle set off by commas after a noun tells of that noun, not of the round
    whose noun is outside it: "talks on how to build on a truce, stretched by two days a
    day earlier, into a wider deal"."""
    if left <= anchor < right or left == 0 or right >= len(text):
        return False
    if text[left - 1] != "," or text[right] != ",":
        return False
    opens = _PARTICIPLE_OPENS.match(text, left)
    if opens is None or at - left >= 20:
        return False
    # "talks in Doha, which Israel joined on 10 March, ended in deadlock": after a relative
    # clause the verb is the sentence's own.
    # "Barnea, head of Mossad, ordered his team home": after an apposition, likewise.
    before = clause(text, left - 2)[0]
    return not _RELATIVE_OPENS.match(text, before) and text[before - 1 : before] != ","


_OUTCOME_PHRASE = re.compile(
    r"^\s*,?\s*((?:without|with no|under|amid|over"
    r"|with(?= (?:a|an|the) (?:deal|agreement|breakthrough|framework))"
    r"|in (?:deadlock|failure|agreement|acrimony))\b[^,;.:]{0,70})",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:said|says|told|according|reported|announced|added)\b", re.IGNORECASE
)


def outcome(text: str, status: EventStatus | None) -> str | None:
    """What came of a round that ended, when the sentence says it in a short phrase right
    after the status word: "without a breakthrough", "in deadlock"."""
    if status not in ("collapsed", "agreement", "concluded"):
        return None
    for s, pattern in STATUS_WORDS:
        if s != status:
            continue
        for m in pattern.finditer(text):
            phrase = _OUTCOME_PHRASE.match(text[m.end() :])
            if phrase and not _REPORTED.search(phrase.group(1)):
                words = phrase.group(1).split()
                if 2 <= len(words) <= 10:
                    return " ".join(words)
    return None
