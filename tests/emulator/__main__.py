"""``python -m tests.emulator``: the Bot API emulator and its control API in this process.

Both listen on 127.0.0.1 on free ports, announced as one JSON line on stdout; see
tests/emulator/control.py for the control API.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from tests.emulator.control import serve
from tests.emulator.server import BotApiEmulator


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--token", default="123456:TEST-TOKEN", help="the bot's token")
    parser.add_argument("--bot-username", default="TimelineTestBot")
    parser.add_argument(
        "--enforce-flood-limits", action="store_true", help="answer 429 past Telegram's limits"
    )
    parser.add_argument(
        "--no-privacy-mode", action="store_true", help="the bot sees every group message"
    )
    parser.add_argument(
        "--exit-with-stdin",
        action="store_true",
        help="stop when stdin closes: a parent that dies, even killed, takes the emulator along",
    )
    return parser.parse_args(argv)


async def _main(options: argparse.Namespace) -> None:
    emulator = BotApiEmulator(
        token=options.token,
        bot_username=options.bot_username,
        enforce_flood_limits=options.enforce_flood_limits,
        privacy_mode=not options.no_privacy_mode,
    )
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    if options.exit_with_stdin:
        loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.read(1) or stopping.set())
    await serve(emulator, stopping)


def main(argv: list[str]) -> int:
    options = _arguments(argv)
    # Rejections of the bot's calls are warnings; they reach stderr, stdout stays the port line.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(_main(options))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
