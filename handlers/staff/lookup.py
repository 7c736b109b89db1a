"""Staff commands: /find KZN-000123 shows a request's card, /overdue lists what is late."""

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.requests import parse_number
from domain.services.deadlines_watch import overdue
from domain.services.staff_card_view import staff_card_view
from domain.unit_of_work import CityUnitOfWork
from handlers.staff import texts
from handlers.staff.card_message import card_message
from handlers.staff.filters import IsStaff


async def find(
    message: Message,
    command: CommandObject,
    uow: CityUnitOfWork,
    clock: Clock,
    districts: DistrictDirectory,
    i18n: I18n,
) -> None:
    number = parse_number(command.args or "")
    view = await staff_card_view(uow, number) if number is not None else None
    if view is None:
        await message.reply(_("Не нашёл такую заявку. Пример: /find KZN-000123"))
        return
    locale = i18n.current_locale  # the staff chat's language (the locale middleware)
    text, keyboard = card_message(view, locale, clock.now(), districts)
    await message.answer(text, reply_markup=keyboard)


async def overdue_command(message: Message, uow: CityUnitOfWork, clock: Clock) -> None:
    now = clock.now()
    title = _("Просроченные и со сроком в ближайшие сутки")
    await message.answer(texts.overdue_list(await overdue(uow, now), now, title))


def register(router: Router) -> None:
    router.message.register(find, Command("find"), IsStaff())
    router.message.register(overdue_command, Command("overdue"), IsStaff())
