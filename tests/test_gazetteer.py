"""The gazetteer finds known actors and places by any spelling, with dated roles."""

from datetime import date

import pytest

from bot.gazetteer import load_gazetteer
from bot.names import name_key


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_load_is_cached(gazetteer):
    assert load_gazetteer() is gazetteer


@pytest.mark.parametrize(
    ("surface", "name", "kind"),
    [
        ("Netanyahu", "Benjamin Netanyahu", "person"),
        ("Witkof", "Steve Witkoff", "person"),
        ("Taher al-Nono", "Taher al-Nounou", "person"),
        ("Khalil al-Hayyah", "Khalil al-Hayya", "person"),
        ("Muhammad Sinwar", "Mohammed Sinwar", "person"),
        ("Yahya Sinwar", "Yahya Sinwar", "person"),
        ("Sheikh Mohammed bin Abdulrahman Al Thani", "Sheikh Mohammed bin Abdulrahman Al Thani",
         "person"),
        ("Israeli", "Israel", "country"),
        ("Qatari", "Qatar", "country"),
        ("U.S.", "United States", "country"),
        ("American", "United States", "country"),
        ("Islamic Jihad", "Palestinian Islamic Jihad", "organisation"),
        ("Gaza Health Ministry", "Palestinian Health Ministry", "organisation"),
        ("Palestinian health authorities", "Palestinian Health Ministry", "organisation"),
        ("IDF", "Israel Defense Forces", "organisation"),
        ("Sharm al-Sheikh", "Sharm el-Sheikh", "place"),
        ("Khan Yunis", "Khan Younis", "place"),
        ("Kairo", "Cairo", "place"),
    ],
)
def test_lookup_by_any_spelling(gazetteer, surface, name, kind):
    entry = gazetteer.lookup(surface)
    assert entry is not None
    assert (entry.name, entry.kind) == (name, kind)


def test_doha_is_the_qatari_capital(gazetteer):
    doha = gazetteer.place("Doha")
    assert doha.country == "Qatar"
    assert doha.metonym_of == "Qatar"


def test_region_towns_come_from_geonames_with_their_country(gazetteer):
    assert gazetteer.place("Giza").country == "Egypt"
    assert gazetteer.place("Amman").country == "Jordan"
    assert gazetteer.place("Nablus").country == "Palestine"


def test_look_alikes_are_different_entries(gazetteer):
    assert gazetteer.lookup("Hamas").kind == "organisation"
    assert gazetteer.lookup("Hama") is None or gazetteer.lookup("Hama").kind == "place"
    assert gazetteer.place("Giza").key != gazetteer.place("Gaza").key
    assert gazetteer.lookup("Yahya Sinwar").key != gazetteer.lookup("Mohammed Sinwar").key


def test_a_shared_surname_is_not_unique(gazetteer):
    assert gazetteer.unique_surname("Sinwar") is None
    assert gazetteer.unique_surname("Witkoff").name == "Steve Witkoff"


@pytest.mark.parametrize(
    ("name", "day", "role"),
    [
        ("Antony Blinken", date(2024, 5, 1), "Secretary of State"),
        ("Antony Blinken", date(2025, 3, 1), "Former Secretary of State"),
        ("Marco Rubio", date(2025, 3, 1), "Secretary of State"),
        ("Donald Trump", date(2023, 1, 1), "Former President"),
        ("Donald Trump", date(2025, 10, 7), "President"),
        ("Brett McGurk", date(2024, 1, 23), "White House Middle East coordinator"),
    ],
)
def test_roles_change_with_the_date(gazetteer, name, day, role):
    assert gazetteer.role_on(gazetteer.lookup(name), day)[0] == role


def test_every_entry_key_is_the_name_key_of_its_name(gazetteer):
    assert all(entry.key == name_key(entry.name) for entry in gazetteer.entries)


def test_every_affiliation_in_the_data_is_itself_an_entry(gazetteer):
    affiliations = {e.affiliation for e in gazetteer.entries if e.affiliation}
    affiliations |= {p.affiliation for e in gazetteer.entries for p in e.role_periods
                     if p.affiliation}
    assert {a for a in affiliations if gazetteer.by_name(a) is None} == set()


def test_a_world_capital_spelled_exactly_beats_a_region_town_with_the_same_key(gazetteer):
    assert (gazetteer.place("Rome").name, gazetteer.place("Rome").country) == ("Rome", "Italy")
    assert gazetteer.place("Acre").country == "Israel"
    assert gazetteer.place("Tripoli").country == "Lebanon"


def test_a_spelling_whose_key_is_one_letter_names_nothing():
    from bot.gazetteer import Entry, Gazetteer

    gazetteer = Gazetteer([Entry(key="anadolu", kind="organisation", name="Anadolu Agency",
                                 spellings=("Anadolu Agency", "AA"))])
    assert gazetteer.lookup("A") is None
    assert gazetteer.lookup("Anadolu Agency").name == "Anadolu Agency"
