"""The date resolver on held-out news sentences and `/on` queries (tests/data/dates_heldout.toml).

The corpus was written apart from dates_corpus.toml, in the styles of several outlets, to
check that the rules hold on wording they were not tuned on.  Each case lists every time
expression a careful journalist would date in the sentence; traps list none.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.dates import TimeExpression, find_time_expressions, resolve_when

HELDOUT = Path(__file__).parent / "data" / "dates_heldout.toml"
_DATA = tomllib.loads(HELDOUT.read_text(encoding="utf-8"))

Span = tuple[date, date, str]


def _span(row: dict[str, Any]) -> Span:
    start = date.fromisoformat(row["start"])
    return start, date.fromisoformat(row.get("end", row["start"])), row["granularity"]


def _found_span(found: TimeExpression) -> Span:
    return found.start, found.end, found.granularity


def _show(rows: list[tuple[str, Span]]) -> str:
    if not rows:
        return "    (nothing)"
    return "\n".join(f"    {text!r}: {s}..{e} {g}" for text, (s, e, g) in rows)


def _sentence_cases() -> list[pytest.ParameterSet]:
    return [
        pytest.param(date.fromisoformat(c["published"]), c["text"],
                     [(e["text"], _span(e)) for e in c["expect"]], id=c["id"])
        for c in _DATA["case"]
    ]


def _query_cases() -> list[pytest.ParameterSet]:
    return [
        pytest.param(q["query"] * q.get("repeat", 1), datetime.fromisoformat(q["now"]),
                     _span(q["expect"]) if "expect" in q else None, id=q["id"])
        for q in _DATA["query"]
    ]


def test_heldout_corpus_is_large_varied_and_has_unique_ids() -> None:
    cases, queries = _DATA["case"], _DATA["query"]
    ids = [c["id"] for c in cases] + [q["id"] for q in queries]
    assert len(cases) >= 120
    assert len(queries) >= 20
    assert len(ids) == len(set(ids))
    assert sum(1 for c in cases if not c["expect"]) >= 20, "too few false-positive traps"
    assert sum(1 for q in queries if "expect" not in q) >= 5, "too few queries to refuse"


@pytest.mark.parametrize(("published", "text", "expected"), _sentence_cases())
def test_heldout_sentence_yields_exactly_the_expected_dates(
    published: date, text: str, expected: list[tuple[str, Span]]
) -> None:
    found = find_time_expressions(text, published)
    ok = len(found) == len(expected) and all(
        words in f.text and span == _found_span(f)
        for (words, span), f in zip(expected, found, strict=True)
    )
    assert ok, (
        f"\n  published {published:%a %Y-%m-%d}: {text}\n  expected:\n{_show(expected)}"
        f"\n  found:\n{_show([(f.text, _found_span(f)) for f in found])}"
    )


@pytest.mark.parametrize(("query", "now", "expected"), _query_cases())
def test_heldout_on_query_resolves_to_the_expected_span(
    query: str, now: datetime, expected: Span | None
) -> None:
    found = resolve_when(query, now)
    got = None if found is None else _found_span(found)
    assert got == expected, f"\n  /on {query[:60]!r} at {now:%a %Y-%m-%d}: {got} != {expected}"
