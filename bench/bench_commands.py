"""In process: p50/p95 of each command's answer, on the seeds and on a synthetic timeline.

The synthetic timeline (100,000 events, 5,000 people) is written straight into a
scratch SQLite database with bulk inserts; its rows are shaped like ingest's
(sources, participants, quotes, search documents) but their words are made up.
Beside each command, the equivalent bare SQL lookup is timed in the same run:
the floor that the answer's formatting, fuzzy matching and sourcing add to.
Peak memory is the process's maximum resident size (ru_maxrss) after the run.
"""

from __future__ import annotations

import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.names import name_key
from bot.paths import SEEDS_DIR
from bot.replies.commands import answer, inline_cards
from bot.replies.reply import Asker
from bot.store.database import make_engine, upgrade

REPEATS = 60
EVENTS = 100_000
PEOPLE = 5_000
PLACES = 120
ARTICLES = 4_000
QUOTES = 30_000
NOW = datetime(2025, 10, 10, 9, 0, tzinfo=UTC)
ASKER = Asker(user_id=1, chat_id=1, chat_type="private", now=NOW)
_GIVEN = (
    "Ahmad Basel Carmel Dalia Eitan Farid Ghassan Hadar Imad Jamal Karim Lior Majed Nadav".split()
)
_SYLLABLES = "al ba da fa ha ka la ma na ra sa ta wa za be di mo nu ri so".split()
_WORDS = (
    "ceasefire truce hostages prisoners withdrawal aid corridor crossing guarantees "
    "mediators proposal phase release reconstruction security border monitoring"
).split()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _time(call: Callable[[], object], repeats: int) -> tuple[float, float]:
    call()  # warm caches (alias book, examples) as a running bot has them
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return _percentiles(samples)


def _bench(engine: Engine, workload: list[tuple[str, str, str]], repeats: int) -> dict:
    figures = {}
    with Session(engine) as session:
        for command, args, bare_sql in workload:
            if command == "inline":
                p50, p95 = _time(lambda a=args: inline_cards(session, a), repeats)
            else:
                p50, p95 = _time(lambda c=command, a=args: answer(session, c, a, ASKER), repeats)
            sql = text(bare_sql)
            b50, b95 = _time(lambda q=sql: session.execute(q).all(), repeats)
            figures[f"/{command} {args}".strip()] = {
                "p50_ms": round(p50, 2),
                "p95_ms": round(p95, 2),
                "bare_sql_p50_ms": round(b50, 3),
                "bare_sql_p95_ms": round(b95, 3),
            }
    return figures


def _workload(person: str, misspelled: str, place: str, month: str, word: str) -> list:
    key = name_key(person).replace("'", "''")
    place_key = name_key(place).replace("'", "''")
    return [
        ("help", "", "SELECT count(*), min(published_at), max(published_at) FROM article"),
        (
            "latest",
            "",
            "SELECT id FROM event WHERE background = 0 ORDER BY first_reported_at DESC LIMIT 10",
        ),
        ("who", person, f"SELECT entity_id FROM alias WHERE kind='person' AND key='{key}'"),
        ("who", misspelled, f"SELECT entity_id FROM alias WHERE kind='person' AND key='{key}'"),
        (
            "round",
            place,
            "SELECT e.id FROM event e JOIN alias a ON a.entity_id = e.place_id "
            f"WHERE a.key='{place_key}' AND e.kind='round' "
            "ORDER BY e.start_date DESC LIMIT 20",
        ),
        ("rounds", "", "SELECT id FROM event WHERE kind='round' ORDER BY start_date LIMIT 200"),
        (
            "quotes",
            person,
            "SELECT q.id FROM quote q JOIN alias a ON a.entity_id = q.speaker_id "
            f"WHERE a.key='{key}' ORDER BY q.said_on DESC LIMIT 40",
        ),
        (
            "on",
            month,
            # The index range our query reads: no start earlier than the longest event allows.
            "SELECT id FROM event WHERE start_date BETWEEN '2025-06-29' AND '2025-07-31' "
            "AND coalesce(end_date, start_date) >= '2025-07-01' ORDER BY start_date LIMIT 40",
        ),
        (
            "search",
            word,
            f"SELECT rowid FROM search_doc_fts WHERE search_doc_fts MATCH '\"{word}\"' "
            "ORDER BY bm25(search_doc_fts) LIMIT 10",
        ),
        ("sources", "", "SELECT id FROM article ORDER BY published_at DESC LIMIT 100"),
        ("inline", person.split()[-1], f"SELECT entity_id FROM alias WHERE key='{key}'"),
    ]


def _seed_db(folder: Path) -> Engine:
    from bot.ingest.batch import ingest_articles
    from bot.ingest.sources import collect_articles

    engine = make_engine(f"sqlite:///{folder / 'seeds.db'}")
    upgrade(engine)
    ingest_articles(engine, collect_articles([SEEDS_DIR]))
    return engine


def _vocabulary(rng: random.Random) -> list[str]:
    """News vocabulary is large: the story's words plus ~2,000 made-up ones, so a search
    term matches a realistic share of documents rather than one in three."""
    made_up = {
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(2500)
    }
    return _WORDS + sorted(made_up - set(_WORDS))[:2000]


def _person_names(rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < PEOPLE:
        surname = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        names.add(f"{rng.choice(_GIVEN)} {surname}")
    return sorted(names)


def build_synthetic(folder: Path, seed: int = 7) -> tuple[Engine, dict]:
    """A scratch SQLite timeline of EVENTS events and PEOPLE people, written in bulk."""
    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{folder / 'synthetic.db'}")
    upgrade(engine)
    people = _person_names(rng)
    vocabulary = _vocabulary(rng)
    places = [
        f"{rng.choice(_SYLLABLES).capitalize()}{rng.choice(_SYLLABLES)}{n}" for n in range(PLACES)
    ]
    first_day = date(2023, 10, 7)
    with engine.begin() as conn:
        c = conn.connection.cursor()
        c.executemany(
            "INSERT INTO article (id, outlet, url, title, published_at, ingested_at, content_hash, "
            "text, source_name) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)",
            [
                (
                    i,
                    f"Outlet {i % 40}",
                    f"https://news.example/{i}",
                    f"Report {i}",
                    f"{first_day + timedelta(days=i % 730)} 00:00:00.000000",
                    "2025-10-10 00:00:00",
                    f"h{i}",
                    f"a{i}.txt",
                )
                for i in range(1, ARTICLES + 1)
            ],
        )
        entities = [
            (i, "person", n, name_key(n), "official", "Side") for i, n in enumerate(people, 1)
        ]
        base = len(entities)
        entities += [
            (base + j, "place", p, name_key(p), None, None) for j, p in enumerate(places, 1)
        ]
        c.executemany(
            "INSERT INTO entity (id, kind, name, key, role, affiliation, known, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 0, '2025-10-10 00:00:00')",
            entities,
        )
        aliases = [(eid, kind, name, key) for eid, kind, name, key, _, _ in entities]
        aliases += [
            (eid, "person", name.split()[-1], name_key(name.split()[-1]))
            for eid, kind, name, _, _, _ in entities
            if kind == "person"
        ]
        c.executemany(
            "INSERT OR IGNORE INTO alias (entity_id, kind, text, key) VALUES (?, ?, ?, ?)", aliases
        )
        sentences, events, sources, parts, docs = [], [], [], [], []
        for i in range(1, EVENTS + 1):
            article = rng.randint(1, ARTICLES)
            start = first_day + timedelta(days=rng.randint(0, 730))
            place = base + rng.randint(1, PLACES)
            words = " ".join(rng.sample(vocabulary, 4))
            kind = "round" if i % 3 == 0 else rng.choice(["statement", "proposal", "announcement"])
            sentences.append(
                (i, article, i, 0, f"Talks on {words} went on at {places[place - base - 1]}.")
            )
            events.append(
                (
                    i,
                    kind,
                    f"{kind.capitalize()} on {words}",
                    f"Talks on {words}",
                    str(start),
                    str(start + timedelta(days=rng.randint(0, 2))),
                    rng.choice(["day", "day", "day", "month"]),
                    place,
                    rng.choice(["ongoing", "concluded", "collapsed"]),
                    words.replace(" ", "; "),
                    int(rng.random() < 0.1),
                    f"{start} 00:00:00.000000",
                )
            )
            sources.append(
                (i, article, i, events[-1][8], events[-1][3], f"{start} 00:00:00.000000")
            )
            for person in rng.sample(range(1, PEOPLE + 1), 2):
                parts.append((i, person, rng.choice(["lead", "participant"]), article, i))
            docs.append(
                (i, "event", i, f"{events[-1][2]} {events[-1][3]} {places[place - base - 1]}")
            )
        quotes = []
        for n in range(1, QUOTES + 1):
            sid = EVENTS + n
            article = rng.randint(1, ARTICLES)
            said = first_day + timedelta(days=rng.randint(0, 730))
            speaker = rng.randint(1, PEOPLE)
            words = " ".join(rng.sample(vocabulary, 6))
            sentences.append(
                (sid, article, sid, 0, f"“We want {words},” {people[speaker - 1]} said.")
            )
            quotes.append(
                (
                    n,
                    speaker,
                    people[speaker - 1],
                    f"We want {words}",
                    f"q{n}",
                    str(said),
                    "day",
                    article,
                    sid,
                    f"{said} 00:00:00.000000",
                )
            )
            docs.append((EVENTS + n, "quote", n, f"{people[speaker - 1]}: We want {words}"))
        c.executemany(
            "INSERT INTO sentence (id, article_id, position, paragraph, text) "
            "VALUES (?, ?, ?, ?, ?)",
            sentences,
        )
        c.executemany(
            "INSERT INTO event (id, kind, title, summary, start_date, end_date, granularity, "
            "place_id, status, issues, background, first_reported_at, last_reported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*e, e[-1]) for e in events],
        )
        c.executemany(
            "INSERT INTO eventsource (event_id, article_id, sentence_id, status, summary, "
            "reported_at) VALUES (?, ?, ?, ?, ?, ?)",
            sources,
        )
        c.executemany(
            "INSERT OR IGNORE INTO evententity (event_id, entity_id, role, article_id, "
            "sentence_id) VALUES (?, ?, ?, ?, ?)",
            parts,
        )
        c.executemany(
            "INSERT INTO quote (id, speaker_id, speaker_label, text, text_hash, said_on, "
            "said_granularity, article_id, sentence_id, first_reported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            quotes,
        )
        c.executemany("INSERT INTO search_doc (id, kind, ref_id, body) VALUES (?, ?, ?, ?)", docs)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    person = people[len(people) // 2]
    misspelled = person[:-2] + person[-1] + person[-2]  # two letters swapped at the end
    return engine, {
        "person": person,
        "misspelled": misspelled,
        "place": places[5],
        "month": "July 2025",
        "word": "withdrawal",
    }


def _print(title: str, figures: dict) -> None:
    print(f"\n{title}")
    print(f"{'command':<34} {'p50 ms':>8} {'p95 ms':>8} {'bare p50':>9} {'bare p95':>9}")
    for name, f in figures.items():
        print(
            f"{name[:34]:<34} {f['p50_ms']:>8.2f} {f['p95_ms']:>8.2f} "
            f"{f['bare_sql_p50_ms']:>9.3f} {f['bare_sql_p95_ms']:>9.3f}"
        )


def run() -> dict:
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeds = _seed_db(folder)
        results["seeds"] = _bench(
            seeds,
            _workload("Steve Witkoff", "Witkof", "Sharm el-Sheikh", "July 2025", "ceasefire"),
            REPEATS,
        )
        _print("Seeds (5 articles)", results["seeds"])
        started = time.perf_counter()
        synthetic, names = build_synthetic(folder)
        results["synthetic_build_s"] = round(time.perf_counter() - started, 1)
        results["synthetic"] = _bench(
            synthetic,
            _workload(
                names["person"], names["misspelled"], names["place"], names["month"], names["word"]
            ),
            REPEATS,
        )
        _print(
            f"Synthetic ({EVENTS:,} events, {PEOPLE:,} people, {QUOTES:,} quotes; "
            f"built in {results['synthetic_build_s']} s)",
            results["synthetic"],
        )
        worst = max(f["p95_ms"] for f in results["synthetic"].values())
        results["synthetic_worst_p95_ms"] = worst
        results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(f"\nworst p95 at {EVENTS:,} events: {worst:.2f} ms (goal under 20 ms)")
        print(f"peak memory (max RSS): {results['peak_rss_mb']} MB")
        seeds.dispose()
        synthetic.dispose()
    return results


if __name__ == "__main__":
    run()
