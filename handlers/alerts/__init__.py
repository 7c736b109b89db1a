"""Alert settings of residents: saved addresses, what they follow, quiet hours, delivery,
and "what is off at my addresses now?"."""

from aiogram import F, Router

from handlers.alerts import add_address, follow, home, listing, off_now, place, preferences


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
    return router
