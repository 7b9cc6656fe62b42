"""Shapes met first on unseen articles in the sixth session: more words for talks that
end badly, and what a plan that names no venue leaves out."""

from __future__ import annotations

from datetime import date

from tests.test_extraction_rules import _extract, _rounds


def test_talks_that_hit_a_wall_collapsed():
    found = _rounds(_extract(
        "CAIRO (AP) - Gaza ceasefire talks in Cairo hit a wall on Sunday, Egyptian officials "
        "said, and the Israeli team flew home.",
        "2024-08-26",
    ))
    assert found == [("kairu", date(2024, 8, 25), date(2024, 8, 25), "collapsed")]
    # A snag is a setback, not the end.
    found = _rounds(_extract(
        "CAIRO (AP) - Gaza ceasefire talks in Cairo hit a snag on Sunday, Egyptian officials "
        "said, but the teams stayed on.",
        "2024-08-26",
    ))
    assert found and found[0][3] != "collapsed"


def test_a_team_that_flew_in_days_before_opened_the_reports_round():
    found = _rounds(_extract(
        "The latest round of indirect Gaza talks broke up in Cairo on Thursday without an "
        "agreement, as the delegations left the Egyptian capital.\n\nA Hamas negotiating "
        "team had flown in from Doha on Tuesday evening to resume contacts with the "
        "mediators.",
        "2024-05-10",
    ))
    assert found == [("kairu", date(2024, 5, 7), date(2024, 5, 9), "concluded")]
    # A team that came weeks before is no opening of this round.
    found = _rounds(_extract(
        "The latest round of indirect Gaza talks broke up in Cairo on Thursday without an "
        "agreement, as the delegations left the Egyptian capital.\n\nA Hamas negotiating "
        "team had flown in on April 2 for an earlier visit.",
        "2024-05-10",
    ))
    assert found == [("kairu", date(2024, 5, 9), date(2024, 5, 9), "concluded")]


def test_an_undated_breakdown_after_a_dated_end_keeps_the_day_told():
    found = _rounds(_extract(
        "The latest round of indirect Gaza talks broke up in Cairo on Thursday without an "
        "agreement, sources said.\n\nThe talks reached an impasse, with each side blaming "
        "the other.",
        "2024-05-10",
    ))
    assert found == [("kairu", date(2024, 5, 9), date(2024, 5, 9), "collapsed")]
