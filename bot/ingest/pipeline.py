"""One article in, one `Extraction` out: every ingest stage in a row.

clean → sentences → entities → (per paragraph) dates → rounds, quotes,
proposals, figures.  Pure: the same article always gives the same extraction,
and nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.dates import find_time_expressions
from bot.gazetteer import Gazetteer, load_gazetteer
from bot.ingest.document.clean import clean_article
from bot.ingest.document.passages import build_passages
from bot.ingest.document.sentences import split_sentences
from bot.ingest.events.figures import find_figures
from bot.ingest.events.past_deals import find_past_deals
from bot.ingest.events.proposals import find_proposals, proposal_titles
from bot.ingest.events.rounds import find_rounds
from bot.ingest.events.venues import PlaceFacts
from bot.ingest.mentions.entities import EntityIndex, find_entities
from bot.ingest.model import ArticleInput, Extraction
from bot.ingest.quotes.attributed import find_quotes


def extract(article: ArticleInput, *, gazetteer: Gazetteer | None = None) -> Extraction:
    """Everything the story says: entities, rounds, proposals, figures and quotes."""
    gazetteer = gazetteer or load_gazetteer()
    published = article.published_at.date()
    cleaned = clean_article(article.text, title_hint=article.title)
    sentences = split_sentences(cleaned.paragraphs)
    index = find_entities(sentences, article.published_at, gazetteer)
    passages = build_passages(
        sentences, index.spans, lambda text: find_time_expressions(text, published)
    )
    describe = _place_facts(index, gazetteer)
    events = find_rounds(passages, published, describe, proposal_titles)
    events += find_proposals(passages, published, lambda key: _name(index, key))
    events += find_figures(passages, published)
    events += find_past_deals(passages, published)
    return Extraction(
        title=cleaned.title,
        paragraphs=cleaned.paragraphs,
        sentences=sentences,
        entities=index.mentions,
        events=sorted(events, key=lambda e: e.sentence),
        quotes=find_quotes(passages, published, lambda key: _name(index, key)),
        dropped=cleaned.dropped,
    )


def _name(index: EntityIndex, key: str) -> str:
    mention = index.by_key(key)
    return mention.name if mention else key


def _place_facts(
    index: EntityIndex, gazetteer: Gazetteer
) -> Callable[[str], PlaceFacts | None]:
    cache: dict[str, PlaceFacts | None] = {}

    def describe(key: str) -> PlaceFacts | None:
        if key not in cache:
            cache[key] = _facts(index, gazetteer, key)
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
