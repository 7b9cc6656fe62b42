"""How a negotiation round stands, read from the words of one sentence.

Each status has its words ("crumbled", "stalled" and "ended without a
breakthrough" say collapsed; "ended", "returned from Paris" and "produced a
framework" say the round is over; "remains in the capital" says it goes on).
The word nearest the round's noun decides, the stronger status on a tie.  A
status word in a conditional clause ("should the efforts collapse") says
nothing, and one after "will"/"expected to" only says the round is scheduled.
"""

from __future__ import annotations

import re

from bot.ingest.model import EventStatus

CONDITIONAL = re.compile(
    r"\b(?:if|should|could|would|may|might|unless|risk\w*|threat|fear\w*|whether|hop\w*|"
    r"avoid|prevent)\b",
    re.IGNORECASE,
)
STATUS_WORDS: tuple[tuple[EventStatus, re.Pattern[str]], ...] = (
    ("collapsed", re.compile(
        r"\b(?:crumbl\w*|collaps\w*|broke down|break(?:s|ing)? down|broken down|"
        r"f[ae]ll(?:s|en|ing)? apart|failed|stalled|deadlocked|reached an impasse|"
        r"ended without (?:a |an |any )?(?:breakthrough|agreement|deal|progress|result))\b",
        re.IGNORECASE)),
    ("agreement", re.compile(
        r"\b(?:agreed|signed|reached (?:a|an) (?:deal|agreement|accord)|struck (?:a|an) "
        r"(?:deal|agreement)|(?:deal|agreement) (?:was|has been) reached|"
        r"(?:deal|agreement|accord) (?:was |were )?(?:concluded|signed|sealed|reached))\b",
        re.IGNORECASE)),
    ("concluded", re.compile(
        r"\b(?:ended|concluded|wrapped up|adjourned|produced|drew up|drawn up|hammered out|"
        # A delegation that came back from a city, or left it, is done with the talks there.
        r"returned from|returning from|back from|(?:left|departed)(?=\s+[A-Z])|"
        # "X and Y met in Doha on Nov. 9": a meeting told in the past tense took place.
        r"met(?!\s+(?:daily|regularly|again|every)))\b",
        re.IGNORECASE)),
    ("scheduled", re.compile(
        r"\b(?:will|scheduled|set (?:for|to)|expected|due to|planned|to be held|next week)\b",
        re.IGNORECASE)),
    ("ongoing", re.compile(
        r"\b(?:resum\w*|underway|under way|continu\w*|arriv\w*|began|begun|begin\w*|start\w*|"
        r"kick\w* off|ongoing|taking place|are meeting|is meeting|meet|opened|under(?:taking)?|"
        r"remains?|remained|stays?|stayed|closing in|nearing)\b",
        re.IGNORECASE)),
)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|expected to|set to|scheduled to|due to|plans? to|planned to|to be)\s+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
STATUS_RANK: dict[EventStatus | None, int] = {
    None: 0, "scheduled": 1, "ongoing": 2, "concluded": 3, "agreement": 4, "collapsed": 5,
}


def clause(text: str, position: int) -> tuple[int, int]:
    """Bounds of the clause around `position`: between commas, dashes and brackets."""
    left = max(text.rfind(c, 0, position) for c in ",;—–(") + 1
    rights = [i for i in (text.find(c, position) for c in ",;—–)") if i != -1]
    return left, min(rights) if rights else len(text)


def sentence_status(text: str, anchor: int) -> EventStatus | None:
    """The status the words nearest `anchor` (the round's noun) give, if any."""
    found: list[tuple[int, int, EventStatus]] = []
    for status, pattern in STATUS_WORDS:
        for m in pattern.finditer(text):
            left, _ = clause(text, m.start())
            if CONDITIONAL.search(text[left : m.start()]):
                continue
            if _FUTURE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                status = "scheduled"  # "will meet", "expected to arrive"
            found.append((abs(m.start() - anchor), -STATUS_RANK[status], status))
    return min(found)[2] if found else None


def outcome(text: str, status: EventStatus | None) -> str | None:
    """What the sentence says came of a round that ended: "without a breakthrough"."""
    if status not in ("collapsed", "agreement", "concluded"):
        return None
    for s, pattern in STATUS_WORDS:
        if s == status and (m := pattern.search(text)):
            rest = re.split(r"[.;]", text[m.end() :], maxsplit=1)[0].strip(" ,")
            return rest or None
    return None
