"""People who talk to the bot."""

from dataclasses import dataclass
from datetime import datetime

SUPPORTED_LOCALES = ("ru", "tt", "en")
DEFAULT_LOCALE = "ru"


def locale_from_client(language_code: str | None, default: str = DEFAULT_LOCALE) -> str:
    """Telegram gives 'ru', 'en-GB', 'tt'...; anything we do not speak falls back to default."""
    if not language_code:
        return default
    base = language_code.split("-")[0].lower()
    return base if base in SUPPORTED_LOCALES else default


@dataclass(frozen=True, slots=True)
class User:
    id: int  # the Telegram user id
    first_name: str
    locale: str
    created_at: datetime
    username: str | None = None
    blocked_bot: bool = False
    locale_chosen: bool = False  # the person picked a language, not just inherited the client's
    phone: str | None = None  # only from Telegram's contact button, only with consent
    consent_version: str | None = None  # the personal-data text the person agreed to
    consent_at: datetime | None = None

    @property
    def has_consent(self) -> bool:
        return self.consent_version is not None
