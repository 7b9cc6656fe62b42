"""One article in, one `Extraction` out: every ingest stage in a row.

report (clean, dateline, lede) → sentences → entities → (per paragraph) dates →
rounds, outcomes, quotes, proposals, figures.  Pure: the same article always gives the
same extraction, and nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from bot.dates import find_time_expressions
from bot.dates.narrative import after_point, last_day, pointing_back, written_point
from bot.gazetteer import Gazetteer, load_gazetteer
from bot.ingest.document.dateline import Dateline
from bot.ingest.document.passages import Mark, build_passages
from bot.ingest.document.report import read_report
from bot.ingest.document.sentences import split_sentences
from bot.ingest.document.year_headings import year_headings
from bot.ingest.events.figures import find_figures
from bot.ingest.events.outcomes import find_outcomes
from bot.ingest.events.past_deals import find_past_deals
from bot.ingest.events.proposals import find_proposals, proposal_titles
from bot.ingest.events.rounds import find_rounds
from bot.ingest.events.settle import settle_rounds
from bot.ingest.events.venues import PlaceFacts
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.mentions.entities import EntityIndex, find_entities
from bot.ingest.mentions.known import find_known, tokenize
from bot.ingest.model import ArticleInput, EntityMention, Extraction
from bot.ingest.quotes.attributed import find_quotes


def extract(article: ArticleInput, *, gazetteer: Gazetteer | None = None) -> Extraction:
    """Everything the story says: entities, rounds, proposals, figures and quotes."""
    gazetteer = gazetteer or load_gazetteer()
    published = article.published_at.date()
    report = read_report(article.text, title_hint=article.title)
    sentences = split_sentences(report.paragraphs)
    index = find_entities(sentences, article.published_at, gazetteer)
    days = entry_days(report.stamps, published)
    passages = build_passages(sentences, index.spans, narrative_dates(
        published, days, year_headings(article.text, report.paragraphs)))
    dateline = _dateline_mark(report.dateline, index, gazetteer)
    lede = frozenset(s.index for s in sentences if s.paragraph == report.lede)
    describe = _place_facts(index, gazetteer, _known_places(report.title, gazetteer))
    events = find_rounds(
        passages, published, describe, proposal_titles, dateline=dateline, lede=lede,
        headline=_headline_venues(report.title, gazetteer),
        # A live page has entries; one stamp over a whole story is its date line.
        entries=days if len({s for s in report.stamps if s}) >= 2 else {},
    )
    events += find_outcomes(
        passages, published, describe, lede=lede, headline=report.title,
        headline_places=_headline_places(report.title, gazetteer),
        entries=_entry_openings(report.stamps, days),
    )
    events += find_proposals(passages, published, lambda key: _name(index, key))
    events += find_figures(passages, published)
    events += find_past_deals(passages, published)
    return Extraction(
        title=report.title,
        paragraphs=report.paragraphs,
        sentences=sentences,
        entities=index.mentions,
        events=sorted(settle_rounds(events), key=lambda e: e.sentence),
        quotes=find_quotes(passages, published, lambda key: _name(index, key)),
        dropped=report.dropped,
    )


def narrative_dates(
    published, entry_days: dict[int, date] | None = None,
    years: dict[int, int] | None = None,
):
    """Each paragraph's dates, the yearless ones in the year the story is telling of (a
    timeline's year heading names it); a live page's entry told from the day it was
    posted."""
    told: list = [None]
    last: list = [None]
    days = entry_days or {}
    headed = years or {}

    def dated(paragraph: int, text: str):
        now = days.get(paragraph, published)
        found = _onward(find_time_expressions(text, now), now, published)
        own = written_point(found, text)
        # The paragraph's own written dates move the point as they come (after_point): a
        # yearless "July 24" told before "the October 2023 attack" is not after it.
        point = told[-1]
        found = pointing_back(text, after_point(found, point, now, text), last[-1], now)
        # A paragraph that goes on telling yearless days from the story's point carries it
        # to the next ("November 22, 2023 ... On November 27 ... the truce broke down on
        # December 1": all of 2023); one that tells none lets it go.
        carried = [e.end for e in found if e.yearless and e.granularity == "day"
                   and point is not None and e.start >= point.replace(day=1)]
        told.append(own if own is not None else (max(carried) if carried else None))
        last.append(last_day(found, text) or last[-1])
        if paragraph in headed and headed[paragraph] <= published.year:
            found = [_in_year(e, headed[paragraph]) if e.yearless else e for e in found]
        return found

    return dated


def _in_year(expression, year: int):
    """A yearless day (or span of days) put in the year its heading names."""
    shift = year - expression.start.year
    if shift == 0:
        return expression
    try:
        return replace(expression, start=expression.start.replace(year=year),
                       end=expression.end.replace(year=expression.end.year + shift))
    except ValueError:  # 29 February in a year without one
        return expression


def _onward(found: list, day: date, published: date) -> list:
    """A timeline's entry ("November 22, 2023") tells what followed its day: a yearless
    "Dec. 2" in it is the one after, not the one a year before."""
    if day >= published:
        return found
    out = []
    for e in found:
        if e.yearless and e.start < day - _LONG_BEFORE:
            try:
                later = replace(e, start=e.start.replace(year=e.start.year + 1),
                                end=e.end.replace(year=e.end.year + 1))
            except ValueError:  # 29 February
                later = e
            e = later if later.end <= published else e
        out.append(e)
    return out


_LONG_BEFORE = timedelta(days=60)


def _entry_openings(stamps: list[str | None], days: dict[int, date]) -> dict[int, date]:
    """The first paragraph of each live entry, with the entry's day."""
    return {
        paragraph: days[paragraph] for paragraph, stamp in enumerate(stamps)
        if paragraph in days and (paragraph == 0 or stamps[paragraph - 1] != stamp)
    }


_CLOCK_ONLY = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+\(?[A-Z]{2,5}\)?)?", re.I)


def entry_days(stamps: list[str | None], published: date) -> dict[int, date]:
    """The day of each live entry's paragraphs, from its stamp ("Fri 1 Dec, 07:24")."""
    days: dict[int, date] = {}
    for paragraph, stamp in enumerate(stamps):
        if stamp is None:
            continue
        found = [e for e in find_time_expressions(stamp, published) if e.granularity == "day"]
        if found and found[0].start <= published:
            days[paragraph] = found[0].start
        elif not found and _CLOCK_ONLY.fullmatch(stamp.strip()):
            days[paragraph] = published  # "9:48 PM": an entry of the report's own day
    return days


def _dateline_mark(
    dateline: Dateline | None, index: EntityIndex, gazetteer: Gazetteer
) -> Mark | None:
    """The dateline's city as a mark of no sentence, and as an entity the store will know."""
    if dateline is None:
        return None
    entry = gazetteer.place(dateline.city)
    if entry is None or entry.kind != "place":
        return None
    words = vocabulary()
    country = gazetteer.by_name(entry.country) if entry.country else None
    if country is not None and country.name not in words.parties | words.mediators \
            and country.capital != entry.name and not any(
                m.key != entry.key and (m.name == country.name or m.country == country.name)
                for m in index.mentions):
        # "Shillong, May 10: The delegations ... left Egypt": an agency's desk in a provincial
        # town of a land the story never names is where the copy was filed, not where talks
        # are (a capital's may be: "PARIS — ... after a day of talks here").
        return None
    if index.by_key(entry.key) is None:
        index.mentions.append(EntityMention(
            key=entry.key, kind="place", name=entry.name, spellings={dateline.city},
            country=entry.country, known=True,
        ))
    return Mark(-1, -1, entry.key, "place", dateline.city)


_TALKS_IN_HEADLINE = re.compile(r"\b(?:talks|negotiations|round|meeting)\b", re.IGNORECASE)


def _headline_venues(title: str, gazetteer: Gazetteer) -> frozenset[str]:
    """The cities a headline puts the talks in: "Gaza talks in Doha enter third day".

    A mediator's country the headline puts talks in counts as a place of its own: "Gaza
    talks in Qatar end ...; mediators to meet again in Cairo" tells of two venues, so the
    report's undated talks are not Cairo's."""
    if not _TALKS_IN_HEADLINE.search(title):
        return frozenset()
    found = find_known(tokenize(title), gazetteer)
    cities = {m.entry.country for m in found if m.entry.kind == "place"}
    countries = frozenset(
        m.entry.key for m in found
        if m.entry.kind == "country" and m.entry.name not in cities
        and _IN_BEFORE.search(title[: m.start])
        and m.entry.name not in vocabulary().parties
    )
    return _headline_places(title, gazetteer) | countries


_IN_BEFORE = re.compile(r"\b(?:talks|negotiations|round|meeting)\s+in\s+(?:the\s+)?$",
                        re.IGNORECASE)


def _headline_places(title: str, gazetteer: Gazetteer) -> frozenset[str]:
    return frozenset(
        m.entry.key for m in find_known(tokenize(title), gazetteer)
        if m.entry.kind == "place" and m.entry.place_type not in ("region", "crossing")
    )


def _name(index: EntityIndex, key: str) -> str:
    mention = index.by_key(key)
    return mention.name if mention else key


def _known_places(title: str, gazetteer: Gazetteer) -> dict[str, PlaceFacts]:
    """The places a headline names, which the body may never name again."""
    return {
        m.entry.key: PlaceFacts(m.entry.name, m.entry.country, m.entry.place_type)
        for m in find_known(tokenize(title), gazetteer) if m.entry.kind == "place"
    }


def _place_facts(
    index: EntityIndex, gazetteer: Gazetteer, headline: dict[str, PlaceFacts] | None = None
) -> Callable[[str], PlaceFacts | None]:
    cache: dict[str, PlaceFacts | None] = {}

    def describe(key: str) -> PlaceFacts | None:
        if key not in cache:
            cache[key] = _facts(index, gazetteer, key) or (headline or {}).get(key)
        return cache[key]

    return describe


def _facts(index: EntityIndex, gazetteer: Gazetteer, key: str) -> PlaceFacts | None:
    mention = index.by_key(key)
    if mention is None:
        return None
    if mention.kind == "country":
        return PlaceFacts(mention.name, None, "country")
    entry = gazetteer.place(mention.name)
    place_type = entry.place_type if entry is not None else None
    country = mention.country or (entry.country if entry is not None else None)
    return PlaceFacts(mention.name, country, place_type)
