"""The year a timeline's section heading gives the yearless days listed under it.

Explainers list what happened under a heading per year ("2024", then "- January 28:
... meet in Paris"); the days under "2024" are of 2024, not the last January 28 before
the report.  The cleaner drops such a heading as page furniture, so it is read here from
the article's own lines and given to the paragraphs that follow it, up to the next
heading of any kind.
"""

from __future__ import annotations

import re

_YEAR_HEADING = re.compile(r"[#*=\s-]*(?P<year>(?:19|20)\d\d)\s*:?[#*=\s-]*")
# A line that heads a section ("What comes next", "Background"): short, not a sentence.
_HEADING_WORDS = 8
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d{1,2}[.)])\s+")
_KEY_CHARS = 40  # how much of a paragraph is looked for among the lines


def year_headings(text: str, paragraphs: list[str]) -> dict[int, int]:
    """Each paragraph listed under a year heading, with that year."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    year_at: list[int | None] = []
    year: int | None = None
    for line in lines:
        if (m := _YEAR_HEADING.fullmatch(line)) is not None:
            year = int(m["year"])
        elif line and _heads_a_section(line):
            year = None
        year_at.append(year)
    if not any(y is not None for y in year_at):
        return {}
    years: dict[int, int] = {}
    at = 0
    for index, paragraph in enumerate(paragraphs):
        key = paragraph[:_KEY_CHARS]
        for i in range(at, len(lines)):
            if key and key in lines[i]:
                at = i
                if year_at[i] is not None:
                    years[index] = year_at[i]  # type: ignore[assignment]
                break
    return years


def _heads_a_section(line: str) -> bool:
    return not _BULLET.match(line) and len(line.split()) <= _HEADING_WORDS \
        and not line.rstrip("\"'”’)").endswith((".", "!", "?", ":")) \
        and not re.match(r"^\d", line)
