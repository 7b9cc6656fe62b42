"""The pure rules of watches: how a phrase watch reads and matches text, and when an
instant alert goes out or is held (quiet hours, the hourly cap)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digest.pacing import Turns
from bot.watches.holding import Budget, QuietHours, decide, hour_window, parse_quiet_hours
from bot.watches.phrases import PhraseError, Words, parse_phrase

UTC_ZONE = ZoneInfo("UTC")


def _matches(watch: str, text: str) -> bool:
    return parse_phrase(watch).matches(Words.of(text))


def test_a_quoted_phrase_matches_its_words_in_order_with_case_accents_and_plurals_forgiven():
    assert _matches('"hostage exchange"', "Talks on the Hostage Exchanges resumed")
    assert _matches('"Rafah crossing"', "the Rafah Crossing reopened")
    assert _matches('"Sharm el-Sheikh"', "talks in Sharm el Sheikh")
    assert _matches('"Erdogan"', "President Erdoğan said")
    assert not _matches('"hostage exchange"', "an exchange of hostage lists")


def test_a_minus_word_leaves_out_texts_that_have_it():
    assert not _matches('"hostage exchange" -drill', "a hostage exchange drill")
    assert _matches('"hostage exchange" -drill', "a hostage exchange began")
    assert not _matches('ceasefire -"air strike"', "ceasefire broken by an air strike")


def test_words_outside_quotes_make_one_phrase_and_every_part_must_appear():
    assert parse_phrase("hostage exchange").key == parse_phrase('"hostage exchange"').key
    watch = 'ceasefire "Rafah crossing"'
    assert _matches(watch, "the ceasefire opened the Rafah crossing")
    assert not _matches(watch, "the ceasefire held")


def test_typed_patterns_are_words_not_regular_expressions():
    assert not _matches("hostage.*deal", "hostage release deal")
    assert _matches("(deal)", "the deal")
    assert parse_phrase("a+b [deal]").include == (("a", "b", "deal"),)


def test_the_same_watch_typed_differently_has_one_key():
    one = parse_phrase('"Hostage Exchange" -DRILL -drills')
    two = parse_phrase("-drill “hostage exchanges”")
    assert one.key == two.key == '"hostage exchange" -drill'


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("-drill", "not only what to leave out"),
        ("ab", "three letters"),
        ("“ ”", "not only what to leave out"),
        ("x " * 60, "at most 100 characters"),
        ("one two three four five six seven", "at most 6 words"),
    ],
)
def test_a_phrase_that_cannot_work_is_refused_with_the_reason(typed, why):
    with pytest.raises(PhraseError, match=why):
        parse_phrase(typed)


def test_quiet_hours_are_read_as_people_write_spans_of_the_clock():
    expected = QuietHours(time(22), time(7))
    for typed in ("22:00-07:00", "22:00–07:00", "10pm to 7am", "22-7"):
        assert parse_quiet_hours(typed) == expected
    for bad in ("22:00", "25:00-07:00", "07:00-07:00", "night"):
        with pytest.raises(ValueError):
            parse_quiet_hours(bad)


def test_an_alert_in_quiet_hours_past_midnight_is_held_until_they_end_in_the_chats_zone():
    london = ZoneInfo("Europe/London")  # BST in October: 23:30 UTC is 00:30 in London
    quiet = QuietHours(time(22), time(7))
    verdict = decide(datetime(2025, 10, 7, 23, 30, tzinfo=UTC), london, quiet, Budget(), 10)
    assert not verdict.send and verdict.reason == "quiet"
    assert verdict.held_until == datetime(2025, 10, 8, 6, 0, tzinfo=UTC)
    daytime = decide(datetime(2025, 10, 8, 9, 0, tzinfo=UTC), london, quiet, Budget(), 10)
    assert daytime.send


def test_the_hourly_cap_holds_alerts_past_it_until_the_hour_ends_and_resets_with_the_hour():
    budget = Budget()
    start = datetime(2025, 10, 7, 14, 5, tzinfo=UTC)
    verdicts = []
    for n in range(12):
        verdict = decide(start + timedelta(minutes=n), UTC_ZONE, None, budget, 10)
        budget = verdict.budget
        verdicts.append(verdict)
    assert [v.send for v in verdicts] == [True] * 10 + [False] * 2
    assert {v.held_until for v in verdicts[10:]} == {datetime(2025, 10, 7, 15, 0, tzinfo=UTC)}
    next_hour = decide(datetime(2025, 10, 7, 15, 0, tzinfo=UTC), UTC_ZONE, None, budget, 10)
    assert next_hour.send and next_hour.budget.count == 1


def test_the_hour_is_the_local_clocks_even_in_a_half_hour_zone():
    kolkata = ZoneInfo("Asia/Kolkata")  # UTC+5:30: its hours begin at half past, UTC
    start, end = hour_window(datetime(2025, 10, 7, 14, 5, tzinfo=UTC), kolkata)
    assert (start, end) == (datetime(2025, 10, 7, 13, 30, tzinfo=UTC),
                            datetime(2025, 10, 7, 14, 30, tzinfo=UTC))


async def test_a_waiting_alert_takes_the_next_turn_before_waiting_digest_pages():
    turns = Turns()
    order: list[str] = []
    await turns.acquire(urgent=False)  # a digest page in flight

    async def send(name: str, urgent: bool) -> None:
        await turns.acquire(urgent=urgent)
        order.append(name)
        turns.release()

    pages = [asyncio.create_task(send(f"page {n}", False)) for n in range(3)]
    await asyncio.sleep(0)
    alert = asyncio.create_task(send("alert", True))
    await asyncio.sleep(0)
    turns.release()
    await asyncio.gather(*pages, alert)
    assert order == ["alert", "page 0", "page 1", "page 2"]
