"""spaCy's rule machinery on a blank English pipeline, beside two hand-written steps.

1. Known-name matching (`bot.ingest.mentions.known`: `tokenize` + `find_known`) against
   a `PhraseMatcher(attr="NORM")` over the same gazetteer spellings, each token's NORM
   set to its `bot.names.name_key` (hyphen-attached articles "as-", "el-" read "al", as
   ours do; each hyphenated spelling is added with the hyphen and with a space).  The
   same checks as ours pick among the candidates (capitalised or all-capital surface,
   a town's exact name, "Romi Gonen, 24,"; longest first, left to right).  Also the
   PhraseMatcher alone over our own tokens' keys, to tell the matcher from the tokenizer.
   Every sentence and title of every article under seeds/ and tests/articles/heldout*
   (heldout14 left out) is matched both ways: same matches, which differ, ms per article.
2. Sentence splitting (`split_sentences`) against the rule-based `sentencizer`: how
   many paragraphs are cut differently, and the time over all paragraphs.

`--scores` also scores every batch with gold (seeds, heldout..heldout13) through the
real ingest with each spaCy step swapped in for ours, in this process only, and times
the whole extractor per seed article each way (as `python -m bench extract` does).

Run: `python -m bench spacy`, or `python -m bench.bench_spacy [--scores]`.  Without
spaCy installed it prints one line and does nothing (spaCy is not a dependency).
"""

from __future__ import annotations

import importlib.util
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a plain script too
    sys.path.insert(0, str(ROOT))

from anyascii import anyascii  # noqa: E402

from bot.gazetteer import Entry, Gazetteer, _is_acronym, load_gazetteer  # noqa: E402
from bot.ingest.document.report import read_report  # noqa: E402
from bot.ingest.document.sentences import split_sentences  # noqa: E402
from bot.ingest.mentions import known as known_module  # noqa: E402
from bot.ingest.mentions.known import Match, Part, find_known, tokenize  # noqa: E402
from bot.ingest.model import ArticleInput, Sentence  # noqa: E402
from bot.ingest.sources import collect_articles  # noqa: E402
from bot.names import name_key  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
LEFT_OUT = frozenset({"heldout14"})  # kept unread
REPEATS = 7
EXTRACT_REPEATS = 5
EXAMPLES = 4
_HYPHENS = frozenset("-‐‑")  # spaCy splits these between letters; ours join on "-"
_ATTACHED = frozenset({"al", "el", "ad", "as", "ash", "at", "az", "an", "ar", "ul"})


def _folders() -> list[Path]:
    held = sorted(
        (p for p in ARTICLES.glob("heldout*") if p.is_dir() and p.name not in LEFT_OUT),
        key=lambda p: int(p.name.removeprefix("heldout") or 1),
    )
    return [ROOT / "seeds", *held]


def _articles() -> list[tuple[str, ArticleInput]]:
    found = []
    for folder in _folders():
        for article in collect_articles([folder]):
            if isinstance(article, ArticleInput):
                found.append((folder.name, article))
    return found


def _units(article: ArticleInput) -> tuple[list[str], list[str]]:
    """The texts `find_known` reads (title, then every sentence), and the paragraphs."""
    report = read_report(article.text, title_hint=article.title)
    sentences = [s.text for s in split_sentences(report.paragraphs)]
    return [report.title or "", *sentences], report.paragraphs


# --- the spaCy matcher -------------------------------------------------------------


@dataclass(frozen=True)
class _Form:
    entry: Entry
    acronym: bool
    demonym: bool


def _set_norms(doc) -> None:
    """Each token's NORM is its name key: the attribute the PhraseMatcher compares."""
    for token in doc:
        text = token.text
        if text in _HYPHENS:
            token.norm_ = "-"
            continue
        nxt = token.nbor() if token.i + 1 < len(doc) else None
        if (
            nxt is not None and not token.whitespace_ and nxt.text in _HYPHENS
            and text.lower() in _ATTACHED
        ):
            token.norm_ = "al"  # "as-Sisi", "el-Sheikh"
            continue
        token.norm_ = name_key(text) or token.lower_


class SpacyKnown:
    """`find_known` rebuilt on spaCy: blank tokenizer, NORM from name_key, PhraseMatcher."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        started = time.perf_counter()
        self.nlp = spacy.blank("en")
        self.load_s = time.perf_counter() - started
        started = time.perf_counter()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.forms: dict[str, list[_Form]] = defaultdict(list)
        patterns: dict[str, list] = defaultdict(list)
        seen: set[tuple[str, ...]] = set()
        for entry in gazetteer.entries:
            surfaces = [(s, False) for s in entry.spellings] + [(d, True) for d in entry.demonyms]
            for surface, demonym in surfaces:
                key = name_key(surface)
                if not key or len(key.replace(" ", "")) < 2:
                    continue  # as the gazetteer does: "AA" would find the article "A"
                variants = {surface, " ".join(surface.replace("-", " ").split())}
                for variant in variants:
                    doc = self.nlp.make_doc(variant)
                    _set_norms(doc)
                    norms = tuple(t.norm_ for t in doc)
                    label = " ".join(norms)
                    form = _Form(entry, _is_acronym(surface), demonym)
                    if form not in self.forms[label]:
                        self.forms[label].append(form)
                    if norms not in seen:
                        seen.add(norms)
                        patterns[label].append(doc)
        for label, docs in patterns.items():
            self.matcher.add(label, docs)
        self.patterns = len(seen)
        self.build_s = time.perf_counter() - started
        self.strings = self.nlp.vocab.strings

    def doc(self, text: str):
        doc = self.nlp.make_doc(text)
        _set_norms(doc)
        return doc

    def find(self, text: str) -> list[tuple[int, int, Entry, bool]]:
        """(start char, end char, entry, demonym): longest first, left to right."""
        doc = self.doc(text)
        by_start: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for match_id, start, end in self.matcher(doc):
            by_start[start].append((end, self.strings[match_id]))
        found: list[tuple[int, int, Entry, bool]] = []
        last_end = -1  # token index after the previous match
        i = 0
        while i < len(doc):
            chosen = None
            for end, label in sorted(by_start.get(i, ()), key=lambda c: -c[0]):
                for form in self.forms[label]:
                    if self._accepts(doc, i, end, form, last_end):
                        chosen = (end, form)
                        break
                if chosen:
                    break
            if chosen is None:
                i += 1
                continue
            end, form = chosen
            found.append((doc[i].idx, doc[end - 1].idx + len(doc[end - 1]), form.entry,
                          form.demonym))
            last_end = end
            i = end
        return found

    @staticmethod
    def _accepts(doc, start: int, end: int, form: _Form, last_end: int) -> bool:
        words = [t for t in doc[start:end] if t.norm_ not in ("al", "-")]
        if not words:
            return False
        if form.acronym:
            if not all(not c.isalpha() or c.isupper() for t in words for c in t.text):
                return False
        elif not words[0].text[:1].isupper():
            return False
        entry = form.entry
        if entry.population:
            surface = " ".join(t.text for t in doc[start:end] if t.text not in _HYPHENS)
            if anyascii(surface).lower() != anyascii(entry.name).lower():
                return False
            # "Romi Gonen, 24,": a town after an unknown given name, then an age.
            if start > 0 and end + 1 < len(doc) and last_end != start:
                given, comma, age = doc[start - 1], doc[end], doc[end + 1]
                if (
                    given.text[:1].isupper() and given.is_alpha and given.whitespace_ == " "
                    and comma.text == "," and not doc[end - 1].whitespace_
                    and comma.whitespace_ == " " and age.text.isdigit() and len(age.text) <= 3
                ):
                    return False
        return True


class SpacyOnOurTokens:
    """The PhraseMatcher alone, over our tokens' keys, with our checks: the matcher's part."""

    def __init__(self, nlp, gazetteer: Gazetteer) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.Doc = Doc
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(self.vocab)  # ORTH: the words are already keys
        self.spellings: dict[str, list] = {}
        for first, bucket in gazetteer.spellings_by_first.items():
            del first
            for spelling in bucket:
                label = " ".join(spelling.tokens)
                if label not in self.spellings:
                    self.spellings[label] = []
                    self.matcher.add(label, [Doc(self.vocab, words=list(spelling.tokens))])
                self.spellings[label].append(spelling)
        self.strings = self.vocab.strings

    def find(self, parts: list[Part]) -> list[Match]:
        flat = [(key, i) for i, part in enumerate(parts) for key in part.keys]
        if not flat:
            return []
        starts: dict[int, int] = {}
        for pos, (_, i) in enumerate(flat):
            starts.setdefault(i, pos)
        begins = {pos: i for i, pos in starts.items()}
        doc = self.Doc(self.vocab, words=[k for k, _ in flat])
        by_start: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for match_id, start, end in self.matcher(doc):
            if start in begins:
                by_start[begins[start]].append((end, self.strings[match_id]))
        matches: list[Match] = []
        i = 0
        while i < len(parts):
            found = None
            for end, label in sorted(by_start.get(i, ()), key=lambda c: -c[0]):
                last = flat[end - 1][1]
                if last + 1 < len(parts) and starts.get(last + 1, len(flat)) != end:
                    continue  # ends inside a part
                for spelling in self.spellings[label]:
                    if not known_module._surface_ok(parts, i, last, spelling.acronym):
                        continue
                    if spelling.entry.population and (
                        not known_module._exact_city_name(parts, i, last, spelling)
                        or known_module._surname_given_an_age(parts, i, last, matches)
                    ):
                        continue
                    found = Match(i, last, parts[i].start, parts[last].end, spelling.entry,
                                  spelling.demonym)
                    break
                if found:
                    break
            if found is None:
                i += 1
                continue
            matches.append(found)
            i = found.last + 1
        return matches


# --- comparison --------------------------------------------------------------------


def _ours(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, Entry, bool]]:
    return [(m.start, m.end, m.entry, m.demonym) for m in find_known(tokenize(text), gazetteer)]


def _kind(text: str, ours: tuple | None, theirs: tuple | None, spacy_known: SpacyKnown) -> str:
    """Why a match differs, told from the two spans and spaCy's tokens."""
    a = text[ours[0] : ours[1]] if ours else ""
    b = text[theirs[0] : theirs[1]] if theirs else ""
    if ours and theirs and (ours[0], ours[1]) == (theirs[0], theirs[1]):
        return "same span, other entry"
    side = "ours" if len(a) > len(b) else "spaCy's"
    longer = a if len(a) > len(b) else b
    where = f"longer or only match is {side}"
    if re.search(r"['’]s\b", longer):
        return f"{where}: possessive 's (a spelling with it, or a text with it)"
    if re.search(r"[()\[\],;:]", longer):
        return f"{where}: the match runs across punctuation"
    doc = spacy_known.doc(text)
    span = ours or theirs
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    if (ours and (ours[0] not in starts or ours[1] not in ends)) or re.search(r"[-.]$", b):
        return f"{where}: spaCy's tokenizer exceptions and affixes"
    inside = [t for t in doc if t.idx < span[1] and span[0] < t.idx + len(t)]
    if ours and theirs is None and any(len(t.norm_.split()) > 1 for t in inside):
        return f"{where}: one spaCy token holds several name keys"
    if "-" in longer:
        return f"{where}: hyphen in the text, space in the spelling"
    return f"{where}: other"


def _differences(per_unit: Iterator, spacy_known: SpacyKnown) -> tuple[int, int, int, dict]:
    same = ours_total = theirs_total = 0
    kinds: dict[str, list[str]] = defaultdict(list)
    for text, ours, theirs in per_unit:
        ours_total += len(ours)
        theirs_total += len(theirs)
        a = {(s, e, entry.key, d): (s, e, entry, d) for s, e, entry, d in ours}
        b = {(s, e, entry.key, d): (s, e, entry, d) for s, e, entry, d in theirs}
        same += len(a.keys() & b.keys())
        only_a = [a[k] for k in a.keys() - b.keys()]
        only_b = [b[k] for k in b.keys() - a.keys()]
        for mine in sorted(only_a, key=lambda m: m[0]):
            partner = next((o for o in only_b if o[0] < mine[1] and mine[0] < o[1]), None)
            if partner is not None:
                only_b.remove(partner)
            kind = _kind(text, mine, partner, spacy_known)
            shown = f"{text[mine[0]:mine[1]]!r} -> ours {mine[2].name}"
            if partner is not None:
                shown += f", spaCy {text[partner[0]:partner[1]]!r} {partner[2].name}"
            kinds[kind].append(f"{shown}  | {_context(text, mine[0], mine[1])}")
        for theirs_only in only_b:
            kind = _kind(text, None, theirs_only, spacy_known)
            shown = f"{text[theirs_only[0]:theirs_only[1]]!r} -> spaCy {theirs_only[2].name}"
            kinds[kind].append(f"{shown}  | {_context(text, theirs_only[0], theirs_only[1])}")
    return same, ours_total, theirs_total, kinds


def _context(text: str, start: int, end: int) -> str:
    return "…" + text[max(0, start - 30) : end + 30].replace("\n", " ") + "…"


def _median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _matching(gazetteer: Gazetteer, articles, spacy_known: SpacyKnown, on_ours) -> dict:
    units = [(batch, _units(article)) for batch, article in articles]
    texts = [t for _, (unit_texts, _) in units for t in unit_texts]
    for text in texts:  # warm name_key's cache and both matchers
        _ours(text, gazetteer)
        spacy_known.find(text)
    same, ours_n, theirs_n, kinds = _differences(
        ((t, _ours(t, gazetteer), spacy_known.find(t)) for t in texts), spacy_known
    )
    on_ours_same = sum(
        [(m.start, m.end, m.entry.key) for m in on_ours.find(tokenize(t))]
        == [(m.start, m.end, m.entry.key) for m in find_known(tokenize(t), gazetteer)]
        for t in texts
    )
    print(f"{len(articles)} articles ({', '.join(sorted({b for b, _ in articles}, key=_order))}),"
          f" {len(texts)} texts (titles and sentences)")
    print(f"matches: ours {ours_n}, spaCy {theirs_n}, the same {same} "
          f"(same span, entry and demonym flag)")
    print(f"PhraseMatcher over our own tokens: same matches as ours in {on_ours_same} of "
          f"{len(texts)} texts")
    for kind, shown in sorted(kinds.items(), key=lambda k: -len(k[1])):
        print(f"  {len(shown):>4}  {kind}")
        for example in shown[:EXAMPLES]:
            print(f"          {example}")

    rows = []
    for _, (unit_texts, _) in units:
        ours_ms = _median_ms(lambda u=unit_texts: [_ours(t, gazetteer) for t in u])
        spacy_ms = _median_ms(lambda u=unit_texts: [spacy_known.find(t) for t in u])
        tok_ms = _median_ms(lambda u=unit_texts: [spacy_known.doc(t) for t in u])
        our_tok_ms = _median_ms(lambda u=unit_texts: [tokenize(t) for t in u])
        on_ours_ms = _median_ms(lambda u=unit_texts: [on_ours.find(tokenize(t)) for t in u])
        rows.append((ours_ms, our_tok_ms, spacy_ms, tok_ms, on_ours_ms))
    columns = list(zip(*rows, strict=True))
    names = ("ours (tokenize + find_known)", "  of which our tokenize",
             "spaCy (make_doc + NORM + PhraseMatcher + checks)", "  of which spaCy make_doc + NORM",
             "PhraseMatcher over our tokenize's keys")
    print(f"{'ms per article':<50} {'median':>7} {'max':>7} {'total':>8}")
    for name, column in zip(names, columns, strict=True):
        print(f"{name:<50} {statistics.median(column):>7.2f} {max(column):>7.2f} "
              f"{sum(column):>8.1f}")
    return {
        "articles": len(articles), "texts": len(texts), "ours": ours_n, "spacy": theirs_n,
        "same": same, "kinds": {k: len(v) for k, v in kinds.items()},
        "on_our_tokens_same_texts": on_ours_same,
        "median_ms": {n.strip(): statistics.median(c) for n, c in zip(names, columns,
                                                                      strict=True)},
    }


def _order(batch: str) -> int:
    return -1 if batch == "seeds" else int(batch.removeprefix("heldout") or 1)


# --- sentence splitting ------------------------------------------------------------


def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def spacy_split_sentences(nlp) -> Callable[[list[str]], list[Sentence]]:
    """`split_sentences` with the sentencizer cutting each paragraph."""

    def split(paragraphs: list[str]) -> list[Sentence]:
        sentences: list[Sentence] = []
        for p_index, paragraph in enumerate(paragraphs):
            for sent in nlp(paragraph).sents:
                text = sent.text.strip()
                if text:
                    sentences.append(Sentence(len(sentences), p_index, text))
        return sentences

    return split


def _splitting(articles) -> dict:
    nlp = _sentencizer()
    ours_split, theirs_split = split_sentences, spacy_split_sentences(nlp)
    paragraphs = [p for _, a in articles for p in _units(a)[1]]
    ours = [[s.text for s in ours_split([p])] for p in paragraphs]
    theirs = [[s.text for s in theirs_split([p])] for p in paragraphs]
    differ = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
    ours_ms = _median_ms(lambda: [ours_split([p]) for p in paragraphs])
    theirs_ms = _median_ms(lambda: [theirs_split([p]) for p in paragraphs])
    print(f"{len(paragraphs)} paragraphs: ours {sum(map(len, ours))} sentences in "
          f"{ours_ms:.1f} ms, sentencizer {sum(map(len, theirs))} in {theirs_ms:.1f} ms; "
          f"{len(differ)} paragraphs cut differently")
    more = sum(len(b) > len(a) for a, b in differ)
    print(f"  the sentencizer cuts more often in {more}, less often or elsewhere in "
          f"{len(differ) - more}")
    for a, b in differ[:EXAMPLES]:
        extra = [s for s in b if s not in a][:2]
        print(f"  e.g. sentencizer: {' | '.join(s[:70] for s in extra)}")
    return {"paragraphs": len(paragraphs), "differ": len(differ), "ours_ms": ours_ms,
            "sentencizer_ms": theirs_ms}


# --- whole-extractor swaps ---------------------------------------------------------


class _Parts(list):
    """Our parts, remembering the text they came from (for the spaCy matcher swap)."""

    text = ""


@contextmanager
def _swapped(matcher: SpacyKnown | None = None, splitter=None):
    """Swap spaCy steps into the extractor, in this process only."""
    from bot.ingest import pipeline
    from bot.ingest.mentions import entities

    saved = (pipeline.split_sentences, pipeline.find_known, pipeline.tokenize,
             entities.find_known, entities.tokenize_sentence)
    if splitter is not None:
        pipeline.split_sentences = splitter
    if matcher is not None:

        def tokenize_kept(text: str) -> _Parts:
            parts = _Parts(tokenize(text))
            parts.text = text
            return parts

        def find_known_spacy(parts: _Parts, gazetteer: Gazetteer) -> list[Match]:
            starts = {p.start: i for i, p in enumerate(parts)}
            ends = {p.end: i for i, p in enumerate(parts)}
            found = []
            for start, end, entry, demonym in matcher.find(parts.text):
                if start in starts and end in ends:  # a span our parts can carry
                    found.append(Match(starts[start], ends[end], start, end, entry, demonym))
            return found

        pipeline.tokenize = entities.tokenize_sentence = tokenize_kept
        pipeline.find_known = entities.find_known = find_known_spacy
    try:
        yield
    finally:
        (pipeline.split_sentences, pipeline.find_known, pipeline.tokenize,
         entities.find_known, entities.tokenize_sentence) = saved


def _scores(matcher: SpacyKnown) -> None:
    from bot.ingest.pipeline import extract
    from tests.gold.batch import score_folder

    batches = [(f, ROOT / "tests" / "gold" / f"{f.name}.json") for f in _folders()]
    batches = [(f, g) for f, g in batches if g.exists()]
    configs = {"ours": {}, "spaCy matcher": {"matcher": matcher},
               "sentencizer": {"splitter": spacy_split_sentences(_sentencizer())}}
    gazetteer = load_gazetteer()
    fields = ("rounds", "rounds_place_date", "outcomes", "people", "quotes")
    pooled: dict[str, Counter] = {}
    per_batch: dict[str, dict[str, str]] = defaultdict(dict)
    for name, swap in configs.items():
        totals: Counter = Counter()
        with _swapped(**swap):
            for folder, gold in batches:
                score = score_folder(folder, gold)
                cells = []
                for field in fields:
                    t = getattr(score, field)
                    totals[f"{field}.e"] += t.extracted
                    totals[f"{field}.g"] += t.gold
                    totals[f"{field}.c"] += t.correct
                    totals[f"{field}.f"] += t.found
                    cells.append(f"{t.correct}/{t.extracted}/{t.found}/{t.gold}")
                totals["invented"] += len(score.invented_rounds)
                totals["non_persons"] += len(score.non_persons)
                totals["fragments"] += len(score.fragment_roles)
                per_batch[folder.name][name] = " ".join(cells)
        pooled[name] = totals
    # The whole extractor per article, the three ways interleaved article by article, so
    # that a busy machine slows all three alike.
    articles = [a for _, a in _articles()]
    times: dict[str, list[list[float]]] = {name: [[] for _ in articles] for name in configs}
    for repeat in range(EXTRACT_REPEATS + 1):
        for i, article in enumerate(articles):
            for name, swap in configs.items():
                with _swapped(**swap):
                    started = time.perf_counter()
                    extract(article, gazetteer=gazetteer)
                    if repeat:  # the first pass warms caches
                        times[name][i].append((time.perf_counter() - started) * 1000)
    timing = {
        name: statistics.median(statistics.median(t) for t in per_article)
        for name, per_article in times.items()
    }
    print(f"{len(batches)} batches with gold; per batch, right/extracted/found/gold of "
          f"{', '.join(fields)}; a row marked * differs from ours")
    for batch, row in per_batch.items():
        for name, cells in row.items():
            mark = "*" if cells != row["ours"] else " "
            print(f"  {batch:<10} {name:<14}{mark} {cells}")
    print(f"{'pooled P/R':<14} " + " ".join(f"{f:>17}" for f in fields)
          + f"  inv. non-p. frag.  extract ms (median of {len(articles)} articles)")
    for name, t in pooled.items():
        cells = []
        for field in fields:
            p = t[f"{field}.c"] / t[f"{field}.e"] if t[f"{field}.e"] else 1.0
            r = t[f"{field}.f"] / t[f"{field}.g"] if t[f"{field}.g"] else 1.0
            cells.append(f"{p:.3f}/{r:.3f}")
        print(f"{name:<14} " + " ".join(f"{c:>17}" for c in cells)
              + f"  {t['invented']:>4} {t['non_persons']:>6} {t['fragments']:>5}"
              + f"  {timing[name]:>8.2f}")


def run(argv: list[str] | None = None) -> dict:
    if importlib.util.find_spec("spacy") is None:
        print("spaCy is not installed: skipped (pip install 'spacy==3.8.*' to measure)")
        return {}
    started = time.perf_counter()
    import spacy

    import_s = time.perf_counter() - started
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    gazetteer_s = time.perf_counter() - started
    spacy_known = SpacyKnown(gazetteer)
    on_ours = SpacyOnOurTokens(spacy_known.nlp, gazetteer)
    print(f"spaCy {spacy.__version__}: import {import_s * 1000:.0f} ms, spacy.blank('en') "
          f"{spacy_known.load_s * 1000:.0f} ms, PhraseMatcher of {spacy_known.patterns} "
          f"patterns built in {spacy_known.build_s * 1000:.0f} ms (our gazetteer, shared: "
          f"{gazetteer_s * 1000:.0f} ms)")
    articles = _articles()
    print("\n-- known names --")
    result = {"import_ms": import_s * 1000, "blank_ms": spacy_known.load_s * 1000,
              "build_ms": spacy_known.build_s * 1000}
    result["matching"] = _matching(gazetteer, articles, spacy_known, on_ours)
    print("\n-- sentence splitting --")
    result["splitting"] = _splitting(articles)
    if argv and "--scores" in argv:
        print("\n-- batch scores with each spaCy step swapped in --")
        _scores(spacy_known)
    return result


if __name__ == "__main__":
    run(sys.argv[1:])
