"""/subscribe, /unsubscribe, /settings, /digest, and forgiving time-zone names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.digest.commands import NEEDS_CHAT_ADMIN, preview, show_settings, subscribe, unsubscribe
from bot.digest.subscriptions import subscription_for
from bot.digest.zones import find_zone, suggest_zones
from bot.render import plain
from bot.replies.reply import Asker
from bot.store.database import session_scope
from tests.digest_data import Timeline

NOW = datetime(2025, 10, 6, 12, 0, tzinfo=UTC)


def private(user_id: int = 42, now: datetime = NOW) -> Asker:
    return Asker(user_id=user_id, chat_id=user_id, now=now)


def group(*, admin: bool | None, user_id: int = 42) -> Asker:
    return Asker(user_id=user_id, chat_id=-1001, chat_type="supergroup", is_chat_admin=admin,
                 now=NOW)


def text_of(reply) -> str:
    return plain("\n".join(reply.pages))


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/London", "Europe/London"), ("europe/london", "Europe/London"),
        ("London", "Europe/London"), ("Doha", "Asia/Qatar"), ("Jerusalem", "Asia/Jerusalem"),
        ("New York", "America/New_York"), ("new_york", "America/New_York"),
        ("Tel Aviv", "Asia/Jerusalem"), ("EST", "America/New_York"), ("UTC+3", "Etc/GMT-3"),
        ("القاهرة", "Africa/Cairo"), ("utc", "UTC"),
    ],
)
def test_zone_names_are_forgiving(typed, zone):
    assert find_zone(typed) == zone


def test_unknown_zones_get_near_suggestions_and_common_words_are_not_zones():
    assert find_zone("Narnia") is None
    assert suggest_zones("Asia/Jeruslem") == ["Asia/Jerusalem"]
    assert find_zone("deal") is None  # a town in Kent, but a word first


def test_subscribe_with_time_zone_and_filter(engine):
    with session_scope(engine) as session:
        reply = subscribe(session, "08:00 Asia/Jerusalem Cairo", private())
        sub = subscription_for(session, 42)
    assert (sub.local_time, sub.timezone, sub.filter, sub.active) == (
        "08:00", "Asia/Jerusalem", "Cairo", True,
    )
    text = text_of(reply)
    assert "Every day at 08:00, Asia/Jerusalem" in text
    assert "Next digest: Tue 7 Oct 2025, 08:00 IDT" in text
    assert sub.next_due_at == datetime(2025, 10, 7, 5, 0, tzinfo=UTC)


def test_a_city_maps_to_its_zone_and_the_reply_says_so(engine):
    with session_scope(engine) as session:
        text = text_of(subscribe(session, "07:30 London", private()))
    assert "Europe/London (from “London”)" in text


def test_what_is_left_out_keeps_its_value_and_all_clears_the_filter(engine):
    with session_scope(engine) as session:
        subscribe(session, "07:30 Doha hostages quiet", private())
        subscribe(session, "09:15", private())
        sub = subscription_for(session, 42)
        assert (sub.local_time, sub.timezone, sub.filter, sub.skip_empty) == (
            "09:15", "Asia/Qatar", "hostages", True,
        )
        subscribe(session, "all always", private())
        assert (sub.filter, sub.skip_empty) == (None, False)


def test_defaults_come_from_the_settings(engine, monkeypatch):
    from bot.config import get_settings

    monkeypatch.setenv("DEFAULT_TIMEZONE", "Asia/Jerusalem")
    monkeypatch.setenv("DIGEST_DEFAULT_TIME", "06:45")
    get_settings.cache_clear()
    try:
        with session_scope(engine) as session:
            subscribe(session, "", private())
            sub = subscription_for(session, 42)
    finally:
        get_settings.cache_clear()
    assert (sub.local_time, sub.timezone, sub.filter) == ("06:45", "Asia/Jerusalem", None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("25:00 London", "not a time of day"),
        ("07:00 Europe/Lodnon", "Did you mean Europe/London"),
        ("07:00 UTC+5:30", "I don't know the time zone"),
        ("07:00 Jerusalm", "Did you mean Jerusalem (Asia/Jerusalem)"),
    ],
)
def test_a_wrong_time_or_zone_gets_a_clear_message_with_examples(engine, args, message):
    with session_scope(engine) as session:
        text = text_of(subscribe(session, args, private()))
        assert subscription_for(session, 42) is None
    assert message in text
    assert "/subscribe 07:30 Europe/London" in text


def test_only_group_admins_change_the_groups_digest(engine):
    assert {"subscribe", "unsubscribe"} == NEEDS_CHAT_ADMIN
    with session_scope(engine) as session:
        for admin in (False, None):
            refused = text_of(subscribe(session, "07:00 London", group(admin=admin)))
            assert "Only this group's administrators" in refused
        assert subscription_for(session, -1001) is None
        subscribe(session, "07:00 London", group(admin=True))
        assert "administrators" in text_of(unsubscribe(session, "", group(admin=False)))
        assert subscription_for(session, -1001).active
        # Anyone in the group may read the settings.
        assert "07:00" in text_of(show_settings(session, "", group(admin=False)))
        unsubscribe(session, "", group(admin=True))
        sub = subscription_for(session, -1001)
    assert not sub.active and sub.deactivated_reason == "unsubscribed"
    assert sub.chat_type == "supergroup"


def test_unsubscribe_without_a_subscription_says_how_to_start(engine):
    with session_scope(engine) as session:
        assert "no daily digest" in text_of(unsubscribe(session, "", private()))


def test_settings_show_time_zone_filter_and_next_delivery_in_local_time(engine):
    with session_scope(engine) as session:
        subscribe(session, "7pm New York hostages", private())
        text = text_of(show_settings(session, "", private()))
    assert "Every day at 19:00, America/New_York" in text
    assert "Filter: “hostages”" in text
    assert "Next digest: Mon 6 Oct 2025, 19:00 EDT" in text
    assert "Last digest: none yet" in text


def test_preview_shows_the_digest_now_without_counting_it(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        article = t.article("Reuters", NOW - timedelta(hours=2))
        t.event(article, "Talks resume in <Cairo>", place="Cairo")
        subscribe(session, "07:00 UTC", private())
        reply = preview(session, "", private())
        sub = subscription_for(session, 42)
    text = text_of(reply)
    assert "Talks resume in <Cairo>" in text and "&lt;Cairo&gt;" in reply.pages[0]
    assert "not counted" in text
    assert sub.last_digest_at is None


def test_hostile_filter_text_is_escaped_and_bounded(engine):
    hostile = "<script>alert(1)</script> " + "x" * 20
    with session_scope(engine) as session:
        reply = subscribe(session, f"07:00 UTC {hostile}", private())
        assert "<script>" not in reply.pages[0]
        long_reply = subscribe(session, "07:00 UTC " + "y" * 500, private())
    assert "at most 100 characters" in text_of(long_reply)


def test_console_users_are_told_the_digest_lives_in_telegram(engine):
    asker = Asker(user_id=None, chat_id=0, chat_type="console", now=NOW)
    with session_scope(engine) as session:
        assert "Telegram" in text_of(subscribe(session, "07:00", asker))
