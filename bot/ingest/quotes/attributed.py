"""Verbatim quotes and who said them.

Only the words inside quote marks are a quote, and only when a speech verb in
the same sentence (or the sentence the quote continues) says who spoke.  The
speaker is the subject of that verb: "X said", "said X", "according to X",
"X told ...", "X, the ..., said", or "he said" after a sentence that named the
speaker.  When the subject is an unnamed source ("a US official") the quote keeps
the article's label and no key, as do words several states said together
("the leaders of the US, Egypt and Qatar said", see joint_speakers.py).  When
nothing can be trusted the speaker stays unnamed: a quote given to the wrong
person is worse than a quote without a name.
Words in quote marks inside a noun phrase ("a “day after” plan", "the “Witkoff
proposal”") are names or scare quotes, not statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.ingest.document.passages import Passage, QuoteSpan
from bot.ingest.mentions.roles import ROLE_MODIFIERS, ROLE_WORDS
from bot.ingest.model import ExtractedQuote, When
from bot.ingest.quotes.asides import NAMING_VERB, ORGAN_BEFORE_VERB, outside_aside
from bot.ingest.quotes.joint_speakers import joint_speakers
from bot.ingest.quotes.statement_authors import statement_author
from bot.needles import Alternatives

# (matched only with the verbs a text holds: see bot/needles.py)
_SPEECH_VERB = Alternatives.of(re.compile(
    r"\b(?:said|says|say|told|tells|telling|added|adds|adding|noted|notes|stated|states|"
    r"stressed|explained|asserted|confirmed|clarified|warned|argued|insisted|declared|"
    r"announced|wrote|written|writes|writing|tweeted|posted|reiterated|claimed|claiming|remarked|replied|"
    r"responded|commented|acknowledged|emphasi[sz]ed|calling|called|describing|described|"
    r"condemned|dismissed|saying|mentioned|urged|suggested|cautioned|vowed|accused|accusing|"
    r"welcomed|welcoming|hailed|hailing|branded|termed|"
    r"according to)\b",
    re.IGNORECASE,
))
# Verbs that put their subject after them: "..., said al-Ansari."
_INVERTIBLE = frozenset(
    {"said", "says", "added", "adds", "noted", "wrote", "explained", "stated", "insisted"}
)
_COORDINATED = re.compile(r"\b(?:and|but)\s+(?:then\s+|later\s+|also\s+)?$")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_UNNAMED = re.compile(
    r"\b(?P<det>[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Ss]everal|[Ss]ome|[Tt]his)\s+"
    # Modifiers, never a second determiner: not "the families thanked the mediators".
    # No full stop either: "the table. A Hamas official" is two sentences ("U.S." is one word).
    r"(?P<mods>(?:(?!(?:[Tt]he|[Aa]n?)\s)(?:(?:[A-Z]\.){2,}|[\w’'-]+)\s+){0,4}?)"
    r"(?P<head>officials?|sources?|diplomats?|spokes(?:person|man|woman)|negotiators?|"
    r"mediators?|analysts?|insiders?|aides?|advisers?|envoys?|statement|minister|premier|"
    r"president|king|emir|document|communiqu[eé]|declaration)\b"
)
# Offices one person holds at a time: "the prime minister added" is the one titled so
# before, or no one this reader can name.
_HIGH_OFFICES = frozenset({"minister", "prime minister", "premier", "president", "king", "emir"})
_ONE_OF = re.compile(
    r"\b[Oo]ne\s+of\s+(?:them|the\s+(?:[\w-]+\s+)?(?:sources|officials|diplomats|negotiators|"
    r"mediators|people))\b"
)
# "The forum thanked Trump, saying in a statement:" a statement with no one to name.
_IN_A_STATEMENT = re.compile(r"\s+in\s+(?:a|an)\s+(?:[\w-]+\s+)?statement\b")
# A word right before a name that makes it an object, not the one speaking.
_OBJECT_BEFORE = re.compile(
    r"\b(?:in|at|to|with|from|of|for|by|on|about|told|telling|than|against|between|over|"
    r"into|toward|towards|and|visit|visited|meet|met|urged|urging|praised|criticised|"
    r"criticized|accused|accusing|blamed|blaming|thanked|thanking|asked|asking)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the mother of British-Israeli hostage X": someone named by their tie to X.
_KIN_OF = re.compile(
    r"\b(?:mother|father|son|daughter|brother|sister|wife|husband|widow|parents|family|"
    r"relatives?|uncle|aunt|cousin|grandmother|grandfather|friend|lawyer)\s+of\s+"
    r"(?:[\w.’'-]+\s+){0,4}$",
    re.IGNORECASE,
)
_WITH_BEFORE_NAME = re.compile(r"\bwith\s+(?:[\w.’'-]+\s+){0,4}$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:a|an|the|its|his|her|their|our|this|that|these|those)\s+(?:[\w.’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
# A quotation opening on these is a clause someone said, never a name or a scare quote.
_CLAUSE_OPENERS = frozenset(
    {"will", "would", "is", "was", "are", "were", "has", "have", "had", "could", "should",
     "can", "must", "did", "does", "do", "be", "that", "which", "who", "not", "never"}
)
# Words that cannot sit between a determiner and its noun: "this to “...”" is no noun phrase.
_NOT_MODIFIERS = frozenset(
    {"to", "of", "as", "at", "in", "on", "for", "with", "by", "from", "would", "will", "is",
     "was", "are", "were", "be", "been", "that", "said", "and", "or", "but"}
)


@dataclass(frozen=True)
class Speaker:
    key: str | None
    label: str


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    speaker: Speaker | None  # None: a pronoun, resolved against the last speaker
    kind: str


@dataclass(frozen=True)
class _Verb:
    start: int
    end: int
    word: str


def find_quotes(
    passages: list[Passage], published: date, name_of: Callable[[str], str] = lambda key: key
) -> list[ExtractedQuote]:
    """Every attributed quote of the story, in reading order.

    `name_of` gives an entity's name from its key, for the labels of joint speakers.
    """
    state = _Discourse()
    quotes: list[ExtractedQuote] = []
    for passage in passages:
        quotes.extend(_passage_quotes(passage, published, state, name_of))
        _note_titles(passage, state)
        state.about = _closing_subject(passage)
    return quotes


def _closing_subject(passage: Passage) -> Speaker | None:
    """The person a paragraph's last sentence opens with: "Netanyahu used a visit to Eli to
    push back." and then '"We will not withdraw," he told students' is Netanyahu."""
    if not passage.sentences:
        return None
    _, start, end = passage.sentences[-1]
    named = [m for m in passage.marks if m.kind == "person" and start <= m.start < end
             and not _is_quoted(passage, m.start)]
    subject = _subject_of_sentence(passage, named, start)
    return Speaker(subject.key, subject.text) if subject is not None else None


class _Discourse:
    """Who spoke last and which unnamed sources were introduced, across paragraphs."""

    def __init__(self) -> None:
        self.last: Speaker | None = None
        self.unnamed: dict[str, str] = {}  # head word -> label as first introduced
        self.titled: dict[str, Speaker] = {}  # "envoy" -> the person last given that title
        self.carry: Speaker | None = None  # who spoke the quote that closed the last paragraph
        self.about: Speaker | None = None  # the person the last paragraph ended telling of

    def unnamed_label(self, det: str, text: str, head: str) -> str:
        base = head.rstrip("s") if head.endswith("s") and head != "sources" else head
        if det.lower() in {"the", "this"} and base in self.unnamed:
            return self.unnamed[base]
        label = text[0].lower() + text[1:] if det[0].isupper() else text
        if det.lower() not in {"the", "this"}:
            self.unnamed[base] = label
        return label


def _passage_quotes(
    passage: Passage, published: date, state: _Discourse, name_of: Callable[[str], str]
) -> list[ExtractedQuote]:
    spans, blank = passage.quoted, passage.blank
    verbs = [_Verb(m.start(), m.end(), m.group().lower()) for m in _SPEECH_VERB.finditer(blank)]
    candidates = _candidates(passage, blank, state, name_of)
    subjects: dict[int, Speaker | None] = {}
    for i, verb in enumerate(verbs):
        if i and _COORDINATED.search(blank[verbs[i - 1].end : verb.start]) and \
                passage.sentence_at(verbs[i - 1].start) == passage.sentence_at(verb.start):
            # "He said Washington would ... and added: ...": the first verb's speaker.
            subjects[verb.start] = subjects.get(verbs[i - 1].start)
            continue
        subject = _subject(verb, candidates, blank, passage)
        if subject is None:
            subjects[verb.start] = None
        elif subject.speaker is None:
            resolved = _pronoun(state, passage, verb)
            # An unresolved "he" still marks a statement; it just cannot name anyone.
            label = blank[subject.start : subject.end].lower()
            subjects[verb.start] = resolved or Speaker(None, label)
            if resolved is not None and resolved.key is not None:
                # '"...," he wrote on X. He said ...': the next "he" is that person again.
                state.last = resolved
        else:
            subjects[verb.start] = subject.speaker
            if subject.kind in ("person", "unnamed"):
                state.last = subject.speaker  # "he said" can point back to this speaker
    quotes: list[ExtractedQuote] = []
    previous: tuple[QuoteSpan, Speaker, _Verb | None] | None = None
    spoken = [(v, s, _said(v, None, passage)) for v in verbs if (s := subjects.get(v.start))]
    for span in spans:
        if _inside_noun_phrase(blank, span, passage):
            continue
        verb = _verb_for(span, verbs, blank, passage)
        speaker = subjects.get(verb.start) if verb else None
        if verb is None:
            speaker = _headline_speaker(span, candidates, blank) or _colon_speaker(
                span, candidates, blank, passage
            ) or _continued(span, previous, passage) or _carried(span, passage, state)
            if speaker is None:
                continue
        if speaker is None:
            # A speech verb with no subject to trust ("have been described as"): not a quote.
            continue
        if verb is None and quotes and quotes[-1].speaker_key == speaker.key:
            said = quotes[-1].said  # a continued quote was said when its first part was
        else:
            said = _said(verb, span, passage)
            said = said or _said_before(speaker, verb or span, spoken, passage)
        quotes.append(_quote(span, speaker, said, passage))
        previous = (span, speaker, verb)
    state.carry = _closing_speaker(previous, passage)
    return quotes


def _closing_speaker(
    previous: tuple[QuoteSpan, Speaker, _Verb | None] | None, passage: Passage
) -> Speaker | None:
    """The named speaker of a quote in the paragraph's last sentence, who may go on in the
    next paragraph."""
    if previous is None or previous[1].key is None:
        return None
    last = passage.sentence_at(len(passage.text.rstrip()) - 1)
    return previous[1] if passage.sentence_at(previous[0].start) == last else None


def _carried(span: QuoteSpan, passage: Passage, state: _Discourse) -> Speaker | None:
    """ '"We believe we are getting closer," Kirby said in an interview.' and then a
    paragraph that is a quotation and nothing else: the same speaker goes on."""
    if state.carry is None or passage.text[: span.start].strip():
        return None
    if passage.text[span.end :].strip(" .,”\"'’"):
        return None
    return state.carry


def _candidates(
    passage: Passage, blank: str, state: _Discourse, name_of: Callable[[str], str]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    unnamed = []
    for m in _UNNAMED.finditer(blank):
        inner = [k for k in passage.marks if m.start() <= k.start and k.end <= m.end()]
        if any(k.end == m.end() or k.kind == "person" for k in inner):
            continue  # the head word belongs to a name ("the Health Ministry")
        follower = next((k for k in passage.marks if 0 <= k.start - m.end() <= 2), None)
        if follower is not None and follower.kind == "person":
            continue  # "the Qatari spokesperson Majed al-Ansari": the name speaks
        unnamed.append((m.start(), m.end()))
        known = _titled_before(passage, state, m)
        if known is not None:
            # "US special envoy Steve Witkoff ... the envoy said": the one so titled.
            found.append(_Candidate(m.start(), m.end(), known, "person"))
            continue
        if _title_of(m) in _HIGH_OFFICES:
            continue
        label = state.unnamed_label(m.group("det"), m.group(0), m.group("head"))
        found.append(_Candidate(m.start(), m.end(), Speaker(None, label), "unnamed"))
    for m in _ONE_OF.finditer(blank):
        # '"...," one of them said': one of the sources named before.
        unnamed.append((m.start(), m.end()))
        found.append(_Candidate(m.start(), m.end(), Speaker(None, m.group(0).lower()), "unnamed"))
    for first, last, label in joint_speakers(passage, blank, name_of):
        unnamed.append((first, last))
        found.append(_Candidate(first, last, Speaker(None, label), "unnamed"))
    for mark in passage.marks:
        if mark.kind == "place" or blank[mark.start : mark.end] != mark.text:
            continue  # places do not speak; blanked marks sit inside quotes
        if any(s <= mark.start and mark.end <= e for s, e in unnamed):
            continue
        if mark.kind == "country" and _PLACE_BEFORE.search(blank, max(0, mark.start - 40),
                                                            mark.start):
            continue  # "a press conference in Halifax, Canada, on Sunday": where, not who
        found.append(_Candidate(mark.start, mark.end, Speaker(mark.key, mark.text), mark.kind))
    for m in _PRONOUN.finditer(blank):
        found.append(_Candidate(m.start(), m.end(), None, "pronoun"))
    return sorted(found, key=lambda c: c.start)


# "in Halifax, Canada": the country of a city, where something happened.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|near)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?,\s+$"
)


# A title right before a name ("US special envoy Steve Witkoff") or after it ("Witkoff,
# the US envoy,"): who "the envoy" is later.
_TITLES = (r"(prime\s+minister|premier|president|king|emir|minister|envoy|negotiator|"
           r"spokes(?:man|woman|person)|mediator|adviser|advisor|aide)")
_TITLE_BEFORE = re.compile(
    _TITLES + r"\s+(?:(?-i:[A-Z])[\w'’.-]*\s+){0,3}$",
    re.IGNORECASE,
)
_TITLE_AFTER = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?" + _TITLES + r"\b",
    re.IGNORECASE,
)
_SINGULAR_TITLES = frozenset({"envoy", "negotiator", "spokesman", "spokeswoman", "spokesperson",
                              "mediator", "adviser", "advisor", "aide"}) | _HIGH_OFFICES


def _title_key(title: str) -> str:
    """ "Prime Minister" and "premier" are one office."""
    key = " ".join(title.lower().split())
    return "prime minister" if key == "premier" else key


def _title_of(m: re.Match[str]) -> str:
    head = m.group("head").lower()
    if head == "minister" and m.group("mods").lower().split()[-1:] == ["prime"]:
        return "prime minister"
    return _title_key(head)


def _titled_before(passage: Passage, state: _Discourse, m: re.Match[str]) -> Speaker | None:
    """The person "the envoy" is: the one last titled so, before it, in this passage or
    earlier ones (the state keeps those)."""
    head = _title_of(m)
    if m.group("det").lower() != "the" or head not in _SINGULAR_TITLES:
        return None
    found = None
    for mark in passage.marks:
        if mark.kind != "person" or mark.start >= m.start():
            continue
        before = _TITLE_BEFORE.search(passage.text, max(0, mark.start - 60), mark.start)
        after = _TITLE_AFTER.match(passage.text, mark.end)
        titles = {_title_key(t.group(1)) for t in (before, after) if t is not None}
        if head in titles:
            found = Speaker(mark.key, mark.text)
    return found or state.titled.get(head)


def _note_titles(passage: Passage, state: _Discourse) -> None:
    for mark in passage.marks:
        if mark.kind != "person":
            continue
        for t in (_TITLE_BEFORE.search(passage.text, max(0, mark.start - 60), mark.start),
                  _TITLE_AFTER.match(passage.text, mark.end)):
            if t is not None:
                state.titled[_title_key(t.group(1))] = Speaker(mark.key, mark.text)


def _sentence_bounds(passage: Passage, offset: int) -> tuple[int, int]:
    return passage.bounds(passage.sentence_at(offset))


def _subject(
    verb: _Verb, candidates: list[_Candidate], blank: str, passage: Passage
) -> _Candidate | None:
    start, end = _sentence_bounds(passage, verb.start)
    after = [c for c in candidates if verb.end <= c.start <= end]
    if verb.word == "according to":
        near = [c for c in after if not blank[verb.end : c.start].strip(" the")]
        if near and near[0].speaker and near[0].speaker.label.endswith("statement"):
            spans = [(c.start, c.end, c.kind) for c in after]
            author = statement_author(blank, near[0].end, spans)
            return after[author] if author is not None else near[0]
        return near[0] if near else None
    before = [c for c in candidates if start <= c.start and c.end <= verb.start]
    # "Kirby said CIA Director William Burns ... was": a name right before the verb speaks.
    right_before = bool(before) and not blank[before[-1].end : verb.start].strip()
    if verb.word in _INVERTIBLE and not right_before:
        inverted = _inverted_subject(verb, after, blank)
        if inverted is not None:
            return inverted
    if _PASSIVE_BEFORE.search(blank[start : verb.start]):
        # "The reply was dismissed by Netanyahu last week as 'delusional'": the agent.
        agent = next((c for c in after if _BY.fullmatch(blank[verb.end : c.start])), None)
        if agent is not None and agent.kind in ("person", "unnamed", "organisation"):
            return agent
    body = ORGAN_BEFORE_VERB.search(blank[start : verb.start])
    if body:
        # "Netanyahu's office said", "a meeting his office described as": a body speaks.
        label = body.group(0).strip()
        return _Candidate(start + body.start(), start + body.end(), Speaker(None, label),
                          "unnamed")
    if before and _COORDINATED.search(blank[start : verb.start]) and _BEFORE_SUBJECT.fullmatch(
        blank, start, before[0].start
    ):
        # "He repeated that Hamas stood by the Egyptian-Qatari proposal, and accused
        # Israel of ...": a second verb of the sentence's own subject.
        if _named_after(before[0], before[1:], blank):
            return before[1]  # ("Qatar's foreign ministry spokesman Majed al-Ansari")
        return before[0]
    if verb.word in ("saying", "adding", "warning", "writing", "telling"):
        # "..., with US envoy Steve Witkoff saying the reply “shows ...”": the one the
        # participle tells of speaks, not the sentence's subject.
        right = [c for c in before if re.fullmatch(r"\s+", blank[c.end : verb.start])
                 and c.kind == "person"]
        if right and _WITH_BEFORE_NAME.search(blank, max(start, right[0].start - 40),
                                              right[0].start):
            return right[0]
    candidates_before = outside_aside(before, blank, start, verb.start)
    for at, cand in enumerate(candidates_before):
        if (kin := _KIN_OF.search(blank, start, cand.start)) is not None \
                and cand.kind == "person":
            # "The mother of hostage Emily Damari has said her daughter is ...": the mother
            # speaks, not the one she is named by.
            label = " ".join(blank[kin.start() : cand.end].split())
            return _Candidate(kin.start(), cand.end, Speaker(None, label), "unnamed")
        if _OBJECT_BEFORE.search(blank[start : cand.start]):
            continue
        if blank[cand.end : cand.end + 2] in {"’s", "'s"}:
            continue
        if _named_after(cand, candidates_before[at + 1 :], blank):
            continue  # "Qatar's foreign ministry spokesman Majed al-Ansari condemns": he does
        return cand
    if _IN_A_STATEMENT.match(blank, verb.end):
        return _Candidate(verb.start, verb.end, Speaker(None, "a statement"), "unnamed")
    return None


def _named_after(body: _Candidate, rest: list[_Candidate], blank: str) -> bool:
    """A person named right after a body or a country, with only role words between:
    its spokesman ("Jordan's foreign ministry spokesman Sufian Qudah")."""
    if body.kind not in ("organisation", "country") or not rest or rest[0].kind != "person":
        return False
    gap = blank[body.end : rest[0].start].replace("’s", " ").replace("'s", " ").split()
    return bool(gap) and all(_in_name_or_role(w) for w in gap)


_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
_BY = re.compile(r"\s*by\s+(?:the\s+)?")


def _inverted_subject(verb: _Verb, after: list[_Candidate], blank: str) -> _Candidate | None:
    """ "said al-Ansari.", "said Jordanian Foreign Minister Ayman Safadi", "said the source"."""
    for cand in after:
        gap = blank[verb.end : cand.start].split()
        if not all(_in_name_or_role(w) for w in gap):
            return None  # "said Egypt had...": a clause follows, not a speaker
        tail = blank[cand.end : cand.end + 2]
        ends = not tail.strip() or tail[0] in ",.;"
        if cand.kind in ("person", "unnamed") and (ends or cand.kind == "person"):
            return cand
        if ends:
            return cand if not gap else None
    return None


def _in_name_or_role(word: str) -> bool:
    """ "said senior Hamas official X": role words may stand between the verb and X."""
    lower = word.lower().strip(",")
    return word[:1].isupper() or lower in {"the", "of", "for", "and"} or lower in ROLE_WORDS \
        or lower in ROLE_MODIFIERS


def _pronoun(state: _Discourse, passage: Passage, verb: _Verb) -> Speaker | None:
    """ "he said": the person named last before it, in this sentence or the one before;
    else the last speaker."""
    start, _ = _sentence_bounds(passage, verb.start)
    index = passage.sentence_at(verb.start)
    earlier = [i for i, _, _ in passage.sentences if i < index]
    lower = passage.bounds(earlier[-1])[0] if earlier else start
    named = [m for m in passage.marks if m.kind == "person" and lower <= m.start
             and m.end <= verb.start and not _is_quoted(passage, m.start)
             and passage.text[m.end : m.end + 2] not in ("'s", "’s")]  # "Trump's plan"
    people = {m.key: m for m in named}
    if len(people) == 1:
        mark = named[-1]
        return Speaker(mark.key, mark.text)
    own = {m.key: m for m in named if m.start >= start}
    if len(own) == 1 and _BEFORE_SUBJECT.fullmatch(passage.text, start, named[-1].start):
        # "Trump had issued what he called a 'last warning'": the sentence's own subject,
        # not the one the sentence before was about.
        mark = named[-1]
        return Speaker(mark.key, mark.text)
    if len(people) > 1:
        # "Netanyahu met Witkoff. 'It was good,' he said": two candidates, no guess, unless
        # one of them was speaking already.  A wrong name is worse than none.
        last = state.last
        if last is not None and last.key in people:
            return last
        # "Blinken visited the region, holding talks with Netanyahu and Sisi. In Israel he
        # described ...": the one the sentence before was about, its subject.
        subject = _subject_of_sentence(passage, named, lower)
        return Speaker(subject.key, subject.text) if subject is not None else None
    if index == passage.sentences[0][0] and state.about is not None:
        # A paragraph's first sentence: the person the paragraph before ended on.
        return state.about
    if state.last is not None:
        return state.last
    # No earlier speaker: trust the previous sentence only if it names one person.
    start, _ = _sentence_bounds(passage, verb.start)
    people = {m.key for m in passage.marks if m.kind == "person" and m.end <= start}
    if len(people) == 1:
        mark = next(m for m in passage.marks if m.key in people)
        return Speaker(mark.key, mark.text)
    return None


# What may stand before a sentence's subject: its titles ("US Secretary of State"), a
# fronted phrase set off by a comma ("The next day,").
_BEFORE_SUBJECT = re.compile(
    r"(?:[^,.;:!?]{0,30},\s+)?(?:(?:[A-Z][\w'’.-]*|of|the|for|and)\s+)*", re.DOTALL
)


_AFTER_PREPOSITION = re.compile(
    r"\b(?:with|to|for|by|from|of)\s+(?:(?:[A-Z][\w'’.-]*|the|of)\s+){0,5}$"
)


def _subject_of_sentence(passage: Passage, named: list, lower: int):
    """The person a window's first sentence opens with, when the others named after it
    stand where objects do; None when its subject is no person or is unclear."""
    if not named:
        return None
    index = passage.sentence_at(lower)
    start, end = passage.bounds(index)
    first = min((m for m in named if start <= m.start < end), key=lambda m: m.start,
                default=None)
    if first is None or not _BEFORE_SUBJECT.fullmatch(passage.text, start, first.start):
        return None
    # A verb must follow the subject (not "Blinken and Netanyahu met"): two subjects.
    if re.match(r"\s+(?:and|or|&)\s+[A-Z]", passage.text[first.end : first.end + 12]):
        return None
    # The others stand after a preposition ("talks with Netanyahu", "dinner with Trump");
    # "Netanyahu met Witkoff": either may have spoken, and no name is better than a wrong one.
    others = [m for m in named if m.key != first.key]
    if any(not _AFTER_PREPOSITION.search(passage.text, max(0, m.start - 60), m.start)
           for m in others):
        return None
    return first


def _is_quoted(passage: Passage, at: int) -> bool:
    return any(q.start <= at < q.end for q in passage.quoted)


def _inside_noun_phrase(blank: str, span: QuoteSpan, passage: Passage) -> bool:
    """ "its “Witkoff proposal”", "a “day after” plan": a name or a scare quote."""
    start, _ = _sentence_bounds(passage, span.start)
    head = blank[start : span.start]
    if re.search(r"\bso-called\s*$", head, re.IGNORECASE):
        return True  # 'the so-called "Philadelphi corridor"'
    words = len(span.text.split())
    if words > 4 or (span.text.split()[:1] and span.text.split()[0].lower() in _CLAUSE_OPENERS):
        return False  # 'the group "will not be involved"', 'a deal "that saves everyone"'
    m = _DETERMINER_BEFORE.search(head)
    if m is None or _SPEECH_VERB.search(m.group(0)) or NAMING_VERB.search(head[: m.start()]):
        return False
    if re.search(r"\bas\s+$", head[: m.start()]) and _SPEECH_VERB.search(head):
        return False  # 'welcomed the news as a "glimpse of hope"': what someone called it
    return not any(w.lower() in _NOT_MODIFIERS for w in m.group(0).split()[1:])


def _verb_for(
    span: QuoteSpan, verbs: list[_Verb], blank: str, passage: Passage
) -> _Verb | None:
    first, _ = _sentence_bounds(passage, span.start)
    _, last = _sentence_bounds(passage, max(span.end - 1, span.start))
    best: tuple[int, _Verb] | None = None
    for verb in verbs:
        if not first <= verb.start <= last:
            continue
        if verb.start >= span.end:
            distance = verb.start - span.end
            if blank[span.end : verb.start].strip(" ,.") and distance > 40:
                distance += 1000  # an attribution after the quote sits right behind it
        else:
            distance = span.start - verb.end
        if best is None or distance < best[0]:
            best = (distance, verb)
    if best is not None and best[1].word.endswith("ing"):
        # 'X said Qatar "condemns ...", calling it ...': a participle's subject is the main
        # verb's, so the quote is the finite verb's before it in the sentence.
        finite = [v for v in verbs if first <= v.start < span.start
                  and not v.word.endswith("ing") and v.word != "according to"]
        if finite:
            return finite[-1]
    return best[1] if best else None


def _headline_speaker(
    span: QuoteSpan, candidates: list[_Candidate], blank: str
) -> Speaker | None:
    """ "Trump: 'This goes beyond Gaza'", the way captions and headlines quote."""
    for cand in candidates:
        gap = blank[cand.end : span.start]
        if cand.speaker is not None and cand.kind == "person" and re.fullmatch(r"\s*:\s*", gap):
            return cand.speaker
    return None


def _colon_speaker(
    span: QuoteSpan, candidates: list[_Candidate], blank: str, passage: Passage
) -> Speaker | None:
    """ "Hamas spokesman X put the group's position plainly: “...”": the subject speaks."""
    start, _ = _sentence_bounds(passage, span.start)
    if not re.search(r":\s*$", blank[start : span.start]):
        return None
    named = [c for c in candidates if start <= c.start and c.end <= span.start and c.speaker]
    if not named or named[0].kind != "person" or blank[start : named[0].start].strip():
        return None
    return named[0].speaker


def _continued(
    span: QuoteSpan, previous: tuple[QuoteSpan, Speaker, _Verb | None] | None, passage: Passage
) -> Speaker | None:
    """A quote that opens the sentence right after an attributed quote continues it."""
    if previous is None:
        return None
    before, speaker, _ = previous
    sentence_start, _ = _sentence_bounds(passage, span.start)
    if span.start != sentence_start:
        return None
    prev_sentence = passage.sentence_at(max(before.end - 1, before.start))
    this_sentence = passage.sentence_at(span.start)
    return speaker if this_sentence - prev_sentence <= 1 else None


def _said_before(
    speaker: Speaker,
    here: _Verb | QuoteSpan,
    spoken: list[tuple[_Verb, Speaker, When | None]],
    passage: Passage,
) -> When | None:
    """ "X said on Sunday that ... “We have shown flexibility,” he said": Sunday still."""
    if speaker.key is None:
        return None
    sentence = passage.sentence_at(here.start)
    earlier = [
        when for verb, who, when in spoken
        if verb.start < here.start and who.key == speaker.key and when is not None
        and sentence - passage.sentence_at(verb.start) <= 1
    ]
    return earlier[-1] if earlier else None


# "a framework drawn up late last month, which Hamas answered with a counterproposal that
# Netanyahu dismissed as ...": a relative clause between a time and the verb dates
# another event.
_OTHER_CLAUSE = re.compile(
    r"[,;—–]\s*(?:which|who|whom|whose|where|when|while|after|before)\b|\bthat\s+(?:[A-Z]|the\b)"
)


def _said(verb: _Verb | None, span: QuoteSpan | None, passage: Passage) -> When | None:
    """The day the words were said, when the sentence dates them; else unknown.

    An undated "he said" may be the day before publication or older: the reader is
    shown "reported <publication day>" rather than a day the article never gave.
    """
    if verb is None:
        return None
    start, end = _sentence_bounds(passage, verb.start)
    times = [
        t for t in passage.times_in(start, end)
        if not (span and span.start <= t.start < span.end) and t.expression.direction != "future"
        and not _OTHER_CLAUSE.search(passage.blank[min(t.end, verb.start) : max(t.start, verb.end)])
    ]
    if times:
        t = min(times, key=lambda t: abs(t.start - verb.start))
        e = t.expression
        return When(e.start, e.end, e.granularity)
    return None


def _quote(
    span: QuoteSpan, speaker: Speaker, said: When | None, passage: Passage
) -> ExtractedQuote:
    about = tuple(
        dict.fromkeys(
            m.key for m in passage.marks
            if span.start <= m.start < span.end and m.key != speaker.key
        )
    )
    return ExtractedQuote(
        speaker_key=speaker.key,
        speaker_label=speaker.label,
        text=span.text,
        said=said,
        sentence=passage.sentence_at(span.start),
        about_keys=about,
    )
