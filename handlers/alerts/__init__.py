"""Alert settings of residents: saved addresses, what they follow, quiet hours, delivery,
and "what is off at my addresses now?"."""

from aiogram import F, Router

from handlers.alerts import (
    add_address,
    follow,
    home,
    is_back,
    listing,
    off_now,
    place,
    preferences,
    staff_suspected,
)


def create_router() -> Router:
    router = Router(name="alerts")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    home.register(router)
    preferences.register(router)
    add_address.register(router)
    place.register(router)
    follow.register(router)
    listing.register(router)
    off_now.register(router)
    is_back.register(router)
    return router


def create_staff_router() -> Router:
    """The crowd's cards in the staff chat (included by the staff router, in its chat)."""
    router = Router(name="alerts_staff")
    staff_suspected.register(router)
    return router
