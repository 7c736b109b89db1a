"""Callback data of the request list, a request's card and the answers to staff: short
prefixes and ids keep every button under Telegram's 64 bytes."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class RequestAction(StrEnum):
    OPEN = "o"
    WITHDRAW = "w"
    WITHDRAW_CONFIRM = "wy"
    COMMENT = "c"  # a comment, an answer to staff's question, or a photo
    REOPEN = "ro"
    SHOW_DESCRIPTION = "ds"  # asks, saying what becomes public
    SHOW_DESCRIPTION_CONFIRM = "dy"
    HIDE_DESCRIPTION = "dh"  # at once: taking consent back needs no second press


class RateCb(CallbackData, prefix="rt"):
    request_id: int
    stars: int


class RequestCb(CallbackData, prefix="rq"):
    action: RequestAction
    request_id: int
    page: int = 0  # the list page to go back to


class PageCb(CallbackData, prefix="pg"):
    page: int


class AnswerAction(StrEnum):
    PICK = "p"  # this message answers that request (several wait)
    NOT_ANSWER = "n"  # it is not an answer: look it up in the FAQ
    UNDO = "u"  # take back what went to a request by itself


class AnswerCb(CallbackData, prefix="an"):
    """Text typed outside a form that went (or may go) to one of the person's requests."""

    action: AnswerAction
    request_id: int = 0
    event_id: int = 0
