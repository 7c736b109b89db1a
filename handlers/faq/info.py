"""The information menu (a page of common questions) and the city's phone numbers."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from domain.contacts import Contact
from domain.faq.library import FaqLibrary
from domain.paging import page_window
from domain.users import User
from handlers import commands
from handlers.faq import keyboards, texts
from handlers.faq.callbacks import FaqAction, FaqCb
from handlers.menu import MenuAction, MenuCb
from handlers.replies import redraw, send

PAGE_SIZE = 8


def info_screen(faq: FaqLibrary, locale: str, page: int) -> tuple[str, InlineKeyboardMarkup]:
    entries = faq.matcher.entries()
    if not entries:
        return texts.info_empty(), keyboards.info([], 0, 1, locale)
    page, pages = page_window(len(entries), page, PAGE_SIZE)
    shown = entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    return texts.info(page, pages), keyboards.info(shown, page, pages, locale)


async def info_command(message: Message, user: User, faq: FaqLibrary) -> None:
    text, markup = info_screen(faq, user.locale, 0)
    await message.answer(text, reply_markup=markup)


async def info_button(query: CallbackQuery, user: User, faq: FaqLibrary) -> None:
    await send(query, *info_screen(faq, user.locale, 0))


async def info_page(
    query: CallbackQuery, callback_data: FaqCb, user: User, faq: FaqLibrary
) -> None:
    await redraw(query, *info_screen(faq, user.locale, callback_data.page))


async def phones(query: CallbackQuery, user: User, contacts: list[Contact]) -> None:
    await send(query, texts.contacts_list(contacts, user.locale), keyboards.contacts_back())


def register(router: Router) -> None:
    router.message.register(info_command, Command(commands.INFO.name))
    router.callback_query.register(info_button, MenuCb.filter(F.action == MenuAction.INFO))
    router.callback_query.register(info_page, FaqCb.filter(F.action == FaqAction.PAGE))
    router.callback_query.register(phones, FaqCb.filter(F.action == FaqAction.CONTACTS))
