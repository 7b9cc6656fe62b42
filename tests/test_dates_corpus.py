"""The date resolver on a corpus of news sentences in context (tests/data/dates_corpus.toml).

Each case is a sentence, its publication date and every time expression the resolver
must find in it, with value and granularity; traps expect nothing at all.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from bot.dates import TimeExpression, find_time_expressions

CORPUS = Path(__file__).parent / "data" / "dates_corpus.toml"


@dataclass(frozen=True)
class Expected:
    text: str
    start: date
    end: date
    granularity: str
    direction: str | None

    def matches(self, found: TimeExpression) -> bool:
        return (
            self.text in found.text
            and (found.start, found.end, found.granularity) == (self.start, self.end,
                                                                self.granularity)
            and self.direction in (None, found.direction)
        )


def _expected(row: dict[str, str]) -> Expected:
    start = date.fromisoformat(row["start"])
    return Expected(row["text"], start, date.fromisoformat(row.get("end", row["start"])),
                    row["granularity"], row.get("direction"))


def _cases() -> list[pytest.ParameterSet]:
    cases = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
    return [
        pytest.param(date.fromisoformat(c["published"]), c["text"],
                     [_expected(e) for e in c["expect"]], id=c["id"])
        for c in cases
    ]


def _describe(items: list[TimeExpression] | list[Expected]) -> str:
    if not items:
        return "    (nothing)"
    return "\n".join(
        f"    {i.text!r}: {i.start}..{i.end} {i.granularity} {i.direction or ''}" for i in items
    )


def test_corpus_is_large_and_has_unique_ids() -> None:
    cases = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]
    ids = [c["id"] for c in cases]
    assert len(cases) >= 150
    assert len(ids) == len(set(ids))
    assert sum(1 for c in cases if not c["expect"]) >= 30, "too few false-positive traps"


@pytest.mark.parametrize(("published", "text", "expected"), _cases())
def test_resolver_finds_exactly_the_expected_dates(
    published: date, text: str, expected: list[Expected]
) -> None:
    found = find_time_expressions(text, published)
    ok = len(found) == len(expected) and all(
        e.matches(f) for e, f in zip(expected, found, strict=True)
    )
    assert ok, (
        f"\n  published {published:%a %Y-%m-%d}: {text}\n  expected:\n{_describe(expected)}"
        f"\n  found:\n{_describe(found)}"
    )
