"""Buttons of the request cards in the staff chat."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class StaffAction(StrEnum):
    TAKE = "t"
    TAKE_OVER = "o"  # a colleague's request becomes the presser's (on leave, or stuck)
    IN_PROGRESS = "p"
    NEED_INFO = "i"
    RESOLVE = "r"
    REJECT = "x"
    DUPLICATE = "d"
    REPLY = "a"  # an official answer to the resident, the status unchanged
    REASSIGN = "g"  # the department's head gives it to another department or person


class StaffCb(CallbackData, prefix="sf"):
    action: StaffAction
    request_id: int


class PhotoCb(CallbackData, prefix="pu"):
    """Show a request's photo on the public pages (public=True) or hide it: its number in the
    request (1, 2, ...), never Telegram's file id. At most ~20 bytes: "pu:2147483647:10:1"."""

    request_id: int
    number: int
    public: bool


class TemplateCb(CallbackData, prefix="tp"):
    """A ready-made answer picked for the request the presser is answering."""

    template_id: int


class ChatLangCb(CallbackData, prefix="cl"):
    """The staff chat's language, chosen by a staff member for everyone in the chat."""

    locale: str


class ReassignCb(CallbackData, prefix="ra"):
    """Where the head sends a request: a department's code, or a staff member (0: none)."""

    request_id: int
    department: str = ""
    staff_id: int = 0


class PhoneCategoryCb(CallbackData, prefix="pc"):
    """The category of a request an operator files for a caller (handlers/staff/phone_form)."""

    code: str
