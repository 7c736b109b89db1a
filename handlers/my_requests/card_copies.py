"""The message that is a person's live card of each request (FSM storage)."""

import contextlib
import dataclasses

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext


class CardCopies:
    """The message that is a person's live card of each request.

    Why remember and strip rather than always edit one message: a card is opened from
    notices, from the list and after an answer, often far below the last copy; showing it
    where the person is and silencing the older copy keeps every press on a live card.
    Kept in the FSM storage under a destiny of its own, so finishing or cancelling a form
    (which clears the form's data) does not forget it, and several processes share it."""

    DESTINY = "request_cards"
    KEPT = 30  # the newest requests looked at; an older copy simply keeps its buttons

    def __init__(self, state: FSMContext) -> None:
        self._storage = state.storage
        self._key = dataclasses.replace(state.key, destiny=self.DESTINY)

    async def silence_previous(self, bot: Bot | None, request_id: int, keep: int | None) -> None:
        """The copy shown before loses its buttons (unless it is the one being redrawn)."""
        previous = (await self._storage.get_data(self._key)).get(str(request_id))
        if previous is None or previous == keep or bot is None:
            return
        with contextlib.suppress(TelegramBadRequest):  # deleted by hand, or too old
            await bot.edit_message_reply_markup(
                chat_id=self._key.chat_id, message_id=previous, reply_markup=None
            )

    async def remember(self, request_id: int, message_id: int) -> None:
        cards: dict[str, int] = await self._storage.get_data(self._key)
        cards.pop(str(request_id), None)  # re-inserted last: the newest are kept
        cards[str(request_id)] = message_id
        await self._storage.set_data(self._key, dict(list(cards.items())[-self.KEPT :]))

    async def left(self, message_id: int) -> None:
        """The message stopped being a card (it became the list): nothing to strip there."""
        cards: dict[str, int] = await self._storage.get_data(self._key)
        kept = {request: shown for request, shown in cards.items() if shown != message_id}
        if kept != cards:
            await self._storage.set_data(self._key, kept)
