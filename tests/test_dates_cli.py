"""`timeline-bot dates "TEXT" --published DATE [--json]`."""

from __future__ import annotations

import json

from bot.dates_cli import dates_command

SENTENCE = (
    "Talks resumed Tuesday, a week after Hamas rejected the offer last Tuesday, "
    "and will continue next week; the 60-day truce lasted four hours."
)


def test_dates_command_lists_each_expression_with_its_value_and_granularity() -> None:
    output, status = dates_command(SENTENCE, "2025-10-07", as_json=False)
    assert status == 0
    lines = output.splitlines()
    assert lines[0] == "Published Tue 7 Oct 2025:"
    assert "Tue 7 Oct 2025" in lines[1] and "(day, present)" in lines[1]
    assert "last Tuesday" in lines[2] and "Tue 30 Sep 2025" in lines[2]
    assert "next week" in lines[3] and "week of Mon 13 Oct 2025" in lines[3]
    assert len(lines) == 4


def test_dates_command_json_has_the_documented_keys() -> None:
    output, status = dates_command(SENTENCE, "2025-10-07T09:00:00+03:00", as_json=True)
    assert status == 0
    rows = json.loads(output)
    assert [set(row) for row in rows] == [
        {"text", "start", "end", "granularity", "direction"}
    ] * 3
    assert rows[2] == {
        "text": "next week",
        "start": "2025-10-13",
        "end": "2025-10-19",
        "granularity": "week",
        "direction": "future",
    }


def test_dates_command_json_is_an_empty_list_when_nothing_is_found() -> None:
    output, status = dates_command("The meeting lasted four hours.", "2025-10-07", as_json=True)
    assert (json.loads(output), status) == ([], 0)


def test_dates_command_rejects_a_bad_publication_date_in_one_line() -> None:
    output, status = dates_command("Talks resumed Tuesday.", "07/10/2025", as_json=False)
    assert status == 2
    assert "\n" not in output
    assert "--published" in output and "07/10/2025" in output
