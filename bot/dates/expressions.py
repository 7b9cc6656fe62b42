"""Find the time expressions of a sentence and resolve them against its publication day."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.dates import explicit, months, relative, weekdays
from bot.dates.context import Context, Found, Rule
from bot.dates.model import TimeExpression, direction_of
from bot.dates.periods import shift_years
from bot.dates.vocabulary import DASH, NUMBER, ORDINAL, count_of, ordinal_of

RULES: list[Rule] = [*explicit.RULES, *relative.RULES, *weekdays.RULES, *months.RULES]
# Most sentences hold no date.  One pass of substring tests says which rules can match,
# far cheaper than running every rule's regex over every sentence.
_NEEDLES = tuple(sorted({word for rule in RULES for word in rule.needs}))
_CASED_NEEDLES = tuple(word for word in _NEEDLES if word != word.lower())
_LOWER_NEEDLES = tuple(word for word in _NEEDLES if word == word.lower())
_RULE_NEEDS = [(rule, frozenset(rule.needs)) for rule in RULES]

_RANGE_GAP = re.compile(rf"\s*{DASH}\s*|\s+(?P<word>to|and|until|till|through|thru)\s+")
# "postponed from Monday to Wednesday" names two dates, not a range.
_MOVED_FROM = re.compile(
    r"\b(?:postponed|moved|delayed|pushed|rescheduled|changed|shifted|brought\s+forward"
    r"|put\s+off|switched|extended|extending|extend|postpone|move|delay)\b[^.;]{0,40}$"
)
_ANNIVERSARY = re.compile(
    rf"(?<![\w-])(?P<x>(?:(?P<nth>{ORDINAL})|(?P<count>{NUMBER})[\s-]years?)[\s-]+)?"
    r"(?i:anniversary)\b"
)
_ANCHOR_GAP = re.compile(r"\s+of\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}")


def find_time_expressions(text: str, published: date | datetime) -> list[TimeExpression]:
    """Each time expression of `text`, in text order and non-overlapping."""
    day = published.date() if isinstance(published, datetime) else published
    ctx = Context(text, day)
    found = _select(_candidates(ctx))
    if not found:
        return []
    found = _join_ranges(found, text)
    found = _with_named_year(found, text)
    found = _add_anniversaries(found, ctx)
    return [
        TimeExpression(
            text=text[f.start_char : f.end_char],
            start_char=f.start_char,
            end_char=f.end_char,
            start=f.start,
            end=f.end,
            granularity=f.granularity,
            direction=direction_of(f.start, f.end, day),
            is_range=f.is_range,
            yearless=f.yearless,
        )
        for f in found
    ]



_WEEKDAY_WORD = re.compile(
    r"(?:mon|tues|tue|wednes|wed|thurs|thu|fri|satur|sat|sun)(?:day)?", re.IGNORECASE
)


def _with_named_year(found: list[Found], text: str) -> list[Found]:
    """ "On July 28 last year": the day, in the year named right after it; "Tuesday of last
    week": the weekday, in the week named."""
    out: list[Found] = []
    for item in found:
        previous = out[-1] if out else None
        if (
            previous is not None and previous.granularity == "day" and item.granularity == "week"
            and _WEEKDAY_WORD.fullmatch(text[previous.start_char : previous.end_char])
            and re.fullmatch(r"\s+(?:of\s+)?", text[previous.end_char : item.start_char])
            and re.fullmatch(r"(?:last|this|next)\s+week", text[item.start_char : item.end_char],
                             re.IGNORECASE)
        ):
            # "since Tuesday of last week": that weekday, in the week named.
            day = item.start + timedelta(days=previous.start.weekday() - item.start.weekday())
            out[-1] = replace(previous, end_char=item.end_char, start=day, end=day)
            continue
        if (
            previous is not None and previous.granularity == "day" and item.granularity == "day"
            and previous.start == previous.end and item.start.weekday() == previous.start.weekday()
            and _WEEKDAY_WORD.fullmatch(text[item.start_char : item.end_char])
            and re.fullmatch(r"\s*[(,]\s*", text[previous.end_char : item.start_char])
        ):
            # "March 10 (Monday)", "14 March, Friday": the day's own name, not another day.
            out[-1] = replace(previous, end_char=item.end_char + (
                1 if text[item.end_char : item.end_char + 1] == ")" else 0))
            continue
        if (
            previous is not None and previous.yearless and item.granularity == "year"
            and not item.is_range and item.start.year == item.end.year
            and re.fullmatch(r",?\s*", text[previous.end_char : item.start_char])
            and re.fullmatch(r"(?:last|this|next)\s+year", text[item.start_char : item.end_char],
                             re.IGNORECASE)
        ):
            year = item.start.year
            try:
                start = previous.start.replace(year=year)
                end = previous.end.replace(year=year + (previous.end.year - previous.start.year))
            except ValueError:  # 29 February
                out.append(item)
                continue
            out[-1] = replace(previous, end_char=item.end_char, start=start, end=end,
                              yearless=False)
            continue
        out.append(item)
    return out


def _candidates(ctx: Context) -> list[Found]:
    found: list[Found] = []
    lowered = ctx.text.lower()
    present = {word for word in _LOWER_NEEDLES if word in lowered}
    present.update(word for word in _CASED_NEEDLES if word in ctx.text)
    if not present:
        return found
    for rule, needs in _RULE_NEEDS:
        if needs.isdisjoint(present):
            continue
        for match in rule.pattern.finditer(ctx.text):
            resolved = rule.resolve(match, ctx)
            if resolved is not None:
                found.append(resolved)
    return found


def _select(candidates: list[Found]) -> list[Found]:
    """The longest candidates that do not overlap, in text order."""
    chosen: list[Found] = []
    for candidate in sorted(candidates, key=lambda f: (f.start_char - f.end_char, f.start_char)):
        if all(candidate.end_char <= c.start_char or candidate.start_char >= c.end_char
               for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda f: f.start_char)


def _join_ranges(found: list[Found], text: str) -> list[Found]:
    joined: list[Found] = []
    for item in found:
        previous = joined[-1] if joined else None
        if previous is not None and _is_range_pair(previous, item, text):
            # "from the 6th until Thursday": Thursday as resolved when it falls after the
            # start; moved to its first occurrence after the start only when it does not.
            end = item if item.start > previous.start else _first_on_or_after(item, previous.start)
            joined[-1] = Found(previous.start_char, item.end_char, previous.start, end.end,
                               previous.granularity, True, previous.cycle, previous.yearless)
        else:
            joined.append(item)
    return joined


def _is_range_pair(first: Found, second: Found, text: str) -> bool:
    if first.is_range or second.is_range or first.granularity != second.granularity:
        return False
    gap = _RANGE_GAP.fullmatch(text, first.end_char, second.start_char)
    if gap is None:
        return False
    before = text[max(0, first.start_char - 60) : first.start_char]
    opener = re.search(r"\b(from|between)\s+$", before, re.IGNORECASE)
    if gap.group("word") == "and" and (opener is None or opener.group(1).lower() != "between"):
        return False
    return not (opener is not None and _MOVED_FROM.search(before[:opener.start()]))


def _first_on_or_after(item: Found, start: date) -> Found:
    """The end of a range moved to its first occurrence on or after the range's start."""
    if item.cycle == "week":
        day = start + timedelta(days=(item.start.weekday() - start.weekday()) % 7 or 7)
        return Found(item.start_char, item.end_char, day, day + (item.end - item.start),
                     item.granularity)
    if item.cycle == "year":
        for years in range(start.year - item.start.year, start.year - item.start.year + 2):
            moved_start, moved_end = shift_years(item.start, years), shift_years(item.end, years)
            if moved_start >= start:
                return Found(item.start_char, item.end_char, moved_start, moved_end,
                             item.granularity)
    return item


def _add_anniversaries(found: list[Found], ctx: Context) -> list[Found]:
    if "anniversar" not in ctx.text:
        return found
    result = list(found)
    for match in _ANNIVERSARY.finditer(ctx.text):
        anchor_index = next(
            (i for i, f in enumerate(result)
             if f.start_char >= match.end()
             and _ANCHOR_GAP.fullmatch(ctx.text, match.end(), f.start_char)),
            None,
        )
        if anchor_index is None:
            continue
        anchor = result[anchor_index]
        if anchor.is_range or any(f.start_char < match.end() and f.end_char > match.start()
                                  for f in result):
            continue
        anniversary, kept_anchor = _anniversary(match, anchor, ctx)
        if anniversary is None:
            continue
        if kept_anchor is None:
            del result[anchor_index]
        else:
            result[anchor_index] = kept_anchor
        result.append(anniversary)
    return sorted(result, key=lambda f: f.start_char)


def _anniversary(match: re.Match[str], anchor: Found, ctx: Context
                 ) -> tuple[Found | None, Found | None]:
    """The anniversary and what remains of its anchor (None when its year is unknown)."""
    start, end = match.span()
    if match.group("nth") or match.group("count"):
        years = (ordinal_of(match.group("nth")) if match.group("nth")
                 else count_of(match.group("count")))
        if anchor.yearless:
            kept_start = shift_years(anchor.start, -years)
            kept = Found(anchor.start_char, anchor.end_char, kept_start, kept_start, "day")
            return Found(start, end, anchor.start, anchor.end, "day"), kept
        return Found(start, end, shift_years(anchor.start, years), shift_years(anchor.end, years),
                     anchor.granularity), anchor
    if anchor.granularity != "day":
        return None, anchor
    day = explicit.year_for_month_day(anchor.start.month, anchor.start.day, ctx, start, end)
    if day is None:
        return None, anchor
    return Found(start, end, day, day, "day"), None if anchor.yearless else anchor
