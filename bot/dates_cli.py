"""`timeline-bot dates "TEXT" --published 2024-10-28 [--json]`: what the resolver finds."""

from __future__ import annotations

import json
from datetime import date, datetime

from bot.dates import find_time_expressions, format_when


def _published_day(published: str) -> date | None:
    try:
        return datetime.fromisoformat(published.strip()).date()
    except ValueError:
        return None


def dates_command(text: str, published: str, as_json: bool) -> tuple[str, int]:
    """The text to print and the exit status (2 for a --published that is not a date)."""
    day = _published_day(published)
    if day is None:
        return (f"--published must be an ISO date such as 2024-10-28, not {published!r}", 2)
    found = find_time_expressions(text, day)
    if as_json:
        rows = [
            {
                "text": e.text,
                "start": e.start.isoformat(),
                "end": e.end.isoformat(),
                "granularity": e.granularity,
                "direction": e.direction,
            }
            for e in found
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2), 0
    if not found:
        return f"No time expressions found (published {format_when(day, day, 'day')}).", 0
    width = max(len(e.text) for e in found)
    lines = [f"Published {format_when(day, day, 'day')}:"]
    for e in found:
        kind = f"{e.granularity} range" if e.is_range else e.granularity
        lines.append(
            f"  {e.text:<{width}}  {format_when(e.start, e.end, e.granularity)}"
            f"  ({kind}, {e.direction})"
        )
    return "\n".join(lines), 0
