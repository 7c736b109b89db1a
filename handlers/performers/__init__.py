"""The performer's profile for Art-prospect: fill it in, see its status, change it; in the
staff chat, the profiles' cards staff decide on."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from handlers import commands
from handlers.art_prospect import ArtAction, ArtCb
from handlers.performers import (
    basics,
    details,
    keyboards,
    links,
    profile_texts,
    staff_decisions,
    summary,
)
from handlers.performers.form import Form, form_middleware
from handlers.performers.navigation import ask_name, show_summary
from handlers.performers.states import profile_to_data
from handlers.replies import send
from handlers.staff.filters import InStaffChat


async def start_form(chat: Message, form: Form) -> None:
    """A first profile starts at the name; an existing one opens pre-filled at the summary,
    where any step can be changed in a tap or two."""
    current = await form.current()
    await form.state.clear()
    if current is None:
        await ask_name(chat, form)
        return
    await form.state.set_data(profile_to_data(current))
    await show_summary(chat, form)


async def performer_command(message: Message, form: Form) -> None:
    await start_form(message, form)


async def register_button(query: CallbackQuery, form: Form) -> None:
    if isinstance(query.message, Message):
        await start_form(query.message, form)


async def profile_button(query: CallbackQuery, form: Form) -> None:
    current = await form.current()
    if current is None:
        await send(query, profile_texts.no_profile(), keyboards.profile(None))
        return
    text = profile_texts.profile_screen(current, form.clock.now())
    await send(query, text, keyboards.profile(current.status))


def create_router() -> Router:
    router = Router(name="performers")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.middleware(form_middleware())
    router.callback_query.middleware(form_middleware())
    router.message.register(performer_command, Command(commands.PERFORMER.name))
    router.callback_query.register(register_button, ArtCb.filter(F.action == ArtAction.REGISTER))
    router.callback_query.register(profile_button, ArtCb.filter(F.action == ArtAction.PROFILE))
    basics.register(router)
    details.register(router)
    links.register(router)
    summary.register(router)
    return router


def create_staff_router() -> Router:
    """Staff approve or decline profiles from their cards. The staff router includes it
    before the answers to residents: a decline reason typed in reply is not an answer."""
    router = Router(name="performers_staff")
    router.message.filter(InStaffChat())
    router.callback_query.filter(InStaffChat())
    staff_decisions.register(router)
    return router
