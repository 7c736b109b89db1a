"""Buttons of the FAQ screens: an answer, its votes, a request in a category, the lists."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class FaqAction(StrEnum):
    SHOW = "s"  # show an entry's answer (ref: entry id)
    HELPFUL = "y"  # "👍 Помогло" under an answer (ref: entry id)
    UNHELPFUL = "n"
    VOTED = "v"  # the thanks that replaces the vote buttons
    REPORT = "r"  # start a request with the category chosen (ref: category code)
    CONTACTS = "c"  # the city's phone numbers
    PAGE = "p"  # a page of the information menu


class FaqCb(CallbackData, prefix="fq"):
    action: FaqAction
    ref: str = ""  # an entry id (up to 64 bytes: such a button is left out) or a category
    page: int = 0
