"""Alert rows as an outbox: held cards released as summaries, claims with the pages each
row sends (stored at the first claim, like a digest's), what Telegram did with each page,
and edits of sent cards that another outlet's report changed.

The rules are the digest's (`bot.digest.deliveries`): a row is written before it is sent,
claimed for a lease, its progress committed page by page, failures retried up to
`MAX_ATTEMPTS`.  A chat Telegram refused is paused: its watches stay, nothing more is
queued for it until someone there speaks to the bot again.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, or_, select, update
from sqlmodel import Session

from bot.digest.deliveries import MAX_ATTEMPTS
from bot.digest.outbox import Job, SendReport
from bot.store import leases
from bot.store.models import Article, WatchAlert, WatchChat
from bot.watches.cards import HeldCard, card_text, facts_by_alert, summary_pages
from bot.watches.holding import hour_window
from bot.watches.matching import match_new_facts, prune
from bot.watches.store import chat_zone, move_watches, pause_chat, quiet_hours_of

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
_ALERT = WatchAlert.__table__


@dataclass
class AlertOutbox:
    """Watch alerts: cards, summaries and card edits; they go before digest pages."""

    cap: int = 10  # instant alerts per chat and hour
    name: str = "alerts"
    urgent: bool = True

    def start(self, session: Session) -> None:
        if session.get_bind().dialect.name == "sqlite":
            freed = _release(session, None)
            if freed:
                log.info("resuming %d watch alerts claimed before a restart", freed)

    def prepare(self, session: Session, now: datetime, report: SendReport) -> None:
        while (matched := match_new_facts(session, now=now, cap=self.cap)) and matched.facts:
            report.enqueued += matched.cards
            report.held += matched.held
            session.commit()  # each batch of articles is matched in a transaction of its own
        report.enqueued += release_held(session, now=now, cap=self.cap)
        prune(session, now=now)

    def claim(
        self, session: Session, *, worker: str, now: datetime, limit: int, report: SendReport
    ) -> list[Job]:
        jobs = claim(session, worker=worker, now=now, limit=limit)
        report.claimed += len(jobs)
        return jobs

    def progress(self, session: Session, job: Job, *, worker: str, now: datetime) -> bool:
        return record_progress(session, job, worker=worker, now=now)

    def fail(
        self, session: Session, job: Job, *, worker: str, error: str, now: datetime,
        retry_in: timedelta | None,
    ) -> str:
        return mark_failed(session, job, worker=worker, error=error, now=now, retry_in=retry_in)

    def postpone(self, session: Session, job: Job, *, worker: str, until: datetime) -> None:
        session.execute(
            update(_ALERT).where(*_ours(job, worker))
            .values(next_attempt_at=until, messages_sent=_sent(job), claimed_by=None,
                    claimed_until=None)
        )

    def stop_chat(self, session: Session, job: Job, *, worker: str, reason: str,
                  now: datetime) -> None:
        pause_chat(session, job.chat_id, reason, now=now)
        mark_failed(session, job, worker=worker, error=reason, now=now, retry_in=None)
        session.execute(
            update(_ALERT)
            .where(_ALERT.c.chat_id == job.chat_id, _ALERT.c.status.in_(("pending", "held")))
            .values(status="skipped", last_error=reason[:500], claimed_by=None,
                    claimed_until=None)
        )

    def follow(self, session: Session, job: Job, *, worker: str, new_chat_id: int) -> bool:
        move_watches(session, job.chat_id, new_chat_id)
        return True

    def release(self, session: Session, *, worker: str) -> None:
        _release(session, worker)


def release_held(session: Session, *, now: datetime, cap: int) -> int:
    """Summaries of the held cards whose time has come, one per chat; how many were made."""
    query = (
        select(_ALERT.c.id, _ALERT.c.chat_id, _ALERT.c.article_id, _ALERT.c.hold_reason,
               _ALERT.c.held_until)
        .where(_ALERT.c.status == "held", _ALERT.c.held_until <= now, leases.free(_ALERT, now))
        .order_by(_ALERT.c.chat_id, _ALERT.c.id)
    )
    held = session.execute(leases.locking(query, _ALERT)).all()
    if not held:
        return 0
    by_chat: dict[int, list] = defaultdict(list)
    for row in held:
        by_chat[row.chat_id].append(row)
    facts = facts_by_alert(session, [row.id for row in held])
    articles = {a.id: a for a in session.scalars(
        select(Article).where(Article.id.in_({row.article_id for row in held}))
    )}
    made = 0
    for chat_id, rows in by_chat.items():
        zone = chat_zone(session, chat_id)
        quiet = quiet_hours_of(session.get(WatchChat, chat_id))
        pages = summary_pages(
            session,
            [HeldCard(articles[r.article_id], facts[r.id], r.hold_reason) for r in rows],
            zone=zone, quiet=quiet.text() if quiet else None,
            hour=hour_window(rows[0].held_until - timedelta(minutes=1), zone), cap=cap,
        )
        summary_id = None
        if pages:
            summary_id = session.execute(
                insert(_ALERT).returning(_ALERT.c.id).values(
                    chat_id=chat_id, kind="summary", status="pending", created_at=now,
                    next_attempt_at=now, attempts=0, messages_sent=0, edit_pending=False,
                    pages=json.dumps(pages, ensure_ascii=False),
                )
            ).scalar_one()
            made += 1
        session.execute(
            update(_ALERT).where(_ALERT.c.id.in_([r.id for r in rows]))
            .values(status="summarised" if pages else "skipped", summary_id=summary_id,
                    last_error=None if pages else "nothing left on record")
        )
    return made


def claim(session: Session, *, worker: str, now: datetime, limit: int,
          lease: timedelta = LEASE) -> list[Job]:
    """Take up to `limit` alerts whose time has come, oldest first: pending cards and
    summaries, and sent cards to edit.  A card's pages are written at its first claim."""
    query = (
        select(_ALERT.c.id, _ALERT.c.chat_id, _ALERT.c.kind, _ALERT.c.article_id,
               _ALERT.c.status, _ALERT.c.pages, _ALERT.c.messages_sent, _ALERT.c.attempts,
               _ALERT.c.message_id)
        .where(
            or_(_ALERT.c.status == "pending",
                (_ALERT.c.status == "sent") & _ALERT.c.edit_pending),
            _ALERT.c.next_attempt_at <= now,
            leases.free(_ALERT, now),
        )
        .order_by(_ALERT.c.next_attempt_at, _ALERT.c.id)
        .limit(limit)
    )
    rows = session.execute(leases.locking(query, _ALERT)).all()
    if not rows:
        return []
    facts = facts_by_alert(session, [r.id for r in rows if r.kind == "card"])
    articles = {a.id: a for a in session.scalars(
        select(Article).where(Article.id.in_({r.article_id for r in rows if r.article_id}))
    )}
    texts: dict[tuple, str | None] = {}

    def text_of(row) -> str | None:
        # A burst for one article sends most chats the same card: each is composed once.
        key = (row.article_id, tuple(facts[row.id]))
        if key not in texts:
            texts[key] = card_text(session, articles[row.article_id], facts[row.id])
        return texts[key]

    jobs: list[Job] = []
    for row in rows:
        stored = json.loads(row.pages) if row.pages else None
        if row.status == "sent":
            text = text_of(row)
            if text is None or stored == [text] or row.message_id is None:
                _set(session, row.id, edit_pending=False)
                continue
            jobs.append(Job(row.id, row.chat_id, [text], edit_of=row.message_id,
                            attempts=row.attempts))
            continue
        if stored is None:
            text = text_of(row)
            if text is None:
                _set(session, row.id, status="skipped", last_error="nothing left on record")
                continue
            stored = [text]
            _set(session, row.id, pages=json.dumps(stored, ensure_ascii=False))
        jobs.append(Job(row.id, row.chat_id, stored, sent=row.messages_sent,
                        attempts=row.attempts))
    leases.lease(session, _ALERT, [j.id for j in jobs], until=now + lease, worker=worker)
    return jobs


def record_progress(session: Session, job: Job, *, worker: str, now: datetime,
                    lease: timedelta = LEASE) -> bool:
    """Note the pages out (the row is sent after the last); False if the claim was lost."""
    if job.edit_of is not None:
        values = {"pages": json.dumps(job.pages, ensure_ascii=False), "edit_pending": False}
    elif job.sent < len(job.pages):
        values = {"messages_sent": job.sent, "claimed_until": now + lease}
    else:
        values = {"status": "sent", "sent_at": now, "messages_sent": job.sent,
                  "attempts": _ALERT.c.attempts + 1}
    if job.sent == len(job.pages):
        values.update(claimed_by=None, claimed_until=None)
    if job.message_ids and job.edit_of is None and job.sent == 1:
        values["message_id"] = job.message_ids[0]  # a card is edited through its first page
    result = session.execute(update(_ALERT).where(*_ours(job, worker)).values(**values))
    return bool(result.rowcount)


def mark_failed(session: Session, job: Job, *, worker: str, error: str, now: datetime,
                retry_in: timedelta | None) -> str:
    """A failed attempt: pending again after `retry_in`, or `failed` for good.  A failed
    edit leaves the card as it was sent."""
    attempts = job.attempts + 1
    final = retry_in is None or attempts >= MAX_ATTEMPTS
    values: dict = {"attempts": attempts, "last_error": error[:500], "claimed_by": None,
                    "claimed_until": None, "next_attempt_at": now if final else now + retry_in}
    if job.edit_of is not None:
        values["edit_pending"] = not final
    else:
        values["status"] = "failed" if final else "pending"
        values["messages_sent"] = job.sent
    session.execute(update(_ALERT).where(*_ours(job, worker)).values(**values))
    return "failed" if final else "pending"


def _ours(job: Job, worker: str):
    return _ALERT.c.id == job.id, _ALERT.c.claimed_by == worker


def _sent(job: Job) -> int:
    return job.sent if job.edit_of is None else _ALERT.c.messages_sent


def _set(session: Session, alert_id: int, **values) -> None:
    session.execute(update(_ALERT).where(_ALERT.c.id == alert_id).values(**values))


def _release(session: Session, worker: str | None) -> int:
    # A sent card is held while it is edited.
    return leases.release(session, _ALERT, worker=worker, statuses=("pending", "sent"))

