"""Timeline queries: what the store knows, as plain records for the replies to render.

Nothing here formats text or knows about Telegram; every record carries the
article it came from so that no answer can show a fact without its source.
"""
