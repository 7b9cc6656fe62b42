"""The dateline of a news report: "DOHA, Nov 28 (Reuters) -", "SHARM EL-SHEIKH, Egypt (AP) —".

Wire copy opens with the city the reporter files from, often with the date and the
agency; regional sites write "Doha:" or "CAIRO - 24 November 2025:".  The city is where
the story happens (in wire copy, usually where the talks are), so the report keeps it
apart from the lede's first sentence, which it would otherwise start with a city name
that no grammar expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
)
_CAPS_CITY = r"[A-Z][A-Z'’.]+(?:[ -](?:[A-Z][A-Z'’.]+|el|al|EL|AL))*"
_TITLE_CITY = r"[A-Z][a-z'’]+(?:[ -](?:[A-Z][a-z'’]+|el|al))*"
_DATELINE = re.compile(
    # A site name and a slash before the dateline: "Anadolu Agency/ DOHA -"
    r"^(?:(?=[^/]{0,40}[a-z])[A-Z][\w .&'’-]{1,40}/\s*)?"
    # "Tuesday: the talks reopened" is a list item's day, not a city.
    rf"(?:(?P<caps>{_CAPS_CITY})(?:/{_CAPS_CITY})*|(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    rf"|Today\b|Yesterday\b)(?P<title>{_TITLE_CITY})(?=\s*(?:\(|:)"
    # "Shillong, May 10: The delegations ...": a title-case city, its date, a colon.
    rf"|,\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s*\d{{4}})?\s*(?:\([^()]{{1,30}}\)\s*)?:))"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z .]{1,30}?))?"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?"
    # "DOHA, August 15. /TASS/.": an agency between slashes, after a full stop.
    r"(?:\.\s*/(?P<slashed>[A-Za-z][\w .&-]{1,20})/\.?)?"
    r"\s*(?:[-–—:]+|(?<=/\.)|(?<=/))"
    rf"(?:\s*(?P<date2>\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\s*[:,–—-])?"
    r"\s+(?=[\w\"“‘'(])"
)
# All-capitals words that open a paragraph without being a city.
# Words of a label, never of a city's name.
_LABEL_WORDS = frozenset({"AND", "WHERE", "WHEN", "WHAT", "WHO", "WHY", "HOW", "IS", "ARE", "TO",
                          "FOR", "NEXT", "KNOW"})
_NOT_CITIES = frozenset({"UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "WATCH", "LIVE", "NEW",
                         "OPINION", "EDITORIAL", "COMMENT", "UPDATED", "FACTBOX", "EXPLAINER"})


# "18 March 2025 - The ceasefire ...", "Monday, January 29, 2024 – Top officials ...": a
# stamp, not the story.
_DATE_STAMP = re.compile(
    # "Monday, January 29, 2024 – Top officials have met ..."
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+\d{{4}}"
    r"(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*(?:GMT|UTC|[AP]\.?M\.?))?)?)\s*[-–—:|]\s+(?=[A-Z\"“‘'])"
)


# "(CNN) — The United States is recalling ...": an agency in brackets, with no city.
_AGENCY_ONLY = re.compile(
    r"^\((?:[A-Z][A-Za-z.&]{1,12})(?:\s[A-Z][A-Za-z.&]{1,12})?\)\s*[-–—:]\s+(?=[A-Z\"“])"
)
# "Cairo, (APP - UrduPoint / Pakistan Point News - 28th Feb, 2025) Talks resume ...": the
# agency and the date in brackets after the city.
_BRACKETED = re.compile(
    rf"^(?P<city>{_CAPS_CITY}|{_TITLE_CITY}),?\s*\((?P<inner>[^()]{{2,80}}?\b\d{{4}})\)\s*"
    r"(?:[-–—:]\s*)?(?=[A-Z\"“])"
)


@dataclass(frozen=True)
class Dateline:
    city: str  # as written, in title case: "Sharm El-Sheikh"
    text: str  # the whole dateline as it stood before the story
    agency: str | None = None


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """The dateline at the head of `paragraph`, and the paragraph without it."""
    stamp = _DATE_STAMP.match(paragraph)
    if stamp is not None and len(paragraph[stamp.end() :].split()) >= 6:
        return None, paragraph[stamp.end() :]
    agency = _AGENCY_ONLY.match(paragraph)
    if agency is not None and len(paragraph[agency.end() :].split()) >= 6:
        # "(CNN) — The United States is recalling ...": the agency, with no city.
        return None, paragraph[agency.end() :]
    bracketed = _BRACKETED.match(paragraph)
    if bracketed is not None and len(paragraph[bracketed.end() :].split()) >= 6:
        city = bracketed["city"]
        return Dateline(city=city.title() if city.isupper() else city,
                        text=bracketed.group(0).strip(),
                        agency=bracketed["inner"].split(" - ")[0].strip()), \
            paragraph[bracketed.end() :]
    found = _DATELINE.match(paragraph)
    if found is None:
        return None, paragraph
    city = found["caps"] or found["title"]
    if found["caps"]:
        if city.split()[0] in _NOT_CITIES or len(city) < 3 \
                or _LABEL_WORDS.intersection(city.replace("/", " ").split()):
            return None, paragraph  # ("WHERE AND WHEN: ...": a brief's label, no city)
        city = city.split("/")[0].title()
    elif not (found["agency"] or found["slashed"]
              or paragraph[found.end("title") :].lstrip().startswith(":")
              or (found["date"] and found.group(0).rstrip().endswith(":"))):
        return None, paragraph
    rest = paragraph[found.end() :]
    if len(rest.split()) < 6:  # a heading such as "DOHA: live", not a story's dateline
        return None, paragraph
    agency = found["agency"] or found["slashed"]
    return Dateline(city=city, text=found.group(0).strip(), agency=agency), rest
