"""The entry points of Art-prospect, shared by its routers (booking, the performer's profile,
"who is performing today") so that each can link to the others."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class ArtAction(StrEnum):
    HOME = "h"  # the Art-prospect screen (handlers/booking)
    REGISTER = "reg"  # a performer's profile: new or edited (handlers/performers)
    PROFILE = "pro"
    BROWSE = "br"  # sites to book (handlers/booking)
    MINE = "my"  # my bookings (handlers/booking)
    TODAY = "td"  # who is performing today, for everyone (handlers/booking)


class ArtCb(CallbackData, prefix="art"):
    """Entry points shared by the Art-prospect routers, so each can link to the others."""

    action: ArtAction
