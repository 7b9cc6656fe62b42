"""Event frames: rounds, agreements and collapses, proposals and figures, each slot with the
cue that filled it."""
