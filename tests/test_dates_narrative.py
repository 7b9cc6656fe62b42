"""Yearless days in a story told in order take the year the story has reached."""

from __future__ import annotations

from datetime import date

from bot.dates import find_time_expressions
from bot.dates.narrative import after_point, written_point

PUBLISHED = date(2025, 9, 11)


def _dates(text: str, point: date | None) -> list[tuple[date, date]]:
    found = after_point(find_time_expressions(text, PUBLISHED), point, PUBLISHED)
    return [(e.start, e.end) for e in found]


def test_a_yearless_day_after_a_written_year_is_of_that_year():
    written = written_point(find_time_expressions("In November 2023, Qatar announced a truce.",
                                                  PUBLISHED))
    assert _dates("On November 22 the truce was agreed.", written) == [
        (date(2023, 11, 22), date(2023, 11, 22))
    ]


def test_the_story_moves_forward_across_a_new_year():
    assert _dates("On January 15 the deal was concluded.", date(2024, 10, 1)) == [
        (date(2025, 1, 15), date(2025, 1, 15))
    ]


def test_with_no_written_year_a_yearless_day_is_the_nearest_before_publication():
    assert _dates("On January 15 the deal was concluded.", None) == [
        (date(2025, 1, 15), date(2025, 1, 15))
    ]


def test_a_written_year_is_never_moved():
    assert _dates("On January 15, 2024, talks resumed.", date(2024, 10, 1)) == [
        (date(2024, 1, 15), date(2024, 1, 15))
    ]


def test_each_yearless_day_follows_the_last_year_written_before_it():
    text = ("The template was set in November 2023. On November 22 a pause was agreed. It "
            "broke down on December 1, 2023, and a team in Doha on December 2 was called home.")
    found = after_point(find_time_expressions(text, PUBLISHED), None, PUBLISHED)
    assert [e.start for e in found if e.yearless] == [date(2023, 11, 22), date(2023, 12, 2)]


def test_the_same_day_and_the_next_day_point_back_to_the_day_told_before():
    from bot.dates.narrative import pointing_back

    text = ("Witkoff spoke on Sunday. The same day a team travelled to Cairo, and the next day "
            "it flew home.")
    found = pointing_back(text, find_time_expressions(text, PUBLISHED), None, PUBLISHED)
    assert [(e.text, e.start) for e in found] == [
        ("Sunday", date(2025, 9, 7)), ("The same day", date(2025, 9, 7)),
        ("the next day", date(2025, 9, 8)),
    ]


def test_with_nothing_told_before_the_same_day_stays_unread():
    from bot.dates.narrative import pointing_back

    text = "The same day a team travelled to Cairo."
    assert pointing_back(text, find_time_expressions(text, PUBLISHED), None, PUBLISHED) == []


def test_three_days_later_counts_from_the_day_told_before():
    from bot.dates.narrative import pointing_back

    text = "Talks were held in Cairo on October 24, and three days later the chiefs met in Doha."
    found = pointing_back(text, find_time_expressions(text, PUBLISHED), None, PUBLISHED)
    assert [(e.text, e.start) for e in found][-1] == ("three days later", date(2024, 10, 27))


def test_two_days_after_an_event_names_the_day_before_the_one_told():
    from bot.dates.narrative import pointing_back

    text = "Tuesday's talks came two days after the delegation met in Cairo."
    published = date(2025, 11, 25)
    found = pointing_back(text, find_time_expressions(text, published), None, published)
    assert [(e.text, e.start) for e in found][-1] == ("two days after", date(2025, 11, 23))


def test_a_year_written_after_since_is_where_a_state_began_not_where_the_story_is():
    from bot.ingest.pipeline import narrative_dates

    dated = narrative_dates(date(2025, 7, 25))
    dated(0, "Hamas sought the release of 2,000 Gazans detained since October 2023.")
    (march,) = dated(1, "It was the longest effort since Israel ended the ceasefire on March 18.")
    assert march.start == date(2025, 3, 18)


def test_a_day_followed_by_last_year_is_of_last_year():
    from bot.dates import find_time_expressions

    (found,) = find_time_expressions("In Rome on July 28 last year, they met.", date(2025, 10, 10))
    assert (found.text, found.start, found.granularity) == (
        "July 28 last year", date(2024, 7, 28), "day")


def test_a_weekday_of_last_week_is_that_weekday_in_last_week():
    from bot.dates import find_time_expressions

    (found,) = find_time_expressions("They had been there since Tuesday of last week.",
                                     date(2025, 5, 22))
    assert (found.start, found.granularity) == (date(2025, 5, 13), "day")


def test_the_next_week_is_the_week_after_the_day_told():
    from bot.ingest.pipeline import narrative_dates

    dated = narrative_dates(date(2024, 10, 28))
    found = dated(0, "Officials met in Doha on Aug. 15. The follow-up session in Cairo the "
                     "next week ended without agreement.")
    week = next(e for e in found if e.granularity == "week")
    assert (week.text, week.start, week.end) == ("the next week", date(2024, 8, 19),
                                                 date(2024, 8, 25))


def test_a_weekdays_possessive_takes_the_tense_of_the_verb_after_it():
    from bot.dates import find_time_expressions

    (found,) = find_time_expressions(
        "It is the question Sunday's meeting in Doha was meant to start answering.",
        date(2024, 10, 28))
    assert found.start == date(2024, 10, 27)


def test_a_weekday_in_brackets_after_a_date_names_that_day():
    found = find_time_expressions("* March 10 (Monday): A team flew to Doha.", date(2025, 3, 18))
    assert [(e.text, e.start) for e in found] == [("March 10 (Monday)", date(2025, 3, 10))]
    other = find_time_expressions("On March 14, Monday was quiet.", date(2025, 3, 18))
    assert [e.start for e in other] == [date(2025, 3, 14), date(2025, 3, 17)]


def test_a_plan_word_after_was_is_told_as_done_however_spelt():
    found = find_time_expressions(
        "The round was begin on Thursday afternoon in the Qatari capital.", date(2024, 8, 17))
    assert [e.start for e in found] == [date(2024, 8, 15)]


def test_a_month_that_year_is_of_the_year_last_written():
    from bot.dates.narrative import pointing_back

    published = date(2025, 10, 11)
    text = ("In Paris at the end of January 2024 the four met; they met again in Rome at the "
            "end of July that year.")
    found = pointing_back(text, find_time_expressions(text, published), None, published)
    assert [(e.text, e.start) for e in found] == [
        ("the end of January 2024", date(2024, 1, 21)), ("end of July", date(2024, 7, 21))]
    # With no year written before it, the month stays where it was read.
    text = "They met again in Rome at the end of July that year."
    found = pointing_back(text, find_time_expressions(text, published), None, published)
    assert [(e.text, e.start) for e in found] == [("end of July", date(2025, 7, 21))]
