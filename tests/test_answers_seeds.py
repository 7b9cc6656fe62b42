"""What a new user met on the five seed articles (issue 11, "Answers"): each test asks as a
user would and reads the whole answer, on a real ingest of the seeds."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.render import plain
from bot.replies.commands import answer, answer_text
from bot.replies.reply import Asker
from bot.store.models import Entity, Event

NOW = datetime(2025, 10, 10, 9, 0, tzinfo=UTC)
ASKER = Asker(user_id=7, chat_id=7, chat_type="private", now=NOW)


@pytest.fixture(scope="module")
def session(seeded_engine):
    with Session(seeded_engine) as session:
        yield session


def ask(session, command: str, args: str = ""):
    return answer(session, command, args, ASKER)


def shown(session, command: str, args: str = "") -> str:
    reply = ask(session, command, args)
    return "\n".join(plain(p) for p in reply.pages)


# ---------------------------------------------------------------- suggestions


def test_one_close_name_is_answered_at_once_with_the_correction_named(session):
    reply = ask(session, "who", "Kushnr")
    assert plain(reply.pages[0]).startswith("Showing Jared Kushner for “Kushnr”\nJared Kushner")
    assert not reply.buttons


def test_one_close_group_is_answered_at_once_too(session):
    text = shown(session, "who", "Hama")
    assert text.startswith("Showing Hamas for “Hama”\nHamas")


def test_a_name_given_in_part_is_no_correction(session):
    assert shown(session, "who", "Kushner").startswith("Jared Kushner")


@pytest.mark.parametrize(
    ("command", "args", "unwanted"),
    [
        ("who", "Barnia", "United States"),
        ("quotes", "truce", "Donald Trump"),
        ("who", "Sisi", "Israel"),
    ],
)
def test_suggestions_are_only_names_that_look_like_what_was_typed(session, command, args, unwanted):
    reply = ask(session, command, args)
    labels = [b.text for row in reply.buttons for b in row]
    assert unwanted not in labels
    assert unwanted not in plain(reply.pages[0]).split("e.g.")[0]


@pytest.mark.parametrize("args", ["😀", "🕊️🕊️", "xqzvbnk", "zzzzqqq"])
def test_an_emoji_or_a_random_string_gets_the_usage_line(session, args):
    reply = ask(session, "who", args)
    assert "Usage: /who <name>" in plain(reply.pages[0])
    assert not reply.buttons


def test_round_with_a_country_finds_the_rounds_in_its_cities(session):
    assert shown(session, "round", "Qatar").startswith("Doha · Jul 2025")
    egypt = shown(session, "round", "Egypt")
    assert egypt.startswith("Rounds in Egypt: 2")
    assert "Sharm el-Sheikh · 6–7 Oct 2025" in egypt and "Cairo · Tue 12 Aug 2025" in egypt


# ---------------------------------------------------------------- internal ids


def _first_id(session, kind: str) -> int:
    return session.execute(
        select(Event.id).where(Event.kind == kind).order_by(Event.id).limit(1)
    ).scalar_one()


def test_round_with_the_id_of_a_proposal_shows_no_round(session):
    proposal = _first_id(session, "proposal")
    for args in (f"#{proposal}", f"r{proposal}", f"#r{proposal}"):
        text = shown(session, "round", args)
        assert text.startswith(f"There is no round {args}"), text
        assert "Negotiations" not in text


def test_a_bare_id_typed_alone_is_never_a_place(session):
    place = session.execute(
        select(Entity.id).where(Entity.kind == "place").order_by(Entity.id).limit(1)
    ).scalar_one()
    text = "\n".join(plain(p) for p in answer_text(session, f"#{place}", ASKER).pages)
    assert "No rounds are on record in" not in text
    assert text.startswith(f"There is no round #{place}")


def test_who_with_the_id_of_a_place_lists_no_unrelated_names(session):
    place = session.execute(
        select(Entity.id).where(Entity.kind == "place").order_by(Entity.id).limit(1)
    ).scalar_one()
    reply = ask(session, "who", f"#{place}")
    assert not reply.buttons
    assert "No person or group has the id" in plain(reply.pages[0])


def test_rounds_list_points_to_no_internal_id(session):
    assert "#<id>" not in shown(session, "rounds")


def test_the_profile_points_to_quotes_by_name_not_by_internal_id(session):
    text = shown(session, "who", "Trump")
    assert "/quotes #" not in text


# ---------------------------------------------------------------- dates typed by users


@pytest.mark.parametrize("command", ["on", "round"])
def test_a_dotted_date_is_read_day_first(command, session):
    text = shown(session, command, "7.10.2025")
    assert "Sharm el-Sheikh" in text, text
    assert "Jul 2025" not in text.splitlines()[0]


def test_a_slashed_date_is_read_day_first_and_the_reply_says_so(session):
    text = shown(session, "round", "12/08/2025")
    assert text.startswith("12/08/2025 read day first, as 12 Aug 2025\nCairo · Tue 12 Aug 2025")
    on_text = shown(session, "on", "12/08/2025")
    assert on_text.startswith("12/08/2025 read day first, as 12 Aug 2025\nOn record for Tue 12 Aug")


def test_a_day_with_no_round_is_on_that_day_not_in_it(session):
    text = shown(session, "round", "Mon 8 Dec 2025")
    assert "on Mon 8 Dec 2025" in text and "in Mon" not in text


@pytest.mark.parametrize("args", ["1", "2"])
def test_a_bare_number_is_no_month(session, args):
    assert shown(session, "on", args).startswith(f"I could not read “{args}” as a date")
    assert shown(session, "round", args).startswith(f"I know no place or date called “{args}”")


def test_an_id_is_no_month(session):
    assert shown(session, "on", "#2").startswith("I could not read “#2” as a date")


# ---------------------------------------------------------------- counts and numbers


@pytest.mark.parametrize("args", ["-5", "0", "51"])
def test_latest_out_of_range_says_the_allowed_range(session, args):
    text = shown(session, "latest", args)
    assert "from 1 to 50" in text
    assert "developments" not in text.split("\n")[0].lower().split("shows")[0]


# ---------------------------------------------------------------- /who: current roles


@pytest.mark.parametrize(
    ("name", "current", "headline"),
    [
        ("Netanyahu", "Prime Minister, Israel: since Thu 29 Dec 2022", "Prime Minister, Israel"),
        ("Trump", "President, United States: since Mon 20 Jan 2025", "President, United States"),
        ("Ben-Gvir", "National Security Minister, Israel: since Wed 19 Mar 2025",
         "National Security Minister, Israel"),
    ],
)
def test_who_shows_a_title_held_twice_with_the_current_term_first(
    session, name, current, headline
):
    lines = shown(session, "who", name).splitlines()
    roles = lines[lines.index("Roles") + 1 :]
    assert roles[0].startswith(f"• {current}"), roles
    assert lines[2 if lines[1].startswith("Also written") else 1].startswith(
        f"{headline} (on Tue 7 Oct 2025, the latest report)"
    )


# ---------------------------------------------------------------- repeated content

SHARM = "Talks on a US-backed Gaza ceasefire plan resumed in Egypt"
CAIRO = "A senior Hamas delegation, led by Khalil al-Hayya, arrived in Cairo"
FIGURES = "has killed 56,500 people and injured 133,419"


def test_a_rounds_summary_is_printed_once(session):
    for args in ("Sharm", "Cairo"):
        text = shown(session, "round", args)
        assert text.count(SHARM if args == "Sharm" else CAIRO) == 1, text


def test_search_shows_each_sentence_once(session):
    text = shown(session, "search", "Cairo")
    assert text.count(CAIRO) == 1, text
    numbered = [line for line in text.splitlines() if line[:1].isdigit()]
    assert len(numbered) == len(set(numbered))


def test_latest_gives_one_line_per_sentence_and_the_round_takes_in_its_proposal(session):
    lines = [line for line in shown(session, "latest", "20").splitlines() if line.startswith("•")]
    sentences = [CAIRO, FIGURES, SHARM]
    for sentence in sentences:
        assert sum(sentence in line for line in lines) == 1, (sentence, lines)
    cairo = next(line for line in lines if CAIRO in line)
    assert "Negotiations in Cairo, on the 60-day ceasefire" in cairo
    assert "56,500 killed; 133,419 injured" in next(line for line in lines if FIGURES in line)
    assert not any(line.split(" · ")[1].startswith("60-day ceasefire") for line in lines)
    sharm = next(line for line in lines if SHARM in line)
    assert "on Donald Trump's proposal" in sharm
    assert not any(" · Donald Trump's proposal · " in line for line in lines)


def test_latest_n_counts_lines_not_events(session):
    lines = [line for line in shown(session, "latest", "5").splitlines() if line.startswith("•")]
    assert len(lines) == 5


# ---------------------------------------------------------------- counts and plurals


def test_start_counts_the_people_who_have_quotes_not_everyone_stored(session):
    from bot.store.models import Quote

    quoted = session.execute(
        select(func.count(func.distinct(Quote.speaker_id)))
        .join(Entity, Entity.id == Quote.speaker_id)
        .where(Entity.kind == "person")
    ).scalar_one()
    stored = session.execute(
        select(func.count(Entity.id)).where(Entity.kind == "person")
    ).scalar_one()
    assert quoted < stored
    text = shown(session, "start")
    assert f"{quoted} people quoted by name" in text
    assert f"from {stored} people" not in text


@pytest.mark.parametrize("command", ["sources", "start", "who", "quotes"])
def test_one_of_a_thing_is_never_plural(session, command):
    args = "Witkoff" if command in ("who", "quotes") else ""
    text = shown(session, command, args)
    assert not re.search(r"(?<![\d,])1 (?:quotes|events|articles|rounds|negotiation rounds)\b",
                         text), text
    if command == "sources":
        assert "1 quote" in text


# ---------------------------------------------------------------- quotes


def test_a_quote_loses_the_comma_that_led_back_into_its_sentence(session):
    text = shown(session, "quotes", "Trump")
    assert "“The people of Israel want this to happen”" in text
    assert "happen,”" not in text


@pytest.mark.parametrize("command", ["quotes", "who"])
def test_newest_first_is_by_the_day_said_or_reported(session, command):
    text = shown(session, command, "Trump")
    days = re.findall(r"^• (?:reported )?(\w{3} \d{1,2} \w{3} \d{4}) · ", text, re.M)
    parsed = [datetime.strptime(d, "%a %d %b %Y").date() for d in days]
    assert len(parsed) >= 3
    assert parsed == sorted(parsed, reverse=True), days


def test_an_inline_card_shows_the_speakers_newest_quote(session):
    from bot.replies.inline import inline_cards

    card = next(c for c in inline_cards(session, "Trump") if c.title == "Donald Trump")
    assert "Tue 1 Jul 2025" not in plain(card.html).split("•", 1)[1]
