"""Reading articles: a bad file is reported with its reason and the others still go in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlmodel import select

from bot.ingest.model import ArticleInput
from bot.ingest.sources import (
    ArticleMeta,
    Rejection,
    collect_articles,
    content_hash,
    parse_published,
)
from bot.paths import SEEDS_DIR

STORY = (
    "Talks resumed Tuesday in Cairo as mediators from Egypt and Qatar pressed Hamas and Israel "
    "to accept a 60-day truce. A Hamas delegation led by Khalil al-Hayya met Egyptian officials, "
    "a senior official said, adding that the talks would continue on Wednesday.\n"
)
META = ArticleMeta(outlet="Wire", published="2025-08-12")


def _write(path: Path, content: bytes | str) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _reason(items) -> str:
    (item,) = items
    assert isinstance(item, Rejection), item
    return item.reason


def test_seed_folder_reads_every_article_with_its_manifest_metadata():
    items = list(collect_articles([SEEDS_DIR]))
    assert len(items) == 5
    assert all(isinstance(i, ArticleInput) for i in items)
    ynet = next(i for i in items if i.outlet == "Ynetnews")
    assert ynet.published_at == datetime(2025, 10, 7, tzinfo=UTC)
    assert ynet.url == "https://www.ynetnews.com/article/bjg4m00falg"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary"),
        ("Caf\u00e9 talks ".encode("latin-1") * 40, "not UTF-8"),
        (b"Too short.", "too short"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, content, reason):
    path = _write(tmp_path / "bad.txt", content)
    assert reason in _reason(collect_articles([path], META))


def test_twenty_megabytes_of_text_is_rejected_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w") as handle:
        for _ in range(20):
            handle.write(STORY * (1_000_000 // len(STORY)))
    assert "too large" in _reason(collect_articles([path], META))


def test_a_file_without_publication_date_is_rejected(tmp_path):
    path = _write(tmp_path / "story.txt", STORY * 2)
    reason = _reason(collect_articles([path], ArticleMeta(outlet="Wire")))
    assert "no publication date" in reason


def test_bad_publication_date_is_named(tmp_path):
    path = _write(tmp_path / "story.txt", STORY * 2)
    reason = _reason(collect_articles([path], ArticleMeta(outlet="Wire", published="last Tuesday")))
    assert "bad publication date" in reason


def test_folder_with_a_bad_file_still_yields_the_good_ones(tmp_path):
    _write(tmp_path / "a.txt", STORY * 2)
    _write(tmp_path / "b.txt", b"\x00\x01\x02" * 100)
    _write(
        tmp_path / "manifest.toml",
        '[[articles]]\nfile = "a.txt"\noutlet = "Wire"\npublished = 2025-08-12\n'
        '[[articles]]\nfile = "b.txt"\noutlet = "Wire"\npublished = 2025-08-12\n'
        '[[articles]]\nfile = "gone.txt"\noutlet = "Wire"\npublished = 2025-08-12\n',
    )
    items = list(collect_articles([tmp_path]))
    good = [i for i in items if isinstance(i, ArticleInput)]
    bad = {i.source_name: i.reason for i in items if isinstance(i, Rejection)}
    assert [g.source_name for g in good] == ["a.txt"]
    assert "binary" in bad["b.txt"]
    assert "missing" in bad["gone.txt"]


def test_broken_manifest_is_reported(tmp_path):
    _write(tmp_path / "a.txt", STORY * 2)
    _write(tmp_path / "manifest.toml", "[[articles]\nfile = ")
    assert "not valid TOML" in _reason(collect_articles([tmp_path]))


def test_html_goes_through_trafilatura_and_keeps_the_story(tmp_path):
    page = (
        "<!doctype html><html><head><title>Cairo talks resume</title>"
        '<meta property="article:published_time" content="2025-08-12T09:00:00+00:00"></head>'
        "<body><nav>Home | World | Sport</nav><article><h1>Cairo talks resume</h1>"
        f"<p>{STORY}</p><p>{STORY}</p></article><footer>Cookie settings</footer></body></html>"
    )
    path = _write(tmp_path / "page.html", page)
    (item,) = collect_articles([path], ArticleMeta(outlet="Wire"))
    assert isinstance(item, ArticleInput), item
    assert "Khalil al-Hayya" in item.text
    assert "Cookie settings" not in item.text
    assert item.published_at.date().isoformat() == "2025-08-12"


def test_same_text_in_another_layout_has_the_same_hash():
    assert content_hash("A  story\n\nabout talks ") == content_hash("A story about talks")
    assert content_hash("A story about talks") != content_hash("A story about a truce")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-07", datetime(2025, 10, 7, tzinfo=UTC)),
        ("2025-10-07T09:30+03:00", datetime(2025, 10, 7, 6, 30, tzinfo=UTC)),
        ("2025-10-07T09:30:00Z", datetime(2025, 10, 7, 9, 30, tzinfo=UTC)),
    ],
)
def test_publication_dates_are_timezone_aware(value, expected):
    assert parse_published(value) == expected


def test_metadata_options_describe_one_file_only(tmp_path):
    first = _write(tmp_path / "a.txt", STORY * 2)
    second = _write(tmp_path / "b.txt", STORY * 3)
    for paths in ([first, second], [tmp_path]):
        with pytest.raises(ValueError, match=r"describe one file; .* folder's manifest\.toml"):
            list(collect_articles(paths, META))
    (item,) = collect_articles([first], META)
    assert isinstance(item, ArticleInput)


def test_ingest_refuses_metadata_options_for_a_folder_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    _write(tmp_path / "a.txt", STORY * 2)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ingest", str(tmp_path), "--outlet", "Wire"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "--outlet, --published and --url describe one file; for several files or a folder, "
        "give each file's metadata in the folder's manifest.toml"
    )
    assert not (tmp_path / "x.db").exists()


def test_a_publication_date_more_than_a_day_ahead_is_rejected_with_its_reason(tmp_path):
    path = _write(tmp_path / "story.txt", STORY * 2)
    ahead = (datetime.now(UTC) + timedelta(hours=30)).isoformat(timespec="minutes")
    reason = _reason(collect_articles([path], ArticleMeta(outlet="Wire", published=ahead)))
    assert reason.startswith("publication date ") and "more than 24 hours after now" in reason
    soon = (datetime.now(UTC) + timedelta(hours=20)).isoformat(timespec="minutes")
    (item,) = collect_articles([path], ArticleMeta(outlet="Wire", published=soon))
    assert isinstance(item, ArticleInput)


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Published Tuesday, October 14, 2025 - 09:12", datetime(2025, 10, 14, tzinfo=UTC)),
        ("Issued on: 13/02/2024 - 18:42", datetime(2024, 2, 13, tzinfo=UTC)),
        ("Issued on: 03/02/2024", datetime(2024, 2, 3, tzinfo=UTC)),
        ("Posted 7 Oct 2025, 10:05 GMT", datetime(2025, 10, 7, 10, 5, tzinfo=UTC)),
        (
            "Published on 2025-10-07 at 9.30 pm +03:00",
            datetime(2025, 10, 7, 21, 30, tzinfo=timezone(timedelta(hours=3))),
        ),
    ],
)
def test_a_date_line_in_the_text_dates_an_article_given_none(tmp_path, line, published):
    path = _write(tmp_path / "story.txt", f"Cairo talks resume\n\n{line}\n\n{STORY * 2}")
    (item,) = collect_articles([path], ArticleMeta(outlet="Wire"))
    assert isinstance(item, ArticleInput), item
    assert item.published_at == published
    assert item.published_at.utcoffset() == published.utcoffset()


def test_a_date_inside_the_story_does_not_date_it(tmp_path):
    path = _write(tmp_path / "story.txt", f"Cairo talks resume\n\n{STORY}\n"
                  "The truce was published October 3, 2025, officials said.\n" + STORY)
    assert "no publication date" in _reason(collect_articles([path], ArticleMeta(outlet="W")))


def test_html_declaring_windows_1252_is_decoded(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Cairo talks resume</title></head><body><article><h1>Cairo talks resume</h1>"
        f"<p>\u201cWe are close,\u201d an official said. {STORY}</p><p>{STORY}</p>"
        "</article></body></html>"
    )
    path = _write(tmp_path / "page.html", page.encode("windows-1252"))
    (item,) = collect_articles([path], META)
    assert isinstance(item, ArticleInput), item
    assert "\u201cWe are close,\u201d" in item.text


def test_page_furniture_never_becomes_the_title(tmp_path, engine):
    from bot.ingest.batch import ingest_articles
    from bot.store.database import session_scope
    from bot.store.models import Article

    text = f"Skip to main content\n\nCairo talks resume on truce plan\n\n{STORY * 2}"
    html = (
        "<html><head><title>Skip to main content</title></head><body><article>"
        f"<p>{STORY}</p><p>{STORY}</p></article></body></html>"
    )
    items = [
        *collect_articles([_write(tmp_path / "story.txt", text)], META),
        *collect_articles([_write(tmp_path / "page.html", html.replace("Cairo", "Doha"))], META),
    ]
    report = ingest_articles(engine, items)
    assert report.ok, report.rejected
    with session_scope(engine) as session:
        titles = {a.title for a in session.exec(select(Article)).all()}
    assert "Cairo talks resume on truce plan" in titles
    assert not any("skip to" in (title or "").lower() for title in titles)
