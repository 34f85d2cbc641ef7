"""Settings: errors name the variable, secrets never print; logs mask secret values."""

from __future__ import annotations

import io
import logging

import pytest
from pydantic import SecretStr

from bot.logs import MASK, RedactingFilter, setup_logging
from bot.settings import DatabaseSettings, Settings, SettingsError, load_settings

TOKEN = "BAhbB0kiAbB7ImNsaWVudF9pZCI6ImFjY2Vzcy10b2tlbi1zZWNyZXQ"
REFRESH = "refresh-secret-0123456789abcdef"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean environment with valid settings (tests then break one thing)."""
    import os

    for name in list(os.environ):
        if name.startswith(("BASECAMP_", "LOTI_")) or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("BASECAMP_ACCOUNT_ID", "999999")
    monkeypatch.setenv("BASECAMP_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("BASECAMP_REFRESH_TOKEN", REFRESH)
    return monkeypatch


class TestLoading:
    def test_defaults(self, env: pytest.MonkeyPatch) -> None:
        s = load_settings(env_file=None)
        assert s.basecamp_account_id == 999999
        assert s.basecamp_api_url == "https://3.basecampapi.com"
        assert s.database_url.startswith("sqlite:///")
        assert s.loti_poll_seconds == 60
        assert str(s.tz) == "Europe/London"
        assert str(s.loti_config_dir) == "config"

    def test_env_file_is_read(self, env: pytest.MonkeyPatch, tmp_path) -> None:
        env.delenv("BASECAMP_ACCOUNT_ID")
        dotenv = tmp_path / ".env"
        dotenv.write_text("BASECAMP_ACCOUNT_ID=4242\nLOTI_POLL_SECONDS=15\n")
        s = load_settings(env_file=dotenv)
        assert (s.basecamp_account_id, s.loti_poll_seconds) == (4242, 15)

    def test_migrate_needs_only_the_database(self, env: pytest.MonkeyPatch) -> None:
        env.delenv("BASECAMP_ACCESS_TOKEN")
        env.setenv("DATABASE_URL", "postgres://u@h/db")
        assert load_settings(DatabaseSettings, env_file=None).database_url == "postgres://u@h/db"


class TestErrors:
    def test_missing_variables_are_named_together(self, env: pytest.MonkeyPatch) -> None:
        env.delenv("BASECAMP_ACCOUNT_ID")
        env.delenv("BASECAMP_ACCESS_TOKEN")
        with pytest.raises(SettingsError) as caught:
            load_settings(env_file=None)
        text = str(caught.value)
        assert "BASECAMP_ACCOUNT_ID: is required but not set" in text
        assert "BASECAMP_ACCESS_TOKEN: is required but not set" in text
        assert caught.value.__cause__ is None and caught.value.__suppress_context__

    @pytest.mark.parametrize(
        ("name", "value", "fragment"),
        [
            ("BASECAMP_ACCOUNT_ID", "not-a-number", "integer"),
            ("BASECAMP_ACCOUNT_ID", "-5", "greater than 0"),
            ("LOTI_POLL_SECONDS", "0", "greater than 0"),
            ("LOTI_TIMEZONE", "Europe/Londres", "time zone"),
            ("BASECAMP_USER_AGENT", "Network helper", "contact email or URL"),
            ("BASECAMP_API_URL", "3.basecampapi.com", "http"),
        ],
    )
    def test_invalid_value_names_the_variable_not_the_value(
        self, env: pytest.MonkeyPatch, name: str, value: str, fragment: str
    ) -> None:
        env.setenv(name, value)
        with pytest.raises(SettingsError) as caught:
            load_settings(env_file=None)
        text = str(caught.value)
        assert f"{name}:" in text
        assert fragment in text
        if len(value) > 3:  # the value is not echoed (short ones like "0" occur in any message)
            assert value not in text.replace(f"{name}:", "")
        assert [p[0] for p in caught.value.problems] == [name]

    def test_blank_token_is_an_error_without_echo(self, env: pytest.MonkeyPatch) -> None:
        env.setenv("BASECAMP_ACCESS_TOKEN", "   ")
        with pytest.raises(SettingsError, match="BASECAMP_ACCESS_TOKEN: must not be empty"):
            load_settings(env_file=None)

    def test_invalid_settings_never_print_secrets(self, env: pytest.MonkeyPatch) -> None:
        env.setenv("BASECAMP_CLIENT_SECRET", "client-secret-xyz-123456")
        env.setenv("LOTI_POLL_SECONDS", "soon")
        with pytest.raises(SettingsError) as caught:
            load_settings(env_file=None)
        for secret in (TOKEN, REFRESH, "client-secret-xyz-123456"):
            assert secret not in str(caught.value)


class TestSecrets:
    def test_secrets_hidden_in_repr_and_str(self, env: pytest.MonkeyPatch) -> None:
        s = load_settings(env_file=None)
        assert isinstance(s.basecamp_access_token, SecretStr)
        for text in (repr(s), str(s), str(s.model_dump())):
            assert TOKEN not in text
            assert REFRESH not in text
        assert s.basecamp_access_token.get_secret_value() == TOKEN

    def test_secret_values_include_tokens_and_database_password(
        self, env: pytest.MonkeyPatch
    ) -> None:
        env.setenv("DATABASE_URL", "postgres://bot:db-pass-998877@db.internal:5432/loti")
        values = load_settings(env_file=None).secret_values()
        assert set(values) == {TOKEN, REFRESH, "db-pass-998877"}


class TestRedaction:
    def test_filter_masks_message_args_and_traceback(self) -> None:
        stream = io.StringIO()
        logger = logging.getLogger("tests.frame.redaction")
        handler = logging.StreamHandler(stream)
        handler.addFilter(RedactingFilter([TOKEN]))
        logger.addHandler(handler)
        try:
            logger.error("sending %s to basecamp", f"Bearer {TOKEN}")
            try:
                raise RuntimeError(f"token was {TOKEN}")
            except RuntimeError:
                logger.exception("request failed")
        finally:
            logger.removeHandler(handler)
        out = stream.getvalue()
        assert TOKEN not in out
        assert out.count(MASK) == 2
        assert "Bearer [redacted]" in out and "RuntimeError: token was [redacted]" in out

    def test_tokens_added_later_are_masked_too(self) -> None:
        redactor = RedactingFilter()
        assert redactor.redact("new token abcdef123456") == "new token abcdef123456"
        redactor.add("abcdef123456")
        redactor.add("ab")  # too short to be a secret; masking it would garble ordinary words
        assert redactor.redact("new token abcdef123456 about") == f"new token {MASK} about"

    def test_setup_logging_routes_through_the_filter(self) -> None:
        stream = io.StringIO()
        root = logging.getLogger()
        before = (list(root.handlers), root.level)
        setup_logging(secrets=["setup-secret-value-42"], stream=stream)
        try:
            logging.getLogger("bot.test").info("posting with setup-secret-value-42")
        finally:
            root.handlers[:] = before[0]
            root.setLevel(before[1])
        assert "posting with [redacted]" in stream.getvalue()
        assert "setup-secret-value-42" not in stream.getvalue()


def test_settings_class_has_every_documented_variable() -> None:
    names = {n.upper() for n in Settings.model_fields}
    assert names == {
        "BASECAMP_ACCOUNT_ID", "BASECAMP_ACCESS_TOKEN", "BASECAMP_REFRESH_TOKEN",
        "BASECAMP_CLIENT_ID", "BASECAMP_CLIENT_SECRET", "BASECAMP_USER_AGENT",
        "BASECAMP_API_URL", "BASECAMP_LAUNCHPAD_URL", "DATABASE_URL", "LOTI_CONFIG_DIR",
        "LOTI_TEMPLATES_DIR", "LOTI_POLL_SECONDS", "LOTI_LEASE_SECONDS", "LOTI_TIMEZONE",
    }
