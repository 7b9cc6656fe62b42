"""A role told by a relative clause: "X, who heads the group's political office, said".

The clause names the body outright ("who leads Hamas's team") or points back to the
organisation the story just named ("the group's", "the movement's", "its").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHO_ROLE = re.compile(
    r"^,\s+who\s+(?:heads|leads|chairs|runs|directs|represents|oversees|sits on)\s+"
    r"(?P<object>[^,;]{3,120}?)(?=\s+and\s|[,;.]|$)",
    re.IGNORECASE,
)
_POINTS_BACK = re.compile(
    r"^(?:the\s+(?:group|movement|organi[sz]ation|faction|party)['’]s?|its)\s", re.IGNORECASE
)


@dataclass(frozen=True)
class ClauseRole:
    role: str
    start: int  # offsets of the clause's object in the text after the name
    end: int
    points_back: bool  # "the group's ...": the body is the one named before


def clause_role(after: str) -> ClauseRole | None:
    """The role a "who heads/leads ..." clause right after a name gives that person."""
    match = _WHO_ROLE.match(after)
    if match is None:
        return None
    role = match.group(0).lstrip(", ").removeprefix("who ").strip()
    points_back = bool(_POINTS_BACK.match(match.group("object")))
    return ClauseRole(role, match.start("object"), match.end("object"), points_back)
