"""Words and regex fragments for English news dates, compiled into the rules at import.

Month and weekday names are matched case-sensitively: wire copy always capitalises them,
and that alone keeps the verb "may", "march on" and "august body" out.
"""

from __future__ import annotations

from collections.abc import Iterable

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6,
    "July": 7, "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}
MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7,
    "Aug": 8, "Sept": 9, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3,
    "Friday": 4, "Saturday": 5, "Sunday": 6,
}
WEEKDAY_ABBREVIATIONS = {
    "Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
    "Fri": 4, "Sat": 5, "Sun": 6,
}
# Meteorological seasons (northern hemisphere), as start month and length in months.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30, "fiftieth": 50,
}


# The days of a month in words: "the first of December", "Sunday the eighth".
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
DAY_WORDS = {
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "thirty-first": 31,
    **{f"twenty-{w}": 21 + i for i, w in enumerate(_UNITS)},
}


def _alternation(words: Iterable[str]) -> str:
    # Longest first so that "Sept" wins over "Sep" and "Thursday" over "Thu".
    return "|".join(sorted(words, key=len, reverse=True))


MONTH_FULL = rf"(?:{_alternation(MONTHS)})"
MONTH_ANY = rf"(?:{_alternation(MONTHS)}|(?:{_alternation(MONTH_ABBREVIATIONS)})(?![a-z])\.?)"
WEEKDAY_FULL = rf"(?:{_alternation(WEEKDAYS)})"
WEEKDAY_ANY = rf"(?:{_alternation(WEEKDAYS)}|(?:{_alternation(WEEKDAY_ABBREVIATIONS)})(?![a-z])\.?)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|:\d)"  # not a clock ("7:30")
YEAR = r"(?:19|20)\d{2}(?![\d%])"
DAY_WORD = rf"(?i:{_alternation(DAY_WORDS)})(?![\w-])"
NUMBER = rf"(?:\d{{1,3}}|(?i:{_alternation(NUMBER_WORDS)}))"
ORDINAL = rf"(?:\d{{1,3}}(?:st|nd|rd|th)|(?i:{_alternation(ORDINAL_WORDS)}))"
SEASON = rf"(?:{_alternation(SEASONS)})"
DASH = r"(?:-|–|—)"
# Connectors between the two ends of a range, with their spacing.
RANGE_JOIN = rf"(?:\s*{DASH}\s*|\s+(?:to|and|until|till|through|thru)\s+)"


def month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name) or MONTH_ABBREVIATIONS[name]


def weekday_number(name: str) -> int:
    name = name.rstrip(".")
    return WEEKDAYS[name] if name in WEEKDAYS else WEEKDAY_ABBREVIATIONS[name]


def count_of(words: str) -> int:
    words = " ".join(words.lower().split())
    return int(words) if words.isdigit() else NUMBER_WORDS[words]


def ordinal_of(words: str) -> int:
    words = words.lower()
    return int(words[:-2]) if words[:1].isdigit() else ORDINAL_WORDS[words]

# What a sentence must contain for a rule to be worth running: most sentences hold no
# date, and a substring test is far cheaper than a regex scan.  Needles with a capital
# are looked for as written (month and weekday rules are case-sensitive), the others in
# the lower-cased sentence.
DIGITS = tuple("0123456789")
CENTURIES = ("19", "20")
MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAY_WORDS = tuple(WEEKDAYS)
SEASON_WORDS = tuple(SEASONS)
