"""Quotes and their speakers from one-line inputs, with hand-made entity marks."""

from __future__ import annotations

from datetime import date

import pytest

from bot.ingest.model import ExtractedQuote
from bot.ingest.quotes.attributed import find_quotes
from tests.gold.lines import passages_of

ENTITIES = {
    "Sami Abu Zuhri": ("sami abu zuhri", "person"),
    "Majed al-Ansari": ("majed al-ansari", "person"),
    "Al-Ansari": ("majed al-ansari", "person"),
    "Ayman Safadi": ("ayman safadi", "person"),
    "Safadi": ("ayman safadi", "person"),
    "Trump": ("donald trump", "person"),
    "Netanyahu": ("benjamin netanyahu", "person"),
    "Witkoff": ("steve witkoff", "person"),
    "Steve Witkoff": ("steve witkoff", "person"),
    "Hamas": ("hamas", "organisation"),
    "Qatar": ("qatar", "country"),
    "Qatar Foreign Ministry": ("qatar foreign ministry", "organisation"),
    "Jordanian": ("jordan", "country"),
    "Reuters": ("reuters", "organisation"),
    "Al Manassa": ("al manassa", "organisation"),
    "U.S.": ("united states", "country"),
    "US": ("united states", "country"),
    "Egypt": ("egypt", "country"),
    "Izzat al-Rishq": ("izzat al-rishq", "person"),
    "Paris": ("paris", "place"),
}
TUESDAY = date(2025, 10, 7)


def quotes(text: str, published: date = TUESDAY) -> list[ExtractedQuote]:
    return find_quotes(passages_of(text, ENTITIES, published), published)


def who(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker_key, q.text) for q in quotes(text)]


def test_name_then_said_after_the_quote():
    text = "“We will not give up our rights,” Hamas official Sami Abu Zuhri said."
    assert who(text) == [("sami abu zuhri", "We will not give up our rights,")]


def test_name_said_comma_before_the_quote_ignores_places_inside_it():
    text = (
        "Speaking to reporters, Qatar Foreign Ministry spokesperson Majed al-Ansari said, "
        "“Negotiations with Hamas lasted four hours.”"
    )
    assert who(text) == [("majed al-ansari", "Negotiations with Hamas lasted four hours.")]


def test_said_before_the_name_is_inverted_attribution():
    text = "“The gaps are narrowing,” said Jordanian Foreign Minister Ayman Safadi."
    assert [k for k, _ in who(text)] == ["ayman safadi"]


def test_according_to_names_the_speaker_after_it():
    text = "According to Safadi, the talks are “serious and deep.”"
    assert [k for k, _ in who(text)] == ["ayman safadi"]


def test_he_said_after_a_sentence_that_named_the_speaker():
    text = (
        "Trump reiterated his belief that a deal could be reached. "
        "“The people of Israel want this to happen,” he said."
    )
    assert who(text) == [("donald trump", "The people of Israel want this to happen,")]


def test_quote_spread_over_two_sentences_keeps_its_speaker():
    text = (
        "Al-Ansari confirmed that Qatar remained committed. “There are still many issues,” "
        "he said. “We are committed to ending the war. There is a firm commitment.”"
    )
    found = who(text)
    assert [k for k, _ in found] == ["majed al-ansari", "majed al-ansari"]
    assert found[1][1] == "We are committed to ending the war. There is a firm commitment."


def test_unnamed_source_keeps_the_label_it_was_introduced_with():
    text = (
        "A US official familiar with the discussions told Al Manassa that mediators press Hamas. "
        "This truce, the official noted, would “set the stage for ending the war.”"
    )
    [q] = quotes(text)
    assert (q.speaker_key, q.speaker_label) == (None, "a US official")


def test_listener_of_told_is_never_the_speaker():
    [q] = quotes("“We will not accept these terms,” a Hamas official told Reuters.")
    assert (q.speaker_key, q.speaker_label) == (None, "a Hamas official")


def test_names_and_scare_quotes_in_a_noun_phrase_are_not_quotes():
    text = (
        "Hamas confirmed that it had delivered its response to the U.S.-backed “Witkoff "
        "proposal” through mediators. There’s talk of a “day after” political plan."
    )
    assert quotes(text) == []


def test_quote_without_anyone_saying_it_is_not_a_quote():
    text = "The talks have been described as intensive, and a deal could come “at any minute.”"
    assert quotes(text) == []


def test_unresolvable_he_leaves_the_speaker_unnamed():
    text = "Netanyahu met Witkoff on Monday. “It was a good meeting,” he said."
    [q] = quotes(text)
    assert q.speaker_key is None


def test_quote_after_a_meeting_goes_to_the_unnamed_source_not_to_the_people_met():
    text = "Netanyahu met Witkoff on Monday. “It was a good meeting,” a source said."
    [q] = quotes(text)
    assert (q.speaker_key, q.speaker_label) == (None, "a source")


def test_calling_it_attributes_to_the_subject_of_the_sentence():
    text = (
        "However, U.S. envoy Steve Witkoff swiftly dismissed the response, calling it "
        "“completely unacceptable” and claiming it would “only set us back”."
    )
    assert who(text) == [
        ("steve witkoff", "completely unacceptable"),
        ("steve witkoff", "only set us back"),
    ]


def test_said_on_a_weekday_dates_the_quote_and_plain_said_leaves_the_day_unknown():
    [q] = quotes("Trump appeared confident Monday evening, telling reporters, “There’s a chance.”")
    assert q.said.start == date(2025, 10, 6)
    # The reader is shown "reported <publication day>", never a day the text did not give.
    [q] = quotes("“We will meet again on Thursday,” Safadi said.")
    assert q.said is None


def test_previously_said_has_no_date():
    [q] = quotes("Trump has previously condemned the prosecution, as “insanity”.")
    assert (q.speaker_key, q.said) == ("donald trump", None)


def test_headline_colon_quote():
    [q] = quotes("Trump: 'This goes beyond Gaza. This is about peace'")
    assert (q.speaker_key, q.text) == ("donald trump", "This goes beyond Gaza. This is about peace")


def test_invented_article_quotes_through_the_pipeline():
    from datetime import UTC, datetime

    from bot.ingest.model import ArticleInput
    from bot.ingest.pipeline import extract

    text = (
        "Gulf Herald\n\nMediators upbeat in Doha\n\n"
        "Hamas spokesman Hazem Qassem said on Sunday that the movement was ready to release "
        "hostages. “We have shown flexibility,” he said. “The ball is now in Israel’s court.”"
        "\n\nIsraeli Prime Minister Benjamin Netanyahu met US envoy Adam Boehler in Jerusalem. "
        "“It was a productive meeting,” a diplomat briefed on the talks said.\n\n"
        "Leave a comment"
    )
    article = ArticleInput(
        text=text, outlet="Gulf Herald", published_at=datetime(2025, 3, 11, tzinfo=UTC),
        source_name="invented-doha",
    )
    ex = extract(article)
    names = {m.key: m.name for m in ex.entities}
    found = [(names.get(q.speaker_key), q.speaker_label, q.text) for q in ex.quotes]
    assert found == [
        ("Hazem Qassem", "Hazem Qassem", "We have shown flexibility,"),
        ("Hazem Qassem", "Hazem Qassem", "The ball is now in Israel’s court."),
        (None, "a diplomat", "It was a productive meeting,"),
    ]
    # "Qassem said on Sunday that ... “We have shown flexibility,” he said": still Sunday.
    assert ex.quotes[0].said.start == ex.quotes[1].said.start == date(2025, 3, 9)
    assert ex.quotes[2].said is None


def test_a_joint_statement_of_several_states_is_no_one_states_words():
    text = (
        "In a joint statement, the leaders of the US, Egypt and Qatar said the talks had been "
        "“serious and constructive”."
    )
    [q] = quotes(text)
    names = {"united states": "United States", "egypt": "Egypt", "qatar": "Qatar"}
    [named] = find_quotes(passages_of(text, ENTITIES, TUESDAY), TUESDAY, names.__getitem__)
    assert (q.speaker_key, q.text) == (None, "serious and constructive")
    assert named.speaker_label == "a joint statement by Egypt, Qatar and the United States"


def test_an_inverted_attribution_may_carry_role_words_before_the_name():
    text = '"Netanyahu has chosen war over hostages," said senior Hamas official Izzat al-Rishq.'
    assert who(text) == [("izzat al-rishq", "Netanyahu has chosen war over hostages,")]


def test_a_time_in_a_relative_clause_does_not_date_the_words():
    text = (
        "The meeting built on a framework drawn up in Paris late last month, which Hamas answered "
        'with a counterproposal that Netanyahu dismissed as "delusional."'
    )
    [q] = quotes(text)
    assert (q.speaker_key, q.said) == ("benjamin netanyahu", None)


def test_an_aside_between_the_speaker_and_said_does_not_speak():
    text = "Netanyahu, asked about the talks at a Hamas rally, said: “We are close.”"
    assert who(text) == [("benjamin netanyahu", "We are close.")]


def test_a_name_inside_the_aside_speaks_when_nobody_stands_before_it():
    text = "His spokesman, Steve Witkoff, said: “Talks go on.”"
    assert who(text) == [("steve witkoff", "Talks go on.")]


def test_an_office_speaks_for_its_owner_as_an_unnamed_body():
    [quote] = quotes("Netanyahu's office said the operation would go on “to apply pressure”.")
    assert (quote.speaker_key, quote.speaker_label) == (None, "Netanyahu's office")


def test_the_subject_of_said_speaks_not_the_person_of_the_reported_clause():
    text = "Trump said Steve Witkoff, who flew to Egypt, was “working this hard”."
    assert who(text) == [("donald trump", "working this hard")]


def test_a_colon_after_the_subject_attributes_the_quote():
    text = "Steve Witkoff put it plainly: “There is a deal on the table.”"
    assert who(text) == [("steve witkoff", "There is a deal on the table.")]


def test_what_someone_called_a_thing_is_a_quote_not_a_name():
    text = "Netanyahu called the action “limited and necessary”."
    assert who(text) == [("benjamin netanyahu", "limited and necessary")]


def test_a_statement_from_a_named_spokesperson_is_quoted_as_theirs():
    [quote] = quotes(
        '"The sides agreed on the first stage," according to a statement from Jordanian '
        "government spokesperson Ayman Safadi."
    )
    assert quote.speaker_key == "ayman safadi"


def test_a_statement_from_an_office_stays_unnamed():
    [quote] = quotes('"Progress was made," according to a statement from the ministry.')
    assert quote.speaker_key is None
    assert quote.speaker_label == "a statement"


def test_single_quote_marks_hold_a_quote_with_apostrophes_inside():
    [quote] = quotes("'We don't expect a deal tonight, but we're close,' said Majed al-Ansari.")
    assert quote.text.startswith("We don't expect a deal tonight")
    assert quote.speaker_key == "majed al-ansari"


def test_the_name_after_a_role_and_a_comma_speaks_not_the_body_before_the_role():
    found = quotes(
        "Qatar Foreign Ministry spokesperson, Majed al-Ansari, told reporters the talks "
        "went on.\n\n\"We need more time for this,\" he said."
    )
    assert [q.speaker_key for q in found] == ["majed al-ansari"]


def test_he_is_the_one_person_named_just_before():
    text = ("The foreign minister, Ayman Safadi, struck a hopeful note. “We have reached a "
            "critical point,” he told the radio.")
    [q] = quotes(text)
    assert q.speaker_key == "ayman safadi"


def test_a_possessive_name_is_no_one_he_can_be():
    text = ("Al-Ansari said Qatar backed Trump’s plan, which he said had many points. “There "
            "are still many issues,” he said.")
    [q] = quotes(text)
    assert q.speaker_key == "majed al-ansari"


def test_a_participle_after_the_quote_keeps_the_main_verbs_speaker():
    text = ("Majed al-Ansari said Qatar “strongly condemns the attack,” calling it a breach of "
            "the law.")
    [q] = quotes(text)
    assert q.speaker_key == "majed al-ansari"


def test_a_coordinated_speech_verb_keeps_the_first_verbs_speaker():
    text = ("Witkoff said Egypt would “consider other options” and added: “It is a shame "
            "that Hamas acted this way.”")
    found = quotes(text)
    assert {q.speaker_key for q in found} == {"steve witkoff"}


@pytest.mark.parametrize(
    ("stored", "said"),
    [
        ("The people of Israel want this to happen,", "The people of Israel want this to happen"),
        ("Everyone is on our side. This has never happened before,",
         "Everyone is on our side. This has never happened before"),
        ("too early to talk.", "too early to talk."),
        ("is this the end?", "is this the end?"),
        (", and we will go on", "and we will go on"),
        ("a deal — ", "a deal"),
        ("…", "…"),
    ],
)
def test_spoken_words_drop_the_punctuation_of_the_sentence_around_a_quote(stored, said):
    from bot.timeline.loading import spoken_words

    assert spoken_words(stored) == said



def test_a_paragraph_that_is_only_a_quotation_goes_on_with_the_last_named_speaker():
    assert who(
        '"We are getting closer," Safadi said in an interview.\n\n'
        '"We have been in this position before and could not finish."'
    ) == [("ayman safadi", "We are getting closer,"),
          ("ayman safadi", "We have been in this position before and could not finish.")]


def test_the_prime_minister_is_the_person_titled_so_before():
    assert who(
        "Jordanian Prime Minister Ayman Safadi announced the deal.\n\n"
        '"We hope that this will be the last page of the war," the prime minister added.'
    ) == [("ayman safadi", "We hope that this will be the last page of the war,")]


def test_the_president_no_one_was_titled_is_no_speaker():
    assert who('"We will see," the president said.') == []


def test_a_quotation_a_paragraph_never_closes_runs_to_its_end():
    assert who(
        'Witkoff wrote on X: "It is a shame that Hamas has acted in this selfish way. We are '
        "resolute in seeking an end to this conflict."
    ) == [("steve witkoff", "It is a shame that Hamas has acted in this selfish way. We are "
                            "resolute in seeking an end to this conflict.")]


def test_a_document_that_says_is_an_unnamed_source():
    assert who('"Representatives of our states will meet again in Cairo," says the document.') \
        == [(None, "Representatives of our states will meet again in Cairo,")]


def test_with_a_person_saying_the_person_speaks():
    assert who('Israel recalled its team, with Witkoff saying the response “clearly shows a lack '
               'of desire.”') == [("steve witkoff", "clearly shows a lack of desire.")]


def test_he_opening_a_paragraph_is_the_person_the_paragraph_before_ended_on():
    assert who(
        '"Talks will go on," Al-Ansari said.\n\n'
        "Netanyahu used a visit to a school on Tuesday to push back against the reports.\n\n"
        '"We will not withdraw from Gaza," he told students.'
    ) == [("majed al-ansari", "Talks will go on,"),
          ("benjamin netanyahu", "We will not withdraw from Gaza,")]
