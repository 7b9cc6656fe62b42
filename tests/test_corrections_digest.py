"""A fact that went out in a digest and is corrected or hidden later is told under
"Corrections" in the next digest, without ids; one new in the window is shown corrected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.console import ask
from bot.digest.compose import DigestComposer
from bot.render import plain
from bot.store.database import session_scope
from tests.conftest import _ingest_seeds
from tests.test_bot_e2e_corrections import round_at


def _digest(engine, since: datetime, until: datetime) -> str:
    with session_scope(engine) as session:
        digest = DigestComposer(session).digest(
            None, since, until, day=until.date(), zone=ZoneInfo("UTC")
        )
    return plain(digest.markup)


def test_the_next_digest_tells_corrections_of_what_went_out_before(engine):
    _ingest_seeds(engine)
    sent_out = datetime.now(UTC)
    sharm, doha = round_at(engine, "Sharm el-Sheikh"), round_at(engine, "Doha")
    ask(engine, f"/fix {sharm} status agreement")
    ask(engine, f"/hide {doha} not a round")
    ask(engine, f"/verify {sharm}")
    later = datetime.now(UTC) + timedelta(minutes=1)
    text = _digest(engine, sent_out, later)
    assert "Corrections" in text
    assert "Sharm el-Sheikh (round), status: ongoing → agreement, corrected by an editor." in text
    assert "Doha (round), reported earlier, was withdrawn by an editor: not a round." in text
    assert sharm not in text and doha not in text
    assert "verified" not in text


def test_an_item_new_in_the_window_is_shown_corrected_not_listed_as_a_correction(engine):
    before = datetime.now(UTC) - timedelta(minutes=1)
    _ingest_seeds(engine)
    sharm = round_at(engine, "Sharm el-Sheikh")
    ask(engine, f"/fix {sharm} status agreement")
    text = _digest(engine, before, datetime.now(UTC) + timedelta(minutes=1))
    assert "Corrections" not in text
    assert "agreement" in text
