"""Proposals, plans and reported figures: one-line inputs and an invented article."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.ingest.figures import find_figures
from bot.ingest.model import ArticleInput, ExtractedEvent
from bot.ingest.past_deals import find_past_deals
from bot.ingest.pipeline import extract
from bot.ingest.proposals import find_proposals
from tests.gold.lines import passages_of

ENTITIES = {
    "Steve Witkoff": ("steve witkoff", "person"),
    "Witkoff": ("steve witkoff", "person"),
    "Trump": ("donald trump", "person"),
    "Hamas": ("hamas", "organisation"),
    "Israel": ("israel", "country"),
    "US": ("united states", "country"),
    "Qatar": ("qatar", "country"),
    "Washington": ("united states", "country"),
    "Gaza Health Ministry": ("gaza health ministry", "organisation"),
    "UN": ("united nations", "organisation"),
}
NAMES = {"donald trump": "Donald Trump", "steve witkoff": "Steve Witkoff"}
DAY = date(2025, 6, 1)


def proposals(text: str) -> list[ExtractedEvent]:
    return find_proposals(passages_of(text, ENTITIES, DAY), DAY, lambda k: NAMES.get(k, k))


def titles(text: str) -> list[str]:
    return [p.title for p in proposals(text)]


def test_terms_name_a_proposal_and_a_backer_is_its_author():
    [p] = proposals("Talks aimed at reviving a US-backed 60-day ceasefire for Gaza.")
    assert p.title == "60-day ceasefire"
    assert [x.entity_key for x in p.participants] == ["united states"]


def test_number_words_and_points_are_terms_too():
    assert titles("Egypt wants Hamas to accept a one-month truce.") == ["one-month truce"]
    assert titles("Hamas studied the 20-point plan overnight.") == ["20-point plan"]


def test_proposal_put_forward_by_a_person_is_named_after_the_person():
    text = "The push is based on a proposal put forward by U.S. envoy Steve Witkoff."
    [p] = proposals(text)
    assert p.title == "Steve Witkoff proposal"
    assert p.participants[0].entity_key == "steve witkoff"


def test_an_authors_plan_and_proposal_are_one_proposal():
    text = "Qatar backs Trump’s proposal. Hamas must accept Trump’s plan, officials said."
    assert titles(text) == ["Donald Trump's proposal"]


def test_an_offer_is_a_proposal_by_whoever_offered_it():
    [p] = proposals("Israel has reportedly offered to end the war if Hamas disarms, but no.")
    assert p.title == "end the war if Hamas disarms"
    assert p.participants[0].entity_key == "israel"


def test_a_plain_plan_is_not_a_named_proposal():
    assert titles("Netanyahu said the plan would work. Hamas rejected the new proposal.") == []


def test_words_in_quote_marks_are_not_read_as_proposals():
    assert titles("“We reject any 30-day truce,” a Hamas official said.") == []


def test_toll_with_according_to_carries_its_source():
    text = (
        "The campaign has killed 56,500 people and injured 133,419 since Oct. 7, "
        "according to the Gaza Health Ministry."
    )
    figures = find_figures(passages_of(text, ENTITIES, DAY), DAY)
    assert [(f.title, f.participants[0].entity_key) for f in figures] == [
        ("56,500 killed", "gaza health ministry"), ("133,419 injured", "gaza health ministry"),
    ]


def test_year_is_not_a_toll():
    text = "Nearly 2023 people were killed, the UN said."
    assert [f.title for f in find_figures(passages_of(text, ENTITIES, DAY), DAY)] == []


def test_recalled_truce_is_background_with_its_own_month_and_mediators():
    text = (
        "Qatar and Washington were instrumental in negotiating a truce in November that led to "
        "the release of hostages."
    )
    published = date(2024, 1, 23)
    [deal] = find_past_deals(passages_of(text, ENTITIES, published), published)
    assert (deal.background, deal.status, deal.when.start) == (True, "agreement", date(2023, 11, 1))
    assert {p.entity_key for p in deal.participants} == {"qatar", "united states"}


INVENTED = """Share on Facebook
Istanbul talks open as mediators press for 45-day truce

By Staff Writer | Middle East Monitor Daily

A Hamas delegation headed by senior official Basem Naim arrived in Istanbul on Wednesday for \
talks with Turkish and Qatari mediators on a 45-day truce, the movement said.

Turkish Foreign Ministry spokesperson Oncu Keceli said the negotiations would continue. \
"We are determined to close the remaining gaps," Keceli told reporters. "Both sides have shown \
flexibility."

An Israeli delegation led by Shin Bet chief Ronen Bar is expected to join the talks on Friday, \
according to an Israeli official. The official said: "Israel will not accept a deal that leaves \
Hamas in power."

Previous rounds in Doha and Cairo in January ended without agreement. The last round in Amman \
collapsed in February.

Jordan's King Abdullah II met with his Egyptian counterpart in Amman on Tuesday, ahead of an \
Arab summit planned for April.

The Gaza Health Ministry said 48,400 people have been killed since October 2023.

Photo: AFP
Related: Oil prices climb as OPEC meets in Vienna
"""


def invented() -> ArticleInput:
    return ArticleInput(
        text=INVENTED, outlet="MEM Daily", published_at=datetime(2025, 3, 6, 9, tzinfo=UTC),
        source_name="invented",
    )


def test_invented_article_from_another_outlet_end_to_end():
    ex = extract(invented())
    names = {m.key: m.name for m in ex.entities}
    rounds = {names[e.place_key]: e for e in ex.events if e.kind == "round"}
    assert set(rounds) == {"Istanbul", "Doha", "Cairo", "Amman"}
    istanbul = rounds["Istanbul"]
    assert (istanbul.when.start, istanbul.status, istanbul.background) == (
        date(2025, 3, 5), "ongoing", False,
    )
    leads = {names[p.entity_key] for p in istanbul.participants if p.role == "lead"}
    assert leads == {"Basem Naim", "Ronen Bar"}
    assert {names[p.entity_key] for p in istanbul.participants if p.role == "mediator"} == {
        "Turkey", "Qatar",
    }
    assert rounds["Amman"].status == "collapsed" and rounds["Amman"].background
    assert all(r.background for name, r in rounds.items() if name != "Istanbul")
    assert [e.title for e in ex.events if e.kind == "proposal"] == ["45-day truce"]
    [figure] = [e for e in ex.events if e.kind == "figure"]
    assert figure.title == "48,400 killed"
    speakers = [(names.get(q.speaker_key), q.speaker_label) for q in ex.quotes]
    assert speakers == [
        ("Oncu Keceli", "Keceli"), ("Oncu Keceli", "Keceli"), (None, "an Israeli official"),
    ]
    assert not any("Vienna" in e.summary or "OPEC" in e.summary for e in ex.events)
