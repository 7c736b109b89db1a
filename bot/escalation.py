"""Who is written to directly when a request passes its deadline (domain/services/
deadline_bands.py): the people behind the request's queue, asked of Telegram at the time."""

import logging
import time
from collections.abc import Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from domain.requests import Request
from domain.services.deadline_bands import EscalationRecipients

logger = logging.getLogger(__name__)


async def escalation_recipients(
    bot: Bot, staff_chat_id: int | None, request: Request
) -> Sequence[int]:
    """The staff chat's administrators (people, not bots); the department's head is added by
    the deadline pass itself (domain/services/deadline_bands.py)."""
    if staff_chat_id is None:
        return []
    try:
        members = await bot.get_chat_administrators(staff_chat_id)
    except TelegramAPIError as error:  # the chat gone, the bot removed: the chat is told
        logger.warning("no administrators of the staff chat for %s: %s", request.number, error)
        return []
    return [member.user.id for member in members if not member.user.is_bot]


ADMINS_KEPT_S = 600.0  # one pass escalating many requests asks Telegram once


def recipients_for(bot: Bot, staff_chat_id: int | None) -> EscalationRecipients:
    """escalation_recipients for this bot, the answer kept for a few minutes: the staff chat's
    administrators are the same for every request (the department's head is added by the
    deadline pass itself)."""
    kept: list[tuple[float, Sequence[int]]] = []

    async def recipients(request: Request) -> Sequence[int]:
        now = time.monotonic()
        if not kept or kept[0][0] < now:
            found = await escalation_recipients(bot, staff_chat_id, request)
            kept[:] = [(now + ADMINS_KEPT_S, found)]
        return kept[0][1]

    return recipients
