"""Buttons of the performer profile cards in the staff chat."""

from datetime import datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class PerformerDecision(StrEnum):
    APPROVE = "a"
    DECLINE = "x"  # asks for the reason, typed as the next message


class StaffPerformerCb(CallbackData, prefix="spf"):
    """`revision` is the profile version the card shows: a card of an older version must not
    approve what the performer has changed since."""

    action: PerformerDecision
    performer_id: int
    revision: int


def revision_of(updated_at: datetime) -> int:
    """A profile version as a short number: its last change, in milliseconds."""
    return int(updated_at.timestamp() * 1000)
