"""gettext catalogues: compiled from the .po files at start-up when missing or stale.

Compiling here (not only in `make i18n`) means a fresh clone runs without a build step and a
translator's edit to a .po file is picked up by the next start.
"""

import logging
from pathlib import Path
from typing import Any

from aiogram.enums import ChatType
from aiogram.types import Chat, TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from domain.ports import UnitOfWork
from domain.services.chat_settings import chat_locale

logger = logging.getLogger(__name__)
DOMAIN = "messages"


def compile_catalogues(locales_dir: Path) -> list[str]:
    compiled = []
    for po_path in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalogue = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalogue)
        compiled.append(po_path.parent.parent.name)
    if compiled:
        logger.info("compiled catalogues: %s", ", ".join(compiled))
    return compiled


def create_i18n(locales_dir: Path, default_locale: str) -> I18n:
    compile_catalogues(locales_dir)
    return I18n(path=locales_dir, default_locale=default_locale, domain=DOMAIN)


class UserLocaleMiddleware(I18nMiddleware):
    """The person's stored locale in a private chat; the chat's own locale in a group.

    In a group (the staff chat) everyone reads the same answers, so they follow the chat's
    setting (/language there), not the language of whoever pressed or typed. The setting is
    read in the update's own transaction each time: one primary-key read per group update,
    and never stale when another process changed it.
    """

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        chat: Chat | None = data.get("event_chat")
        uow: UnitOfWork | None = data.get("uow")
        if chat is not None and chat.type != ChatType.PRIVATE and uow is not None:
            return await chat_locale(uow.chat_settings, chat.id)
        user = data.get("user")
        if user is not None:
            return str(user.locale)
        tg_user: User | None = data.get("event_from_user")
        if tg_user is not None and tg_user.language_code in self.i18n.available_locales:
            return tg_user.language_code
        return self.i18n.default_locale
