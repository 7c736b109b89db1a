"""Buttons of the request cards in the staff chat."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class StaffAction(StrEnum):
    TAKE = "t"
    IN_PROGRESS = "p"
    NEED_INFO = "i"
    RESOLVE = "r"
    REJECT = "x"
    DUPLICATE = "d"


class StaffCb(CallbackData, prefix="sf"):
    action: StaffAction
    request_id: int
