"""A request's card for its author: shown in place of the pressed message (or as a new
one), and the check at every press that the request still allows what the button does."""

import logging

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.errors import InvalidTransition, NotAllowed, NotFound
from domain.public_page import PublicLinks
from domain.services.author_steps import Step, check_step
from domain.services.my_requests import request_card
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.menu import home_button
from handlers.my_requests.card_copies import CardCopies
from handlers.my_requests.keyboards import request_card_keyboard
from handlers.my_requests.refusal_texts import moved_on_text, not_yours
from handlers.my_requests.texts import description_shown_line, public_page_line
from handlers.my_requests.texts import request_card as render_card
from handlers.replies import alert, redraw

logger = logging.getLogger(__name__)


async def refuse_stale(
    query: CallbackQuery,
    error: InvalidTransition,
    uow: CityUnitOfWork,
    user: User,
    request_id: int,
    page: int,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
    answer: CallbackAnswer,
) -> None:
    """A press on a button whose request has moved on: say what changed, and the pressed
    message becomes the current card, without the dead buttons."""
    alert(answer, moved_on_text(error, request_id))
    await show_request_card(
        query, uow, user, request_id, page, clock, districts, public_links, state
    )


async def allowed_at_press(
    query: CallbackQuery,
    step: Step,
    uow: CityUnitOfWork,
    user: User,
    request_id: int,
    page: int,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
    answer: CallbackAnswer,
) -> bool:
    """Whether the pressed button's request still allows `step`. If not, the press is
    answered here: someone else's request is refused (on record), one that moved on says
    what changed and is redrawn without its dead buttons."""
    try:
        await check_step(uow, clock, user.id, request_id, step)
    except (NotFound, NotAllowed) as error:
        logger.warning("user %s refused request %s: %r", user.id, request_id, error)
        alert(answer, not_yours())
        return False
    except InvalidTransition as error:
        await refuse_stale(
            query,
            error,
            uow,
            user,
            request_id,
            page,
            clock,
            districts,
            public_links,
            state,
            answer,
        )
        return False
    return True


async def show_request_card(
    target: Message | CallbackQuery,
    uow: CityUnitOfWork,
    user: User,
    request_id: int,
    page: int,
    clock: Clock,
    districts: DistrictDirectory,
    public_links: PublicLinks,
    state: FSMContext,
    answer: CallbackAnswer | None = None,
) -> None:
    """The card in place of the pressed message (or as a new one); the copy shown before it
    loses its buttons, so that only the newest card of a request can be acted on."""
    try:
        card = await request_card(uow, user.id, request_id)
    except (NotFound, NotAllowed) as error:
        # A number typed or a button forged for someone else's request: refused, on record.
        logger.warning("user %s refused request %s: %r", user.id, request_id, error)
        if isinstance(target, CallbackQuery) and answer is not None:
            alert(answer, not_yours())
        elif isinstance(target, Message):
            await target.answer(not_yours(), reply_markup=home_button())
        return
    category = await uow.categories.get(card.request.category)
    place = card.request.place
    district = districts.name(place.district, user.locale) if place.district else None
    text = render_card(card.request, category, card.history, user.locale, clock.now(), district)
    url = public_links.request(request_id)
    if url is not None:  # the page anyone may open: the resident can share it
        text += "\n\n" + public_page_line(url, card.request.number)
    if card.is_author and card.request.description_public:
        text += "\n\n" + description_shown_line()
    can_reopen = card.request.can_reopen(clock.now())
    markup = request_card_keyboard(card.request, card.is_author, page, can_reopen)
    copies = CardCopies(state)
    if isinstance(target, CallbackQuery):
        # Silenced first, so that the card just shown is the newest thing in the chat.
        pressed = target.message.message_id if target.message is not None else None
        await copies.silence_previous(target.bot, request_id, keep=pressed)
        shown = await redraw(target, text, markup)
    else:
        await copies.silence_previous(target.bot, request_id, keep=None)
        shown = (await target.answer(text, reply_markup=markup)).message_id
    if shown is not None:
        await copies.remember(request_id, shown)
