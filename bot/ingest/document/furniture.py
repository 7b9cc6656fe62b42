"""How a line of a web page shows it is not part of the story.

Vocabulary classes (comment forms, legal notices, newsletters, sharing widgets,
navigation) are patterns for the kind of thing a line is, not the exact strings
of one site.  `clean.py` combines them with the shape of the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FLAGS = re.IGNORECASE


def _any(*patterns: str) -> re.Pattern[str]:
    compiled = re.compile(r"(?:" + "|".join(patterns) + r")", _FLAGS)
    _GATES[compiled.pattern] = _gate(patterns)
    return compiled


# Most lines are prose that no class describes, and one regex of many alternatives costs a
# pass per alternative at every position.  A class's gate is the words each of its phrases
# opens with ("leave a", "all rights"): a line holding none of them can match only the
# phrases that open otherwise ("©", "\d+ comments"), which are tried alone.
_LEADING = re.compile(r"(?:\\b|\^)?([a-z][a-z ]*)")


@dataclass(frozen=True)
class _Gate:
    openings: tuple[str, ...]
    rest: re.Pattern[str] | None  # the phrases with no words to look for first
    # The openings as one literal alternation: a single scan of the lowered line.
    any_opening: re.Pattern[str] | None = None


_GATES: dict[str, _Gate] = {}


def _gate(patterns: tuple[str, ...]) -> _Gate:
    openings, rest = set(), []
    for pattern in patterns:
        m = _LEADING.match(pattern)
        opening = m.group(1) if m else ""
        if m is not None and pattern[m.end() : m.end() + 1] in ("?", "*", "{"):
            opening = opening[:-1]  # "comments?": its last letter may be missing
        opening = opening.rstrip()
        if len(opening) < 3 or (m is not None and pattern[m.end() : m.end() + 1] == "|"):
            rest.append(pattern)
        else:
            openings.add(opening)
    ordered = tuple(sorted(openings))
    return _Gate(ordered,
                 re.compile("|".join(rest), _FLAGS) if rest else None,
                 re.compile("|".join(map(re.escape, ordered))) if ordered else None)


# Comment sections, legal and cookie notices close a page: the story is over.
COMMENT = _any(
    r"\bleave a (?:reply|comment)\b", r"\bpost (?:a|your) comment\b", r"\badd a comment\b",
    r"\benter your (?:comment|name|email)\b", r"\bname here\b", r"\brequired fields\b",
    r"\bemail address will not be published\b", r"\bcommenters?\b", r"^comments?\s*(?:\(\d+\))?$",
    r"\b\d+\s+comments\b", r"\bcomment policy\b", r"\bcommunity guidelines\b",
    r"\bbe the first to comment\b", r"\bsign in to comment\b", r"\blog ?in to (?:comment|reply)\b",
    r"\bshow comments\b", r"\bjoin the (?:conversation|discussion)\b",
)
LEGAL = _any(
    r"\ball rights (?:of .{0,40})?reserved\b", r"\brights reserved\b", r"\bcopyright\b", r"©",
    r"\bterms of (?:use|service)\b", r"\bprivacy policy\b", r"\bwritten (?:contract|permission)\b",
    r"\blegal (?:warning|notice)\b", r"\bdisclaimer\b", r"\bwithout (?:prior )?permission\b",
    r"\bmay not be (?:published|broadcast|rewritten|redistributed|reproduced)\b",
    r"\breproduc(?:e|tion)\b.{0,40}\bprohibited\b", r"\bprivacy notice\b",
    r"\bviews expressed\b", r"\bdo(?:es)? not necessarily reflect\b", r"\beditorial policy\b",
    # Syndication notices: other editions, republishing and its fees.
    r"\brepublish(?:ing|ed)?\b", r"\bassociated fees\b",
    r"\b(?:article|story|report) is (?:also )?available in [A-Z][a-z]+\b",
    # "This story is a rewritten version of a report first published by ...".
    r"\bversion of (?:a|an|the|this) (?:report|story|article)\b",
    r"\b(?:report|story|article) (?:was )?(?:originally|first) (?:published|appeared)\b",
    r"\bedited for (?:length|clarity|style)\b",
)
COOKIE = _any(
    r"\bcookies?\b.{0,60}\b(?:consent|accept|use|policy|settings|notice)\b",
    r"\bcookies?\s+help\s+us\b", r"\baccept all\b",
    r"\bmanage (?:preferences|consent)\b", r"\breject all\b", r"\bshow purposes\b",
    r"\bwe value your privacy\b", r"\bpersonal data\b", r"\bby continuing to (?:browse|use)\b",
    r"\bstore and/or access\b",
)
# Promotions and widgets interrupt a story without ending it.
NEWSLETTER = _any(
    r"\bnewsletters?\b", r"\bsign up\b", r"\bsubscribe\b", r"\bsubscription\b", r"\binbox\b",
    r"\bby signing up\b", r"\bunsubscribe\b", r"\bdelivered (?:to you|daily|every)\b",
    r"\bget (?:the|our)\b.{0,40}\b(?:briefing|newsletter|digest)\b",
)
SOCIAL = _any(
    r"^share\b", r"\bshare (?:this|on|via|article)\b", r"\bfacebook\b", r"\btwitter\b",
    r"\bwhatsapp\b", r"\blinkedin\b", r"\breddit\b", r"\bpinterest\b", r"\bfollow us\b",
    r"\bemail this\b", r"\bprint this\b", r"\bcopy link\b", r"\binstagram\b", r"\btiktok\b",
    r"\byoutube\b", r"\bflipboard\b", r"\bforward (?:this )?to a friend\b",
)
NAVIGATION = _any(
    r"^(?:read|see) (?:more|also)\b", r"^also read\b", r"^related\b", r"^recommended\b",
    r"\bclick here\b", r"\bcontinue reading\b", r"^read next\b", r"^advertisement\b",
    r"^sponsored\b", r"\bstory continues (?:below|after)\b", r"\bscroll to continue\b",
    r"\bskip (?:ad|advertisement)\b",
    r"^(?:skip|jump) to (?:the )?(?:main |page )?(?:content|navigation|menu|search|footer)\b",
    r"\blisten to (?:this )?article\b",
    r"\b\d+ min(?:ute)? read\b",
    r"^watch\b", r"^(?:list of \d+ items|end of list)$", r"^(?:back to top|top of page)$",
    r"^list \d+ of \d+$", r"^keep reading$", r"\bsave (?:articles?|stories) to read later\b",
    r"\breading list\b",
    # "This is AI generated summarization, which may have errors."
    r"\bai[- ]generated (?:summar\w*|content|text)\b", r"\brefer to the full article\b",
)
# Headings that introduce other stories: what follows is not this story.
OTHER_STORIES = _any(
    r"^more (?:from|on|in|stories|news)\b", r"^most (?:read|popular|viewed|shared)\b",
    r"^(?:you )?(?:may|might) also (?:like|be interested)\b",
    r"^related (?:stories|articles|news|coverage|content)\b",
    r"^(?:latest|top|trending|recommended) (?:news|stories|articles)\b", r"^trending\b",
    r"^in other news\b", r"^what to read next\b", r"^editor'?s picks?\b",
)
# An author's bio closes a newsletter or an opinion piece, however long its first line.
# "World: Gaza talks edge forward": a site's section, not the headline's words.
SECTION_LABEL = re.compile(
    r"^(?:World|World news|Middle East|Mideast|Region|Politics|Analysis|Opinion|Comment|"
    r"Live|Breaking|Exclusive|Explainer|Update|Latest|News|Features?|Israel at War|"
    r"Africa|Europe|Asia|Americas|International)\s*[:|]\s+(?=\S)"
    # A wire slug before a headline: "UPDATE 2-", "WRAPUP 1-", "CORRECTED-", "EXCLUSIVE-".
    r"|^(?-i:(?:UPDATE|WRAPUP|CORRECTED|REFILE|EXCLUSIVE|INSIGHT|ANALYSIS|FACTBOX|"
    r"EXPLAINER|TIMELINE)(?:\s+\d{1,2})?\s*-\s*)(?=\S)",
    _FLAGS,
)
AUTHOR_BIO = re.compile(r"^about (?:the|this) (?:authors?|writers?|contributors?)\b", _FLAGS)
CREDIT = _any(
    r"\breporting by\b", r"\bediting by\b", r"\bwriting by\b", r"\badditional reporting\b",
    r"\bcontributed to this report\b", r"\bcompiled by\b", r"^\s*by\s+[A-Z]",
)
MEDIA = _any(
    # "1 of 6 Displaced Palestinians pack...": a gallery's counter before its caption.
    r"\bview gallery\b", r"^\d{1,2} of \d{1,2}\s+[A-Z]",
    r"\b(?:photo|video|image|picture)s?\s*(?:gallery|credit)?\s*:",
    r"\bgallery\b", r"\bslideshow\b", r"\bgetty images\b", r"\bshutterstock\b",
    r"\b(?:photo|file photo|image|video)\b.{0,40}\b(?:afp|ap|reuters|getty|epa|via)\b",
)
# "TRUCE. Palestinians fleeing north Gaza move southward ..., near Gaza City, November 27,
# 2023.": a photo caption under its one-word label, ending with where and when it was taken.
CAPTION_LABEL = re.compile(
    r"^[A-Z]{3,}(?:\s+[A-Z]{2,}){0,2}\.\s+[A-Z].*,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|"
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})\.?$"
)
# A credit in parentheses that ends a caption: "(AP Photo/Abdel Kareem Hana)".
CAPTION_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|video|image|credit|file|getty|afp|epa|via|courtesy)\b[^()]*)\)\s*$",
    _FLAGS,
)
# An agency sign-off at the end of a story paragraph: "... further. (ILKHA)".
TRAILING_AGENCY = re.compile(r"\s*\((?:[A-Z][A-Za-z&.]{1,15}(?:/[A-Z][A-Za-z&.]{1,15})?)\)\s*$")

_CLASSES = (
    ("comment", COMMENT), ("legal", LEGAL), ("cookie", COOKIE), ("newsletter", NEWSLETTER),
    ("social", SOCIAL), ("navigation", NAVIGATION), ("credit", CREDIT), ("media", MEDIA),
    ("other_stories", OTHER_STORIES),
)
# One scan per line: every class is a named group of a single alternation.
_ALL = re.compile(
    "|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in _CLASSES), _FLAGS
)


def vocabulary_hits(line: str) -> list[str]:
    """The furniture classes whose vocabulary occurs in `line`, each class once."""
    lowered = line.lower()
    found = []
    for order, (name, pattern) in enumerate(_CLASSES):
        gate = _GATES[pattern.pattern]
        opened = gate.any_opening is not None and gate.any_opening.search(lowered)
        scan = pattern if opened else gate.rest
        if scan is not None:
            found += [(m.start(), order, m.end(), name) for m in scan.finditer(line)]
    # As one alternation reads it: left to right, the first class at a place wins and the
    # line goes on after its phrase ("Related articles" is navigation, not two classes).
    hits: list[str] = []
    end = 0
    for start, _, stop, name in sorted(found):
        if start >= end:
            end = stop
            if name not in hits:
                hits.append(name)
    return hits


def vocabulary_match_count(line: str) -> int:
    """How many furniture phrases `line` holds: a notice repeats its vocabulary."""
    return sum(1 for _ in _ALL.finditer(line))
