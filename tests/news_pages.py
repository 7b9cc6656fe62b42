"""Article pages and feeds for the local site: on-story reports, near misses, copies."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

ON_STORY_BODY = (
    "A Hamas delegation led by Khalil al-Hayya arrived in Cairo on Tuesday for talks with "
    "Egyptian and Qatari mediators on a Gaza ceasefire and hostage release deal, officials "
    "said.\n\nThe talks are expected to last two days. Israeli negotiators led by Ron Dermer "
    "are due in Cairo on Wednesday, according to a source briefed on the schedule, who said "
    "the mediators would present a bridging proposal on the first phase."
)
OFF_STORY_BODY = (
    "Heavy rain flooded thousands of tents in central Gaza overnight, aid groups said. "
    "Families in Deir al-Balah and Khan Younis dug trenches around their shelters.\n\nThe UN "
    "called for more tarpaulins and fuel, and said drainage pumps had stopped for lack of "
    "diesel. Forecasters expect more rain over the weekend along the coast."
)


def article_html(
    title: str,
    body: str,
    *,
    site: str = "Gulf Ledger",
    published: str = "2025-10-07T09:30:00+03:00",
    charset: str = "utf-8",
) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    page = (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{escape(title)}</title>'
        f'<meta property="og:site_name" content="{escape(site)}">'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><nav>Home | World</nav><article><h1>{escape(title)}</h1>{paragraphs}"
        "</article><footer>© the outlet</footer></body></html>"
    )
    return page.encode(charset)


def rss(title: str, items: list[tuple[str, str, str, datetime]]) -> bytes:
    """An RSS 2.0 feed of (title, link, description, published) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<description>{escape(d)}</description><pubDate>{format_datetime(when)}</pubDate></item>"
        for t, link, d, when in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}'
        f"</title><link>http://example.invalid/</link>{entries}</channel></rss>"
    ).encode()
