"""The staff chat: request cards' buttons, questions and answers typed in reply, official
replies to a card, the staff commands. Only staff may act; anyone else gets a short alert
and nothing changes."""

from aiogram import Router

from handlers import alerts, booking, performers
from handlers.staff import (
    answers,
    card_buttons,
    department_queue,
    faq_stats,
    language,
    lookup,
    phone_form,
    photo_marks,
    reassign,
    roster,
    stats,
    templates,
)
from handlers.staff.filters import InStaffChat


def create_private_router() -> Router:
    """What staff may ask the bot in a private chat: a department head's /stats."""
    return stats.create_private_router()


def create_router() -> Router:
    router = Router(name="staff")
    router.message.filter(InStaffChat())
    router.callback_query.filter(InStaffChat())
    reassign.register(router)  # its card button before the others' catch-all
    photo_marks.register(router)  # the card's photo buttons (a prefix of their own)
    card_buttons.register(router)
    phone_form.register(router)  # its answers before the desk takes replies and commands
    # Art-prospect's cards before the desk (aiogram runs a router's own handlers, then its
    # children in order): a reason typed in reply to a booking's or a profile's prompt is not
    # an answer to a resident.
    router.include_router(booking.create_staff_router())
    router.include_router(performers.create_staff_router())
    router.include_router(alerts.create_staff_router())  # suspected outages' cards
    desk = Router(name="staff_desk")
    answers.register(desk)
    lookup.register(desk)
    department_queue.register(desk)
    roster.register(desk)
    templates.register(desk)
    faq_stats.register(desk)
    stats.register(desk)
    language.register(desk)
    router.include_router(desk)
    return router
