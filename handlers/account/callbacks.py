"""Buttons of the profile screens (prefix "acc")."""

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class AccountAction(StrEnum):
    HOME = "h"  # the profile screen
    CONSENT = "c"  # read the personal-data text
    AGREE = "y"
    DECLINE = "n"
    PHONE = "p"  # share the phone (the text to agree to first, if needed)
    FORGET_PHONE = "fp"
    EXPORT = "x"
    DELETE = "d"  # asks first
    DELETE_CONFIRM = "dy"
    WITHDRAW = "w"  # withdrawing consent erases the account too: asks first
    WITHDRAW_CONFIRM = "wy"


class AccountCb(CallbackData, prefix="acc"):
    action: AccountAction
    then_phone: bool = False  # agreeing goes on to the phone button
    # On the erasure confirmations: when the account was created, so a confirmation left
    # in the chat from an earlier account can never erase a new one.
    stamp: int = 0
