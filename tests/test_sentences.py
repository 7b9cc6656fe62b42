"""Sentence splitting keeps abbreviations and multi-sentence quotes whole."""

from bot.ingest.document.sentences import split_sentences


def _texts(*paragraphs: str) -> list[str]:
    return [s.text for s in split_sentences(list(paragraphs))]


def test_us_and_month_abbreviations_do_not_end_a_sentence():
    assert _texts(
        "The U.S. envoy met Mr. Smith on Oct. 7 in Cairo. Talks resumed later."
    ) == ["The U.S. envoy met Mr. Smith on Oct. 7 in Cairo.", "Talks resumed later."]


def test_a_quote_of_several_sentences_stays_with_its_speaker():
    text = (
        "“There are still many issues. We are committed to ending the war,” he said. "
        "Talks continue."
    )
    assert _texts(text) == [
        "“There are still many issues. We are committed to ending the war,” he said.",
        "Talks continue.",
    ]


def test_straight_quotes_are_kept_whole_too():
    text = '"We want a deal. We want it now," Trump said. Hamas did not reply.'
    assert _texts(text) == ['"We want a deal. We want it now," Trump said.', "Hamas did not reply."]


def test_a_sentence_ending_inside_a_closing_quote_splits_after_the_quote():
    text = "He called it “completely unacceptable.” Hamas rejected that."
    assert _texts(text) == ["He called it “completely unacceptable.”", "Hamas rejected that."]


def test_questions_and_exclamations_end_sentences():
    assert _texts("Will Hamas agree? Nobody knows! Time will tell.") == [
        "Will Hamas agree?", "Nobody knows!", "Time will tell.",
    ]


def test_sentences_are_numbered_across_paragraphs_with_their_paragraph():
    sentences = split_sentences(["One here. Two here.", "Three here."])
    assert [(s.index, s.paragraph) for s in sentences] == [(0, 0), (1, 0), (2, 1)]


def test_an_unbalanced_quote_mark_does_not_swallow_the_paragraph():
    text = "He said “no deal. " + "Talks went on for hours. " * 40
    assert len(_texts(text)) > 10


def test_a_one_letter_platform_before_the_ends_the_sentence():
    texts = ["The minister posted on X. The ministry said more would follow.",
             "Talks moved to the U.S. They resume on Monday."]
    assert [len(split_sentences([t])) for t in texts] == [2, 2]


def test_an_initial_before_a_surname_does_not_end_the_sentence():
    assert len(split_sentences(["Envoy John F. Kennedy met Mr. Brown in D.C. today."])) == 1
