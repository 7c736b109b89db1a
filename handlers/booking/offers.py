"""Taking an offered slot, and leaving a waiting list from "My bookings"."""

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from domain.booking.bookings import BookingPolicy, BookingRefused
from domain.clock import Clock
from domain.errors import NotFound
from domain.services.booking import accept_offer, leave_waitlist
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.booking import mine_texts
from handlers.booking.callbacks import MineAction, MineCb, SlotAction, SlotCb, from_unix
from handlers.booking.mine import mine_screen, refused, site_name
from handlers.booking.refusals import not_yours
from handlers.booking.texts import where_lines
from handlers.replies import alert, redraw, toast
from handlers.transaction import commit_before_telling


async def accept(
    query: CallbackQuery,
    callback_data: MineCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        booking = await accept_offer(uow, clock, user.id, callback_data.booking_id)
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
    performer = await uow.performers.by_user(user.id)
    assert performer is not None
    site = await uow.sites.get(booking.site_id)
    where = where_lines(site) if site is not None else []
    head = mine_texts.accepted(await site_name(uow, booking, user.locale), booking, where)
    await redraw(query, *await mine_screen(uow, performer, user, clock.now(), head))


async def leave(
    query: CallbackQuery,
    callback_data: SlotCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    performer = await uow.performers.by_user(user.id)
    starts_at = from_unix(callback_data.at)
    if performer is None or starts_at is None:
        alert(callback_answer, not_yours())
        return
    # Deletes only the presser's own place in line: a forged one leaves nothing changed.
    if await leave_waitlist(uow, user.id, callback_data.site_id, starts_at):
        await commit_before_telling(uow)
        toast(callback_answer, mine_texts.left())
    await redraw(query, *await mine_screen(uow, performer, user, clock.now()))


def register(router: Router) -> None:
    router.callback_query.register(accept, MineCb.filter(F.action == MineAction.ACCEPT))
    router.callback_query.register(leave, SlotCb.filter(F.action == SlotAction.LEAVE_MINE))
