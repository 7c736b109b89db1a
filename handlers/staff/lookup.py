"""Staff commands: /find KZN-000123 shows a request's card, /overdue lists what is late."""

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.account import author_phone
from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.requests import parse_number
from domain.services.deadlines_watch import overdue
from domain.services.staff_actions import reply_audience, staff_name
from domain.unit_of_work import CityUnitOfWork
from handlers.staff import texts
from handlers.staff.filters import IsStaff
from handlers.staff.keyboards import staff_card


async def find(
    message: Message,
    command: CommandObject,
    uow: CityUnitOfWork,
    clock: Clock,
    districts: DistrictDirectory,
    i18n: I18n,
) -> None:
    number = parse_number(command.args or "")
    request = await uow.requests.get(number) if number is not None else None
    if request is None or request.id is None:
        await message.reply(_("Не нашёл такую заявку. Пример: /find KZN-000123"))
        return
    category = await uow.categories.get(request.category)
    history = await uow.requests.history(request.id)
    locale = i18n.current_locale  # the staff chat's language (the locale middleware)
    district = districts.name(request.place.district, locale) if request.place.district else None
    phone = await author_phone(uow.users, request)
    assignee = await staff_name(uow, request.assignee_id)
    text = texts.staff_card(
        request,
        category,
        history,
        locale,
        clock.now(),
        district,
        phone=phone,
        assignee=assignee,
    )
    keyboard = staff_card(request, await reply_audience(uow, request))
    await message.answer(text, reply_markup=keyboard)


async def overdue_command(message: Message, uow: CityUnitOfWork, clock: Clock) -> None:
    now = clock.now()
    title = _("Просроченные и со сроком в ближайшие сутки")
    await message.answer(texts.overdue_list(await overdue(uow, now), now, title))


def register(router: Router) -> None:
    router.message.register(find, Command("find"), IsStaff())
    router.message.register(overdue_command, Command("overdue"), IsStaff())
