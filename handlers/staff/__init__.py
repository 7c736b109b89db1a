"""The staff chat: request cards' buttons, questions and answers typed in reply, official
replies to a card, the staff commands. Only staff may act; anyone else gets a short alert
and nothing changes."""

from aiogram import Router

from handlers.staff import (
    answers,
    bookings,
    card_buttons,
    faq_stats,
    language,
    lookup,
    performers,
    roster,
    templates,
)
from handlers.staff.filters import InStaffChat


def create_router() -> Router:
    router = Router(name="staff")
    router.message.filter(InStaffChat())
    router.callback_query.filter(InStaffChat())
    card_buttons.register(router)
    bookings.register(router)  # before answers: a reason typed in reply is not an answer
    performers.register(router)  # before answers too: a decline reason is not an answer
    answers.register(router)
    lookup.register(router)
    roster.register(router)
    templates.register(router)
    faq_stats.register(router)
    language.register(router)
    return router
