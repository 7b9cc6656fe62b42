"""An agreement or a breakdown ends the round it belongs to, in one report or across two."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from bot.ingest.batch import ingest_articles
from bot.ingest.model import ArticleInput
from bot.ingest.pipeline import extract
from bot.store.models import Entity, Event, EventSource

_FILLER = (
    "\n\nMediators from Egypt and Qatar said they would keep working with both sides to narrow "
    "the remaining gaps over the hostages, the prisoners and the withdrawal of troops."
)


def _report(text: str, day: str, name: str) -> ArticleInput:
    """An article of its own outlet, with no filler: reports the near-copy check keeps apart."""
    return ArticleInput(text=text, outlet=name, url=f"https://example.org/{name}",
                        published_at=datetime.fromisoformat(day).replace(tzinfo=UTC))


def _article(text: str, day: str, name: str) -> ArticleInput:
    return ArticleInput(text=text + _FILLER, outlet="Wire",
                        published_at=datetime.fromisoformat(day).replace(tzinfo=UTC),
                        url=f"https://example.org/{name}", source_name=f"{name}.txt")


def test_a_recall_in_the_same_report_ends_the_round_collapsed_on_its_day():
    extraction = extract(_article(
        "Israeli and Hamas negotiators held indirect talks in Doha on Sunday with Qatari "
        "mediators.\n\nIsrael recalled its negotiating team from Doha on Tuesday.",
        "2025-07-16", "recall",
    ))
    (round_,) = [e for e in extraction.events if e.kind == "round"]
    assert (round_.place_key, round_.status) == ("duha", "collapsed")
    assert (round_.when.start.day, round_.when.end.day) == (13, 15)
    assert round_.evidence["status"].startswith("outcome:")


def test_a_truce_that_lapsed_ends_no_round():
    extraction = extract(_article(
        "Israeli and Hamas negotiators held indirect talks in Doha on Sunday with Qatari "
        "mediators.\n\nThe truce lapsed on Monday and the fighting resumed.",
        "2025-07-15", "lapse",
    ))
    (round_,) = [e for e in extraction.events if e.kind == "round"]
    assert round_.status != "collapsed"


def test_a_recall_told_by_a_later_report_ends_the_round_another_report_told(engine):
    report = ingest_articles(engine, [
        _article("Israeli and Hamas negotiators held indirect talks in Doha on Sunday with "
                 "Qatari mediators, officials said.", "2025-07-14", "talks"),
        _article("Israel on Thursday recalled its negotiating team from Doha after Hamas "
                 "rejected the latest proposal.", "2025-07-17", "recall"),
    ])
    assert report.ok
    with Session(engine) as session:
        doha = session.exec(select(Entity).where(Entity.name == "Doha")).one()
        (round_,) = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == doha.id)
        ).all()
    assert round_.status == "collapsed"
    assert (round_.start_date.day, round_.end_date.day) == (13, 17)


def test_a_recall_read_before_the_talks_it_ended_still_makes_one_round(engine):
    talks = _article("Israeli and Hamas negotiators held indirect talks in Doha on Sunday with "
                     "Qatari mediators, officials said.", "2025-07-14", "talks")
    recall = _article("Israel on Thursday recalled its negotiating team from Doha after Hamas "
                      "rejected the latest proposal.", "2025-07-17", "recall")
    assert ingest_articles(engine, [recall]).ok and ingest_articles(engine, [talks]).ok
    with Session(engine) as session:
        doha = session.exec(select(Entity).where(Entity.name == "Doha")).one()
        (round_,) = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == doha.id)
        ).all()
    assert round_.status == "collapsed"
    assert (round_.start_date.day, round_.end_date.day) == (13, 17)


def test_a_team_that_left_days_later_ends_the_round_it_was_at():
    extraction = extract(_article(
        "Israeli and Hamas negotiators held indirect talks in Doha on Sunday with Qatari "
        "mediators.\n\nThe Israeli negotiating team left Doha on Thursday, officials said.",
        "2025-07-18", "left",
    ))
    (round_,) = [e for e in extraction.events if e.kind == "round"]
    assert round_.place_key == "duha"
    assert (round_.when.start.day, round_.when.end.day) == (13, 17)


def test_a_team_that_left_as_another_report_tells_ends_the_round_on_record(engine):
    assert ingest_articles(engine, [
        _article("Israeli and Hamas negotiators held indirect talks in Doha on Sunday with "
                 "Qatari mediators, officials said.", "2025-07-14", "talks"),
        _article("The Israeli negotiating team left Doha on Thursday, officials said.",
                 "2025-07-18", "left"),
    ]).ok
    with Session(engine) as session:
        doha = session.exec(select(Entity).where(Entity.name == "Doha")).one()
        (round_,) = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == doha.id)
        ).all()
    assert (round_.start_date.day, round_.end_date.day) == (13, 17)


def test_reports_a_few_weeks_apart_never_chain_into_one_event_spanning_months(engine):
    # Read in this order, each report is within a month of the event as it then stands
    # (July, then late June, then June 1), yet June 1 and July 20 are seven weeks apart.
    added = ingest_articles(engine, [
        _report("Hamas said on Sunday it was studying a new proposal for a 60-day truce.\n\n"
               "Israel's security cabinet met late into the night, and ministers argued over "
               "the aid crossings in the south.", "2025-07-21", "july"),
        _report("Aid convoys crossed at Kerem Shalom under heavy escort, the army said.\n\n"
               "Mediators on Sunday handed Hamas a proposal for a 60-day truce, according to "
               "two Egyptian officials who spoke on condition of anonymity.",
               "2025-06-26", "june"),
        _report("Families of the captives rallied again in Tel Aviv, blocking a highway for an "
               "hour.\n\nA proposal for a 60-day truce reached Hamas on Sunday, two officials "
               "said, as the group's leaders weighed their answer.", "2025-06-01", "first"),
    ])
    assert len(added.added) == 3, added
    with Session(engine) as session:
        proposals = session.exec(
            select(Event).where(Event.kind == "proposal").order_by(Event.start_date)
        ).all()
    spans = [(p.start_date.isoformat(), p.title) for p in proposals]
    assert len(proposals) == 2, spans
    assert all("60-day" in title for _, title in spans)


def test_a_report_of_the_whole_run_joins_two_rounds_told_apart(engine):
    added = ingest_articles(engine, [
        _report("Israeli and Hamas negotiators held indirect talks in Doha on Saturday with "
               "Qatari mediators, two officials said.\n\nAid trucks queued at the crossing "
               "for a third day.", "2025-01-12", "saturday"),
        _report("Negotiators met again in Doha on Wednesday, the Qatari foreign ministry "
               "said.\n\nFamilies of the captives marched to the prime minister's office in "
               "Jerusalem.", "2025-01-15", "wednesday"),
        _report("The indirect talks in Doha ran from Saturday to Wednesday, mediators said "
               "on Thursday, and ended with a draft both sides were studying.\n\nStrikes hit "
               "the north of the Gaza Strip overnight.", "2025-01-16", "whole"),
    ])
    assert len(added.added) == 3, added
    with Session(engine) as session:
        doha = session.exec(select(Entity).where(Entity.name == "Doha")).one()
        rounds = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == doha.id)
        ).all()
        spans = [(r.start_date.isoformat(), r.end_date.isoformat()) for r in rounds]
        assert spans == [("2025-01-11", "2025-01-15")]
        assert len(session.exec(
            select(EventSource).where(EventSource.event_id == rounds[0].id)
        ).all()) == 3


def test_a_deal_made_and_the_truce_in_force_days_later_are_one_agreement_in_any_order(engine):
    added = ingest_articles(engine, [
        _report("The ceasefire in Gaza took effect on Sunday morning, January 19, after a "
               "three-hour delay.\n\nCrowds gathered in Tel Aviv to wait for the first "
               "hostages to be freed.", "2025-01-19", "force"),
        _report("Israel and Hamas reached a ceasefire deal in Doha on Wednesday, January 15, "
               "Qatar's prime minister announced.\n\nThe deal follows fifteen months of war "
               "and several failed rounds of talks.", "2025-01-16", "deal"),
    ])
    assert len(added.added) == 2, added
    with Session(engine) as session:
        agreements = session.exec(select(Event).where(Event.kind == "agreement")).all()
        assert [(a.start_date.isoformat(), a.granularity) for a in agreements] == [
            ("2025-01-15", "day")]


def test_a_deal_made_at_the_venue_bears_out_an_unconfirmed_round_there_but_a_recall_does_not():
    from datetime import date

    from bot.ingest.events.settle import settle_rounds
    from bot.ingest.model import ExtractedEvent, When

    def event(kind, status, unconfirmed, day):
        return ExtractedEvent(
            kind=kind, title=kind, summary="", when=When(day, day, "day"), sentence=0,
            place_key="sharm", status=status, evidence={"of": "deal", "words": "signed"},
            confidence=0.4 if unconfirmed else 0.9, unconfirmed=unconfirmed,
        )

    talks = event("round", "ongoing", True, date(2025, 10, 6))
    settle_rounds([talks, event("agreement", "agreement", False, date(2025, 10, 9))])
    assert (talks.status, talks.unconfirmed, talks.when.end) == ("agreement", False,
                                                                 date(2025, 10, 9))
    talks = event("round", "ongoing", True, date(2025, 10, 6))
    settle_rounds([talks, event("collapse", "collapsed", False, date(2025, 10, 9))])
    assert (talks.status, talks.unconfirmed) == ("collapsed", True)


def test_a_later_recall_that_says_talks_ended_closes_the_round_told_as_going_on(engine):
    going = _article("Negotiators were back at the table in Cairo on Tuesday for a second day "
                     "of talks on the truce's next stage.", "2025-05-06", "going")
    recall = _article("Hamas rejected the new offer on Thursday, the group said.\n\nA round of "
                      "talks in Cairo on May 5-6 ended without a deal, officials said.",
                      "2025-05-20", "ended")
    assert ingest_articles(engine, [going, recall]).ok
    with Session(engine) as session:
        cairo = session.exec(select(Entity).where(Entity.name == "Cairo")).one()
        (round_,) = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == cairo.id)
        ).all()
    assert round_.status == "concluded"


def test_a_recall_that_names_the_day_pins_a_round_planned_for_a_week(engine):
    planned = _report("Senior officials will reconvene in Cairo before the end of next week "
                      "to finalise the Gaza deal, the mediators said.", "2024-08-16", "plan")
    recall = _report("Mediators met again in Cairo on August 25, but the session ended "
                     "without agreement, officials said.", "2024-11-12", "recall")
    assert ingest_articles(engine, [planned, recall]).ok
    with Session(engine) as session:
        cairo = session.exec(select(Entity).where(Entity.name == "Cairo")).one()
        (round_,) = session.exec(
            select(Event).where(Event.kind == "round", Event.place_id == cairo.id)
        ).all()
    assert (round_.start_date.day, round_.end_date.day, round_.granularity) == (25, 25, "day")
