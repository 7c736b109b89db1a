"""Which stateless messages answer staff: content that can be an answer, a reply to one of
the bot's messages about a request, or the next message while requests wait."""

import re
from typing import Any

from aiogram import Bot, F
from aiogram.filters import Filter
from aiogram.types import Message
from aiogram.utils.i18n import lazy_gettext as __

from domain.requests import NUMBER_PREFIX
from domain.services.resident_answers import awaiting_answer
from domain.unit_of_work import CityUnitOfWork
from domain.users import User

# The request's number opens the first line of every card, notice and confirmation the bot
# sends a resident, in every language: a reply to any of them names its request.
_NUMBER = re.compile(re.escape(NUMBER_PREFIX) + r"(\d{1,9})")
# Not a command, an inline result, nor the «✖️ Отмена» of a reply keyboard left on screen.
ANSWER_CONTENT = (
    F.text & ~F.text.startswith("/") & (F.text != __("✖️ Отмена")) & F.via_bot.is_(None)
) | F.photo


class RepliedRequest(Filter):
    async def __call__(self, message: Message, bot: Bot) -> bool | dict[str, Any]:
        replied = message.reply_to_message
        if replied is None or replied.from_user is None or replied.from_user.id != bot.id:
            return False
        first_line = (replied.text or replied.caption or "").split("\n", 1)[0]
        found = _NUMBER.search(first_line)
        return {"request_id": int(found.group(1))} if found else False


class Waiting(Filter):
    """Staff wait for the person's answer on at least one request."""

    async def __call__(
        self, message: Message, uow: CityUnitOfWork, user: User
    ) -> bool | dict[str, Any]:
        waiting = await awaiting_answer(uow, user.id)
        return {"waiting": waiting} if waiting else False
