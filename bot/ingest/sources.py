"""Turn files, folders and pasted text into `ArticleInput`s, refusing what is not an article.

A refused file never stops the others: it comes back as a `Rejection` with a reason
a journalist can act on.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot.ingest.model import ArticleInput

MAX_ARTICLE_BYTES = 1_000_000  # a long feature is ~60 KB; anything near a megabyte is not one story
MIN_ARTICLE_CHARS = 200
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
MANIFEST = "manifest.toml"
# Time zones and clocks that run a little fast excuse a few hours; a day more is a typo.
MAX_AHEAD = timedelta(hours=24)
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


@dataclass(frozen=True)
class Rejection:
    source_name: str
    reason: str


@dataclass(frozen=True)
class ArticleMeta:
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    note: str | None = None

    @property
    def given(self) -> bool:
        return any((self.outlet, self.published, self.url, self.note))


def refuse_shared_meta(paths: list[Path], meta: ArticleMeta) -> None:
    """ValueError unless `meta` (--outlet, --published, --url) describes exactly one file:
    given for several articles it would date them all alike."""
    if meta.given and (len(paths) != 1 or paths[0].is_dir()):
        raise ValueError(
            "--outlet, --published and --url describe one file; for several files or a "
            f"folder, give each file's metadata in the folder's {MANIFEST}"
        )


def parse_published(value: str | date | datetime) -> datetime:
    """A publication date or datetime; a bare date is kept as midnight UTC of that day."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.combine(date.fromisoformat(text), time(0), tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"'{value}' is not a date like 2025-10-07 or 2025-10-07T09:30+03:00"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def content_hash(text: str) -> str:
    """Same story text, same hash: layout and Unicode forms do not make a new article."""
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def decode_article_bytes(raw: bytes, name: str) -> str:
    """The text of an upload or a file, or ValueError with the reason to show."""
    if len(raw) > MAX_ARTICLE_BYTES:
        size = len(raw) / 1_000_000
        raise ValueError(f"too large ({size:.1f} MB; an article is at most 1 MB)")
    if b"\x00" in raw[:8192]:
        raise ValueError("binary data, not text")
    text = decode_markup(raw)
    if Path(name).suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
        text = _html_to_text(text)
    if not text.strip():
        raise ValueError("empty: no text")
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        raise ValueError(f"too short to be an article ({len(text.strip())} characters)")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if controls > len(text) * 0.01:
        raise ValueError("binary data, not text")
    return text


def decode_markup(raw: bytes) -> str:
    """UTF-8, or the charset an HTML page declares in its head (windows-1252 and the like)."""
    charset = "utf-8-sig"
    if declared := _DECLARED_CHARSET.search(raw[:4096]):
        try:
            codec = codecs.lookup(declared[1].decode("ascii"))
        except LookupError:
            raise ValueError(f"declares an unknown charset ({declared[1].decode()})") from None
        if codec.name != "utf-8":
            charset = codec.name
    try:
        return raw.decode(charset)
    except UnicodeDecodeError:
        shown = "UTF-8" if charset == "utf-8-sig" else f"{charset}, as it declares"
        raise ValueError(f"not {shown} text") from None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _html_to_text(markup: str) -> str:
    import trafilatura  # imported late: it is heavy and most ingests are plain text

    from bot.ingest.document.furniture import vocabulary_hits

    extracted = trafilatura.extract(
        markup, include_comments=False, include_tables=True, favor_precision=True
    )
    metadata = trafilatura.extract_metadata(markup)
    title = metadata.title if metadata and metadata.title else None
    if title and vocabulary_hits(title):
        title = None  # "Skip to main content": the page's furniture, not the story's headline
    text = extracted or ""
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text


def html_published(markup: str) -> str | None:
    import trafilatura

    metadata = trafilatura.extract_metadata(markup)
    return metadata.date if metadata and metadata.date else None


def article_from_text(text: str, meta: ArticleMeta, source_name: str) -> ArticleInput | Rejection:
    missing = [
        what
        for what, value in (("publication date", meta.published), ("outlet", meta.outlet))
        if not value or not str(value).strip()
    ]
    if missing:
        options = "/".join(f"--{'published' if m.startswith('pub') else 'outlet'}" for m in missing)
        return Rejection(
            source_name, f"no {' and no '.join(missing)} (give {options} or a manifest entry)"
        )
    try:
        published = parse_published(meta.published)
    except ValueError as error:
        return Rejection(source_name, f"bad publication date: {error}")
    now = datetime.now(UTC)
    if published > now + MAX_AHEAD:
        return Rejection(
            source_name,
            f"publication date {published.isoformat()} is more than 24 hours after now "
            f"({now:%Y-%m-%d %H:%M} UTC); a report cannot come from the future",
        )
    return ArticleInput(
        text=text,
        outlet=meta.outlet.strip(),
        published_at=published,
        url=meta.url or None,
        note=meta.note,
        source_name=source_name,
    )


def read_article_file(path: Path, meta: ArticleMeta) -> ArticleInput | Rejection:
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return Rejection(
                name, f"too large ({size / 1_000_000:.1f} MB; an article is at most 1 MB)"
            )
        raw = path.read_bytes()
    except OSError as error:
        return Rejection(name, f"cannot be read ({error.strerror or error})")
    try:
        text = decode_article_bytes(raw, name)
    except ValueError as error:
        return Rejection(name, str(error))
    if not meta.published:
        meta = ArticleMeta(meta.outlet, _stated_published(raw, text, path), meta.url, meta.note)
    return article_from_text(text, meta, name)


def _stated_published(raw: bytes, text: str, path: Path) -> str | None:
    """The date the article gives itself: the page's metadata, else a date line."""
    # Imported here: the date vocabulary loads the whole resolver, which lookups never need.
    from bot.ingest.date_lines import stated_publication

    if path.suffix.lower() in HTML_SUFFIXES and (found := html_published(decode_markup(raw))):
        return found
    return stated_publication(text)


def load_manifest(folder: Path) -> dict[str, ArticleMeta] | Rejection:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return Rejection(str(path), f"manifest is not valid TOML ({error})")
    entries: dict[str, ArticleMeta] = {}
    for item in data.get("articles", []):
        if not isinstance(item, dict) or "file" not in item:
            return Rejection(str(path), "every [[articles]] entry needs a 'file'")
        published = item.get("published")
        entries[str(item["file"])] = ArticleMeta(
            outlet=item.get("outlet"),
            published=published.isoformat() if isinstance(published, date) else published,
            url=item.get("url"),
            note=item.get("note"),
        )
    return entries


def collect_articles(
    paths: list[Path], defaults: ArticleMeta = ArticleMeta()
) -> Iterator[ArticleInput | Rejection]:
    """Every article named by `paths`: files directly, folders through their manifest.

    `defaults` describe a single file; see `refuse_shared_meta`.
    """
    refuse_shared_meta(paths, defaults)
    for path in paths:
        if path.is_dir():
            yield from _collect_folder(path)
        elif path.exists():
            yield read_article_file(path, defaults)
        else:
            yield Rejection(str(path), "no such file or folder")


def _collect_folder(folder: Path) -> Iterator[ArticleInput | Rejection]:
    manifest = load_manifest(folder)
    if isinstance(manifest, Rejection):
        yield manifest
        return
    suffixes = TEXT_SUFFIXES | HTML_SUFFIXES
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes):
        yield read_article_file(path, manifest.get(path.name, ArticleMeta()))
    for listed in sorted(set(manifest) - {p.name for p in folder.iterdir()}):
        yield Rejection(listed, "listed in the manifest but missing from the folder")
