"""What an ingest logs for the watches: new facts, a round's status moved, facts told again;
nothing for what is stated as unconfirmed or only recalled."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.store.database import session_scope
from bot.store.fact_log import log_carried, log_facts
from bot.store.models import FactLog
from bot.store.writer import EventBefore, StoredArticle
from tests.digest_data import Timeline

NOW = datetime(2025, 10, 7, 12, tzinfo=UTC)


def _logged(session) -> set[tuple[str, str, str | None, str | None]]:
    rows = session.execute(select(FactLog.kind, FactLog.change, FactLog.before, FactLog.status))
    return set(rows.all())


def test_new_facts_are_logged_but_not_unconfirmed_or_recalled_ones(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        article = t.article("Reuters", NOW)
        firm = t.event(article, "Talks resume in Cairo", place="Cairo", on=date(2025, 10, 6))
        weak = t.event(article, "Talks may move to Doha", place="Doha", on=date(2025, 10, 9))
        weak.unconfirmed = True
        recalled = t.event(article, "The January truce", kind="agreement", background=True)
        quote = t.quote(article, "Majed al-Ansari", "too early to talk of optimism")
        stored = StoredArticle(article, created=[firm.id, weak.id, recalled.id],
                               quote_ids=[quote.id])
        assert log_facts(session, stored, now=NOW) == 2
        assert _logged(session) == {("event", "new", None, None), ("quote", "new", None, None)}


def test_a_status_moved_is_a_fact_and_a_report_again_or_a_copy_is_told_again(engine):
    with session_scope(engine) as session:
        t = Timeline(session)
        first = t.article("Reuters", NOW)
        talks = t.event(first, "Talks in Doha", place="Doha", on=date(2025, 10, 6),
                        status="collapsed")
        said = t.quote(first, "Majed al-Ansari", "there are still many issues")
        second = t.article("AP", NOW)
        again = t.quote(second, "Majed al-Ansari", "there are still many issues")
        stored = StoredArticle(second, reported_again={talks.id: EventBefore("ongoing", False)},
                               quote_ids=[again.id])
        log_facts(session, stored, now=NOW)
        assert _logged(session) == {("event", "moved", "ongoing", "collapsed"),
                                    ("quote", "also", None, None)}
        assert session.scalars(select(FactLog.ref_id).where(FactLog.kind == "quote")).one() \
            == said.id, "told again: the quote that first said it"
        session.execute(FactLog.__table__.delete())
        assert log_carried(session, first.id, now=NOW) == 2
        assert _logged(session) == {("event", "also", None, None), ("quote", "also", None, None)}
