"""Moving between the form's steps: each step's prompt, and "back to the summary" when editing."""

from collections.abc import Awaitable, Callable
from datetime import datetime

from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from domain.booking.performers import Performer, PerformerStatus, updated_profile
from domain.booking.sites import Equipment
from handlers.performers import keyboards, texts
from handlers.performers.callbacks import StepAction
from handlers.performers.form import Form
from handlers.performers.states import PerformerForm


async def ask_name(chat: Message, form: Form) -> None:
    first_time = not (await form.state.get_data()).get("editing")
    await form.state.set_state(PerformerForm.name)
    await chat.answer(texts.ask_name(first_time))


async def ask_genre(chat: Message, form: Form) -> None:
    await form.state.set_state(PerformerForm.genre)
    await chat.answer(texts.ask_genre(), reply_markup=keyboards.genres())


async def ask_group(chat: Message, form: Form) -> None:
    await form.state.set_state(PerformerForm.group)
    await chat.answer(texts.ask_group(), reply_markup=keyboards.group_sizes())


async def ask_group_number(chat: Message, form: Form) -> None:
    await form.state.set_state(PerformerForm.group_number)
    await chat.answer(texts.ask_group_number())


async def ask_sound(chat: Message, form: Form) -> None:
    await form.state.set_state(PerformerForm.sound)
    await chat.answer(texts.ask_sound(), reply_markup=keyboards.sounds())


async def ask_equipment(chat: Message, form: Form) -> None:
    await form.state.set_state(PerformerForm.equipment)
    ticked = frozenset(Equipment(i) for i in (await form.state.get_data()).get("equipment", []))
    await chat.answer(texts.ask_equipment(), reply_markup=keyboards.equipment(ticked))


async def ask_description(chat: Message, form: Form) -> None:
    await form.state.set_state(PerformerForm.description)
    if (await form.state.get_data()).get("description"):
        markup = keyboards.step(StepAction.KEEP, StepAction.SKIP, skip=_("Убрать описание"))
    else:
        markup = keyboards.step(StepAction.SKIP)
    await chat.answer(texts.ask_description(), reply_markup=markup)


async def ask_links(chat: Message, form: Form) -> None:
    """Links are given anew; the old ones are kept aside for "leave as it was"."""
    before = (await form.state.get_data()).get("links", [])
    await form.state.set_state(PerformerForm.links)
    await form.state.update_data(links=[], links_before=before)
    if before:
        markup = keyboards.step(StepAction.KEEP, StepAction.SKIP, skip=_("Убрать ссылки"))
    else:
        markup = keyboards.step(StepAction.SKIP)
    await chat.answer(texts.ask_links(), reply_markup=markup)


def needs_look(current: Performer | None, draft: Performer, now: datetime) -> bool:
    """Whether sending makes staff look again: the domain's own rule, asked ahead of time."""
    if current is None:
        return True
    return updated_profile(current, draft, now).status is PerformerStatus.PENDING


async def show_summary(chat: Message, form: Form) -> None:
    draft = await form.draft()
    if draft is None:  # a step is missing (an old or tampered form): start over, not guess
        await form.state.set_data({})
        await ask_name(chat, form)
        return
    current = await form.current()
    look = needs_look(current, draft, form.clock.now())
    await form.state.set_state(PerformerForm.summary)
    await form.state.update_data(editing=False)
    note = texts.summary_note(current, look)
    await chat.answer(texts.summary(draft, note), reply_markup=keyboards.summary(look))


Step = Callable[[Message, Form], Awaitable[None]]
STEPS: list[Step] = [
    ask_name,
    ask_genre,
    ask_group,
    ask_sound,
    ask_equipment,
    ask_description,
    ask_links,
]
NEXT_STEP: dict[Step, Step] = dict(zip(STEPS, [*STEPS[1:], show_summary], strict=True))


async def next_after(step: Step, chat: Message, form: Form) -> None:
    """Go on after `step`; a step opened from the summary goes straight back to it."""
    editing = (await form.state.get_data()).get("editing")
    await (show_summary if editing else NEXT_STEP[step])(chat, form)
