"""The profile screen: /profile, the menu's button, and "back" from the profile's screens."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.services.account import profile
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.account import keyboards, texts
from handlers.account.callbacks import AccountAction, AccountCb
from handlers.menu import MenuAction, MenuCb
from handlers.replies import redraw, send


async def profile_screen(uow: CityUnitOfWork, user: User) -> tuple[str, InlineKeyboardMarkup]:
    shown = await profile(uow, user.id)  # read again: the handler may just have changed it
    return texts.profile_screen(shown), keyboards.profile(shown.user)


async def show_profile(target: CallbackQuery | Message, uow: CityUnitOfWork, user: User) -> None:
    """In place of the pressed screen, or as an answer to a message."""
    text, markup = await profile_screen(uow, user)
    if isinstance(target, CallbackQuery):
        await redraw(target, text, markup)
    else:
        await target.answer(text, reply_markup=markup)


async def profile_command(
    message: Message, state: FSMContext, uow: CityUnitOfWork, user: User
) -> None:
    await state.clear()
    await show_profile(message, uow, user)


async def menu_button(
    query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User
) -> None:
    await state.clear()
    text, markup = await profile_screen(uow, user)
    await send(query, text, markup)


async def back(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
    await show_profile(query, uow, user)


def register(router: Router) -> None:
    router.message.register(profile_command, Command(commands.PROFILE.name))
    router.callback_query.register(menu_button, MenuCb.filter(F.action == MenuAction.ACCOUNT))
    router.callback_query.register(back, AccountCb.filter(F.action == AccountAction.HOME))
