"""Gold standard for extraction: hand-written facts of the seed articles and their scorer."""
