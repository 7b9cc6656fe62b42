"""Where the subject of a speech verb is not simply the nearest name before it.

"Joe Biden, asked about the talks at a White House event, said": an aside stands
between the speaker and the verb.  "Netanyahu's office said": a body speaks, not
the person who owns it.  "called the action “limited”": the quote is what someone
called a thing, not the thing's name.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from bot.ingest.mentions.roles import ROLE_WORDS

# A body speaking for a person: "Netanyahu's office said", "his office described".
ORGAN_BEFORE_VERB = re.compile(
    r"(?:\b(?:[Tt]he\s+)?(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['’]s|\b(?:his|her|its|their))\s+(?:[Oo]ffice|[Gg]overnment|"
    r"[Mm]inistry|[Bb]ureau|campaign|camp|aides)\s+(?:\w+ly\s+|on\s+\w+\s+|had\s+|has\s+)?$"
    # "the group said", "the movement added": the body the sentence before named.
    r"|\b[Tt]he\s+(?:militant\s+|Islamist\s+|Palestinian\s+)?(?:group|movement)\s+"
    r"(?:\w+ly\s+|had\s+|has\s+)?$"
)
# "called the action “limited”": a verb of naming right before "the action".
NAMING_VERB = re.compile(r"\b(?:called|calls|calling|described|describing|termed|branded)\s*$")


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


def outside_aside(before: list[S], blank: str, start: int, verb_start: int) -> list[S]:
    """Candidates before a verb, nearest first, those of an aside that ends at the verb last.

    "Joe Biden, asked about the talks at a White House event, said": Biden speaks;
    "His mother, Orna Neutra, said": with nobody before the aside, the aside speaks, as it
    does after a role ("the ministry's spokesperson, X, said").
    """
    head = blank[start:verb_start].rstrip()
    if not head.endswith(","):
        return list(reversed(before))
    opening = head.rfind(",", 0, len(head) - 1)
    if opening < 0:
        return list(reversed(before))
    outside = [c for c in before if c.end <= start + opening]
    inside = [c for c in before if c.start > start + opening]
    if inside and _role_word_before(head[:opening]):
        # "Qatar's foreign ministry spokesperson, Majed al-Ansari, told": the aside names
        # the spokesperson, who speaks, not the ministry before the role.
        return list(reversed(inside)) + list(reversed(outside))
    return list(reversed(outside)) + list(reversed(inside))


def _role_word_before(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].lower().removesuffix("s") in ROLE_WORDS
