"""The words of negotiation news, from data/negotiation.toml, compiled once.

The engine (round_status.py, outcomes.py) is apart from the knowledge it reads, the way
HeidelTime keeps its patterns in resource files: a new way of saying "the talks broke
down" is a line in the data file, not a change of code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from bot.ingest.model import EventStatus
from bot.needles import Alternatives
from bot.paths import DATA_DIR

STATUS_ORDER: tuple[EventStatus, ...] = (
    "collapsed", "agreement", "concluded", "scheduled", "ongoing",
)


@dataclass(frozen=True)
class Vocabulary:
    status: tuple[tuple[EventStatus, Alternatives], ...]
    agreement: Alternatives
    collapse: Alternatives  # of talks: a recall, a walkout, a breakdown
    truce_end: Alternatives  # of a truce: it lapsed, the fighting resumed
    in_force: Alternatives  # a deal took effect
    hedge: re.Pattern[str]
    negation: re.Pattern[str]
    parties: frozenset[str]  # the sides' countries: their cities host visits, not rounds
    mediators: frozenset[str]  # the countries that mediate between them
    own_ground: re.Pattern[str]  # words of this story's sides or ground
    other_business: re.Pattern[str]  # "climate talks": talks named for another business
    other_party: re.Pattern[str]  # "meetings with Iranian leaders": another business's side
    leaders_seat: re.Pattern[str]  # "meetings at the White House": a visit to a leader
    not_venue_before: re.Pattern[str]  # "... in X" after these: X is not where talks are
    destination_before: re.Pattern[str]
    arrival_before: re.Pattern[str]  # "flew into Cairo": got there, as in it
    travel_words: str  # the destination and arrival phrases, as one alternation
    came: re.Pattern[str]  # a team that got there: [venue] came


def _alternatives(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", re.IGNORECASE)


def _status_words(data: dict, status: str) -> list[str]:
    # A round ends in agreement in every way a deal between the sides is told.
    extra = data["outcome"]["agreement"] if status == "agreement" else []
    return [*data["status"][status], *extra]


@cache
def vocabulary() -> Vocabulary:
    with (DATA_DIR / "negotiation.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return Vocabulary(
        status=tuple((s, Alternatives(_status_words(data, s))) for s in STATUS_ORDER),
        agreement=Alternatives(data["outcome"]["agreement"]),
        collapse=Alternatives(data["outcome"]["collapse"]),
        truce_end=Alternatives(data["outcome"]["truce_end"]),
        in_force=Alternatives(data["outcome"]["in_force"]),
        hedge=_alternatives(data["hedge"]["words"]),
        negation=_alternatives(data["hedge"]["negation"]),
        parties=frozenset(data["story"]["parties"]),
        mediators=frozenset(data["story"]["mediators"]),
        own_ground=re.compile(r"\b" + data["story"]["own_ground"] + r"\b"),
        other_business=re.compile(
            r"\b(?:" + "|".join(data["story"]["other_business"]) + r")\s+(?:[\w-]+\s+)?$",
            re.IGNORECASE,
        ),
        other_party=re.compile(r"(?:" + "|".join(data["story"]["other_business"]) + r")\b",
                               re.IGNORECASE),
        leaders_seat=re.compile(
            r"\b(?:at|in|to)\s+(?:the\s+)?(?:" + "|".join(data["story"]["leaders_seats"])
            + r")\b", re.IGNORECASE,
        ),
        not_venue_before=re.compile(
            r"\b(?:" + "|".join(data["venue"]["not_after"]) + r")\s+(?:in|at)\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        destination_before=re.compile(
            r"\b(?:" + "|".join(data["venue"]["destination"]) + r")\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        arrival_before=re.compile(
            r"\b(?:" + "|".join(data["venue"]["arrival"]) + r")\s+(?:the\s+)?"
            r"(?:[\w’'.-]+\s+){0,3}$",
            re.IGNORECASE,
        ),
        travel_words="|".join(
            f"(?:{p})" for p in (*data["venue"]["destination"], *data["venue"]["arrival"])
        ),
        came=_alternatives(data["venue"]["came"]),
    )
