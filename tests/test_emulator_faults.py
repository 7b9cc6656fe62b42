"""The Bot API emulator fails where bots fail in production (429, 5xx, 403, migration, slow
answers, flood limits), serves webhooks, and runs a real Application end to end."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import (
    Bot,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CommandHandler, ContextTypes

from tests.emulator import BotApiEmulator, FloodLimits
from tests.emulator.faults import FloodControl
from tests.emulator.fixtures import PRIVATE, free_port, polling

# --- faults -------------------------------------------------------------------------------


async def test_injected_429_carries_retry_after_then_the_call_succeeds(emulator, emulator_bot, ann):
    emulator.fail_next("sendMessage", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await emulator_bot.send_message(PRIVATE, "x")
    assert "Retry in 7 seconds" in str(caught.value)
    await emulator_bot.send_message(PRIVATE, "x")
    assert [r.cause for r in emulator.rejected] == ["fault"] and emulator.check_failures == []
    assert len(emulator.sent) == 1


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_injected_server_errors_are_network_errors(emulator, emulator_bot, ann, status):
    emulator.fail_next("sendMessage", status=status, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await emulator_bot.send_message(PRIVATE, "x")
    await emulator_bot.send_message(PRIVATE, "x")


async def test_polling_survives_an_injected_502_on_get_updates(emulator, emulator_bot, ann):
    emulator.fail_next("getUpdates", status=502)
    emulator.send_text(ann, PRIVATE, "/rounds")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await emulator_bot.get_updates()
    assert [u.message.text for u in await emulator_bot.get_updates()] == ["/rounds"]


async def test_injected_fault_for_one_chat_spares_the_others(emulator, emulator_bot, ann):
    emulator.private_chat(77)
    emulator.fail_next("sendMessage", chat_id=77, status=502)
    await emulator_bot.send_message(PRIVATE, "fine")
    with pytest.raises(NetworkError):
        await emulator_bot.send_message(77, "fails")


async def test_blocked_user_and_kicked_bot_are_forbidden(emulator, emulator_bot, ann):
    emulator.group_chat(-800)
    emulator.block_user(PRIVATE)
    emulator.kick_bot(-800)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await emulator_bot.send_message(PRIVATE, "x")
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await emulator_bot.send_message(-800, "x")
    assert {r.cause for r in emulator.rejected} == {"state"}


async def test_migrated_group_answers_with_the_new_chat_id(emulator, emulator_bot):
    group = emulator.group_chat(-900, "Desk", admins={5})
    emulator.migrate_group(-900, -1001234567890)
    with pytest.raises(ChatMigrated) as caught:
        await emulator_bot.send_message(-900, "x")
    assert caught.value.new_chat_id == -1001234567890
    messages = [u.message for u in await emulator_bot.get_updates()]
    assert messages[0].migrate_to_chat_id == -1001234567890 and messages[0].chat.id == group.id
    assert messages[1].migrate_from_chat_id == -900
    sent = await emulator_bot.send_message(-1001234567890, "x")
    assert sent.chat.type == "supergroup"


async def test_slow_answer_after_execution_times_out_but_the_message_is_sent(
    emulator, emulator_bot, ann
):
    emulator.delay_next("sendMessage", seconds=0.5, executed=True)
    with pytest.raises(TimedOut):
        await emulator_bot.send_message(PRIVATE, "maybe", read_timeout=0.1)
    assert [s.text for s in emulator.sent] == ["maybe"]


async def test_held_request_that_the_client_abandons_is_never_executed(emulator, emulator_bot, ann):
    emulator.delay_next("sendMessage", seconds=0.3, executed=False)
    with pytest.raises(TimedOut):
        await emulator_bot.send_message(PRIVATE, "lost", read_timeout=0.1)
    await asyncio.sleep(0.4)
    assert emulator.sent == []


async def test_flood_limits_answer_429_past_the_per_chat_budget():
    limits = FloodLimits(private_per_second=0.001, private_burst=3, group_per_minute=0.06)
    async with BotApiEmulator(enforce_flood_limits=True, flood_limits=limits) as emu:
        emu.private_chat(PRIVATE)
        emu.group_chat(-1)
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            for _ in range(3):
                await bot.send_message(PRIVATE, "x")
            with pytest.raises(RetryAfter):
                await bot.send_message(PRIVATE, "x")
            with pytest.raises(RetryAfter):
                await bot.send_message(-1, "x")
        assert {r.cause for r in emu.rejected} == {"state"}


def test_flood_control_follows_telegrams_published_limits():
    now = [0.0]
    flood = FloodControl(FloodLimits(), clock=lambda: now[0])
    for _ in range(3):
        flood.admit(1)
    with pytest.raises(Exception, match="retry after 1"):
        flood.admit(1)
    now[0] += 1.0
    flood.admit(1)  # one message a second once the burst is spent
    for _ in range(20):
        flood.admit(-5)
    with pytest.raises(Exception, match="retry after 3"):
        flood.admit(-5)  # twenty a minute in a group


def test_flood_control_caps_all_chats_at_30_a_second():
    now = [0.0]
    flood = FloodControl(FloodLimits(), clock=lambda: now[0])
    for chat_id in range(1, 31):
        flood.admit(chat_id)
    with pytest.raises(Exception, match="retry after 1"):
        flood.admit(31)
    now[0] += 0.5
    for chat_id in range(32, 47):
        flood.admit(chat_id)


# --- webhook mode -------------------------------------------------------------------------


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, list, list[int]]]:
    """A tiny webhook server: records each update and its secret header; answers 500 to
    as many deliveries as there are entries in the returned failure list."""
    received: list[tuple[dict, str | None]] = []
    failures: list[int] = []

    async def hook(request: web.Request) -> web.Response:
        if failures:
            failures.pop()
            return web.Response(status=500)
        received.append(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/hook", received, failures
    await runner.cleanup()


async def test_webhook_receives_updates_with_the_secret_and_blocks_polling(
    emulator, emulator_bot, ann, receiver
):
    url, received, failures = receiver
    failures.append(1)
    await emulator_bot.set_webhook(url, secret_token="s3cret_token-1")
    emulator.send_text(ann, PRIVATE, "/rounds")
    await emulator.wait_for(lambda: received)
    update, secret = received[0]
    assert update["message"]["text"] == "/rounds" and secret == "s3cret_token-1"
    info = await emulator_bot.get_webhook_info()
    assert info.url == url and "500" in info.last_error_message
    with pytest.raises(Conflict, match="webhook is active"):
        await emulator_bot.get_updates()
    await emulator_bot.delete_webhook()
    emulator.send_text(ann, PRIVATE, "/digest")
    assert [u.message.text for u in await emulator_bot.get_updates()] == ["/digest"]


async def test_webhook_must_be_local_with_a_well_formed_secret(emulator_bot):
    with pytest.raises(BadRequest, match="Bad webhook"):
        await emulator_bot.set_webhook("https://example.org/hook")
    with pytest.raises(BadRequest, match="Secret token contains unallowed characters"):
        await emulator_bot.set_webhook("http://127.0.0.1:9/hook", secret_token="no spaces")


# --- a real Application -------------------------------------------------------------------


def build_echo_app(emu: BotApiEmulator) -> Application:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_html(f"echo: <b>{' '.join(context.args)}</b>")

    app = emu.application_builder().build()
    app.add_handler(CommandHandler("echo", echo))
    return app


async def test_application_polling_answers_commands_in_private_and_group(emulator):
    async with polling(build_echo_app(emulator)):
        private = emulator.private_chat(7, "Nour")
        group = emulator.group_chat(-100, "Desk")
        emulator.send_text(private, 7, "/echo مرحبا 😀")
        emulator.send_text(group, 8, "/echo@OtherBot not for us")
        asked = emulator.send_text(group, 8, "/echo@TimelineTestBot group")
        await emulator.wait_for(lambda: len(emulator.sent) >= 2)
        await emulator.wait_idle()
    assert [m.plain_text for m in emulator.messages_to(7)] == ["echo: مرحبا 😀"]
    group_replies = emulator.messages_to(-100)
    assert [m.plain_text for m in group_replies] == ["echo: group"]
    assert group_replies[0].reply_to_message_id == asked
    assert emulator.rejected == []


async def test_application_in_webhook_mode_answers_through_its_own_server(emulator):
    app = build_echo_app(emulator)
    port = free_port()
    await app.initialize()
    await app.start()
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="tg",
        webhook_url=f"http://127.0.0.1:{port}/tg",
        secret_token="hook-secret",
    )
    try:
        chat = emulator.private_chat(9)
        emulator.send_text(chat, 9, "/echo hooked")
        await emulator.wait_for(lambda: emulator.messages_to(9))
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert emulator.messages_to(9)[0].plain_text == "echo: hooked"
    assert emulator.calls_to("setWebhook")[0].params["secret_token"] == "hook-secret"
    assert emulator.rejected == []
