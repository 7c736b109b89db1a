"""Last in line: anything no feature took gets a short, helpful answer."""

from aiogram import Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from handlers.keyboards import main_menu
from handlers.replies import alert


def create_router() -> Router:
    router = Router(name="fallback")

    @router.message()
    async def anything(message: Message) -> None:
        if message.chat.type != "private":
            return  # the bot stays quiet in groups unless spoken to by a feature
        if message.text is not None and message.text.startswith("/"):
            text = _("Такой команды нет. Вот меню:")
        elif message.text is not None:
            text = _(
                "Я пока не понимаю вопросы текстом. Чтобы сообщить о проблеме, нажмите "
                "«📝 Сообщить о проблеме»."
            )
        else:
            text = _("Я не умею работать с таким сообщением. Вот что я могу:")
        await message.answer(text, reply_markup=main_menu())

    @router.callback_query()
    async def stale_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
        alert(callback_answer, _("Эта кнопка устарела. Откройте меню: /menu"))

    return router
