"""Buttons of the performer's profile form (the entry buttons are ArtCb in handlers/callbacks)."""

from datetime import datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from domain.booking.performers import Genre
from domain.booking.sites import Equipment

GROUP_MORE = 0  # the "5+" button: the number is typed next


class GenreCb(CallbackData, prefix="pfg"):
    genre: Genre


class GroupCb(CallbackData, prefix="pfn"):
    size: int  # 1–4, or GROUP_MORE


class SoundCb(CallbackData, prefix="pfs"):
    level: int  # a Sound value


class EquipmentCb(CallbackData, prefix="pfe"):
    item: Equipment  # ticked or unticked in place


class StepAction(StrEnum):
    DONE = "d"  # equipment chosen, links given
    SKIP = "s"  # nothing for this step (no description, no links)
    KEEP = "k"  # editing: leave this step as it was


class StepCb(CallbackData, prefix="pfx"):
    action: StepAction


class ProfileAction(StrEnum):
    SUBMIT = "ok"
    CANCEL = "x"
    EDIT_NAME = "en"
    EDIT_GENRE = "eg"
    EDIT_GROUP = "es"
    EDIT_SOUND = "ed"
    EDIT_EQUIPMENT = "ee"
    EDIT_DESCRIPTION = "et"
    EDIT_LINKS = "el"


class ProfileCb(CallbackData, prefix="pfm"):
    """The summary's buttons: send, change a step, or drop the form."""

    action: ProfileAction


# The staff chat's buttons of a profile card
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
