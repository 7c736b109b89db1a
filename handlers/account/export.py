"""'Download my data': everything the bot keeps about the person, as a JSON document."""

import json

from aiogram import F, Router
from aiogram.types import BufferedInputFile, CallbackQuery

from domain.clock import Clock, to_city_time
from domain.services.account import export_data
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.account import texts
from handlers.account.callbacks import AccountAction, AccountCb


def export_file(document: dict[str, object], clock: Clock) -> BufferedInputFile:
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    name = f"my-kazan-data-{to_city_time(clock.now()).date().isoformat()}.json"
    return BufferedInputFile(data, filename=name)


async def export(query: CallbackQuery, uow: CityUnitOfWork, user: User, clock: Clock) -> None:
    document = export_file(await export_data(uow, clock, user.id), clock)
    if query.bot is not None:
        # To the person's own chat, whichever message the button was on.
        await query.bot.send_document(query.from_user.id, document, caption=texts.export_caption())


def register(router: Router) -> None:
    router.callback_query.register(export, AccountCb.filter(F.action == AccountAction.EXPORT))
