"""Text typed while several requests wait, kept until the person says which it answers."""

from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey


class PendingAnswers:
    """Keyed by the message that asks, so two such questions never mix (FSM storage, a
    destiny of its own: no form is opened, and the next message is free)."""

    DESTINY = "pending_answers"
    KEPT = 10

    def __init__(self, state: FSMContext) -> None:
        self._storage = state.storage
        self._key = StorageKey(
            state.key.bot_id, state.key.chat_id, state.key.user_id, destiny=self.DESTINY
        )

    async def keep(self, asked_in: int, text: str | None, photo: str | None) -> None:
        pending = await self._storage.get_data(self._key)
        pending[str(asked_in)] = {"text": text, "photo": photo}
        await self._storage.set_data(self._key, dict(list(pending.items())[-self.KEPT :]))

    async def take(self, asked_in: int) -> dict[str, str | None] | None:
        pending = await self._storage.get_data(self._key)
        kept = pending.pop(str(asked_in), None)
        if kept is not None:
            await self._storage.set_data(self._key, pending)
        return kept
