"""The daily digest: subscriptions at a local time and zone, delivered exactly once a day.

`commands` answers /subscribe, /unsubscribe, /settings and /digest; `schedule` turns a
local time into UTC instants; `deliveries` keeps the rows that make sending idempotent;
`compose` writes the digest; `sender` paces the fan-out through Telegram's limits.
"""
