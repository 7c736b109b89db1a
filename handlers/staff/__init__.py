"""The staff chat: request cards' buttons, questions and answers typed in reply, official
replies to a card, the staff commands. Only staff may act; anyone else gets a short alert
and nothing changes."""

from aiogram import Router

from handlers import booking, performers
from handlers.staff import (
    answers,
    card_buttons,
    faq_stats,
    language,
    lookup,
    roster,
    stats,
    templates,
)
from handlers.staff.filters import InStaffChat


def create_router() -> Router:
    router = Router(name="staff")
    router.message.filter(InStaffChat())
    router.callback_query.filter(InStaffChat())
    card_buttons.register(router)
    # Art-prospect's cards before the desk (aiogram runs a router's own handlers, then its
    # children in order): a reason typed in reply to a booking's or a profile's prompt is not
    # an answer to a resident.
    router.include_router(booking.create_staff_router())
    router.include_router(performers.create_staff_router())
    desk = Router(name="staff_desk")
    answers.register(desk)
    lookup.register(desk)
    roster.register(desk)
    templates.register(desk)
    faq_stats.register(desk)
    stats.register(desk)
    language.register(desk)
    router.include_router(desk)
    return router
