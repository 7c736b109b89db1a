"""The Art-prospect home screen: what it is, and what this person can do there now."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.clock import Clock
from domain.services.booking import performer_refusal
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.art_prospect import ArtAction, ArtCb
from handlers.booking import keyboards, texts
from handlers.menu import MenuAction, MenuCb
from handlers.replies import redraw, send


async def home_screen(
    uow: CityUnitOfWork, user: User, clock: Clock
) -> tuple[str, InlineKeyboardMarkup]:
    performer = await uow.performers.by_user(user.id)
    now = clock.now()
    bookable = performer_refusal(performer, now) is None
    return texts.home(performer, now), keyboards.home(performer, bookable)


async def art_command(
    message: Message, state: FSMContext, uow: CityUnitOfWork, user: User, clock: Clock
) -> None:
    await state.clear()
    text, markup = await home_screen(uow, user, clock)
    await message.answer(text, reply_markup=markup)


async def menu_button(
    query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User, clock: Clock
) -> None:
    # A new message: the main menu also sits under notifications, which must stay readable.
    await state.clear()
    text, markup = await home_screen(uow, user, clock)
    await send(query, text, markup)


async def home_button(
    query: CallbackQuery, state: FSMContext, uow: CityUnitOfWork, user: User, clock: Clock
) -> None:
    await state.clear()
    text, markup = await home_screen(uow, user, clock)
    await redraw(query, text, markup)


def register(router: Router) -> None:
    router.message.register(art_command, Command(commands.ART.name))
    router.callback_query.register(menu_button, MenuCb.filter(F.action == MenuAction.ART))
    router.callback_query.register(home_button, ArtCb.filter(F.action == ArtAction.HOME))
