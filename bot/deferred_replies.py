"""A reply that could not go after its update's changes were committed goes through the outbox.

Replies are retried in place (bot/reply_pacing.py); what still fails — Telegram answering 5xx
for a while, a 429 wait longer than minutes — leaves the update unconfirmed. An update whose
changes are not committed yet is simply handled again, its replies with it. One whose changes
are committed would be skipped on the replay (the processed-update claim went in with them),
and its answer lost: so that answer is written to the durable outbox, which keeps trying for
half an hour. Nothing a person was told to expect is lost; the text is the one the handler
wrote, in the person's language, with its inline buttons.
"""

import logging
from typing import Any

from aiogram.client.default import Default
from aiogram.methods import SendMessage, TelegramMethod
from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares import current_update
from bot.notifier import RenderedMessage
from domain.clock import Clock
from domain.notifications import Notification, Priority
from storage.uow import SqlUnitOfWork

logger = logging.getLogger(__name__)
DEFERRED_REPLY = "deferred_reply"


class DeferredReplies:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._factory = session_factory
        self._clock = clock

    async def keep(self, method: TelegramMethod[Any]) -> bool:
        """Write the failed send to the outbox if its update's changes are committed (True);
        otherwise the replay of the update sends it (False)."""
        in_hand = current_update.get()
        if in_hand is None or not in_hand.committed or not _deferrable(method):
            return False
        assert isinstance(method, SendMessage) and isinstance(method.chat_id, int)
        markup = method.reply_markup
        buttons = (
            markup.model_dump(exclude_none=True)
            if isinstance(markup, InlineKeyboardMarkup)
            else None
        )
        in_hand.deferred += 1
        notification = Notification(
            key=f"reply:{in_hand.update_id}:{in_hand.deferred}",
            chat_id=method.chat_id,
            kind=DEFERRED_REPLY,
            payload={"text": method.text, "reply_markup": buttons},
            created_at=self._clock.now(),
            priority=Priority.NORMAL,
        )
        async with SqlUnitOfWork(self._factory, self._clock) as uow:
            await uow.outbox.add(notification)
            await uow.commit()
        logger.warning(
            "the reply to update %s could not be sent; it goes through the outbox",
            in_hand.update_id,
        )
        return True


def _deferrable(method: TelegramMethod[Any]) -> bool:
    """A text message in HTML (the bot's default) to a chat by id: what handlers answer with."""
    if not isinstance(method, SendMessage) or not isinstance(method.chat_id, int):
        return False
    return isinstance(method.parse_mode, Default) or method.parse_mode == "HTML"


async def render_deferred_reply(notification: Notification) -> RenderedMessage:
    buttons = notification.payload.get("reply_markup")
    markup = InlineKeyboardMarkup.model_validate(buttons) if buttons else None
    return RenderedMessage(str(notification.payload["text"]), reply_markup=markup)
