"""Art-prospect booking: the home screen, sites that fit the act, the calendar, slots,
waiting lists and my bookings."""

from aiogram import F, Router

from handlers.booking import browse, dates, home, mine, offers, slots


def create_router() -> Router:
    router = Router(name="booking")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    home.register(router)
    browse.register(router)
    dates.register(router)
    slots.register(router)
    mine.register(router)
    offers.register(router)
    return router
