"""My bookings: upcoming and past, the waiting lists; cancel, take or refuse an offer.

Every press names a booking by id; the services act only on the presser's own, so a forged
or stale id changes nothing and is answered politely.
"""

import logging
from datetime import datetime

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from domain.booking.bookings import (
    Booking,
    BookingPolicy,
    BookingRefused,
    Refusal,
    check_cancel,
)
from domain.booking.check_in import may_check_in
from domain.booking.performers import Performer
from domain.clock import Clock
from domain.errors import NotFound
from domain.services.booking import cancel
from domain.services.booking_views import my_bookings
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.art_prospect import ArtAction, ArtCb
from handlers.booking import mine_keyboards, mine_texts
from handlers.booking.callbacks import MineAction, MineCb
from handlers.booking.refusals import not_yours, offer_gone, refusal_text
from handlers.replies import alert, redraw, toast
from handlers.transaction import commit_before_telling

logger = logging.getLogger(__name__)
PAST_SHOWN = 10


async def mine_screen(
    uow: CityUnitOfWork,
    performer: Performer,
    user: User,
    now: datetime,
    head: str = "",
    policy: BookingPolicy | None = None,
) -> tuple[str, mine_keyboards.InlineKeyboardMarkup]:
    """`head`: what just happened (or why not), above the list; `policy`: the settings' (for
    when check-in opens and closes; the defaults when not given)."""
    assert performer.id is not None
    mine = await my_bookings(uow, performer.id, now, PAST_SHOWN)

    def name(site_id: int) -> str:
        site = mine.sites.get(site_id)
        return site.name(user.locale) if site is not None else "—"

    text = mine_texts.mine(mine.upcoming, mine.past, mine.waits, name, mine.called_off)
    rules = policy or BookingPolicy()
    check_in = {b.id for b in mine.upcoming if b.id is not None and may_check_in(b, now, rules)}
    markup = mine_keyboards.mine(mine.upcoming, mine.waits, check_in)
    return (f"{head}\n\n{text}" if head else text), markup


async def own_booking(
    uow: CityUnitOfWork, performer: Performer, booking_id: int
) -> Booking | None:
    booking = await uow.bookings.get(booking_id)
    return booking if booking is not None and booking.performer_id == performer.id else None


async def site_name(uow: CityUnitOfWork, booking: Booking, locale: str) -> str:
    site = await uow.sites.get(booking.site_id)
    return site.name(locale) if site is not None else "—"


async def show_mine(
    query: CallbackQuery,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    performer = await uow.performers.by_user(user.id)
    if performer is None:
        alert(callback_answer, refusal_text(Refusal.NOT_REGISTERED, booking_policy))
        return
    screen = await mine_screen(uow, performer, user, clock.now(), policy=booking_policy)
    await redraw(query, *screen)


async def ask(
    query: CallbackQuery,
    callback_data: MineCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    performer = await uow.performers.by_user(user.id)
    booking = None
    if performer is not None:
        booking = await own_booking(uow, performer, callback_data.booking_id)
    now = clock.now()
    lapsed = booking is not None and booking.offer_lapsed(now)
    if performer is None or booking is None or not booking.active or lapsed:
        # Moved on: said at the press, and the list redrawn with only live buttons.
        alert(callback_answer, mine_texts.moved_on(booking, now))
        if performer is not None and booking is not None:
            await redraw(query, *await mine_screen(uow, performer, user, now))
        return
    try:  # too late is said at once, not after a pointless "are you sure?"
        check_cancel(booking, now, booking_policy)
    except BookingRefused as refused:
        head = refusal_text(refused.refusal, booking_policy, booking=booking)
        await redraw(query, *await mine_screen(uow, performer, user, now, head))
        return
    name = await site_name(uow, booking, user.locale)
    decline = callback_data.action is MineAction.DECLINE
    text = (mine_texts.ask_decline if decline else mine_texts.ask_cancel)(name, booking)
    await redraw(query, text, mine_keyboards.ask(callback_data.booking_id, decline))


async def cancel_booking(
    query: CallbackQuery,
    callback_data: MineCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        booking = await cancel(uow, clock, booking_policy, user.id, callback_data.booking_id)
    except (NotFound, BookingRefused) as error:
        await refused(
            query,
            uow,
            user,
            clock,
            booking_policy,
            callback_answer,
            error,
            callback_data.booking_id,
        )
        return
    await commit_before_telling(uow)
    declined = callback_data.action is MineAction.DECLINE_YES
    toast(callback_answer, mine_texts.declined() if declined else mine_texts.cancelled())
    performer = await uow.performers.by_user(user.id)
    assert performer is not None and booking.id is not None
    await redraw(query, *await mine_screen(uow, performer, user, clock.now()))


def register(router: Router) -> None:
    router.callback_query.register(show_mine, ArtCb.filter(F.action == ArtAction.MINE))
    router.callback_query.register(
        ask, MineCb.filter(F.action.in_({MineAction.CANCEL, MineAction.DECLINE}))
    )
    router.callback_query.register(
        cancel_booking,
        MineCb.filter(F.action.in_({MineAction.CANCEL_YES, MineAction.DECLINE_YES})),
    )


async def refused(
    query: CallbackQuery,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    policy: BookingPolicy,
    answer: CallbackAnswer,
    error: NotFound | BookingRefused,
    booking_id: int,
) -> None:
    """Someone else's (or a missing) booking: a polite pop-up, nothing changed. A refusal
    about one's own: the reason above the fresh list."""
    performer = await uow.performers.by_user(user.id)
    if isinstance(error, NotFound) or performer is None:
        logger.info("user %s: %s", user.id, error)
        alert(answer, not_yours())
        return
    booking = await own_booking(uow, performer, booking_id)
    now = clock.now()
    if error.refusal is Refusal.TOO_LATE_TO_CANCEL:
        head = refusal_text(error.refusal, policy, booking=booking)
    else:  # moved on since the button was drawn: what became of it, at the press too
        alert(answer, mine_texts.moved_on(booking, now))
        slot_taken = error.refusal is Refusal.SLOT_TAKEN  # an offer taken too late
        head = offer_gone() if slot_taken else mine_texts.no_longer_active()
    await redraw(query, *await mine_screen(uow, performer, user, now, head))
