"""The language of a group chat (the staff chat).

Everyone in a group reads the same messages, so the chat has one language, chosen by its staff
with /language and Russian until then; a person's own language is for their private chat.
"""

from domain.clock import Clock
from domain.errors import InvalidInput
from domain.ports import ChatSettingsRepository
from domain.users import DEFAULT_LOCALE, SUPPORTED_LOCALES


async def chat_locale(
    settings: ChatSettingsRepository, chat_id: int, default: str = DEFAULT_LOCALE
) -> str:
    stored = await settings.locale(chat_id)
    return stored if stored in SUPPORTED_LOCALES else default


async def set_chat_locale(
    settings: ChatSettingsRepository, clock: Clock, chat_id: int, locale: str
) -> None:
    if locale not in SUPPORTED_LOCALES:
        raise InvalidInput(f"unsupported locale {locale!r}")
    await settings.set_locale(chat_id, locale, clock.now())
