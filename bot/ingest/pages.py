"""A fetched web page to an article: text, title, date and outlet.  Pure: bytes in.

trafilatura keeps the story's text and reads the page's metadata (it asks htmldate for
the date); htmldate alone is the fallback for pages whose metadata names no date.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.ingest.model import ArticleInput
from bot.ingest.sources import (
    MIN_ARTICLE_CHARS,
    ArticleMeta,
    Rejection,
    article_from_text,
    decode_markup,
)


@dataclass(frozen=True)
class PageText:
    title: str | None
    text: str
    published: str | None
    site_name: str | None


def decode_page(body: bytes, charset: str | None) -> str:
    """The page's text: the HTTP header's charset first, else what the page declares."""
    if charset:
        try:
            return body.decode(codecs.lookup(charset).name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_markup(body)


def read_page(markup: str, url: str | None = None) -> PageText:
    import trafilatura  # heavy: imported only when a page is read

    from bot.ingest.document.furniture import vocabulary_hits

    text = trafilatura.extract(
        markup, url=url, include_comments=False, include_tables=True, favor_precision=True
    )
    metadata = trafilatura.extract_metadata(markup, default_url=url)
    title = metadata.title if metadata and metadata.title else None
    if title and vocabulary_hits(title):
        title = None
    published = metadata.date if metadata and metadata.date else None
    if published is None:
        from htmldate import find_date

        published = find_date(markup, url=url, extensive_search=False)
    site = metadata.sitename if metadata and metadata.sitename else None
    return PageText(title, text or "", published, site)


def outlet_from(site_name: str | None, url: str) -> str:
    """The outlet's name as the site gives it, else its host without www."""
    if site_name and site_name.strip():
        return site_name.strip()
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def page_article(
    body: bytes,
    url: str,
    *,
    charset: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> ArticleInput | Rejection:
    """The article on a fetched page, or why there is none."""
    try:
        markup = decode_page(body, charset)
    except ValueError as error:
        return Rejection(url, str(error))
    page = read_page(markup, url)
    text = page.text
    if page.title and not text.startswith(page.title):
        text = f"{page.title}\n\n{text}"
    if len(page.text.strip()) < MIN_ARTICLE_CHARS:
        return Rejection(url, "no article text on the page (too short to be a report)")
    meta = ArticleMeta(
        outlet=outlet or outlet_from(page.site_name, url),
        published=published or page.published,
        url=url,
    )
    return article_from_text(text, meta, url)
