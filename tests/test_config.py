"""Settings: every bad value stops the program with one line naming the setting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.startup import RedactToken

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("TELEGRAM_BASE_URL", "ftp://example.org"),
        ("DATABASE_URL", "mysql://localhost/db"),
        ("ADMIN_USER_IDS", "12, bob"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus_Mons"),
        ("DIGEST_DEFAULT_TIME", "25:61"),
        ("LOG_LEVEL", "LOUD"),
        ("WEBHOOK_URL", "http://example.org/hook"),
        ("WEBHOOK_SECRET", "has spaces and ünicode"),
        ("WEBHOOK_PORT", "99999"),
        ("WEBHOOK_PORT", "eighty"),
        ("DIGEST_LATE_WINDOW_HOURS", "0"),
        ("DIGEST_LATE_WINDOW_HOURS", "-3"),
        ("DIGEST_LATE_WINDOW_HOURS", "six"),
        ("STORY", "Ga"),
    ],
)
def test_bad_value_names_the_setting_and_what_it_accepts_in_one_line(
    settings, monkeypatch, setting, value
):
    monkeypatch.setenv(setting, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"Configuration error: {setting} must ")
    assert "\n" not in message
    # pydantic's own wording names neither the setting nor an accepted value
    assert "Input should" not in message and "String should" not in message


def test_every_setting_says_what_it_accepts():
    from bot.config import ACCEPTED, Settings

    assert set(ACCEPTED) == set(Settings.model_fields)


def test_a_webhook_without_a_secret_is_refused_at_start_with_both_names(settings, monkeypatch):
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("Configuration error: WEBHOOK_SECRET must be set when WEBHOOK_URL")
    assert "\n" not in message


def test_bad_token_is_never_echoed(settings, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "secret-value-123")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "secret-value-123" not in str(caught.value)


def test_good_values_are_parsed(settings, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("ADMIN_USER_IDS", "12, 34 56")
    monkeypatch.setenv("DIGEST_DEFAULT_TIME", "7:30")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db:5432/timeline")
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:8081/bot/")
    loaded = load_settings()
    assert loaded.admin_user_ids == {12, 34, 56}
    assert loaded.digest_default_time.strftime("%H:%M") == "07:30"
    assert loaded.database_url == "postgresql+psycopg://u@db:5432/timeline"
    assert loaded.telegram_base_url == "http://127.0.0.1:8081/bot"
    assert loaded.file_base_url == "http://127.0.0.1:8081/file/bot"
    assert TOKEN not in repr(loaded)


def test_env_example_loads_as_is(settings, tmp_path):
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    loaded = load_settings()
    assert loaded.telegram_bot_token is None
    assert loaded.webhook_url is None
    assert loaded.default_timezone == "UTC"


def test_env_example_documents_every_setting():
    from bot.config import Settings

    documented = (ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        assert name.upper() in documented, f"{name.upper()} missing from .env.example"


def test_cli_with_bad_setting_prints_one_line_and_no_traceback(tmp_path):
    env = {
        **os.environ,
        "DEFAULT_TIMEZONE": "Nowhere/Land",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/latest"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Configuration error: DEFAULT_TIMEZONE must be an IANA time zone such as Europe/London"
    ]
    assert "Traceback" not in done.stdout + done.stderr


def test_token_is_masked_in_log_lines():
    import logging

    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "POST https://api.telegram.org/bot%s/getMe",
        (TOKEN,),
        None,
    )
    RedactToken(TOKEN).filter(record)
    assert TOKEN not in record.getMessage()
    assert "/bot***/getMe" in record.getMessage()


def test_token_is_masked_in_tracebacks_and_in_handlers_added_later(caplog):
    import logging

    from bot.startup import protect_token

    protect_token(TOKEN)
    logger = logging.getLogger("telegram.ext.test")
    with caplog.at_level(logging.ERROR):
        try:
            raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")
        except RuntimeError:
            logger.exception("request for %s failed", TOKEN.split(":")[1])
    (record,) = caplog.records
    shown = caplog.handler.format(record)
    assert "Traceback" in shown and "RuntimeError" in shown
    assert TOKEN not in shown and TOKEN.split(":")[1] not in shown
    assert "/bot***/sendMessage" in shown or "/bot123456789:***/sendMessage" in shown
