"""Settings from the environment (and an optional `.env`), loaded once by the CLI and passed down.

`DatabaseSettings` is the part `loti-bot migrate` needs (a release phase has no Basecamp
credentials to spare); `Settings` is everything the worker needs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PositiveInt, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///data/loti-bot.sqlite3"
DEFAULT_USER_AGENT = "LOTI Women's Digital Leaders bot (https://loti.london)"

# Basecamp rejects (400) a User-Agent without an app name and a way to contact its owner.
_CONTACT = re.compile(r"\S+@\S+\.\S+|https?://\S+")


class SettingsError(Exception):
    """One clear message naming every missing or invalid variable (never their values)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        lines = [f"{name}: {message}" for name, message in problems]
        super().__init__("Invalid settings:\n  " + "\n  ".join(lines))


class DatabaseSettings(BaseSettings):
    """Only the database: enough for `loti-bot migrate`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = Field(default=DEFAULT_DATABASE_URL, min_length=1)

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        # Caught here, a wrong URL is one clear line; later it is a driver traceback.
        scheme = value.partition("://")[0].lower() if "://" in value else ""
        if scheme.split("+")[0] not in ("sqlite", "postgres", "postgresql"):
            raise ValueError(
                "must be a PostgreSQL URL (postgres://user:password@host/name, as a PaaS "
                "add-on gives) or sqlite:///path/to/file.sqlite3"
            )
        return value

    def secret_values(self) -> list[str]:
        """Every secret value, for the log redaction filter."""
        password = _url_password(self.database_url)
        return [password] if password else []


class Settings(DatabaseSettings):
    """Everything the worker needs; secrets are SecretStr so they never print."""

    basecamp_account_id: PositiveInt
    basecamp_access_token: SecretStr
    basecamp_refresh_token: SecretStr | None = None
    basecamp_client_id: str | None = None
    basecamp_client_secret: SecretStr | None = None
    basecamp_user_agent: str = DEFAULT_USER_AGENT
    basecamp_api_url: str = "https://3.basecampapi.com"
    basecamp_launchpad_url: str = "https://launchpad.37signals.com"
    loti_config_dir: Path = Path("config")
    loti_templates_dir: Path = Path("templates")
    loti_poll_seconds: PositiveInt = 60
    # How long a worker's lease lasts without a heartbeat: a killed worker is replaced after
    # at most this long (the heartbeat renews it every quarter of it while a step runs).
    loti_lease_seconds: float = Field(default=75.0, ge=5.0, le=3600.0)
    loti_timezone: str = "Europe/London"

    @field_validator("basecamp_access_token")
    @classmethod
    def _token_not_blank(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("basecamp_user_agent")
    @classmethod
    def _user_agent_has_contact(cls, value: str) -> str:
        if not _CONTACT.search(value):
            raise ValueError(
                "must name the app and give a contact email or URL, "
                "e.g. 'LOTI bot (digital@loti.london)'"
            )
        return value

    @field_validator("basecamp_api_url", "basecamp_launchpad_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("loti_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError("is not a known time zone name, e.g. Europe/London") from err
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The network's time zone."""
        return ZoneInfo(self.loti_timezone)

    def secret_values(self) -> list[str]:
        """Every secret value, for the log redaction filter."""
        secrets = [
            self.basecamp_access_token,
            self.basecamp_refresh_token,
            self.basecamp_client_secret,
        ]
        values = [s.get_secret_value() for s in secrets if s is not None]
        return [v for v in values if v] + super().secret_values()


def _url_password(url: str) -> str | None:
    match = re.match(r"^[a-z0-9+]+://[^:/@]*:([^@/]*)@", url)
    return match.group(1) if match else None


S = TypeVar("S", bound=DatabaseSettings)


def load_settings(
    cls: type[S] = Settings, env_file: str | Path | None = ".env", **overrides: Any
) -> S:
    """Load settings from the environment, raising SettingsError that names each bad variable."""
    try:
        return cls(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as err:
        raise SettingsError(_problems(err)) from None


def _problems(err: ValidationError) -> list[tuple[str, str]]:
    problems = []
    for error in err.errors(include_input=False, include_url=False):
        name = str(error["loc"][0]).upper() if error["loc"] else "SETTINGS"
        if error["type"] == "missing":
            message = "is required but not set"
        else:
            message = error["msg"].removeprefix("Value error, ")
        problems.append((name, message))
    return problems
