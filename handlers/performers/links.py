"""Step 7 of the profile: up to three https links, one a message."""

from urllib.parse import urlsplit

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from domain.booking.performers import MAX_LINKS
from handlers.performers import keyboards, texts
from handlers.performers.callbacks import StepAction, StepCb
from handlers.performers.form import Form
from handlers.performers.navigation import ask_links, next_after
from handlers.performers.states import PerformerForm
from handlers.replies import drop_buttons

TYPED = F.text & ~F.text.startswith("/")
MAX_LINK = 200  # a profile link, not a tracking URL: keeps the staff card readable


def web_link(text: str) -> str | None:
    """The link if `text` is one https address with a real host name, else None."""
    link = text.strip()
    if len(link) > MAX_LINK or any(c.isspace() for c in link):
        return None
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    host = parts.hostname or ""
    labels = host.split(".")
    if parts.scheme != "https" or len(labels) < 2 or not all(labels):
        return None
    return link


async def link(message: Message, form: Form) -> None:
    assert message.text is not None
    given = web_link(message.text)
    if given is None:
        await message.answer(texts.link_invalid())
        return
    links = [*(await form.state.get_data()).get("links", []), given][:MAX_LINKS]
    await form.state.update_data(links=links)
    if len(links) >= MAX_LINKS:
        await next_after(ask_links, message, form)
        return
    await message.answer(
        texts.link_added(len(links)), reply_markup=keyboards.step(StepAction.DONE)
    )


async def links_button(query: CallbackQuery, callback_data: StepCb, form: Form) -> None:
    if not isinstance(query.message, Message):
        return
    await drop_buttons(query.message)
    data = await form.state.get_data()
    if callback_data.action is StepAction.KEEP:
        await form.state.update_data(links=data.get("links_before", []))
    elif callback_data.action is StepAction.SKIP and not data.get("links"):
        # "Skip" under the prompt after links were typed means "that's all", not "drop them".
        await form.state.update_data(links=[])
    await next_after(ask_links, query.message, form)


async def links_other(message: Message) -> None:
    await message.answer(texts.text_hint())


def register(router: Router) -> None:
    router.message.register(link, PerformerForm.links, TYPED)
    router.callback_query.register(links_button, PerformerForm.links, StepCb.filter())
    router.message.register(links_other, PerformerForm.links)
