"""People, organisations, countries and places of one article.

Three passes over the sentences: gazetteer spellings; people the article
introduces the way news does ("Hamas official Taher al-Nounou", "X, the head of
Y"); then short references ("Al-Nounou", "Witkoff") resolved to the person
introduced earlier or to the one known person with that surname.  Every mention,
span and role claim carries its sentence index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from bot.gazetteer import Entry, Gazetteer
from bot.ingest.mentions.clause_roles import clause_role
from bot.ingest.mentions.known import (
    MEMBERSHIP,
    PARTICLES,
    Match,
    Part,
    acting_capital,
    delegation_sides,
    find_known,
    name_runs,
    possessive_owner,
)
from bot.ingest.mentions.known import tokenize as tokenize_sentence
from bot.ingest.mentions.roles import (
    INSTITUTION_WORDS,
    ROLE_WORDS,
    TITLES,
    affiliation_and_role,
    clean_role,
    role_phrase,
)
from bot.ingest.model import EntityKind, EntityMention, RoleClaim, Sentence
from bot.names import match_name, name_key

_UNNAMED = frozenset({"source", "sources", "officials", "official"})
_OWNER_BEFORE = re.compile(r"(?:^|[\s(])(?:[Ii]ts|[Tt]heir)\s+$")
_SHARED_SURNAME = re.compile(r"\s+and\s+[A-Z][a-z’'-]+\s+(?P<surname>[A-Z][a-z’'-]+)\b(?!\s+[A-Z])")
_CALENDAR = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)
# A delegation's noun, then its membership verb right before the name.
_MEMBER_BEFORE = re.compile(
    r"^.{0,80}?\b(?:led|headed|included|includes|including|comprising|accompanied|joined)"
    r"(?:\s+by)?\s+(?:[\w'’-]+\s+){0,4}$",
    re.IGNORECASE,
)
_SPEECH = r"(?:said|says|told|wrote|writes|added|tweeted|posted|stated|warned|urged|insisted)"
_SPEAKS_AFTER = re.compile(rf"^,?\s+{_SPEECH}\b")
# '"...," said X' names the speaker; "..., told X" names the one spoken to (an outlet).
_SPEAKS_BEFORE = re.compile(rf"[,”\"']\s+(?!told\b){_SPEECH}\s+$")
# "X, who heads ..., told" and "X, a political scientist at ..., said": a clause about a
# name, then speech, introduce a person.
_CLAUSE_THEN_SPEAKS = re.compile(
    rf"^,\s+(?:who|an?|the)\s+[^,;\"“”]{{3,160}}?,\s+{_SPEECH}\b"
)
# "X, 24," and a list's last "and Y, 31.": an age after a name introduces a person.
_AGE_AFTER = re.compile(r"^,\s+(?:an?\s+)?\d{1,3}(?:-year-old\b|,|\.?$|;)")
_KIN = (
    r"(?:mother|father|sons?|daughters?|brothers?|sisters?|wife|husband|widow|family|parents|"
    r"nephews?|nieces?|cousins?|uncle|aunt|grand(?:son|daughter|mother|father|children)s?)"
)
_KIN_AFTER = re.compile(rf"^,\s+whose\s+{_KIN}\b")
# A nickname in quotes inside a name: 'David "Dadi" Barnea'.
_NICKNAME_AFTER = re.compile(r"\s+[\"“][A-Z][\w'’-]+[\"”]\s+[A-Z]")
_NICKNAME_BEFORE = re.compile(r"[A-Z][\w'’-]+\s+[\"“]$")
_NICKNAME_CLOSE = re.compile(r"[\"”]\s+[A-Z]")
# "Mandy Damari, who grew up in Beckenham, ...": "who" is said of a person (a movement or
# a ministry takes "which").
_WHO_AFTER = re.compile(r"^,\s+who\s+(?!is\s+also\s+known\b)")
_KIN_BEFORE = re.compile(rf"\b(?:his|her|their)\s+{_KIN},\s+$", re.IGNORECASE)
_LIST_GOES_ON = re.compile(
    r"\s*,\s*(?:and\s+)?(?:[\w'’-]+\s+){0,3}?|\s+and\s+(?:[\w'’-]+\s+){0,3}?"
)
_NAME_LIST = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:Eng|Dr|Mr|Ms|Mrs)\.?\s+)?")
_ACTS_AFTER = re.compile(r"^\s+(?:was|is|has|had|were|said|told)\b")
# Capitalised at the head of a sentence without being a name.
_SENTENCE_ADVERBS = frozenset(
    "separately meanwhile however still also earlier later instead yet then".split()
)
# "Israel's prime minister", "the Israeli prime minister said": an office, no name after.
_OFFICE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?P<title>(?i:prime\s+minister|premier|president|foreign\s+minister))"
    r"(?![\w-])(?!,?\s+[A-Z])"
)
_OFFICE_TITLES = {"premier": "prime minister"}
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_CAPITAL_AFTER = re.compile(r"\s+capital\b(?!\s+(?:punishment|city of|of\b))")
_APPOSITIVE = re.compile(
    r"^,\s+(?:(?:the|a|an)\s+)?((?:[\w'’\-]+\s+){0,6}?(?:"
    + "|".join(sorted(ROLE_WORDS))
    + r")(?:\s+(?:of|for|at|in|to|with|on)\s+[\w'’\-\s]{1,100}?)?)"
    r"(?=[,.;]|\s+(?:who|which|said|told)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EntitySpan:
    """Where one sentence names an entity: offsets into that sentence's text."""

    start: int
    end: int
    key: str
    kind: EntityKind
    text: str


@dataclass
class EntityIndex:
    mentions: list[EntityMention] = field(default_factory=list)
    _spans: dict[int, list[EntitySpan]] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)

    def spans(self, sentence_index: int) -> list[EntitySpan]:
        return self._spans.get(sentence_index, [])

    def by_key(self, key: str) -> EntityMention | None:
        return next((m for m in self.mentions if m.key == key), None)

    def resolve(self, surface: str, kind: str | None = None) -> str | None:
        """Key of this article's entity that `surface` names, None when it names none."""
        key = self._aliases.get(name_key(surface))
        if key is None:
            pool = [
                (spelling, m.key)
                for m in self.mentions
                if kind is None or m.kind == kind
                for spelling in (m.name, *m.spellings)
            ]
            found = match_name(surface, pool, min_score=90.0)
            key = found.best if found.confident else None
        if key is None:
            return None
        mention = self.by_key(key)
        return key if mention and (kind is None or mention.kind == kind) else None


@dataclass
class _Builder:
    gazetteer: Gazetteer
    day: date
    index: EntityIndex = field(default_factory=EntityIndex)
    surnames: dict[str, str | None] = field(default_factory=dict)
    # "Sheikh Mohammed" after "Sheikh Mohammed bin Abdulrahman Al Thani": leading names.
    prefixes: dict[str, str | None] = field(default_factory=dict)
    last_side: str | None = None  # whose delegation the story last named

    def add(self, sentence: int, start: int, end: int, text: str, *, entry: Entry | None = None,
            name: str | None = None) -> EntityMention:
        key = entry.key if entry else name_key(name or text)
        mention = self.index.by_key(key)
        if mention is None:
            mention = self._new(entry, key, name or text)
            self.index.mentions.append(mention)
            self._register(mention)
        mention.spellings.add(text)
        if sentence not in mention.sentences:
            mention.sentences.append(sentence)
        self.index._aliases.setdefault(name_key(text), key)
        spans = self.index._spans.setdefault(sentence, [])
        if not any(s.start < end and start < s.end for s in spans):
            spans.append(EntitySpan(start, end, key, mention.kind, text))
            spans.sort(key=lambda s: s.start)
        return mention

    def latest_organisation(self, sentence: int) -> str | None:
        """The organisation the story named last, up to `sentence`: "the group" is it."""
        seen = [(max(i for i in m.sentences if i <= sentence), m.name)
                for m in self.index.mentions
                if m.kind == "organisation" and any(i <= sentence for i in m.sentences)
                and not self.gazetteer.is_outlet(m.name)]
        return max(seen)[1] if seen else None

    def _new(self, entry: Entry | None, key: str, name: str) -> EntityMention:
        if entry is None:
            return EntityMention(key=key, kind="person", name=name, known=False)
        role, affiliation = self.gazetteer.role_on(entry, self.day)
        return EntityMention(key=key, kind=entry.kind, name=entry.name, role=role,
                             affiliation=affiliation, country=entry.country, known=True)

    def _register(self, mention: EntityMention) -> None:
        self.index._aliases.setdefault(mention.key, mention.key)
        if mention.kind != "person":
            return
        tokens = mention.key.split()
        core = [t for t in tokens if t != "al"]
        if len(core) < 2:
            return
        if len(core) >= 3:
            lead = " ".join(core[:2])
            held = self.prefixes.get(lead, mention.key)
            self.prefixes[lead] = mention.key if held == mention.key else None
        for surname in {core[-1], f"al {core[-1]}" if tokens[-2:-1] == ["al"] else core[-1]}:
            held = self.surnames.get(surname, mention.key)
            # Two people of one family in an article: the bare surname names neither.
            self.surnames[surname] = mention.key if held == mention.key else None


class _SentencePass:
    def __init__(self, builder: _Builder, sentence: Sentence) -> None:
        self.builder = builder
        self.sentence = sentence
        self.text = sentence.text
        self.parts = tokenize_sentence(self.text)
        self.known = find_known(self.parts, builder.gazetteer)
        self.by_part: dict[int, Match] = {}
        for match in self.known:
            for part in self.parts[match.first : match.last + 1]:
                self.by_part[id(part)] = match

    def gazetteer_mentions(self) -> None:
        countries = {m.entry.name for m in self.known if m.entry.kind == "country"}
        countries |= {s for m in self.known if m.entry.kind == "country" for s in m.entry.demonyms}
        described = self._described_places()
        for match in self.known:
            if any(start < match.end and match.start < end for start, end in described):
                continue  # "Red Sea" of "the Red Sea resort": the resort is the place
            entry = match.entry
            end = match.end
            if entry.metonym_of and acting_capital(self.text, self.parts, match, countries):
                entry = self.builder.gazetteer.by_name(entry.metonym_of) or entry
            elif capital := self._capital_named(match):
                entry, end = capital
            elif holder := self._office_named(match):
                # "Israel's prime minister said": the person who held it that day.
                start, end = holder[1], holder[2]
                self.builder.add(self.sentence.index, start, end, self.text[start:end],
                                 entry=holder[0])
                continue
            self.builder.add(self.sentence.index, match.start, end,
                             self.text[match.start : end], entry=entry)

    def _described_places(self) -> list[tuple[int, int]]:
        """ "talks opened in the Red Sea resort": the place the report named before that
        is so described; a description of no place named before names none."""
        pattern = self.builder.gazetteer.description_pattern
        spans: list[tuple[int, int]] = []
        if pattern is None:
            return spans
        for found in pattern.finditer(self.text):
            phrase = " ".join(found[1].lower().split())
            here = {m.entry.key for m in self.known if m.end <= found.start()}
            named = [e for e in self.builder.gazetteer.descriptions[phrase]
                     if e.key in here or self.builder.index.by_key(e.key) is not None]
            if len(named) == 1:
                start, end = found.start(1), found.end(1)
                self.builder.add(self.sentence.index, start, end, self.text[start:end],
                                 entry=named[0])
                spans.append((start, end))
        return spans

    def _office_named(self, match: Match) -> tuple[Entry, int, int] | None:
        """ "Israel's prime minister", "the US president": the office's holder on the
        report's day, when the dated roles know exactly one and no name follows."""
        if match.entry.kind != "country":
            return None
        after = _OFFICE_AFTER.match(self.text, match.end)
        if after is None:
            return None
        said = " ".join(after["title"].lower().split())
        title = _OFFICE_TITLES.get(said, said)
        holder = self.builder.gazetteer.office_holder(title, match.entry.name, self.builder.day)
        if holder is None:
            return None
        the = _THE_BEFORE.search(self.text, 0, match.start)
        return holder, the.start() if the else match.start, after.end()

    def _capital_named(self, match: Match) -> tuple[Entry, int] | None:
        """ "the Qatari capital", "the French capital": news names a city by its country."""
        if not match.demonym or match.entry.kind != "country":
            return None
        after = _CAPITAL_AFTER.match(self.text, match.end)
        if after is None:
            return None
        city = self.builder.gazetteer.capital_of(match.entry)
        return (city, after.end()) if city is not None else None

    def introductions(self) -> None:
        runs = name_runs(self.parts)
        plural_claim: RoleClaim | None = None
        sides = delegation_sides(self.parts, self.known)
        named = next((s for s, _ in sides if s), None)
        self.builder.last_side = named or self.builder.last_side
        listed: int | None = None  # where the last member of a delegation's list ended
        previous_person: int | None = None  # where the last person's name ended
        for run_first, last in runs:
            first = _name_start(self.parts, run_first, last)
            first = self._after_nationality(first, last)
            # The delegation noun nearest before the name: "a Hamas delegation led by X,
            # and an Israeli team that included Y".
            before = [(s, end) for s, end in sides if end <= self.parts[first].start]
            side, noun_end = before[-1] if before else (None, None)
            side = side or (self.builder.last_side if noun_end is not None else None)
            claim = (self._claim_before(first, last) or self._coordinated(first, plural_claim)
                     or self._claim_after(last) or self._claim_by_owner(first, last)
                     or self._claim_in_clause(last))
            between = self.text[noun_end : self.parts[first].start] if noun_end else ""
            # A claimed role needs only a membership word between; a bare name needs it
            # right before ("a team that included X").
            member = side and noun_end is not None and (
                MEMBERSHIP.search(between) if claim else _MEMBER_BEFORE.search(between)
                # "included X, Y, Z and political bureau member W": the list goes on.
                or (listed is not None and _LIST_GOES_ON.fullmatch(
                    self.text[listed : self.parts[first].start]))
            )
            if member and (claim is None or claim.affiliation is None):
                # "A Hamas delegation led by senior negotiator X": X is of Hamas; "an
                # Israeli team that included X" introduces X as one of its members.
                role = claim.role if claim else f"member of the {side} delegation"
                claim = RoleClaim(role=role, affiliation=side, sentence=self.sentence.index)
            if claim is not None:
                claim = replace(claim, role=clean_role(claim.role))
                claim = claim if claim.role else None
            # "among them Khaled Meshaal, Khalil al-Hayya, Zaher Jabarin and Nizar Awadallah":
            # a name listed right after a person is a person too.
            in_list = previous_person is not None and _NAME_LIST.fullmatch(
                self.text, previous_person, self.parts[first].start) is not None
            if _NICKNAME_AFTER.match(self.text, self.parts[last].end) or (
                    _NICKNAME_BEFORE.search(self.text, 0, self.parts[first].start)
                    and _NICKNAME_CLOSE.match(self.text, self.parts[last].end)):
                # 'Mossad chief David "Dadi" Barnea': one name, told with its nickname; the
                # surname that follows names him.
                continue
            introduced = claim is not None or in_list or self._introduced_by_context(first, last)
            person = self._person_in_run(first, last, introduced=introduced)
            if person is None:
                continue
            if person.kind == "person":
                previous_person = self.parts[last].end
            listed = self.parts[last].end if member else None
            if claim:
                person.role_claims.append(claim)
                plural_claim = claim if self._plural_role_before(first) else plural_claim

    def _after_nationality(self, first: int, last: int) -> int:
        """"British-Israeli Emily Damari": the name starts after its nationality."""
        k = first
        while k < last and (m := self.by_part.get(id(self.parts[k]))) and m.demonym:
            k = m.last + 1
        return k if k > first and last - k >= 1 else first

    def _introduced_by_context(self, first: int, last: int) -> bool:
        """News also introduces a person by speech, age or family ("X, 24,", "X said")."""
        before = self.text[: self.parts[first].start]
        after = self.text[self.parts[last].end :]
        if last == first or self.parts[first].text.lower() in _SENTENCE_ADVERBS:
            return False
        return bool(_SPEAKS_AFTER.match(after) or _SPEAKS_BEFORE.search(before)
                    or _CLAUSE_THEN_SPEAKS.match(after)
                    or _AGE_AFTER.match(after) or _KIN_AFTER.match(after)
                    or _WHO_AFTER.match(after)
                    or _KIN_BEFORE.search(before)
                    or (first > 0 and (m := self.by_part.get(id(self.parts[first - 1])))
                        and m.demonym and _ACTS_AFTER.match(after)))

    def _plural_role_before(self, first: int) -> bool:
        return first > 0 and self.parts[first - 1].text.lower().endswith("s") and \
            self.parts[first - 1].text.lower().rstrip("s") in ROLE_WORDS

    def _coordinated(self, first: int, claim: RoleClaim | None) -> RoleClaim | None:
        if claim is None or first == 0:
            return None
        return claim if self.parts[first - 1].text.lower() == "and" else None

    def _claim_before(self, first: int, last: int) -> RoleClaim | None:
        apposed = self.text[self.parts[last].end :].startswith(",")
        phrase = role_phrase(self.text, self.parts, first, set(self.by_part), apposed=apposed)
        if phrase and phrase[-1].text.lower() in _UNNAMED and len(phrase) == 1:
            # "Hamas stayed away. Its official Sami Abu Zuhri said ...": the group's own
            # official, named; a bare "official X" is too weak to introduce anyone.
            if _OWNER_BEFORE.search(self.text, 0, phrase[0].start) is None:
                return None
            role = phrase[0].text.lower()
            return RoleClaim(role=role, affiliation=self.builder.latest_organisation(
                self.sentence.index), sentence=self.sentence.index)
        if not phrase:
            return None
        affiliation, role = affiliation_and_role(phrase, self.by_part, self.builder.gazetteer)
        return RoleClaim(role=role, affiliation=affiliation, sentence=self.sentence.index)

    def _claim_by_owner(self, first: int, last: int) -> RoleClaim | None:
        owner = possessive_owner(self.text, self.parts, first, self.by_part)
        names = [p for p in self.parts[first : last + 1] if p.text.lower() not in PARTICLES]
        if owner is None or len(names) < 2:
            return None
        return RoleClaim(role=owner.name, affiliation=owner.name, sentence=self.sentence.index)

    def _claim_after(self, last: int) -> RoleClaim | None:
        match = _APPOSITIVE.match(self.text[self.parts[last].end :])
        if not match:
            return None
        role = match.group(1).strip()
        sub_parts = [p for p in self.parts if p.start >= self.parts[last].end + match.start(1)
                     and p.end <= self.parts[last].end + match.end(1)]
        affiliation = next(
            (self.by_part[id(p)].entry.name for p in sub_parts
             if id(p) in self.by_part
             and self.by_part[id(p)].entry.kind in ("organisation", "country")), None)
        return RoleClaim(role=role, affiliation=affiliation, sentence=self.sentence.index)

    def _claim_in_clause(self, last: int) -> RoleClaim | None:
        offset = self.parts[last].end
        clause = clause_role(self.text[offset:])
        if clause is None:
            return None
        named = [self.by_part[id(p)].entry for p in self.parts
                 if offset + clause.start <= p.start < offset + clause.end
                 and id(p) in self.by_part
                 and self.by_part[id(p)].entry.kind in ("organisation", "country")]
        affiliation = named[0].name if named else (
            self.builder.latest_organisation(self.sentence.index) if clause.points_back else None
        )
        return RoleClaim(role=clause.role, affiliation=affiliation, sentence=self.sentence.index)

    def _person_in_run(self, first: int, last: int, *, introduced: bool) -> EntityMention | None:
        """The person a name run is: a known person, a new person, or None."""
        run = self.parts[first : last + 1]
        people = [self.by_part[id(p)] for p in run if id(p) in self.by_part
                  and self.by_part[id(p)].entry.kind == "person"]
        if people:
            return self.builder.index.by_key(people[0].entry.key)
        if any(id(p) in self.by_part for p in run):
            return None
        surface = self.text[run[0].start : run[-1].end]
        key = name_key(surface)
        if self.builder.surnames.get(key):
            mention = self.builder.index.by_key(self.builder.surnames[key] or "")
            if mention:
                self.builder.add(self.sentence.index, run[0].start, run[-1].end, surface,
                                 entry=None, name=mention.name)
                return mention
        lead = self.builder.prefixes.get(key) if len(run) == 2 else None
        if lead and (mention := self.builder.index.by_key(lead)):
            self.builder.add(self.sentence.index, run[0].start, run[-1].end, surface,
                             entry=None, name=mention.name)
            return mention
        known = self.builder.gazetteer.unique_surname(surface)
        if known is not None and len(run) <= 2:
            return self.builder.add(self.sentence.index, run[0].start, run[-1].end, surface,
                                    entry=known)
        shared = _SHARED_SURNAME.match(self.text, run[-1].end) if len(run) == 1 else None
        if shared and introduced and _plausible_name(run):
            # "twins Gali and Ziv Berman": the first of two given names shares the surname.
            name = f"{surface} {shared['surname']}"
            return self.builder.add(self.sentence.index, run[0].start, run[-1].end, surface,
                                    name=name)
        if introduced and _plausible_name(run):
            listed = self.builder.gazetteer.lookup(surface)
            if listed is not None and listed.kind == "person":
                return self.builder.add(self.sentence.index, run[0].start, run[-1].end, surface,
                                        entry=listed)
            return self.builder.add(self.sentence.index, run[0].start, run[-1].end, surface)
        return None


def _name_start(parts: list[Part], first: int, last: int) -> int:
    """Where the name begins in a capitalised run: after its last role word or title, or
    the day or month it follows ("On Sunday 27 October Burns and Barnea met"; "May" may
    be a name)."""
    for k in range(last - 1, first - 1, -1):
        word = parts[k].text
        if word.lower() in ROLE_WORDS or word.lower() in TITLES or (
            _CALENDAR.match(word) and word != "May"
        ):
            return k + 1
    return first


def _plausible_name(run: list[Part]) -> bool:
    words = [p for p in run if p.text.lower() not in PARTICLES]
    if not 1 <= len(words) <= 5:
        return False
    if all(p.text.lower() in TITLES for p in words):
        return False  # "Maj." of "Maj. Gen. Hassan Rashad": a rank, not a person
    if len(words) == 1 and words[0].text.lower() in _SENTENCE_ADVERBS:
        return False
    return not any(
        _CALENDAR.match(p.text) or p.text.lower() in ROLE_WORDS
        or p.text.lower() in INSTITUTION_WORDS for p in words
    )


def find_entities(
    sentences: list[Sentence], published: date | datetime, gazetteer: Gazetteer
) -> EntityIndex:
    """Every entity the article names, with spans per sentence and role claims."""
    day = published.date() if isinstance(published, datetime) else published
    builder = _Builder(gazetteer, day)
    passes = [_SentencePass(builder, sentence) for sentence in sentences]
    for sentence_pass in passes:
        sentence_pass.gazetteer_mentions()
    for sentence_pass in passes:
        sentence_pass.introductions()
    for mention in builder.index.mentions:
        _settle_role(mention, gazetteer, day)
    return builder.index


def _settle_role(mention: EntityMention, gazetteer: Gazetteer, day: date) -> None:
    """The article's own role claim wins; the gazetteer fills what it leaves open."""
    if not mention.role_claims:
        return
    first = mention.role_claims[0]
    mention.role = first.role
    affiliation = next((c.affiliation for c in mention.role_claims if c.affiliation), None)
    if affiliation:
        mention.affiliation = affiliation
        entry = gazetteer.exact(affiliation)
        if mention.country is None and entry is not None:
            mention.country = entry.country
