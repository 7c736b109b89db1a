"""`/language` in the staff chat: the language of everything the bot says there.

One language per chat (everyone reads the same cards); chosen by staff with buttons, Russian
until then. Cards already sent keep their language; what the bot sends next uses the new one.
"""

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.errors import DomainError
from domain.services.chat_settings import set_chat_locale
from domain.unit_of_work import CityUnitOfWork
from handlers import commands
from handlers.menu import LANGUAGE_NAMES, language_picker
from handlers.replies import alert, redraw
from handlers.staff.callbacks import ChatLangCb
from handlers.staff.filters import IsStaff
from handlers.transaction import commit_before_telling


def chat_language_picker() -> InlineKeyboardMarkup:
    return language_picker(lambda locale: ChatLangCb(locale=locale))


async def language_command(message: Message, i18n: I18n) -> None:
    language = LANGUAGE_NAMES.get(i18n.current_locale, i18n.current_locale)
    text = _("Язык этого чата: {language}. Выберите язык для всех в чате:")
    await message.reply(text.format(language=language), reply_markup=chat_language_picker())


async def not_staff_command(message: Message) -> None:
    await message.reply(_("Язык этого чата меняют сотрудники города."))


async def choose(
    query: CallbackQuery,
    callback_data: ChatLangCb,
    uow: CityUnitOfWork,
    clock: Clock,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    assert query.message is not None  # InStaffChat passed: the message is there
    try:
        await set_chat_locale(
            uow.chat_settings, clock, query.message.chat.id, callback_data.locale
        )
    except DomainError:
        alert(callback_answer, _("Такого языка нет."))
        return
    await commit_before_telling(uow)
    with i18n.use_locale(callback_data.locale):
        await redraw(
            query,
            _(
                "Язык чата: русский. Новые карточки и ответы бота — на нём; "
                "уже отправленные карточки не меняются."
            ),
        )


async def not_staff_press(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, _("Эти кнопки — для сотрудников города."))


def register(router: Router) -> None:
    router.message.register(language_command, Command(commands.LANGUAGE.name), IsStaff())
    router.message.register(not_staff_command, Command(commands.LANGUAGE.name))
    router.callback_query.register(choose, ChatLangCb.filter(), IsStaff())
    router.callback_query.register(not_staff_press, ChatLangCb.filter())
