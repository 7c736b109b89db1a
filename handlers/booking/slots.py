"""A slot chosen: confirm and book it, or wait for it when it is taken."""

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from domain.booking.bookings import BookingPolicy, BookingRefused, Refusal
from domain.booking.performers import Performer
from domain.booking.sites import Site, Slot
from domain.clock import Clock
from domain.services.booking import book, join_waitlist, leave_waitlist
from domain.services.booking_views import slots_of_day
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.booking import keyboards, slot_texts
from handlers.booking.bookable import bookable_performer
from handlers.booking.callbacks import SlotAction, SlotCb, from_unix
from handlers.booking.dates import open_site
from handlers.booking.day import day_screen
from handlers.booking.refusals import refusal_text
from handlers.booking.texts import where_lines
from handlers.replies import alert, redraw, toast
from handlers.transaction import commit_before_telling

Chosen = tuple[Performer, Site, Slot]


async def chosen(
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    policy: BookingPolicy,
    data: SlotCb,
    answer: CallbackAnswer,
) -> Chosen | None:
    """The performer, the site and the slot the button names; None (answered) otherwise."""
    performer = await bookable_performer(uow, user.id, clock.now(), policy, answer)
    if performer is None:
        return None
    site = await open_site(uow, data.site_id, answer)
    starts_at = from_unix(data.at)
    slot = site.slot_at(starts_at) if site is not None and starts_at is not None else None
    if site is None or slot is None:
        alert(answer, refusal_text(Refusal.SITE_CLOSED, policy))
        return None
    return performer, site, slot


async def pick(
    query: CallbackQuery,
    callback_data: SlotCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    found = await chosen(uow, user, clock, booking_policy, callback_data, callback_answer)
    if found is not None:
        _, site, slot = found
        text = slot_texts.confirm(site.name(user.locale), slot, site.auto_approve, booking_policy)
        await redraw(query, text, keyboards.confirm(slot, slot.local_day()))


async def book_slot(
    query: CallbackQuery,
    callback_data: SlotCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    found = await chosen(uow, user, clock, booking_policy, callback_data, callback_answer)
    if found is None:
        return
    performer, site, slot = found
    name = site.name(user.locale)
    try:
        booking = await book(
            uow,
            clock,
            booking_policy,
            user_id=user.id,
            site_id=slot.site_id,
            starts_at=slot.starts_at,
        )
    except BookingRefused as refused:
        text = refusal_text(refused.refusal, booking_policy, performer)
        day = slot.local_day()
        if refused.refusal is Refusal.SLOT_TAKEN:  # the fresh list of the day under it
            screen = await day_screen(
                uow, clock, booking_policy, site, day, performer, user.locale
            )
            await redraw(query, f"{text}\n\n{screen[0]}", screen[1])
        else:
            await redraw(query, text, keyboards.confirm(slot, day, can_book=False))
        return
    await commit_before_telling(uow)
    await redraw(
        query,
        slot_texts.booked(name, booking, where_lines(site)),
        keyboards.after_booking(site.id or 0),
    )


async def wait(
    query: CallbackQuery,
    callback_data: SlotCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    found = await chosen(uow, user, clock, booking_policy, callback_data, callback_answer)
    if found is None:
        return
    _, site, slot = found
    name = site.name(user.locale)
    free, _taken = await slots_of_day(uow, clock, booking_policy, site, slot.local_day())
    if slot in free:  # freed meanwhile: offer it at once instead of a pointless wait
        text = slot_texts.freed_meanwhile() + "\n\n"
        text += slot_texts.confirm(name, slot, site.auto_approve, booking_policy)
        await redraw(query, text, keyboards.confirm(slot, slot.local_day()))
        return
    try:
        joined = await join_waitlist(uow, clock, user.id, slot.site_id, slot.starts_at)
    except BookingRefused as refused:
        alert(callback_answer, refusal_text(refused.refusal, booking_policy))
        return
    await commit_before_telling(uow)
    text = slot_texts.waiting(name, slot, booking_policy, already=not joined)
    await redraw(query, text, keyboards.waiting(slot, slot.local_day()))


async def leave(
    query: CallbackQuery,
    callback_data: SlotCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    found = await chosen(uow, user, clock, booking_policy, callback_data, callback_answer)
    if found is None:
        return
    performer, site, slot = found
    await leave_waitlist(uow, user.id, slot.site_id, slot.starts_at)
    await commit_before_telling(uow)
    toast(callback_answer, slot_texts.left_waitlist())
    day = slot.local_day()
    screen = await day_screen(uow, clock, booking_policy, site, day, performer, user.locale)
    await redraw(query, *screen)


def register(router: Router) -> None:
    router.callback_query.register(pick, SlotCb.filter(F.action == SlotAction.PICK))
    router.callback_query.register(book_slot, SlotCb.filter(F.action == SlotAction.BOOK))
    router.callback_query.register(wait, SlotCb.filter(F.action == SlotAction.WAIT))
    router.callback_query.register(leave, SlotCb.filter(F.action == SlotAction.LEAVE))
