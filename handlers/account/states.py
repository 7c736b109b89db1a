"""The one step of the profile that waits for a message: the contact button."""

from aiogram.fsm.state import State, StatesGroup


class AccountForm(StatesGroup):
    phone = State()  # the reply keyboard with "send my number" is shown
