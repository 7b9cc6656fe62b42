"""Renderers of the timeline for other tools: each reads the same records the replies use."""
