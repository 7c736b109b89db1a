"""Buttons of the report form's own detours (the main steps' buttons are in handlers/callbacks)."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class OutageOfferAction(StrEnum):
    FOLLOW = "f"  # tell me when it is back, instead of filing
    FILE_ANYWAY = "a"


class OutageOfferCb(CallbackData, prefix="ro"):
    """Under "a known outage covers this address": what the outage is is kept in the form."""

    action: OutageOfferAction
