"""Rendering: escaping, Telegram's length rules and splitting that never cuts a tag."""

from __future__ import annotations

import re

import pytest

from bot.render import esc, link, plain, shorten, split_html, visible_length
from bot.replies.reply import Button, Reply, parse_page_data


def _balanced(markup: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)([a-z]+)[^>]*>", markup):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_escape_covers_what_telegram_parses():
    assert esc('<b>"Tom" & Jerry</b>') == "&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;"
    assert esc("al-Ansari's") == "al-Ansari's"


def test_links_only_for_web_addresses():
    assert link("ILKHA", "https://ilkha.com/x?a=1&b=2") == (
        '<a href="https://ilkha.com/x?a=1&amp;b=2">ILKHA</a>'
    )
    assert link("ILKHA", "javascript:alert(1)") == "ILKHA"
    assert link("<ILKHA>", None) == "&lt;ILKHA&gt;"


def test_length_is_counted_after_parsing_in_utf16_units():
    assert visible_length("<b>a&amp;b</b>") == 3
    assert visible_length("😀") == 2
    assert visible_length("مرحبا") == 5


def test_long_answer_is_split_on_lines_with_every_piece_balanced_and_within_limit():
    lines = [
        f"<b>{i}</b> {esc('Sharm el-Sheikh & Cairo <talks>')} " + "😀" * (i % 7) for i in range(600)
    ]
    pieces = split_html("\n".join(lines), 4096)
    assert len(pieces) > 1
    for piece in pieces:
        assert visible_length(piece) <= 4096
        assert _balanced(piece)
        assert not re.search(r"&[a-z]*$", piece)
    assert sum(p.count("\n") + 1 for p in pieces) == 600


def test_a_single_line_longer_than_a_message_is_shortened_not_cut_mid_tag():
    line = "<b>" + esc("x & y " * 2000) + "</b>"
    (piece,) = split_html(line, 4096)
    assert visible_length(piece) <= 4096
    assert _balanced(piece)


def test_plain_shows_link_targets():
    assert (
        plain('<a href="https://x.org/a">ILKHA</a>, 1 Jun 2025')
        == "ILKHA (https://x.org/a), 1 Jun 2025"
    )
    assert plain("&lt;b&gt;") == "<b>"


def test_shorten_marks_the_cut():
    assert shorten("one two three four", 9) == "one two…"
    assert shorten("short", 10) == "short"


def test_buttons_refuse_callback_data_over_64_bytes():
    with pytest.raises(ValueError):
        Button("x", data="é" * 33)
    Button("x", data="é" * 32)


def test_paged_reply_carries_navigation_that_fits():
    reply = Reply(pages=["one", "two", "three"], rerun="who #12")
    assert reply.paged
    nav = reply.keyboard(1)[0]
    assert [b.text for b in nav] == ["◀", "2/3", "▶"]
    assert parse_page_data(nav[2].data) == (2, "who #12")


def test_reply_without_short_rerun_is_not_paged():
    reply = Reply(pages=["one", "two"], rerun="search " + "x" * 80)
    assert not reply.paged
    assert reply.keyboard(0) == []


def test_count_noun_agrees_with_the_number():
    from bot.render import count_noun

    assert count_noun(1, "quote") == "1 quote"
    assert count_noun(2, "quote") == "2 quotes"
    assert count_noun(0, "event") == "0 events"
    assert count_noun(1, "person", plural="people") == "1 person"
    assert count_noun(1_200, "person", plural="people") == "1,200 people"
    assert count_noun(501, "event", shown="more than 500") == "more than 500 events"


def test_a_block_between_blank_lines_is_never_cut_when_it_fits_in_one_piece():
    from bot.render import split_html

    block = "\n".join(["<b>Speaker</b>"] + [f"• quote {n} " + "x" * 30 for n in range(5)])
    markup = "\n\n".join([block] * 4)
    pieces = split_html(markup, 500)
    assert len(pieces) > 1
    for piece in pieces:
        assert visible_length(piece) <= 500
        assert piece.count("<b>Speaker</b>") * 5 == piece.count("• quote")


def test_a_block_longer_than_a_piece_is_still_cut_between_lines():
    from bot.render import split_html

    markup = "\n".join(f"line {n} " + "y" * 40 for n in range(40))
    pieces = split_html(markup, 300)
    assert all(visible_length(p) <= 300 for p in pieces)
    assert "\n".join(pieces).count("line ") == 40
