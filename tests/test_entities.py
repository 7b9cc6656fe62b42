"""Entities of an article: known actors, people introduced by the article, short references."""

from datetime import datetime
from pathlib import Path

import pytest

from bot.gazetteer import load_gazetteer
from bot.ingest.document.clean import clean_article
from bot.ingest.document.sentences import split_sentences
from bot.ingest.mentions.entities import EntityIndex, find_entities
from bot.names import name_key

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLES = Path(__file__).resolve().parent / "articles"
PUBLISHED = datetime(2025, 10, 7)


def _index(*paragraphs: str, published: datetime = PUBLISHED) -> EntityIndex:
    return find_entities(split_sentences(list(paragraphs)), published, load_gazetteer())


def _article(path: Path, published: datetime) -> EntityIndex:
    cleaned = clean_article(path.read_text(encoding="utf-8"))
    return find_entities(split_sentences(cleaned.paragraphs), published, load_gazetteer())


def _person(index: EntityIndex, surface: str):
    key = index.resolve(surface, "person")
    assert key is not None, surface
    return index.by_key(key)


def test_role_phrase_before_a_known_name_is_a_role_claim_with_its_sentence():
    index = _index("Rain fell.", "Qatar Foreign Ministry spokesperson Majed al-Ansari said so.")
    ansari = _person(index, "Majed al-Ansari")
    assert ansari.known
    assert ansari.role == "Foreign Ministry spokesperson"
    assert ansari.affiliation == "Qatar"
    assert [c.sentence for c in ansari.role_claims] == [1]


def test_a_state_organ_named_by_a_common_noun_is_part_of_the_role_not_the_affiliation():
    for owner in ("Egyptian", "Egypt’s"):
        phrase = f"{owner} intelligence chief Abbas Kamel"
        index = _index(f"{phrase} met the negotiators.", published=datetime(2024, 2, 24))
        kamel = _person(index, "Abbas Kamel")
        assert (kamel.role, kamel.affiliation) == ("intelligence chief", "Egypt"), phrase


def test_a_named_state_organ_is_the_affiliation():
    index = _index("Mossad chief David Barnea led the team.", published=datetime(2024, 2, 24))
    assert _person(index, "David Barnea").affiliation == "Mossad"


def test_an_unknown_official_introduced_by_role_becomes_a_person():
    index = _index("Hamas spokesman Hazem Qassem said the group was ready for a deal.")
    qassem = _person(index, "Hazem Qassem")
    assert not qassem.known
    assert (qassem.role, qassem.affiliation) == ("spokesman", "Hamas")


def test_an_appositive_introduces_a_person_and_the_surname_then_refers_to_them():
    index = _index(
        "Ghazi Hamad, a senior Hamas official, said the group wanted guarantees.",
        "Hamad said more talks were planned.",
    )
    hamad = _person(index, "Ghazi Hamad")
    assert hamad.role_claims[0].affiliation == "Hamas"
    assert hamad.sentences == [0, 1]
    assert [s.text for s in index.spans(1)] == ["Hamad"]


def test_two_people_after_a_plural_role_share_it():
    index = _index("Egyptian media said senior Trump advisers Steve Witkoff and Jared Kushner "
                   "had arrived.")
    for name in ("Steve Witkoff", "Jared Kushner"):
        assert _person(index, name).role == "senior Trump adviser"


def test_unnamed_sources_are_not_people():
    index = _index("A US official familiar with the talks said an Egyptian official agreed.")
    assert [m.kind for m in index.mentions if m.kind == "person"] == []
    assert index.resolve("the Egyptian official") is None


def test_the_prime_ministers_office_is_not_a_person():
    index = _index("The team returned, according to the Prime Minister's Office.")
    assert all(m.kind != "person" for m in index.mentions)


def test_a_variant_spelling_of_a_listed_person_finds_the_listed_person():
    index = _index("Islamic Jihad leader Ziad Nakhaleh met Egyptian mediators.")
    assert _person(index, "Ziad Nakhaleh").name == "Ziyad al-Nakhalah"


def test_a_shared_surname_alone_is_not_resolved_to_either_sinwar():
    index = _index("Sinwar was not mentioned by name.")
    assert all(m.kind != "person" for m in index.mentions)


def test_the_named_sinwar_is_the_one_a_later_surname_refers_to():
    index = _index("Mohammed Sinwar commanded the fighters.", "Sinwar was killed in May.")
    sinwar = _person(index, "Sinwar")
    assert sinwar.name == "Mohammed Sinwar"
    assert sinwar.sentences == [0, 1]


def test_capitals_acting_for_governments_are_their_countries():
    index = _index("In a joint statement, Cairo and Doha reaffirmed their commitment.",
                   "No meetings have been scheduled in Cairo or Doha.")
    assert {s.key for s in index.spans(0)} == {index.resolve("Egypt"), index.resolve("Qatar")}
    assert {s.kind for s in index.spans(1)} == {"place"}


def test_pronoun_us_is_not_the_united_states():
    index = _index("“It would only set us back,” he said of the US plan.")
    assert [s.text for s in index.spans(0)] == ["US"]


def test_spans_are_offsets_into_the_sentence_text():
    sentence = "Talks resumed Tuesday in Sharm el-Sheikh, Egypt."
    index = _index(sentence)
    assert [(sentence[s.start : s.end], s.kind) for s in index.spans(0)] == [
        ("Sharm el-Sheikh", "place"), ("Egypt", "country"),
    ]


def test_gazetteer_role_on_the_publication_date_when_the_article_claims_none():
    index = _index("Blinken met Netanyahu.", published=datetime(2024, 1, 23))
    assert _person(index, "Blinken").role == "Secretary of State"
    assert _person(index, "Netanyahu").affiliation == "Israel"


def test_seed_000_and_004_spell_the_same_hamas_official_to_one_key():
    first = _article(next(SEEDS.glob("000_*.txt")), datetime(2025, 7, 1))
    second = _article(next(SEEDS.glob("004_*.txt")), datetime(2025, 8, 12))
    nounou, nono = _person(first, "Al-Nounou"), _person(second, "al-Nono")
    assert nounou.key == nono.key
    assert nounou.affiliation == nono.affiliation == "Hamas"


def test_seed_003_finds_the_negotiators_and_the_venue():
    index = _article(next(SEEDS.glob("003_*.txt")), PUBLISHED)
    dermer = _person(index, "Ron Dermer")
    assert (dermer.role, dermer.affiliation) == ("Minister", "Israel")
    assert index.resolve("Sharm el-Sheikh", "place") is not None
    assert _person(index, "al-Ansari").name == "Majed al-Ansari"
    assert index.resolve("Hama") is None


@pytest.mark.parametrize(
    ("file", "name", "role", "affiliation"),
    [
        ("ap_style.txt", "Hazem Qassem", "spokesman", "Hamas"),
        ("times_of_israel_style.txt", "David Barnea", "chief", "Mossad"),
        ("al_jazeera_style.txt", "Ronen Bar", "chief", "Shin Bet"),
    ],
)
def test_other_outlets_people_are_found_with_roles(file, name, role, affiliation):
    index = _article(ARTICLES / file, datetime(2025, 3, 4))
    person = _person(index, name)
    assert (person.role, person.affiliation) == (role, affiliation)


def test_a_verb_ends_the_role_phrase_read_backwards():
    index = _index("Turkish President Recep Tayyip Erdoğan received Hamas chief Ismail Haniyeh.")
    haniyeh = _person(index, "Ismail Haniyeh")
    assert (haniyeh.role, haniyeh.affiliation) == ("chief", "Hamas")


def test_members_of_a_named_delegation_take_its_side():
    index = _index(
        "A Hamas delegation led by senior negotiator Fadi Qawasmeh reached Amman on Monday.",
        "The delegation, which also included bureau member Rami Abu Laban, met officials.",
    )
    assert _person(index, "Fadi Qawasmeh").affiliation == "Hamas"
    assert _person(index, "Rami Abu Laban").affiliation == "Hamas"


def test_an_organisation_possessive_introduces_its_reporter():
    index = _index("Al Jazeera’s Nour Haddadin, reporting from Amman, said talks were tense.")
    odeh = _person(index, "Nour Haddadin")
    assert odeh.affiliation == "Al Jazeera"
    assert index.resolve("Haddadin", "person") == odeh.key


def test_title_and_given_name_refer_to_the_long_name_introduced_earlier():
    index = _index(
        "Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani spoke in Doha.",
        "Sheikh Mohammed told reporters the gaps were narrowing.",
    )
    assert index.resolve("Sheikh Mohammed", "person") == name_key(
        "Sheikh Mohammed bin Abdulrahman Al Thani"
    )


def test_a_name_that_speaks_is_a_person_without_a_role_word():
    index = _index("Leah Carmon said in a statement that the family was relieved.")
    assert _person(index, "Leah Carmon").name == "Leah Carmon"


def test_a_name_with_an_age_or_a_family_aside_is_a_person():
    index = _index(
        "The freed men, Amit Sadeh, 41, and Yossi Dor, 35, were taken to hospital.",
        "Nurit Peled, whose son is held in Gaza, spoke to the crowd.",
    )
    assert {_person(index, s).name for s in ("Amit Sadeh", "Yossi Dor", "Nurit Peled")} == {
        "Amit Sadeh", "Yossi Dor", "Nurit Peled"}


def test_a_title_like_sir_is_not_part_of_the_name():
    index = _index("Foreign Secretary Sir Alan Brooks said the talks must go on.")
    assert _person(index, "Alan Brooks").name == "Alan Brooks"


def test_a_nationality_before_a_name_is_not_part_of_it():
    index = _index("British-Israeli Noa Levin was released on Sunday.")
    assert _person(index, "Noa Levin").name == "Noa Levin"


def test_a_capitalised_adverb_at_the_head_of_a_sentence_is_nobody():
    index = _index("Separately, Egyptian officials said the crossing would open.")
    assert [m.name for m in index.mentions if m.kind == "person"] == []


def test_a_member_of_the_second_delegation_in_a_sentence_is_of_that_side():
    index = _index(
        "Mediators hosted a Hamas delegation led by Khalil al-Hayya, and an Israeli team "
        "that included Gadi Orr held separate meetings."
    )
    assert _person(index, "Gadi Orr").affiliation == "Israel"


def test_people_in_a_list_with_ages_are_all_introduced_the_last_before_a_full_stop():
    index = _index("Three men were freed on Sunday: Avi Tamir, 40, and Yossi Lavon, 52.")
    people = sorted(m.name for m in index.mentions if m.kind == "person")
    assert people == ["Avi Tamir", "Yossi Lavon"]


def test_a_town_name_after_a_given_name_and_before_an_age_is_a_surname():
    index = _index("She was freed alongside Noa Gonen, 24, on Sunday.")
    assert [(m.name, m.kind) for m in index.mentions] == [("Noa Gonen", "person")]


def test_a_town_before_a_distance_stays_a_town():
    index = _index("Talks were held in Gonen, 24 km from the coast.")
    assert [m.kind for m in index.mentions] == ["place"]


def test_a_who_clause_before_speech_introduces_a_person():
    index = _index(
        "Nadim Farouki, who runs the movement's office in Amman and sits on its council, "
        "told reporters that the talks would go on."
    )
    assert _person(index, "Nadim Farouki") is not None


def test_an_appositive_with_an_article_before_speech_introduces_a_person():
    index = _index(
        "Lina Haddad, a historian at Birzeit University who lives in Ramallah, said the "
        "sides were far apart."
    )
    assert _person(index, "Lina Haddad") is not None


def test_the_outlet_someone_told_is_no_person():
    index = _index(
        "A negotiator, speaking on condition of anonymity, told Gulf Courier that the gaps "
        "remained wide."
    )
    assert [m.name for m in index.mentions if m.kind == "person"] == []


def test_a_role_before_a_name_between_commas_is_its_role_claim():
    index = _index(
        "Jordan's foreign ministry spokesperson, Samir Qudah, said Amman backed the talks."
    )
    person = _person(index, "Samir Qudah")
    assert person is not None
    assert person.affiliation == "Jordan"
    assert "spokesperson" in (person.role or "")


def test_a_who_heads_clause_pointing_back_to_the_group_gives_its_affiliation():
    index = _index(
        "Hamas did not attend the meeting.",
        "Nadim Farouki, who heads the group's office in Amman, told reporters the talks "
        "would go on.",
    )
    person = _person(index, "Nadim Farouki")
    assert person.affiliation == "Hamas"
    assert "office in Amman" in (person.role or "")


def test_a_who_leads_clause_naming_a_body_gives_that_body():
    index = _index("Nadim Farouki, who leads Islamic Jihad's team, said the talks would go on.")
    assert _person(index, "Nadim Farouki").affiliation == "Palestinian Islamic Jihad"


def test_a_rank_before_a_name_is_no_person():
    index = _index("Egypt's intelligence chief Maj. Gen. Hassan Rashad met the delegation, "
                   "Brig. Gen. Gal Hirsch said.")
    people = {m.name for m in index.mentions if m.kind == "person"}
    assert people.isdisjoint({"Maj", "Gen", "Brig"})


def test_an_outlet_is_never_the_group_a_clause_points_back_to():
    index = _index(
        "Hamas officials said the talks would go on.",
        "Hossam Badran, who heads the group's national relations office, told Al Jazeera "
        "that the movement had been briefed.",
    )
    assert _person(index, "Hossam Badran").affiliation == "Hamas"


def test_a_role_told_by_a_relative_clause_is_stored_as_a_title():
    from bot.ingest.mentions.roles import clean_role

    assert clean_role("who is also Qatar's foreign minister") == "Qatar's foreign minister"
    assert clean_role("who also serves as foreign minister,") == "foreign minister"
    assert clean_role("and his deputy") == ""  # a piece of a sentence, no title
    assert clean_role("included other officials") == ""
    index = _index("Sheikh Mohammed bin Abdulrahman Al Thani, who is also Qatar's foreign "
                   "minister, said the talks would go on.")
    person = _person(index, "Sheikh Mohammed bin Abdulrahman Al Thani")
    assert all(not c.role.lower().startswith("who") for c in person.role_claims)


def test_an_appositive_role_to_someone_and_a_soldier_introduce_people():
    index = _index("The team included Gal Hirsch and Ophir Falk, a political adviser to "
                   "Netanyahu, officials said.",
                   "Hamas offered to release Edan Alexander, an Israeli-American soldier.")
    assert _person(index, "Ophir Falk").role == "political adviser to Netanyahu"
    assert _person(index, "Edan Alexander")


def test_a_delegations_list_of_members_goes_on_past_the_first():
    index = _index("The Hamas delegation included Khaled Meshaal, Nizar Awadallah, Zaher "
                   "Jabarin and political bureau member Ghazi Hamad.")
    for name in ("Nizar Awadallah", "Zaher Jabarin", "Ghazi Hamad"):
        assert _person(index, name).affiliation == "Hamas", name


def test_a_spelling_with_a_possessive_is_found_as_written_and_no_name_runs_past_a_bracket():
    from bot.gazetteer import load_gazetteer
    from bot.ingest.mentions.known import find_known, tokenize

    gazetteer = load_gazetteer()

    def names(text: str) -> list[str]:
        return [text[m.start : m.end] for m in find_known(tokenize(text), gazetteer)]

    assert names("Israel's Security Cabinet met late on Sunday.") == ["Israel's Security Cabinet"]
    assert "Salah Al-Din) Corridor" not in names("the Philadelphi (Salah Al-Din) Corridor")


def test_roles_that_are_pieces_of_a_sentence_are_no_titles():
    from bot.ingest.mentions.roles import clean_role
    assert clean_role("after Prime Minister") == "Prime Minister"
    assert clean_role("When director") == "director"
    assert clean_role("who met Israeli leaders in Tel Aviv on Thursday before travelling on") == ""
    assert clean_role("head of the Forum for Palestinian Studies at Tel Aviv University's "
                      "Moshe Dayan Center") == "head of the Forum for Palestinian Studies"
