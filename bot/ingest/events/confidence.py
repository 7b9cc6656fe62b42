"""How much an event's cues support it, and where "stated as fact" begins.

Each mention of an event weighs its cues (a venue after "in", a date the text gives, a
word that says negotiation); several mentions, in one report or in several, support the
event together the way independent witnesses do: each one that could be wrong must be
wrong for the event to be.  Below `CONFIRMED` the event is kept, marked unconfirmed:
shown in detail answers with that mark, never in the news.
"""

from __future__ import annotations

from collections.abc import Iterable

CONFIRMED = 0.5


def combine(weights: Iterable[float]) -> float:
    """Support of independent cues together: 1 − Π(1 − w), in 0..1."""
    doubt = 1.0
    for weight in weights:
        doubt *= 1.0 - max(0.0, min(1.0, weight))
    return 1.0 - doubt
