"""A group chat's language: set per chat, read by the locale middleware for that chat only."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiogram.types import Chat, Message

from bot.i18n import UserLocaleMiddleware, create_i18n
from domain.clock import FixedClock
from domain.errors import InvalidInput
from domain.services.chat_settings import chat_locale, set_chat_locale
from domain.users import User

NOW = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
STAFF, OTHER_GROUP = -100111, -100222
LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"


@dataclass
class FakeChatSettings:
    stored: dict[int, tuple[str, datetime]] = field(default_factory=dict)

    async def locale(self, chat_id: int) -> str | None:
        found = self.stored.get(chat_id)
        return found[0] if found else None

    async def set_locale(self, chat_id: int, locale: str, at: datetime) -> None:
        self.stored[chat_id] = (locale, at)


@dataclass
class ChatSettingsOnly:
    """The one repository the middleware reads; anything else would fail loudly."""

    chat_settings: FakeChatSettings = field(default_factory=FakeChatSettings)


def person(locale: str) -> User:
    return User(id=7, first_name="Әлфия", username=None, locale=locale, created_at=NOW)


async def test_a_chat_keeps_its_choice_and_others_stay_russian() -> None:
    settings = FakeChatSettings()
    await set_chat_locale(settings, FixedClock(NOW), STAFF, "en")
    assert await chat_locale(settings, STAFF) == "en"
    assert await chat_locale(settings, OTHER_GROUP) == "ru"
    assert settings.stored[STAFF] == ("en", NOW)


async def test_an_unknown_language_is_refused_and_changes_nothing() -> None:
    settings = FakeChatSettings()
    await set_chat_locale(settings, FixedClock(NOW), STAFF, "tt")
    with pytest.raises(InvalidInput):
        await set_chat_locale(settings, FixedClock(NOW), STAFF, "de")
    assert await chat_locale(settings, STAFF) == "tt"


async def test_a_stored_language_no_longer_spoken_falls_back() -> None:
    settings = FakeChatSettings({STAFF: ("fr", NOW)})
    assert await chat_locale(settings, STAFF, default="ru") == "ru"


@pytest.mark.parametrize(
    ("chat_id", "chat_type", "expected"),
    [
        (STAFF, "supergroup", "en"),  # the chat's choice, not the presser's Tatar
        (OTHER_GROUP, "group", "ru"),  # another group is not affected by it
        (7, "private", "tt"),  # a private chat: the person's own language
    ],
)
async def test_the_middleware_picks_the_chats_language_in_groups(
    chat_id: int, chat_type: str, expected: str
) -> None:
    uow = ChatSettingsOnly()
    await set_chat_locale(uow.chat_settings, FixedClock(NOW), STAFF, "en")
    middleware = UserLocaleMiddleware(create_i18n(LOCALES_DIR, "ru"))
    data: dict[str, Any] = {
        "event_chat": Chat(id=chat_id, type=chat_type),
        "uow": uow,
        "user": person("tt"),
    }
    event = Message.model_construct(text="/language")
    assert await middleware.get_locale(event, data) == expected
