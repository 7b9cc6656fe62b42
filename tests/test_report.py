"""The news report's parts: dateline, date stamps and mastheads kept out of the story."""

from __future__ import annotations

import pytest

from bot.ingest.document.dateline import split_dateline
from bot.ingest.document.report import read_report

STORY = "Negotiators met the mediators on Sunday to discuss a new truce proposal for Gaza."


@pytest.mark.parametrize(
    ("head", "city", "agency"),
    [
        ("DOHA, Nov 28 (Reuters) - ", "Doha", "Reuters"),
        ("DOHA, Nov 28 (Reuters): ", "Doha", "Reuters"),
        ("SHARM EL-SHEIKH, Egypt (AP) — ", "Sharm El-Sheikh", "AP"),
        ("CAIRO, Nov 25, 2025 (AFP) - ", "Cairo", "AFP"),
        ("CAIRO - 24 November 2025: ", "Cairo", None),
        ("Doha: ", "Doha", None),
        ("Anadolu Agency/ ANKARA - ", "Ankara", None),
        ("CAIRO/JERUSALEM, March 18 (Meridian) - ", "Cairo", "Meridian"),
        ("DOHA, August 15. /TASS/. ", "Doha", "TASS"),
    ],
)
def test_a_wire_dateline_is_read_and_taken_off_the_lede(head, city, agency):
    dateline, rest = split_dateline(head + STORY)
    assert (dateline.city, dateline.agency) == (city, agency)
    assert rest == STORY


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE: Talks in Doha resumed on Sunday after a pause of two weeks in the fighting.",
        "A FAMILY with deep roots in Kent spoke of their relief last night after the release.",
        STORY,
    ],
)
def test_a_paragraph_without_a_dateline_is_left_alone(text):
    assert split_dateline(text) == (None, text)


def test_a_date_stamp_at_the_head_of_the_body_is_no_part_of_the_story():
    dateline, rest = split_dateline("18 March 2025 - " + STORY)
    assert (dateline, rest) == (None, STORY)


def test_the_report_keeps_the_dateline_apart_and_names_the_lede():
    page = (
        "NILE POST ONLINE - English Edition\n\n"
        "Mediators meet in Cairo to push the Gaza truce into its second phase\n\n"
        "By Staff Writer\n\n"
        "CAIRO, Nov 25 (AFP) - " + STORY + "\n\n"
        "The talks are expected to continue on Wednesday, officials said on Tuesday."
    )
    report = read_report(page)
    assert report.title.startswith("Mediators meet in Cairo")
    assert report.dateline is not None and report.dateline.city == "Cairo"
    assert report.paragraphs[report.lede] == STORY


def test_a_section_label_is_no_part_of_the_headline():
    report = read_report("World: Gaza talks edge forward in Cairo\n\n" + STORY + "\n\n" + STORY)
    assert report.title == "Gaza talks edge forward in Cairo"


def test_a_city_with_its_agency_and_date_in_brackets_is_a_dateline():
    dateline, rest = split_dateline(
        "Cairo, (APP - UrduPoint / Pakistan Point News - 28th Feb, 2025) Talks resume in "
        "Cairo on Friday on a second phase of the truce."
    )
    assert dateline is not None and (dateline.city, dateline.agency) == ("Cairo", "APP")
    assert rest.startswith("Talks resume in Cairo")


def test_a_labelled_photo_caption_and_an_ai_summary_notice_are_no_part_of_the_story():
    report = read_report(
        "This is AI generated summarization, which may have errors. For context, always "
        "refer to the full article.\n\n"
        "TRUCE. Palestinians fleeing north Gaza move southward during a temporary truce, "
        "near Gaza City, November 27, 2023.\n\n"
        "Mediator Qatar said on Monday a deal had been reached to extend the truce by two "
        "days, continuing a pause in seven weeks of war."
    )
    assert report.paragraphs == [
        "Mediator Qatar said on Monday a deal had been reached to extend the truce by two "
        "days, continuing a pause in seven weeks of war."]


def test_a_live_page_of_bare_clock_stamps_drops_an_entry_about_another_country():
    report = read_report(
        "Gaza live: Cairo hostage talks end without breakthrough\n\n"
        "9:48 PM\n\nPakistan: Bhutto Zardari bows out\n\n"
        "Away from the region: Pakistan Peoples Party chairman Bilawal Bhutto Zardari said "
        "he would not seek the premiership and that his party would back the Pakistan "
        "Muslim League-Nawaz candidate, spokeswoman Marriyum Aurangzeb said.\n\n"
        "8:05 PM\n\nCairo talks wrap up\n\n"
        "The meeting in Cairo between Israeli negotiators, CIA Director William Burns and "
        "Egyptian officials on a Gaza truce has ended without a breakthrough.\n\n"
        "11:40 AM\n\nMossad chief leads team\n\n"
        "Mossad director David Barnea is heading the Israeli delegation to Cairo today for "
        "talks with Burns on a hostage deal with Hamas."
    )
    assert not any("Bhutto" in p for p in report.paragraphs)
    assert report.stamps[:2] == ["8:05 PM", "11:40 AM"]


def test_an_agency_in_brackets_with_no_city_heads_no_lede():
    dateline, rest = split_dateline(
        "(CNN) — The United States is recalling its negotiating team from Doha, officials said."
    )
    assert dateline is None and rest.startswith("The United States is recalling")
