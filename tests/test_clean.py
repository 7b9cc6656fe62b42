"""Cleaning keeps the story and drops page furniture and appended items."""

from pathlib import Path

import pytest

from bot.ingest.document.clean import clean_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Invented articles in the page shapes of other outlets (AP, Times of Israel, Al Jazeera).
ARTICLES = Path(__file__).resolve().parent / "articles"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _joined(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


AP_STYLE = (ARTICLES / "ap_style.txt").read_text(encoding="utf-8")

TOI_STYLE = (ARTICLES / "times_of_israel_style.txt").read_text(encoding="utf-8")

AJ_STYLE = (ARTICLES / "al_jazeera_style.txt").read_text(encoding="utf-8")


def test_seed_000_drops_link_lines_before_the_headline_and_the_byline():
    cleaned = clean_article(_seed("000"))
    assert cleaned.title.startswith("US, Egypt, and Qatar press Hamas")
    assert "Website of Hamas" in cleaned.dropped
    assert "Mohamed Khayyal" in cleaned.dropped
    assert any(d.startswith("Published Tuesday") for d in cleaned.dropped)
    assert cleaned.paragraphs[0].startswith("Intense diplomatic efforts")
    assert cleaned.paragraphs[-1].startswith("Israel’s military campaign in Gaza")


def test_seed_001_cuts_the_legal_notice_and_the_unrelated_items_after_it():
    text = _joined(clean_article(_seed("001")).paragraphs)
    for word in ("LEGAL WARNING", "Fidan", "Araghchi", "Lebanon", "Patriot", "BRICS"):
        assert word not in text
    assert "completely unacceptable" in text
    assert "(ILKHA)" not in text


def test_seed_002_drops_the_comment_form():
    cleaned = clean_article(_seed("002"))
    assert "Please enter your comment!" in cleaned.dropped
    assert "Khan Younis" in cleaned.paragraphs[-1]


def test_seed_003_drops_captions_credits_hebrew_and_comment_notice():
    cleaned = clean_article(_seed("003"))
    text = _joined(cleaned.paragraphs)
    assert "View gallery" not in text
    assert "(Video: Reuters)" not in text
    assert "AFP" not in text
    assert "אמיר" not in text
    assert "commenter" not in text
    assert "Trump: 'This goes beyond Gaza" not in text
    assert "Sharm el-Sheikh lasted four hours" in text


def test_seed_004_keeps_bullets_and_table_rows_but_not_headings_or_tags():
    cleaned = clean_article(_seed("004"))
    assert "A ceasefire would open corridors for urgent humanitarian aid." in cleaned.paragraphs
    assert "July 2025 Doha Talks collapsed Ceasefire conditions unmet" in cleaned.paragraphs
    assert "August 2025 Cairo Ongoing 60-day truce proposal" in cleaned.paragraphs
    for furniture in ("hamas delegation cairo", "What Lies Ahead?", "Leave a Reply",
                      "Date Location Outcome Key Issues",
                      "Egypt’s Role: Broker, Mediator, or Something More?"):
        assert furniture not in cleaned.paragraphs
    assert cleaned.paragraphs[-1].startswith("For now, people in Gaza cling to hope")


def test_ap_style_drops_byline_share_ads_caption_credit_and_copyright():
    cleaned = clean_article(AP_STYLE)
    text = _joined(cleaned.paragraphs)
    assert cleaned.title.startswith("Hamas and Israel resume indirect talks")
    for furniture in ("SAMY MAGDY", "Share this", "Advertisement", "AP Photo", "Copyright",
                      "contributed to this report", "GMT"):
        assert furniture not in text
    assert text.startswith("CAIRO (AP) — Negotiators from Hamas and Israel")
    assert "Hazem Qassem" in text
    assert "Oct. 7, 2023" in text


def test_times_of_israel_style_drops_related_links_newsletter_and_other_stories():
    cleaned = clean_article(TOI_STYLE)
    text = _joined(cleaned.paragraphs)
    assert cleaned.title == "Qatar says Gaza truce talks in Doha ended without a breakthrough"
    for furniture in ("Liveblog", "TOI Staff", "Related:", "Daily Edition", "signing up",
                      "You may also like", "southern Lebanon", "Knesset approves budget"):
        assert furniture not in text
    assert "Al-Ansari told reporters" in text
    assert "led by Mossad chief David Barnea" in text


def test_al_jazeera_style_drops_read_more_lists_and_more_from_items():
    cleaned = clean_article(AJ_STYLE)
    text = _joined(cleaned.paragraphs)
    for furniture in ("Read more", "list of 3 items", "Israeli attacks kill dozens",
                      "Qatar's PM in Washington", "Published On", "More from Middle East",
                      "Oman", "Syria's new leaders", "Save"):
        assert furniture not in text
    assert "Shin Bet chief Ronen Bar" in text
    assert text.startswith("Mediators Egypt and Qatar are trying")


def test_unrelated_trailing_paragraphs_are_cut_without_any_boundary_line():
    story = (
        "Gaza truce talks stall in Doha\n"
        "Hamas and Israel failed to agree on a Gaza truce in Doha on Monday, mediators said.\n"
        "Qatar said the Hamas delegation would stay in Doha for more talks on the truce.\n"
        "Israel's team left Doha after two days of talks on the hostages and the truce.\n"
        "Egypt urged both sides to accept the Qatari truce proposal for Gaza within days.\n"
        "Brazil's central bank raised interest rates by half a point to fight inflation.\n"
    )
    cleaned = clean_article(story)
    assert not any("central bank" in p for p in cleaned.paragraphs)
    assert any("central bank" in d for d in cleaned.dropped)
    assert len(cleaned.paragraphs) == 4


@pytest.mark.parametrize(
    "line",
    [
        "Please enter your comment!",
        "Sign up for our daily newsletter",
        "Share on Facebook",
        "We use cookies to improve your experience. Accept all",
        "12 View gallery",
        "(Photo: AFP)",
        "Read more: Hamas says talks are at a critical stage",
        "Reporting by Nidal al-Mughrabi; Editing by Alex Richardson",
    ],
)
def test_single_furniture_lines_are_dropped(line: str):
    article = (
        "Talks resume in Cairo over Gaza ceasefire\n"
        "Hamas negotiators arrived in Cairo on Sunday for new talks on a Gaza ceasefire.\n"
        f"{line}\n"
        "Egyptian mediators said they hoped to close the remaining gaps within days.\n"
    )
    cleaned = clean_article(article)
    assert line not in cleaned.paragraphs
    assert len(cleaned.paragraphs) == 2


def test_declining_to_comment_is_prose_not_a_comment_form():
    article = (
        "Israel weighs Hamas reply to truce plan\n"
        "Israeli officials declined to comment on the reply, which Hamas delivered on Sunday.\n"
    )
    assert clean_article(article).paragraphs == [
        "Israeli officials declined to comment on the reply, which Hamas delivered on Sunday."
    ]


def test_title_hint_is_used_and_its_line_removed():
    article = "Breaking\nTruce talks resume\nMediators met in Doha on Sunday to resume the talks.\n"
    cleaned = clean_article(article, title_hint="Truce talks resume")
    assert cleaned.title == "Truce talks resume"
    assert cleaned.paragraphs == ["Mediators met in Doha on Sunday to resume the talks."]


COOKIE_PAGE = "\n".join(
    [
        'We value your privacy',
        'We and our partners store and/or access information on a device, such as cookies, '
        'and process personal data. [Accept all] [Reject all]',
        'Mediators meet again in Amman as truce talks resume',
        'Negotiators from both sides met in Amman on Monday to discuss a truce and the release '
        'of hostages, Jordanian officials said.',
        'Keep reading',
        'list 1 of 3',
        'Who are the mediators?',
        'end of list',
        'The talks will continue on Tuesday, the officials said, adding that Egypt and Qatar '
        'were also represented.',
        'The mediators expect a written answer from Hamas by the end of the week, '
        'one of them said.',
        'The Jordanian central bank left its main interest rate unchanged on Monday, its governor '
        'said, citing inflation.',
    ]
)


def test_consent_banner_is_not_the_title_nor_the_story():
    cleaned = clean_article(COOKIE_PAGE)
    assert cleaned.title == "Mediators meet again in Amman as truce talks resume"
    assert not any("cookies" in p or "Accept all" in p for p in cleaned.paragraphs)


def test_linked_headlines_of_a_keep_reading_list_are_dropped():
    assert "Who are the mediators?" not in clean_article(COOKIE_PAGE).paragraphs


def test_trailing_item_sharing_only_a_country_with_the_story_is_cut():
    paragraphs = clean_article(COOKIE_PAGE).paragraphs
    assert not any("interest rate" in p for p in paragraphs)
    assert any("written answer" in p for p in paragraphs)


def test_wire_copyright_notice_after_the_story_is_dropped():
    text = (
        "Talks resume in Cairo\n"
        "Negotiators resumed talks in Cairo on Monday, officials said, as mediators pressed on.\n"
        "Copyright 2025 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.\n"
    )
    assert not any("Copyright" in p for p in clean_article(text).paragraphs)


NEWSLETTER_BOX = """Mediators announce Gaza deal after weeks of talks in Doha
Gulf Ledger staff in Doha

Israel and Hamas have agreed to a ceasefire in Gaza and the release of hostages, Qatar's prime \
minister announced on Wednesday night, after weeks of negotiations in Doha.

Under the first phase, Hamas is to release 33 hostages in exchange for Palestinian prisoners, and \
Israeli forces are to pull back from populated areas of Gaza.

Sign up to First Edition
Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by \
outside parties.
after newsletter promotion

In a televised speech, Hamas's Gaza chief Khalil al-Hayyah said the agreement ended the war.

More than 46,000 Palestinians have been killed in Gaza, according to the Gaza health ministry.

Comments (214)
Reader_1948 · 15 Jan 2025 22:51
Hamas will never agree to phase two, and Israel will not leave Gaza, mark my words.
"""


def test_the_story_resumes_after_a_newsletter_box_but_not_after_the_comments():
    text = _joined(clean_article(NEWSLETTER_BOX).paragraphs)
    assert "46,000 Palestinians have been killed" in text
    for furniture in ("First Edition", "Privacy Notice", "newsletter promotion", "mark my words"):
        assert furniture not in text


def test_an_author_bio_ends_the_story_with_what_follows_it():
    text = (
        "Talks resume in Cairo\n"
        "Egyptian mediators hosted a Hamas delegation in Cairo on Monday for talks on a truce.\n"
        "The talks ended without agreement on Tuesday, officials said.\n"
        "About the author: Jane Roe is a senior fellow at the Policy Institute in Washington.\n"
        "She previously worked as a diplomat.\n"
    )
    cleaned = clean_article(text)
    assert not any("Jane Roe" in p or "diplomat" in p for p in cleaned.paragraphs)
    assert len(cleaned.paragraphs) == 2


def test_a_gallery_counter_line_is_a_caption():
    text = (
        "Talks resume in Cairo\n"
        "Egyptian mediators hosted a Hamas delegation in Cairo on Monday for talks on a truce.\n"
        "3 of 12 Displaced families wait at the crossing on Monday.\n"
        "The talks ended without agreement on Tuesday, officials said.\n"
    )
    assert not any("Displaced" in p for p in clean_article(text).paragraphs)


def test_a_briefs_section_label_is_cut_from_the_sentence_it_opens():
    text = (
        "Envoys gather in Amman for truce talks\n"
        "The bottom line: Envoys from three countries met in Amman on Monday to revive the "
        "truce talks.\n"
        "What they're saying: \"We are close,\" a Jordanian official said of the talks.\n"
        "Sami Nasser said: \"We are not close at all to any deal.\"\n"
    )
    paragraphs = clean_article(text).paragraphs
    assert paragraphs[0].startswith("Envoys from three countries met in Amman")
    assert paragraphs[1].startswith('"We are close,"')
    assert paragraphs[2].startswith("Sami Nasser said:")


def test_syndication_notices_after_a_story_are_dropped():
    text = (
        "Truce talks resume in Amman\n"
        "Envoys from three countries met in Amman on Monday to revive the truce talks, and "
        "officials said the sides had exchanged new maps of a withdrawal.\n"
        "The talks are expected to continue on Tuesday, a Jordanian official said.\n"
        "This article is available in Spanish on our Latin America edition.\n"
        "The Levant Courier delivers independent coverage of the region. To learn more about "
        "republishing this content and the associated fees, please fill out this form.\n"
    )
    cleaned = clean_article(text)
    assert not any("available in Spanish" in p for p in cleaned.paragraphs)
    assert not any("republishing" in p for p in cleaned.paragraphs)
    assert len(cleaned.paragraphs) == 2


def test_a_quote_left_open_at_a_paragraph_end_runs_on_into_the_next():
    text = (
        "Envoys gather in Amman for truce talks\n"
        "Envoys from three countries met in Amman on Monday to revive the truce talks.\n"
        "\"We were promised nothing about the crossings.\n"
        "\"We will not sign a text that leaves them closed,\" said Rami Saleh.\n"
        "\"Talks will go on,\" he added. \"We are patient.\"\n"
        "The envoys are expected to meet again on Tuesday, officials said.\n"
    )
    paragraphs = clean_article(text).paragraphs
    assert paragraphs[1] == (
        "\"We were promised nothing about the crossings. We will not sign a text that leaves "
        "them closed,\" said Rami Saleh."
    )
    assert paragraphs[2] == "\"Talks will go on,\" he added. \"We are patient.\""


def test_the_gated_furniture_scan_reads_every_corpus_line_as_one_alternation_would():
    # The gate only skips work: on every line of the corpus the classes found, and their
    # order, are those of the single alternation of all classes read left to right.
    from pathlib import Path

    from bot.ingest.document import furniture

    def alternation(line: str) -> list[str]:
        hits: list[str] = []
        for m in furniture._ALL.finditer(line):
            if m.lastgroup not in hits:
                hits.append(m.lastgroup)
        return hits

    lines = {
        " ".join(line.split())
        for path in Path(__file__).parent.joinpath("articles").rglob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    assert len(lines) > 3000
    assert [line for line in lines if alternation(line) != furniture.vocabulary_hits(line)] == []
