"""Editors' corrections: a layer kept apart from the extraction and applied on read.

The extractor's output can always be rebuilt from the stored articles; a correction
names its item by typed id (which outlives rebuilds), says who made it, when and why,
and is applied every time the item is read, so a rebuild never loses it and every one
can be undone.
"""
