"""A news report as its parts: headline, dateline, lede and body, appended items dropped.

The headline and the lede say what the report is about; the dateline names the city
the reporter files from, which in wire copy is where the talks are when the lede names
no venue.  Furniture and appended stories are gone already (`clean.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.ingest.document.clean import clean_article, ends_as_prose
from bot.ingest.document.dateline import Dateline, split_dateline

# The dateline opens the story: after a kicker, a byline or a caption at most.
_DATELINE_WITHIN = 4
_LEDE_MIN_WORDS = 12


@dataclass
class Report:
    title: str
    paragraphs: list[str]
    dateline: Dateline | None = None
    lede: int = 0  # the paragraph that opens the story
    dropped: list[str] = field(default_factory=list)
    stamps: list[str | None] = field(default_factory=list)  # live entries' stamps, per paragraph


# "This transcript has been edited for length.": a note on the page, not the story's lede.
_EDITORS_NOTE = re.compile(
    r"^\s*(?:Editor['’]s\s+note:|This\s+(?:transcript|article|story|report|page)\s+(?:has\s+been|"
    r"was|is|may\s+be)\s+(?:edited|updated|corrected|condensed|rush\s+transcript))", re.IGNORECASE)


def read_report(text: str, *, title_hint: str | None = None) -> Report:
    cleaned = clean_article(text, title_hint=title_hint)
    paragraphs = list(cleaned.paragraphs)
    dateline: Dateline | None = None
    lede: int | None = None
    for i, paragraph in enumerate(paragraphs[:_dateline_window(paragraphs)]):
        found, rest = split_dateline(paragraph)
        if rest == paragraph:
            continue
        if found is None and i + 1 < len(paragraphs) and (
                split_dateline(paragraphs[i + 1])[1] != paragraphs[i + 1]
                or _ENTRY_START.match(paragraphs[i + 1])):
            # "22 Nov 2023: ...", "24 Nov 2023: ...": a timeline's entries, no stamp
            # ("28 January 2024 - Paris: ...", "18-25 March 2024 - Doha: ...")
            break
        if found is not None and (
                (paragraphs[i - 1] if i > 0 else cleaned.title).rstrip().endswith(":")
                or (i + 1 < len(paragraphs) and split_dateline(paragraphs[i + 1])[0] is not None)):
            # "The track has moved city by city:" then "Paris, Jan. 28: ...": a list's
            # labels, each its item's place and day, not the report's dateline.
            break
        paragraphs[i] = rest
        if found is not None:
            dateline, lede = found, i
        break
    paragraphs, appended = _cut_second_story(paragraphs, lede)
    if lede is None:
        lede = next(
            (i for i, p in enumerate(paragraphs)
             if len(p.split()) >= _LEDE_MIN_WORDS and not _EDITORS_NOTE.match(p)), 0
        )
        if lede + 1 < len(paragraphs) and not ends_as_prose(paragraphs[lede]):
            # A standfirst under the headline ("Doha's decision to put its mediation on
            # hold caps a year of rounds") sums the story up; the lede tells it, dated.
            lede += 1
    return Report(cleaned.title, paragraphs, dateline, lede, cleaned.dropped + appended,
                  cleaned.stamps[: len(paragraphs)])


def _dateline_window(paragraphs: list[str]) -> int:
    """How far the dateline may stand: after a kicker, a byline or a caption, and after
    any number of a wire story's short summary points ("* Qatar says extension agreed")."""
    told = 0
    for i, paragraph in enumerate(paragraphs[:_DATELINE_MAX]):
        if len(paragraph.split()) >= _LEDE_MIN_WORDS:
            told += 1
        if told >= _DATELINE_WITHIN or i + 1 - told >= _DATELINE_MAX - _DATELINE_WITHIN:
            return i + 1
    return min(len(paragraphs), _DATELINE_MAX)


_DATELINE_MAX = 10
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# A timeline entry's opening day or days: "18-25 March 2024 - ", "Jan 15: ".
_ENTRY_START = re.compile(
    rf"(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?)"
    r"(?:,?\s+\d{4})?\s*(?::|\s[-–—]\s)")


# Past the story's opening, a paragraph that opens with a wire dateline and an agency
# ("DUBAI, July 24 (Reuters) - Most Gulf markets ...") starts another wire story.
_SECOND_STORY_AFTER = 3
_STORY_WORDS = 25  # a paragraph of a story's body, not a summary point or a label


def _cut_second_story(paragraphs: list[str], lede: int | None) -> tuple[list[str], list[str]]:
    first = (lede or 0) + _SECOND_STORY_AFTER
    for i in range(first, len(paragraphs)):
        found, rest = split_dateline(paragraphs[i])
        if found is not None and rest != paragraphs[i] and _AGENCY_DATELINE.match(paragraphs[i]) \
                and any(len(p.split()) >= _STORY_WORDS for p in paragraphs[:i]):
            # (A story told before it: short summary points above a wire story's own
            # dateline are its head, not a story of their own.)
            return paragraphs[:i], paragraphs[i:]
    return paragraphs, []


_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Z'’. -]+,[^\n]{0,40}\((?:Reuters|AP|AFP|dpa|Anadolu|"
                              r"Xinhua|WAFA|TASS|UPI|Bloomberg|[A-Z]{2,6})\)\s*[-–—]")
