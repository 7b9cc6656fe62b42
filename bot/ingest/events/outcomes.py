"""Agreements and collapses: the sides made a deal, or talks or a truce ended badly.

Each is an event of its own ("agreement", "collapse"), read from the vocabulary of
data/negotiation.toml: "Israel and Hamas signed off on the first phase", "the truce was
extended by two days", "Israel recalled its negotiating team from Doha", "the ceasefire
collapsed as strikes resumed".  One side accepting or rejecting a proposal is neither.
A hedged, negated or future outcome ("hopes to reach a deal", "no deal was reached",
"is expected to sign") is not reported as having happened, so it is not read.

The date is the one the clause gives; with none, the lede's outcome is the day's news
and anything later in the report is a reference this reader cannot date, so it is left
out rather than dated to the wrong day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.ingest.document.passages import Passage, TimeMark
from bot.ingest.events.confidence import CONFIRMED, combine
from bot.ingest.events.round_dates import said_on
from bot.ingest.events.round_mentions import RECENT
from bot.ingest.events.round_status import ITS_OWN_TALKS, clause
from bot.ingest.events.venues import PlaceFacts, find_venue
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.model import ExtractedEvent, When
from bot.needles import Alternatives

_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|to be|expected to|set to|due to|plans? to|planned to|would|could|"
    r"about to|going to|ready to|willing to|close to|closer to|near|nearer|on the verge of|"
    r"toward|towards|push\w* to|bid to|in order to)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|never|nor|without|yet to|didn['’]t|hasn['’]t|haven['’]t|wasn['’]t|"
    r"weren['’]t|won['’]t|denied|deny|denies|rejected|refused)\b(?:\s+[\w-]+){0,4}\s+$",
    re.IGNORECASE,
)
# "The truce, which had opened on November 24, lapsed": a clause set off by commas tells of
# another event; "the team that was in Doha on December 2" is the subject itself.
_RELATIVE = re.compile(r",\s*(?:which|who)\s+[^,;]{3,120},", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\b(?:since|ever since)\s+(?:the\s+)?$", re.IGNORECASE)
# "the official said on Thursday that Israel had recalled its team on Tuesday": Tuesday;
# "said on Saturday that it had frozen its mediation": Saturday.  Unlike a round's,
# "announced on Wednesday that a deal was reached" dates the deal.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|stated|added|reported|confirmed)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
# "A proposal for a 60-day truce reached Hamas": the truce is what is sought, not made.
_SOUGHT_BEFORE = re.compile(
    r"\b(?:proposals?|plans?|offers?|drafts?|framework|text|blueprint|bid|push|calls?|"
    r"demands?)\s+(?:for|of)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "builds on areas of agreement reached over the past week": parts agreed, no deal.
_PART_OF = re.compile(r"\b(?:areas?|points?|elements?|parts?|items?|issues?)\s+of\s+$",
                      re.IGNORECASE)
_OTHER_EVENT = re.compile(r"\b(?:after|before|following|ahead of|since|until)\b|,\s*but\b", re.I)
# A strong verb says the outcome itself; resumed strikes only imply a truce ended.
_WEAK = re.compile(r"^(?:resum|fighting|war|hostilities|strikes|bombardment)", re.IGNORECASE)
_HEADLINE_DAYS = timedelta(days=3)  # a headline's deal is one the report dated this recently
_LEAD_SENTENCES = 3  # the headline's news sits in the first sentences of the lede
_EXTENSION = re.compile(
    r"\bextend|\bextension|\bprolong|\blengthen|\bstretch|\b(?:more|further|extra)\s+days?\b"
    r"|^by\b"
    r"|\b(?:run|last|continue|hold|go on) (?:for )?(?:an? |another )?"
    r"(?:additional|extra|further|more)\b",
    re.IGNORECASE,
)
# "the January truce fell apart": a truce is named for the month it began, which is not
# the day it ended.
_NAMES_THE_DEAL = re.compile(
    r"(?:['’]s)?\s+(?:(?!(?:and|or|but|the|a|an|of|in|on|as|when|while)\b)[\w-]+\s+){0,2}?"
    r"(?:truce|ceasefire|cease-fire|deal|agreement|accord)\b",
    re.IGNORECASE,
)
# "An agreement has been reached to extend the truce": the deal is the truce running on.
_TO_EXTEND = re.compile(r"\s+(?:to|for)\s+(?:an?\s+|the\s+)?(?:extend|extension|prolong|lengthen)",
                        re.IGNORECASE)


def _extends(text: str, m: re.Match[str]) -> bool:
    return bool(_EXTENSION.search(m.group(0)) or _TO_EXTEND.match(text, m.end()))


# "On November 22, after weeks of shuttling, the two sides agreed": a date that opens the
# sentence is its main verb's, whatever adverbial comes between.
_FRONTED = re.compile(r"\s*(?:(?:late|early)\s+)?(?:on|in|by)?\s*", re.IGNORECASE)
_ENTRY_SENTENCES = 2  # a live entry's news sits in its first sentences
_DATE_WEIGHT = {"stated": 1.0, "coarse": 0.9, "assumed": 0.8}


@dataclass
class _Found:
    kind: str
    of: str  # "deal", "talks" (a round ended badly) or "truce" (a truce ended badly)
    sentence: int
    text: str
    phrase: str
    when: When
    date_cue: str
    place_key: str | None
    weight: float
    background: bool


def find_outcomes(
    passages: list[Passage],
    published: date,
    describe: Callable[[str], PlaceFacts | None],
    *,
    lede: frozenset[int] = frozenset(),
    headline: str = "",
    headline_places: frozenset[str] = frozenset(),
    entries: dict[int, date] | None = None,
) -> list[ExtractedEvent]:
    """The agreements and collapses the report tells, one event per kind and day.

    `entries` are a live page's entries, by their first paragraph: each opens like a lede,
    its news of the day it was posted."""
    found: list[_Found] = []
    # The report's first sentences from its lede on: a one-sentence standfirst and the
    # bullet points under it open the report together.
    indexes = sorted(i for p in passages for i, _, _ in p.sentences)
    first = min(lede) if lede else 0
    opening = {i for i in indexes if i >= first}
    opening = set(sorted(opening)[:_LEAD_SENTENCES])
    entries = entries or {}
    for passage in passages:
        if passage.paragraph in entries:
            opening |= {i for i, _, _ in passage.sentences[:_ENTRY_SENTENCES]}
    announced = _announcement_days(passages)
    for passage in passages:
        now = entries.get(passage.paragraph, published)
        for index, start, end in passage.sentences:
            found += _read_sentence(passage, index, start, end, now, describe,
                                    index in opening, announced)
    first = min(opening) if opening else None
    if headline and first is not None and any(i == first for p in passages
                                              for i, _, _ in p.sentences):
        # The headline stands for the lede's telling; when the lede tells it, with its
        # day, the headline adds nothing ("Doha puts its mediation on hold" over "said
        # on Saturday that it had frozen its mediation").
        # Nor when the report dates it in the days before ("Gaza truce deal sealed in
        # Doha" over a report a day later that the deal "was reached on Wednesday").
        told = {(f.kind, f.of) for f in found if f.sentence in opening or (
            f.date_cue == "stated" and not f.background
            and published - _HEADLINE_DAYS <= f.when.start <= published)}
        words = vocabulary()
        patterns = {("agreement", "deal"): words.agreement, ("agreement", "truce"):
                    words.agreement, ("collapse", "talks"): words.collapse,
                    ("collapse", "truce"): words.truce_end}
        for f in _read_headline(headline, first, published, headline_places):
            if (f.kind, f.of) in told:
                continue
            lede_day = _lede_day(passages, first, published, patterns[(f.kind, f.of)])
            if lede_day is not None:
                # "... call Doha negotiators home" over "the talks were left in limbo
                # yesterday after both withdrew their teams": the lede's day is the news'.
                f.when, f.date_cue = lede_day, "stated"
            found.append(f)
    return [_event(group) for group in _grouped(_in_force(found))]


def _lede_day(
    passages: list[Passage], first: int, published: date, told: Alternatives
) -> When | None:
    """The one day gone by that the lede's first sentence tells, if it tells the
    headline's news in its own words."""
    for passage in passages:
        for index, start, end in passage.sentences:
            if index != first:
                continue
            if told.search(passage.text[start:end]) is None:
                return None
            days = [t.expression for t in passage.times_in(start, end)
                    if t.expression.granularity == "day"]
            if len(days) == 1 and days[0].direction != "future" and days[0].start == days[0].end \
                    and published - _HEADLINE_DAYS <= days[0].start < published:
                return When(days[0].start, days[0].end, "day")
            return None
    return None


_MADE_BEFORE_FORCE = timedelta(days=7)  # a deal agreed, then in force days later


def _in_force(found: list[_Found]) -> list[_Found]:
    """A deal in force is the deal the report tells made in the days before ("agreed on
    Wednesday ... took effect on Sunday"): one agreement, of the day it was made.  Told
    alone, the day it took effect is the agreement's."""
    made = [f.when.start for f in found if f.kind == "agreement" and f.of != "force"]
    # "The last truce, which took effect in January": a month says nothing of when the
    # deal was made.
    return [
        f for f in found
        if f.of != "force" or (
            f.when.granularity == "day"
            and not any(timedelta(0) <= f.when.start - day <= _MADE_BEFORE_FORCE for day in made)
        )
    ]


# A headline's clause that tells what came before its news ("as" tells what came with it).
_BEFORE_THE_NEWS = re.compile(r"\b(?:after|since|following|before|until)\b", re.IGNORECASE)


def _read_headline(
    headline: str, sentence: int, published: date, places: frozenset[str]
) -> list[_Found]:
    """ "Israel recalls senior negotiators from Doha": the day's news, told in the present.
    It stands for the lede's first sentence, the story's own telling of it."""
    if headline.rstrip().endswith("?"):
        return []
    words = vocabulary()
    found = []
    for kind, of, pattern in (("agreement", "deal", words.agreement),
                              ("collapse", "talks", words.collapse),
                              ("collapse", "truce", words.truce_end)):
        m = pattern.search(headline)
        if m is None or not _asserted(headline, m) or _BEFORE_THE_NEWS.search(
            headline[clause(headline, m.start())[0] : m.start()]
        ):
            continue  # "Spy chiefs meet after truce is stretched": the news is the meeting
        if kind == "agreement" and _extends(headline, m):
            of = "truce"
        found.append(_Found(
            kind=kind, of=of, sentence=sentence, text=headline, phrase=_phrase(headline, m),
            when=When(published, published, "day"), date_cue="assumed",
            place_key=next(iter(places)) if len(places) == 1 else None,
            weight=0.7, background=False,
        ))
    return found


# "He made the announcement at a news conference on Wednesday night": the day the lede's
# undated deal was made public.
_ANNOUNCEMENT = re.compile(
    r"\b(?:made|making|delivered)\s+the\s+announcement\b|\bannouncement\s+(?:came|was made)\b",
    re.IGNORECASE,
)
_ANNOUNCED_WITHIN = 2  # sentences after the lede's outcome


def _announcement_days(passages: list[Passage]) -> dict[int, When]:
    days = {}
    for passage in passages:
        for index, start, end in passage.sentences:
            if not _ANNOUNCEMENT.search(passage.text, start, end):
                continue
            times = [t for t in passage.times_in(start, end)
                     if t.expression.granularity == "day" and t.expression.direction != "future"]
            if len(times) == 1:
                e = times[0].expression
                days[index] = When(e.start, e.end, "day")
    return days


def _read_sentence(
    passage: Passage, index: int, start: int, end: int, published: date,
    describe: Callable[[str], PlaceFacts | None], opening: bool,
    announced: dict[int, When] | None = None,
) -> list[_Found]:
    text = passage.text[start:end]
    if text.rstrip().endswith("?"):
        return []
    words = vocabulary()
    found: list[_Found] = []
    subordinate: set[int] = set()
    kinds = (
        ("agreement", "deal", words.agreement),
        ("agreement", "force", words.in_force),
        ("collapse", "talks", words.collapse),
        ("collapse", "truce", words.truce_end),
    )
    for kind, told_of, pattern in kinds:
        for m in pattern.finditer(text):
            if not _asserted(text, m):
                continue
            of = told_of
            if kind == "agreement" and _extends(text, m):
                of = "truce"  # a truce run on for more days: no round of talks ends there
            elif kind == "collapse" and of == "talks" and _MEDIATOR_STEPS_BACK.search(m.group(0)):
                # "In November Qatar froze its mediation": the mediator's part, not the end
                # of a round (settle.py closes none with it).
                of = "mediation"
            # "The pause, which Qatar announced last Wednesday": the verb's own clause.
            at = m.end() - 1 if re.search(r"\b(?:which|that)\b", m.group(0)) else m.start()
            if (made := _MADE_ON.match(text, m.end())) is not None:
                at = made.end()  # "under a Qatari-brokered deal announced on Nov. 22"
            dated = _date(passage, start, end, start + at, published, opening,
                          naming_ok=of != "truce" or kind != "collapse")
            if dated is None:
                continue
            when, cue = dated
            told = next((announced[i] for i in range(index + 1, index + 1 + _ANNOUNCED_WITHIN)
                         if announced and i in announced), None)
            if cue == "assumed" and told is not None:
                when, cue = told, "stated"
            if cue == "assumed" and _subordinate(text, m):
                continue  # "since the November truce ended": a reference point, not news
            if cue == "assumed" and _DESCRIBES.search(text, 0, m.start()):
                continue  # "Doha, which brokered the week-long truce, hosts ...": who it is
            quoted = any(q.start <= start + m.start() < q.end for q in passage.quoted)
            weight = (0.65 if of == "truce" and _WEAK.match(m.group(0)) else 0.9) \
                * _DATE_WEIGHT[cue]
            if _subordinate(text, m):
                subordinate.add(len(found))
            found.append(_Found(
                kind=kind, of=of, sentence=index, text=text, phrase=_phrase(text, m),
                when=when, date_cue=cue, place_key=_place(passage, start, end, describe),
                weight=weight * (0.85 if quoted else 1.0),
                background=when.end < published - RECENT,
            ))
    # "when talks stalled, Israel resumed its bombardment and the truce fell apart": the
    # sentence's news is its main clause; what it is set against is not a second outcome.
    if len(subordinate) < len(found):
        found = [f for i, f in enumerate(found) if i not in subordinate]
    return found


# The deal's own participle and day right after it: "a deal announced on Nov. 22".
_MADE_ON = re.compile(
    r"\s+(?:announced|agreed|signed|reached|sealed|struck|concluded|brokered|finali[sz]ed)"
    r"(?=\s+(?:on|last|early\s+on|late\s+on)\b)",
    re.IGNORECASE,
)


_SUBORDINATE = re.compile(
    r"\b(?:since|after|before|following|until|when|once|as|because|while)\b", re.IGNORECASE
)


def _subordinate(text: str, m: re.Match[str]) -> bool:
    left, _ = clause(text, m.start())
    before = text[left : m.start()]
    found = _SUBORDINATE.search(before)
    # "left Cairo on Thursday after four days of talks that ran into an impasse": the
    # talks the sentence is about, broken down, not a reference point.
    return bool(found) and not ITS_OWN_TALKS.match(before[found.start():])


def _asserted(text: str, m: re.Match[str]) -> bool:
    """Said as having happened: not hedged, negated or ahead."""
    left, _ = clause(text, m.start())
    before = text[left : m.start()]
    if vocabulary().hedge.search(before):
        return False
    window = text[max(0, m.start() - 45) : m.start()]
    return not (_NEGATED_BEFORE.search(window) or _FUTURE_BEFORE.search(window)
                or _PART_OF.search(window) or _SOUGHT_BEFORE.search(window))


_DESCRIBES = re.compile(r",\s*(?:which|who)\s+(?:had\s+|has\s+|once\s+|also\s+)?$",
                       re.IGNORECASE)
_MEDIATOR_STEPS_BACK = re.compile(r"mediat|go-between|intermediary", re.IGNORECASE)
_WHEN_CLAUSE = re.compile(r",?\s+when\s+(?:[\w'’-]+\s+){0,8}")
_RELATIVE_WORD = re.compile(r"\b(?:that|which|who|when)\b", re.IGNORECASE)


def _date(
    passage: Passage, start: int, end: int, at: int, published: date, opening: bool,
    *, naming_ok: bool = True,
) -> tuple[When, str] | None:
    times = [
        t for t in passage.times_in(start, end)
        if not _SINCE_BEFORE.search(passage.text[max(start, t.start - 12) : t.start])
        and t.expression.direction != "future"
        and (naming_ok or not _NAMES_THE_DEAL.match(passage.text, t.end))
    ]
    # The day of the saying dates the outcome only when the sentence gives no other.
    said = [t for t in times if said_on(passage.text, start, t, _SAID_BEFORE)]
    times = [t for t in times if t not in said] or times
    # "The truce, which had opened on November 24, lapsed": a date inside a relative
    # clause is of that clause's event.
    asides = [
        (start + r.start(), start + r.end())
        for r in _RELATIVE.finditer(passage.text[start:end])
        if not r.start() <= at - start < r.end()
    ]
    near = [
        t for t in times
        if ((_FRONTED.fullmatch(passage.text, start, t.start) and t.end < at)
            or not _OTHER_EVENT.search(passage.text[min(t.end, at) : max(t.start, at)]))
        and not any(a <= t.start < b for a, b in asides)
    ]
    usable = [t for t in near if t.expression.granularity != "year"] or near
    quote = next((q for q in passage.quoted if q.start <= at < q.end), None)
    if quote is not None and not any(quote.start <= t.start < quote.end for t in usable):
        # 'on December 2 the office said: "... Barnea ordered the team in Doha to return
        # home."': a statement tells its news on the day it was made, the last told
        # before it.
        saying = [t for t in times if t.end <= quote.start]
        if saying and saying[-1].expression.granularity == "day":
            e = saying[-1].expression
            return When(e.start, e.end, "day"), "stated"
    # 'said on Thursday: "... the response Hamas delivered this morning"': a day inside a
    # quotation is told from the day of the saying; the sentence's own day comes first.
    usable = [t for t in usable if not any(q.start <= t.start < q.end for q in passage.quoted)] \
        or usable
    if usable:
        # "lengthened by two days on Monday, and then by a further day on Thursday": the
        # day of the outcome's own clause, then the nearest; but not a day told of what
        # the clause goes on to name ("ending a ceasefire that had taken effect on ...").
        left, right = clause(passage.text, at)

        def own(t: TimeMark) -> bool:
            return left <= t.start < right and not _RELATIVE_WORD.search(
                passage.text, min(at, t.start), max(at, t.start))

        time: TimeMark = min(usable, key=lambda t: (not own(t), abs(t.start - at)))
        told_before = [t for t in said if t.end <= at and left <= t.start]
        if not own(time) and told_before and time.start > at:
            # "said on Nov. 27 that the sides had agreed to prolong it by two days, and a
            # further extension was settled on Thursday": Thursday is the next clause's
            # deal; the saying's day is this one's.
            time = told_before[-1]
        e = time.expression
        if e.start != e.end and e.granularity == "day" and _WHEN_CLAUSE.fullmatch(
                passage.text, time.end, min(at, end)):
            # "ran from July 6 until July 24, when Israel recalled its negotiators": the
            # recall ended the run; its day is the last.
            return When(e.end, e.end, "day"), "stated"
        return When(e.start, e.end, e.granularity), (
            "stated" if e.granularity == "day" else "coarse"
        )
    if opening:
        return When(published, published, "day"), "assumed"
    return None


def _place(
    passage: Passage, start: int, end: int, describe: Callable[[str], PlaceFacts | None]
) -> str | None:
    text = passage.text[start:end]
    nouns = list(re.finditer(r"\b(?:talks|negotiations|agreement|deal|truce|ceasefire|phase|plan|"
                             r"framework|extension|accord|text|document)\b",
                             text, re.IGNORECASE))
    venue = find_venue(text, start, passage.marks_in(start, end), nouns, describe)
    if venue is not None and venue.kind == "place":
        return venue.key
    # "recalled its team from Doha", "pulled its negotiators out of Doha"
    for mark in passage.marks_in(start, end, ("place",)):
        before = passage.text[max(start, mark.start - 12) : mark.start]
        if re.search(r"\b(?:from|out of|leave|left|leaving)\s+$", before):
            facts = describe(mark.key)
            if facts is None or facts.place_type not in ("region", "crossing", "corridor"):
                return mark.key
    return None


_LABEL = re.compile(r"\s*[-•*]?\s*[^:.;]{0,30}\d[^:.;]{0,30}:\s+")


def _phrase(text: str, m: re.Match[str]) -> str:
    """The clause that says it, as a title: "Israel and Hamas agreed to the first phase"."""
    left, right = clause(text, m.start())
    # "Israel resumed its campaign on March 18, ending two months of calm": the clause
    # the participle hangs on says it.
    if re.match(r"\w+ing\b", m.group(0)) and text[:left].rstrip().endswith(",") and left > 1:
        left = clause(text, left - 2)[0]
    # "- 9 November 2024: Qatar tells both sides ...": a dated list item's label.
    label = _LABEL.match(text, left)
    if label:
        left = label.end()
    # "followed an announcement that the truce would run on": the news is the "that" clause.
    told = list(re.finditer(r"\b(?:that|how)\s", text[left : m.start()]))
    if told:
        left += told[-1].end()
    # "the four-day truce, due to lapse that night, would run ...": the whole match.
    right = max(right, clause(text, max(m.end() - 1, m.start()))[1])
    words = text[left:right].strip(" ,;:—–\"“”").split()
    while words and words[0].lower() in ("and", "but", "then"):
        words = words[1:]
    if len(words) > 16:
        words = [*words[:16], "…"]
    phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:]


def _grouped(found: list[_Found]) -> list[list[_Found]]:
    """Mentions of one kind within a day of each other are one outcome; a truce that
    lapsed and a team recalled the next day are two."""
    groups: list[list[_Found]] = []
    # Stated days first: an undated telling of the report's news ("Israel recalled its team
    # from Doha hours after Hamas's reply") is the outcome the report dates days before
    # ("The effort came to an abrupt halt on Thursday"), not another on the report's day.
    for item in sorted(found, key=lambda f: (f.date_cue == "assumed", f.kind, f.when.start,
                                             f.sentence)):
        for group in groups:
            head = group[0]
            near = abs((head.when.start - item.when.start).days) <= 1 or (
                item.date_cue == "assumed" and head.date_cue == "stated"
                and timedelta(0) <= item.when.start - head.when.start <= _TOLD_AFTER
                and head.of == item.of and not head.background)
            if head.kind == item.kind and near \
                    and head.when.granularity == item.when.granularity \
                    and (head.of == "truce") == (item.of == "truce"):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


_TOLD_AFTER = timedelta(days=3)  # the days a report may come after the news it retells


def _of(group: list[_Found]) -> str:
    """What the outcome is of: talks that ended, a deal made ("force" when the report only
    tells it took effect), or a truce that ended or ran on."""
    told = {f.of for f in group}
    return next((of for of in ("talks", "deal", "force", "mediation") if of in told),
                group[0].of)


def _event(group: list[_Found]) -> ExtractedEvent:
    first = min(group, key=lambda f: f.sentence)
    best = max(group, key=lambda f: (f.date_cue == "stated", f.weight))
    confidence = combine(f.weight for f in group)
    label = "Agreement" if first.kind == "agreement" else "Collapse"
    if first.kind == "agreement" and all(f.of == "truce" for f in group):
        label = "Truce extended"
    place = next((f.place_key for f in group if f.place_key), None)
    when = best.when
    if when.granularity == "day" and when.end > when.start:
        # "12-15 January 2025, Doha: four days of talks produce the deal": the days are
        # the talks'; the deal or the breakdown is of their last day.
        when = When(when.end, when.end, "day")
    return ExtractedEvent(
        kind=first.kind,  # type: ignore[arg-type]
        title=f"{label}: {best.phrase}",
        summary=first.text[:400],
        when=when,
        sentence=first.sentence,
        place_key=place,
        status="agreement" if first.kind == "agreement" else "collapsed",
        background=all(f.background for f in group),
        evidence={"words": best.phrase, "dates": best.date_cue, "of": _of(group)},
        confidence=round(confidence, 2),
        unconfirmed=confidence < CONFIRMED,
    )
