"""Proposals and plans on the table.

A proposal is named the way news names it: by its terms ("60-day truce",
"month-long truce", "20-point plan"), by its author ("Witkoff proposal", "Trump’s
plan"), by what it would do ("a U.S. proposal ... to extend the first phase"), by
a description ("phased reoccupation strategy", a “bridging proposal”) or by an
offer ("Israel offered to end the war if ...").  A plan someone may present if
something fails is not on the table, and a truce the story recalls is background
(see past_deals.py), not a proposal of the day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot.ingest.document.passages import Mark, Passage, QuoteSpan
from bot.ingest.events.past_deals import recalled_deal
from bot.ingest.model import ExtractedEvent, Participant, When

_NUMBER_WORDS = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
    r"forty|forty-two|forty-five|fifty|sixty|ninety|hundred"
)
_PLAN_NOUN = r"(?:truce|ceasefire|cease-fire|plan|proposal|deal|agreement|initiative|framework|" \
    r"roadmap|road map|pause|offer|strategy)"
_TERMS = re.compile(
    rf"\b(?P<n>{_NUMBER_WORDS})[- ](?P<unit>day|week|month|year|point|phase|stage|step)"
    rf"(?:[- ][\w-]+){{0,2}}?[- ](?P<noun>{_PLAN_NOUN})\b",
    re.IGNORECASE,
)
# "month-long truce", "weeklong ceasefire": terms by length, no number.
_LENGTH = re.compile(
    rf"\b(?P<unit>day|week|month|year)s?-?long(?:[- ][\w-]+){{0,2}}?[- ](?P<noun>{_PLAN_NOUN})\b",
    re.IGNORECASE,
)
_OWNED = re.compile(
    rf"^(?P<poss>’s|'s)?\s*(?:[\w-]+\s+){{0,2}}?(?P<noun>{_PLAN_NOUN})\b", re.IGNORECASE
)
_PUT_FORWARD = re.compile(
    rf"\b(?P<noun>{_PLAN_NOUN})s?\s+(?:put forward|presented|submitted|drafted|offered|"
    r"proposed|backed|brokered)\s+by\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?$",
    re.IGNORECASE,
)
_DESCRIBED = re.compile(
    r"\b(?:a|an|the|its|their)\s+(?P<mods>(?:[“”\"‘’\w-]+\s+){1,3}?)"
    r"(?P<noun>plan|proposal|strategy|initiative|framework|roadmap|offer)s?\b",
    re.IGNORECASE,
)
_TEMPORARY = re.compile(
    r"\b(?P<mods>temporary|interim|partial|phased)\s+(?P<noun>truce|ceasefire)\b", re.IGNORECASE
)
_OFFERED = re.compile(
    r"\b(?:has |had |have )?(?:reportedly |formally |also )?(?:offered|proposed)\s+(?:to\s+)?"
    r"(?P<what>[^.;,]{8,120})",
    re.IGNORECASE,
)
# "a U.S. proposal, presented by envoy X, to extend the first phase": the plan's terms.
_CONTENT = re.compile(
    r"^(?P<aside>,[^,.;]{1,60},)?\s+to\s+(?P<what>(?!(?:the|a|an|be|date|end|this|that)\b)"
    r"[a-z]+\s[^.;,]{3,100})"
)
# "three phases of 42 days each": a plan's shape, named as the story writes it.
_PHASES = re.compile(
    rf"\b(?P<n>{_NUMBER_WORDS})\s+(?:phases|stages)\s+of\s+(?:{_NUMBER_WORDS})\s+"
    r"(?:days|weeks)(?:\s+each)?\b",
    re.IGNORECASE,
)
# "Israel brought new conditions to the table": whatever a side lays on the table.
_TABLED = re.compile(
    r"\b(?:brought|put|placed|laid|tabled)\s+(?:what\s[^.;]{0,60}?\s(?:as|called|termed)\s+)?"
    r"(?:(?:a|an|the|its|their|his|her)\s+)?"
    r"(?P<what>(?:[a-z][\w-]*\s+){0,2}(?:conditions|demands|terms|proposals?|offer|ideas))"
    r"\s+(?:to|on)\s+the\s+table\b",
)
# "The cabinet approved on Sunday a plan to expand the operation if ...": a decided plan,
# named by what it would do, up to the condition or the end of the clause.
_DECIDED_PLAN = re.compile(
    r"\b(?:approved|adopted|endorsed|unveiled|announced|drew up)\b[^.;:]{0,30}?\s"
    r"(?:a|an|the|its|their)\s+(?P<what>plan\s+to\s+[a-z]+\s[^.;,]{3,80}?)"
    r"(?=\s+(?:if|unless|which|that|after|before|as|when|while|amid)\b|[.;,]|$)",
)
# "the ceasefire agreement reached in Doha": a deal made is a deal on record.
_REACHED_DEAL = re.compile(
    r"\b(?:the|a|an)\s+(?P<what>(?:ceasefire|cease-fire|truce|hostage)\s+(?:agreement|deal))"
    r"\s+(?:was\s+|were\s+|that\s+was\s+)?(?:reached|signed|agreed|struck|brokered)\b",
    re.IGNORECASE,
)
# "American officials may present a final compromise proposal": not on the table yet.
_HYPOTHETICAL = re.compile(
    r"\b(?:may|might|could|would)\s+(?:\w+\s+)?(?:present|propose|offer|put forward|submit|"
    r"table|unveil|draft|float|make|come up with)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# Words that cannot stand between an author and the plan: "Hamas said the agreement".
_NOT_NAME_WORDS = frozenset(
    """said says told was is were are has have had that this the a an to and or of
    rejected accepted welcomed called""".split()
)
_LINKS = frozenset({"of", "for", "to", "on", "in", "with", "by", "from", "and", "or"})
# A determiner inside the words before a plan starts a new noun phrase: "the group
# approved their proposal" names no "group approved" plan.
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that"})
# Modifiers that do not make a plan a particular plan.
_GENERIC = frozenset(
    {"the", "a", "an", "new", "same", "this", "that", "his", "her", "its", "their", "any",
     "other", "such", "current", "latest", "formal", "overall", "proposed", "whole", "said"}
)

def find_proposals(
    passages: list[Passage], published: date, name_of: Callable[[str], str]
) -> list[ExtractedEvent]:
    """Proposals the story mentions, once per article each."""
    events: dict[str, ExtractedEvent] = {}
    for passage in passages:
        blank = passage.blank
        for index, start, end in passage.sentences:
            recalled = recalled_deal(passage, start, end, published)
            for title, by, at in _proposals_in(blank, start, end, passage, name_of):
                if recalled is not None and 0 <= recalled.noun.start() - at <= 40:
                    continue  # the truce the sentence recalls is background, not on the table
                if _HYPOTHETICAL.search(blank[start : start + at]):
                    continue
                key = _proposal_key(title, by)
                if key in events:
                    continue
                events[key] = ExtractedEvent(
                    kind="proposal",
                    title=title,
                    summary=passage.text[start:end][:400],
                    when=_when(passage, start, end, at, published),
                    sentence=index,
                    participants=[Participant(by, "lead")] if by else [],
                )
    return list(events.values())


def _proposal_key(title: str, by: str | None) -> str:
    """One proposal per article: an author's plan and proposal, a truce and a ceasefire."""
    words = re.sub(r"\W+", " ", title.lower()).split()
    noun = _SAME_THING.get(words[-1], words[-1]) if words else ""
    if by is not None and noun in ("plan", "proposal"):
        return f"{by}|plan"
    return " ".join([*words[:-1], noun])


_SAME_THING = {"ceasefire": "truce", "cease-fire": "truce", "proposal": "plan"}


def proposal_titles(text: str) -> list[str]:
    """Proposals named by their terms in a bit of text, as issues of a round."""
    found = sorted([*_TERMS.finditer(text), *_LENGTH.finditer(text)], key=lambda m: m.start())
    return [_terms_title(m) for m in found]


def _terms_title(m: re.Match[str]) -> str:
    noun = m.group("noun").lower()
    if "n" not in m.groupdict():
        return f"{m.group('unit').lower()}-long {noun}"
    return f"{m.group('n').lower()}-{m.group('unit').lower()} {noun}"


def _proposals_in(
    blank: str, start: int, end: int, passage: Passage, name_of: Callable[[str], str]
) -> list[tuple[str, str | None, int]]:
    text = blank[start:end]
    marks = passage.marks_in(start, end)
    terms = sorted([*_TERMS.finditer(text), *_LENGTH.finditer(text)], key=lambda m: m.start())
    found = [(_terms_title(m), _owner_before(text, start, m.start(), marks), m.start())
             for m in terms]
    for mark in marks:
        if mark.kind in ("person", "organisation", "country"):
            found += _by_author(text, start, mark, marks, {m.end() for m in terms}, name_of)
    found += _described(text, start, marks)
    found += _phrased(text, start, marks)
    found += _quoted_names(passage, start, end, marks)
    return found


def _by_author(
    text: str, offset: int, mark: Mark, marks: list[Mark], term_ends: set[int],
    name_of: Callable[[str], str],
) -> list[tuple[str, str | None, int]]:
    found: list[tuple[str, str | None, int]] = []
    after = text[mark.end - offset :].lstrip("”\"")
    # "US-backed plan" names a backer, not an author: the plan is named by its words.
    owned = None if after.startswith("-") else _OWNED.match(after)
    between = owned.group(0).split()[:-1] if owned else []
    if owned and not owned.group("poss") and any(w.lower() in _NOT_NAME_WORDS for w in between):
        owned = None
    if owned and _named_by_terms(after[owned.end() :]):
        owned = None  # "an Egyptian proposal for a phased truce" is the truce, Egypt's
    if owned and not _TERMS.match(after.lstrip("’'s ")):
        noun = owned.group("noun").lower()
        # "Trump's plan to ..." keeps its author's name; "a U.S. proposal to ..." is known
        # by what it would do.
        content = None if owned.group("poss") else _CONTENT.match(after[owned.end() :])
        if content:
            # A plan named by what it would do; "presented by envoy X" names its author.
            aside = content.group("aside") or ""
            at = mark.end + len(text[mark.end - offset :]) - len(after) + owned.end()
            by = next((k.key for k in marks if k.kind == "person"
                       and at <= k.start and k.end <= at + len(aside)), mark.key)
            found.append((content.group("what").strip(), by, mark.start - offset))
        else:
            title = f"{name_of(mark.key)}'s {noun}" if owned.group("poss") else \
                f"{mark.text.strip('“”')} {noun}"
            found.append((title, mark.key, mark.start - offset))
    put = _PUT_FORWARD.search(text[: mark.start - offset])
    later_person = any(k.kind == "person" and 0 < k.start - mark.end <= 40 for k in marks)
    named_by_terms = put is not None and put.start() + len(put.group("noun")) in term_ends
    if put and not named_by_terms and not (mark.kind != "person" and later_person):
        found.append((f"{mark.text} {put.group('noun').lower()}", mark.key, put.start()))
    offered = _OFFERED.match(text[mark.end - offset :].lstrip())
    if offered:
        found.append((offered.group("what").strip(), mark.key, mark.start - offset))
    return found


def _described(text: str, offset: int, marks: list[Mark]) -> list[tuple[str, str | None, int]]:
    found: list[tuple[str, str | None, int]] = []
    for pattern in (_DESCRIBED, _TEMPORARY):
        for m in pattern.finditer(text):
            words = m.group("mods").split()
            cut = max((i + 1 for i, w in enumerate(words)
                       if w.lower() in _LINKS or w.lower() in _DETERMINERS), default=0)
            mods = [w.strip("“”\"‘’") for w in words[cut:]]
            if not mods or all(w.lower() in _GENERIC for w in mods) or any(
                w[:1].isupper() or w.endswith(("’s", "'s")) for w in mods
            ):
                continue  # a named owner is found above; "the new plan" is no name
            title = " ".join([*mods, m.group("noun").lower()])
            found.append((title, _owner_before(text, offset, m.start(), marks), m.start()))
    return found


def _phrased(text: str, offset: int, marks: list[Mark]) -> list[tuple[str, str | None, int]]:
    """Plans named by a phrase of their own: a shape, a table, a decision, a deal reached."""
    found: list[tuple[str, str | None, int]] = []
    for m in _PHASES.finditer(text):
        found.append((m.group(0), None, m.start()))
    for pattern in (_TABLED, _DECIDED_PLAN):
        for m in pattern.finditer(text):
            found.append((m.group("what").strip(), _subject_before(offset, m.start(), marks),
                          m.start()))
    for m in _REACHED_DEAL.finditer(text):
        found.append((m.group("what").lower(), None, m.start()))
    return found


def _subject_before(offset: int, at: int, marks: list[Mark]) -> str | None:
    """The side named last before the verb at `at`: who brought or approved the plan."""
    before = [k for k in marks if k.end - offset <= at
              and k.kind in ("person", "organisation", "country")]
    return before[-1].key if before else None


# Quote marks name a document ("bridging proposal"); a quoted state ("humanitarian
# pause") is a term of art of the sentence, not a plan.
_QUOTED_NAME = re.compile(
    r"^(?:[\w-]+\s+){1,3}(?P<noun>plan|proposal|framework|initiative|roadmap|offer|formula)$",
    re.IGNORECASE,
)
_PRESENTED_BEFORE = re.compile(
    r"^\s*(?:’s|'s)?\s*(?:(?:presenting|presented|put forward|proposed|offered|submitted|"
    r"tabled|floated|unveiled)\s+)?(?:(?:a|an|the|its|their|new)\s+)*$",
    re.IGNORECASE,
)


def _quoted_names(
    passage: Passage, start: int, end: int, marks: list[Mark]
) -> list[tuple[str, str | None, int]]:
    """A “bridging proposal”: a plan named in quote marks, by whoever presents it."""
    found: list[tuple[str, str | None, int]] = []
    for span in passage.quoted:
        if not start <= span.start < end or not _is_plan_name(span):
            continue
        inside = [k.key for k in marks if span.start <= k.start and k.end <= span.end]
        owner = next((k.key for k in reversed(marks) if k.end <= span.start
                      and _PRESENTED_BEFORE.match(passage.text[k.end : span.start])), None)
        found.append((span.text.strip(" ,."), inside[0] if inside else owner, span.start - start))
    return found


def _is_plan_name(span: QuoteSpan) -> bool:
    m = _QUOTED_NAME.match(span.text.strip(" ,."))
    words = span.text.lower().split()[:-1]
    return m is not None and not any(w in _GENERIC or w in _NOT_NAME_WORDS for w in words)


def _owner_before(text: str, offset: int, at: int, marks: list[Mark]) -> str | None:
    """ "US-backed 60-day ceasefire", "Egypt’s proposed 60-day truce", "an Egyptian
    proposal for a phased truce": the author."""
    for mark in marks:
        rel = mark.end - offset
        if 0 <= at - rel <= 14 and re.match(r"(?:’s|'s|-backed|-brokered)", text[rel:at]):
            return mark.key
        if 0 <= at - rel <= 30 and _AUTHOR_FOR.fullmatch(text[rel:at]):
            return mark.key
    return None


_AUTHOR_FOR = re.compile(
    r"\s+(?:proposal|plan|offer|initiative)\s+for\s+(?:a|an|the)\s+", re.IGNORECASE
)
_NAMED_BY_TERMS = re.compile(r"\s+for\s+(?:a|an|the)\s+")


def _named_by_terms(rest: str) -> bool:
    """Whether `rest` goes on "for a 60-day truce" / "for a phased truce"."""
    m = _NAMED_BY_TERMS.match(rest)
    return m is not None and any(
        p.match(rest, m.end()) for p in (_TERMS, _LENGTH, _TEMPORARY)
    )


def _when(passage: Passage, start: int, end: int, at: int, published: date) -> When:
    times = [t for t in passage.times_in(start, end) if t.expression.direction != "future"]
    if times:
        e = min(times, key=lambda t: abs(t.start - start - at)).expression
        return When(e.start, e.end, e.granularity)
    return When(published, published, "day")
