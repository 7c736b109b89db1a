"""My requests: a paged list, a request's card with its history, withdrawal."""

import contextlib
import dataclasses
import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.clock import Clock
from domain.districts import DistrictDirectory
from domain.errors import InvalidTransition, NotAllowed, NotFound, ReopenWindowClosed
from domain.requests import format_number
from domain.services.author_steps import MovedOn, Step, check_step
from domain.services.my_requests import my_requests, request_card, withdraw_request
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers import commands
from handlers.menu import MenuAction, MenuCb, home_button
from handlers.my_requests.callbacks import PageCb, RequestAction, RequestCb
from handlers.my_requests.keyboards import request_card_keyboard, request_list, withdraw_confirm
from handlers.my_requests.texts import request_card as render_card
from handlers.my_requests.texts import status_name
from handlers.replies import alert, redraw, toast
from handlers.transaction import commit_before_telling

logger = logging.getLogger(__name__)


async def _list_screen(
    uow: CityUnitOfWork, user: User, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    result = await my_requests(uow, user.id, page)
    if result.total == 0:
        return _("У вас пока нет заявок. Сообщите о проблеме из меню."), home_button()
    categories = {c.code: c for c in await uow.categories.list_active()}
    text = _("<b>Мои заявки</b> ({total}), страница {page} из {pages}:").format(
        total=result.total, page=result.page + 1, pages=result.pages
    )
    markup = request_list(result.items, categories, user.locale, result.page, result.pages)
    return text, markup


def not_yours() -> str:
    # One answer for "no such request" and "not yours": other people's numbers reveal nothing.
    return _("Заявка не найдена среди ваших.")


def moved_on_text(error: InvalidTransition, request_id: int) -> str:
    """What changed since the button (or the prompt) was shown; short enough for an alert."""
    number = format_number(request_id)
    if isinstance(error, ReopenWindowClosed):
        return _(
            "Заявка {number} решена больше 14 дней назад — вернуть её в работу уже нельзя. "
            "Если проблема осталась, подайте новую заявку."
        ).format(number=number)
    if isinstance(error, MovedOn):
        status = status_name(error.request.status)
        return _(
            "Заявка {number} уже в статусе «{status}» — эта кнопка больше не действует."
        ).format(number=number, status=status)
    return _("С заявкой {number} так уже нельзя.").format(number=number)


async def refuse_stale(
    query: CallbackQuery,
    error: InvalidTransition,
    uow: CityUnitOfWork,
    user: User,
    request_id: int,
    page: int,
    clock: Clock,
    districts: DistrictDirectory,
    state: FSMContext,
    answer: CallbackAnswer,
) -> None:
    """A press on a button whose request has moved on: say what changed, and the pressed
    message becomes the current card, without the dead buttons."""
    alert(answer, moved_on_text(error, request_id))
    await show_request_card(query, uow, user, request_id, page, clock, districts, state)


async def allowed_at_press(
    query: CallbackQuery,
    step: Step,
    uow: CityUnitOfWork,
    user: User,
    request_id: int,
    page: int,
    clock: Clock,
    districts: DistrictDirectory,
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
            query, error, uow, user, request_id, page, clock, districts, state, answer
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


class CardCopies:
    """The message that is a person's live card of each request.

    Why remember and strip rather than always edit one message: a card is opened from
    notices, from the list and after an answer, often far below the last copy; showing it
    where the person is and silencing the older copy keeps every press on a live card.
    Kept in the FSM storage under a destiny of its own, so finishing or cancelling a form
    (which clears the form's data) does not forget it, and several processes share it."""

    DESTINY = "request_cards"
    KEPT = 30  # the newest requests looked at; an older copy simply keeps its buttons

    def __init__(self, state: FSMContext) -> None:
        self._storage = state.storage
        self._key = dataclasses.replace(state.key, destiny=self.DESTINY)

    async def silence_previous(self, bot: Bot | None, request_id: int, keep: int | None) -> None:
        """The copy shown before loses its buttons (unless it is the one being redrawn)."""
        previous = (await self._storage.get_data(self._key)).get(str(request_id))
        if previous is None or previous == keep or bot is None:
            return
        with contextlib.suppress(TelegramBadRequest):  # deleted by hand, or too old
            await bot.edit_message_reply_markup(
                chat_id=self._key.chat_id, message_id=previous, reply_markup=None
            )

    async def remember(self, request_id: int, message_id: int) -> None:
        cards: dict[str, int] = await self._storage.get_data(self._key)
        cards.pop(str(request_id), None)  # re-inserted last: the newest are kept
        cards[str(request_id)] = message_id
        await self._storage.set_data(self._key, dict(list(cards.items())[-self.KEPT :]))

    async def left(self, message_id: int) -> None:
        """The message stopped being a card (it became the list): nothing to strip there."""
        cards: dict[str, int] = await self._storage.get_data(self._key)
        kept = {request: shown for request, shown in cards.items() if shown != message_id}
        if kept != cards:
            await self._storage.set_data(self._key, kept)


def create_router() -> Router:
    router = Router(name="my_requests")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")

    @router.message(Command(commands.MY.name))
    async def my_command(message: Message, uow: CityUnitOfWork, user: User) -> None:
        text, markup = await _list_screen(uow, user, 0)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(MenuCb.filter(F.action == MenuAction.MINE))
    async def my_button(query: CallbackQuery, uow: CityUnitOfWork, user: User) -> None:
        text, markup = await _list_screen(uow, user, 0)
        await redraw(query, text, markup)

    @router.callback_query(PageCb.filter())
    async def page(
        query: CallbackQuery,
        callback_data: PageCb,
        uow: CityUnitOfWork,
        user: User,
        state: FSMContext,
    ) -> None:
        text, markup = await _list_screen(uow, user, callback_data.page)
        shown = await redraw(query, text, markup)
        if shown is not None:
            await CardCopies(state).left(shown)

    @router.callback_query(RequestCb.filter(F.action == RequestAction.OPEN))
    async def open_request(
        query: CallbackQuery,
        callback_data: RequestCb,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
        districts: DistrictDirectory,
        state: FSMContext,
    ) -> None:
        request_id, page = callback_data.request_id, callback_data.page
        await show_request_card(
            query, uow, user, request_id, page, clock, districts, state, callback_answer
        )

    @router.callback_query(RequestCb.filter(F.action == RequestAction.WITHDRAW))
    async def ask_withdraw(
        query: CallbackQuery,
        callback_data: RequestCb,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
        districts: DistrictDirectory,
        state: FSMContext,
    ) -> None:
        request_id, page = callback_data.request_id, callback_data.page
        if not await allowed_at_press(
            query, Step.WITHDRAW, uow, user, request_id, page, clock, districts, state,
            callback_answer,
        ):  # fmt: skip
            return
        text = _("Отозвать заявку? Город перестанет над ней работать.")
        await redraw(query, text, withdraw_confirm(request_id, page))

    @router.callback_query(RequestCb.filter(F.action == RequestAction.WITHDRAW_CONFIRM))
    async def withdraw(
        query: CallbackQuery,
        callback_data: RequestCb,
        uow: CityUnitOfWork,
        user: User,
        clock: Clock,
        callback_answer: CallbackAnswer,
        districts: DistrictDirectory,
        staff_chat_id: int | None,
        state: FSMContext,
    ) -> None:
        request_id, page = callback_data.request_id, callback_data.page
        if not await allowed_at_press(
            query, Step.WITHDRAW, uow, user, request_id, page, clock, districts, state,
            callback_answer,
        ):  # fmt: skip
            return
        await withdraw_request(uow, clock, user.id, request_id, staff_chat_id)
        await commit_before_telling(uow)
        toast(callback_answer, _("Заявка отозвана."))
        await show_request_card(query, uow, user, request_id, page, clock, districts, state)

    return router
