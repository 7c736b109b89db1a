"""Performers: a profile staff approve once; changes that matter go back to approval."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from domain.booking.sites import Equipment, Site, Sound
from domain.errors import InvalidInput

MAX_STAGE_NAME = 60
MAX_DESCRIPTION = 500
MAX_LINKS = 3


class Genre(StrEnum):
    MUSIC = "music"
    DANCE = "dance"
    THEATRE = "theatre"
    CIRCUS = "circus"
    VISUAL_ART = "visual_art"
    OTHER = "other"


class PerformerStatus(StrEnum):
    PENDING = "pending"  # waiting for staff
    APPROVED = "approved"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class Performer:
    user_id: int
    stage_name: str
    genre: Genre
    group_size: int
    sound: Sound
    created_at: datetime
    updated_at: datetime
    equipment: frozenset[Equipment] = frozenset()
    description: str = ""
    links: tuple[str, ...] = ()
    status: PerformerStatus = PerformerStatus.PENDING
    decline_reason: str | None = None
    suspended_until: datetime | None = None  # repeated no-shows
    id: int | None = field(default=None)

    def __post_init__(self) -> None:
        if not self.stage_name.strip() or len(self.stage_name) > MAX_STAGE_NAME:
            raise InvalidInput(f"a stage name is 1-{MAX_STAGE_NAME} characters")
        if not 1 <= self.group_size <= 50:
            raise InvalidInput("a group is 1-50 people")
        if len(self.description) > MAX_DESCRIPTION:
            raise InvalidInput(f"the description is at most {MAX_DESCRIPTION} characters")
        if len(self.links) > MAX_LINKS or any(
            not link.startswith(("https://", "http://")) for link in self.links
        ):
            raise InvalidInput(f"up to {MAX_LINKS} links starting with https://")

    def suspended(self, now: datetime) -> bool:
        return self.suspended_until is not None and self.suspended_until > now


def misfit(performer: Performer, site: Site) -> str | None:
    """Why the act does not fit the site (a refusal code), or None when it does."""
    if performer.sound > site.sound:
        return "too_loud"
    if performer.group_size > site.max_group:
        return "group_too_big"
    if not performer.equipment <= site.equipment:
        return "equipment_not_allowed"
    return None


# What staff judged: a change to any of these needs their look again.
_MATERIAL = ("stage_name", "genre", "group_size", "sound", "equipment")


def updated_profile(current: Performer, new: Performer, now: datetime) -> Performer:
    """The profile after an edit; an approved act whose material details changed goes back
    to approval (its bookings stay: a rename does not cancel Saturday)."""
    material = any(getattr(current, name) != getattr(new, name) for name in _MATERIAL)
    status = current.status
    if material or status is PerformerStatus.DECLINED:
        status = PerformerStatus.PENDING
    return replace(
        new,
        id=current.id,
        user_id=current.user_id,
        created_at=current.created_at,
        updated_at=now,
        status=status,
        decline_reason=None if status is PerformerStatus.PENDING else current.decline_reason,
        suspended_until=current.suspended_until,
    )
