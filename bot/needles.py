"""A cheap test, before a costly case-blind regex, that the regex cannot match a text.

A pattern of many alternatives is tried at every word of a text; most texts hold none
of the words every match of it holds ("day", "week", "killed").  `str.lower()` and a
substring test find those words far faster, and say exactly what the regex would: the
only letters a case-blind regex takes for an ASCII letter that `lower()` does not turn
into it are the dotless ı, the long ſ and the dotted İ (which lowers to two
characters), and a text with any of them is left to the regex.
"""

from __future__ import annotations

import re

FOLDED_APART = re.compile("[\u0130\u0131\u017f]")


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when `text` holds none of `words` (lowercase ASCII), case aside."""
    if FOLDED_APART.search(text):
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)
