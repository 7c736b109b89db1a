"""Typed callback data: short prefixes and ids keep every button under Telegram's 64 bytes."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class MenuAction(StrEnum):
    REPORT = "r"
    MINE = "m"
    HELP = "h"
    ALERTS = "al"
    ART = "art"
    SETTINGS = "s"
    INFO = "i"  # the city FAQ and contacts
    ACCOUNT = "acc"  # my profile, data and consent
    HOME = "home"


class MenuCb(CallbackData, prefix="mn"):
    action: MenuAction


class LangCb(CallbackData, prefix="lg"):
    locale: str


class CategoryCb(CallbackData, prefix="ct"):
    code: str


class AddressCb(CallbackData, prefix="ad"):
    index: int  # position in the candidate list kept in the form; -1 = none of these


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


class RequestAction(StrEnum):
    OPEN = "o"
    WITHDRAW = "w"
    WITHDRAW_CONFIRM = "wy"
    COMMENT = "c"  # a comment, an answer to staff's question, or a photo
    REOPEN = "ro"


class RateCb(CallbackData, prefix="rt"):
    request_id: int
    stars: int


class RequestCb(CallbackData, prefix="rq"):
    action: RequestAction
    request_id: int
    page: int = 0  # the list page to go back to


class PageCb(CallbackData, prefix="pg"):
    page: int


class AlertUnsubCb(CallbackData, prefix="au"):
    """The "unsubscribe from this kind" button under every alert: an OutageKind or an
    EventCategory value (their values never clash; a topic's ':' cannot go in callback data)."""

    kind: str


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


class AnswerAction(StrEnum):
    PICK = "p"  # this message answers that request (several wait)
    NOT_ANSWER = "n"  # it is not an answer: look it up in the FAQ
    UNDO = "u"  # take back what went to a request by itself


class AnswerCb(CallbackData, prefix="an"):
    """Text typed outside a form that went (or may go) to one of the person's requests."""

    action: AnswerAction
    request_id: int = 0
    event_id: int = 0
