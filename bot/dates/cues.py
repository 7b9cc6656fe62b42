"""Does the verb around a time expression point forward?

News writes "talks resumed Tuesday" and "talks will resume Tuesday" with the same bare
weekday; only the verb tells which Tuesday.  We look at the words of the same clause, the
nearest tense cue winning, first to the left ("is expected to arrive on Monday") and then,
for an expression that opens its clause, to the right ("On Sunday, Egypt will host").
"""

from __future__ import annotations

import re

_FORWARD = frozenset(
    """will shall would could might may should ll upcoming scheduled slated due expected
    expect expects planned plans plan planning set aims aim intends intend intended going
    next pending ahead hopes""".split()
) | frozenset(
    # Wire copy puts schedules in the present tense: "the truce expires on Sunday",
    # "Blinken travels to the region on Monday".
    """expires begins starts resumes arrives travels convenes heads visits opens kicks
    leaves ends meets hosts starting beginning effective""".split()
)
_IRREGULAR_PAST = frozenset(
    """said says told met began begun came went took held gave made left sent saw was were
    had did flew spoke broke fell led won lost struck ran wrote rose sought brought fought
    bought thought caught taught meant found felt kept stood understood became knew grew
    drew threw shot hit put cut quit read beat got hid slid spent lent built sat ago since
    earlier previously last already""".split()
)
_NOT_PAST_ED = frozenset({"need", "seed", "speed", "feed", "bed", "red", "shed", "hundred"})
# Words that end the clause a cue can come from.
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”—–]|\s-\s")
_RIGHT_STOPS = frozenset("that which who when after because while but and as if".split())
_TOKEN = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
_DETERMINERS = frozenset(
    "the a an his her its their our this that these those some any no".split()
)
_WINDOW = 9


def _cue(word: str, following: str | None, preceding: str | None = None) -> str | None:
    lower = word.lower()
    if lower.endswith(("'ll", "’ll")):
        return "forward"
    lower = lower.split("'")[0].split("’")[0]
    if lower in _FORWARD:
        # "would have met", "could have been" look back, not forward.
        if following == "have" and lower in {"would", "could", "might", "may", "should"}:
            return "past"
        return "forward"
    if lower == "to" and (preceding or "").lower() == "supposed":
        return "past"  # "were supposed to start": a plan that did not happen
    if lower == "to" and following is not None:
        # "to" before a verb ("agreed to meet", "is to arrive") points forward; before a
        # name or a determiner ("returned to Gaza", "went to the") it is a place.
        if following[:1].islower() and following not in _DETERMINERS:
            return "forward"
        return None
    past = lower in _IRREGULAR_PAST or (
        lower.endswith("ed") and len(lower) > 4 and lower not in _NOT_PAST_ED
    )
    # A participle after "be" ("will be held", "to be released") takes its tense from
    # the words before it.
    if past and (preceding or "").lower() not in {"be", "being"}:
        return "past"
    return None


def _clause_left(text: str, start: int) -> str:
    left = text[max(0, start - 120) : start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    return left[breaks[-1].end() :] if breaks else left


def _clause_right(text: str, end: int, opens_clause: bool) -> str:
    right = text[end : end + 80]
    # An opening phrase ("On Sunday, Egypt will host") is set off by a comma that does
    # not end its clause.
    if opens_clause:
        right = re.sub(r"^\s*,", " ", right)
    stop = _CLAUSE_BREAK.search(right)
    return right[: stop.start()] if stop else right


def points_forward(text: str, start: int, end: int) -> bool:
    """True when the clause around text[start:end] speaks of something still to come."""
    left = _TOKEN.findall(_clause_left(text, start))[-_WINDOW:]
    following: str | None = None
    for index in range(len(left) - 1, -1, -1):
        word = left[index]
        cue = _cue(word, following, left[index - 1] if index else None)
        if cue is not None:
            return cue == "forward"
        following = word
    opens_clause = all(word.lower() in {"on", "by", "until", "from", "late", "early"}
                       for word in left)
    right = _TOKEN.findall(_clause_right(text, end, opens_clause))[:5]
    for index, word in enumerate(right):
        if word.lower() in _RIGHT_STOPS:
            return False
        following = right[index + 1] if index + 1 < len(right) else None
        cue = _cue(word, following, right[index - 1] if index else None)
        if cue is not None:
            return cue == "forward"
    return False
