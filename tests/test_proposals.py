"""Proposals, plans and reported figures: one-line inputs and an invented article."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.ingest.events.figures import find_figures
from bot.ingest.events.past_deals import find_past_deals
from bot.ingest.events.proposals import find_proposals
from bot.ingest.model import ArticleInput, ExtractedEvent
from bot.ingest.pipeline import extract
from tests.gold.lines import passages_of
from tests.gold.snapshot import seed_articles

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
    "U.S.": ("united states", "country"),
    "United States": ("united states", "country"),
    "American": ("united states", "country"),
    "Egypt": ("egypt", "country"),
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


def test_a_plan_someone_may_present_if_talks_fail_is_not_a_proposal():
    text = (
        "If no progress is made, American officials may present a final compromise proposal."
    )
    assert titles(text) == []


def test_seed_003_stores_no_hypothetical_compromise_proposal_as_an_event():
    [seed] = [a for a in seed_articles() if a.source_name.startswith("003")]
    events = extract(seed).events
    assert [e.title for e in events if "compromise" in e.title] == []
    assert "Donald Trump's proposal" in [e.title for e in events if e.kind == "proposal"]


def test_a_plan_named_in_quote_marks_belongs_to_whoever_presents_it():
    [p] = proposals("Talks ended with the United States presenting a “bridging proposal” to both.")
    assert (p.title, [x.entity_key for x in p.participants]) == (
        "bridging proposal", ["united states"],
    )


def test_a_quoted_state_of_affairs_is_no_plan():
    assert titles("Envoys are in the region to support a longer “humanitarian pause.”") == []


def test_a_truce_named_by_its_length_is_a_proposal():
    assert titles("Officials met in Doha to discuss a proposal for a month-long truce.") == [
        "month-long truce"
    ]


def test_a_plan_named_by_what_it_would_do_is_titled_by_its_terms_and_its_presenter():
    text = (
        "Talks broke down after Hamas refused a U.S. proposal, presented by envoy Steve Witkoff, "
        "to extend the first phase through Ramadan."
    )
    [p] = proposals(text)
    assert (p.title, p.participants[0].entity_key) == (
        "extend the first phase through Ramadan", "steve witkoff",
    )


def test_a_verb_between_a_name_and_a_deal_makes_no_named_plan():
    assert titles("Hamas said the agreement was a victory for its people.") == []


def test_a_recalled_truce_dated_before_its_noun_is_background_not_a_proposal():
    text = (
        "The only pause came in late November 2023, when a week-long truce brokered by Qatar "
        "and Egypt freed 105 hostages."
    )
    published = date(2025, 4, 10)
    passages = passages_of(text, ENTITIES, published)
    [deal] = find_past_deals(passages, published)
    assert (deal.when.start.year, deal.when.start.month, deal.background) == (2023, 11, True)
    assert [p.entity_key for p in deal.participants] == ["qatar", "egypt"]
    assert find_proposals(passages, published, lambda k: k) == []


def test_the_end_of_a_deal_is_not_the_day_it_was_made():
    text = "That truce collapsed on March 18, when Israel resumed its bombardment."
    published = date(2025, 4, 10)
    assert find_past_deals(passages_of(text, ENTITIES, published), published) == []


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


def test_each_count_keeps_the_source_nearest_it_in_one_sentence():
    text = (
        "Qatar says 300 people were killed in Israel's raids, after Hamas attacked, "
        "killing about 40 people according to the UN."
    )
    figures = find_figures(passages_of(text, ENTITIES, DAY), DAY)
    assert [(f.title, f.participants[0].entity_key) for f in figures] == [
        ("40 killed", "united nations"), ("300 killed", "qatar"),
    ]


def test_a_count_in_words_after_a_spokesman_is_his_figure():
    text = "The group's spokesman, Steve Witkoff, said five fighters had been killed."
    figures = find_figures(passages_of(text, ENTITIES, DAY), DAY)
    assert [(f.title, f.participants[0].entity_key) for f in figures] == [
        ("five killed", "steve witkoff"),
    ]


def test_a_plan_in_phases_of_set_length_is_a_proposal():
    assert titles("The deal, officials said, comprises four phases of 30 days each.") == [
        "four phases of 30 days each"
    ]


def test_what_a_side_brings_to_the_table_is_its_proposal():
    [p] = proposals("Qatar brought what envoys called fresh demands to the table on Monday.")
    assert (p.title, p.participants[0].entity_key) == ("fresh demands", "qatar")


def test_a_plan_a_body_approved_is_named_by_what_it_would_do_up_to_its_condition():
    [p] = proposals("Hamas approved on Friday a plan to widen the strikes in Rafah if talks fail.")
    assert (p.title, p.participants[0].entity_key) == (
        "plan to widen the strikes in Rafah", "hamas",
    )


def test_a_truce_agreement_reached_is_a_proposal_on_record():
    assert titles("Prisoners walked free under the truce agreement signed in Cairo.") == [
        "truce agreement"
    ]


def test_a_determiner_starts_a_new_phrase_before_a_plan():
    assert titles("Officials said the group approved their proposal on Monday.") == []


def test_an_authors_proposal_for_a_truce_is_one_truce_of_that_author():
    [p] = proposals("Envoys discussed an American proposal for a phased truce in Gaza.")
    assert (p.title, p.participants[0].entity_key) == ("phased truce", "united states")


def test_a_toll_counted_in_an_earlier_year_keeps_that_year():
    from datetime import date as day

    from bot.ingest.events.figures import find_figures
    from tests.gold.lines import passages_of

    published = day(2025, 3, 9)
    text = "Health officials said 1,200 people were killed in October 2023, a figure recalled."
    (figure,) = find_figures(passages_of(text, {}, published), published)
    assert (figure.when.start, figure.background) == (day(2023, 10, 1), True)
