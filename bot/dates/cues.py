"""Does the verb around a time expression point forward, back, or either way?

News writes "talks resumed Tuesday" and "talks will resume Tuesday" with the same bare
weekday; only the verb tells which Tuesday.  We look at the words of the same clause, the
nearest tense cue winning, first to the left ("is expected to arrive on Monday") and then,
for an expression that opens its clause, to the right ("On Sunday, Egypt will host").

A participle or an open question hands the decision to the main verb on the right
("leaders meeting on Friday agreed", "whether leaders meeting on Friday endorse the plan
remains to be seen").  An expectation in the past perfect ("had been expected on
Saturday") says only that the plan was made earlier: the day may lie either way, and the
caller takes the nearest one unless the sentence says the day went by ("but never came").
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Literal

Lean = Literal["forward", "past", "either"]

_FORWARD = frozenset(
    """will shall would could might may should ll upcoming scheduled slated due expected
    expect expects planned planning intends intend intended going next pending ahead
    starting beginning effective""".split()
)
# Wire copy and headlines put schedules in the present tense: "the truce expires on
# Sunday", "Talks resume Monday", "Rafah crossing reopens Saturday".  Action verbs in
# headlines ("Hamas frees three hostages Saturday") report the past, so only verbs of
# schedule count, in both present forms.
# Base forms only where the word is rarely a noun or an adjective ("the vote", "kept open").
_SCHEDULE_BASE = frozenset(
    "expire begin start resume arrive travel convene reconvene meet return vote".split()
)
_SCHEDULE = _SCHEDULE_BASE | {
    verb + "s" for verb in (*_SCHEDULE_BASE, *"""head visit open reopen kick leave end host
    close mark""".split())
}
# "Take effect", "takes place", "take office": a schedule only with its object.
_TAKE_OBJECTS = frozenset({"effect", "place", "office", "over"})
# Nouns as often as verbs ("his 20-point plan", "hopes for a deal"); a cue only before
# "to" ("plans to travel"), or "for" after "set" ("talks set for Sunday").
_PLAN_WORDS = frozenset({"plan", "plans", "set", "aim", "aims", "hope", "hopes"})
# A deadline named before its day lies ahead ("a deadline of Sunday"); after the day the
# verb decides ("Sunday's deadline passed").
_DEADLINE = "deadline"
_NEGATIONS = frozenset({"not", "never", "did", "didn", "does", "doesn", "don"})
_IRREGULAR_PAST = frozenset(
    """said says told met began begun came went took held gave made left sent saw was were
    had did flew spoke broke fell led won lost struck ran wrote rose sought brought fought
    bought thought caught taught meant found felt kept stood understood became knew grew
    drew threw shot hit put cut quit read beat got hid slid spent lent built sat ago since
    earlier previously last already""".split()
)
_NOT_PAST_ED = frozenset({"need", "seed", "speed", "feed", "bed", "red", "shed", "hundred"})
# Words that end the clause a cue can come from.
# A full stop ends a clause only before a capital or at the end, and a comma or colon
# not inside a number: "at 8:30 a.m. on Sunday", "Oct. 13" and "1,200" do not.
_CLAUSE_BREAK = re.compile(
    r"[;!?()\[\]\"“”—–]|[,:](?!\d)|\.(?=\s+[\"“]?[A-Z]|\s*$)|\s-\s"
)
_RIGHT_STOPS = frozenset("that which who when after because while but and as if".split())
_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
_DETERMINERS = frozenset(
    "the a an his her its their our this that these those some any no".split()
)
# "Returned to northern Gaza": an adjective of place after "to" is not a verb.
_PLACE_ADJECTIVES = frozenset(
    """northern southern eastern western central occupied besieged neighbouring neighboring
    nearby southeastern southwestern northeastern northwestern coastal""".split()
)
# Open questions are about what has not happened yet: "whether ... endorse the plan
# remains to be seen", "if talks on Sunday fail".
_OPEN_QUESTION = frozenset({"whether", "if"})
# Words in -ing that are no participle of a clause: prepositions, nouns of time.
_NOT_PARTICIPLES = frozenset(
    """during including according following regarding concerning morning evening nothing
    something anything everything""".split()
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s+[\"“]?[A-Z]|\s*$)")
_WENT_BY = re.compile(
    r"\b(?:never|failed|did\s+not|didn['’]t|came\s+and\s+went|passed\s+without"
    r"|no[-\s]show)\b",
    re.IGNORECASE,
)
# Enough words to reach the verb across an object ("will mark the second anniversary of
# the October 7 attack on Tuesday"); the nearest cue still wins.
_WINDOW = 22


def _pluperfect(words: list[str], index: int) -> bool:
    """"had planned", "had been due": a plan made before some past moment, which may or
    may not have come about by now."""
    before = [w.lower() for w in words[max(0, index - 2) : index]]
    return before[-1:] == ["had"] or before == ["had", "been"]


# Verbs of asking told in the past: "on Aug. 8 urged both sides to resume
# talks on Aug. 15" names a day that may by now lie on either side of publication.
_ASKED = frozenset("urged called asked invited pressed requested demanded".split())
# ... and of causing: "Alexander's release led Israel to send a team to Doha on 13 May".
_ASKED |= frozenset("led prompted forced allowed enabled persuaded pushed convinced".split())


def _asked_before(words: list[str], index: int) -> bool:
    """A past verb of asking among the few words before "to"."""
    return any(w.lower() in _ASKED for w in words[max(0, index - 4) : index])


def _cue(words: list[str], index: int) -> Lean | None:
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else None
    preceding = words[index - 1].lower() if index else ""
    lower = word.lower()
    if word == "May":
        return None  # "held on 9 May and on 20 May": the month, not the modal
    if lower.endswith(("'ll", "’ll")):
        return "forward"
    lower = lower.split("'")[0].split("’")[0]
    if lower in _FORWARD or (lower in _PLAN_WORDS and (
        following == "to" or (lower == "set" and following == "for")
    )):
        # "would have met", "could have been" look back, not forward.
        if following == "have" and lower in {"would", "could", "might", "may", "should"}:
            return "past"
        return "either" if _pluperfect(words, index) else "forward"
    if lower in _SCHEDULE or (lower in {"take", "takes"} and following in _TAKE_OBJECTS):
        # "the start", "Israel's return", "did not meet": a noun, or a denied past;
        # after "to" the words before the infinitive decide ("were supposed to start").
        if preceding in _DETERMINERS or preceding == "to" or preceding.endswith(("'s", "’s")):
            return None
        if preceding in {"was", "were", "has", "had", "have"}:
            return "past"  # "The round was begin on Thursday": told as done, however spelt
        return None if preceding in _NEGATIONS else "forward"
    if lower == "to" and following is not None:
        # "to" before a verb ("agreed to meet", "is to arrive") points forward; before a
        # name or a determiner ("returned to Gaza", "went to the") it is a place.  A plan
        # in the pluperfect or one "supposed to" happen was made earlier, for a day on
        # either side of publication.
        if index > 1 and (preceding in _PURPOSE_NOUNS or (
            words[index - 1][:1].isupper() and words[index - 2].lower() in ("in", "at")
        )) and any(_is_past(w) for w in words[: index - 1]):
            # "left talks in Cairo to pause the war on Tuesday": the talks' purpose, not a
            # plan; the main verb, told in the past, tells the tense.
            return None
        if following[:1].islower() and following not in _DETERMINERS | _PLACE_ADJECTIVES \
                and not _plural_noun(following) and following not in _NOUNS_AFTER_TO:
            # ("were meant to start on February 3", "was due to open on the 3rd": a plan
            # told in the past tense, for a day on either side)
            told_past = index > 1 and words[index - 2].lower() in {"was", "were"} and \
                preceding in {"meant", "due", "scheduled", "expected", "planned", "slated"}
            if preceding == "supposed" or told_past or (index and _pluperfect(words, index - 1)) \
                    or _asked_before(words, index):
                return "either"
            return "forward"
        return None
    past = _is_past(lower)
    # A participle after "be" ("will be held", "to be released") takes its tense from
    # the words before it.
    if past and preceding not in {"be", "being"}:
        return "past"
    return None


def _is_past(word: str) -> bool:
    lower = word.lower()
    return lower in _IRREGULAR_PAST or (
        lower.endswith("ed") and len(lower) > 4 and lower not in _NOT_PAST_ED
    )


def _breaks(text: str) -> list[re.Match[str]]:
    """Where clauses end; but the commas of a list of names ("officials from Israel, Qatar,
    and Egypt in Rome on Sunday") do not end the clause of "will meet"."""
    return [m for m in _CLAUSE_BREAK.finditer(text) if not _in_list(text, m)]


def _in_list(text: str, m: re.Match[str]) -> bool:
    if m.group() != ",":
        return False
    before = re.search(r"([A-Za-z'’-]+)\s*$", text[: m.start()])
    after = re.match(r"\s+(?:(?:and|or)\s+)?([A-Za-z'’-]+)", text[m.end() :])
    return bool(before and after and before.group(1)[:1].isupper()
                and after.group(1)[:1].isupper() and not _SENTENCE_WORD.match(after.group(1)))


# Capitalised words that open a clause rather than name a side: "..., But", "..., The".
_SENTENCE_WORD = re.compile(r"(?:The|A|An|But|And|He|She|It|They|We|I|This|That)$")


def _clause_left(text: str, start: int) -> str:
    left = text[max(0, start - 120) : start]
    breaks = _breaks(left)
    return left[breaks[-1].end() :] if breaks else left


def _clause_right(text: str, end: int, opens_clause: bool) -> str:
    right = text[end : end + 80]
    # An opening phrase ("On Sunday, Egypt will host") is set off by a comma that does
    # not end its clause.
    if opens_clause:
        right = re.sub(r"^\s*,", " ", right)
    stops = _breaks(right)
    return right[: stops[0].start()] if stops else right


# "traces back to talks in Paris on February 23", "went to war": after "to", a noun is a
# place or a thing, not an infinitive.  Base verbs rarely end in a lone "s" ("discuss",
# "focus" and "address" do not end so).
_NOUNS_AFTER_TO = frozenset("war peace power court prison office safety work".split())
# Nouns whose infinitive tells what they are for: "efforts to pause the war" (not "talks
# to start within 10 days": a plan).
_PURPOSE_NOUNS = frozenset("efforts effort bid push".split())


def _plural_noun(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def lean(text: str, start: int, end: int) -> Lean:
    """Whether the clause around text[start:end] speaks of something still to come
    ("forward"), of something done ("past"), or of an earlier plan for a day that may lie
    on either side of publication ("either")."""
    found = _clause_lean(text, start, end)
    return "past" if found == "either" and _day_went_by(text, end) else found


def _clause_lean(text: str, start: int, end: int) -> Lean:
    if text[max(start, end - 2) : end] in ("'s", "’s"):
        # "the question Sunday's meeting was meant to answer": the day names the meeting,
        # whose own verb comes after it.
        cue = _right_cue(_TOKEN.findall(_clause_right(text, end, False))[:8])
        if cue is not None:
            return cue
    left = _TOKEN.findall(_clause_left(text, start))[-_WINDOW:]
    opens_clause = all(word.lower() in {"on", "by", "until", "from", "late", "early"}
                       for word in left)
    right = _TOKEN.findall(_clause_right(text, end, opens_clause))[:5]
    if _is_deadline(left, right):
        return "forward"
    deferred = False
    for index in range(len(left) - 1, -1, -1):
        word = left[index].lower()
        if word in _OPEN_QUESTION:
            return _right_cue(right) or "forward"
        cue = "forward" if word == _DEADLINE else _cue(left, index)
        if cue is not None:
            return cue
        if not deferred and _is_participle(left, index):
            deferred = True
            if index and left[index - 1].lower() in _SUBORDINATORS:
                continue  # "spent two days there before leaving on Sunday": the main verb's
            if index and _is_past(left[index - 1]):
                # "began meeting in Cairo on Thursday to narrow differences": the verb the
                # participle hangs on has its tense; what the meeting was for has none.
                continue
            cue = _right_cue(right)
            if cue is not None:
                return cue
    return _right_cue(right) or "past"


def _right_cue(right: list[str]) -> Lean | None:
    for index, word in enumerate(right):
        if word.lower() in _RIGHT_STOPS:
            return None
        cue = _cue(right, index)
        if cue is not None:
            return cue
    return None


# A participle after these takes its tense from the clause it hangs on, before it.
_SUBORDINATORS = frozenset({"before", "after", "while", "since", "when", "upon"})


def _is_participle(words: list[str], index: int) -> bool:
    """"Leaders meeting in Riyadh", "a meeting in Riyadh": a phrase with no tense of its
    own; the main verb after the time expression gives it one."""
    word = words[index]
    return word.islower() and word.endswith("ing") and len(word) > 5 and (
        word not in _NOT_PARTICIPLES
    )


def _day_went_by(text: str, end: int) -> bool:
    """"Had been due to meet on Saturday, but the delegation never came": the rest of
    the sentence reports the plan failing, so its day is behind us.  A plan called off
    or postponed says nothing of the sort: it can be called off ahead of its day."""
    rest = _SENTENCE_END.split(text[end : end + 200], maxsplit=1)[0]
    return _WENT_BY.search(rest) is not None


def _is_deadline(left: list[str], right: list[str]) -> bool:
    """"Trump gave Hamas until Sunday to respond": a deadline lies ahead of the giving,
    whatever the tense of the giving ("Hamas had until Sunday"), unless the whole plan is
    pluperfect ("had given Hamas until Sunday")."""
    return (
        left[-1:] == ["until"]
        and len(right) > 1
        and right[0] == "to"
        and _cue(right, 0) == "forward"
        and not any(w.lower() == "had" and n.lower() != "until" for w, n in pairwise(left))
    )
