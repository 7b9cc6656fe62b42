"""Feeds: parsing, scheduling and URL normalisation are pure (this package's `parse`,
`schedule`, `urls`); `polling` joins them to the fetcher and the store."""
