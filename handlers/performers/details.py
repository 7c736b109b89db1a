"""Steps 5–6 of the profile: equipment (a checklist), then a short description."""

import contextlib

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message

from domain.booking.performers import MAX_DESCRIPTION
from domain.booking.sites import Equipment
from handlers.performers import keyboards, texts
from handlers.performers.callbacks import EquipmentCb, StepAction, StepCb
from handlers.performers.form import Form
from handlers.performers.navigation import (
    ask_description,
    ask_equipment,
    next_after,
)
from handlers.performers.states import PerformerForm
from handlers.replies import drop_buttons, set_buttons

TYPED = F.text & ~F.text.startswith("/")


async def tick(query: CallbackQuery, callback_data: EquipmentCb, form: Form) -> None:
    data = await form.state.get_data()
    ticked = set(data.get("equipment", [])) ^ {callback_data.item.value}
    await form.state.update_data(equipment=[e.value for e in Equipment if e.value in ticked])
    if isinstance(query.message, Message):
        chosen = frozenset(Equipment(item) for item in ticked)
        # Pressed twice quickly: "not modified", and the ticks already show the truth.
        with contextlib.suppress(TelegramBadRequest):
            await set_buttons(query.message, keyboards.equipment(chosen))


async def equipment_done(query: CallbackQuery, form: Form) -> None:
    if isinstance(query.message, Message):
        await drop_buttons(query.message)
        await next_after(ask_equipment, query.message, form)


async def equipment_other(message: Message) -> None:
    await message.answer(texts.equipment_hint())


async def description(message: Message, form: Form) -> None:
    assert message.text is not None
    text = message.text.strip()
    if len(text) > MAX_DESCRIPTION:
        await message.answer(texts.description_too_long(len(text)))
        return
    await form.state.update_data(description=text)
    await next_after(ask_description, message, form)


async def description_button(query: CallbackQuery, callback_data: StepCb, form: Form) -> None:
    if not isinstance(query.message, Message):
        return
    await drop_buttons(query.message)
    if callback_data.action is StepAction.SKIP:
        await form.state.update_data(description="")
    await next_after(ask_description, query.message, form)


async def description_other(message: Message) -> None:
    await message.answer(texts.text_hint())


def register(router: Router) -> None:
    router.callback_query.register(tick, PerformerForm.equipment, EquipmentCb.filter())
    router.callback_query.register(
        equipment_done, PerformerForm.equipment, StepCb.filter(F.action == StepAction.DONE)
    )
    router.message.register(equipment_other, PerformerForm.equipment)
    router.message.register(description, PerformerForm.description, TYPED)
    router.callback_query.register(description_button, PerformerForm.description, StepCb.filter())
    router.message.register(description_other, PerformerForm.description)
