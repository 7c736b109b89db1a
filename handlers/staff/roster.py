"""`/staff`: the administrators of the staff chat name who else is staff.

`/staff add` or `/staff remove` in reply to a person's message (Telegram gives the bot no other
reliable way to name a person); `/staff` alone lists the named staff.
"""

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.services.staff_desk import add_staff_member, remove_staff_member
from domain.unit_of_work import CityUnitOfWork
from handlers.staff.filters import IsStaffAdmin
from handlers.transaction import commit_before_telling


async def staff_command(
    message: Message, command: CommandObject, uow: CityUnitOfWork, clock: Clock
) -> None:
    assert message.from_user is not None
    action = (command.args or "").strip().lower()
    target = message.reply_to_message.from_user if message.reply_to_message else None
    if action not in {"add", "remove"}:
        members = await uow.staff.members()
        listed = ", ".join(f'<a href="tg://user?id={m}">{m}</a>' for m in members)
        await message.reply(
            _("Сотрудники, кроме администраторов чата: {list}").format(list=listed or "—")
            + "\n"
            + _(
                "Добавить или убрать: ответьте на сообщение человека командой "
                "/staff add или /staff remove."
            )
        )
        return
    if target is None or target.is_bot:
        await message.reply(_("Ответьте этой командой на сообщение человека."))
        return
    if action == "add":
        changed = await add_staff_member(uow, clock, target.id, message.from_user.id)
    else:
        changed = await remove_staff_member(uow, target.id)
    await commit_before_telling(uow)
    if not changed:
        await message.reply(_("Ничего не изменилось."))
    elif action == "add":
        await message.reply(_("Теперь это сотрудник: может работать с карточками."))
    else:
        await message.reply(_("Больше не сотрудник."))


async def not_admin(message: Message) -> None:
    await message.reply(_("Управлять списком сотрудников могут администраторы этого чата."))


def register(router: Router) -> None:
    router.message.register(staff_command, Command("staff"), IsStaffAdmin())
    router.message.register(not_admin, Command("staff"))
