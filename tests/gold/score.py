"""Score a timeline snapshot against the hand-written gold file.

A snapshot is a dict of the same shape as `tests/gold/seeds.json`, built either
from per-article extractions (`tests/gold/snapshot.py`) or from the database
after a real ingest.  Matching is one-to-one for rounds and people, so a round
or a person that failed to merge across articles costs precision; quotes match
many-to-many because an article may quote a fragment of a longer quote again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from bot.names import match_name, name_key

GOLD_PATH = Path(__file__).with_name("seeds.json")
THRESHOLDED = ("rounds", "people", "quotes")


@dataclass
class CategoryScore:
    name: str
    extracted: int
    gold: int
    correct: int  # extracted items that match a gold item
    found: int  # gold items matched by some extracted item
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


@dataclass
class Scores:
    categories: dict[str, CategoryScore]
    leaks: list[str]

    def failing(self, minimum: float = 0.9) -> list[str]:
        """Names of thresholded categories below `minimum`, and leaks of appended items."""
        bad = [
            f"{name} P={c.precision:.2f} R={c.recall:.2f}"
            for name, c in self.categories.items()
            if name in THRESHOLDED and (c.precision < minimum or c.recall < minimum)
        ]
        return bad + [f"leak: {leak}" for leak in self.leaks]

    def table(self, *, details: bool = True) -> str:
        lines = [f"{'category':<12} {'extracted':>9} {'gold':>5} {'precision':>9} {'recall':>7}"]
        for name, c in self.categories.items():
            lines.append(
                f"{name:<12} {c.extracted:>9} {c.gold:>5} {c.precision:>9.2f} {c.recall:>7.2f}"
            )
        lines.append(f"leaks of appended items: {len(self.leaks)}")
        if details:
            for name, c in self.categories.items():
                lines += [f"  {name} missed: {m}" for m in c.misses]
                lines += [f"  {name} wrong/extra: {x}" for x in c.extras]
            lines += [f"  leak: {leak}" for leak in self.leaks]
        return "\n".join(lines)


def load_gold(path: Path = GOLD_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def score(snapshot: dict, gold: dict) -> Scores:
    people = _score_people(snapshot.get("people", []), gold["people"])
    names = _NameBook(gold["people"])
    categories = {
        "rounds": _score_rounds(snapshot.get("rounds", []), gold["rounds"]),
        "round status": _score_round_status(snapshot.get("rounds", []), gold["rounds"]),
        "people": people,
        "quotes": _score_quotes(snapshot.get("quotes", []), gold["quotes"], names),
        "proposals": _score_proposals(snapshot.get("proposals", []), gold.get("proposals", [])),
        "figures": _score_figures(snapshot.get("figures", []), gold.get("figures", [])),
        "background": _score_background(
            snapshot.get("background", []),
            [b for b in gold.get("background", []) if "not a negotiation" not in b["what"]],
        ),
    }
    return Scores(categories, _leaks(snapshot, gold.get("not_events", [])))


# --- matching helpers -------------------------------------------------------------------


def _norm_text(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.split())


def _same_name(a: str, names: Iterable[str]) -> bool:
    candidates = [(n, n) for n in names if n]
    if not candidates:
        return False
    if any(name_key(a) == name_key(n) for n, _ in candidates):
        return True
    return match_name(a, candidates).confident


@lru_cache(maxsize=256)
def _canonical(name: str | None) -> str | None:
    """Canonical organisation/country name, so "U.S." and "United States" agree."""
    if not name:
        return None
    from bot.gazetteer import load_gazetteer

    entry = load_gazetteer().lookup(name)
    return name_key(entry.name if entry else name)


def _overlaps(a_start: str | None, a_end: str | None, b_start: str, b_end: str) -> bool:
    if not a_start:
        return False
    a0, a1 = date.fromisoformat(a_start), date.fromisoformat(a_end or a_start)
    return a0 <= date.fromisoformat(b_end) and date.fromisoformat(b_start) <= a1


def _one_to_one(
    extracted: list[dict], gold: list[dict], same: Callable[[dict, dict], bool]
) -> tuple[set[int], set[int]]:
    used_gold: set[int] = set()
    used_extracted: set[int] = set()
    for i, item in enumerate(extracted):
        for j, target in enumerate(gold):
            if j not in used_gold and same(item, target):
                used_gold.add(j)
                used_extracted.add(i)
                break
    return used_extracted, used_gold


def _category(
    name: str,
    extracted: list[dict],
    gold: list[dict],
    good: set[int],
    found: set[int],
    show: Callable[[dict], str],
) -> CategoryScore:
    return CategoryScore(
        name=name,
        extracted=len(extracted),
        gold=len(gold),
        correct=len(good),
        found=len(found),
        misses=[show(g) for j, g in enumerate(gold) if j not in found],
        extras=[show(x) for i, x in enumerate(extracted) if i not in good],
    )


# --- categories ---------------------------------------------------------------------------


def _round_matches(item: dict, target: dict) -> bool:
    return (
        item.get("place") is not None
        and _same_name(item["place"], [target["place"]])
        and _overlaps(item.get("start"), item.get("end"), target["start"], target["end"])
    )


def _show_round(r: dict) -> str:
    return f"{r.get('place')} {r.get('start')}..{r.get('end')} {r.get('status')} {r.get('sources')}"


def _score_rounds(extracted: list[dict], gold: list[dict]) -> CategoryScore:
    good, found = _one_to_one(extracted, gold, _round_matches)
    return _category("rounds", extracted, gold, good, found, _show_round)


def _score_round_status(extracted: list[dict], gold: list[dict]) -> CategoryScore:
    """Of the rounds that matched, how many carry the gold status."""
    pairs = [(x, g) for x in extracted for g in gold if _round_matches(x, g)]
    right = [x for x, g in pairs if x.get("status") == g["status"]]
    score = CategoryScore("round status", len(pairs), len(pairs), len(right), len(right))
    score.extras = [f"{_show_round(x)} (gold {g['status']})" for x, g in pairs if x not in right]
    return score


def _person_matches(item: dict, target: dict) -> bool:
    names = [target["name"], *target.get("spellings", [])]
    if not any(_same_name(n, names) for n in [item["name"], *item.get("spellings", [])]):
        return False
    if target.get("affiliation") is None:
        return True
    return _canonical(item.get("affiliation")) == _canonical(target["affiliation"])


def _score_people(extracted: list[dict], gold: list[dict]) -> CategoryScore:
    good, found = _one_to_one(extracted, gold, _person_matches)
    return _category(
        "people", extracted, gold, good, found,
        lambda p: f"{p['name']} ({p.get('affiliation')})",
    )


class _NameBook:
    """Gold names with their spellings, to compare quote speakers."""

    def __init__(self, people: list[dict]) -> None:
        self.spellings = {p["name"]: [p["name"], *p.get("spellings", [])] for p in people}

    def same(self, extracted: str | None, gold: str | None) -> bool:
        if extracted is None or gold is None:
            return extracted is None and gold is None
        return _same_name(extracted, self.spellings.get(gold, [gold]))


def _score_quotes(extracted: list[dict], gold: list[dict], names: _NameBook) -> CategoryScore:
    def same(x: dict, g: dict) -> bool:
        a, b = _norm_text(x["text"]), _norm_text(g["text"])
        return (
            x.get("source") == g.get("source")
            and bool(a)
            and (a in b or b in a)
            and names.same(x.get("speaker"), g.get("speaker"))
        )

    good = {i for i, x in enumerate(extracted) if any(same(x, g) for g in gold)}
    found = {j for j, g in enumerate(gold) if any(same(x, g) for x in extracted)}
    return _category(
        "quotes", extracted, gold, good, found,
        lambda q: f"[{q.get('source')}] {q.get('speaker') or q.get('label')}: {q['text'][:60]}",
    )


def _score_proposals(extracted: list[dict], gold: list[dict]) -> CategoryScore:
    def same(x: dict, g: dict) -> bool:
        a, b = _norm_text(x["name"]), _norm_text(g["name"])
        return x.get("source") == g.get("source") and bool(a) and (a in b or b in a)

    good, found = _one_to_one(extracted, gold, same)
    return _category(
        "proposals", extracted, gold, good, found, lambda p: f"[{p.get('source')}] {p['name']}"
    )


def _score_figures(extracted: list[dict], gold: list[dict]) -> CategoryScore:
    def same(x: dict, g: dict) -> bool:
        return (
            x.get("source") == g.get("source")
            and _norm_text(x["figure"]) == _norm_text(g["figure"])
            and _canonical(x.get("attribution")) == _canonical(g.get("attribution"))
        )

    good, found = _one_to_one(extracted, gold, same)
    return _category(
        "figures", extracted, gold, good, found,
        lambda f: f"[{f.get('source')}] {f['figure']} ({f.get('attribution')})",
    )


def _score_background(extracted: list[dict], gold: list[dict]) -> CategoryScore:
    """Past events an article recalls, matched by source and dates."""

    def same(x: dict, g: dict) -> bool:
        return x.get("source") == g.get("source") and _overlaps(
            x.get("start"), x.get("end"), g["start"], g["end"]
        )

    good, found = _one_to_one(extracted, gold, same)
    return _category(
        "background", extracted, gold, good, found,
        lambda b: f"[{b.get('source')}] {b['what']} {b.get('start')}",
    )


def _leaks(snapshot: dict, not_events: list[str]) -> list[str]:
    """Appended, unrelated items that surfaced as rounds, people, quotes or events."""
    texts: list[str] = []
    for r in snapshot.get("rounds", []):
        texts += [r.get("place") or "", *r.get("lead", []), *r.get("participants", [])]
    texts += [p["name"] for p in snapshot.get("people", [])]
    texts += [q["text"] for q in snapshot.get("quotes", [])]
    texts += [f"{e.get('title', '')} {e.get('summary', '')}" for e in snapshot.get("events", [])]
    return [f"{word!r} in {t[:80]!r}" for word in not_events for t in texts if word in t]
