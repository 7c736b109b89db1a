"""A small aiogram bot used to drive the stand-in over real HTTP."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.utils.markdown import html_decoration


class Pick(CallbackData, prefix="p"):
    choice: str


def menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text="Сообщить о проблеме", callback_data=Pick(choice="report").pack()
                )
            ],
            [
                InlineKeyboardButton(
                    text="Отключения воды", callback_data=Pick(choice="water").pack()
                ),
                InlineKeyboardButton(
                    text="Отключения света", callback_data=Pick(choice="power").pack()
                ),
            ],
            [InlineKeyboardButton(text="Сайт", url="https://kzn.ru")],
        ]
    )


def reply_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text="📍 Отправить место", request_location=True)],
            [KeyboardButton(text="📞 Мой телефон", request_contact=True)],
            [KeyboardButton(text="Отмена")],
        ],
        resize_keyboard=True,
    )


def create_router() -> Router:
    router = Router(name="echo")

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer("<b>Здравствуйте!</b> Чем помочь?", reply_markup=menu())

    @router.message(F.text == "/ask")
    async def ask(message: Message) -> None:
        await message.answer("Где это?", reply_markup=reply_keyboard())

    @router.message(F.text == "Отмена")
    async def cancel(message: Message) -> None:
        await message.answer("Отменено", reply_markup=ReplyKeyboardRemove())

    @router.callback_query(Pick.filter(F.choice == "report"))
    async def report(query: CallbackQuery) -> None:
        await query.answer("Принято", show_alert=True)
        assert isinstance(query.message, Message)
        await query.message.edit_text("Опишите проблему")

    @router.callback_query(Pick.filter())
    async def other(query: CallbackQuery, callback_data: Pick) -> None:
        await query.answer(f"Выбрано: {callback_data.choice}")

    @router.message(F.location)
    async def location(message: Message) -> None:
        assert message.location is not None
        await message.answer(
            f"Место: {message.location.latitude:.2f}, {message.location.longitude:.2f}"
        )

    @router.message(F.contact)
    async def contact(message: Message) -> None:
        assert message.contact is not None
        await message.answer(f"Телефон: {message.contact.phone_number}")

    @router.message(F.photo)
    async def photo(message: Message) -> None:
        caption = html_decoration.quote(message.caption or "")
        await message.answer(f"Фото {message.media_group_id or 'одно'} {caption}".strip())

    @router.message(F.sticker | F.voice)
    async def media(message: Message) -> None:
        await message.answer("Стикер" if message.sticker else "Голосовое")

    @router.inline_query()
    async def inline(query: InlineQuery) -> None:
        """As many articles as the offset says (2 by default), titled after the query."""
        results: list[InlineQueryResultUnion] = [
            InlineQueryResultArticle(
                id=f"r{i}",
                title=f"{query.query} {i}",
                description="первая строка",
                input_message_content=InputTextMessageContent(
                    message_text="<b>Нет воды</b>: звоните"
                ),
            )
            for i in range(int(query.offset or 2))
        ]
        await query.answer(results, cache_time=60, is_personal=False, next_offset="page2")

    @router.message(F.via_bot)
    async def shared(message: Message) -> None:
        username = message.via_bot.username if message.via_bot else ""
        await message.answer(f"через бота: {username}")

    @router.message(F.text)
    async def echo(message: Message) -> None:
        assert message.text is not None
        await message.answer(html_decoration.quote(message.text))

    return router
