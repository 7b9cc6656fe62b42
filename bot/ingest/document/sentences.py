"""Split the story's paragraphs into numbered sentences.

News abbreviations ("U.S.", "Oct. 7", "Mr.") do not end a sentence, and a
quotation of several sentences stays whole when one closing quote ends it, so a
quote is never cut from its speaker.
"""

from __future__ import annotations

import re

from bot.ingest.model import Sentence

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cmdr adm gov sen rep rev st sr jr no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp dept est approx fig "
    "e.g i.e a.m p.m u.s u.k u.n e.u res ret brig eng hon amb cpl pvt".split()
)
# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# whitespace, then something that can start a sentence: a capital, a digit, or the
# marker of the next item of a list run into one paragraph ("... on Saturday. - By ...").
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+(?:[-•*–—]\s+)?[\"'“‘(\[]?[A-Z0-9])")
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"
# A quotation longer than this is more likely an unbalanced quote mark than one statement.
_MAX_QUOTE_CHARS = 600


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the period ending at `end` closes an abbreviation or an initial."""
    if text[end - 1] != ".":
        return False
    match = re.search(r"([A-Za-z.]+)\.$", text[:end])
    if not match:
        return False
    word = match.group(1).lower()
    if word in _ABBREVIATIONS or word.rstrip(".") in _ABBREVIATIONS:
        return True
    # Initials and acronyms written with periods: "J.", "U.S.", "D.C."
    return (len(word) == 1 and word.isalpha()) or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


# Words that start a sentence and are never a surname: after "wrote on X." or "in the
# U.S." they show that the letters ended the sentence ("J. Smith" is an initial).
_SENTENCE_OPENERS = frozenset(
    "the a an he she it they we his her its their this that these those but and".split()
)


def _letters_end_sentence(text: str, end: int) -> bool:
    """Whether an initial or dotted acronym ending at `end` closes the sentence."""
    if not re.search(r"(?:^|[\s(])(?:[A-Z]\.)*[A-Z]\.$", text[:end]):
        return False  # titles such as "Mr." or "Gen." always go on
    nxt = re.match(r"\s+[\"“‘']?([A-Za-z]+)\b", text[end:])
    return nxt is not None and nxt.group(1).lower() in _SENTENCE_OPENERS and \
        nxt.group(1)[0].isupper()


def _quote_depth(text: str) -> int:
    """How many quotations are open at the end of `text` (curly or straight)."""
    curly = text.count(_OPEN_QUOTES) - text.count(_CLOSE_QUOTES)
    straight = text.count('"') % 2
    return max(curly, 0) + straight


def _quote_closes_later(text: str, start: int) -> bool:
    rest = text[start : start + _MAX_QUOTE_CHARS]
    return "”" in rest or '"' in rest


def _split_paragraph(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        punct_end = match.start() + len(match.group(0).rstrip("\"'”’)]"))
        if _is_abbreviation(text, punct_end) and not _letters_end_sentence(text, punct_end):
            continue
        piece = text[start:end]
        if _quote_depth(piece) and _quote_closes_later(text, end):
            continue
        pieces.append(piece.strip())
        start = end
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [p for p in pieces if p]


def split_sentences(paragraphs: list[str]) -> list[Sentence]:
    """Sentences of all paragraphs, numbered from 0 across the article."""
    sentences: list[Sentence] = []
    for p_index, paragraph in enumerate(paragraphs):
        for text in _split_paragraph(paragraph):
            sentences.append(Sentence(index=len(sentences), paragraph=p_index, text=text))
    return sentences
