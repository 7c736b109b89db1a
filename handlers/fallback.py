"""Last in line: anything no feature took gets a short, helpful answer."""

from aiogram import Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from handlers.common import stale_button_text
from handlers.menu import main_menu
from handlers.replies import alert


async def anything(message: Message, state: FSMContext) -> None:
    if message.chat.type != "private":
        return  # the bot stays quiet in groups unless spoken to by a feature
    if message.text is not None and message.text.startswith("/"):
        text = _("Такой команды нет. Вот меню:")
    elif message.text is not None and await state.get_state() is not None:
        # Outside a form text is a question (handlers/faq); here a step wants a button.
        text = _("Сейчас я жду ответа на вопрос выше. Чтобы выйти, отправьте /cancel.")
    elif message.text is not None:  # an answer shared from inline mode ("via @bot")
        text = _("Напишите вопрос своими словами — я поищу ответ в справке. Вот меню:")
    else:
        text = _("Я не умею работать с таким сообщением. Вот что я могу:")
    await message.answer(text, reply_markup=main_menu())


async def stale_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, stale_button_text())


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(anything)
    router.callback_query.register(stale_button)
    return router
