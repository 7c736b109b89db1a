"""Buttons of the report form's own detours (the main steps' buttons are in handlers/callbacks)."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class OutageOfferAction(StrEnum):
    FOLLOW = "f"  # tell me when it is back, instead of filing
    FILE_ANYWAY = "a"


class OutageOfferCb(CallbackData, prefix="ro"):
    """Under "a known outage covers this address": what the outage is is kept in the form."""

    action: OutageOfferAction


class CategoryCb(CallbackData, prefix="ct"):
    code: str


class PhotosAction(StrEnum):
    DONE = "d"
    SKIP = "s"


class PhotosCb(CallbackData, prefix="ph"):
    action: PhotosAction


class SummaryAction(StrEnum):
    SUBMIT = "ok"
    CANCEL = "x"
    EDIT_CATEGORY = "ec"
    EDIT_PLACE = "ep"
    EDIT_PHOTOS = "eph"
    EDIT_DESCRIPTION = "ed"
    SUBMIT_ANYWAY = "any"


class SummaryCb(CallbackData, prefix="sm"):
    action: SummaryAction


class JoinCb(CallbackData, prefix="jn"):
    request_id: int
