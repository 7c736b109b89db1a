"""The author's forms after filing (handlers/my_requests/follow_up)."""

from aiogram.fsm.state import State, StatesGroup


class FollowUp(StatesGroup):
    comment = State()  # text or a photo for the request in the form data
    reopen_reason = State()
