"""Text that answers staff goes to its request, and the person is told where it went."""

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.errors import DomainError, InvalidTransition
from domain.public_page import PublicLinks
from domain.services.resident_answers import add_to_request
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.my_requests.answer_albums import AlbumDestinations
from handlers.my_requests.answer_keyboards import undo_keyboard
from handlers.my_requests.answer_texts import went_to
from handlers.my_requests.card import show_request_card
from handlers.my_requests.refusal_texts import refusal, text_not_added
from handlers.replies import redraw
from handlers.transaction import commit_before_telling


async def deliver(
    chat: Message,
    query: CallbackQuery | None,  # the pressed "which request" question, edited in place
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
    request_id: int,
    text: str | None,
    photo: str | None,
) -> None:
    """Add to the request and say where it went; if it cannot go there, say why."""
    try:
        added = await add_to_request(uow, clock, user.id, request_id, text, photo)
    except InvalidTransition as error:  # the request is closed: the card shows what next
        await _say(chat, query, text_not_added(error, request_id, text))
        await show_request_card(
            chat, uow, user, request_id, 0, clock, districts, public_links, state
        )
        return
    except DomainError as error:
        await _say(chat, query, refusal(error) + "\n" + _("Ваш текст не добавлен."))
        return
    await commit_before_telling(uow)
    if photo is not None:
        await AlbumDestinations(state).remember(chat, request_id)  # its other photos too
    confirmation = went_to(added, photo is not None)
    await _say(chat, query, confirmation, undo_keyboard(request_id, added.event_id))


async def _say(
    chat: Message,
    query: CallbackQuery | None,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    if query is not None:
        await redraw(query, text, markup)
    else:  # a reply to the person's own message: it shows which text went where
        await chat.reply(text, reply_markup=markup)
