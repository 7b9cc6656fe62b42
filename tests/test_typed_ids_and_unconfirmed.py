"""Typed ids in commands, and events that rest on one weak cue: marked, never news."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from bot.ids import parse_typed_id
from bot.render import plain
from bot.replies.commands import answer
from bot.replies.reply import Asker
from tests.story_rows import StoryRows

NOW = datetime(2025, 10, 10, 9, 0, tzinfo=UTC)
ASKER = Asker(user_id=7, chat_id=7, chat_type="private", now=NOW)


def _story(engine) -> dict[str, int]:
    with Session(engine, expire_on_commit=False) as session:
        s = StoryRows(session)
        wire = s.article("Wire", "2025-10-08", "https://example.org/w", "w.txt")
        cairo = s.entity("place", "Cairo")
        doha = s.entity("place", "Doha")
        firm = s.event("round", "Negotiations in Cairo", wire, "Talks opened in Cairo on Monday.",
                       start="2025-10-06", place=cairo, status="ongoing")
        weak = s.event("round", "Negotiations in Doha", wire,
                       "A spokesman told reporters in Doha the talks went on.",
                       start="2025-10-07", place=doha, status="ongoing", unconfirmed=True)
        plan = s.event("proposal", "20-point plan", wire, "The 20-point plan.", start="2025-10-06")
        session.commit()
        return {"firm": firm.id, "weak": weak.id, "plan": plan.id}


def _text(engine, line: str) -> str:
    command, _, args = line.partition(" ")
    with Session(engine) as session:
        return plain(answer(session, command, args, ASKER).pages[0])


def test_a_typed_id_is_read_with_or_without_its_hash():
    assert (parse_typed_id("#r12").letter, parse_typed_id("#r12").number) == ("r", 12)
    assert parse_typed_id("r12").number == 12
    assert parse_typed_id("#12").letter is None
    assert parse_typed_id("12") is None and parse_typed_id("x12") is None


def test_round_accepts_its_typed_id_and_the_old_hash_form(engine):
    ids = _story(engine)
    for form in (f"#r{ids['firm']}", f"r{ids['firm']}", f"#{ids['firm']}", f"R{ids['firm']}"):
        assert "Cairo" in _text(engine, f"/round {form}"), form


def test_round_never_shows_another_kind_of_event_as_a_round(engine):
    ids = _story(engine)
    for form in (f"#{ids['plan']}", f"#e{ids['plan']}", f"#p{ids['firm']}"):
        assert "There is no round" in _text(engine, f"/round {form}"), form


def test_an_unconfirmed_round_is_marked_in_detail_and_left_out_of_the_news(engine):
    ids = _story(engine)
    detail = _text(engine, f"/round #r{ids['weak']}")
    assert "unconfirmed" in detail
    assert "unconfirmed" not in _text(engine, f"/round #r{ids['firm']}")
    latest = _text(engine, "/latest")
    assert "Cairo" in latest and "Doha" not in latest


def test_the_digest_leaves_an_unconfirmed_event_out_of_the_news(engine):
    from datetime import timedelta

    from bot.digest.filters import DigestFilter
    from bot.digest.news import new_events

    ids = _story(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        found = {event_id for event_id, _ in new_events(
            session, DigestFilter(None), now - timedelta(days=1), now + timedelta(minutes=1)
        )}
    assert ids["firm"] in found and ids["weak"] not in found
