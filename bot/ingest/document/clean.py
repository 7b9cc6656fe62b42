"""From the text of a web page to the paragraphs of its story.

A page brings furniture (captions, credits, share buttons, comment forms, legal
notices) and often other stories appended after the end of this one.  Lines are
judged by shape (length, final punctuation, script, parentheses), by vocabulary
class (see `furniture.py`) and by position: after a comment form or a legal
notice, a paragraph stays only if it shares the story's actors and places, and
trailing paragraphs that share nothing with the story are cut.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from bot.gazetteer import load_gazetteer
from bot.ingest.document.furniture import (
    AUTHOR_BIO,
    CAPTION_CREDIT,
    CAPTION_LABEL,
    SECTION_LABEL,
    TRAILING_AGENCY,
    vocabulary_hits,
    vocabulary_match_count,
)
from bot.names import name_key


@dataclass
class CleanedArticle:
    title: str
    paragraphs: list[str]
    dropped: list[str] = field(default_factory=list)
    # A live page's entry stamp ("Fri 1 Dec, 07:24") each paragraph was posted under, or
    # None: the day its "today" and "on Friday" are told from.
    stamps: list[str | None] = field(default_factory=list)


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# "Driving the news:", "What they're saying:": a capitalised word, a few lowercase ones,
# a colon, then a sentence.  A speaker's name before a colon has a capital or a speech verb.
_RUBRIC = re.compile(r"^([A-Z][a-z'’]*(?:\s+[a-z][a-z'’]*){1,4}):\s+(?=[A-Z\"“‘'])")
_SPEECH_WORD = re.compile(
    r"\b(?:said|says|told|tells|wrote|writes|added|adds|tweeted|posted|stated|announced)\b"
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*–—-]|\d{1,2}[.)])\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
_BREADCRUMB = re.compile(r"\s[|›»>/·•]\s")
_COUNTER_KICKER = re.compile(
    r"^\s*(?:Day|Week|Month)\s+\d{1,4}\s+(?:of|since)\s+(?:the\s+)?[\w\s-]{2,30}$",
    re.IGNORECASE,
)
_ASKS_ABOUT_A_PLACE = re.compile(r"\bin\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*\?$")
_TERMINAL = re.compile(r"[.!?:;…]$")
_CLOSERS = "\"'”’)]»"
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS}|published|updated|posted|last|on|at|am|pm|a\.m|p\.m|gmt|utc|"
    r"et|edt|est|cet|ist|idt|local|time|min|mins|read|ago|hours?|minutes?)\b\.?",
    re.IGNORECASE,
)
_HAS_DATE = re.compile(rf"\b(?:{_MONTHS})\b\.?\s*\d|\b\d{{1,2}}:\d{{2}}\b|\b(?:19|20)\d\d\b", re.I)
_TABLE_ROW = re.compile(rf"^(?:(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d|"
                        r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d\d)\b\s+\S", re.IGNORECASE)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|"
    r"said|says|did|does|do|told|[a-z]{3,}ed|[a-z]{3,}s)\b"
)
# Long furniture lines are notices; these words mark them (see furniture.py).
_NOTICE_WORDS = frozenset(
    """rights reserved copyright terms privacy commenter commenters comments cookie cookies
    newsletter newsletters subscribe subscription disclaimer permission contract reproduction
    redistributed rewritten condensed abridged unsubscribe inbox signing republishing
    republish summarization summarisation""".split()
)
_STOP = frozenset(
    "the a an and or but in on at of to for from with by as is are was were be been has have had "
    "this that these those it its he she they his her their we our you your i not no yet also "
    "however meanwhile while after before since when where which who whom whose what why how "
    "there here than then so if into over under about against between during without within "
    "more most some any all both each such only other new said says would could will can may "
    "one two three four five last first next after amid despite according".split()
)


# A letter of another script, or the two signs of the Latin range that are no letters.
_NOT_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]|[\u00d7\u00f7]")


def _latin_share(line: str) -> float:
    if not _NOT_LATIN.search(line):
        return 1.0  # (every letter Latin: the count below comes to the same)
    letters = len(_LETTER.findall(line))
    return len(_LATIN_LETTER.findall(line)) / letters if letters else 1.0


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _term_words(text: str) -> list[str]:
    """Words with possessives removed, so "Israel's" counts as Israel."""
    # (few words hold an apostrophe: the others are kept without a regex call each)
    return [_POSSESSIVE.sub("", w) if "'" in w or "’" in w else w for w in _WORD.findall(text)]


def ends_as_prose(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip(_CLOSERS + " ")))


_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+"
# "27-28 February": a timeline's entry for two days, dated by its first.
_DAY_MONTH = (r"(?:\d{1,2}(?:[-–]\d{1,2})?\s+[A-Z][a-z]{2,8}\.?|"
              r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:[-–]\d{1,2})?)(?:,?\s+\d{4})?")
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?"
# A live page's entry stamp: a day and a time on a line of their own ("Fri 1 Dec, 07:24",
# "1 December 2023 13:20 GMT", "Dec. 2, 2023, 6:52 p.m.").
LIVE_STAMP = re.compile(rf"(?:{_WEEKDAY})?{_DAY_MONTH},?\s+(?:at\s+)?{_CLOCK}")
# Pages that head each day's entries with the day ("Saturday 2 December") and stamp each
# entry with a bare time ("16:20"): the time is of the day above it.
_DAY_HEADING = re.compile(rf"(?:{_WEEKDAY})?{_DAY_MONTH}")
_BARE_CLOCK = re.compile(_CLOCK)
# "August 15-16, 2024 - The Doha 'bridging proposal'": a timeline's dated heading.
_MONTH_HEADING = re.compile(r"[A-Z][a-z]{2,8}\s+\d{4}\s+[-–—:|]\s+\S.*")
_DATED_HEADING = re.compile(rf"(?P<day>{_DAY_MONTH})\s+[-–—:|]\s+\S.*")
# "18:40 - Harris calls Qatar's emir after talks stall": an entry's time and headline.
_CLOCK_HEADLINE = re.compile(rf"({_CLOCK})\s+[-–—|:]\s+\S.*")
_HAS_WEEKDAY_OR_DIGITS = re.compile(r"\d")


# "=== Monday, January 29 ===": the rules a page draws around a heading.
_RULES = "=*#~_-–— "


def _title_case(line: str) -> str:
    return line.title() if line.isupper() else line


def _is_dateline(line: str) -> bool:
    # (every date _HAS_DATE finds has a digit, and most lines have none)
    if not _HAS_WEEKDAY_OR_DIGITS.search(line) or not _HAS_DATE.search(line):
        return False
    rest = _DATE_WORDS.sub(" ", line)
    return len([w for w in _words(rest) if len(w) > 1]) <= 2


def _is_verbless_fragment(line: str) -> bool:
    words = _words(line)
    return len(words) <= 6 and not _VERBISH.search(line)


def _hits(line: str, words: list[str]) -> list[str]:
    """Vocabulary classes of a line; a long line needs a notice word to be scanned at all."""
    if len(words) > 12 and not _NOTICE_WORDS.intersection(w.lower() for w in words):
        return []
    return vocabulary_hits(line)


def _is_heading(words: list[str]) -> bool:
    """Title Case lines ("Egypt's Role: Broker, Mediator, or Something More?")."""
    long_words = [w for w in words if len(w) > 3]
    if len(words) > 12 or len(long_words) < 2:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75


@dataclass
class _Line:
    text: str
    verdict: str  # "story", "furniture", "closing" (comment/legal), "other_stories"


def _judge(line: str, position: int) -> _Line:
    """Verdict on one non-empty line; `position` counts lines after the title."""
    signed_off = TRAILING_AGENCY.sub("", line)
    if signed_off != line and ends_as_prose(signed_off):
        line = signed_off
    words = _words(line)
    if not words or _latin_share(line) < 0.5:
        return _Line(line, "furniture")
    if line.startswith("(") and line.endswith(")"):
        return _Line(line, "furniture")
    hits = _hits(line, words)
    if AUTHOR_BIO.match(line) or ("other_stories" in hits and len(words) <= 6):
        return _Line(line, "other_stories")
    closing = [h for h in hits if h in ("comment", "legal", "cookie")]
    # A consent banner's vocabulary is unmistakable; a legal notice repeats its phrases.
    if "cookie" in closing or (closing and (
        len(words) <= 12 or len(hits) >= 2 or len(closing) >= 2
        or vocabulary_match_count(line) >= 2
    )):
        return _Line(line, "closing")
    if hits and (len(words) <= 12 or len(set(hits)) >= 2 or vocabulary_match_count(line) >= 2):
        return _Line(line, "furniture")
    if _is_dateline(line) and len(words) <= 12:
        return _Line(line, "furniture")
    if CAPTION_CREDIT.search(line) or CAPTION_LABEL.match(line):
        return _Line(line, "furniture")
    if _BULLET.match(line):
        body = _BULLET.sub("", line, count=1)
        # "1. SPY CHIEF IN, SPY CHIEF OUT": a newsletter's numbered heading.
        shouting = body.isupper() and not ends_as_prose(body)
        return _Line(body, "story" if len(_words(body)) >= 3 and not shouting else "furniture")
    if _TABLE_ROW.match(line) and len(words) >= 3:
        return _Line(line, "story")
    if _ASKS_ABOUT_A_PLACE.search(line) and len(words) <= 8:
        # "And in Istanbul?": an explainer's question heading, which places its answer.
        return _Line(line, "story")
    if _is_heading(words):
        return _Line(line, "furniture")
    if ends_as_prose(line):
        if _is_verbless_fragment(line) or (line.endswith(":") and len(words) <= 2):
            return _Line(line, "furniture")
        return _Line(_without_rubric(line), "story")
    # No final punctuation: a heading, caption, link or tag, unless long enough
    # to be a standfirst.
    return _Line(line, "story" if len(words) >= 20 else "furniture")


def _without_rubric(line: str) -> str:
    """A brief's section label ("Why it matters: ...") is no part of the sentence after it."""
    match = _RUBRIC.match(line)
    if not match or _SPEECH_WORD.search(match[1]) or len(_words(line[match.end():])) < 4:
        return line
    return line[match.end():]


def _split_title(lines: list[str], title_hint: str | None) -> tuple[str, list[str], list[str]]:
    """The title, the lines after it, and the kicker/link lines before it."""
    if title_hint:
        hint = name_key(title_hint)
        for i, line in enumerate(lines[:6]):
            if name_key(line) == hint:
                return SECTION_LABEL.sub("", title_hint.strip()), lines[i + 1 :], lines[:i]
        return SECTION_LABEL.sub("", title_hint.strip()), lines, []
    for i, line in enumerate(lines[:6]):
        words = _words(line)
        if vocabulary_hits(line):
            continue  # a consent banner or a share bar can sit above the title
        if _COUNTER_KICKER.match(line):
            continue  # "Day 315 of the war": a live page's running count, above its title
        if len(words) >= 30 or (len(words) >= 20 and line.rstrip(_CLOSERS).endswith(".")):
            break  # the story's first paragraph (a long headline asks a question)
        if (
            len(words) >= 4
            and not line.rstrip(_CLOSERS).endswith(".")
            and not _is_masthead(line, words)
            and not _is_dateline(line)
            and not _BREADCRUMB.search(line)
            and _latin_share(line) >= 0.5
        ):
            return SECTION_LABEL.sub("", line), lines[i + 1 :], lines[:i]
    return "", lines, []


# A page's top bar: the site's name in capitals, or its menu ("Menu Search Log in Donate").
_MENU_WORDS = frozenset(
    "menu search log login sign donate subscribe subscribers edition home sections account "
    "register newsletters podcasts video live online english view email browser".split()
)


def _is_masthead(line: str, words: list[str]) -> bool:
    letters = [c for c in line if c.isalpha()]
    capitals = sum(c.isupper() for c in letters) / len(letters) if letters else 0
    menu = sum(w.lower() in _MENU_WORDS for w in words)
    # "LIVE: Gaza truce over ... calls negotiators home": a headline with two such words.
    return capitals >= 0.8 or (menu >= 2 and menu >= 0.4 * len(words))


def _terms(text: str) -> set[str]:
    """The story terms of a text: named things (by gazetteer key) and content words."""
    gazetteer = load_gazetteer()
    terms: set[str] = set()
    for word in _term_words(text):
        lower = word.lower()
        if lower in _STOP or len(word) < 3:
            continue
        if word[0].isupper():
            entry = gazetteer.exact(word)
            terms.add(entry.key if entry else name_key(word))
        elif len(word) >= 5:
            terms.add(lower)
    return terms


def _named_terms(text: str) -> set[str]:
    gazetteer = load_gazetteer()
    found: set[str] = set()
    for word in _term_words(text):
        if word[0].isupper() and word.lower() not in _STOP:
            entry = gazetteer.exact(word)
            found.add(entry.key if entry else name_key(word))
    return found


def _after_closing_is_story(paragraph: str, title_named: set[str], story_named: set[str]) -> bool:
    """After a comment form or legal notice only a clear continuation stays."""
    named = _named_terms(paragraph)
    return len(named & title_named) >= 2 and len(named & story_named) >= 3


# The bot follows one story, the Gaza ceasefire talks; a trailing paragraph that shares
# a single name with it (a country, a first name) belongs to it only if it also speaks
# of the story's matter.
_TOPIC = re.compile(
    r"\b(?:gaza|hamas|ceasefire|cease-fire|truce|hostages?|captives?|prisoners?|negotiat\w*|"
    r"talks|mediat\w*|delegations?|deal|agreement|envoy|war|strikes?|palestin\w*|"
    # "30 Nov 2023: A further one-day extension is agreed": the truce's matter too.
    r"pause|extension|extended)\b",
    re.IGNORECASE,
)
_CALENDAR = frozenset(name_key(w) for w in (_MONTHS + "|" + _WEEKDAYS).split("|"))


def _belongs(paragraph: str, terms: set[str], story: set[str]) -> bool:
    shared = (terms & story) - _CALENDAR
    return len(shared) >= 2 or (len(shared) == 1 and bool(_TOPIC.search(paragraph)))


# Name words an off-story entry brings that the rest of the page never uses ("Bilawal
# Bhutto Zardari", "Pakistan Peoples Party"); "the White House" and "the Middle East" are
# not enough.
_OWN_NAMES = 6


_CAPTION_WORDS = 45
_INNER_STOP = re.compile(r"[.!?][\"”’']?\s+[A-Z]")


def _twice_told(judged: list[_Line]) -> list[_Line]:
    """A photo's alt text and its caption, the same line twice in a row: neither is story.
    A caption is one sentence; a story paragraph told twice by a glitch keeps its place."""
    out = list(judged)
    for i in range(1, len(out)):
        if out[i].verdict == "story" and len(_words(out[i].text)) <= _CAPTION_WORDS \
                and not _INNER_STOP.search(out[i].text) \
                and name_key(out[i].text) == name_key(out[i - 1].text):
            out[i - 1] = _Line(out[i - 1].text, "furniture")
            out[i] = _Line(out[i].text, "furniture")
    return out


def _cut_unrelated_entries(
    paragraphs: list[str], stamps: list[str | None], title: str
) -> tuple[list[str], list[str | None], list[str]]:
    """A live page's entries that share no actor, place or topic word with the rest of the
    page ("9:48 PM Pakistan: Bhutto Zardari bows out ..." on a Gaza talks page)."""
    if len({s for s in stamps if s}) < 3:
        return paragraphs, stamps, []
    entries: list[list[int]] = []
    for i, stamp in enumerate(stamps):
        if entries and stamp == stamps[entries[-1][0]]:
            entries[-1].append(i)
        else:
            entries.append([i])
    term_sets = [_terms(p) for p in paragraphs]
    off: set[int] = set()
    for entry in entries:
        if stamps[entry[0]] is None:
            continue
        others = [i for i in range(len(paragraphs)) if i not in entry]
        counts: Counter[str] = Counter(_terms(title))
        for i in others:
            counts.update(term_sets[i])
        named = _named_terms(title + " " + " ".join(paragraphs[i] for i in others))
        story = {t for t, n in counts.items() if n >= 2 or t in named}
        # Off the story only when it tells of people and places of its own and no word of
        # the story's topic: an entry is short, and "the US president told reporters there
        # was a real chance" belongs to the story without naming it.
        text = " ".join(paragraphs[i] for i in entry)
        own_names = _named_terms(text) - named
        if len(own_names) >= _OWN_NAMES and not _TOPIC.search(text) and not any(
            _belongs(paragraphs[i], term_sets[i], story) for i in entry
        ):
            off.update(entry)
    return ([p for i, p in enumerate(paragraphs) if i not in off],
            [s for i, s in enumerate(stamps) if i not in off],
            [paragraphs[i] for i in sorted(off)])


_DATED_ENTRY = re.compile(rf"{_DAY_MONTH}\s*[-–—:|]\s+\S")


def _cut_unrelated_tail(paragraphs: list[str], title: str) -> tuple[list[str], list[str]]:
    """Cut trailing paragraphs that share no actor, place or topic word with the story."""
    if len(paragraphs) < 4:
        return paragraphs, []
    term_sets = [_terms(p) for p in paragraphs]
    title_terms = _terms(title)
    end = len(paragraphs)
    while end > len(paragraphs) // 2 + 1:
        counts: Counter[str] = Counter(title_terms)
        for terms in term_sets[: end - 1]:
            counts.update(terms)
        named = _named_terms(title + " " + " ".join(paragraphs[: end - 1]))
        story = {t for t, n in counts.items() if n >= 2 or t in named}
        if _belongs(paragraphs[end - 1], term_sets[end - 1], story) or (
            _DATED_ENTRY.match(paragraphs[end - 1]) and _DATED_ENTRY.match(paragraphs[end - 2])
        ):
            break  # (an entry of the chronology the paragraphs before it run through)
        end -= 1
    return paragraphs[:end], paragraphs[end:]


def _opens_list(item: _Line) -> bool:
    """"Keep reading", "Related", "list of 4 items": links to other stories follow."""
    # Most lines are story and long: the cheap tests first, the vocabulary scan last.
    return item.verdict != "story" and len(_words(item.text)) <= 6 and bool(
        {"navigation", "other_stories"} & set(vocabulary_hits(item.text))
    )


def _is_list_headline(line: str) -> bool:
    # A linked headline may end in a question mark; story paragraphs end in a full stop.
    return len(_words(line)) <= 15 and not line.rstrip(_CLOSERS + " ").endswith(".")


def clean_article(text: str, *, title_hint: str | None = None) -> CleanedArticle:
    """Keep the story's title and paragraphs; list everything else under `dropped`."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line.strip("\"'“”‘’ ")]
    title, body, before = _split_title(lines, title_hint)
    dropped = list(before)
    judged = _twice_told([_judge(line, i) for i, line in enumerate(body)])
    story_chars = sum(len(j.text) for j in judged if j.verdict == "story")
    paragraphs: list[str] = []
    stamps: list[str | None] = []
    stamp: str | None = None
    day_heading: str | None = None
    seen_chars = 0
    closed_at: str | None = None
    inline_box = False
    in_list = False
    for item in judged:
        if LIVE_STAMP.fullmatch(item.text):
            stamp = item.text
        elif _DAY_HEADING.fullmatch(heading := _title_case(item.text.strip(_RULES))) and \
                _HAS_WEEKDAY_OR_DIGITS.search(item.text):
            day_heading = heading  # "SATURDAY 24 FEBRUARY" as "Saturday 24 February"
            # A timeline's entries ("24 October 2024" over what happened that day) and a
            # live page's day before its first stamped entry are of that day.
            stamp = heading
        elif (dated := _DATED_HEADING.fullmatch(item.text)) and not ends_as_prose(item.text) \
                and len(_words(item.text)) <= 14 and _HAS_WEEKDAY_OR_DIGITS.search(dated["day"]):
            day_heading = stamp = dated["day"]
            item = _Line(item.text, "furniture")
        elif _MONTH_HEADING.fullmatch(item.text) and not ends_as_prose(item.text) \
                and len(_words(item.text)) <= 10:
            # "January 2025 - Back to Doha": a month's entry, of no one day.
            day_heading, stamp = None, None
            item = _Line(item.text, "furniture")
        elif day_heading is not None and _BARE_CLOCK.fullmatch(item.text):
            stamp = f"{day_heading}, {item.text}"
        elif _BARE_CLOCK.fullmatch(item.text):
            stamp = item.text  # "9:48 PM" over an entry: a live page of the report's day
        elif day_heading is not None and (clock := _CLOCK_HEADLINE.fullmatch(item.text)) \
                and not ends_as_prose(item.text):
            stamp = f"{day_heading}, {clock[1]}"
            item = _Line(item.text, "furniture")
        elif day_heading is not None and item.verdict != "story" and stamp is not None \
                and stamps and stamps[-1] == stamp:
            # "Summary of Saturday" after an entry's text: what follows is no longer that
            # entry's (its headline comes before its text, never after).
            stamp = None
        if _opens_list(item):
            in_list = True
        elif in_list and item.verdict == "story" and _is_list_headline(item.text):
            item = _Line(item.text, "furniture")
        elif item.verdict == "story":
            in_list = False
        if closed_at == "other_stories":
            dropped.append(item.text)
            continue
        if item.verdict in ("closing", "other_stories") and seen_chars >= 0.6 * story_chars:
            closed_at = item.verdict
            inline_box = "comment" not in vocabulary_hits(item.text)
            dropped.append(item.text)
            continue
        if item.verdict != "story":
            dropped.append(item.text)
            continue
        if closed_at == "closing":
            story_so_far = " ".join(paragraphs)
            if not _after_closing_is_story(
                item.text, _named_terms(title) or _named_terms(story_so_far),
                _named_terms(story_so_far),
            ):
                dropped.append(item.text)
                continue
            if inline_box:
                # A newsletter box inside the story: the story resumes after it.
                closed_at = None
        paragraphs.append(item.text)
        stamps.append(stamp)
        seen_chars += len(item.text)
    paragraphs, stamps, off_story = _cut_unrelated_entries(paragraphs, stamps, title)
    dropped += off_story
    paragraphs, tail = _cut_unrelated_tail(paragraphs, title)
    paragraphs, stamps = _join_continued_quotes(paragraphs, stamps[: len(paragraphs)])
    return CleanedArticle(title=title, paragraphs=paragraphs, dropped=dropped + tail,
                          stamps=stamps)


def _left_open(paragraph: str) -> bool:
    curly = paragraph.count("“") > paragraph.count("”")
    return paragraph[:1] in "“\"" and (curly or paragraph.count('"') % 2 == 1)


def _join_continued_quotes(
    paragraphs: list[str], stamps: list[str | None]
) -> tuple[list[str], list[str | None]]:
    """A quote runs on when its paragraph ends without a closing mark and the next one
    opens with a mark again (the news convention): one statement, one paragraph."""
    joined: list[str] = []
    kept: list[str | None] = []
    for paragraph, stamp in zip(paragraphs, stamps, strict=True):
        if joined and _left_open(joined[-1]) and paragraph[:1] in "“\"":
            joined[-1] = f"{joined[-1]} {paragraph[1:]}"
        else:
            joined.append(paragraph)
            kept.append(stamp)
    return joined, kept
