"""Start, menu, help, language, cancel: the ways in and out that work everywhere."""

from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.contacts import Contact
from domain.districts import DistrictDirectory
from domain.faq.library import FaqLibrary
from domain.public_page import PublicLinks
from domain.requests import parse_number
from domain.services.users import choose_locale
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.faq.answers import show_answer
from handlers.faq.inline import DEEP_LINK_FAQ
from handlers.menu import LangCb, MenuAction, MenuCb, language_picker, main_menu, menu_text
from handlers.my_requests.card import show_request_card
from handlers.replies import send
from handlers.transaction import commit_before_telling

DEEP_LINK_REQUEST = "req_"


def welcome_text(user: User) -> str:
    return _(
        "Здравствуйте, {name}! Я — «Мой Казань», помощник города.\n\n"
        "Сообщите о проблеме — яма, мусор, не горит фонарь — и следите за ней до решения. "
        "Язык можно сменить кнопками ниже."
    ).format(name=escape(user.first_name))


def help_text() -> str:
    return _(
        "<b>Как это работает</b>\n"
        "1. «Сообщить о проблеме»: категория → место (геопозиция или адрес) → до 5 фото → "
        "описание → проверка и отправка.\n"
        "2. Заявке присваивается номер (например, KZN-000123) и срок ответа.\n"
        "3. «Мои заявки»: статус и история каждой заявки.\n"
        "4. «Оповещения»: отключения воды, света, тепла и газа по вашим адресам и события "
        "города — сразу или сводкой.\n"
        "5. «Арт-проспект» (/art): площадки для уличных выступлений — дата, время, бронь; "
        "/today — кто выступает сегодня.\n"
        "6. «Справка» (/info): ответы на частые вопросы и телефоны служб. Можно просто "
        "написать вопрос — например, «нет горячей воды»; в любом чате: @бот и вопрос.\n"
        "7. «Профиль» (/profile): телефон, мои данные файлом, удаление аккаунта.\n\n"
        "Команды: /menu — меню, /report — новая заявка, /my — мои заявки, "
        "/alerts — оповещения, /info — справка, /profile — профиль, /language — язык, "
        "/cancel — отменить текущее действие."
    )


async def start_deep_link(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    faq: FaqLibrary,
    contacts: list[Contact],
) -> None:
    await state.clear()
    arg = command.args or ""
    number = parse_number(arg.removeprefix(DEEP_LINK_REQUEST))
    if arg.startswith(DEEP_LINK_REQUEST) and number is not None:
        await show_request_card(
            message, uow, user, number, 0, clock, districts, public_links, state
        )
        return
    entry = faq.matcher.entry(arg.removeprefix(DEEP_LINK_FAQ))
    if arg.startswith(DEEP_LINK_FAQ) and entry is not None:  # a shared FAQ answer
        await show_answer(message, uow, user.locale, entry, contacts)
        return
    await message.answer(welcome_text(user), reply_markup=language_picker())
    await message.answer(menu_text(), reply_markup=main_menu())


async def start(message: Message, state: FSMContext, user: User) -> None:
    await state.clear()
    await message.answer(welcome_text(user), reply_markup=language_picker())
    await message.answer(menu_text(), reply_markup=main_menu())


async def menu(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.answer(menu_text(), reply_markup=main_menu())


async def help_command(message: Message) -> None:
    await message.answer(help_text(), reply_markup=main_menu())


async def language_command(message: Message) -> None:
    await message.answer(_("Выберите язык:"), reply_markup=language_picker())


async def cancel(message: Message, state: FSMContext) -> None:
    had_form = await state.get_state() is not None
    await state.clear()
    text = _("Отменено. Ничего не сохранено.") if had_form else _("Нечего отменять.")
    await message.answer(text, reply_markup=ReplyKeyboardRemove())
    await message.answer(menu_text(), reply_markup=main_menu())


async def set_language(
    query: CallbackQuery, callback_data: LangCb, uow: CityUnitOfWork, user: User, i18n: I18n
) -> None:
    await choose_locale(uow, user.id, callback_data.locale)
    await commit_before_telling(uow)
    with i18n.use_locale(callback_data.locale):
        await send(query, _("Язык: русский."), main_menu())


async def menu_buttons(query: CallbackQuery, callback_data: MenuCb, state: FSMContext) -> None:
    if callback_data.action is MenuAction.HELP:
        await send(query, help_text(), main_menu())
        return
    await state.clear()
    await send(query, menu_text(), main_menu())


async def settings(query: CallbackQuery) -> None:
    await send(query, _("Выберите язык:"), language_picker())


def create_router() -> Router:
    router = Router(name="start")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(start_deep_link, CommandStart(deep_link=True))
    router.message.register(start, CommandStart())
    router.message.register(menu, Command(commands.MENU.name))
    router.message.register(help_command, Command(commands.HELP.name))
    router.message.register(language_command, Command(commands.LANGUAGE.name))
    router.message.register(cancel, Command(commands.CANCEL.name))
    router.callback_query.register(set_language, LangCb.filter())
    router.callback_query.register(
        menu_buttons, MenuCb.filter(F.action.in_({MenuAction.HOME, MenuAction.HELP}))
    )
    router.callback_query.register(settings, MenuCb.filter(F.action == MenuAction.SETTINGS))
    return router
