"""All routers, in the order they get a chance at an update."""

from aiogram import Router


def create_root_router() -> Router:
    from handlers import (
        account,
        alerts,
        booking,
        errors,
        fallback,
        faq,
        my_requests,
        performers,
        reports,
        staff,
        start,
    )
    from handlers.alerts import unsubscribe as alert_unsubscribe
    from handlers.my_requests import answer_albums, follow_up, resident_answers

    root = Router(name="root")
    root.include_routers(
        errors.create_router(),  # errors first: it only sees failures of the others
        start.create_router(),  # /start, /menu, /help, /cancel, language: work in any state
        staff.create_private_router(),  # /stats in private: a department head's figures
        # the later photos of an album whose first went to a request: to the same request
        answer_albums.create_router(),
        reports.create_router(),  # the report form (state-filtered steps)
        my_requests.create_router(),  # list, card, withdraw
        follow_up.create_router(),  # comment, answer a question, photo, rate, reopen
        # stateless text that answers staff: a reply to a request's message, or the next
        # message while one request waits (before the FAQ, which takes all other text)
        resident_answers.create_router(),
        alerts.create_router(),  # alert settings: addresses, subscriptions, quiet hours
        booking.create_router(),  # Art-prospect: sites, calendar, slots, my bookings
        performers.create_router(),  # Art-prospect: the performer's profile form and status
        staff.create_router(),  # the staff chat: card buttons, answers, replies to cards
        alert_unsubscribe.create_router(),  # the "unsubscribe" button under every alert
        booking.create_today_router(),  # "who is performing today?", for everyone
        account.create_router(),  # my profile: consent, phone, export, deletion
        faq.create_router(),  # free text is a question: FAQ answers, contacts, inline mode
        fallback.create_router(),  # last: whatever nobody else took
    )
    return root
