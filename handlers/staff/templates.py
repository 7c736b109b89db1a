"""`/templates`: the ready-made answers, edited by staff themselves.

`/templates` lists them, `/templates add TEXT` adds one, `/templates remove N` removes one.
"""

from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.errors import InvalidInput
from domain.services.staff_actions import TEXT_MAX
from domain.services.staff_desk import add_template, remove_template
from domain.unit_of_work import CityUnitOfWork
from handlers.staff.filters import IsStaff
from handlers.transaction import commit_before_telling


async def templates_command(
    message: Message, command: CommandObject, uow: CityUnitOfWork, clock: Clock
) -> None:
    assert message.from_user is not None
    verb, _sep, rest = (command.args or "").strip().partition(" ")
    rest = rest.strip()
    if verb == "add":
        try:
            number = await add_template(uow, clock, rest, message.from_user.id)
        except InvalidInput:
            text = _("Шаблон не добавлен: нужен текст длиной до {limit} символов.")
            await message.reply(text.format(limit=TEXT_MAX))
            return
        await commit_before_telling(uow)
        await message.reply(_("Шаблон №{number} добавлен.").format(number=number))
    elif verb == "remove" and rest.isdigit():
        removed = await remove_template(uow, int(rest))
        await commit_before_telling(uow)
        await message.reply(_("Шаблон удалён.") if removed else _("Нет такого шаблона."))
    else:
        listed = "\n".join(f"{n}. {escape(text)}" for n, text in await uow.templates.all())
        await message.reply(
            (listed or _("Шаблонов пока нет."))
            + "\n\n"
            + _("/templates add ТЕКСТ — добавить, /templates remove N — удалить.")
        )


def register(router: Router) -> None:
    router.message.register(templates_command, Command("templates"), IsStaff())
