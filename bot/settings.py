"""Configuration from the environment and `.env`; the only place settings are read."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal, Self
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.booking.bookings import BookingPolicy

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'mykazan.sqlite3'}"
# The sandbox (`mykazan sandbox`) writes demo data: its own file, never the production one.
DEFAULT_SANDBOX_DATABASE_URL = f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'sandbox.sqlite3'}"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
TOKEN_PATTERN = r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$"
ADMIN_TOKEN_MIN = 16  # a bearer token short enough to guess is no protection
# What hosting providers hand out (postgres://, postgresql://) means the async driver here.
_POSTGRES_SCHEMES = ("postgres://", "postgresql://", "postgresql+asyncpg://")


def async_database_url(url: str) -> str:
    """`postgres://…` and `postgresql://…` as `postgresql+asyncpg://…` (the driver the bot
    runs on: SQLAlchemy alone would pick psycopg2); any other URL unchanged."""
    for scheme in _POSTGRES_SCHEMES:
        if url.startswith(scheme):
            return "postgresql+asyncpg://" + url.removeprefix(scheme)
    return url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=PROJECT_ROOT / ".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    bot_token: SecretStr | None = None
    telegram_api_base: str = "https://api.telegram.org"
    database_url: str = DEFAULT_DATABASE_URL
    sandbox_database_url: str = DEFAULT_SANDBOX_DATABASE_URL
    redis_url: str | None = None
    staff_chat_id: int | None = None
    default_locale: Literal["ru", "tt", "en"] = "ru"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=1, le=65535)
    # Where people reach this web server from outside (e.g. https://kazan.example): the bot's
    # request cards link to {PUBLIC_BASE_URL}/r/KZN-000123. None: the cards carry no link.
    public_base_url: str | None = None
    # The photos staff made public are fetched from the Bot API once and kept in memory, up to
    # this many megabytes per process (0: fetched on every view).
    public_photo_cache_mb: int = Field(default=32, ge=0, le=1024)
    # Several bot processes share WEB_PORT (SO_REUSEPORT; the kernel spreads the webhook's
    # connections): webhook mode only, where Telegram keeps each chat's updates in order.
    web_reuse_port: bool = False
    data_dir: Path = PROJECT_ROOT / "data"
    locales_dir: Path = PROJECT_ROOT / "locales"
    throttle_rate: float = Field(default=5.0, gt=0, description="updates per second per user")
    throttle_burst: int = Field(default=20, ge=1)
    # Telegram lets a bot post about 20 messages a minute into one group (the staff chat):
    # replies and cards together are paced to it. Only a test against a stand-in that does
    # not enforce it (or a bot Telegram granted more) raises it.
    group_messages_per_minute: float = Field(default=20.0, gt=0, le=600)
    # The bot's overall budget, replies and notices together, shared by all its processes
    # (through Redis): Telegram's 30 a second. Raised only for a bot Telegram allows more
    # (paid broadcasts: up to 1000) or against a stand-in, as the benchmarks do.
    messages_per_second: float = Field(default=30.0, gt=0, le=1000)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Art-prospect booking rules (domain/booking/bookings.py BookingPolicy).
    booking_per_week: int = Field(default=3, ge=1, le=21)
    booking_horizon_days: int = Field(default=30, ge=1, le=90)
    booking_cancel_before_minutes: int = Field(default=120, ge=0, le=7 * 24 * 60)
    booking_offer_minutes: int = Field(default=30, ge=5, le=24 * 60)
    booking_no_show_limit: int = Field(default=2, ge=1, le=10)
    booking_suspension_days: int = Field(default=14, ge=1, le=365)
    # No check-in this long after a slot starts: a no-show, the slot offered to the waiting list.
    booking_check_in_minutes: int = Field(default=15, ge=5, le=120)
    booking_check_in_radius_m: int = Field(default=150, ge=20, le=2000)
    # Comma-separated in the environment (NoDecode: not parsed as a JSON list).
    admin_api_tokens: Annotated[tuple[SecretStr, ...] | None, NoDecode] = None
    # Keys of partner apps and city systems that may file requests through Open311 (POST
    # /open311/v2/requests.json with api_key=...); comma-separated. None: filing is off.
    open311_api_keys: Annotated[tuple[SecretStr, ...] | None, NoDecode] = None

    @model_validator(mode="after")
    def _shared_port_needs_a_webhook(self) -> Self:
        if self.web_reuse_port and not self.webhook_url:
            # Two processes long polling would take each other's updates (Telegram's 409).
            raise ValueError(
                "WEB_REUSE_PORT is for several processes in webhook mode: set WEBHOOK_URL"
            )
        return self

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("use 1-256 characters: letters, digits, _ and -")
        return value

    @field_validator("admin_api_tokens", "open311_api_keys", mode="before")
    @classmethod
    def _split_tokens(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            value = tuple(t for t in (str(t).strip() for t in value) if t)
            if any(len(token) < ADMIN_TOKEN_MIN for token in value):
                raise ValueError(f"each token needs at least {ADMIN_TOKEN_MIN} characters")
        return value

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.match(TOKEN_PATTERN, value.get_secret_value()):
            raise ValueError("must look like 123456789:AA... (the token @BotFather gave you)")
        return value

    @field_validator("telegram_api_base", "webhook_url", "public_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else value

    @field_validator("webhook_url")
    @classmethod
    def _https_webhook(cls, value: str | None) -> str | None:
        # Telegram delivers webhooks over HTTPS only; plain HTTP is for a local Bot API server.
        host = urlsplit(value).hostname if value else None
        if value and value.startswith("http://") and host not in LOOPBACK_HOSTS:
            raise ValueError("Telegram needs https:// (http:// only for 127.0.0.1/localhost)")
        return value

    @field_validator("database_url", "sandbox_database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        value = async_database_url(value)
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "use sqlite+aiosqlite:///path or postgresql://user@host/db "
                "(postgres:// and postgresql+asyncpg:// work too)"
            )
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis:// (e.g. redis://127.0.0.1:6379/0)")
        return value or None

    def booking_policy(self) -> BookingPolicy:
        return BookingPolicy(
            per_week=self.booking_per_week,
            horizon_days=self.booking_horizon_days,
            cancel_before=timedelta(minutes=self.booking_cancel_before_minutes),
            offer_ttl=timedelta(minutes=self.booking_offer_minutes),
            no_show_limit=self.booking_no_show_limit,
            suspension=timedelta(days=self.booking_suspension_days),
            check_in_grace=timedelta(minutes=self.booking_check_in_minutes),
            check_in_radius_m=self.booking_check_in_radius_m,
        )

    def require_token(self) -> str:
        if self.bot_token is None:
            raise ConfigError(
                "BOT_TOKEN is not set: put BOT_TOKEN=<the token from @BotFather> into .env "
                "(copy .env.example to .env to start)"
            )
        return self.bot_token.get_secret_value()


class ConfigError(Exception):
    """A configuration problem, explained in one line naming the variable."""


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "configuration"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message} (check .env or the environment)") from None
