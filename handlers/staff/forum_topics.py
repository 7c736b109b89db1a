"""In a forum staff chat, each category's requests live in a topic of their own, unless
their department has a topic of its own.

The renderer opens its own unit of work here (no update, no middleware), so it commits it
(handlers/transaction.py).
"""

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from domain.requests import Request
from domain.unit_of_work import UnitOfWorkFactory
from handlers.transaction import commit_renderer_bookkeeping


class ForumTopics:
    def __init__(self, bot: Bot, open_uow: UnitOfWorkFactory) -> None:
        self._bot = bot
        self._open = open_uow
        self._is_forum: dict[int, bool] = {}

    async def thread_for(self, chat_id: int, request: Request, name: str) -> int | None:
        """The category's topic, created the first time it is needed (None: not a forum).

        Named in the chat's language of that moment; a topic keeps its name afterwards.
        A department's own topic (set through the admin API) takes its requests instead.
        """
        if request.department is not None:
            async with self._open() as uow:
                department = await uow.departments.get(request.department)
            own = department.thread_id if department is not None else None
            if (
                own is not None
                and department is not None
                and department.chat_id in (None, chat_id)
            ):
                return own
        if chat_id not in self._is_forum:
            try:
                self._is_forum[chat_id] = bool((await self._bot.get_chat(chat_id)).is_forum)
            except TelegramAPIError:
                return None  # the send itself will say what is wrong with the chat
        if not self._is_forum[chat_id]:
            return None
        async with self._open() as uow:
            thread = await uow.topics.thread_for(chat_id, request.category)
            if thread is None:
                topic = await self._bot.create_forum_topic(chat_id, name[:128])
                thread = topic.message_thread_id
                await uow.topics.remember(chat_id, request.category, thread)
                # Durable before anything is posted in it: no render ever opens a second one.
                await commit_renderer_bookkeeping(uow)
        return thread
