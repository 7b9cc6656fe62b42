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
