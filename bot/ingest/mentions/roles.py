"""Role phrases: the words that say who a person is, and for whom.

"senior Hamas official", "Qatar Foreign Ministry spokesperson", "Egyptian
intelligence chief": read backwards from the word right before a name, they give
a role ("Foreign Ministry spokesperson") and an affiliation ("Qatar").  A state's
ministry, or an organ named by a common noun after a demonym ("Egyptian
intelligence"), belongs to the role; the state is the affiliation.  A named
organ ("Mossad chief") is the affiliation itself.
"""

from __future__ import annotations

import re
import tomllib

from bot.dates.vocabulary import WEEKDAY_FULL
from bot.gazetteer import Gazetteer
from bot.ingest.mentions.known import Match, Part, adjacent
from bot.paths import DATA_DIR

ROLE_WORDS = frozenset(
    """official officials spokesperson spokesman spokeswoman minister ministers envoy envoys
    president leader leaders chief head adviser advisers advisor advisors negotiator negotiators
    ambassador commander member academic analyst secretary director mediator diplomat diplomats
    general lawmaker lawmakers mp senator journalist correspondent researcher professor expert
    coordinator representative emir king prince chairman chairwoman deputy governor mayor premier
    strategist activist officer spokespeople premier cofounder founder commissioner rapporteur
    chancellor aide emissary delegate ombudsman monarch sultan soldier hostage captive
    son daughter brother sister nephew niece cousin widow""".split()
)
# Words that may stand inside a role phrase before the role word itself.
ROLE_MODIFIERS = frozenset(
    """senior top former deputy chief foreign prime acting lead political military special
    security defence defense finance interior national affairs strategic far-right hardline
    veteran ministry intelligence health state middle east west assistant vice high-ranking
    exiled longtime media press cabinet war""".split()
)
_TITLES_DATA = tomllib.loads((DATA_DIR / "titles.toml").read_text(encoding="utf-8"))
# Capitalised nouns of bodies, not people: "the Prime Minister's Office", "Channel 12".
INSTITUTION_WORDS = frozenset(_TITLES_DATA["body_words"])
# Ranks and titles before a name that are no part of it: "Brig. Gen. X", "Dr. X".
TITLES = frozenset(_TITLES_DATA["ranks"]) | frozenset(_TITLES_DATA["honorifics"])
# "who is also Qatar's foreign minister", "and his deputy": the words before the role.
_ROLE_LEAD = re.compile(
    r"^(?:(?:and|but|who|which|is|was|are|were|also|now|currently|then|has|had|been|"
    r"serves|served|acting|acts|as|to|after|before|when|while|since|until|once)\s+"
    # "On Thursday Prime Minister": the day a sentence opens with is no part of the title.
    rf"|(?:on|late|early|by|last|this|next)\s+(?:on\s+)?{WEEKDAY_FULL}\s+)+",
    re.IGNORECASE,
)
# A title long enough to carry its institution's address: "head of the Forum for
# Palestinian Studies at Tel Aviv University's Moshe Dayan Center" is the head of the forum.
_LONG_ROLE = 10


def clean_role(role: str) -> str:
    """A role as a title: no relative clause or conjunction before it, no trailing stop;
    "" for a piece of a sentence that is no title ("his deputy", "included other officials",
    "met Israeli leaders in Tel Aviv")."""
    cleaned = _ROLE_LEAD.sub("", role.strip(" ,;.:—–-")).strip(" ,;.:—–-")
    first = cleaned.split(" ", 1)[0]
    if _NO_TITLE.match(cleaned) or _VERB_BEFORE_ROLE.match(first):
        return ""
    if len(cleaned.split()) > _LONG_ROLE and " at " in cleaned:
        cleaned = cleaned.split(" at ", 1)[0]
    return "" if len(cleaned.split()) > _LONG_ROLE else cleaned


_NO_TITLE = re.compile(r"^(?:his|her|their|its|other|included|including|includes)\b", re.I)


_STOPPERS = frozenset(
    "a an the of to for by with said and or but as its his her their that which who whom whose"
    .split()
)
# A verb ends a role phrase read backwards: "Erdogan received Hamas chief Ismail Haniyeh".
_VERB_BEFORE_ROLE = re.compile(
    r"^(?:[a-z]+ed|met|meets|told|tells|says|hosts|sees|saw|named|calls|blamed)$"
)


def affiliation_and_role(
    phrase: list[Part], known: dict[int, Match], gazetteer: Gazetteer
) -> tuple[str | None, str]:
    """("Qatar", "Foreign Ministry spokesperson") from "Qatar Foreign Ministry spokesperson"."""
    affiliation: str | None = None
    role_words: list[str] = []
    skip_until = -1
    hyphenated_nationality = any(
        p.joined_to_next and i + 1 < len(phrase) for i, p in enumerate(phrase)
        if (m := known.get(id(p))) and m.entry.kind == "country"
    )
    for i, part in enumerate(phrase):
        if i <= skip_until:
            continue
        match = known.get(id(part))
        if match is None or hyphenated_nationality:
            role_words.append(part.text)
            continue
        entry = match.entry
        span_len = match.last - match.first
        if affiliation is None and entry.kind in ("country", "organisation"):
            words = [p.text for p in phrase[i : i + span_len + 1]]
            state_body = entry.kind == "organisation" and (
                re.search(r"Ministry|Cabinet|Department", entry.name)
                # "Egyptian intelligence chief": a state's organ named by a common noun is
                # part of the role; the state is the affiliation, as "Egypt's" would say.
                or _demonym_and_noun(words, gazetteer)
            )
            if state_body and entry.country:
                affiliation = entry.country
                first = gazetteer.exact(words[0])
                role_words.extend(words[1:] if first and first.kind == "country" else words)
            else:
                affiliation = entry.name
            skip_until = i + span_len
            continue
        if entry.kind == "person":
            role_words.append(part.text)
            affiliation = affiliation or entry.affiliation
            continue
        role_words.extend(p.text for p in phrase[i : i + span_len + 1])
        skip_until = i + span_len
    role = " ".join(role_words)
    if hyphenated_nationality:
        role = " ".join(p.text for p in phrase).replace(" - ", "-")
    return affiliation, singular_role(role)


def _demonym_and_noun(words: list[str], gazetteer: Gazetteer) -> bool:
    first = gazetteer.exact(words[0]) if len(words) >= 2 else None
    return first is not None and first.kind == "country" and all(w.islower() for w in words[1:])


def singular_role(role: str) -> str:
    """"senior Trump advisers" introduces each adviser: "senior Trump adviser"."""
    head, _, last = role.rpartition(" ")
    if last.endswith("s") and last[:-1].lower() in ROLE_WORDS:
        return f"{head} {last[:-1]}".strip()
    return role


def role_phrase(
    text: str, parts: list[Part], first: int, known: set[int], *, apposed: bool = False
) -> list[Part]:
    """The role words right before a name: "senior Hamas official" of "... official Taher".

    `apposed`: the name stands between commas, so "Egypt's foreign ministry spokesperson,
    X," gives X the role before the comma too.
    """
    if first == 0 or parts[first - 1].text.lower().removesuffix("s") not in ROLE_WORDS:
        return []
    if text[parts[first - 1].end : parts[first].start] not in ((" ", ", ") if apposed else (" ",)):
        return []  # "the Prime Minister's Office" names no one
    j = first - 1
    solid = j
    while j - 1 >= 0 and first - j < 7:
        prev = parts[j - 1]
        word = prev.text.lower()
        if not adjacent(text, prev, parts[j]) or word in _STOPPERS:
            break
        hyphened = prev.start > 0 and text[prev.start - 1] == "-"  # "Gaza-based"
        if word not in ROLE_MODIFIERS and not hyphened and _VERB_BEFORE_ROLE.match(prev.text):
            break
        j -= 1
        if prev.text[:1].isupper() and solid > j + 1 and id(prev) not in known:
            break  # past a plain word only a known organisation or country belongs
        if prev.text[:1].isupper() or word in ROLE_MODIFIERS or word in ROLE_WORDS or \
                prev.joined_to_next:
            solid = j
        elif solid - j > 2:
            break  # plain words ("bureau") only between an organisation and the role
    return parts[solid:first]
