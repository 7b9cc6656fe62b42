"""Score the JSON export of a batch against its gold file (the format of `FORMAT.md`).

This is the measure the issue "Extraction that holds on real news" asks for, and it
reads only what outside checks read: `timeline-bot export --format json`.

- **Rounds** stated as fact (not `unconfirmed`) are right when place, dates (each end
  within a day, at the text's granularity) and status all agree with a gold round; wrong
  when they share the place and nearby dates, or the dates at another place; invented
  otherwise.  Unconfirmed rounds are counted apart.
- **Outcomes**: agreement and collapse events, and rounds whose status is one, against the
  gold outcomes, by kind and dates.
- **People** by name; the extras that are bodies (outlets, ministries, agencies) are
  counted as non-persons.  **Fragment roles** are role titles that are pieces of a
  sentence.  **Long merges** are events whose reports give dates more than a month apart.
- **Quotes** by source, speaker and text (a part is enough, both ways).

Frozen before each new batch is scored: the untouched score of a batch is only honest
if this file did not change after its gold was read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from tests.gold.score import _norm_text, _same_name

DAY = timedelta(days=1)
MONTH = timedelta(days=31)


@dataclass
class Tally:
    """Precision and recall of one category, with what went wrong, readably."""

    name: str
    extracted: int = 0
    gold: int = 0
    correct: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def row(self) -> str:
        return (
            f"{self.name:<24} {self.extracted:>5} {self.gold:>5} {self.correct:>5} "
            f"{self.precision:>6.2f} {self.recall:>6.2f}"
        )


@dataclass
class BatchScore:
    rounds: Tally  # place, dates and status right
    rounds_place_date: Tally  # place and dates right
    rounds_place: Tally  # place right, dates near
    wrong_rounds: list[str]
    invented_rounds: list[str]
    unconfirmed_rounds: list[str]
    outcomes: Tally
    people: Tally
    non_persons: list[str]
    fragment_roles: list[str]
    long_merges: list[str]
    quotes: Tally
    leaks: list[str]

    def tallies(self) -> list[Tally]:
        return [self.rounds, self.rounds_place_date, self.rounds_place, self.outcomes,
                self.people, self.quotes]

    def totals(self) -> str:
        lines = [f"{'category':<24} {'extr':>5} {'gold':>5} {'right':>5} {'P':>6} {'R':>6}"]
        lines += [t.row() for t in self.tallies()]
        lines += [
            f"rounds wrong (stated):   {len(self.wrong_rounds)}",
            f"rounds invented (stated): {len(self.invented_rounds)}",
            f"rounds unconfirmed:      {len(self.unconfirmed_rounds)}",
            f"non-persons as people:   {len(self.non_persons)}",
            f"fragment roles:          {len(self.fragment_roles)}",
            f"merges > 1 month apart:  {len(self.long_merges)}",
            f"leaks of furniture/appended items: {len(self.leaks)}",
        ]
        return "\n".join(lines)

    def details(self) -> str:
        lines = [self.totals()]
        for t in self.tallies():
            lines += [f"  {t.name} missed: {m}" for m in t.misses]
            lines += [f"  {t.name} wrong/extra: {x}" for x in t.extras]
        for title, items in (
            ("wrong round", self.wrong_rounds), ("invented round", self.invented_rounds),
            ("unconfirmed round", self.unconfirmed_rounds), ("non-person", self.non_persons),
            ("fragment role", self.fragment_roles), ("long merge", self.long_merges),
            ("leak", self.leaks),
        ):
            lines += [f"  {title}: {item}" for item in items]
        return "\n".join(lines)


# --- sources ----------------------------------------------------------------------------


class _Labels:
    def __init__(self, by_article: dict[str, str]) -> None:
        self.by_article = by_article  # typed article id ("a4") -> gold label ("404")

    def of(self, sources: list[dict]) -> list[str]:
        return sorted({self.by_article.get(s["article_id"], s["article_id"]) for s in sources})

    def one(self, source: dict | None) -> str | None:
        return None if source is None else self.by_article.get(source["article_id"])


# --- dates ------------------------------------------------------------------------------


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dates_right(x_start, x_end, g_start, g_end, granularity: str | None = "day") -> bool:
    """Each end within a day; for a gold month, season or year, anywhere inside it."""
    xs, xe = _d(x_start), _d(x_end or x_start)
    gs, ge = _d(g_start), _d(g_end or g_start)
    if xs is None or gs is None:
        return False
    if granularity in ("month", "season", "year"):
        return gs - DAY <= xs and xe <= ge + DAY
    return abs(xs - gs) <= DAY and abs(xe - ge) <= DAY


def _dates_near(x_start, x_end, g_start, g_end, slack: timedelta = 3 * DAY) -> bool:
    xs, xe = _d(x_start), _d(x_end or x_start)
    gs, ge = _d(g_start), _d(g_end or g_start)
    if xs is None or gs is None:
        return False
    return xs - slack <= ge and gs - slack <= xe


# --- rounds -----------------------------------------------------------------------------


def _same_place(x: dict, g: dict) -> bool:
    return bool(x.get("place")) and _same_name(x["place"], [g["place"]])


def _show(r: dict, labels: list[str] | None = None) -> str:
    srcs = labels if labels is not None else r.get("sources")
    return f"{r.get('place')} {r.get('start')}..{r.get('end')} {r.get('status')} {srcs}"


def _match(
    items: list[dict], gold: list[dict], same: Callable[[dict, dict], bool],
    taken_items: set[int], taken_gold: set[int],
) -> list[tuple[int, int]]:
    pairs = []
    for i, item in enumerate(items):
        if i in taken_items:
            continue
        for j, target in enumerate(gold):
            if j not in taken_gold and same(item, target):
                taken_items.add(i)
                taken_gold.add(j)
                pairs.append((i, j))
                break
    return pairs


def _score_rounds(export: dict, gold: list[dict], labels: _Labels):
    stated = [r for r in export["rounds"] if not r.get("unconfirmed")]
    unconfirmed = [r for r in export["rounds"] if r.get("unconfirmed")]
    shown = [labels.of(r["sources"]) for r in stated]

    def tally(name: str, same: Callable[[dict, dict], bool]) -> tuple[Tally, set[int]]:
        used_x: set[int] = set()
        used_g: set[int] = set()
        _match(stated, gold, same, used_x, used_g)
        return Tally(
            name, len(stated), len(gold), len(used_x), len(used_g),
            misses=[_show(g) for j, g in enumerate(gold) if j not in used_g],
            extras=[_show(r, shown[i]) for i, r in enumerate(stated) if i not in used_x],
        ), used_x

    def dates(x, g):
        return _dates_right(x["start"], x["end"], g["start"], g["end"], g.get("granularity"))

    def right(x, g):
        return _same_place(x, g) and x.get("status") == g["status"] and dates(x, g)

    def place_date(x, g):
        return _same_place(x, g) and dates(x, g)

    def place_near(x, g):
        return _same_place(x, g) and _dates_near(x["start"], x["end"], g["start"], g["end"])

    full, _ = tally("rounds (place+date+status)", right)
    pd, _ = tally("rounds (place+date)", place_date)
    pn, near = tally("rounds (place, near date)", place_near)

    def elsewhere(x, g):  # the right dates at another place
        return dates(x, g)

    used_g: set[int] = set()
    _match(stated, gold, elsewhere, set(near), used_g)
    wrong, invented = [], []
    for i, r in enumerate(stated):
        if any(right(r, g) for g in gold):
            continue
        if i in near or any(elsewhere(r, g) for g in gold):
            wrong.append(_show(r, shown[i]))
        else:
            invented.append(_show(r, shown[i]))
    un = []
    for r in unconfirmed:
        verdict = (
            "right" if any(right(r, g) for g in gold)
            else "near" if any(place_near(r, g) for g in gold) else "not a gold round"
        )
        un.append(f"{_show(r, labels.of(r['sources']))} ({verdict})")
    return full, pd, pn, wrong, invented, un


# --- outcomes ---------------------------------------------------------------------------

_OUTCOME_OF_STATUS = {"agreement": "agreement", "collapsed": "collapse"}


def _extracted_outcomes(export: dict, labels: _Labels) -> list[dict]:
    found: list[dict] = []
    for e in export["events"]:
        if e.get("kind") in ("agreement", "collapse") and not e.get("unconfirmed"):
            found.append({"kind": e["kind"], "start": e["start"], "end": e["end"],
                          "sources": labels.of(e["sources"]), "what": e.get("title")})
    for r in export["rounds"]:
        kind = _OUTCOME_OF_STATUS.get(r.get("status") or "")
        if kind and not r.get("unconfirmed") and r.get("end"):
            found.append({"kind": kind, "start": r["end"], "end": r["end"],
                          "sources": labels.of(r["sources"]), "what": r.get("title")})
    unique: list[dict] = []
    for item in found:  # a round's agreement and the agreement event of its last day: one
        if not any(
            u["kind"] == item["kind"] and u["start"] == item["start"] and u["end"] == item["end"]
            for u in unique
        ):
            unique.append(item)
    return unique


def _score_outcomes(export: dict, gold: list[dict], labels: _Labels) -> Tally:
    extracted = _extracted_outcomes(export, labels)

    def same(x, g):
        if x["kind"] != g["kind"]:
            return False
        if g.get("granularity", "day") == "day" and x["start"] == x["end"]:
            # A one-day outcome: the day it was reported within a day.
            return _dates_right(x["start"], x["end"], g["start"], g["end"]) or (
                _d(g["start"]) - DAY <= _d(x["start"]) <= _d(g["end"]) + DAY
            )
        return _dates_right(x["start"], x["end"], g["start"], g["end"], g.get("granularity"))

    used_x: set[int] = set()
    used_g: set[int] = set()
    _match(extracted, gold, same, used_x, used_g)

    def show(o):
        return f"{o['kind']} {o.get('start')}..{o.get('end')} {o.get('what')!r} {o.get('sources')}"

    return Tally("outcomes", len(extracted), len(gold), len(used_x), len(used_g),
                 misses=[show(g) for j, g in enumerate(gold) if j not in used_g],
                 extras=[show(x) for i, x in enumerate(extracted) if i not in used_x])


# --- people -----------------------------------------------------------------------------

# What bodies are called: a "person" whose name has one of these words is an outlet, an
# office or a force, whatever the gold file lists.
_BODY_WORDS = re.compile(
    r"\b(?:ministry|office|agency|news|television|tv|radio|channel|press|times|post|network|"
    r"council|cabinet|authority|committee|forces|army|brigades?|movement|party|bureau|"
    r"government|media|broadcast\w*|newspaper|daily|gazette|herald|tribune|journal|"
    r"reuters|afp|ap|anadolu|jazeera|arabiya|axios|cnn|bbc|kan|wafa|ynet|haaretz|ministers?)\b",
    re.IGNORECASE,
)


def _is_body(name: str, not_people: list[str]) -> bool:
    if any(_same_name(name, [n]) or _norm_text(n) in _norm_text(name) for n in not_people):
        return True
    if _BODY_WORDS.search(name):
        return True
    from bot.gazetteer import load_gazetteer

    entry = load_gazetteer().lookup(name)
    return entry is not None and entry.kind != "person"


def _score_people(export: dict, gold: dict) -> tuple[Tally, list[str]]:
    people = export["people"]
    target = gold.get("people", [])

    def same(x, g):
        names = [g["name"], *g.get("spellings", [])]
        return any(_same_name(n, names) for n in [x["name"], *x.get("aliases", [])])

    used_x: set[int] = set()
    used_g: set[int] = set()
    _match(people, target, same, used_x, used_g)
    extras = [p for i, p in enumerate(people) if i not in used_x]
    bodies = [p["name"] for p in extras if _is_body(p["name"], gold.get("not_people", []))]
    tally = Tally("people", len(people), len(target), len(used_x), len(used_g),
                  misses=[g["name"] for j, g in enumerate(target) if j not in used_g],
                  extras=[p["name"] for p in extras])
    return tally, bodies


_FUNCTION_START = re.compile(
    r"^(?:and|or|but|nor|of|to|with|who|whom|whose|which|that|his|her|their|its|as|by|for|"
    r"from|in|on|at|after|before|while|when|said|says|told|tells|included|including|also|"
    r"had|has|have|was|were|is|are|be|been|did|does|would|will|could|should)\b",
    re.IGNORECASE,
)
_FUNCTION_END = re.compile(
    r"\b(?:of|and|or|the|a|an|to|in|with|for|who|that|which|by|on|at|from|his|her|their)$",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|according|added|stated|announced)\b",
    re.IGNORECASE,
)


def fragment_role(title: str) -> bool:
    """A role title that is a piece of a sentence: "and his deputy", "included other
    officials", "a senior official told Reuters"."""
    text = title.strip(" ,.;:")
    return (
        not text
        or bool(_FUNCTION_START.match(text))
        or bool(_FUNCTION_END.search(text))
        or bool(_REPORTING.search(text))
        or len(text.split()) > 12
    )


def _fragment_roles(export: dict) -> list[str]:
    found = []
    for p in export["people"]:
        for role in p.get("roles", []):
            if role.get("source") is not None and fragment_role(role["title"]):
                found.append(f"{p['name']}: {role['title']!r}")
    for r in export["rounds"]:
        if r.get("outcome") and _REPORTING.search(r["outcome"]):
            found.append(f"outcome of {r.get('place')} {r.get('start')}: {r['outcome']!r}")
    return found


# --- merges and leaks -------------------------------------------------------------------


def _long_merges(export: dict, labels: _Labels) -> list[str]:
    found = []
    for item in [*export["rounds"], *export["events"]]:
        spans = [(s.get("start"), s.get("end")) for s in item["sources"] if s.get("start")]
        what = f"{item.get('id')} {item.get('place') or item.get('title')}"
        fine = item.get("granularity") in ("day", "week") and item.get("start") and item.get("end")
        if fine and _d(item["end"]) - _d(item["start"]) > MONTH:
            found.append(f"{what} spans {item['start']}..{item['end']}")
            continue
        starts = sorted(_d(s) for s, _ in spans)
        ends = sorted(_d(e or s) for s, e in spans)
        # Reports of dates more than a month apart, none of them spanning the gap.
        if starts and starts[-1] - ends[0] > MONTH and not any(
            _d(s) <= ends[0] and _d(e or s) >= starts[-1] for s, e in spans
        ):
            found.append(
                f"{what}: reports of {starts[0]} and {starts[-1]} "
                f"{labels.of(item['sources'])}"
            )
    return found


def _leaks(export: dict, not_events: list[str]) -> list[str]:
    texts: list[str] = []
    for r in export["rounds"]:
        texts += [r.get("place") or "", *(p["name"] for p in r.get("participants", []))]
        texts += [r.get("summary") or "", r.get("title") or ""]
    texts += [p["name"] for p in export["people"]]
    texts += [q["text"] for q in export["quotes"]]
    texts += [f"{e.get('title', '')} {e.get('summary', '')}" for e in export["events"]]
    return [f"{word!r} in {t[:80]!r}" for word in not_events for t in texts if word and word in t]


# --- quotes -----------------------------------------------------------------------------


def _score_quotes(export: dict, gold: dict, labels: _Labels) -> Tally:
    spellings = {p["name"]: [p["name"], *p.get("spellings", [])] for p in gold.get("people", [])}
    target = gold.get("quotes", [])
    quotes = [
        {"speaker": q["speaker"] if q.get("person_id") else None, "label": q["speaker"],
         "text": q["text"], "source": labels.one(q.get("source"))}
        for q in export["quotes"]
    ]

    def speaker_ok(x: str | None, g: str | None) -> bool:
        if x is None or g is None:
            return x is None and g is None
        return _same_name(x, spellings.get(g, [g]))

    def same(x, g):
        a, b = _norm_text(x["text"]), _norm_text(g["text"])
        return (x["source"] == g.get("source") and bool(a) and (a in b or b in a)
                and speaker_ok(x["speaker"], g.get("speaker")))

    good = {i for i, x in enumerate(quotes) if any(same(x, g) for g in target)}
    found = {j for j, g in enumerate(target) if any(same(x, g) for x in quotes)}

    def show(q):
        return f"[{q.get('source')}] {q.get('speaker') or q.get('label')}: {q['text'][:60]}"

    return Tally("quotes", len(quotes), len(target), len(good), len(found),
                 misses=[show(g) for j, g in enumerate(target) if j not in found],
                 extras=[show(x) for i, x in enumerate(quotes) if i not in good])


# --- all --------------------------------------------------------------------------------


def score_export(export: dict, gold: dict, labels_of: dict[str, str]) -> BatchScore:
    """`labels_of` names each exported article ("a4") by its gold source label ("404")."""
    labels = _Labels(labels_of)
    full, pd, pn, wrong, invented, unconfirmed = _score_rounds(export, gold["rounds"], labels)
    people, bodies = _score_people(export, gold)
    return BatchScore(
        rounds=full,
        rounds_place_date=pd,
        rounds_place=pn,
        wrong_rounds=wrong,
        invented_rounds=invented,
        unconfirmed_rounds=unconfirmed,
        outcomes=_score_outcomes(export, gold.get("outcomes", []), labels),
        people=people,
        non_persons=bodies,
        fragment_roles=_fragment_roles(export),
        long_merges=_long_merges(export, labels),
        quotes=_score_quotes(export, gold, labels),
        leaks=_leaks(export, gold.get("not_events", [])),
    )
