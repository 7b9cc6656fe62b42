"""Fetching feeds and pages: a thin, safe, polite httpx edge around a pure core.

`addresses` decides which addresses may be fetched (pure); `fetcher` is the only module
in the bot that touches the network.
"""
