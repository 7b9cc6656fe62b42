"""Who sits at a negotiation: leads of delegations, mediators, those who join.

Read from one sentence with its entity marks: "a Hamas delegation, led by X",
"X, who is leading the Israeli delegation", "facilitated by Egypt", "Turkish
mediators", "X and Y arrived ... to join the talks".  A name that only
qualifies someone else ("Trump’s plan", "senior Trump advisers") takes no part.
"""

from __future__ import annotations

import re

from bot.ingest.document.passages import Mark
from bot.ingest.model import Participant

# "led by senior official Basem Naim", "headed by Shin Bet chief Ronen Bar"
_LEAD_BEFORE = re.compile(
    r"\b(?:led|headed|chaired)\s+by\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE
)
_LEAD_AFTER = re.compile(
    r"^,?\s*(?:who\s+(?:is|was|will be)\s+)?(?:leading|heading|leads|heads|led|headed|to lead)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+)?(?P<side>(?:[\w’'-]+\s+){0,2}?)"
    r"(?:delegation|team|negotiators|negotiating team)",
    re.IGNORECASE,
)
TEAM_LEAD = re.compile(
    r"\b(?:team|negotiators)\b[^.]{0,20}\b(?:led|headed)\s+by\b", re.IGNORECASE
)
_DELEGATION = re.compile(
    r"\s+(?:\w+\s+)?(?:delegations?|negotiating teams?|teams?|negotiators)\b"
)
_MEDIATION = re.compile(
    r"\b(?:(?:facilitated|mediated|brokered|hosted|sponsored)\s+by|mediators?\s+(?:from|of)|"
    r"mediation\s+(?:efforts\s+)?(?:by|of|from))\s+"
    r"(?P<who>(?:(?:the|and|[A-Z][\w’'.-]*)(?:,?\s+|$))+)",
    re.IGNORECASE,
)
# "Egyptian and Qatari intermediaries", "the American side and other mediators"
_MEDIATORS_AFTER = re.compile(
    r"^(?:\s+side)?(?:\s+and\s+(?:other\s+|fellow\s+)?(?:[A-Z]\S*\s+)?)?\s*"
    r"(?:mediators?|intermediaries)\b"
)
MEDIATION_WORD = re.compile(r"\b(?:mediat\w*|intermediar\w*)", re.IGNORECASE)
_JOINS = re.compile(
    r"\b(?:join\w*|attend\w*|arriv\w*|participat\w*|take part|taking part|took part)\b",
    re.IGNORECASE,
)
# "X, Y and Z met in Cairo", "met with X and Y": the people at a meeting take part in it.
_MET = re.compile(
    r"\b(?:met|meet|meeting|sat down|held talks|gathered|convened|spent)\b", re.IGNORECASE
)
# "Trump’s plan", "senior Trump advisers": the name qualifies someone else.
_MODIFIER_USE = re.compile(
    r"^(?:’s|'s|\s+(?:advisers?|aides?|administration|envoys?|officials?|team|allies|camp)\b)"
)

def participants_in(text: str, offset: int, marks: list[Mark]) -> list[Participant]:
    people: list[Participant] = []
    sides = [m for m in marks if m.kind in ("organisation", "country")]
    joins = _JOINS.search(text)
    met = _MET.search(text)
    for mark in marks:
        if mark.kind != "person":
            continue
        before, after = text[: mark.start - offset], text[mark.end - offset :]
        lead_after = _LEAD_AFTER.match(after)
        if _LEAD_BEFORE.search(before) or lead_after:
            side = _side_of(text, offset, sides, mark, lead_after)
            people.append(Participant(mark.key, "lead", side))
        elif joins and mark.end - offset <= joins.start() and not _MODIFIER_USE.match(after):
            people.append(Participant(mark.key, "participant"))
        elif met and not _MODIFIER_USE.match(after):
            # "Burns, Barnea and Al Thani met in Doha", "Kalin met al-Hayya and Witkoff",
            # "spent the weekend in Doha with Qatar's premier, X": all at the meeting.
            people.append(Participant(mark.key, "participant"))
    for m in _MEDIATION.finditer(text):
        span = (offset + m.start("who"), offset + m.end("who"))
        people += [
            Participant(s.key, "mediator") for s in sides if span[0] <= s.start < span[1]
        ]
    for s in sides:
        rest = text[s.end - offset :]
        if _MEDIATORS_AFTER.match(rest):
            people.append(Participant(s.key, "mediator"))
        elif _DELEGATION.match(rest) or re.match(r"\s+and\s+\w+\s+delegations\b", rest):
            people.append(Participant(s.key, "participant", s.key))
    return list(dict.fromkeys(people))


def _side_of(
    text: str, offset: int, sides: list[Mark], person: Mark, lead_after: re.Match[str] | None
) -> str | None:
    """The organisation or country whose delegation a lead heads."""
    if lead_after is not None:
        lo = person.end + lead_after.start("side")
        hi = person.end + lead_after.end("side")
        inside = [s for s in sides if lo <= s.start < hi + 1]
        return inside[0].key if inside else None
    before = [
        s for s in sides if s.end <= person.start and _DELEGATION.match(text[s.end - offset :])
    ]
    return before[-1].key if before else None
