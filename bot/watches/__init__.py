"""Watches: a chat follows a person, a place or a phrase and hears at once when a new fact
about it enters the timeline (or at the top of its next daily digest)."""
