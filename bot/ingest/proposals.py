"""Proposals and plans on the table, and reported figures with who reported them.

A proposal is named the way news names it: by its terms ("60-day truce",
"20-point plan"), by its author ("Witkoff proposal", "Trump’s plan"), by a
description ("phased reoccupation strategy") or by an offer ("Israel offered to
end the war if ...").  A figure is a count of a war's toll ("56,500 killed")
and its source ("according to the Palestinian Health Ministry").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot.ingest.model import ExtractedEvent, Participant, When
from bot.ingest.passages import Mark, Passage

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
_LINKS = frozenset({"of", "for", "to", "on", "in", "with", "by", "from", "and", "or"})
# Modifiers that do not make a plan a particular plan.
_GENERIC = frozenset(
    {"the", "a", "an", "new", "same", "this", "that", "his", "her", "its", "their", "any",
     "other", "such", "current", "latest", "formal", "overall", "proposed", "whole", "said"}
)
_TOLL_VERB = r"killed|injured|wounded|dead|displaced|detained|arrested|abducted|missing"
_COUNT = r"(?:at least |more than |over |nearly |almost |some |about |around )?" \
    r"(?P<num>\d[\d,.]*(?:\s+(?:million|thousand))?)"
_TOLL_AFTER_VERB = re.compile(rf"\b(?P<verb>{_TOLL_VERB})\s+{_COUNT}\b", re.IGNORECASE)
_TOLL_AFTER_COUNT = re.compile(
    rf"{_COUNT}\s+(?:(?!and\b|or\b)[A-Za-z]+\s+){{0,2}}?(?:(?:have|had|were|was|are)\s+"
    r"(?:been\s+)?)?"
    rf"(?P<verb>{_TOLL_VERB})\b",
    re.IGNORECASE,
)
_PAST_DEAL = re.compile(
    r"\b(?P<deal>truce|ceasefire|cease-fire|deal|agreement|accord)\b", re.IGNORECASE
)
_DEAL_DONE = re.compile(
    r"\b(?:led to|took effect|came into effect|held|collapsed|expired|reached|agreed|signed|"
    r"brokered|negotiated|negotiating|secured)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?", re.IGNORECASE)


def find_proposals(
    passages: list[Passage], published: date, name_of: Callable[[str], str]
) -> list[ExtractedEvent]:
    """Proposals the story mentions, once per article each."""
    events: dict[str, ExtractedEvent] = {}
    for passage in passages:
        blank = passage.blank
        for index, start, end in passage.sentences:
            for title, by, at in _proposals_in(blank, start, end, passage, name_of):
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
    return [_terms_title(m) for m in _TERMS.finditer(text)]


def _terms_title(m: re.Match[str]) -> str:
    return f"{m.group('n').lower()}-{m.group('unit').lower()} {m.group('noun').lower()}"


def _proposals_in(
    blank: str, start: int, end: int, passage: Passage, name_of: Callable[[str], str]
) -> list[tuple[str, str | None, int]]:
    text = blank[start:end]
    marks = passage.marks_in(start, end)
    found: list[tuple[str, str | None, int]] = []
    for m in _TERMS.finditer(text):
        found.append((_terms_title(m), _owner_before(text, start, m.start(), marks), m.start()))
    for mark in marks:
        if mark.kind not in ("person", "organisation", "country"):
            continue
        after = text[mark.end - start :].lstrip("”\"")
        # "US-backed plan" names a backer, not an author: the plan is named by its words.
        owned = None if after.startswith("-") else _OWNED.match(after)
        if owned and not _TERMS.match(after.lstrip("’'s ")):
            noun = owned.group("noun").lower()
            title = f"{name_of(mark.key)}'s {noun}" if owned.group("poss") else \
                f"{mark.text.strip('“”')} {noun}"
            found.append((title, mark.key, mark.start - start))
        put = _PUT_FORWARD.search(text[: mark.start - start])
        later_person = any(
            k.kind == "person" and 0 < k.start - mark.end <= 40 for k in marks
        )
        if put and not (mark.kind != "person" and later_person):
            found.append((f"{mark.text} {put.group('noun').lower()}", mark.key, put.start()))
        offered = _OFFERED.match(text[mark.end - start :].lstrip())
        if offered:
            what = offered.group("what").strip()
            found.append((what, mark.key, mark.start - start))
    for pattern in (_DESCRIBED, _TEMPORARY):
        for m in pattern.finditer(text):
            words = m.group("mods").split()
            cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _LINKS), default=0)
            mods = [w.strip("“”\"‘’") for w in words[cut:]]
            if not mods or all(w.lower() in _GENERIC for w in mods) or any(
                w[:1].isupper() or w.endswith(("’s", "'s")) for w in mods
            ):
                continue  # a named owner is found above; "the new plan" is no name
            title = " ".join([*mods, m.group("noun").lower()])
            found.append((title, _owner_before(text, start, m.start(), marks), m.start()))
    return found


def _owner_before(text: str, offset: int, at: int, marks: list[Mark]) -> str | None:
    """ "US-backed 60-day ceasefire", "Egypt’s proposed 60-day truce": the author."""
    for mark in marks:
        rel = mark.end - offset
        if 0 <= at - rel <= 14 and re.match(r"(?:’s|'s|-backed|-brokered)", text[rel:at]):
            return mark.key
    return None


def _when(passage: Passage, start: int, end: int, at: int, published: date) -> When:
    times = [t for t in passage.times_in(start, end) if t.expression.direction != "future"]
    if times:
        e = min(times, key=lambda t: abs(t.start - start - at)).expression
        return When(e.start, e.end, e.granularity)
    return When(published, published, "day")


def find_figures(passages: list[Passage], published: date) -> list[ExtractedEvent]:
    """Counts of the toll, each with who reported it when the sentence says."""
    events: list[ExtractedEvent] = []
    for passage in passages:
        blank = passage.blank
        for index, start, end in passage.sentences:
            text = blank[start:end]
            seen: set[str] = set()
            for pattern in (_TOLL_AFTER_VERB, _TOLL_AFTER_COUNT):
                for m in pattern.finditer(text):
                    if _is_year(m.group("num")):
                        continue
                    title = f"{m.group('num')} {_verb(m.group('verb'))}"
                    if title in seen:
                        continue
                    seen.add(title)
                    source = _attribution(text, start, passage)
                    events.append(ExtractedEvent(
                        kind="figure",
                        title=title,
                        summary=passage.text[start:end][:400],
                        when=When(published, published, "day"),
                        sentence=index,
                        participants=[Participant(source, "speaker")] if source else [],
                    ))
    return events


def _is_year(number: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", number))


def _verb(word: str) -> str:
    word = word.lower()
    return "killed" if word == "dead" else word


def _attribution(text: str, offset: int, passage: Passage) -> str | None:
    m = _ACCORDING.search(text)
    if m:
        after = [k for k in passage.marks_in(offset + m.end(), offset + len(text))
                 if k.kind in ("organisation", "person", "country")]
        if after and after[0].start - offset - m.end() <= 30:
            return after[0].key
    said = re.search(r"\b(?:said|says|reported|reports|announced)\b", text)
    if said:
        before = [k for k in passage.marks_in(offset, offset + said.start())
                  if k.kind in ("organisation", "person", "country")]
        if before:
            return before[-1].key
    return None


def find_past_deals(passages: list[Passage], published: date) -> list[ExtractedEvent]:
    """Truces and deals the story recalls ("a truce in November that led to ..."): background."""
    events: list[ExtractedEvent] = []
    for passage in passages:
        blank = passage.blank
        for index, start, end in passage.sentences:
            text = blank[start:end]
            for m in _PAST_DEAL.finditer(text):
                times = [
                    t for t in passage.times_in(start + m.end(), start + m.end() + 25)
                    if t.expression.direction == "past"
                    and (published - t.expression.end).days > 7
                ]
                if not times or not _DEAL_DONE.search(text):
                    continue
                e = times[0].expression
                mediators = [
                    Participant(k.key, "mediator")
                    for k in passage.marks_in(start, start + m.start())
                    if k.kind in ("country", "organisation")
                ]
                events.append(ExtractedEvent(
                    kind="proposal",
                    title=f"{m.group('deal').lower()} of {e.text}",
                    summary=passage.text[start:end][:400],
                    when=When(e.start, e.end, e.granularity),
                    sentence=index,
                    status="agreement",
                    participants=mediators if "instrumental" in text or "mediat" in text
                    or "brokered" in text else [],
                    background=True,
                ))
                break
    return events

