"""Filters of the staff chat: where, who, and what the bot waits for."""

from typing import Any

from aiogram import Bot
from aiogram.enums import ChatType
from aiogram.filters import BaseFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from domain.unit_of_work import CityUnitOfWork
from handlers.staff.access import StaffAccess


class StaffInput(StatesGroup):
    text = State()  # the next message of this staff member is the question/answer/number


class InStaffChat(BaseFilter):
    """The main staff chat, or a department's own chat (set through the admin API): a
    department's cards are pressed where they are posted. A private chat is never one, so
    residents' updates cost no read here."""

    async def __call__(
        self, event: Message | CallbackQuery, staff_chat_id: int | None, uow: CityUnitOfWork
    ) -> bool:
        message = event.message if isinstance(event, CallbackQuery) else event
        if message is None or staff_chat_id is None:
            return False
        chat = message.chat
        if chat.id == staff_chat_id:
            return True
        return chat.type != ChatType.PRIVATE and await uow.departments.is_department_chat(chat.id)


class IsStaff(BaseFilter):
    async def __call__(
        self,
        event: Message | CallbackQuery,
        bot: Bot,
        staff_access: StaffAccess,
        uow: CityUnitOfWork,
    ) -> bool | dict[str, Any]:
        user = event.from_user
        return user is not None and await staff_access.is_staff(bot, user.id, uow)


class IsStaffAdmin(BaseFilter):
    """The administrators of the staff chat: they manage the staff table."""

    async def __call__(self, event: Message, bot: Bot, staff_access: StaffAccess) -> bool:
        user = event.from_user
        return user is not None and await staff_access.is_admin(bot, user.id)
