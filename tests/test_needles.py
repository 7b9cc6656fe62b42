"""The cheap tests before costly regexes say exactly what the regexes would."""

import re

import pytest

from bot.ingest.events.round_cues import ROUND_NOUN
from bot.ingest.events.vocabulary import vocabulary
from bot.ingest.quotes.attributed import _SPEECH_VERB
from bot.needles import Alternatives, may_hold

TEXTS = [
    "Israel and Hamas signed off on the first phase of the deal on Thursday.",
    "ISRAEL RECALLED ITS NEGOTIATING TEAM FROM DOHA AFTER TALKS STALLED.",
    "The truce, which had opened on November 24, lapsed as strikes resumed.",
    "Mediators said the talks would resume next week in Cairo.",
    "The delegation returned home; the round was adjourned without a deal.",
    # A dotless ı and a long ſ match "i" and "s" case-blind, though lower() keeps them.
    "The truce collapſed and the talks were ſuſpended.",
    "Negotıators walked out of the talks ın Doha.",
    "",
]


def test_a_list_finds_what_its_whole_pattern_finds():
    words = vocabulary()
    lists = [words.agreement, words.collapse, words.truce_end, words.in_force]
    lists += [pattern for _, pattern in words.status] + [ROUND_NOUN, _SPEECH_VERB]
    for text in TEXTS:
        for alternatives in lists:
            for pos, endpos in ((0, len(text)), (4, len(text) - 3), (10, 30)):
                found = [(m.span(), m.group()) for m in alternatives.finditer(text, pos, endpos)]
                whole = alternatives.whole.finditer(text, pos, endpos)
                assert found == [(m.span(), m.group()) for m in whole]
            first = alternatives.search(text)
            whole = alternatives.whole.search(text)
            assert (first and first.span()) == (whole and whole.span())


def test_a_pattern_is_cut_at_its_top_level_bars_only():
    cut = Alternatives.of(re.compile(r"\b(?:talks|(?:a|b)c|[|(]x|\|y|round(?=s\b))\b", re.I))
    assert cut.alternatives == ("talks", "(?:a|b)c", "[|(]x", r"\|y", r"round(?=s\b)")
    for pattern in (r"\b(?:talk|round)s\b", r"\b(?:a|b)(?:c|d)\b"):
        with pytest.raises(ValueError):
            Alternatives.of(re.compile(pattern))


def test_may_hold_is_false_only_when_the_regex_cannot_match():
    pattern = re.compile(r"\b(?:same|next)\s+day\b", re.IGNORECASE)
    for text in ("The NEXT DAY they met.", "on the ſame day", "on Monday", "the next week"):
        if pattern.search(text):
            assert may_hold(text, ("day",))
    assert not may_hold("on the next week", ("day",))
    assert may_hold("on the ſame week", ("same",))  # left to the regex


def test_a_lookahead_word_is_needed_only_within_the_text_searched():
    team = Alternatives([r"team(?=\s+met\b)", "talks"])
    text = "The Israeli team met in Doha; talks went on."
    for pos, endpos in ((0, len(text)), (0, 16), (4, 20), (20, len(text))):
        found = [m.span() for m in team.finditer(text, pos, endpos)]
        assert found == [m.span() for m in team.whole.finditer(text, pos, endpos)]
