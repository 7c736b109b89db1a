"""Art-prospect booking: the home screen, sites that fit the act, the calendar, slots,
waiting lists and my bookings; who is performing today (for everyone); in the staff chat,
the bookings' cards and the day's list."""

from aiogram import F, Router

from handlers.booking import (
    browse,
    check_in,
    dates,
    home,
    mine,
    offers,
    slots,
    staff_day,
    staff_decisions,
    today,
)
from handlers.staff.filters import InStaffChat


def create_router() -> Router:
    router = Router(name="booking")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    home.register(router)
    browse.register(router)
    dates.register(router)
    slots.register(router)
    mine.register(router)
    check_in.register(router)
    offers.register(router)
    return router


def create_staff_router() -> Router:
    """Staff decide on bookings from their cards and mark no-shows in the day's list. The
    staff router includes it before the answers to residents: a reason typed in reply to
    the prompt is not an answer."""
    router = Router(name="booking_staff")
    router.message.filter(InStaffChat())
    router.callback_query.filter(InStaffChat())
    staff_decisions.register(router)
    staff_day.register(router)
    return router


def create_today_router() -> Router:
    """Who is performing today: for every resident, so later in the root's order."""
    return today.create_router()
