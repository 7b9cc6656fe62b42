"""Time expressions of news text, resolved against the article's publication date.

`find_time_expressions` is the extractor's entry point, `resolve_when` the bot's `/on`,
and `format_when` shows a resolved date the way journalists write it.
"""

from bot.dates.display import format_when
from bot.dates.expressions import find_time_expressions
from bot.dates.model import Direction, Granularity, TimeExpression
from bot.dates.query import DateReading, read_date, read_day, resolve_when

__all__ = [
    "DateReading",
    "Direction",
    "Granularity",
    "TimeExpression",
    "find_time_expressions",
    "format_when",
    "read_date",
    "read_day",
    "resolve_when",
]
