"""Steps 1–4 of the profile: stage name, genre, group size, sound."""

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from domain.booking.performers import MAX_STAGE_NAME
from domain.booking.sites import Sound
from handlers.performers import texts
from handlers.performers.callbacks import GROUP_MORE, GenreCb, GroupCb, SoundCb
from handlers.performers.form import Form
from handlers.performers.navigation import (
    ask_genre,
    ask_group,
    ask_group_number,
    ask_name,
    ask_sound,
    next_after,
)
from handlers.performers.states import PerformerForm
from handlers.performers.texts import MAX_GROUP
from handlers.replies import drop_buttons

TYPED = F.text & ~F.text.startswith("/")


async def _pressed(query: CallbackQuery) -> Message | None:
    """The message of a pressed step button, its buttons removed: a step is answered once."""
    if not isinstance(query.message, Message):
        return None
    await drop_buttons(query.message)
    return query.message


async def _take_group(message: Message, form: Form) -> None:
    assert message.text is not None
    typed = message.text.strip()
    if not typed.isdecimal() or not 1 <= int(typed) <= MAX_GROUP:
        await message.answer(texts.group_out_of_range())
        return
    await form.state.update_data(group_size=int(typed))
    await next_after(ask_group, message, form)


async def name(message: Message, form: Form) -> None:
    assert message.text is not None
    stage_name = " ".join(message.text.split())  # one line, as on a poster
    if len(stage_name) > MAX_STAGE_NAME:
        await message.answer(texts.name_too_long(len(stage_name)))
        return
    await form.state.update_data(stage_name=stage_name)
    await next_after(ask_name, message, form)


async def name_other(message: Message) -> None:
    await message.answer(texts.name_hint())


async def genre(query: CallbackQuery, callback_data: GenreCb, form: Form) -> None:
    if (message := await _pressed(query)) is not None:
        await form.state.update_data(genre=callback_data.genre.value)
        await next_after(ask_genre, message, form)


async def group(query: CallbackQuery, callback_data: GroupCb, form: Form) -> None:
    if (message := await _pressed(query)) is None:
        return
    if callback_data.size == GROUP_MORE or not 1 <= callback_data.size <= MAX_GROUP:
        await ask_group_number(message, form)
        return
    await form.state.update_data(group_size=callback_data.size)
    await next_after(ask_group, message, form)


async def group_typed(message: Message, form: Form) -> None:
    await _take_group(message, form)


async def group_number_other(message: Message) -> None:
    await message.answer(texts.group_out_of_range())


async def sound(query: CallbackQuery, callback_data: SoundCb, form: Form) -> None:
    if callback_data.level not in {s.value for s in Sound}:
        return  # a forged level: the buttons stay for a real choice
    if (message := await _pressed(query)) is not None:
        await form.state.update_data(sound=callback_data.level)
        await next_after(ask_sound, message, form)


async def buttons_only(message: Message) -> None:
    await message.answer(texts.buttons_hint())


def register(router: Router) -> None:
    router.message.register(name, PerformerForm.name, TYPED)
    router.message.register(name_other, PerformerForm.name)
    router.callback_query.register(genre, PerformerForm.genre, GenreCb.filter())
    router.callback_query.register(group, PerformerForm.group, GroupCb.filter())
    router.message.register(group_typed, PerformerForm.group_number, TYPED)
    router.message.register(group_typed, PerformerForm.group, TYPED)
    router.message.register(group_number_other, PerformerForm.group_number)
    router.callback_query.register(sound, PerformerForm.sound, SoundCb.filter())
    router.message.register(buttons_only, PerformerForm.genre)
    router.message.register(buttons_only, PerformerForm.group)
    router.message.register(buttons_only, PerformerForm.sound)
