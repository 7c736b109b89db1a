"""Choosing a date: the calendar of a site, and the slots of a day."""

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from domain.booking.bookings import BookingPolicy, bookable_day
from domain.booking.sites import Site
from domain.clock import Clock
from domain.unit_of_work import CityUnitOfWork
from domain.users import User
from handlers.booking import slot_texts
from handlers.booking.bookable import bookable_performer
from handlers.booking.callbacks import (
    CalendarCb,
    CalendarNote,
    CalendarNoteCb,
    DayCb,
    from_ordinal,
)
from handlers.booking.day import calendar_screen, day_screen
from handlers.replies import alert, redraw, toast


async def open_site(uow: CityUnitOfWork, site_id: int, answer: CallbackAnswer) -> Site | None:
    site = await uow.sites.get(site_id)
    if site is None or not site.active:
        alert(answer, _("Эта площадка сейчас не принимает брони."))
        return None
    return site


async def show_calendar(
    query: CallbackQuery,
    callback_data: CalendarCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    now = clock.now()
    if await bookable_performer(uow, user.id, now, booking_policy, callback_answer) is None:
        return
    site = await open_site(uow, callback_data.site_id, callback_answer)
    if site is not None:
        screen = await calendar_screen(
            uow, clock, booking_policy, site, user.locale, callback_data.page
        )
        await redraw(query, *screen)


async def full_day(
    query: CallbackQuery, callback_data: CalendarNoteCb, callback_answer: CallbackAnswer
) -> None:
    day = from_ordinal(callback_data.day)
    if day is not None:
        toast(callback_answer, slot_texts.no_free_slots(day))


async def blank_cell(query: CallbackQuery) -> None:
    """Headers and days out of range: the press only stops the button's spinner."""


async def show_day(
    query: CallbackQuery,
    callback_data: DayCb,
    uow: CityUnitOfWork,
    user: User,
    clock: Clock,
    booking_policy: BookingPolicy,
    callback_answer: CallbackAnswer,
) -> None:
    now = clock.now()
    performer = await bookable_performer(uow, user.id, now, booking_policy, callback_answer)
    if performer is None:
        return
    site = await open_site(uow, callback_data.site_id, callback_answer)
    day = from_ordinal(callback_data.day)
    if site is None or day is None:
        return
    if not bookable_day(day, now, booking_policy):
        alert(callback_answer, slot_texts.out_of_range(booking_policy.horizon_days))
        return
    screen = await day_screen(uow, clock, booking_policy, site, day, performer, user.locale)
    await redraw(query, *screen)


def register(router: Router) -> None:
    router.callback_query.register(show_calendar, CalendarCb.filter())
    router.callback_query.register(full_day, CalendarNoteCb.filter(F.note == CalendarNote.FULL))
    router.callback_query.register(blank_cell, CalendarNoteCb.filter(F.note == CalendarNote.BLANK))
    router.callback_query.register(show_day, DayCb.filter())
