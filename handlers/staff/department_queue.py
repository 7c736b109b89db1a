"""/queue: what a department has open, oldest first — in a department's chat, that
department's; elsewhere, the departments the sender heads."""

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import I18n

from domain.clock import Clock
from domain.services.departments import department_queue
from domain.unit_of_work import CityUnitOfWork
from handlers.staff import department_texts as texts
from handlers.staff.filters import IsStaff


async def queue_command(message: Message, uow: CityUnitOfWork, clock: Clock, i18n: I18n) -> None:
    assert message.from_user is not None
    queues = await department_queue(uow, message.chat.id, message.from_user.id)
    if not queues:
        await message.reply(texts.no_queue())
        return
    now = clock.now()
    for department, requests in queues:
        text = texts.queue(department.name(i18n.current_locale), requests, now)
        await message.answer(text)  # 50 lines at most: within 4096


def register(router: Router) -> None:
    router.message.register(queue_command, Command("queue"), IsStaff())
