"""The alerts home screen: from /alerts, from the main menu, or back from any alert screen."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.services.alert_views import overview
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.alerts import home_texts, keyboards
from handlers.alerts.callbacks import AlertsAction, AlertsCb
from handlers.menu import MenuAction, MenuCb
from handlers.replies import redraw, send


async def home_screen(uow: CityUnitOfWork, user: User) -> tuple[str, InlineKeyboardMarkup]:
    return home_texts.home(await overview(uow, user.id)), keyboards.home()


async def alerts_command(
    message: Message, state: FSMContext, uow: CityUnitOfWork, user: User
) -> None:
    await state.clear()
    text, markup = await home_screen(uow, user)
    await message.answer(text, reply_markup=markup)


async def menu_button(
    query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User
) -> None:
    # A new message: this button also sits under alerts, which must stay readable.
    await state.clear()
    text, markup = await home_screen(uow, user)
    await send(query, text, markup)


async def alerts_button(
    query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User
) -> None:
    await state.clear()  # "back" from a half-done form abandons it: nothing was saved
    text, markup = await home_screen(uow, user)
    await redraw(query, text, markup)


def register(router: Router) -> None:
    router.message.register(alerts_command, Command(commands.ALERTS.name))
    router.callback_query.register(menu_button, MenuCb.filter(F.action == MenuAction.ALERTS))
    router.callback_query.register(alerts_button, AlertsCb.filter(F.action == AlertsAction.HOME))
